"""NewsFANE Gold in ANERcorp's conventions: four classes, clitics attached, overlap detected.

NewsFANE (Alotaibi & Lee 2014) annotates Arabic newswire with 50 fine classes and splits clitics off
as tokens (`و قال`, `ان ه`); ANERcorp tags `PERS`/`LOC`/`ORG`/`MISC` on whitespace tokens that keep
their clitics (`وقال`, `انه`, `ببروكسيل B-LOC`). This module

- reads the file (`read_fane`: `token<TAB>tag`, bidirectional marks and the BOM removed);
- maps each fine class to an ANERcorp class or to `O` (`FINE_TO_COARSE`; nationalities, `Group`,
  are not entities in ANERcorp: «الفرنسي O»);
- attaches split clitics again (`rejoin`): a proclitic token (و ف ب ل ك س) to the token after it,
  and a pronoun or verb-ending token to the token before it when the joined form is a word of the
  unlabelled-news lexicon (`rasd.text.clitics.lexicon`), with the written ل + ال → لل. A joined
  token takes the tag of its first tagged part (the host word), as ANERcorp does;
- finds the sentences that are (nearly) sentences of another corpus (`OverlapIndex`: the share of
  a sentence's letter 8-grams, spaces and marks dropped, that the other corpus's sentences have).

Hamza and alef forms are left as NewsFANE writes them: the tagger's features read `norm_key`, which
folds them (and ى, ة) the same way, so restoring them would not change a single feature.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import TrainingDataError
from rasd.ner.conll import Sentence, read_sentences
from rasd.text.normalize import norm_key, norm_lex

PERS, LOC, ORG, MISC = "PERS", "LOC", "ORG", "MISC"

# NewsFANE's fine classes (ACE-style subtypes) → ANERcorp's classes; None: not an entity there.
# Each class goes where most of its tokens are in ANERcorp's own annotation of the same sentences
# (`class_agreement`, the training part: `scripts/newsfane_to_conll.py --agreement`): ministries
# («وزارة الخارجية», `Government`), nationalities (`Group`), films, buildings, roads and software are
# not tagged by ANERcorp in the main, so they map to None.
FINE_TO_COARSE: dict[str, str | None] = {
    # people
    "Politician": PERS, "Athlete": PERS, "Artist": PERS, "Other_PER": PERS, "Religious_PER": PERS,
    "Scientist": PERS, "Businessperson": PERS, "Lawyer": PERS, "Engineer": PERS, "Police": PERS,
    # places
    "Nation": LOC, "Population-Center": LOC, "State-or-Province": LOC, "GPE-Cluster": LOC,
    "Continent": LOC, "County-or-District": LOC, "Water-Body": LOC, "Land-Region-Natural": LOC,
    # organisations
    "Non-Governmental": ORG, "Sports": ORG, "Media": ORG, "Commercial": ORG, "Educational": ORG,
    "Religious_ORG": ORG, "Entertainment": ORG,
    # works and products
    "Book": MISC, "Air": MISC, "Water": MISC, "Food": MISC, "Drug": MISC, "Plant": MISC,
    # mostly untagged in ANERcorp
    "Group": None, "Government": None, "Movie": None, "Building-Grounds": None, "Path": None,
    "Land": None, "Medical-Science": None, "Software": None, "Airport": None,
    "Subarea-Facility": None, "Hardware": None, "Projectile": None, "Shooting": None,
}
COARSE = (PERS, LOC, ORG, MISC)

PROCLITICS = frozenset("وفبلكس")
# tokens that NewsFANE splits off the end of a word: object and possessive pronouns, verb endings
_BOTH_SIDES = frozenset("كس")  # proclitics that also end words
ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "ي", "ني", "ك", "كم", "كما", "كن", "ت", "ن", "ء", "ا", "وا", "تم", "تن"})

_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\ufeff\u200b\u200c\u200d\u202a\u202b\u202c\u202d\u202e"))
_ARABIC = re.compile("[\u0621-\u064a]")
_LETTERS = re.compile("[^0-9A-Za-z\u0621-\u064a]+")


def read_fane(path: str | Path) -> list[Sentence]:
    """Read NewsFANE's `token<TAB>tag` file; raise TrainingDataError naming the first bad line."""
    return read_sentences(path, _fane_line, clean=_INVISIBLE)


def _fane_line(path: str, n: int, line: str) -> tuple[str, str]:
    token, sep, tag = line.rpartition("\t")
    token, tag = token.strip(), tag.strip()
    if not sep or not token:
        raise TrainingDataError(path=path, line=n, problem=f"expected 'TOKEN<TAB>TAG', got {line!r}")
    if tag != "O" and (tag[:2] not in ("B-", "I-") or tag[2:] not in FINE_TO_COARSE):
        raise TrainingDataError(path=path, line=n, problem=f"unknown NewsFANE tag {tag!r}")
    return token, tag


def map_tags(tags: Sequence[str], mapping: Mapping[str, str | None] = FINE_TO_COARSE) -> tuple[str, ...]:
    """Fine tags → coarse BIO tags; an entity of an unmapped class becomes `O` throughout, and an
    `I-` after a dropped or different entity starts a new one (`B-`)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        cls = mapping.get(tag[2:]) if tag != "O" else None
        if cls is None:
            out.append("O")
        elif tag[0] == "I" and prev[2:] == cls:
            out.append("I-" + cls)
        else:
            out.append("B-" + cls)
        prev = out[-1]
    return tuple(out)


def _attach(left: str, right: str) -> str:
    """The written form of `left` + `right`: ل + ال is written لل (ل + الاتحاد = للاتحاد)."""
    if left.endswith("ل") and right.startswith("ال") and len(left) == 1:
        return "ل" + right[1:]
    return left + right


def _joined_tag(tags: Sequence[str]) -> str:
    for tag in tags:
        if tag != "O":
            return tag
    return "O"


def rejoin(tokens: Sequence[str], tags: Sequence[str], count: Callable[[str], int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Attach NewsFANE's split clitics again (see the module docstring). `count` gives a joined
    form's corpus count: a pronoun or verb-ending token is attached only to make an attested word
    (they are also words or letters of their own: «كم» a kilometre; «ا» of a split «ا متداد» joins
    only if «امتداد» is a word), and ك or س, which also end words, go to the side whose joined form
    is the more frequent («وجه ك في» → «وجهك في», «ك ما» → «كما»). Returns the new tokens and their
    tags; tags are carried, not mapped."""
    if len(tokens) != len(tags):
        raise ValueError("tokens and tags differ in length")
    out_tok: list[str] = []
    out_tags: list[list[str]] = []
    hosts: list[str] = []  # each output token without the proclitics attached to it
    pending: list[tuple[str, str]] = []  # proclitic tokens waiting for their host
    n = len(tokens)
    for i, (tok, tag) in enumerate(zip(tokens, tags, strict=True)):
        if tok in PROCLITICS:
            after = tokens[i + 1] if i + 1 < n else ""
            left = count(hosts[-1] + tok) if not pending and out_tok and _ARABIC.match(out_tok[-1]) else 0
            if tok in _BOTH_SIDES and left and left > count(tok + after):
                out_tok[-1] += tok
                hosts[-1] += tok
                out_tags[-1].append(tag)
            else:
                pending.append((tok, tag))
            continue
        if pending:
            if _ARABIC.match(tok):
                form = tok
                for clitic, _ in reversed(pending):
                    form = _attach(clitic, form)
                # the host's tag first: a proclitic is never where an ANERcorp entity starts
                out_tok.append(form)
                hosts.append(tok)
                out_tags.append([tag, *(ctag for _, ctag in pending)])
                pending = []
                continue
            for clitic, ctag in pending:
                out_tok.append(clitic)
                hosts.append(clitic)
                out_tags.append([ctag])
            pending = []
        if tok in ENCLITICS and out_tok and _ARABIC.match(out_tok[-1]) and count(hosts[-1] + tok) > 0:
            out_tok[-1] += tok
            hosts[-1] += tok
            out_tags[-1].append(tag)
            continue
        out_tok.append(tok)
        hosts.append(tok)
        out_tags.append([tag])
    for clitic, ctag in pending:
        out_tok.append(clitic)
        hosts.append(clitic)
        out_tags.append([ctag])
    return tuple(out_tok), tuple(_joined_tag(t) for t in out_tags)


def lexicon_count() -> Callable[[str], int]:
    """`count` for `rejoin`: a form's count in the unlabelled-news lexicon (by its `norm_lex` key)."""
    from rasd.text.clitics import lexicon

    lex = lexicon()
    return lambda form: lex.get(norm_lex(form), 0)


def letters_key(tokens: Iterable[str]) -> str:
    """A sentence's letters and digits, `norm_key`-folded, without spaces or punctuation: the same
    text tokenised either way gives the same key."""
    return _LETTERS.sub("", norm_key("".join(tokens)))


class OverlapIndex:
    """Sentences of a reference corpus, indexed by their letter 8-grams, to find which sentence
    (if any) another sentence is (nearly) a copy of."""

    N = 8

    def __init__(self, sentences: Sequence[Sequence[str]]) -> None:
        self._grams: dict[str, list[int]] = {}
        self._sizes: list[int] = []
        for k, tokens in enumerate(sentences):
            grams = self._shingles(letters_key(tokens))
            self._sizes.append(len(grams))
            for g in grams:
                self._grams.setdefault(g, []).append(k)

    @classmethod
    def _shingles(cls, key: str) -> set[str]:
        if len(key) < cls.N:
            return {key} if key else set()
        return {key[i : i + cls.N] for i in range(len(key) - cls.N + 1)}

    def coverage(self, tokens: Sequence[str], start: int = 0) -> float:
        """The share of this sentence's letter 8-grams found in the reference sentences from
        index `start` on (together: a sentence that joins two reference sentences is covered)."""
        grams = self._shingles(letters_key(tokens))
        if not grams:
            return 0.0
        found = sum(1 for g in grams if any(k >= start for k in self._grams.get(g, ())))
        return found / len(grams)


@dataclass(frozen=True, slots=True)
class Converted:
    """One NewsFANE sentence in ANERcorp's conventions, and how much of it the reference has."""

    sentence: Sentence
    share: float  # share of its letter 8-grams found in the reference sentences
    held_share: float  # … in the held-out ones (from `held_out` on)


def convert(
    sentences: Iterable[Sentence],
    reference: OverlapIndex,
    held_out: int,
    *,
    count: Callable[[str], int],
    mapping: Mapping[str, str | None] = FINE_TO_COARSE,
) -> list[Converted]:
    """Rejoin clitics, map the classes, and measure how much of each sentence the reference
    sentences have, and how much the held-out ones (index `held_out` on) have."""
    out = []
    for s in sentences:
        tokens, fine = rejoin(s.tokens, s.tags, count)
        share = reference.coverage(tokens)
        held = reference.coverage(tokens, held_out) if share else 0.0
        out.append(Converted(Sentence(tokens, map_tags(fine, mapping), s.line), share, held))
    return out


def class_agreement(
    sentences: Iterable[Sentence], reference: Sequence[Sentence], count: Callable[[str], int]
) -> dict[str, Counter]:
    """For each fine class, the ANERcorp types (or 'O') of its tokens, counted over the NewsFANE
    sentences that, clitics attached again, are exactly a sentence of `reference` token for token."""
    by_key: dict[str, Sentence] = {}
    for r in reference:
        by_key.setdefault(letters_key(r.tokens), r)
    out: dict[str, Counter] = {}
    for s in sentences:
        tokens, fine = rejoin(s.tokens, s.tags, count)
        ref = by_key.get(letters_key(tokens))
        if ref is None or len(ref.tokens) != len(tokens):
            continue
        for f, g in zip(fine, ref.tags, strict=True):
            out.setdefault(f[2:] if f != "O" else "O", Counter())[g[2:] if g != "O" else "O"] += 1
    return out
