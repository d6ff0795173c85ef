"""Normalisation keys for matching and search. The stored text is never altered.

`norm_key` folds everything that should not distinguish two spellings of the same word:

- tashkeel and other Arabic marks (U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED) and the
  tatweel (U+0640) are removed;
- alef forms أ إ آ ٱ (and the rarer wavy-hamza alefs) become ا; ى becomes ي; ة becomes ه;
  Persian ی ک become ي ك;
- Arabic-Indic (٠–٩) and Persian (۰–۹) digits become ASCII, the Arabic decimal and thousands
  separators (٫ ٬) become "." and ",", the Arabic percent sign ٪ becomes "%";
- presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF, e.g. ﻻ → لا) are folded with NFKC;
- every quotation mark (" “ ” „ « » ‹ › ' ‘ ’ …) becomes ";
- zero-width and bidirectional control characters are removed.

`norm_light` does the same but keeps ة and ى and leaves quotation marks alone. `normalize_map`
returns the key together with, for each key character, the offset of the original character it
came from, so that a match in the key maps back to a span of the original text (`key_span`).

All three are one `str.translate` call over a table built once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["key_span", "lex_map", "norm_key", "norm_lex", "norm_light", "normalize_map"]

# Characters removed from keys.
_MARKS = [
    *range(0x0610, 0x061B),  # Arabic signs (honorifics, small high letters)
    *range(0x064B, 0x0660),  # tashkeel: fathatan … sukun, and the extended marks up to U+065F
    0x0670,  # superscript alef
    *range(0x06D6, 0x06EE),  # Quranic annotation marks
    *range(0x08D3, 0x0900),  # Arabic Extended-A marks
]
_TATWEEL = 0x0640
_INVISIBLE = [
    0x00AD,  # soft hyphen
    0x061C,  # Arabic letter mark
    0x180E,
    *range(0x200B, 0x2010),  # zero-width space, ZWNJ, ZWJ, LRM, RLM
    *range(0x202A, 0x202F),  # bidi embeddings and overrides
    *range(0x2060, 0x2065),  # word joiner and invisible operators
    *range(0x2066, 0x206A),  # bidi isolates
    0xFEFF,  # zero-width no-break space / BOM
]
_ALEFS = {0x0622: "ا", 0x0623: "ا", 0x0625: "ا", 0x0671: "ا", 0x0672: "ا", 0x0673: "ا"}
_LETTERS = {0x06CC: "ي", 0x06A9: "ك"}  # Persian yeh and keheh
_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
_NUMERIC_SIGNS = {0x066B: ".", 0x066C: ",", 0x066A: "%"}
QUOTES = "\"“”„‟«»‹›'‘’‚‛″‶〝〞〟＂＇"
_QUOTES = {ord(q): '"' for q in QUOTES}
_KEY_ONLY = {0x0629: "ه", 0x0649: "ي"}  # ة → ه, ى → ي

# Presentation-form blocks folded with NFKC.
_PRESENTATION = [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]


def _build(base: dict[int, str | None]) -> dict[int, str | None]:
    table = dict(base)
    for cp in _PRESENTATION:
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        if folded == ch:
            continue
        # NFKC gives e.g. " ً" for the isolated tashkeel forms: drop the space it adds.
        folded = folded.translate(base).strip(" ")
        table[cp] = folded or None
    return table


def _base(light: bool, keep_ta: bool = False) -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: None for cp in (*_MARKS, _TATWEEL, *_INVISIBLE)}
    table.update(_ALEFS)
    table.update(_LETTERS)
    table.update(_DIGITS)
    table.update(_NUMERIC_SIGNS)
    if not light:
        table.update(_QUOTES)
        table.update(_KEY_ONLY)
        if keep_ta:
            del table[0x0629]
    return table


@lru_cache(maxsize=1)
def key_table() -> dict[int, str | None]:
    """The `str.translate` table of `norm_key` (built on first use)."""
    return _build(_base(light=False))


@lru_cache(maxsize=1)
def light_table() -> dict[int, str | None]:
    """The `str.translate` table of `norm_light` (built on first use)."""
    return _build(_base(light=True))


@lru_cache(maxsize=1)
def lex_table() -> dict[int, str | None]:
    """The table of `norm_lex`: `norm_key` but keeping ة (the key of the word-frequency lexicon)."""
    return _build(_base(light=False, keep_ta=True))


@lru_cache(maxsize=1)
def _changing() -> re.Pattern[str]:
    """Characters whose key is not exactly one character (removed or expanded)."""
    table = key_table()
    cps = sorted(cp for cp, v in table.items() if v is None or len(v) != 1)
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in cps) + "]")


def norm_key(s: str) -> str:
    """The matching key of `s` (see the module docstring for what is folded)."""
    return s.translate(key_table())


def norm_light(s: str) -> str:
    """A lighter key that keeps ة, ى and the quotation marks as written."""
    return s.translate(light_table())


def norm_lex(s: str) -> str:
    """The lexicon key: `norm_key` except that ة stays ة (so وزارة and زاره differ)."""
    return s.translate(lex_table())


def normalize_map(text: str) -> tuple[str, list[int]]:
    """`(key, offsets)`: `key == norm_key(text)` and `offsets[i]` is the offset in `text` of the
    character that key character `i` came from; `offsets[len(key)] == len(text)` (sentinel).

    Offsets never decrease. Use `key_span` to turn a match `key[a:b]` into a span of `text`.
    """
    return _map(text, key_table())


def lex_map(text: str) -> tuple[str, list[int]]:
    """Like `normalize_map`, with the key of `norm_lex`."""
    return _map(text, lex_table())


def _map(text: str, table: dict[int, str | None]) -> tuple[str, list[int]]:
    if not _changing().search(text):
        return text.translate(table), list(range(len(text) + 1))
    chars: list[str] = []
    offsets: list[int] = []
    get = table.get
    for i, ch in enumerate(text):
        cp = ord(ch)
        if cp in table:
            out = get(cp)
            if not out:
                continue
            chars.append(out)
            offsets.extend([i] * len(out))
        else:
            chars.append(ch)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(chars), offsets


def key_span(text: str, offsets: list[int], a: int, b: int) -> tuple[int, int]:
    """The span of `text` that key characters `[a, b)` came from (`offsets` from `normalize_map`).

    The span ends after the last matched character and any removed marks or tatweel that follow it
    (the vowel on a word's last letter belongs to the word), never on a space or a later letter.
    """
    if not 0 <= a <= b <= len(offsets) - 1:
        raise ValueError(f"key span [{a}, {b}) is outside the key (length {len(offsets) - 1})")
    if a == b:
        return offsets[a], offsets[a]
    start = offsets[a]
    end = offsets[b - 1] + 1
    stop = offsets[b]
    while end < stop and _is_mark_or_tatweel(text[end]):
        end += 1
    return start, end


def _is_mark_or_tatweel(ch: str) -> bool:
    return ch == "\u0640" or unicodedata.category(ch) == "Mn"
