"""Errors of batch processing (codes E640–E659)."""

from __future__ import annotations

from rasd.errors import RasdError

__all__ = ["BatchError", "BatchMismatch", "InputChanged", "MissingBatchExtra", "NotABatchOutput", "NoInputs", "NotPostgres", "SchedulerUnavailable"]


class BatchError(RasdError):
    code = "E640"
    template = "{message}"


class MissingBatchExtra(BatchError):
    code = "E641"
    template = "{feature} needs the Python package {package!r}, which is not installed. Install it with: pip install 'rasd[batch]'"
    exit_code = 2


class NoInputs(BatchError):
    code = "E642"
    template = "{problem}. Give JSONL, JSON, text, HTML or feed files, .zip archives of them, or directories holding them."
    exit_code = 2


class BatchMismatch(BatchError):
    code = "E643"
    template = "{out}: holds a batch run with other settings ({problem}). Rerun with the same inputs and options to finish it, or choose a new --out folder."
    exit_code = 2


class InputChanged(BatchError):
    code = "E644"
    template = "{path}: {problem} since the run in {out} was planned. Inputs must not change during a run: start it again in a new --out folder."


class SchedulerUnavailable(BatchError):
    code = "E645"
    template = "cannot reach the Dask scheduler at {address} ({problem}). Start one with `dask scheduler` and workers with `dask worker {address}`, or leave out --scheduler to use local worker processes."
    exit_code = 2


class NotABatchOutput(BatchError):
    code = "E646"
    template = "{path}: {problem}. Give the --out folder of a finished `rasd batch` run."
    exit_code = 2


class NotPostgres(BatchError):
    code = "E647"
    template = "rasd load writes to PostgreSQL (a postgresql://user@host:port/dbname URL), not {url!r}. For a SQLite knowledge base use `rasd ingest`."
    exit_code = 2
