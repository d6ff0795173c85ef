"""Measure word vectors from the unlabelled news as features of the CRF tagger, on the dev part.

usage: python scripts/ner_vectors.py vectors ANT_DIR OUT.npz [--seed 1] [--vector-size 100]
           [--window 3] [--epochs 5] [--top 100000]
       python scripts/ner_vectors.py run ANERCORP_TRAIN VECTORS.npz WORKDIR --mode dense
           [--dims 32] [--scale 1.0] [--context 1] [--name NAME] [--dev-part K]
       python scripts/ner_vectors.py run ANERCORP_TRAIN VECTORS.npz WORKDIR --mode finer
           [--split 4] [--context 1] [--name NAME]
       python scripts/ner_vectors.py run ANERCORP_TRAIN VECTORS.npz WORKDIR --mode binary
           [--context 1] [--name NAME]
       python scripts/ner_vectors.py run ANERCORP_TRAIN VECTORS.npz WORKDIR --mode none

`vectors` trains word2vec over the clitic-stripped stems of the news exactly as
`scripts/train_clusters.py` does (`rasd.ner.clusters.stem_sentences`; skip-gram, window 3, 100
dimensions, 5 epochs, min_count 2, one worker, fixed seed) and writes the most frequent `--top`
stems with their unit-length vectors and counts.

`run` trains the shipped recipe (every feature group, c1 = c2 = 0.01, 200 iterations) on the first
90% of ANERCORP_TRAIN with one addition and scores it with crfsuite's own tagger on the last 10%
(the development part of `rasd train ner --dev-split 0.1`; `--dev-part K` scores on the K-th
tenth, 0-9, and trains on the other nine, to check a row on another split):

- `dense`: the stem's vector projected on its `--dims` first principal axes, divided by the
  projections' overall standard deviation and multiplied by `--scale`, as float-valued attributes
  `v0` … (crfsuite multiplies an attribute's weights by its value); with `--context 1` the
  vectors of the words ±1 as well (`-1v0` …, `1v0` …). A stem without a vector gets none.
- `finer`: each of the shipped clusters' 1024 k-means groups split again into `--split` groups by
  k-means over the stems' vectors (nested ids, about 1024 x split), as a discrete attribute of the
  word (and of the words ±1 with `--context 1`).
- `binary`: Guo et al. (2014)'s binarised vectors: dimension i gives `bi+` where it is above the
  mean of the vocabulary's positive values, `bi-` below the mean of the negative ones, nothing else.
- `none`: the shipped recipe alone (the row to compare with, through the same scorer).

One line of scores is printed and appended to WORKDIR/runs.log with the command.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path


def train_vectors(args) -> None:
    import numpy as np
    from gensim.models import Word2Vec

    from rasd.ner.clusters import stem_sentences

    t0 = time.perf_counter()
    sents = stem_sentences(args.ant_dir)
    w2v = Word2Vec(
        sents,
        vector_size=args.vector_size,
        window=args.window,
        min_count=2,
        workers=1,
        epochs=args.epochs,
        seed=args.seed,
        sg=1,
        sample=1e-4,
    )
    words = [w for w in w2v.wv.index_to_key if w != "<NUM>"][: args.top]
    vecs = np.stack([w2v.wv[w] for w in words]).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    counts = np.array([w2v.wv.get_vecattr(w, "count") for w in words], dtype=np.int64)
    np.savez_compressed(args.out, words=np.array(words), vectors=vecs, counts=counts)
    tokens = sum(map(len, sents))
    print(f"{args.out}: {len(words)} stems of {tokens} tokens, {time.perf_counter() - t0:.0f}s")


def _stem_and_norm(form: str) -> tuple[str, str]:
    from rasd.ner.features import _is_arabic
    from rasd.text.clitics import segment
    from rasd.text.normalize import norm_key

    norm = norm_key(form)
    return (segment(form)[1] if form and _is_arabic(form[0]) else norm), norm


def word_attributes(args, words: list[str], vecs) -> dict[str, dict[str, float]]:
    """stem → its attributes for the chosen mode (names without the neighbour prefix)."""
    import numpy as np

    out: dict[str, dict[str, float]] = {}
    if args.mode == "dense":
        centred = vecs - vecs.mean(axis=0)
        _, _, vt = np.linalg.svd(centred[:20000], full_matrices=False)
        proj = centred @ vt[: args.dims].T
        proj *= args.scale / proj.std()
        for w, row in zip(words, proj.tolist(), strict=True):
            out[w] = {f"v{i}": round(x, 4) for i, x in enumerate(row)}
    elif args.mode == "binary":
        pos = np.where(vecs > 0, vecs, np.nan)
        neg = np.where(vecs < 0, vecs, np.nan)
        hi, lo = np.nanmean(pos, axis=0), np.nanmean(neg, axis=0)
        for w, row in zip(words, vecs, strict=True):
            up, down = np.nonzero(row > hi)[0].tolist(), np.nonzero(row < lo)[0].tolist()
            out[w] = {**{f"b{i}+": 1.0 for i in up}, **{f"b{i}-": 1.0 for i in down}}
    elif args.mode == "finer":
        from sklearn.cluster import KMeans
        from threadpoolctl import threadpool_limits

        from rasd.ner.clusters import load_clusters

        shipped = load_clusters()
        index = {w: i for i, w in enumerate(words)}
        groups: dict[str, list[int]] = {}
        for w, (_, _, c1k) in shipped.items():
            if w in index:
                groups.setdefault(c1k, []).append(index[w])
        with threadpool_limits(1):
            for c1k, rows in groups.items():
                k = min(args.split, len(rows))
                if k < 2:
                    labels = [0] * len(rows)
                else:
                    labels = KMeans(k, n_init=1, max_iter=30, random_state=1).fit(vecs[rows]).labels_.tolist()
                for r, lab in zip(rows, labels, strict=True):
                    out[words[r]] = {f"cf={c1k}.{lab}": 1.0}
    return out


def run(args) -> None:
    import numpy as np
    import pycrfsuite

    from rasd.ner.conll import read_conll, split_last
    from rasd.ner.features import GROUPS
    from rasd.ner.scoring import score
    from rasd.ner.tagger import make_extractor
    from rasd.ner.train import DEFAULT_C1, DEFAULT_C2, DEFAULT_ITERATIONS

    t0 = time.perf_counter()
    sentences = read_conll(args.anercorp_train)
    if args.dev_part is None:
        train, dev = split_last(sentences, 0.1)
    else:  # another tenth of the file as the development part, the rest to train on
        a, b = (round(len(sentences) * k / 10) for k in (args.dev_part, args.dev_part + 1))
        train, dev = sentences[:a] + sentences[b:], sentences[a:b]
    attrs: dict[str, dict[str, float]] = {}
    if args.mode != "none":
        data = np.load(args.vectors)
        attrs = word_attributes(args, data["words"].tolist(), data["vectors"])
    extractor = make_extractor(GROUPS)
    per_form: dict[str, dict[str, float]] = {}

    def own(form: str) -> dict[str, float]:
        a = per_form.get(form)
        if a is None:
            stem, norm = _stem_and_norm(form)
            a = per_form[form] = attrs.get(stem) or attrs.get(norm) or {}
        return a

    def items(forms) -> list[dict[str, float]]:
        out = []
        for i, f in enumerate(extractor.sentence(forms)):
            d: dict[str, float] = dict(Counter(f))
            d.update(own(forms[i]))
            if args.context:
                for o in (-1, 1):
                    if 0 <= i + o < len(forms):
                        d.update({f"{o}{k}": v for k, v in own(forms[i + o]).items()})
            out.append(d)
        return out

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in train:
        trainer.append(items(s.tokens), list(s.tags))
    trainer.set_params(
        {
            "c1": DEFAULT_C1,
            "c2": DEFAULT_C2,
            "max_iterations": DEFAULT_ITERATIONS,
            "feature.possible_transitions": True,
        }
    )
    args.workdir.mkdir(parents=True, exist_ok=True)
    model = args.workdir / f"vec-{args.name}.crfsuite"
    trainer.train(str(model))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    rep = score([s.tags for s in dev], [tagger.tag(items(s.tokens)) for s in dev])
    d = rep.to_dict()
    o = d["overall"]
    types = " ".join(f"{t} {100 * v['f1']:.2f}" for t, v in sorted(d["by_type"].items()))
    size = model.stat().st_size / 1e6
    line = (
        f"{args.name}: P {100 * o['precision']:.2f} R {100 * o['recall']:.2f} F1 {100 * o['f1']:.2f} "
        f"({types}) model {size:.1f} MB, {time.perf_counter() - t0:.0f}s"
    )
    print(line)
    with open(args.workdir / "runs.log", "a", encoding="utf-8") as fh:
        fh.write(f"$ python scripts/ner_vectors.py {' '.join(sys.argv[1:])}\n{line}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    v = sub.add_parser("vectors")
    v.add_argument("ant_dir", type=Path)
    v.add_argument("out", type=Path)
    v.add_argument("--seed", type=int, default=1)
    v.add_argument("--vector-size", type=int, default=100)
    v.add_argument("--window", type=int, default=3)
    v.add_argument("--epochs", type=int, default=5)
    v.add_argument("--top", type=int, default=100_000)
    r = sub.add_parser("run")
    r.add_argument("anercorp_train", type=Path)
    r.add_argument("vectors", type=Path)
    r.add_argument("workdir", type=Path)
    r.add_argument("--mode", choices=("dense", "finer", "binary", "none"), required=True)
    r.add_argument("--dims", type=int, default=32)
    r.add_argument("--scale", type=float, default=1.0)
    r.add_argument("--split", type=int, default=4)
    r.add_argument("--context", type=int, default=1, choices=(0, 1))
    r.add_argument("--name", default=None)
    r.add_argument(
        "--dev-part",
        type=int,
        default=None,
        choices=range(10),
        help="score on this tenth (0-9) instead of the last",
    )
    args = ap.parse_args(argv)
    if args.what == "vectors":
        train_vectors(args)
    else:
        args.name = args.name or args.mode
        run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
