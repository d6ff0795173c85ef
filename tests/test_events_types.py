"""One or more sentences for every event type of the ontology."""

from __future__ import annotations

import pytest

from rasd.events.ontology import EVENT_TYPES, ontology
from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
KHALID = ("khalid", "PERSON", ["خالد العمري"])


def events(text, entities=(), dates=(), quantities=()):
    doc = build(text, list(entities), list(dates), list(quantities))
    return doc, STAGE(doc).events


def one(text, etype, entities=(), dates=(), quantities=()):
    doc, evs = events(text, entities, dates, quantities)
    found = [e for e in evs if e.type == etype]
    assert len(found) == 1, [(e.type, doc.text[e.trigger_start : e.trigger_end]) for e in evs]
    return doc, found[0]


def roles(ev):
    return {(p.entity, p.role) for p in ev.participants}


def test_every_type_has_a_trigger_file():
    onto = ontology()
    assert set(onto.types) == set(EVENT_TYPES)
    for t in EVENT_TYPES:
        assert any(tr.type == t for trs in onto.triggers.values() for tr in trs), t


def test_meet_verbal():
    doc, ev = one(
        "اجتمع خالد العمري مع سامي الأحمد في الرياض أمس لبحث التعاون.",
        "MEET",
        [KHALID, SAMI, ("riyadh", "LOC", ["الرياض"])],
        [("أمس", "2024-05-09", "day")],
    )
    assert roles(ev) == {("khalid", "participant"), ("sami", "participant")}
    assert ev.location == "riyadh" and ev.date == "2024-05-09" and ev.date_precision == 1
    assert doc.text[ev.trigger_start : ev.trigger_end] == "اجتمع"


def test_meet_nominal_with_participation_marker():
    text = "شارك الوفد في اجتماع وزراء الخارجية لمجلس التعاون المنعقد أمس بالدوحة بمشاركة الأردن."
    ents = [("gcc", "ORG", ["مجلس التعاون"]), ("doha", "LOC", ["الدوحة"]), ("jo", "LOC", ["الأردن"])]
    doc, ev = one(text, "MEET", ents, [("أمس", "2024-05-09", "day")])
    assert roles(ev) == {("gcc", "participant"), ("jo", "participant")}
    assert ev.location == "doha" and ev.date == "2024-05-09"


def test_meet_hosted_absorbs_the_meeting_noun():
    text = "وأشار إلى أن الأردن استضاف في مارس 2019 في العقبة الاجتماع السنوي لمجلس التعاون، معتبرا أنه كان ناجحا."
    ents = [("jo", "LOC", ["الأردن"]), ("aqaba", "LOC", ["العقبة"]), ("gcc", "ORG", ["مجلس التعاون"])]
    doc, ev = one(text, "MEET", ents, [("مارس 2019", "2019-03", "month")])
    assert doc.text[ev.trigger_start : ev.trigger_end] == "استضاف"
    assert roles(ev) == {("jo", "host"), ("gcc", "guest")}
    assert ev.location == "aqaba" and ev.date == "2019-03" and ev.date_precision == 3


def test_meet_talks_with_coordinated_participants():
    doc, ev = one(
        "وجرت محادثات بين مصر والسودان حول مياه النيل.",
        "MEET",
        [("eg", "LOC", ["مصر"]), ("sd", "LOC", ["السودان"])],
    )
    assert roles(ev) == {("eg", "participant"), ("sd", "participant")}


def test_statement():
    doc, ev = one(
        "وجاء في بيان وزارة الداخلية أن الطرق ستغلق غدا.", "STATEMENT", [("moi", "ORG", ["وزارة الداخلية"])]
    )
    assert roles(ev) == {("moi", "actor")}
    doc, ev = one(
        "أعلنت وزارة الداخلية إغلاق الطرق المؤدية إلى الميناء.",
        "STATEMENT",
        [("moi", "ORG", ["وزارة الداخلية"])],
    )
    assert roles(ev) == {("moi", "actor")}


def test_statement_needs_an_author():
    _, evs = events("وصدر بيان في ختام الجلسة.")
    assert evs == []


def test_visit():
    text = "بدأ خالد العمري زيارة رسمية إلى القاهرة تستغرق ثلاثة أيام."
    doc, ev = one(text, "VISIT", [KHALID, ("cairo", "LOC", ["القاهرة"])])
    assert roles(ev) == {("khalid", "visitor")} and ev.location == "cairo"
    doc, ev = one("وزار سامي الأحمد مقر المنظمة في جنيف.", "VISIT", [SAMI, ("geneva", "LOC", ["جنيف"])])
    assert ("sami", "visitor") in roles(ev) and ev.location == "geneva"


def test_agreement_signed():
    text = "ووقعت مصر والأردن اتفاقية للتعاون في مجال الطاقة في عمان."
    ents = [("eg", "LOC", ["مصر"]), ("jo", "LOC", ["الأردن"]), ("amman", "LOC", ["عمان"])]
    doc, ev = one(text, "AGREEMENT", ents)
    assert doc.text[ev.trigger_start : ev.trigger_end] == "ووقعت"[1:]
    assert roles(ev) == {("eg", "participant"), ("jo", "participant")}
    assert ev.location == "amman"


def test_signing_without_an_agreement_is_no_event():
    _, evs = events("ووقع الحادث في ساعة متأخرة من الليل.")
    assert [e.type for e in evs] == []


def test_aid():
    text = "وقدمت الكويت مساعدات إنسانية إلى اليمن بقيمة عشرة ملايين دولار."
    doc, ev = one(text, "AID", [("kw", "LOC", ["الكويت"]), ("ye", "LOC", ["اليمن"])])
    assert roles(ev) == {("kw", "actor"), ("ye", "target")}


def test_sanction():
    text = "وفرضت الولايات المتحدة عقوبات جديدة على إيران."
    doc, ev = one(text, "SANCTION", [("us", "LOC", ["الولايات المتحدة"]), ("ir", "LOC", ["إيران"])])
    assert roles(ev) == {("us", "actor"), ("ir", "target")}


def test_sanction_withdrawing_a_counted_number_of_diplomats():
    text = "وقامت هولندا بسحب 12 دبلوماسيا من سفارتها في العاصمة."
    doc, ev = one(text, "SANCTION", [("nl", "LOC", ["هولندا"])])
    assert roles(ev) == {("nl", "actor")}
    _doc, evs = events("وقامت الشركة بسحب 12 مليون دولار من حسابها.")
    assert [e.type for e in evs if e.type == "SANCTION"] == []


def test_attack_with_casualties_from_digits():
    text = "قتل 5 أشخاص وأصيب 12 آخرون في هجوم انتحاري استهدف سوقا شعبيا في مدينة الموصل يوم الجمعة."
    doc, ev = one(text, "ATTACK", [("mosul", "LOC", ["الموصل"])], [("يوم الجمعة", "2024-05-03", "day")])
    assert (ev.killed, ev.injured) == (5, 12)
    assert ev.location == "mosul" and ev.location_precision == 1 and ev.date == "2024-05-03"


def test_attack_with_casualties_from_quantities_and_absorbed_death():
    text = "وأسفر الهجوم عن مقتل 7 أشخاص وسقوط 20 جريحا."
    doc, evs = events(text, quantities=[("7 أشخاص", 7, "شخص"), ("20 جريحا", 20, "جريح")])
    assert [e.type for e in evs] == ["ATTACK"]
    assert (evs[0].killed, evs[0].injured) == (7, 20)


def test_attack_roles():
    text = "وشن تنظيم الشباب هجوما على قاعدة عسكرية تابعة للجيش الكيني."
    doc, ev = one(text, "ATTACK", [("shabab", "ORG", ["تنظيم الشباب"]), ("kdf", "ORG", ["الجيش الكيني"])])
    assert ("shabab", "actor") in roles(ev)


def test_arrest():
    text = "وألقت الشرطة السعودية القبض على سامي الأحمد في مدينة جدة."
    doc, ev = one(text, "ARREST", [("police", "ORG", ["الشرطة السعودية"]), SAMI, ("jeddah", "LOC", ["جدة"])])
    assert roles(ev) == {("police", "actor"), ("sami", "target")}
    assert ev.location == "jeddah"
    doc, ev = one("واعتقلت قوات الأمن سامي الأحمد أمس.", "ARREST", [("sf", "ORG", ["قوات الأمن"]), SAMI])
    assert roles(ev) == {("sf", "actor"), ("sami", "target")}


def test_trial():
    text = "وبدأت محاكمة سامي الأحمد أمام محكمة الجنايات في القاهرة."
    doc, ev = one(text, "TRIAL", [SAMI, ("court", "ORG", ["محكمة الجنايات"]), ("cairo", "LOC", ["القاهرة"])])
    assert ("sami", "target") in roles(ev) and ev.location == "cairo"
    doc, ev = one("وقضت المحكمة بسجن المتهم عشر سنوات.", "TRIAL", [("court", "ORG", ["المحكمة"])])
    assert roles(ev) == {("court", "actor")}


def test_election():
    text = "وأجريت الانتخابات البرلمانية في تونس يوم الأحد."
    doc, ev = one(text, "ELECTION", [("tn", "LOC", ["تونس"])], [("يوم الأحد", "2024-05-05", "day")])
    assert ev.location == "tn" and ev.date == "2024-05-05"


def test_protest_verb_and_noun_make_one_event():
    text = "وتظاهر آلاف الطلاب في الخرطوم احتجاجا على رفع أسعار الخبز."
    doc, ev = one(text, "PROTEST", [("khartoum", "LOC", ["الخرطوم"])])
    assert ev.location == "khartoum"
    doc, ev = one("وشهدت العاصمة مظاهرات حاشدة ضد الحكومة.", "PROTEST", [("gov", "ORG", ["الحكومة"])])
    assert roles(ev) == {("gov", "target")}


def test_appointment():
    text = "وأصدر الرئيس قرارا بتعيين سامي الأحمد وزيرا للمالية."
    doc, ev = one(text, "APPOINTMENT", [SAMI])
    assert roles(ev) == {("sami", "target")}
    one("وعين الملك خالد العمري سفيرا لدى فرنسا.", "APPOINTMENT", [KHALID])


def test_death():
    text = "توفي الشيخ سامي الأحمد صباح اليوم في مستشفى بالرياض."
    doc, ev = one(text, "DEATH", [SAMI, ("riyadh", "LOC", ["الرياض"])], [("صباح اليوم", "2024-05-10", "day")])
    assert ev.location == "riyadh" and ev.date == "2024-05-10"
    # a killing or an assassination is violence: an ATTACK on its victim, not a DEATH
    doc, ev = one("وأدانت الحكومة اغتيال سامي الأحمد.", "ATTACK", [SAMI])
    assert roles(ev) == {("sami", "target")}


def test_accident():
    text = "لقي 3 أشخاص مصرعهم وأصيب 5 آخرون في حادث سير على الطريق السريع."
    doc, ev = one(text, "ACCIDENT")
    assert (ev.killed, ev.injured) == (3, 5)
    doc, ev = one("وانقلبت حافلة تقل عمالا قرب مدينة أسوان.", "ACCIDENT", [("aswan", "LOC", ["أسوان"])])
    assert ev.location == "aswan" and ev.location_precision == 1


@pytest.mark.parametrize("etype", EVENT_TYPES)
def test_types_are_documented(etype):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "EVENTS.md").read_text(encoding="utf-8")
    assert f"### {etype}" in doc


def test_every_trigger_lemma_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "EVENTS.md").read_text(encoding="utf-8")
    lemmas = {tr.lemma for trs in ontology().triggers.values() for tr in trs}
    assert sorted(lem for lem in lemmas if lem not in doc) == []


def test_visit_of_an_organisation_is_its_host():
    doc, ev = one(
        "وقام خالد العمري بزيارة نادي الفروسية في الرياض.",
        "VISIT",
        [KHALID, ("club", "ORG", ["نادي الفروسية"]), ("riyadh", "LOC", ["الرياض"])],
    )
    assert roles(ev) == {("club", "host"), ("khalid", "visitor")}


def test_protest_a_gathering_before_a_building():
    text = "وشارك العشرات في تجمع صغير أمام مقر الحكومة في تونس للمطالبة بالإفراج عن المعتقلين."
    doc, ev = one(text, "PROTEST", [("tn", "LOC", ["تونس"])])
    assert ev.location == "tn"
    _doc, evs = events("وانتخب رئيس تجمع المهنيين في تونس أمس.", [("tn", "LOC", ["تونس"])])
    assert [e.type for e in evs if e.type == "PROTEST"] == []
