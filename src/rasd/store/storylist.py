"""Top stories on both back ends: a document joins or starts its story when it is stored, and the
largest recent stories are listed with their outlets, people and places (`rasd.store.stories`
says how documents are compared)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rasd.store.base import placeholders
from rasd.store.errors import BadQuery, StoryNotFound
from rasd.store.results import StoryArticle, StorySummary
from rasd.store.stories import MAX_CANDIDATES, MIN_SHARED_KEYS, Profile, best_story, days_around, story_rows

__all__ = ["StoriesMixin"]

_MEMBER_INSERT = "INSERT INTO story_members (doc_no, story_id, day, profile) VALUES (?, ?, ?, ?)"
_TERM_INSERT = "INSERT INTO story_terms (term, day, doc_no) VALUES (?, ?, ?)"
_NAMED = 5  # people and places shown per story


class StoriesMixin:
    """Mixed into SQLStore: needs _fetchall/_scalar/_executemany and transaction()."""

    if TYPE_CHECKING:

        def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
        def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
        def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
        def transaction(self) -> Any: ...

    # ------------------------------------------------------------------ writing
    def _link_story(self, doc_no: int, doc_id: str, p: Profile, duplicate_of: str | None) -> str:
        """Put the stored document `doc_no` in its story and return the story's id: the story of the
        near-duplicate it copies, else that of its best candidate (`stories.best_story`), else a
        new one named by its id. Runs inside the caller's transaction."""
        story = None
        if duplicate_of is not None:
            story = self._scalar(
                "SELECT sm.story_id FROM story_members sm JOIN documents d ON d.doc_no = sm.doc_no WHERE d.id = ?", (duplicate_of,))
        if story is None and p.usable:
            candidates = self._story_candidates(doc_no, p)
            stories = sorted({c[0] for c in candidates})
            sizes = {r[0]: int(r[1]) for r in self._fetchall(
                f"SELECT story_id, COUNT(*) FROM story_members WHERE story_id IN ({placeholders(stories)}) GROUP BY story_id",
                stories)} if stories else {}
            match = best_story(p, candidates, sizes)
            story = match[0] if match else None
        story = story or doc_id
        member, terms = story_rows(doc_no, story, p)
        self._executemany(_MEMBER_INSERT, [member])
        if p.usable:
            self._executemany(_TERM_INSERT, terms)
        return story

    def _story_candidates(self, doc_no: int, p: Profile) -> list[tuple[str, Profile]]:
        """(story, profile) of the stored documents of the days around `p`'s sharing at least
        MIN_SHARED_KEYS of its key stems, those sharing most first (at most MAX_CANDIDATES)."""
        keys, days = p.keys, days_around(p.day)
        nos = [r[0] for r in self._fetchall(
            f"SELECT doc_no FROM story_terms WHERE term IN ({placeholders(keys)}) AND day IN ({placeholders(days)}) AND doc_no <> ? "
            f"GROUP BY doc_no HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, doc_no DESC LIMIT {int(MAX_CANDIDATES)}",
            [*keys, *days, doc_no, MIN_SHARED_KEYS],
        )]
        if not nos:
            return []
        rows = {r[0]: r[1:] for r in self._fetchall(
            f"SELECT doc_no, story_id, day, profile FROM story_members WHERE doc_no IN ({placeholders(nos)})", nos)}
        return [(rows[n][0], Profile.unpack(rows[n][2], rows[n][1] or None)) for n in nos if n in rows]

    def backfill_stories(self, batch: int = 200) -> int:
        """Group the stored documents that have no story yet (stored before the stories' schema, or
        by an older rasd), oldest first, as if each had just been stored; return how many."""
        from rasd.store.search import DocumentKeys
        from rasd.store.stories import profile_of, title_words

        done, last = 0, -1
        while True:
            rows = self._fetchall(
                "SELECT d.doc_no, d.id, d.published, d.search_keys, d.title FROM documents d WHERE d.doc_no > ? AND NOT EXISTS "
                "(SELECT 1 FROM story_members sm WHERE sm.doc_no = d.doc_no) ORDER BY d.doc_no LIMIT ?", (last, batch))
            if not rows:
                return done
            nos = [r[0] for r in rows]
            ents: dict[int, list[tuple[str, str]]] = {}
            for no, eid, etype in self._fetchall(
                f"SELECT de.doc_no, e.id, e.type FROM document_entities de JOIN entities e ON e.id = de.entity_id "
                f"WHERE de.doc_no IN ({placeholders(nos)})", nos):
                ents.setdefault(no, []).append((eid, etype))
            with self.transaction():
                for doc_no, doc_id, published, packed, title in rows:
                    keys = DocumentKeys.unpack(packed)
                    n_title = title_words(keys.starts, len(title) + 1 if title else 0)
                    p = profile_of(keys.stem, n_title, ents.get(doc_no, []), published)
                    dup = self._scalar(
                        "SELECT d2.id FROM documents d JOIN documents d2 ON d2.cluster_id = d.cluster_id AND d2.doc_no < d.doc_no "
                        "WHERE d.doc_no = ? ORDER BY d2.doc_no LIMIT 1", (doc_no,))
                    self._link_story(doc_no, doc_id, p, dup)
                    last = doc_no
                    done += 1

    # ------------------------------------------------------------------ reading
    def top_stories(self, *, days: int = 7, limit: int = 10, articles: int = 5, since: str | None = None,
                    until: str | None = None, min_documents: int = 2) -> list[StorySummary]:
        """The largest stories with an article in the period (most articles first, then most outlets,
        then the latest): `since`…`until` (YYYY-MM-DD), else the `days` days up to the newest
        article's. Each with its first `articles` articles, its outlets, people and places."""
        if days < 1 or limit < 0 or articles < 0 or min_documents < 1:
            raise BadQuery(problem="days, min_documents must be at least 1 and limit, articles not negative",
                           fix="Give positive numbers.")
        since, until = _day_of(since, "since"), _day_of(until, "until")
        if since is None or until is None:
            newest = self._scalar("SELECT MAX(day) FROM story_members WHERE day <> ''")
            if newest is None:
                return []
            until = until or newest
            since = since or (dt.date.fromisoformat(until) - dt.timedelta(days=days - 1)).isoformat()
        rows = self._fetchall(
            "SELECT sm.story_id, COUNT(*) AS n, COUNT(DISTINCT d.source) AS outlets, MAX(sm.day) AS latest "
            "FROM story_members sm JOIN documents d ON d.doc_no = sm.doc_no "
            "WHERE sm.story_id IN (SELECT story_id FROM story_members WHERE day >= ? AND day <= ?) "
            "GROUP BY sm.story_id HAVING COUNT(*) >= ? ORDER BY n DESC, outlets DESC, latest DESC, sm.story_id LIMIT ?",
            (since, until, min_documents, limit),
        )
        return [self._story(r[0], articles) for r in rows]

    def story(self, story_id: str, articles: int = 100) -> StorySummary:
        """One story with its first `articles` articles; raises StoryNotFound."""
        return self._story(story_id, articles)

    def _story(self, story_id: str, articles: int) -> StorySummary:
        members = self._fetchall(
            "SELECT d.id, d.title, d.published, d.source FROM story_members sm JOIN documents d ON d.doc_no = sm.doc_no "
            "WHERE sm.story_id = ? ORDER BY d.published IS NULL, d.published, d.doc_no", (story_id,))
        if not members:
            raise StoryNotFound(id=story_id)
        outlets: dict[str, int] = {}
        for _i, _t, _p, src in members:
            if src:
                outlets[src] = outlets.get(src, 0) + 1
        named: dict[str, list[tuple[str, str, int]]] = {"PERSON": [], "LOC": []}
        for eid, name, etype, n in self._fetchall(
            "SELECT e.id, e.name, e.type, COUNT(*) AS n FROM document_entities de JOIN entities e ON e.id = de.entity_id "
            "WHERE de.doc_no IN (SELECT doc_no FROM story_members WHERE story_id = ?) AND e.type IN ('PERSON', 'LOC') "
            "GROUP BY e.id, e.name, e.type ORDER BY n DESC, e.id", (story_id,)):
            if len(named[etype]) < _NAMED:
                named[etype].append((eid, name, int(n)))
        dates = [m[2] for m in members if m[2]]
        return StorySummary(
            story_id, members[0][1], min(dates) if dates else None, max(dates) if dates else None, len(members),
            sorted(outlets, key=lambda s: (-outlets[s], s)), named["PERSON"], named["LOC"],
            [StoryArticle(i, t, p, s) for i, t, p, s in members[:articles]],
        )


def _day_of(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD day, checked; raises BadQuery."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadQuery(problem=f"{name} {value!r} is not a day", fix="Give a date as YYYY-MM-DD.") from None
