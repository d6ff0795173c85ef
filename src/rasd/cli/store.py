"""CLI commands on the knowledge base: ingest, search, entities, entity, quotes, events, export.

Each command parses its options, calls one library function of `rasd.store`, and prints the
result as a table (default) or JSON. Every command takes `--db`: a SQLite file (default
`rasd.db`, or $RASD_DB) or a `postgresql://` URL.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from rasd.cli.common import fail, fail_usage
from rasd.cli.options import ListedOption, event_types, search_types
from rasd.errors import RasdError
from rasd.model import ENTITY_TYPES

__all__ = ["COMMANDS", "db_option", "format_option", "opened"]

_DB_HELP = "SQLite file (default rasd.db, or $RASD_DB) or postgresql://user@host:port/dbname URL."


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", default="rasd.db", envvar="RASD_DB", show_default=True, metavar="PATH|URL", help=_DB_HELP)(f)


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format.")(f)


def dates_and_page(f: Callable[..., Any]) -> Callable[..., Any]:
    """--since, --until, --limit and --offset of the listings of quotations and events."""
    for option in (
        click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many first rows (paging)."),
        click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000), help="How many rows at most."),
        click.option("--until", metavar="DATE", help="Published on or before (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--since", metavar="DATE", help="Published on or after (YYYY-MM-DD, YYYY-MM or YYYY)."),
    ):
        f = option(f)
    return f


@contextmanager
def opened(db: str, *, create: bool = False) -> Iterator[Any]:
    """The store at `db`; library errors become a clean message and exit code. Only a command
    that writes passes `create`: the others refuse a missing database (E610) and create nothing."""
    from rasd.store import open_store

    try:
        store = open_store(db, create=create)
    except RasdError as exc:
        fail(exc)
    try:
        yield store
    except RasdError as exc:
        fail(exc)
    finally:
        store.close()


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


def _mark(text: str, highlights: list[tuple[int, int]]) -> str:
    """The snippet with its highlights: bold on a terminal, [brackets] otherwise."""
    tty = sys.stdout.isatty()
    out, pos = [], 0
    for a, b in highlights:
        word = text[a:b]
        out += [text[pos:a], click.style(word, bold=True, fg="yellow") if tty else f"[{word}]"]
        pos = b
    out.append(text[pos:])
    return "".join(out)


# ------------------------------------------------------------------------------------------ ingest


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATHS...")
@db_option
@click.option("--published", metavar="DATE", help="Publication date YYYY-MM-DD for every record (overrides the records' own).")
@click.option("--encoding", metavar="CODEC", help="Input encoding when not UTF-8 (e.g. cp1256).")
@click.option("--config", "config_path", metavar="FILE", help="A TOML configuration layered over the defaults (pipeline stages and options).")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 100_000), help="Documents written per transaction.")
@click.option("--batch-seconds", type=click.FloatRange(0.001, 86_400), metavar="SECONDS",
              help="A transaction also commits once its first document has waited this long "
                   "(default: [ingest] batch_seconds of the configuration, 5).")
@click.option("--force", is_flag=True, help="Re-analyse and replace documents even when unchanged.")
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Processes analysing articles in parallel (writing stays in one, in input order).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths: tuple[str, ...], db: str, published: str | None, encoding: str | None, config_path: str | None,
           batch_size: int, batch_seconds: float | None, force: bool, workers: int, quiet: bool, as_json: bool) -> None:
    """Analyse articles and store them in the knowledge base.

    PATHS are .txt, .json (an array), .jsonl, .html pages, RSS/Atom feeds (.rss, .atom, .xml),
    .zip archives of those, or directories of them. A re-ingest skips unchanged articles; an
    article whose content changed replaces its old analysis. Bad records are reported and
    skipped (exit code 1). Interrupting is safe: run the same command again to finish.

    \b
    Examples:
      rasd ingest examples/ --db rasd.db
      rasd ingest ../shared/data/saudinewsnet/*.zip --db postgresql://me@localhost/rasd --workers 4
    """
    from rasd.config import load_config
    from rasd.ingest import PipelineProvider
    from rasd.ingest import ingest as run_ingest
    from rasd.io.decoding import check_encoding
    from rasd.io.records import check_published

    try:
        published = check_published(published)
        check_encoding(encoding)
        config = load_config(config_path)
        if batch_seconds is None:
            batch_seconds = _config_seconds(config, "ingest", "batch_seconds")
        provider = PipelineProvider(config)
        if workers == 1:
            provider.get()  # built now, so that its errors are usage errors (the workers build their own)
    except RasdError as exc:
        fail_usage(str(exc))
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True, desc="ingest")

    def progress(n: int, summary: Any) -> None:
        if bar is not None:
            bar.update(n)
            if bar.n % 100 == 0:
                bar.set_postfix(added=summary.added, updated=summary.updated, unchanged=summary.unchanged, failed=summary.failed, refresh=False)

    with opened(db, create=True) as store:
        try:
            summary = run_ingest(paths, store, pipeline=provider, workers=workers, encoding=encoding, published=published,
                                 batch_size=batch_size, batch_seconds=batch_seconds, force=force, progress=progress)
        except KeyboardInterrupt:
            if bar is not None:
                bar.close()
            click.echo("rasd: interrupted; the database is consistent. Run the same command again to finish.", err=True)
            sys.exit(130)
        except getattr(store, "db_errors", ()) as exc:  # e.g. the PostgreSQL server restarted mid-ingest
            from rasd.store.errors import StoreError

            fail(StoreError(message=f"the database failed during ingest ({type(exc).__name__}: {str(exc).strip()}); "
                                    "what was committed is consistent. Run the same command again to finish"))
        finally:
            if bar is not None:
                bar.close()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, default=lambda o: o.__dict__ if hasattr(o, "__dict__") else str(o)))
    else:
        click.echo(summary.report())
    if summary.failed:
        sys.exit(1)


def _config_seconds(config: dict[str, Any], table: str, key: str) -> float:
    """A positive number of seconds from the configuration's [table] key."""
    from rasd.errors import BadRecord

    value = config.get(table, {}).get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise BadRecord(where=f"configuration [{table}] {key}", problem=f"{value!r} is not a positive number of seconds",
                        fix="Give a number such as 5.")
    return float(value)


# ------------------------------------------------------------------------------------------ search


@click.command()
@click.argument("query", required=False, default="")
@click.option("--entity", metavar="NAME", help="Only documents mentioning this entity (any alias, or its id).")
@click.option("--type", "type_", metavar="TYPE", cls=ListedOption, values=search_types,
              help="An entity type narrowing --entity, or alone: documents with such an entity; or an event type: documents "
                   "reporting such an event (any case). Another value is refused with the list (E612, exit 2).")
@click.option("--source", metavar="NAME", help="Only documents from this source.")
@click.option("--since", metavar="DATE", help="Published on or after (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", metavar="DATE", help="Published on or before.")
@click.option("--order", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="relevance: best matches first (phrases, then every word); date: newest first.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000), help="How many results at most.")
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many first results (paging).")
@click.option("--all-copies", is_flag=True, help="Show every near-duplicate instead of one result per story.")
@format_option
@db_option
def search(query: str, entity: str | None, type_: str | None, source: str | None, since: str | None, until: str | None,
           order: str, limit: int, offset: int, all_copies: bool, fmt: str, db: str) -> None:
    """Full-text search of the stored articles (clitic and spelling variants match).

    QUERY may be empty when a filter is given; words in double quotes must stand together, in
    that order ("مجلس الأمن"). Each result shows the document's id, date, source, title and a
    snippet with the matching words highlighted; the number found is printed first (stderr).

    \b
    Examples:
      rasd search "التحالف الدولي" --since 2015-07-01
      rasd search --entity الرياض --order date --format json
    """
    with opened(db) as store:
        results = store.search(query, entity=entity, type=type_, source=source, since=since, until=until, order=order,
                               limit=limit, offset=offset, collapse_duplicates=not all_copies)
        total = store.count(query, entity=entity, type=type_, source=source, since=since, until=until,
                            collapse_duplicates=not all_copies) if fmt == "table" else 0
    if fmt == "json":
        _json([r.to_dict() for r in results])
        return
    if not results:
        click.echo("no results", err=True)
        return
    shown = f"{offset + 1}-{offset + len(results)} of " if len(results) < total else ""
    noun = ("document", "documents") if all_copies else ("story", "stories")
    click.echo(f"{shown}{total} {noun[total != 1]} found", err=True)
    for r in results:
        copies = f"  (+{r.cluster_size - 1} similar)" if r.cluster_size > 1 else ""
        click.echo(f"{r.id}  {r.published or '----------'}  {r.source or '-'}  {r.title or ''}{copies}")
        click.echo(f"    {_mark(r.snippet, r.highlights)}")


# ---------------------------------------------------------------------------------------- entities


@click.command()
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")
@click.option("--top", default=30, show_default=True, type=click.IntRange(1, 100_000), help="How many, most reported first.")
@click.option("--source", metavar="NAME", help="Count only documents from this source.")
@click.option("--since", metavar="DATE", help="Count only documents published on or after.")
@click.option("--until", metavar="DATE", help="Count only documents published on or before.")
@format_option
@db_option
def entities(type_: str | None, top: int, source: str | None, since: str | None, until: str | None, fmt: str, db: str) -> None:
    """The most reported entities: in how many stories (near-duplicates counted once),
    documents and mentions.

    \b
    Examples:
      rasd entities --type PERSON --top 20
      rasd entities --since 2015-08-01 --format json
    """
    with opened(db) as store:
        rows = store.entities(type_, top, source=source, since=since, until=until)
    if fmt == "json":
        _json([r.to_dict() for r in rows])
        return
    click.echo(f"{'stories':>7} {'docs':>6} {'mentions':>8}  type    name")
    for r in rows:
        latin = f" ({r.latin})" if r.latin else ""
        click.echo(f"{r.stories:>7} {r.documents:>6} {r.mentions:>8}  {r.type:<6}  {r.name}{latin}  [{r.id}]")


@click.command()
@click.argument("name")
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES), help="When the name is ambiguous: the entity's type.")
@click.option("--quotes", "n_quotes", default=10, show_default=True, type=click.IntRange(0), help="How many of its quotations to show.")
@format_option
@db_option
def entity(name: str, type_: str | None, n_quotes: int, fmt: str, db: str) -> None:
    """One entity's profile: aliases, titles, quotations, co-occurring entities, mentions per day.

    NAME is any alias the entity was ever written as, or its id.

    \b
    Examples:
      rasd entity الرياض
      rasd entity "وزير الخارجية" --type PERSON --format json
    """
    with opened(db) as store:
        p = store.entity_profile(name, type_, quotes=n_quotes)
    if fmt == "json":
        _json(p.to_dict())
        return
    latin = f" ({p.latin})" if p.latin else ""
    click.echo(f"{p.name}{latin}  {p.type}  [{p.id}]")
    seen = f"; seen {p.first_seen} … {p.last_seen}" if p.first_seen else ""
    click.echo(f"  {p.documents} documents, {p.stories} stories, {p.mentions} mentions{seen}")
    click.echo("  aliases: " + "، ".join(f"{a} ×{n}" for a, n in p.aliases))
    if p.titles:
        click.echo("  titles: " + "، ".join(f"{t} ×{n}" for t, n in p.titles))
    if p.affiliations:
        click.echo("  affiliations: " + "، ".join(f"{nm or i} ×{n}" for i, nm, n in p.affiliations))
    if p.relations:
        click.echo("  relations:")
        for r in p.relations:
            click.echo(f"    {r['subject_name'] or r['subject']} {r['type']} {r['object_name'] or r['object']} ×{r['documents']}")
    if p.cooccurring:
        click.echo("  with: " + "، ".join(f"{e.name} ×{n}" for e, n in p.cooccurring))
    if p.per_day:
        click.echo("  mentions per day:")
        peak = max(n for _d, n in p.per_day)
        for day, n in p.per_day:
            click.echo(f"    {day} {n:>5} " + "█" * max(1, round(30 * n / peak)))
    if p.quotes:
        click.echo("  quotes:")
        for q in p.quotes:
            click.echo(f"    {q.published or '----------'} {q.document_id}: «{q.text}»")
    if p.affiliated:
        click.echo("  affiliated: " + "، ".join(f"{e.name}" + (f" ({t})" if t else "") + f" ×{n}" for e, t, n in p.affiliated))
    if p.others:
        click.echo("  also called this: " + "، ".join(f"{o.name} ({o.type}) [{o.id}]" for o in p.others))


# ------------------------------------------------------------------------------------------ quotes


@click.command()
@click.option("--speaker", metavar="NAME", help="Only quotations by this speaker (an entity alias or id, or the speaker phrase as written).")
@click.option("--source", metavar="NAME", help="Only quotations from articles of this source.")
@dates_and_page
@format_option
@db_option
def quotes(speaker: str | None, source: str | None, since: str | None, until: str | None, limit: int, offset: int, fmt: str, db: str) -> None:
    """Stored quotations with their speakers, newest first.

    \b
    Examples:
      rasd quotes --speaker "وزير الخارجية"
      rasd quotes --since 2015-08-01 --format json
    """
    with opened(db) as store:
        rows = store.quotes(speaker, since=since, until=until, source=source, limit=limit, offset=offset)
    if fmt == "json":
        _json([r.to_dict() for r in rows])
        return
    if not rows:
        click.echo("no quotations", err=True)
    for q in rows:
        who = q.speaker_name or q.speaker_text or q.speaker_id or "?"
        neg = " (denied)" if q.negated else ""
        click.echo(f"{q.published or '----------'}  {q.document_id}  {who}{neg}: «{q.text}»")


# ------------------------------------------------------------------------------------------ events


@click.command()
@click.option("--type", "type_", metavar="TYPE", cls=ListedOption, values=event_types,
              help="Only events of this type (any case). Another value is refused with the list (E612, exit 2).")
@click.option("--location", metavar="NAME", help="Only events located at this place (any alias or id).")
@click.option("--participant", metavar="NAME", help="Only events with this participant (any alias or id).")
@dates_and_page
@format_option
@db_option
def events(type_: str | None, location: str | None, participant: str | None, since: str | None, until: str | None,
           limit: int, offset: int, fmt: str, db: str) -> None:
    """Stored events with their participants, place and date, newest first: by the event's own
    date, else by its article's publication date (then marked "(published)"; a date the text gives
    relative to it, «أمس», is marked "(from the report's date)"). A planned event is marked
    "(planned)"; one reported by several stored articles says how many ("3 reports"). JSON adds
    `modality`, `date_basis`, `happening` (the key the reports share) and `reports`.

    \b
    Examples:
      rasd events --type MEET
      rasd events --location الرياض --format json
    """
    with opened(db) as store:
        rows = store.events(type_, location=location, participant=participant, since=since, until=until, limit=limit, offset=offset)
    if fmt == "json":
        _json([r.to_dict() for r in rows])
        return
    if not rows:
        click.echo("no events", err=True)
    for ev in rows:
        who = ", ".join(f"{p['name'] or p['entity']}" + (f" ({p['role']})" if p["role"] else "") for p in ev.participants)
        where = f" @ {ev.location_name or ev.location_id}" if ev.location_id else ""
        toll = "".join(f" {k}={v}" for k, v in (("killed", ev.killed), ("injured", ev.injured)) if v is not None)
        neg = " (negated)" if ev.negated else ""
        planned = " (planned)" if ev.modality == "planned" else ""
        reports = f"  {ev.reports} reports" if ev.reports > 1 else ""
        when = ev.date or (f"{ev.published} (published)" if ev.published else "----------")
        if ev.date and ev.date_basis == "report":
            when += " (from the report's date)"
        click.echo(f"{when}  {ev.type}{neg}{planned} «{ev.trigger}»{where}{toll}  {who}{reports}  [{ev.document_id}]")


# ------------------------------------------------------------------------------------------ export


@click.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True,
              help="jsonl: one line per document, its full rasd.document/1 analysis; csv/parquet: one table.")
@click.option("--table", type=click.Choice(["documents", "entities", "mentions", "quotes", "events", "relations"]), default="documents",
              show_default=True, help="The table to export as csv or parquet.")
@click.option("--output", "-o", metavar="FILE", default="-", help="Where to write (default: standard output; parquet needs a file).")
@db_option
def export(fmt: str, table: str, output: str, db: str) -> None:
    """Export the knowledge base.

    \b
    Examples:
      rasd export --format jsonl -o analyses.jsonl
      rasd export --format parquet --table mentions -o mentions.parquet
    """
    from rasd.store.export import export as run_export

    if fmt == "parquet" and output == "-":
        fail_usage("parquet is binary: give a file with --output (for example -o documents.parquet).")
    with opened(db) as store:
        if output == "-":
            n = run_export(store, fmt, sys.stdout, table)
        else:
            mode = "wb" if fmt == "parquet" else "w"
            try:
                with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as fh:
                    n = run_export(store, fmt, fh, table)
            except OSError as exc:
                fail_usage(f"cannot write {output}: {exc.strerror}.")
    click.echo(f"exported {n} {'documents' if fmt == 'jsonl' else table + ' rows'}", err=True)


COMMANDS = [ingest, search, entities, entity, quotes, events, export]
