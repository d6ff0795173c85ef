"""Commands that only read refuse a missing database (E610, exit 2) and create nothing: a typo
in --db is an error, not an empty database and "no results"."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from rasd.cli.main import cli
from rasd.store import open_store

READERS = [
    ["search", "الرياض"],
    ["entities"],
    ["entity", "الرياض"],
    ["quotes"],
    ["events"],
    ["export", "--format", "jsonl"],
    ["check"],
    ["check", "--deep"],
]


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a))
def test_read_commands_refuse_a_missing_sqlite_file(tmp_path, args):
    db = tmp_path / "missing.db"
    res = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert res.exit_code == 2, res.output
    assert "E610" in res.output and "missing.db" in res.output and "rasd ingest" in res.output
    assert list(tmp_path.iterdir()) == []  # no database, no -wal or -shm file


def test_a_file_without_rasd_tables_is_refused_untouched(tmp_path):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    res = CliRunner().invoke(cli, ["search", "الرياض", "--db", str(db)])
    assert res.exit_code == 2 and "E610" in res.output and "no rasd tables" in res.output
    assert db.stat().st_size == 0
    from rasd.store.errors import DatabaseMissing

    with pytest.raises(DatabaseMissing):
        open_store(db, create=False)
    with open_store(db) as store:  # a command that writes creates the knowledge base
        assert store.counts()["documents"] == 0


def test_serve_without_a_token_refuses_a_missing_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "RASD_TOKEN"}
    code = "import sys; from rasd.cli.serve import serve; serve(sys.argv[1:])"
    proc = subprocess.run([sys.executable, "-c", code, "--db", str(tmp_path / "typo.db"), "--port", "0"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "E610" in proc.stderr, proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_read_commands_refuse_an_empty_postgres_database(pg_url):
    import psycopg

    res = CliRunner().invoke(cli, ["search", "الرياض", "--db", pg_url])
    assert res.exit_code == 2 and "E610" in res.output and "no rasd tables" in res.output, res.output
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0
    with open_store(pg_url) as store:  # created by a writer, the same command then reads it
        assert store.counts()["documents"] == 0
    assert CliRunner().invoke(cli, ["search", "الرياض", "--db", pg_url]).exit_code == 0
