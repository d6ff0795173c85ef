"""Hashtags read as the words they stand for: `#فيصل_بن_ماجد` → فيصل · بن · ماجد.

The press writes names as hashtags (`هارولد #غرنت`, `#الاتحاد_الأوروبي`). The tokenizer keeps a
hashtag as one HASHTAG token; `expand_hashtags` replaces each one by the tokens of its words, so
that the tagger and everything after it see plain words. The `#` and the `_` between the words
belong to no token: every token's offsets still point into the text (`text[t.start:t.end]` is the
word as written), so a mention over «#فيصل_بن_ماجد» spans «فيصل_بن_ماجد», and the names built
from mentions read `_` as a space (`rasd.resolve.items`).
"""

from __future__ import annotations

from rasd.model import Token
from rasd.text.tokenize import tokenize

__all__ = ["expand_hashtags"]

_SEPARATORS = str.maketrans({"_": " ", "#": " ", "＃": " "})


def expand_hashtags(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens` with each HASHTAG token replaced by the tokens of its words (same list when none)."""
    if not any(t.kind == "HASHTAG" for t in tokens):
        return tokens
    out: list[Token] = []
    for t in tokens:
        if t.kind != "HASHTAG":
            out.append(t)
            continue
        inner = text[t.start : t.end].translate(_SEPARATORS)
        for w in tokenize(inner):
            out.append(Token(w.start + t.start, w.end + t.start, w.kind, w.norm, w.stem_start + t.start, w.stem))
    return out
