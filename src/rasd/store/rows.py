"""A Document as table rows (the same for every back end), with its entity references checked."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from rasd.model import Document, Event, Mention
from rasd.serialize import to_dict
from rasd.store.errors import BadReference
from rasd.store.happening import ACTOR_ROLES, happening_key
from rasd.store.search import DocumentKeys, alias_key

__all__ = [
    "CLUSTER_INSERT",
    "ENTITY_CONFLICT",
    "ENTITY_UPSERT",
    "TABLE_COLUMNS",
    "DocumentRows",
    "analysis_blob",
    "analysis_dict",
    "content_hash",
    "document_row",
    "document_rows",
    "event_happening",
    "table_rows",
]

# How a document's entities are merged into the shared table: a stored entity keeps its type and
# name; a latin name is filled in when it had none. A row that would not change is not written
# again (most entities of a document are stored already: rewriting them made dead row versions
# on PostgreSQL).
ENTITY_CONFLICT = (
    "ON CONFLICT (id) DO UPDATE SET latin = excluded.latin WHERE entities.latin IS NULL AND excluded.latin IS NOT NULL"
)
ENTITY_UPSERT = "INSERT INTO entities (id, type, name, latin) VALUES (?, ?, ?, ?) " + ENTITY_CONFLICT
# A document's story cluster, unless it exists (created with the document that founds it).
CLUSTER_INSERT = "INSERT INTO clusters (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING"


def content_hash(doc: Document) -> str:
    """SHA-256 of what the analysis is computed from: text, title, date, source, url and meta."""
    payload = json.dumps(
        [doc.text, doc.title, doc.published, doc.source, doc.url, doc.meta],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def analysis_blob(doc: Document) -> bytes:
    """The `rasd.document/1` JSON of `doc` without its text (stored in its own column), compressed
    (zlib level 1: about a quarter of the size, and fast)."""
    data = to_dict(doc)
    del data["text"]
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def analysis_dict(blob: bytes | memoryview) -> dict[str, Any]:
    return json.loads(zlib.decompress(blob))


def document_row(doc: Document, content_hash: str, cluster: str, signature: bytes | None, keys: DocumentKeys, ingested_at: str,
                 analysis: bytes | None = None, packed_keys: bytes | None = None) -> dict[str, Any]:
    """The `documents` row of `doc` (column → value), the same on both back ends; PostgreSQL adds
    `search` (`rasd.store.postgres.tsvector_literal(keys)`), SQLite indexes `keys.columns()` in
    its FTS table under the row's doc_no. `analysis`: `analysis_blob(doc)`, `packed_keys`:
    `keys.pack()`, when already made."""
    return {
        "id": doc.id,
        "content_hash": content_hash,
        "title": doc.title,
        "published": doc.published,
        "source": doc.source,
        "url": doc.url,
        "text": doc.text,
        "analysis": analysis if analysis is not None else analysis_blob(doc),
        "cluster_id": cluster,
        "minhash": signature,
        "ingested_at": ingested_at,
        "search_keys": packed_keys if packed_keys is not None else keys.pack(),
    }


# Columns of the per-document tables, in the order `table_rows` gives their values.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "document_entities": ("doc_no", "entity_id", "cluster_id", "name", "title", "latin", "affiliation", "mentions", "refs"),
    "entity_aliases": ("entity_id", "doc_no", "alias", "alias_key"),
    "entity_titles": ("entity_id", "doc_no", "title"),
    "mentions": ("doc_no", "idx", "entity_id", "span_start", "span_end", "label", "kind", "source", "text"),
    "quotes": ("doc_no", "idx", "span_start", "span_end", "text", "direct", "cue", "speaker_id", "speaker_text", "speaker_key",
               "negated", "sentence"),
    "events": ("doc_no", "idx", "type", "trigger_start", "trigger_end", "trigger_text", "location_id", "date", "date_precision",
               "location_precision", "killed", "injured", "negated", "sentence", "modality", "date_basis", "happening"),
    "event_participants": ("doc_no", "event_idx", "idx", "entity_id", "role"),
    "relations": ("doc_no", "idx", "type", "subject_id", "object_id", "span_start", "span_end"),
}


@dataclass(slots=True)
class DocumentRows:
    """Rows of every per-document table; doc_no is filled in by the back end at insert time."""

    entities: list[tuple[Any, ...]] = field(default_factory=list)  # (id, type, name, latin)
    document_entities: list[tuple[Any, ...]] = field(default_factory=list)  # (entity, name, title, latin, affiliation, mentions, refs)
    aliases: list[tuple[Any, ...]] = field(default_factory=list)  # (entity, alias, alias_key)
    titles: list[tuple[Any, ...]] = field(default_factory=list)  # (entity, title)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)  # (idx, entity, start, end, label, kind, source, text)
    quotes: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    participants: list[tuple[Any, ...]] = field(default_factory=list)  # (event_idx, idx, entity, role)
    relations: list[tuple[Any, ...]] = field(default_factory=list)


def _all_mentions(doc: Document) -> list[tuple[Mention, str | None]]:
    """The mentions of the document's entities (names and references). Mentions no entity claims
    are not stored: `rasd.document/1` does not carry them either, and the store keeps exactly
    what `to_dict` writes."""
    seen: dict[tuple[int, int, str | None, str], tuple[Mention, str | None]] = {}
    for m in doc.mentions:
        if m.entity is not None:
            seen.setdefault((m.start, m.end, m.entity, m.kind), (m, m.entity))
    for e in doc.entities:
        for m in (*e.mentions, *e.references):
            seen.setdefault((m.start, m.end, e.id, m.kind), (m, e.id))
    return sorted(seen.values(), key=lambda x: (x[0].start, x[0].end, x[1] or ""))


def event_happening(ev: Event) -> str | None:
    """The key of the happening `ev` reports (`rasd.store.happening.happening_key`), or None."""
    return happening_key(
        ev.type, modality=ev.modality, date=ev.date, date_precision=ev.date_precision, date_basis=ev.date_basis,
        location=ev.location, actors=[p.entity for p in ev.participants if p.role in ACTOR_ROLES], negated=bool(ev.negated),
    )


def document_rows(doc: Document) -> DocumentRows:
    """Every row `doc` contributes; raises BadReference when a mention names an unlisted entity."""
    t = doc.text
    rows = DocumentRows()
    known: dict[str, Any] = {}
    for e in doc.entities:
        if e.id in known:  # listed twice: merge what the two entries say
            prev = known[e.id]
            prev["mentions"] += len(e.mentions)
            prev["refs"] += len(e.references)
            prev["aliases"].update([e.name, *e.aliases])
            prev["title"] = prev["title"] or e.title
            continue
        known[e.id] = {
            "entity": e,
            "mentions": len(e.mentions),
            "refs": len(e.references),
            "aliases": {e.name, *e.aliases},
            "title": e.title,
        }

    def ref(entity_id: str | None, what: str) -> str | None:
        if entity_id is not None and entity_id not in known:
            raise BadReference(doc=doc.id, what=what, ref=entity_id)
        return entity_id

    mention_rows = []
    for idx, (m, entity_id) in enumerate(_all_mentions(doc)):
        ref(entity_id, f"mention {t[m.start:m.end]!r}")
        if entity_id is not None and m.kind == "name":
            known[entity_id]["aliases"].add(t[m.start : m.end])
        mention_rows.append((idx, entity_id, m.start, m.end, m.label, m.kind, m.source, t[m.start : m.end]))
    rows.mentions = mention_rows

    for eid, info in known.items():
        e = info["entity"]
        rows.entities.append((eid, e.type, e.name, e.latin))
        rows.document_entities.append((eid, e.name, info["title"], e.latin, e.affiliation, info["mentions"], info["refs"]))
        names = {a.strip() for a in info["aliases"] if a and a.strip()}
        if e.latin and e.latin.strip():
            names.add(e.latin.strip())
        for alias in sorted(names):
            rows.aliases.append((eid, alias, alias_key(alias)))
        if info["title"] and info["title"].strip():
            rows.titles.append((eid, info["title"].strip()))

    # Quotes, events and relations may name entities the document does not list (stable ids of
    # rasd.document/1, e.g. a country known from an adjective): stored as given.
    for idx, q in enumerate(doc.quotes):
        speaker = q.speaker
        cue = t[q.cue_start : q.cue_end] if q.cue_start is not None and q.cue_end is not None else None
        stext = t[q.speaker_start : q.speaker_end] if q.speaker_start is not None and q.speaker_end is not None else None
        rows.quotes.append(
            (idx, q.start, q.end, t[q.start : q.end], bool(q.direct), cue, speaker, stext,
             alias_key(stext) if stext else None, bool(q.negated), q.sentence)
        )

    for idx, ev in enumerate(doc.events):
        loc = ev.location
        rows.events.append(
            (idx, ev.type, ev.trigger_start, ev.trigger_end, t[ev.trigger_start : ev.trigger_end], loc, ev.date,
             ev.date_precision, ev.location_precision, ev.killed, ev.injured, bool(ev.negated), ev.sentence,
             ev.modality or "asserted", ev.date_basis, event_happening(ev))
        )
        for pidx, p in enumerate(ev.participants):
            rows.participants.append((idx, pidx, p.entity, p.role or ""))

    for idx, r in enumerate(doc.relations):
        rows.relations.append((idx, r.type, r.subject, r.object, r.start, r.end))
    rows.entities.sort(key=lambda r: r[0])  # every writer locks entity rows in one order: by id
    return rows


def table_rows(doc_no: int, cluster: str, rows: DocumentRows) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """{table: (columns, rows)} of the per-document tables (entities excepted: see ENTITY_UPSERT),
    in an order that respects their foreign keys. `SQLStore` writes exactly these."""
    out = {
        "document_entities": [(doc_no, r[0], cluster, *r[1:]) for r in rows.document_entities],
        "entity_aliases": [(e, doc_no, a, k) for e, a, k in rows.aliases],
        "entity_titles": [(e, doc_no, t) for e, t in rows.titles],
        "mentions": [(doc_no, *r) for r in rows.mentions],
        "quotes": [(doc_no, *r) for r in rows.quotes],
        "events": [(doc_no, *r) for r in rows.events],
        "event_participants": [(doc_no, *r) for r in rows.participants],
        "relations": [(doc_no, *r) for r in rows.relations],
    }
    return {t: (TABLE_COLUMNS[t], r) for t, r in out.items() if r}
