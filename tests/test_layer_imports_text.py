"""The event rules use the shared Arabic resources of `rasd.text`, never the quotation package's
internals; `rasd.text` depends on no analysis stage. Read from the source, so that an import
inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "rasd"


def imported_modules(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module a file imports, at any depth (relative imports resolved within rasd)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("rasd", *path.relative_to(root).with_suffix("").parts[:-1]))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def offenders(folder: str, forbidden: tuple[str, ...], root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted((root / folder).rglob("*.py")):
        for mod in sorted(imported_modules(path, root)):
            if any(mod == f or mod.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(root)} imports {mod}")
    return found


def test_events_do_not_import_quotes():
    assert offenders("events", ("rasd.quotes",)) == []


def test_text_imports_no_stage_package():
    stages = ("rasd.dates", "rasd.ner", "rasd.resolve", "rasd.quotes", "rasd.events", "rasd.store", "rasd.api")
    assert offenders("text", stages) == []


@pytest.mark.parametrize(
    "source",
    [
        "from rasd.quotes.lexicon import quote_lexicon",
        "import rasd.quotes.docindex as ix",
        "def f():\n    from ..quotes import extract_quotes",
    ],
)
def test_the_check_sees_a_quotes_import(tmp_path, source):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "view.py").write_text("from rasd.text.docindex import DocIndex\n", encoding="utf-8")
    assert offenders("events", ("rasd.quotes",), tmp_path) == []
    (tmp_path / "events" / "rules.py").write_text(source + "\n", encoding="utf-8")
    (found,) = {f.split(" imports ")[0] for f in offenders("events", ("rasd.quotes",), tmp_path)}
    assert found == "events/rules.py"
