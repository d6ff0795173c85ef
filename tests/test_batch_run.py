"""`rasd batch` on a LocalCluster of 2 worker processes: the output equals a
single-process run of the same pipeline, every partition has one file per table, the manifest
records the run, and a rerun skips what is finished."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from batch_fixtures import records_in, write_corpus

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")

from rasd.batch.errors import BatchMismatch  # noqa: E402
from rasd.batch.run import read_manifest, run_batch  # noqa: E402
from rasd.batch.tables import TABLES, TableBuilder  # noqa: E402
from rasd.cli.batch import batch as batch_cmd  # noqa: E402
from rasd.errors import InputError  # noqa: E402
from rasd.serialize import to_dict  # noqa: E402

PARTITION = 8
_PROVENANCE = {"input", "record", "partition"}


def _rows(folder: Path, table: str, drop: set[str] = frozenset()) -> list[str]:
    """The table's rows as sorted JSON strings (order-normalised), without the `drop` columns."""
    rows = pq.read_table(folder / table).to_pylist()
    return sorted(json.dumps({k: v for k, v in r.items() if k not in drop}, ensure_ascii=False, sort_keys=True, default=str) for r in rows)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("batch-run")
    inputs = write_corpus(root / "in")
    out = root / "out"
    res = CliRunner().invoke(batch_cmd, [*inputs, "--out", str(out), "--workers", "2", "--partition-size", str(PARTITION), "--json", "-q"])
    assert res.exit_code == 1, res.output  # 1: the corpus has bad records (reported, not fatal)
    return {"root": root, "inputs": inputs, "out": out, "summary": json.loads(res.stdout)}


@pytest.fixture(scope="module")
def reference(run: dict[str, Any]) -> dict[str, Any]:
    """The same inputs through the same pipeline, one record after the other in this process."""
    from rasd.config import load_config
    from rasd.ingest import read_inputs
    from rasd.pipeline import build_pipeline

    names = load_config()["pipeline"]["stages"]
    pipeline = build_pipeline(names)
    docs, errors = [], []
    for item in read_inputs(run["inputs"]):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            docs.append(pipeline(item))
    builder = TableBuilder(0)
    for d in docs:
        builder.add_document(d, "", 0)
    tables = run["root"] / "reference"
    for name, table in builder.tables().items():
        (tables / name).mkdir(parents=True)
        pq.write_table(table, tables / name / "all.parquet")
    return {"docs": docs, "errors": errors, "tables": tables, "stages": names}


def test_two_workers_give_the_single_process_output(run: dict[str, Any], reference: dict[str, Any]) -> None:
    out = run["out"]
    total, bad = records_in()
    docs = pq.read_table(out / "documents").to_pylist()
    assert len(docs) == len(reference["docs"]) == total - bad
    got = {r["id"]: {**json.loads(r["analysis"]), "text": r["text"]} for r in docs}
    want = {d.id: to_dict(d) for d in reference["docs"]}
    assert got == want
    for table in TABLES:
        if table == "errors":
            continue
        drop = _PROVENANCE if table == "documents" else set()
        assert _rows(out, table, drop) == _rows(reference["tables"], table, drop), table
    errors = pq.read_table(out / "errors").to_pylist()
    assert sorted((e["code"], e["message"]) for e in errors) == sorted((e.code, str(e)) for e in reference["errors"])
    s = run["summary"]
    assert (s["records"], s["documents"], s["bad_records"], s["failed_analyses"], s["failed"]) == (total, total - bad, bad, 0, {})
    assert sum(s["rows"].values()) > 4 * len(docs)  # entities, mentions, quotations, events were found


def test_one_file_per_table_per_partition_and_a_manifest(run: dict[str, Any], reference: dict[str, Any]) -> None:
    out = run["out"]
    m = read_manifest(out)
    total, bad = records_in()
    parts = [p["name"] for p in m["partitions"]]
    assert len(parts) == -(-total // PARTITION) and sum(p["records"] for p in m["partitions"]) == total
    for table in TABLES:
        assert sorted(p.name for p in (out / table).iterdir()) == [f"{n}.parquet" for n in parts]
    assert sorted(m["finished"]) == parts and m["failed"] == {}
    assert m["stages"] == reference["stages"] and m["rasd_version"]
    assert [f["path"] for f in m["files"]][:2] == run["inputs"][:2]
    assert m["counts"]["documents"] == total - bad and m["counts"]["bad_records"] == bad
    (last,) = m["runs"]
    assert len(last["workers"]) == 2
    pids = {w["pid"] for w in last["workers"].values()}
    assert {f["pid"] for f in m["finished"].values()} <= pids  # the partitions ran on the worker processes
    assert all(w["pipelines_built"] == 1 for w in last["workers"].values())  # models loaded once per worker
    assert not list(out.rglob("*.tmp"))


def test_a_rerun_skips_the_finished_partitions(run: dict[str, Any]) -> None:
    out = run["out"]
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    res = CliRunner().invoke(batch_cmd, [*run["inputs"], "--out", str(out), "--workers", "2", "--partition-size", str(PARTITION), "--json"])
    s = json.loads(res.stdout)
    assert (s["ran"], s["skipped"], s["records"]) == (0, s["partitions"], 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before


def test_a_lost_partition_is_redone_and_other_settings_are_refused(run: dict[str, Any], tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(run["out"], copy)
    (copy / "_partitions" / "part-00002.json").unlink()
    (copy / "mentions" / "part-00003.parquet").unlink()
    s = run_batch(run["inputs"], copy, workers=0, partition_size=PARTITION)  # in this process: same settings, same plan
    assert (s.ran, s.skipped, s.records) == (2, s.partitions - 2, 2 * PARTITION)
    for table in TABLES:
        assert _rows(copy, table) == _rows(run["out"], table), table
    with pytest.raises(BatchMismatch, match="partition_size"):
        run_batch(run["inputs"], copy, workers=0, partition_size=PARTITION + 1)
    res = CliRunner().invoke(batch_cmd, [run["inputs"][0], "--out", str(copy), "--workers", "0", "--partition-size", str(PARTITION)])
    assert res.exit_code == 2 and "E643" in res.output


def test_a_limit_counts_and_runs_only_the_first_records(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", n_jsonl=12, n_zip=3, n_txt=2)
    out = tmp_path / "out"
    s = run_batch(inputs, out, workers=0, partition_size=4, limit=6, stages=["text"])
    m = read_manifest(out)
    assert [f["path"] for f in m["files"]] == inputs[:1]  # the zip and the folder were never opened
    assert (s.records, s.documents, s.bad_records, s.partitions) == (6, 5, 1, 2)
    assert m["stages"] == ["text"]
    again = run_batch(inputs, out, workers=0, partition_size=4, limit=6, stages=["text"])
    assert (again.ran, again.skipped) == (0, 2)


def test_an_article_whose_analysis_fails_is_reported_not_fatal(tmp_path: Path) -> None:
    from rasd.pipeline import register

    @register("test_batch_fails_on_a_word")
    class FailsOnAWord:
        """A stage that raises on articles containing a chosen word (to stand for a stage's bug)."""

        name, requires, provides = "test_batch_fails_on_a_word", (), ()

        def __call__(self, doc):
            if "حادث" in doc.text:
                raise ValueError("a stage failed on this article")
            return doc

    inputs = write_corpus(tmp_path / "in", n_jsonl=9, n_zip=0, n_txt=0, bad=False)[:1]
    s = run_batch(inputs, tmp_path / "out", workers=0, partition_size=4, stages=["text", "test_batch_fails_on_a_word"])
    assert s.complete and (s.records, s.documents, s.failed_analyses) == (9, 6, 3)  # every third article is an accident
    errors = pq.read_table(tmp_path / "out" / "errors").to_pylist()
    assert [e["code"] for e in errors] == ["analysis"] * 3
    assert all(e["doc_id"] and "ValueError: a stage failed on this article" in e["message"] for e in errors)
