"""Pipeline building: registry, chain checks reporting every gap at once, stage contracts."""

from __future__ import annotations

import pytest

from rasd.errors import MissingRequirements, StageContract, UnknownLayer, UnknownStage
from rasd.model import LAYERS, Document
from rasd.pipeline import STAGES, Pipeline, build_pipeline, register
from rasd.pipeline.core import BUILTIN, _factory


class _Needs:
    name = "needs"
    requires = ("tokens", "entities")
    provides = ("quotes",)

    def __call__(self, doc):
        return doc


class _Also:
    name = "also"
    requires = ("events",)
    provides = ()

    def __call__(self, doc):
        return doc


class _Bad:
    name = "bad"
    requires = ()
    provides = ("tokens",)

    def __call__(self, doc):
        return {"not": "a document"}


def test_chain_reports_every_gap_at_once():
    with pytest.raises(MissingRequirements) as err:
        Pipeline([_Needs(), _Also()])
    msg = str(err.value)
    assert "tokens" in msg and "entities" in msg and "events" in msg and "E102" in msg


def test_stage_must_return_document():
    with pytest.raises(StageContract, match="returned dict"):
        Pipeline([_Bad()])(Document.from_parts("نص"))


def test_unknown_stage_lists_known():
    with pytest.raises(UnknownStage, match="text"):
        build_pipeline(["no-such-stage"])


def test_register_is_a_dict_entry():
    @register("test-noop")
    class Noop:
        name = "test-noop"
        requires = ()
        provides = ()

        def __call__(self, doc):
            return doc

    assert STAGES["test-noop"] is Noop
    doc = build_pipeline(["test-noop"])(Document.from_parts("نص"))
    assert isinstance(doc, Document)
    del STAGES["test-noop"]


def test_provided_layers_recorded():
    doc = build_pipeline(["text"])(Document.from_parts("قال الوزير إن الاجتماع انتهى."))
    assert {"tokens", "sentences"} <= doc.done
    assert doc.tokens and doc.sentences


def test_default_pipeline_builds_and_checks():
    p = build_pipeline()
    assert p.names == ["text", "dates", "ner", "resolve", "quotes", "events"]


class _Misspelt(_Needs):
    name = "counts"
    requires = ("tokens", "entites")
    provides = ("counts",)


def test_every_builtin_stage_names_layers_of_the_model():
    for name in BUILTIN:
        factory = _factory(name)
        assert set(factory.requires) <= set(LAYERS) and set(factory.provides) <= set(LAYERS), name


def test_a_stage_naming_an_unknown_layer_is_refused_with_every_one_named():
    with pytest.raises(UnknownLayer) as err:
        Pipeline([_Misspelt()])
    msg = str(err.value)
    assert msg.startswith("[E105]") and "'entites'" in msg and "'counts'" in msg and "quotes" in msg
