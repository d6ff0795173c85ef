"""Write docs/ERRORS.md, the catalogue of rasd's error codes, from the error classes themselves.

    python scripts/build_error_docs.py [--out docs/ERRORS.md]

Every module of the `rasd` package is imported (see `rasd.catalogue`) and every error class that
sets a code of its own is listed, by code: its class, its module, what it means (the class's
docstring) and its message, which says how to fix it (a `{fix}` in a message is filled with the
fix of the case at hand). A test checks that the committed file is current and that no code is
set by two classes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rasd.catalogue import render

DOC = Path(__file__).resolve().parents[1] / "docs" / "ERRORS.md"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DOC)
    args = ap.parse_args(argv)
    args.out.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
