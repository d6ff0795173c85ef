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
import json
import sys
from collections import Counter
from pathlib import Path

from rasd.text.normalize import norm_lex
from rasd.text.tokenize import TOKEN_RE

OUT = Path(__file__).resolve().parents[1] / "src" / "rasd" / "data" / "lexicon" / "ar_words.tsv.gz"


def count_words(files: list[Path]) -> tuple[Counter[str], int]:
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
                    raise SystemExit(
                        f"{path}, line {lineno}: not valid JSON ({exc}). Fix or remove the line."
                    ) from exc
                articles += 1
                for field in ("title", "text"):
                    value = rec.get(field) or ""
                    counts.update(m.group() for m in TOKEN_RE.finditer(value) if m.lastgroup == "WORD")
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
    files = sorted([*args.data_dir.glob("*.jsonl.gz"), *args.data_dir.glob("*.jsonl")])
    if not files:
        print(f"{args.data_dir}: no *.jsonl.gz or *.jsonl files in it.", file=sys.stderr)
        return 2
    counts, articles = count_words(files)
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
