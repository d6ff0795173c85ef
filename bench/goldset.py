"""The development gold set: reading its files, rebuilding their texts, checking them.

A gold file (`bench/gold/<record id>.json`, the format of `shared/seed/gold.json`, conventions in
`shared/GOLD-GUIDE.md`) holds a record id and annotated strings, never the article's text: the
text is rebuilt from the ANT unlabelled news (`shared/data/ant-unlabeled`) as the record's title,
a newline and its body.

    python bench/goldset.py check [FILE ...]   # every file's strings are in its text, ids are
                                               # consistent, and a stand-in built from the file
                                               # scores 1.0 on every layer
    python bench/goldset.py text ID            # print one record's text (title, newline, body)
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_DIR = ROOT / "bench" / "gold"
SECOND_DIR = GOLD_DIR / "second"
CORPUS_FILES = ("multisource.jsonl.gz", "jawharafm.jsonl.gz")

ENTITY_TYPES = {"PERSON", "ORG", "LOC", "MISC"}
EVENT_TYPES = {
    "MEET", "STATEMENT", "VISIT", "AGREEMENT", "AID", "SANCTION", "ATTACK", "ARREST", "TRIAL",
    "ELECTION", "PROTEST", "APPOINTMENT", "DEATH", "ACCIDENT", "OTHER",
}
RELATION_TYPES = {"ROLE_OF", "MEMBER_OF", "PART_OF", "CO_CHAIR_OF", "LOCATED_IN", "LEADS"}
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LAYERS = ("entities", "dates", "quotes", "events", "relations")


class GoldError(Exception):
    """A gold file or the corpus it points at cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Record:
    id: str
    title: str
    text: str
    date: str
    source: str
    category: str

    @property
    def document_text(self) -> str:
        return self.title + "\n" + self.text


def shared_dir(path: str | Path | None = None) -> Path:
    return Path(path) if path else SHARED


@lru_cache(maxsize=4)
def _corpus(data_dir: str) -> dict[str, Record]:
    out: dict[str, Record] = {}
    base = Path(data_dir)
    for name in CORPUS_FILES:
        path = base / name
        if not path.is_file():
            raise GoldError(f"{path}: corpus file missing; pass the ant-unlabeled folder of shared/data")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as e:
                    raise GoldError(f"{path}:{n}: not JSON ({e.msg})") from e
                out[r["id"]] = Record(r["id"], r["title"], r["text"], r["date"], r["source"], r["category"])
    return out


def corpus(data_dir: str | Path | None = None) -> dict[str, Record]:
    """Every record of the ANT unlabelled news, by id."""
    return _corpus(str(Path(data_dir) if data_dir else SHARED / "data" / "ant-unlabeled"))


def gold_files(directory: Path = GOLD_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.json"))


def load(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except json.JSONDecodeError as e:
        raise GoldError(f"{path}:{e.lineno}: not JSON ({e.msg})") from e


@lru_cache(maxsize=1)
def scorer():
    """`shared/tools/score.py`, imported as a module."""
    path = SHARED / "tools" / "score.py"
    if not path.is_file():
        raise GoldError(f"{path}: the scorer is missing; bench/accuracy.py needs shared/ beside the project")
    spec = importlib.util.spec_from_file_location("rasd_gold_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def for_scoring(gold: dict) -> dict:
    """The gold as scored: events of type OTHER (which no system type can match) left out."""
    return gold | {"events": [e for e in gold.get("events", []) if e.get("type") != "OTHER"]}


def stand_in(gold: dict) -> dict:
    """A system document that says exactly what the gold file says (scores 1.0 where the file is sound)."""
    return {
        "entities": [
            {"id": e["id"], "type": e["type"], "name": e["name"],
             "mentions": [{"text": m} for m in e.get("mentions", [])]}
            for e in gold.get("entities", [])
        ],
        "dates": [{"text": d["text"], "value": d["value"]} for d in gold.get("dates", [])],
        "quotes": [{"text": q["contains"], "direct": q.get("direct"), "speaker": q.get("speaker")}
                   for q in gold.get("quotes", [])],
        "events": [{"type": e["type"], "trigger": {"text": e.get("trigger") or ""}, "date": e.get("date"),
                    "location": e.get("location"), "participants": e.get("participants", [])}
                   for e in gold.get("events", [])],
        "relations": [dict(r) for r in gold.get("relations", [])],
    }


def _in_text(s: str, text: str) -> bool:
    """A string is in the text as it stands, or as the hashtag that writes it (`#محمد_بن_سلمان`)."""
    return bool(s) and (s in text or s.replace(" ", "_") in text)


def problems(gold: dict, record: Record | None) -> list[str]:
    """Everything wrong with one gold file (empty when it is sound)."""
    out: list[str] = []
    text = record.document_text if record else None
    if record is None:
        out.append(f"document {gold.get('document')!r} is not a record of the corpus")
    else:
        inp = gold.get("input", {})
        if inp.get("published") != record.date:
            out.append(f"input.published {inp.get('published')!r} is not the record's date {record.date}")
        if inp.get("source") != record.source:
            out.append(f"input.source {inp.get('source')!r} is not the record's source {record.source!r}")

    def present(what: str, s) -> None:
        if not isinstance(s, str) or not s.strip():
            out.append(f"{what}: empty")
        elif text is not None and not _in_text(s, text):
            out.append(f"{what}: {s!r} is not in the text")

    ids: dict[str, dict] = {}
    for e in gold.get("entities", []):
        eid = e.get("id")
        if not eid or eid in ids:
            out.append(f"entity id {eid!r} missing or repeated")
            continue
        ids[eid] = e
        if e.get("type") not in ENTITY_TYPES:
            out.append(f"entity {eid}: type {e.get('type')!r} not one of {sorted(ENTITY_TYPES)}")
        if not e.get("name"):
            out.append(f"entity {eid}: no name")
        if not e.get("mentions"):
            out.append(f"entity {eid}: no mentions")
        for m in e.get("mentions", []):
            present(f"entity {eid} mention", m)
        for m in e.get("references", []):
            present(f"entity {eid} reference", m)
    for e in gold.get("entities", []):
        if e.get("affiliation") and e["affiliation"] not in ids:
            out.append(f"entity {e.get('id')}: affiliation {e['affiliation']!r} is not an entity id")

    for d in gold.get("dates", []):
        present("date", d.get("text"))
        if not DATE_VALUE.match(str(d.get("value"))):
            out.append(f"date {d.get('text')!r}: value {d.get('value')!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    for q in gold.get("quantities", []):
        present("quantity", q.get("text"))
    for q in gold.get("quotes", []):
        present("quote contains", q.get("contains"))
        if q.get("cue"):
            present("quote cue", q["cue"])
        sp = q.get("speaker")
        if sp is None:
            if not q.get("speaker_text"):
                out.append(f"quote {str(q.get('contains'))[:30]!r}: speaker null without speaker_text")
        elif sp not in ids:
            out.append(f"quote {str(q.get('contains'))[:30]!r}: speaker {sp!r} is not an entity id")
        if not isinstance(q.get("direct"), bool):
            out.append(f"quote {str(q.get('contains'))[:30]!r}: direct must be true or false")
    for ev in gold.get("events", []):
        label = f"event {ev.get('type')} {str(ev.get('trigger'))[:20]!r}"
        if ev.get("type") not in EVENT_TYPES:
            out.append(f"{label}: type not one of {sorted(EVENT_TYPES)}")
        if ev.get("type") == "OTHER" and not ev.get("note"):
            out.append(f"{label}: OTHER needs a note")
        present(f"{label} trigger", ev.get("trigger"))
        if ev.get("date") is not None and not DATE_VALUE.match(str(ev["date"])):
            out.append(f"{label}: date {ev['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if ev.get("location") is not None and ev["location"] not in ids:
            out.append(f"{label}: location {ev['location']!r} is not an entity id")
        for p in ev.get("participants", []):
            if p not in ids:
                out.append(f"{label}: participant {p!r} is not an entity id")
            elif p == ev.get("location"):
                out.append(f"{label}: {p} is both the place and a participant")
    for r in gold.get("relations", []):
        if r.get("type") not in RELATION_TYPES:
            out.append(f"relation {r}: type not one of {sorted(RELATION_TYPES)}")
        for k in ("subject", "object"):
            if r.get(k) not in ids:
                out.append(f"relation {r}: {k} {r.get(k)!r} is not an entity id")

    if not out:
        g = for_scoring(gold)
        report = scorer().score(g, stand_in(g))
        for layer in LAYERS:
            v = report[layer]
            if v["tp"] + v["fn"] and (v["precision"] != 1.0 or v["recall"] != 1.0):
                out.append(f"stand-in scores {layer} P={v['precision']} R={v['recall']}: "
                           + "; ".join(report["errors"]))
        if report["quotes"]["speaker_correct"] != len(g.get("quotes", [])):
            out.append("stand-in quotes do not all get their speaker: " + "; ".join(report["errors"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="check gold files (default: all of bench/gold and bench/gold/second)")
    c.add_argument("files", nargs="*", type=Path)
    c.add_argument("--data", help="the ant-unlabeled folder (default: ../shared/data/ant-unlabeled)")
    t = sub.add_parser("text", help="print one record's text")
    t.add_argument("id")
    t.add_argument("--data")
    args = ap.parse_args(argv)
    try:
        records = corpus(args.data)
        if args.cmd == "text":
            if args.id not in records:
                print(f"error: no record {args.id!r} in the corpus", file=sys.stderr)
                return 2
            print(records[args.id].document_text)
            return 0
        files = args.files or gold_files() + gold_files(SECOND_DIR)
        bad = 0
        for path in files:
            gold = load(path)
            found = problems(gold, records.get(gold.get("document")))
            for p in found:
                print(f"{path}: {p}")
            bad += bool(found)
        print(f"{len(files) - bad} of {len(files)} gold files sound")
        return 1 if bad else 0
    except GoldError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
