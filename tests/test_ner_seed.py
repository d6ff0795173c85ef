"""Acceptance check of the NER stage on the seed article: every gold person, place and organisation is
found with the right type. Gold entities are read from ../shared at test time (never hard-coded)."""

from __future__ import annotations

import importlib.util
import json

import pytest

from helpers import SHARED
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


def test_every_gold_entity_has_a_mention_of_the_right_type():
    score = _scorer()
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))
    title, _, body = (SEED / "article.txt").read_text(encoding="utf-8").partition("\n")
    doc = build_pipeline(["text", "ner"], config={"pipeline": {"stages": []}})(
        Document.from_parts(body, title)
    )
    starts = {t.stem_start: t.start for t in doc.tokens}
    found: dict[str, set[str]] = {}
    for m in doc.mentions:
        # the mention as written, and with its proclitic (the scorer strips proclitics itself)
        for text in (doc.text[m.start : m.end], doc.text[starts.get(m.start, m.start) : m.end]):
            found.setdefault(m.label, set()).update(score.forms(text))
    missed = []
    for ent in gold["entities"]:
        if ent["type"] not in ("PERSON", "LOC", "ORG"):
            continue
        names = set().union(*(score.forms(t) for t in [ent["name"], *ent.get("mentions", [])]))
        if not names & found.get(ent["type"], set()):
            missed.append(f"{ent['type']} {ent['name']}")
    assert not missed, f"not found with the right type: {missed}"
