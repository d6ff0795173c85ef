"""Ingesting every input kind into a real store: idempotency, updates, bad files, near-duplicates."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from rasd.errors import InputError
from rasd.ingest import ingest
from rasd.io.archives import UnsafeArchive, ZipLimits, read_zip
from rasd.pipeline import build_pipeline
from rasd.store import open_store

WIRE = ("أكدت وزارة الطاقة أن خطة توسيع محطات الطاقة الشمسية ستدخل مرحلتها الثانية مطلع العام المقبل، "
        "وأن المشروع سيوفر آلاف الوظائف للشباب في المناطق الشمالية والجنوبية، إضافة إلى خفض استهلاك الوقود "
        "في محطات الكهرباء التقليدية بنسبة كبيرة خلال السنوات الخمس القادمة.")

HTML = """<html><head><title>افتتاح مكتبة عامة</title>
<meta property="article:published_time" content="2015-07-25T09:00:00">
<link rel="canonical" href="https://news.example/culture/library"></head>
<body><nav>الرئيسية | رياضة | اقتصاد</nav><article><h1>افتتاح مكتبة عامة</h1>
<p>افتتحت البلدية أمس مكتبة عامة جديدة في وسط المدينة تضم أكثر من عشرين ألف كتاب في مختلف مجالات المعرفة.</p>
<p>وقال مدير المكتبة إن القاعات ستفتح أبوابها للزوار طوال أيام الأسبوع من الصباح حتى المساء.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>صحيفة المثال</title><link>https://news.example</link><description>أخبار</description>
<item><title>ارتفاع درجات الحرارة</title><link>https://news.example/w/1</link><guid>w-1</guid>
<pubDate>Sun, 26 Jul 2015 08:00:00 +0300</pubDate>
<description>&lt;p&gt;توقعت هيئة الأرصاد ارتفاع درجات الحرارة في معظم المناطق خلال الأيام المقبلة.&lt;/p&gt;</description></item>
<item><title>مهرجان التمور</title><link>https://news.example/w/2</link><guid>w-2</guid>
<pubDate>Mon, 27 Jul 2015 08:00:00 +0300</pubDate>
<description>انطلق مهرجان التمور السنوي بمشاركة واسعة من المزارعين والتجار من مختلف المحافظات.</description></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(["text"])


def _zip(path, name, payload: bytes):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, payload)


@pytest.fixture
def inputs(tmp_path, arabic_corpus):
    """A directory with one file of each kind (and a nested folder, and a file rasd skips)."""
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    recs = arabic_corpus(12, seed=1)
    (d / "one.txt").write_text("عنوان الخبر\nأعلنت الجامعة عن قبول دفعة جديدة من الطلاب في كليات الهندسة والطب.", encoding="utf-8")
    (d / "arr.json").write_text(json.dumps(recs[:3], ensure_ascii=False), encoding="utf-8")
    (d / "lines.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs[3:6]) + "\n", encoding="utf-8")
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "feed.rss").write_text(RSS, encoding="utf-8")
    snn = [{"source": r["source"], "url": f"http://x.example/{i}", "date_extracted": r["published"] + " 10:11:12",
            "title": r["title"], "author": "المحرر", "content": r["text"]} for i, r in enumerate(recs[6:12])]
    _zip(d / "sub" / "day.zip", "day.json", json.dumps(snn, ensure_ascii=False).encode("utf-8"))
    (d / "notes.md").write_text("not an article", encoding="utf-8")
    return d


def test_every_input_kind_is_ingested_once(tmp_path, inputs, pipeline):
    db = tmp_path / "kb.db"
    with open_store(db) as store:
        first = ingest([inputs], store, pipeline=pipeline, batch_size=4)
        assert (first.added, first.failed, first.updated) == (1 + 3 + 3 + 1 + 2 + 6, 0, 0), first.report()
        page = store.search("مكتبة")[0]
        assert (page.title, page.published, page.url) == ("افتتاح مكتبة عامة", "2015-07-25", "https://news.example/culture/library")
        assert "الرئيسية" not in store.get_document(page.id).text  # navigation dropped
        feed = store.search("التمور")[0]
        assert (feed.source, feed.published) == ("صحيفة المثال", "2015-07-27")
        zipped = store.search("المحرر")  # author is metadata, not text
        assert zipped == []
        assert store.get_document(store.search(source="okaz", order="date", limit=1)[0].id).published.startswith("2015-0")
        second = ingest([inputs], store, pipeline=pipeline)
        assert (second.added, second.updated, second.unchanged, second.failed) == (0, 0, first.added, 0)
        assert store.check(deep=True).ok


def test_bad_records_name_file_and_line_and_the_rest_is_stored(tmp_path, arabic_corpus, pipeline):
    recs = arabic_corpus(4, seed=2)
    f = tmp_path / "mixed.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    lines.insert(2, '{"id": "broken", "text": "نص ناقص')
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("[{oops", encoding="utf-8")
    with open_store(tmp_path / "kb.db") as store:
        s = ingest([f, bad, tmp_path / "missing.txt"], store, pipeline=pipeline)
        assert (s.added, s.failed) == (4, 3)
        reasons = " ".join(x.reason for x in s.failures)
        assert f"{f}, line 3" in reasons and "invalid JSON" in reasons
        assert str(bad) in reasons and "missing.txt" in reasons
        assert store.counts()["documents"] == 4


def test_updated_article_replaces_and_same_text_is_skipped(tmp_path, pipeline):
    f = tmp_path / "a.jsonl"
    v1 = {"id": "n1", "title": "قرار جديد", "text": "قررت اللجنة تأجيل المباراة النهائية إلى الأسبوع المقبل بسبب الأمطار."}
    same = {"title": "بلا معرف", "text": "نص يتكرر في ملفين دون معرف خاص به لكن بمصدرين مختلفين.", "source": "a"}
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (v1, same, {**same, "source": "b"})), encoding="utf-8")
    with open_store(tmp_path / "kb.db") as store:
        s = ingest([f], store, pipeline=pipeline)
        assert (s.added, s.same_text) == (2, 1)
        v2 = {**v1, "text": "قررت اللجنة إقامة المباراة النهائية في موعدها رغم الأمطار الغزيرة."}
        f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (v2, same)), encoding="utf-8")
        s = ingest([f], store, pipeline=pipeline)
        assert (s.added, s.updated, s.unchanged) == (0, 1, 1)
        assert [r.id for r in store.search("موعدها")] == ["n1"]
        assert store.search("تأجيل") == []
        assert store.counts()["documents"] == 2
        assert store.check(deep=True).ok


def test_near_duplicates_link_to_a_story_from_an_earlier_ingest(tmp_path, pipeline):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    a.write_text(json.dumps({"id": "p1", "title": "خطة الطاقة", "text": WIRE, "source": "x"}, ensure_ascii=False), encoding="utf-8")
    near = WIRE.replace("مطلع العام المقبل", "في بداية العام القادم") + " وقال المسؤول إن العمل بدأ."
    b.write_text(json.dumps({"id": "p2", "title": "الطاقة الشمسية", "text": near, "source": "y"}, ensure_ascii=False), encoding="utf-8")
    c.write_text(json.dumps({"id": "p3", "title": "أخرى", "text": "افتتح المعرض الدولي للكتاب أبوابه أمس بمشاركة مئات دور النشر العربية والأجنبية من عشرين دولة.", "source": "z"}, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "kb.db"
    with open_store(db) as store:
        assert ingest([a], store, pipeline=pipeline).duplicates == 0
    with open_store(db) as store:  # a new process: the LSH bands come from the database
        s = ingest([b, c], store, pipeline=pipeline)
        assert (s.added, s.duplicates) == (2, 1)
        hits = store.search("الطاقة الشمسية")
        assert len(hits) == 1 and hits[0].cluster == "p1" and hits[0].cluster_size == 2


def test_zip_bombs_and_nested_archives_are_refused(tmp_path):
    bomb = tmp_path / "bomb.zip"
    _zip(bomb, "big.json", b"[" + b" " * (30 << 20) + b"]")
    out = list(read_zip(bomb))
    assert len(out) == 1 and isinstance(out[0], UnsafeArchive) and "compresses" in str(out[0])
    small = tmp_path / "small.zip"
    _zip(small, "a.json", json.dumps([{"text": "نص قصير للتجربة"}] * 50).encode())
    out = list(read_zip(small, limits=ZipLimits(max_member=100)))
    assert isinstance(out[0], UnsafeArchive) and "limit 100" in str(out[0])
    outer = tmp_path / "outer.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as inner:
        inner.writestr("x.json", "[]")
    _zip(outer, "inner.zip", buf.getvalue())
    out = list(read_zip(outer))
    assert isinstance(out[0], UnsafeArchive) and "nested" in str(out[0])


def test_small_members_adding_up_to_a_bomb_are_refused(tmp_path, pipeline):
    """Each member under the 1 MiB floor of the per-member ratio, together 20 MB from ~40 KB."""
    line = "عنوان\n" + "قالت الوزارة إن الخطة ستنفذ خلال العام المقبل في جميع المناطق. " * 20_000
    member = line.encode("utf-8")[: (1 << 20) - 100]
    bomb = tmp_path / "many.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(20):
            zf.writestr(f"m{i:02d}.txt", member[: len(member) - i].decode("utf-8", errors="ignore"))
    assert bomb.stat().st_size < 100_000
    with open_store(tmp_path / "kb.db") as store:
        s = ingest([bomb], store, pipeline=pipeline)
        assert (s.added, s.failed) == (0, 1), s.report()
        assert "[E011]" in s.failures[0].reason and "together compress" in s.failures[0].reason
        assert store.counts()["documents"] == 0
    fine = tmp_path / "fine.zip"  # ordinary news text compresses a few times, not hundreds
    _zip(fine, "day.txt", ("عنوان\n" + WIRE).encode("utf-8"))
    assert all(not isinstance(x, InputError) for x in read_zip(fine))


def test_zip_json_array_is_streamed_record_by_record(tmp_path):
    recs = [{"source": "s", "url": f"u{i}", "date_extracted": "2015-07-21 12:00:00", "title": f"عنوان {i}",
             "author": "", "content": "كلمة " * (i + 5)} for i in range(300)]
    recs[7]["content"] = "   "
    z = tmp_path / "day.zip"
    _zip(z, "day.json", json.dumps(recs, ensure_ascii=False).encode())
    out = list(read_zip(z))
    docs = [x for x in out if not isinstance(x, InputError)]
    errors = [x for x in out if isinstance(x, InputError)]
    assert len(docs) == 299 and docs[0].published == "2015-07-21" and docs[0].url == "u0"
    assert len(errors) == 1 and f"{z}:day.json[7]" in str(errors[0])


def test_real_default_pipeline_is_stored_whole(tmp_path, arabic_corpus):
    import rasd
    from rasd.errors import RasdError

    try:
        pipe = rasd.default_pipeline()
    except (RasdError, ImportError) as exc:
        pytest.skip(f"the default pipeline cannot be built yet: {exc}")
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in arabic_corpus(20, seed=3)), encoding="utf-8")
    with open_store(tmp_path / "kb.db") as store:
        s = ingest([f], store, pipeline=pipe)
        assert s.added == 20 and s.failed == 0, s.report()
        report = store.check(deep=True)
        assert report.ok, report.problems
        assert report.counts["entities"] > 0
        assert store.search(entity=store.entities(top=1)[0].name)
