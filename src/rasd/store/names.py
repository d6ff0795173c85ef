"""Finding an entity by the name a reader gives, as the CLI, the API and the web pages take it.

A name is looked up in three steps; the first that finds something decides:

1. **exactly**: the entity's id, or any alias it was ever written as (`alias_key`: clitics, the
   article, hamza and ta marbuta folded), as `find_entities` does;
2. **as a spelling variant of a whole alias**: every word compared by its letter skeleton (the
   first and last letters, the letters between without the long vowels ا و ي), so «ترامب» finds
   «ترمب» and «دونالد ترامب» finds «دونالد ترمب»;
3. **as part of an alias**: the words, by their skeletons, a run of an alias's words in order: a
   surname («ترمب» in «دونالد ترمب»), a first name, the head of a longer name («مجلس الأمن» in
   «مجلس الأمن الدولي»).

Steps 2 and 3 give the entities found, most documents first; when they find more than one, the
name is ambiguous (`AmbiguousEntity`, with the candidates) rather than quietly picked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rasd.store.choices import check_entity_type
from rasd.store.errors import AmbiguousEntity, UnknownEntity
from rasd.store.results import EntitySummary
from rasd.store.search import alias_key

__all__ = ["NamesMixin", "word_skeleton"]

_LONG_VOWELS = str.maketrans("", "", "اوي")
_SKELETON_MIN = 4  # shorter words are compared whole (بوش، علي)
MAX_CANDIDATES = 20


def word_skeleton(word: str) -> str:
    """A normalised word's letter skeleton: «ترامب», «ترمب» → «ترمب»; words under four letters whole."""
    if len(word) < _SKELETON_MIN:
        return word
    return word[0] + word[1:-1].translate(_LONG_VOWELS) + word[-1]


def _contains(words: Sequence[str], run: Sequence[str]) -> bool:
    n = len(run)
    return any(list(words[i : i + n]) == list(run) for i in range(len(words) - n + 1))


class NamesMixin:
    """Mixed into SQLStore: needs _fetchall, find_entities and _summaries."""

    if TYPE_CHECKING:

        def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
        def find_entities(self, name: str, type: str | None = None) -> list[EntitySummary]: ...
        def _summaries(self, ids: list[str]) -> list[EntitySummary]: ...

    def similar_entities(self, name: str, type: str | None = None) -> list[EntitySummary]:
        """Entities whose aliases spell `name` differently or contain it (steps 2 and 3 above),
        most documents first, at most MAX_CANDIDATES."""
        type = check_entity_type(type)
        words = [word_skeleton(w) for w in alias_key(name).split()]
        if not words:
            return []
        whole: set[str] = set()
        part: set[str] = set()
        sql = "SELECT DISTINCT a.alias_key, a.entity_id FROM entity_aliases a"
        params: list[Any] = []
        if type:
            sql += " JOIN entities e ON e.id = a.entity_id WHERE e.type = ?"
            params.append(type)
        for key, eid in self._fetchall(sql, params):
            alias = [word_skeleton(w) for w in key.split()]
            if alias == words:
                whole.add(eid)
            elif len(alias) > len(words) and _contains(alias, words):
                part.add(eid)
        ids = sorted(whole or part)
        found = sorted(self._summaries(ids), key=lambda e: (-e.documents, -e.mentions, e.id))
        return found[:MAX_CANDIDATES]

    def resolve_entities(self, name: str, type: str | None = None) -> list[EntitySummary]:
        """The entities `name` stands for: the exact matches (several when they share an alias,
        most documents first), else the one entity it is a variant or part of the name of.
        Raises UnknownEntity when nothing matches, AmbiguousEntity when several entities do."""
        type = check_entity_type(type)
        found = self.find_entities(name, type)
        if found:
            return found
        similar = self.similar_entities(name, type)
        if not similar:
            raise UnknownEntity(name=name, kind=f" of type {type}" if type else "")
        if len(similar) > 1:
            raise AmbiguousEntity.of(name, similar)
        return similar
