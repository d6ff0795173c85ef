"""Entity resolution: clusters NER mentions into entities (variants, shortened names, surnames,
spelling variants), resolves nominal references, finds titles and affiliations, gives each entity a
canonical name, a Latin name and a stable id, and extracts relations between entities.

    >>> from rasd.pipeline import build_pipeline
    >>> doc = build_pipeline(["text", "dates", "ner", "resolve"])(doc)
    >>> doc.entities[0].id, doc.entities[0].latin

Data: `rasd/data/aliases/` (alias tables) and `rasd/data/resolve/` (word lists, relation patterns,
romanisation tables); they are read when the stage is built, not at import.
"""

from rasd.resolve.aliases import AliasEntry, Namer, namer
from rasd.resolve.ids import stable_id
from rasd.resolve.latin import romanize
from rasd.resolve.stage import ResolveStage, resolve_document

__all__ = ["AliasEntry", "Namer", "ResolveStage", "namer", "resolve_document", "romanize", "stable_id"]
