"""Configuration: the commented defaults shipped in `data/config/defaults.toml`, a user's file on top."""

from __future__ import annotations

import copy
import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rasd.errors import BadRecord


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    raw = resources.files("rasd").joinpath("data/config/defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def load_config(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The defaults, with the user's TOML file (argument, else $RASD_CONFIG) merged on top."""
    cfg = copy.deepcopy(_defaults())
    path = path or os.environ.get("RASD_CONFIG")
    if path:
        p = Path(path)
        try:
            user = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BadRecord(where=str(p), problem="configuration file not found", fix="Check the path.") from None
        except tomllib.TOMLDecodeError as exc:
            raise BadRecord(where=str(p), problem=f"invalid TOML ({exc})", fix="Fix the syntax.") from None
        cfg = merge(cfg, user)
    return cfg
