"""The CRF tagger: a crfsuite model file plus a sidecar saying how it was trained.

`ner-crf.crfsuite` is read with its metadata `ner-crf.meta.json` (feature groups, the cluster file,
training parameters and scores) and, where present, its table of frequent word types
`ner-crf.types.npz` (`rasd.ner.warmtypes`). A model without the sidecar is read as one trained with every
feature group and the shipped resources. Models load on first use, never at import. Tagging
decodes the model's weights with numpy (`rasd.ner.crf`), a document's sentences together.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from rasd.errors import ModelError
from rasd.ner.crf import LinearChainCRF
from rasd.ner.features import GROUPS, FeatureExtractor
from rasd.ner.typetable import TypeTable

MODELS_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
DEFAULT_MODEL = MODELS_DIR / "ner-crf.crfsuite"
META_FORMAT = "rasd.ner-crf/1"


def meta_path(model: str | Path) -> Path:
    p = Path(model)
    return p.with_name(p.name.removesuffix(".crfsuite") + ".meta.json")


def read_meta(model: str | Path) -> dict:
    mp = meta_path(model)
    if not mp.exists():
        return {"format": META_FORMAT, "groups": list(GROUPS), "clusters": None}
    try:
        meta = json.loads(mp.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(
            path=str(mp),
            problem=f"the model metadata is not valid JSON ({exc.msg})",
            fix="Retrain the model with `rasd train ner`, or delete the file to use defaults.",
        ) from exc
    if meta.get("format") != META_FORMAT:
        raise ModelError(
            path=str(mp),
            problem=f"unknown model metadata format {meta.get('format')!r}",
            fix=f"Expected {META_FORMAT!r}; retrain the model with this version of rasd.",
        )
    return meta


def make_extractor(groups: Sequence[str], clusters_file: str | Path | None = None) -> FeatureExtractor:
    """A feature extractor for `groups`, with the shipped resources (or the given cluster file)."""
    from rasd.ner.clusters import CLUSTERS_PATH, load_clusters
    from rasd.ner.gazetteer import places_and_orgs, triggers

    clusters = load_clusters(str(clusters_file or CLUSTERS_PATH)) if "clusters" in groups else None
    gaz = places_and_orgs() if "gazetteer" in groups else None
    trig = triggers() if "triggers" in groups else None
    return FeatureExtractor(groups, clusters=clusters, gazetteer=gaz, triggers=trig)


class Tagged(NamedTuple):
    """A sentence's labels, with the gazetteer and trigger matches its features used and the
    token keys they were matched on (`features.TypeInfo.keys`)."""

    labels: list[str]
    gazetteer: list
    triggers: list
    keys: list[tuple[str, ...]]


class CRFTagger:
    """Tags sentences given as lists of token surface forms with BIO labels.

    Decoding is `rasd.ner.crf.LinearChainCRF`'s (the model's weights in numpy), with the word-type
    part of every token's scores cached; `crfsuite` is used to train and to read the model."""

    def __init__(self, path: str | Path = DEFAULT_MODEL) -> None:
        self.path = Path(path)
        if not self.path.exists():
            if self.path == DEFAULT_MODEL:
                raise ModelError(
                    path=str(self.path),
                    problem="the shipped NER model is missing",
                    fix="Reinstall rasd, or train one with `rasd train ner` and pass it as the ner stage's model.",
                )
            raise ModelError(
                path=str(self.path),
                problem="no such model file",
                fix="Give the path of a model written by `rasd train ner`, or leave the ner stage's "
                "`model` option out to use the shipped one.",
            )
        self.meta = read_meta(self.path)
        clusters = self.meta.get("clusters")
        if clusters:
            clusters = self.path.parent / clusters
        self.extractor = make_extractor(self.meta.get("groups", GROUPS), clusters)
        try:
            self.crf = LinearChainCRF.from_model(self.path)
        except (OSError, ValueError) as exc:
            raise ModelError(
                path=str(self.path),
                problem=f"not a crfsuite model ({exc})",
                fix="Pass a model written by `rasd train ner`.",
            ) from exc
        self.labels = self.crf.labels
        from rasd.ner import warmtypes

        warm = warmtypes.load(warmtypes.table_path(self.path), self.path, self.crf, self.extractor)
        self.types = TypeTable(self.crf, self.extractor, warm=warm)
        from rasd.text.clitics import lexicon

        lexicon()  # the word-frequency lexicon the features use: load it now, not on the first word

    def tag(self, forms: Sequence[str]) -> list[str]:
        return self.tag_sentences([forms])[0].labels

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [t.labels for t in self.tag_sentences(sentences)]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[Tagged]:
        """Tag the sentences of a document together (one Viterbi pass for all)."""
        types = self.types
        sentence_ids = types.lookup(sentences)
        all_keys, bigram, sides, attributes = types.keys, types.bigram, types.sides, self.crf.attributes
        ctx = self.extractor.context
        padded: list[int] = []
        starts: list[int] = []
        where: list[int] = []  # positions (into the emissions below) of the attributes added
        extra: list[int] = []  # their weight rows
        matches = []
        for ids in sentence_ids:
            base = len(padded)  # the row of the sentence's first token in the emissions below
            starts.append(base)
            padded += (0, 0, *ids, 1, 1)
            keys = [all_keys[i] for i in ids]
            out: defaultdict[int, list[str]] = defaultdict(list)  # most tokens get none
            matches.append((*ctx(keys, out), keys))
            for i in range(1, len(ids)):
                a, b = ids[i - 1], ids[i]
                if sides[a] & 1 and sides[b] & 2:  # a bigram the model may know
                    pair = f"{bigram[a]}|{bigram[b]}"
                    r = attributes.get("b-1=" + pair)
                    if r is not None:
                        where.append(base + i)
                        extra.append(r)
                    r = attributes.get("b+1=" + pair)
                    if r is not None:
                        where.append(base + i - 1)
                        extra.append(r)
            for i, attrs in out.items():
                for r in map(attributes.get, attrs):
                    if r is not None:
                        where.append(base + i)
                        extra.append(r)
        if not padded:
            return []
        v = types.table[padded]
        em = v[2:-2, 0] + v[:-4, 1] + v[1:-3, 2] + v[3:-1, 3] + v[4:, 4]
        if extra:
            np.add.at(em, where, self.crf.weights[extra])
        labels = self.crf.viterbi([em[s : s + len(f)] for s, f in zip(starts, sentences, strict=True)])
        return [Tagged(y, *m) for y, m in zip(labels, matches, strict=True)]


@lru_cache(maxsize=4)
def load_tagger(path: str = str(DEFAULT_MODEL)) -> CRFTagger:
    """The tagger for a model file, loaded once per path."""
    return CRFTagger(path)
