"""The language data of the dates stage, read lazily from `rasd/data/dates/*.tsv`.

Every form is stored under its matching key (`rasd.text.normalize.norm_key`, spaces collapsed), so
lookups take the text of a match over the key directly. `trie_regex` turns a list of forms into one
regular expression whose alternatives share prefixes (fast to match, longest form first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasd.dates.errors import DataFileError
from rasd.text.normalize import norm_key

DATA = "data/dates"
_SPACES = re.compile(r"\s+")


def key_of(form: str) -> str:
    """The matching key of a form: `norm_key` with runs of whitespace collapsed to one space."""
    return _SPACES.sub(" ", norm_key(form)).strip()


def read_rows(name: str, ncols: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of each data line of a TSV data file; '#' lines are comments."""
    path = resources.files("rasd").joinpath(f"{DATA}/{name}")
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path=str(path), line=0, problem="the file is missing (reinstall rasd)") from None
    rows = []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != ncols:
            raise DataFileError(
                path=str(path), line=lineno, problem=f"expected {ncols} fields, got {len(fields)}"
            )
        rows.append((lineno, fields))
    return rows


def _int(name: str, lineno: int, value: str, lo: int, hi: int) -> int:
    if not value.isdigit() or not lo <= int(value) <= hi:
        raise DataFileError(path=name, line=lineno, problem=f"{value!r} is not a number from {lo} to {hi}")
    return int(value)


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, tuple[str, int, bool]]  # key → (calendar "g"|"h", month 1-12, ambiguous)
    weekdays: dict[str, int]  # key → 0 (Monday) … 6 (Sunday)
    ordinals: dict[str, int]  # key → day of month 1-31 («الحادي والعشرين» → 21)
    relative: dict[str, dict[str, str]]  # category → key → value (see relative.tsv)
    numbers: dict[str, tuple[int, str, bool]]  # key → (value, type, bare)
    units: dict[str, str]  # key → lemma as written
    not_count: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All the data files, read and keyed once (on first use)."""
    months: dict[str, tuple[str, int, bool]] = {}
    for lineno, (form, month, _series, amb, _src) in read_rows("months.tsv", 5):
        months[key_of(form)] = ("g", _int("months.tsv", lineno, month, 1, 12), amb == "1")
    for lineno, (form, month, amb) in read_rows("hijri_months.tsv", 3):
        months[key_of(form)] = ("h", _int("hijri_months.tsv", lineno, month, 1, 12), amb == "1")
    weekdays = {key_of(f): _int("weekdays.tsv", n, d, 0, 6) for n, (f, d, _s) in read_rows("weekdays.tsv", 3)}
    relative: dict[str, dict[str, str]] = {}
    for _n, (form, cat, value) in read_rows("relative.tsv", 3):
        relative.setdefault(cat, {})[key_of(form)] = value
    numbers: dict[str, tuple[int, str, bool]] = {}
    for lineno, (form, value, kind, bare) in read_rows("numbers.tsv", 4):
        numbers[key_of(form)] = (_int("numbers.tsv", lineno, value, 0, 10**12), kind, bare == "1")
    units = {key_of(form): lemma for _n, (form, lemma) in read_rows("units.tsv", 2)}
    not_count = frozenset(key_of(f) for _n, (f,) in read_rows("not_count_heads.tsv", 1))
    return Lexicon(months, weekdays, _ordinals(), relative, numbers, units, not_count)


def _ordinals() -> dict[str, int]:
    """Day ordinals 1-31, composed from ordinals.tsv («الثاني عشر», «الخامس والعشرين»)."""
    roles: dict[str, list[tuple[str, int]]] = {}
    for lineno, (form, value, role) in read_rows("ordinals.tsv", 3):
        roles.setdefault(role, []).append((key_of(form), _int("ordinals.tsv", lineno, value, 1, 30)))
    units = [(f, v) for f, v in roles.get("unit", []) if v < 10]
    firsts = units + roles.get("compound", [])
    out = {f: v for f, v in roles.get("unit", [])}
    for teen, ten_value in roles.get("teen", []):
        for f, v in firsts:
            out[f"{f} {teen}"] = v + ten_value
    for ten, ten_value in roles.get("ten", []):
        out[ten] = ten_value
        for f, v in firsts:
            if ten_value + v <= 31:
                out[f"{f} و{ten}"] = ten_value + v
                out[f"{f} و {ten}"] = ten_value + v
    return out


def trie_regex(forms: list[str] | set[str] | frozenset[str]) -> str:
    """A non-capturing regex matching any of `forms` (keys; a space matches any run of whitespace).

    Alternatives share their prefixes, and a longer form is tried before its prefix, so the regex
    finds the longest form that lets the rest of the pattern match.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie) or "(?!)"


def _emit(node: dict) -> str:
    alts = [
        (r"\s+" if ch == " " else re.escape(ch)) + _emit(child) for ch, child in sorted(node.items()) if ch
    ]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body
