"""Mentions that are no names: weekdays, months, time words, currencies and other units.

Whatever the tagger or a rule proposes, a mention made only of such words («الجمعة», «مساء
الثلاثاء», «دولار», «الدولار», «دولارا», «يونيو») is dropped, and a name that runs on into a time
phrase is cut before it («مجلس الشيوخ الأمريكي الشهر الماضي» → «مجلس الشيوخ الأمريكي»). A time
word that opens a mention («مساء») is left out of it.

The words come from the dates data (`data/dates/`: weekdays, Gregorian and Hijri months, day words,
times of day, periods and their directions, units of quantities) and from `data/ner/not_names.tsv`
(religions, Allah, a few common nouns and time words the dates data does not list).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from rasd.dates.lexicon import lexicon as dates_lexicon
from rasd.model import Token
from rasd.ner.gazetteer import _rows
from rasd.text.article import strip_article
from rasd.text.normalize import norm_key

__all__ = ["NOT_NAMES_PATH", "not_name_words", "time_words", "trim"]

NOT_NAMES_PATH = Path(__file__).resolve().parents[1] / "data" / "ner" / "not_names.tsv"
_TIME_CATEGORIES = ("dayword", "time", "period", "part")
_EDGE = frozenset(("PUNCT", "SYMBOL"))
_SKIP = frozenset(("PUNCT", "SYMBOL", "NUMBER"))
_PAIRS = {'"': '"', "»": "«", "”": "“"}  # closing quotation mark -> its opening mark


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Keys (without the article) of words that start a time phrase inside a mention: weekdays,
    day words, times of day, periods («الشهر»)."""
    lex = dates_lexicon()
    out = {strip_article(k) for k in lex.weekdays}
    for cat in _TIME_CATEGORIES:
        for k in lex.relative.get(cat, {}):
            if " " not in k:
                out.add(strip_article(k))
    return frozenset(out)


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Keys (without the article) of every word that is no name on its own."""
    lex = dates_lexicon()
    out = set(time_words())
    for k in lex.months:
        out.update(strip_article(w) for w in k.split())
    for cat in ("direction",):
        out.update(strip_article(k) for k in lex.relative.get(cat, {}) if " " not in k)
    out.update(strip_article(k) for k in lex.units if " " not in k)
    out.update(strip_article(norm_key(cols[0])) for cols in _rows(NOT_NAMES_PATH))
    return frozenset(out)


def _key(tok: Token) -> str:
    return strip_article(tok.stem)


def _closes(tokens: Sequence[Token], s: int, i: int) -> bool:
    """Whether token i closes a quotation opened inside `[s, i)` after a word («قصر "X"»)."""
    opening = _PAIRS.get(tokens[i].norm)
    return opening is not None and any(
        tokens[k].norm == opening and tokens[k - 1].kind == "WORD" for k in range(s + 1, i)
    )


def trim(tokens: Sequence[Token], s: int, e: int) -> tuple[int, int]:
    """The token range `[s, e)` of a mention less its time words: those that open it, and a time
    phrase it runs on into (cut before its first word). `(s, s)` when nothing of a name is left."""
    never = not_name_words()
    times = time_words()
    while s < e and (tokens[s].kind in _EDGE or _key(tokens[s]) in times):
        s += 1
    for i in range(s + 1, e):
        if tokens[i].kind == "WORD" and _key(tokens[i]) in times:
            e = i
            break
    while e > s and tokens[e - 1].kind in _EDGE and not _closes(tokens, s, e - 1):
        e -= 1
    if all(t.kind in _SKIP or _key(t) in never for t in tokens[s:e]):
        return s, s
    return s, e
