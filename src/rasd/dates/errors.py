"""Errors of the dates stage (codes E300–E349)."""

from __future__ import annotations

from rasd.errors import RasdError


class DatesError(RasdError):
    """Base class of the dates stage's errors."""

    code = "E300"


class DataFileError(DatesError):
    code = "E301"
    template = (
        "{path}, line {line}: {problem}. The dates data files are tab-separated with the columns named "
        "in their header comment; fix the line (or regenerate months.tsv/weekdays.tsv with "
        "scripts/build_month_tables.py src/rasd/data/dates)."
    )


class UnknownOption(DatesError):
    code = "E302"
    template = "unknown option {name!r} for the dates stage. Known options: {known}."
    exit_code = 2


class BadPublished(DatesError):
    """Recorded as a document warning (not raised): relative dates are then left unresolved."""

    code = "E303"
    template = (
        "publication date {value!r} is not an ISO date (YYYY-MM-DD); relative dates in this article are "
        "left unresolved. Give the date as e.g. 2021-12-03."
    )
