"""`rasd load`: the Parquet output of `rasd batch` bulk-loaded into PostgreSQL gives the
knowledge base that `rasd ingest` of the same inputs gives, row for row; loading twice adds nothing;
a changed article replaces its earlier analysis. Runs against the real PostgreSQL test server."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from click.testing import CliRunner

from batch_fixtures import records_in, write_corpus

pytest.importorskip("pyarrow")
psycopg = pytest.importorskip("psycopg")

from rasd.batch.load import load  # noqa: E402
from rasd.batch.run import run_batch  # noqa: E402
from rasd.cli.batch import load as load_cmd  # noqa: E402

# Every per-document table of the store, with the columns to compare (doc_no replaced by the id).
_PER_DOC = {
    "document_entities": "entity_id, name, title, latin, affiliation, mentions, refs",
    "entity_aliases": "entity_id, alias, alias_key",
    "entity_titles": "entity_id, title",
    "mentions": "idx, entity_id, span_start, span_end, label, kind, source, text",
    "quotes": "idx, span_start, span_end, text, direct, cue, speaker_id, speaker_text, speaker_key, negated, sentence",
    "events": "idx, type, trigger_start, trigger_end, trigger_text, location_id, date, date_precision, location_precision, killed, injured, negated, sentence",
    "event_participants": "event_idx, idx, entity_id, role",
    "relations": "idx, type, subject_id, object_id, span_start, span_end",
    "minhash_bands": "key",
}


def _dump(url: str) -> dict[str, list[Any]]:
    with psycopg.connect(url) as conn:
        out = {
            "documents": conn.execute(
                "SELECT id, content_hash, title, published, source, url, text, analysis, cluster_id, minhash, search_keys, search::text FROM documents ORDER BY id"
            ).fetchall(),
            "entities": conn.execute("SELECT id, type, name, latin FROM entities ORDER BY id").fetchall(),
            "clusters": conn.execute("SELECT id FROM clusters ORDER BY id").fetchall(),
        }
        for table, cols in _PER_DOC.items():
            cols_t = ", ".join(f"t.{c.strip()}" for c in cols.split(","))
            rows = conn.execute(f"SELECT d.id, {cols_t} FROM {table} t JOIN documents d ON d.doc_no = t.doc_no").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


@pytest.fixture
def second_db(pg_server_url: str) -> Iterator[str]:
    name = "rasd_batch_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    parts = urlsplit(pg_server_url)
    try:
        yield urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("batch-load")
    inputs = write_corpus(root / "in")
    summary = run_batch(inputs, root / "out", workers=0, partition_size=10)  # in this process: the same worker code
    assert summary.complete
    return {"root": root, "inputs": inputs, "out": root / "out"}


def test_load_stores_what_ingest_stores(batch_out: dict[str, Any], pg_url: str, second_db: str) -> None:
    from rasd.ingest import ingest
    from rasd.pipeline import build_pipeline
    from rasd.store import open_store

    res = CliRunner().invoke(load_cmd, [str(batch_out["out"]), "--db", pg_url, "--json"])
    assert res.exit_code == 0, res.output
    s = json.loads(res.stdout)
    total, bad = records_in()
    assert (s["added"], s["failed"], s["partitions"], s["unfinished"]) == (total - bad, 0, -(-total // 10), 0)
    assert s["duplicates"] >= 1  # the repeated bodies joined their story

    with open_store(second_db) as store:
        ingested = ingest(batch_out["inputs"], store, pipeline=build_pipeline())
    assert ingested.added == total - bad
    loaded, wanted = _dump(pg_url), _dump(second_db)
    for table in wanted:
        assert loaded[table] == wanted[table], table

    with open_store(pg_url) as store, open_store(second_db) as other:
        assert store.check(deep=True).ok
        assert store.counts() == other.counts()
        hits = store.search("اتفاقية")
        assert hits and [h.id for h in hits] == [h.id for h in other.search("اتفاقية")]
        people = store.entities(type="PERSON")
        assert people and [p.to_dict() for p in people] == [p.to_dict() for p in other.entities(type="PERSON")]
        assert {"سامر الحداد", "ليلى منصور"} & {p.name for p in people}


def test_loading_twice_adds_nothing(batch_out: dict[str, Any], pg_url: str) -> None:
    first = load(batch_out["out"], pg_url)
    before = _dump(pg_url)
    again = load(batch_out["out"], pg_url)
    assert (again.added, again.updated, again.unchanged) == (0, 0, first.added)
    assert _dump(pg_url) == before


def test_a_changed_article_replaces_its_earlier_analysis(batch_out: dict[str, Any], pg_url: str, tmp_path: Path) -> None:
    from rasd.store import open_store

    load(batch_out["out"], pg_url)
    lines = Path(batch_out["inputs"][0]).read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["text"] = "أعلنت وزارة الصحة في عمان افتتاح مستشفى جديد يضم مئتي سرير في العاشر من مايو 2015."
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(first, ensure_ascii=False) + "\n" + lines[1] + "\n", encoding="utf-8")
    run_batch([str(changed)], tmp_path / "out", workers=0)
    s = load(tmp_path / "out", pg_url)
    assert (s.updated, s.unchanged, s.added) == (1, 1, 0)
    with open_store(pg_url) as store:
        assert "مستشفى" in store.get_document(first["id"]).text
        assert store.check(deep=True).ok
        assert first["id"] in {h.id for h in store.search("مستشفى")}


def test_unfinished_partitions_are_left_out_and_only_postgresql_is_loaded(batch_out: dict[str, Any], pg_url: str, tmp_path: Path) -> None:
    import shutil

    from rasd.batch.errors import NotPostgres

    copy = tmp_path / "out"
    shutil.copytree(batch_out["out"], copy)
    (copy / "_partitions" / "part-00001.json").unlink()  # as if `rasd batch` had not finished it
    s = load(copy, pg_url)
    assert s.unfinished == 1 and s.partitions == len(list((copy / "_partitions").iterdir()))
    assert "rerun `rasd batch`" in s.report()
    with pytest.raises(NotPostgres):
        load(copy, str(tmp_path / "kb.db"))
