"""scripts/ner_vectors.py: the word-vector attributes it gives the CRF in each mode."""

from __future__ import annotations

import argparse
import importlib.util

import numpy as np
import pytest

from helpers import ROOT
from rasd.ner.clusters import load_clusters


def _script():
    spec = importlib.util.spec_from_file_location("ner_vectors", ROOT / "scripts" / "ner_vectors.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _vectors(n: int, dims: int = 6) -> np.ndarray:
    v = np.random.default_rng(3).normal(size=(n, dims)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_dense_attributes_are_scaled_principal_components():
    words = [f"كلمة{i}" for i in range(50)]
    args = argparse.Namespace(mode="dense", dims=3, scale=0.5)
    attrs = _script().word_attributes(args, words, _vectors(50))
    assert set(attrs) == set(words)
    assert all(sorted(a) == ["v0", "v1", "v2"] for a in attrs.values())
    values = np.array([[a[f"v{i}"] for i in range(3)] for a in attrs.values()])
    assert values.std() == pytest.approx(0.5, abs=1e-3)
    # the first axis carries the most variance
    assert values[:, 0].var() >= values[:, 2].var()


def test_binary_attributes_mark_only_the_extremes():
    words = ["أ", "ب", "ت", "ث"]
    vecs = np.array([[0.9, -0.1], [0.1, -0.9], [-0.5, 0.5], [-0.1, 0.1]], dtype=np.float32)
    attrs = _script().word_attributes(argparse.Namespace(mode="binary"), words, vecs)
    # dimension 0: mean of the positives 0.5, of the negatives -0.3
    assert attrs["أ"] == {"b0+": 1.0}
    assert attrs["ب"] == {"b1-": 1.0}
    assert attrs["ت"] == {"b0-": 1.0, "b1+": 1.0}
    assert attrs["ث"] == {}


def test_finer_clusters_nest_inside_the_shipped_ones():
    shipped = load_clusters()
    words = list(shipped)[:200]
    attrs = _script().word_attributes(argparse.Namespace(mode="finer", split=2), words, _vectors(200))
    assert set(attrs) == set(words)
    for w, a in attrs.items():
        (name,) = a
        c1k, sub = name.removeprefix("cf=").split(".")
        assert c1k == shipped[w][2]
        assert sub in {"0", "1"}
