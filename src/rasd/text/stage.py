"""The "text" pipeline stage: fills `Document.tokens` and `Document.sentences`."""

from __future__ import annotations

from typing import ClassVar

from rasd.model import Document
from rasd.pipeline.registry import register
from rasd.text.hashtags import expand_hashtags
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize

__all__ = ["TextStage"]


@register("text")
class TextStage:
    """Tokens (with proclitics split off, hashtags read as their words) and sentences. Takes no
    options."""

    name: ClassVar[str] = "text"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("tokens", "sentences")

    def __init__(self) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        doc.tokens = expand_hashtags(doc.text, tokenize(doc.text))
        doc.sentences = split_sentences(doc.text, doc.tokens)
        return doc
