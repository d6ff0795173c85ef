"""The `dates` stage in the pipeline: registration, contract, options, JSON output, seed article."""

from __future__ import annotations

import json

import pytest

from helpers import SHARED, validate
from rasd.dates import DatesStage
from rasd.dates.errors import UnknownOption
from rasd.model import Document
from rasd.pipeline import STAGES, Stage, build_pipeline
from rasd.serialize import to_dict

SEED = SHARED / "seed"


def _doc(body: str, published: str | None = "2021-12-03", title: str | None = None) -> Document:
    return Document.from_parts(body, title, published=published)


def test_stage_is_registered_and_follows_the_protocol():
    build_pipeline(["dates"], config={"pipeline": {"stages": []}})
    assert STAGES["dates"] is DatesStage
    stage = DatesStage()
    assert isinstance(stage, Stage)
    assert (stage.name, stage.requires, stage.provides) == ("dates", (), ("dates", "quantities"))


def test_pipeline_fills_dates_and_quantities():
    pipe = build_pipeline(["dates"], config={"pipeline": {"stages": []}, "dates": {}})
    doc = pipe(_doc("وأعلن المتحدث أمس الخميس أن 84 عضوا وافقوا، كما في يونيو 2018.", title="عنوان الخبر"))
    assert {"dates", "quantities"} <= doc.done
    assert [(doc.text[d.start : d.end], d.value) for d in doc.dates] == [
        ("أمس الخميس", "2021-12-02"),
        ("يونيو 2018", "2018-06"),
    ]
    assert [(doc.text[q.start : q.end], q.value, q.unit) for q in doc.quantities] == [("84 عضوا", 84, "عضو")]
    validate(to_dict(doc))


def test_options_from_the_configuration():
    pipe = build_pipeline(["dates"], config={"pipeline": {"stages": []}, "dates": {"quantities": False}})
    doc = pipe(_doc("قتل 12 شخصا أمس."))
    assert doc.quantities == [] and [d.value for d in doc.dates] == ["2021-12-02"]


def test_unknown_option_is_a_coded_error():
    with pytest.raises(UnknownOption, match=r"\[E302\].*Known options: infer_year, quantities"):
        DatesStage(quantity=False)


def test_bad_publication_date_becomes_a_document_warning():
    doc = DatesStage()(_doc("وصل الوفد أمس.", published="أمس"))
    assert [d.value for d in doc.dates] == [None]
    assert any(w.startswith("[E303]") for w in doc.warnings)


def test_running_twice_replaces_rather_than_appends():
    stage = DatesStage()
    doc = stage(stage(_doc("وصل الوفد أمس مع 3 وزراء.")))
    assert len(doc.dates) == 1 and len(doc.quantities) == 1


@pytest.mark.shared
@pytest.mark.skipif(not (SEED / "gold.json").exists(), reason="../shared/seed is absent")
def test_seed_article_dates_and_quantities():
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))
    title, _, body = (SEED / "article.txt").read_text(encoding="utf-8").partition("\n")
    doc = DatesStage()(Document.from_parts(body, title, published="2021-12-03"))
    found = {d.value for d in doc.dates}
    assert {g["value"] for g in gold["dates"]} <= found
    got = {(q.value, q.unit) for q in doc.quantities}
    assert {(g["value"], g["unit"]) for g in gold["quantities"]} <= got
