"""The quotation lexicon: reporting verbs and their forms, complementizers, negation particles,
speaker head nouns, source phrases, framing adverbials, clause boundaries and naming nouns.

Everything is read from `rasd/data/quotes/*.tsv` once, on first use (`quote_lexicon()`), and keyed
with `norm_key` so that it matches `Token.norm` / `Token.stem`. The word lists the event rules use
too (complementizers, negations, clause boundaries, speaker heads) are read by
`rasd.text.function_words`; this module adds the reporting verbs and the quotation-only lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rasd.quotes.errors import QuoteDataError
from rasd.text.article import strip_article
from rasd.text.function_words import DATA_DIR, check_value, load_function_words, read_rows
from rasd.text.inflect import (
    VERB_CLASSES,
    participle_agreement,
    participle_forms,
    third_person_agreement,
    verb_forms,
)
from rasd.text.normalize import norm_key

__all__ = [
    "DATA_DIR",
    "Cue",
    "QuoteLexicon",
    "load_quote_lexicon",
    "quote_lexicon",
]

COMPLEMENTS = frozenset({"an", "ila_an", "ila", "obj", "colon"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One reporting verb: its lemma, what content it takes, and whether it negates by itself."""

    lemma: str
    complements: frozenset[str]
    negating: bool = False
    participle: bool = False  # the form found is the participle (معتبرا), not a finite verb
    aimed: bool = False  # a person as its object is whom it is aimed at, not content («انتقد الوزير»)


@dataclass(slots=True)
class QuoteLexicon:
    finite: dict[str, Cue] = field(default_factory=dict)  # key -> cue (every finite form)
    jussive: dict[str, Cue] = field(default_factory=dict)  # key -> cue, only after a negation
    participles: dict[str, Cue] = field(default_factory=dict)
    forms: dict[str, Cue] = field(default_factory=dict)  # finite forms and participles together
    boundaries: frozenset[str] = frozenset()  # participles that open a new clause after a comma
    complementizers: frozenset[str] = frozenset()
    blockers: frozenset[str] = frozenset()
    impersonal: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    speakers: dict[str, str] = field(default_factory=dict)  # head key (no article) -> class
    sources: tuple[tuple[str, ...], ...] = ()  # phrases as key tuples; "ل-" = proclitic on next
    adverbials: tuple[tuple[str, ...], ...] = ()
    echoes: tuple[tuple[str, ...], ...] = ()  # «هكذا», «بهذه الكلمات» after a quotation (echoes.tsv)
    naming: frozenset[str] = frozenset()
    ila: str = norm_key("إلى")
    nonnames: frozenset[str] = frozenset()  # words that never begin a speaker's name
    adverbs: frozenset[str] = frozenset()  # ... of which those that are never a subject either
    org_heads: frozenset[str] = frozenset()  # ... and those that introduce an organisation's name
    outlets: frozenset[str] = frozenset()  # ... of which news outlets (also without quotation marks)
    agreement: dict[str, str] = field(default_factory=dict)  # key of a third-person form -> m | f | p
    masculine_bodies: frozenset[str] = frozenset()  # masculine head nouns of organisations (no article)


def _phrases(path: Path) -> tuple[tuple[str, ...], ...]:
    out = []
    for _, (phrase,) in read_rows(path, 1):
        out.append(tuple(w if w.endswith("-") else norm_key(w) for w in phrase.split()))
    return tuple(out)


def load_quote_lexicon(data_dir: Path = DATA_DIR) -> QuoteLexicon:
    """Read and check every quotation data file in `data_dir`."""
    words = load_function_words(data_dir)  # checks the participles of cues.tsv too
    lex = QuoteLexicon(
        boundaries=words.boundaries,
        complementizers=words.complementizers,
        blockers=words.blockers,
        impersonal=words.impersonal,
        negations=words.negations,
        speakers=dict(words.speakers),
    )
    cues_path = data_dir / "cues.tsv"
    for n, (lemma, vclass, past, present, part, comps, flags) in read_rows(cues_path, 7):
        check_value(cues_path, n, vclass, VERB_CLASSES, "verb class")
        complements = frozenset(c for c in comps.split(",") if c)
        bad = complements - COMPLEMENTS
        if bad or not complements:
            raise QuoteDataError(
                path=str(cues_path),
                line=n,
                problem=f"bad complements {comps!r}",
                fix=f"Use a comma-separated list of {', '.join(sorted(COMPLEMENTS))}.",
            )
        if flags not in ("-", "negating", "aimed"):
            raise QuoteDataError(
                path=str(cues_path), line=n, problem=f"unknown flag {flags!r}", fix="Use 'negating', 'aimed' or '-'."
            )
        cue = Cue(lemma, complements, flags == "negating", aimed=flags == "aimed")
        forms = verb_forms(vclass, past, present)
        for f in forms.forms:
            lex.finite.setdefault(norm_key(f), cue)
        for f in forms.jussive_only:
            lex.jussive.setdefault(norm_key(f), cue)
        for f, agr in third_person_agreement(vclass, past, present).items():
            lex.agreement.setdefault(norm_key(f), agr)
        if part != "-":
            pcue = Cue(lemma, complements, flags == "negating", participle=True, aimed=flags == "aimed")
            for f in participle_forms(part):
                lex.participles.setdefault(norm_key(f), pcue)
            for f, agr in participle_agreement(part).items():
                lex.agreement.setdefault(norm_key(f), agr)
    lex.forms = {**lex.participles, **lex.finite}
    lex.sources = _phrases(data_dir / "sources.tsv")
    lex.adverbials = _phrases(data_dir / "adverbials.tsv")
    lex.echoes = _phrases(data_dir / "echoes.tsv")
    lex.naming = frozenset(strip_article(norm_key(w)) for _, (w,) in read_rows(data_dir / "naming.tsv", 1))
    npath = data_dir / "nonnames.tsv"
    nonnames: set[str] = set()
    adverbs: set[str] = set()
    heads: set[str] = set()
    outlets: set[str] = set()
    for n, (word, cls) in read_rows(npath, 2):
        if cls not in ("adverb", "noun", "head", "outlet"):
            raise QuoteDataError(
                path=str(npath), line=n, problem=f"unknown class {cls!r}", fix="Use adverb, noun, head or outlet."
            )
        nonnames.add(norm_key(word))
        if cls == "adverb":
            adverbs.add(norm_key(word))
        elif cls in ("head", "outlet"):
            heads.add(norm_key(word))
            if cls == "outlet":
                outlets.add(norm_key(word))
    lex.masculine_bodies = frozenset(norm_key(w) for _, (w,) in read_rows(data_dir / "masculine_bodies.tsv", 1))
    lex.nonnames = frozenset(nonnames)
    lex.adverbs = frozenset(adverbs)
    lex.org_heads = frozenset(heads)
    lex.outlets = frozenset(outlets)
    return lex


@lru_cache(maxsize=1)
def quote_lexicon() -> QuoteLexicon:
    """The shipped lexicon, loaded once."""
    return load_quote_lexicon()
