"""Maintenance on both back ends: flat rows for export, table counts, the integrity check."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from rasd.store.base import EXPORT_TABLES, placeholders
from rasd.store.errors import BadQuery
from rasd.store.queries import ENTITY_COLS, entity_summary
from rasd.store.results import CheckReport

if TYPE_CHECKING:
    from rasd.model import Document
    from rasd.store.search import DocumentKeys

__all__ = ["EXPORT_COLUMNS", "TABLES", "MaintenanceMixin"]

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
    "story_members",
    "story_terms",
)


class MaintenanceMixin:
    """Mixed into SQLStore: needs _fetchall/_scalar, `_document` and the back end's checks."""

    if TYPE_CHECKING:

        def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
        def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
        def _document(self, doc_id: str, text: str, analysis: bytes) -> Document: ...
        def _check_backend(self) -> list[str]: ...
        def _check_index(self) -> list[str]: ...
        def _snapshot(self) -> AbstractContextManager[None]: ...
        def _keys_in_step(self, doc_no: int, keys: DocumentKeys) -> bool: ...

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
            people = self._participants(last, nos[-1]) if table == "events" else {}
            for r in self._fetchall(sql, (last, nos[-1])):
                row = convert(dict(zip(cols, r, strict=True)))
                if table == "events":
                    found = people.get((row["document_id"], row["index"]), [])
                    for col, k in (("participant_ids", 0), ("participant_names", 1), ("participant_roles", 2)):
                        row[col] = "; ".join(p[k] for p in found)
                yield row
            last = nos[-1]

    def _participants(self, after: int, upto: int) -> dict[tuple[str, int], list[tuple[str, str, str]]]:
        """(document id, event index) → its participants (entity id, name, role) in their order, for
        the documents after..upto. A role or name the analysis did not give is ""."""
        out: dict[tuple[str, int], list[tuple[str, str, str]]] = {}
        for doc_id, event_idx, entity_id, name, role in self._fetchall(
            "SELECT d.id, p.event_idx, p.entity_id, e.name, p.role FROM event_participants p JOIN documents d ON d.doc_no = p.doc_no "
            "LEFT JOIN entities e ON e.id = p.entity_id WHERE p.doc_no > ? AND p.doc_no <= ? ORDER BY p.doc_no, p.event_idx, p.idx",
            (after, upto),
        ):
            out.setdefault((doc_id, int(event_idx)), []).append((entity_id or "", name or "", role or ""))
        return out

    def _iter_entities(self, batch: int) -> Iterator[dict[str, Any]]:
        last = ""
        while True:
            rows = self._fetchall(
                f"SELECT {ENTITY_COLS} FROM document_entities de JOIN entities e ON e.id = de.entity_id "
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
                s = entity_summary(r)
                yield {**s.to_dict(), "aliases": " | ".join(aliases.get(s.id, [])), "titles": " | ".join(titles.get(s.id, []))}

    # ------------------------------------------------------------------ maintenance
    def counts(self) -> dict[str, int]:
        return {t: int(self._scalar(f"SELECT COUNT(*) FROM {t}")) for t in TABLES}

    def check(self, deep: bool = False) -> CheckReport:
        """Every query reads one snapshot (`_snapshot`), so a check while another process
        ingests sees whole documents only and reports no difference that a commit made between
        two of its queries. (SQLite's full-text integrity check runs before, on its own.)"""
        problems = list(self._check_index())
        with self._snapshot():
            problems += self._check_backend()
            for what, sql in _ORPHANS:
                n = int(self._scalar(sql) or 0)
                if n:
                    problems.append(f"{n} {what}")
            if deep:
                problems += self._check_deep()
            counts = self.counts()
        return CheckReport(not problems, problems, counts)

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
                doc = self._document(doc_id, text, analysis)
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
        "ev.injured, ev.negated, ev.modality, ev.date_basis, ev.happening, "
        # the documents that report the same happening (1 for an event without a key)
        "CASE WHEN ev.happening IS NULL THEN 1 ELSE (SELECT COUNT(DISTINCT h.doc_no) FROM events h WHERE h.happening = ev.happening) END "
        "FROM events ev JOIN documents d ON d.doc_no = ev.doc_no LEFT JOIN entities le ON le.id = ev.location_id "
        "WHERE ev.doc_no > ? AND ev.doc_no <= ? ORDER BY ev.doc_no, ev.idx",
        ("document_id", "published", "index", "type", "trigger", "date", "location_id", "location_name", "killed", "injured", "negated",
         "modality", "date_basis", "happening", "reports"),
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

# The events' participants, in parallel "; "-separated lists (id, name, role of each, in order).
PARTICIPANT_COLUMNS = ("participant_ids", "participant_names", "participant_roles")
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    **{t: cols for t, (_sql, cols, _conv) in _EXPORT.items()},
    "events": (*_EXPORT["events"][1], *PARTICIPANT_COLUMNS),
    "entities": ("id", "type", "name", "latin", "documents", "stories", "mentions", "aliases", "titles"),
}
