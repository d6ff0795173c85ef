"""Where places are: the shipped coordinates of the gazetteer's places (`data/gazetteers/coordinates.tsv`,
written by `scripts/build_geodata.py`) and the points of a map of places with their counts.

A place is found by its id when the alias tables know it (`country:YE`, `city:sanaa-ye`), else by its
name among the Arabic names of GeoNames cities (`loc:تعز` by «تعز»), compared by the store's alias
key (hamza, taa marbuta and alef maqsura forms are one). A place found by neither is left off the map.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasd.store.results import PlaceCount
from rasd.store.search import alias_key

__all__ = ["COORDINATES", "MapPoint", "locate", "map_points"]

COORDINATES = Path(__file__).resolve().parents[1] / "data" / "gazetteers" / "coordinates.tsv"


@dataclass(frozen=True, slots=True)
class MapPoint:
    id: str
    name: str
    lat: float
    lon: float
    documents: int
    events: int
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "lat": self.lat, "lon": self.lon, "documents": self.documents,
                "mentions": self.mentions, "events": self.events}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    by_id: dict[str, tuple[float, float]] = {}
    by_name: dict[str, tuple[float, float]] = {}
    for line in COORDINATES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, key, lat, lon = line.split("\t")
        point = (float(lat), float(lon))
        if kind == "id":
            by_id[key] = point
        else:
            by_name.setdefault(alias_key(key), point)
    return by_id, by_name


def locate(entity_id: str, name: str | None = None) -> tuple[float, float] | None:
    """(latitude, longitude) of a place, or None when the gazetteer does not know it."""
    by_id, by_name = _tables()
    if entity_id in by_id:
        return by_id[entity_id]
    for candidate in (name, entity_id.split(":", 1)[-1].replace("-", " ")):
        if candidate and alias_key(candidate) in by_name:
            return by_name[alias_key(candidate)]
    return None


def map_points(places: Iterable[PlaceCount]) -> list[MapPoint]:
    """The places that have coordinates, in the order given."""
    out = []
    for p in places:
        where = locate(p.id, p.name)
        if where is not None:
            out.append(MapPoint(p.id, p.name, where[0], where[1], p.documents, p.events, p.mentions))
    return out
