"""`rasd extract`: output, input kinds and its errors (exit 2 for usage, 1 for bad input)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from helpers import EXAMPLES, validate
from rasd.cli.main import cli

BODY = "قال رئيس الوزراء إن الحكومة ستعلن خطتها الجديدة الأسبوع المقبل.\nوأكد الوزير أن الخطة جاهزة."


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, input=None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def test_example_article_gives_valid_document(runner):
    res = run(runner, "extract", str(EXAMPLES / "article-1.txt"), "--published", "2024-03-07")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    validate(data)
    assert data["published"] == "2024-03-07"
    assert data["title"].startswith("الأردن")


def test_jsonl_and_stdin(runner, tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(
        json.dumps({"id": "a", "title": "خبر", "text": BODY, "date": "2024-01-02"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "b", "text": BODY}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    res = run(runner, "extract", str(f), "--format", "jsonl")
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["a", "b"]
    assert lines[0]["published"] == "2024-01-02"
    res = run(runner, "extract", "-", input="العنوان\n" + BODY)
    assert res.exit_code == 0
    assert json.loads(res.stdout)["title"] == "العنوان"


def test_text_format(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("عنوان\n" + BODY, encoding="utf-8")
    res = run(runner, "extract", str(f), "--format", "text")
    assert res.exit_code == 0
    assert res.stdout.startswith("# a")


def test_missing_file_and_directory_do_not_stop_others(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("عنوان\n" + BODY, encoding="utf-8")
    res = run(runner, "extract", str(tmp_path / "nope.txt"), str(tmp_path), str(good))
    assert res.exit_code == 1
    assert "E001" in res.stderr and "nope.txt" in res.stderr
    assert "E002" in res.stderr and "is a directory" in res.stderr
    assert json.loads(res.stdout)["id"] == "good"


def test_windows_1256_is_detected_and_readable_with_encoding(runner, tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes(("عنوان\n" + BODY).encode("cp1256"))
    res = run(runner, "extract", str(f))
    assert res.exit_code == 1
    assert "E003" in res.stderr and "cp1256" in res.stderr and "--encoding" in res.stderr
    res = run(runner, "extract", str(f), "--encoding", "cp1256")
    assert res.exit_code == 0
    assert "الحكومة" in json.loads(res.stdout)["text"]


def test_empty_text(runner, tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("   \n\n", encoding="utf-8")
    res = run(runner, "extract", str(f))
    assert res.exit_code == 1 and "E004" in res.stderr


def test_bad_json_line_names_the_line(runner, tmp_path):
    f = tmp_path / "b.jsonl"
    f.write_text('{"text": "نص أول"}\n{"text": "نص\n{"title": "بلا نص"}\n', encoding="utf-8")
    res = run(runner, "extract", str(f), "--format", "jsonl")
    assert res.exit_code == 1
    assert "line 2" in res.stderr and "line 3" in res.stderr and "'text'" in res.stderr
    assert len(res.stdout.splitlines()) == 1


@pytest.mark.parametrize("value", ["2021-13-01", "yesterday", "03/12/2021"])
def test_invalid_published_is_usage_error(runner, tmp_path, value):
    f = tmp_path / "a.txt"
    f.write_text("عنوان\n" + BODY, encoding="utf-8")
    res = run(runner, "extract", str(f), "--published", value)
    assert res.exit_code == 2 and "E006" in res.stderr


def test_unknown_encoding_is_usage_error(runner, tmp_path):
    res = run(runner, "extract", "-", "--encoding", "klingon", input=BODY)
    assert res.exit_code == 2 and "E008" in res.stderr
