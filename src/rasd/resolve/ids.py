"""Canonical names, Latin names and stable ids of the clusters of one document.

- **name**: one of the cluster's mentions as written (proclitics and quotation marks removed): the
  alias table's preferred name when the text has it («التحالف الدولي لهزيمة داعش» rather than «…
  لهزيمة تنظيم “داعش”»); otherwise the most complete one (the most words, purpose words such as ضد
  not counted), then the most frequent, then the shortest as written, then the first in the text.
- **latin**: the English name of the alias entry, else `latin_name(name)` when it is confident;
  **latin_guess**: otherwise, the letter rules' reading of a foreign name (`rasd.resolve.latin`).
  One of the two is always filled.
- **id**: the alias id when the entity is in the alias tables (`country:MA`, `region:002`,
  `city:brussels-be`, `org:isis`); otherwise `person:`, `org:`, `loc:` or `misc:` followed by the
  normalised key of the canonical name with its words joined by «-» (`person:ناصر-بوزيده`). The same
  canonical entity gets the same id in every document. Two clusters of one document that end up with
  the same id are one entity and are merged.
"""

from __future__ import annotations

from collections import Counter

from rasd.resolve.cluster import Cluster
from rasd.resolve.latin import latin_name
from rasd.resolve.resources import Lexicon, key


def stable_id(type_: str, canonical_name: str) -> str:
    """The id of an entity that is not in the alias tables."""
    return f"{type_.lower()}:" + "-".join(key(canonical_name).split())


def canonical_name(c: Cluster) -> str:
    alias = c.alias
    preferred = alias.key if alias is not None else None
    counts = Counter(it.form for it in c.items)
    ranked: dict[str, tuple] = {}
    for n, it in enumerate(c.items):
        if it.form in ranked:
            continue
        k = it.k
        ranked[it.form] = (
            k != preferred,  # the alias table's preferred name, when the text has it
            -len(it.words),  # the most complete name
            -counts[it.form],
            len(it.form.split()),
            n,
        )
    return min(ranked, key=ranked.__getitem__)


def name_clusters(clusters: list[Cluster], lex: Lexicon) -> list[Cluster]:
    """Fill name, latin and id; merge clusters that share an id. Returns the clusters kept."""
    by_id: dict[str, Cluster] = {}
    out: list[Cluster] = []
    for c in clusters:
        c.name = canonical_name(c)
        c.id = c.alias.id if c.alias is not None else stable_id(c.type, c.name)
        twin = by_id.get(c.id)
        if twin is not None:
            twin.items = sorted(twin.items + c.items, key=lambda it: it.start)
            twin.refs.extend(c.refs)
            if twin.title is None and c.title is not None:
                twin.title, twin.title_span, twin.title_words = c.title, c.title_span, c.title_words
                twin.title_evidence, twin.affiliation = c.title_evidence, c.affiliation
                twin.affiliation_cluster, twin.leads = c.affiliation_cluster, c.leads
            twin.name = canonical_name(twin)
            continue
        by_id[c.id] = c
        out.append(c)
    for c in out:
        if c.alias is not None:
            c.latin = c.alias.latin
        else:
            ln = latin_name(c.name, lex, person=c.type == "PERSON")
            if ln.confident:
                c.latin = ln.text or c.id
            else:
                c.latin_guess = ln.text
    return out
