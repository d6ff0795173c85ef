"""Decoding a trained crfsuite model with numpy: the same best label sequence, several times faster.

crfsuite's first-order CRF scores a label sequence y of a sentence as the sum, over its tokens, of
the weights of (attribute, y_t) for the token's attributes, plus the weights of the transitions
(y_t-1, y_t). Every attribute has the value 1, so a token's state scores are the sum of its
attributes' weight rows. Most of a token's attributes depend on its word alone (and on the words
±2 around it), so `rasd.ner.tagger` sums those rows once per word type and a sentence costs a few
vector additions and one Viterbi pass; `crfsuite` itself looks every attribute string up again for
every token. Training stays with crfsuite (`rasd.ner.train`); `tests/test_ner_crf.py` checks that
both decoders give the same labels.

The Viterbi pass itself is hmmlearn's compiled one (`hmmlearn._hmmc.viterbi`: an HMM's decoding with
a uniform start is exactly a linear-chain CRF's, given exp(transitions) as the transition matrix),
about ten times faster than numpy's step-by-step loop. It is a private function of hmmlearn, so it is
checked against the numpy decoder when a model loads, and the numpy decoder is used where hmmlearn is
missing or disagrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

try:
    from hmmlearn import _hmmc
except ImportError:  # an optional speed-up: the numpy decoder below gives the same labels
    _hmmc = None


class LinearChainCRF:
    """The weights of a crfsuite model: a row of label weights per attribute, and the transitions."""

    def __init__(self, labels: Sequence[str], attributes: dict[str, int], weights: np.ndarray, transitions: np.ndarray) -> None:
        self.labels = tuple(labels)
        self.attributes = attributes  # attribute → row of `weights`
        self.weights = weights  # (attributes, labels)
        self.transitions = transitions  # (labels, labels): from the row's label to the column's
        self.width = len(self.labels)
        self._compiled = _hmmc is not None and self._compiled_agrees()

    @classmethod
    def from_model(cls, path: str | Path) -> LinearChainCRF:
        """Read the weights of a crfsuite model file (through python-crfsuite's dump)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        try:
            labels = tagger.labels()
            info = tagger.info()
        finally:
            tagger.close()
        index = {label: k for k, label in enumerate(labels)}
        attributes: dict[str, int] = {}
        for attr, _label in info.state_features:
            if attr not in attributes:
                attributes[attr] = len(attributes)
        weights = np.zeros((len(attributes), len(labels)))
        for (attr, label), w in info.state_features.items():
            weights[attributes[attr], index[label]] = w
        transitions = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            transitions[index[a], index[b]] = w
        return cls(labels, attributes, weights, transitions)

    def _compiled_agrees(self) -> bool:
        """Whether hmmlearn's decoder takes the arguments this module gives it and agrees with numpy's."""
        self._start = np.ones(self.width)  # log 1 = 0: crfsuite has no start weights
        self._exp_trans = np.exp(self.transitions)
        rng = np.random.default_rng(7)
        sample = [rng.normal(scale=3.0, size=(n, self.width)) for n in (1, 2, 5, 17, 40)]
        try:
            return self._viterbi_compiled(sample) == self._viterbi_numpy(sample)
        except (TypeError, ValueError, RuntimeError):
            return False

    def viterbi(self, emissions: Sequence[np.ndarray]) -> list[list[str]]:
        """The best label sequence of each sentence, given its (tokens, labels) state scores."""
        if self._compiled:
            return self._viterbi_compiled(emissions)
        return self._viterbi_numpy(emissions)

    def _viterbi_compiled(self, emissions: Sequence[np.ndarray]) -> list[list[str]]:
        labels, start, trans, decode = self.labels, self._start, self._exp_trans, _hmmc.viterbi
        out = []
        for e in emissions:
            if len(e):
                out.append([labels[i] for i in decode(start, trans, np.ascontiguousarray(e))[1].tolist()])
            else:
                out.append([])
        return out

    def _viterbi_numpy(self, emissions: Sequence[np.ndarray]) -> list[list[str]]:
        """The best label sequence of each sentence, given its (tokens, labels) state scores.

        The sentences are decoded together, longest first: at step t only the sentences longer
        than t (a prefix of them) move on. The forward pass keeps each step's best scores; the
        back-pointers of all steps are then taken at once, and followed in plain Python."""
        out: list[list[str]] = [[] for _ in emissions]
        live = sorted((k for k, e in enumerate(emissions) if len(e)), key=lambda k: -len(emissions[k]))
        if not live:
            return out
        lengths = [len(emissions[k]) for k in live]
        longest, n, width = lengths[0], len(live), self.width
        delta = np.zeros((longest, n, width))  # delta[t, j]: best score of sentence j's prefix ending at t
        for j, k in enumerate(live):
            delta[: lengths[j], j] = emissions[k]
        going = [0] * longest  # how many sentences are longer than t (a prefix, as they are sorted)
        for length in lengths:
            for t in range(length):
                going[t] += 1
        trans = self.transitions
        # step[t - 1][j, i, y]: the score of going from label i at t - 1 to label y at t
        step = delta[1:, :, None, :] + trans
        maximum = np.maximum.reduce
        for t in range(1, longest):
            k = going[t]
            maximum(delta[t - 1, :k, :, None] + step[t - 1, :k], 1, out=delta[t, :k])
        # the real cells, sentence after sentence: sentence j's token t is row first[j] + t
        first = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sentence = np.repeat(np.arange(n), lengths)
        flat = delta[np.arange(len(sentence)) - first[sentence], sentence]
        # back[p][y]: the best label of row p given label y at row p + 1 (of the same sentence)
        back = (flat[:-1, :, None] + trans).argmax(axis=1).tolist()
        ends = (first + lengths - 1).tolist()
        last = flat[ends].argmax(axis=1).tolist()
        labels = self.labels
        for j, k in enumerate(live):
            y = last[j]
            path = [y]
            for p in range(ends[j] - 1, int(first[j]) - 1, -1):
                y = back[p][y]
                path.append(y)
            path.reverse()
            out[k] = [labels[i] for i in path]
        return out
