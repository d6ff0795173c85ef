"""Safe HTML from spans: every piece of article text is escaped, then wrapped in tags built here.

Nothing in this module trusts the text of an article, a name or an alias: they pass through
`markupsafe.escape` before they reach a page, and ids only ever appear URL-quoted inside an
attribute. Charts are inline SVG built from numbers and escaped labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from rasd.model import Document
from rasd.web.labels import TYPE_NAMES

__all__ = ["annotated_text", "article_href", "bar_chart", "entity_href", "marked_snippet", "page_url", "type_class", "web_url"]

_SAFE_TYPE = frozenset(TYPE_NAMES)


def entity_href(entity_id: str) -> str:
    return "/entity/" + quote(entity_id, safe="")


def article_href(doc_id: str) -> str:
    return "/article/" + quote(doc_id, safe="")


def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address (safe to link to), else None (shown as text only)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def page_url(path: str, params: dict[str, object], offset: int | None = None) -> str:
    """`path` with the non-empty `params` (and `offset` when > 0) as its query string."""
    items = [(k, str(v)) for k, v in params.items() if v not in (None, "")]
    if offset:
        items.append(("offset", str(offset)))
    return path + ("?" + urlencode(items) if items else "")


def type_class(label: str | None) -> str:
    """A CSS class for an entity type (anything unknown becomes MISC, so no text reaches a class)."""
    return "ent-" + (label if label in _SAFE_TYPE else "MISC")


def marked_snippet(snippet: str, highlights: Iterable[Sequence[int]]) -> Markup:
    """A search snippet with its highlight spans wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    n = len(snippet)
    for a, b in sorted((max(0, int(h[0])), min(n, int(h[1]))) for h in highlights):
        if a < pos or a >= b:
            continue
        out.append(str(escape(snippet[pos:a])))
        out.append(f"<mark>{escape(snippet[a:b])}</mark>")
        pos = b
    out.append(str(escape(snippet[pos:])))
    return Markup("".join(out))


def _non_overlapping(spans: Iterable[tuple[int, int, int]], lo: int, hi: int) -> list[tuple[int, int, int]]:
    """Spans (start, end, index) inside [lo, hi), earlier then longer first, none overlapping."""
    kept: list[tuple[int, int, int]] = []
    last_end = lo
    for s, e, i in sorted(spans, key=lambda t: (t[0], -(t[1] - t[0]), t[2])):
        if s < lo or e > hi or s >= e or s < last_end:
            continue
        kept.append((s, e, i))
        last_end = e
    return kept


def annotated_text(doc: Document, lo: int = 0, hi: int | None = None) -> Markup:
    """The text of `doc` in [lo, hi) with quotations wrapped in <span class="quote"> and entity
    mentions in <a class="ent ent-TYPE" href="/entity/ID"> (a <span> when unresolved)."""
    text = doc.text
    hi = len(text) if hi is None else hi
    quotes = _non_overlapping(((q.start, q.end, i) for i, q in enumerate(doc.quotes)), lo, hi)
    mentions = _non_overlapping(((m.start, m.end, i) for i, m in enumerate(doc.mentions)), lo, hi)
    # a mention that crosses the edge of a quotation is left plain (tags must nest)
    mentions = [
        (s, e, i) for s, e, i in mentions if not any(qs < s < qe < e or s < qs < e < qe for qs, qe, _ in quotes)
    ]
    names = {e.id: e.name for e in doc.entities}
    # (offset, order, tag): at one offset closing tags come first, then quotations open, then mentions
    tags: list[tuple[int, int, str]] = []
    for s, e, i in quotes:
        q = doc.quotes[i]
        cls = "quote direct" if q.direct else "quote"
        tags.append((s, 2, f'<span class="{cls}" id="q{i}">'))
        tags.append((e, 1, "</span>"))
    for s, e, i in mentions:
        m = doc.mentions[i]
        classes = f"ent {type_class(m.label)}" + (" ref" if m.kind == "reference" else "")
        if m.entity:
            title = escape(f"{names.get(m.entity, m.entity)} · {TYPE_NAMES.get(m.label, m.label)}")
            tags.append((s, 3, f'<a class="{classes}" href="{escape(entity_href(m.entity))}" title="{title}">'))
            tags.append((e, 0, "</a>"))
        else:
            tags.append((s, 3, f'<span class="{classes}">'))
            tags.append((e, 0, "</span>"))
    tags.sort(key=lambda t: (t[0], t[1]))
    out: list[str] = []
    pos = lo
    for off, _order, tag in tags:
        if off > pos:
            out.append(str(escape(text[pos:off])))
            pos = off
        out.append(tag)
    out.append(str(escape(text[pos:hi])))
    return Markup("".join(out))


# ------------------------------------------------------------------------------------ charts


def _buckets(points: Sequence[tuple[str, int]]) -> tuple[list[tuple[str, int]], str]:
    """Counts per day over the whole range when it is short, else per month: ([(label, n)], unit)."""
    days: dict[dt.date, int] = {}
    for day, n in points:
        try:
            d = dt.date.fromisoformat(str(day)[:10])
        except ValueError:
            continue
        days[d] = days.get(d, 0) + int(n)
    if not days:
        return [], "day"
    first, last = min(days), max(days)
    if (last - first).days <= 92:
        out = []
        d = first
        while d <= last:
            out.append((d.isoformat(), days.get(d, 0)))
            d += dt.timedelta(days=1)
        return out, "day"
    months: dict[tuple[int, int], int] = {}
    for d, n in days.items():
        months[(d.year, d.month)] = months.get((d.year, d.month), 0) + n
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((f"{y:04d}-{m:02d}", months.get((y, m), 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out, "month"


def bar_chart(points: Sequence[tuple[str, int]], *, label: str, width: int = 720, height: int = 150) -> Markup:
    """An inline SVG bar chart of counts over time (days, or months for long ranges); time runs left
    to right. Each bar has a tooltip with its date and count."""
    buckets, unit = _buckets(points)
    if not buckets:
        return Markup('<p class="empty">لا توجد تواريخ لرسمها.</p>')
    top = max(n for _, n in buckets) or 1
    pad_l, pad_b, pad_t = 34, 22, 8
    plot_w, plot_h = width - pad_l - 6, height - pad_b - pad_t
    step = plot_w / len(buckets)
    bar_w = min(max(1.0, step * 0.8), 36.0)
    unit_ar = "يوم" if unit == "day" else "شهر"
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}" data-unit="{unit}" data-bars="{len(buckets)}">',
        f'<line class="axis" x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - 6}" y2="{pad_t + plot_h}"/>',
        f'<text class="tick" x="{pad_l - 4}" y="{pad_t + 10}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{pad_l - 4}" y="{pad_t + plot_h}" text-anchor="end">0</text>',
    ]
    for i, (when, n) in enumerate(buckets):
        h = plot_h * n / top
        x = pad_l + i * step + (step - bar_w) / 2
        y = pad_t + plot_h - h
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
            f"<title>{escape(when)}: {n} ({unit_ar})</title></rect>"
        )
    ticks = {0, len(buckets) - 1, (len(buckets) - 1) // 2}
    for i in sorted(ticks):
        x = pad_l + i * step + step / 2
        anchor = "start" if i == 0 else "end" if i == len(buckets) - 1 else "middle"
        parts.append(f'<text class="tick" x="{x:.1f}" y="{height - 6}" text-anchor="{anchor}">{escape(buckets[i][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
