"""The `rasd` command group. Each command lives in its own module and is added here."""

from __future__ import annotations

import click

from rasd import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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

    for command in (extract, *COMMANDS, train, evaluate, serve, batch, load, check):
        cli.add_command(command)


_add_commands()
