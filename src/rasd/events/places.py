"""ACLED location precision of a place entity: 1 town or city, 2 region or district, 3 province,
country or larger.

A place noun written before the mention decides first («محافظة X» → 3, «منطقة X» or «شمال X»
→ 2, «مدينة X» → 1; `place_nouns` in common.json). Then the kind in the entity id that the resolve
stage gives a known place (`country:MA`, `region:002` → 3, `city:…` → 1). Otherwise the place is
looked up, by the
mention, the entity's name and aliases, in the place gazetteers that the NER stage ships under
`rasd/data/gazetteers/` when they are present (countries.tsv and regions.tsv → 3, cities.tsv →
1, places_extra.tsv by its class column). A place known to neither is taken as a town (1), the
most common case of an unlisted place in news text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from rasd.model import Document, Entity
from rasd.text.article import strip_article
from rasd.text.docindex import DocIndex
from rasd.text.normalize import norm_key

__all__ = [
    "COUNTRY", "GAZETTEER_DIR", "PlaceRelation", "local_places_inside", "place_countries", "place_kinds",
    "precision_of",
]

GAZETTEER_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteers"
COUNTRY = 4  # a country: precision 3, and a place that may act as a participant
_FILES = {"countries.tsv": COUNTRY, "regions.tsv": 3, "cities.tsv": 1, "places_extra.tsv": None}
_CLASSES = {"country": 3, "region": 3, "province": 3, "city": 1, "town": 1, "district": 2}
_ID_KINDS = {"country": 3, "region": 3, "province": 3, "city": 1}
DEFAULT = 1
MAX_INSIDE_GAP = 7  # tokens between a local place and the place it is in («على بعد 50 كيلومترا شمال»)


def _read(path: Path, fixed: int | None, out: dict[str, int]) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        code = fixed if fixed is not None else _CLASSES.get(cols[1].strip() if len(cols) > 1 else "")
        if code is None:
            continue
        key = norm_key(cols[0].strip())
        for k in (key, strip_article(key)):  # a country or region wins over a city of that name
            out[k] = max(code, out.get(k, 0))


@lru_cache(maxsize=2)
def place_kinds(folder: Path = GAZETTEER_DIR) -> dict[str, int]:
    """Normalised place name -> ACLED precision (COUNTRY for a country), from the gazetteer files
    present in `folder`."""
    out: dict[str, int] = {}
    for name, fixed in _FILES.items():
        path = folder / name
        if path.is_file():
            _read(path, fixed, out)
    return out


def precision_of(entity: Entity | None, mention_text: str, hint: int | None, kinds: dict[str, int]) -> int:
    """The location precision of `entity` (mentioned as `mention_text`; `hint` from a place noun)."""
    if hint:
        return hint  # «مدينة الكويت» is the city, «شمال سوريا» a region of the country
    if entity is not None:  # the resolve stage's ids say the kind: country:MA, region:002, city:…
        kind = entity.id.partition(":")[0]
        if kind in _ID_KINDS:
            return _ID_KINDS[kind]
    names = [mention_text]
    if entity is not None:
        names += [entity.name, *entity.aliases]
    for n in names:
        key = norm_key(n)
        for k in (key, strip_article(key)):
            if k in kinds:
                return min(kinds[k], 3)
    return DEFAULT


@lru_cache(maxsize=2)
def place_countries(folder: Path = GAZETTEER_DIR) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """(normalised country name -> ISO code, normalised city name -> the codes of the countries
    that have a city of that name), from countries.tsv and cities.tsv in `folder` when present."""
    countries: dict[str, str] = {}
    cities: dict[str, set[str]] = {}
    path = folder / "countries.tsv"
    if path.is_file():
        for cols in _rows(path):
            if len(cols) > 1 and ":" in cols[1]:
                code = cols[1].rpartition(":")[2].strip().upper()
                for k in _keys(cols[0]):
                    countries.setdefault(k, code)
    path = folder / "cities.tsv"
    if path.is_file():
        for cols in _rows(path):
            if len(cols) > 1 and cols[1].strip():
                for k in _keys(cols[0]):
                    cities.setdefault(k, set()).add(cols[1].strip().upper())
    return countries, {k: frozenset(v) for k, v in cities.items()}


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _keys(name: str) -> set[str]:
    key = norm_key(name.strip())
    return {key, strip_article(key)}


class PlaceRelation:
    """Whether two place entities of a document are one place when merging events: the same
    entity, a city and the country it lies in («طهران» and «إيران»), a place and a part of it
    named after it («كشمير» and «كشمير الهندية»), two places the text writes one in the other
    («رفح جنوب قطاع غزة»), or a local place and a place the document puts it in (`inside`: «متحف X
    في تونس», «قصر X شمال برلين») or that place's country. The country of a place is read from the
    resolve stage's ids (`country:IR`, `city:tehran-ir`), else from the gazetteers by the entity's
    name and aliases."""

    def __init__(
        self,
        entities: dict[str, Entity],
        folder: Path = GAZETTEER_DIR,
        inside: dict[str, set[str]] | None = None,
        written: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.entities = entities
        self.countries, self.cities = place_countries(folder)
        self.inside = inside or {}
        self.written = written  # (inner, outer): what the text says lies in what

    def _names(self, eid: str) -> list[str]:
        e = self.entities.get(eid)
        return [e.name, *e.aliases] if e is not None else []

    def country_code(self, eid: str) -> str | None:
        """The ISO code of a country entity, or None for any other place."""
        kind, _, rest = eid.partition(":")
        if kind == "country":
            return rest.upper()
        if kind in _ID_KINDS:
            return None
        for n in self._names(eid):
            for k in _keys(n):
                if k in self.countries:
                    return self.countries[k]
        return None

    def city_codes(self, eid: str) -> frozenset[str]:
        """The codes of the countries a city entity may lie in (empty for any other place)."""
        kind, _, rest = eid.partition(":")
        if kind == "city":
            code = rest.rpartition("-")[2]
            return frozenset({code.upper()}) if len(code) == 2 and code.isalpha() else frozenset()
        if kind in _ID_KINDS or self.country_code(eid) is not None:
            return frozenset()
        found: set[str] = set()
        for n in self._names(eid):
            for k in _keys(n):
                found |= self.cities.get(k, frozenset())
        return frozenset(found)

    def within(self, inner: str, outer: str) -> bool:
        """Whether the place `inner` lies in the place `outer`: the text says so («رفح جنوب قطاع
        غزة», `written`), a city of the country («طهران» in «إيران»), a local place the document
        puts in `outer` or in a city of it (`inside`), or a part named by the other's name and words
        after it («كشمير الهندية» in «كشمير»)."""
        if (inner, outer) in self.written:
            return True
        around = self.inside.get(inner, ())
        if outer in around or any(self._city_of(p, outer) for p in (inner, *around)):
            return True
        return self.named_part(inner, outer)

    def _city_of(self, city: str, country: str) -> bool:
        code = self.country_code(country)
        return code is not None and code in self.city_codes(city)

    def named_part(self, inner: str, outer: str) -> bool:
        """Whether a name of `inner` is a name of `outer` with words after it: «كشمير الهندية» and
        «كشمير», «أذربيجان الغربية» and «أذربيجان»; never two countries («غينيا الاستوائية» is
        not in «غينيا»)."""
        if self.country_code(inner) is not None and self.country_code(outer) is not None:
            return False
        outer_names = {tuple(norm_key(n).split()) for n in self._names(outer)}
        for n in self._names(inner):
            words = tuple(norm_key(n).split())
            if any(o and len(words) > len(o) and words[: len(o)] == o for o in outer_names):
                return True
        return False

    def same(self, a: str, b: str) -> bool:
        return a == b or self.within(a, b) or self.within(b, a)


def local_places_inside(doc: Document, ix: DocIndex, written_as_place: Callable[[int], bool]) -> dict[str, set[str]]:
    """Local place entity -> the places the document puts it in: the LOCATED_IN relations of
    `doc`, and the first mention after a local place (one the resolve stage did not know: not a
    country, region, province or city) in its sentence, at most `MAX_INSIDE_GAP` tokens on, when
    it is a place written as one (`written_as_place` of its first token: «في X», «شمال X», «بX»)
    and no other mention lies between («قصر "X" شمال برلين», «بقصر X على بعد 50 كيلومترا شمال
    برلين»)."""
    out: dict[str, set[str]] = {}
    for rel in doc.relations:
        if rel.type == "LOCATED_IN":
            out.setdefault(rel.subject, set()).add(rel.object)
    for first, h in sorted(ix.at_start.items()):
        if h.type != "LOC" or h.entity is None or h.entity.partition(":")[0] in _ID_KINDS:
            continue
        sent = ix.sent_of[first]
        for j in range(h.last + 1, min(len(ix.tokens), h.last + 2 + MAX_INSIDE_GAP)):
            if ix.sent_of[j] != sent:
                break
            nxt = ix.at_start.get(j)
            if ix.cover[j] is None or nxt is None:
                continue
            if nxt.type == "LOC" and nxt.entity not in (None, h.entity) and written_as_place(j):
                out.setdefault(h.entity, set()).add(nxt.entity)
            break
    return out
