"""The entity ids a search's entity filter stands for, kept between requests.

Resolving a name (`RankingMixin._plan`: the exact alias, else the resolver's variant or surname
match, then for a place what lies within it) takes from one query to several (a country's cities
and regions: 2-6 ms on SQLite with 25k articles), and an analyst's desk asks for the same names
again and again. The answer is kept per store connection until its data changes: the back end's
`_data_version` (SQLite's `PRAGMA data_version`, which moves when another connection commits;
PostgreSQL's newest doc_no, which moves when a document is stored or replaced) is compared at each
lookup, the connection's own commits clear it, and nothing is kept longer than SECONDS (a deletion
elsewhere leaves the ids of an entity that lost its documents, which match nothing, until then).
Only resolved names are kept: an unknown or ambiguous name is looked up again each time. With
them are kept, under the same rule, the numbers a search plans by (how many documents name a set of
entities, the highest doc_no: `RankingMixin._walk_dates`), which cost a query each and are asked
for on every listing of an entity's news.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["NameCache"]

SIZE = 1024  # names kept at most; the cache is emptied when full
SECONDS = 60.0  # the longest an answer is kept


class NameCache:
    def __init__(self) -> None:
        self._ids: dict[tuple[str, str | None], tuple[str, ...]] = {}
        self._numbers: dict[tuple[str, ...], int] = {}
        self._version: Any = None
        self._since = 0.0

    def get(self, name: str, type: str | None, version: Any) -> list[str] | None:
        """The ids kept for (name, type), or None; forgets everything first when `version` is not
        the one the ids were kept at, or they are older than SECONDS."""
        now = time.monotonic()
        if version != self._version or now - self._since > SECONDS:
            self._ids.clear()
            self._numbers.clear()
            self._version, self._since = version, now
        found = self._ids.get((name, type))
        return None if found is None else list(found)

    def put(self, name: str, type: str | None, ids: Sequence[str]) -> None:
        if len(self._ids) >= SIZE:
            self._ids.clear()
        self._ids[(name, type)] = tuple(ids)

    def number(self, key: Sequence[str], compute: Callable[[], int]) -> int:
        """A number of the data `get` last checked the version of, computed once: call it after
        `get` in the same request."""
        k = tuple(key)
        found = self._numbers.get(k)
        if found is None:
            if len(self._numbers) >= SIZE:
                self._numbers.clear()
            found = self._numbers[k] = int(compute())
        return found

    def clear(self) -> None:
        self._ids.clear()
        self._numbers.clear()
        self._version = None
