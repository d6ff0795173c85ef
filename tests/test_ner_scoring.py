"""Entity-level exact-match scoring with seqeval's default semantics."""

from __future__ import annotations

import pytest

from rasd.ner.scoring import chunks, score


def test_chunks_iob2():
    assert chunks(["B-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-LOC"]) == [
        ("PERS", 0, 2),
        ("LOC", 3, 4),
        ("LOC", 4, 6),
    ]


def test_stray_i_starts_a_chunk_as_seqeval_does():
    assert chunks(["O", "I-ORG", "I-ORG", "O"]) == [("ORG", 1, 3)]
    # a change of type inside I- tags closes one chunk and starts another
    assert chunks(["B-PERS", "I-LOC", "I-LOC"]) == [("PERS", 0, 1), ("LOC", 1, 3)]
    assert chunks(["I-MISC"]) == [("MISC", 0, 1)]


def test_exact_match_micro_and_per_type():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-LOC"]]
    rep = score(gold, pred)
    # PERS boundary wrong (1 fp, 1 fn), LOC right, ORG right, one spurious LOC
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (2, 2, 1)
    assert rep.overall.precision == pytest.approx(0.5)
    assert rep.overall.recall == pytest.approx(2 / 3)
    assert rep.overall.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert rep.by_type["PERS"].f1 == 0.0
    assert rep.by_type["LOC"].precision == pytest.approx(0.5) and rep.by_type["LOC"].recall == 1.0
    assert rep.by_type["ORG"].f1 == 1.0
    assert "micro" in rep.format()


def test_stray_i_in_prediction_matches_gold_b():
    rep = score([["B-LOC", "I-LOC"]], [["I-LOC", "I-LOC"]])
    assert rep.overall.f1 == 1.0


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        score([["O"]], [["O", "O"]])
