"""The second, document-level pass: features from the first pass's labels across a document.

A first-pass CRF tags each sentence on its own; a name it finds once with confidence («برشلونة»
after «نادي») is often missed where the same word stands alone. The second pass is a small CRF whose
features are the first pass's labels: the token's own and its neighbours', and for the word's stem
the entity types the first pass gave its other occurrences in the same document (or, for a corpus
without document boundaries, in a window of neighbouring sentences). It is trained on first-pass
labels of sentences the first pass did not see (k-fold cross-validation), so that it learns how far
to trust them.

The shipped tagger does not use it: on ANERcorp's development part it did not beat the first pass
(model README, "measured, not shipped"); `scripts/ner_experiments.py stack` reproduces the figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

_TYPES_CAP = 3  # occurrence counts are bucketed 1, 2, 3+


def occurrence_counts(stems: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]) -> dict[str, Counter]:
    """stem → Counter of the first-pass entity types of its occurrences ('O' for none)."""
    out: dict[str, Counter] = {}
    for ss, ls in zip(stems, labels, strict=True):
        for stem, lab in zip(ss, ls, strict=True):
            out.setdefault(stem, Counter())[lab[2:] if lab != "O" else "O"] += 1
    return out


def _doc(counts: dict[str, Counter], stem: str, own: str) -> list[str]:
    c = counts.get(stem)
    if c is None:
        return ["d=none"]
    own_t = own[2:] if own != "O" else "O"
    feats = []
    total = 0
    best, best_n = "", 0
    for t, n in c.items():
        n -= t == own_t  # the token's own occurrence does not count
        if n <= 0:
            continue
        total += n
        feats.append(f"d:{t}={min(n, _TYPES_CAP)}")
        if t != "O" and n > best_n:
            best, best_n = t, n
    if not total:
        return ["d=none"]
    if best:
        feats.append("dm=" + best)
        feats.append(f"dm={best}|{own}")
    return feats


def features(
    stems: Sequence[str], labels: Sequence[str], counts: dict[str, Counter]
) -> list[list[str]]:
    """The second pass's features of one sentence, given its tokens' stems, its first-pass labels
    and the document's `occurrence_counts`."""
    n = len(labels)
    docs = [_doc(counts, s, y) for s, y in zip(stems, labels, strict=True)]
    out = []
    for i in range(n):
        y = labels[i]
        prev = labels[i - 1] if i else "<S>"
        nxt = labels[i + 1] if i + 1 < n else "</S>"
        f = ["b", "y=" + y, "y-1=" + prev, "y+1=" + nxt, f"yy={prev}|{y}", f"yy+={y}|{nxt}"]
        f += docs[i]
        f += ["-1" + x for x in docs[i - 1]] if i else ["-1d=bos"]
        f += ["+1" + x for x in docs[i + 1]] if i + 1 < n else ["+1d=eos"]
        out.append(f)
    return out


def windowed_features(
    stems: Sequence[Sequence[str]], labels: Sequence[Sequence[str]], window: int
) -> list[list[list[str]]]:
    """`features` of every sentence of a corpus without document boundaries: a sentence's
    document is the `window` sentences on either side of it and itself."""
    out = []
    for i in range(len(stems)):
        a, b = max(0, i - window), min(len(stems), i + window + 1)
        out.append(features(stems[i], labels[i], occurrence_counts(stems[a:b], labels[a:b])))
    return out
