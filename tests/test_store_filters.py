"""The store's Filters value and its one redaction helper."""

from __future__ import annotations

import pytest

from rasd.store import Filters, database_label, redacted_url
from rasd.store.errors import BadQuery


def test_filters_give_the_document_conditions_with_whole_days():
    f = Filters(source="وكالة", since="2021-02", until="2021")
    assert (f.first_day, f.last_day) == ("2021-02-01", "2021-12-31")
    assert f.document_conditions() == (["d.source = ?", "d.published >= ?", "d.published <= ?"], ["وكالة", "2021-02-01", "2021-12-31"])
    assert Filters(since="2020-02").document_conditions("ev.date") == (["ev.date >= ?"], ["2020-02-01"])
    assert Filters().document_conditions() == ([], [])


def test_a_bad_date_is_a_coded_error():
    with pytest.raises(BadQuery, match="since '2021-13' is not a date") as caught:
        Filters(since="2021-13").document_conditions()
    assert caught.value.code == "E608"


def test_passwords_never_show():
    assert redacted_url("postgresql://me:secret@db.example:5432/rasd") == "postgresql://me@db.example:5432/rasd"
    assert redacted_url("postgresql://db.example/rasd") == "postgresql://db.example/rasd"
    assert database_label("postgres://me:secret@host/kb") == "postgres://me@host/kb"
    assert database_label("/srv/data/kb.db") == database_label("sqlite:////srv/data/kb.db") == "kb.db"
