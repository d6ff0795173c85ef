"""The rule that skips a record before its analysis: one rule for every way into the store.

A record's content hash (text, title, date, source, url, meta: `rasd.store.rows.content_hash`)
against the hash stored (or waiting to be stored) under its id:

- the same hash: "unchanged", nothing to do;
- another hash, and the id was derived from the text itself (`rasd.model.content_id`): another
  record with the same text (the same article listed twice), skipped as "same_text";
- another hash under an id of the record's own: an updated article, analysed and replacing the
  stored one; no hash: a new record.
"""

from __future__ import annotations

from typing import Literal

from rasd.model import content_id

__all__ = ["UNCHANGED", "SAME_TEXT", "Skip", "skip_reason"]

UNCHANGED = "unchanged"
SAME_TEXT = "same_text"
Skip = Literal["unchanged", "same_text"]


def skip_reason(doc_id: str, text: str, chash: str, known: str | None) -> Skip | None:
    """Why the record `doc_id` (its `text`, its content hash `chash`) needs no analysis, given the
    hash `known` under its id (None: the id is not known); None when it must be analysed and stored."""
    if known is None:
        return None
    if known == chash:
        return UNCHANGED
    if doc_id == content_id(text):
        return SAME_TEXT
    return None
