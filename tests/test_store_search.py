"""Search keys, query parsing and snippets (rasd.store.search), without a database."""

from __future__ import annotations

from rasd.store.search import alias_key, document_keys, parse_query, skeleton, snippet

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
