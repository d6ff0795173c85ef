"""The CRF tagger: a crfsuite model file plus small sidecars saying how it was trained.

`ner-crf.crfsuite` is read with its metadata `ner-crf.meta.json` (feature groups, the cluster file,
training parameters and scores) and `ner-crf.attrs.gz` (the attributes the model uses). A model without a sidecar is read as one trained with every
feature group and the shipped resources. Models load on first use, never at import.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from rasd.errors import ModelError
from rasd.ner.features import GROUPS, FeatureExtractor

MODELS_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
DEFAULT_MODEL = MODELS_DIR / "ner-crf.crfsuite"
META_FORMAT = "rasd.ner-crf/1"


def meta_path(model: str | Path) -> Path:
    p = Path(model)
    return p.with_name(p.name.removesuffix(".crfsuite") + ".meta.json")


def attrs_path(model: str | Path) -> Path:
    p = Path(model)
    return p.with_name(p.name.removesuffix(".crfsuite") + ".attrs.gz")


def write_attributes(model: str | Path) -> Path:
    """Write the sorted list of the attributes the model has weights for (`*.attrs.gz`).

    The tagger drops every other feature before handing a sentence to crfsuite, which roughly
    halves tagging time (crfsuite looks every feature string up in its dictionary).
    """
    import gzip

    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    attrs = sorted({a for a, _ in tagger.info().state_features})
    out = attrs_path(model)
    with gzip.GzipFile(out, "wb", mtime=0) as gz:
        gz.write(("\n".join(attrs) + "\n").encode("utf-8"))
    return out


def read_attributes(model: str | Path) -> frozenset[str] | None:
    import gzip

    p = attrs_path(model)
    if not p.exists():
        return None
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        return frozenset(fh.read().splitlines())


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


def make_extractor(
    groups: Sequence[str],
    clusters_file: str | Path | None = None,
    keep: frozenset[str] | None = None,
    encoded: bool = False,
) -> FeatureExtractor:
    """A feature extractor for `groups`, with the shipped resources (or the given cluster file).
    `keep` and `encoded` as for `FeatureExtractor`."""
    from rasd.ner.clusters import CLUSTERS_PATH, load_clusters
    from rasd.ner.gazetteer import places_and_orgs, triggers

    clusters = load_clusters(str(clusters_file or CLUSTERS_PATH)) if "clusters" in groups else None
    gaz = places_and_orgs() if "gazetteer" in groups else None
    trig = triggers() if "triggers" in groups else None
    return FeatureExtractor(
        groups, clusters=clusters, gazetteer=gaz, triggers=trig, keep=keep, encoded=encoded
    )


class CRFTagger:
    """Tags sentences given as lists of token surface forms with BIO labels."""

    def __init__(self, path: str | Path = DEFAULT_MODEL) -> None:
        import pycrfsuite

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
        self.extractor = make_extractor(
            self.meta.get("groups", GROUPS), clusters, read_attributes(self.path), encoded=True
        )
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.path))
        except (OSError, ValueError) as exc:
            raise ModelError(
                path=str(self.path),
                problem=f"not a crfsuite model ({exc})",
                fix="Pass a model written by `rasd train ner`.",
            ) from exc
        self.labels = tuple(self._tagger.labels())
        from rasd.text.clitics import lexicon

        lexicon()  # the word-frequency lexicon the features use: load it now, not on the first word

    def tag(self, forms: Sequence[str]) -> list[str]:
        if not forms:
            return []
        return self._tagger.tag(self.extractor.sentence(forms))

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [self.tag(s) for s in sentences]


@lru_cache(maxsize=4)
def load_tagger(path: str = str(DEFAULT_MODEL)) -> CRFTagger:
    """The tagger for a model file, loaded once per path."""
    return CRFTagger(path)
