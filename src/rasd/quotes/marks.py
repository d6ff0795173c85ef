"""Pairing quotation marks: « » and the family “ ” " (writers mix them: يشكل”جهدا إضافيا”).

Marks pair within one paragraph (a line of the text); an unclosed mark is dropped.

- « opens and » closes (one level of nesting is kept: «… “…” …»).
- In the family “ ” ": the first mark opens and the next one closes, except that a “ written
  after a space and before a word (clearly an opening mark) while one is open means the earlier
  one was stray, and a ” that would open with no word after it is stray too.
"""

from __future__ import annotations

import re

__all__ = ["Pair", "find_pairs"]

_MARK_RE = re.compile('[«»“”"]')
Pair = tuple[int, int]  # offsets of the opening and the closing mark


def _letter(ch: str) -> bool:
    return ch.isalnum()


def find_pairs(text: str) -> list[Pair]:
    """Every (open, close) pair of quotation marks in `text`, sorted by the opening offset."""
    pairs: list[Pair] = []
    guil: list[int] = []
    curly: int | None = None
    n = len(text)
    for m in _MARK_RE.finditer(text):
        p = m.start()
        ch = text[p]
        # a new paragraph forgets what is open
        if guil and "\n" in text[guil[-1] : p]:
            guil.clear()
        if curly is not None and "\n" in text[curly:p]:
            curly = None
        if ch == "«":
            guil.append(p)
        elif ch == "»":
            if guil:
                pairs.append((guil.pop(), p))
        else:
            nxt = text[p + 1] if p + 1 < n else ""
            prev = text[p - 1] if p > 0 else ""
            if curly is None:
                if ch == "”" and not _letter(nxt):
                    continue  # a closing mark with nothing open: stray
                curly = p
            elif ch == "“" and _letter(nxt) and (prev == "" or prev.isspace()):
                curly = p  # an opening mark: the one open before it was stray
            else:
                pairs.append((curly, p))
                curly = None
    pairs.sort()
    return pairs
