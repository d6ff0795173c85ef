"""Configuration: the commented defaults shipped in `data/config/defaults.toml`, a user's file on top.

The defaults file is the catalogue of configuration keys: a user's file may only name its tables
and keys (E013 names any other). The tables named after pipeline stages hold that stage's options,
checked against the stage when the pipeline is built (E104, `rasd.pipeline.core`).
"""

from __future__ import annotations

import copy
import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rasd.errors import BadConfigFile, UnknownConfigKey
from rasd.pipeline.registry import STAGES


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    raw = resources.files("rasd").joinpath("data/config/defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def stage_tables() -> frozenset[str]:
    """The tables that hold a stage's options: the built-in stages' and any registered one's."""
    from rasd.pipeline.core import BUILTIN

    return frozenset(BUILTIN) | frozenset(STAGES)


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def check_keys(user: dict[str, Any], path: str) -> None:
    """Raise E013 for a table or key of `user` that the defaults do not have (stage options are
    checked against the stage itself when the pipeline is built), E012 for a table that is not one."""
    defaults = _defaults()
    stages = stage_tables()
    tables = sorted(set(defaults) | stages)
    for table, value in user.items():
        if table not in defaults and table not in stages:
            raise UnknownConfigKey(path=path, key=table, where="", known=", ".join(f"[{t}]" for t in tables))
        if not isinstance(value, dict):
            raise BadConfigFile(
                path=path,
                problem=f"configuration key {table!r} must be a table",
                fix=f"Write its keys under a line [{table}].",
            )
        if table in stages:
            continue
        for key in value:
            if key not in defaults[table]:
                raise UnknownConfigKey(
                    path=path, key=key, where=f" in [{table}]", known=", ".join(sorted(defaults[table]))
                )


def load_config(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The defaults, with the user's TOML file (argument, else $RASD_CONFIG) merged on top."""
    cfg = copy.deepcopy(_defaults())
    path = path or os.environ.get("RASD_CONFIG")
    if path:
        p = Path(path)
        try:
            user = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BadConfigFile(path=str(p), problem="configuration file not found", fix="Check the path.") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise BadConfigFile(path=str(p), problem=f"invalid TOML ({exc})", fix="Fix the syntax.") from None
        except OSError as exc:
            raise BadConfigFile(
                path=str(p), problem=f"configuration file cannot be read ({exc.strerror})", fix="Check the path."
            ) from None
        check_keys(user, str(p))
        cfg = merge(cfg, user)
    return cfg
