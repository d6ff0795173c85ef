"""The "quotes" pipeline stage: fills `Document.quotes` (see `rasd.quotes.extract` for the rules)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rasd.model import Document
from rasd.pipeline.registry import register
from rasd.quotes.extract import extract_quotes
from rasd.quotes.lexicon import load_quote_lexicon, quote_lexicon
from rasd.quotes.names import add_speaker_names

__all__ = ["QuoteStage"]


@register("quotes")
class QuoteStage:
    """Direct and indirect quotations with their cue, speaker, negation and sentence.

    A name the entity layer missed in a speaker's place («وقال فلان إن …») is added to the
    document's entities first (`rasd.quotes.names`), as a reader would read it.

    Option `data_dir`: a folder with the quotation data files to use instead of the shipped ones
    (same file names and columns as `rasd/data/quotes/`).
    """

    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("tokens", "sentences", "entities", "dates")
    provides: ClassVar[tuple[str, ...]] = ("quotes",)

    def __init__(self, data_dir: str | None = None) -> None:
        self.lexicon = load_quote_lexicon(Path(data_dir)) if data_dir else quote_lexicon()

    def __call__(self, doc: Document) -> Document:
        add_speaker_names(doc, self.lexicon)
        doc.quotes = extract_quotes(doc, self.lexicon)
        return doc
