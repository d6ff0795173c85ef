"""Nominal references: «الوزير», «التنظيم», «المملكة», «القارة», «هذه المجموعة», «مجموعة العمل هذه».

Candidates are found by scanning the tokens for the reference nouns of `references.tsv` (proclitics
allowed: «بالقارة», «للمجموعة», «وأشار الوزير»), outside name mentions and title phrases, and among
NER mentions that are only a reference noun. A demonstrative before («هذه المجموعة») or «ذاته /
نفسه» after («التنظيم نفسه») joins the span (a demonstrative after a definite noun is its object:
«وأكد الوزير ذلك»); so does an indefinite head noun followed by a demonstrative within three words
(«مجموعة التفكير هذه»). A noun directly followed by a person's
name («الرئيس الفرنسي إيمانويل …») is a title, not a reference. A nisba after the noun («الوزير
المغربي») narrows it to a person affiliated with that country (or to that place).

Each candidate resolves to the most recent earlier entity (by its latest name or reference before
the candidate) of the noun's type that meets one of its constraints; it is kept as a reference of
that entity (`Mention(kind="reference", source="resolve")`) and can itself be the antecedent of a
later reference. A candidate with no compatible antecedent stays unresolved and is dropped.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass

from rasd.model import Document, Mention, Token
from rasd.resolve.aliases import Namer
from rasd.resolve.cluster import Cluster
from rasd.resolve.items import Item, Seed
from rasd.resolve.resources import DEMONSTRATIVES, SAME, RefRule

MAX_INDEFINITE_GAP = 3


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    ti: int
    tj: int
    rule: RefRule
    nisba: str | None = None


def find_candidates(
    doc: Document, cover: list[Item | None], blocked: list[bool], seeds: list[Seed], namer: Namer
) -> list[Candidate]:
    lex = namer.lex
    refs, indef = lex.references, lex.indefinite_refs
    tokens = doc.tokens
    n = len(tokens)
    out: list[Candidate] = []
    used = [False] * n
    for s in seeds:
        rule = refs.get(s.noun)
        if rule is not None:
            out.append(Candidate(s.start, s.end, s.ti, s.tj, rule))
            for j in range(s.ti, min(s.tj, n)):
                used[j] = True
    nouns = lex.reference_nouns
    for i in [i for i, t in enumerate(tokens) if t.stem in nouns]:
        t = tokens[i]
        if t.kind != "WORD" or used[i] or cover[i] is not None or blocked[i]:
            continue
        stem = t.stem
        rule = refs.get(stem)
        if rule is not None:
            cand = _definite(tokens, i, rule, cover, namer)
        else:
            rule = indef.get(stem)
            cand = _indefinite(tokens, i, rule, cover) if rule is not None else None
        if cand is not None:
            for j in range(cand.ti, cand.tj):
                used[j] = True
            out.append(cand)
    out.sort(key=lambda c: c.start)
    return out


def _definite(tokens: list[Token], i: int, rule: RefRule, cover, namer: Namer) -> Candidate | None:
    n = len(tokens)
    t = tokens[i]
    ti, tj, start, end = i, i + 1, t.stem_start, t.end
    nisba = None
    if i > 0 and tokens[i - 1].stem in DEMONSTRATIVES and cover[i - 1] is None:
        ti, start = i - 1, tokens[i - 1].stem_start
    if tj < n and tokens[tj].kind == "WORD" and cover[tj] is None:
        nxt = tokens[tj]
        ident = namer.nisba.get(nxt.stem)
        if ident is not None:
            nisba = ident
            tj, end = tj + 1, nxt.end
    if tj < n and tokens[tj].kind == "WORD" and tokens[tj].stem in SAME:  # not «وأكد الوزير ذلك»
        end = tokens[tj].end
        tj += 1
    # a title before a person's name, not a reference
    for j in range(tj, min(n, tj + 3)):
        if tokens[j].kind == "PUNCT":
            break
        it = cover[j]
        if it is not None:
            if it.label == "PERSON":
                return None
            break
    return Candidate(start, end, ti, tj, rule, nisba)


def _indefinite(tokens: list[Token], i: int, rule: RefRule, cover) -> Candidate | None:
    n = len(tokens)
    for j in range(i + 1, min(n, i + 1 + MAX_INDEFINITE_GAP)):
        t = tokens[j]
        if t.kind != "WORD" or cover[j] is not None:
            return None
        if t.stem in DEMONSTRATIVES:
            if j == i + 1:
                return None  # «مجموعة هذه» is not a phrase of the press
            return Candidate(tokens[i].stem_start, t.end, i, j + 1, rule)
    return None


def _fits(c: Cluster, rule: RefRule, nisba: str | None) -> bool:
    if c.type != rule.type:
        return False
    if nisba is not None:
        if rule.type == "PERSON" and c.affiliation != nisba:
            return False
        if rule.type == "LOC" and (c.alias is None or c.alias.id != nisba):
            return False
    if rule.any:
        return True
    if rule.titles and c.title_words and any(w in c.title_words for w in rule.titles):
        return True
    if rule.heads and any(h in c.heads for h in rule.heads):
        return True
    alias = c.alias
    if alias is not None:
        if rule.kinds and alias.kind in rule.kinds:
            return True
        if rule.sets and any(s in alias.sets for s in rule.sets):
            return True
    return False


def resolve(cands: list[Candidate], clusters: list[Cluster]) -> int:
    """Attach each candidate to its antecedent cluster; returns how many stayed unresolved."""
    events: dict[str, list[tuple[int, int, Cluster]]] = {}  # type → (position, tiebreak, cluster)
    order = {id(c): n for n, c in enumerate(clusters)}
    for n, c in enumerate(clusters):
        per_type = events.setdefault(c.type, [])
        for it in c.items:
            per_type.append((it.start, n, c))
    for per_type in events.values():
        per_type.sort(key=_event_key)
    unresolved = 0
    for cand in cands:
        per_type = events.get(cand.rule.type, [])
        target = None
        for k in range(bisect_left(per_type, cand.start, key=_position) - 1, -1, -1):
            c = per_type[k][2]
            if _fits(c, cand.rule, cand.nisba):
                target = c
                break
        if target is None:
            unresolved += 1
            continue
        target.refs.append(Mention(cand.start, cand.end, target.type, kind="reference", source="resolve"))
        insort(per_type, (cand.start, order[id(target)], target), key=_event_key)
    return unresolved


def _event_key(e: tuple[int, int, Cluster]) -> tuple[int, int]:
    return e[0], e[1]


def _position(e: tuple[int, int, Cluster]) -> int:
    return e[0]
