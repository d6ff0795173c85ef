"""What the two faces (the JSON API, rasd.api, and the web pages, rasd.web) ask of the store in
common: the deepest page they serve, a search's total (exact up to COUNT_LIMIT matching documents), the
laid-out co-occurrence graph (cached on the app, until the next write through it or for a minute)
and an entity's activity. Both faces depend on this
module and on the store, never on each other; `rasd.server.create_app` composes them.
"""

from __future__ import annotations

import time
from typing import Any

from rasd.store import Store
from rasd.store.results import EntityProfile

__all__ = ["COUNT_LIMIT", "GRAPH_SECONDS", "MAX_OFFSET", "entity_activity", "graph_data", "search_total"]

MAX_OFFSET = 100_000  # the deepest item a listing pages to
GRAPH_SECONDS = 60  # how long a laid-out graph is served from the cache at most
COUNT_LIMIT = 1000  # a search's results are counted from at most this many matching documents


def search_total(store: Store, query: str | None, **kw: Any) -> tuple[int, bool]:
    """(total, exact) of a search (`Store.count`'s arguments): exact when at most COUNT_LIMIT
    documents match; else the results among COUNT_LIMIT of them, a lower bound. Counting stops
    there, so a query matching a third of the corpus costs no more to count than one matching 1,000."""
    return store.count_upto(query, documents=COUNT_LIMIT, **kw)


async def graph_data(state: Any, top: int, type: str | None, min_weight: int) -> dict[str, Any]:
    """The laid-out co-occurrence graph (`rasd.query.layout.laid_out`) of the app whose `state`
    holds the store pool, its cache and the time of its last write (`generation`)."""
    from rasd.query.layout import laid_out

    key = (top, type, min_weight)
    now = time.monotonic()
    hit = state.graph_cache.get(key)
    if hit and hit[0] >= state.generation and now - hit[0] < GRAPH_SECONDS:
        return hit[1]
    graph = await state.pool.run(lambda s: s.cooccurrence(top, type, min_weight))
    data = laid_out(graph)
    if len(state.graph_cache) > 64:
        state.graph_cache.clear()
    state.graph_cache[key] = (now, data)
    return data


def entity_activity(store: Store, entity_id: str, *, quotes: int = 20, cooccurring: int = 20, events: int = 50,
                    members: int = 8, member_quotes: int = 3) -> dict[str, Any]:
    """An entity's profile and what it took part in: `profile` (`Store.entity_profile`), `events`
    (as a participant; a place's also as their location) and `spoke`: for an organisation, its
    people (the subjects of relations to it: who leads it, belongs to it, holds a post in it)
    with what they said, (id, name, quotes) for each of the first `members`."""
    profile: EntityProfile = store.entity_profile(entity_id, quotes=quotes, cooccurring=cooccurring)
    found = store.events(participant=profile.id, limit=events)
    if profile.type == "LOC":
        found += [e for e in store.events(location=profile.id, limit=events) if e not in found]
    people: list[tuple[str, str]] = []
    for r in profile.relations:
        if r["object"] == profile.id and r["subject"] != profile.id and (r["subject"], r["subject_name"]) not in people:
            people.append((r["subject"], r["subject_name"]))
    spoke = []
    for mid, mname in people[:members]:
        rows = store.quotes(mid, limit=member_quotes)
        if rows:
            spoke.append((mid, mname, rows))
    return {"profile": profile, "events": found, "spoke": spoke}
