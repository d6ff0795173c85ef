"""The `rasd` command group. Each command lives in its own module and is added here."""

from __future__ import annotations

import click

from rasd import __version__


class RasdGroup(click.Group):
    """The command list of `rasd --help` gives each command's first sentence whole (click cuts it
    at 45 characters, mid-sentence, by default)."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=RasdGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rasd")
def cli() -> None:
    """rasd (رصد): Arabic news articles to structured, searchable knowledge.

    \b
    Example:
      rasd extract examples/article-1.txt --published 2024-03-08 --pretty
    """


def _add_commands() -> None:
    from rasd.cli.batch import batch, load
    from rasd.cli.check import check
    from rasd.cli.extract import extract
    from rasd.cli.ner import evaluate, train
    from rasd.cli.serve import serve
    from rasd.cli.store import COMMANDS
    from rasd.cli.stories import stories

    for command in (extract, *COMMANDS, stories, train, evaluate, serve, batch, load, check):
        cli.add_command(command)


_add_commands()
