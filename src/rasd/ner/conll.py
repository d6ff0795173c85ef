"""Reading and writing CoNLL-style NER files: one `TOKEN TAG` per line, a blank line between sentences.

The tag is the last whitespace-separated field of a line; everything before it is the token (a few
lines of ANERcorp hold a token with an inner space). Tags are `O`, `B-TYPE` or `I-TYPE`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import FileMissing, IsADirectory, TrainingDataError

TAG_RE = re.compile(r"^(?:O|[BI]-[A-Za-z][A-Za-z_]*)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a CoNLL file: its tokens, their tags and the line number where it starts."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    line: int = 0


def read_conll(path: str | Path) -> list[Sentence]:
    """Read a CoNLL file; raise TrainingDataError naming the file and line of the first bad line."""
    return read_sentences(path, _conll_line)


def _conll_line(path: str, n: int, line: str) -> tuple[str, str]:
    token, sep, tag = line.strip().rpartition(" ")
    if not sep:
        token, sep, tag = line.strip().rpartition("\t")
    token = token.strip()
    if not sep or not token:
        raise TrainingDataError(path=path, line=n, problem=f"expected 'TOKEN TAG', got {line!r}")
    if not TAG_RE.match(tag):
        raise TrainingDataError(path=path, line=n, problem=f"bad tag {tag!r}")
    return token, tag


def read_sentences(
    path: str | Path, parse: Callable[[str, int, str], tuple[str, str]], clean: dict[int, None] | None = None
) -> list[Sentence]:
    """Read a file of one `token tag` line per token and a blank line between sentences; `parse`
    turns a line (with the file's path and the line's number, for its errors) into the token and
    its tag; `clean`: characters deleted from every line first. Raise TrainingDataError naming the
    file and the line of the first bad line."""
    p = Path(path)
    if not p.exists():
        raise FileMissing(path=str(p))
    if p.is_dir():
        raise IsADirectory(path=str(p))
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    start = 0
    try:
        with p.open(encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                line = raw.rstrip("\n\r")
                if clean:
                    line = line.translate(clean)
                if not line.strip():
                    if tokens:
                        sentences.append(Sentence(tuple(tokens), tuple(tags), start))
                        tokens, tags = [], []
                    continue
                token, tag = parse(str(p), n, line)
                if not tokens:
                    start = n
                tokens.append(token)
                tags.append(tag)
    except UnicodeDecodeError as exc:
        raise TrainingDataError(path=str(p), line="?", problem=f"not valid UTF-8 ({exc.reason})") from exc
    if tokens:
        sentences.append(Sentence(tuple(tokens), tuple(tags), start))
    if not sentences:
        raise TrainingDataError(path=str(p), line=1, problem="the file holds no sentences")
    return sentences


def write_conll(path: str | Path, sentences: Iterable[Sentence]) -> None:
    """Write sentences in the format `read_conll` reads."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for s in sentences:
            for tok, tag in zip(s.tokens, s.tags, strict=True):
                fh.write(f"{tok} {tag}\n")
            fh.write("\n")


def split_last(sentences: Sequence[Sentence], fraction: float) -> tuple[list[Sentence], list[Sentence]]:
    """Split off the LAST `fraction` of the sentences (the development part): (train, dev)."""
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"dev fraction must be in [0, 1), got {fraction}")
    n_dev = int(round(len(sentences) * fraction))
    cut = len(sentences) - n_dev
    return list(sentences[:cut]), list(sentences[cut:])
