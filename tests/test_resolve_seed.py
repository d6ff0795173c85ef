"""Acceptance check of entity resolution on the seed article, with the real text, dates and ner stages:
no gold entity split in two ("not merged"), every person's title found, every gold relation
found, a Latin name for every entity. The gold file is read from ../shared at test time."""

from __future__ import annotations

import importlib.util
import json

import pytest

from helpers import SHARED
from rasd import to_dict
from rasd.model import Document
from rasd.pipeline import build_pipeline

SEED = SHARED / "seed"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SEED / "gold.json").exists(), reason="../shared/seed is absent"),
]


def _scorer():
    spec = importlib.util.spec_from_file_location("seed_score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def result():
    title, _, body = (SEED / "article.txt").read_text(encoding="utf-8").partition("\n")
    pipe = build_pipeline(["text", "dates", "ner", "resolve"], config={"pipeline": {"stages": []}})
    doc = pipe(Document.from_parts(body, title, published="2021-12-03"))
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))
    score = _scorer()
    return doc, gold, score, score.score(gold, to_dict(doc))


def test_no_gold_entity_is_split(result):
    _doc, _gold, _score, report = result
    assert report["entities"]["not_merged"] == 0, report["errors"]
    assert report["entities"]["wrong_type"] == 0, report["errors"]


def test_every_gold_relation_is_found(result):
    _doc, _gold, _score, report = result
    assert report["relations"]["recall"] == 1.0, report


def test_every_person_has_the_gold_title(result):
    doc, gold, score, _report = result
    for g in gold["entities"]:
        if g["type"] != "PERSON":
            continue
        forms = set().union(*(score.forms(t) for t in [g["name"], *g["mentions"]]))
        mine = [
            e for e in doc.entities if any(score.forms(doc.text[m.start : m.end]) & forms for m in e.mentions)
        ]
        assert len(mine) == 1, g["id"]
        assert mine[0].title is not None and score.norm(mine[0].title) == score.norm(g["title"]), g["id"]


def test_every_entity_has_a_latin_name_or_a_guess(result):
    doc, *_ = result
    assert doc.entities and all(bool(e.latin) != bool(e.latin_guess) for e in doc.entities)
