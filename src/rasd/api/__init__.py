"""rasd's HTTP API (FastAPI): the JSON endpoints (`rasd.api.routes.router`), their errors, the
analysis queue and the store pool. `rasd.server.create_app` serves it with the web interface.

Needs the `web` extra (fastapi, uvicorn, jinja2, networkx): `pip install 'rasd[web]'`.
Importing this package imports FastAPI; importing `rasd` does not.
"""

from __future__ import annotations

from importlib.util import find_spec

from rasd.store.errors import MissingExtra

for _module, _package in (("fastapi", "fastapi"), ("jinja2", "jinja2"), ("networkx", "networkx")):
    if find_spec(_module) is None:
        raise MissingExtra(feature="the web server", package=_package, extra="web")
