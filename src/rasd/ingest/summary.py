"""What an ingest did: counts of records by outcome, the failures with their reasons, the time."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Counts", "Failure", "IngestSummary"]


@dataclass(slots=True)
class Failure:
    where: str
    reason: str


class Counts:
    """What every way into the store counts (`rasd ingest`'s IngestSummary, `rasd load`'s
    LoadSummary): records added, updated, unchanged, skipped as the same text, failed; linked
    near-duplicates; seconds."""

    added: int
    updated: int
    unchanged: int
    same_text: int
    duplicates: int
    failed: int
    seconds: float
    total_name = "records"  # what `to_dict` calls the records handled

    @property
    def handled(self) -> int:
        return self.added + self.updated + self.unchanged + self.same_text + self.failed

    @property
    def rate(self) -> float:
        """Records handled per second."""
        return self.handled / self.seconds if self.seconds > 0 else 0.0

    def outcome(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.duplicates} near-duplicates linked to a story, {self.failed} failed"
                + (f", {self.same_text} skipped (same text already stored)" if self.same_text else ""))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)  # type: ignore[call-overload]  # the subclasses are dataclasses
        d[self.total_name] = self.handled
        d["rate"] = round(self.rate, 1)
        return d

    @staticmethod
    def failure_lines(failures: list[str], max_failures: int) -> list[str]:
        lines = [f"  failed: {f}" for f in failures[:max_failures]]
        if len(failures) > max_failures:
            lines.append(f"  … and {len(failures) - max_failures} more failures")
        return lines


@dataclass
class IngestSummary(Counts):
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
        return self.handled

    def fail(self, where: str, reason: str) -> None:
        self.failed += 1
        self.failures.append(Failure(where, reason))

    def report(self, max_failures: int = 50) -> str:
        lines = [f"{self.records} records in {self.seconds:.1f} s ({self.rate:.1f}/s): {self.outcome()}"]
        reasons = [f.reason if f.reason.find(f.where) >= 0 else f"{f.where}: {f.reason}" for f in self.failures]
        return "\n".join(lines + self.failure_lines(reasons, max_failures))
