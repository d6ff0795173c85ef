"""The matching key of a text and its offsets, as `rasd.text.normalize.normalize_map` makes them,
but several times faster (the dates stage must stay well under a millisecond per article).

Characters whose key is one other character (alef forms, ة, ى, digits, quotes) are replaced with
one `str.replace` per distinct character present, which is much faster than `str.translate` over a
large table. Characters removed or expanded (tashkeel, tatweel, invisible marks, presentation
forms) are found with one regex; the text between them is copied in slices and the offsets are
built from ranges. When there are none, the offsets are the identity and no list is built (None).
The key always equals `norm_key(text)` (tests/test_dates_spans.py checks it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasd.text.normalize import key_span, key_table

# Changed characters common in Arabic text: replaced unconditionally (a replace of an absent
# character costs a fast scan); the others are first looked for with one regex.
_COMMON = "أإآىة"


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    table = key_table()
    changing = sorted(cp for cp, v in table.items() if v is None or len(v) != 1)
    one_to_one = {chr(cp): v for cp, v in table.items() if v is not None and len(v) == 1 and v != chr(cp)}
    rare = sorted(ch for ch in one_to_one if ch not in _COMMON)
    return (
        re.compile("[" + "".join(re.escape(chr(cp)) for cp in changing) + "]"),
        re.compile("[" + "".join(re.escape(ch) for ch in rare) + "]"),
        one_to_one,
    )


def fold(text: str) -> tuple[str, list[int] | None]:
    """(key, offsets): offsets as in `normalize_map`, or None when they are the identity."""
    changing, rare, one_to_one = _tables()
    offsets: list[int] | None = None
    key = text
    if changing.search(text) is not None:
        key, offsets = _remove(text, changing)
    for ch in _COMMON:
        if ch in one_to_one:
            key = key.replace(ch, one_to_one[ch])
    for ch in set(rare.findall(key)):
        key = key.replace(ch, one_to_one[ch])
    return key, offsets


def _remove(text: str, changing: re.Pattern[str]) -> tuple[str, list[int]]:
    """The text with removed/expanded characters replaced by their key, and the offsets."""
    table = key_table()
    pieces: list[str] = []
    offsets: list[int] = []
    last = 0
    for m in changing.finditer(text):
        i = m.start()
        if i > last:
            pieces.append(text[last:i])
            offsets.extend(range(last, i))
        out = table[ord(text[i])]
        if out:
            pieces.append(out)
            offsets.extend([i] * len(out))
        last = i + 1
    pieces.append(text[last:])
    offsets.extend(range(last, len(text) + 1))
    return "".join(pieces), offsets


def span(text: str, offsets: list[int] | None, a: int, b: int) -> tuple[int, int]:
    """The span of `text` that key characters [a, b) came from."""
    if offsets is None:
        return a, b
    return key_span(text, offsets, a, b)
