"""Search on both back ends: which documents match, in what order, one per story, how many.

Results are ordered by relevance (score, then newest, then id) or by date (newest, then score,
then id); with `collapse_duplicates` each story cluster is shown once, by its best document
(highest score, then newest, then id), with the number of its matching documents. Serving
hundreds of searches a second over 30k articles rules out joining, collapsing and counting every match on
each request, so:

- the candidates are fetched in result order, a bounded number at a time (twice the page's end,
  plus 20: the first 21 stories of each of the 40 most frequent entities need 46 candidates at
  most over SaudiNewsNet), collapsed here, and fetched again four times wider only while the page
  is not full. The page is exactly what collapsing every match would give, since a cluster's best
  document comes first in the same order;
- with a query and no filter, one statement reads the RANKED newest matches from the full-text
  index and scores them (below); the rows scoring above any unscored match are certain, and only
  when they do not fill the page are the candidates fetched in result order as above;
- a cluster's size is counted only for the clusters on the page, from their members;
- an entity filter on a listing by date walks the date index and tests each document against the
  entity's documents when the entity is frequent enough for the walk to stop early, and reads
  and sorts the entity's documents otherwise.

Ordering by date with a query while collapsing is the one case that still collapses every match
(a cluster stands at the date of its best-scored document, which may come after its newest).

**The ranked set is bounded alike on both back ends.** Scoring reads every scored match's word
counts (bm25 inside FTS5: about 1.5 µs each plus a pass over each query key's documents;
PostgreSQL's ts_rank: the document's whole TOASTed tsvector, about 15 µs each on 25k ANT news
articles, 3 ms for 200), so only the RANKED
most recently stored matches of the query and filters (the highest doc_nos) are scored; the others
score 0 and follow them, newest first (the search's tie order). Both back ends therefore rank the
same documents, and a query's first page is drawn from the same RANKED documents on both; within
them each back end orders by its own relevance (bm25, ts_rank), which agree on what is clearly
more relevant. Documents with an unquoted query's words as a phrase score PHRASE_BONUS more, all of
them, ranked or not. A query without filters is answered from the RANKED newest matches alone
(`_best_scored`) whenever they fill the page: everything else ranks below them.

**Counting is bounded too** (`count_upto`, the API's and the web's totals): the results among
the first COUNT_LIMIT + 1 matching documents, exact when no more match, else a lower bound that
the API marks as such (`rasd.query.search_total`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Unpack

from rasd.model import ENTITY_TYPES
from rasd.store.base import ORDERS, placeholders
from rasd.store.choices import check_search_type
from rasd.store.errors import BadQuery
from rasd.store.filters import Filters, SearchFilters
from rasd.store.results import EntitySummary, SearchResult
from rasd.store.search import PHRASE_BONUS, PackedKeys, SearchQuery, alias_key, parse_query, snippet

if TYPE_CHECKING:
    from rasd.store.namecache import NameCache

__all__ = ["RANKED", "RankingMixin", "first_per_cluster", "in_order"]

BY_DATE = "published DESC NULLS LAST"
PLACE_IDS = ("country:", "region:", "city:", "loc:")  # the ids of places (rasd.resolve.ids)
_WALK_FACTOR = 16  # reading one of an entity's documents costs about 16 steps of a walk of the date index
STRAY_SHARE = 20  # an entity filter's name keeps the entities it names in at least 1/20 as many documents as the most named
RANKED = 200  # matches of a query that are scored: the most recently stored (see the module's doc)


@dataclass(slots=True)
class Plan:
    """A parsed search: the query, the document conditions (on `d`) with their parameters, and
    the ids of the filtered entities."""

    q: SearchQuery
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    by_date_only: bool = True  # no filter but the entity and the dates (see `_walk_dates`)
    floor: int | None = None  # the lowest doc_no scored (`RankingMixin._floor`); None: not known yet

    @property
    def filtered(self) -> bool:
        return bool(self.where or self.entity_ids)

    def conditions(self, entity_as: str = "set") -> tuple[str, list[Any]]:
        """The WHERE clause on `d` and its parameters (entity ids first). The entity condition, as
        SQLite plans it: "set", look each of the entity's documents up; "walk", walk an index of
        documents and test each against the entity's set (`+d.doc_no` keeps SQLite from looking
        them up by key); "probe", look each document's entities up (for a few given documents)."""
        if not self.entity_ids:
            return " AND ".join(self.where) or "1 = 1", list(self.params)
        ph = placeholders(self.entity_ids)
        if entity_as == "probe":
            ent = f"EXISTS (SELECT 1 FROM document_entities fe WHERE fe.doc_no = d.doc_no AND fe.entity_id IN ({ph}))"
        else:
            ent = f"{'+' if entity_as == 'walk' else ''}d.doc_no IN (SELECT doc_no FROM document_entities WHERE entity_id IN ({ph}))"
        return " AND ".join([ent, *self.where]), [*self.entity_ids, *self.params]


@dataclass(slots=True)
class Candidate:
    doc_no: int
    id: str
    published: str | None
    cluster: str
    score: float


def in_order(rows: list[Candidate], order: str) -> list[Candidate]:
    """`rows` sorted as the SQL orders them: score DESC, published DESC NULLS LAST, id (relevance) or
    published DESC NULLS LAST, score DESC, id (date); ids compare by code point, as SQLite's
    BINARY collation and PostgreSQL's C collation do."""
    rows = sorted(rows, key=_id)
    for key in ((_score, _date) if order == "date" else (_date, _score)):
        rows.sort(key=key, reverse=True)  # stable: equal keys keep the previous order
    return rows


def _id(r: Candidate) -> str:
    return r.id


def _date(r: Candidate) -> tuple[bool, str]:
    return r.published is not None, r.published or ""  # reversed: newest first, undated last


def _score(r: Candidate) -> float:
    return r.score


def first_per_cluster(rows: Sequence[Candidate], n: int) -> list[Candidate]:
    """The first `n` rows of distinct clusters: each story by its first (best) document."""
    seen: set[str] = set()
    out = []
    for r in rows:
        if r.cluster not in seen:
            seen.add(r.cluster)
            out.append(r)
            if len(out) >= n:
                break
    return out


class RankingMixin:
    """Mixed into SQLStore: needs _fetchall/_scalar and the back end's `_match_sql`."""

    if TYPE_CHECKING:

        def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
        def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
        def _match_sql(self, query: SearchQuery, ranked: bool = True, floor: int = 0) -> tuple[str, list[Any]]: ...
        def _newest_scored_sql(self, query: SearchQuery, n: int) -> tuple[str, list[Any]]: ...
        def _match_condition(self, query: SearchQuery) -> tuple[str, list[Any]] | None: ...
        def _fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None: ...
        def _data_version(self) -> Any: ...
        _names: NameCache
        def resolve_entities(self, name: str, type: str | None = None) -> list[EntitySummary]: ...
        def places_within(self, ids: Sequence[str]) -> list[str]: ...

    # ------------------------------------------------------------------ the plan
    def _search_entity_ids(self, name: str, type: str | None) -> list[str]:
        """Ids of the entities called `name` (an id or any alias) that some document names; what
        `find_entities` finds, without counting their documents, less the entities the name stands
        for in fewer than 1/STRAY_SHARE as many documents as the one it most stands for: an alias
        an article's resolution gave wrongly («CNN» written for another organisation in one of
        1,700 articles) must not bring that entity's news into the filter."""
        sql = (
            # a UNION, not `e.id = ? OR e.id IN (…)`: PostgreSQL estimated the OR at a third of the
            # entities and answered the EXISTS below by reading every document_entities row (0.1-0.3 s)
            "SELECT e.id, (SELECT COUNT(DISTINCT a.doc_no) FROM entity_aliases a WHERE a.alias_key = ? AND a.entity_id = e.id) "
            "FROM entities e WHERE e.id IN (SELECT ? UNION SELECT entity_id FROM entity_aliases WHERE alias_key = ?)"
            f"{' AND e.type = ?' if type else ''} AND EXISTS (SELECT 1 FROM document_entities de WHERE de.entity_id = e.id)"
        )
        key = alias_key(name)
        params: list[Any] = [key, name.strip(), key]
        if type:
            params.append(type)
        rows = self._fetchall(sql, params)
        most = max((int(n) for _id, n in rows), default=0)
        return sorted(eid for eid, n in rows if eid == name.strip() or int(n) * STRAY_SHARE >= most)

    def _filter_entity_ids(self, name: str, type: str | None) -> list[str]:
        """The ids an entity filter stands for: exactly as named, else the one entity the name is a
        variant or part of the name of; for a place, what lies within it too. Kept in `_names`
        (`rasd.store.namecache`) while the data is unchanged."""
        key = name.strip()
        version = self._data_version()
        found = self._names.get(key, type, version)
        if found is not None:
            return found
        ids = self._search_entity_ids(name, type) or [e.id for e in self.resolve_entities(name, type)]
        if any(i.startswith(PLACE_IDS) for i in ids):  # a country's cities and regions too
            ids = self.places_within(ids)
        self._names.put(key, type, ids)
        return ids

    def _plan(self, query: str | None, filters: Filters, allow_everything: bool) -> Plan:
        entity, type, source = filters.entity, filters.type, filters.source
        if not (type and self._fetchone("SELECT 1 FROM events WHERE type = ? LIMIT 1", (type.strip(),))):
            type = check_search_type(type)  # else: an event type the stored documents have
        q = parse_query(query)
        if q.empty and query and query.strip():
            raise BadQuery(problem=f"the query {query!r} has no words to search for", fix="Give words or names, or leave the query empty and use a filter.", query=query)
        since, until = filters.first_day, filters.last_day
        if q.empty and not (entity or type or source or since or until or allow_everything):
            raise BadQuery(problem="nothing to search for", empty=True, fix="Give a query, or at least one filter (entity, type, source, since, until), or order by date to list the latest documents.")
        plan = Plan(q)
        entity_type = type if type in ENTITY_TYPES else None
        if entity:
            plan.entity_ids = self._filter_entity_ids(entity, entity_type)
        if (type and not (entity and entity_type)) or source:
            plan.by_date_only = False
        if type and not (entity and entity_type):
            if entity_type:
                plan.where.append("d.doc_no IN (SELECT de.doc_no FROM document_entities de JOIN entities e ON e.id = de.entity_id WHERE e.type = ?)")
            else:
                plan.where.append("d.doc_no IN (SELECT doc_no FROM events WHERE type = ?)")
            plan.params.append(type)
        where, params = filters.document_conditions()
        plan.where += where
        plan.params += params
        return plan

    def _from(self, plan: Plan, ranked: bool = True, entity_as: str = "set") -> tuple[str, str, list[Any]]:
        """(FROM clause over `d` with its WHERE, score expression, parameters)."""
        where, params = plan.conditions(entity_as)
        if plan.q.empty:
            return f"documents d WHERE {where}", "0.0", params
        direct = None if ranked else self._match_condition(plan.q)
        if direct is not None:
            return f"documents d WHERE {direct[0]} AND {where}", "0.0", [*direct[1], *params]
        match_sql, match_params = self._match_sql(plan.q, ranked, self._floor(plan) if ranked else 0)
        return f"({match_sql}) h JOIN documents d ON d.doc_no = h.doc_no WHERE {where}", "h.score", [*match_params, *params]

    def _floor(self, plan: Plan) -> int:
        """The doc_no of the RANKED-th most recently stored match of the query and filters (0 when
        fewer match): the matches from it on are scored, the others score 0."""
        if plan.floor is None:
            from_sql, _score, params = self._from(plan, ranked=False)
            row = self._fetchone(f"SELECT d.doc_no FROM {from_sql} ORDER BY d.doc_no DESC LIMIT 1 OFFSET ?", [*params, RANKED - 1])
            plan.floor = int(row[0]) if row else 0
        return plan.floor

    def _walk_dates(self, plan: Plan, k: int) -> bool:
        """Whether listing by date should walk the date index, testing each document against the
        entity's (about k * total / n steps for n documents of the entity), rather than read the
        entity's documents and sort them (n steps, each ~16 times dearer)."""
        if not plan.entity_ids or not plan.q.empty or not plan.by_date_only:
            return False
        ids = plan.entity_ids  # resolved by `_filter_entity_ids`, which checked the cache's data version
        n = self._names.number(ids, lambda: self._scalar(
            f"SELECT COUNT(*) FROM document_entities WHERE entity_id IN ({placeholders(ids)})", ids) or 0)
        # an upper bound of the documents, from the key alone ("" is no entity id)
        total = self._names.number(("",), lambda: self._scalar("SELECT MAX(doc_no) FROM documents") or 0)
        return n > 0 and k * total < _WALK_FACTOR * n * n

    # ------------------------------------------------------------------ candidates
    def _best_scored(self, plan: Plan) -> tuple[list[Candidate], bool, set[int]]:
        """A query without filters: its RANKED most recently stored matches, scored, in one query.
        Returns (the rows whose place is certain, in order; whether they are all the matches; the
        doc_nos seen, all of which match). When there are more matches, the others score 0 (or
        PHRASE_BONUS with the query's words as a phrase): the rows scoring above that are certain
        (when they do not fill the page, `_sql_ordered` orders every match)."""
        sql, params = self._newest_scored_sql(plan.q, RANKED)
        rows = [Candidate(r[0], r[1], r[2], r[3], float(r[4])) for r in self._fetchall(sql, params)]
        seen = {r.doc_no for r in rows}
        if len(rows) < RANKED:
            plan.floor = 0
            return in_order(rows, "relevance"), True, seen
        plan.floor = min(seen)
        above = PHRASE_BONUS if plan.q.boost else 0.0  # the best score of a match left unscored
        return in_order([r for r in rows if r.score > above], "relevance"), False, seen

    def _sql_ordered(self, plan: Plan, order: str, k: int) -> tuple[list[Candidate], bool, set[int]]:
        """The first `k` matches in result order, sorted by the database (the same return as `_best_scored`)."""
        walk = order == "date" and self._walk_dates(plan, k)
        from_sql, score, params = self._from(plan, entity_as="walk" if walk else "set")
        order_sql = f"score DESC, {BY_DATE}, id" if order == "relevance" else f"{BY_DATE}, score DESC, id"
        rows = [
            Candidate(r[0], r[1], r[2], r[3], float(r[4]))
            for r in self._fetchall(
                f"SELECT d.doc_no, d.id, d.published, d.cluster_id, {score} AS score FROM {from_sql} ORDER BY {order_sql} LIMIT ?",
                [*params, k],
            )
        ]
        return rows, len(rows) < k, {r.doc_no for r in rows}

    def _best_per_cluster(self, plan: Plan, end: int) -> list[Candidate]:
        """By date with a query, one per cluster: each cluster by its best-scored document, placed at
        that document's date (a window over every match: the best may be anywhere in date order)."""
        from_sql, score, params = self._from(plan)
        sql = (
            "SELECT doc_no, id, published, cluster_id, score FROM ("
            f"SELECT d.doc_no, d.id, d.published, d.cluster_id, {score} AS score, "
            f"ROW_NUMBER() OVER (PARTITION BY d.cluster_id ORDER BY {score} DESC, d.{BY_DATE}, d.id) AS rn "
            f"FROM {from_sql}) r WHERE rn = 1 ORDER BY {BY_DATE}, score DESC, id LIMIT ?"
        )
        return [Candidate(r[0], r[1], r[2], r[3], float(r[4])) for r in self._fetchall(sql, [*params, end])]

    def _cluster_sizes(self, plan: Plan, page: list[Candidate], seen: set[int], complete: bool) -> dict[str, int]:
        """Matching documents per cluster of the page: the members already seen to match, plus
        those of the others that the query and filters accept."""
        clusters = sorted({r.cluster for r in page})
        members = self._fetchall(f"SELECT cluster_id, doc_no FROM documents WHERE cluster_id IN ({placeholders(clusters)})", clusters)
        sizes = dict.fromkeys(clusters, 0)
        unknown = []
        for cluster, doc_no in members:
            if doc_no in seen:
                sizes[cluster] += 1
            elif not complete:
                unknown.append(doc_no)
        if unknown:
            from_sql, _score, params = self._from(plan, ranked=False, entity_as="probe")
            for (cluster,) in self._fetchall(
                f"SELECT d.cluster_id FROM {from_sql} AND d.doc_no IN ({placeholders(unknown)})", [*params, *unknown]
            ):
                sizes[cluster] += 1
        return sizes

    # ------------------------------------------------------------------ search and count
    def search(self, query: str | None = None, *, order: str = "relevance", limit: int = 20, offset: int = 0,
               collapse_duplicates: bool = True, **filters: Unpack[SearchFilters]) -> list[SearchResult]:
        if order not in ORDERS:
            raise BadQuery(problem=f"unknown order {order!r}", fix="Use 'relevance' or 'date'.")
        plan = self._plan(query, Filters.of(filters), order == "date")
        limit, offset = int(limit), max(0, int(offset))
        if limit <= 0:
            return []
        end = offset + limit
        if collapse_duplicates and order == "date" and not plan.q.empty:
            picked = self._best_per_cluster(plan, end)
            seen, complete = {r.doc_no for r in picked}, False
        else:
            order = "relevance" if order == "relevance" and not plan.q.empty else "date"
            k = 2 * end + 20
            newest = order == "relevance" and not plan.filtered
            while True:
                if newest:  # the newest matches first: enough when their certain rows fill the page
                    rows, complete, seen = self._best_scored(plan)
                    newest = False
                else:
                    rows, complete, seen = self._sql_ordered(plan, order, k)
                    k *= 4
                picked = first_per_cluster(rows, end) if collapse_duplicates else rows[:end]
                if len(picked) >= end or complete:
                    break
        page = picked[offset:end]
        if not page:
            return []
        return self._results(plan, page, self._cluster_sizes(plan, page, seen, complete))

    def _results(self, plan: Plan, page: list[Candidate], sizes: dict[str, int]) -> list[SearchResult]:
        """The page's documents with their snippets (query words and the filtered entities' mentions highlighted)."""
        q = plan.q
        nos = [r.doc_no for r in page]
        keys_col = "NULL" if q.empty else "search_keys"
        docs = {
            r[0]: r[1:]
            for r in self._fetchall(f"SELECT doc_no, title, source, url, text, {keys_col} FROM documents WHERE doc_no IN ({placeholders(nos)})", nos)
        }
        extra: dict[int, list[tuple[int, int]]] = {}
        if plan.entity_ids:
            # `entity_id || ''`: look the page's documents up by their key, not every mention of the entity
            for doc_no, a, b in self._fetchall(
                f"SELECT doc_no, span_start, span_end FROM mentions WHERE doc_no IN ({placeholders(nos)}) "
                f"AND entity_id || '' IN ({placeholders(plan.entity_ids)})",
                [*nos, *plan.entity_ids],
            ):
                extra.setdefault(doc_no, []).append((a, b))
        out = []
        for r in page:
            title, src, url, text, packed = docs[r.doc_no]
            keys = None if q.empty else PackedKeys.unpack(packed)
            sn = snippet(text, q, extra.get(r.doc_no, ()), skip=len(title) + 1 if title else 0, keys=keys)
            out.append(SearchResult(r.id, title, r.published, src, url, sn.text, list(sn.highlights),
                                    None if q.empty else r.score, r.cluster, sizes[r.cluster]))
        return out

    def count(self, query: str | None = None, *, collapse_duplicates: bool = True, **filters: Unpack[SearchFilters]) -> int:
        """How many results `search` with the same arguments has in all (stories when collapsed)."""
        plan = self._plan(query, Filters.of(filters), True)
        from_sql, _score, params = self._from(plan, ranked=False)
        what = "COUNT(DISTINCT d.cluster_id)" if collapse_duplicates else "COUNT(*)"
        return int(self._scalar(f"SELECT {what} FROM {from_sql}", params) or 0)

    def count_upto(self, query: str | None = None, *, documents: int, collapse_duplicates: bool = True,
                   **filters: Unpack[SearchFilters]) -> tuple[int, bool]:
        """(n, exact): the results among the first `documents` + 1 matching documents the database
        reads (in no set order), exact when no more match. A LIMIT on the documents, not on the
        distinct clusters, is what stops both databases early: PostgreSQL's DISTINCT reads all of
        its input before it answers."""
        plan = self._plan(query, Filters.of(filters), True)
        limit = max(0, int(documents))
        if plan.entity_ids and plan.q.empty and not plan.where:
            # an entity filter alone: its documents and their clusters are in the index of
            # document_entities (which keeps each document's cluster), no document row is read
            ids = plan.entity_ids
            pairs = ("SELECT cluster_id FROM document_entities WHERE entity_id = ?" if len(ids) == 1 else
                     f"SELECT DISTINCT doc_no, cluster_id FROM document_entities WHERE entity_id IN ({placeholders(ids)})")
            sql, params = f"SELECT COUNT(*), COUNT(DISTINCT cluster_id) FROM ({pairs} LIMIT ?) c", [*ids, limit + 1]
        else:
            from_sql, _score, params = self._from(plan, ranked=False)
            sql = f"SELECT COUNT(*), COUNT(DISTINCT cluster_id) FROM (SELECT d.cluster_id FROM {from_sql} LIMIT ?) c"
            params = [*params, limit + 1]
        read, stories = self._fetchone(sql, params) or (0, 0)
        exact = int(read) <= limit
        return (int(stories) if collapse_duplicates else min(int(read), limit)), exact
