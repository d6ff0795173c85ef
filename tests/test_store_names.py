"""Finding an entity by a surname, a part of its name or another spelling (rasd.store.names), on
both back ends, through every query that takes a name."""

from __future__ import annotations

import pytest

from rasd.store.errors import AmbiguousEntity, UnknownEntity
from rasd.store.names import word_skeleton

PRESIDENT = ("per:pres", "PERSON", "هارولد غرنت", ["هارولد غرنت"])
DAUGHTER = ("per:daughter", "PERSON", "ماريسا غرنت", ["ماريسا غرنت"])
COUNCIL = ("org:council", "ORG", "مجلس الأمن الدولي", ["مجلس الأمن الدولي"])
KREMLIN = ("per:kremlin", "PERSON", "ستانيسلاف كوزنين", ["ستانيسلاف كوزنين"])


def corpus(build_doc):
    return [
        build_doc("قال هارولد غرنت إن الاتفاق التجاري سيوقع قريبا بعد جولة مفاوضات طويلة مع الشركاء.", "الاتفاق التجاري",
                  id="n1", published="2024-03-01", source="sabq", entities=[PRESIDENT],
                  quotes=[("الاتفاق التجاري سيوقع قريبا", "per:pres")]),
        build_doc("أكد هارولد غرنت أن مجلس الأمن الدولي سيعقد جلسة طارئة لبحث الأزمة في المنطقة.", "جلسة طارئة",
                  id="n2", published="2024-03-02", source="okaz", entities=[PRESIDENT, COUNCIL],
                  quotes=[("مجلس الأمن الدولي سيعقد جلسة طارئة", "per:pres")],
                  events=[("MEETING", "جلسة", [("org:council", "actor")], None)]),
        build_doc("زارت ماريسا غرنت معرضا للفنون في المدينة برفقة عدد من المسؤولين المحليين.", "زيارة معرض",
                  id="n3", published="2024-03-03", source="sabq", entities=[DAUGHTER]),
        build_doc("التقى ستانيسلاف كوزنين وفدا اقتصاديا في العاصمة لبحث مشاريع الطاقة المشتركة.", "لقاء اقتصادي",
                  id="n4", published="2024-03-04", source="okaz", entities=[KREMLIN]),
    ]


def test_word_skeleton_folds_the_long_vowels_of_a_name():
    assert word_skeleton("غرانت") == word_skeleton("غرنت") == "غرنت"
    assert word_skeleton("بوش") == "بوش"  # short words are compared whole


def test_a_spelling_variant_of_the_whole_name_finds_the_entity(store):
    assert [e.id for e in store.resolve_entities("هارولد غرانت")] == ["per:pres"]
    assert store.entity_profile("هارولد غرانت").id == "per:pres"


def test_a_surname_alone_finds_the_one_entity_it_belongs_to(store):
    assert store.entity_profile("كوزنين").id == "per:kremlin"
    assert store.entity_profile("ستانيسلاف").id == "per:kremlin"


def test_the_head_of_a_longer_name_finds_it_with_or_without_the_article(store):
    for name in ("مجلس الأمن", "مجلس أمن"):
        assert store.entity_profile(name).id == "org:council"
    assert [r.id for r in store.search(entity="مجلس الأمن")] == ["n2"]
    assert [e.document_id for e in store.events(participant="مجلس الأمن")] == ["n2"]


def test_a_name_shared_by_several_entities_lists_them_most_documents_first(store):
    for name in ("غرنت", "غرانت"):
        with pytest.raises(AmbiguousEntity) as err:
            store.entity_profile(name)
        assert [e.id for e in err.value.candidates] == ["per:pres", "per:daughter"]
        assert err.value.code == "E611"
        assert "per:pres" in str(err.value) and "2 documents" in str(err.value)
    with pytest.raises(AmbiguousEntity):
        store.search(entity="غرنت")


def test_quotes_by_a_speaker_named_in_another_spelling(store):
    assert [q.document_id for q in store.quotes("هارولد غرانت")] == ["n2", "n1"]
    with pytest.raises(UnknownEntity):
        store.quotes("شخص لا يعرفه أحد")


def test_an_exact_alias_still_wins(store):
    assert [e.id for e in store.resolve_entities("هارولد غرنت")] == ["per:pres"]
    assert [e.id for e in store.resolve_entities("per:daughter")] == ["per:daughter"]
    with pytest.raises(UnknownEntity):
        store.entity_profile("مجلس الشورى")
