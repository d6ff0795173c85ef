"""Places inside places: a filter by a country or a region also takes what lies within it.

`rasd events --location اليمن` means events in Yemen, and so in Sanaa and Hodeidah too. What lies
within a place comes from two sources, followed to a few levels (a district in a city in a country):

- the LOCATED_IN relations the analysis found («صنعاء عاصمة اليمن», «مأرب شرق اليمن»): their
  subjects are within their objects when they are places and not countries (an organisation
  «في واشنطن» is not part of the United States' places, and one misread relation must not put a
  whole country's news inside another's);
- the shipped gazetteers, for a country (`country:YE`): the cities of the alias tables, whose ids
  end in the country's code (`city:sanaa-ye`), and the places named as a city of that country in
  the GeoNames city list (`data/gazetteers/cities.tsv`), a name that is a city of several
  countries («طرابلس»: Libya, Lebanon) left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasd.store.base import placeholders
from rasd.store.search import alias_key

__all__ = ["PlacesMixin", "country_cities"]

CITIES = Path(__file__).resolve().parents[1] / "data" / "gazetteers" / "cities.tsv"
DEPTH = 3  # country > region > city > district
_CHUNK = 500  # names per IN (...) list


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, frozenset[str]]:
    """country code → the alias keys of the names of its cities that no other country's city has."""
    text = CITIES.read_text(encoding="utf-8")
    countries: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, code = line.split("\t")[:2]
        countries.setdefault(alias_key(name), set()).add(code.upper())
    out: dict[str, set[str]] = {}
    for key, codes in countries.items():
        if len(codes) == 1 and key:
            out.setdefault(next(iter(codes)), set()).add(key)
    return {code: frozenset(keys) for code, keys in out.items()}


@lru_cache(maxsize=1)
def _city_country() -> dict[str, str]:
    """alias key of a city name that one country alone has → that country's code."""
    return {key: code for code, keys in _cities_by_country().items() for key in keys}


def country_cities(code: str) -> frozenset[str]:
    """The alias keys of the cities of country `code` (ISO 3166 alpha-2) in the gazetteer."""
    return _cities_by_country().get(code.upper(), frozenset())


class PlacesMixin:
    """Mixed into SQLStore: needs _fetchall."""

    if TYPE_CHECKING:

        def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def places_within(self, ids: Sequence[str]) -> list[str]:
        """`ids` and the ids of the stored places within them, `ids` first."""
        out = list(dict.fromkeys(ids))
        seen = set(out)
        frontier = out
        for _ in range(DEPTH):
            found = self._inside(frontier)
            frontier = [i for i in dict.fromkeys(found) if i not in seen]
            if not frontier:
                break
            seen.update(frontier)
            out += frontier
        return out

    def _inside(self, ids: list[str]) -> list[str]:
        found = [r[0] for r in self._fetchall(
            "SELECT DISTINCT r.subject_id FROM relations r JOIN entities e ON e.id = r.subject_id "
            f"WHERE r.type = 'LOCATED_IN' AND e.type = 'LOC' AND r.object_id IN ({placeholders(ids)})", ids)]
        codes = {eid.split(":", 1)[1].upper() for eid in ids if eid.startswith("country:")}
        if codes:
            found = [i for i in found if self._gazetteer_country(i) in codes | {None}]
        for code in sorted(codes):
            found += [r[0] for r in self._fetchall(
                "SELECT id FROM entities WHERE type = 'LOC' AND id LIKE ?", (f"city:%-{code.lower()}",))]
            keys = sorted(country_cities(code))
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i : i + _CHUNK]
                found += [r[0] for r in self._fetchall(
                    "SELECT DISTINCT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
                    f"WHERE e.type = 'LOC' AND a.alias_key IN ({placeholders(chunk)})", chunk)
                    if self._gazetteer_country(r[0]) in (code, None)]
        return sorted(i for i in found if not i.startswith("country:"))  # «فلسطين» is also a town in Texas

    @staticmethod
    def _gazetteer_country(entity_id: str) -> str | None:
        """The country the gazetteer puts a place in (upper-case code), None when it does not say:
        the code a city id ends in (`city:sanaa-ye`), else the one country with a city of that
        name (`loc:المنستير` → TN)."""
        kind, _, rest = entity_id.partition(":")
        if kind == "city":
            code = rest.rpartition("-")[2]
            return code.upper() if len(code) == 2 and code.isascii() and code.isalpha() else None
        if kind == "loc":
            return _city_country().get(alias_key(rest.replace("-", " ")))
        return None
