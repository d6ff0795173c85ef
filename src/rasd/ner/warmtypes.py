"""The frequent word types of Arabic news, described in advance for one NER model.

A word type the tagger has not seen costs about 70 µs to describe (its attribute strings) and sum
(`rasd.ner.typetable`), and the first articles of a corpus are mostly new types: 76 a document in
the first thousand SaudiNewsNet articles, 5 a document after thirty thousand. This file holds, for
the most frequent surface forms of unlabelled news, what describing them gives: the model rows of
each form's known attributes, per part (own, and what it gives the tokens ±1, ±2), and its stem.
The tagger starts from it, so the cold start costs one gather and sum at load time.

It is made for one model file (its SHA-256 is inside) by `scripts/build_type_table.py`, from the
word counts of a corpus, never its text. At load it is checked: the model's hash, and a sample of
its forms described again must give exactly the rows and sums stored; a table that fails is not
used (a warning says why) and the tagger describes every word itself, as without the file.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasd.ner.crf import LinearChainCRF
from rasd.ner.features import FeatureExtractor, TypeInfo
from rasd.ner.typetable import PARTS, TypeTable, sum_parts

__all__ = ["FORMAT", "WarmTypes", "build", "known_rows", "load", "model_sha256", "table_path", "write"]

FORMAT = "rasd.ner-types/1"
_SAMPLE = 64  # forms described again at load to check the file

log = logging.getLogger("rasd.ner")


def table_path(model: str | Path) -> Path:
    p = Path(model)
    return p.with_name(p.name.removesuffix(".crfsuite") + ".types.npz")


def model_sha256(model: str | Path) -> str:
    return hashlib.sha256(Path(model).read_bytes()).hexdigest()


def known_rows(info: TypeInfo, attributes: dict[str, int]) -> list[list[int]]:
    """The model rows of a type's known attributes, per part, in attribute order."""
    out = []
    for attrs in (info.own, info.m2, info.m1, info.p1, info.p2):
        out.append([r for r in map(attributes.get, attrs) if r is not None])
    return out


@dataclass(slots=True)
class WarmTypes:
    forms: list[str]
    stems: list[str]
    sums: np.ndarray  # (forms, PARTS, labels): the summed weight rows, as `TypeTable` keeps them

    def __len__(self) -> int:
        return len(self.forms)


def build(forms: Sequence[str], crf: LinearChainCRF, extractor: FeatureExtractor) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(stems, counts (forms, PARTS) int32, rows int32) of `forms` for this model."""
    stems, counts, rows = [], [], []
    for form in forms:
        info = extractor._describe(form)
        stems.append(info.keys[0])  # the stem (the word's key when it has no clitics)
        for part in known_rows(info, crf.attributes):
            counts.append(len(part))
            rows += part
    return stems, np.asarray(counts, dtype=np.int32).reshape(-1, PARTS), np.asarray(rows, dtype=np.int32)


def write(path: str | Path, model: str | Path, forms: Sequence[str], stems: Sequence[str], counts: np.ndarray, rows: np.ndarray) -> None:
    np.savez_compressed(
        path,
        format=np.array(FORMAT),
        model_sha256=np.array(model_sha256(model)),
        forms=np.array("\n".join(forms)),
        stems=np.array("\n".join(stems)),
        counts=counts,
        rows=rows,
    )


def load(path: str | Path, model: str | Path, crf: LinearChainCRF, extractor: FeatureExtractor) -> WarmTypes | None:
    """The table for this model, or None (with a warning) when it is missing or does not fit."""
    p = Path(path)
    if not p.exists():
        return None
    try:
        with np.load(p, allow_pickle=False) as data:
            fmt = str(data["format"])
            sha = str(data["model_sha256"])
            forms = str(data["forms"]).split("\n")
            stems = str(data["stems"]).split("\n")
            counts = data["counts"]
            rows = data["rows"]
    except (OSError, KeyError, ValueError) as exc:
        log.warning("%s: not a word-type table rasd can read (%s); tagging without it. Rebuild it with scripts/build_type_table.py.", p, exc)
        return None
    problem = None
    if fmt != FORMAT:
        problem = f"format {fmt!r}, expected {FORMAT!r}"
    elif sha != model_sha256(model):
        problem = f"made for another model (SHA-256 {sha[:12]}…)"
    elif not (len(forms) == len(stems) == len(counts)) or counts.shape[1:] != (PARTS,) or int(counts.sum()) != len(rows):
        problem = "its arrays do not agree in length"
    elif len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= len(crf.weights)):
        problem = "its rows are outside the model's weights"
    if problem is None:
        sums = sum_parts(np.vstack([crf.weights, np.zeros((1, crf.width))]), counts, rows)
        problem = _check_sample(forms, stems, sums, crf, extractor)
    if problem is not None:
        log.warning("%s: %s; tagging without it (slower on new words). Rebuild it with scripts/build_type_table.py.", p, problem)
        return None
    return WarmTypes(forms, stems, sums)


def _check_sample(forms: list[str], stems: list[str], sums: np.ndarray, crf: LinearChainCRF, extractor: FeatureExtractor) -> str | None:
    """Describe a spread of the forms again: the file must give the same stems and sums (the
    features, the gazetteers, the clusters or the lexicon may have changed since it was made)."""
    if not forms:
        return None
    picks = sorted(set(np.linspace(0, len(forms) - 1, min(_SAMPLE, len(forms))).astype(int).tolist()))
    fresh = TypeTable(crf, extractor, warm=None)
    ids = fresh.lookup([[forms[i] for i in picks]])[0]
    for i, k in zip(picks, ids, strict=True):
        stem = fresh.keys[k][0]
        if stem != stems[i]:
            return f"the form {forms[i]!r} now has the stem {stem!r}, not {stems[i]!r}"
        if not np.array_equal(fresh.table[k], sums[i]):
            return f"the form {forms[i]!r} now has other features than when the table was made"
    return None
