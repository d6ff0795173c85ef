"""The "events" pipeline stage: fills `Document.events` (see `rasd.events.extract` for the rules)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rasd.events.errors import EventOptionError
from rasd.events.extract import extract_events
from rasd.events.ontology import load_ontology, ontology
from rasd.events.places import GAZETTEER_DIR, place_kinds
from rasd.model import Document
from rasd.pipeline.registry import register
from rasd.text.function_words import function_words, load_function_words

__all__ = ["EventStage"]


@register("events")
class EventStage:
    """Events of the ontology in docs/EVENTS.md, with participants, place, date and casualties.

    Options: `data_dir`, a folder of event files to use instead of `rasd/data/events/` (same
    names and format); `gazetteer_dir`, the folder of place gazetteers used for the location
    precision (default `rasd/data/gazetteers/`, when present); `min_attributes`, how many of
    participants, place, date and casualties an event needs to be kept (default 1; 0 keeps all);
    `quotes_dir`, the quotation data folder whose function words and speaker titles the rules use
    (`rasd.text.function_words`; a built pipeline passes the `[quotes] data_dir` of its
    configuration, default `rasd/data/quotes/`).
    """

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("tokens", "sentences", "entities", "dates")
    provides: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(
        self,
        data_dir: str | None = None,
        gazetteer_dir: str | None = None,
        min_attributes: int = 1,
        quotes_dir: str | None = None,
    ) -> None:
        if min_attributes not in (0, 1, 2, 3, 4):
            raise EventOptionError(
                option="min_attributes", value=min_attributes, fix="Use a number from 0 to 4."
            )
        self.min_attributes = min_attributes
        self.ontology = load_ontology(Path(data_dir)) if data_dir else ontology()
        self.function_words = load_function_words(Path(quotes_dir)) if quotes_dir else function_words()
        self.places = place_kinds(Path(gazetteer_dir) if gazetteer_dir else GAZETTEER_DIR)

    def __call__(self, doc: Document) -> Document:
        doc.events = extract_events(doc, self.ontology, self.function_words, self.places, self.min_attributes)
        return doc
