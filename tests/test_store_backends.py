"""The store interface on both back ends (SQLite file, real PostgreSQL server), and their parity."""

from __future__ import annotations

import pytest

from rasd.serialize import to_dict
from rasd.store import open_store
from rasd.store.errors import BadQuery, BadReference, DocumentNotFound, UnknownEntity

BODY_ALLIANCE = "قال وزير الخارجية إن اجتماعا للتحالف الدولي سيعقد في بروكسيل الأسبوع المقبل لبحث الأوضاع الأمنية في المنطقة."
BODY_RIYADH = "استقبل أمير المنطقة في الرياض وفدا من رجال الأعمال لبحث فرص الاستثمار في قطاع السياحة والطاقة المتجددة."
BODY_MINISTRY = "أعلنت وزارة الصحة عن حملة تطعيم جديدة تشمل جميع المدارس في الرياض وجدة والدمام خلال الشهر المقبل."
BODY_STORM = "أعلنت هيئة الأرصاد أن عاصفة رملية ستضرب المنطقة الشرقية غدا، ودعت السكان إلى توخي الحذر عند القيادة."


def corpus(build_doc):
    """Five hand-built analysed documents; two of them are the same wire story."""
    wire = ("أكد وزير الخارجية في مؤتمر صحفي بالرياض أن المملكة ستواصل دعم جهود السلام في المنطقة، "
            "وأن الحوار هو السبيل الوحيد لحل الخلافات بين الدول، مشيرا إلى أن الاتصالات مستمرة مع الشركاء.")
    minister = ("per:fm", "PERSON", "وزير الخارجية", ["وزير الخارجية"])
    riyadh = ("loc:riyadh", "LOC", "الرياض", ["الرياض"])
    return [
        build_doc(BODY_ALLIANCE, "اجتماع مرتقب للتحالف", id="a1", published="2015-07-21", source="sabq",
                  entities=[minister, ("loc:brussels", "LOC", "بروكسل", ["بروكسيل"])],
                  quotes=[("اجتماعا للتحالف الدولي سيعقد في بروكسيل", "per:fm")],
                  events=[("MEETING", "اجتماعا", [("per:fm", "actor")], "loc:brussels")],
                  titles={"per:fm": "وزير"}),
        build_doc(BODY_RIYADH, "وفد اقتصادي في العاصمة", id="a2", published="2015-07-22", source="okaz",
                  entities=[riyadh, ("per:emir", "PERSON", "أمير المنطقة", ["أمير المنطقة"])],
                  events=[("MEETING", "استقبل", [("per:emir", "host")], "loc:riyadh")],
                  relations=[("LOCATED_IN", "per:emir", "loc:riyadh")]),
        build_doc(BODY_MINISTRY, "حملة تطعيم", id="a3", published="2015-08-02", source="sabq",
                  entities=[riyadh, ("org:moh", "ORG", "وزارة الصحة", ["وزارة الصحة"])]),
        build_doc(wire, "الخارجية: الحوار سبيل السلام", id="w1", published="2015-08-05", source="sabq",
                  entities=[minister, ("loc:riyadh", "LOC", "الرياض", ["بالرياض"])],
                  quotes=[("الحوار هو السبيل الوحيد لحل الخلافات بين الدول", "per:fm")],
                  titles={"per:fm": "الوزير"}),
        build_doc(wire, "المملكة تدعم جهود السلام", id="w2", published="2015-08-06", source="okaz",
                  entities=[minister]),
    ]


def ids(results):
    return [r.id for r in results]


def test_document_round_trips_through_the_store(store, build_doc):
    for doc in corpus(build_doc):
        assert to_dict(store.get_document(doc.id)) == to_dict(doc)
    assert store.content_hash("a1") is not None and store.content_hash("nope") is None
    assert store.has_hash(store.content_hash("a1"))


def test_clitic_spelling_and_waw_variants_are_found(store):
    assert ids(store.search("التحالف الدولي")) == ["a1"]
    assert ids(store.search("بروكسل")) == ["a1"]
    assert ids(store.search("وزارة")) == ["a3"]
    hit = store.search("التحالف الدولي")[0]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["للتحالف", "الدولي"]


def test_filters_order_and_empty_query(store):
    assert set(ids(store.search(entity="الرياض"))) == {"a2", "a3", "w1"}
    assert set(ids(store.search(entity="بالرياض", source="sabq"))) == {"a3", "w1"}
    assert ids(store.search(entity="الرياض", order="date")) == ["w1", "a3", "a2"]
    assert ids(store.search(entity="الرياض", since="2015-08", until="2015-08-02")) == ["a3"]
    assert set(ids(store.search(type="ORG"))) == {"a3"}
    assert set(ids(store.search(type="MEETING"))) == {"a1", "a2"}
    assert ids(store.search("المنطقة", entity="أمير المنطقة")) == ["a2"]
    hit = store.search(entity="بروكسيل")[0]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["بروكسيل"]
    with pytest.raises(BadQuery):
        store.search("")
    with pytest.raises(BadQuery):
        store.search("x", since="yesterday")
    with pytest.raises(UnknownEntity):
        store.search(entity="لا أحد")


def test_near_duplicates_form_one_story_and_collapse(store):
    assert store.get_document("w2") is not None
    collapsed = store.search("الحوار السلام")
    assert len(collapsed) == 1 and collapsed[0].cluster_size == 2
    assert collapsed[0].cluster == "w1"
    assert set(ids(store.search("الحوار السلام", collapse_duplicates=False))) == {"w1", "w2"}
    fm = [e for e in store.entities("PERSON") if e.id == "per:fm"][0]
    assert (fm.documents, fm.stories) == (3, 2)


def test_duplicates_count_and_latest(store):
    dups = store.duplicates("w1")
    assert [(d.id, d.cluster, d.cluster_size) for d in dups] == [("w2", "w1", 2)]
    assert dups[0].score == 1.0 and dups[0].snippet.startswith("أكد")  # the same body
    assert store.duplicates("a1") == []
    with pytest.raises(DocumentNotFound):
        store.duplicates("nope")
    assert store.count("الحوار السلام") == 1 and store.count("الحوار السلام", collapse_duplicates=False) == 2
    assert store.count(entity="الرياض") == 3 and store.count(source="okaz") == 2
    assert ids(store.search(order="date", limit=3)) == ["w2", "a3", "a2"]  # latest stories: w1 and w2 are one
    assert store.count() == 4


def test_affiliated_entities_and_event_counts(store, build_doc):
    doc = build_doc("قال سفير البلاد لدى المملكة إن العلاقات بين الرياض وبلاده متينة.", "سفير", id="amb", published="2015-08-07",
                    entities=[("per:amb", "PERSON", "سفير البلاد", ["سفير البلاد"]), ("loc:riyadh", "LOC", "الرياض", ["الرياض"])],
                    titles={"per:amb": "سفير"})
    doc.entities[0].affiliation = "loc:riyadh"
    store.put_document(doc)
    p = store.entity_profile("الرياض")
    assert [(e.id, title, n) for e, title, n in p.affiliated] == [("per:amb", "سفير", 1)]
    assert p.to_dict()["affiliated"][0]["title"] == "سفير"
    assert store.event_counts() == [("2015-07-21", "MEETING", 1), ("2015-07-22", "MEETING", 1)]
    assert store.event_counts(location="الرياض", since="2015-07-22") == [("2015-07-22", "MEETING", 1)]


def test_entities_merge_across_documents_with_every_alias_and_title(store):
    top = store.entities(top=2)
    assert [e.id for e in top] == ["loc:riyadh", "per:fm"]  # 3 stories, then 2 (w1 and w2 are one story)
    p = store.entity_profile("بالرياض")
    assert p.id == "loc:riyadh" and p.documents == 3
    assert {a for a, _ in p.aliases} == {"الرياض", "بالرياض"}
    fm = store.entity_profile("per:fm")
    assert {t for t, _ in fm.titles} == {"وزير", "الوزير"}
    assert [q.text for q in fm.quotes][0] == "الحوار هو السبيل الوحيد لحل الخلافات بين الدول"
    assert ("loc:brussels", 1) in [(e.id, n) for e, n in fm.cooccurring]
    assert [d for d, _ in fm.per_day] == ["2015-07-21", "2015-08-05", "2015-08-06"]
    emir = store.entity_profile("أمير المنطقة")
    assert emir.relations == [{"type": "LOCATED_IN", "subject": "per:emir", "subject_name": "أمير المنطقة",
                               "object": "loc:riyadh", "object_name": "الرياض", "documents": 1}]
    with pytest.raises(UnknownEntity):
        store.entity_profile("مجهول")


def test_quotes_events_and_graph(store):
    assert [q.document_id for q in store.quotes(speaker="وزير الخارجية")] == ["w1", "a1"]
    with pytest.raises(UnknownEntity):  # no entity, no speaker written so: not an empty list
        store.quotes(speaker="نكرة")
    evs = store.events("MEETING")
    assert [(e.document_id, e.location_name) for e in evs] == [("a2", "الرياض"), ("a1", "بروكسل")]
    assert evs[0].participants == [{"entity": "per:emir", "name": "أمير المنطقة", "role": "host"}]
    assert [e.document_id for e in store.events(location="بروكسيل")] == ["a1"]
    assert [e.document_id for e in store.events(participant="per:fm")] == ["a1"]
    g = store.cooccurrence(top=10)
    assert ("loc:riyadh", "per:fm", 1) in g.edges or ("per:fm", "loc:riyadh", 1) in g.edges
    assert {n.id for n in g.nodes} >= {"per:fm", "loc:riyadh", "org:moh"}


def test_updated_article_replaces_its_analysis(store, build_doc):
    before = store.counts()
    new = build_doc(BODY_STORM, "تحذير من عاصفة", id="a3", published="2015-08-03", source="sabq",
                    entities=[("org:met", "ORG", "هيئة الأرصاد", ["هيئة الأرصاد"])])
    res = store.put_document(new)
    assert res.status == "updated"
    assert store.search("تطعيم") == []
    assert ids(store.search("عاصفة")) == ["a3"]
    assert "org:moh" not in {e.id for e in store.entities(top=100)}
    after = store.counts()
    assert after["documents"] == before["documents"]
    assert after["entities"] == before["entities"]  # one gone, one new
    report = store.check(deep=True)
    assert report.ok, report.problems


def test_an_updated_wire_story_joins_its_copy_never_itself(store, build_doc):
    # w1 and w2 are one wire story (cluster w1). A new version of w1 is compared with the stored
    # documents other than its own old version: it is a near-duplicate of w2, not of itself.
    old = store.get_document("w1")
    res = store.put_document(build_doc(old.text.replace("مستمرة", "متواصلة"), "الخارجية: الحوار سبيل السلام", id="w1",
                                       published="2015-08-05", source="sabq", entities=[("per:fm", "PERSON", "وزير الخارجية",
                                                                                         ["وزير الخارجية"])]))
    assert (res.status, res.duplicate_of, res.cluster) == ("updated", "w2", "w1")
    # a3 has no copy: its new version founds its own story again
    res = store.put_document(build_doc(BODY_MINISTRY.replace("جديدة", "موسعة"), "حملة تطعيم", id="a3", published="2015-08-02",
                                       source="sabq"))
    assert (res.status, res.duplicate_of, res.cluster) == ("updated", None, "a3")
    report = store.check(deep=True)
    assert report.ok, report.problems


def test_an_entity_keeps_its_first_name_and_gains_a_latin_name_once(store, build_doc):
    def put(doc_id, name, latin):
        doc = build_doc(BODY_STORM, id=doc_id, entities=[("org:met", "ORG", name, ["هيئة الأرصاد"])])
        doc.entities[0].latin = latin
        store.put_document(doc)
        return store.entity_profile("org:met")

    assert (p := put("m1", "هيئة الأرصاد", None)).name == "هيئة الأرصاد" and p.latin is None
    assert put("m2", "الأرصاد", "Meteorology Authority").latin == "Meteorology Authority"
    p = put("m3", "هيئة الأرصاد الجوية", "NCM")
    assert (p.name, p.latin, p.documents) == ("هيئة الأرصاد", "Meteorology Authority", 3)


def test_a_bad_reference_stores_nothing(store, build_doc):
    from rasd.model import Mention

    before = store.counts()
    doc = build_doc(BODY_STORM, id="bad")
    doc.mentions.append(Mention(0, 5, "ORG", entity="org:nobody"))
    with pytest.raises(BadReference, match="org:nobody"):
        store.put_document(doc)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.put_document(build_doc(BODY_STORM, id="t1"))
            raise RuntimeError("abort")
    assert store.counts() == before
    assert store.check().ok


def test_references_to_entities_the_document_does_not_list_are_kept(store, build_doc):
    # rasd.document/1 ids are stable: a relation may point at a country named only by an adjective.
    doc = build_doc(BODY_STORM, id="ext", entities=[("org:met", "ORG", "هيئة الأرصاد", ["هيئة الأرصاد"])],
                    relations=[("AFFILIATED_WITH", "org:met", "country:XX")],
                    events=[("WARNING", "عاصفة", [("org:met", "actor"), ("person:elsewhere", "target")], "loc:nowhere")])
    store.put_document(doc)
    p = store.entity_profile("هيئة الأرصاد")
    assert p.relations == [{"type": "AFFILIATED_WITH", "subject": "org:met", "subject_name": "هيئة الأرصاد",
                            "object": "country:XX", "object_name": None, "documents": 1}]
    ev = store.events("WARNING")[0]
    assert ev.location_id == "loc:nowhere" and ev.location_name is None
    assert [p["entity"] for p in ev.participants] == ["org:met", "person:elsewhere"]
    report = store.check(deep=True)
    assert report.ok, report.problems


def test_delete_and_integrity(store):
    assert store.check(deep=True).ok
    assert store.delete_document("a2")
    assert not store.delete_document("a2")
    assert "per:emir" not in {e.id for e in store.entities(top=100)}
    report = store.check(deep=True)
    assert report.ok, report.problems
    assert report.counts["documents"] == 4


def test_export_rows(store):
    docs = list(store.iter_rows("documents"))
    assert [d["id"] for d in docs] == ["a1", "a2", "a3", "w1", "w2"]
    ents = {e["id"]: e for e in store.iter_rows("entities")}
    assert ents["loc:riyadh"]["aliases"] == "الرياض | بالرياض"
    assert [q["document_id"] for q in store.iter_rows("quotes")] == ["a1", "w1"]
    assert all(isinstance(q["direct"], bool) for q in store.iter_rows("quotes"))
    assert len(list(store.iter_rows("mentions"))) == store.counts()["mentions"]
    assert [r["subject_name"] for r in store.iter_rows("relations")] == ["أمير المنطقة"]
    assert len(list(store.iter_documents(batch=2))) == 5


def test_schema_is_versioned_and_reopening_changes_nothing(store_url):
    from rasd.store.sql import SCHEMA_VERSION, migration_files

    assert [v for v, _n, _s in migration_files("sqlite")] == [v for v, _n, _s in migration_files("postgres")]
    assert migration_files("sqlite")[-1][0] == SCHEMA_VERSION
    with open_store(store_url) as s:
        assert s.schema_version() == SCHEMA_VERSION
    with open_store(store_url) as s:
        assert s.schema_version() == SCHEMA_VERSION == 4
        assert s.counts()["documents"] == 0


# schema 3's event columns taken away again
SCHEMA_4_UNDONE = ["DROP INDEX events_happening", *(f"ALTER TABLE events DROP COLUMN {c}" for c in ("happening", "date_basis", "modality"))]
SCHEMA_1_INDEXES = [
    "DROP INDEX documents_latest", "CREATE INDEX documents_published ON documents(published)",
    "DROP INDEX document_entities_entity", "CREATE INDEX document_entities_entity ON document_entities(entity_id, cluster_id)",
    "DROP INDEX entity_aliases_key", "CREATE INDEX entity_aliases_key ON entity_aliases(alias_key)",
]


def index_columns(s) -> dict[str, str]:
    if s.dialect == "sqlite":
        names = [r[0] for r in s._fetchall("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")]
        return {n: ", ".join(r[2] for r in s._fetchall(f"PRAGMA index_info({n})")) for n in names}
    rows = s._fetchall("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
    return {n: d.split("(", 1)[1].rsplit(")", 1)[0].replace(" DESC NULLS LAST", "").replace(") INCLUDE (", ", ") for n, d in rows}


def test_a_schema_1_database_gets_the_search_indexes(store_url, build_doc):
    with open_store(store_url) as s:
        for doc in corpus(build_doc):
            s.put_document(doc)
        with s.transaction():  # back to schema 1
            for stmt in [*SCHEMA_4_UNDONE, *SCHEMA_1_INDEXES, "DROP TABLE story_terms", "DROP TABLE story_members"]:
                s._execute(stmt)
            s._execute("DELETE FROM schema_version WHERE version >= 2")
        assert s.schema_version() == 1 and index_columns(s)["documents_published"] == "published"
    with open_store(store_url) as s:
        assert s.schema_version() == 4
        cols = index_columns(s)
        assert "documents_published" not in cols and cols["documents_latest"] == "published, id, cluster_id"
        assert cols["document_entities_entity"] == "entity_id, cluster_id, doc_no"
        assert cols["entity_aliases_key"] == "alias_key, entity_id"
        assert ids(s.search(entity="الرياض", order="date")) == ["w1", "a3", "a2"]


# ------------------------------------------------------------------------------------------ parity


QUERIES = [
    dict(query="التحالف الدولي"), dict(query="بروكسل"), dict(query="وزارة"), dict(query="المنطقة"),
    dict(query="الحوار السلام", collapse_duplicates=False), dict(entity="الرياض", order="date"),
    dict(query="في", order="date"), dict(type="PERSON", order="date"), dict(source="okaz", order="date"),
    dict(query="الرياض", since="2015-07-22", until="2015-08-05"),
]


def snapshot(s):
    out = {}
    for q in QUERIES:
        res = s.search(**q)
        key = repr(sorted(q.items()))
        # relevance scores differ in scale (bm25 vs ts_rank): compare the sets then; dates: the order
        out[key] = [(r.id, r.cluster, r.cluster_size, r.snippet, r.highlights) for r in res]
        if q.get("order") != "date":
            out[key].sort()
    out["entities"] = [e.to_dict() for e in s.entities(top=50)]
    out["profile"] = s.entity_profile("الرياض").to_dict()
    out["quotes"] = [q.to_dict() for q in s.quotes()]
    out["events"] = [e.to_dict() for e in s.events()]
    out["graph"] = s.cooccurrence(top=20).to_dict()
    out["duplicates"] = [r.to_dict() for r in s.duplicates("w1")]
    out["counts"] = [s.count(**{k: v for k, v in q.items() if k != "order"}) for q in QUERIES]
    out["event_counts"] = s.event_counts()
    out["rows"] = {t: list(s.iter_rows(t)) for t in ("documents", "entities", "mentions", "quotes", "events", "relations")}
    return out


def test_both_back_ends_give_the_same_results(tmp_path, pg_url, build_doc):
    snaps = []
    for url in (str(tmp_path / "parity.db"), pg_url):
        with open_store(url) as s:
            for doc in corpus(build_doc):
                s.put_document(doc)
            snaps.append(snapshot(s))
    assert snaps[0] == snaps[1]


def test_sqlite_bulk_settings_are_restored_after_an_error(tmp_path, build_doc):
    """`Store.bulk` (ingest) enlarges SQLite's page cache and WAL window and puts both back, also
    when the block fails; what was written inside stays."""
    s = open_store(str(tmp_path / "bulk.db"))
    try:
        pragma = lambda name: s.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        before = (pragma("cache_size"), pragma("wal_autocheckpoint"))
        with pytest.raises(RuntimeError), s.bulk():
            assert (pragma("cache_size"), pragma("wal_autocheckpoint")) != before
            assert pragma("cache_size") < 0 and pragma("wal_autocheckpoint") > before[1]
            s.put_document(corpus(build_doc)[0])
            raise RuntimeError("interrupted")
        assert (pragma("cache_size"), pragma("wal_autocheckpoint")) == before
        assert s.content_hash("a1") is not None
    finally:
        s.close()
