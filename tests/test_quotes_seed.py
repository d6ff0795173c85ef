"""Quotations and events on the seed article, through the whole default pipeline: 6 of 6 quotations
with the right speakers, and both meetings. Skipped when ../shared is absent."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def report():
    seed, gold, tool = (
        SHARED / "seed" / "article.txt",
        SHARED / "seed" / "gold.json",
        SHARED / "tools" / "score.py",
    )
    if not (seed.is_file() and gold.is_file() and tool.is_file()):
        pytest.skip("../shared/seed or ../shared/tools is absent")
    import rasd
    from rasd.io.records import split_title

    title, body = split_title(seed.read_text(encoding="utf-8"))
    doc = rasd.analyze(body, title=title, published=json.loads(gold.read_text("utf-8"))["input"]["published"])
    spec = importlib.util.spec_from_file_location("shared_score", tool)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    expected = json.loads(gold.read_text("utf-8"))
    return score.score(expected, rasd.to_dict(doc)), doc, expected


def test_all_quotations_found_with_their_speakers(report):
    r, _, _ = report
    assert r["quotes"]["recall"] == 1.0, r["errors"]
    assert r["quotes"]["speaker_correct"] == r["quotes"]["tp"], r["errors"]


def test_both_meetings(report):
    r, doc, expected = report
    assert r["events"]["recall"] == 1.0, r["errors"]
    for gold_event in expected["events"]:  # the dates and the number of participants of the gold
        same = [e for e in doc.events if e.type == gold_event["type"] and e.date == gold_event["date"]]
        assert same and len(same[0].participants) >= len(gold_event["participants"]), gold_event["type"]


def test_quotes_and_events_point_to_their_sentence(report):
    _, doc, _ = report
    for item in (*doc.quotes, *doc.events):
        start = item.start if hasattr(item, "direct") else item.trigger_start
        assert item.sentence == doc.sentence_index(start)
