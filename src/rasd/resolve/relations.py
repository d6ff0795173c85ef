"""Relations between the entities of a document, from the patterns of `relations.tsv`.

The patterns are parsed by `rasd.resolve.patterns`. Each sentence becomes a sequence of units: one per
entity mention or resolved reference, one per other token (quotation marks skipped). A pattern is
tried only in sentences that contain every word it requires, and only from units its first element
can match, so the cost stays far below a millisecond per article.

Besides the patterns, every person with an affiliation found in their title gets a ROLE_OF relation
to it when it is an entity of the document (the evidence is the title and the name; a country only
an adjective names stays the person's affiliation), and LEADS to the organisation a leader word of the
title governs («المدير العام لشركة …»: `rasd.resolve.titles`), and a gazetteer city followed by a comma and its
own country («دبي، الإمارات العربية المتحدة») is LOCATED_IN it, and a state's body named with a
nisba adjective («الحكومة التركية») is PART_OF that country when the article names it, and a unit
named right before another organisation («المركز الإعلامي للجيش») is PART_OF it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rasd.model import Document, Relation, Span, Token
from rasd.resolve.cluster import Cluster
from rasd.resolve.patterns import Elem, Pattern, first_word_index
from rasd.resolve.resources import key, lexicon
from rasd.text.article import strip_article

_COMMA = frozenset((",", "،"))


@dataclass(slots=True)
class Unit:
    kind: str  # E (entity) | W (word) | P (punctuation)
    start: int
    end: int
    stem: str = ""
    norm: str = ""
    pre: str = ""  # proclitics of the first word
    cluster: Cluster | None = None
    nisba: str | None = None


# -- units ---------------------------------------------------------------------------------------


def gender(c: Cluster) -> str:
    """Grammatical gender of an organisation's head noun: fem for «مجموعة», masc for «التحالف»."""
    head = strip_article(c.items[0].words[0]) if c.items and c.items[0].words else ""
    return "fem" if head.endswith(("ه", "ات")) else "masc"


def owner_map(doc: Document, owners: list[tuple[int, int, Cluster]]) -> list[tuple[int, int, Cluster] | None]:
    """For each token, the (start, end, cluster) of the name or reference covering it."""
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    own: list[tuple[int, int, Cluster] | None] = [None] * len(tokens)
    for o in owners:
        i = bisect_right(starts, o[0]) - 1
        if i < 0 or tokens[i].end <= o[0]:
            i += 1
        while i < len(tokens) and tokens[i].start < o[1]:
            own[i] = o
            i += 1
    return own


def build_units(tokens: list[Token], a: int, b: int, own: list, nisba: dict[str, str]) -> list[Unit]:
    """The units of tokens [a, b) (one sentence)."""
    units: list[Unit] = []
    j = a
    while j < b:
        t = tokens[j]
        o = own[j]
        if o is not None:
            pre = (
                t.norm[: len(t.norm) - len(t.stem)] if t.stem_start > t.start and o[0] >= t.stem_start else ""
            )
            units.append(Unit("E", o[0], o[1], pre=pre, cluster=o[2]))
            j += 1
            while j < b and own[j] is o:
                j += 1
            continue
        if t.kind == "PUNCT":
            if t.norm != '"':
                units.append(Unit("P", t.start, t.end, norm=t.norm, stem=t.norm))
        else:
            units.append(Unit("W", t.start, t.end, stem=t.stem, norm=t.norm, nisba=nisba.get(t.stem)))
        j += 1
    return units


# -- matching ------------------------------------------------------------------------------------


def _cluster_ok(c: Cluster, e: Elem) -> bool:
    if e.type != "ENT" and c.type != e.type:
        return False
    for cond in e.conds:
        kind = c.alias.kind if c.alias is not None else ""
        if cond == "country" and kind != "country":
            return False
        if cond == "notcountry" and kind in ("country", "continent", "region"):
            return False
        if cond in ("fem", "masc") and (c.type != "ORG" or gender(c) != cond):
            return False
    return True


def _entity_ok(u: Unit, e: Elem) -> bool:
    c = u.cluster
    if u.kind != "E" or c is None or not _cluster_ok(c, e):
        return False
    return not e.prefix or e.prefix in u.pre


def _word_at(units: list[Unit], i: int, alt: tuple[str, ...]) -> bool:
    if i + len(alt) > len(units):
        return False
    for k, w in enumerate(alt):
        u = units[i + k]
        if u.kind == "E" or (u.stem != w and u.norm != w):
            return False
    return True


def _match(
    units: list[Unit], i: int, elems: list[Elem], k: int, binds: list[tuple[str, Unit]]
) -> tuple[int, list] | None:
    """Match elems[k:] from unit i; returns (end unit index, bindings)."""
    if k == len(elems):
        return i, binds
    e = elems[k]
    n = len(units)
    if e.op == "gap":
        for j in range(i, min(n, i + e.n) + 1):
            r = _match(units, j, elems, k + 1, binds)
            if r is not None:
                return r
        return None
    if e.op == "word":
        if i < n:
            u = units[i]
            if u.kind != "E" and (u.stem in e.single or u.norm in e.single):
                r = _match(units, i + 1, elems, k + 1, binds)
                if r is not None:
                    return r
        for alt in e.multi:
            if _word_at(units, i, alt):
                r = _match(units, i + len(alt), elems, k + 1, binds)
                if r is not None:
                    return r
        return _match(units, i, elems, k + 1, binds) if e.optional else None
    if e.op == "comma":
        if i < n and units[i].kind == "P" and units[i].norm in _COMMA:
            r = _match(units, i + 1, elems, k + 1, binds)
            if r is not None:
                return r
        return _match(units, i, elems, k + 1, binds) if e.optional else None
    if e.op == "slot":
        if i < n and _entity_ok(units[i], e):
            return _match(units, i + 1, elems, k + 1, [*binds, (e.role, units[i])])
        return None
    if e.op == "nisba":
        if i < n and units[i].kind == "W" and units[i].nisba:
            if "country" in e.conds and not units[i].nisba.startswith("country:"):
                return None
            return _match(units, i + 1, elems, k + 1, [*binds, (e.role, units[i])])
        return None
    if e.op == "list":
        got: list[tuple[str, Unit]] = []
        j = i
        while j < n:
            if _entity_ok(units[j], e):
                got.append((e.role, units[j]))
                j += 1
            elif (
                units[j].kind == "P"
                and units[j].norm in _COMMA
                and got
                and j + 1 < n
                and _entity_ok(units[j + 1], e)
            ):
                j += 1
            elif (
                units[j].kind == "W"
                and units[j].norm == "و"
                and got
                and j + 1 < n
                and _entity_ok(units[j + 1], e)
            ):
                j += 1
            else:
                break
        if not got:
            return None
        return _match(units, j, elems, k + 1, binds + got)
    raise ValueError(f"unknown pattern element {e.op!r}")


def find_relations(
    doc: Document,
    clusters: list[Cluster],
    owners: list[tuple[int, int, Cluster]],
    nisba: dict[str, str],
    patterns: tuple[Pattern, ...],
) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(typ: str, subj: str, obj: str, start: int, end: int) -> None:
        if subj == obj or (typ, subj, obj) in seen:
            return
        seen.add((typ, subj, obj))
        out.append(Relation(typ, subj, obj, start, end))

    present = {c.id for c in clusters}
    for c in clusters:
        if c.type == "PERSON" and c.title_evidence is not None:
            target = c.affiliation or (
                c.affiliation_cluster.id if c.affiliation_cluster is not None else None
            )
            if target in present:  # a country only an adjective names is the title's, not an entity of the article
                add("ROLE_OF", c.id, target, *c.title_evidence)
            if c.leads is not None:
                add("LEADS", c.id, c.leads.id, *c.title_evidence)

    for city, country, start, end in _city_then_country(doc, owners):
        add("LOCATED_IN", city.id, country.id, start, end)
    for body, country, start, end in _state_bodies(doc.tokens, clusters, nisba, present):
        add("PART_OF", body, country, start, end)
    for part, whole, start, end in _parts(doc, owners):
        add("PART_OF", part.id, whole.id, start, end)
    for body, place, start, end in _seats(doc, owners):
        add("LOCATED_IN", body.id, place.id, start, end)

    tokens = doc.tokens
    if not tokens:
        return out
    own = owner_map(doc, owners)
    index = first_word_index(patterns)
    starts = [t.start for t in tokens]
    for sent in doc.sentences or [Span(0, len(doc.text), "SENT")]:
        a, b = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        if b - a < 3:
            continue
        toks = tokens[a:b]
        words = {t.stem for t in toks}
        words.update(t.norm for t in toks)
        cands: set[int] = set()
        for w in index.keys() & words:
            cands.update(index[w])
        active = [
            patterns[k]
            for k in sorted(cands)
            if all(not req.isdisjoint(words) for req in patterns[k].required)
        ]
        if not active:
            continue
        present = {id(o[2]): o[2] for o in own[a:b] if o is not None}.values()
        active = [p for p in active if all(any(_cluster_ok(c, e) for c in present) for e in p.slots)]
        if not active:
            continue
        units = build_units(tokens, a, b, own, nisba)
        for p in active:
            _apply(p, units, add)
    return out


def _city_then_country(doc: Document, owners: list[tuple[int, int, Cluster]]) -> list[tuple[Cluster, Cluster, int, int]]:
    """A gazetteer city, a comma and the country the gazetteer puts it in («دبي، الإمارات العربية
    المتحدة», a dateline): the text says where the city is."""
    return [
        (p.first, p.second, p.start, p.end)
        for p in _neighbours(doc, owners, ("LOC", "LOC"))
        if p.first.alias is not None and p.first.alias.country is not None and p.first.alias.country == p.second.id
        and p.between.strip() in _COMMA
    ]


def _state_bodies(tokens: list[Token], clusters: list[Cluster], nisba: dict[str, str], present: set[str]) -> list[tuple[str, str, int, int]]:
    """Organisations named by a state body's head noun and a nisba adjective («الحكومة التركية»,
    «الجيش الإسرائيلي»; state_bodies.tsv) and the country of the adjective, when a cluster of the
    document is that country: (organisation id, country id, evidence start, end)."""
    heads = lexicon().state_bodies
    out = []
    for c in clusters:
        if c.type != "ORG":
            continue
        for it in c.items:
            words = [t for t in tokens[it.ti : it.tj] if t.kind == "WORD"]
            if len(words) < 2 or strip_article(words[0].stem) not in heads:
                continue
            country = nisba.get(words[-1].stem)
            if country and country in present and country != c.id:
                out.append((c.id, country, it.mention.start, it.mention.end))
                break
    return out


def _head(doc: Document, i: int) -> str:
    """The first word of the name that starts at token i, without proclitics and article."""
    return strip_article(doc.tokens[i].stem)


@dataclass(slots=True)
class _Pair:
    """Two names side by side («X لـY», «X في Y»): their clusters, the evidence's span, the text
    between them, and the token where the first begins, where it ends and where the second begins."""

    first: Cluster
    second: Cluster
    start: int
    end: int
    between: str
    i1: int
    last1: int
    i2: int


def _neighbours(doc: Document, owners: list[tuple[int, int, Cluster]], types: tuple[str, str]) -> list[_Pair]:
    """Each name of type types[0] with the name after it when that one is of type types[1], the
    second starting after the first ends («المركز الإعلامي [للجيش]»; not a name inside another)."""
    tokens = doc.tokens
    if not tokens:
        return []
    starts = [t.start for t in tokens]
    out = []
    ordered = sorted((o for o in owners if o[2].type in types), key=lambda o: (o[0], o[1]))
    for (s1, e1, c1), (s2, e2, c2) in zip(ordered, ordered[1:], strict=False):
        if c1 is c2 or s2 < e1 or (c1.type, c2.type) != types:
            continue
        i1 = bisect_right(starts, s1) - 1
        last1 = bisect_left(starts, e1) - 1
        i2 = bisect_right(starts, s2) - 1
        if min(i1, last1, i2) >= 0:
            out.append(_Pair(c1, c2, s1, e2, doc.text[e1:s2], i1, last1, i2))
    return out


def _after_fi(tokens: list[Token], p: _Pair) -> bool:
    """Whether the second name follows the first after «في» alone."""
    return p.i2 == p.last1 + 2 and tokens[p.last1 + 1].norm == "في"


def _parts(doc: Document, owners: list[tuple[int, int, Cluster]]) -> list[tuple[Cluster, Cluster, int, int]]:
    """An organisation named by a unit's head noun (parts.tsv: «المركز», «الهيئة», «دائرة») right
    before another organisation's name in «لـ» or «بـ», or after «في», is part of it («المركز
    الإعلامي للجيش اليمني», «دائرة التحقيق الداخلي في الشرطة»); not an outlet («قالت الهيئة لوكالة …»)."""
    lex = lexicon()
    tokens = doc.tokens
    out = []
    for p in _neighbours(doc, owners, ("ORG", "ORG")):
        if _head(doc, p.i1) not in lex.unit_heads or _head(doc, p.i2) in lex.media_heads:
            continue
        if key(doc.text[tokens[p.i2].stem_start : p.end]) in lex.media_names:
            continue  # «قال المكتب الإعلامي لرويترز»: it speaks to an outlet
        second = tokens[p.i2]
        clitic = second.norm[: max(0, second.stem_start - second.start)]
        if (p.i2 == p.last1 + 1 and ("ل" in clitic or "ب" in clitic)) or _after_fi(tokens, p):
            out.append((p.first, p.second, p.start, p.end))
    return out


def _seats(doc: Document, owners: list[tuple[int, int, Cluster]]) -> list[tuple[Cluster, Cluster, int, int]]:
    """An embassy, a ministry, an office (parts.tsv seated) named right before «في» and a place:
    «السفارة الأمريكية في القدس», «وزارة الصحة في غزة» are LOCATED_IN it."""
    seated = lexicon().seated_heads
    return [
        (p.first, p.second, p.start, p.end)
        for p in _neighbours(doc, owners, ("ORG", "LOC"))
        if _head(doc, p.i1) in seated and _after_fi(doc.tokens, p)
    ]


def _apply(p: Pattern, units: list[Unit], add) -> None:
    first = p.elems[0]
    found: dict[int, tuple[int, list]] = {}  # end → (start, bindings): the latest start wins
    words = p.first
    for i, u in enumerate(units):
        if words:
            if u.kind == "E" or (u.stem not in words and u.norm not in words):
                continue
        elif not _entity_ok(u, first):
            continue
        r = _match(units, i, p.elems, 0, [])
        if r is None:
            continue
        end, binds = r
        found[end] = (i, binds)
    for end, (i, binds) in sorted(found.items(), key=lambda x: x[1][0]):
        ev_start, ev_end = units[i].start, units[end - 1].end
        if p.type == "LOCATED_IN" and not _consistent(binds):
            continue
        subjects = [_target(u) for role, u in binds if role == "subj"]
        objects = [_target(u) for role, u in binds if role == "obj"]
        for s in subjects:
            for o in objects:
                if s and o:
                    add(p.type, s, o, ev_start, ev_end)


def _target(u: Unit) -> str | None:
    if u.cluster is not None:
        return u.cluster.id
    return u.nisba


def _consistent(binds: list[tuple[str, Unit]]) -> bool:
    """A known city is in its own country only («واشنطن في العراق» is not a location)."""
    subj = [u for role, u in binds if role == "subj"]
    obj = [_target(u) for role, u in binds if role == "obj"]
    for u in subj:
        alias = u.cluster.alias if u.cluster is not None else None
        if alias is not None and alias.country is not None and any(o != alias.country for o in obj):
            return False
    return True
