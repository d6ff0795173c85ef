"""The one place a pipeline is built: from the configuration, once, by whoever needs it.

A `PipelineProvider` holds the recipe of a pipeline (stage names, the configuration) and builds it
on first use; the recipe, not the built pipeline, is what worker processes receive. The CLI, the
ingest flow, the API's analyzer and the batch workers all get their pipeline from one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from rasd.model import Document

__all__ = ["PipelineProvider", "default_provider"]

Analyse = Callable[[Document], Document]


class PipelineProvider:
    """The pipeline of `stages` (default: the configuration's `[pipeline] stages`) built from
    `config` (default: `rasd.config.load_config()`, which reads $RASD_CONFIG), or a ready
    `pipeline` (it cannot be sent to worker processes)."""

    def __init__(self, config: dict[str, Any] | None = None, stages: Sequence[str] | None = None,
                 pipeline: Analyse | None = None) -> None:
        self.config = config
        self.stages = list(stages) if stages is not None else None
        self._pipeline = pipeline
        self._given = pipeline is not None
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return self._pipeline is not None

    @property
    def portable(self) -> bool:
        """Whether worker processes can build the same pipeline (it was not given ready-made)."""
        return not self._given

    def recipe(self) -> tuple[list[str] | None, dict[str, Any] | None]:
        """What a worker process needs to build the same pipeline (picklable)."""
        return self.stages, self.config

    def names(self) -> list[str]:
        """The stage names: the built pipeline's, else the recipe's (empty when it names none)."""
        if self._pipeline is not None:
            return list(getattr(self._pipeline, "names", []))
        return list(self.stages) if self.stages is not None else []

    def get(self) -> Analyse:
        """The pipeline, built on the first call (its RasdError, e.g. an unknown stage, propagates
        and the next call tries again)."""
        with self._lock:
            if self._pipeline is None:
                from rasd.pipeline import build_pipeline

                self._pipeline = build_pipeline(self.stages, config=self.config)
            return self._pipeline


_DEFAULT: PipelineProvider | None = None


def default_provider() -> PipelineProvider:
    """The provider of the default configuration, shared by the process (`rasd.analyze`)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = PipelineProvider()
    return _DEFAULT

