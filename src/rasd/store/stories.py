"""Top stories: articles about the same story from different outlets, grouped as they arrive.

Near-duplicate copies share a cluster (`rasd.store.dedup`); a *story* is wider: two outlets
writing their own articles about one event. As EMM and Event Registry do, a document is compared
with the stored documents of the days around its own by

- a text similarity: the cosine of TF-IDF vectors over the Snowball stems the search keys hold
  already (`DocumentKeys.stem`), the document's `TOP_TERMS` heaviest stems kept. The inverse
  document frequency comes from the shipped word-frequency lexicon (`rasd.text.clitics.lexicon`,
  counts of the ANT news corpus, summed per stem), so it is the same on every database and no
  document's weights change when others arrive;
- the entities both name (people, organisations, places: the share of the smaller set);
- the date: only documents published within `WINDOW_DAYS` days of each other are compared.

`score = cosine + ENTITY_WEIGHT * shared entities` (the words decide: articles about different
events often name the same people and places); a story scores the mean of its members' best
scores (`best_story`), and the document joins the best story at `THRESHOLD` or above, else starts
a story of its own (named by its id). Title words count `TITLE_WEIGHT` times. The constants were
set on the SaudiNewsNet sample by reading the groups (docs/STORIES.md). Nothing is regrouped: a
new document reads its candidates through the `story_terms` table (each document's `KEY_TERMS`
heaviest stems under its day, indexed) and writes its own rows. A near-duplicate joins
the story of the copy it duplicates.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasd.model import Document

__all__ = ["KEY_TERMS", "THRESHOLD", "WINDOW_DAYS", "Profile", "best_story", "days_around", "profile", "profile_of", "score", "story_rows"]

TOP_TERMS = 40  # stems kept in a document's vector
KEY_TERMS = 8  # of which the heaviest are looked up to find candidates
MIN_SHARED_KEYS = 2  # candidates share at least this many key stems
MAX_CANDIDATES = 60  # compared per document: those sharing the most key stems
WINDOW_DAYS = 1  # days either side of the document's publication date
ENTITY_WEIGHT = 0.1
TITLE_WEIGHT = 3  # a word of the title counts as this many of the body
THRESHOLD = 0.8
BEST_OF = 3  # a story is compared by the mean of its members' best scores, over this many at most
MIN_STEMS = 12  # a text with fewer distinct stems starts a story of its own and is never joined
_STORY_TYPES = frozenset({"PERSON", "ORG", "LOC"})
_MIN_LEN = 3  # stems shorter than this carry little (particles, pronoun stems)


@lru_cache(maxsize=1)
def _stem_counts() -> tuple[dict[str, int], int]:
    """(stem → corpus count, total count) from the word-frequency lexicon, its forms stemmed as
    the search keys are (loaded on first use: ingest only)."""
    from rasd.store.search import _stemmer
    from rasd.text.clitics import lexicon

    stem = _stemmer().stemWord
    counts: Counter[str] = Counter()
    for word, n in lexicon().items():
        counts[stem(word)] += n
    return dict(counts), sum(counts.values())


def idf(term: str) -> float:
    counts, total = _stem_counts()
    return math.log((total + 1) / (counts.get(term, 0) + 1))


@dataclass(frozen=True, slots=True)
class Profile:
    """What a document is compared by: its heaviest stems (unit vector), entity ids and day."""

    terms: dict[str, float]
    entities: frozenset[str]
    day: str | None  # YYYY-MM-DD, or None for an undated document

    @property
    def keys(self) -> list[str]:
        """The heaviest stems, by which candidates are found."""
        return [t for t, _w in sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_TERMS]]

    @property
    def usable(self) -> bool:
        return len(self.terms) >= MIN_STEMS

    def pack(self) -> bytes:
        data = {"t": sorted(self.terms.items()), "e": sorted(self.entities)}
        return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)

    @classmethod
    def unpack(cls, blob: bytes | memoryview, day: str | None) -> Profile:
        data = json.loads(zlib.decompress(bytes(blob)))
        return cls({t: float(w) for t, w in data["t"]}, frozenset(data["e"]), day)


def _day(published: str | None) -> str | None:
    """The YYYY-MM-DD day of a publication date (None when missing or coarser than a day)."""
    if not published or len(published) < 10:
        return None
    try:
        return dt.date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def days_around(day: str | None) -> list[str]:
    """The days whose documents a document of `day` is compared with ("" stands for undated)."""
    if day is None:
        return [""]
    d = dt.date.fromisoformat(day)
    return [(d + dt.timedelta(days=k)).isoformat() for k in range(-WINDOW_DAYS, WINDOW_DAYS + 1)]


def profile(doc: Document, stems: Sequence[str], starts: Sequence[int]) -> Profile:
    """The profile of `doc` from the stems of its words and their start offsets (`DocumentKeys`)."""
    return profile_of(stems, title_words(starts, doc.body_start), [(e.id, e.type) for e in doc.entities], doc.published)


def title_words(starts: Sequence[int], body_start: int) -> int:
    """How many of the words (by their start offsets, in text order) belong to the title."""
    return bisect_left(starts, body_start)


def profile_of(stems: Sequence[str], n_title: int, entities: Iterable[tuple[str, str]], published: str | None) -> Profile:
    """The profile of a text's stems (its first `n_title` those of its title, which count
    TITLE_WEIGHT times), its entities (id, type) and publication date."""
    tf: Counter[str] = Counter()
    for i, s in enumerate(stems):
        if len(s) >= _MIN_LEN and not s.isdigit():
            tf[s] += TITLE_WEIGHT if i < n_title else 1
    weights = {t: (1 + math.log(n)) * idf(t) for t, n in tf.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _t, w in top)) or 1.0
    terms = {t: round(w / norm, 4) for t, w in top}
    return Profile(terms, frozenset(i for i, t in entities if t in _STORY_TYPES), _day(published))


def score(a: Profile, b: Profile) -> float:
    """How surely `a` and `b` tell the same story: the cosine of their stem vectors plus
    ENTITY_WEIGHT times the share of the smaller entity set that both name."""
    small, large = (a.terms, b.terms) if len(a.terms) <= len(b.terms) else (b.terms, a.terms)
    cos = sum(w * large.get(t, 0.0) for t, w in small.items())
    ents = 0.0
    if a.entities and b.entities:
        ents = len(a.entities & b.entities) / min(len(a.entities), len(b.entities))
    return cos + ENTITY_WEIGHT * ents


def best_story(p: Profile, candidates: Iterable[tuple[str, Profile]], sizes: Mapping[str, int]) -> tuple[str, float] | None:
    """(story, score) of the best story at THRESHOLD or above, else None. `candidates` are (story,
    profile) of stored documents, `sizes` the stories' numbers of documents. A story's score is
    the mean over min(BEST_OF, its size) of its members' best scores (a member not among the
    candidates scores 0): a document joins a story of two only if it is like both, and one member
    alike does not pull it into a large story about something else. Ties go to the first listed."""
    if not p.usable:
        return None
    scores: dict[str, list[float]] = {}
    for story, other in candidates:
        if other.usable:
            scores.setdefault(story, []).append(score(p, other))
    best: tuple[str, float] | None = None
    for story, found in scores.items():
        n = min(BEST_OF, max(sizes.get(story, 1), 1))
        s = sum(sorted(found, reverse=True)[:n]) / n
        if s >= THRESHOLD and (best is None or s > best[1]):
            best = (story, s)
    return best


def story_rows(doc_no: int, story: str, p: Profile) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """The `story_members` row and `story_terms` rows of a document."""
    day = p.day or ""
    return (doc_no, story, day, p.pack()), [(t, day, doc_no) for t in p.keys]
