"""Errors of the quotation stage (codes E500–E519)."""

from __future__ import annotations

from rasd.errors import RasdError

__all__ = ["QuoteDataError"]


class QuoteDataError(RasdError):
    """A quotation data file (under rasd/data/quotes/) is missing or malformed."""

    code = "E500"
    template = "{path}, line {line}: {problem}. {fix}"
