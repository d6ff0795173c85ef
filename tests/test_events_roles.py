"""Who travels and who receives: visitor and host of visits and of meetings of receiving, from the
syntax; a place is the location, never a host; a request for an act is not the act."""

from __future__ import annotations

import pytest

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
NOUR = ("nour", "PERSON", ["نور الهادي"])
CAIRO = ("cairo", "LOC", ["القاهرة"])
CLUB = ("club", "ORG", ["نادي الفروسية"])


def roles_of(text, etype, entities):
    doc = build(text, list(entities))
    found = [e for e in STAGE(doc).events if e.type == etype]
    assert len(found) == 1, [(e.type, doc.text[e.trigger_start : e.trigger_end]) for e in STAGE(doc).events]
    return {(p.entity, p.role) for p in found[0].participants}, found[0].location


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("وزار سامي الأحمد نور الهادي في القاهرة.", "VISIT"),
        ("ويزور سامي الأحمد القاهرة بدعوة من نور الهادي.", "VISIT"),
        ("وقام سامي الأحمد بزيارة إلى القاهرة تلبية لدعوة نور الهادي.", "VISIT"),
        ("وحل سامي الأحمد ضيفا على نور الهادي في القاهرة.", "VISIT"),
        ("واستقبل نور الهادي سامي الأحمد في القاهرة.", "MEET"),
        ("ويستضيف نور الهادي سامي الأحمد في القاهرة.", "MEET"),
    ],
)
def test_the_visitor_travels_and_the_host_receives(text, etype):
    roles, where = roles_of(text, etype, [SAMI, NOUR, CAIRO])
    assert roles == {("sami", "visitor"), ("nour", "host")}
    assert where == "cairo"


def test_a_destination_that_is_a_place_is_the_location_not_the_host():
    roles, where = roles_of("وتوجه سامي الأحمد إلى القاهرة.", "VISIT", [SAMI, CAIRO])
    assert roles == {("sami", "visitor")} and where == "cairo"


def test_an_organisation_visited_is_the_host():
    roles, where = roles_of("وزار سامي الأحمد نادي الفروسية في القاهرة.", "VISIT", [SAMI, CLUB, CAIRO])
    assert roles == {("sami", "visitor"), ("club", "host")} and where == "cairo"


def test_a_hosted_meeting_is_the_guest():
    text = "واستضاف نور الهادي في القاهرة اجتماع نادي الفروسية."
    roles, where = roles_of(text, "MEET", [NOUR, CLUB, CAIRO])
    assert roles == {("nour", "host"), ("club", "guest")}


def test_a_guest_without_the_word_for_a_guest_is_no_visit():
    doc = build("وحل سامي الأحمد المشكلة في القاهرة.", [SAMI, CAIRO])
    assert [e.type for e in STAGE(doc).events] == []


def test_a_request_for_an_act_is_not_the_act():
    gov = ("gov", "ORG", ["الحكومة"])
    doc = build("ورفضت الحكومة طلب نور الهادي بقطع العلاقات مع الجيران.", [gov, NOUR])
    assert [e.type for e in STAGE(doc).events if e.type == "SANCTION"] == []


def test_the_outlet_a_statement_is_made_to_is_not_its_author():
    agency = ("agency", "ORG", ["وكالة الأنباء الوطنية"])
    roles, _ = roles_of("وأكد سامي الأحمد في تصريح لوكالة الأنباء الوطنية أن الأزمة انتهت.", "STATEMENT",
                        [SAMI, agency])
    assert roles == {("sami", "actor")}
    roles, _ = roles_of("وصدر بيان لحركة النور أمس عن الأزمة.", "STATEMENT", [("nour_mvt", "ORG", ["حركة النور"])])
    assert roles == {("nour_mvt", "actor")}
