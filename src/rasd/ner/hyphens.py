"""A name written with hyphens and no spaces is one name («ريناني-دو-نور-ويستفاليا»,
«بادن-فورتمبيرغ»): a mention that touches a hyphen joined to a word on its other side runs on
over it, and takes in the mentions it meets there (the first of them gives the label). A hyphen with a space on either side is a
dash between two things («شمال الراين- ويستفاليا» is left alone, as is «2017-2018»), and so is
a hyphen next to a word with the article («سوس-الريف-الأطلس» is a list, «الحرب-بيروت» a
heading): transliterated names have none."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasd.model import Token
    from rasd.ner.rules import Cand

__all__ = ["hyphenated"]

HYPHENS = frozenset("-‐‑")


def _joined(toks: list[Token] | tuple[Token, ...], h: int) -> bool:
    """Whether token h is a hyphen joined without spaces to the words on both sides of it, neither
    of them with the article."""
    return (
        0 < h < len(toks) - 1
        and toks[h].kind == "PUNCT"
        and toks[h].norm in HYPHENS
        and toks[h - 1].kind == "WORD"
        and toks[h + 1].kind == "WORD"
        and not toks[h - 1].stem.startswith("ال")
        and not toks[h + 1].stem.startswith("ال")
        and toks[h - 1].end == toks[h].start
        and toks[h].end == toks[h + 1].start
    )


def hyphenated(tokens: list[Token] | tuple[Token, ...], cands: list[Cand]) -> list[Cand]:
    """`cands` (non-overlapping, in text order) with each mention run on over the hyphens that
    join it to the words around it; the mentions it takes in are dropped."""
    out: list[Cand] = []
    for c in cands:
        if out and c.s < out[-1].e:  # taken in by the compound before it, which runs on to its end
            out[-1].e = max(out[-1].e, c.e)
            continue
        s, e = c.s, c.e
        while _joined(tokens, s - 1):
            s -= 2
        while _joined(tokens, e):
            e += 2
        while out and out[-1].e > s:  # a mention of the compound before this one: its label
            first = out.pop()
            s, c.label, c.source = min(s, first.s), first.label, first.source
        c.s, c.e = s, e
        out.append(c)
    return out
