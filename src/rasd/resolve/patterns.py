"""The relation patterns of `relations.tsv`: parsing and checking (the language is described in the
file's header). Every pattern needs a subject and an object slot and at least one word that is not
optional: a pattern is only tried in sentences that contain its words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasd.resolve.errors import RelationPatternError
from rasd.resolve.resources import RESOLVE_DIR, key, read_tsv

RELATION_TYPES = ("ROLE_OF", "MEMBER_OF", "PART_OF", "CO_CHAIR_OF", "LOCATED_IN", "LEADS", "AFFILIATED_WITH")
TYPES = ("PERSON", "ORG", "LOC", "ENT")
CONDITIONS = ("fem", "masc", "country", "notcountry")


@dataclass(slots=True)
class Elem:
    op: str  # word | comma | gap | slot | list | nisba
    words: tuple[tuple[str, ...], ...] = ()  # alternatives, each a word sequence
    single: frozenset[str] = frozenset()  # the one-word alternatives
    multi: tuple[tuple[str, ...], ...] = ()  # the others
    optional: bool = False
    n: int = 0  # gap size
    type: str = "ENT"
    conds: tuple[str, ...] = ()
    role: str = ""
    prefix: str = ""


@dataclass(slots=True, eq=False)
class Pattern:
    type: str
    elems: list[Elem]
    required: tuple[frozenset[str], ...]  # for each required word element, the words that satisfy it
    slots: tuple[Elem, ...]  # the entity slots (each needs an entity of the sentence)
    first: frozenset[str]  # first words the pattern can start with (empty: it starts with an entity)
    text: str


def _parse_elem(tok: str, where: str, line: int, text: str) -> Elem:
    def bad(problem: str) -> RelationPatternError:
        return RelationPatternError(
            path=where, line=line, pattern=text, problem=problem, fix="See the syntax in the file's header."
        )

    optional = tok.startswith("?")
    if optional:
        tok = tok[1:]
    if tok.startswith("*"):
        if not tok[1:].isdigit():
            raise bad(f"gap {tok!r} needs a number (*5)")
        return Elem("gap", n=int(tok[1:]))
    if tok in ("،", ","):
        return Elem("comma", optional=optional)
    prefix = ""
    if "+@" in tok:
        prefix, tok = tok.split("+", 1)
        prefix = key(prefix)
    if tok.startswith(("@", "%")):
        head, eq, role = tok.partition("=")
        if not eq or role not in ("subj", "obj"):
            raise bad(f"slot {tok!r} needs =subj or =obj")
        parts = head[1:].split(":")
        name, conds = parts[0], tuple(parts[1:])
        for c in conds:
            if c not in CONDITIONS and c not in TYPES:
                raise bad(f"unknown condition {c!r}")
        if tok.startswith("%"):
            if name != "NISBA":
                raise bad(f"unknown slot {head!r}")
            return Elem("nisba", conds=conds, role=role)
        if name == "LIST":
            typ = next((c for c in conds if c in TYPES), "ENT")
            return Elem("list", type=typ, conds=tuple(c for c in conds if c not in TYPES), role=role)
        if name not in TYPES:
            raise bad(f"unknown entity type {name!r}")
        return Elem("slot", type=name, conds=conds, role=role, prefix=prefix)
    alts = tuple(tuple(key(w) for w in alt.split("_")) for alt in tok.split("|") if alt)
    if not alts:
        raise bad("empty word element")
    single = frozenset(a[0] for a in alts if len(a) == 1)
    multi = tuple(a for a in alts if len(a) > 1)
    return Elem("word", words=alts, single=single, multi=multi, optional=optional)


def _refused(path: Path, line: int, text: str, problem: str, fix: str) -> RelationPatternError:
    return RelationPatternError(path=str(path), line=line, pattern=text, problem=problem, fix=fix)


@lru_cache(maxsize=4)
def load_patterns(path: Path = RESOLVE_DIR / "relations.tsv") -> tuple[Pattern, ...]:
    out = []
    for n, (typ, text, *_rest) in enumerate(read_tsv(path, 2), 1):
        if typ not in RELATION_TYPES:
            fix = f"Use one of {', '.join(RELATION_TYPES)}."
            raise _refused(path, n, text, f"unknown relation type {typ!r}", fix)
        elems = [_parse_elem(t, str(path), n, text) for t in text.split()]
        roles = {e.role for e in elems if e.role}
        if roles != {"subj", "obj"}:
            raise _refused(path, n, text, "a pattern needs a subj and an obj slot", "Add the missing slot.")
        required = tuple(
            frozenset(w for alt in e.words for w in alt[:1])
            for e in elems
            if e.op == "word" and not e.optional
        )
        if not required:
            raise _refused(
                path,
                n,
                text,
                "a pattern needs at least one word that is not optional",
                "Add a trigger word: patterns are only tried in sentences that contain their words.",
            )
        slots = tuple(e for e in elems if e.op in ("slot", "list"))
        head = elems[0]
        if head.op == "word" and head.optional or head.op in ("gap", "comma", "nisba"):
            fix = "Start it with a word (not optional) or an @ slot."
            raise _refused(path, n, text, "a pattern must start with a word or an entity", fix)
        first = frozenset(alt[0] for alt in head.words) if head.op == "word" else frozenset()
        out.append(Pattern(typ, elems, required, slots, first, text))
    return tuple(out)


@lru_cache(maxsize=8)
def first_word_index(patterns: tuple[Pattern, ...]) -> dict[str, tuple[int, ...]]:
    """Word → the indexes of the patterns whose first required word element it satisfies."""
    index: dict[str, list[int]] = {}
    for k, p in enumerate(patterns):
        for w in p.required[0]:
            index.setdefault(w, []).append(k)
    return {w: tuple(ks) for w, ks in index.items()}
