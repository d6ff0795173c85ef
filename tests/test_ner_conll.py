"""Reading CoNLL files: bad lines are reported with the file and line number."""

from __future__ import annotations

import pytest

from rasd.errors import FileMissing, TrainingDataError
from rasd.ner.conll import read_conll, split_last, write_conll


def _write(tmp_path, text):
    p = tmp_path / "data.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_reads_sentences_and_line_numbers(tmp_path):
    p = _write(tmp_path, "زار O\nسليم B-PERS\nعمان B-LOC\n\n\nقال O\nأحمد B-PERS\n")
    sents = read_conll(p)
    assert [s.tokens for s in sents] == [("زار", "سليم", "عمان"), ("قال", "أحمد")]
    assert sents[0].tags == ("O", "B-PERS", "B-LOC")
    assert [s.line for s in sents] == [1, 6]


def test_the_tag_is_the_last_field(tmp_path):
    sents = read_conll(_write(tmp_path, "نيو يورك B-LOC\n"))
    assert sents[0].tokens == ("نيو يورك",)


@pytest.mark.parametrize(
    ("text", "line"),
    [("زار O\nسليم\n", 2), ("زار O\n\nسليم X-PERS\n", 3), ("زار O\nسليم B-\n", 2), ("\n\n", 1)],
)
def test_bad_line_names_file_and_line(tmp_path, text, line):
    p = _write(tmp_path, text)
    with pytest.raises(TrainingDataError) as err:
        read_conll(p)
    msg = str(err.value)
    assert msg.startswith("[E201]")
    assert str(p) in msg and f"line {line}" in msg


def test_missing_file(tmp_path):
    with pytest.raises(FileMissing):
        read_conll(tmp_path / "nope.txt")


def test_split_last_holds_out_the_end_and_round_trips(tmp_path):
    p = _write(tmp_path, "".join(f"كلمة{i} O\n\n" for i in range(10)))
    sents = read_conll(p)
    train, dev = split_last(sents, 0.2)
    assert len(train) == 8 and [s.tokens[0] for s in dev] == ["كلمة8", "كلمة9"]
    out = tmp_path / "dev.txt"
    write_conll(out, dev)
    assert [s.tokens for s in read_conll(out)] == [s.tokens for s in dev]
