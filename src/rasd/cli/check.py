"""`rasd check`: the integrity check of a knowledge base.

It calls `Store.check()`: foreign keys, orphan rows (entities, mentions, aliases, titles, story
clusters), the full-text index in step with the documents and, with `--deep`, every stored analysis
compared with its rows. Exit code 0 when the database is sound, 1 when problems are found (each is
listed), 2 when the database cannot be opened.
"""

from __future__ import annotations

import json

import click

from rasd.cli.store import db_option, opened

__all__ = ["check"]


@click.command()
@db_option
@click.option("--deep", is_flag=True, help="Also re-read every stored analysis and compare it with the tables (slower).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON: ok, problems, counts.")
def check(db: str, deep: bool, as_json: bool) -> None:
    """Check the knowledge base's integrity; exit code 1 lists what is wrong.

    Checks foreign keys, orphan mentions and entities, story clusters without documents and the
    full-text index against the documents. Run it after a crash, a full disk or a restore; if it
    finds problems, re-ingest the affected files (or restore a backup).

    \b
    Examples:
      rasd check --db rasd.db
      rasd check --db postgresql://me@localhost/rasd --deep --json
    """
    with opened(db) as store:  # a missing database: E610, exit 2, nothing created
        report = store.check(deep=deep)
    if as_json:
        click.echo(json.dumps({"ok": report.ok, "problems": report.problems, "counts": report.counts}, ensure_ascii=False))
    else:
        counts = ", ".join(f"{n} {table}" for table, n in report.counts.items())
        if report.ok:
            click.echo(f"{db}: ok ({counts})")
        else:
            click.echo(f"{db}: {len(report.problems)} problem(s) found ({counts}):")
            for p in report.problems:
                click.echo(f"  - {p}")
    if not report.ok:
        raise SystemExit(1)
