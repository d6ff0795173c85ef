"""Option classes of the CLI."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

__all__ = ["ListedOption", "event_types", "search_types"]


class ListedOption(click.Option):
    """An option whose help ends with the values it takes, listed when the help is shown: the
    module that knows them (the events ontology) is imported then, not when the command starts."""

    def __init__(self, *args: Any, values: Callable[[], Sequence[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.values = values

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        return record[0], f"{record[1]} One of: {', '.join(self.values())}."


def search_types() -> tuple[str, ...]:
    from rasd.model import ENTITY_TYPES
    from rasd.store.choices import event_types

    return (*ENTITY_TYPES, *event_types())


def event_types() -> tuple[str, ...]:
    from rasd.store.choices import event_types as types

    return types()
