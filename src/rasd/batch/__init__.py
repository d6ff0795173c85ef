"""Batch processing on Dask: inputs → partitions → the same pipeline on every worker → Parquet
tables (`rasd batch`), and the bulk load of those tables into PostgreSQL (`rasd load`).

Needs the `batch` extra (dask[distributed], pyarrow); `load` also needs the `postgres` extra.
Nothing heavy is imported here: Dask and pyarrow load when a run starts.
"""

from __future__ import annotations

from typing import Any

__all__ = ["load", "run_batch"]


def run_batch(*args: Any, **kwargs: Any) -> Any:
    """See `rasd.batch.run.run_batch`."""
    from rasd.batch.run import run_batch as run

    return run(*args, **kwargs)


def load(*args: Any, **kwargs: Any) -> Any:
    """See `rasd.batch.load.load`."""
    from rasd.batch.load import load as run

    return run(*args, **kwargs)
