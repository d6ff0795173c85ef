#!/usr/bin/env python3
"""Benchmark the NER tagger on one core: tokens/s and sentences/s (feature extraction included),
model load time, model size on disk and peak memory.

usage: python bench/ner.py [CONLL_FILE] [--model MODEL] [--repeat N]

Without CONLL_FILE it uses the development part of ANERcorp (the last 10% of
../shared/data/anercorp/train.txt, as `rasd train ner --dev-split 0.1` holds it out). The first pass
over the data is timed separately ("cold": the per-word feature cache is empty), then `--repeat`
passes ("warm"). Wall-clock and CPU-time rates are both printed (on a shared machine the CPU-time
rate is the fairer "one core" figure). Also times the whole "text" + "ner" pipeline stages on the sentences joined as
articles, which includes tokenisation and the document rules.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "anercorp" / "train.txt"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("conll", nargs="?", help="CoNLL file (default: the ANERcorp development part)")
    ap.add_argument("--model", default=None, help="model file (default: the shipped one)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass

    from rasd.ner.conll import read_conll, split_last
    from rasd.ner.tagger import DEFAULT_MODEL, CRFTagger

    if args.conll:
        sents = read_conll(args.conll)
        source = args.conll
    else:
        if not DEFAULT_DATA.exists():
            print(f"no data: give a CoNLL file ({DEFAULT_DATA} is absent)", file=sys.stderr)
            return 1
        sents = split_last(read_conll(DEFAULT_DATA), 0.1)[1]
        source = f"{DEFAULT_DATA} (last 10%)"
    model = Path(args.model) if args.model else DEFAULT_MODEL
    forms = [list(s.tokens) for s in sents]
    n_tok = sum(map(len, forms))

    t0 = time.perf_counter()
    tagger = CRFTagger(model)
    load_s = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    for f in forms:
        tagger.tag(f)
    cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for f in forms:
            tagger.tag(f)
    warm = (time.perf_counter() - t0) / args.repeat
    warm_cpu = (time.process_time() - c0) / args.repeat

    from rasd.model import Document
    from rasd.pipeline import build_pipeline

    pipe = build_pipeline(["text", "ner"], config={"pipeline": {"stages": []}})
    docs_text = [" ".join(" ".join(f) for f in forms[i : i + 20]) for i in range(0, len(forms), 20)]
    pipe_runs = []
    for _ in range(2):  # a first pass (new word forms of the pipeline's tokeniser), then a warm one
        t0, c0 = time.perf_counter(), time.process_time()
        for text in docs_text:
            pipe(Document.from_parts(text))
        pipe_runs.append((time.perf_counter() - t0, time.process_time() - c0))

    size = model.stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"data            {source}: {len(forms)} sentences, {n_tok} tokens")
    print(f"model           {model} ({size / 1e6:.2f} MB)")
    print(f"load            {load_s:.3f} s (model, gazetteers, clusters, lexicon)")
    print(
        f"load average    {os.getloadavg()[0]:.2f} (on a busy machine the per-CPU-second rates are steadier)"
    )
    print(
        f"tagging (cold)  {n_tok / cold:,.0f} tokens/s, {len(forms) / cold:,.0f} sentences/s; "
        f"per CPU-second {n_tok / cold_cpu:,.0f} tokens"
    )
    print(
        f"tagging (warm)  {n_tok / warm:,.0f} tokens/s, {len(forms) / warm:,.0f} sentences/s; "
        f"per CPU-second {n_tok / warm_cpu:,.0f} tokens, {len(forms) / warm_cpu:,.0f} sentences"
    )
    for label, (pipe_s, pipe_cpu) in zip(("first", "warm"), pipe_runs, strict=True):
        print(
            f"text+ner ({label:5}) {n_tok / pipe_s:,.0f} tokens/s, per CPU-second {n_tok / pipe_cpu:,.0f} tokens "
            f"({len(docs_text)} documents of ~20 sentences, {len(docs_text) / pipe_cpu:,.1f} per CPU-second)"
        )
    print(f"peak memory     {peak_mb:.0f} MB (max RSS)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
