"""Write what is generated from rasd's catalogues: docs/ERRORS.md (every error code, from the error
classes) and the entity and event type lists of the document schema (from `rasd.model.ENTITY_TYPES`
and `rasd.events.ontology.EVENT_TYPES`).

    python scripts/build_catalogues.py [--errors docs/ERRORS.md] [--schema src/rasd/schema/rasd.document-1.schema.json]

Every error class that sets a code of its own is listed, by code: its class, its module, what it
means (the class's docstring) and its message, which says how to fix it (a `{fix}` in a message is
filled with the fix of the case at hand). Tests check that the committed files are current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rasd.catalogue import render, schema_text

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=Path, default=ROOT / "docs" / "ERRORS.md")
    ap.add_argument("--schema", type=Path, default=ROOT / "src" / "rasd" / "schema" / "rasd.document-1.schema.json")
    args = ap.parse_args(argv)
    args.errors.write_text(render(), encoding="utf-8")
    args.schema.write_text(schema_text(args.schema.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
