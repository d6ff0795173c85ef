"""One event per happening: the same event told again in an article is merged into the first."""

from __future__ import annotations

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
ARMY = ("army", "ORG", ["الجيش الوطني"])
REBELS = ("rebels", "ORG", ["جبهة التحرير"])
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
KHALID = ("khalid", "PERSON", ["خالد العمري"])
OMAR = ("omar", "PERSON", ["عمر الخطيب"])
TOWN = ("town", "LOC", ["الزاوية"])
PORT = ("port", "LOC", ["الميناء الجديد"])


def events(text, entities=(), dates=()):
    doc = build(text, list(entities), list(dates))
    return doc, STAGE(doc).events


def test_the_same_attack_told_twice_is_one_event():
    text = (
        "قصف الجيش الوطني مواقع جبهة التحرير في الزاوية أمس. "
        "وقالت مصادر محلية إن الطائرات شنت غارات على الأحياء الشرقية. "
        "وأسفر قصف الزاوية عن تدمير عشرات المنازل."
    )
    doc, evs = events(text, [ARMY, REBELS, TOWN], [("أمس", "2024-05-09", "day")])
    attacks = [e for e in evs if e.type == "ATTACK"]
    assert len(attacks) == 1, [doc.text[e.trigger_start : e.trigger_end] for e in attacks]
    assert attacks[0].location == "town" and attacks[0].date == "2024-05-09"


def test_attacks_in_two_places_or_on_two_days_stay_apart():
    text = "قصف الجيش الوطني الزاوية يوم الأحد. وقصف الجيش الوطني الميناء الجديد يوم الإثنين."
    dates = [("يوم الأحد", "2024-05-05", "day"), ("يوم الإثنين", "2024-05-06", "day")]
    _, evs = events(text, [ARMY, TOWN, PORT], dates)
    assert len([e for e in evs if e.type == "ATTACK"]) == 2


def test_meetings_with_different_people_stay_apart():
    text = "والتقى سامي الأحمد خالد العمري. كما التقى سامي الأحمد عمر الخطيب."
    _, evs = events(text, [SAMI, KHALID, OMAR])
    meets = [e for e in evs if e.type == "MEET"]
    assert len(meets) == 2


def test_a_meeting_told_again_with_the_same_people_is_merged():
    text = "استقبل سامي الأحمد خالد العمري في الزاوية. وبحث سامي الأحمد مع خالد العمري ملف المياه."
    _, evs = events(text, [SAMI, KHALID, TOWN])
    meets = [e for e in evs if e.type == "MEET"]
    assert len(meets) == 1 and meets[0].location == "town"


def test_a_town_is_the_place_of_a_summit_never_a_participant():
    text = "وعقد قادة الحلف قمة بروكسل أمس بمشاركة فرنسا."
    ents = [("brussels", "LOC", ["بروكسل"]), ("france", "LOC", ["فرنسا"])]
    _, evs = events(text, ents, [("أمس", "2024-05-09", "day")])
    (ev,) = [e for e in evs if e.type == "MEET"]
    assert ev.location == "brussels"
    assert {p.entity for p in ev.participants} == {"france"}  # a country acts


def test_a_shelled_town_is_the_place_of_the_attack():
    _, evs = events("وتواصل قصف الزاوية طوال الليل.", [TOWN])
    (ev,) = [e for e in evs if e.type == "ATTACK"]
    assert ev.location == "town" and ev.participants == []


PALACE = ("loc:قصر-ميسار", "LOC", ['قصر "ميسار"', "قصر ميسار"])
CITY = ("city:zawiya-ly", "LOC", ["الزاوية"])
MUSEUM = ("loc:متحف-الرمال", "LOC", ["متحف الرمال"])
COUNTRY = ("country:LY", "LOC", ["ليبيا"])
SATURDAY = [("يوم السبت", "2024-05-11", "day")]


def test_a_meeting_at_a_site_the_text_puts_near_a_city_is_the_meeting_in_that_city():
    text = (
        "والتقى سامي الأحمد خالد العمري في الزاوية يوم السبت. "
        'واستقبل سامي الأحمد خالد العمري في قصر "ميسار" شمال الزاوية يوم السبت.'
    )
    _, evs = events(text, [SAMI, KHALID, PALACE, CITY], SATURDAY)
    meets = [e for e in evs if e.type == "MEET"]
    assert len(meets) == 1 and meets[0].location == PALACE[0]  # the site, the more precise place


def test_an_attack_at_a_site_the_text_puts_in_a_country_is_the_attack_in_that_country():
    text = "وقع هجوم مسلح في ليبيا يوم السبت. وهاجم مسلحون متحف الرمال في ليبيا يوم السبت."
    _, evs = events(text, [MUSEUM, COUNTRY], SATURDAY)
    attacks = [e for e in evs if e.type == "ATTACK"]
    assert len(attacks) == 1 and attacks[0].location == MUSEUM[0]


def test_a_site_with_no_place_given_stays_apart_from_a_city():
    text = (
        "والتقى سامي الأحمد خالد العمري في الزاوية يوم السبت. "
        'واستقبل سامي الأحمد خالد العمري في قصر "ميسار" يوم السبت.'
    )
    _, evs = events(text, [SAMI, KHALID, PALACE, CITY], SATURDAY)
    assert len([e for e in evs if e.type == "MEET"]) == 2
