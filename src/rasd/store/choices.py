"""The options of the read side that take one value of a list: entity types and event types.

A value outside the list is refused (`UnknownValue`, E612, with the list) rather than matched
against nothing: «--type FOO» would otherwise answer "no events" as if there were none. Values
are taken in any case («meet» is MEET). The store also takes an event type its documents have
(an analysis made elsewhere may have types of its own).
"""

from __future__ import annotations

from rasd.model import ENTITY_TYPES
from rasd.store.errors import UnknownValue

__all__ = ["check_entity_type", "check_event_type", "check_search_type", "event_types"]


def event_types() -> tuple[str, ...]:
    """The event types of the ontology (imported on first use: a command that takes no type
    does not load the events package)."""
    from rasd.events.ontology import EVENT_TYPES

    return EVENT_TYPES


def _checked(value: str | None, valid: tuple[str, ...], what: str) -> str | None:
    if value is None or not str(value).strip():
        return None
    code = str(value).strip().upper()
    if code not in valid:
        raise UnknownValue.of(what, str(value), valid)
    return code


def check_entity_type(value: str | None) -> str | None:
    """An entity type (PERSON, ORG, LOC, MISC), None when none is given."""
    return _checked(value, ENTITY_TYPES, "entity type")


def check_event_type(value: str | None) -> str | None:
    """An event type of the ontology (MEET, ATTACK …), None when none is given."""
    if value is None or not str(value).strip():
        return None
    return _checked(value, event_types(), "event type")


def check_search_type(value: str | None) -> str | None:
    """A search filter's type: an entity type or an event type."""
    if value is None or not str(value).strip():
        return None
    return _checked(value, (*ENTITY_TYPES, *event_types()), "entity or event type")
