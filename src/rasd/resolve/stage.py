"""The "resolve" pipeline stage: mentions → entities (with references, titles, Latin names, stable
ids) and relations.

Steps, each in its own module:

1. `items`: NER name mentions → items (context rules drop «صلاة المغرب»; a mention that is only a
   reference noun becomes a reference candidate; a name cut short is grown to a known alias);
   `cluster`: items → clusters of one entity each; `acronyms`: a short name in brackets after an
   organisation's name («وكالة الأنباء الأردنية (بترا)») joins its cluster.
2. `titles`: titles and affiliations of people, by apposition.
3. `references`: nominal references («الوزير», «المملكة», «هذه المجموعة» …) attached to the most
   recent compatible entity, or dropped when none is compatible.
4. `ids`: canonical name, Latin name, stable id.
5. `relations`: ROLE_OF from titles, and the patterns of `relations.tsv` (parsed by `patterns`).

Afterwards `doc.mentions` holds the clustered name mentions and the resolved references, each with
`entity` set; mentions dropped by a context rule and unresolved reference nouns are removed from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rasd.model import Document, Entity, Token
from rasd.pipeline.registry import register
from rasd.resolve.acronyms import merge_short_names
from rasd.resolve.aliases import Namer, namer
from rasd.resolve.cluster import Cluster, cluster
from rasd.resolve.errors import ResolveOptionError
from rasd.resolve.ids import name_clusters
from rasd.resolve.items import Item, prepare, token_range
from rasd.resolve.patterns import Pattern, load_patterns
from rasd.resolve.references import find_candidates, resolve
from rasd.resolve.relations import find_relations
from rasd.resolve.resources import ALIASES_DIR, RESOLVE_DIR
from rasd.resolve.titles import find_titles

__all__ = ["ResolveStage", "resolve_document"]


def _cover(tokens: list[Token], items: list[Item]) -> list[Item | None]:
    cover: list[Item | None] = [None] * len(tokens)
    for it in items:
        for j in range(it.ti, min(it.tj, len(tokens))):
            cover[j] = it
    return cover


def resolve_document(
    doc: Document,
    names: Namer | None = None,
    patterns: tuple[Pattern, ...] | None = None,
    fuzzy_threshold: float = 92.0,
) -> Document:
    """Fill `doc.entities` and `doc.relations` from `doc.tokens`, `doc.sentences` and `doc.mentions`."""
    names = names if names is not None else namer()
    patterns = patterns if patterns is not None else load_patterns()
    items, seeds = prepare(doc, names)
    clusters = merge_short_names(doc.tokens, cluster(items, names, fuzzy_threshold))
    cover = _cover(doc.tokens, items)
    find_titles(doc, clusters, cover, names)
    blocked = [False] * len(doc.tokens)
    starts = [t.start for t in doc.tokens]
    for c in clusters:
        if c.title_span is not None:
            a, b = token_range(starts, doc.tokens, *c.title_span)
            blocked[a:b] = [True] * (b - a)
    cands = find_candidates(doc, cover, blocked, seeds, names)
    resolve(cands, clusters)
    clusters = name_clusters(clusters, names.lex)
    owners: list[tuple[int, int, Cluster]] = [
        (it.start, it.mention.end, c) for c in clusters for it in c.items
    ]
    owners += [(r.start, r.end, c) for c in clusters for r in c.refs]
    doc.relations = find_relations(doc, clusters, owners, names.nisba, patterns)
    doc.entities = [_entity(c) for c in clusters]
    mentions = [m for e in doc.entities for m in e.mentions] + [m for e in doc.entities for m in e.references]
    mentions.sort(key=lambda m: (m.start, m.end))
    doc.mentions = mentions
    return doc


def _entity(c: Cluster) -> Entity:
    for it in c.items:
        it.mention.entity = c.id
    refs = sorted(c.refs, key=lambda m: m.start)
    for r in refs:
        r.entity = c.id
        r.label = c.type
    affiliation = c.affiliation or (c.affiliation_cluster.id if c.affiliation_cluster is not None else None)
    aliases = []
    for it in c.items:
        if it.form != c.name and it.form not in aliases:
            aliases.append(it.form)
    return Entity(
        id=c.id,
        type=c.type,
        name=c.name,
        latin=c.latin or None,
        latin_guess=c.latin_guess or None,
        title=c.title,
        title_span=c.title_span,
        affiliation=affiliation,
        mentions=[it.mention for it in c.items],
        references=refs,
        aliases=aliases,
    )


@register("resolve")
class ResolveStage:
    """Entity resolution. Options (the `[resolve]` table of the configuration):

    - `fuzzy_threshold` (default 92): the rapidfuzz ratio (0-100) above which two place or
      organisation names of a document are taken as spellings of one name;
    - `aliases_dir`, `data_dir`: other folders of alias tables and word lists (default: the shipped
      `rasd/data/aliases` and `rasd/data/resolve`).
    """

    name: ClassVar[str] = "resolve"
    requires: ClassVar[tuple[str, ...]] = ("tokens", "sentences", "mentions")
    provides: ClassVar[tuple[str, ...]] = ("entities", "relations")

    def __init__(
        self, fuzzy_threshold: float = 92.0, aliases_dir: str | None = None, data_dir: str | None = None
    ) -> None:
        if not isinstance(fuzzy_threshold, int | float) or not 50 <= fuzzy_threshold <= 100:
            raise ResolveOptionError(
                option="fuzzy_threshold",
                value=fuzzy_threshold,
                problem="must be a number from 50 to 100",
                fix="The default is 92.",
            )
        for option, value in (("aliases_dir", aliases_dir), ("data_dir", data_dir)):
            if value is not None and not Path(value).is_dir():
                raise ResolveOptionError(
                    option=option,
                    value=value,
                    problem="is not a folder",
                    fix="Give an existing folder, or leave it out.",
                )
        self.fuzzy_threshold = float(fuzzy_threshold)
        resolve_dir = Path(data_dir) if data_dir else RESOLVE_DIR
        self.namer = namer(Path(aliases_dir) if aliases_dir else ALIASES_DIR, resolve_dir)
        self.patterns = load_patterns(resolve_dir / "relations.tsv")

    def __call__(self, doc: Document) -> Document:
        return resolve_document(doc, self.namer, self.patterns, self.fuzzy_threshold)
