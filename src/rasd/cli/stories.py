"""`rasd stories`: the largest stories of the knowledge base, each with its outlets, people, places
and articles (`rasd.store.stories` says how articles are grouped)."""

from __future__ import annotations

import click

from rasd.cli.store import _json, db_option, format_option, opened
from rasd.store.results import StorySummary

__all__ = ["stories"]


@click.command()
@click.option("--days", default=7, show_default=True, type=click.IntRange(1, 3660),
              help="The period: the last DAYS days up to the newest stored article (unless --since/--until).")
@click.option("--since", metavar="DATE", help="Stories with an article published on or after this day (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Stories with an article published on or before this day (YYYY-MM-DD).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10_000), help="How many stories, largest first.")
@click.option("--articles", type=click.IntRange(0, 10_000), help="Articles listed per story, earliest first (default 5; with --story, all).")
@click.option("--min-documents", default=2, show_default=True, type=click.IntRange(1), help="Least articles a story has to be listed.")
@click.option("--story", "story_id", metavar="ID", help="Show this one story (its id as listed) with all its articles.")
@click.option("--backfill", is_flag=True, help="First group the stored articles that have no story yet (stored by an older rasd).")
@format_option
@db_option
def stories(days: int, since: str | None, until: str | None, limit: int, articles: int | None, min_documents: int, story_id: str | None,
            backfill: bool, fmt: str, db: str) -> None:
    """The largest stories: articles of several outlets about one event, grouped as they are stored.

    A story is grouped from the words the articles share (TF-IDF over their stems), the people,
    organisations and places they name, and their dates (within two days). Largest first: most
    articles, then most outlets.

    \b
    Examples:
      rasd stories --days 3
      rasd stories --since 2015-07-21 --until 2015-07-21 --limit 30 --articles 100
      rasd stories --story 2015-07-21#1003 --format json
    """
    with opened(db, create=backfill) as store:
        if backfill:
            n = store.backfill_stories()
            click.echo(f"grouped {n} articles that had no story", err=True)
        if story_id is not None:
            found = [store.story(story_id, 10_000 if articles is None else articles)]
        else:
            found = store.top_stories(days=days, since=since, until=until, limit=limit, articles=5 if articles is None else articles,
                                      min_documents=min_documents)
    if fmt == "json":
        _json([s.to_dict() for s in found])
        return
    if not found:
        click.echo("no stories of that many articles in the period", err=True)
    for s in found:
        _print(s)


def _print(s: StorySummary) -> None:
    when = s.first if s.first == s.last else f"{s.first} … {s.last}"
    click.echo(f"{s.documents} articles, {len(s.outlets)} outlets, {when or 'undated'}: {s.title or '(no title)'}  [{s.id}]")
    click.echo("  outlets: " + "، ".join(s.outlets))
    if s.people:
        click.echo("  people: " + "، ".join(f"{n} ×{c}" for _i, n, c in s.people))
    if s.places:
        click.echo("  places: " + "، ".join(f"{n} ×{c}" for _i, n, c in s.places))
    for a in s.articles:
        click.echo(f"    {a.published or '----------'}  {a.source or '-'}  {a.title or ''}  [{a.id}]")
