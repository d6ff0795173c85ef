"""A person's full name is one mention, and two persons' surnames side by side are two.

(a) *Whole*: where the words of a person's name of two words or more that the document tags
    elsewhere («صوفيا هارتمان») stand together but were tagged as pieces («صوفيا» a place from
    the gazetteer, «هارتمان» a person), the pieces are that person's name, one mention. At least
    one piece is a person, and no piece runs out of the name.
(b) *Apart*: a person's mention of two words each of which is the surname of another person of
    the document, of two words or more, and names that person alone elsewhere («استقبلت هارتمان
    كوزنين» after «صوفيا هارتمان», «يوري كوزنين», «هارتمان» and «كوزنين»), is two mentions, one
    for each person, unless the two words are themselves a name the document gives elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasd.ner.rules import Cand, Rules

__all__ = ["apart", "whole"]


def _full_names(r: Rules, cands: Sequence[Cand]) -> set[tuple[str, ...]]:
    """The keys of the person names of two words or more among `cands`."""
    return {r.key(c.s, c.e) for c in cands if c.label == "PERSON" and c.e - c.s >= 2}


def whole(r: Rules, cands: list[Cand]) -> list[Cand]:
    """(a) over the final, non-overlapping candidates `cands` (in text order)."""
    from rasd.ner.rules import PRIO_CONSISTENCY, Cand

    names = _full_names(r, cands)
    if not names:
        return cands
    at = {i: c for c in cands for i in range(c.s, c.e)}
    toks = r.tokens
    drop: set[int] = set()
    add: list[Cand] = []
    for name in names:
        n = len(name)
        for i in range(len(toks) - n + 1):
            if toks[i].stem != name[0] or any(toks[i + m].norm != name[m] for m in range(1, n)):
                continue
            pieces = {id(at[k]): at[k] for k in range(i, i + n) if k in at}
            parts = list(pieces.values())
            if (
                len(parts) < 2
                or not any(p.label == "PERSON" for p in parts)
                or any(p.s < i or p.e > i + n for p in parts)
                or any(k not in at for k in range(i, i + n))
            ):
                continue
            drop.update(pieces)
            add.append(Cand(i, i + n, "PERSON", "consistency", PRIO_CONSISTENCY))
    if not add:
        return cands
    return sorted([*(c for c in cands if id(c) not in drop), *add], key=lambda c: c.s)


def apart(r: Rules, cands: list[Cand]) -> list[Cand]:
    """(b) over the final, non-overlapping candidates `cands` (in text order)."""
    from rasd.ner.rules import Cand

    times = Counter(r.key(c.s, c.e) for c in cands if c.label == "PERSON" and c.e - c.s >= 2)
    last: dict[str, set[tuple[str, ...]]] = {}
    for name in times:
        last.setdefault(name[-1], set()).add(name)
    toks = r.tokens
    alone = Counter(toks[c.s].stem for c in cands if c.label == "PERSON" and c.e - c.s == 1)
    out: list[Cand] = []
    for c in cands:
        key = r.key(c.s, c.e)
        if c.label == "PERSON" and c.e - c.s == 2 and times[key] == 1:
            a, b = toks[c.s].stem, toks[c.s + 1].norm
            first, second = last.get(a, set()) - {key}, last.get(b, set()) - {key}
            if first and second and not first & second and alone[a] and alone[b]:
                out.append(Cand(c.s, c.s + 1, "PERSON", c.source, c.prio))
                out.append(Cand(c.s + 1, c.e, "PERSON", c.source, c.prio))
                continue
        out.append(c)
    return out
