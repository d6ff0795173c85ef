"""Word lists the quotation and event rules share: complementizers (أن، إن with their proclitics
and pronoun suffixes), the words that block them, impersonal verb forms, negation particles, the
participles that open a new clause after a comma, and the head nouns that stand for a speaker
(a title such as «الوزير», an unnamed or a collective source).

They are read from the quotation data folder (`rasd/data/quotes/`, or the folder a configuration
names instead: `[quotes] data_dir`), from `complementizers.tsv`, `negation.tsv`, `speakers.tsv`,
`boundaries.tsv` and the participle column of `cues.tsv`, and keyed with `norm_key` so that they
match `Token.norm` / `Token.stem`. `function_words()` loads the shipped files once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasd.text.article import strip_article
from rasd.text.errors import LexiconDataError
from rasd.text.inflect import participle_forms
from rasd.text.normalize import norm_key

__all__ = [
    "DATA_DIR",
    "SPEAKER_CLASSES",
    "FunctionWords",
    "check_value",
    "function_words",
    "load_function_words",
    "read_rows",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "quotes"
SPEAKER_CLASSES = frozenset({"title", "unnamed", "source", "statement", "same", "arm"})
_COMPLEMENTIZER_PROCLITICS = ("", "ب", "و", "ف", "وب", "فب")  # the segmenter keeps «بأن», «فإن» whole


@dataclass(frozen=True, slots=True)
class FunctionWords:
    complementizers: frozenset[str]  # with every proclitic and pronoun suffix they take
    blockers: frozenset[str]  # words after which أن is not a complementizer (بعد أن)
    impersonal: frozenset[str]  # forms that introduce background before أن (يذكر أن)
    negations: frozenset[str]
    boundaries: frozenset[str]  # participles (all forms) that open a new clause after a comma
    speakers: dict[str, str]  # head noun key without the article -> title | unnamed | source | ...


def read_rows(path: Path, ncols: int) -> list[tuple[int, list[str]]]:
    """Non-comment rows of a TSV data file, each with its line number; checks the column count."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconDataError(
            path=str(path),
            line=0,
            problem="the data file is missing",
            fix="Reinstall rasd, or restore the file from the repository.",
        ) from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != ncols:
            raise LexiconDataError(
                path=str(path),
                line=n,
                problem=f"expected {ncols} tab-separated columns, found {len(cols)}",
                fix="See the column description at the top of the file.",
            )
        rows.append((n, cols))
    return rows


def check_value(path: Path, line: int, value: str, allowed: tuple[str, ...] | frozenset[str], what: str = "class") -> None:
    """Raise LexiconDataError unless `value` (column `what` of a data file's row) is in `allowed`."""
    if value not in allowed:
        choices = allowed if isinstance(allowed, tuple) else sorted(allowed)
        raise LexiconDataError(
            path=str(path), line=line, problem=f"unknown {what} {value!r}", fix=f"Use one of {', '.join(choices)}."
        )


def _participles(path: Path, n: int, part: str, example: str) -> list[str]:
    try:
        return participle_forms(part)
    except ValueError as exc:
        raise LexiconDataError(path=str(path), line=n, problem=str(exc), fix=f"Write the participle as in {example}.") from None


def load_function_words(data_dir: Path = DATA_DIR) -> FunctionWords:
    """Read and check the shared word lists of the quotation data folder `data_dir`."""
    boundaries: set[str] = set()
    cues_path = data_dir / "cues.tsv"
    for n, cols in read_rows(cues_path, 7):
        if cols[4] != "-":
            boundaries.update(norm_key(f) for f in _participles(cues_path, n, cols[4], "معتبرا"))
    bpath = data_dir / "boundaries.tsv"
    for n, (part,) in read_rows(bpath, 1):
        boundaries.update(norm_key(f) for f in _participles(bpath, n, part, "معربا"))
    comps: set[str] = set()
    blockers: set[str] = set()
    impersonal: set[str] = set()
    pronouns: list[str] = []
    cpath = data_dir / "complementizers.tsv"
    for n, (word, cls) in read_rows(cpath, 2):
        if cls == "complementizer":
            comps.add(word)
        elif cls == "blocker":
            blockers.add(norm_key(word))
        elif cls == "pronoun":
            pronouns.append(word)
        elif cls == "impersonal":
            impersonal.add(norm_key(word))
        else:
            raise LexiconDataError(
                path=str(cpath),
                line=n,
                problem=f"unknown class {cls!r}",
                fix="Use complementizer, blocker, pronoun or impersonal.",
            )
    negations = frozenset(norm_key(w) for _, (w,) in read_rows(data_dir / "negation.tsv", 1))
    speakers: dict[str, str] = {}
    spath = data_dir / "speakers.tsv"
    for n, (word, cls) in read_rows(spath, 2):
        check_value(spath, n, cls, SPEAKER_CLASSES)
        speakers[strip_article(norm_key(word))] = cls
    return FunctionWords(
        complementizers=frozenset(
            norm_key(pre + c + p) for c in comps for p in ["", *pronouns] for pre in _COMPLEMENTIZER_PROCLITICS
        ),
        blockers=frozenset(blockers),
        impersonal=frozenset(impersonal),
        negations=negations,
        boundaries=frozenset(boundaries),
        speakers=speakers,
    )


@lru_cache(maxsize=1)
def function_words() -> FunctionWords:
    """The shipped word lists, loaded once."""
    return load_function_words()
