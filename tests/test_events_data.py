"""The event and quotation data files load, and a broken one says what is wrong."""

from __future__ import annotations

import json
import shutil

import pytest

from rasd.events.errors import EventDataError
from rasd.events.ontology import DATA_DIR as EVENTS_DIR
from rasd.events.ontology import load_ontology
from rasd.events.stage import EventStage
from rasd.pipeline import STAGES
from rasd.quotes.errors import QuoteDataError
from rasd.quotes.lexicon import DATA_DIR as QUOTES_DIR
from rasd.quotes.lexicon import load_quote_lexicon
from rasd.quotes.stage import QuoteStage


def test_stages_are_registered_with_their_contract():
    assert STAGES["quotes"] is QuoteStage and STAGES["events"] is EventStage
    for st in (QuoteStage, EventStage):
        assert st.requires == ("tokens", "sentences", "entities", "dates")
    assert QuoteStage.provides == ("quotes",) and EventStage.provides == ("events",)


def test_broken_event_file(tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(EVENTS_DIR, folder)
    data = json.loads((folder / "visit.json").read_text(encoding="utf-8"))
    data["triggers"].append({"verb": "جال", "class": "weak"})
    (folder / "visit.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EventDataError) as err:
        load_ontology(folder)
    assert "E520" in str(err.value) and "visit.json" in str(err.value) and "class" in str(err.value)
    (folder / "visit.json").unlink()
    with pytest.raises(EventDataError, match="missing"):
        EventStage(data_dir=str(folder))


def test_broken_quote_file(tmp_path):
    folder = tmp_path / "quotes"
    shutil.copytree(QUOTES_DIR, folder)
    with (folder / "cues.tsv").open("a", encoding="utf-8") as fh:
        fh.write("همس\tsound\tهمس\tهمس\t-\tan,whisper\t-\n")
    with pytest.raises(QuoteDataError) as err:
        load_quote_lexicon(folder)
    msg = str(err.value)
    assert "E500" in msg and "cues.tsv" in msg and "complements" in msg


def test_custom_quote_data_dir_is_used(tmp_path):
    folder = tmp_path / "quotes"
    shutil.copytree(QUOTES_DIR, folder)
    with (folder / "cues.tsv").open("a", encoding="utf-8") as fh:
        fh.write("همس\tsound\tهمس\tهمس\t-\tan\t-\n")
    from test_quotes_handmade import build

    doc = build("وهمس سامي الأحمد أن الاجتماع تأجل إلى الغد.", [("s", "PERSON", ["سامي الأحمد"])])
    (q,) = QuoteStage(data_dir=str(folder))(doc).quotes
    assert q.speaker == "s"
