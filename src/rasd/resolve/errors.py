"""Errors of entity resolution (codes E400–E449)."""

from __future__ import annotations

from rasd.errors import RasdError


class ResolveError(RasdError):
    """Base class of the resolve stage's errors."""

    code = "E400"
    template = "entity resolution failed: {problem}. {fix}"


class ResolveDataError(ResolveError):
    """A data file of the resolve stage is missing or malformed."""

    code = "E401"
    template = "{path}: {problem}. {fix}"


class RelationPatternError(ResolveDataError):
    """A relation pattern that cannot be parsed."""

    code = "E402"
    template = "{path}, line {line}: bad relation pattern {pattern!r}: {problem}. {fix}"


class UnknownEntityType(ResolveError):
    """A mention labelled with a type that is not in the catalogue (`rasd.model.ENTITY_TYPES`)."""

    code = "E404"
    template = (
        "a mention ({start}-{end}) has the entity type {label!r}, which is not one of {known}. The stage that "
        "labelled it must use one of these types; a new type is added to rasd.model.ENTITY_TYPES first."
    )


class ResolveOptionError(ResolveError):
    """A bad option given to the resolve stage in the configuration."""

    code = "E403"
    template = "[resolve] option {option} = {value!r}: {problem}. {fix}"
    exit_code = 2
