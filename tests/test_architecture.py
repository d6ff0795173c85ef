"""The layers' import rules: the store knows nothing of files, pipelines, ingest or the package
root; the web face does not import the API (rasd.server composes them); batch writes through the
store's interface and row builder only. Every import counts, at module level or inside a function."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import rasd

PACKAGE = Path(rasd.__file__).parent

# what rasd.batch may import of the store: the interface, its errors, results and filters, the
# redaction helper and the row builder
STORE_INTERFACE = {"rasd.store", "rasd.store.base", "rasd.store.errors", "rasd.store.results", "rasd.store.filters",
                   "rasd.store.redact", "rasd.store.prepare"}


def imports(source: str) -> set[str]:
    """Every module a Python source imports (for `from a import b`: a, and a.b when b is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if (PACKAGE.parent / f"{node.module}.{alias.name}".replace(".", "/")).with_suffix(".py").exists()
                         or (PACKAGE.parent / f"{node.module}.{alias.name}".replace(".", "/")).is_dir())
    return found


def package_imports(package: str) -> dict[str, set[str]]:
    """module → what it imports, for every module of `package` (e.g. "store")."""
    folder = PACKAGE / package
    return {str(path.relative_to(PACKAGE.parent)): imports(path.read_text(encoding="utf-8")) for path in sorted(folder.rglob("*.py"))}


def breaking(package: str, allowed) -> list[str]:
    return sorted(f"{module} imports {name}" for module, names in package_imports(package).items()
                  for name in names if name.startswith("rasd") and not allowed(name))


def _under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_scanner_sees_imports_inside_functions():
    source = "def f():\n    from rasd.io.readers import read_path\n    import rasd.pipeline\n"
    assert {"rasd.io.readers", "rasd.pipeline"} <= imports(source)
    assert "rasd.store.rows" in imports("from rasd.store import rows\n")


def test_the_store_knows_nothing_of_files_pipelines_ingest_or_the_package_root():
    assert breaking("store", lambda n: n != "rasd" and not _under(n, "rasd.io", "rasd.pipeline", "rasd.ingest", "rasd.api",
                                                                 "rasd.web", "rasd.server", "rasd.batch", "rasd.cli")) == []


def test_the_web_does_not_import_the_api():
    assert breaking("web", lambda n: not _under(n, "rasd.api", "rasd.server")) == []


def test_the_api_does_not_import_the_web():
    assert breaking("api", lambda n: not _under(n, "rasd.web", "rasd.server")) == []


def test_batch_reaches_the_store_through_its_interface_and_row_builder_only():
    assert breaking("batch", lambda n: not _under(n, "rasd.store") or n in STORE_INTERFACE) == []


@pytest.mark.parametrize("package", ["store", "io"])
def test_importing_a_layer_loads_nothing_above_it(package):
    """At run time too: importing every module of the store (or of io) loads no pipeline, no
    ingest and no face."""
    modules = [m.replace("/", ".").removesuffix(".py").removesuffix(".__init__") for m in package_imports(package)]
    modules = [m for m in modules if not m.endswith(("postgres", "bulkload"))]  # psycopg is an extra
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "print(sorted(m for m in sys.modules if m.startswith(('rasd.pipeline', 'rasd.ingest', 'rasd.api', 'rasd.web', "
              "'rasd.server', 'rasd.batch')) or (m.startswith('rasd.io') and " + repr(package) + " == 'store')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.strip() == "[]"
