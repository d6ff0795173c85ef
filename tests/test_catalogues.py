"""One catalogue per vocabulary, and checks that keep it so: error codes (unique, each in
docs/ERRORS.md), entity types (`rasd.model.ENTITY_TYPES`), event types (the ontology's
`EVENT_TYPES`: the data files, the JSON schema and the web labels follow it), configuration keys
(the defaults file). The layers of stages (`rasd.model.LAYERS`) are checked in test_pipeline.py."""

from __future__ import annotations

import ast
import inspect
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from rasd.catalogue import error_classes, render, schema_text
from rasd.config import load_config
from rasd.errors import BadConfigFile, UnknownConfigKey, UnknownStageOption
from rasd.events.ontology import DATA_DIR as EVENTS_DIR
from rasd.events.ontology import EVENT_TYPES
from rasd.model import ENTITY_TYPES
from rasd.pipeline import build_pipeline
from rasd.pipeline.core import BUILTIN, _factory
from rasd.web.labels import EVENT_NAMES, TYPE_NAMES, TYPE_PLURALS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "rasd"


# -- error codes ----------------------------------------------------------------------------
def test_error_codes_are_unique():
    by_code: dict[str, list[str]] = {}
    for cls in error_classes():
        by_code.setdefault(cls.code, []).append(f"{cls.__module__}.{cls.__qualname__}")
    assert len(by_code) > 60
    assert {c: names for c, names in by_code.items() if len(names) > 1} == {}
    assert all(re.fullmatch(r"E\d{3}", c) for c in by_code)


def test_every_error_code_is_documented_and_the_catalogue_is_current():
    doc = (ROOT / "docs" / "ERRORS.md").read_text(encoding="utf-8")
    assert doc == render(), "docs/ERRORS.md is stale: run python scripts/build_catalogues.py"
    for cls in error_classes():
        assert f"| {cls.code} | `{cls.__qualname__}`" in doc


# -- entity and event types -----------------------------------------------------------------
def _listings(vocabulary: tuple[str, ...], least: int) -> list[str]:
    """Places in the package's code that write out `least` or more names of `vocabulary` in one
    literal (a tuple, list, set or dict)."""
    names = set(vocabulary)
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                items = [*node.keys, *node.values]
            elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                items = node.elts
            else:
                continue
            written = {i.value for i in items if isinstance(i, ast.Constant) and i.value in names}
            if len(written) >= least:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_entity_types_are_written_out_in_one_place():
    assert _listings(ENTITY_TYPES, len(ENTITY_TYPES)) == ["model.py:26", "web/labels.py:18", "web/labels.py:19"]
    assert list(TYPE_NAMES) == list(ENTITY_TYPES) and list(TYPE_PLURALS) == list(ENTITY_TYPES)


def test_event_types_are_written_out_in_one_place():
    assert _listings(EVENT_TYPES, 4) == ["events/ontology.py:60", "web/labels.py:21"]
    assert list(EVENT_NAMES) == list(EVENT_TYPES)
    files = {p.stem.upper() for p in EVENTS_DIR.glob("*.json")} - {"COMMON"}
    assert files == set(EVENT_TYPES)


def test_the_document_schema_follows_the_catalogues():
    text = resources.files("rasd").joinpath("schema/rasd.document-1.schema.json").read_text("utf-8")
    assert schema_text(text) == text, "the schema's type lists are stale: run python scripts/build_catalogues.py"
    items = {layer: json.loads(text)["properties"][layer]["items"]["properties"] for layer in ("entities", "events")}
    assert items["entities"]["type"]["enum"] == list(ENTITY_TYPES)
    assert items["events"]["type"]["enum"] == list(EVENT_TYPES)
    stale = text.replace(json.dumps(list(EVENT_TYPES)), json.dumps(list(EVENT_TYPES[:-1])))
    assert schema_text(stale) == text


def test_resolve_refuses_an_unknown_entity_type():
    from rasd.resolve.errors import UnknownEntityType
    from rasd.resolve.stage import ResolveStage
    from test_quotes_handmade import build

    doc = build("وصل سامي الأحمد إلى المدينة.", [("s", "PERSON", ["سامي الأحمد"])])
    doc.entities = []
    doc.mentions[0].label = "PERS0N"
    with pytest.raises(UnknownEntityType) as err:
        ResolveStage()(doc)
    assert "E404" in str(err.value) and "'PERS0N'" in str(err.value)


# -- configuration keys ---------------------------------------------------------------------
def _defaults_options() -> dict[str, set[str]]:
    """The options each stage table of the defaults file shows (commented `# key = value`)."""
    text = resources.files("rasd").joinpath("data/config/defaults.toml").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    table = ""
    for line in text.splitlines():
        if m := re.fullmatch(r"\[(\w+)\]", line.strip()):
            table = m.group(1)
            out[table] = set()
        elif m := re.match(r"#\s*(\w+)\s*=", line):
            out.setdefault(table, set()).add(m.group(1))
    return out


def test_the_defaults_file_shows_every_stage_option():
    from rasd.dates.stage import OPTIONS as DATES_OPTIONS

    shown = _defaults_options()
    for name in BUILTIN:
        params = inspect.signature(_factory(name)).parameters
        own = set(DATES_OPTIONS) if name == "dates" else set(params)
        assert shown.get(name, set()) == own, name


def test_an_unknown_key_of_a_configuration_file_is_a_coded_error(tmp_path):
    cfg = tmp_path / "rasd.toml"
    for body, key in (("[serve]\nanalysis_job = 3\n", "'analysis_job' in [serve]"), ("[evnts]\nx = 1\n", "'evnts'")):
        cfg.write_text(body, encoding="utf-8")
        with pytest.raises(UnknownConfigKey) as err:
            load_config(cfg)
        assert str(err.value).startswith("[E013]") and key in str(err.value) and str(cfg) in str(err.value)
    cfg.write_text('[events]\nmin_attributes = 2\n[serve]\nanalysis_jobs = 3\n', encoding="utf-8")
    assert load_config(cfg)["events"]["min_attributes"] == 2


def test_an_unknown_stage_option_is_a_coded_error_naming_it(tmp_path):
    with pytest.raises(UnknownStageOption) as err:
        build_pipeline(["text", "events"], config={"events": {"min_atributes": 2}})
    msg = str(err.value)
    assert msg.startswith("[E104]") and "'min_atributes'" in msg and "min_attributes" in msg
    cfg = tmp_path / "rasd.toml"
    cfg.write_text("[quotes]\ndata_folder = '/x'\n", encoding="utf-8")
    with pytest.raises(UnknownStageOption, match="data_folder"):
        build_pipeline(["quotes"], config=load_config(cfg))


def test_a_bad_configuration_file_is_not_a_bad_input_record(tmp_path):
    for body in ("[pipeline\n", "pipeline = 3\n"):
        cfg = tmp_path / "rasd.toml"
        cfg.write_text(body, encoding="utf-8")
        with pytest.raises(BadConfigFile) as err:
            load_config(cfg)
        assert str(err.value).startswith("[E012]") and err.value.exit_code == 2
    with pytest.raises(BadConfigFile, match="configuration file not found"):
        load_config(tmp_path / "missing.toml")
