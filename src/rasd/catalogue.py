"""What is generated from rasd's catalogues: the list of error codes and the type lists of the
document schema.

`error_classes()` imports every module of the package (the optional extras included: run it where
they are installed) and returns every `RasdError` subclass that sets a code of its own, by code;
`render()` is docs/ERRORS.md. `schema_text()` writes the entity and event types into the document
schema. `scripts/build_catalogues.py` writes both; tests check that no code is set by two classes
and that the committed files are current.
"""

from __future__ import annotations

import importlib
import json
import pkgutil

__all__ = ["error_classes", "render", "schema_text"]


def error_classes() -> list[type]:
    """Every RasdError subclass of the package that sets its own `code`, sorted by code."""
    import rasd
    from rasd.errors import RasdError

    for info in pkgutil.walk_packages(rasd.__path__, "rasd."):
        importlib.import_module(info.name)
    seen: list[type] = []
    todo = [RasdError]
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.append(cls)
            todo.extend(cls.__subclasses__())
    own = [c for c in seen if "code" in c.__dict__]
    return sorted(own, key=lambda c: (c.code, c.__module__, c.__qualname__))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render() -> str:
    lines = [
        "# Error codes",
        "",
        "Every error rasd reports carries a code (`[E123] ...`). This table is generated from the",
        "error classes by `python scripts/build_catalogues.py`; do not edit it by hand. The message",
        "says what went wrong and how to fix it; where it shows `{fix}`, the fix of the case at hand",
        "is written there. Codes: E0xx input and configuration, E1xx pipeline, E2xx models, E3xx",
        "dates, E4xx entity resolution, E5xx quotation and event data, E6xx store, HTTP face and batch.",
        "",
        "| code | error | module | meaning | message and fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    for cls in error_classes():
        doc = _cell((cls.__doc__ or "").strip().split("\n\n")[0])
        lines.append(
            f"| {cls.code} | `{cls.__qualname__}` | `{cls.__module__}` | {doc} | {_cell(cls.template)} |"
        )
    return "\n".join(lines) + "\n"


def schema_text(text: str) -> str:
    """The document schema `text` with the entity types (`rasd.model.ENTITY_TYPES`) and the event
    types (`rasd.events.ontology.EVENT_TYPES`) written into its `type` lists; the rest as it is."""
    from rasd.events.ontology import EVENT_TYPES
    from rasd.model import ENTITY_TYPES

    schema = json.loads(text)
    for layer, values in (("entities", ENTITY_TYPES), ("events", EVENT_TYPES)):
        old = schema["properties"][layer]["items"]["properties"]["type"]["enum"]
        line = f'"type": {{"enum": {json.dumps(old, ensure_ascii=False)}}}'
        if text.count(line) != 1:
            raise ValueError(f"the schema's list of {layer} types is not written as one line: {line}")
        text = text.replace(line, f'"type": {{"enum": {json.dumps(list(values), ensure_ascii=False)}}}')
    return text
