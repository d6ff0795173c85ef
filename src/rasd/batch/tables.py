"""The Parquet tables of a batch run, derived from each document's `rasd.document/1` dict.

    documents   one row per analysed document: its metadata, text, the full analysis as JSON
                (`to_dict` without the text), and what the store keeps with a document, computed
                on the workers for `rasd load`: the content hash, the MinHash signature and the
                packed search keys
    entities    one row per entity per document (the entity's id is its stable cross-document id)
    mentions    one row per mention of an entity (kind "name") or reference to it ("reference")
    quotations  one row per quotation, with its cue and speaker
    events      one row per event, its participants as a list of {entity, role}, with the store's
                `modality`, `date_basis` and `happening` key (`rasd.store.happening`)
    relations   one row per relation between two entities, with its evidence span
    errors      one row per record that could not be read or analysed (never a crash)

Every row carries `doc_id`; rows of one document keep the order of its `to_dict` lists (`idx`).
Offsets are character offsets into `documents.text`.
"""

from __future__ import annotations

import json
from typing import Any

from rasd.batch.errors import MissingBatchExtra
from rasd.model import Document
from rasd.serialize import to_dict

__all__ = ["TABLES", "TableBuilder", "schemas"]

TABLES = ("documents", "entities", "mentions", "quotations", "events", "relations", "errors")


def pyarrow():
    try:
        import pyarrow as pa
    except ImportError:
        raise MissingBatchExtra(feature="Batch processing (Parquet output)", package="pyarrow") from None
    return pa


def schemas() -> dict[str, Any]:
    """The pyarrow schema of every table (built on first use: pyarrow loads lazily)."""
    pa = pyarrow()
    s, i32, i64, b = pa.string(), pa.int32(), pa.int64(), pa.bool_()
    return {
        "documents": pa.schema([
            ("id", s), ("title", s), ("published", s), ("source", s), ("url", s), ("text", s),
            ("meta", s),  # JSON object
            ("warnings", pa.list_(s)),
            ("analysis", s),  # rasd.document/1 JSON without "text"
            ("content_hash", s),  # rasd.store.rows.content_hash
            ("minhash", pa.binary()),  # rasd.store.dedup signature, uint32 little-endian; null when too short
            ("search_keys", pa.binary()),  # the store's search keys (rasd.store.search.DocumentKeys.pack)
            ("input", s), ("record", i64), ("partition", i32),
        ]),
        "entities": pa.schema([
            ("doc_id", s), ("idx", i32), ("entity_id", s), ("type", s), ("name", s), ("latin", s), ("title", s),
            ("affiliation", s), ("aliases", pa.list_(s)), ("mentions", i32), ("references", i32),
        ]),
        "mentions": pa.schema([
            ("doc_id", s), ("entity_id", s), ("kind", s), ("type", s), ("start", i32), ("end", i32), ("text", s), ("source", s),
        ]),
        "quotations": pa.schema([
            ("doc_id", s), ("idx", i32), ("start", i32), ("end", i32), ("text", s), ("direct", b),
            ("cue", s), ("cue_start", i32), ("cue_end", i32),
            ("speaker", s), ("speaker_text", s), ("speaker_start", i32), ("speaker_end", i32),
            ("negated", b), ("sentence", i32),
        ]),
        "events": pa.schema([
            ("doc_id", s), ("idx", i32), ("type", s), ("trigger", s), ("trigger_start", i32), ("trigger_end", i32),
            ("participants", pa.list_(pa.struct([("entity", s), ("role", s)]))),
            ("location", s), ("date", s), ("date_precision", i32), ("location_precision", i32),
            ("killed", i64), ("injured", i64), ("negated", b), ("sentence", i32),
            ("modality", s), ("date_basis", s), ("happening", s),
        ]),
        "relations": pa.schema([
            ("doc_id", s), ("idx", i32), ("type", s), ("subject", s), ("object", s),
            ("evidence_start", i32), ("evidence_end", i32), ("evidence_text", s),
        ]),
        "errors": pa.schema([
            ("partition", i32), ("input", s), ("record", i64), ("doc_id", s), ("code", s), ("message", s),
        ]),
    }


def _happening(ev: dict[str, Any]) -> str | None:
    """The store's key of the happening an event of `to_dict` reports."""
    from rasd.store.prepare import ACTOR_ROLES, happening_key

    return happening_key(
        ev["type"], modality=ev["modality"], date=ev["date"], date_precision=ev["date_precision"], date_basis=ev["date_basis"],
        location=ev["location"], actors=[r["entity"] for r in ev["roles"] if r["role"] in ACTOR_ROLES], negated=bool(ev["negated"]),
    )


def _span(d: dict[str, Any] | None, key: str) -> Any:
    return d[key] if d else None


class TableBuilder:
    """Rows of every table for the documents of one partition, column by column."""

    def __init__(self, partition: int) -> None:
        self.partition = partition
        self._schemas = schemas()
        self.columns: dict[str, dict[str, list[Any]]] = {
            t: {name: [] for name in self._schemas[t].names} for t in TABLES
        }

    def _row(self, table: str, **values: Any) -> None:
        cols = self.columns[table]
        for name, col in cols.items():
            col.append(values.get(name))

    def count(self, table: str) -> int:
        return len(self.columns[table]["doc_id" if table != "documents" else "id"])

    def add_error(self, input_path: str, record: int, code: str, message: str, doc_id: str | None = None) -> None:
        self._row("errors", partition=self.partition, input=input_path, record=record, doc_id=doc_id, code=code, message=message)

    def add_document(self, doc: Document, input_path: str, record: int) -> None:
        d = to_dict(doc)
        from rasd.store.prepare import store_columns

        chash, minhash, keys = store_columns(doc)  # computed here, where the document's tokens are at hand
        self.add_dict(d, input_path, record, chash, minhash, keys)

    def add_dict(self, d: dict[str, Any], input_path: str, record: int, chash: str, minhash: bytes | None, keys: bytes) -> None:
        doc_id = d["id"]
        analysis = {k: v for k, v in d.items() if k != "text"}
        self._row(
            "documents", id=doc_id, title=d["title"], published=d["published"], source=d["source"], url=d["url"],
            text=d["text"], meta=json.dumps(d["meta"], ensure_ascii=False, sort_keys=True), warnings=list(d["warnings"]),
            analysis=json.dumps(analysis, ensure_ascii=False, separators=(",", ":")),
            content_hash=chash, minhash=minhash, search_keys=keys, input=input_path, record=record, partition=self.partition,
        )
        for idx, e in enumerate(d["entities"]):
            self._row(
                "entities", doc_id=doc_id, idx=idx, entity_id=e["id"], type=e["type"], name=e["name"], latin=e["latin"],
                title=e["title"], affiliation=e["affiliation"], aliases=list(e["aliases"]),
                mentions=len(e["mentions"]), references=len(e["references"]),
            )
            for key, kind in (("mentions", "name"), ("references", "reference")):
                for m in e[key]:
                    self._row("mentions", doc_id=doc_id, entity_id=e["id"], kind=kind, type=e["type"],
                              start=m["start"], end=m["end"], text=m["text"], source=m["source"])
        for idx, q in enumerate(d["quotes"]):
            cue, spk = q["cue_span"], q["speaker_span"]
            self._row(
                "quotations", doc_id=doc_id, idx=idx, start=q["start"], end=q["end"], text=q["text"], direct=q["direct"],
                cue=q["cue"], cue_start=_span(cue, "start"), cue_end=_span(cue, "end"),
                speaker=q["speaker"], speaker_text=q["speaker_text"], speaker_start=_span(spk, "start"), speaker_end=_span(spk, "end"),
                negated=q["negated"], sentence=q["sentence"],
            )
        for idx, ev in enumerate(d["events"]):
            trig = ev["trigger"]
            self._row(
                "events", doc_id=doc_id, idx=idx, type=ev["type"], trigger=trig["text"], trigger_start=trig["start"],
                trigger_end=trig["end"], participants=[{"entity": r["entity"], "role": r["role"]} for r in ev["roles"]],
                location=ev["location"], date=ev["date"], date_precision=ev["date_precision"],
                location_precision=ev["location_precision"], killed=ev["killed"], injured=ev["injured"],
                negated=ev["negated"], sentence=ev["sentence"], modality=ev["modality"], date_basis=ev["date_basis"],
                happening=_happening(ev),
            )
        for idx, r in enumerate(d["relations"]):
            evd = r["evidence"]
            self._row(
                "relations", doc_id=doc_id, idx=idx, type=r["type"], subject=r["subject"], object=r["object"],
                evidence_start=_span(evd, "start"), evidence_end=_span(evd, "end"), evidence_text=_span(evd, "text"),
            )

    def tables(self) -> dict[str, Any]:
        """One pyarrow Table per table name (empty tables keep their schema)."""
        pa = pyarrow()
        return {t: pa.Table.from_pydict(self.columns[t], schema=self._schemas[t]) for t in TABLES}
