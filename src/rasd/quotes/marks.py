"""Pairing quotation marks: « » and the family “ ” " (writers mix them: يشكل”جهدا إضافيا”).

Marks pair within one paragraph (a line of the text); an unclosed mark is dropped.

- « opens and » closes (one level of nesting is kept: «… “…” …»).
- In the family “ ” ": the first mark opens and the next one closes, except that a “ written
  after a space and before a word (clearly an opening mark) while one is open means the earlier
  one was stray, a ” that would open with no word after it is stray too, and a straight " after
  a saying verb or a colon inside an open quotation opens a quotation nested in it
  («"هذا الأسبوع قال المدير "نعم …" …"»).
"""

from __future__ import annotations

import re

__all__ = ["Pair", "find_pairs"]

_MARK_RE = re.compile('[«»“”"]')
# a saying verb ending the words before a straight mark (قال، قالت، يقول، أضاف …)
_SAYS_RE = re.compile(r"(?:^|\s)[وف]?(?:قال|قالت|قالوا|يقول|تقول|أضاف|أضافت|تابع|تابعت|أكد|أكدت)$")
Pair = tuple[int, int]  # offsets of the opening and the closing mark


def _letter(ch: str) -> bool:
    return ch.isalnum()


def find_pairs(text: str) -> list[Pair]:
    """Every (open, close) pair of quotation marks in `text`, sorted by the opening offset."""
    pairs: list[Pair] = []
    guil: list[int] = []
    curly: list[int] = []  # the family “ ” ": open marks, a nested one last
    n = len(text)
    for m in _MARK_RE.finditer(text):
        p = m.start()
        ch = text[p]
        # a new paragraph forgets what is open
        if guil and "\n" in text[guil[-1] : p]:
            guil.clear()
        if curly and "\n" in text[curly[0] : p]:
            curly.clear()
        if ch == "«":
            guil.append(p)
        elif ch == "»":
            if guil:
                pairs.append((guil.pop(), p))
        else:
            nxt = text[p + 1] if p + 1 < n else ""
            prev = text[p - 1] if p > 0 else ""
            if not curly:
                if ch == "”" and not _letter(nxt):
                    continue  # a closing mark with nothing open: stray
                curly.append(p)
            elif ch == "“" and _letter(nxt) and (prev == "" or prev.isspace()):
                curly[-1] = p  # an opening mark: the one open before it was stray
            elif ch == '"' and _letter(nxt) and prev.isspace() and _opens_inside(text, curly[-1], p):
                curly.append(p)  # «قال "نعم …" …» inside a quotation: a quotation nested in it
            else:
                pairs.append((curly.pop(), p))
                if curly and nxt in ".!?؟":
                    # «"… قال "نعم …". وأضاف …»: one mark closed the nested quotation and the one
                    # around it at the end of the sentence
                    pairs.append((curly.pop(), p))
    pairs.sort()
    return pairs


def _opens_inside(text: str, open_at: int, p: int) -> bool:
    """Whether a straight mark after a space and before a word, while one is open since
    `open_at`, opens a nested quotation rather than closing the open one: the words just before
    it end in a reporting verb or a colon («… مدير السجن قال "نعم …»)."""
    before = text[open_at + 1 : p].rstrip()
    return before.endswith(":") or bool(_SAYS_RE.search(before))
