"""Training the CRF tagger: reproducible (crfsuite's L-BFGS is deterministic), with a held-out part.

`train_ner` reads a CoNLL file, holds out its last `dev_split` of sentences (or reads `dev`), trains
with the given feature groups and c1/c2, writes the model and its metadata sidecar, and scores the
development part. `tune` picks c1/c2 on the development part from a small grid.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import ModelError, TrainingDataError
from rasd.ner.conll import Sentence, read_conll, split_last, write_conll
from rasd.ner.features import GROUPS
from rasd.ner.scoring import Report, score
from rasd.ner.tagger import META_FORMAT, CRFTagger, make_extractor, meta_path

DEFAULT_C1 = 0.01
DEFAULT_C2 = 0.01
DEFAULT_ITERATIONS = 200
GRID = ((0.02, 0.02), (0.05, 0.05), (0.1, 0.02), (0.1, 0.1), (0.2, 0.05))


@dataclass(slots=True)
class TrainResult:
    model: Path
    train_sentences: int
    dev_sentences: int
    seconds: float
    c1: float
    c2: float
    dev: Report | None = None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fit(
    train: Sequence[Sentence],
    out: str | Path,
    *,
    groups: Sequence[str] = GROUPS,
    c1: float = DEFAULT_C1,
    c2: float = DEFAULT_C2,
    iterations: int = DEFAULT_ITERATIONS,
    clusters_file: str | Path | None = None,
    meta: dict | None = None,
) -> Path:
    """Train a CRF on `train` and write it to `out` (plus `*.meta.json`)."""
    import pycrfsuite

    if not train:
        raise TrainingDataError(path=str(out), line=0, problem="no training sentences")
    extractor = make_extractor(groups, clusters_file)
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in train:
        trainer.append(extractor.sentence(s.tokens), list(s.tags))
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
        }
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    from rasd.ner.warmtypes import table_path

    # a word-type table of the model this one replaces would be refused at every load: remove it
    # (`scripts/build_type_table.py` makes the new model's)
    table_path(out).unlink(missing_ok=True)
    info = {
        "format": META_FORMAT,
        "groups": [g for g in GROUPS if g in groups],
        "clusters": Path(clusters_file).name if clusters_file else None,
        "algorithm": "lbfgs",
        "c1": c1,
        "c2": c2,
        "max_iterations": iterations,
        "train_sentences": len(train),
        "train_tokens": sum(len(s.tokens) for s in train),
    }
    info.update(meta or {})
    meta_path(out).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def evaluate_sentences(model: str | Path, sentences: Sequence[Sentence]) -> tuple[Report, list[list[str]]]:
    tagger = CRFTagger(model)
    pred = [tagger.tag(s.tokens) for s in sentences]
    return score([s.tags for s in sentences], pred), pred


def tune(
    train: Sequence[Sentence],
    dev: Sequence[Sentence],
    workdir: str | Path,
    *,
    groups: Sequence[str] = GROUPS,
    grid: Sequence[tuple[float, float]] = GRID,
    iterations: int = DEFAULT_ITERATIONS,
    log: Callable[[str], None] = print,
) -> tuple[float, float, list[tuple[float, float, float]]]:
    """Train one model per (c1, c2) of `grid`; return the best pair by dev F1 and all results."""
    results = []
    for c1, c2 in grid:
        path = Path(workdir) / f"tune-{c1}-{c2}.crfsuite"
        fit(train, path, groups=groups, c1=c1, c2=c2, iterations=iterations)
        rep, _ = evaluate_sentences(path, dev)
        results.append((c1, c2, rep.overall.f1))
        log(f"c1={c1} c2={c2}: dev F1 {100 * rep.overall.f1:.2f}")
    best = max(results, key=lambda r: (r[2], -r[0], -r[1]))
    return best[0], best[1], results


def train_ner(
    train_file: str | Path,
    out: str | Path,
    *,
    dev_file: str | Path | None = None,
    dev_split: float = 0.1,
    unlabeled: str | Path | None = None,
    seed: int = 1,
    groups: Sequence[str] = GROUPS,
    c1: float = DEFAULT_C1,
    c2: float = DEFAULT_C2,
    iterations: int = DEFAULT_ITERATIONS,
    write_dev: str | Path | None = None,
    log: Callable[[str], None] = print,
) -> TrainResult:
    """Read, split, (optionally) train clusters from `unlabeled`, train, write, score the dev part.

    With `unlabeled` (a folder of JSON-lines news), word clusters are trained from it with `seed`
    and written next to the model as `<name>.clusters.tsv.gz`; otherwise the shipped clusters are
    used. The same data, options and seed give the same model file.
    """
    t0 = time.perf_counter()
    sentences = read_conll(train_file)
    if dev_file is not None:
        train, dev = sentences, read_conll(dev_file)
    else:
        train, dev = split_last(sentences, dev_split)
    if not train:
        raise TrainingDataError(
            path=str(train_file), line=0, problem="nothing left to train on after the dev split"
        )
    if write_dev is not None:
        if not dev:
            raise ModelError(
                path=str(write_dev),
                problem="there is no development part to write",
                fix="Give --dev-split > 0 or --dev FILE.",
            )
        write_conll(write_dev, dev)
    out = Path(out)
    clusters_file = None
    if unlabeled is not None and "clusters" in groups:
        from rasd.ner.clusters import train_clusters

        clusters_file = out.with_name(out.name.removesuffix(".crfsuite") + ".clusters.tsv.gz")
        log(f"training word clusters from {unlabeled} (seed {seed}) -> {clusters_file}")
        train_clusters(unlabeled, clusters_file, seed=seed, log=log)
    meta = {
        "train_file": Path(train_file).name,
        "train_sha256": _sha256(Path(train_file)),
        "dev": {"file": Path(dev_file).name, "sentences": len(dev)}
        if dev_file
        else {"split": f"last {dev_split:g} of the training file", "sentences": len(dev)},
        "seed": seed,
    }
    log(f"training on {len(train)} sentences ({', '.join(groups)}; c1={c1}, c2={c2}) -> {out}")
    fit(
        train, out, groups=groups, c1=c1, c2=c2, iterations=iterations, clusters_file=clusters_file, meta=meta
    )
    report = None
    if dev:
        report, _ = evaluate_sentences(out, dev)
        info = json.loads(meta_path(out).read_text(encoding="utf-8"))
        info["dev"]["scores"] = report.to_dict()
        meta_path(out).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return TrainResult(out, len(train), len(dev), time.perf_counter() - t0, c1, c2, report)
