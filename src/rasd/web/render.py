"""Safe HTML from spans: every piece of article text is escaped, then wrapped in tags built here.

Nothing in this module trusts the text of an article, a name or an alias: they pass through
`markupsafe.escape` before they reach a page, and ids only ever appear URL-quoted inside an
attribute. Charts are inline SVG built from numbers and escaped labels.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from rasd.model import Document
from rasd.web.labels import TYPE_NAMES

__all__ = ["annotated_text", "article_href", "bar_chart", "entity_href", "period", "marked_snippet", "page_url", "type_class", "web_url"]

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


def _nested(spans: Iterable[tuple[int, int, int, str, str]], lo: int, hi: int) -> tuple[list[tuple[int, int, int, str, str]], list[int]]:
    """Spans (start, end, rank, open tag, close tag) inside [lo, hi) that nest: outer (earlier, then
    longer, then lower rank) first; a span that crosses the edge of one kept before it is dropped.
    Returns (kept, the indexes of the dropped ones in the input)."""
    items = list(spans)
    order = sorted(range(len(items)), key=lambda i: (items[i][0], -items[i][1], items[i][2], i))
    kept: list[tuple[int, int, int, str, str]] = []
    dropped: list[int] = []
    stack: list[int] = []  # the ends of the open spans
    for i in order:
        s, e = items[i][0], items[i][1]
        if s < lo or e > hi or s >= e:
            dropped.append(i)
            continue
        while stack and stack[-1] <= s:
            stack.pop()
        if stack and e > stack[-1]:
            dropped.append(i)
            continue
        kept.append(items[i])
        stack.append(e)
    return kept, dropped


def annotated_text(doc: Document, lo: int = 0, hi: int | None = None) -> Markup:
    """The text of `doc` in [lo, hi) with quotations wrapped in <span class="quote" id="qN"> (N: the
    quotation's index), their cue and speaker phrase in <span class="cue|speaker" data-q="N">, and
    entity mentions in <a class="ent ent-TYPE" href="/entity/ID"> (a <span> when unresolved).

    Spans nest (a quotation inside another stays inside it); one that crosses the edge of another
    is left plain, and a quotation left plain still gets an empty anchor <span id="qN"> at its start."""
    text = doc.text
    hi = len(text) if hi is None else hi
    names = {e.id: e.name for e in doc.entities}
    spans: list[tuple[int, int, int, str, str]] = []  # rank: quotation 0, cue and speaker 1, mention 2
    anchors: dict[int, int] = {}  # the quotations' spans' places in `spans` → quotation index
    for i, q in enumerate(doc.quotes):
        cls = "quote direct" if q.direct else "quote"
        anchors[len(spans)] = i
        spans.append((q.start, q.end, 0, f'<span class="{cls}" id="q{i}">', "</span>"))
        if q.cue_start is not None and q.cue_end is not None:
            spans.append((q.cue_start, q.cue_end, 1, f'<span class="cue" data-q="{i}">', "</span>"))
        if q.speaker_start is not None and q.speaker_end is not None:
            spans.append((q.speaker_start, q.speaker_end, 1, f'<span class="speaker" data-q="{i}">', "</span>"))
    for m in doc.mentions:
        classes = f"ent {type_class(m.label)}" + (" ref" if m.kind == "reference" else "")
        if m.entity:
            title = escape(f"{names.get(m.entity, m.entity)} · {TYPE_NAMES.get(m.label, m.label)}")
            spans.append((m.start, m.end, 2, f'<a class="{classes}" href="{escape(entity_href(m.entity))}" title="{title}">', "</a>"))
        else:
            spans.append((m.start, m.end, 2, f'<span class="{classes}">', "</span>"))
    kept, dropped = _nested(spans, lo, hi)
    # (offset, order, tag): at one offset the spans ending there close first (inner first), then
    # anchors, then the spans starting there open (outer first)
    tags: list[tuple[int, int, str]] = []
    for n, (s, e, _rank, open_tag, close_tag) in enumerate(kept):
        tags.append((s, 2 * len(kept) + n, open_tag))
        tags.append((e, -n, close_tag))
    for i in dropped:
        q_index = anchors.get(i)
        start = spans[i][0]
        if q_index is not None and lo <= start < hi:
            tags.append((start, len(kept), f'<span class="quote-anchor" id="q{q_index}"></span>'))
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


def period(when: str) -> tuple[str, str]:
    """The first and last day of a chart's bucket (YYYY-MM-DD or YYYY-MM)."""
    if len(when) == 7:
        y, m = int(when[:4]), int(when[5:])
        return f"{when}-01", f"{when}-{calendar.monthrange(y, m)[1]:02d}"
    return when, when


def bar_chart(points: Sequence[tuple[str, int]], *, label: str, width: int = 720, height: int = 150,
              href: Callable[[str, str], str] | None = None) -> Markup:
    """An inline SVG bar chart of counts over time (days, or months for long ranges); time runs left
    to right. Each bar has a tooltip with its date and count; with `href` (first day, last day → URL)
    each bar, over the whole height of the plot, links to its period."""
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
        tip = f"<title>{escape(when)}: {n} ({unit_ar})</title>"
        bar = f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">{tip}</rect>'
        if href is None:
            parts.append(bar)
            continue
        first, last = period(when)
        parts.append(
            f'<a class="bar-link" href="{escape(href(first, last))}" data-since="{first}" data-until="{last}">{tip}'
            f'<rect class="hit" x="{pad_l + i * step:.1f}" y="{pad_t}" width="{step:.1f}" height="{plot_h}"/>'
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}"/></a>'
        )
    ticks = {0, len(buckets) - 1, (len(buckets) - 1) // 2}
    for i in sorted(ticks):
        x = pad_l + i * step + step / 2
        anchor = "start" if i == 0 else "end" if i == len(buckets) - 1 else "middle"
        parts.append(f'<text class="tick" x="{x:.1f}" y="{height - 6}" text-anchor="{anchor}">{escape(buckets[i][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
