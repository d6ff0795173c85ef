"""Errors of the shared language resources (code E500)."""

from __future__ import annotations

from rasd.errors import RasdError

__all__ = ["LexiconDataError"]


class LexiconDataError(RasdError):
    """A word-list data file (under rasd/data/quotes/, or the folder configured instead) is missing
    or malformed."""

    code = "E500"
    template = "{path}, line {line}: {problem}. {fix}"
