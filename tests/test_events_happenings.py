"""One event per happening: every trigger of a merged event kept, a city and its country one place,
the headline's event and the body's, a month and a day of it, the passive's subject undergoing."""

from __future__ import annotations

import pytest

from helpers import validate
from rasd.events.stage import EventStage
from rasd.serialize import from_dict, to_dict
from test_quotes_handmade import build

STAGE = EventStage()
ARMY = ("army", "ORG", ["الجيش الوطني"])
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
NOUR = ("nour", "PERSON", ["نور الهادي"])
CITY = ("city:oran-dz", "LOC", ["وهران"])
COUNTRY = ("country:DZ", "LOC", ["الجزائر"])
OTHER_COUNTRY = ("country:TN", "LOC", ["تونس"])


def events(text, entities=(), dates=(), title=None):
    doc = build(text, list(entities), list(dates), title=title)
    return doc, STAGE(doc).events


def words(doc, ev):
    return [doc.text[a:b] for a, b in ev.triggers]


def test_every_trigger_of_a_merged_event_is_kept_the_main_one_first():
    text = "اجتمع سامي الأحمد أمس بنور الهادي في وهران. وتناول الاجتماع الأوضاع الاقتصادية."
    doc, evs = events(text, [SAMI, NOUR, CITY], [("أمس", "2024-05-09", "day")])
    (ev,) = [e for e in evs if e.type == "MEET"]
    assert doc.text[ev.trigger_start : ev.trigger_end] == "اجتمع"
    assert words(doc, ev) == ["اجتمع", "الاجتماع"]


def test_a_verb_and_the_noun_it_takes_are_both_triggers():
    text = "ووقع سامي الأحمد أمس اتفاقية تعاون مع نور الهادي."
    doc, evs = events(text, [SAMI, NOUR], [("أمس", "2024-05-09", "day")])
    (ev,) = [e for e in evs if e.type == "AGREEMENT"]
    assert words(doc, ev) == ["وقع", "اتفاقية"]


def test_a_city_and_its_country_are_one_place_and_the_city_is_kept():
    text = (
        "وقصف الجيش الوطني أمس مواقع في الجزائر. "
        "وقال شهود إن الجيش الوطني قصف أمس الأحياء الشرقية في وهران."
    )
    doc, evs = events(text, [ARMY, CITY, COUNTRY], [("أمس", "2024-05-09", "day")])
    attacks = [e for e in evs if e.type == "ATTACK"]
    assert len(attacks) == 1, [words(doc, e) for e in attacks]
    assert attacks[0].location == "city:oran-dz"
    assert len(attacks[0].triggers) == 2


def test_a_city_of_another_country_is_another_place():
    text = "وقصف الجيش الوطني أمس مواقع في تونس. وقصف الجيش الوطني أمس الأحياء الشرقية في وهران."
    doc, evs = events(text, [ARMY, CITY, OTHER_COUNTRY], [("أمس", "2024-05-09", "day")])
    assert len([e for e in evs if e.type == "ATTACK"]) == 2


def test_a_country_alone_does_not_tie_two_undated_events():
    text = "ونفذ الجيش الوطني غارات في وهران. وتحدث التقرير عن غارات أخرى في الجزائر."
    doc, evs = events(text, [ARMY, CITY, COUNTRY])
    assert len([e for e in evs if e.type == "ATTACK"]) == 2


def test_the_headline_event_is_the_news_the_body_tells():
    doc, evs = events(
        "وأعلنت وزارة الداخلية أن الشرطة اعتقلت أمس سامي الأحمد في وهران. "
        "وكانت الشرطة قد اعتقلت نور الهادي في عام 2015.",
        [SAMI, NOUR, CITY, ("police", "ORG", ["الشرطة"])],
        [("أمس", "2024-05-09", "day"), ("عام 2015", "2015", "year")],
        title="اعتقال معارض بارز",
    )
    arrests = [e for e in evs if e.type == "ARREST"]
    assert len(arrests) == 2, [words(doc, e) for e in arrests]
    news, old = arrests
    assert words(doc, news) == ["اعتقال", "اعتقلت"] and news.date == "2024-05-09"
    assert old.date == "2015"


def test_an_undated_headline_event_is_not_an_old_one_the_body_recalls():
    doc, evs = events(
        "وكانت الشرطة قد اعتقلت نور الهادي في عام 2015.",
        [SAMI, NOUR, ("police", "ORG", ["الشرطة"])],
        [("عام 2015", "2015", "year")],
        title="اعتقال سامي الأحمد",
    )
    assert len([e for e in evs if e.type == "ARREST"]) == 2


def test_an_event_in_a_month_and_on_a_day_of_it_is_one():
    text = "وتجري الانتخابات في يونيو. وقررت الحكومة تنظيم انتخابات مبكرة يوم 24 يونيو."
    dates = [("في يونيو", "2024-06", "month"), ("يوم 24 يونيو", "2024-06-24", "day")]
    doc, evs = events(text, [], dates)
    elections = [e for e in evs if e.type == "ELECTION"]
    assert len(elections) == 1 and len(elections[0].triggers) == 2


def test_the_subject_of_a_passive_verb_undergoes_the_act():
    text = "وقصف الجيش الوطني أمس بلدة الزاوية. وقُتل سامي الأحمد في القصف."
    doc, evs = events(text, [ARMY, SAMI, ("town", "LOC", ["الزاوية"])], [("أمس", "2024-05-09", "day")])
    attacks = [e for e in evs if e.type == "ATTACK"]
    assert len(attacks) == 1, [words(doc, e) for e in attacks]
    assert ("sami", "target") in {(p.entity, p.role) for p in attacks[0].participants}
    assert ("sami", "actor") not in {(p.entity, p.role) for p in attacks[0].participants}


def test_triggers_modality_and_date_basis_in_the_json_and_back():
    text = "اجتمع سامي الأحمد أمس بنور الهادي في وهران. وتناول الاجتماع الأوضاع الاقتصادية."
    doc, _ = events(text, [SAMI, NOUR, CITY], [("أمس", "2024-05-09", "day")])
    data = to_dict(doc)
    (ev,) = [e for e in data["events"] if e["type"] == "MEET"]
    assert [t["text"] for t in ev["triggers"]] == ["اجتمع", "الاجتماع"]
    assert ev["modality"] == "asserted" and ev["date_basis"] == "text"
    validate(data)
    back = from_dict(data)
    assert [e.triggers for e in back.events] == [e.triggers for e in doc.events]
    assert to_dict(back)["events"] == data["events"]


def test_a_document_of_an_earlier_version_has_its_trigger_as_its_only_trigger():
    text = "اجتمع سامي الأحمد أمس بنور الهادي في وهران."
    doc, _ = events(text, [SAMI, NOUR, CITY], [("أمس", "2024-05-09", "day")])
    data = to_dict(doc)
    for e in data["events"]:
        del e["triggers"], e["modality"], e["date_basis"]
    back = from_dict(data)
    (ev,) = back.events
    assert ev.triggers == [(ev.trigger_start, ev.trigger_end)] and ev.modality == "asserted"


def test_one_of_the_fiercest_battles_classes_the_battle_told_before():
    text = (
        "وقصف الجيش الوطني أمس مواقع المسلحين في وهران. "
        "ووصف شهود ما جرى بأنه إحدى أعنف المعارك هذا العام في منطقة الساحل."
    )
    dates = [("أمس", "2024-05-09", "day"), ("هذا العام", "2024", "year")]
    doc, evs = events(text, [ARMY, CITY, ("loc:sahel", "LOC", ["الساحل"])], dates)
    attacks = [e for e in evs if e.type == "ATTACK"]
    assert len(attacks) == 1, [words(doc, e) for e in attacks]
    assert words(doc, attacks[0]) == ["قصف", "المعارك"]
    assert attacks[0].date == "2024-05-09" and attacks[0].location == "city:oran-dz"


def test_a_place_named_after_another_lies_in_it():
    ents = [("loc:north-kashmir", "LOC", ["كشمير الشمالية"]), ("loc:kashmir", "LOC", ["كشمير"]), ARMY]
    doc, evs = events(
        "وقصف الجيش الوطني مواقع المسلحين في كشمير الشمالية.",
        ents,
        title="قصف في كشمير",
    )
    attacks = [e for e in evs if e.type == "ATTACK"]
    assert len(attacks) == 1, [words(doc, e) for e in attacks]
    assert attacks[0].location == "loc:north-kashmir"


def test_two_countries_one_named_after_the_other_are_two_places():
    ents = [("country:GQ", "LOC", ["غينيا الاستوائية"]), ("country:GN", "LOC", ["غينيا"]), ARMY]
    doc, evs = events(
        "وقصف الجيش الوطني مواقع المسلحين في غينيا الاستوائية.",
        ents,
        title="قصف في غينيا",
    )
    assert len([e for e in evs if e.type == "ATTACK"]) == 2


def test_a_place_written_in_another_ties_the_attack_told_before_not_a_bare_one_between():
    text = (
        "وقصف الجيش الوطني أمس مواقع المسلحين في الإقليم الشرقي. "
        "وقال الجيش إن القذيفة استهدفت دورياته. "
        "وقتل شخصان في القصف في بلدة الزاوية جنوب الإقليم الشرقي."
    )
    ents = [ARMY, ("loc:zawia", "LOC", ["الزاوية"]), ("loc:east", "LOC", ["الإقليم الشرقي"])]
    doc, evs = events(text, ents, [("أمس", "2024-05-09", "day")])
    attacks = [e for e in evs if e.type == "ATTACK"]
    assert len(attacks) == 1, [words(doc, e) for e in attacks]
    assert "القصف" in words(doc, attacks[0])
    assert attacks[0].location == "loc:zawia" and attacks[0].date == "2024-05-09"


def test_places_written_side_by_side_with_no_place_noun_are_not_one_in_the_other():
    text = (
        "وقصف الجيش الوطني أمس مواقع المسلحين في الإقليم الشرقي. "
        "وقال الجيش إن القذيفة استهدفت دورياته. "
        "وقتل شخصان في القصف في الزاوية والإقليم الشرقي."
    )
    ents = [ARMY, ("loc:zawia", "LOC", ["الزاوية"]), ("loc:east", "LOC", ["الإقليم الشرقي"])]
    doc, evs = events(text, ents, [("أمس", "2024-05-09", "day")])
    assert len([e for e in evs if e.type == "ATTACK"]) == 2


def test_the_headline_takes_the_lead_and_the_news_told_again_with_its_day():
    doc, evs = events(
        "اعتقلت الشرطة سامي الأحمد، وفق ما أعلن مصدر أمني. "
        "وأكدت وزارة الداخلية أن قوات الأمن اعتقلت أمس المعارض في وهران. "
        "وكانت الشرطة قد اعتقلت نور الهادي في عام 2015.",
        [SAMI, NOUR, CITY, ("police", "ORG", ["الشرطة"])],
        [("أمس", "2024-05-09", "day"), ("عام 2015", "2015", "year")],
        title="اعتقال معارض بارز",
    )
    arrests = [e for e in evs if e.type == "ARREST"]
    assert len(arrests) == 2, [words(doc, e) for e in arrests]
    news, old = arrests
    assert words(doc, news) == ["اعتقال", "اعتقلت", "اعتقلت"]
    assert news.date == "2024-05-09" and news.location == "city:oran-dz" and old.date == "2015"


def test_the_headline_does_not_take_a_second_telling_dated_only_to_the_week():
    doc, evs = events(
        "اعتقلت الشرطة سامي الأحمد، وفق ما أعلن مصدر أمني. "
        "وأكدت وزارة الداخلية أن قوات الأمن اعتقلت الأسبوع الماضي معارضا في وهران.",
        [SAMI, CITY, ("police", "ORG", ["الشرطة"])],
        [("الأسبوع الماضي", "2024-05-05", "week")],
        title="اعتقال معارض بارز",
    )
    assert len([e for e in evs if e.type == "ARREST"]) == 2


POLICE = ("police", "ORG", ["الشرطة"])
MINISTRY = ("ministry", "ORG", ["وزارة الداخلية"])
AGENCY = ("agency", "ORG", ["هيئة الموانئ"])
KHALID = ("khalid", "PERSON", ["خالد العمري"])
OMAR = ("omar", "PERSON", ["عمر الخطيب"])


def test_an_announcement_named_as_the_source_then_detailed_is_one_statement():
    doc, evs = events(
        "اعتقلت الشرطة سامي الأحمد أمس، وفق ما أعلن المتحدث باسم وزارة الداخلية خالد العمري. "
        "وأعلنت وزارة الداخلية أمس أن الشرطة اعتقلت الأحمد في وهران.",
        [POLICE, SAMI, (*KHALID, (), "المتحدث باسم وزارة الداخلية"), MINISTRY, CITY],
        [("أمس", "2024-05-09", "day")],
    )
    statements = [e for e in evs if e.type == "STATEMENT"]
    assert len(statements) == 1, [words(doc, e) for e in statements]
    assert words(doc, statements[0]) == ["أعلن", "أعلنت"]
    assert {p.entity for p in statements[0].participants} == {"khalid", "ministry"}


@pytest.mark.parametrize(
    ("source", "second"),
    [
        ("خالد العمري", "وأعلن عمر الخطيب"),  # two people
        ("وزارة الداخلية", "وأعلنت هيئة الموانئ"),  # two bodies
    ],
)
def test_two_voices_are_two_statements(source, second):
    doc, evs = events(
        f"اعتقلت الشرطة سامي الأحمد أمس، وفق ما أعلن {source}. {second} أمس أن الشرطة اعتقلت الأحمد في وهران.",
        [POLICE, SAMI, KHALID, OMAR, MINISTRY, AGENCY, CITY],
        [("أمس", "2024-05-09", "day")],
    )
    statements = [e for e in evs if e.type == "STATEMENT"]
    assert len(statements) == 2, [words(doc, e) for e in statements]


def test_a_statement_not_named_as_a_source_stays_apart():
    doc, evs = events(
        "وأعلن خالد العمري أمس أن الشرطة اعتقلت سامي الأحمد. "
        "وأعلنت وزارة الداخلية أمس أن الشرطة اعتقلت الأحمد في وهران.",
        [POLICE, SAMI, KHALID, MINISTRY, CITY],
        [("أمس", "2024-05-09", "day")],
    )
    assert len([e for e in evs if e.type == "STATEMENT"]) == 2


TUNISIA = ("country:TN", "LOC", ["تونس"])
MOROCCO = ("country:MA", "LOC", ["المغرب"])
KNOWN_BOYCOTT = "وتراجعت الصادرات في الجزائر منذ المقاطعة الاقتصادية التي فرضتها دول مجاورة على البلاد. "


def test_a_happening_recalled_in_the_pluperfect_is_the_one_named_as_known_before():
    doc, evs = events(
        KNOWN_BOYCOTT + "وكانت تونس والمغرب قد أعلنتا قطع العلاقات مع الجزائر العام الماضي.",
        [TUNISIA, MOROCCO, COUNTRY],
        [("العام الماضي", "2023", "year")],
    )
    sanctions = [e for e in evs if e.type == "SANCTION"]
    assert len(sanctions) == 1, [words(doc, e) for e in sanctions]
    assert words(doc, sanctions[0]) == ["المقاطعة", "قطع"]
    assert sanctions[0].date == "2023" and sanctions[0].location == "country:DZ"


def test_a_happening_told_not_recalled_stays_apart_from_the_known_one():
    doc, evs = events(
        KNOWN_BOYCOTT + "وأعلنت تونس والمغرب قطع العلاقات مع الجزائر العام الماضي.",
        [TUNISIA, MOROCCO, COUNTRY],
        [("العام الماضي", "2023", "year")],
    )
    assert len([e for e in evs if e.type == "SANCTION"]) == 2


SUMMIT = (
    "وتعقد قمة الحلف في وهران {day} بمشاركة الجزائر. "
    "وقال سامي الأحمد إن ملف المياه سيكون من القضايا الرئيسية في قمة الحلف يوم الأربعاء."
)


def summits(day, value):
    """The meetings of SUMMIT in a report of Friday 10 May 2024, its bare «يوم الأربعاء» read as
    the past Wednesday (8 May), as the dates layer reads a weekday with no future cue near it."""
    doc = build(SUMMIT.format(day=day), [SAMI, CITY, COUNTRY], [(day, value, "day"), ("يوم الأربعاء", "2024-05-08", "day")])
    for d in doc.dates:
        if doc.text[d.start : d.end] == "يوم الأربعاء":
            d.kind = "relative"
    return [e for e in STAGE(doc).events if e.type == "MEET"]


def test_a_bare_weekday_is_the_one_a_week_on_when_the_article_dates_its_happening_then():
    (meet,) = summits("يوم 15 مايو", "2024-05-15")
    assert meet.date == "2024-05-15" and len(meet.triggers) == 2


def test_a_bare_weekday_two_weeks_from_another_date_stays_as_read():
    assert [m.date for m in summits("يوم 22 مايو", "2024-05-22")] == ["2024-05-22", "2024-05-08"]


def test_only_a_day_moves_a_week_on():
    from rasd.events.places import PlaceRelation
    from rasd.events.timing import TimingRules
    from rasd.model import Event

    month = Event("MEET", 0, 4, date="2024-05", date_precision=3, date_basis="report")
    day = Event("MEET", 10, 14, date="2024-05-08", date_precision=1, date_basis="report")
    TimingRules.week_on([month, day], {id(month), id(day)}, PlaceRelation({}))
    assert (month.date, day.date) == ("2024-05", "2024-05-08")
