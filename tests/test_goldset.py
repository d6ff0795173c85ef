"""The development gold set (bench/gold/) and bench/accuracy.py, which scores rasd against it.

The gold files hold record ids and annotated strings; the texts come from ../shared, so these
tests skip where it is absent.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

import pytest

from helpers import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402
import goldset  # noqa: E402

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not (SHARED / "data" / "ant-unlabeled").is_dir() or not (SHARED / "tools" / "score.py").is_file(),
        reason="needs ../shared (the ANT unlabelled news and the scorer)",
    ),
]

MAIN = goldset.gold_files(goldset.GOLD_DIR)
SECOND = goldset.gold_files(goldset.SECOND_DIR)


@pytest.fixture(scope="module")
def records():
    return goldset.corpus()


@pytest.fixture(scope="module")
def golds():
    return [goldset.load(p) for p in MAIN]


@pytest.mark.parametrize("path", MAIN + SECOND, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_gold_file_is_sound(path, records):
    # every string is in the record's text, ids are consistent, and the file scores 1.0 against itself
    gold = goldset.load(path)
    assert path.stem == gold["document"]
    assert goldset.problems(gold, records.get(gold["document"])) == []


def test_the_set_covers_six_outlets_and_holds_the_promised_totals(golds, records):
    assert len(golds) >= 40
    outlets = Counter(records[g["document"]].source for g in golds)
    assert len(outlets) >= 6, outlets
    assert sum(len(g["quotes"]) for g in golds) >= 250
    assert sum(len(g["events"]) for g in golds) >= 150
    assert sum(len(g["entities"]) for g in golds) >= 400
    # every second annotation is of an article the main set holds
    assert len(SECOND) >= 8
    assert {p.stem for p in SECOND} <= {p.stem for p in MAIN}


def test_a_perfect_stand_in_scores_one_on_every_layer(golds, records):
    result = accuracy.evaluate(golds, records, lambda g, r: goldset.stand_in(goldset.for_scoring(g)))
    for layer in goldset.LAYERS:
        assert (result[layer]["precision"], result[layer]["recall"]) == (1.0, 1.0), layer
    assert result["speaker_acc"] == 1.0
    assert all(d["errors"] == [] for d in result["docs"])


def test_a_wrong_speaker_and_a_missed_event_are_counted_and_listed(golds, records):
    gold = next(g for g in golds if g["quotes"] and [e for e in g["events"] if e["type"] != "OTHER"])

    def damaged(g, r):
        out = goldset.stand_in(goldset.for_scoring(g))
        out["quotes"][0]["speaker"] = "someone-else"
        out["events"] = out["events"][1:]
        out["dates"].append({"text": "كذا", "value": "1999"})
        return out

    result = accuracy.evaluate([gold], records, damaged)
    assert result["speaker_acc"] < 1.0
    assert result["events"]["recall"] < 1.0
    assert result["dates"]["fp"] == 1
    errors = result["docs"][0]["errors"]
    assert any(e.startswith("quote ") and "wrong speaker" in e for e in errors)
    assert any(e.startswith("missed event") for e in errors)
    assert "spurious date 'كذا' → 1999" in errors


def test_accuracy_prints_one_json_object_for_rasd(tmp_path, capsys):
    for p in MAIN[:2]:
        (tmp_path / p.name).write_text(p.read_text("utf-8"), "utf-8")
    assert accuracy.main(["--gold", str(tmp_path), "--json", "--errors"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"entities", "dates", "quotes", "speaker_acc", "events", "relations", "docs"} <= out.keys()
    assert [d["id"] for d in out["docs"]] == [p.stem for p in MAIN[:2]]
    assert 0.0 <= out["speaker_acc"] <= 1.0
    assert out["quotes"]["gold"] == sum(len(goldset.load(p)["quotes"]) for p in MAIN[:2])


def test_the_agreement_of_a_file_with_itself_is_perfect(tmp_path, capsys):
    (tmp_path / "second").mkdir()
    for p in MAIN[:1]:
        (tmp_path / p.name).write_text(p.read_text("utf-8"), "utf-8")
        (tmp_path / "second" / p.name).write_text(p.read_text("utf-8"), "utf-8")
    assert accuracy.main(["--gold", str(tmp_path), "--agreement", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["entities"]["f1"] == 1.0
    assert out["speaker_acc"] == (1.0 if out["quotes"]["gold"] else 0.0)
    assert len(out["docs"]) == 1


def test_a_gold_string_missing_from_the_text_is_reported(golds, records):
    gold = json.loads(json.dumps(golds[0]))
    gold["entities"][0]["mentions"].append("اسم لا يرد في النص")
    found = goldset.problems(gold, records[gold["document"]])
    assert any("is not in the text" in p for p in found)


def test_compare_lists_what_a_change_fixed_and_broke(golds, records):
    gold = next(g for g in golds if g["dates"])

    def perfect(g, r):
        return goldset.stand_in(goldset.for_scoring(g))

    def no_dates(g, r):
        return perfect(g, r) | {"dates": []}

    before = accuracy.evaluate([gold], records, no_dates)
    after = accuracy.evaluate([gold], records, perfect)
    text = accuracy.compare(before, after)
    assert "fixed: date" in text and f"{len(gold['dates'])} errors fixed, 0 new" in text
    assert "new:" not in accuracy.compare(after, after)
