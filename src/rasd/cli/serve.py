"""`rasd serve`: the HTTP API and the web interface over a database (FastAPI served by uvicorn)."""

from __future__ import annotations

import ipaddress
import json
import os

import click

from rasd.cli.common import fail, fail_usage
from rasd.errors import RasdError

__all__ = ["serve"]

_MIB = 1024 * 1024


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _analysis_limits(table: dict[str, object]) -> dict[str, int]:
    """create_app's limits of POST /analyze from the configuration's [serve] table, checked."""
    from rasd.errors import BadRecord

    def number(key: str, low: float, high: float, integer: bool) -> float:
        value = table.get(key)
        ok = isinstance(value, int) if integer else isinstance(value, int | float)
        if isinstance(value, bool) or not ok or not low <= value <= high:  # type: ignore[operator]
            kind = "a whole number" if integer else "a number"
            raise BadRecord(where=f"configuration [serve] {key}", problem=f"{value!r} is not {kind} from {low:g} to {high:g}",
                            fix="See the commented defaults in rasd/data/config/defaults.toml.")
        return value  # type: ignore[return-value]

    return {
        "analyze_max_body": max(1, int(number("analyze_max_body", 0.001, 1024, False) * _MIB)),
        "analysis_jobs": int(number("analysis_jobs", 1, 100_000, True)),
        "analysis_chars": int(number("analysis_chars", 1, 10**10, True)),
    }


@click.command()
@click.option("--db", default="rasd.db", envvar="RASD_DB", show_default=True, metavar="PATH|URL",
              help="SQLite file (default rasd.db, or $RASD_DB) or postgresql://user@host:port/dbname URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only this machine can connect to the default; 0.0.0.0 opens the server to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (0: any free port).")
@click.option("--token-env", default="RASD_TOKEN", show_default=True, metavar="VAR",
              help="Environment variable holding the bearer token that allows POST /documents. Unset or empty: the server is read-only.")
@click.option("--max-body", default=2.0, show_default=True, type=click.FloatRange(0.001, 1024), metavar="MIB",
              help="Largest request body accepted, in MiB (larger ones get 413).")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 32), help="Database threads (each with its own connection).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes, each with its own database threads and analysis pipeline (memory): "
                   "more than one lets searches use more cores than Python's one at a time (caches, such as the graph's, are per process).")
@click.option("--stages", metavar="LIST", help="Analysis stages for /analyze and /documents, comma-separated (default: the configuration's).")
@click.option("--config", "config_path", metavar="FILE",
              help="A TOML configuration layered over the defaults: the pipeline, and the [serve] limits of POST /analyze.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info", show_default=True,
              help="The least severe server messages logged (uvicorn's and rasd's) on stderr.")
def serve(db: str, host: str, port: int, token_env: str, max_body: float, threads: int, workers: int, stages: str | None,
          config_path: str | None, log_level: str) -> None:
    """Serve the HTTP API and the Arabic web interface over a database.

    Open http://127.0.0.1:8000/ in a browser for the web interface; the API's endpoints are
    listed at /api and its OpenAPI schema is at /openapi.json. Writes (POST /documents) need
    'Authorization: Bearer TOKEN', where TOKEN is the value of the --token-env variable.

    \b
    Examples:
      rasd ingest examples/ --db rasd.db
      rasd serve --db rasd.db
      RASD_TOKEN=s3cret rasd serve --db rasd.db --port 8080
      rasd serve --db rasd.db --workers 2
      rasd serve --db rasd.db --config serve.toml
    """
    try:
        import uvicorn

        from rasd.server import SETTINGS_ENV, create_app
    except RasdError as exc:
        fail(exc)
    except ImportError as exc:
        fail_usage(f"the web server needs the 'web' extra ({exc.name} is missing). Install it with: pip install 'rasd[web]'")
    from rasd.config import load_config

    try:
        config = load_config(config_path)
        limits = _analysis_limits(config.get("serve", {}))
    except RasdError as exc:
        fail_usage(str(exc))
    token = os.environ.get(token_env, "").strip() or None
    stage_list = [s.strip() for s in stages.split(",") if s.strip()] if stages else None
    from rasd.api.headers import LOOPBACK_NAMES

    loopback = _is_loopback(host)
    allowed = [*LOOPBACK_NAMES, host] if loopback else None  # a loopback server answers to its own names only
    settings = {"db_url": db, "max_body": int(max_body * _MIB), "stages": stage_list, "store_threads": threads,
                "token_env": token_env, "allowed_hosts": allowed,
                "config_path": os.path.abspath(config_path) if config_path else None, **limits}
    try:
        app = create_app(token=token, **settings)  # with workers, this one only checks the database (and migrates it)
    except RasdError as exc:
        fail(exc)
    if not loopback:
        click.echo(f"rasd: warning: listening on {host}: other machines can reach this server.", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"rasd: serving {app.state.db_label} on http://{shown}:{port}/ "
               f"({'writes allowed with the token in $' + token_env if token else 'read-only: $' + token_env + ' is not set'}"
               f"{f'; {workers} processes' if workers > 1 else ''})", err=True)
    if workers > 1:  # each worker process builds its app from the same settings; the token stays in the environment
        os.environ[SETTINGS_ENV] = json.dumps(settings)
        uvicorn.run("rasd.server:app_from_env", factory=True, workers=workers, host=host, port=port, log_level=log_level,
                    server_header=False)
    else:
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
