"""Tokenisation with character offsets: one compiled regular expression, one `finditer` pass.

Kinds: WORD (Arabic-script word; tashkeel and tatweel inside it stay inside the token), LATIN
(a word in any other script, letters and digits, with inner apostrophes), NUMBER (2018, ٢٠١٨, 3.5,
1,200, 3٫5), URL, EMAIL, HASHTAG (#أم_كلثوم), PUNCT (each quotation mark is its own token;
an ellipsis «...» is one token) and SYMBOL (%, $, emoji, anything else that is not a space).

Every token gets `norm = norm_key(text)`; WORD tokens also get their proclitics split off by
`rasd.text.clitics.segment` (`stem_start`, `stem`). Results are cached per distinct surface form.
"""

from __future__ import annotations

import re
import unicodedata

from rasd.model import Token
from rasd.text.clitics import segment
from rasd.text.normalize import QUOTES, norm_key

__all__ = ["TOKEN_RE", "tokenize"]

# Arabic-script letters (base block, supplement, extended-A, presentation forms) …
_AR_LETTER = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc"
)
# … and what may follow a letter inside a word: marks, tatweel, zero-width (non-)joiners.
_AR_INNER = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u08ca-\u08ff\u200c\u200d"
_AR_ALL = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A letter of any other script: \w minus digits, underscore and the Arabic blocks.
_OTHER_LETTER = rf"[^\W\d_{_AR_ALL}]"
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
# Zero-width and bidi controls: skipped like spaces unless inside an Arabic word.
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_URL_CHAR = r"[^\s<>\"“”«»]"
_URL_END = r"[^\s<>\"“”«».,;:!?،؛؟)\]}'’]"

TOKEN_RE = re.compile(
    rf"""
    (?P<WORD>[{_AR_LETTER}][{_AR_LETTER}{_AR_INNER}]*)
  | (?P<URL>(?:https?://|ftp://|www\.){_URL_CHAR}*{_URL_END})
  | (?P<EMAIL>[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{{2,}})
  | (?P<HASHTAG>[#＃](?:[{_AR_LETTER}{_DIGIT}_]|{_OTHER_LETTER})(?:[{_AR_LETTER}{_AR_INNER}{_DIGIT}_]|{_OTHER_LETTER})*)
  | (?P<NUMBER>[{_DIGIT}]+(?:[.,\u066b\u066c][{_DIGIT}]+)*)
  | (?P<LATIN>{_OTHER_LETTER}(?:{_OTHER_LETTER}|[0-9\u0300-\u036f]|['’](?={_OTHER_LETTER}))*)
  | (?P<PUNCT>\.{{2,}}|[{re.escape(QUOTES)}])
  | (?P<OTHER>[^\s{_INVISIBLE}])
    """,
    re.VERBOSE,
)

_SYMBOL_PUNCT = frozenset("%٪‰‱#&*@")  # Unicode calls these punctuation; they are symbols here
_CACHE_LIMIT = 300_000
_cache: dict[str, tuple[str, str, int, str]] = {}


def _describe(text: str, kind: str) -> tuple[str, str, int, str]:
    """(kind, norm, proclitic length, stem) of one token's text."""
    norm = norm_key(text) or text  # a lone tatweel or mark keeps its own text as key
    if kind == "WORD":
        n, stem = segment(text)
        return kind, norm, n, stem
    if kind == "OTHER":
        if text == "\u0640":  # a lone tatweel is used as a dash: «الرياض ـ »
            kind = "PUNCT"
        elif text in _SYMBOL_PUNCT:
            kind = "SYMBOL"
        else:
            kind = "PUNCT" if unicodedata.category(text)[0] == "P" else "SYMBOL"
    return kind, norm, 0, norm


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens; `text[t.start:t.end]` is each token's text."""
    cache = _cache
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    out: list[Token] = []
    append = out.append
    for m in TOKEN_RE.finditer(text):
        s = m.group()
        info = cache.get(s)
        if info is None:
            info = cache[s] = _describe(s, m.lastgroup)
        start, end = m.span()
        kind, norm, n, stem = info
        append(Token(start, end, kind, norm, start + n, stem))
    return out
