"""The outlet's word to its reader at the end of an article is no part of the news (run by `rasd.ner.rules`).

Outlets close many articles with a line that speaks to the reader: «يمكنكم تسلم إشعارات … بعد تحميل
تطبيق …», «تابعونا على …», «موعد يومي … تؤمنه لكم …». The outlet and the app it names there are not
what the article is about, and an analyst counting mentions of an outlet should not find one in
every article it published. A sentence is such a footer when it is one of the article's last
`LAST_SENTENCES`, has no quotation mark (a speaker may well address an audience) and holds a word
that addresses the reader (second person plural: `data/ner/reader_address.tsv`). No entity is
taken from it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.ner.gazetteer import _rows
from rasd.ner.named import QUOTE
from rasd.text.normalize import norm_key

if TYPE_CHECKING:
    from rasd.ner.rules import Cand, Rules

__all__ = ["LAST_SENTENCES", "drop_footer", "footer_tokens", "reader_words"]

DATA = Path(__file__).resolve().parents[1] / "data" / "ner" / "reader_address.tsv"
LAST_SENTENCES = 3


@lru_cache(maxsize=1)
def reader_words() -> frozenset[str]:
    """Word keys of the words that address the reader."""
    return frozenset(norm_key(cols[0]) for cols in _rows(DATA))


def footer_tokens(r: Rules) -> set[int]:
    """Token indices of the article's closing sentences that speak to the reader."""
    words = reader_words()
    out: set[int] = set()
    for a, b in r.sents[-LAST_SENTENCES:]:
        toks = r.tokens[a:b]
        if any(t.norm == QUOTE for t in toks):
            continue
        if any(t.kind == "WORD" and (t.norm in words or t.stem in words) for t in toks):
            out.update(range(a, b))
    return out


def drop_footer(r: Rules, cands: list[Cand]) -> list[Cand]:
    """`cands` without those inside a footer sentence."""
    footer = footer_tokens(r)
    if not footer:
        return cands
    return [c for c in cands if c.s not in footer]
