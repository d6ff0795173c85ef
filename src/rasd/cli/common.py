"""Shared CLI helpers: turning library errors into clean messages and exit codes."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from rasd.errors import RasdError


def fail_usage(message: str) -> NoReturn:
    """A usage error: message on stderr, exit code 2."""
    click.echo(f"rasd: error: {message}", err=True)
    sys.exit(2)


def report_input_error(exc: RasdError) -> None:
    """One bad input: say so on stderr and carry on."""
    click.echo(f"rasd: skipped: {exc}", err=True)


def fail(exc: RasdError) -> NoReturn:
    click.echo(f"rasd: error: {exc}", err=True)
    sys.exit(exc.exit_code)
