"""JSON (de)serialisation of a `Document` as `rasd.document/1`.

`to_dict` writes every span as `{start, end, text}` so the output can be read without the model;
`from_dict` rebuilds the Document (span texts are checked against the text).
"""

from __future__ import annotations

import json
from typing import Any

from rasd.errors import BadRecord
from rasd.model import (
    SCHEMA,
    DateSpan,
    Document,
    Entity,
    Event,
    Mention,
    Participant,
    Quantity,
    Quote,
    Relation,
    Span,
)


def _span(doc: Document, start: int | None, end: int | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "text": doc.text[start:end]}


def _mention(doc: Document, m: Mention) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": doc.text[m.start : m.end], "source": m.source}


def to_dict(doc: Document) -> dict[str, Any]:
    t = doc.text
    return {
        "schema": SCHEMA,
        "id": doc.id,
        "title": doc.title,
        "published": doc.published,
        "source": doc.source,
        "url": doc.url,
        "meta": doc.meta,
        "text": t,
        "sentences": [{"start": s.start, "end": s.end} for s in doc.sentences],
        "entities": [
            {
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "latin": e.latin,
                **({"latin_guess": e.latin_guess} if e.latin_guess else {}),
                "title": e.title,
                "affiliation": e.affiliation,
                "aliases": e.aliases,
                "mentions": [_mention(doc, m) for m in e.mentions],
                "references": [_mention(doc, m) for m in e.references],
            }
            for e in doc.entities
        ],
        "dates": _dates(doc),
        "quantities": [
            {
                "start": q.start,
                "end": q.end,
                "text": t[q.start : q.end],
                "value": q.value,
                "unit": q.unit,
                "approximate": q.approximate,
            }
            for q in doc.quantities
        ],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": t[q.start : q.end],
                "direct": q.direct,
                "cue": t[q.cue_start : q.cue_end] if q.cue_start is not None and q.cue_end is not None else None,
                "cue_span": _span(doc, q.cue_start, q.cue_end),
                "speaker": q.speaker,
                "speaker_text": t[q.speaker_start : q.speaker_end]
                if q.speaker_start is not None and q.speaker_end is not None
                else None,
                "speaker_span": _span(doc, q.speaker_start, q.speaker_end),
                "negated": q.negated,
                "sentence": q.sentence,
                "speaker_rule": q.speaker_rule or None,
            }
            for q in doc.quotes
        ],
        "events": [
            {
                "type": e.type,
                "trigger": _span(doc, e.trigger_start, e.trigger_end),
                "participants": [p.entity for p in e.participants],
                "roles": [{"entity": p.entity, "role": p.role} for p in e.participants],
                "location": e.location,
                "date": e.date,
                "date_precision": e.date_precision,
                "location_precision": e.location_precision,
                "killed": e.killed,
                "injured": e.injured,
                "negated": e.negated,
                "sentence": e.sentence,
                "triggers": [_span(doc, a, b) for a, b in (e.triggers or [(e.trigger_start, e.trigger_end)])],
                "modality": e.modality,
                "date_basis": e.date_basis,
            }
            for e in doc.events
        ],
        "relations": [
            {"type": r.type, "subject": r.subject, "object": r.object, "evidence": _span(doc, r.start, r.end)}
            for r in doc.relations
        ],
        "warnings": doc.warnings,
    }


def to_json(doc: Document, pretty: bool = False) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=1 if pretty else None)


def _dates(doc: Document) -> list[dict[str, Any]]:
    """The document's dates, one item per expression: the same words with the same value (and
    kind, precision, flags) written again later are its `repeats` (their spans), so that a weekday
    named five times is one date of the article, as news annotation lists them."""
    t = doc.text
    items: dict[tuple[Any, ...], dict[str, Any]] = {}
    for d in doc.dates:
        key = (t[d.start : d.end], d.value, d.kind, d.precision, tuple(d.flags))
        item = items.get(key)
        if item is None:
            items[key] = {"start": d.start, "end": d.end, "text": key[0], "value": d.value, "kind": d.kind,
                          "precision": d.precision, "flags": d.flags}
        else:
            item.setdefault("repeats", []).append({"start": d.start, "end": d.end})
    return list(items.values())


def _checked(text: str, item: dict[str, Any], where: str) -> tuple[int, int]:
    start, end = item["start"], item["end"]
    if not (0 <= start <= end <= len(text)):
        raise BadRecord(where=where, problem=f"span {start}..{end} is outside the text", fix="Re-run the analysis.")
    if "text" in item and item["text"] is not None and text[start:end] != item["text"]:
        raise BadRecord(
            where=where, problem=f"span {start}..{end} does not match its text {item['text']!r}", fix="Re-run the analysis."
        )
    return start, end


def from_dict(data: dict[str, Any], where: str = "document") -> Document:
    """Rebuild a Document from its `rasd.document/1` dict (span texts are checked)."""
    if data.get("schema", SCHEMA) != SCHEMA:
        raise BadRecord(where=where, problem=f"schema is {data.get('schema')!r}", fix=f"Expected {SCHEMA!r}.")
    text = data["text"]
    doc = Document(
        text=text,
        id=data.get("id") or "",
        title=data.get("title"),
        published=data.get("published"),
        source=data.get("source"),
        url=data.get("url"),
        meta=dict(data.get("meta") or {}),
    )
    doc.sentences = [Span(*_checked(text, s, where), "SENT") for s in data.get("sentences", [])]
    for e in data.get("entities", []):
        ent = Entity(
            id=e["id"],
            type=e["type"],
            name=e["name"],
            latin=e.get("latin"),
            latin_guess=e.get("latin_guess"),
            title=e.get("title"),
            affiliation=e.get("affiliation"),
            aliases=list(e.get("aliases") or []),
        )
        for key, kind in (("mentions", "name"), ("references", "reference")):
            for m in e.get(key, []):
                s, en = _checked(text, m, where)
                mention = Mention(s, en, e["type"], kind=kind, source=m.get("source", ""), entity=e["id"])
                getattr(ent, key).append(mention)
                doc.mentions.append(mention)
        doc.entities.append(ent)
    doc.mentions.sort(key=lambda m: (m.start, m.end))
    for d in data.get("dates", []):
        for span in (d, *({**r, "text": d.get("text")} for r in d.get("repeats", []))):
            s, en = _checked(text, span, where)
            doc.dates.append(DateSpan(s, en, d.get("value"), d.get("kind", "absolute"), d.get("precision", ""), list(d.get("flags", []))))
    doc.dates.sort(key=lambda x: (x.start, x.end))
    for q in data.get("quantities", []):
        s, en = _checked(text, q, where)
        doc.quantities.append(Quantity(s, en, q.get("value"), q.get("unit"), bool(q.get("approximate", False))))
    for q in data.get("quotes", []):
        s, en = _checked(text, q, where)
        cue = q.get("cue_span") or {}
        spk = q.get("speaker_span") or {}
        doc.quotes.append(
            Quote(
                s,
                en,
                bool(q.get("direct")),
                cue.get("start"),
                cue.get("end"),
                q.get("speaker"),
                spk.get("start"),
                spk.get("end"),
                bool(q.get("negated", False)),
                q.get("sentence"),
                q.get("speaker_rule") or "",
            )
        )
    for ev in data.get("events", []):
        trig = ev["trigger"]
        s, en = _checked(text, trig, where)
        roles = ev.get("roles") or [{"entity": p, "role": ""} for p in ev.get("participants", [])]
        triggers = [_checked(text, t, where) for t in ev.get("triggers") or [trig]]
        doc.events.append(
            Event(
                ev["type"],
                s,
                en,
                [Participant(r["entity"], r.get("role", "")) for r in roles],
                ev.get("location"),
                ev.get("date"),
                ev.get("date_precision"),
                ev.get("location_precision"),
                ev.get("killed"),
                ev.get("injured"),
                bool(ev.get("negated", False)),
                ev.get("sentence"),
                triggers,
                ev.get("modality") or "asserted",
                ev.get("date_basis"),
            )
        )
    for r in data.get("relations", []):
        evd = r.get("evidence") or {"start": 0, "end": 0}
        s, en = _checked(text, evd, where)
        doc.relations.append(Relation(r["type"], r["subject"], r["object"], s, en))
    doc.warnings = list(data.get("warnings", []))
    return doc
