"""Gazetteers and trigger lexicons: multi-word phrase lists matched over token keys with a trie.

Every list is a TSV data file under `rasd/data/gazetteers/` (see the README there for sources).
Phrases are keyed word by word with `norm_key`; a token offers its clitic-stripped stem and its whole
normalised form, so «ببروكسل» matches «بروكسل» and «للأمم المتحدة» matches «الأمم المتحدة».

Classes: country, region, city, city_big (a city of at least a million people), place_induced
(place names induced from unlabelled news, a CRF feature only), org (known organisations), title,
honorific (person triggers), org_head* (organisation head nouns), misc_head (nouns before the name
of a work, product, event or venue).

Foreign place names are spelt with or without a long-vowel letter («بروكسل» / «بروكسيل»), so a
one-word name of five letters or more, without the article, also matches a word that differs from it
by one inner ا, و or ي, added or dropped (`fuzzy`; not at the ends, so «لبناني» is no «لبنان»). Fuzzy
matches are a separate CRF feature, and the gazetteer rule uses them for countries and big cities.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from rasd.errors import ModelError
from rasd.text.normalize import norm_key

GAZ_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteers"
BIG_CITY = 1_000_000  # the class city_big (a feature of the tagger, which was trained with it)
LARGE_CITY = 500_000  # a city this large is a place even where its name is one word (`large_cities`)
_END = None  # trie key of the classes ending at a node (never a word key)

Match = tuple[int, int, tuple[str, ...]]  # (start token, end token exclusive, classes)


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(
            path=str(path),
            problem="a gazetteer file is missing",
            fix="Regenerate the generated ones with `python scripts/build_gazetteers.py`, or reinstall rasd.",
        ) from exc
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip():
            raise ModelError(
                path=f"{path}:{n}", problem=f"bad gazetteer line {line!r}", fix="Use 'NAME<TAB>CLASS'."
            )
        out.append(cols)
    return out


_VOWEL_LETTERS = frozenset("اوي")
MIN_FUZZY_WORD = 5


def _drop_one_vowel(word: str) -> list[str]:
    """`word` without one of its inner long-vowel letters, each way."""
    return [word[:i] + word[i + 1 :] for i in range(1, len(word) - 1) if word[i] in _VOWEL_LETTERS]


class Gazetteer:
    """A word trie of phrases, each with one or more classes."""

    def __init__(self) -> None:
        self.root: dict[str, dict] = {}
        self.single: dict[str, tuple[str, ...]] = {}
        self.shorter: dict[str, tuple[str, ...]] = {}
        self.size = 0

    def add(self, phrase: str, cls: str) -> None:
        words = norm_key(phrase).split()
        if not words:
            return
        node = self.root
        for w in words:
            node = node.setdefault(w, {})
        classes = node.get(_END, ())
        if cls not in classes:
            node[_END] = (*classes, cls)
            self.size += 1
        if len(words) == 1 and len(words[0]) >= MIN_FUZZY_WORD and not words[0].startswith("ال"):
            w = words[0]
            self.single[w] = _add(self.single.get(w, ()), cls)
            for v in _drop_one_vowel(w):
                self.shorter[v] = _add(self.shorter.get(v, ()), cls)

    def fuzzy(self, word: str) -> tuple[str, ...]:
        """Classes of the one-word names that differ from `word` (a key) by one inner vowel letter."""
        if len(word) < MIN_FUZZY_WORD - 1 or word.startswith("ال"):
            return ()
        out: tuple[str, ...] = self.shorter.get(word, ())
        if len(word) > MIN_FUZZY_WORD:
            for v in _drop_one_vowel(word):
                for cls in self.single.get(v, ()):
                    out = _add(out, cls)
        return out

    def lookup_key(self, key: str) -> tuple[str, ...]:
        """Classes of a one-word entry, given its normalised key."""
        node = self.root.get(key)
        return node.get(_END, ()) if node is not None else ()

    def lookup(self, phrase: str) -> tuple[str, ...]:
        node = self.root
        for w in norm_key(phrase).split():
            node = node.get(w)
            if node is None:
                return ()
        return node.get(_END, ())

    def matches(self, keys: Sequence[tuple[str, ...]]) -> list[Match]:
        """The longest match starting at each token. `keys[i]` are the keys token i offers."""
        root = self.root
        out: list[Match] = []
        n = len(keys)
        for i, ks in enumerate(keys):
            for k in ks:  # most tokens start nothing: skip them without building a list
                if k in root:
                    break
            else:
                continue
            nodes = [root[k] for k in ks if k in root]
            best: Match | None = None
            j = i
            while nodes:
                for node in nodes:
                    cls = node.get(_END)
                    if cls:
                        best = (i, j + 1, cls)
                        break
                j += 1
                if j >= n:
                    break
                nodes = [node[k] for node in nodes for k in keys[j] if k in node]
            if best is not None:
                out.append(best)
        return out


def _add(classes: tuple[str, ...], cls: str) -> tuple[str, ...]:
    return classes if cls in classes else (*classes, cls)


def _add_file(g: Gazetteer, path: Path, cls_col: int | None = 1, cls: str | None = None) -> None:
    for cols in _rows(path):
        g.add(cols[0], cls if cls is not None else cols[cls_col].strip())


@lru_cache(maxsize=4)
def places_and_orgs(folder: str = str(GAZ_DIR)) -> Gazetteer:
    """The entity gazetteer: countries, regions, cities and known organisations."""
    d = Path(folder)
    g = Gazetteer()
    _add_file(g, d / "countries.tsv", cls="country")
    _add_file(g, d / "regions.tsv", cls="region")
    for cols in _rows(d / "cities.tsv"):
        big = len(cols) > 2 and cols[2].strip().isdigit() and int(cols[2]) >= BIG_CITY
        g.add(cols[0], "city_big" if big else "city")
    _add_file(g, d / "places_extra.tsv")
    induced = d / "places_induced.tsv"
    if induced.exists():
        _add_file(g, induced, cls="place_induced")
    _add_file(g, d / "orgs.tsv")
    return g


@lru_cache(maxsize=4)
def large_cities(folder: str = str(GAZ_DIR)) -> frozenset[str]:
    """Keys of the one-word names of cities of LARGE_CITY people or more, of four letters or more
    («وان» is also «وأن»)."""
    out = set()
    for cols in _rows(Path(folder) / "cities.tsv"):
        key = norm_key(cols[0])
        if " " not in key and len(key) >= 4 and len(cols) > 2 and cols[2].strip().isdigit() and int(cols[2]) >= LARGE_CITY:
            out.add(key)
    return frozenset(out)


@lru_cache(maxsize=4)
def triggers(folder: str = str(GAZ_DIR)) -> Gazetteer:
    """Person titles, honorifics, organisation head nouns and the nouns before a work's name."""
    d = Path(folder)
    g = Gazetteer()
    _add_file(g, d / "titles.tsv")
    _add_file(g, d / "org_heads.tsv")
    _add_file(g, d / "misc_heads.tsv")
    return g


LOC_CLASSES = frozenset({"country", "region", "city", "city_big"})
