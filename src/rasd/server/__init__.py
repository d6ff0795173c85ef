"""The rasd server: `create_app(db_url, token=None, ...)` composes the HTTP API (rasd.api) and the
web interface (rasd.web) on one FastAPI app; `rasd serve` runs it.

Needs the `web` extra (fastapi, uvicorn, jinja2, networkx): `pip install 'rasd[web]'`.
Importing this package imports FastAPI; importing `rasd` does not.
"""

from __future__ import annotations

from rasd.server.app import SETTINGS_ENV, app_from_env, create_app

__all__ = ["SETTINGS_ENV", "app_from_env", "create_app"]
