"""What an ingest did: counts of records by outcome, the failures with their reasons, the time."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Failure", "IngestSummary"]


@dataclass(slots=True)
class Failure:
    where: str
    reason: str


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    same_text: int = 0  # skipped: the same text is stored under the same (text-derived) id
    duplicates: int = 0  # added or updated documents linked to an existing story cluster
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    analysed: int = 0

    @property
    def records(self) -> int:
        return self.added + self.updated + self.unchanged + self.same_text + self.failed

    @property
    def rate(self) -> float:
        """Records handled per second."""
        return self.records / self.seconds if self.seconds > 0 else 0.0

    def fail(self, where: str, reason: str) -> None:
        self.failed += 1
        self.failures.append(Failure(where, reason))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["records"] = self.records
        d["rate"] = round(self.rate, 1)
        return d

    def report(self, max_failures: int = 50) -> str:
        lines = [
            f"{self.records} records in {self.seconds:.1f} s ({self.rate:.1f}/s): "
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.duplicates} near-duplicates linked to a story, {self.failed} failed"
            + (f", {self.same_text} skipped (same text already stored)" if self.same_text else "")
        ]
        for f in self.failures[:max_failures]:
            lines.append(f"  failed: {f.reason}" if f.reason.find(f.where) >= 0 else f"  failed: {f.where}: {f.reason}")
        if len(self.failures) > max_failures:
            lines.append(f"  … and {len(self.failures) - max_failures} more failures")
        return "\n".join(lines)
