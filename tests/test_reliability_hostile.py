"""Hostile records (nesting 100,000 deep, lone surrogate escapes, integers past Python's limit)
in .jsonl, .json and zip members: each one a coded per-record error, every other record read and
stored, the run never stopped, and a rerun the same."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner

from rasd.bounds import MAX_DEPTH, check_value, loads
from rasd.cli.store import ingest as ingest_command
from rasd.errors import BadRecord
from rasd.ingest import ingest
from rasd.io.jsonstream import iter_json_array
from rasd.pipeline import build_pipeline
from rasd.store import open_store

DEEP = "[" * 100_000 + "]" * 100_000
GOOD = "قال وزير الخارجية في الرياض إن التعاون مستمر مع الدول المجاورة في مجالات الطاقة والمياه."


def _good(i: int) -> str:
    return json.dumps({"id": f"good-{i}", "text": f"{GOOD} الخبر رقم {i}."}, ensure_ascii=False)


HOSTILE = {
    "deep": '{"id": "deep", "text": "نص", "tags": ' + DEEP + "}",
    "surrogate": '{"id": "sur", "text": "نص \\ud800 مكسور"}',
    "surrogate_key": '{"id": "surk", "text": "نص", "\\udfff": 1}',
    "long_int": '{"id": "int", "text": "نص", "n": ' + "7" * 5000 + "}",
}


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(["text"])


def _jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bounded_parse_refuses_each_kind_with_a_coded_error():
    for name, line in HOSTILE.items():
        with pytest.raises(BadRecord) as err:
            loads(line, f"x.jsonl, line {name}")
        assert err.value.code == "E005" and f"line {name}" in str(err.value), name
    nested = json.loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    check_value(nested, "ok")  # exactly the limit passes
    with pytest.raises(BadRecord, match=f"deeper than {MAX_DEPTH}"):
        check_value([nested], "one more")


def test_hostile_lines_in_jsonl_json_and_zip_are_refused_and_the_rest_stored(tmp_path, pipeline):
    lines = [_good(0), *HOSTILE.values(), _good(1)]
    jl = _jsonl(tmp_path / "a.jsonl", lines)
    arr = tmp_path / "b.json"  # an array: the bad elements are skipped, the ones after them read
    arr.write_text("[" + ",\n".join([_good(2), HOSTILE["deep"], HOSTILE["surrogate"], _good(3)]) + "]", encoding="utf-8")
    zp = tmp_path / "c.zip"
    with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("m.jsonl", "\n".join([HOSTILE["deep"], _good(4), HOSTILE["surrogate"]]))
        zf.writestr("n.json", "[" + ",".join([HOSTILE["deep"], _good(5), HOSTILE["long_int"], _good(6)]) + "]")
    db = tmp_path / "kb.db"
    for run in range(2):  # a rerun meets the same records: the same errors, nothing new
        with open_store(db) as store:
            s = ingest([jl, arr, zp], store, pipeline=pipeline, batch_size=2)
            assert s.failed == 4 + 2 + 2 + 2, s.report()
            assert all("[E005]" in f.reason for f in s.failures), s.report()
            assert (s.added, s.unchanged) == ((7, 0) if run == 0 else (0, 7)), s.report()
            reasons = " | ".join(f.reason for f in s.failures)
            for where in (f"{jl}, line 2", f"{jl}, line 3", f"{jl}, line 4", f"{jl}, line 5", f"{arr}[1]", f"{arr}[2]",
                          f"{zp}:m.jsonl, line 1", f"{zp}:m.jsonl, line 3", f"{zp}:n.json[0]", f"{zp}:n.json[2]"):
                assert where in reasons, where
            assert "nested deeper" in reasons and "lone surrogate" in reasons and "4300 digits" in reasons
            assert sorted(r["id"] for r in store.iter_rows("documents")) == [f"good-{i}" for i in range(7)]
            assert store.check(deep=True).ok


def test_a_deep_element_cut_across_chunks_is_skipped():
    text = "[" + ",".join([_good(0), HOSTILE["deep"], '{"id": "q", "text": "a ] and [ { in a \\" string"}', _good(1)]) + "]"
    chunks = [text[i : i + 997] for i in range(0, len(text), 997)]
    items = list(iter_json_array(iter(chunks), "s.json"))
    assert [x[1]["id"] if isinstance(x, tuple) else x.code for x in items] == ["good-0", "E005", "q", "good-1"]


def test_cli_reports_hostile_records_and_exits_1(tmp_path):
    jl = _jsonl(tmp_path / "a.jsonl", [HOSTILE["deep"], HOSTILE["surrogate"], _good(0)])
    cfg = tmp_path / "text.toml"
    cfg.write_text('[pipeline]\nstages = ["text"]\n', encoding="utf-8")
    res = CliRunner().invoke(ingest_command, [str(jl), "--db", str(tmp_path / "kb.db"), "--config", str(cfg), "--quiet"])
    assert res.exit_code == 1, res.output
    assert "1 added" in res.output and "2 failed" in res.output and "Traceback" not in res.output
    assert f"{jl}, line 1" in res.output and f"{jl}, line 2" in res.output
