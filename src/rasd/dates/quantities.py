"""Quantities: a number (digits or words) and the unit after it, as its singular lemma.

«84 عضوا» → 84 عضو; «ثلاثة آلاف قتيل» → 3000 قتيل; «عشرات الجرحى» → 10 جريح, approximate;
«3.5 مليار دولار» → 3500000000 دولار; «25%», «25 في المائة» → 25 %.

Units come from units.tsv (plural and accusative forms → lemma). A definite unit right after an
exact number («إحدى الشركات», one of the companies) is not a unit. When the table has no entry,
a number whose last two digits are 11-99 takes the accusative singular noun after it as the unit
(Arabic counts 11-99 with it: «22 حرفاً» → حرف, «71 صفحةً» → صفحة). The first number of a range
takes the unit of the second («20 - 30 قتيلا»).

A number without a unit is kept (unit None) when it reads as a count: not a number inside a date,
not a year-like 4-digit number (1800-2100), not a label («المادة 5», «الساعة 10»; see
not_count_heads.tsv), not the first day of a range into a date («3 و4 ديسمبر»), and not a short
construct form standing alone («ثلاث», «واحد»). A hedge before the number («نحو», «أكثر من»)
makes it approximate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rasd.dates.lexicon import key_of, lexicon
from rasd.dates.numbers import Number, read_number
from rasd.dates.patterns import patterns

# (key start, key end, value, unit lemma or None, approximate)
QuantityHit = tuple[int, int, int | float, str | None, bool]


_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def find_quantities(
    key: str,
    starts: list[int],
    covered: bytearray,
    date_starts: set[int],
    original: Callable[[int, int], str],
) -> list[QuantityHit]:
    """Quantities beginning at the words `starts` of `key`, skipping numbers on key positions
    marked in `covered` (dates). `original(a, b)` is the text that key span [a, b) came from."""
    pats = patterns()
    lex = lexicon()
    out: list[QuantityHit] = []
    pos = 0
    match = pats.number_start.match
    for at in starts:
        if at < pos or (m := match(key, at)) is None:
            continue
        num = read_number(key, m)
        pos = max(num.end, m.end())
        if covered[num.start] or covered[num.end - 1]:
            continue
        approx = num.approximate or pats.hedge.search(key, max(0, num.start - 24), num.start) is not None
        unit, end = _unit(key, num, covered, original)
        if unit is None:
            if not _bare_count(key, num, lex.not_count, date_starts):
                continue
            out.append((num.start, num.end, num.value, None, approx))
        else:
            out.append((num.start, end, num.value, unit, approx))
            pos = end
    return _share_range_units(key, out)


_RANGE = re.compile(r"\s*(?:-|–|الي|حتي)\s*")


def _share_range_units(key: str, found: list[QuantityHit]) -> list[QuantityHit]:
    """«20 - 30 قتيلا», «من 5 إلى 10 أشخاص»: the first number of a range takes the unit of the second."""
    for i in range(len(found) - 1, 0, -1):
        a, b = found[i - 1], found[i]
        if a[3] is None and b[3] is not None and (j := _RANGE.match(key, a[1])) and j.end() == b[0]:
            found[i - 1] = (a[0], a[1], a[2], b[3], a[4])
    return found


def _unit(
    key: str, num: Number, covered: bytearray, original: Callable[[int, int], str]
) -> tuple[str | None, int]:
    """(unit lemma, key end of the unit), or (None, end of the number)."""
    pats = patterns()
    units = lexicon().units
    u = pats.unit.match(key, num.end)
    if (
        u is not None
        and not covered[u.start("u")]
        and not (u["def"] and not u["min"] and not num.approximate)
    ):
        lemma = units[key_of(u["u"])]
        return (None, num.end) if lemma == "-" else (lemma, u.end())
    value = num.value
    if u is None and isinstance(value, int) and 11 <= value % 100 <= 99 and not _year_like(num):
        c = pats.counted.match(key, num.end)
        if c is not None and not covered[c.start("u")] and units.get(c["u"]) != "-":
            word = _MARKS.sub("", original(c.start("u"), c.end("u")))
            if word.endswith("ا"):
                word = word[:-1]
            return word, c.end("u")
    return None, num.end


def _bare_count(key: str, num: Number, not_count: frozenset[str], date_starts: set[int]) -> bool:
    if not num.bare:
        return False
    if key[num.start : num.end] in ("عشر", "عشره") and _previous_word(key, num.start).startswith("ال"):
        return False  # «الحادية عشرة»: an ordinal
    if _year_like(num):
        return False
    j = patterns().range_join.match(key, num.end)
    if j is not None and j.end() > num.end and j.end() in date_starts:
        return False
    return _previous_word(key, num.start) not in not_count


def _year_like(num: Number) -> bool:
    return (
        num.digits and isinstance(num.value, int) and 1800 <= num.value <= 2100 and num.end - num.start == 4
    )


def _previous_word(key: str, pos: int) -> str:
    i = pos
    while i > 0 and not key[i - 1].isalnum():
        i -= 1
        if pos - i > 3:
            return ""
    j = i
    while j > 0 and key[j - 1].isalnum():
        j -= 1
    return key[j:i]


def overlaps(spans: Sequence[tuple[int, int]], length: int) -> bytearray:
    """A mask of the key positions inside any of `spans`."""
    mask = bytearray(length + 1)
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)
    return mask
