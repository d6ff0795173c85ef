"""The language data of entity resolution, read from `rasd/data/resolve/` on first use.

Each file is a small hand-reviewed TSV (see `rasd/data/README.md`): reference nouns, title words,
organisation head nouns, name-word variants, country sets, nisba exceptions, blocked contexts and
the romanisation tables. `Lexicon` holds them all, keyed by `norm_key`; `lexicon()` builds it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rasd.model import ENTITY_TYPES
from rasd.resolve.errors import ResolveDataError
from rasd.text.article import strip_article
from rasd.text.normalize import norm_key

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
RESOLVE_DIR = DATA_DIR / "resolve"
ALIASES_DIR = DATA_DIR / "aliases"

DEMONSTRATIVES = frozenset(norm_key(w) for w in ("هذه", "هذا", "تلك", "ذلك", "هاته", "هذين", "هاتين"))
SAME = frozenset(norm_key(w) for w in ("ذاته", "ذاتها", "نفسه", "نفسها", "المذكور", "المذكورة"))


def key(text: str) -> str:
    """`norm_key` with quotation marks removed and whitespace collapsed."""
    return " ".join(norm_key(text).replace('"', " ").split())


def read_tsv(
    path: Path, columns: int, fix: str = "Reinstall rasd or restore the file from the repository.", header: bool = True
) -> list[list[str]]:
    """Rows of a TSV data file: comment lines (#) and the header row (when it has one) are skipped;
    every row must have at least `columns` cells and a non-empty first cell. Missing cells are
    padded with ""."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResolveDataError(path=str(path), problem="the data file is missing", fix=fix) from exc
    rows: list[list[str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < columns:
            cells += [""] * (columns - len(cells))
        if not cells[0]:
            raise ResolveDataError(
                path=f"{path}:{n}",
                problem=f"row {line!r} has an empty first column",
                fix="Fill it in or delete the row.",
            )
        rows.append(cells)
    return rows


@dataclass(slots=True)
class RefRule:
    """A reference noun: the entity type it points to and its constraints (any may hold)."""

    noun: str
    type: str
    titles: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    any: bool = False


@dataclass(slots=True)
class Lexicon:
    references: dict[str, RefRule] = field(default_factory=dict)  # «المجموعه» → rule
    indefinite_refs: dict[str, RefRule] = field(
        default_factory=dict
    )  # «مجموعه» → rule (with a demonstrative)
    reference_nouns: frozenset[str] = frozenset()  # the keys of both
    title_words: frozenset[str] = frozenset()  # without the article
    leader_words: frozenset[str] = frozenset()
    qualifier_words: frozenset[str] = frozenset()  # «عام», «التنفيذي»: between a leader word and what it leads
    descriptors: frozenset[str] = frozenset()  # «السابق», «المعزول»: may end a title before the name
    compound_words: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    boundaries: frozenset[str] = frozenset()
    heads: dict[str, int] = field(default_factory=dict)  # droppable head noun → min words left
    state_bodies: frozenset[str] = frozenset()  # head nouns of a state's bodies (without the article)
    unit_heads: frozenset[str] = frozenset()  # head nouns of parts of organisations («مركز», «لجنة»)
    media_heads: frozenset[str] = frozenset()  # head nouns of outlets («وكالة», «قناة»)
    seated_heads: frozenset[str] = frozenset()  # bodies located where «في» after their name says («سفارة»)
    media_names: frozenset[str] = frozenset()  # keys of the outlets' names (the NER's `ner/media.tsv`)
    variants: dict[str, str] = field(default_factory=dict)  # word → replacement ("" = ignored)
    country_sets: dict[str, frozenset[str]] = field(default_factory=dict)  # set → ids
    nisba_exceptions: dict[str, str] = field(default_factory=dict)  # adjective → id ("" = blocked)
    contexts: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    latin_letters: dict[str, tuple[str, str]] = field(default_factory=dict)
    latin_names: dict[str, str] = field(default_factory=dict)  # normalised (multi-)word → Latin
    latin_max_words: int = 1
    latin_foreign: frozenset[str] = frozenset()  # keys of latin_names that are foreign given names
    latin_letters_foreign: dict[str, tuple[str, str]] = field(default_factory=dict)
    foreign_letters: frozenset[str] = frozenset()  # foreign_names.tsv: letters Arabic words do not use
    foreign_inside: tuple[tuple[str, int], ...] = ()  # (sequence, fewest letters of the word)
    foreign_endings: tuple[tuple[str, int], ...] = ()
    foreign_vowels: tuple[tuple[str, int, int], ...] = ()  # (vowel letters, how many, fewest letters)
    foreign_spellings: dict[str, str] = field(default_factory=dict)  # sequence → Latin, in foreign words
    arabic_patterns: re.Pattern[str] | None = None  # foreign_names.tsv: Arabic word patterns, as one regex

    def is_title_word(self, stem: str) -> bool:
        return stem in self.title_words or strip_article(stem) in self.title_words


def _rules(path: Path) -> tuple[dict[str, RefRule], dict[str, RefRule]]:
    refs: dict[str, RefRule] = {}
    indef: dict[str, RefRule] = {}
    for n, (noun, typ, cons, *_rest) in enumerate(read_tsv(path, 3), 1):
        if typ not in ENTITY_TYPES:
            raise ResolveDataError(
                path=f"{path} row {n}",
                problem=f"unknown entity type {typ!r}",
                fix=f"Use one of {', '.join(ENTITY_TYPES)}.",
            )
        rule = RefRule(key(noun), typ)
        titles, heads, kinds, sets = [], [], [], []
        for c in cons.split("|"):
            c = c.strip()
            name, _, value = c.partition(":")
            if name == "any":
                rule.any = True
            elif name == "title":
                titles.append(strip_article(key(value)))
            elif name == "head":
                heads.append(strip_article(key(value)))
            elif name == "kind":
                kinds.append(value)
            elif name == "set":
                sets.append(value)
            else:
                raise ResolveDataError(
                    path=f"{path} row {n}",
                    problem=f"unknown constraint {c!r}",
                    fix="Use title:, head:, kind:, set: or any.",
                )
        rule.titles, rule.heads, rule.kinds, rule.sets = (
            tuple(titles),
            tuple(heads),
            tuple(kinds),
            tuple(sets),
        )
        refs[rule.noun] = rule
        if typ in ("ORG", "LOC") and rule.noun.startswith("ال"):
            indef[rule.noun[2:]] = rule
    return refs, indef


@lru_cache(maxsize=4)
def lexicon(data_dir: Path = RESOLVE_DIR) -> Lexicon:
    """All the word lists of `data_dir` (default: the shipped `rasd/data/resolve`)."""
    lex = Lexicon()
    lex.references, lex.indefinite_refs = _rules(data_dir / "references.tsv")
    lex.reference_nouns = frozenset(lex.references) | frozenset(lex.indefinite_refs)
    classes: dict[str, set[str]] = {
        "title": set(),
        "leader": set(),
        "qualifier": set(),
        "descriptor": set(),
        "compound": set(),
        "honorific": set(),
        "boundary": set(),
    }
    for word, cls, *_ in read_tsv(data_dir / "titles.tsv", 2):
        if cls not in classes:
            raise ResolveDataError(
                path=str(data_dir / "titles.tsv"),
                problem=f"unknown class {cls!r} of {word!r}",
                fix=f"Use one of {sorted(classes)}.",
            )
        k = key(word)
        classes[cls].add(strip_article(k) if cls in ("title", "leader", "qualifier", "compound") else k)
    lex.title_words = frozenset(classes["title"])
    lex.leader_words = frozenset(classes["leader"])
    lex.qualifier_words = frozenset(classes["qualifier"])
    lex.descriptors = frozenset(classes["descriptor"])
    lex.compound_words = frozenset(classes["compound"])
    lex.honorifics = frozenset(classes["honorific"])
    lex.boundaries = frozenset(classes["boundary"])
    for word, n, *_ in read_tsv(data_dir / "heads.tsv", 2):
        lex.heads[key(word)] = int(n or 1)
    lex.state_bodies = frozenset(key(w) for w, *_ in read_tsv(data_dir / "state_bodies.tsv", 1))
    parts: dict[str, set[str]] = {"unit": set(), "media": set(), "seated": set()}
    for word, cls, *_ in read_tsv(data_dir / "parts.tsv", 2):
        if cls not in parts:
            raise ResolveDataError(path=str(data_dir / "parts.tsv"), problem=f"unknown class {cls!r} of {word!r}",
                                   fix=f"Use one of {sorted(parts)}.")
        parts[cls].add(key(word))
    lex.unit_heads, lex.media_heads = frozenset(parts["unit"]), frozenset(parts["media"])
    lex.seated_heads = frozenset(parts["seated"])
    # the outlets the NER knows (`ner/media.tsv`: name, class; no header row)
    lex.media_names = frozenset(key(w) for w, *_ in read_tsv(data_dir.parent / "ner" / "media.tsv", 1, header=False))
    for word, repl, *_ in read_tsv(data_dir / "name_variants.tsv", 2):
        lex.variants[key(word)] = "" if repl == "-" else key(repl)
    for name, codes, *_ in read_tsv(data_dir / "country_sets.tsv", 2):
        lex.country_sets[name] = frozenset(f"country:{c}" for c in codes.split())
    for adj, ident, *_ in read_tsv(data_dir / "nisba.tsv", 2):
        lex.nisba_exceptions[key(adj)] = "" if ident == "-" else ident
    for name, before, after, *_ in read_tsv(data_dir / "contexts.tsv", 3):
        lex.contexts[key(name)] = (
            frozenset(key(w) for w in before.split("|") if w),
            frozenset(key(w) for w in after.split("|") if w),
        )
    for letter, cons, vowel, fcons, fvowel, *_ in read_tsv(data_dir / "latin_letters.tsv", 5):
        lex.latin_letters[letter] = (cons, vowel)
        lex.latin_letters_foreign[letter] = (fcons or cons, fvowel or vowel)
    _foreign_cues(lex, data_dir / "foreign_names.tsv")
    foreign = set()
    for n, (ar, lat, origin, *_) in enumerate(read_tsv(data_dir / "latin_names.tsv", 3), 1):
        if origin not in ("ar", "foreign"):
            raise ResolveDataError(
                path=str(data_dir / "latin_names.tsv"),
                problem=f"row {n} ({ar!r}) has origin {origin!r}, not 'ar' or 'foreign'",
                fix="Write ar for a name of Arabic origin, foreign for any other.",
            )
        k = key(ar)
        lex.latin_names[k] = lat
        lex.latin_max_words = max(lex.latin_max_words, len(k.split()))
        if origin == "foreign":
            foreign.add(k)
    lex.latin_foreign = frozenset(foreign)
    return lex


_CONSONANT = "[بتثجحخدذرزسشصضطظعغفقكلمنهءئؤة]"


def _foreign_cues(lex: Lexicon, path: Path) -> None:
    """Load `foreign_names.tsv` (kind, arabic, latin, letters) into `lex`."""
    inside: list[tuple[str, int]] = []
    endings: list[tuple[str, int]] = []
    patterns: list[str] = []
    for n, (kind, ar, lat, least, *_) in enumerate(read_tsv(path, 4), 1):
        if kind == "letters":
            lex.foreign_letters = lex.foreign_letters | frozenset(ar)
        elif kind == "arabic" and set(ar) - set("Cابتثجحخدذرزسشصضطظعغفقكلمنهويةء"):
            raise ResolveDataError(
                path=str(path), problem=f"row {n}: pattern {ar!r} has a character that is not C or an Arabic letter",
                fix="Write a pattern with C for a consonant letter and Arabic letters.",
            )
        elif kind == "arabic":
            patterns.append(ar.replace("C", _CONSONANT))
        elif kind == "vowels" and lat.isdigit() and least.isdigit():
            lex.foreign_vowels += ((ar, int(lat), int(least)),)
        elif kind == "spelling" and lat:
            lex.foreign_spellings[ar] = lat
        elif kind in ("inside", "ending") and least.isdigit():
            (inside if kind == "inside" else endings).append((ar, int(least)))
        else:
            raise ResolveDataError(
                path=str(path),
                problem=f"row {n} ({kind!r}, {ar!r}) is not a letters, vowels, inside, ending or spelling row with its columns",
                fix="Give inside and ending rows a number of letters, vowels rows two numbers, spelling rows a Latin spelling.",
            )
    lex.foreign_inside = tuple(inside)
    if patterns:
        lex.arabic_patterns = re.compile(f"(?:{'|'.join(patterns)})(?:ي|ة|ه|ات|ية|يه|ان)?")
    lex.foreign_endings = tuple(endings)
