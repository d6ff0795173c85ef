"""Relative dates, resolved against the publication date: اليوم، أمس، أول أمس، غدا، بعد غد،
«أمس الخميس», «الخميس الماضي», «الأحد المقبل», «يوم الخميس», «الأسبوع الماضي», «مطلع الشهر الجاري»,
«العام المقبل», «صباح اليوم», «ليلة أمس», «قبل ثلاثة أيام», «منذ عامين».

Choices:
- a weekday next to أمس/اليوم/غدا must agree with the date; when it does not, the value is the
  weekday's date and the flag "weekday_mismatch" is set: for أمس/أول أمس the most recent such day
  before publication, for اليوم/غدا/بعد غد the one nearest the day meant (news sites often stamp
  an article with the day after it was written, so «اليوم الأحد» on a Monday is the Sunday);
- «الخميس الماضي» is the most recent Thursday before publication, unless that is the day before
  (a reporter then writes «أمس»): then the Thursday a week earlier;
- a bare weekday («الخميس», «يوم الخميس») is the most recent such day on or before publication (news
  reports the past week), unless a future cue (a verb with سـ, «سوف», «من المقرر») stands in the 8
  words before it in its clause: then the first one on or after publication (flag "future");
- a week («الأسبوع الماضي/المقبل»: the publication date minus/plus 7 days, «هذا الأسبوع»: the
  publication date, «قبل أسبوعين»; precision "week") points at no day, month or year: it is not
  one of the document's dates, as news annotation guides have it, but the events layer dates an
  event by it (`rasd.dates.stage.periods`);
- «الشهر الماضي» → YYYY-MM, «العام الماضي» → YYYY; «مطلع/منتصف/أواخر» add the flag early/mid/late;
  a time of day (صباح، مساء، ليلة…) adds a flag (morning/afternoon/evening/night);
- «قبل N أيام» counts back from publication; «قبل يومين من …» (counted from another event) is
  not resolved and not reported; «منذ N أعوام» is a duration (since then, up to now), not a date:
  not reported;
- with no publication date every value is None.
"""

from __future__ import annotations

import re
from datetime import timedelta

from rasd.dates import calendars as cal
from rasd.dates.hits import Context, Hit, next_word, previous_words, start_after_clitic
from rasd.dates.lexicon import key_of, lexicon
from rasd.dates.numbers import value_of
from rasd.dates.patterns import patterns
from rasd.text import word_count

WEEK = "week"  # the precision of a week: not a date of the document (`rasd.dates.stage.periods`)
_FUTURE_VERB = re.compile(r"س[يتن]\w\w+")
_CLAUSE_END = re.compile(r"[.،,؛;:!?؟\n«»\"]")
_WORDS = re.compile(r"\w+")
FUTURE_WORDS = 8  # words before a bare weekday searched for a future cue


def _future_context(key: str, pos: int) -> bool:
    """Whether one of the FUTURE_WORDS words before `pos`, in the same clause (no punctuation
    between), is a future cue («سوف», «المقرر») or a verb with the future prefix سـ («ستكون من
    الملفات الرئيسية في قمة الأربعاء»). A word is taken for such a verb when, without its سـ, it is
    more frequent in the corpus lexicon of the text layer («سيعقد» → «يعقد»), which tells verbs from
    names («سيدني»)."""
    future = lexicon().relative["future"]
    clause = _CLAUSE_END.split(key[max(0, pos - 80) : pos])[-1]
    for word in _WORDS.findall(clause)[-FUTURE_WORDS:]:
        if word in future:
            return True
        if word[0] in "وف" and len(word) > 4:
            word = word[1:]
        if _FUTURE_VERB.fullmatch(word) and word_count(word[1:]) > word_count(word):
            return True
    return False


def relative(m: re.Match[str], key: str, ctx: Context) -> Hit | None:
    lex = lexicon()
    rel = lex.relative
    flags = [rel["time"][key_of(m["tod"])]] if m["tod"] else []
    p = ctx.published
    end = m.end()
    if m["dw"]:
        start = start_after_clitic(m, "tod", "yawm", "dw")
        dw = key_of(m["dw"])
        if not m["wd1"]:
            nxt = next_word(key, end)
            if dw == "اليوم" and nxt in rel["block_after_today"]:
                return None
            if dw in ("امس", "الامس") and nxt in rel["block_after_yesterday"]:
                return None
        if p is None:
            return Hit(start, end, None, "relative", "", flags)
        offset = int(rel["dayword"][dw])
        d = p + timedelta(days=offset)
        if m["wd1"]:
            w = lex.weekdays[key_of(m["wd1"])]
            if d.weekday() != w:
                flags.append("weekday_mismatch")
                d = cal.weekday_before(p, w) if offset < 0 else cal.weekday_nearest(d, w)
        return Hit(start, end, cal.iso_day(d), "relative", "day", flags)
    if m["wd2"]:
        return _weekday(m, key, ctx, flags)
    if m["per"] or m["per2"]:
        if m["per"]:
            direction = int(rel["direction"][key_of(m["pdir"])])
            per = rel["period"]["ال" + key_of(m["per"])]
            part = m["part"]
            first = m.start("art") - (m["art"] == "ل")
            start = start_after_clitic(m, "tod", "part") if (m["tod"] or part) else first
        else:
            direction, per, part = 0, rel["period"]["ال" + key_of(m["per2"])], m["part2"]
            start = start_after_clitic(m, "tod", "part2", "this")
        if part:
            flags.append(rel["part"][key_of(part)])
        if p is None:
            return Hit(start, end, None, "relative", WEEK if per == "week" else "", flags)
        return _period(start, end, p, per, direction, flags)
    return _ago(m, key, ctx, flags)


def _weekday(m: re.Match[str], key: str, ctx: Context, flags: list[str]) -> Hit | None:
    rel = lexicon().relative
    start = start_after_clitic(m, "tod", "yawm2", "wd2")
    wd = key_of(m["wd2"])
    w = lexicon().weekdays[wd]
    if m["wdir"]:
        direction = int(rel["direction"][key_of(m["wdir"])])
    else:
        if not m["yawm2"] and not m["tod"]:
            prev = previous_words(key, m.start("wd2"), 1)
            if prev and prev[0] in rel["block_before_weekday"]:
                return None
        if wd == "الاحد" and next_word(key, m.end()) == "عشر":
            return None  # «الأحد عشر»: the eleven
        direction = 1 if _future_context(key, start) else 0
        if direction:
            flags.append("future")
    p = ctx.published
    if p is None:
        return Hit(start, m.end(), None, "relative", "", flags)
    if direction < 0:
        d = cal.weekday_before(p, w)
        if (p - d).days == 1:
            d -= timedelta(days=7)  # yesterday would be «أمس»: «الاثنين الماضي» on a Tuesday is last week's
    elif m["wdir"]:
        d = cal.weekday_after(p, w)
    elif direction > 0:
        d = cal.weekday_on_or_after(p, w)
    else:
        d = cal.weekday_on_or_before(p, w)
    return Hit(start, m.end(), cal.iso_day(d), "relative", "day", flags)


def _period(start: int, end: int, p, per: str, n: int, flags: list[str]) -> Hit:
    if per == "day":
        return Hit(start, end, cal.iso_day(p + timedelta(days=n)), "relative", "day", flags)
    if per == "week":
        return Hit(start, end, cal.iso_day(p + timedelta(days=7 * n)), "relative", WEEK, flags)
    if per == "month":
        return Hit(
            start, end, cal.iso_month(*cal.shift_month(p.year, p.month, n)), "relative", "month", flags
        )
    return Hit(start, end, cal.iso_year(p.year + n), "relative", "year", flags)


def _ago(m: re.Match[str], key: str, ctx: Context, flags: list[str]) -> Hit | None:
    rel = lexicon().relative
    if patterns().after_duration.match(key, m.end()):
        return None  # «قبل يومين من الانتخابات», «منذ عام 2018», «منذ شهر يونيو»
    per, count = rel["duration"][key_of(m["dur"])].split(":")
    direction = rel["ago"][key_of(m["ago"])]
    if direction == "since":
        return None  # a duration up to now: not a date
    if m["num"]:
        n = value_of(key_of(m["num"]))
        if n is None or not float(n).is_integer() or count == "2":
            return None
        n = int(n)
    elif count == "n":
        return None  # «منذ أيام»: a few days, not a date
    else:
        n = int(count)
    start = start_after_clitic(m, "tod", "ago")
    if ctx.published is None:
        return Hit(start, m.end(), None, "relative", WEEK if per == "week" else "", flags)
    return _period(start, m.end(), ctx.published, per, n * int(direction), flags)
