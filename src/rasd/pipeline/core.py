"""Building, checking and running a pipeline of stages.

A pipeline is built from a list of stage names (the `[pipeline] stages` of the configuration). The
whole chain is checked when it is built: every requirement that no earlier stage provides is
reported at once. When it runs, the runner checks that each stage returns a `Document` and records
the layers it provides.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from typing import Any

from rasd.errors import MissingRequirements, StageContract, UnknownStage
from rasd.model import Document
from rasd.pipeline.registry import STAGES

# Where the built-in stages live; importing a module registers its stage.
BUILTIN = {
    "text": "rasd.text.stage",
    "dates": "rasd.dates.stage",
    "ner": "rasd.ner.stage",
    "resolve": "rasd.resolve.stage",
    "quotes": "rasd.quotes.stage",
    "events": "rasd.events.stage",
}


def _factory(name: str):
    if name not in STAGES and name in BUILTIN:
        importlib.import_module(BUILTIN[name])
    if name not in STAGES:
        raise UnknownStage(name=name, known=", ".join(sorted(set(STAGES) | set(BUILTIN))))
    return STAGES[name]


def check_chain(stages: Sequence[Any], given: Iterable[str] = ()) -> None:
    """Raise MissingRequirements listing every unmet requirement of the chain, all at once."""
    have = set(given)
    gaps = []
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            gaps.append(f"stage {stage.name!r} requires {', '.join(missing)}")
        have.update(stage.provides)
    if gaps:
        raise MissingRequirements(gaps="; ".join(gaps))


class Pipeline:
    def __init__(self, stages: Sequence[Any]) -> None:
        check_chain(stages)
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            out = stage(doc)
            if not isinstance(out, Document):
                raise StageContract(name=stage.name, problem=f"returned {type(out).__name__}, not a Document")
            out.done.update(stage.provides)
            doc = out
        doc.views.clear()  # what the stages shared about this document is not kept with it
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def build_pipeline(names: Sequence[str] | None = None, config: dict[str, Any] | None = None) -> Pipeline:
    """Build the pipeline named in `names` (default: the configuration's stage list)."""
    from rasd.config import load_config

    cfg = config if config is not None else load_config()
    names = list(names) if names is not None else list(cfg["pipeline"]["stages"])
    stages = []
    for name in names:
        factory = _factory(name)
        stages.append(factory(**cfg.get(name, {})))
    return Pipeline(stages)
