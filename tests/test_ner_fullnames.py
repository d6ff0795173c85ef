"""A person's full name is one mention, and two persons' surnames side by side are two
(`rasd.ner.fullnames`). Sentences written for these tests."""

from __future__ import annotations

from rasd.model import Document


def found(ner_pipe, text: str) -> list[tuple[str, str]]:
    doc = ner_pipe(Document.from_parts(text))
    return [(doc.text[m.start : m.end], m.label) for m in doc.mentions]


def test_a_first_name_that_is_a_place_is_part_of_the_full_name_found_elsewhere(ner_pipe):
    got = found(ner_pipe, "وقالت الممثلة صوفيا هالدن إن الفيلم جاهز. وشاركت صوفيا هالدن في المهرجان.")
    assert got.count(("صوفيا هالدن", "PERSON")) == 2
    assert ("صوفيا", "LOC") not in got


def test_two_surnames_side_by_side_are_two_persons(ner_pipe):
    got = found(
        ner_pipe,
        "وقال الرئيس الروسي فلاديمير نوفيكوف إن المستشار الألماني كارل هيلمر وعد بالرد. "
        "واستقبل هيلمر نوفيكوف في القصر أمس. وقال نوفيكوف إن هيلمر صديق.",
    )
    assert ("هيلمر نوفيكوف", "PERSON") not in got
    assert got.count(("هيلمر", "PERSON")) == 2 and got.count(("نوفيكوف", "PERSON")) == 2


def test_a_name_of_two_surnames_no_one_goes_by_alone_stays_whole(ner_pipe):
    got = found(
        ner_pipe,
        "وقال الرئيس الروسي فلاديمير نوفيكوف إن المستشار الألماني كارل هيلمر وعد بالرد. "
        "واستقبل هيلمر نوفيكوف في القصر أمس.",
    )
    assert not [t for t, _ in got if t == "نوفيكوف"]
