"""`rasd batch` (analyse a corpus on Dask into Parquet tables) and `rasd load` (bulk-load them into
PostgreSQL). Each parses its options, calls one library function of `rasd.batch`, and prints the
summary."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from rasd.cli.common import fail, fail_usage
from rasd.errors import RasdError

__all__ = ["batch", "load"]


def _finish(summary: Any, as_json: bool, failed: bool) -> None:
    """Print the summary (its report, or JSON) and exit with 1 when anything failed."""
    click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) if as_json else summary.report())
    if failed:
        sys.exit(1)


def _bar(desc: str, total: int | None, unit: str) -> Any:
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True, desc=desc)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUTS...")
@click.option("--out", "-o", required=True, metavar="DIR", help="Output folder: one subfolder of Parquet files per table, and manifest.json.")
@click.option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler (tcp://host:8786); default: local worker processes.")
@click.option("--workers", "-w", type=click.IntRange(0, 1024), metavar="N",
              help="Local worker processes (without --scheduler; 0: in this process, without Dask)  [default: 2]")
@click.option("--partition-size", default=500, show_default=True, type=click.IntRange(1, 1_000_000), help="Records per partition (one Parquet file per table each).")
@click.option("--limit", type=click.IntRange(1), metavar="N", help="Only the first N records of the inputs.")
@click.option("--stages", metavar="LIST", help="Comma-separated pipeline stages (default: the configuration's), e.g. text,dates,ner.")
@click.option("--config", "config_path", metavar="FILE", help="A TOML configuration layered over the defaults (stages and their options).")
@click.option("--published", metavar="DATE", help="Publication date YYYY-MM-DD for every record (overrides the records' own).")
@click.option("--encoding", metavar="CODEC", help="Input encoding when not UTF-8 (e.g. cp1256).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def batch(inputs: tuple[str, ...], out: str, scheduler: str | None, workers: int | None, partition_size: int, limit: int | None,
          stages: str | None, config_path: str | None, published: str | None, encoding: str | None, quiet: bool, as_json: bool) -> None:
    """Analyse a corpus in parallel on Dask and write Parquet tables.

    INPUTS are JSONL, JSON, text, HTML or feed files, .zip archives of them (such as the
    SaudiNewsNet daily archives), or directories of them. They are cut into partitions of
    --partition-size records; each worker loads the models once and writes, per partition,
    OUT/<table>/part-NNNNN.parquet for the tables documents, entities, mentions, quotations,
    events, relations and errors (bad records, counted, never fatal). OUT/manifest.json records
    the inputs, partitions, stages and counts. Running the same command again skips the
    finished partitions, so an interrupted run is finished by running it again.
    Exit code 1 when records were bad or partitions failed.

    \b
    Examples:
      rasd batch ../shared/data/saudinewsnet/ --out out/ --workers 2
      rasd batch corpus/*.jsonl --out out/ --scheduler tcp://10.0.0.5:8786 --partition-size 1000
      rasd load out/ --db postgresql://me@localhost/rasd
    """
    from rasd.batch.run import run_batch
    from rasd.config import load_config

    if scheduler and workers is not None:
        fail_usage("give either --scheduler (a running Dask cluster) or --workers (local processes), not both.")
    try:
        cfg = load_config(config_path)
    except RasdError as exc:
        fail_usage(str(exc))
    names = [s.strip() for s in stages.split(",") if s.strip()] if stages else None
    bar = None if quiet else _bar("batch", None, "part")

    def progress(summary: Any) -> None:
        if bar is not None:
            bar.total = summary.partitions - summary.skipped
            bar.n = summary.ran + len(summary.failed)
            bar.set_postfix(docs=summary.documents, failed=len(summary.failed), refresh=False)
            bar.refresh()

    try:
        summary = run_batch(list(inputs), out, scheduler=scheduler, workers=2 if workers is None else workers, partition_size=partition_size, limit=limit,
                            stages=names, config=cfg, encoding=encoding, published=published, progress=progress)
    except RasdError as exc:
        fail(exc)
    finally:
        if bar is not None:
            bar.close()
    _finish(summary, as_json, failed=bool(summary.failed or summary.bad_records or summary.failed_analyses))


@click.command()
@click.argument("out", metavar="DIR")
@click.option("--db", required=True, envvar="RASD_DB", metavar="URL", help="The PostgreSQL knowledge base: postgresql://user@host:port/dbname.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def load(out: str, db: str, quiet: bool, as_json: bool) -> None:
    """Bulk-load the Parquet output of `rasd batch` into a PostgreSQL knowledge base.

    Documents, entities (merged by their stable ids across documents), mentions, quotations,
    events, relations and story clusters are written with COPY, one transaction per
    partition; the result is what `rasd ingest` of the same inputs stores, so `rasd serve`,
    `rasd search` and the other commands use it directly. Loading again adds nothing;
    documents whose content changed replace their earlier analysis.

    \b
    Example:
      rasd load out/ --db postgresql://me@localhost:5432/rasd
    """
    from rasd.batch.load import load as run_load
    from rasd.batch.run import read_manifest

    try:
        total = len(read_manifest(out)["partitions"])
    except RasdError as exc:
        fail(exc)
    bar = None if quiet else _bar("load", total, "part")

    def progress(summary: Any) -> None:
        if bar is not None:
            bar.n = summary.partitions
            bar.set_postfix(added=summary.added, unchanged=summary.unchanged, refresh=False)
            bar.refresh()

    try:
        summary = run_load(out, db, progress=progress)
    except RasdError as exc:
        fail(exc)
    finally:
        if bar is not None:
            bar.close()
    _finish(summary, as_json, failed=bool(summary.failed))
