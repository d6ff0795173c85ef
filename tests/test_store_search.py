"""Search keys, query parsing and snippets (rasd.store.search), without a database."""

from __future__ import annotations

import random

from rasd.store.search import (
    PackedKeys,
    _best_window,
    alias_key,
    document_keys,
    parse_query,
    skeleton,
    snippet,
)

TEXT = "لقاء في العاصمة\nأعلن المتحدث باسم الوزارة أن وفد التحالف وصل إلى بروكسيل، وقال إن للتحالف الدولي خطة جديدة."


def _matches(query: str, text: str = TEXT) -> list[str]:
    q = parse_query(query)
    sn = snippet(text, q, width=400)
    return [sn.text[a:b] for a, b in sn.highlights]


def test_clitic_and_article_variants_share_a_surface_key():
    q = parse_query("التحالف الدولي")
    assert [t.surf for t in q.terms] == [parse_query("للتحالف").terms[0].surf, parse_query("دولي").terms[0].surf]
    assert _matches("التحالف الدولي") == ["التحالف", "للتحالف", "الدولي"]


def test_spelling_variant_of_a_foreign_name_matches_by_skeleton():
    assert skeleton("بروكسل") == skeleton("بروكسيل") == "بركسل"
    assert skeleton("واشنطن") == skeleton("واشنطون")
    assert skeleton("دولي") == ""  # short words have no skeleton
    assert _matches("بروكسل") == ["بروكسيل"]


def test_word_starting_with_waw_is_found_whole():
    # Snowball strips the و of وزارة; the surface key keeps it.
    assert _matches("وزارة") == ["الوزارة"]


def test_hamza_and_ta_marbuta_are_folded():
    assert _matches("اعلن") == ["أعلن"]
    assert parse_query("الوزاره").terms[0].surf == parse_query("الوزارة").terms[0].surf


def test_highlights_point_into_the_original_text():
    q = parse_query("الدولي")
    sn = snippet(TEXT, q, width=60, skip=len("لقاء في العاصمة") + 1)
    a, b = sn.highlights[0]
    assert sn.text[a:b] == "الدولي"
    assert TEXT.find(sn.text.lstrip("…").rstrip("…")[:20]) >= 0


def test_snippet_without_query_starts_the_body_and_marks_extra_spans():
    start = TEXT.index("بروكسيل")
    sn = snippet(TEXT, parse_query(""), [(start, start + len("بروكسيل"))], skip=len("لقاء في العاصمة") + 1)
    assert sn.text.startswith("أعلن")
    assert [sn.text[a:b] for a, b in sn.highlights] == ["بروكسيل"]


def test_punctuation_only_query_is_empty():
    assert parse_query("؟ ، !").empty
    assert parse_query("").empty


def test_document_keys_are_letters_and_digits_only():
    keys = document_keys("قال: «السلام» — 2015 Obama's visit, #وسم")
    for col in (keys.surf, keys.stem, keys.skel):
        assert all(k == "" or k.isalnum() for k in col)
    assert "obamas" in keys.surf and "2015" in keys.surf


def test_alias_key_ignores_clitics_and_spacing():
    assert alias_key("بالرياض") == alias_key("الرياض") == alias_key("رياض")
    assert alias_key("وزير   الخارجية") == alias_key("وزير الخارجية")


def test_stored_keys_find_the_same_words_as_fresh_ones():
    """Snippets cut from the packed keys kept in the database (`PackedKeys`, searched as bytes)
    equal those cut from the text tokenised again, including words that only contain a key."""
    texts = [
        TEXT,
        "السلامة أولا: قال إن السلام والسلام الدائم وسلامه وسلامة المواطنين أولوية، وسلام على بروكسل وبروكسيل.",
        "",
        "كلمة",
        "الولايات المتحدة والولايات المتحدة الأمريكية ولايات متحدة، واشنطن وواشنطون في 2015 #وسم",
    ]
    queries = ["السلام", "سلامة", "التحالف الدولي", "بروكسل", "الولايات المتحدة", "واشنطن 2015", "وسم", "كلمة", "لا شيء هنا"]
    for text in texts:
        fresh = document_keys(text)
        packed = PackedKeys.unpack(fresh.pack())
        for query in queries:
            q = parse_query(query)
            assert snippet(text, q, keys=packed) == snippet(text, q, keys=fresh), (text, query)
    latin = "obamas met obama in 20150, and 2015 obama"
    sn = snippet(latin, parse_query("obama 2015"), width=400, keys=PackedKeys.unpack(document_keys(latin).pack()))
    assert [sn.text[a:b] for a, b in sn.highlights] == ["obama", "2015", "obama"]  # whole words only


def _window_by_definition(hits, width):
    """The window rule spelled out: for each hit, the hits from it to the last one ending within
    `width` of its start; most distinct terms, then most hits, first such window."""
    best_score, best_start = (-1, -1), hits[0][0]
    j = 0
    for i, (a, _b, _t) in enumerate(hits):
        j = max(j, i)
        while j + 1 < len(hits) and hits[j + 1][1] - a <= width:
            j += 1
        window = hits[i : j + 1]
        score = (len({t for *_, t in window}), len(window))
        if score > best_score:
            best_score, best_start = score, a
    return best_start


def test_the_sliding_window_picks_the_window_the_rule_defines():
    rnd = random.Random(3)
    for _ in range(3000):
        hits = []
        for _ in range(rnd.randint(1, 25)):
            a = rnd.randint(0, 500)
            hits.append((a, a + rnd.randint(1, 250 if rnd.random() < 0.1 else 12), rnd.randint(-1, 3)))
        hits.sort()
        width = rnd.choice((15, 60, 220))
        assert _best_window(hits, width) == _window_by_definition(hits, width), (hits, width)
