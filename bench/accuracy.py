"""What rasd reads in real news: the development gold set (`bench/gold/`) scored layer by layer.

    python bench/accuracy.py [--only LAYER] [--errors] [--json] [--agreement] [--data DIR]

Each gold file names a record of the ANT unlabelled news; its text (title, newline, body) is
rebuilt from `../shared/data/ant-unlabeled`, analysed by the default pipeline with the record's
date and source, and scored by `../shared/tools/score.py`. The figures are summed over all files
(micro-averaged): entities P/R/F1 and per type, dates, quotations found, speaker accuracy (right
speakers / gold quotations), events P/R/F1 (gold events of type OTHER left out, and rasd's types
the gold codes as OTHER; a CLASH scored as the gold's ATTACK), with the count of gold events that
two or more system events match (the scorer's matching rule: one happening reported twice), relations.

--errors   every error, file by file (what the scorer reports, plus the system's quotations,
           dates, events and relations that match nothing in the gold file), so that a change
           reads as "fixed these, broke those" (diff two runs).
--only     one layer of the table and of the errors: entities, dates, quotes, events, relations.
--json     one JSON object: entities, dates, quotes, speaker_acc, events, relations, docs.
--agreement score the second annotations (`bench/gold/second/`) against the main files instead
           of rasd: the agreement between two annotators, the ceiling of any figure here.
--compare FILE  what a change fixed and broke: FILE is the `--json --errors` output of an earlier
           run; prints, file by file, the errors that are gone and the ones that are new.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import goldset  # noqa: E402

LAYERS = goldset.LAYERS
PRF = ("tp", "fp", "fn")


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def rasd_system() -> Callable[[dict, goldset.Record], dict]:
    """A function from (gold file, record) to what rasd's default pipeline prints for the record."""
    import rasd
    from rasd.model import Document

    pipeline = rasd.default_pipeline()

    def run(gold: dict, record: goldset.Record) -> dict:
        doc = Document.from_parts(record.text, record.title, id=record.id,
                                  published=gold["input"]["published"], source=record.source)
        return in_gold_types(rasd.to_dict(pipeline(doc)))

    return run


# The gold set codes events in the 14 types of shared/GOLD-GUIDE.md and OTHER. rasd's finer types
# are scored as the gold would code them: a clash is an ATTACK there; a kidnapping, a release, a
# strike or a deployment is OTHER, which is left out on both sides.
GOLD_TYPE_OF = {"CLASH": "ATTACK", "KIDNAP": None, "RELEASE": None, "STRIKE": None, "DEPLOY": None}


def in_gold_types(system: dict) -> dict:
    """The system's events in the gold set's types (see GOLD_TYPE_OF)."""
    events = []
    for e in system.get("events", []):
        t = GOLD_TYPE_OF.get(e.get("type"), e.get("type"))
        if t is not None:
            events.append(e | {"type": t})
    return system | {"events": events}


def second_system(directory: Path = goldset.SECOND_DIR) -> Callable[[dict, goldset.Record], dict | None]:
    """A function from (gold file, record) to a stand-in of its second annotation (None where there is none)."""

    def run(gold: dict, record: goldset.Record) -> dict | None:
        path = directory / f"{record.id}.json"
        return goldset.stand_in(goldset.for_scoring(goldset.load(path))) if path.is_file() else None

    return run


def _layer_of(error: str) -> str:
    if error.startswith(("date ", "spurious date")):
        return "dates"
    if error.startswith(("quote ", "missed quote", "spurious quote")):
        return "quotes"
    if error.startswith(("missed event", "spurious event", "duplicate event")):
        return "events"
    if error.startswith(("missed relation", "spurious relation")):
        return "relations"
    return "entities"


def _with_system_speaker(error: str, gold: dict, system: dict) -> str:
    """The scorer's "has wrong speaker (gold X)" line, with the speaker(s) rasd gave instead."""
    if not (error.startswith("quote ") and "wrong speaker" in error):
        return error
    sc = goldset.scorer()
    names = {e["id"]: e.get("name") for e in system.get("entities", [])}
    for g in gold.get("quotes", []):
        if not error.startswith(f"quote {g['contains'][:30]!r}"):
            continue
        core = sc.norm(g["contains"])
        said = []
        for s in system.get("quotes", []):
            st = sc.norm(s.get("text", ""))
            if core in st or (len(st) > 20 and st in core):
                sp = s.get("speaker")
                said.append(names.get(sp, sp) if sp else f"none ({s.get('speaker_text') or 'no text'})")
        return f"{error}; rasd: {' / '.join(dict.fromkeys(str(x) for x in said))}"
    return error


def _sys_to_gold(gold: dict, system: dict) -> dict[str, str]:
    """The scorer's system→gold entity map, rebuilt from its own matching."""
    sc = goldset.scorer()
    gents = gold.get("entities", [])
    out = {}
    for e in system.get("entities", []):
        texts = [e.get("name", "")] + [m.get("text", "") for m in e.get("mentions", [])]
        cands = [g for g in gents if sc.matches(texts, [g["name"], *g.get("mentions", [])])]
        cands.sort(key=lambda g: g["type"] != e.get("type"))
        if cands:
            out[e["id"]] = cands[0]["id"]
    return out


def _trigger_text(s: dict) -> str:
    t = s.get("trigger")
    return goldset.scorer().norm(t.get("text", "") if isinstance(t, dict) else (t or ""))


def event_matcher(gold: dict, system: dict) -> Callable[[dict, dict], bool]:
    """The scorer's rule for a system event `s` matching a gold event `g`: same type, and the same
    trigger words, date or place."""
    sc = goldset.scorer()
    sys_to_gold = _sys_to_gold(gold, system)

    def same_event(s: dict, g: dict) -> bool:
        if s.get("type") != g["type"]:
            return False
        st, gt = _trigger_text(s), sc.norm(g.get("trigger", ""))
        if st and gt and (st in gt or gt in st or sc.forms(st) & sc.forms(gt)):
            return True
        if g.get("date") and str(s.get("date")) == g.get("date"):
            return True
        return bool(g.get("location") and sys_to_gold.get(s.get("location")) == g.get("location"))

    return same_event


def duplicated_events(gold: dict, system: dict) -> list[tuple[dict, int]]:
    """The gold events that two or more system events match (the scorer's rule), each with how
    many: one happening the system reports more than once, or several happenings the lenient rule
    cannot tell apart (three visits of one trigger): the gold set's own events, scored as a
    system, count 41 here and 0 in `surplus_events`."""
    same_event = event_matcher(gold, system)
    out = []
    for g in gold.get("events", []):
        n = sum(1 for s in system.get("events", []) if same_event(s, g))
        if n >= 2:
            out.append((g, n))
    return out


def surplus_events(gold: dict, system: dict) -> list[dict]:
    """The system events that match a gold event (the scorer's rule) but are left over when each
    gold event takes at most one system event (a maximum one-to-one matching): the events told
    twice. Unlike `duplicated_events` it does not count a gold event that several system events
    match only because the rule is lenient (three visits of one trigger, each matching the three
    gold visits by its trigger words): a perfect system has none."""
    same_event = event_matcher(gold, system)
    ge, se = gold.get("events", []), system.get("events", [])
    edges = [[gi for gi, g in enumerate(ge) if same_event(s, g)] for s in se]
    taken: dict[int, int] = {}  # gold index -> system index

    def augment(si: int, seen: set[int]) -> bool:
        for gi in edges[si]:
            if gi in seen:
                continue
            seen.add(gi)
            if gi not in taken or augment(taken[gi], seen):
                taken[gi] = si
                return True
        return False

    for si in range(len(se)):
        augment(si, set())
    kept = set(taken.values())
    return [s for si, s in enumerate(se) if edges[si] and si not in kept]


def extra_errors(gold: dict, system: dict) -> list[str]:
    """What the scorer leaves unsaid: the system's dates, quotations, events and relations that match
    nothing in the gold file, and the gold relations the system missed (same matching rules)."""
    sc = goldset.scorer()
    norm = sc.norm
    out = []
    for s in system.get("dates", []):
        st = norm(s.get("text", ""))
        if not any(str(s.get("value")) == g["value"] and (norm(g["text"]) in st or st in norm(g["text"]))
                   for g in gold.get("dates", [])):
            out.append(f"spurious date {s.get('text')!r} → {s.get('value')}")
    cores = [norm(g["contains"]) for g in gold.get("quotes", [])]
    names = {e["id"]: e.get("name") for e in system.get("entities", [])}
    for s in system.get("quotes", []):
        st = norm(s.get("text", ""))
        if not any(c in st or (len(st) > 20 and st in c) for c in cores):
            who = names.get(s.get("speaker")) or s.get("speaker_text") or "no speaker"
            out.append(f"spurious quote {s.get('text', '')[:40]!r}… ({who})")

    same_event = event_matcher(gold, system)
    for s in system.get("events", []):
        if not any(same_event(s, g) for g in gold.get("events", [])):
            out.append(f"spurious event {s.get('type')} {_trigger_text(s)!r} {s.get('date')}")
    for s in surplus_events(gold, system):
        out.append(f"duplicate event {s.get('type')} {_trigger_text(s)!r} {s.get('date')}:"
                   " a gold event it matches is taken by another")
    sys_to_gold = _sys_to_gold(gold, system)
    have = {(r.get("type"), sys_to_gold.get(r.get("subject")), sys_to_gold.get(r.get("object")))
            for r in system.get("relations", [])}
    want = {(r["type"], r["subject"], r["object"]) for r in gold.get("relations", [])}
    for r in gold.get("relations", []):
        if (r["type"], r["subject"], r["object"]) not in have:
            out.append(f"missed relation {r['type']} {r['subject']} → {r['object']}")
    for r in system.get("relations", []):
        key = (r.get("type"), sys_to_gold.get(r.get("subject")), sys_to_gold.get(r.get("object")))
        if key not in want:
            out.append(f"spurious relation {r.get('type')} {names.get(r.get('subject'), r.get('subject'))}"
                       f" → {names.get(r.get('object'), r.get('object'))}")
    return out


def evaluate(golds: list[dict], records: dict[str, goldset.Record],
             system: Callable[[dict, goldset.Record], dict | None]) -> dict:
    """Score every gold file against `system`'s output and sum the figures over files."""
    sc = goldset.scorer()
    sums = {layer: Counter() for layer in LAYERS}
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_source: dict[str, Counter] = defaultdict(Counter)
    speakers = gold_quotes = duplicated = surplus = 0
    docs = []
    for gold in golds:
        record = records.get(gold["document"])
        if record is None:
            raise goldset.GoldError(f"gold file {gold['document']}: no such record in the corpus")
        out = system(gold, record)
        if out is None:
            continue
        g = goldset.for_scoring(gold)
        report = sc.score(g, out)
        for layer in LAYERS:
            sums[layer].update({k: report[layer][k] for k in PRF})
        for t, v in report["entities_by_type"].items():
            by_type[t].update({k: v[k] for k in PRF})
        n_quotes = len(g.get("quotes", []))
        dups = len(duplicated_events(g, out))
        duplicated += dups
        surplus += len(surplus_events(g, out))
        speakers += report["quotes"]["speaker_correct"]
        gold_quotes += n_quotes
        src = by_source[record.source]
        src.update(docs=1, quotes=n_quotes, speakers=report["quotes"]["speaker_correct"],
                   ent_tp=report["entities"]["tp"], ent_fp=report["entities"]["fp"], ent_fn=report["entities"]["fn"])
        errors = [_with_system_speaker(e, g, out) for e in report["errors"]] + extra_errors(g, out)
        docs.append({
            "id": record.id, "source": record.source,
            "entities_f1": report["entities"]["f1"],
            "quotes": n_quotes, "quotes_found": report["quotes"]["tp"],
            "speakers_right": report["quotes"]["speaker_correct"],
            "events_recall": report["events"]["recall"], "events": report["events"]["tp"] + report["events"]["fn"],
            "events_duplicated": dups,
            "errors": errors,
        })
    result: dict = {}
    for layer in LAYERS:
        result[layer] = prf(*(sums[layer][k] for k in PRF))
    result["entities"]["by_type"] = {t: prf(*(c[k] for k in PRF)) for t, c in sorted(by_type.items())}
    result["quotes"] = result["quotes"] | {"gold": gold_quotes, "speaker_correct": speakers}
    result["events"]["duplicated"] = duplicated
    result["events"]["surplus"] = surplus
    result["speaker_acc"] = round(speakers / gold_quotes, 3) if gold_quotes else 0.0
    result["by_source"] = {
        s: {"docs": c["docs"], "entities_f1": prf(c["ent_tp"], c["ent_fp"], c["ent_fn"])["f1"],
            "speaker_acc": round(c["speakers"] / c["quotes"], 3) if c["quotes"] else 0.0}
        for s, c in sorted(by_source.items())
    }
    result["docs"] = docs
    return result


def table(result: dict, only: str | None = None) -> str:
    def row(name: str, v: dict, extra: str = "") -> str:
        return (f"{name:22s} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f}"
                f"   {v['tp']:4d} {v['fp']:4d} {v['fn']:4d}{extra}")

    lines = [f"{'layer':22s} {'P':>6s} {'R':>6s} {'F1':>6s}   {'tp':>4s} {'fp':>4s} {'fn':>4s}"]
    for layer in LAYERS:
        if only and layer != only:
            continue
        v = result[layer]
        if layer == "quotes":
            lines.append(row("quotes (found)", v, f"   speakers right {v['speaker_correct']}/{v['gold']}"
                                                  f" = speaker accuracy {result['speaker_acc']:.3f}"))
            continue
        lines.append(row(layer, v))
        if layer == "events":
            lines.append(f"  gold events matched by 2+ system events: {v['duplicated']};"
                         f" system events left over by a one-to-one matching: {v['surplus']}")
        if layer == "entities":
            for t, tv in v["by_type"].items():
                lines.append(row(f"  {t}", tv))
    if not only or only in ("entities", "quotes"):
        lines.append("")
        lines.append(f"{'by outlet':22s} {'docs':>6s} {'ent F1':>7s} {'speakers':>9s}")
        for s, v in result["by_source"].items():
            lines.append(f"{s:22s} {v['docs']:6d} {v['entities_f1']:7.3f} {v['speaker_acc']:9.3f}")
    lines.append(f"\n{len(result['docs'])} documents")
    return "\n".join(lines)


def compare(before: dict, after: dict, only: str | None = None) -> str:
    """The errors fixed and the errors new between two runs, file by file, and the figures."""
    old = {d["id"]: d.get("errors", []) for d in before.get("docs", [])}
    if before.get("docs") and "errors" not in before["docs"][0]:
        raise goldset.GoldError("the earlier run has no errors: make it with --json --errors")
    lines = []
    fixed = broke = 0
    for d in after["docs"]:
        was = Counter(e for e in old.get(d["id"], []) if not only or _layer_of(e) == only)
        now = Counter(e for e in d["errors"] if not only or _layer_of(e) == only)
        gone, new = was - now, now - was
        if gone or new:
            lines.append(f"## {d['id']} ({d['source']})")
            lines += [f"  fixed: {e}" for e in sorted(gone.elements())]
            lines += [f"  new:   {e}" for e in sorted(new.elements())]
        fixed += sum(gone.values())
        broke += sum(new.values())
    lines.append(f"\n{fixed} errors fixed, {broke} new")
    for layer in LAYERS:
        if only and layer != only:
            continue
        a, b = before.get(layer, {}), after[layer]
        lines.append(f"{layer:10s} F1 {a.get('f1', 0):.3f} -> {b['f1']:.3f}")
        if layer == "events":
            lines.append(f"events matched by 2+: {a.get('duplicated', '?')} -> {b['duplicated']},"
                         f" left over one-to-one: {a.get('surplus', '?')} -> {b['surplus']}")
    lines.append(f"speaker accuracy {before.get('speaker_acc', 0):.3f} -> {after['speaker_acc']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=LAYERS, help="one layer of the table and of the errors")
    ap.add_argument("--errors", action="store_true", help="list every error, file by file")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--agreement", action="store_true",
                    help="score the second annotations against the main files instead of rasd")
    ap.add_argument("--compare", type=Path, metavar="FILE",
                    help="an earlier `--json --errors` output: print the errors fixed and the ones new since")
    ap.add_argument("--gold", type=Path, default=goldset.GOLD_DIR, help="the folder of gold files (default: bench/gold)")
    ap.add_argument("--data", help="the ant-unlabeled folder (default: ../shared/data/ant-unlabeled)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        records = goldset.corpus(args.data)
        files = goldset.gold_files(args.gold)
        if not files:
            print(f"error: no gold files in {args.gold}", file=sys.stderr)
            return 2
        golds = [goldset.load(p) for p in files]
        system = second_system(args.gold / "second") if args.agreement else rasd_system()
        result = evaluate(golds, records, system)
    except goldset.GoldError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    result["seconds"] = round(time.perf_counter() - t0, 1)
    if args.compare:
        try:
            before = json.loads(args.compare.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            print(f"error: {args.compare}: not the JSON of `bench/accuracy.py --json --errors` ({e})", file=sys.stderr)
            return 2
        try:
            print(compare(before, result, args.only))
        except goldset.GoldError as e:
            print(f"error: {args.compare}: {e}", file=sys.stderr)
            return 2
        return 0
    if args.json:
        out = dict(result)
        if not args.errors:
            out["docs"] = [{k: v for k, v in d.items() if k != "errors"} for d in result["docs"]]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if args.errors:
        for d in result["docs"]:
            errs = [e for e in d["errors"] if not args.only or _layer_of(e) == args.only]
            if errs:
                print(f"## {d['id']} ({d['source']})")
                for e in errs:
                    print(f"  - {e}")
        print()
    print(table(result, args.only))
    print(f"({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
