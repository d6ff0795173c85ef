"""The catalogue of rasd's error codes, read from the error classes themselves.

`error_classes()` imports every module of the package (the optional extras included: run it where
they are installed) and returns every `RasdError` subclass that sets a code of its own, by code;
`render()` is docs/ERRORS.md, written by `scripts/build_error_docs.py`. A test checks that no code
is set by two classes and that the committed file is current.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__ = ["error_classes", "render"]


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
        "error classes by `python scripts/build_error_docs.py`; do not edit it by hand. The message",
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
