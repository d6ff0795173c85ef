"""A map of places drawn on the server as inline SVG: the shipped outline of the world's countries
(`data/maps/world.tsv`, Natural Earth 1:110m, public domain; no tiles, nothing fetched) framed on
the places shown, each place a circle sized by the documents that name it and a darker one by the
events located there, linked to its page.

The projection is equirectangular, in tenths of a degree (x = longitude, y = -latitude), as the
outline file stores it. Names reach the SVG escaped, ids only URL-quoted inside an attribute.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from rasd.query.geo import MapPoint
from rasd.web.render import entity_href

__all__ = ["WORLD", "place_map"]

WORLD = Path(__file__).resolve().parents[1] / "data" / "maps" / "world.tsv"
MIN_ASPECT, MAX_ASPECT = 1.5, 3.0  # width / height of the map: as the places lie, within these
MIN_WIDTH = 300  # the narrowest view, in tenths of a degree (30° of longitude)
LABELS = 10  # places named on the map at most (the others by their tooltip), none over another's name
CORE = 0.8  # the share of the weight a map is framed on, unless told otherwise
MIN_CORE = 3
_NUMBER = re.compile(r"-?\d+")


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, str, tuple[int, int, int, int]]]:
    """(name, SVG path, bounding box x0, y0, x1, y1) of every country of the outline."""
    out = []
    for line in WORLD.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        _code, name, path = line.split("\t")
        nums = [int(n) for n in _NUMBER.findall(path)]
        xs, ys = nums[0::2], nums[1::2]
        out.append((name, path, (min(xs), min(ys), max(xs), max(ys))))
    return out


def _core(points: Sequence[MapPoint], share: float) -> list[MapPoint]:
    """The places that hold `share` of the weight (documents and events), the heaviest first, and
    at least `MIN_CORE` of them: the map is framed on them, far-off places with a small share left
    out of the frame (a desk of the Arab press should not shrink the Gulf to fit one mention of Lima)."""
    ranked = sorted(points, key=lambda p: -(p.documents + p.events))
    total = sum(p.documents + p.events for p in ranked) or 1
    out: list[MapPoint] = []
    held = 0
    for p in ranked:
        if held >= share * total and len(out) >= MIN_CORE:
            break
        out.append(p)
        held += p.documents + p.events
    return out


def _view(points: Sequence[MapPoint]) -> tuple[float, float, float, float]:
    """(x, y, width, height) framing the points with a margin, no squarer or flatter than the
    map's aspects allow, inside the world."""
    if not points:
        return -1800.0, -900.0, 3600.0, 1800.0
    xs = [p.lon * 10 for p in points]
    ys = [-p.lat * 10 for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    w = min(max((x1 - x0) * 1.3, MIN_WIDTH, (y1 - y0) * 1.3 * MIN_ASPECT), 3600.0)
    h = min(max((y1 - y0) * 1.3, w / MAX_ASPECT), w / MIN_ASPECT, 1800.0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    x = min(max(cx - w / 2, -1800.0), 1800.0 - w)
    y = min(max(cy - h / 2, -900.0), 900.0 - h)
    return x, y, w, h


def place_map(points: Sequence[MapPoint], *, label: str, core: float = CORE) -> Markup:
    """The inline SVG map of `points` (an empty state when there are none), framed on the places
    that hold `core` of the weight (1.0: on every place)."""
    if not points:
        return Markup('<p class="empty">لا أماكن معروفة الموقع لرسمها على الخريطة.</p>')
    x, y, w, h = _view(_core(points, core))
    unit = w / 200

    def inside(p: MapPoint) -> bool:
        return x <= p.lon * 10 <= x + w and y <= -p.lat * 10 <= y + h

    hidden = sum(1 for p in points if not inside(p))
    points = [p for p in points if inside(p)]
    parts = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="{x:.0f} {y:.0f} {w:.0f} {h:.0f}" '
        f'role="img" aria-label="{escape(label)}" data-points="{len(points)}">',
        f'<rect class="sea" x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}"/>',
        '<g class="land">',
    ]
    for _name, path, (bx0, by0, bx1, by1) in _countries():
        if bx1 < x or bx0 > x + w or by1 < y or by0 > y + h:
            continue  # outside the view
        parts.append(f'<path d="{path}"/>')
    parts.append("</g>")
    top_docs = max(p.documents for p in points) or 1
    top_events = max(p.events for p in points) or 1
    ranked = sorted(points, key=lambda p: (-(p.documents + p.events), p.id))
    parts.append('<g class="places">')
    tops: dict[str, float] = {}  # the outer radius of each place
    for p in ranked:  # the largest drawn first, under the others
        px, py = p.lon * 10, -p.lat * 10
        tip = f"{p.name}: {p.documents} مقالا، {p.events} حدثا"
        parts.append(f'<a class="place" href="{escape(entity_href(p.id))}" data-id="{escape(p.id)}"><title>{escape(tip)}</title>')
        top_r = 0.0
        if p.documents:
            top_r = unit * (1.0 + 3.2 * math.sqrt(p.documents / top_docs))
            parts.append(f'<circle class="mentions" cx="{px:.1f}" cy="{py:.1f}" r="{top_r:.1f}"/>')
        if p.events:
            r = unit * (0.7 + 2.2 * math.sqrt(p.events / top_events))
            parts.append(f'<circle class="events" cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}"/>')
            top_r = max(top_r, r)
        parts.append("</a>")
        tops[p.id] = top_r
    size = unit * 3.4
    taken: list[tuple[float, float, float, float]] = []  # the boxes of the names written
    for p in ranked:
        if len(taken) >= LABELS:
            break
        px, py = p.lon * 10, -p.lat * 10 - tops[p.id] - unit * 0.8
        half = 0.3 * size * len(p.name)  # about half the name's width
        box = (px - half, py - size, px + half, py)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue
        taken.append(box)
        parts.append(f'<text class="place-name" x="{px:.1f}" y="{py:.1f}" text-anchor="middle" '
                     f'font-size="{size:.1f}">{escape(p.name)}</text>')
    parts.append("</g></svg>")
    if hidden:
        parts.append(f'<p class="map-note">{hidden} من الأماكن خارج هذا الإطار (أقل ذكرا وأبعد من غيرها).</p>')
    return Markup("".join(parts))
