"""Overviews of the corpus for the analyst's desk: the facets of a search, documents per day,
trending entities, places with their documents and events, and quotations about an entity.

The facets count documents (every match, near-duplicates included); the entity facets read the
entities of every matching document, so their cost grows with the number of matches (the web's
search page asks for them; the JSON search does not).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Unpack

from rasd.store.base import placeholders
from rasd.store.choices import check_entity_type
from rasd.store.errors import BadQuery
from rasd.store.filters import DateFilters, DocumentFilters, Filters, SearchFilters
from rasd.store.happening import HAPPENING_SQL
from rasd.store.results import EntitySummary, Facets, PlaceCount, QuoteRow, Trend

if TYPE_CHECKING:
    from rasd.store.ranking import Plan

__all__ = ["MAX_TREND_DAYS", "OverviewMixin"]

MAX_TREND_DAYS = 366


class OverviewMixin:
    """Mixed into SQLStore: needs _fetchall/_scalar and the search plan of RankingMixin."""

    if TYPE_CHECKING:

        def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
        def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
        def _plan(self, query: str | None, filters: Filters, allow_everything: bool) -> Plan: ...
        def _from(self, plan: Plan, ranked: bool = True, entity_as: str = "set") -> tuple[str, str, list[Any]]: ...
        def _event_filters(self, type: str | None, location: str | None, participant: str | None,
                           where: list[str], params: list[Any]) -> None: ...
        def _quotes_where(self, where: str, params: list[Any], limit: int, offset: int) -> list[QuoteRow]: ...
        def resolve_entities(self, name: str, type: str | None = None) -> list[EntitySummary]: ...
        def places_within(self, ids: Sequence[str]) -> list[str]: ...

    # ------------------------------------------------------------------ facets
    def facets(self, query: str | None = None, *, top: int = 10, **filters: Unpack[SearchFilters]) -> Facets:
        plan = self._plan(query, Filters.of(filters), True)
        from_sql, _score, params = self._from(plan, ranked=False)
        top = max(1, int(top))
        total = int(self._scalar(f"SELECT COUNT(*) FROM {from_sql}", params) or 0)
        sources = [(s, int(n)) for s, n in self._fetchall(
            f"SELECT d.source, COUNT(*) FROM {from_sql} AND d.source IS NOT NULL GROUP BY d.source ORDER BY 2 DESC, 1 LIMIT ?",
            [*params, top])]
        months = [(m, int(n)) for m, n in self._fetchall(
            f"SELECT SUBSTR(d.published, 1, 7), COUNT(*) FROM {from_sql} AND d.published IS NOT NULL GROUP BY 1 ORDER BY 1",
            params)]
        docs = f"de.doc_no IN (SELECT d.doc_no FROM {from_sql})"
        types = [(t, int(n)) for t, n in self._fetchall(
            f"SELECT e.type, COUNT(DISTINCT de.doc_no) FROM document_entities de JOIN entities e ON e.id = de.entity_id "
            f"WHERE {docs} GROUP BY e.type ORDER BY 2 DESC, 1", params)]
        entities = [(i, name, t, int(n)) for i, name, t, n in self._fetchall(
            f"SELECT e.id, e.name, e.type, COUNT(*) FROM document_entities de JOIN entities e ON e.id = de.entity_id "
            f"WHERE {docs} GROUP BY e.id, e.name, e.type ORDER BY 4 DESC, 1 LIMIT ?", [*params, top])]
        return Facets(total, sources, types, entities, months)

    # ------------------------------------------------------------------ time
    def daily_counts(self, **filters: Unpack[DocumentFilters]) -> list[tuple[str, int]]:
        where, params = Filters.of(filters, DocumentFilters).document_conditions()
        where.insert(0, "d.published IS NOT NULL")
        return [(day, int(n)) for day, n in self._fetchall(
            f"SELECT d.published, COUNT(*) FROM documents d WHERE {' AND '.join(where)} GROUP BY d.published ORDER BY 1",
            params)]

    def trending(self, days: int = 7, top: int = 10, type: str | None = None) -> list[Trend]:
        days = int(days)
        if not 1 <= days <= MAX_TREND_DAYS:
            raise BadQuery(problem=f"days must be 1 to {MAX_TREND_DAYS}, not {days}", fix="Give a period of 1 to 366 days.")
        type = check_entity_type(type)
        newest = self._scalar("SELECT MAX(published) FROM documents")
        if not newest:
            return []
        end = dt.date.fromisoformat(str(newest)[:10])
        cut = end - dt.timedelta(days=days)  # the recent period is (cut, end]
        start = cut - dt.timedelta(days=days)  # the period before is (start, cut]
        cond, params = "", [cut.isoformat(), cut.isoformat(), start.isoformat(), end.isoformat()]
        if type:
            cond = " AND e.type = ?"
            params.append(type)
        rows = self._fetchall(
            "SELECT e.id, e.type, e.name, SUM(CASE WHEN d.published > ? THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN d.published <= ? THEN 1 ELSE 0 END) FROM document_entities de "
            "JOIN documents d ON d.doc_no = de.doc_no JOIN entities e ON e.id = de.entity_id "
            f"WHERE d.published > ? AND d.published <= ?{cond} GROUP BY e.id, e.type, e.name",
            params,
        )
        since = (cut + dt.timedelta(days=1)).isoformat()
        found = [Trend(i, t, name, int(r), int(b), since, end.isoformat()) for i, t, name, r, b in rows
                 if int(r) >= 2 and int(r) > int(b)]
        found.sort(key=lambda x: (-(x.recent - x.before), -x.recent, x.id))
        return found[: max(0, int(top))]

    # ------------------------------------------------------------------ places
    def place_counts(self, ids: Sequence[str] | None = None, top: int = 100, *, within: bool = False) -> list[PlaceCount]:
        params: list[Any] = []
        cond = ""
        if ids is not None:
            ids = self.places_within(ids) if within else list(dict.fromkeys(ids))
            if not ids:
                return []
            cond = f" AND e.id IN ({placeholders(ids)})"
            params += ids
        return self._places_of(cond, params, "", [], top)

    def search_places(self, query: str | None = None, *, top: int = 100, **filters: Unpack[SearchFilters]) -> list[PlaceCount]:
        plan = self._plan(query, Filters.of(filters), True)
        from_sql, _score, params = self._from(plan, ranked=False)
        docs = f"SELECT d.doc_no FROM {from_sql}"
        return self._places_of(f" AND de.doc_no IN ({docs})", params, f" AND doc_no IN ({docs})", params, top)

    def _places_of(self, cond: str, params: list[Any], event_cond: str, event_params: list[Any], top: int) -> list[PlaceCount]:
        """Places named in the documents `cond` (on document_entities de) keeps, most documents
        first, with their mentions there and the events `event_cond` (on events) keeps there."""
        rows = self._fetchall(
            "SELECT e.id, e.name, COUNT(*), SUM(de.mentions) FROM document_entities de JOIN entities e ON e.id = de.entity_id "
            f"WHERE e.type = 'LOC'{cond} GROUP BY e.id, e.name ORDER BY 3 DESC, 1 LIMIT ?",
            [*params, int(top)],
        )
        found = [r[0] for r in rows]
        events: dict[str, int] = {}
        if found:
            events = {i: int(n) for i, n in self._fetchall(
                f"SELECT location_id, COUNT(*) FROM events WHERE location_id IN ({placeholders(found)}){event_cond} GROUP BY location_id",
                [*found, *event_params])}
        return [PlaceCount(i, name, int(n), events.get(i, 0), int(m or 0)) for i, name, n, m in rows]

    def event_places(self, type: str | None = None, *, location: str | None = None, participant: str | None = None,
                     top: int = 100, **dates: Unpack[DateFilters]) -> list[PlaceCount]:
        day = "CASE WHEN LENGTH(ev.date) = 10 THEN ev.date ELSE d.published END"
        where, params = Filters.of(dates, DateFilters).document_conditions(column=day)
        where.insert(0, "ev.location_id IS NOT NULL")
        self._event_filters(type, location, participant, where, params)
        return [PlaceCount(i, name or i, 0, int(n)) for i, name, n in self._fetchall(
            f"SELECT ev.location_id, le.name, COUNT(DISTINCT {HAPPENING_SQL}) FROM events ev JOIN documents d ON d.doc_no = ev.doc_no "
            f"LEFT JOIN entities le ON le.id = ev.location_id WHERE {' AND '.join(where)} "
            "GROUP BY ev.location_id, le.name ORDER BY 3 DESC, 1 LIMIT ?",
            [*params, int(top)],
        )]

    # ------------------------------------------------------------------ quotations
    def quotes_about(self, name_or_id: str, *, limit: int = 20, offset: int = 0) -> list[QuoteRow]:
        ids = [e.id for e in self.resolve_entities(name_or_id)]
        ph = placeholders(ids)
        where = (
            f"q.doc_no IN (SELECT doc_no FROM mentions WHERE entity_id IN ({ph})) "
            f"AND (q.speaker_id IS NULL OR q.speaker_id NOT IN ({ph})) "
            "AND EXISTS (SELECT 1 FROM mentions m WHERE m.doc_no = q.doc_no AND m.span_start >= q.span_start "
            f"AND m.span_end <= q.span_end AND m.entity_id IN ({ph}))"
        )
        return self._quotes_where(where, [*ids, *ids, *ids], int(limit), max(0, int(offset)))
