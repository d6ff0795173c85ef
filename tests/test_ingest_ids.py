"""Ids never collide silently: two files of one ingest whose names give one id are an error
naming both (E009), the first stays stored, the second is not stored over it."""

from __future__ import annotations

import zipfile

import pytest

from rasd.ingest import ingest
from rasd.pipeline import build_pipeline
from rasd.store import open_store

ONE = "عنوان أول\nافتتحت البلدية حديقة عامة جديدة في وسط المدينة بمساحة كبيرة."
TWO = "عنوان ثان\nأعلنت الجامعة عن قبول دفعة جديدة من الطلاب في كليات الهندسة."


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(["text"])


def _texts(store) -> dict[str, str]:
    return {r["id"]: r["text"] for r in store.iter_rows("documents")}


def test_two_files_with_one_name_in_a_directory(tmp_path, pipeline):
    d = tmp_path / "in"
    (d / "d1").mkdir(parents=True)
    (d / "d2").mkdir()
    (d / "d1" / "article.txt").write_text(ONE, encoding="utf-8")
    (d / "d2" / "article.txt").write_text(TWO, encoding="utf-8")
    with open_store(tmp_path / "kb.db") as store:
        for run in range(2):
            s = ingest([d], store, pipeline=pipeline)
            assert (s.added, s.updated, s.unchanged, s.failed) == ((1, 0, 0, 1) if run == 0 else (0, 0, 1, 1)), s.report()
            reason = s.failures[0].reason
            assert "[E009]" in reason and str(d / "d1" / "article.txt") in reason and str(d / "d2" / "article.txt") in reason
            assert s.failures[0].where == str(d / "d2" / "article.txt")
            assert _texts(store) == {"article": ONE}


def test_two_file_arguments_and_two_zip_members(tmp_path, pipeline):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text(TWO, encoding="utf-8")
    zp = tmp_path / "z.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("d1/y.txt", ONE.replace("حديقة", "مكتبة"))
        zf.writestr("d2/y.txt", TWO.replace("الطلاب", "الطالبات"))
    with open_store(tmp_path / "kb.db") as store:
        s = ingest([tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", zp], store, pipeline=pipeline)
        assert (s.added, s.updated, s.failed) == (2, 0, 2), s.report()
        assert all("[E009]" in f.reason for f in s.failures)
        assert f"{zp}:d1/y.txt" in s.failures[1].reason and f"{zp}:d2/y.txt" in s.failures[1].reason
        assert set(_texts(store)) == {"x", "y"}


def test_the_same_file_twice_is_no_collision(tmp_path, pipeline):
    f = tmp_path / "article.txt"
    f.write_text(ONE, encoding="utf-8")
    with open_store(tmp_path / "kb.db") as store:
        s = ingest([f, tmp_path / "." / "article.txt"], store, pipeline=pipeline)
        assert (s.added, s.failed, s.same_text) == (1, 0, 1), s.report()
