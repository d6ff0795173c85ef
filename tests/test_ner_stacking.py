"""The second pass's document features: other occurrences of a stem, never the token itself."""

from __future__ import annotations

from rasd.ner.stacking import features, occurrence_counts, windowed_features


def test_other_occurrences_of_the_stem_give_their_types_and_the_token_itself_does_not():
    stems = [["وصل", "برشلونه", "الي", "مدريد"], ["فاز", "برشلونه"]]
    labels = [["O", "B-ORG", "O", "B-LOC"], ["O", "O"]]
    counts = occurrence_counts(stems, labels)
    f = features(stems[1], labels[1], counts)
    assert "d:ORG=1" in f[1] and "dm=ORG" in f[1] and "dm=ORG|O" in f[1]
    assert "d:O=1" not in f[1]  # its own untagged occurrence is not counted
    assert "-1d=none" in f[1]  # «فاز» occurs nowhere else
    assert f[0][:4] == ["b", "y=O", "y-1=<S>", "y+1=O"]
    assert "+1d=eos" in f[1]


def test_a_window_keeps_far_sentences_out():
    stems = [["عمان"], ["قال"], ["قال"], ["عمان"]]
    labels = [["B-LOC"], ["O"], ["O"], ["O"]]
    near = windowed_features(stems, labels, 3)
    far = windowed_features(stems, labels, 2)
    assert "d:LOC=1" in near[3][0]
    assert "d=none" in far[3][0]
