"""The read side shared by both back ends: duplicates, entities and profiles, quotes, events and the
co-occurrence graph (search and count: rasd.store.ranking; export rows, counts and the integrity
check: rasd.store.maintenance)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Unpack

from rasd.store.base import placeholders
from rasd.store.choices import check_entity_type, check_event_type
from rasd.store.errors import DocumentNotFound
from rasd.store.filters import DateFilters, DocumentFilters, Filters
from rasd.store.happening import HAPPENING_SQL as HAPPENING
from rasd.store.results import EntityProfile, EntitySummary, EventRow, Graph, QuoteRow, SearchResult
from rasd.store.search import alias_key, parse_query, snippet

__all__ = ["QueriesMixin", "entity_summary"]

ENTITY_COLS = "e.id, e.type, e.name, e.latin, COUNT(*), COUNT(DISTINCT de.cluster_id), SUM(de.mentions + de.refs)"


def _day(published: str | None) -> int:
    """A sortable number of a YYYY-MM-DD date (0 when unknown)."""
    return int(published.replace("-", "")) if published else 0


def entity_summary(row: Sequence[Any]) -> EntitySummary:
    return EntitySummary(row[0], row[1], row[2], row[3], int(row[4]), int(row[5]), int(row[6] or 0))


class QueriesMixin:
    """Mixed into SQLStore: needs _fetchall/_fetchone/_scalar."""

    if TYPE_CHECKING:

        def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
        def _fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None: ...
        def resolve_entities(self, name: str, type: str | None = None) -> list[EntitySummary]: ...
        def places_within(self, ids: Sequence[str]) -> list[str]: ...
        def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    # ------------------------------------------------------------------ search (the rest: rasd.store.ranking)
    def duplicates(self, doc_id: str, limit: int = 20) -> list[SearchResult]:
        """The other documents of `doc_id`'s story cluster, most similar first (score: the
        estimated Jaccard similarity of their word 3-grams; None when a text is too short)."""
        from rasd.store import dedup

        row = self._fetchone("SELECT cluster_id, minhash FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            raise DocumentNotFound(id=doc_id)
        cluster, mine = row[0], dedup.unpack(row[1])
        rows = self._fetchall(
            "SELECT id, title, published, source, url, minhash, text FROM documents WHERE cluster_id = ? AND id <> ?", (cluster, doc_id)
        )
        size = len(rows) + 1
        out = []
        for other_id, title, published, src, url, packed, text in rows:
            other = dedup.unpack(packed)
            sim = dedup.similarity(mine, other) if mine is not None and other is not None and len(mine) == len(other) else None
            sn = snippet(text, parse_query(""), skip=len(title) + 1 if title else 0)
            out.append(SearchResult(other_id, title, published, src, url, sn.text, [], sim, cluster, size))
        out.sort(key=lambda r: (-(r.score if r.score is not None else -1.0), -_day(r.published), r.id))
        return out[: int(limit)]

    # ------------------------------------------------------------------ entities
    def entities(self, type: str | None = None, top: int = 50, *, offset: int = 0, **filters: Unpack[DocumentFilters]) -> list[EntitySummary]:
        type = check_entity_type(type)
        where, params = Filters.of(filters, DocumentFilters).document_conditions()
        docs = "JOIN documents d ON d.doc_no = de.doc_no " if where else ""
        if type:
            where.append("e.type = ?")
            params.append(type)
        # Count per entity first (an index scan), then name the top ones.
        sql = (
            "SELECT e.id, e.type, e.name, e.latin, c.n, c.stories, c.mentions FROM ("
            "SELECT de.entity_id, COUNT(*) AS n, COUNT(DISTINCT de.cluster_id) AS stories, SUM(de.mentions + de.refs) AS mentions "
            f"FROM document_entities de {docs}"
            f"{'JOIN entities e ON e.id = de.entity_id ' if type else ''}"
            f"WHERE {' AND '.join(where) or '1 = 1'} GROUP BY de.entity_id) c "
            "JOIN entities e ON e.id = c.entity_id ORDER BY 6 DESC, 5 DESC, 7 DESC, e.id LIMIT ? OFFSET ?"
        )
        return [entity_summary(r) for r in self._fetchall(sql, [*params, int(top), int(offset)])]

    def find_entities(self, name: str, type: str | None = None) -> list[EntitySummary]:
        type = check_entity_type(type)
        key = alias_key(name)
        sql = (
            f"SELECT {ENTITY_COLS} FROM document_entities de JOIN entities e ON e.id = de.entity_id "
            "WHERE e.id IN (SELECT ? UNION SELECT entity_id FROM entity_aliases WHERE alias_key = ?)"  # see ranking._search_entity_ids
            f"{' AND e.type = ?' if type else ''} "
            "GROUP BY e.id, e.type, e.name, e.latin ORDER BY (e.id = ?) DESC, 6 DESC, 5 DESC, e.id"
        )
        params: list[Any] = [name.strip(), key]
        if type:
            params.append(type)
        params.append(name.strip())
        return [entity_summary(r) for r in self._fetchall(sql, params)]

    def _entity_ids(self, name: str | None, type: str | None = None) -> list[str] | None:
        if not name:
            return None
        return [e.id for e in self.resolve_entities(name, type)]

    def entity_profile(self, name_or_id: str, type: str | None = None, quotes: int = 10, cooccurring: int = 15) -> EntityProfile:
        found = self.resolve_entities(name_or_id, type)
        main, others = found[0], found[1:]
        eid = main.id
        first, last = self._fetchone(
            "SELECT MIN(d.published), MAX(d.published) FROM document_entities de JOIN documents d ON d.doc_no = de.doc_no WHERE de.entity_id = ?",
            (eid,),
        ) or (None, None)
        aliases = [(a, int(n)) for a, n in self._fetchall(
            "SELECT alias, COUNT(DISTINCT doc_no) FROM entity_aliases WHERE entity_id = ? GROUP BY alias ORDER BY 2 DESC, alias", (eid,))]
        titles = [(t, int(n)) for t, n in self._fetchall(
            "SELECT title, COUNT(DISTINCT doc_no) FROM entity_titles WHERE entity_id = ? GROUP BY title ORDER BY 2 DESC, title", (eid,))]
        affiliations = [(a, nm, int(n)) for a, nm, n in self._fetchall(
            "SELECT de.affiliation, e.name, COUNT(*) FROM document_entities de LEFT JOIN entities e ON e.id = de.affiliation "
            "WHERE de.entity_id = ? AND de.affiliation IS NOT NULL GROUP BY de.affiliation, e.name ORDER BY 3 DESC, 1", (eid,))]
        co = self._fetchall(
            f"SELECT {ENTITY_COLS} "
            "FROM document_entities me JOIN document_entities de ON de.doc_no = me.doc_no AND de.entity_id <> me.entity_id "
            "JOIN entities e ON e.id = de.entity_id "
            "WHERE me.entity_id = ? GROUP BY e.id, e.type, e.name, e.latin ORDER BY 5 DESC, 6 DESC, e.id LIMIT ?",
            (eid, int(cooccurring)),
        )
        co_ids = [r[0] for r in co]
        totals = {s.id: s for s in self._summaries(co_ids)}
        per_day = [(day, int(n)) for day, n in self._fetchall(
            "SELECT d.published, SUM(de.mentions + de.refs) FROM document_entities de JOIN documents d ON d.doc_no = de.doc_no "
            "WHERE de.entity_id = ? AND d.published IS NOT NULL GROUP BY d.published ORDER BY d.published", (eid,))]
        relations = [
            {"type": t, "subject": s, "subject_name": sn, "object": o, "object_name": on, "documents": int(n)}
            for t, s, sn, o, on, n in self._fetchall(
                "SELECT r.type, r.subject_id, se.name, r.object_id, oe.name, COUNT(DISTINCT r.doc_no) FROM relations r "
                "LEFT JOIN entities se ON se.id = r.subject_id LEFT JOIN entities oe ON oe.id = r.object_id "
                "WHERE r.subject_id = ? OR r.object_id = ? GROUP BY r.type, r.subject_id, se.name, r.object_id, oe.name "
                "ORDER BY 6 DESC, 1, 2, 4", (eid, eid))
        ]
        affiliated = self._affiliated(eid, int(cooccurring))
        return EntityProfile(
            id=eid, type=main.type, name=main.name, latin=main.latin, documents=main.documents, stories=main.stories,
            mentions=main.mentions, first_seen=first, last_seen=last, aliases=aliases, titles=titles,
            affiliations=affiliations, quotes=self._quotes_where("q.speaker_id = ?", [eid], int(quotes), 0),
            cooccurring=[(totals[r[0]], int(r[4])) for r in co], per_day=per_day, relations=relations, others=others,
            affiliated=affiliated,
        )

    def _affiliated(self, eid: str, limit: int) -> list[tuple[EntitySummary, str | None, int]]:
        """Entities whose documents name `eid` as their affiliation: (entity, its most frequent
        title there, documents), most documents first."""
        rows = self._fetchall(
            "SELECT entity_id, COUNT(*) FROM document_entities WHERE affiliation = ? AND entity_id <> ? "
            "GROUP BY entity_id ORDER BY 2 DESC, 1 LIMIT ?",
            (eid, eid, limit),
        )
        if not rows:
            return []
        ids = [r[0] for r in rows]
        titles: dict[str, tuple[int, str]] = {}  # entity → (-count, title): the smallest is the most frequent
        for ent, title, n in self._fetchall(
            f"SELECT entity_id, title, COUNT(*) FROM document_entities WHERE affiliation = ? AND entity_id IN ({placeholders(ids)}) "
            "AND title IS NOT NULL GROUP BY entity_id, title",
            [eid, *ids],
        ):
            key = (-int(n), title)
            if ent not in titles or key < titles[ent]:
                titles[ent] = key
        summaries = {x.id: x for x in self._summaries(ids)}
        return [(summaries[ent], titles[ent][1] if ent in titles else None, int(n)) for ent, n in rows]

    def _summaries(self, ids: list[str]) -> list[EntitySummary]:
        if not ids:
            return []
        return [entity_summary(r) for r in self._fetchall(
            f"SELECT {ENTITY_COLS} FROM document_entities de JOIN entities e ON e.id = de.entity_id "
            f"WHERE e.id IN ({placeholders(ids)}) GROUP BY e.id, e.type, e.name, e.latin",
            ids,
        )]

    def cooccurrence(self, top: int = 50, type: str | None = None, min_weight: int = 1) -> Graph:
        nodes = self.entities(type, top)
        ids = [n.id for n in nodes]
        if len(ids) < 2:
            return Graph(nodes, [])
        ph = placeholders(ids)
        edges = [(a, b, int(n)) for a, b, n in self._fetchall(
            "SELECT a.entity_id, b.entity_id, COUNT(*) FROM document_entities a JOIN document_entities b "
            f"ON b.doc_no = a.doc_no AND a.entity_id < b.entity_id WHERE a.entity_id IN ({ph}) AND b.entity_id IN ({ph}) "
            "GROUP BY a.entity_id, b.entity_id HAVING COUNT(*) >= ? ORDER BY 3 DESC, 1, 2",
            [*ids, *ids, int(min_weight)],
        )]
        return Graph(nodes, edges)

    # ------------------------------------------------------------------ quotes and events
    def quotes(self, speaker: str | None = None, *, limit: int = 50, offset: int = 0, **filters: Unpack[DocumentFilters]) -> list[QuoteRow]:
        where, params = Filters.of(filters, DocumentFilters).document_conditions()
        if speaker:
            ids = [e.id for e in self.find_entities(speaker)]
            key = alias_key(speaker)
            if not ids and not self._fetchall("SELECT 1 FROM quotes WHERE speaker_key = ? LIMIT 1", (key,)):
                ids = [e.id for e in self.resolve_entities(speaker)]  # a variant or part of a name
            cond = "q.speaker_key = ?"
            if ids:
                cond = f"(q.speaker_id IN ({placeholders(ids)}) OR q.speaker_key = ?)"
            where.append(cond)
            params += [*ids, key]
        return self._quotes_where(" AND ".join(where) or "1 = 1", params, limit, offset)

    def _quotes_where(self, where: str, params: list[Any], limit: int, offset: int) -> list[QuoteRow]:
        sql = (
            "SELECT d.id, d.title, d.published, d.source, q.text, q.direct, q.cue, q.speaker_id, e.name, q.speaker_text, q.negated, q.idx "
            "FROM quotes q JOIN documents d ON d.doc_no = q.doc_no LEFT JOIN entities e ON e.id = q.speaker_id "
            f"WHERE {where} ORDER BY d.published DESC NULLS LAST, d.id, q.idx LIMIT ? OFFSET ?"
        )
        return [
            QuoteRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9], bool(r[10]), int(r[11]))
            for r in self._fetchall(sql, [*params, int(limit), int(offset)])
        ]

    def events(self, type: str | None = None, *, location: str | None = None, participant: str | None = None,
               limit: int = 50, offset: int = 0, **dates: Unpack[DateFilters]) -> list[EventRow]:
        where, params = Filters.of(dates, DateFilters).document_conditions()
        self._event_filters(type, location, participant, where, params)
        rows = self._fetchall(
            "SELECT ev.doc_no, ev.idx, d.id, d.title, d.published, ev.type, ev.trigger_text, ev.date, ev.location_id, le.name, "
            "ev.killed, ev.injured, ev.negated, ev.modality, ev.date_basis, ev.happening FROM events ev "
            f"JOIN documents d ON d.doc_no = ev.doc_no LEFT JOIN entities le ON le.id = ev.location_id WHERE {' AND '.join(where) or '1 = 1'} "
            # by the date shown: the event's own, else its article's publication date
            "ORDER BY COALESCE(ev.date, d.published) DESC NULLS LAST, d.id, ev.idx LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)],
        )
        parts: dict[tuple[int, int], list[dict[str, Any]]] = {}
        doc_nos = sorted({r[0] for r in rows})
        if doc_nos:
            for doc_no, eidx, ent, name, role in self._fetchall(
                "SELECT p.doc_no, p.event_idx, p.entity_id, e.name, p.role FROM event_participants p "
                f"LEFT JOIN entities e ON e.id = p.entity_id WHERE p.doc_no IN ({placeholders(doc_nos)}) ORDER BY p.doc_no, p.event_idx, p.idx",
                doc_nos,
            ):
                parts.setdefault((doc_no, eidx), []).append({"entity": ent, "name": name, "role": role})
        reports = self._reports(sorted({r[15] for r in rows if r[15] is not None}))
        return [
            EventRow(r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], parts.get((r[0], r[1]), []), r[10], r[11], bool(r[12]),
                     r[13] or "asserted", r[14], r[15], reports.get(r[15], 1))
            for r in rows
        ]

    def _reports(self, keys: list[str]) -> dict[str, int]:
        """happening key → the stored documents that report it (`EventRow.reports`)."""
        if not keys:
            return {}
        return {k: int(n) for k, n in self._fetchall(
            f"SELECT happening, COUNT(DISTINCT doc_no) FROM events WHERE happening IN ({placeholders(keys)}) GROUP BY happening",
            keys,
        )}

    def _event_type(self, type: str | None) -> str | None:
        """An event type of the ontology, or one the stored documents have (an analysis made
        elsewhere may have its own); anything else is refused with the ontology's list (E612)."""
        if type and self._fetchone("SELECT 1 FROM events WHERE type = ? LIMIT 1", (type.strip(),)):
            return type.strip()
        return check_event_type(type)

    def _event_filters(
        self, type: str | None, location: str | None, participant: str | None, where: list[str], params: list[Any]
    ) -> None:
        """Append the event type, place and participant conditions shared by `events` and `event_counts`."""
        type = self._event_type(type)
        if type:
            where.append("ev.type = ?")
            params.append(type)
        loc_ids = self._entity_ids(location)
        if loc_ids:
            loc_ids = self.places_within(loc_ids)  # a country's cities and regions too
            where.append(f"ev.location_id IN ({placeholders(loc_ids)})")
            params += loc_ids
        part_ids = self._entity_ids(participant)
        if part_ids:
            where.append(
                "EXISTS (SELECT 1 FROM event_participants p WHERE p.doc_no = ev.doc_no AND p.event_idx = ev.idx "
                f"AND p.entity_id IN ({placeholders(part_ids)}))"
            )
            params += part_ids

    def event_counts(self, type: str | None = None, *, location: str | None = None, participant: str | None = None,
                     **dates: Unpack[DateFilters]) -> list[tuple[str, str, int]]:
        """(YYYY-MM-DD, event type, happenings) per day: the event's own date when it names a day,
        else its document's publication date. The events of one happening (`EventRow.happening`)
        count once; an event without a key is a happening of its own."""
        day = "CASE WHEN LENGTH(ev.date) = 10 THEN ev.date ELSE d.published END"
        where, params = Filters.of(dates, DateFilters).document_conditions(column=day)
        where.insert(0, f"{day} IS NOT NULL")
        self._event_filters(type, location, participant, where, params)
        return [
            (d, t, int(n))
            for d, t, n in self._fetchall(
                f"SELECT {day} AS day, ev.type, COUNT(DISTINCT {HAPPENING}) FROM events ev JOIN documents d ON d.doc_no = ev.doc_no "
                f"WHERE {' AND '.join(where)} GROUP BY 1, 2 ORDER BY 1, 2",
                params,
            )
        ]
