"""The numpy decoder of `rasd.ner.crf` gives crfsuite's own labels, with either Viterbi pass."""

from __future__ import annotations

import random

import numpy as np
import pycrfsuite
import pytest

from rasd.ner import crf as crf_module
from rasd.ner.crf import LinearChainCRF
from rasd.ner.tagger import DEFAULT_MODEL, CRFTagger, make_extractor

SENTENCES = [
    "قال وزير الخارجية الأردني سمير حداد في عمّان إن المحادثات مع الاتحاد الأوروبي كانت مثمرة .",
    "واستقبل رئيس مجلس الوزراء اللبناني وفدا من البنك الدولي برئاسة ليلى مراد في بيروت أمس الأحد .",
    "أعلنت شركة أرامكو السعودية عن أرباح بلغت 30 مليار دولار خلال الربع الأول من عام 2024 .",
    "« نحن ملتزمون بالاتفاق » ، هكذا صرّح المتحدث باسم الأمم المتحدة ستيفان دوجاريك للصحفيين في نيويورك .",
    "وشارك في المؤتمر ممثلون عن جامعة الدول العربية ومنظمة التعاون الإسلامي والاتحاد الإفريقي .",
    "التقى الملك عبدالله الثاني بالرئيس الفرنسي في قصر الإليزيه بباريس لبحث الأوضاع في غزة وسوريا .",
    "Reuters وكالة نقلت عن مصدر أمني في طرابلس أن الهجوم أسفر عن مقتل 12 شخصا وإصابة 20 آخرين .",
]


@pytest.fixture(scope="module")
def both():
    tagger = CRFTagger()
    reference = pycrfsuite.Tagger()
    reference.open(str(DEFAULT_MODEL))
    extractor = make_extractor(tagger.meta["groups"])
    return tagger, reference, extractor


def _cases() -> list[list[str]]:
    """The sentences above, and shuffled mixtures of their words (one to 120 tokens)."""
    words = [w for s in SENTENCES for w in s.split()]
    rng = random.Random(11)
    out = [s.split() for s in SENTENCES]
    for n in (1, 2, 3, 7, 25, 60, 120):
        for _ in range(4):
            out.append([rng.choice(words) for _ in range(n)])
    return out


def test_same_labels_as_crfsuite(both):
    tagger, reference, extractor = both
    cases = _cases()
    expected = [reference.tag(extractor.sentence(s)) for s in cases]
    # one sentence at a time, and all of them as one document (decoded together)
    assert [tagger.tag(s) for s in cases] == expected
    assert tagger.tag_many(cases) == expected
    assert tagger.tag_many(cases) == expected  # again, with every word type cached


def test_some_names_are_found(both):
    """Not a model-quality test: the decoder must not return all-O for plain, name-rich text."""
    tagger, _, _ = both
    labels = [label for s in SENTENCES for label in tagger.tag(s.split())]
    assert {"B-PERS", "B-LOC", "B-ORG"} <= set(labels)


def test_empty_input(both):
    tagger, _, _ = both
    assert tagger.tag([]) == []
    assert tagger.tag_many([]) == []
    assert tagger.tag_many([[], ["بيروت"], []])[0] == []


def test_matches_are_handed_on(both):
    """The gazetteer and trigger matches the features used come back with the labels."""
    tagger, _, _ = both
    (tagged,) = tagger.tag_sentences([SENTENCES[0].split()])
    assert len(tagged.keys) == len(SENTENCES[0].split())
    assert tagged.triggers  # «وزير»
    assert tagged.gazetteer  # «عمّان», «الاتحاد الأوروبي»


def test_numpy_and_compiled_viterbi_agree(both):
    tagger, _, _ = both
    model: LinearChainCRF = tagger.crf
    rng = np.random.default_rng(3)
    emissions = [rng.normal(scale=4.0, size=(n, model.width)) for n in (0, 1, 2, 9, 33, 80, 5)]
    by_numpy = model._viterbi_numpy(emissions)
    assert [len(p) for p in by_numpy] == [len(e) for e in emissions]
    if crf_module._hmmc is None:
        pytest.skip("hmmlearn is not installed: only the numpy decoder runs")
    assert model._compiled
    assert model._viterbi_compiled(emissions) == by_numpy


def test_brute_force_on_short_sentences(both):
    """The numpy Viterbi pass against every label sequence of short random sentences."""
    import itertools

    tagger, _, _ = both
    model: LinearChainCRF = tagger.crf
    rng = np.random.default_rng(5)
    for n in (1, 2, 3):
        e = rng.normal(scale=2.0, size=(n, model.width))
        best = max(
            itertools.product(range(model.width), repeat=n),
            key=lambda ys: sum(e[t, y] for t, y in enumerate(ys))
            + sum(model.transitions[a, b] for a, b in itertools.pairwise(ys)),
        )
        assert model._viterbi_numpy([e]) == [[model.labels[y] for y in best]]
