"""Sentence splitting over tokens, with character offsets.

A sentence ends after a run of terminators (. ! ? ؟) together with the closing quotation marks
and brackets written right after it (`."` , `؟»`, `!)`), and at every line break. Periods inside
numbers (3.5), URLs and e-mail addresses are inside their tokens and never end a sentence; the
Arabic comma ، never does; neither does a period right after a single letter (initials and
abbreviations: «د.», «U.S.»), nor one inside a website's name («العربية.نت», «example.com»), nor
an ellipsis. Spans (label "SENT") are stripped of surrounding
whitespace and together cover all non-space text.
"""

from __future__ import annotations

from rasd.model import Span, Token

__all__ = ["split_sentences"]

_TERMINATORS = frozenset(".!?؟")
_CLOSERS = frozenset("\"'”’»›)]}")
_SITE_ENDINGS = frozenset(("نت", "كوم", "net", "com", "org", "info"))


def split_sentences(text: str, tokens: list[Token] | None = None) -> list[Span]:
    """The sentences of `text` (tokens from `tokenize(text)`, computed when not given)."""
    if tokens is None:
        from rasd.text.tokenize import tokenize

        tokens = tokenize(text)
    breaks: list[int] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if tok.kind != "PUNCT" or tok.end - tok.start != 1 or text[tok.start] not in _TERMINATORS:
            i += 1
            continue
        if text[tok.start] == "." and i > 0:
            prev = tokens[i - 1]
            if prev.end == tok.start and prev.end - prev.start == 1 and prev.kind in ("WORD", "LATIN"):
                i += 1  # an initial or abbreviation: «د.»
                continue
            nxt = tokens[i + 1] if i + 1 < n else None
            if (
                prev.end == tok.start and nxt is not None and nxt.start == tok.end
                and text[nxt.start : nxt.end].lower() in _SITE_ENDINGS
            ):
                i += 1  # a website's name: «العربية.نت»
                continue
        end = tok.end
        i += 1
        while i < n:
            nxt = tokens[i]
            if nxt.start != end or nxt.kind != "PUNCT" or nxt.end - nxt.start != 1:
                break
            ch = text[nxt.start]
            if ch not in _TERMINATORS and ch not in _CLOSERS:
                break
            end = nxt.end
            i += 1
        breaks.append(end)
    pos = text.find("\n")
    if pos >= 0:
        while pos >= 0:
            breaks.append(pos)
            pos = text.find("\n", pos + 1)
        breaks.sort()
    spans: list[Span] = []
    start = 0
    for b in (*breaks, len(text)):
        if b <= start:
            continue
        piece = text[start:b]
        stripped = piece.strip()
        if stripped:
            s = start + (len(piece) - len(piece.lstrip()))
            spans.append(Span(s, s + len(stripped), "SENT"))
        start = b
    return spans
