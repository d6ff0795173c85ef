"""Building, checking and running a pipeline of stages.

A pipeline is built from a list of stage names (the `[pipeline] stages` of the configuration), each
stage from its table of options (an option the stage does not take is refused, E104). The whole
chain is checked when it is built: every layer a stage names that is not one of the document
model's (`rasd.model.LAYERS`) is reported at once (E105), then every requirement that no earlier
stage provides (E102). When it runs, the runner checks that each stage returns a `Document` and records
the layers it provides.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Sequence
from typing import Any

from rasd.errors import MissingRequirements, StageContract, UnknownLayer, UnknownStage, UnknownStageOption
from rasd.model import LAYERS, Document
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


# Options a stage takes from another stage's table: the event rules read the function words and
# speaker heads of the quotation data folder (`rasd.text.function_words`).
SHARED_OPTIONS: dict[str, dict[str, tuple[str, str]]] = {"events": {"quotes_dir": ("quotes", "data_dir")}}


def _factory(name: str):
    if name not in STAGES and name in BUILTIN:
        importlib.import_module(BUILTIN[name])
    if name not in STAGES:
        raise UnknownStage(name=name, known=", ".join(sorted(set(STAGES) | set(BUILTIN))))
    return STAGES[name]


def check_layers(stages: Sequence[Any]) -> None:
    """Raise UnknownLayer listing every layer the stages require or provide that the model lacks."""
    problems = []
    for stage in stages:
        for role, layers in (("requires", stage.requires), ("provides", stage.provides)):
            unknown = [layer for layer in layers if layer not in LAYERS]
            if unknown:
                problems.append(f"stage {stage.name!r} {role} {', '.join(map(repr, unknown))}")
    if problems:
        raise UnknownLayer(problems="; ".join(problems), known=", ".join(LAYERS))


def check_chain(stages: Sequence[Any], given: Iterable[str] = ()) -> None:
    """Raise UnknownLayer for layers the model lacks, then MissingRequirements listing every unmet
    requirement of the chain, all at once."""
    check_layers(stages)
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
        stages.append(factory(**stage_options(name, factory, cfg)))
    return Pipeline(stages)


def stage_options(name: str, factory: Any, cfg: dict[str, Any]) -> dict[str, Any]:
    """The options of stage `name` in `cfg` (its table, and what it takes from other tables),
    each checked against the parameters of its factory."""
    options = dict(cfg.get(name) or {})
    for option, (table, key) in SHARED_OPTIONS.get(name, {}).items():
        value = (cfg.get(table) or {}).get(key)
        if value is not None:
            options.setdefault(option, value)
    params = inspect.signature(factory).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return options
    known = [p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    for option in options:
        if option not in known:
            raise UnknownStageOption(name=name, option=option, known=", ".join(known) or "none")
    return options
