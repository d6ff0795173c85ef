"""Proclitic segmentation decided by word frequency, and the word-frequency lexicon.

`segment(word)` returns `(n, stem)`: `n` is the number of characters of `word` taken by proclitics
(conjunctions و ف, prepositions ب ل ك, the future marker س before an imperfect verb, and their
combinations), `stem` the normalised key of the rest. After ل the elided article is restored in the
key: «للتحالف» → (1, "التحالف"), «لليل» → (1, "الليل"); ل + a word that itself begins with ل
(«للبنان» → لبنان) needs that word to be far more common than the article reading.

A split is made only when the lexicon makes it more probable than the whole word. Each reading is
scored `(count + 0.5) × prior`. The whole word's prior is 1, or 3 when the corpus shows it as a word
of its own: preceded by a preposition or the article (بوزارة، لبنان → بلبنان، الوزير), which a
clitic-bearing form such as «وقال» never is. A split is scored by the count of its stem and a prior
for its proclitics, which is low when the whole word is such a host (so «فيصل», «بكين», «وزارة»
stay whole although يصل، كين، زارة are words) and high when it is not (so «وقال», «بسبب», «ستكون»
split). A stem that begins with the article ال gets a high prior either way (higher still when the whole
word is no host: «بالإضافة» is far more common than «الإضافة»), so «بالعراق» and unseen
«والتحالفات» split, while «بريطانيا» or «لبنان» stay whole because their remainders are rare or
unknown. Stems shorter than three letters (four with ال), and stems seen fewer than 20 times
without the article, are never split off.

The lexicon (`data/lexicon/ar_words.tsv.gz`, built by `scripts/build_lexicon.py`) maps `norm_lex`
keys (the `norm_key` form, but keeping ة) to corpus counts. It is loaded on first use.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from rasd.errors import ModelError
from rasd.text.normalize import lex_map, norm_lex

__all__ = ["LEXICON_PATH", "lexicon", "segment", "unsplit_and", "word_count"]

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "ar_words.tsv.gz"

_SMOOTH = 0.5
_MIN_STEM = 3  # letters left after the clitics
_MIN_ARTICLE_STEM = 4  # ال + two letters
_MIN_STEM_COUNT = 20  # a stem without the article must be at least this common
_HOST_PRIOR = 3.0  # prior of the whole word when the corpus shows it after a preposition or ال
_MIN_HOSTED = 5  # … at least this many times
_HOSTED_SHARE = 0.02  # … and at least this share of its own count
_MIN_ARTICLE_COUNT = 3  # a known article stem …
_ARTICLE_FREE_BOOST = 10.0  # … after a clitic-bearing form that is never a host weighs this much more
_FUTURE_NEXT = frozenset("يتن")  # imperfect prefixes that may follow the future marker س

# proclitic: (prior when the whole word is a host, prior when it is not, prior before ال)
_PRIORS: dict[str, tuple[float, float, float]] = {
    "و": (0.5, 25.0, 10.0),
    "ف": (0.2, 10.0, 5.0),
    "ب": (0.3, 15.0, 10.0),
    "ل": (0.3, 15.0, 10.0),
    "ك": (0.03, 0.3, 5.0),
    "س": (0.1, 5.0, 0.0),
}


def _combinations() -> list[tuple[str, float, float, float]]:
    """Every proclitic sequence with its three priors (the product for two clitics)."""
    out = []
    for conj in ("", "و", "ف"):
        for second in ("", "ب", "ل", "ك", "س"):
            p = conj + second
            if not p:
                continue
            host = 1.0
            for ch in p:
                host *= _PRIORS[ch][0]
            # With two clitics the second one's priors apply, halved.
            scale = 0.5 if conj and second else 1.0
            free = _PRIORS[second or conj][1] * scale
            art = _PRIORS[second or conj][2] * scale
            out.append((p, host, free, art))
    return out


_PREFIXES = _combinations()
_BY_FIRST: dict[str, list[tuple[str, float, float, float]]] = {}
for _entry in _PREFIXES:
    _BY_FIRST.setdefault(_entry[0][0], []).append(_entry)
_CACHE_LIMIT = 300_000
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


def unsplit_and(key: str) -> bool:
    """A word (normalised key) that begins with «و» which `segment` left on it, though the news
    never write the word whole and do write it without «و»: a foreign name after «and» («وكولين»),
    which context shows but the segmenter, word by word, cannot."""
    return key[:1] == "و" and len(key) >= 4 and word_count(key) <= 2 and word_count(key[1:]) >= 3


def segment(word: str) -> tuple[int, str]:
    """`(n, stem)`: characters of `word` taken by proclitics, and the `norm_key` of the stem."""
    res = _cache.get(word)
    if res is None:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        res = _cache[word] = _segment(word)
    return res


def _segment(word: str) -> tuple[int, str]:
    key = norm_lex(word)
    if len(key) < _MIN_STEM or key[0] not in _BY_FIRST:
        return 0, key.replace("ة", "ه")
    lex = lexicon()
    whole = lex.get(key, 0)
    hosted = lex.get("ب" + key, 0) + lex.get("ك" + key, 0) + lex.get("ال" + key, 0)
    if key[0] != "ل":  # ل + ل… is ambiguous with ل + ال…
        hosted += lex.get("ل" + key, 0)
    is_host = hosted >= _MIN_HOSTED and hosted >= _HOSTED_SHARE * whole
    best_score = (whole + _SMOOTH) * (_HOST_PRIOR if is_host else 1.0)
    best_k, best_stem = 0, key
    for p, host_prior, free_prior, art_prior in _BY_FIRST[key[0]]:
        if not key.startswith(p):
            continue
        k = len(p)
        rest = key[k:]
        if p[-1] == "س" and rest[:1] not in _FUTURE_NEXT:
            continue
        if p[-1] == "ك" and rest[:1] == "ي":  # ك (like) goes before nouns, not imperfect verbs
            continue
        readings = [rest]
        elided = p[-1] == "ل" and rest.startswith("ل")
        if elided:
            readings += ["ا" + rest, "ال" + rest]  # ل + ال: للتحالف, لليل
        for stem in readings:
            if len(stem) < _MIN_STEM:
                continue
            count = lex.get(stem, 0)
            if stem.startswith("ال") and len(stem) >= _MIN_ARTICLE_STEM and art_prior:
                if count >= _MIN_ARTICLE_COUNT and not is_host:
                    score = (count + _SMOOTH) * art_prior * _ARTICLE_FREE_BOOST  # بالإضافة، للغاية
                else:
                    score = (count + _SMOOTH) * art_prior
            elif count >= _MIN_STEM_COUNT:
                # ل + a word in ل (للبنان) is rarer than ل + ال (للمساعدة): no free prior for it
                score = (count + _SMOOTH) * (host_prior if is_host or elided else free_prior)
            else:
                continue
            if score > best_score:
                best_score, best_k, best_stem = score, k, stem
    if best_k:
        # Map the clitics' key length back to characters of `word` (marks and tatweel after a
        # clitic letter belong to it); never split inside a ligature such as ﻻ.
        _, offsets = lex_map(word)
        if offsets[best_k] == offsets[best_k - 1]:
            return 0, key.replace("ة", "ه")
        return offsets[best_k], best_stem.replace("ة", "ه")
    return 0, key.replace("ة", "ه")
