"""PostgreSQL search scores only the most recently stored matches with ts_rank (`RANKED`), so that
a frequent word costs no more than a rare one; every match is still found, counted and paged."""

from __future__ import annotations

from rasd.store import open_store, postgres

BODY = "ناقش المجلس البلدي في جلسته خطة تطوير الحدائق العامة وتوسيع شبكة الطرق في الأحياء الجديدة رقم {n}."


def test_only_the_newest_matches_are_ranked_and_the_rest_follow_newest_first(pg_url, build_doc, monkeypatch):
    monkeypatch.setattr(postgres, "RANKED", 3)
    with open_store(pg_url) as s:
        for n in range(6):
            s.put_document(build_doc(BODY.format(n=n) + " الحدائق" * n, f"خبر {n}", id=f"d{n}", published="2024-01-0" + str(n + 1)))
        hits = s.search("الحدائق", limit=10, collapse_duplicates=False)
        assert s.count("الحدائق", collapse_duplicates=False) == 6
        assert sorted(h.id for h in hits[:3]) == ["d3", "d4", "d5"] and all(h.score > 0 for h in hits[:3])
        assert [(h.id, h.score) for h in hits[3:]] == [("d2", 0.0), ("d1", 0.0), ("d0", 0.0)]
        assert [h.id for h in s.search("الحدائق", limit=2, offset=4, collapse_duplicates=False)] == ["d1", "d0"]


def test_a_frequent_word_is_matched_by_the_index_not_by_reading_every_tsvector(pg_url):
    with open_store(pg_url) as s:
        assert s._scalar("SHOW random_page_cost") == "1.1"
        assert s._scalar("SHOW max_parallel_workers_per_gather") == "0"
