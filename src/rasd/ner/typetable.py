"""The word-type part of the CRF's state scores, computed once per distinct surface form.

A token's state scores are the summed weights of its attributes (`rasd.ner.crf`). Most attributes
depend on one word only: its own (`features.TypeInfo.own`) and those it gives the tokens 2 and 1
after it and 1 and 2 before it (`m2`, `m1`, `p1`, `p2`). `TypeTable` keeps, for every word type
seen, those five sums as a (5, labels) block of one array, so a sentence's scores are a gather and
four shifted additions. New types of a document are described and summed together (one numpy call
for all of them). Ids 0 and 1 are the sentence's start and end.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat

import numpy as np

from rasd.ner.crf import LinearChainCRF
from rasd.ner.features import FeatureExtractor, TypeInfo

CACHE_LIMIT = 200_000  # word types (about 500 bytes each); the table starts afresh past this


class TypeTable:
    def __init__(self, crf: LinearChainCRF, extractor: FeatureExtractor, limit: int = CACHE_LIMIT) -> None:
        self.crf = crf
        self.extractor = extractor
        self.limit = limit
        # the weight rows, with an all-zero one that starts every group (reduceat needs no empty group)
        self._weights = np.vstack([crf.weights, np.zeros((1, crf.width))])
        self._zero = len(crf.weights)
        # the word keys on either side of the model's bigram attributes (`b-1=A|B`, `b+1=A|B`)
        bigrams = [a[4:].split("|", 1) for a in crf.attributes if a.startswith(("b-1=", "b+1="))]
        self._lefts = frozenset(a for a, _ in bigrams)
        self._rights = frozenset(b for _, b in bigrams)
        self.reset()

    def reset(self) -> None:
        self.ids: dict[str, int] = {}
        self.keys: list[tuple[str, ...]] = []  # of each id: `TypeInfo.keys`
        self.bigram: list[str | None] = []  # `TypeInfo.bigram_key`
        self.sides: list[int] = []  # 1: the bigram key starts one of the model's bigrams; 2: ends one
        self.table = np.zeros((4096, 5, self.crf.width))
        self._add([self.extractor._bos, self.extractor._eos])

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, sentences: Iterable[Iterable[str]]) -> list[list[int]]:
        """The type ids of the sentences' forms, adding the new ones."""
        if len(self.keys) > self.limit:
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
        get = self.crf.attributes.get
        z = self._zero
        zeros = repeat(z)  # an attribute the model does not know adds the zero row
        rows: list[int] = []
        starts: list[int] = []
        lefts, rights = self._lefts, self._rights
        for info in infos:
            for attrs in (info.own, info.m2, info.m1, info.p1, info.p2):
                starts.append(len(rows))
                rows.append(z)
                rows += map(get, attrs, zeros)
            self.keys.append(info.keys)
            key = info.bigram_key
            self.bigram.append(key)
            self.sides.append((key in lefts) | (key in rights) << 1)
        a, b = len(self.keys) - len(infos), len(self.keys)
        while b > len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        sums = np.add.reduceat(self._weights[rows], starts, axis=0)
        self.table[a:b] = sums.reshape(len(infos), 5, self.crf.width)
