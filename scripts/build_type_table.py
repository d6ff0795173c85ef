"""Build the NER model's table of frequent word types (src/rasd/data/models/ner-crf.types.npz).

Reads every `*.jsonl.gz` (or `*.jsonl`) file in DATA_DIR (one JSON article a line with `title` and
`text`: the ANT corpus as shipped in ../shared/data/ant-unlabeled), counts the surface form of every
token rasd's tokeniser gives (words, numbers, punctuation: what the tagger looks up), and describes
the --types most frequent ones (ties in form order) for the model (`rasd.ner.warmtypes`). What is
written: the forms, their stems and the model rows of their attributes; never any text.
The same corpus, model and rasd give the same arrays. Run it again after retraining the model: a table
made for another model is refused at load (the tagger then describes every word itself).

    python scripts/build_type_table.py ../shared/data/ant-unlabeled [--model M.crfsuite] [--types 50000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from rasd.errors import ModelError
from rasd.ner import warmtypes
from rasd.ner.clusters import corpus_files, iter_articles
from rasd.ner.tagger import DEFAULT_MODEL, CRFTagger
from rasd.text.tokenize import TOKEN_RE


def count_forms(source: Path) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    articles = 0
    for text in iter_articles(source):
        articles += 1
        counts.update(m.group() for m in TOKEN_RE.finditer(text))
    return counts, articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path, help="folder with the corpus *.jsonl.gz files")
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL, help=f"the crfsuite model (default {DEFAULT_MODEL})")
    ap.add_argument("--types", type=int, default=50_000, help="how many of the most frequent forms (default 50000)")
    ap.add_argument("--out", type=Path, help="output file (default: next to the model, NAME.types.npz)")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    try:
        files = corpus_files(args.data_dir)
        counts, articles = count_forms(args.data_dir)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = args.out or warmtypes.table_path(args.model)
    out.unlink(missing_ok=True)  # the old table goes only once the new one can be made
    forms = [f for f, _ in sorted(counts.items(), key=lambda fc: (-fc[1], fc[0]))[: args.types]]
    tagger = CRFTagger(args.model)
    stems, part_counts, rows = warmtypes.build(forms, tagger.crf, tagger.extractor)
    warmtypes.write(out, args.model, forms, stems, part_counts, rows)
    covered = sum(counts[f] for f in forms) / max(1, sum(counts.values()))
    print(
        f"{out}: {len(forms)} forms of {len(counts)} from {articles} articles in {len(files)} files "
        f"({covered:.1%} of the tokens), {len(rows)} attribute rows; {out.stat().st_size} bytes in {time.perf_counter() - t:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
