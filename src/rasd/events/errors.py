"""Errors of the event stage (codes E520–E539)."""

from __future__ import annotations

from rasd.errors import RasdError

__all__ = ["EventDataError", "EventOptionError"]


class EventDataError(RasdError):
    """An event data file (under rasd/data/events/) is missing or malformed."""

    code = "E520"
    template = "{path}: {problem}. {fix}"


class EventOptionError(RasdError):
    """A bad option of the events stage (from the configuration)."""

    code = "E521"
    template = "events stage: option {option} = {value!r} is invalid. {fix}"
    exit_code = 2
