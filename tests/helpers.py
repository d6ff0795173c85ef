"""Shared test helpers (paths, schema validation)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(resources.files("rasd").joinpath("schema/rasd.document-1.schema.json").read_text("utf-8"))


def validate(doc_json: dict) -> None:
    import jsonschema

    jsonschema.validate(doc_json, schema(), format_checker=jsonschema.FormatChecker())
    text = doc_json["text"]

    def spans(obj):
        if isinstance(obj, dict):
            if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
                yield obj
            for v in obj.values():
                yield from spans(v)
        elif isinstance(obj, list):
            for v in obj:
                yield from spans(v)

    for s in spans({k: v for k, v in doc_json.items() if k != "text"}):
        assert 0 <= s["start"] <= s["end"] <= len(text), s
        assert text[s["start"] : s["end"]] == s["text"], s


def assert_script_regenerates(script: str, data: Path, shipped: Path, out: Path) -> None:
    """`scripts/SCRIPT DATA --out OUT` must write exactly the shipped file."""
    import subprocess
    import sys

    subprocess.run([sys.executable, str(ROOT / "scripts" / script), str(data), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == shipped.read_bytes(), (
        f"{shipped.name} is stale: run `python scripts/{script} {data}` to regenerate it"
    )
