"""Batch planning: inputs → deterministic partitions; a partition's records are exactly
the records `read_path` yields for that range; tables derived from `to_dict`; atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch_fixtures import records_in, write_corpus
from rasd.batch.errors import NoInputs
from rasd.batch.plan import count_file, expand_inputs, make_partitions, read_segment
from rasd.batch.tables import TABLES, TableBuilder
from rasd.batch.worker import write_atomic
from rasd.errors import FileMissing, InputError
from rasd.serialize import to_dict


def _same(a, b) -> bool:
    if isinstance(a, InputError) or isinstance(b, InputError):
        return type(a) is type(b) and str(a) == str(b)
    return to_dict(a) == to_dict(b)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_corpus(tmp_path_factory.mktemp("batch-plan"))


def test_directories_expand_in_the_order_read_directory_reads_them(corpus: list[str], tmp_path: Path) -> None:
    from rasd.io.readers import read_directory

    files = expand_inputs(corpus)
    assert files[:2] == corpus[:2]
    txt = [f for f in files if f.endswith(".txt")]
    walked = [d.id for d in read_directory(corpus[2])]
    assert [Path(f).stem for f in txt] == walked
    assert expand_inputs([*corpus, corpus[0]]) == files  # each file once
    (tmp_path / "only.bin").write_bytes(b"\0")
    with pytest.raises(NoInputs):
        expand_inputs([str(tmp_path)])
    with pytest.raises(NoInputs):
        expand_inputs(["-"])
    with pytest.raises(FileMissing):
        expand_inputs([str(tmp_path / "absent.jsonl")])


@pytest.mark.parametrize("size", [1, 2, 5, 7, 100])
def test_partitions_hold_exactly_the_records_of_read_path(corpus: list[str], size: int) -> None:
    from rasd.io.readers import read_path

    files = [count_file(f, size) for f in expand_inputs(corpus)]
    total, _bad = records_in()
    assert sum(f.records for f in files) == total
    parts = make_partitions(files, size)
    assert parts == make_partitions(files, size)  # deterministic
    assert all(0 < p.records <= size for p in parts)
    assert all(p.records == size for p in parts[:-1])  # partitions span files: only the last is short
    got = [item for p in parts for seg in p.segments for _n, item in read_segment(seg)]
    want = [item for f in files for item in read_path(f.path)]
    assert len(got) == len(want) == total
    assert all(_same(a, b) for a, b in zip(got, want, strict=True))


def test_a_limit_keeps_the_first_records(corpus: list[str]) -> None:
    files = [count_file(f, 4) for f in expand_inputs(corpus)]
    parts = make_partitions(files, 4, limit=10)
    assert [p.records for p in parts] == [4, 4, 2]
    assert parts[0].segments[0].start == 0


def test_jsonl_segments_seek_to_their_first_record(corpus: list[str]) -> None:
    f = count_file(corpus[0], 3)
    assert f.records == 36 + 2 and len(f.marks) == -(-f.records // 3)
    part = make_partitions([f], 3)[5]
    seg = part.segments[0]
    assert seg.offset is not None and seg.line is not None
    with open(corpus[0], "rb") as fh:
        fh.seek(seg.offset)
        first = json.loads(fh.readline())
    numbered = list(read_segment(seg))
    assert numbered[0][0] == 15 and numbered[0][1].id == first["id"]


def test_the_tables_are_derived_from_to_dict(build_doc) -> None:
    doc = build_doc(
        "قال وزير الخارجية سامر الحداد في الرياض إن «العمل مستمر». وزار الحداد الرياض أمس.",
        "زيارة",
        id="d1",
        entities=[("person:samer", "PERSON", "سامر الحداد", ["سامر الحداد", "الحداد"]), ("city:riyadh", "LOC", "الرياض", ["الرياض"])],
        quotes=[("العمل مستمر", "person:samer")],
        events=[("VISIT", "وزار", [("person:samer", "actor")], "city:riyadh")],
        relations=[("LOCATED_IN", "person:samer", "city:riyadh")],
    )
    b = TableBuilder(3)
    b.add_document(doc, "in.jsonl", 7)
    b.add_error("in.jsonl", 8, "E005", "bad")
    t = {name: table.to_pylist() for name, table in b.tables().items()}
    assert set(t) == set(TABLES)
    d = to_dict(doc)
    row = t["documents"][0]
    assert json.loads(row["analysis"]) == {k: v for k, v in d.items() if k != "text"}
    assert (row["text"], row["partition"], row["record"], row["input"]) == (doc.text, 3, 7, "in.jsonl")
    assert len(row["content_hash"]) == 64 and row["search_keys"]
    assert [(e["entity_id"], e["mentions"]) for e in t["entities"]] == [("person:samer", 3), ("city:riyadh", 2)]
    assert {(m["entity_id"], m["text"]) for m in t["mentions"]} == {("person:samer", "سامر الحداد"), ("person:samer", "الحداد"), ("city:riyadh", "الرياض")}
    for m in t["mentions"]:
        assert doc.text[m["start"] : m["end"]] == m["text"]
    q = t["quotations"][0]
    assert (q["text"], q["speaker"], q["direct"]) == ("العمل مستمر", "person:samer", True)
    ev = t["events"][0]
    assert (ev["type"], ev["trigger"], ev["location"], ev["participants"]) == ("VISIT", "وزار", "city:riyadh", [{"entity": "person:samer", "role": "actor"}])
    assert t["relations"][0]["evidence_text"] == doc.text
    assert t["errors"] == [{"partition": 3, "input": "in.jsonl", "record": 8, "doc_id": None, "code": "E005", "message": "bad"}]


def test_an_interrupted_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "documents" / "part-00000.parquet"

    def half_written(tmp: Path) -> None:
        tmp.write_bytes(b"PAR1 half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomic(target, half_written)
    assert not target.exists() and list(target.parent.iterdir()) == []
    assert write_atomic(target, lambda tmp: tmp.write_bytes(b"whole")) == 5
    assert target.read_bytes() == b"whole" and [p.name for p in target.parent.iterdir()] == [target.name]


@pytest.mark.parametrize("size", [5, 7])
def test_a_jsonl_file_after_other_files_is_split_between_its_marks(corpus: list[str], size: int) -> None:
    """Regression: with the JSONL file after other inputs (as sample.jsonl after the SaudiNewsNet
    zips), partition boundaries fall between its counted marks; such a segment must still read
    exactly its records (it raised "a JSONL segment must start at a counted mark")."""
    from rasd.io.readers import read_path

    order = [*expand_inputs(corpus[1:]), *expand_inputs(corpus[:1])]
    files = [count_file(f, size) for f in order]
    parts = make_partitions(files, size)
    assert any(s.offset is None for p in parts for s in p.segments if s.path.endswith(".jsonl"))
    got = [item for p in parts for seg in p.segments for _n, item in read_segment(seg)]
    want = [item for f in files for item in read_path(f.path)]
    assert len(got) == len(want)
    assert all(_same(a, b) for a, b in zip(got, want, strict=True))
