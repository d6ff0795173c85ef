#!/usr/bin/env python3
"""Regenerate rasd's word clusters from a folder of unlabelled news (JSON lines, field `text`).

usage: python scripts/train_clusters.py DATA_DIR [--out FILE] [--seed N] [--max-tokens N]

Example (what produced the shipped file):
    python scripts/train_clusters.py ../shared/data/ant-unlabeled \
        --out src/rasd/data/clusters/ant-w2v-clusters.tsv.gz --seed 1

Needs the dev dependencies gensim and scikit-learn. One core, a few minutes; same data and seed give
the same file.
"""

from __future__ import annotations

import argparse
import sys

from rasd.errors import RasdError
from rasd.ner.clusters import CLUSTERS_PATH, train_clusters


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", help="folder of *.jsonl.gz news files (e.g. ../shared/data/ant-unlabeled)")
    ap.add_argument("--out", default=str(CLUSTERS_PATH), help="output .tsv.gz (default: the shipped file)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--vector-size", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--window", type=int, default=3)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--sg", type=int, default=1, choices=(0, 1), help="1: skip-gram (default), 0: CBOW")
    ap.add_argument("--top", type=int, default=100_000, help="keep the most frequent N stems")
    ap.add_argument("--max-tokens", type=int, default=None, help="read at most about N tokens")
    args = ap.parse_args(argv)
    try:
        info = train_clusters(
            args.data_dir,
            args.out,
            seed=args.seed,
            vector_size=args.vector_size,
            epochs=args.epochs,
            window=args.window,
            min_count=args.min_count,
            sg=args.sg,
            top=args.top,
            max_tokens=args.max_tokens,
            log=lambda m: print(m, file=sys.stderr),
        )
    except RasdError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.out}: {info}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
