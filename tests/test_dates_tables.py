"""The dates data files: generated month/weekday tables are current, every file loads, every
regional month series is read."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path

import pytest

from rasd.dates import extract
from rasd.dates.lexicon import key_of, lexicon

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(str(resources.files("rasd").joinpath("data/dates")))


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_month_tables", ROOT / "scripts" / "build_month_tables.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_committed_tables_equal_the_script_output():
    for name, text in _script().render(DATA).items():
        assert (DATA / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run python scripts/build_month_tables.py src/rasd/data/dates"
        )


def test_lexicon_loads_every_file():
    lex = lexicon()
    assert len(lex.weekdays) == 7
    assert set(lex.ordinals.values()) == set(range(1, 32))
    assert {m for c, m, _ in lex.months.values() if c == "h"} == set(range(1, 13))
    assert lex.units[key_of("قتلى")] == "قتيل"


SERIES = {
    "standard": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "levant": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "maghreb": "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر",
    "algeria_tunisia": "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
    "variants": "يناير فبراير مارس ابريل مايو يونيه يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}


@pytest.mark.parametrize("series", sorted(SERIES))
def test_every_month_of_every_series(series):
    for number, name in enumerate(SERIES[series].split(), 1):
        name = name.replace("_", " ")
        text = f"انعقدت الدورة في 14 {name} 2019 بحضور الوفود."
        dates = extract(text, "2020-01-01").dates
        assert [(text[d.start : d.end], d.value) for d in dates] == [
            (f"14 {name} 2019", f"2019-{number:02d}-14")
        ]


def test_data_file_error_names_the_line(tmp_path):
    mod = _script()
    (tmp_path / "months_extra.tsv").write_text("يونيه\t6\tegypt\n", encoding="utf-8")
    (tmp_path / "months_ambiguous.tsv").write_text("", encoding="utf-8")
    with pytest.raises(SystemExit, match="line 1: expected 4"):
        mod.render(tmp_path)
