"""The key of one happening: what links the events of several articles that report it.

Two stored events share a key when they have the same type, modality and day, and the same place
or, without a place, the same actors. The rule (`docs/EVENTS.md`, "One happening across
articles") leaves an event without a key when it says too little to tell it from another
happening of its type: no day of its own (a day written in the text, or counted from the report's
date by a word of the text, «أمس»), or neither a place nor an actor. Counting keys, not
rows, counts happenings rather than the articles that report them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

__all__ = ["ACTOR_ROLES", "DAY_BASES", "HAPPENING_SQL", "happening_key"]

# The roles of the parties that make a happening what it is (who met, who visited whom); a
# target, a victim or a replaced official is what it happened to, told differently by each outlet.
ACTOR_ROLES = frozenset({"actor", "participant", "host", "visitor", "guest"})
# The ways of reaching a date that name the event's own day: written in its clause, taken from
# the date of its anchor, or counted from its report's publication date by a word of the text
# («أمس», «الثلاثاء»): each outlet's word is counted from its own date, so «أمس» in a report of 4
# May and «أول أمس» in one of 5 May both name 3 May. The publication date standing in for an
# undated event is none of these (such an event has no date).
DAY_BASES = frozenset({"text", "anchor", "report"})
# What one happening is in SQL over `events ev`, for counting them: its key, or the event itself
# when it has none (a key begins with its type's capitals, never with a digit as this does).
HAPPENING_SQL = "COALESCE(ev.happening, CAST(ev.doc_no AS TEXT) || ':' || CAST(ev.idx AS TEXT))"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def happening_key(type: str, *, modality: str | None, date: str | None, date_precision: int | None, date_basis: str | None,
                  location: str | None, actors: Iterable[str | None], negated: bool) -> str | None:
    """The key of the happening an event reports (`TYPE:YYYY-MM-DD:m:digest`, m the first letter of
    its modality), or None: for an event the text says did not happen, one without a day of its
    own (a date of precision 1 reached by a basis of `DAY_BASES`), and one with neither a place
    nor an actor (`actors`: the entity ids of its participants in a role of `ACTOR_ROLES`)."""
    if negated or not type or date is None or not _DAY.match(date) or date_precision not in (1, None):
        return None
    if date_basis not in DAY_BASES:
        return None
    if location:
        who = "place:" + location
    else:
        ids = sorted({a for a in actors if a})
        if not ids:
            return None
        who = "actors:" + "\x1f".join(ids)
    mode = modality or "asserted"
    digest = hashlib.sha1(f"{type}\x1e{mode}\x1e{date}\x1e{who}".encode()).hexdigest()[:16]
    return f"{type}:{date}:{mode[0]}:{digest}"
