"""The word-type part of the CRF's state scores, computed once per distinct surface form.

A token's state scores are the summed weights of its attributes (`rasd.ner.crf`). Most attributes
depend on one word only: its own (`features.TypeInfo.own`) and those it gives the tokens 2 and 1
after it and 1 and 2 before it (`m2`, `m1`, `p1`, `p2`). `TypeTable` keeps, for every word type
seen, those five sums as a (5, labels) block of one array, so a sentence's scores are a gather and
four shifted additions. New types of a document are described and summed together (one numpy call
for all of them). Ids 0 and 1 are the sentence's start and end; then come the frequent types of
`rasd.ner.warmtypes`, when the model has that table, which the table keeps when it starts afresh
(the `WarmTypes` themselves are not kept: their rows are the table's).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from rasd.ner.crf import LinearChainCRF
from rasd.ner.features import FeatureExtractor, TypeInfo
from rasd.text.normalize import norm_key

if TYPE_CHECKING:
    from rasd.ner.warmtypes import WarmTypes

PARTS = 5  # own, m2, m1, p1, p2
CACHE_LIMIT = 100_000  # word types learnt beyond the warm ones (about 500 bytes each); then afresh


class TypeTable:
    def __init__(self, crf: LinearChainCRF, extractor: FeatureExtractor, limit: int = CACHE_LIMIT, warm: WarmTypes | None = None) -> None:
        self.crf = crf
        self.extractor = extractor
        self.limit = limit
        self.warm_types = len(warm) if warm else 0  # ids 2 … 2 + warm_types - 1
        # the weight rows, with an all-zero one that starts every group (reduceat needs no empty group)
        self._weights = np.vstack([crf.weights, np.zeros((1, crf.width))])
        self._zero = len(crf.weights)
        # the word keys on either side of the model's bigram attributes (`b-1=A|B`, `b+1=A|B`)
        bigrams = [a[4:].split("|", 1) for a in crf.attributes if a.startswith(("b-1=", "b+1="))]
        self._lefts = frozenset(a for a, _ in bigrams)
        self._rights = frozenset(b for _, b in bigrams)
        self.ids: dict[str, int] = {}
        self.keys: list[tuple[str, ...]] = []  # of each id: `TypeInfo.keys`
        self.bigram: list[str | None] = []  # `TypeInfo.bigram_key`
        self.sides: list[int] = []  # 1: the bigram key starts one of the model's bigrams; 2: ends one
        # Room for every type up to the limit at once: np.zeros maps pages the system fills only
        # when a row is written, so the table costs what it holds and is never copied to grow.
        self.table = np.zeros((2 + self.warm_types + limit + 4096, PARTS, crf.width))
        self._add([self.extractor._bos, self.extractor._eos])
        if warm:
            self._add_warm(warm)
        self._base = len(self.keys)
        self._fixed_ids = dict(self.ids)

    def reset(self) -> None:
        """Forget the types learnt; the sentence bounds and the warm types stay (their rows too:
        the rows after them are overwritten as new types come)."""
        n = self._base
        self.ids = dict(self._fixed_ids)
        del self.keys[n:], self.bigram[n:], self.sides[n:]

    def _add_warm(self, warm: WarmTypes) -> None:
        a, b = len(self.keys), len(self.keys) + len(warm)
        lefts, rights = self._lefts, self._rights
        pairs = list(map(self.extractor.type_keys, warm.stems, map(norm_key, warm.forms)))
        self.ids.update(zip(warm.forms, range(a, b), strict=True))
        self.keys += [keys for keys, _ in pairs]
        self.bigram += [key for _, key in pairs]
        self.sides += [(key in lefts) | (key in rights) << 1 for _, key in pairs]
        self.table[a:b] = warm.sums

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, sentences: Iterable[Iterable[str]]) -> list[list[int]]:
        """The type ids of the sentences' forms, adding the new ones."""
        if len(self.keys) - self._base > self.limit:
            self.reset()
        get = self.ids.get
        out = []
        new: dict[str, int] = {}
        infos: list[TypeInfo] = []
        describe = self.extractor._describe
        nxt = len(self.keys)
        for forms in sentences:
            ids = []
            for f in forms:
                k = get(f)
                if k is None:
                    k = new.get(f)
                    if k is None:
                        k = new[f] = nxt + len(infos)
                        infos.append(describe(f))
                ids.append(k)
            out.append(ids)
        if infos:
            self._add(infos)
            self.ids.update(new)
        return out

    def _add(self, infos: list[TypeInfo]) -> None:
        flat: list[str] = []  # every attribute of every part of every type, in order
        lengths: list[int] = []
        lefts, rights = self._lefts, self._rights
        for info in infos:
            for attrs in (info.own, info.m2, info.m1, info.p1, info.p2):
                flat += attrs
                lengths.append(len(attrs))
            self.keys.append(info.keys)
            key = info.bigram_key
            self.bigram.append(key)
            self.sides.append((key in lefts) | (key in rights) << 1)
        z = self._zero  # an attribute the model does not know: left out
        found = np.fromiter(map(self.crf.attributes.get, flat, repeat(z)), dtype=np.intp, count=len(flat))
        known = found != z
        part = np.repeat(np.arange(len(lengths)), lengths)[known]
        counts = np.bincount(part, minlength=len(lengths)).reshape(len(infos), PARTS)
        a, b = len(self.keys) - len(infos), len(self.keys)
        while b > len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        self.table[a:b] = sum_parts(self._weights, counts, found[known])


def sum_parts(weights: np.ndarray, counts: np.ndarray, rows: np.ndarray, block: int = 4096) -> np.ndarray:
    """(types, PARTS, labels): each part's weight rows summed. `counts[t, p]` of `rows` (in order)
    belong to part p of type t; `weights` ends with a zero row, which starts every sum (so no
    group is empty, and a table read from `rasd.ner.warmtypes` sums exactly as one described
    here). `block` types at a time, to bound the memory."""
    zero = len(weights) - 1
    out = np.empty((len(counts), PARTS, weights.shape[1]))
    offsets = np.concatenate([[0], np.cumsum(counts.sum(axis=1))])
    for a in range(0, len(counts), block):
        b = min(a + block, len(counts))
        lengths = counts[a:b].reshape(-1) + 1
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        padded = np.full(int(lengths.sum()), zero, dtype=np.intp)
        mask = np.ones(len(padded), dtype=bool)
        mask[starts] = False
        padded[mask] = rows[offsets[a] : offsets[b]]
        out[a:b] = np.add.reduceat(weights[padded], starts, axis=0).reshape(b - a, PARTS, weights.shape[1])
    return out
