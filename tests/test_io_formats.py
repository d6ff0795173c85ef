"""The format registry: one entry a format, found by suffix by every reader of files."""

from __future__ import annotations

import io
import json
import zipfile

from rasd.errors import UnknownFormat
from rasd.io.formats import FORMATS, format_of, readable
from rasd.io.readers import read_directory, read_path
from rasd.model import Document

TEXT = "قال رئيس البلدية إن أعمال صيانة الطرق ستبدأ الأسبوع المقبل في الأحياء الشرقية."


def test_every_format_resolves_its_readers_and_owns_its_suffixes():
    seen: set[str] = set()
    for fmt in FORMATS:
        assert callable(fmt.read()) and (fmt.member is None or callable(fmt.read_member()))
        assert fmt.records in ("one", "many", "lines")
        for suffix in fmt.suffixes:
            assert suffix == suffix.lower() and suffix not in seen
            seen.add(suffix)
            assert format_of(f"x{suffix.upper()}") is fmt


def test_a_file_without_a_suffix_is_text_when_named_and_passed_over_in_a_folder(tmp_path):
    (tmp_path / "note").write_text("عنوان\n" + TEXT, encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    assert not readable("note") and not readable("data.csv") and readable("a.JSONL")
    [doc] = read_path(tmp_path / "note")
    assert isinstance(doc, Document) and doc.id == "note"
    assert list(read_directory(tmp_path)) == []
    [err] = read_path(tmp_path / "data.csv")
    assert isinstance(err, UnknownFormat) and err.code == "E007"
    assert ".jsonl" in str(err) and ".zip" in str(err)  # the registry's suffixes, whatever they are


def test_an_archive_reads_its_members_by_the_same_registry(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "عنوان\n" + TEXT)
        zf.writestr("b.jsonl", json.dumps({"id": "b-1", "text": TEXT}, ensure_ascii=False) + "\n")
        zf.writestr("c.csv", "ignored")
    path = tmp_path / "bundle.zip"
    path.write_bytes(buf.getvalue())
    docs = list(read_path(path))
    assert [d.id for d in docs] == ["a", "b-1"]
    assert all(isinstance(d, Document) and d.text.endswith(TEXT) for d in docs)
    assert docs[0].title == "عنوان"
