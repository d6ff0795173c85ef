"""Search on both back ends: a name in another spelling, quoted phrases, phrases ranked first."""

from __future__ import annotations

from rasd.store.search import parse_query, snippet


def corpus(build_doc):
    return [
        build_doc("قال الرئيس غرنت في خطاب أمام أنصاره إن الاقتصاد يشهد نموا غير مسبوق هذا العام.", "خطاب",
                  id="short", published="2024-01-01"),
        build_doc("أكد الرئيس غرانت أن المفاوضات التجارية مع الشركاء ستستأنف الأسبوع المقبل في العاصمة.", "مفاوضات",
                  id="long", published="2024-01-02"),
        build_doc("دعا مجلس الأمن الدولي في بيان صدر مساء أمس جميع الأطراف إلى وقف إطلاق النار فورا والعودة إلى طاولة "
                  "المفاوضات، مؤكدا أن الحل السياسي هو السبيل الوحيد لإنهاء النزاع الذي طال أمده في المنطقة.", "بيان",
                  id="council", published="2024-01-03"),
        build_doc("مجلس الأعمال بحث الأمن الغذائي، ومجلس الإدارة بحث الأمن المائي.", "مجلسان",
                  id="scattered", published="2024-01-04"),
    ]


def ids(results):
    return [r.id for r in results]


def test_a_name_is_found_in_its_other_spelling_both_ways(store):
    assert sorted(ids(store.search("غرانت"))) == ["long", "short"]
    assert sorted(ids(store.search("غرنت"))) == ["long", "short"]
    assert store.count("غرانت") == 2


def test_the_other_spelling_is_highlighted():
    text = "قال الرئيس غرنت إن الاقتصاد ينمو، وقال غرانت ذلك أمس."
    for query in ("غرانت", "غرنت"):
        sn = snippet(text, parse_query(query), width=200)
        assert [sn.text[a:b] for a, b in sn.highlights] == ["غرنت", "غرانت"]


def test_a_quoted_phrase_needs_its_words_adjacent_and_in_order(store):
    assert ids(store.search('"مجلس الأمن"')) == ["council"]
    assert ids(store.search("«مجلس الأمن»")) == ["council"]
    assert ids(store.search('"الأمن مجلس"')) == []
    assert store.count('"مجلس الأمن"') == 1
    assert ids(store.search('"مجلس الأمن"', order="date")) == ["council"]


def test_unquoted_words_standing_together_rank_first(store):
    found = ids(store.search("مجلس الأمن"))
    assert found == ["council", "scattered"]


def test_parse_query_keeps_phrases_and_boosts_only_unquoted_queries():
    q = parse_query('"مجلس الأمن" الدولي')
    assert [[t.text for t in run] for run in q.phrases] == [["مجلس", "الأمن"]]
    assert [t.text for t in q.terms] == ["مجلس", "الأمن", "الدولي"] and q.boost == ()
    assert [t.text for t in parse_query("مجلس الأمن").boost] == ["مجلس", "الأمن"]
    assert parse_query("مجلس").boost == ()
