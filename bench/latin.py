"""How well rasd writes names in Latin letters: `tests/data/latin_names_eval.tsv` scored.

    python bench/latin.py [--errors] [--json] [--data FILE]

Each row is a name in Arabic script, its usual English spelling and its origin (arabic, foreign).
rasd's Latin name is the one the pipeline would give the name alone: the alias table's English name
when the name links to an entry, else `rasd.resolve.latin.latin_name`. Printed per origin:

- exact: the share of names whose Latin name equals the usual English spelling, compared without
  case, diacritics, hyphens and apostrophes («al-Assad» = «Al Assad», «Erdoğan» = «Erdogan»);
- confident: how many names rasd is confident of; precision of "confident" is the share of confident
  names that are Arabic names or written exactly, recall the share of such names that are confident.

--errors  every name whose Latin name differs from the usual spelling, with its confidence.
--json    one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from rasd.resolve.aliases import name_words, namer
from rasd.resolve.resources import lexicon, read_tsv

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "latin_names_eval.tsv"


def fold(text: str) -> str:
    """Case, diacritics, hyphens and apostrophes removed; spaces collapsed."""
    s = unicodedata.normalize("NFKD", text.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.replace("-", " ").replace("'", "").replace("’", "").split())


def latin_of(name: str, typ: str) -> tuple[str, bool]:
    """(Latin name, confident) as the pipeline would give them for the name alone."""
    entry = namer().analyse(tuple(name_words(name)), typ)[3]
    if entry is not None:
        return entry.latin, True
    from rasd.resolve import latin

    if hasattr(latin, "latin_name"):
        ln = latin.latin_name(name, lexicon(), person=typ == "PERSON")
        return ln.text, ln.confident
    return latin.romanize(name, lexicon(), person=typ == "PERSON"), True  # before confidence existed


def score(path: Path = DATA) -> dict:
    rows = read_tsv(path, 4)
    out: dict = {"names": len(rows), "errors": []}
    good_total = conf_total = good_conf = 0
    for origin in ("arabic", "foreign"):
        sub = [r for r in rows if r[2] == origin]
        exact = confident = good = good_and_conf = 0
        for ar, en, _origin, typ, *_ in sub:
            lat, conf = latin_of(ar, typ)
            ok = fold(lat) == fold(en)
            exact += ok
            confident += conf
            acceptable = ok or origin == "arabic"  # an Arabic name read by the scheme is acceptable
            good += acceptable
            good_and_conf += acceptable and conf
            if not ok:
                out["errors"].append({"arabic": ar, "english": en, "latin": lat, "origin": origin, "confident": conf})
        out[origin] = {"names": len(sub), "exact": exact, "confident": confident}
        good_total += good
        conf_total += confident
        good_conf += good_and_conf
    out["confident_precision"] = round(good_conf / conf_total, 3) if conf_total else 0.0
    out["confident_recall"] = round(good_conf / good_total, 3) if good_total else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    res = score(args.data)
    if args.json:
        print(json.dumps(res if args.errors else {k: v for k, v in res.items() if k != "errors"}, ensure_ascii=False))
        return 0
    for origin in ("arabic", "foreign"):
        r = res[origin]
        print(f"{origin:8s} names {r['names']:4d}  exact {r['exact'] / r['names']:.3f} ({r['exact']})  "
              f"confident {r['confident']}")
    print(f"confident: precision {res['confident_precision']:.3f}  recall {res['confident_recall']:.3f}")
    if args.errors:
        for e in res["errors"]:
            mark = "confident" if e["confident"] else "guess"
            print(f"  {e['origin'][:2]} {mark:9s} {e['arabic']} → {e['latin']}  (usual: {e['english']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
