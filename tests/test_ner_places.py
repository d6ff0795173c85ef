"""Places in real news: named buildings and landforms, lists of places, split city names, place
types (`rasd.ner.sites`, `rasd.ner.places`). Sentences written for these tests."""

from __future__ import annotations

import pytest

from rasd.model import Document
from rasd.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipe():
    return build_pipeline(["text", "ner"], config={"pipeline": {"stages": []}})


def found(pipe, text: str) -> list[tuple[str, str]]:
    doc = pipe(Document.from_parts(text))
    return [(doc.text[m.start : m.end], m.label) for m in doc.mentions]


def test_a_named_building_is_one_place_with_its_noun(pipe):
    got = found(pipe, "وزار الوفد متحف سرقيلا قبل أن يعقد اجتماعا في قصر \"فالدنبرغ\" شمال المدينة.")
    assert ("متحف سرقيلا", "LOC") in got
    assert ('قصر "فالدنبرغ"', "LOC") in got
    assert not [t for t, _ in got if t in ("سرقيلا", "فالدنبرغ")]


def test_a_predicate_after_a_building_is_no_part_of_its_name(pipe):
    got = found(pipe, "وقال الطبيب إن مستشفى القرطاوية معطل عن العمل منذ أسبوع.")
    assert ("مستشفى القرطاوية", "LOC") in got


def test_a_landform_keeps_its_noun_and_a_place_found_after_it(pipe):
    got = found(pipe, "ورست السفينة قرب جزيرة كورانديا الصينية، ثم قصفت الطائرات مرتفعات الجولان.")
    assert ("جزيرة كورانديا", "LOC") in got
    assert ("مرتفعات الجولان", "LOC") in got


def test_a_building_named_after_a_listed_city_is_left_to_the_gazetteer(pipe):
    got = found(pipe, "وهبطت الطائرة في مطار القاهرة مساء أمس.")
    assert ("القاهرة", "LOC") in got
    assert not [t for t, _ in got if t.startswith("مطار")]
