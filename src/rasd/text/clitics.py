"""Proclitic segmentation decided by word frequency, and the word-frequency lexicon.

`segment(word)` returns `(n, stem)`: `n` is the number of characters of `word` taken by proclitics
(conjunctions و ف, prepositions ب ل ك, the future marker س before an imperfect verb, and their
combinations), `stem` the normalised key of the rest. After ل the elided article is restored in the
key: «للتحالف» → (1, "التحالف"), «لليل» → (1, "الليل").

A split is made only when the lexicon makes it more probable than the whole word. Each reading is
scored `(count + 0.5) × prior`: the whole word with prior 1, a split by the count of its stem and a
prior for its proclitics; a stem that begins with the article ال after the clitic gets a much higher
prior (a strong sign of a clitic), so «بالعراق» and unseen «والتحالفات» split, while «بريطانيا»,
«لبنان» or «وزارة» stay whole because their remainders are rare or unknown and the whole word is
common. Stems shorter than three letters (four with ال) are never split off.

The lexicon (`data/lexicon/ar_words.tsv.gz`, built by `scripts/build_lexicon.py`) maps `norm_lex`
keys (the `norm_key` form, but keeping ة) to corpus counts. It is loaded on first use.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from rasd.errors import ModelError
from rasd.text.normalize import lex_map

__all__ = ["LEXICON_PATH", "lexicon", "segment", "word_count"]

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "ar_words.tsv.gz"

_SMOOTH = 0.5
_MIN_STEM = 3  # letters left after the clitics
_MIN_ARTICLE_STEM = 4  # ال + two letters
_FUTURE_NEXT = frozenset("يتن")  # imperfect prefixes that may follow the future marker س

# (proclitic letters, prior of the split, prior when the stem starts with the article ال)
_PRIORS: dict[str, tuple[float, float]] = {
    "و": (0.5, 10.0),
    "ف": (0.2, 5.0),
    "ب": (0.3, 10.0),
    "ل": (0.3, 10.0),
    "ك": (0.03, 5.0),
    "س": (0.1, 0.0),
}


def _combinations() -> list[tuple[str, float, float]]:
    out = []
    for conj in ("", "و", "ف"):
        for second in ("", "ب", "ل", "ك", "س"):
            p = conj + second
            if not p:
                continue
            prior, art = 1.0, 1.0
            for ch in p:
                prior *= _PRIORS[ch][0]
            art = _PRIORS[second][1] if second else _PRIORS[conj][1]
            if conj and second:
                art *= 0.5
            out.append((p, prior, art))
    return out


_PREFIXES = _combinations()
_CACHE_LIMIT = 500_000
_cache: dict[str, tuple[int, str]] = {}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, int]:
    """The word-frequency lexicon: `norm_lex` key → count (loaded once, on first use)."""
    try:
        with gzip.open(LEXICON_PATH, "rt", encoding="utf-8") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise ModelError(
            path=str(LEXICON_PATH),
            problem="the word-frequency lexicon is missing",
            fix="Regenerate it with `python scripts/build_lexicon.py ../shared/data/ant-unlabeled`, "
            "or reinstall rasd.",
        ) from exc
    counts: dict[str, int] = {}
    for line in data.splitlines():
        word, _, count = line.partition("\t")
        counts[word] = int(count)
    return counts


def word_count(key: str) -> int:
    """Corpus count of a normalised word form (a `norm_key` or `norm_lex` key); 0 when unknown.

    `norm_key` folds ة into ه, so a key ending in ه counts both spellings (وزاره = وزارة + وزاره).
    """
    lex = lexicon()
    count = lex.get(key, 0)
    if key.endswith("ه"):
        count += lex.get(key[:-1] + "ة", 0)
    elif key.endswith("ة"):
        count += lex.get(key[:-1] + "ه", 0)
    return count


def segment(word: str) -> tuple[int, str]:
    """`(n, stem)`: characters of `word` taken by proclitics, and the `norm_key` of the stem."""
    res = _cache.get(word)
    if res is None:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        res = _cache[word] = _segment(word)
    return res


def _segment(word: str) -> tuple[int, str]:
    key, offsets = lex_map(word)
    if len(key) < _MIN_STEM + 1 or key[0] not in "وفبلكس":
        return 0, key.replace("ة", "ه")
    lex = lexicon()
    best_score = lex.get(key, 0) + _SMOOTH
    best_n, best_stem = 0, key
    for p, prior, art_prior in _PREFIXES:
        if not key.startswith(p):
            continue
        k = len(p)
        if offsets[k] == offsets[k - 1]:  # the split would cut a ligature (ﻻ) in two
            continue
        rest = key[k:]
        if p[-1] == "س" and rest[:1] not in _FUTURE_NEXT:
            continue
        readings = [rest]
        if p[-1] == "ل" and rest.startswith("ل"):
            readings += ["ا" + rest, "ال" + rest]  # ل + ال: للتحالف, لليل
        for stem in readings:
            if len(stem) < _MIN_STEM:
                continue
            if stem.startswith("ال") and len(stem) >= _MIN_ARTICLE_STEM and art_prior:
                score = (lex.get(stem, 0) + _SMOOTH) * art_prior
            else:
                score = (lex.get(stem, 0) + _SMOOTH) * prior
            if score > best_score:
                best_score, best_n, best_stem = score, offsets[k], stem
    return best_n, best_stem.replace("ة", "ه")
