"""Entity-level exact-match scoring with seqeval's default (IOB2, non-strict) semantics.

A chunk starts at `B-X`, and also at an `I-X` that does not continue a chunk of type X (a "stray"
I-, as seqeval's default mode reads it). A predicted entity counts only when its type, start and end
all equal those of a gold entity. Precision, recall and F1 are micro-averaged overall and given per
type (computed over that type's entities only), as `seqeval.metrics.classification_report` does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field


def chunks(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """The entities of a tag sequence as (type, start, end) with `end` exclusive."""
    out: list[tuple[str, int, int]] = []
    cur_type: str | None = None
    cur_start = 0
    for i, tag in enumerate(tags):
        if tag == "O" or len(tag) < 3:
            if cur_type is not None:
                out.append((cur_type, cur_start, i))
                cur_type = None
            continue
        kind, typ = tag[0], tag[2:]
        if kind == "I" and cur_type == typ:
            continue
        if cur_type is not None:
            out.append((cur_type, cur_start, i))
        cur_type, cur_start = typ, i
    if cur_type is not None:
        out.append((cur_type, cur_start, len(tags)))
    return out


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass(slots=True)
class Report:
    overall: PRF
    by_type: dict[str, PRF] = field(default_factory=dict)
    sentences: int = 0
    tokens: int = 0

    def to_dict(self) -> dict[str, object]:
        def d(x: PRF) -> dict[str, object]:
            return {
                "precision": round(x.precision, 4),
                "recall": round(x.recall, 4),
                "f1": round(x.f1, 4),
                "tp": x.tp,
                "fp": x.fp,
                "fn": x.fn,
                "support": x.support,
            }

        return {
            "sentences": self.sentences,
            "tokens": self.tokens,
            "overall": d(self.overall),
            "by_type": {t: d(v) for t, v in sorted(self.by_type.items())},
        }

    def format(self) -> str:
        rows = [f"{'type':<8} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}"]
        for t, v in sorted(self.by_type.items()):
            rows.append(
                f"{t:<8} {100 * v.precision:9.2f} {100 * v.recall:7.2f} {100 * v.f1:7.2f} {v.support:8d}"
            )
        o = self.overall
        rows.append(
            f"{'micro':<8} {100 * o.precision:9.2f} {100 * o.recall:7.2f} {100 * o.f1:7.2f} {o.support:8d}"
        )
        rows.append(f"({self.sentences} sentences, {self.tokens} tokens; entity-level exact match)")
        return "\n".join(rows)


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> Report:
    """Score predicted tag sequences against gold ones (same number and lengths)."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted ones")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    tokens = 0
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(f"a sentence has {len(g)} gold tags but {len(p)} predicted ones")
        tokens += len(g)
        gs, ps = set(chunks(g)), set(chunks(p))
        for c in gs & ps:
            tp[c[0]] += 1
        for c in ps - gs:
            fp[c[0]] += 1
        for c in gs - ps:
            fn[c[0]] += 1
    types = set(tp) | set(fp) | set(fn)
    by_type = {t: PRF(tp[t], fp[t], fn[t]) for t in types}
    overall = PRF(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return Report(overall, by_type, sentences=len(gold), tokens=tokens)
