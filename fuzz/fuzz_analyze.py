"""atheris target (issue 9): the whole default pipeline (`rasd.analyze`) on any Unicode text.

Properties: no exception; every {start, end, text} object of `rasd.to_dict` inside the text and
equal to its slice; a second analysis gives the same JSON.

    .venv/bin/python fuzz/fuzz_analyze.py -max_total_time=60
"""

from __future__ import annotations

import json
import sys

import atheris

import rasd

_SEEDS = ["قال وزير الخارجية في الرياض يوم الأحد 3 مارس 2021 إن «التعاون مستمر».", "\u200f\u202bأكد المتحدث\u0651 ﻻ ﷲ abc ١٢٣"]


def spans(obj):
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
            yield obj
        for v in obj.values():
            yield from spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from spans(v)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    pick = fdp.ConsumeIntInRange(0, 3)
    text = fdp.ConsumeUnicodeNoSurrogates(4096)
    if pick < len(_SEEDS):  # mutate around a realistic sentence as well as pure noise
        text = _SEEDS[pick] + text + _SEEDS[pick]
    d = rasd.to_dict(rasd.analyze(text))
    body = d["text"]
    for s in spans({k: v for k, v in d.items() if k != "text"}):
        if not (0 <= s["start"] <= s["end"] <= len(body)) or body[s["start"] : s["end"]] != s["text"]:
            raise AssertionError(f"bad span {s} in {text!r}")
    again = rasd.to_dict(rasd.analyze(text))
    if json.dumps(again, sort_keys=True, ensure_ascii=False) != json.dumps(d, sort_keys=True, ensure_ascii=False):
        raise AssertionError(f"analysis is not deterministic on {text!r}")


if __name__ == "__main__":
    rasd.default_pipeline()  # load the stages (imported lazily) before instrumenting them
    atheris.instrument_all()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
