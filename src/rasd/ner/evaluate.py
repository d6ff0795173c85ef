"""Scoring a model on a CoNLL file, and writing `token gold predicted` lines for independent checks."""

from __future__ import annotations

from pathlib import Path

from rasd.ner.conll import read_conll
from rasd.ner.scoring import Report
from rasd.ner.tagger import DEFAULT_MODEL
from rasd.ner.train import evaluate_sentences


def evaluate_file(
    path: str | Path, model: str | Path = DEFAULT_MODEL, predictions: str | Path | None = None
) -> Report:
    """Entity-level exact-match P/R/F1 of `model` on the CoNLL file `path` (seqeval semantics)."""
    sentences = read_conll(path)
    report, pred = evaluate_sentences(model, sentences)
    if predictions is not None:
        with Path(predictions).open("w", encoding="utf-8") as fh:
            for s, p in zip(sentences, pred, strict=True):
                for tok, gold, tag in zip(s.tokens, s.tags, p, strict=True):
                    fh.write(f"{tok} {gold} {tag}\n")
                fh.write("\n")
    return report
