"""atheris target (issue 9): the text layer on any bytes decoded as UTF-8 (or UTF-16).

Properties: no exception; tokens in bounds, ordered, non-overlapping; sentences in bounds;
the normalisation offset map monotone with its sentinel; a second run gives the same tokens.

    .venv/bin/python fuzz/fuzz_tokenize.py -max_total_time=60
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from rasd.text.normalize import norm_key, normalize_map
    from rasd.text.sentences import split_sentences
    from rasd.text.tokenize import tokenize


def check(text: str) -> None:
    tokens = tokenize(text)
    last = 0
    for t in tokens:
        if not (last <= t.start < t.end <= len(text)) or not (t.start <= t.stem_start <= t.end):
            raise AssertionError(f"token {t} out of order or bounds in {text!r}")
        last = t.end
    if tokenize(text) != tokens:
        raise AssertionError(f"tokenize is not deterministic on {text!r}")
    for s in split_sentences(text, tokens):
        if not 0 <= s.start < s.end <= len(text):
            raise AssertionError(f"sentence {s} out of bounds in {text!r}")
    key, offsets = normalize_map(text)
    if key != norm_key(text) or len(offsets) != len(key) + 1 or offsets[-1] != len(text):
        raise AssertionError(f"normalize_map inconsistent on {text!r}")
    if any(a > b for a, b in zip(offsets, offsets[1:], strict=False)):
        raise AssertionError(f"normalize_map offsets decrease on {text!r}")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeBool():
        text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    else:
        text = data.decode("utf-8", errors="replace")
    check(text)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
