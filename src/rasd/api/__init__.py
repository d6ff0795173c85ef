"""rasd's HTTP API (FastAPI): `create_app(db_url, token=None, max_body=...)`.

Needs the `web` extra (fastapi, uvicorn, jinja2, networkx): `pip install 'rasd[web]'`.
Importing this package imports FastAPI; importing `rasd` does not.
"""

from __future__ import annotations

from importlib.util import find_spec

from rasd.store.errors import MissingExtra

for _module, _package in (("fastapi", "fastapi"), ("jinja2", "jinja2"), ("networkx", "networkx")):
    if find_spec(_module) is None:
        raise MissingExtra(feature="the web server", package=_package, extra="web")

from rasd.api.app import create_app  # noqa: E402

__all__ = ["create_app"]
