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
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from rasd.ner import warmtypes
from rasd.ner.tagger import DEFAULT_MODEL, CRFTagger
from rasd.text.tokenize import TOKEN_RE


def count_forms(files: list[Path]) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    articles = 0
    for path in files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}, line {lineno}: not valid JSON ({exc}). Fix or remove the line.") from exc
                articles += 1
                for field in ("title", "text"):
                    counts.update(m.group() for m in TOKEN_RE.finditer(rec.get(field) or ""))
    return counts, articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path, help="folder with the corpus *.jsonl.gz files")
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL, help=f"the crfsuite model (default {DEFAULT_MODEL})")
    ap.add_argument("--types", type=int, default=50_000, help="how many of the most frequent forms (default 50000)")
    ap.add_argument("--out", type=Path, help="output file (default: next to the model, NAME.types.npz)")
    args = ap.parse_args(argv)
    files = sorted([*args.data_dir.glob("*.jsonl.gz"), *args.data_dir.glob("*.jsonl")]) if args.data_dir.is_dir() else []
    if not files:
        print(f"{args.data_dir}: no *.jsonl.gz or *.jsonl files (pass the folder holding the corpus).", file=sys.stderr)
        return 2
    out = args.out or warmtypes.table_path(args.model)
    out.unlink(missing_ok=True)  # the tagger below must describe every form itself, not read the old table
    t = time.perf_counter()
    counts, articles = count_forms(files)
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
