"""Place names induced from unlabelled news with lexical patterns (Hearst-style), no labels needed.

A word is counted as a place candidate when it follows a settlement noun («مدينة X», «بلدة X»,
«محافظة X», «العاصمة X» …) or precedes a country adjective in the feminine («X المغربية»,
«X السورية»; the adjectives are derived from the one-word country names). A candidate is kept when it
was seen in such patterns at least `min_hits` times and in at least `min_share` of all its
occurrences, and when it does not behave like a common noun (it is rarely seen both with and
without the article). Only the words and their counts are written, never text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rasd.text.article import strip_article
from rasd.text.normalize import norm_key

SETTLEMENT_NOUNS = tuple(
    norm_key(w)
    for w in (
        "مدينة",
        "بلدة",
        "قرية",
        "محافظة",
        "ولاية",
        "العاصمة",
        "عاصمة",
        "إقليم",
        "مخيم",
        "ضاحية",
        "جزيرة",
        "ميناء",
        "مقاطعة",
        "بلدية",
        "ناحية",
        "قضاء",
    )
)


def _strict_proper(stem: str) -> bool:
    """Never seen with/without the article, nor with a possessive suffix, in the lexicon."""
    from rasd.ner.features import proper_noun_signals

    art, sfx = proper_noun_signals(stem)
    return art in ("0", "rare") and sfx in ("0", "rare")


def country_adjectives(country_names: list[str]) -> set[str]:
    """Feminine definite adjectives of one-word country names: «المغرب» → «المغربيه»."""
    out = set()
    for name in country_names:
        k = norm_key(name)
        if " " in k:
            continue
        bare = strip_article(k, keep=0)
        if bare.endswith("ا"):
            bare = bare[:-1]
        if len(bare) >= 3:
            out.add("ال" + bare + "يه")
    return out


def induce_places(
    texts,
    country_names: list[str],
    *,
    min_hits: int = 3,
    min_share: float = 0.05,
    exclude: set[str] | frozenset[str] = frozenset(),
    log: Callable[[str], None] = print,
) -> list[tuple[str, int, int]]:
    """(stem, pattern hits, total count) of the induced place names, most hits first."""
    from rasd.ner.rules import _common_noun
    from rasd.text.tokenize import tokenize

    adjectives = country_adjectives(country_names)
    nouns = frozenset(SETTLEMENT_NOUNS)
    hits: Counter[str] = Counter()  # after a settlement noun
    adj_hits: Counter[str] = Counter()  # before a country adjective
    total: Counter[str] = Counter()
    n_docs = 0
    for text in texts:
        n_docs += 1
        toks = [t for t in tokenize(text)]
        prev = None
        for i, t in enumerate(toks):
            if t.kind != "WORD":
                prev = None
                continue
            total[t.stem] += 1
            if prev is not None and prev.stem in nouns and not t.prefix_len:
                hits[t.stem] += 1
            elif (
                i + 1 < len(toks)
                and toks[i + 1].kind == "WORD"
                and toks[i + 1].norm in adjectives
                and not toks[i + 1].prefix_len
            ):
                adj_hits[t.stem] += 1
            prev = t
    log(f"read {n_docs} articles, {sum(total.values())} words, {len(hits) + len(adj_hits)} candidates")
    out = []
    for stem in set(hits) | set(adj_hits):
        h, a, n = hits[stem], adj_hits[stem], total[stem]
        if len(stem) < 3 or stem in exclude or stem in nouns or stem in adjectives or _common_noun(stem):
            continue
        # an adjective-like or abstract -ية word («الخارجية») needs a clearly larger share
        share = min_share * 3 if stem.endswith("يه") or stem.endswith("ي") else min_share
        # the adjective pattern is weaker («السلطات المغربية»): without two settlement-noun hits,
        # only clear proper nouns count
        if h + a >= min_hits and h + a >= share * n and (h >= 2 and h >= share * n or _strict_proper(stem)):
            out.append((stem, h + a, n))
    out.sort(key=lambda r: (-r[1], r[0]))
    return out
