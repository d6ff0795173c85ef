"""Bulk-loading the Parquet output of `rasd batch` into a PostgreSQL knowledge base (`rasd load`).

The result is what `rasd ingest` of the same inputs would have stored, so `rasd serve` and every
query work on it unchanged; only the writing is different. Partitions are loaded in order, one
transaction each (a crash loses at most the partition in flight; running the load again
finishes the job):

1. The partition's `documents` rows are read; what is skipped is skipped by the rule of
   `rasd ingest` (`rasd.ingest.skip`): documents already stored with the same content hash are
   skipped (so loading twice adds nothing), a stored id with another hash is replaced (as ingest
   replaces an updated article), the same text twice is kept once.
2. Each document is prepared by the store's row builder (`rasd.store.prepare.from_columns`:
   entity references are checked there) from the search keys and MinHash signature the batch
   workers computed, without computing them again.
3. The store writes them at once (`PostgresStore.bulk_writer`, rasd.store.bulkload: COPY into
   its tables, near-duplicates linked to their story clusters exactly as `put_document` links
   them).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.batch.errors import BatchError, NotABatchOutput, NotPostgres
from rasd.batch.run import read_manifest
from rasd.batch.worker import MARKERS
from rasd.errors import RasdError
from rasd.ingest.skip import skip_reason
from rasd.ingest.summary import Counts
from rasd.store.prepare import Prepared, from_columns
from rasd.store.redact import redacted_url

__all__ = ["LoadSummary", "load"]

_DOC_COLUMNS = ["id", "text", "analysis", "content_hash", "minhash", "search_keys"]


@dataclass
class LoadSummary(Counts):
    out: str
    db: str
    partitions: int = 0  # loaded
    unfinished: int = 0  # planned but not finished by `rasd batch` (not loaded)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    same_text: int = 0
    duplicates: int = 0  # added or updated documents linked to an existing story
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    total_name = "documents"

    @property
    def documents(self) -> int:
        return self.handled

    def report(self, max_failures: int = 20) -> str:
        lines = [f"loaded {self.partitions} partitions of {self.out} into {self.db}: {self.documents} documents in "
                 f"{self.seconds:.1f} s ({self.rate:.0f}/s): {self.outcome()}"]
        if self.unfinished:
            lines.append(f"  {self.unfinished} partitions are not finished: rerun `rasd batch` into {self.out}, then load again.")
        return "\n".join(lines + self.failure_lines(self.failures, max_failures))


def _read_documents(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=_DOC_COLUMNS).to_pylist()


class _Loader:
    def __init__(self, store: Any, summary: LoadSummary) -> None:
        self.store = store
        self.writer = store.bulk_writer()
        self.summary = summary

    def _select(self, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """The rows to write (in order), and the stored documents they replace (id → doc_no); what
        is skipped is skipped by the rule of `rasd ingest` (rasd.ingest.skip)."""
        stored = self.writer.stored(list(dict.fromkeys(r["id"] for r in rows)))
        chosen: dict[str, dict[str, Any]] = {}
        for r in rows:
            earlier = chosen.get(r["id"])
            if earlier is not None:
                if skip_reason(r["id"], r["text"], r["content_hash"], earlier["content_hash"]) is not None:
                    self.summary.same_text += 1
                    continue
                del chosen[r["id"]]  # the same explicit id twice: the later record wins (it updates the earlier)
                self.summary.updated += 1
            old = stored.get(r["id"])
            reason = skip_reason(r["id"], r["text"], r["content_hash"], old[0] if old is not None else None)
            if reason is not None:
                setattr(self.summary, reason, getattr(self.summary, reason) + 1)
                continue
            chosen[r["id"]] = r
        return list(chosen.values()), {i: stored[i][1] for i in chosen if i in stored}

    def load_partition(self, path: Path) -> None:
        from rasd.serialize import from_dict

        records = _read_documents(path)
        with self.store.transaction():
            rows, replaced = self._select(records)
            if not rows:
                return
            old_entities, old_clusters = self.writer.delete(sorted(replaced.values()))
            items: list[tuple[Prepared, str]] = []
            for r in rows:
                try:
                    doc = from_dict({**json.loads(r["analysis"]), "text": r["text"]}, where=f"document {r['id']} in {path}")
                    items.append((from_columns(doc, r["minhash"], r["search_keys"]), r["content_hash"]))
                except RasdError as exc:
                    self.summary.failed += 1
                    self.summary.failures.append(f"document {r['id']}: not stored: {exc}")
            linked = self.writer.write(items)
            self.store.collect_garbage(old_entities, old_clusters)
        for (p, _h), link in zip(items, linked, strict=True):
            if p.id in replaced:
                self.summary.updated += 1
            else:
                self.summary.added += 1
            self.summary.duplicates += link


def load(
    out: str | os.PathLike[str],
    db_url: str,
    *,
    progress: Callable[[LoadSummary], None] | None = None,
) -> LoadSummary:
    """Load every finished partition of the batch output `out` into the PostgreSQL store at
    `db_url` (created and migrated when new). Loading again adds nothing; see the module docs."""
    from rasd.store import SCHEMA_VERSION, is_postgres_url, open_store

    root = Path(out)
    manifest = read_manifest(root)
    if not is_postgres_url(db_url):
        raise NotPostgres(url=db_url)
    summary = LoadSummary(str(root), redacted_url(db_url))
    names = [p["name"] for p in manifest["partitions"]]
    ready = [n for n in names if (root / MARKERS / f"{n}.json").exists() and (root / "documents" / f"{n}.parquet").exists()]
    summary.unfinished = len(names) - len(ready)
    if not ready and names:
        raise NotABatchOutput(path=str(root), problem="no partition is finished yet")
    started = time.perf_counter()
    with open_store(db_url) as store:
        version = store.schema_version()
        if version != SCHEMA_VERSION:  # open_store migrates; an older rasd meeting a newer schema fails there
            raise BatchError(message=f"{summary.db}: the store has schema version {version}, not {SCHEMA_VERSION}. "
                                     "Run any rasd command on it with this version of rasd to migrate it, then load again.")
        loader = _Loader(store, summary)
        for name in ready:
            try:
                loader.load_partition(root / "documents" / f"{name}.parquet")
            except store.db_errors as exc:
                raise BatchError(message=f"{name}: the database refused the load ({type(exc).__name__}: {exc}). Nothing of this "
                                         "partition was written and earlier partitions stay loaded; fix the cause and run rasd load again.") from exc
            summary.partitions += 1
            summary.seconds = time.perf_counter() - started
            if progress is not None:
                progress(summary)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
