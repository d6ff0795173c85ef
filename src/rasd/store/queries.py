"""The read side shared by both back ends: search, entities and profiles, quotes, events, the
co-occurrence graph, export rows, counts and the integrity check."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rasd.model import ENTITY_TYPES
from rasd.store.base import (
    EXPORT_TABLES,
    ORDERS,
    BadQuery,
    CheckReport,
    EntityProfile,
    EntitySummary,
    EventRow,
    Graph,
    QuoteRow,
    SearchResult,
    UnknownEntity,
    placeholders,
)
from rasd.store.search import SearchQuery, alias_key, parse_query, snippet

if TYPE_CHECKING:
    from rasd.store.search import DocumentKeys

__all__ = ["EXPORT_COLUMNS", "TABLES", "QueriesMixin", "date_bound"]

TABLES = (
    "documents",
    "clusters",
    "minhash_bands",
    "entities",
    "document_entities",
    "entity_aliases",
    "entity_titles",
    "mentions",
    "quotes",
    "events",
    "event_participants",
    "relations",
)
_ENTITY_COLS = "e.id, e.type, e.name, e.latin, COUNT(*), COUNT(DISTINCT de.cluster_id), SUM(de.mentions + de.refs)"


def date_bound(value: str | None, name: str, end: bool = False) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a YYYY-MM-DD bound (the first or, with `end`, the last day)."""
    if value is None or value == "":
        return None
    raw = str(value).strip()
    try:
        parts = [int(p) for p in raw.split("-")]
        if len(parts) == 1:
            day = dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
        elif len(parts) == 2:
            day = dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1] if end else 1)
        elif len(parts) == 3:
            day = dt.date(parts[0], parts[1], parts[2])
        else:
            raise ValueError("too many parts")
    except ValueError:
        raise BadQuery(problem=f"{name} {raw!r} is not a date", fix="Use YYYY-MM-DD (or YYYY-MM, or YYYY).") from None
    return day.isoformat()


def _summary(row: Sequence[Any]) -> EntitySummary:
    return EntitySummary(row[0], row[1], row[2], row[3], int(row[4]), int(row[5]), int(row[6] or 0))


class QueriesMixin:
    """Mixed into SQLStore: needs _fetchall/_fetchone/_scalar and the back end's `_match_sql`."""

    if TYPE_CHECKING:

        def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
        def _fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None: ...
        def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
        def _match_sql(self, query: SearchQuery) -> tuple[str, list[Any]]: ...
        def _check_backend(self) -> list[str]: ...
        def _keys_in_step(self, doc_no: int, keys: DocumentKeys) -> bool: ...

    # ------------------------------------------------------------------ search
    def search(
        self,
        query: str | None = None,
        *,
        entity: str | None = None,
        type: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        order: str = "relevance",
        limit: int = 20,
        offset: int = 0,
        collapse_duplicates: bool = True,
    ) -> list[SearchResult]:
        if order not in ORDERS:
            raise BadQuery(problem=f"unknown order {order!r}", fix="Use 'relevance' or 'date'.")
        q = parse_query(query)
        if q.empty and query and query.strip():
            raise BadQuery(problem=f"the query {query!r} has no words to search for", fix="Give words or names, or leave the query empty and use a filter.")
        since, until = date_bound(since, "since"), date_bound(until, "until", end=True)
        if q.empty and not (entity or type or source or since or until):
            raise BadQuery(problem="nothing to search for", fix="Give a query, or at least one filter (entity, type, source, since, until).")
        where: list[str] = []
        params: list[Any] = []
        entity_ids: list[str] = []
        if entity:
            found = self.find_entities(entity, type if type in ENTITY_TYPES else None)
            if not found:
                raise UnknownEntity(name=entity, kind=f" of type {type}" if type in ENTITY_TYPES else "")
            entity_ids = [e.id for e in found]
            where.append(f"d.doc_no IN (SELECT doc_no FROM document_entities WHERE entity_id IN ({placeholders(entity_ids)}))")
            params += entity_ids
        if type and not (entity and type in ENTITY_TYPES):
            if type in ENTITY_TYPES:
                where.append("d.doc_no IN (SELECT de.doc_no FROM document_entities de JOIN entities e ON e.id = de.entity_id WHERE e.type = ?)")
            else:
                where.append("d.doc_no IN (SELECT doc_no FROM events WHERE type = ?)")
            params.append(type)
        if source:
            where.append("d.source = ?")
            params.append(source)
        if since:
            where.append("d.published >= ?")
            params.append(since)
        if until:
            where.append("d.published <= ?")
            params.append(until)
        if q.empty:
            source_sql, score, match_params = "documents d", "0.0", []
        else:
            match_sql, match_params = self._match_sql(q)
            source_sql, score = f"({match_sql}) h JOIN documents d ON d.doc_no = h.doc_no", "h.score"
        where_sql = " AND ".join(where) or "1 = 1"
        by_date = "published DESC NULLS LAST"
        order_sql = f"score DESC, {by_date}, id" if order == "relevance" and not q.empty else f"{by_date}, score DESC, id"
        sql = (
            "SELECT doc_no, id, title, published, source, url, cluster_id, score, csize FROM ("
            f"SELECT d.doc_no, d.id, d.title, d.published, d.source, d.url, d.cluster_id, {score} AS score, "
            f"ROW_NUMBER() OVER (PARTITION BY d.cluster_id ORDER BY {score} DESC, d.published DESC NULLS LAST, d.id) AS rn, "
            "COUNT(*) OVER (PARTITION BY d.cluster_id) AS csize "
            f"FROM {source_sql} WHERE {where_sql}) r "
            f"{'WHERE rn = 1 ' if collapse_duplicates else ''}ORDER BY {order_sql} LIMIT ? OFFSET ?"
        )
        rows = self._fetchall(sql, [*match_params, *params, int(limit), int(offset)])
        if not rows:
            return []
        doc_nos = [r[0] for r in rows]
        texts = dict(
            (r[0], r[1]) for r in self._fetchall(f"SELECT doc_no, text FROM documents WHERE doc_no IN ({placeholders(doc_nos)})", doc_nos)
        )
        extra: dict[int, list[tuple[int, int]]] = {}
        if entity_ids:
            for doc_no, a, b in self._fetchall(
                f"SELECT doc_no, span_start, span_end FROM mentions WHERE doc_no IN ({placeholders(doc_nos)}) "
                f"AND entity_id IN ({placeholders(entity_ids)})",
                [*doc_nos, *entity_ids],
            ):
                extra.setdefault(doc_no, []).append((a, b))
        out = []
        for doc_no, doc_id, title, published, src, url, cluster, sc, csize in rows:
            sn = snippet(texts[doc_no], q, extra.get(doc_no, ()), skip=len(title) + 1 if title else 0)
            out.append(
                SearchResult(doc_id, title, published, src, url, sn.text, list(sn.highlights),
                             None if q.empty else float(sc), cluster, int(csize))
            )
        return out

    # ------------------------------------------------------------------ entities
    def entities(
        self,
        type: str | None = None,
        top: int = 50,
        *,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        offset: int = 0,
    ) -> list[EntitySummary]:
        where, params = self._doc_filters(source, since, until)
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
        return [_summary(r) for r in self._fetchall(sql, [*params, int(top), int(offset)])]

    def _doc_filters(self, source: str | None, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if source:
            where.append("d.source = ?")
            params.append(source)
        if since:
            where.append("d.published >= ?")
            params.append(date_bound(since, "since"))
        if until:
            where.append("d.published <= ?")
            params.append(date_bound(until, "until", end=True))
        return where, params

    def find_entities(self, name: str, type: str | None = None) -> list[EntitySummary]:
        key = alias_key(name)
        sql = (
            f"SELECT {_ENTITY_COLS} FROM document_entities de JOIN entities e ON e.id = de.entity_id "
            "WHERE (e.id = ? OR e.id IN (SELECT entity_id FROM entity_aliases WHERE alias_key = ?))"
            f"{' AND e.type = ?' if type else ''} "
            "GROUP BY e.id, e.type, e.name, e.latin ORDER BY (e.id = ?) DESC, 6 DESC, 5 DESC, e.id"
        )
        params: list[Any] = [name.strip(), key]
        if type:
            params.append(type)
        params.append(name.strip())
        return [_summary(r) for r in self._fetchall(sql, params)]

    def _entity_ids(self, name: str | None, type: str | None = None) -> list[str] | None:
        if not name:
            return None
        found = self.find_entities(name, type)
        if not found:
            raise UnknownEntity(name=name, kind=f" of type {type}" if type else "")
        return [e.id for e in found]

    def entity_profile(self, name_or_id: str, type: str | None = None, quotes: int = 10, cooccurring: int = 15) -> EntityProfile:
        found = self.find_entities(name_or_id, type)
        if not found:
            raise UnknownEntity(name=name_or_id, kind=f" of type {type}" if type else "")
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
            f"SELECT {_ENTITY_COLS} "
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
        return EntityProfile(
            id=eid, type=main.type, name=main.name, latin=main.latin, documents=main.documents, stories=main.stories,
            mentions=main.mentions, first_seen=first, last_seen=last, aliases=aliases, titles=titles,
            affiliations=affiliations, quotes=self._quotes_where("q.speaker_id = ?", [eid], int(quotes), 0),
            cooccurring=[(totals[r[0]], int(r[4])) for r in co], per_day=per_day, relations=relations, others=others,
        )

    def _summaries(self, ids: list[str]) -> list[EntitySummary]:
        if not ids:
            return []
        return [_summary(r) for r in self._fetchall(
            f"SELECT {_ENTITY_COLS} FROM document_entities de JOIN entities e ON e.id = de.entity_id "
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
    def quotes(
        self,
        speaker: str | None = None,
        *,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[QuoteRow]:
        where, params = self._doc_filters(source, since, until)
        if speaker:
            ids = [e.id for e in self.find_entities(speaker)]
            cond = "q.speaker_key = ?"
            if ids:
                cond = f"(q.speaker_id IN ({placeholders(ids)}) OR q.speaker_key = ?)"
            where.append(cond)
            params += [*ids, alias_key(speaker)]
        return self._quotes_where(" AND ".join(where) or "1 = 1", params, limit, offset)

    def _quotes_where(self, where: str, params: list[Any], limit: int, offset: int) -> list[QuoteRow]:
        sql = (
            "SELECT d.id, d.title, d.published, d.source, q.text, q.direct, q.cue, q.speaker_id, e.name, q.speaker_text, q.negated "
            "FROM quotes q JOIN documents d ON d.doc_no = q.doc_no LEFT JOIN entities e ON e.id = q.speaker_id "
            f"WHERE {where} ORDER BY d.published DESC NULLS LAST, d.id, q.idx LIMIT ? OFFSET ?"
        )
        return [
            QuoteRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9], bool(r[10]))
            for r in self._fetchall(sql, [*params, int(limit), int(offset)])
        ]

    def events(
        self,
        type: str | None = None,
        *,
        location: str | None = None,
        participant: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[EventRow]:
        where, params = self._doc_filters(None, since, until)
        if type:
            where.append("ev.type = ?")
            params.append(type)
        loc_ids = self._entity_ids(location)
        if loc_ids:
            where.append(f"ev.location_id IN ({placeholders(loc_ids)})")
            params += loc_ids
        part_ids = self._entity_ids(participant)
        if part_ids:
            where.append(
                "EXISTS (SELECT 1 FROM event_participants p WHERE p.doc_no = ev.doc_no AND p.event_idx = ev.idx "
                f"AND p.entity_id IN ({placeholders(part_ids)}))"
            )
            params += part_ids
        rows = self._fetchall(
            "SELECT ev.doc_no, ev.idx, d.id, d.title, d.published, ev.type, ev.trigger_text, ev.date, ev.location_id, le.name, "
            "ev.killed, ev.injured, ev.negated FROM events ev JOIN documents d ON d.doc_no = ev.doc_no "
            f"LEFT JOIN entities le ON le.id = ev.location_id WHERE {' AND '.join(where) or '1 = 1'} "
            "ORDER BY d.published DESC NULLS LAST, d.id, ev.idx LIMIT ? OFFSET ?",
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
        return [
            EventRow(r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], parts.get((r[0], r[1]), []), r[10], r[11], bool(r[12]))
            for r in rows
        ]

    # ------------------------------------------------------------------ export
    def iter_rows(self, table: str, batch: int = 1000) -> Iterator[dict[str, Any]]:
        if table not in EXPORT_TABLES:
            raise BadQuery(problem=f"unknown export table {table!r}", fix=f"Use one of {', '.join(EXPORT_TABLES)}.")
        if table == "entities":
            yield from self._iter_entities(batch)
            return
        sql, cols, convert = _EXPORT[table]
        last = -1
        while True:
            nos = [r[0] for r in self._fetchall("SELECT doc_no FROM documents WHERE doc_no > ? ORDER BY doc_no LIMIT ?", (last, batch))]
            if not nos:
                return
            for r in self._fetchall(sql, (last, nos[-1])):
                yield convert(dict(zip(cols, r, strict=True)))
            last = nos[-1]

    def _iter_entities(self, batch: int) -> Iterator[dict[str, Any]]:
        last = ""
        while True:
            rows = self._fetchall(
                f"SELECT {_ENTITY_COLS} FROM document_entities de JOIN entities e ON e.id = de.entity_id "
                "WHERE e.id > ? GROUP BY e.id, e.type, e.name, e.latin ORDER BY e.id LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            ids = [r[0] for r in rows]
            aliases: dict[str, list[str]] = {}
            for eid, alias in self._fetchall(
                f"SELECT DISTINCT entity_id, alias FROM entity_aliases WHERE entity_id IN ({placeholders(ids)}) ORDER BY entity_id, alias", ids
            ):
                aliases.setdefault(eid, []).append(alias)
            titles: dict[str, list[str]] = {}
            for eid, title in self._fetchall(
                f"SELECT DISTINCT entity_id, title FROM entity_titles WHERE entity_id IN ({placeholders(ids)}) ORDER BY entity_id, title", ids
            ):
                titles.setdefault(eid, []).append(title)
            for r in rows:
                last = r[0]
                s = _summary(r)
                yield {**s.to_dict(), "aliases": " | ".join(aliases.get(s.id, [])), "titles": " | ".join(titles.get(s.id, []))}

    # ------------------------------------------------------------------ maintenance
    def counts(self) -> dict[str, int]:
        return {t: int(self._scalar(f"SELECT COUNT(*) FROM {t}")) for t in TABLES}

    def check(self, deep: bool = False) -> CheckReport:
        problems = list(self._check_backend())
        for what, sql in _ORPHANS:
            n = int(self._scalar(sql) or 0)
            if n:
                problems.append(f"{n} {what}")
        if deep:
            problems += self._check_deep()
        return CheckReport(not problems, problems, self.counts())

    def _check_deep(self) -> list[str]:
        from rasd.store import dedup
        from rasd.store.rows import document_rows
        from rasd.store.search import document_keys

        problems: list[str] = []
        per_doc = {
            t: dict(self._fetchall(f"SELECT doc_no, COUNT(*) FROM {t} GROUP BY doc_no"))
            for t in ("document_entities", "mentions", "quotes", "events", "relations", "minhash_bands")
        }
        last = -1
        while True:
            rows = self._fetchall("SELECT doc_no, id, text, analysis, minhash FROM documents WHERE doc_no > ? ORDER BY doc_no LIMIT 200", (last,))
            if not rows:
                break
            for doc_no, doc_id, text, analysis, minhash in rows:
                last = doc_no
                doc = self._document(doc_id, text, analysis)  # type: ignore[attr-defined]
                r = document_rows(doc)
                expect = {
                    "document_entities": len(r.document_entities), "mentions": len(r.mentions), "quotes": len(r.quotes),
                    "events": len(r.events), "relations": len(r.relations),
                    "minhash_bands": len(dedup.band_keys(dedup.unpack(minhash))) if minhash is not None else 0,
                }
                for t, n in expect.items():
                    if per_doc[t].get(doc_no, 0) != n:
                        problems.append(f"document {doc_id}: {per_doc[t].get(doc_no, 0)} rows in {t}, its analysis has {n}")
                if not self._keys_in_step(doc_no, document_keys(doc)):
                    problems.append(f"document {doc_id}: full-text index out of step with its text")
        return problems


_ORPHANS = (
    ("entities no document mentions", "SELECT COUNT(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM document_entities de WHERE de.entity_id = e.id)"),
    ("story clusters without documents", "SELECT COUNT(*) FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.cluster_id = c.id)"),
    ("alias rows for an entity their document does not list",
     "SELECT COUNT(*) FROM entity_aliases a WHERE NOT EXISTS (SELECT 1 FROM document_entities de WHERE de.doc_no = a.doc_no AND de.entity_id = a.entity_id)"),
    ("title rows for an entity their document does not list",
     "SELECT COUNT(*) FROM entity_titles a WHERE NOT EXISTS (SELECT 1 FROM document_entities de WHERE de.doc_no = a.doc_no AND de.entity_id = a.entity_id)"),
    ("entity rows filed under another story than their document's",
     "SELECT COUNT(*) FROM document_entities de JOIN documents d ON d.doc_no = de.doc_no WHERE de.cluster_id <> d.cluster_id"),
    ("mentions of an entity their document does not list",
     "SELECT COUNT(*) FROM mentions m WHERE m.entity_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM document_entities de WHERE de.doc_no = m.doc_no AND de.entity_id = m.entity_id)"),
)


def _same(row: dict[str, Any]) -> dict[str, Any]:
    return row


def _bools(*names: str):
    def convert(row: dict[str, Any]) -> dict[str, Any]:
        for n in names:
            row[n] = bool(row[n])
        return row

    return convert


_EXPORT: dict[str, tuple[str, tuple[str, ...], Any]] = {
    "documents": (
        "SELECT id, title, published, source, url, cluster_id, content_hash, text FROM documents "
        "WHERE doc_no > ? AND doc_no <= ? ORDER BY doc_no",
        ("id", "title", "published", "source", "url", "cluster", "content_hash", "text"),
        _same,
    ),
    "mentions": (
        "SELECT d.id, m.entity_id, m.span_start, m.span_end, m.text, m.label, m.kind, m.source FROM mentions m "
        "JOIN documents d ON d.doc_no = m.doc_no WHERE m.doc_no > ? AND m.doc_no <= ? "
        "ORDER BY m.doc_no, m.idx",
        ("document_id", "entity_id", "start", "end", "text", "label", "kind", "source"),
        _same,
    ),
    "quotes": (
        "SELECT d.id, d.published, q.span_start, q.span_end, q.text, q.direct, q.cue, q.speaker_id, e.name, q.speaker_text, "
        "q.negated FROM quotes q JOIN documents d ON d.doc_no = q.doc_no LEFT JOIN entities e ON e.id = q.speaker_id "
        "WHERE q.doc_no > ? AND q.doc_no <= ? ORDER BY q.doc_no, q.idx",
        ("document_id", "published", "start", "end", "text", "direct", "cue", "speaker_id", "speaker_name", "speaker_text", "negated"),
        _bools("direct", "negated"),
    ),
    "events": (
        "SELECT d.id, d.published, ev.idx, ev.type, ev.trigger_text, ev.date, ev.location_id, le.name, ev.killed, "
        "ev.injured, ev.negated FROM events ev JOIN documents d ON d.doc_no = ev.doc_no LEFT JOIN entities le ON le.id = ev.location_id "
        "WHERE ev.doc_no > ? AND ev.doc_no <= ? ORDER BY ev.doc_no, ev.idx",
        ("document_id", "published", "index", "type", "trigger", "date", "location_id", "location_name", "killed", "injured", "negated"),
        _bools("negated"),
    ),
    "relations": (
        "SELECT d.id, r.type, r.subject_id, se.name, r.object_id, oe.name, r.span_start, r.span_end FROM relations r "
        "JOIN documents d ON d.doc_no = r.doc_no LEFT JOIN entities se ON se.id = r.subject_id LEFT JOIN entities oe ON oe.id = r.object_id "
        "WHERE r.doc_no > ? AND r.doc_no <= ? ORDER BY r.doc_no, r.idx",
        ("document_id", "type", "subject_id", "subject_name", "object_id", "object_name", "start", "end"),
        _same,
    ),
}

EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    **{t: cols for t, (_sql, cols, _conv) in _EXPORT.items()},
    "entities": ("id", "type", "name", "latin", "documents", "stories", "mentions", "aliases", "titles"),
}
