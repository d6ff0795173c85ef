"""Exporting the store: JSON lines of full analyses, or one table as CSV or Parquet.

Everything streams: documents are read in keyset-paginated batches and written as they come,
Parquet in row groups, so memory stays flat whatever the size of the store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from rasd.serialize import to_dict
from rasd.store.base import EXPORT_TABLES, Store
from rasd.store.errors import BadQuery, MissingExtra

__all__ = ["FORMATS", "export"]

FORMATS = ("jsonl", "csv", "parquet")
_INTS = {"start", "end", "index", "killed", "injured", "documents", "stories", "mentions", "reports"}
_BOOLS = {"direct", "negated"}
_ROW_GROUP = 10_000


def export(store: Store, fmt: str, out: IO[Any], table: str = "documents") -> int:
    """Write the store to `out` (text for jsonl/csv, binary for parquet); return the rows written.

    jsonl: one line per document, its full `rasd.document/1` analysis (`table` is ignored).
    csv, parquet: the rows of `table` (one of EXPORT_TABLES)."""
    if fmt not in FORMATS:
        raise BadQuery(problem=f"unknown export format {fmt!r}", fix=f"Use one of {', '.join(FORMATS)}.")
    if fmt == "jsonl":
        n = 0
        for doc in store.iter_documents():
            out.write(json.dumps(to_dict(doc), ensure_ascii=False))
            out.write("\n")
            n += 1
        return n
    if table not in EXPORT_TABLES:
        raise BadQuery(problem=f"unknown table {table!r}", fix=f"Use one of {', '.join(EXPORT_TABLES)}.")
    from rasd.store.maintenance import EXPORT_COLUMNS

    rows = store.iter_rows(table)
    if fmt == "csv":
        return _csv(rows, EXPORT_COLUMNS[table], out)
    return _parquet(rows, EXPORT_COLUMNS[table], out)


def _csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns))
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parquet(rows: Iterator[dict[str, Any]], columns: tuple[str, ...], out: IO[bytes]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtra(feature="Parquet export", package="pyarrow", extra="parquet") from None
    schema = pa.schema(
        [pa.field(c, pa.int64() if c in _INTS else pa.bool_() if c in _BOOLS else pa.string()) for c in columns]
    )
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in _batches(iter(rows), _ROW_GROUP):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
