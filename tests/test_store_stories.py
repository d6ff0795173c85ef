"""Top stories on both back ends: articles of several outlets about one event grouped as they are
stored, without regrouping (rasd.store.stories), listed with their outlets, people and places."""

from __future__ import annotations

import pytest

from rasd.store.errors import BadQuery, StoryNotFound

BRIDGE_TITLE = "انهيار جسر في مدينة الموصل"
BRIDGE = ("انهار جسر حديدي قديم فوق نهر دجلة في مدينة الموصل صباح الثلاثاء، وأعلنت مديرية الدفاع المدني أن فرق "
          "الإنقاذ انتشلت ثلاثة مصابين من المياه، وأغلقت الشرطة الطرق المؤدية إلى الجسر المنهار، وقال محافظ نينوى إن "
          "لجنة هندسية ستفحص الجسور القديمة في المدينة.")
BRIDGE_2_TITLE = "انهيار جسر حديدي قديم في الموصل"
BRIDGE_2 = ("انتشلت فرق الإنقاذ التابعة لمديرية الدفاع المدني ثلاثة مصابين من مياه نهر دجلة بعد انهيار جسر حديدي قديم "
            "في مدينة الموصل صباح الثلاثاء، وأغلقت الشرطة الطرق المؤدية إلى الجسر، وأعلن محافظ نينوى تشكيل لجنة هندسية "
            "لفحص الجسور القديمة في المدينة.")
BOOKS = ("افتتح محافظ نينوى صباح الثلاثاء معرضا للكتاب في جامعة الموصل يشارك فيه خمسون ناشرا من داخل العراق وخارجه، "
         "ويستمر المعرض أسبوعا كاملا وتقام على هامشه ندوات ثقافية وأمسيات شعرية.")
LATE = ("في مدينة الموصل انهار صباح الثلاثاء جسر قديم حديدي فوق دجلة، ومديرية الدفاع المدني أعلنت انتشال فرق الإنقاذ ثلاثة "
        "من المصابين، والشرطة أغلقت الطرق إلى الجسر المنهار، ومحافظ نينوى قال إن الجسور القديمة في المدينة ستفحصها لجنة هندسية.")
MOSUL = ("loc:mosul", "LOC", "الموصل", ["الموصل"])
GOVERNOR = ("per:governor", "PERSON", "محافظ نينوى", ["محافظ نينوى"])


def corpus(build_doc):
    """The same event told by two outlets (b1, b2), an exact copy of b1 by a third (b3), another
    event in the same city on the same day (k1), and the same event in other words a week later (late)."""
    return [
        build_doc(BRIDGE, BRIDGE_TITLE, id="b1", published="2024-04-02", source="وكالة أ", entities=[MOSUL, GOVERNOR]),
        build_doc(BOOKS, "افتتاح معرض للكتاب في الموصل", id="k1", published="2024-04-02", source="وكالة أ",
                  entities=[MOSUL, GOVERNOR]),
        build_doc(BRIDGE_2, BRIDGE_2_TITLE, id="b2", published="2024-04-03", source="صحيفة ب", entities=[MOSUL, GOVERNOR]),
        build_doc(BRIDGE, BRIDGE_TITLE, id="b3", published="2024-04-03", source="صحيفة ج", entities=[MOSUL, GOVERNOR]),
        build_doc(LATE, "انهيار جسر قديم في الموصل", id="late", published="2024-04-10", source="صحيفة ب", entities=[MOSUL, GOVERNOR]),
    ]


def test_articles_about_one_event_form_one_story_and_others_their_own(store):
    top = store.top_stories(days=30, min_documents=1, limit=10)
    by_id = {s.id: s for s in top}
    bridge = by_id["b1"]
    assert [a.id for a in bridge.articles] == ["b1", "b2", "b3"]  # earliest first, then in the order stored
    assert bridge.documents == 3 and bridge.first == "2024-04-02" and bridge.last == "2024-04-03"
    assert bridge.outlets == sorted(["وكالة أ", "صحيفة ب", "صحيفة ج"])  # one article each: by name
    assert bridge.people == [("per:governor", "محافظ نينوى", 3)] and bridge.places == [("loc:mosul", "الموصل", 3)]
    assert bridge.title == BRIDGE_TITLE
    assert by_id["k1"].documents == 1  # the same city and governor, the same day, another event
    assert by_id["late"].documents == 1  # the same words a week later: outside the window of days
    assert top[0].id == "b1"  # the largest first


def test_largest_recent_stories_are_listed_by_period(store):
    assert [s.id for s in store.top_stories(days=7)] == []  # the last week before 2024-04-10 has no story of two
    assert [s.id for s in store.top_stories(since="2024-04-01", until="2024-04-05")] == ["b1"]
    assert [s.id for s in store.top_stories(since="2024-04-01", until="2024-04-05", articles=1)[0].articles] == ["b1"]
    with pytest.raises(BadQuery):
        store.top_stories(since="last week", until="2024-04-05")


def test_story_by_id_and_unknown_story(store):
    assert store.story("b1").documents == 3
    with pytest.raises(StoryNotFound) as err:
        store.story("nope")
    assert err.value.code == "E617"


def test_a_new_article_joins_a_story_without_regrouping_the_others(store, build_doc):
    before = {s.id: [a.id for a in s.articles] for s in store.top_stories(days=30, min_documents=1)}
    result = store.put_document(build_doc(BRIDGE_2, BRIDGE_2_TITLE, id="b4", published="2024-04-02", source="إذاعة د",
                                          entities=[MOSUL, GOVERNOR]))
    assert result.story == "b1"
    after = {s.id: [a.id for a in s.articles] for s in store.top_stories(days=30, min_documents=1, articles=10)}
    assert after["b1"] == ["b1", "b4", "b2", "b3"]
    assert {k: v for k, v in after.items() if k != "b1"} == {k: v for k, v in before.items() if k != "b1"}


def test_deleting_and_replacing_keep_the_story_tables_in_step(store, build_doc):
    assert store.delete_document("b2")
    assert [a.id for a in store.story("b1").articles] == ["b1", "b3"]
    store.put_document(build_doc(BOOKS, "افتتاح معرض للكتاب في الموصل", id="b3", published="2024-04-03", source="صحيفة ج"))
    assert [a.id for a in store.story("b1").articles] == ["b1"]
    assert store.check().ok


def test_backfill_groups_articles_stored_without_a_story(store):
    for table in ("story_terms", "story_members"):
        store._execute(f"DELETE FROM {table}")
    assert store.top_stories(days=30, min_documents=1) == []
    assert store.backfill_stories() == 5
    assert [a.id for a in store.story("b1").articles] == ["b1", "b2", "b3"]
    assert store.backfill_stories() == 0
