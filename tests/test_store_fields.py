"""The Python API validates its arguments, and both back ends refuse the same document fields
(wrong types, NUL characters) with the same coded error before anything is written."""

from __future__ import annotations

import json

import pytest

import rasd
from rasd.errors import BadRecord, EmptyText
from rasd.ingest import ingest
from rasd.model import Document
from rasd.pipeline import build_pipeline
from rasd.store import open_store

BODY = "افتتحت البلدية أمس حديقة عامة جديدة في وسط المدينة بحضور عدد من المسؤولين."


def test_analyze_checks_its_arguments_as_the_cli_does():
    with pytest.raises(TypeError, match="text must be a string, not NoneType"):
        rasd.analyze(None)
    with pytest.raises(EmptyText) as err:
        rasd.analyze("  \n")
    assert err.value.code == "E004"
    with pytest.raises(TypeError, match="source must be a string or None, not list"):
        rasd.analyze(BODY, source=[1, 2])
    with pytest.raises(TypeError, match="url must be a string or None, not int"):
        rasd.analyze(BODY, url=3)
    with pytest.raises(TypeError, match="title must be"):
        rasd.analyze(BODY, title=5)


BAD_FIELDS = {
    "url is a list": {"url": [1, 2]},
    "source is a dict": {"source": {"a": 1}},
    "id is an int": {"id": 7},
    "NUL in the text": {"text": BODY + "\x00"},
    "NUL in the title": {"title": "عنوان\x00"},
    "NUL in the source": {"source": "مصدر\x00"},
    "meta holds a set": {"meta": {"tags": {1, 2}}},
}


@pytest.mark.parametrize("case", BAD_FIELDS, ids=list(BAD_FIELDS))
def test_both_back_ends_refuse_the_same_fields(store_url, case):
    doc = Document.from_parts(BODY, "عنوان", id="d1")
    for name, value in BAD_FIELDS[case].items():
        setattr(doc, name, value)
    with open_store(store_url) as store:
        with pytest.raises(BadRecord) as err:
            store.put_document(doc)
        assert err.value.code == "E005" and "document" in str(err.value)
        assert store.counts()["documents"] == 0 and store.check().ok


def test_a_nul_in_a_record_is_refused_alike_by_ingest(store_url, tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"id": "n1", "text": BODY + "\u0000"}, {"id": "n2", "text": BODY, "url": ["x"]}, {"id": "ok", "text": BODY},
    )), encoding="utf-8")
    with open_store(store_url) as store:
        s = ingest([f], store, pipeline=build_pipeline(["text"]))
        assert (s.added, s.failed) == (1, 2), s.report()
        assert [x.where for x in s.failures] == [f"{f}, line 1", f"{f}, line 2"]
        assert all("[E005]" in x.reason for x in s.failures)
        assert [r["id"] for r in store.iter_rows("documents")] == ["ok"]
