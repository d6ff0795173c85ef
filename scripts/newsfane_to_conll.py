"""Convert NewsFANE Gold to ANERcorp's classes and tokenisation, without the development part.

usage: python scripts/newsfane_to_conll.py NEWSFANE_DIR ANERCORP_TRAIN OUT [--dev-split 0.1]
           [--keep new|all] [--share 0.5] [--dev-share 0.3] [--map CLASS=TYPE ...]
       python scripts/newsfane_to_conll.py NEWSFANE_DIR ANERCORP_TRAIN --agreement

Reads NEWSFANE_DIR/newsfane.txt, maps its fine classes to PERS/LOC/ORG/MISC (`rasd.ner.newsfane`;
`--map Group=MISC` or `--map Book=O` overrides one class), attaches its split clitics again, and
matches every sentence against ANERcorp's training file: a sentence at least `--share` (0.5) of
whose letter 8-grams ANERcorp's sentences have is a copy. A sentence that shares `--dev-share`
(0.3) of its 8-grams with the development part (the last `--dev-split` of ANERcorp, as
`rasd train ner --dev-split` cuts it) is always dropped; with `--keep new` (the default) the copies of training sentences are dropped too,
so OUT holds only the text ANERcorp does not have. OUT is a CoNLL file for `rasd train ner`;
the counts go to stderr. The data stays where it is: nothing of it is written elsewhere.

`--agreement` prints instead, for each fine class, how ANERcorp tags the same tokens in the
sentences both corpora have (training part only): the evidence for `FINE_TO_COARSE`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rasd.errors import RasdError
from rasd.ner.conll import read_conll, split_last, write_conll
from rasd.ner.newsfane import (
    COARSE,
    FINE_TO_COARSE,
    OverlapIndex,
    class_agreement,
    convert,
    lexicon_count,
    read_fane,
)


def parse_map(items: list[str]) -> dict[str, str | None]:
    mapping = dict(FINE_TO_COARSE)
    for item in items:
        fine, sep, coarse = item.partition("=")
        if not sep or fine not in FINE_TO_COARSE or coarse not in (*COARSE, "O"):
            raise SystemExit(
                f"error: --map {item!r}: expected FINE=TYPE with FINE a NewsFANE class and TYPE one of "
                f"{', '.join(COARSE)}, O"
            )
        mapping[fine] = None if coarse == "O" else coarse
    return mapping


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("newsfane_dir", type=Path)
    ap.add_argument("anercorp_train", type=Path)
    ap.add_argument("out", type=Path, nargs="?")
    ap.add_argument("--agreement", action="store_true")
    ap.add_argument("--dev-split", type=float, default=0.1)
    ap.add_argument("--keep", choices=("new", "all"), default="new")
    ap.add_argument("--share", type=float, default=0.5)
    ap.add_argument("--dev-share", type=float, default=0.3)
    ap.add_argument("--map", action="append", default=[], metavar="CLASS=TYPE")
    args = ap.parse_args(argv)
    mapping = parse_map(args.map)
    try:
        fane = read_fane(args.newsfane_dir / "newsfane.txt")
        anercorp = read_conll(args.anercorp_train)
    except RasdError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    train, dev = split_last(anercorp, args.dev_split)
    if args.agreement:
        table = class_agreement(fane, train, lexicon_count())
        for fine, c in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
            total = sum(c.values())
            shares = " ".join(f"{t}:{100 * n / total:.0f}%" for t, n in c.most_common(4))
            print(f"{fine}\t{total}\t{shares}\t-> {FINE_TO_COARSE.get(fine) or 'O'}")
        return 0
    if args.out is None:
        ap.error("give OUT (or --agreement)")
    index = OverlapIndex([s.tokens for s in anercorp])
    converted = convert(fane, index, len(train), count=lexicon_count(), mapping=mapping)
    kept, n_dev, n_train = [], 0, 0
    for c in converted:
        if c.held_share >= args.dev_share:
            n_dev += 1
        elif c.share >= args.share:
            n_train += 1
            if args.keep == "all":
                kept.append(c.sentence)
        else:
            kept.append(c.sentence)
    write_conll(args.out, kept)
    tokens = sum(len(s.tokens) for s in kept)
    print(
        f"{len(fane)} NewsFANE sentences: {n_dev} copies of development sentences dropped, "
        f"{n_train} copies of training sentences {'kept' if args.keep == 'all' else 'dropped'}, "
        f"{len(kept)} sentences ({tokens} tokens) written to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
