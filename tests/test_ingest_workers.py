"""`rasd ingest --workers N`: the analysis in N processes gives the same database as one."""

from __future__ import annotations

import json

import pytest

from rasd.config import load_config
from rasd.ingest import ingest
from rasd.store import open_store


def _content(db: str) -> tuple:
    with open_store(db) as s:
        docs = sorted((r["id"], r["cluster"], r["content_hash"]) for r in s.iter_rows("documents"))
        ents = sorted((e.id, e.type, e.name, e.documents, e.mentions) for e in s.entities(top=10_000))
        quotes = sorted((q.document_id, q.text, q.speaker_id) for q in s.quotes(limit=10_000))
        report = s.check(deep=True)
    return docs, ents, quotes, report.ok


def test_two_workers_store_what_one_stores(tmp_path, arabic_corpus):
    records = arabic_corpus(60, seed=3)
    records.append({"id": "bad-1", "title": "", "text": "   "})  # an empty article: reported, not stored
    records.append(dict(records[5]))  # the same record again: unchanged
    changed = dict(records[7], text=records[7]["text"] + " وأضاف أن الاجتماع المقبل سيعقد في القاهرة.")
    records.append(changed)  # the same id with another text: the later one wins
    data = tmp_path / "corpus.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    config = load_config()

    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    with open_store(one) as s:
        first = ingest([data], s, config=config, batch_size=7)
    with open_store(two) as s:
        second = ingest([data], s, config=config, batch_size=7, workers=2)
    counts = ("added", "updated", "unchanged", "same_text", "failed", "duplicates")
    assert [getattr(second, c) for c in counts] == [getattr(first, c) for c in counts]
    assert (first.failed, first.unchanged, first.updated) == (1, 1, 1)
    assert first.records == second.records == len(records)
    a, b = _content(one), _content(two)
    assert a == b
    from rasd.serialize import to_dict

    with open_store(one) as s1, open_store(two) as s2:  # the whole stored analysis
        stored = [(to_dict(s1.get_document(r["id"])), to_dict(s2.get_document(r["id"]))) for r in records[:10]]
        assert all(d1 == d2 for d1, d2 in stored)
        assert any(d1["entities"] for d1, _ in stored)
    assert a[3] and a[1] and a[2]  # consistent, with entities and quotes
    with open_store(two) as s:  # the later text of the repeated id is the stored one
        assert "القاهرة" in s.get_document(records[7]["id"]).text


def test_workers_need_a_configuration_not_a_pipeline(tmp_path):
    from rasd import default_pipeline

    with open_store(str(tmp_path / "x.db")) as s, pytest.raises(ValueError, match="config"):
        ingest([], s, pipeline=default_pipeline(), workers=2)
