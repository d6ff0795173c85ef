"""rasd.text.clitics: proclitic segmentation by word frequency, and the lexicon."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import assert_script_regenerates
from rasd.text import clitics
from rasd.text.clitics import LEXICON_PATH, lexicon, segment, word_count
from rasd.text.normalize import norm_key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ANT = SHARED / "data" / "ant-unlabeled"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ببروكسيل", (1, "بروكسيل")),
        ("للتحالف", (1, "التحالف")),
        ("بالعراق", (1, "العراق")),
        ("والتحالف", (1, "التحالف")),
        ("وبالعراق", (2, "العراق")),
        ("كالعادة", (1, "العاده")),
        ("بالتعاون", (1, "التعاون")),
        ("وبريطانيا", (1, "بريطانيا")),
        ("لبريطانيا", (1, "بريطانيا")),
        ("ولبنان", (1, "لبنان")),
        ("للبنان", (1, "لبنان")),
        ("وواشنطن", (1, "واشنطن")),
        ("بلندن", (1, "لندن")),
        ("لله", (1, "الله")),
        ("لليل", (1, "الليل")),
        ("للمساعدة", (1, "المساعده")),
        ("بالإضافة", (1, "الاضافه")),
        ("وليس", (1, "ليس")),
        ("وقال", (1, "قال")),
        ("وأضاف", (1, "اضاف")),
        ("سيكون", (1, "يكون")),
    ],
)
def test_splits(word, expected):
    assert segment(word) == expected


@pytest.mark.parametrize(
    "word",
    "بريطانيا بولتون لبنان فرنسا كندا وارسو باريس واشنطن فلسطين كوريا بكين فيينا ليبيا بغداد بيروت "
    "وزارة وزير بيان لندن فيصل كمال وليد بلال والده سيارة كما فكرة وحدة بلدية والتر".split(),
)
def test_whole_words_stay_whole(word):
    assert segment(word) == (0, norm_key(word))


def test_unseen_word_after_clitic_and_article_splits():
    # an invented plural: unknown to the lexicon, but و + ال… is a strong sign
    assert segment("والتنسيقيات") == (1, "التنسيقيات")


def test_diacritics_and_tatweel_belong_to_the_clitic():
    assert segment("وَالتحالف") == (2, "التحالف")
    assert segment("بـالعراق") == (2, "العراق")
    assert segment("وَبِالعراقِ") == (4, "العراق")


def test_short_and_non_clitic_words():
    assert segment("ولم") == (0, "ولم")
    assert segment("الوزير") == (0, "الوزير")
    assert segment("") == (0, "")
    assert segment("Paris") == (0, "Paris")


def test_word_count_from_lexicon():
    assert word_count("في") > word_count("وزير") > word_count("بروكسيل") > 0
    assert word_count("كلمةغيرموجودةاصلا") == 0
    # ة is folded into ه by norm_key; both spellings are counted
    assert word_count(norm_key("وزارة")) == word_count("وزارة") > 0


def test_lexicon_file_is_small_and_sorted():
    assert LEXICON_PATH.stat().st_size < 3_000_000
    with gzip.open(LEXICON_PATH, "rt", encoding="utf-8") as fh:
        counts = [int(line.rsplit("\t", 1)[1]) for line in fh]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 3


def test_lexicon_loads_lazily_and_once():
    import subprocess
    import sys

    code = (
        "import sys, rasd.text, rasd.text.tokenize, rasd.text.stage\n"
        "from rasd.text.clitics import lexicon\n"
        "assert lexicon.cache_info().currsize == 0, 'lexicon loaded at import time'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert len(lexicon()) > 50_000
    assert lexicon() is lexicon()


def test_missing_lexicon_says_how_to_fix(monkeypatch, tmp_path):
    from rasd.errors import ModelError

    monkeypatch.setattr(clitics, "LEXICON_PATH", tmp_path / "absent.tsv.gz")
    lexicon.cache_clear()
    try:
        with pytest.raises(ModelError, match="build_lexicon.py"):
            lexicon()
    finally:
        lexicon.cache_clear()


@given(st.text(alphabet=st.sampled_from(list("وفبلكسالتعرقيننةىأـَُِّ")), max_size=12))
def test_segment_bounds(word):
    n, stem = segment(word)
    assert 0 <= n <= len(word)
    if n:
        assert stem and len(stem) >= 3
    else:
        assert stem == norm_key(word)


@pytest.mark.shared
@pytest.mark.skipif(not ANT.is_dir(), reason="needs ../shared/data/ant-unlabeled")
def test_committed_lexicon_is_current(tmp_path):
    assert_script_regenerates("build_lexicon.py", ANT, LEXICON_PATH, tmp_path / "ar_words.tsv.gz")
