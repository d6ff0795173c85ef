"""Write docs/ERRORS.md, the catalogue of rasd's error codes, from the error classes themselves.

    python scripts/build_error_docs.py [--out docs/ERRORS.md]

Every module of the `rasd` package is imported and every subclass of `rasd.errors.RasdError` that
sets a code of its own is listed, by code: its class, its module, what it means (the class's
docstring) and its message, which says how to fix it (a `{fix}` in a message is filled with the
fix of the case at hand). A test checks that the committed file is current and that no code is
set by two classes.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ERRORS.md"


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DOC)
    args = ap.parse_args(argv)
    args.out.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
