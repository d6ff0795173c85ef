"""Benchmark: rasd's text layer against spaCy's blank Arabic tokenizer, in the same run.

rasd: `tokenize` (with proclitic segmentation) + `split_sentences`; spaCy: `spacy.blank("ar")`'s
tokenizer alone (no clitics, no sentences). Each article is `title + "\\n" + text`. The lexicon and
the spaCy pipeline are loaded before timing; rasd's per-word caches start empty.

    .venv/bin/python bench/tokenize.py [PATH] [--limit N] [--repeat R]

PATH defaults to ../shared/data/saudinewsnet/sample.jsonl (relative to the repository root).
"""

from __future__ import annotations

import os
import sys

# Running this file puts bench/ first on sys.path, where this file would shadow the standard
# library's `tokenize` module (used by linecache, inspect, spaCy): take bench/ off the path.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "saudinewsnet" / "sample.jsonl"


def load(path: Path, limit: int | None) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            title, body = (rec.get("title") or "").strip(), rec.get("text") or ""
            texts.append(f"{title}\n{body}" if title else body)
            if limit and len(texts) >= limit:
                break
    return texts


def run_rasd(texts: list[str]) -> tuple[float, int, int]:
    from rasd.text.sentences import split_sentences
    from rasd.text.tokenize import tokenize

    ntok = nsent = 0
    t0 = time.perf_counter()
    for text in texts:
        toks = tokenize(text)
        nsent += len(split_sentences(text, toks))
        ntok += len(toks)
    return time.perf_counter() - t0, ntok, nsent


def run_spacy(texts: list[str], nlp) -> tuple[float, int]:
    tokenizer = nlp.tokenizer
    ntok = 0
    t0 = time.perf_counter()
    for text in texts:
        ntok += len(tokenizer(text))
    return time.perf_counter() - t0, ntok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT, help=f"JSONL articles (default {DEFAULT})")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="timed passes of each (default 1; rasd's caches stay warm after the first)",
    )
    args = ap.parse_args(argv)
    if not args.path.is_file():
        print(
            f"{args.path}: no such file. Pass a JSONL file of articles (fields title, text).", file=sys.stderr
        )
        return 2
    try:
        import spacy
    except ImportError:
        print(
            "spaCy is not installed: pip install 'rasd[dev]' (or pip install spacy) to run this benchmark.",
            file=sys.stderr,
        )
        return 2
    from rasd.text.clitics import lexicon

    texts = load(args.path, args.limit)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    lexicon()
    print(f"{len(texts)} articles, {mb:.2f} MB; lexicon loaded in {time.perf_counter() - t0:.3f} s")
    nlp = spacy.blank("ar")
    for i in range(args.repeat):
        rt, rtok, rsent = run_rasd(texts)
        st, stok = run_spacy(texts, nlp)
        print(f"pass {i + 1}:")
        print(
            f"  rasd  (tokens+clitics+sentences): {rt:6.2f} s  {mb / rt:5.2f} MB/s  {rtok / rt:9.0f} tokens/s  ({rtok} tokens, {rsent} sentences)"
        )
        print(
            f"  spaCy blank('ar') tokenizer     : {st:6.2f} s  {mb / st:5.2f} MB/s  {stok / st:9.0f} tokens/s  ({stok} tokens)"
        )
        print(f"  ratio rasd/spaCy (MB/s): {st / rt:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
