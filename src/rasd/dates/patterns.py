"""The compiled regular expressions of the dates stage, built once from the lexicon (on first use).

All patterns run over the matching key of the text (`keys.fold`, equal to `norm_key`): tashkeel and tatweel are gone,
alef forms are ا, ة is ه, ى is ي, digits are ASCII. A leading conjunction or preposition clitic is
captured in the group `cl` so that spans can start after it («وفي يونيو» → «يونيو»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.dates.lexicon import key_of, lexicon, trie_regex

CL = r"(?P<cl>[وف]?[بلك]?)"
ERA = r"(?:ه|هجري|هجريه|للهجره|م|ميلادي|ميلاديه|للميلاد)"
HIJRI_ERA = frozenset({"ه", "هجري", "هجريه", "للهجره"})
# Words before a bare year («في 2018»), as keys; the span leaves them out.
PREP_WORDS = ("في", "منذ", "حتي", "خلال", "بحلول", "قبل", "بعد", "عن", "الي")
PREP = "(?:" + "|".join(PREP_WORDS) + ")"
DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:[.,][0-9]+)?"

# Rules, as bits of a trigger mask: which patterns can start at a word.
NUMERIC, MONTH, YEAR, RELATIVE, QUANTITY = 1, 2, 4, 8, 16
DIGIT_RULES = NUMERIC | MONTH | YEAR | QUANTITY


@dataclass(frozen=True, slots=True)
class Patterns:
    numeric: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    relative: re.Pattern[str]
    after_duration: re.Pattern[str]
    number_start: re.Pattern[str]
    number_next: re.Pattern[str]
    unit: re.Pattern[str]
    hedge: re.Pattern[str]
    counted: re.Pattern[str]
    range_join: re.Pattern[str]
    trigger: re.Pattern[str]  # a word some rule can start with (group w), or a digit
    triggers: dict[str, int]  # first word (key, clitic removed) → the rules that can start with it


def _cat(category: str) -> str:
    return trie_regex(set(lexicon().relative.get(category, {})))


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    lex = lexicon()
    month = trie_regex(set(lex.months))
    weekday = trie_regex(set(lex.weekdays))
    ordinal = trie_regex(set(lex.ordinals))
    direction, part, time = _cat("direction"), _cat("part"), _cat("time")
    periods = trie_regex({k[2:] for k in lex.relative["period"] if k.startswith("ال")})
    numw = trie_regex({k for k, (_v, t, _b) in lex.numbers.items() if t != "hedge"})
    hedges = trie_regex({k for k, (_v, t, _b) in lex.numbers.items() if t == "hedge"})
    year_kw = r"(?P<kw>(?P<art>ال|(?<=ل)ل)?(?:عام|سنه))"

    numeric = rf"""
        (?<![\w.,/:-]){CL}
        (?:(?P<y1>[0-9]{{4}})(?P<s1>[/.-])(?P<m1>[0-9]{{1,2}})(?P=s1)(?P<d1>[0-9]{{1,2}})
          |(?P<d2>[0-9]{{1,2}})(?P<s2>[/.-])(?P<m2>[0-9]{{1,2}})(?P=s2)(?P<y2>[0-9]{{4}}))
        (?![0-9]|[/.-][0-9])
        (?:\s*(?P<era>{ERA})(?!\w))?"""
    month_re = rf"""
        (?<!\w){CL}
        (?:(?P<part>{part})\s+(?:من\s+)?)?
        (?:(?P<yawm1>يوم)\s+)?
        (?:(?P<wd>{weekday})\s*[,،]?\s*(?:(?P<yawm2>يوم)\s+)?)?
        (?:(?P<dd0>[0-9]{{1,2}})\s*(?:و|-|–)\s*(?=[0-9]))?
        (?:(?P<dd>[0-9]{{1,2}})(?![0-9.,/:-])\s*(?:من\s+)?|(?P<od>{ordinal})\s+(?:من\s+)?)?
        (?:(?P<shahr>(?:ال)?شهر)\s+)?
        (?P<mon>{month})(?!\w)
        (?:\s*[/(]\s*(?P<mon2>{month})(?!\w)(?:\s*\))?|\s+-\s+(?P<mon3>{month})(?!\w))?
        (?:\s*[,،]?\s*(?:من\s+)?(?:(?:(?:ال)?عام|(?:ال)?سنه)\s+)?(?P<yr>[0-9]{{3,4}})(?![0-9])
              (?:\s*(?P<era>{ERA})(?!\w))?
          |\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+(?P<ydir>{direction})(?!\w)
          |\s+(?P<mdir>{direction})(?!\w))?"""
    year = rf"""
        (?<!\w){CL}
        (?:(?P<part>{part})\s+(?:من\s+)?)?
        (?:{year_kw}\s+|(?P<prep>{PREP})\s+)?
        (?<![.,/:-])(?P<y>[0-9]{{3,4}})(?![0-9]|[.,/:][0-9]|\s*%)
        (?:\s*(?P<era>{ERA})(?!\w))?"""
    relative = rf"""
        (?<!\w){CL}
        (?:(?P<tod>{time})\s+)?
        (?:(?:(?P<yawm>يوم)\s+)?(?P<dw>{_cat("dayword")})(?!\w)(?:\s*[,،]?\s*(?P<wd1>{weekday})(?!\w))?
          |(?:(?P<yawm2>يوم)\s+)?(?P<wd2>{weekday})(?!\w)(?:\s+و\s?(?P<wd3>{weekday})(?!\w))?(?:\s+(?P<wdir>{direction})(?!\w))?
          |(?:(?P<part>{part})\s+)?(?P<art>ال|(?<=ل)ل)(?P<per>{periods})\s+(?P<pdir>{direction})(?!\w)
          |(?:(?P<part2>{part})\s+)?(?P<this>{_cat("this")})\s+ال(?P<per2>{periods})(?!\w)
          |(?P<ago>{_cat("ago")})\s+(?:(?P<num>[0-9]{{1,3}}|{numw}(?:\s+و?\s?{numw})?)\s+)?
              (?P<dur>{_cat("duration")})(?!\w))"""
    triggers = _triggers()
    unit = rf"\s*(?:(?P<min>من)\s+)?(?P<def>ال)?(?P<u>{trie_regex(set(lex.units))})(?!\w)"
    return Patterns(
        numeric=re.compile(numeric, re.X),
        month=re.compile(month_re, re.X),
        year=re.compile(year, re.X),
        relative=re.compile(relative, re.X),
        after_duration=re.compile(
            rf"\s*(?:[0-9]|(?:من|علي)\s|(?:{month}|{weekday}|{_cat('dayword')})(?!\w))"
        ),
        number_start=re.compile(
            rf"(?<![\w.,/:-])[وفبل]?(?:(?P<dig>{DIGITS})(?![0-9]|[:/][0-9])|(?P<w>{numw})(?!\w))"
        ),
        number_next=re.compile(rf"\s+(?P<conj>و\s?)?(?P<w>{numw})(?!\w)"),
        unit=re.compile(unit),
        hedge=re.compile(rf"(?<!\w)[وف]?[بل]?{hedges}\s+\Z"),
        counted=re.compile(r"\s+(?P<u>(?!ال)[^\W\d_]{3,}[اه](?<![يوه]ا))(?!\w)"),
        range_join=re.compile(r"\s*(?:-|–|و|الي|حتي)\s*"),
        trigger=re.compile(rf"\b[وف]?[بلك]?(?:(?P<w>{trie_regex(set(triggers))})\b|[0-9])"),
        triggers=triggers,
    )


def _triggers() -> dict[str, int]:
    """The words each rule's pattern can begin with (after a clitic); digits are handled apart."""
    lex = lexicon()
    rel = lex.relative
    first = lambda forms: {f.split(" ")[0] for f in forms}  # noqa: E731
    periods = set(rel["period"])
    by_rule = {
        MONTH: first(lex.months)
        | first(lex.ordinals)
        | set(rel["part"])
        | set(lex.weekdays)
        | {"يوم", "شهر", "الشهر"},
        YEAR: set(rel["part"]) | {"عام", "العام", "لعام", "سنه", "السنه"} | set(PREP_WORDS),
        RELATIVE: set(rel["time"])
        | first(rel["dayword"])
        | set(lex.weekdays)
        | set(rel["part"])
        | periods
        | {p[1:] for p in periods}
        | set(rel["this"])
        | set(rel["ago"])
        | {"يوم"},
        QUANTITY: {k.split(" ")[0] for k, (_v, t, _b) in lex.numbers.items() if t != "hedge"},
    }
    out: dict[str, int] = {}
    for rule, words in by_rule.items():
        for w in words:
            out[w] = out.get(w, 0) | rule
    return out


def month_of(match_text: str) -> tuple[str, int, bool]:
    """(calendar, month, ambiguous) of the text a month group matched."""
    return lexicon().months[key_of(match_text)]
