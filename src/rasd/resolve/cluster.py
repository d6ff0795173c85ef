"""Clustering the name mentions of one document into entities.

The items of `rasd.resolve.items` (one per name mention) are merged in two passes:

1. *Same name* (in text order): the same alias id; the same signature; the same name once a droppable
   head noun is dropped on either side («وزارة الخارجية المغربية» / «الخارجية المغربية»); a spelling
   variant of a place or organisation (the same `skeleton` and a rapidfuzz ratio of at least 80, or a
   ratio of at least `fuzzy_threshold` alone); a person's name that differs only in the spelling of
   the surname, or in its article («رامز عقيلي» / «رامز العقيلي»). Two clusters linked to different
   alias ids never merge.
2. *Shortened names*: an organisation name of two words or more that begins another one of the
   document («التحالف الدولي» → «التحالف الدولي لهزيمة داعش»), unless the short one is itself a
   known alias and the long one is not (so «الاتحاد الأوروبي» never swallows a longer, different
   body); a person's name with its lineage cut short past a «بن» («فيصل بن ماجد») → the one longer
   name it begins; a person's surname (one or more final words) → the full name that ends with it. When two
   people of the document share that surname, each bare surname goes to the nearest full name before
   it (or after it, when none is before): the two people stay apart; a person's first name alone →
   the one full name that begins with it, unless the word also ends a person's name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from rasd.model import ENTITY_TYPES, Mention
from rasd.resolve.aliases import AliasEntry, Namer, skeleton
from rasd.resolve.errors import UnknownEntityType
from rasd.resolve.items import Item
from rasd.text.article import strip_article


@dataclass(slots=True, eq=False)
class Cluster:
    items: list[Item]
    alias: AliasEntry | None = None
    type: str = ""
    refs: list[Mention] = field(default_factory=list)
    title: str | None = None
    title_span: tuple[int, int] | None = None
    title_words: frozenset[str] = frozenset()
    title_evidence: tuple[int, int] | None = None  # the title and the name it is attached to
    affiliation: str | None = None  # a stable id (alias id) …
    affiliation_cluster: Cluster | None = None  # … or an organisation of the document
    leads: Cluster | None = None  # the organisation the title says the person leads («رئيس الحزب»)
    id: str = ""
    name: str = ""
    latin: str = ""
    latin_guess: str = ""
    heads: frozenset[str] = frozenset()

    @property
    def start(self) -> int:
        return self.items[0].start

    def label_type(self) -> str:
        if self.alias is not None:
            return self.alias.type
        counts = Counter(i.label for i in self.items)
        best = max(counts.values())
        for i in self.items:  # ties: the first mention's label
            if counts[i.label] == best:
                return i.label
        return self.items[0].label


# -- clustering -----------------------------------------------------------------------------------


class _Sets:
    """Union-find over item indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def union(self, a: int, b: int) -> int:
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        if b < a:
            a, b = b, a
        self.parent[b] = a
        return a


def _skel(it: Item) -> str:
    if not it.skel:
        it.skel = skeleton(it.k)
    return it.skel


def _fuzzy_same(a: Item, b: Item, threshold: float) -> bool:
    if a.label != b.label or (a.alias is not None and b.alias is not None):
        return False
    ka, kb = a.k, b.k
    la, lb = len(ka), len(kb)
    if 4 * abs(la - lb) > max(la, lb):  # no ratio of 80 or more is possible
        return False
    if a.label == "PERSON":
        wa, wb = a.words, b.words
        if len(wa) != len(wb) or wa[:-1] != wb[:-1]:
            return False
        ba, bb = strip_article(wa[-1]), strip_article(wb[-1])
        if ba == bb:  # «رامز عقيلي» / «رامز العقيلي»
            return len(ba) >= 4
        sa, sb = skeleton(ba), skeleton(bb)
        return sa == sb and len(sa) >= 4
    if min(len(ka), len(kb)) < 5:
        return False
    sa = _skel(a)
    if sa == _skel(b) and len(sa.replace(" ", "")) >= 5 and ratio(ka, kb) >= 80:
        return True
    return min(len(ka), len(kb)) >= 6 and ratio(ka, kb) >= threshold


def cluster(items: list[Item], namer: Namer, fuzzy_threshold: float = 92.0) -> list[Cluster]:
    n = len(items)
    sets = _Sets(n)
    alias_of: dict[int, str | None] = {}  # root → alias id
    by_alias: dict[str, int] = {}
    by_sig: dict[tuple[str, tuple[str, ...]], int] = {}
    by_nohead: dict[tuple[str, tuple[str, ...]], int] = {}
    reps: dict[str, list[int]] = {}  # label → one item per distinct key, for fuzzy matching
    seen_keys: set[tuple[str, str]] = set()

    def join(i: int, j: int) -> bool:
        ri, rj = sets.find(i), sets.find(j)
        ai, aj = alias_of.get(ri), alias_of.get(rj)
        if ai and aj and ai != aj:
            return False
        r = sets.union(ri, rj)
        alias_of[r] = ai or aj
        return True

    for it in items:
        if it.label not in ENTITY_TYPES:
            raise UnknownEntityType(start=it.mention.start, end=it.mention.end, label=it.label, known=", ".join(ENTITY_TYPES))

    for i, it in enumerate(items):
        alias_of[i] = it.alias.id if it.alias else None
        g = it.label
        done = False
        if it.alias is not None and it.alias.id in by_alias:
            done = join(by_alias[it.alias.id], i)
        if not done:
            for probe in (
                by_sig.get((g, it.sig)),
                by_nohead.get((g, it.sig)),
                by_sig.get((g, it.nohead)) if it.nohead else None,
            ):
                if probe is not None and join(probe, i):
                    done = True
                    break
        if not done and g == "MISC":  # a MISC mention spelled like another entity is that entity
            for g2 in ("ORG", "LOC", "PERSON"):
                probe = by_sig.get((g2, it.sig))
                if probe is not None and join(probe, i):
                    done = True
                    break
        if not done and it.alias is None:
            for r in reps.get(it.label, ()):
                if _fuzzy_same(items[r], it, fuzzy_threshold) and join(r, i):
                    done = True
                    break
        root = sets.find(i)
        if it.alias is not None:
            by_alias.setdefault(it.alias.id, root)
        elif alias_of.get(root):
            by_alias.setdefault(alias_of[root], root)
        by_sig.setdefault((g, it.sig), i)
        if it.nohead:
            by_nohead.setdefault((g, it.nohead), i)
        if (g, it.k) not in seen_keys:
            seen_keys.add((g, it.k))
            reps.setdefault(it.label, []).append(i)

    _merge_prefixes(items, sets, alias_of)
    _merge_lineages(items, sets)
    groups: dict[int, list[Item]] = {}
    for i, it in enumerate(items):
        groups.setdefault(sets.find(i), []).append(it)
    clusters = [
        Cluster(members, alias=namer.entries.get(alias_of.get(root) or ""))
        for root, members in sorted(groups.items())
    ]
    clusters = _attach_surnames(clusters)
    clusters = _attach_first_names(clusters)
    for c in clusters:
        c.type = c.label_type()
        heads = {strip_article(it.words[0]) for it in c.items}
        if c.alias is not None:
            heads |= c.alias.heads
        c.heads = frozenset(heads)
    clusters.sort(key=lambda c: c.start)
    return clusters


def _merge_prefixes(items: list[Item], sets: _Sets, alias_of: dict[int, str | None]) -> None:
    """An organisation name of 2+ words that begins a longer one of the document joins it."""
    orgs = [i for i, it in enumerate(items) if it.label == "ORG"]
    longer: dict[tuple[str, ...], list[int]] = {}  # a proper prefix (2+ words) → items it begins
    for j in orgs:
        sig = items[j].sig
        for n in range(2, len(sig)):
            longer.setdefault(sig[:n], []).append(j)
    if not longer:
        return
    for i in orgs:
        short = items[i]
        cands = longer.get(short.sig)
        ri = sets.find(i)
        if not cands or alias_of.get(ri):
            continue
        best: tuple[int, int] | None = None  # (distance rank, item index)
        for j in cands:
            if sets.find(j) == ri:
                continue
            d = short.start - items[j].start
            rank = d if d > 0 else 10**9 - d  # the nearest before, else the nearest after
            if best is None or rank < best[0]:
                best = (rank, j)
        if best is not None:
            rj = sets.find(best[1])
            r = sets.union(ri, rj)
            alias_of[r] = alias_of.get(ri) or alias_of.get(rj)


_SON = frozenset(("بن", "ابن"))
_CLITICS = frozenset("لبوفك")


def _merge_lineages(items: list[Item], sets: _Sets) -> None:
    """A person's name with its lineage cut short («فيصل بن ماجد») joins the one longer name of the
    document that it begins («فيصل بن ماجد بن عبدالرحمن»): the shortened name must go past a «بن»."""
    persons = [i for i, it in enumerate(items) if it.label == "PERSON"]
    longer: dict[tuple[str, ...], set[int]] = {}  # a proper prefix past «بن» → roots of names it begins
    for j in persons:
        w = items[j].words
        for n in range(3, len(w)):
            if _SON & set(w[1 : n - 1]):
                longer.setdefault(tuple(w[:n]), set()).add(sets.find(j))
    if not longer:
        return
    for i in persons:
        roots = longer.get(tuple(items[i].words), set()) - {sets.find(i)}
        if len(roots) == 1:
            sets.union(sets.find(i), roots.pop())


def _tail_keys(words: list[str], k: int) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """The last k words, and the same with the last word's skeleton (None when too short)."""
    tail = tuple(words[-k:])
    sk = skeleton(tail[-1])
    return tail, ((*tail[:-1], "~" + sk) if len(sk) >= 4 else None)


def _attach_surnames(clusters: list[Cluster]) -> list[Cluster]:
    """Each person mention whose words end a longer person name of another cluster joins it (the
    nearest such name before it when two people share the surname, else the nearest after it). The
    surname may differ in spelling (same `skeleton`, four letters or more), or keep a proclitic that
    the segmenter left on it («لماكفيرسون»)."""
    persons = [c for c in clusters if c.label_type() == "PERSON"]
    if len(persons) < 2:
        return clusters
    ends: dict[tuple[str, ...], list[Cluster]] = {}  # last words of full names → their clusters
    for c in persons:
        for it in c.items:
            for k in range(1, len(it.words)):
                for tail in _tail_keys(it.words, k):
                    if tail is not None:
                        owners = ends.setdefault(tail, [])
                        if c not in owners:
                            owners.append(c)
    moves: list[tuple[Cluster, Item, Cluster]] = []
    for c in persons:
        for it in c.items:
            exact, fuzzy = _tail_keys(it.words, len(it.words))
            cands = [o for o in ends.get(exact, ()) if o is not c]
            if not cands and fuzzy is not None:
                cands = [o for o in ends.get(fuzzy, ()) if o is not c]
            w = it.words[0]
            if not cands and len(it.words) == 1 and w[0] in _CLITICS and len(w) >= 5:
                cands = [o for o in ends.get((w[1:],), ()) if o is not c]  # «لماكفيرسون» the segmenter left whole
                if cands:
                    _drop_clitic(it)
            if cands:
                moves.append((c, it, _nearest(cands, it.start)))
    for src, it, dst in moves:
        src.items.remove(it)
        dst.items.append(it)
    return _non_empty(clusters) if moves else clusters


def _attach_first_names(clusters: list[Cluster]) -> list[Cluster]:
    """A person named by the first name alone («هديل» after «هديل الصباغ») joins the one person of
    the document whose longer name begins with it, unless that word also ends a person's name."""
    persons = [c for c in clusters if c.label_type() == "PERSON"]
    if len(persons) < 2:
        return clusters
    firsts: dict[str, set[int]] = {}
    lasts: set[str] = set()
    for n, c in enumerate(persons):
        for it in c.items:
            if len(it.words) > 1:
                firsts.setdefault(it.words[0], set()).add(n)
                lasts.add(it.words[-1])
    moved = False
    for n, c in enumerate(persons):
        if any(len(it.words) > 1 for it in c.items):
            continue
        for it in list(c.items):
            w = it.words[0]
            owners = firsts.get(w, set()) - {n}
            if len(it.words) == 1 and len(owners) == 1 and w not in lasts:
                c.items.remove(it)
                persons[owners.pop()].items.append(it)
                moved = True
    return _non_empty(clusters) if moved else clusters


def _non_empty(clusters: list[Cluster]) -> list[Cluster]:
    """The clusters that still have items, each with its items in text order."""
    out = []
    for c in clusters:
        if c.items:
            c.items.sort(key=lambda it: it.start)
            out.append(c)
    return out


def _drop_clitic(it: Item) -> None:
    """The item's mention and words without the proclitic of its one word."""
    it.words = [it.words[0][1:]]
    it.k = it.words[0]
    it.sig = (it.k,)
    it.form = it.form[1:]
    it.start += 1
    it.mention.start = max(it.mention.start, it.start)


def _nearest(cands: list[Cluster], pos: int) -> Cluster:
    before = [
        (max(it.start for it in c.items if it.start < pos), c)
        for c in cands
        if any(it.start < pos for it in c.items)
    ]
    if before:
        return max(before, key=lambda x: x[0])[1]
    return min(((min(it.start for it in c.items), c) for c in cands), key=lambda x: x[0])[1]
