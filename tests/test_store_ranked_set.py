"""Both back ends score only the most recently stored matches of a query (`ranking.RANKED`), so a
frequent word costs no more than a rare one and SQLite and PostgreSQL rank the same documents:
every match is still found, counted and paged, and the first page agrees."""

from __future__ import annotations

import pytest

from rasd.query import search_total
from rasd.store import open_store, ranking

BODY = "ناقش المجلس البلدي في جلسته خطة تطوير الحدائق العامة وتوسيع شبكة الطرق في الأحياء الجديدة رقم {n}."
FILLER = "وتابع الحضور عرضا عن المشاريع المقبلة في المدينة"


def test_only_the_newest_matches_are_ranked_and_the_rest_follow_newest_first(store_url, build_doc, monkeypatch):
    monkeypatch.setattr(ranking, "RANKED", 3)
    with open_store(store_url) as s:
        for n in range(6):  # the older, the more often the word: ranking every match would put d0 first
            s.put_document(build_doc(BODY.format(n=n) + " الحدائق" * (6 - n), f"خبر {n}", id=f"d{n}", published=f"2024-01-0{n + 1}"))
        hits = s.search("الحدائق", limit=10, collapse_duplicates=False)
        assert s.count("الحدائق", collapse_duplicates=False) == 6
        assert sorted(h.id for h in hits[:3]) == ["d3", "d4", "d5"] and all(h.score > 0 for h in hits[:3])
        assert [(h.id, h.score) for h in hits[3:]] == [("d2", 0.0), ("d1", 0.0), ("d0", 0.0)]
        assert [h.id for h in s.search("الحدائق", limit=2, offset=4, collapse_duplicates=False)] == ["d1", "d0"]
        # with a filter, the ranked set is the newest matches that pass it
        filtered = s.search("الحدائق", since="2024-01-02", until="2024-01-05", limit=10, collapse_duplicates=False)
        assert sorted(h.id for h in filtered[:3]) == ["d2", "d3", "d4"] and [(h.id, h.score) for h in filtered[3:]] == [("d1", 0.0)]


def parity_corpus(build_doc):
    """Twelve articles, oldest first: the older, the more often they name the envoy, the council
    and the city, so a search that scored every match would lead with the oldest."""
    envoy = ("per:envoy", "PERSON", "المبعوث الأممي", ["المبعوث الأممي"])
    city = ("city:aden", "LOC", "عدن", ["عدن"])
    docs = []
    for n in range(12):
        k = 12 - n  # occurrences, the same length every time: what is left is filler
        body = " ".join(["قال المبعوث الأممي إن مجلس الأمن سيجتمع في عدن."] * (k // 3 + 1) + [FILLER] * (5 - k // 3))
        docs.append(build_doc(body, f"تقرير {n}", id=f"p{n:02d}", published=f"2023-05-{n + 1:02d}",
                              source=("sabq", "okaz")[n % 2], entities=[envoy, city]))
    return docs


QUERIES = [
    dict(query="المبعوث"),  # a name
    dict(query='"مجلس الأمن"'),  # a phrase
    dict(query="مجلس الأمن"),  # words that also stand as a phrase (boosted)
    dict(query="المبعوث", entity="عدن"),  # a query within an entity
    dict(query="سيجتمع", source="okaz"),
]


@pytest.mark.parametrize("kw", QUERIES, ids=[repr(q) for q in QUERIES])
def test_both_back_ends_give_the_same_first_page(kw, tmp_path, pg_url, build_doc, monkeypatch):
    monkeypatch.setattr(ranking, "RANKED", 4)
    pages = []
    for url in (str(tmp_path / "parity.db"), pg_url):
        with open_store(url) as s:
            for doc in parity_corpus(build_doc):
                s.put_document(doc)
            first = [h.id for h in s.search(**kw, limit=3, collapse_duplicates=False)]
            every = [h.id for h in s.search(**kw, limit=50, collapse_duplicates=False)]
            pages.append((first, every))
    (first_sqlite, every_sqlite), (first_pg, every_pg) = pages
    assert first_sqlite == first_pg
    assert every_sqlite == every_pg  # past the ranked set: newest first on both
    assert "p00" not in first_sqlite and len(every_sqlite) > 4


DISTINCT = [
    "افتتحت البلدية ثلاث حدائق جديدة في الأحياء الشمالية، وتضم الحدائق ملاعب للأطفال ومسارات للمشي.",
    "شكا السكان من إهمال الحدائق القديمة وطالبوا بزيادة عدد عمال النظافة وإصلاح الإنارة فيها.",
    "أطلقت جمعية بيئية حملة لزراعة ألف شجرة في الحدائق والمدارس بمشاركة المتطوعين من طلاب الجامعات.",
    "قررت الإدارة إغلاق الحدائق العامة ليلا بعد تكرار حوادث التخريب خلال عطلة نهاية الأسبوع الماضية.",
    "يستضيف معرض الزهور السنوي هذا العام في الحدائق المركزية أكثر من مئتي عارض من عشرين دولة.",
    "كشفت دراسة حديثة أن الحدائق المنزلية تخفض حرارة المباني صيفا وتقلل استهلاك الكهرباء بشكل ملحوظ.",
]


def test_the_total_is_exact_up_to_the_limit_then_a_lower_bound(store_url, build_doc, monkeypatch):
    import rasd.query

    wire = "أعلنت الهيئة العامة للأرصاد أن موجة حر ستضرب المنطقة الشرقية خلال الأيام المقبلة مع ارتفاع الحرارة في الحدائق."
    with open_store(store_url) as s:
        for n, body in enumerate(DISTINCT):
            s.put_document(build_doc(body, f"خبر {n}", id=f"d{n}", published=f"2024-01-0{n + 1}"))
        for n in range(3):  # one story in three copies
            s.put_document(build_doc(wire, "موجة حر", id=f"w{n}", published=f"2024-02-0{n + 1}"))
        assert s.count("الحدائق") == 7 and s.count("الحدائق", collapse_duplicates=False) == 9
        monkeypatch.setattr(rasd.query, "COUNT_LIMIT", 9)
        assert search_total(s, "الحدائق") == (7, True)
        assert search_total(s, "الحدائق", collapse_duplicates=False) == (9, True)
        monkeypatch.setattr(rasd.query, "COUNT_LIMIT", 4)
        assert search_total(s, "الحدائق", collapse_duplicates=False) == (4, False)
        stories, exact = search_total(s, "الحدائق")
        assert not exact and 2 <= stories <= 5  # the stories among 5 of the 9 matching documents


def test_a_frequent_word_is_matched_by_the_index_not_by_reading_every_tsvector(pg_url):
    with open_store(pg_url) as s:
        assert s._scalar("SHOW random_page_cost") == "1.1"
        assert s._scalar("SHOW max_parallel_workers_per_gather") == "0"


def test_postgres_takes_the_newest_matches_from_the_full_text_index(pg_url, build_doc):
    """The newest matches come from the GIN index's matches sorted by doc_no, never from walking the
    primary key backwards and testing each document's tsvector: the planner expects matches to be
    spread evenly, and a name missing from the newest articles made that walk read thousands of
    tsvectors (0.1-0.25 s on 25k articles, against 5-10 ms)."""
    from rasd.store.search import parse_query

    with open_store(pg_url) as s:
        for n in range(40):
            s.put_document(build_doc(BODY.format(n=n) + (" وزار الوفد المتحف" if n < 5 else ""), f"خبر {n}", id=f"g{n}", published="2024-01-01"))
        s._execute("ANALYZE documents")
        s._execute("SET enable_seqscan = off")  # an index, then: the walk was one
        sql, params = s._newest_scored_sql(parse_query("المتحف"), ranking.RANKED)
        plan = "\n".join(r[0] for r in s._fetchall("EXPLAIN " + sql, params))
        assert "documents_search" in plan and "Backward" not in plan, plan
        assert sorted(r[1] for r in s._fetchall(sql, params)) == [f"g{n}" for n in range(5)]


def test_an_entity_filter_leaves_out_an_alias_given_wrongly_once(store_url, build_doc):
    """«نسيم» names the ride company in 24 articles; one article's resolution gave the name to a
    union too. The filter keeps the company alone; a name two entities share in many articles
    keeps both."""
    company = ("org:naseem", "ORG", "نسيم", ["نسيم"])
    with open_store(store_url) as s:
        for n in range(24):
            s.put_document(build_doc(f"أعلنت نسيم عن خدمة جديدة للنقل في المدينة رقم {n}.", f"نقل {n}", id=f"c{n}",
                                     published="2024-03-01", entities=[company]))
        s.put_document(build_doc("قال الاتحاد إن نسيم ستفاوض العمال.", "اتحاد", id="u0", published="2024-03-02",
                                 entities=[("org:union", "ORG", "الاتحاد", ["الاتحاد", "نسيم"])]))
        assert s._search_entity_ids("نسيم", None) == ["org:naseem"]
        assert "u0" not in {h.id for h in s.search(None, entity="نسيم", order="date", limit=50)}
        assert s._search_entity_ids("org:union", None) == ["org:union"]  # an id is always itself
        for n in range(2, 4):
            s.put_document(build_doc("قال الاتحاد إن نسيم ستفاوض العمال مرة أخرى.", "اتحاد", id=f"u{n}", published="2024-03-03",
                                     entities=[("org:union", "ORG", "الاتحاد", ["الاتحاد", "نسيم"])]))
        assert s._search_entity_ids("نسيم", None) == ["org:naseem", "org:union"]  # 3 of 24: a name they share


def test_what_a_listing_by_entity_keeps_between_requests_follows_the_data(store_url, build_doc):
    """The entity's ids and the numbers a listing by date plans by are kept between requests; a
    document stored by another connection names the entity in the very next listing."""
    city = ("city:aden", "LOC", "عدن", ["عدن"])
    with open_store(store_url) as reader, open_store(store_url) as writer:
        bodies = ["وصل الوفد الحكومي إلى عدن لبحث ملف الكهرباء مع المحافظ.", "افتتحت في عدن مدرسة جديدة تتسع لألف طالب.",
                  "شهدت عدن أمطارا غزيرة أغرقت عددا من الشوارع الرئيسية."]
        for n, body in enumerate(bodies):
            writer.put_document(build_doc(body, f"خبر {n}", id=f"a{n}", published=f"2024-04-0{n + 1}", entities=[city]))
        assert [h.id for h in reader.search(None, entity="عدن", order="date", limit=10)] == ["a2", "a1", "a0"]
        assert reader.count_upto(None, entity="عدن", documents=10) == (3, True)
        writer.put_document(build_doc("أعلن ميناء عدن استئناف حركة السفن التجارية بعد توقف.", "ميناء", id="a9", published="2024-04-09", entities=[city]))
        assert [h.id for h in reader.search(None, entity="عدن", order="date", limit=10)] == ["a9", "a2", "a1", "a0"]
        assert reader.count_upto(None, entity="عدن", documents=10) == (4, True)


def test_an_entity_filters_total_agrees_with_counting_its_documents(store_url, build_doc):
    """An entity filter alone is counted from the entity index; the total is the one counting the
    filtered documents gives: stories once, a document named by two of the filter's entities
    once, exact or a bound alike."""
    company = ("org:naseem", "ORG", "نسيم", ["نسيم"])
    union = ("org:union", "ORG", "نسيم", ["نسيم", "الاتحاد"])
    with open_store(store_url) as s:
        for n in range(6):
            body = f"أعلنت نسيم عن خدمة جديدة للنقل في المدينة رقم {n} بعد مفاوضات طويلة مع البلدية والسكان."
            s.put_document(build_doc(body, f"نقل {n}", id=f"c{n}", published=f"2024-03-0{n + 1}", entities=[company]))
            if n % 2 == 0:  # a copy of the same story
                s.put_document(build_doc(body, f"نقل {n}", id=f"c{n}-copy", published=f"2024-03-0{n + 1}", entities=[company]))
        for n in range(3):
            s.put_document(build_doc(f"قال الاتحاد إن نسيم ستفاوض العمال في الجولة رقم {n} من المحادثات.", "اتحاد", id=f"u{n}",
                                     published="2024-03-09", entities=[company, union]))
        assert s._search_entity_ids("نسيم", None) == ["org:naseem", "org:union"]
        for duplicates in (False, True):
            whole = s.count(None, entity="نسيم", collapse_duplicates=not duplicates)
            assert s.count_upto(None, entity="نسيم", documents=100, collapse_duplicates=not duplicates) == (whole, True)
            one = s.count(None, entity="org:union", collapse_duplicates=not duplicates)
            assert s.count_upto(None, entity="org:union", documents=100, collapse_duplicates=not duplicates) == (one, True)
        assert s.count(None, entity="نسيم", collapse_duplicates=False) == 12 and s.count(None, entity="نسيم") < 12
        assert s.count_upto(None, entity="نسيم", documents=5, collapse_duplicates=False) == (5, False)
        n, exact = s.count_upto(None, entity="نسيم", documents=5)
        assert not exact and 1 <= n <= 6  # a lower bound: the stories among the documents read
