"""Reproduce the NER experiments that did not ship (model README, "Also tried"), on the dev part.

usage: python scripts/ner_experiments.py stack ANERCORP_TRAIN WORKDIR [--folds 4] [--window 10]
           [--full] [--c1 0.01] [--c2 0.01]
       python scripts/ner_experiments.py fine ANERCORP_TRAIN NEWSFANE_DIR WORKDIR
           [--sub Sports=ORG_SP --sub Media=ORG_ME --sub Group=GRP]
       python scripts/ner_experiments.py self ANERCORP_TRAIN ANT_DIR WORKDIR [--articles 2000]
           [--min-prob 0.9] [--sentences 2000]

The development part is the last 10% of ANERCORP_TRAIN (as `rasd train ner --dev-split 0.1`); the
first pass is a model trained on the other 90% with the shipped features (WORKDIR/first.crfsuite,
trained once and reused).

- `stack`: a second, document-level CRF (`rasd.ner.stacking`) trained on k-fold first-pass labels
  of the training part (contiguous folds); ANERcorp has no document boundaries, so a sentence's
  "document" is the `--window` sentences on either side of it. `--full` gives the second CRF the
  first pass's own features as well.
- `fine`: ANERcorp entities whose span NewsFANE tags with a listed fine class get a sub-label
  (`B-ORG_SP`), and untagged spans NewsFANE tags with a class listed with a label outside the four
  types get that label (`B-GRP`); the tagger is trained on them and its labels folded back.
- `self`: ANT news sentences (8-60 tokens) the first pass tags with sequence probability at least
  `--min-prob` and at least one entity are added, `--sentences` of them, to the training part.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

TYPES = ("PERS", "LOC", "ORG", "MISC")


def _print(name: str, rep) -> None:
    d = rep.to_dict()
    o = d["overall"]
    types = " ".join(f"{t} {100 * v['f1']:.2f}" for t, v in d["by_type"].items())
    print(f"{name}: P {100 * o['precision']:.2f} R {100 * o['recall']:.2f} F1 {100 * o['f1']:.2f} ({types})")


def _first_pass(train, work: Path) -> Path:
    from rasd.ner.train import fit

    path = work / "first.crfsuite"
    if not path.exists():
        fit(train, path)
    return path


def _stems(sentences) -> list[list[str]]:
    from rasd.ner.features import _is_arabic
    from rasd.text.clitics import segment
    from rasd.text.normalize import norm_key

    return [[segment(t)[1] if t and _is_arabic(t[0]) else norm_key(t) for t in s.tokens] for s in sentences]


def stack(args, train, dev) -> None:
    import pycrfsuite

    from rasd.ner.features import GROUPS
    from rasd.ner.scoring import score
    from rasd.ner.stacking import windowed_features
    from rasd.ner.tagger import CRFTagger, make_extractor
    from rasd.ner.train import fit

    work = args.workdir
    cv_file = work / f"cv{args.folds}.json"
    if cv_file.exists():
        cv = json.loads(cv_file.read_text(encoding="utf-8"))
    else:
        n = len(train)
        cuts = [round(n * i / args.folds) for i in range(args.folds + 1)]
        cv = []
        for f in range(args.folds):
            a, b = cuts[f], cuts[f + 1]
            path = fit(train[:a] + train[b:], work / f"cv{args.folds}-{f}.crfsuite")
            cv += CRFTagger(path).tag_many([s.tokens for s in train[a:b]])
            print(f"fold {f + 1}/{args.folds} tagged", file=sys.stderr)
        cv_file.write_text(json.dumps(cv), encoding="utf-8")
    extractor = make_extractor(GROUPS) if args.full else None

    def feats(sentences, labels):
        stacked = windowed_features(_stems(sentences), labels, args.window)
        if extractor is None:
            return stacked
        return [
            [own + ["k:" + x for x in k] for own, k in zip(extractor.sentence(s.tokens), st, strict=True)]
            for s, st in zip(sentences, stacked, strict=True)
        ]

    trainer = pycrfsuite.Trainer(verbose=False)
    for s, x in zip(train, feats(train, cv), strict=True):
        trainer.append(x, list(s.tags))
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": 200, "feature.possible_transitions": True})
    second = work / f"second-w{args.window}{'-full' if args.full else ''}.crfsuite"
    trainer.train(str(second))
    first = CRFTagger(_first_pass(train, work)).tag_many([s.tokens for s in dev])
    tagger = pycrfsuite.Tagger()
    tagger.open(str(second))
    gold = [s.tags for s in dev]
    _print("first pass", score(gold, first))
    _print(f"second pass (window {args.window}{', full' if args.full else ''})", score(gold, [tagger.tag(x) for x in feats(dev, first)]))


def fine(args, train, dev) -> None:
    from rasd.ner.conll import Sentence
    from rasd.ner.newsfane import letters_key, lexicon_count, read_fane, rejoin
    from rasd.ner.scoring import chunks, score
    from rasd.ner.tagger import CRFTagger
    from rasd.ner.train import fit

    sub = dict(item.split("=", 1) for item in args.sub)
    count = lexicon_count()
    by_key = {}
    for i, s in enumerate(train):
        by_key.setdefault(letters_key(s.tokens), i)
    fine_spans: dict[int, dict[tuple[int, int], str]] = {}
    for s in read_fane(args.newsfane_dir / "newsfane.txt"):
        tokens, tags = rejoin(s.tokens, s.tags, count)
        i = by_key.get(letters_key(tokens))
        if i is not None and len(tokens) == len(train[i].tokens):
            fine_spans[i] = {(a, b): t for t, a, b in chunks(tags)}
    relabelled, out = 0, []
    for i, s in enumerate(train):
        tags = list(s.tags)
        spans = fine_spans.get(i, {})
        gold = {(a, b): t for t, a, b in chunks(s.tags)}
        for (a, b), cls in spans.items():
            label = sub.get(cls)
            if label is None:
                continue
            if gold.get((a, b)) == label.split("_")[0] or (
                label.split("_")[0] not in TYPES and all(t == "O" for t in tags[a:b])
            ):
                tags[a : b] = ["B-" + label] + ["I-" + label] * (b - a - 1)
                relabelled += 1
        out.append(Sentence(s.tokens, tuple(tags), s.line))
    print(f"{len(fine_spans)} sentences aligned, {relabelled} spans relabelled", file=sys.stderr)
    path = fit(out, args.workdir / "fine.crfsuite")

    def fold(label: str) -> str:
        t = label[2:].split("_")[0]
        return label[:2] + t if label != "O" and t in TYPES else "O"

    pred = [[fold(y) for y in p] for p in CRFTagger(path).tag_many([s.tokens for s in dev])]
    _print("fine sub-labels", score([s.tags for s in dev], pred))


def self_train(args, train, dev) -> None:
    import pycrfsuite

    from rasd.ner.conll import Sentence
    from rasd.ner.features import GROUPS
    from rasd.ner.tagger import make_extractor
    from rasd.ner.train import evaluate_sentences, fit
    from rasd.text.sentences import split_sentences
    from rasd.text.tokenize import tokenize

    extractor = make_extractor(GROUPS)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(_first_pass(train, args.workdir)))
    found = []
    with gzip.open(args.ant_dir / "multisource.jsonl.gz", "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= args.articles:
                break
            text = json.loads(line)["text"]
            tokens = tokenize(text)
            for span in split_sentences(text, tokens):
                forms = [text[t.start : t.end] for t in tokens if t.start >= span.start and t.end <= span.end]
                if not 8 <= len(forms) <= 60:
                    continue
                tagger.set(extractor.sentence(forms))
                labels = tagger.tag()
                if any(y != "O" for y in labels) and tagger.probability(labels) >= args.min_prob:
                    found.append(Sentence(tuple(forms), tuple(labels)))
    random.Random(1).shuffle(found)
    print(f"{len(found)} confident sentences, {min(len(found), args.sentences)} added", file=sys.stderr)
    path = fit(train + found[: args.sentences], args.workdir / "self.crfsuite")
    rep, _ = evaluate_sentences(path, dev)
    _print("self-training", rep)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    s = sub.add_parser("stack")
    s.add_argument("anercorp_train", type=Path)
    s.add_argument("workdir", type=Path)
    s.add_argument("--folds", type=int, default=4)
    s.add_argument("--window", type=int, default=10)
    s.add_argument("--full", action="store_true")
    s.add_argument("--c1", type=float, default=0.01)
    s.add_argument("--c2", type=float, default=0.01)
    f = sub.add_parser("fine")
    f.add_argument("anercorp_train", type=Path)
    f.add_argument("newsfane_dir", type=Path)
    f.add_argument("workdir", type=Path)
    f.add_argument("--sub", action="append", default=None, metavar="CLASS=LABEL")
    t = sub.add_parser("self")
    t.add_argument("anercorp_train", type=Path)
    t.add_argument("ant_dir", type=Path)
    t.add_argument("workdir", type=Path)
    t.add_argument("--articles", type=int, default=2000)
    t.add_argument("--min-prob", type=float, default=0.9)
    t.add_argument("--sentences", type=int, default=2000)
    args = ap.parse_args(argv)
    if args.what == "fine" and args.sub is None:
        args.sub = ["Sports=ORG_SP", "Media=ORG_ME", "Group=GRP"]

    from rasd.ner.conll import read_conll, split_last

    train, dev = split_last(read_conll(args.anercorp_train), 0.1)
    args.workdir.mkdir(parents=True, exist_ok=True)
    {"stack": stack, "fine": fine, "self": self_train}[args.what](args, train, dev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
