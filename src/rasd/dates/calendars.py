"""Date arithmetic for resolving expressions against the publication date (Gregorian and Hijri).

Values are ISO strings at their own precision: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from hijridate import Gregorian, Hijri

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@lru_cache(maxsize=256)
def parse_published(value: str) -> date | None:
    """The date of an ISO publication date ("2021-12-03", or a datetime starting with one); None if
    it is not one."""
    m = _ISO.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def iso_day(d: date) -> str:
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_year(year: int) -> str:
    return f"{year:04d}"


def make_day(year: int, month: int, day: int) -> date | None:
    """The date, or None when the day does not exist in that month («31 نوفمبر»)."""
    if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def weekday_on_or_before(ref: date, weekday: int) -> date:
    """The most recent `weekday` (0 = Monday) on or before `ref`."""
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def weekday_before(ref: date, weekday: int) -> date:
    """The most recent `weekday` strictly before `ref`."""
    return ref - timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)


def weekday_after(ref: date, weekday: int) -> date:
    """The first `weekday` strictly after `ref`."""
    return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)


def weekday_on_or_after(ref: date, weekday: int) -> date:
    """The first `weekday` on or after `ref`."""
    return ref + timedelta(days=(weekday - ref.weekday()) % 7)


def weekday_nearest(ref: date, weekday: int) -> date:
    """The `weekday` nearest to `ref` (at most 3 days away)."""
    delta = (weekday - ref.weekday()) % 7
    return ref + timedelta(days=delta if delta <= 3 else delta - 7)


def infer_year(ref: tuple[int, int, int], month: int, day: int | None, mode: str) -> int:
    """The year of (month, day) as seen from `ref` = (year, month, day) in the same calendar.

    mode "past" (…الماضي): the last occurrence strictly before ref's month (or day when given);
    "future" (…المقبل): the next one strictly after; "current" (…الجاري): ref's year;
    "since" (منذ …): the last occurrence on or before ref;
    "nearest" (a month or day written without a year): the occurrence at most 8 months back or, failing
    that, the one at most 3 months ahead: news mostly reports the recent past.
    """
    ry, rm, rd = ref
    here = (month, day or 0)
    now = (rm, rd if day else 0)
    if mode == "current":
        return ry
    if mode == "past":
        return ry if here < now else ry - 1
    if mode == "future":
        return ry if here > now else ry + 1
    if mode == "since":
        return ry if here <= now else ry - 1
    if here == now or month == rm:
        return ry
    if (rm - month) % 12 <= 8:
        return ry if month < rm else ry - 1
    return ry if month > rm else ry + 1


# --- Hijri (Umm al-Qura, through hijridate: Hijri years 1343-1500) ---


def hijri_to_date(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Hijri date, or None outside hijridate's range or for a day the month
    lacks."""
    try:
        return Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError):
        return None


@lru_cache(maxsize=256)
def hijri_of(d: date) -> tuple[int, int, int] | None:
    """(year, month, day) of a Gregorian date in the Hijri calendar, or None outside the range."""
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().datetuple()
    except (OverflowError, ValueError):
        return None


def hijri_year_with_month_in(gregorian_year: int, month: int) -> int | None:
    """The Hijri year whose `month` begins in `gregorian_year` («رمضان 2024» → 1445)."""
    first = hijri_of(date(gregorian_year, 1, 1)) if 1925 <= gregorian_year <= 2076 else None
    if first is None:
        return None
    for year in (first[0], first[0] + 1):
        start = hijri_to_date(year, month, 1)
        if start is not None and start.year == gregorian_year:
            return year
    return None
