"""Search pages on both back ends (rasd.store.ranking) against the plain definition: rank every
match, keep each story cluster's best document, sort, slice. The corpus has ties (identical copies
score alike), clusters larger than the first batch of candidates, and an entity frequent enough to
be listed by walking the date index and one rare enough to be read document by document."""

from __future__ import annotations

import random
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from rasd.model import Document, Entity, Mention
from rasd.store import Filters, open_store
from rasd.store.search import parse_query

WORDS = ("مشروع اتفاق زيارة وفد اجتماع تقرير قرار مجلس لجنة خطة مبادرة برنامج ميزانية مؤتمر ندوة حملة "
         "قطاع سوق شركة مصنع ميناء مطار طريق جسر مدرسة جامعة مستشفى مركز معرض مهرجان موسم رحلة").split()
LEAD = "أكد المتحدث الرسمي في مؤتمر صحفي عقد صباح اليوم"


def text(rnd: random.Random, extra: str, n: int = 30) -> str:
    return f"{LEAD} {extra} " + " ".join(rnd.choice(WORDS) for _ in range(n)) + "."


def doc(body, title=None, *, id, published=None, source=None, entity=None):
    """An analysed document; `entity` (id, name) is mentioned wherever its name occurs."""
    d = Document.from_parts(body, title, id=id, published=published, source=source)
    if entity:
        ent = Entity(entity[0], "LOC", entity[1])
        start = d.text.find(entity[1])
        while start >= 0:
            m = Mention(start, start + len(entity[1]), "LOC", source="test", entity=entity[0])
            ent.mentions.append(m)
            d.mentions.append(m)
            start = d.text.find(entity[1], start + 1)
        d.entities.append(ent)
    return d


def corpus():
    """105 documents mentioning السلام: a 30-copy wire story (one cluster, tied scores), an 8-copy
    one with the word twice, 45 distinct articles (the first 30 naming Riyadh, the entity of the
    date walk), 2 about Brussels (a rare entity); and 20 without the word, naming Riyadh."""
    rnd = random.Random(7)
    riyadh, brussels = ("loc:riyadh", "الرياض"), ("loc:brussels", "بروكسل")
    wire_a = text(rnd, "أن السلام خيار استراتيجي للمنطقة", 40)
    wire_b = text(rnd, "أن السلام ثم السلام هو الطريق", 12)
    docs = []
    for i in range(30):
        docs.append(doc(wire_a, "خبر مشترك", id=f"a{i:02d}", published=f"2015-07-{1 + i % 28:02d}", source=("sabq", "okaz")[i % 2]))
    for i in range(8):
        docs.append(doc(wire_b, id=f"b{i}", published=None if i == 3 else f"2015-08-{10 + i:02d}", source="okaz"))
    for i in range(45):
        where = "في الرياض" if i < 30 else "في المدينة"
        body = text(rnd, f"{where} أن السلام " + "وأن السلام " * (i % 3), 10 + i)
        docs.append(doc(body, f"مقال {i}", id=f"c{i:02d}", published=f"2015-0{7 + i % 3}-{1 + i % 27:02d}",
                        source=("sabq", "okaz", "alriyadh")[i % 3], entity=riyadh if i < 30 else None))
    for i in range(2):
        docs.append(doc(text(rnd, "في بروكسل أن السلام", 20 + i), id=f"r{i}", published=f"2015-09-0{i + 1}", entity=brussels))
    for i in range(20):
        docs.append(doc(text(rnd, "في الرياض أن الاقتصاد", 25), id=f"z{i:02d}", published="2015-06-15", entity=riyadh))
    return docs


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def store(request, tmp_path_factory):
    """The corpus in a SQLite file, then in a PostgreSQL database of the test server."""
    if request.param == "sqlite":
        url, drop = str(tmp_path_factory.mktemp("ranking") / "kb.db"), None
    else:
        import psycopg

        server = request.getfixturevalue("pg_server_url")
        name = "rasd_ranking_" + uuid.uuid4().hex[:8]
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
        parts = urlsplit(server)
        url = urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))

        def drop() -> None:
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    s = open_store(url)
    try:
        with s.transaction():
            for d in corpus():
                s.put_document(d)
        yield s
    finally:
        s.close()
        if drop:
            drop()


def reference(s, query=None, entity_ids=(), source=None, order="relevance", limit=20, offset=0, collapse=True):
    """(id, cluster, cluster size, score) of the page, by ranking and collapsing every match in SQL."""
    q = parse_query(query)
    where, params = ["1 = 1"], []
    if entity_ids:
        where.append(f"d.doc_no IN (SELECT doc_no FROM document_entities WHERE entity_id IN ({','.join('?' * len(entity_ids))}))")
        params += list(entity_ids)
    if source:
        where.append("d.source = ?")
        params.append(source)
    if q.empty:
        src, score = "documents d", "0.0"
    else:
        match_sql, match_params = s._match_sql(q)
        src, score, params = f"({match_sql}) h JOIN documents d ON d.doc_no = h.doc_no", "h.score", [*match_params, *params]
    by_date = "published DESC NULLS LAST"
    order_sql = f"score DESC, {by_date}, id" if order == "relevance" and not q.empty else f"{by_date}, score DESC, id"
    sql = (
        "SELECT id, cluster_id, csize, score FROM ("
        f"SELECT d.id, d.published, d.cluster_id, {score} AS score, "
        f"ROW_NUMBER() OVER (PARTITION BY d.cluster_id ORDER BY {score} DESC, d.published DESC NULLS LAST, d.id) AS rn, "
        f"COUNT(*) OVER (PARTITION BY d.cluster_id) AS csize FROM {src} WHERE {' AND '.join(where)}) r "
        f"{'WHERE rn = 1 ' if collapse else ''}ORDER BY {order_sql} LIMIT ? OFFSET ?"
    )
    return [(i, c, int(n), None if q.empty else float(sc)) for i, c, n, sc in s._fetchall(sql, [*params, limit, offset])]


def page(s, **kw):
    return [(r.id, r.cluster, r.cluster_size, r.score) for r in s.search(**kw)]


CASES = [
    dict(query="السلام", limit=1), dict(query="السلام", limit=2, offset=1), dict(query="السلام", limit=5, offset=9),
    dict(query="السلام", limit=20, offset=30), dict(query="السلام", limit=7, collapse_duplicates=False),
    dict(query="السلام", limit=10, offset=25, collapse_duplicates=False), dict(query="السلام", order="date", limit=6, offset=2),
    dict(query="السلام", order="date", limit=9, collapse_duplicates=False), dict(query="السلام", source="okaz", limit=4, offset=1),
    dict(query="الاقتصاد", limit=5), dict(query="خيار استراتيجي", limit=1, offset=2, collapse_duplicates=False), dict(query="السلام", entity="الرياض", limit=8, offset=3),
    dict(entity="الرياض", order="date", limit=5), dict(entity="الرياض", order="date", limit=6, offset=20),
    dict(entity="الرياض", order="date", limit=4, collapse_duplicates=False), dict(entity="بروكسل", order="date", limit=5),
    dict(order="date", limit=10, offset=5), dict(source="okaz", order="date", limit=5, offset=3),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_pages_are_those_of_ranking_and_collapsing_every_match(store, case):
    ids = store._search_entity_ids(case["entity"], None) if "entity" in case else ()
    want = reference(store, case.get("query"), ids, case.get("source"), case.get("order", "relevance"), case["limit"],
                     case.get("offset", 0), case.get("collapse_duplicates", True))
    assert want, "every case finds something"
    assert page(store, **case) == want


def test_the_wire_story_is_one_result_with_every_copy_counted(store):
    wire = store.search("خيار استراتيجي", limit=10)
    assert len(wire) == 1 and wire[0].cluster_size == 30
    assert len(store.search("خيار استراتيجي", limit=50, collapse_duplicates=False)) == 30
    assert store.count("خيار استراتيجي") == 1 and store.count("خيار استراتيجي", collapse_duplicates=False) == 30


@pytest.mark.parametrize("order", ["relevance", "date"])
@pytest.mark.parametrize("collapse", [True, False])
def test_pages_join_into_the_whole_list(store, order, collapse):
    whole = page(store, query="السلام", order=order, limit=200, collapse_duplicates=collapse)
    pages = []
    for offset in range(0, len(whole) + 3, 3):
        pages += page(store, query="السلام", order=order, limit=3, offset=offset, collapse_duplicates=collapse)
    assert pages == whole
    assert len(whole) == store.count("السلام", collapse_duplicates=collapse) == (49 if collapse else 85)


def test_both_listings_of_an_entity_by_date_are_used(store):
    """The frequent entity is listed by walking the date index, the rare one by reading its
    documents (the cases above compare both with the reference)."""
    frequent = store._plan(None, Filters(entity="الرياض"), True)
    rare = store._plan(None, Filters(entity="بروكسل"), True)
    assert store._walk_dates(frequent, 30) and not store._walk_dates(rare, 30)
