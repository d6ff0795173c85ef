"""The way into the store: read → skip unchanged → analyse → prepare → write.

    >>> from rasd.ingest import ingest
    >>> with open_store("rasd.db") as store:
    ...     summary = ingest(["articles/"], store, workers=4)

`ingest` (rasd.ingest.flow) is what `rasd ingest` runs; `POST /documents` takes the same skip
rule (rasd.ingest.skip) and writer (rasd.ingest.writer); `rasd batch` workers get their pipeline
from a `PipelineProvider` (rasd.ingest.provider), the one place a pipeline is built, and
`rasd load` skips what is stored by the same rule. The store below knows nothing of files,
pipelines or workers.
"""

from __future__ import annotations

from rasd.ingest.flow import ingest, read_inputs
from rasd.ingest.provider import PipelineProvider, default_provider
from rasd.ingest.skip import skip_reason
from rasd.ingest.summary import Failure, IngestSummary
from rasd.ingest.workers import few_collections
from rasd.ingest.writer import write_all

__all__ = [
    "Failure",
    "IngestSummary",
    "PipelineProvider",
    "default_provider",
    "few_collections",
    "ingest",
    "read_inputs",
    "skip_reason",
    "write_all",
]
