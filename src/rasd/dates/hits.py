"""What the date rules share: the find (`Hit`), the reference dates (`Context`), word look-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rasd.dates import calendars as cal

_WORD = re.compile(r"\w+")
_NEXT_WORD = re.compile(r"[\s,،]*(\w+)")


@dataclass(slots=True)
class Hit:
    """A date found in the key: key offsets, value and how it was read."""

    start: int
    end: int
    value: str | None
    kind: str
    precision: str
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Context:
    published: date | None
    infer_year: bool = True

    @property
    def hijri_ref(self) -> tuple[int, int, int] | None:
        return cal.hijri_of(self.published) if self.published else None

    @property
    def gregorian_ref(self) -> tuple[int, int, int] | None:
        p = self.published
        return (p.year, p.month, p.day) if p else None


def start_after_clitic(m: re.Match[str], *groups: str) -> int:
    """The start of the first of `groups` that matched (so the clitic in `cl` is left out)."""
    for g in groups:
        if m.start(g) >= 0:
            return m.start(g)
    return m.end("cl")


def previous_words(key: str, pos: int, n: int = 3) -> list[str]:
    """The last `n` words before `pos` (within 40 characters)."""
    return _WORD.findall(key, max(0, pos - 40), pos)[-n:]


def next_word(key: str, pos: int) -> str:
    """The word after `pos` (skipping spaces and commas), or ""."""
    m = _NEXT_WORD.match(key, pos)
    return m.group(1) if m else ""
