"""Numbers written in digits or words: «1,200», «3.5 مليار», «ثلاثة آلاف وخمسمائة», «خمسة وعشرون».

A phrase is read left to right with the usual rules of Arabic number words: a unit before a ten
joined by و («خمسة وعشرون» = 25), a unit before عشر («ثلاثة عشر» = 13), a count before a scale
(«ثلاثة آلاف» = 3000), and after a hundred or a scale anything smaller joined by و. The first word
that does not fit ends the phrase («ثلاثة وأربعة» stops after «ثلاثة»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasd.dates.lexicon import key_of, lexicon
from rasd.dates.patterns import patterns

_SCALES = ("scale", "scale_pl", "dual")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


@dataclass(slots=True)
class Number:
    start: int  # key offsets of the number itself (after any clitic)
    end: int
    value: int | float
    approximate: bool
    bare: bool  # may stand without a unit
    digits: bool  # written in digits only


def digits_value(s: str) -> int | float:
    """«1,200» → 1200, «3.5» → 3.5, «3,5» (decimal comma, as in Maghreb press) → 3.5."""
    if _THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    value = float(s)
    return int(value) if value.is_integer() and "." not in s else value


def read_number(key: str, m: re.Match[str]) -> Number:
    """The number phrase starting with the match `m` of `patterns().number_start`."""
    words = lexicon().numbers
    nxt = patterns().number_next
    total: int | float = 0
    if m["dig"]:
        cur: int | float = digits_value(m["dig"])
        last, approx, bare, start = "digits", False, True, m.start("dig")
    else:
        value, kind, bare = words[key_of(m["w"])]
        start = m.start("w")
        cur, last, approx = 0, kind, kind in ("approx", "scale_pl", "scale_def")
        if kind in _SCALES or kind == "scale_def":
            total = value
            last = "scale" if kind != "scale_def" else "approx"
        else:
            cur = value
    last_scale = total or 0
    end = m.end()
    ntok = 1
    while True:
        n = nxt.match(key, end)
        if n is None:
            break
        value, kind, _bare = words[key_of(n["w"])]
        conj = n["conj"] is not None
        if (
            kind in ("scale", "scale_pl")
            and not conj
            and last in ("digits", "unit", "teen", "ten", "hundred", "approx")
        ):
            if last_scale and value >= last_scale:
                break
            total += (cur or 1) * value
            cur, last, last_scale = 0, "scale", value
        elif kind == "scale_def" and not conj and last == "approx":
            cur, total = 0, (cur or total) * value
        elif kind == "dual" and conj and last == "scale" and value < last_scale:
            total += value
            last_scale = value
        elif kind == "unit" and conj and last in ("hundred", "scale"):
            cur, last = cur + value, "unit"
        elif kind == "teen" and not conj and last == "unit" and 1 <= cur % 100 <= 9:
            cur, last = cur + 10, "teen"
        elif kind in ("teen", "ten") and conj and last in ("hundred", "scale"):
            cur, last = cur + value, "ten"
        elif kind == "ten" and conj and last == "unit" and 1 <= cur % 100 <= 9:
            cur, last = cur + value, "ten"
        elif kind == "hundred" and conj and last == "scale":
            cur, last = cur + value, "hundred"
        elif kind == "hundred" and not conj and value == 100 and last == "unit" and 1 <= cur <= 9:
            cur, last = cur * 100, "hundred"
        else:
            break
        end = n.end()
        ntok += 1
        approx = approx and kind in ("scale_def", "scale_pl", "scale")
    if ntok > 1:
        bare = True
    value = total + cur
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Number(start, end, value, approx, bare, m["dig"] is not None and ntok == 1)


def value_of(text_key: str) -> int | float | None:
    """The value of a whole number phrase (a key), or None if it is not one."""
    m = patterns().number_start.match(text_key)
    if m is None:
        return None
    num = read_number(text_key, m)
    return num.value if num.end == len(text_key) else None
