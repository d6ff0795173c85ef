"""Stage registry: a dict of factories and a `register(name)` decorator, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STAGES: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def deco(factory: Callable[..., Any]) -> Callable[..., Any]:
        STAGES[name] = factory
        return factory

    return deco
