"""Checks of a pre-analysed document posted to the API, before it is rebuilt and stored.

A `rasd.document/1` document is checked in full, and the first problem is an InvalidDocument
(E010, answered 422) naming its field as a JSON pointer into the request body:

1. its strings: no lone surrogate, no NUL character, nesting at most `MAX_DEPTH` levels;
2. the JSON schema shipped with rasd (`rasd/schema/rasd.document-1.schema.json`): types,
   required keys, enumerations, date forms;
3. the span rules the schema cannot say: every span inside the text with start ≤ end, its `text`
   equal to the text it covers (a quote's `cue` and `speaker_text` too), the title opening the
   text, and every entity id a quote or an event names (speaker, participants, roles, location)
   listed in the document's entities. Relations and affiliations may name stable ids the
   document does not list (a country known from an adjective), as the analysis writes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from rasd.bounds import MAX_DEPTH, string_problem
from rasd.errors import InvalidDocument

__all__ = ["check_analysed"]

# the span fields of each list of the document: (list, span key inside an item or "" for the item)
_SPANS: tuple[tuple[str, str], ...] = (
    ("dates", ""),
    ("quantities", ""),
    ("quotes", ""),
    ("quotes", "cue_span"),
    ("quotes", "speaker_span"),
    ("events", "trigger"),
    ("relations", "evidence"),
)


@lru_cache(maxsize=1)
def _validator() -> Any:
    import json

    import jsonschema

    raw = resources.files("rasd").joinpath("schema/rasd.document-1.schema.json").read_text(encoding="utf-8")
    schema = json.loads(raw)
    schema["required"] = [k for k in schema["required"] if k != "id"]  # no id: the API derives it from the text
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _pointer(parts: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def check_analysed(data: Any, where: str, base: str = "") -> None:
    """Raise InvalidDocument for the first problem of the `rasd.document/1` document `data`;
    `where` names it in messages ("documents[0]"), `base` is its JSON pointer in the body."""

    def fail(path: Any, problem: str, fix: str = "Send the document as rasd.document/1 describes it.") -> None:
        raise InvalidDocument(where=where, field=base + _pointer(path), problem=problem, fix=fix)

    _check_strings(data, fail)
    _check_schema(data, fail)
    _check_spans(data, fail)
    _check_references(data, fail)


def _check_strings(data: Any, fail: Any) -> None:
    """Depth and string validity, walked without recursion."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict | list):
            if len(path) >= MAX_DEPTH:
                fail(path, f"JSON nested deeper than {MAX_DEPTH} levels", "Flatten it (meta is free-form, but shallow).")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for k, v in items:
                if isinstance(k, str) and (problem := string_problem(k)):
                    fail(path, f"a key {problem}")
                stack.append((v, (*path, k)))
        elif isinstance(value, str) and (problem := string_problem(value)):
            fail(path, f"the string {problem}", "Send valid text: no NUL, surrogates only in high-low pairs.")


def _check_schema(data: Any, fail: Any) -> None:
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is None:
        return
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [k for k in error.validator_value if k not in error.instance]
        fail([*path, missing[0]], "is missing (a required key)")
    message = error.message if len(error.message) <= 200 else error.message[:200] + "…"
    fail(path, f"{message} (schema rule {error.validator!r})")


def _spans(doc: dict[str, Any]) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    for i, s in enumerate(doc.get("sentences", [])):
        yield ["sentences", i], s
    for i, e in enumerate(doc["entities"]):
        for key in ("mentions", "references"):
            for j, m in enumerate(e.get(key, [])):
                yield ["entities", i, key, j], m
    for name, key in _SPANS:
        for i, item in enumerate(doc[name] if name in doc else []):
            span = item.get(key) if key else item
            if span is not None:
                yield [name, i, *([key] if key else [])], span
    for i, item in enumerate(doc.get("dates", [])):  # a date's repeats are its words again
        for j, r in enumerate(item.get("repeats", [])):
            yield ["dates", i, "repeats", j], {**r, "text": item["text"]} if "text" in item else r


def _check_spans(doc: dict[str, Any], fail: Any) -> None:
    text: str = doc["text"]
    fix = "Offsets count characters (code points) of text; send the spans the analysis gave."
    for path, span in _spans(doc):
        start, end = span["start"], span["end"]
        if start < 0:
            fail([*path, "start"], f"the span starts at {start}, before the text", fix)
        if start > end:
            fail([*path, "start"], f"the span starts ({start}) after it ends ({end})", fix)
        if end > len(text):
            fail([*path, "end"], f"the span ends at {end}, past the end of the text ({len(text)} characters)", fix)
        if "text" in span and span["text"] != text[start:end]:
            fail([*path, "text"], f"is {span['text']!r}, but the text at {start}..{end} is {text[start:end]!r}", fix)
    for i, q in enumerate(doc["quotes"]):
        for key, span_key in (("cue", "cue_span"), ("speaker_text", "speaker_span")):
            span = q.get(span_key)
            if span is not None and q.get(key) is not None and q[key] != span["text"]:
                fail(["quotes", i, key], f"is {q[key]!r}, but its {span_key} covers {span['text']!r}", fix)
    title = doc["title"]
    if title is not None and not text.startswith(title + "\n"):
        fail(["title"], "the text does not open with the title and a newline",
             "Send the text as the analysis gave it (title, a newline, then the body), or no title.")


def _check_references(doc: dict[str, Any], fail: Any) -> None:
    known = {e["id"] for e in doc["entities"]}
    fix = "List the entity in the document's entities, or leave the field null."

    def check(path: list[Any], entity_id: str | None) -> None:
        if entity_id is not None and entity_id not in known:
            fail(path, f"names the entity {entity_id!r}, which the document's entities do not list", fix)

    for i, q in enumerate(doc["quotes"]):
        check(["quotes", i, "speaker"], q["speaker"])
    for i, ev in enumerate(doc["events"]):
        for j, p in enumerate(ev["participants"]):
            check(["events", i, "participants", j], p)
        for j, r in enumerate(ev.get("roles", [])):
            check(["events", i, "roles", j, "entity"], r["entity"])
        check(["events", i, "location"], ev["location"])
