"""scripts/ner_neural.py: its batches, and its numpy forward pass against torch's (skipped without torch)."""

from __future__ import annotations

import argparse
import importlib.util
import random

import numpy as np
import pytest

from helpers import ROOT
from rasd.ner.conll import Sentence


def _script():
    spec = importlib.util.spec_from_file_location("ner_neural", ROOT / "scripts" / "ner_neural.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


TRAIN = [
    Sentence(
        tokens=("قال", "وزير", "الخارجية", "أحمد", "سالم", "في", "القاهرة", "أمس", "."),
        tags=("O", "O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "O"),
    ),
    Sentence(
        tokens=("وصل", "أحمد", "إلى", "القاهرة", "."),
        tags=("O", "B-PERS", "O", "B-LOC", "O"),
    ),
    Sentence(
        tokens=("أعلنت", "شركة", "النور", "للطيران", "عن", "رحلات", "جديدة", "إلى", "دبي", "."),
        tags=("O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "B-LOC", "O"),
    ),
    Sentence(tokens=("وقال", "سالم", "إن", "الرحلات", "جديدة", "."), tags=("O", "B-PERS", "O", "O", "O", "O")),
]


def test_batches_hold_every_sentence_once():
    mod = _script()
    encoded = [{"words": [0] * n} for n in random.Random(5).choices(range(1, 80), k=203)]
    got = mod.batches(encoded, 16, random.Random(1))
    assert sorted(i for b in got for i in b) == list(range(203))
    assert all(1 <= len(b) <= 16 for b in got)
    assert got == mod.batches(encoded, 16, random.Random(1))  # the seed fixes the order
    # sentences of similar length share a batch: far less padding than in file order
    pad = sum(max(len(encoded[i]["words"]) for i in b) * len(b) for b in got)
    plain = sum(max(len(e["words"]) for e in encoded[k : k + 16]) * len(encoded[k : k + 16]) for k in range(0, 203, 16))
    assert pad < 0.7 * plain


@pytest.mark.parametrize("sparse", [0, 4])
def test_numpy_forward_equals_torch(tmp_path, sparse):
    torch = pytest.importorskip("torch")
    mod = _script()
    words = ["قال", "وزير", "خارجية", "أحمد", "قاهرة", "وصل"]
    vectors = np.random.default_rng(2).normal(size=(len(words), 6)).astype(np.float32)
    np.savez(tmp_path / "vec.npz", words=np.array(words), vectors=vectors)
    args = argparse.Namespace(
        vectors=tmp_path / "vec.npz",
        freeze_words=False,
        chars=5,
        sparse=sparse,
        sparse_groups="res",
        encoder="cnn",
        hidden=7,
        crf=1,
        seed=1,
    )
    inputs = mod.Inputs(args, TRAIN)
    torch.manual_seed(3)
    model = mod.build_model(args, inputs)
    for p in model.parameters():  # weights away from their initial zeros and small values
        p.data.normal_(0, 0.5)
    model.wemb.weight.data[0] = 0  # the padding rows, which training never moves
    model.cemb.weight.data[0] = 0
    sentences = [
        ("وصل", "وزير", "الخارجية", "إلى", "القاهرة", "أمس", "."),
        ("قال", "سالم", "."),
        ("أعلنت", "شركة", "جديدة", "عن", "رحلات", "إلى", "دبي", "والقاهرة", "."),
    ]
    encoded = [inputs.encode(s) for s in sentences]
    batched = mod.emissions(model, inputs, encoded, batch_size=3)  # padded to the longest
    net = mod.NumpyCNN(model, inputs)
    for enc, em in zip(encoded, batched, strict=True):
        assert em.shape == (len(enc["words"]), len(inputs.labels))
        np.testing.assert_allclose(net.emissions(enc), em, atol=1e-4)
        alone = mod.emissions(model, inputs, [enc])[0]  # no padding at all
        np.testing.assert_allclose(alone, em, atol=1e-4)
