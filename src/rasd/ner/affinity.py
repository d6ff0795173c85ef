"""How much the tagger's model holds a word's cluster to be part of a person's name.

The CRF has a weight row for each word-cluster attribute (`c64=…`, `c256=…`, `c1k=…`, see
`rasd.ner.features`). For a word, the sum over its three clusters of (the best person label's weight
minus the outside label's) says whether words of its kind were names in the training data: about +2
for «أوباما» or «ماكرون», about -2 for «فيها» or «دعاه», 0 for a word without a cluster. The rules
use it to keep verbs and pronoun forms out of the person names they find (`rasd.ner.persons`).
It reads the model's weights only; nothing is trained.
"""

from __future__ import annotations

from collections.abc import Mapping

from rasd.ner.crf import LinearChainCRF

__all__ = ["NameAffinity"]

_PREFIXES = ("c64=", "c256=", "c1k=")
FIRST_NAME = 5.0  # above this a word reads as a first name: «سالم» 7.8, «شكري» 8.2; «بوسطن» 4.7, «سيدي» 0.6
_CACHE_LIMIT = 200_000


class NameAffinity:
    def __init__(self, crf: LinearChainCRF, clusters: Mapping[str, tuple[str, str, str]]) -> None:
        labels = {label: k for k, label in enumerate(crf.labels)}
        self._person = [labels[x] for x in ("B-PERS", "I-PERS", "B-PER", "I-PER") if x in labels]
        self._outside = labels.get("O")
        self._crf = crf
        self._clusters = clusters
        self._cache: dict[str, float] = {}

    def person(self, key: str) -> float:
        """The person affinity of a word's normalised key (0 where the model cannot say)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        score = 0.0
        cl = self._clusters.get(key)
        if cl is not None and self._person and self._outside is not None:
            for prefix, cid in zip(_PREFIXES, cl, strict=True):
                r = self._crf.attributes.get(prefix + cid)
                if r is not None:
                    row = self._crf.weights[r]
                    score += float(max(row[k] for k in self._person) - row[self._outside])
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = score
        return score
