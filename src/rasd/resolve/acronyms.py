"""Short names given in brackets or quotation marks right after an organisation's full name.

«وكالة الأنباء الأردنية (بترا)», «الاتحاد الدولي لكرة القدم "فيفا"»: the bracketed name is the
organisation's short name or acronym, wherever else the article uses it, even when the NER or the
alias data read it as something else (بترا is also the Jordanian site). Its cluster joins the
organisation's; a place, person or other alias it was linked to is dropped, an organisation alias
is kept when the full name has none.
"""

from __future__ import annotations

from rasd.model import Token
from rasd.resolve.cluster import Cluster
from rasd.text.article import strip_article

OPEN_CLOSE = {"(": ")", '"': '"', "[": "]"}
MAX_SHORT = 3  # tokens of the short name


def _enclosed(tokens: list[Token], after: int, cover_start: dict[int, Cluster]) -> Cluster | None:
    """The cluster of the one mention standing alone in brackets or quotation marks at `after`."""
    if after >= len(tokens) or tokens[after].kind != "PUNCT":
        return None
    close = OPEN_CLOSE.get(tokens[after].norm)
    if close is None:
        return None
    inner = cover_start.get(after + 1)
    if inner is None:
        return None
    end = next((it.tj for it in inner.items if it.ti == after + 1), None)
    if end is None or end - after - 1 > MAX_SHORT or end >= len(tokens):
        return None
    return inner if tokens[end].kind == "PUNCT" and tokens[end].norm == close else None


def merge_short_names(tokens: list[Token], clusters: list[Cluster]) -> list[Cluster]:
    """`clusters` with each bracketed short name's cluster joined to the organisation before it."""
    cover_start = {it.ti: c for c in clusters for it in c.items}
    gone: set[int] = set()
    for c in clusters:
        if id(c) in gone or c.label_type() != "ORG":
            continue
        for it in list(c.items):
            short = _enclosed(tokens, it.tj, cover_start)
            if short is None or short is c or id(short) in gone:
                continue
            if c.alias is not None and short.alias is not None and short.alias.id != c.alias.id:
                if short.alias.type == "ORG":
                    continue  # two known, different organisations: the brackets hold something else
            if c.alias is None and short.alias is not None and short.alias.type == "ORG":
                c.alias = short.alias
            for moved in short.items:
                moved.label = "ORG"
                moved.alias = c.alias
                cover_start[moved.ti] = c
            c.items.extend(short.items)
            c.items.sort(key=lambda x: x.start)
            c.heads = c.heads | {strip_article(x.words[0]) for x in short.items}
            c.type = c.label_type()
            short.items = []
            gone.add(id(short))
    return [c for c in clusters if id(c) not in gone]
