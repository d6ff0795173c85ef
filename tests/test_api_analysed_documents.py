"""Pre-analysed documents posted to `POST /documents` are checked in full against rasd.document/1
and its span rules: every malformed body is a 422 with a coded error naming the field
as a JSON pointer, never a 500, and nothing of it is stored."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from helpers import validate
from serve_process import ServeProcess, start_serve

TITLE = "وزير الخارجية يزور عمان"
BODY = "قال وزير الخارجية سامي الأحمد إن «الزيارة ناجحة» يوم الخميس 7 مارس 2024 في عمان."
TEXT = f"{TITLE}\n{BODY}"


def _span(part: str, after: int = 0) -> dict[str, Any]:
    start = TEXT.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def analysed(doc_id: str = "analysed-1") -> dict[str, Any]:
    """A valid rasd.document/1 document, written by hand: two entities, a date, a quote, an event."""
    body_at = len(TITLE) + 1
    person = {**_span("سامي الأحمد"), "source": "rule"}
    place = {**_span("عمان", body_at), "source": "gazetteer"}
    quote = {**_span("الزيارة ناجحة"), "direct": True, "cue": "قال", "cue_span": _span("قال"), "speaker": "person:sami",
             "speaker_text": "سامي الأحمد", "speaker_span": _span("سامي الأحمد"), "negated": False, "sentence": 1,
             "speaker_rule": "name"}
    return {
        "schema": "rasd.document/1", "id": doc_id, "title": TITLE, "published": "2024-03-07", "source": "اختبار",
        "url": None, "meta": {}, "text": TEXT,
        "sentences": [{"start": 0, "end": len(TITLE)}, {"start": body_at, "end": len(TEXT)}],
        "entities": [
            {"id": "person:sami", "type": "PERSON", "name": "سامي الأحمد", "latin": None, "title": "وزير الخارجية",
             "affiliation": None, "aliases": [], "mentions": [person], "references": []},
            {"id": "city:amman", "type": "LOC", "name": "عمان", "latin": "Amman", "title": None, "affiliation": None,
             "aliases": [], "mentions": [place], "references": []},
        ],
        "dates": [{**_span("7 مارس 2024"), "value": "2024-03-07", "kind": "absolute", "precision": "day", "flags": []}],
        "quantities": [],
        "quotes": [quote],
        "events": [{"type": "VISIT", "trigger": _span("يزور"), "participants": ["person:sami"],
                    "roles": [{"entity": "person:sami", "role": "agent"}], "location": "city:amman",
                    "date": "2024-03-07", "date_precision": 1, "location_precision": 1, "killed": None, "injured": None,
                    "negated": False, "sentence": 0}],
        "relations": [],
        "warnings": [],
    }


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a document: the value at `path` (keys and indices joined by '/') becomes `value`."""
    *parents, last = [int(p) if p.isdigit() else p for p in path.split("/")]

    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for p in parents:
            node = node[p]
        node[last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    *parents, last = [int(p) if p.isdigit() else p for p in path.split("/")]

    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for p in parents:
            node = node[p]
        del node[last]

    return change


def _nested(depth: int) -> Any:
    value: Any = "قاع"
    for _ in range(depth):
        value = {"x": value}
    return value


# (what is wrong, the change, the field named: a JSON pointer into the request body)
MALFORMED: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("text is not a string", _set("text", 5), "/documents/0/text"),
    ("entities is not a list", _set("entities", "سامي"), "/documents/0/entities"),
    ("an offset is a string", _set("entities/0/mentions/0/start", "4"), "/documents/0/entities/0/mentions/0/start"),
    ("an entity has no type", _drop("entities/0/type"), "/documents/0/entities/0/type"),
    ("an entity type is unknown", _set("entities/1/type", "PLACE"), "/documents/0/entities/1/type"),
    ("an event's trigger is null", _set("events/0/trigger", None), "/documents/0/events/0/trigger"),
    ("a quote ends past the text", _set("quotes/0/end", len(TEXT) + 3), "/documents/0/quotes/0/end"),
    ("a sentence ends past the text", _set("sentences/1/end", len(TEXT) + 1), "/documents/0/sentences/1/end"),
    ("a mention starts after its end", _set("entities/0/mentions/0", {"start": 20, "end": 18, "text": ""}),
     "/documents/0/entities/0/mentions/0/start"),
    ("a cue span starts after its end", _set("quotes/0/cue_span", {"start": 30, "end": 25, "text": ""}),
     "/documents/0/quotes/0/cue_span/start"),
    ("a date's text is not its span's", _set("dates/0/text", "8 مارس 2024"), "/documents/0/dates/0/text"),
    ("a date's repeat is other words", _set("dates/0/repeats", [{"start": 0, "end": 4}]), "/documents/0/dates/0/repeats/0/text"),
    ("a quote's cue is not its cue span's text", _set("quotes/0/cue", "صرح"), "/documents/0/quotes/0/cue"),
    ("a quote's speaker is no entity of the document", _set("quotes/0/speaker", "person:nobody"),
     "/documents/0/quotes/0/speaker"),
    ("an event's participant is no entity of the document", _set("events/0/participants", ["person:nobody"]),
     "/documents/0/events/0/participants/0"),
    ("an event's role names no entity of the document", _set("events/0/roles/0/entity", "person:nobody"),
     "/documents/0/events/0/roles/0/entity"),
    ("an event's place is no entity of the document", _set("events/0/location", "city:nowhere"),
     "/documents/0/events/0/location"),
    ("the publication date is not a date", _set("published", "أمس"), "/documents/0/published"),
    ("the title does not open the text", _set("title", "عنوان آخر"), "/documents/0/title"),
    ("a lone surrogate in an entity's name", _set("entities/0/name", "سامي\ud800"), "/documents/0/entities/0/name"),
    ("a NUL character in an alias", _set("entities/0/aliases", ["سامي\x00"]), "/documents/0/entities/0/aliases/0"),
    ("meta nested 200 deep", _set("meta", _nested(200)), "/documents/0/meta" + "/x" * 63),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    db = tmp_path_factory.mktemp("analysed") / "analysed.db"
    srv = start_serve(str(db), "--stages", "text", "--threads", "1")
    yield srv
    log = srv.stop()
    assert "Traceback" not in log, log


def test_the_hand_written_document_is_valid_and_stored(server):
    doc = analysed("analysed-ok")
    validate(doc)
    r = httpx.post(server.url + "/documents", json={"documents": [doc]}, headers=server.auth, timeout=60)
    assert r.status_code == 201, r.text
    stored = httpx.get(server.url + "/documents/analysed-ok", timeout=60).json()
    assert stored["entities"] == doc["entities"] and stored["quotes"] == doc["quotes"]
    # every field posted is kept; fields of a later format the post lacks come back with their
    # defaults (the event's trigger as its only trigger, asserted, no date basis)
    assert [{k: e[k] for k in d} for e, d in zip(stored["events"], doc["events"], strict=True)] == doc["events"]
    assert [(e["triggers"], e["modality"]) for e in stored["events"]] == [([_span("يزور")], "asserted")]


@pytest.mark.parametrize(("problem", "change", "field"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_analysed_document_is_a_422_naming_the_field(server, problem, change, field):
    doc = copy.deepcopy(analysed("analysed-bad"))
    change(doc)
    body = json.dumps({"documents": [doc]}, ensure_ascii=True)  # ASCII escapes: a lone surrogate travels as \ud800
    r = httpx.post(server.url + "/documents", content=body.encode("ascii"), timeout=60,
                   headers={**server.auth, "content-type": "application/json"})
    assert r.status_code == 422, (problem, r.status_code, r.text)
    error = r.json()["error"]
    assert error["code"] == "E010", (problem, error)
    assert error["field"] == field, (problem, error)
    assert field in error["message"] and "rasd.document/1" in error["message"]
    assert httpx.get(server.url + "/documents/analysed-bad", timeout=60).status_code == 404


@pytest.mark.parametrize("body", [[1, 2], {"documents": ["rasd.document/1"]}, {"documents": [[{"schema": "rasd.document/1"}]]}],
                         ids=["a list", "a string item", "a list item"])
def test_a_body_that_is_not_documents_is_a_422(server, body):
    r = httpx.post(server.url + "/documents", json=body, headers=server.auth, timeout=60)
    assert r.status_code == 422 and r.json()["error"]["code"] == "E621", r.text


def test_one_bad_document_stores_none_of_the_request(server):
    good, bad = analysed("analysed-pair-1"), analysed("analysed-pair-2")
    bad["quotes"][0]["speaker"] = "person:nobody"
    r = httpx.post(server.url + "/documents", json={"documents": [good, bad]}, headers=server.auth, timeout=60)
    assert r.status_code == 422 and r.json()["error"]["field"] == "/documents/1/quotes/0/speaker"
    assert httpx.get(server.url + "/documents/analysed-pair-1", timeout=60).status_code == 404
