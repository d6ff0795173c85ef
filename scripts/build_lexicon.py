"""Build rasd's Arabic word-frequency lexicon (src/rasd/data/lexicon/ar_words.tsv.gz).

Reads every `*.jsonl.gz` (or `*.jsonl`) file in DATA_DIR (one JSON article a line with `title` and
`text`; the ANT corpus as shipped in ../shared/data/ant-unlabeled), tokenises titles and bodies with
rasd's tokeniser, counts the `norm_lex` key of every Arabic word, and writes `key<TAB>count` lines,
most frequent first (ties in key order), keeping words seen at least MIN_COUNT times, at most
--max-words of them. Only counts are written, never text.

    python scripts/build_lexicon.py ../shared/data/ant-unlabeled
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

from rasd.errors import ModelError
from rasd.ner.clusters import corpus_files, iter_articles
from rasd.text.normalize import norm_lex
from rasd.text.tokenize import TOKEN_RE

OUT = Path(__file__).resolve().parents[1] / "src" / "rasd" / "data" / "lexicon" / "ar_words.tsv.gz"


def count_words(source: Path) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    articles = 0
    for text in iter_articles(source):
        articles += 1
        counts.update(m.group() for m in TOKEN_RE.finditer(text) if m.lastgroup == "WORD")
    keyed: Counter[str] = Counter()
    for surface, c in counts.items():
        keyed[norm_lex(surface)] += c
    return keyed, articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path, help="folder with the corpus *.jsonl.gz files")
    ap.add_argument("--min-count", type=int, default=3, help="drop words seen fewer times (default 3)")
    ap.add_argument("--max-words", type=int, default=150_000, help="keep at most this many (default 150000)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    args = ap.parse_args(argv)
    if not args.data_dir.is_dir():
        print(
            f"{args.data_dir}: not a folder. Pass the folder holding the corpus *.jsonl.gz files.",
            file=sys.stderr,
        )
        return 2
    try:
        files = corpus_files(args.data_dir)
        counts, articles = count_words(args.data_dir)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = sorted(
        ((w, c) for w, c in counts.items() if c >= args.min_count and w), key=lambda wc: (-wc[1], wc[0])
    )
    rows = rows[: args.max_words]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = "".join(f"{w}\t{c}\n" for w, c in rows).encode("utf-8")
    # mtime=0 keeps the file byte-identical from run to run.
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(payload)
    print(
        f"{args.out}: {len(rows)} words from {articles} articles in {len(files)} files "
        f"({sum(counts.values())} word tokens, {len(counts)} distinct keys); {args.out.stat().st_size} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
