"""`rasd extract`: analyse articles and print `rasd.document/1` JSON (or a readable summary)."""

from __future__ import annotations

import json
import sys

import click

from rasd.cli.common import fail_usage, report_input_error
from rasd.errors import RasdError
from rasd.model import Document
from rasd.serialize import to_dict


def _summary(doc: Document) -> str:
    d = to_dict(doc)
    out = [f"# {d['id']}  {d['title'] or ''}  ({d['published'] or 'no date'})"]
    for e in d["entities"]:
        extra = f" — {e['title']}" if e.get("title") else ""
        out.append(f"  {e['type']:6s} {e['name']} [{e.get('latin') or ''}] ×{len(e['mentions'])}{extra}")
    for x in d["dates"]:
        times = f" ×{1 + len(x['repeats'])}" if x.get("repeats") else ""
        out.append(f"  DATE   {x['text']} → {x['value']}{times}")
    for q in d["quantities"]:
        out.append(f"  QTY    {q['text']} → {q['value']} {q['unit'] or ''}")
    names = {e["id"]: e["name"] for e in d["entities"]}
    for q in d["quotes"]:
        who = names.get(q["speaker"]) or q.get("speaker_text") or "?"
        kind = "«»" if q["direct"] else "أن"
        out.append(f"  QUOTE  {who} ({q['cue']}, {kind}): {q['text'][:80]}")
    for ev in d["events"]:
        place = names.get(ev["location"], "") if ev["location"] else ""
        out.append(f"  EVENT  {ev['type']} «{ev['trigger']['text']}» {ev['date'] or ''} {place}")
    for r in d["relations"]:
        out.append(f"  REL    {names.get(r['subject'], r['subject'])} {r['type']} {names.get(r['object'], r['object'])}")
    return "\n".join(out)


@click.command()
@click.argument("files", nargs=-1, metavar="[FILES|-]...")
@click.option("--published", metavar="DATE", help="Publication date YYYY-MM-DD (overrides the records' own).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json", show_default=True,
              help="json: one rasd.document/1 object (an array for several articles); jsonl: one per line; text: a summary to read.")
@click.option("--pretty", is_flag=True, help="Indent the JSON.")
@click.option("--encoding", metavar="CODEC", help="Input encoding when not UTF-8 (e.g. cp1256, iso8859_6, utf-16).")
@click.option("--config", "config_path", metavar="FILE", help="A TOML configuration layered over the defaults.")
def extract(files: tuple[str, ...], published: str | None, fmt: str, pretty: bool, encoding: str | None, config_path: str | None) -> None:
    """Analyse articles and print what rasd finds in them.

    FILES are .txt (first line = title), .json (an object or an array) or .jsonl files; '-' (or
    no file, with input piped in) reads standard input. One bad file is reported and skipped;
    the exit code is then 1.

    \b
    Examples:
      rasd extract examples/article-1.txt --published 2024-03-08 --pretty
      cat articles.jsonl | rasd extract - --format jsonl
    """
    from rasd.config import load_config
    from rasd.ingest import PipelineProvider
    from rasd.io.decoding import check_encoding
    from rasd.io.readers import read_path
    from rasd.io.records import check_published

    try:
        published = check_published(published)
        check_encoding(encoding)
        config = load_config(config_path)
    except RasdError as exc:
        fail_usage(str(exc))
    if not files:
        if sys.stdin.isatty():
            fail_usage("no input: give one or more FILES, or '-' to read standard input.")
        files = ("-",)
    try:
        pipeline = PipelineProvider(config).get()
    except RasdError as exc:
        fail_usage(str(exc))

    failed = 0
    results = []
    for path in files:
        for item in read_path(path, encoding=encoding, published=published):
            if isinstance(item, RasdError):
                failed += 1
                report_input_error(item)
                continue
            doc = pipeline(item)
            if fmt == "json":
                results.append(to_dict(doc))
            elif fmt == "jsonl":
                click.echo(json.dumps(to_dict(doc), ensure_ascii=False))
            else:
                click.echo(_summary(doc))
    if fmt == "json" and results:
        payload = results[0] if len(results) == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1 if pretty else None))
    if failed:
        sys.exit(1)
