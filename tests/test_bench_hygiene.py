"""The entity hygiene benchmark (`bench/entity_hygiene.py`) says what it should of a name."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import entity_hygiene  # noqa: E402


def test_names_no_analyst_wants_are_found_and_names_are_left_alone():
    banned = entity_hygiene.banned_words()
    assert entity_hygiene.problems("الخميس", "person:x", banned) == ["weekday"]
    assert entity_hygiene.problems("ديسمبر", "loc:x", banned) == ["month"]
    assert entity_hygiene.problems("الدولار", "misc:x", banned) == ["currency"]
    assert entity_hygiene.problems("#القدس", "loc:x", banned) == ["hashtag"]
    assert entity_hygiene.problems("القدس", "loc:القدس_الشرقية", banned) == ["hashtag"]
    for name in ("سامي الحداد", "ريال مدريد", "الخليج"):
        assert entity_hygiene.problems(name, "org:x", banned) == []
