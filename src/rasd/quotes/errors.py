"""Errors of the quotation stage: its data files are word lists, checked as the shared ones are
(`rasd.text.errors.LexiconDataError`, code E500), under the name this package has always used."""

from __future__ import annotations

from rasd.text.errors import LexiconDataError as QuoteDataError

__all__ = ["QuoteDataError"]
