"""Absolute dates: numeric («03/12/2021»), month names in every regional series and Hijri months
(«3 ديسمبر 2021», «الثالث من كانون الأول/ديسمبر 2021», «15 رمضان 1445 هـ»), and years («عام 2018»).

Choices (documented in the package docstring too):
- numeric dates are day first (d/m/yyyy, as in Arabic press) unless the month field is over 12 and
  the day field is not, then month first (flag "month_first"); yyyy/m/d is always year-month-day;
- a month or day without a year takes its year from the publication date when `infer_year` is on:
  the occurrence at most 8 months back, else at most 3 months ahead; after «منذ» (since) the last
  one on or before publication (flag "year_inferred" either way); with no publication date the
  value is None. A bare month name needs a word such as «في», «منذ», «خلال» before it («دي مايو»
  is a surname). «يونيو الماضي/المقبل/الجاري» is the last/next/current June;
- an ambiguous month name (مارس, آب, نيسان, …; see months_ambiguous.tsv) alone is not a date, unless
  the other series' name follows it («تموز/يوليو»);
- a range of days («6 و7 أكتوبر 2016», «5-6 ديسمبر») is one date, its first day;
- a bare four-digit year is a date after «عام/سنة», a preposition, a part («مطلع») or an era, or
  after a noun of a happening or a period («حرب 1967», «ثورة 1979»; relative.tsv, year_noun);
- a Hijri month with a year is the Gregorian month of the Hijri month's first day (precision
  "month"); a Hijri year alone (with هـ) is the Gregorian year of its 1 Muharram (precision "year").
"""

from __future__ import annotations

import re

from rasd.dates import calendars as cal
from rasd.dates.hits import Context, Hit, previous_words, start_after_clitic
from rasd.dates.lexicon import key_of, lexicon
from rasd.dates.patterns import HIJRI_ERA, month_of, patterns


def numeric(m: re.Match[str], ctx: Context) -> Hit | None:
    flags: list[str] = []
    if m["y1"]:
        y, mo, d = int(m["y1"]), int(m["m1"]), int(m["d1"])
    else:
        y, mo, d = int(m["y2"]), int(m["m2"]), int(m["d2"])
        if mo > 12 >= d:
            mo, d = d, mo
            flags.append("month_first")
    start, end = m.end("cl"), m.end()
    if m["era"] in HIJRI_ERA:
        value = cal.hijri_to_date(y, mo, d)
        return Hit(start, end, value and cal.iso_day(value), "hijri", "day" if value else "", flags)
    if not 1000 <= y <= 2199:
        return None
    value = cal.make_day(y, mo, d)
    if value is None:
        return None
    return Hit(start, end, cal.iso_day(value), "numeric", "day", flags)


def month(m: re.Match[str], key: str, ctx: Context) -> Hit | None:
    calendar_, mon, ambiguous = month_of(m["mon"])
    end = m.end()
    other = m["mon2"] or m["mon3"]
    if other and month_of(other)[:2] != (calendar_, mon):
        end = m.end("mon")  # «ديسمبر/يناير»: two different months; keep the first alone
    elif other:
        ambiguous = False  # «تموز/يوليو»: the second name says it is the month
    lex = lexicon()
    day = int(m["dd"]) if m["dd"] else lex.ordinals.get(key_of(m["od"])) if m["od"] else None
    if day is not None and not 1 <= day <= 31:
        return None
    first = int(m["dd0"]) if m["dd0"] and m["dd"] else None
    if first is not None and 1 <= first < day:
        day = first  # «6 و7 أكتوبر»: a range is dated by its first day
    elif m["dd0"]:
        return None  # «12 و3 أكتوبر»: not a range of days
    flags = [lex.relative["part"][key_of(m["part"])]] if m["part"] else []
    if day is not None:
        start = start_after_clitic(m, "part", "yawm1", "wd", "dd0", "dd", "od")
    else:
        start = start_after_clitic(m, "part", "shahr", "mon")
    year: int | None = None
    mode = None
    year_given = end > m.end("mon") and m["yr"] is not None
    era = m["era"] if year_given else None
    if year_given:
        year = int(m["yr"])
        if calendar_ == "g" and (year < 1000 or era in HIJRI_ERA):
            year, end = None, m.end("mon")
        elif calendar_ == "h" and (year >= 1600 or era and era not in HIJRI_ERA):
            year = cal.hijri_year_with_month_in(year, mon)
            flags.append("gregorian_year")
            if year is None:
                return Hit(start, end, None, "hijri", "", flags)
    elif end > m.end("mon") and (m["ydir"] or m["mdir"]):
        mode = (
            "year"
            if m["ydir"]
            else {"-1": "past", "1": "future", "0": "current"}[lex.relative["direction"][key_of(m["mdir"])]]
        )
    if year is None and mode is None:
        cue = _cue_before(key, start)
        if day is None and not m["shahr"] and not m["part"] and (ambiguous or cue is None):
            return None
        mode = "since" if cue == "since" else "nearest"
    kind = (
        "hijri"
        if calendar_ == "h"
        else ("relative" if mode in ("past", "future", "current", "year") else "absolute")
    )
    if year is None:
        ref = ctx.hijri_ref if calendar_ == "h" else ctx.gregorian_ref
        if ref is None or (mode == "nearest" and not ctx.infer_year):
            return Hit(start, end, None, kind, "", flags)
        if mode == "year":
            delta = int(lex.relative["direction"][key_of(m["ydir"])])
            year = ref[0] + delta
        else:
            year = cal.infer_year(ref, mon, day, mode)
            if mode in ("nearest", "since"):
                flags.append("year_inferred")
    if m["wd"] and day is not None:
        flags.extend(_weekday_check(lex.weekdays[key_of(m["wd"])], calendar_, year, mon, day))
    return _month_hit(start, end, calendar_, year, mon, day, kind, flags)


def _after_year_noun(key: str, pos: int) -> bool:
    """Whether the word before `pos` is a noun of a happening or a period that a bare year follows
    («حرب 1967», «ثورة 1979»: relative.tsv, year_noun), with or without the article or a proclitic."""
    prev = previous_words(key, pos, 1)
    if not prev:
        return False
    nouns = lexicon().relative.get("year_noun", {})
    word = prev[0]
    for w in (word, word[1:] if word[:1] in "وفبل" else ""):
        if w and (w in nouns or (w.startswith("ال") and w[2:] in nouns) or (w.startswith("لل") and w[2:] in nouns)):
            return True
    return False


def _cue_before(key: str, pos: int) -> str | None:
    """The value of the word that introduces a time («في», «منذ», «خلال»…) just before `pos`, or None."""
    prev = previous_words(key, pos, 1)
    if not prev:
        return None
    cues = lexicon().relative["before_bare_month"]
    word = prev[0]
    return cues.get(word, cues.get(word[1:]) if word[0] in "وف" else None)


def _weekday_check(weekday: int, calendar_: str, year: int, mon: int, day: int) -> list[str]:
    d = cal.hijri_to_date(year, mon, day) if calendar_ == "h" else cal.make_day(year, mon, day)
    return ["weekday_mismatch"] if d is not None and d.weekday() != weekday else []


def _month_hit(
    start: int, end: int, calendar_: str, year: int, mon: int, day: int | None, kind: str, flags: list[str]
) -> Hit:
    if calendar_ == "g":
        if day is None:
            return Hit(start, end, cal.iso_month(year, mon), kind, "month", flags)
        d = cal.make_day(year, mon, day)
        if d is None:
            return Hit(start, end, None, kind, "", [*flags, "invalid_date"])
        return Hit(start, end, cal.iso_day(d), kind, "day", flags)
    first = cal.hijri_to_date(year, mon, day or 1)
    if first is None:
        return Hit(start, end, None, kind, "", [*flags, "out_of_range"])
    if day is None:
        return Hit(start, end, cal.iso_month(first.year, first.month), kind, "month", flags)
    return Hit(start, end, cal.iso_day(first), kind, "day", flags)


def year(m: re.Match[str], key: str, ctx: Context) -> Hit | None:
    y = int(m["y"])
    era = m["era"]
    if not (m["kw"] or m["prep"] or m["part"] or era or _after_year_noun(key, m.start("y"))):
        return None
    flags = [lexicon().relative["part"][key_of(m["part"])]] if m["part"] else []
    if m["part"]:
        start = m.start("part")
    elif m["kw"]:
        start = m.start("kw") - 1 if m["art"] == "ل" else m.start("kw")
    else:
        start = m.start("y")
    end = m.end()
    if era in HIJRI_ERA:
        first = cal.hijri_to_date(y, 1, 1)
        if first is None:
            return Hit(start, end, None, "hijri", "", [*flags, "out_of_range"])
        return Hit(start, end, cal.iso_year(first.year), "hijri", "year", flags)
    lo = 100 if m["kw"] else 1000 if era else 1800
    if not lo <= y <= 2100 + 99 * bool(m["kw"]):
        return None
    if not era and patterns().unit.match(key, m.end("y")):
        return None  # «في 2000 منزل»: a count, not a year
    return Hit(start, end, cal.iso_year(y), "year", "year", flags)
