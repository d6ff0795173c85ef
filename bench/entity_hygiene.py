"""Entity names that no analyst wants to see, counted on real news.

    python bench/entity_hygiene.py [--data DIR] [--limit N] [--show K]

Analyses the first N records (default 300) of the ANT unlabelled news
(`../shared/data/ant-unlabeled/multisource.jsonl.gz`) with the default pipeline and counts the
entities whose name or id
- contains «#» or «_» (a hashtag read as a name),
- is a weekday, a month name that is not also a common name (`dates/months.tsv` ambiguous flag),
  or a currency (the money units of `dates/units.tsv`), with or without the article.
Prints the counts, up to K examples of each, and exits 1 when any is found.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ant-unlabeled"


def money_units() -> frozenset[str]:
    """The keys of the currency forms of `dates/units.tsv` (its «# money» section)."""
    from rasd.text.normalize import norm_key

    path = ROOT / "src" / "rasd" / "data" / "dates" / "units.tsv"
    out, section = set(), ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            section = line[1:].strip()
            continue
        if section == "money" and line.strip():
            form = line.split("\t")[0].strip()
            if form and form != "%":
                out.add(norm_key(form))
    return frozenset(out)


def banned_words() -> dict[str, str]:
    """Word key (without the article) -> why it is no entity."""
    from rasd.dates.lexicon import lexicon

    lex = lexicon()
    out = {k: "weekday" for k in lex.weekdays}
    out.update({k: "month" for k, (_cal, _m, ambiguous) in lex.months.items() if not ambiguous and " " not in k})
    out.update({k: "currency" for k in money_units()})
    return out


def problems(name: str, eid: str, banned: dict[str, str]) -> list[str]:
    from rasd.text.normalize import norm_key

    out = []
    if "#" in name or "_" in name or "#" in eid or "_" in eid.split(":", 1)[-1]:
        out.append("hashtag")
    key = norm_key(name)
    bare = key[2:] if key.startswith("ال") and len(key) > 4 else key
    why = banned.get(key) or banned.get(bare)
    if why:
        out.append(why)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="the ant-unlabeled folder")
    ap.add_argument("--limit", type=int, default=300, help="records to analyse (default 300)")
    ap.add_argument("--show", type=int, default=5, help="examples to print of each problem")
    args = ap.parse_args(argv)
    path = Path(args.data) / "multisource.jsonl.gz"
    if not path.is_file():
        print(f"error: {path} not found; pass --data with the ant-unlabeled folder of shared/data", file=sys.stderr)
        return 2
    import rasd
    from rasd.model import Document

    pipeline = rasd.default_pipeline()
    banned = banned_words()
    found: dict[str, list[str]] = defaultdict(list)
    entities = docs = 0
    t0 = time.perf_counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if docs >= args.limit:
                break
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"error: {path}:{n}: not JSON ({e.msg})", file=sys.stderr)
                return 2
            doc = pipeline(Document.from_parts(r["text"], r["title"], id=r["id"], published=r["date"], source=r["source"]))
            docs += 1
            for e in doc.entities:
                entities += 1
                for why in problems(e.name, e.id, banned):
                    found[why].append(f"{r['id']}: {e.type} {e.name!r}")
    print(f"{docs} articles, {entities} entities ({time.perf_counter() - t0:.0f} s)")
    for why in ("hashtag", "weekday", "month", "currency"):
        print(f"{why:9} {len(found[why])}")
        for ex in found[why][: args.show]:
            print(f"   {ex}")
    return 1 if any(found.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
