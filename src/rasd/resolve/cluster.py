"""Clustering the name mentions of one document into entities.

Each NER mention becomes an `Item`: its token range, its word keys (the first word without its
proclitics, quotation marks dropped, `Namer.prep` applied), its signature and its alias entry.
Items are then merged in two passes:

1. *Same name* (in text order): the same alias id; the same signature; the same name once a droppable
   head noun is dropped on either side («وزارة الخارجية المغربية» / «الخارجية المغربية»); a spelling
   variant of a place or organisation (the same `skeleton` and a rapidfuzz ratio of at least 80, or a
   ratio of at least `fuzzy_threshold` alone); a person's name that differs only in the spelling of
   the surname. Two clusters linked to different alias ids never merge.
2. *Shortened names*: an organisation name of two words or more that begins another one of the
   document («التحالف الدولي» → «التحالف الدولي لهزيمة داعش»), unless the short one is itself a
   known alias and the long one is not (so «الاتحاد الأوروبي» never swallows a longer, different
   body); a person's surname (one or more final words) → the full name that ends with it. When two
   people of the document share that surname, each bare surname goes to the nearest full name before
   it (or after it, when none is before): the two people stay apart.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from rasd.model import Document, Mention, Token
from rasd.resolve.aliases import AliasEntry, Namer, skeleton
from rasd.resolve.resources import DEMONSTRATIVES, SAME, key, strip_al
from rasd.text.normalize import QUOTES

_STRIP_QUOTES = str.maketrans({q: " " for q in QUOTES})
_SKIP_KINDS = frozenset(("PUNCT", "SYMBOL"))


@dataclass(slots=True, eq=False)
class Item:
    mention: Mention
    ti: int  # first token
    tj: int  # one past the last token
    start: int  # where the name proper starts (after proclitics)
    words: list[str]
    sig: tuple[str, ...]
    nohead: tuple[str, ...] | None
    alias: AliasEntry | None
    form: str  # the name as written, without proclitics and quotation marks
    label: str
    k: str  # the words joined by spaces
    raw: tuple[str, ...]  # the word keys before `Namer.prep`
    skel: str = ""  # its skeleton, computed when first needed


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
    id: str = ""
    name: str = ""
    latin: str = ""
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


@dataclass(slots=True)
class Seed:
    """A NER mention that is really a nominal reference («التحالف», «المملكة», «مجموعة العمل هذه»)."""

    start: int
    end: int
    ti: int
    tj: int
    noun: str  # the reference noun's key (definite form)


# -- items ----------------------------------------------------------------------------------------


def token_range(starts: list[int], tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Indexes [i, j) of the tokens overlapping the span."""
    i = bisect_right(starts, start) - 1
    if i < 0 or tokens[i].end <= start:
        i += 1
    j = bisect_left(starts, end)
    return i, j


def _first_word(doc: Document, tok: Token, start: int) -> tuple[str, int, str]:
    """(key, where the word proper starts, its written form) of a mention's first token."""
    if start >= tok.stem_start and tok.stem_start > tok.start:
        surface = doc.text[tok.stem_start : tok.end]
        k = key(surface)
        if tok.stem != k:  # «للتحالف»: the elided article is restored in the stem key
            if tok.stem == "ا" + k:
                surface = "ا" + surface
            elif tok.stem == "ال" + k:
                surface = "ال" + surface
        return tok.stem, tok.stem_start, surface
    s = max(start, tok.start)
    return tok.norm, s, doc.text[s : tok.end]


def make_item(doc: Document, starts: list[int], m: Mention, namer: Namer) -> Item | None:
    tokens = doc.tokens
    ti, tj = token_range(starts, tokens, m.start, m.end)
    toks = [t for t in tokens[ti:tj] if t.kind not in _SKIP_KINDS]
    if not toks:
        return None
    first_key, begin, first_surface = _first_word(doc, toks[0], m.start)
    raw = (first_key, *(t.norm for t in toks[1:]))
    words, sig, nohead, alias = namer.analyse(raw, m.label)
    if not words:
        return None
    rest = doc.text[toks[0].end : min(m.end, toks[-1].end)] if len(toks) > 1 else ""
    form = " ".join((first_surface + rest).translate(_STRIP_QUOTES).split())
    return Item(m, ti, tj, begin, words, sig, nohead, alias, form, m.label, " ".join(words), raw)


def prepare(doc: Document, namer: Namer) -> tuple[list[Item], list[Seed]]:
    """Items of the document's name mentions, in text order, less the mentions dropped by a context
    rule («صلاة المغرب»); and the mentions that are really references (returned as seeds)."""
    lex = namer.lex
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    items: list[Item] = []
    seeds: list[Seed] = []
    absorbed_until = -1
    for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
        if m.kind != "name":
            continue
        if m.start < absorbed_until:
            continue  # inside a name that was extended to a known alias
        item = make_item(doc, starts, m, namer)
        if (
            item is not None
            and item.alias is None
            and m.label in ("ORG", "LOC")
            and tuple(item.words) in namer.prefixes
        ):
            longer = _extend(doc, starts, item, namer)
            if longer is not None:
                item = longer
                absorbed_until = longer.mention.end
        if item is None:
            continue
        if _blocked(item, tokens, lex.contexts):
            continue
        seed = _as_reference(item, tokens, lex.references, lex.indefinite_refs)
        if seed is not None:
            seeds.append(seed)
            continue
        items.append(item)
    return items, seeds


MAX_EXTENSION = 8


def _extend(doc: Document, starts: list[int], item: Item, namer: Namer) -> Item | None:
    """The item grown over the words that follow it when they complete a known name that the NER
    cut short («[التحالف الدولي] لهزيمة تنظيم “[داعش]”» → the coalition's full name); None if they
    do not. The mention's end is moved; mentions inside the grown span are dropped by the caller."""
    tokens = doc.tokens
    ends: list[int] = []  # token indexes that may end the longer name
    j = item.tj
    while j < len(tokens) and len(ends) < MAX_EXTENSION:
        t = tokens[j]
        if t.kind == "PUNCT" and t.norm == '"':
            j += 1
            continue
        if t.kind != "WORD":
            break
        ends.append(j)
        j += 1
    m = item.mention
    raw = tuple(item.raw)
    for n in range(len(ends), 0, -1):
        words, _sig, _nohead, alias = namer.analyse(raw + tuple(tokens[e].norm for e in ends[:n]), m.label)
        if alias is None or len(words) <= len(item.words):
            continue
        j = ends[n - 1]
        end = tokens[j].end
        if (
            j + 1 < len(tokens)
            and tokens[j + 1].kind == "PUNCT"
            and tokens[j + 1].norm == '"'
            and tokens[j + 1].start == end
        ):
            end = tokens[j + 1].end  # a closing quotation mark belongs to the name
        grown = make_item(doc, starts, Mention(m.start, end, m.label, m.kind, m.source, m.score), namer)
        if grown is not None and grown.alias is not None:
            m.end = end
            grown.mention = m
            return grown
    return None


def _blocked(item: Item, tokens: list[Token], contexts: dict) -> bool:
    rule = contexts.get(item.k)
    if rule is None:
        return False
    before, after = rule
    i = item.ti - 1
    while i >= 0 and tokens[i].kind == "PUNCT" and tokens[i].norm == '"':
        i -= 1
    if i >= 0 and (tokens[i].stem in before or tokens[i].norm in before):
        return True
    j = item.tj
    return j < len(tokens) and (tokens[j].stem in after or tokens[j].norm in after)


def _as_reference(item: Item, tokens: list[Token], refs: dict, indef: dict) -> Seed | None:
    words = item.words
    nxt = tokens[item.tj] if item.tj < len(tokens) else None
    demo = nxt is not None and (nxt.stem in DEMONSTRATIVES or nxt.stem in SAME)
    if len(words) == 1 and words[0] in refs:
        end = nxt.end if demo else item.mention.end
        return Seed(item.start, end, item.ti, item.tj + (1 if demo else 0), words[0])
    if demo and words[0] in indef and len(words) <= 3:
        return Seed(item.start, nxt.end, item.ti, item.tj + 1, indef[words[0]].noun)
    if demo and len(words) <= 3 and words[0] in refs:
        return Seed(item.start, nxt.end, item.ti, item.tj + 1, words[0])
    return None


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
        sa, sb = skeleton(wa[-1]), skeleton(wb[-1])
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

    def group(label: str) -> str:
        return label if label in ("PERSON", "ORG", "LOC") else "MISC"

    for i, it in enumerate(items):
        alias_of[i] = it.alias.id if it.alias else None
        g = group(it.label)
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
    groups: dict[int, list[Item]] = {}
    for i, it in enumerate(items):
        groups.setdefault(sets.find(i), []).append(it)
    clusters = [
        Cluster(members, alias=namer.entries.get(alias_of.get(root) or ""))
        for root, members in sorted(groups.items())
    ]
    clusters = _attach_surnames(clusters)
    for c in clusters:
        c.type = c.label_type()
        heads = {strip_al(it.words[0]) for it in c.items}
        if c.alias is not None:
            heads |= c.alias.heads
        c.heads = frozenset(heads)
    clusters.sort(key=lambda c: c.start)
    return clusters


def _merge_prefixes(items: list[Item], sets: _Sets, alias_of: dict[int, str | None]) -> None:
    """An organisation name of 2+ words that begins a longer one of the document joins it."""
    orgs = [i for i, it in enumerate(items) if it.label == "ORG"]
    for i in orgs:
        short = items[i]
        ri = sets.find(i)
        if alias_of.get(ri) or len(short.sig) < 2:
            continue
        n = len(short.sig)
        best: tuple[int, int] | None = None  # (distance rank, item index)
        for j in orgs:
            rj = sets.find(j)
            if rj == ri:
                continue
            long_ = items[j]
            if len(long_.sig) <= n or long_.sig[:n] != short.sig:
                continue
            d = short.start - long_.start
            rank = d if d > 0 else 10**9 - d  # the nearest before, else the nearest after
            if best is None or rank < best[0]:
                best = (rank, j)
        if best is not None:
            rj = sets.find(best[1])
            r = sets.union(ri, rj)
            alias_of[r] = alias_of.get(ri) or alias_of.get(rj)


def _surname_match(short: list[str], full: list[str]) -> bool:
    k = len(short)
    if len(full) <= k:
        return False
    tail = full[-k:]
    if tail == short:
        return True
    if tail[:-1] != short[:-1]:
        return False
    a, b = skeleton(tail[-1]), skeleton(short[-1])
    return a == b and len(a) >= 4


def _attach_surnames(clusters: list[Cluster]) -> list[Cluster]:
    """Each person mention whose words end a longer person name of another cluster joins it (the
    nearest such name before it when two people share the surname, else the nearest after it)."""
    persons = [c for c in clusters if c.label_type() == "PERSON"]
    if len(persons) < 2:
        return clusters
    fulls = {id(c): [it.words for it in c.items] for c in persons}
    moves: list[tuple[Cluster, Item, Cluster]] = []
    for c in persons:
        for it in c.items:
            cands = [
                o for o in persons if o is not c and any(_surname_match(it.words, w) for w in fulls[id(o)])
            ]
            if cands:
                moves.append((c, it, _nearest(cands, it.start)))
    moved = bool(moves)
    for src, it, dst in moves:
        src.items.remove(it)
        dst.items.append(it)
    if not moved:
        return clusters
    out = []
    for c in clusters:
        if c.items:
            c.items.sort(key=lambda it: it.start)
            out.append(c)
    return out


def _nearest(cands: list[Cluster], pos: int) -> Cluster:
    before = [
        (max(it.start for it in c.items if it.start < pos), c)
        for c in cands
        if any(it.start < pos for it in c.items)
    ]
    if before:
        return max(before, key=lambda x: x[0])[1]
    return min(((min(it.start for it in c.items), c) for c in cands), key=lambda x: x[0])[1]
