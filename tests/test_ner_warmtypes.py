"""The table of frequent word types (`rasd.ner.warmtypes`): exact, checked at load, kept on reset."""

from __future__ import annotations

import logging

import numpy as np
import pycrfsuite
import pytest

from helpers import SHARED, assert_script_regenerates
from rasd.ner import warmtypes
from rasd.ner.tagger import DEFAULT_MODEL, CRFTagger, make_extractor
from rasd.ner.typetable import TypeTable

FORMS = ["في", "قال", "وزير", "الخارجية", "الرياض", "بيروت", "الأمم", "المتحدة", "،", ".", "2024", "«", "»", "رئيس", "شركة"]
SENTENCES = [
    "قال وزير الخارجية في الرياض إن الأمم المتحدة ستعقد اجتماعا في بيروت عام 2024 .",
    "« نرحب بالاتفاق » ، قال رئيس شركة النفط الوطنية في مؤتمر صحفي بالرياض .",
]


@pytest.fixture(scope="module")
def tagger():
    return CRFTagger()


def _table(tmp_path, tagger, forms=FORMS, model=DEFAULT_MODEL):
    stems, counts, rows = warmtypes.build(forms, tagger.crf, tagger.extractor)
    path = tmp_path / "t.types.npz"
    warmtypes.write(path, model, forms, stems, counts, rows)
    return path, stems, counts, rows


def test_the_shipped_table_is_used(tagger):
    assert warmtypes.table_path(DEFAULT_MODEL).exists()
    assert tagger.types.warm_types >= 10_000
    ids = tagger.types.lookup([["في", "وزير"]])[0]
    assert all(2 <= k < 2 + tagger.types.warm_types for k in ids)


def test_a_table_gives_what_describing_gives(tmp_path, tagger):
    path, _, _, _ = _table(tmp_path, tagger)
    warm = warmtypes.load(path, DEFAULT_MODEL, tagger.crf, tagger.extractor)
    assert warm is not None and warm.forms == FORMS
    cold = TypeTable(tagger.crf, tagger.extractor, warm=None)
    ids = cold.lookup([FORMS])[0]
    assert np.array_equal(cold.table[ids], warm.sums)  # bit for bit: the same rows summed the same way
    table = TypeTable(tagger.crf, tagger.extractor, warm=warm)
    wids = table.lookup([FORMS])[0]
    assert wids == list(range(2, 2 + len(FORMS)))
    assert [table.keys[k] for k in wids] == [cold.keys[k] for k in ids]
    assert [table.bigram[k] for k in wids] == [cold.bigram[k] for k in ids]
    assert [table.sides[k] for k in wids] == [cold.sides[k] for k in ids]


def test_labels_with_and_without_a_table_are_crfsuites(tmp_path, tagger):
    reference = pycrfsuite.Tagger()
    reference.open(str(DEFAULT_MODEL))
    extractor = make_extractor(tagger.meta["groups"])
    cases = [s.split() for s in SENTENCES]
    expected = [reference.tag(extractor.sentence(s)) for s in cases]
    path, _, _, _ = _table(tmp_path, tagger)
    for warm in (None, warmtypes.load(path, DEFAULT_MODEL, tagger.crf, tagger.extractor)):
        t = CRFTagger()
        t.types = TypeTable(t.crf, t.extractor, warm=warm)
        assert t.tag_many(cases) == expected


def test_a_table_for_another_model_is_refused(tmp_path, tagger, caplog):
    other = tmp_path / "other.crfsuite"
    other.write_bytes(DEFAULT_MODEL.read_bytes() + b"\0")
    path, _, _, _ = _table(tmp_path, tagger, model=other)
    with caplog.at_level(logging.WARNING, logger="rasd.ner"):
        assert warmtypes.load(path, DEFAULT_MODEL, tagger.crf, tagger.extractor) is None
    assert "made for another model" in caplog.text and "build_type_table.py" in caplog.text


def test_a_table_whose_rows_no_longer_fit_is_refused(tmp_path, tagger, caplog):
    _, stems, counts, rows = _table(tmp_path, tagger)
    rows = rows.copy()
    rows[0] = (rows[0] + 1) % len(tagger.crf.weights)  # as if the features had changed since
    path = tmp_path / "bad.types.npz"
    warmtypes.write(path, DEFAULT_MODEL, FORMS, stems, counts, rows)
    with caplog.at_level(logging.WARNING, logger="rasd.ner"):
        assert warmtypes.load(path, DEFAULT_MODEL, tagger.crf, tagger.extractor) is None
    assert "other features than when the table was made" in caplog.text


def test_an_unreadable_table_is_refused(tmp_path, tagger, caplog):
    path = tmp_path / "broken.types.npz"
    path.write_bytes(b"not a numpy archive")
    with caplog.at_level(logging.WARNING, logger="rasd.ner"):
        assert warmtypes.load(path, DEFAULT_MODEL, tagger.crf, tagger.extractor) is None
    assert "not a word-type table" in caplog.text
    assert warmtypes.load(tmp_path / "missing.types.npz", DEFAULT_MODEL, tagger.crf, tagger.extractor) is None


def test_starting_afresh_keeps_the_warm_types(tmp_path, tagger):
    path, _, _, _ = _table(tmp_path, tagger)
    warm = warmtypes.load(path, DEFAULT_MODEL, tagger.crf, tagger.extractor)
    table = TypeTable(tagger.crf, tagger.extractor, limit=5, warm=warm)
    table.lookup([[f"كلمة{i}" for i in range(8)]])  # 8 learnt types: past the limit
    assert len(table) == 2 + len(FORMS) + 8
    table.lookup([["كلمة"]])  # starts afresh first
    assert len(table) == 2 + len(FORMS) + 1
    assert table.lookup([FORMS])[0] == list(range(2, 2 + len(FORMS)))
    assert np.array_equal(table.table[2 : 2 + len(FORMS)], warm.sums)  # the warm rows survive
    again = table.lookup([[f"كلمة{i}" for i in range(3)]])[0]  # learnt anew, on the old rows
    fresh = TypeTable(tagger.crf, tagger.extractor, warm=None)
    assert np.array_equal(table.table[again], fresh.table[fresh.lookup([[f"كلمة{i}" for i in range(3)]])[0]])


ANT = SHARED / "data" / "ant-unlabeled"


@pytest.mark.shared
@pytest.mark.skipif(not ANT.is_dir(), reason="needs ../shared/data/ant-unlabeled")
def test_the_shipped_table_is_current(tmp_path):
    assert_script_regenerates("build_type_table.py", ANT, warmtypes.table_path(DEFAULT_MODEL), tmp_path / "t.types.npz")
