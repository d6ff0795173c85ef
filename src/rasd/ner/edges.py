"""The edges of the final names: what the tagger or a rule read into a name that is no part of it.

- two people read as one name: joined by «و» on a foreign name the segmenter could not split
  («نيكولا ساركوزي وكولين كال»: `rasd.text.clitics.unsplit_and`), or on either side of a particle
  («أليكسيس سانشيز فإن راشفورد»);
- a place of two words or more that the gazetteer lists, read by the tagger as a person («سيدي
  بوزيد»), unless its first word reads as a first name («شكري بلعيد» is in the gazetteer too);
- an organisation's name ends on its adjective: not on a plural noun after it («وكالة الأنباء
  الكورية الشمالية [الخطوات]»), nor on a noun with a pronoun suffix («الاتحاد الوطني الحر [فوزه]»);
- a place's name ends before a word with a proclitic («دوما [بريف] دمشق») and before the adjective
  of another place after a proper name («ضاحية فيلبنت [الباريسية]»; not «شبه الجزيرة الكورية»,
  where the adjective makes the name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.ner.affinity import FIRST_NAME
from rasd.ner.gazetteer import LOC_CLASSES
from rasd.ner.persons import owned
from rasd.text.clitics import unsplit_and

if TYPE_CHECKING:
    from rasd.ner.rules import Cand, Rules

__all__ = ["mend_end", "place_read_as_person", "split_people"]

# as written: «فان» may be «van» («فان دايك»); with the hamza it is the particle
_PARTICLES = frozenset(("فإن", "وإن", "إن", "أن", "فأن", "وأن", "بأن", "لأن"))


def split_people(r: Rules, cands: list[Cand]) -> list[Cand]:
    """The candidates with each person read as one name of two people cut in two."""
    from rasd.ner.rules import Cand

    out = []
    for c in cands:
        if c.label == "PERSON" and c.e - c.s >= 3:
            k = next((k for k in range(c.s + 1, c.e - 1) if r.text[r.tokens[k].start : r.tokens[k].end] in _PARTICLES), None)
            if k is not None:
                out += [Cand(c.s, k, c.label, c.source, c.prio), Cand(k + 1, c.e, c.label, c.source, c.prio)]
                continue
        if c.label == "PERSON" and c.e - c.s >= 4:
            k = next((k for k in range(c.s + 2, c.e - 1)
                      if r.tokens[k].kind == "WORD" and not r.tokens[k].prefix_len and unsplit_and(r.tokens[k].norm)), None)
            if k is not None:
                out += [Cand(c.s, k, c.label, c.source, c.prio), Cand(k, c.e, c.label, c.source, c.prio)]
                continue
        out.append(c)
    return out


def place_read_as_person(r: Rules, c: Cand) -> bool:
    """Whether a person of two words or more is a place the gazetteer lists, its first word no
    first name."""
    toks = r.tokens
    if c.e - c.s < 2 or not LOC_CLASSES & set(r.gaz.lookup(" ".join(t.stem for t in toks[c.s : c.e]))):
        return False
    return r.affinity is None or r.affinity.person(toks[c.s].stem) <= FIRST_NAME


def mend_end(r: Rules, c: Cand) -> None:
    """Cut the words at the end of an organisation's or a place's name that are no part of it."""
    toks, last = r.tokens, c.e - 1
    if c.label == "ORG" and c.e - c.s >= 3:
        if _noun_after_nisba(toks, last) or (not toks[last].prefix_len and owned(r.text[toks[last].start : toks[last].end])):
            c.e -= 1
    elif c.label == "LOC" and c.e - c.s >= 2:
        if toks[last].prefix_len or _adjective_of_another_place(r, c.s, last):
            c.e -= 1


def _noun_after_nisba(tokens, k: int) -> bool:
    """A definite plural common noun right after a definite adjective in «ي»/«ية» (an adjective
    without «ي» may go on a name: «الاتحاد الوطني الحر»)."""
    from rasd.ner.rules import _common_noun

    t, prev = tokens[k], tokens[k - 1]
    if t.kind != "WORD" or prev.kind != "WORD" or t.prefix_len or prev.prefix_len:
        return False
    if not (t.stem.startswith("ال") and prev.stem.startswith("ال") and prev.stem.endswith(("ي", "يه"))):
        return False
    return t.stem.endswith("ات") and _common_noun(t.stem)


def _adjective_of_another_place(r: Rules, s: int, k: int) -> bool:
    """Whether token k, the last of the place name from token s, is the adjective of another place
    the gazetteer knows («الباريسية» of «باريس», «الروسية» of «روسيا»), the name with it is no name
    the gazetteer lists («كوريا الشمالية» is), and the name before it has no word with the article
    (there the adjective is part of the name: «شبه الجزيرة الكورية»)."""
    toks = r.tokens
    stem = toks[k].stem
    if toks[k].prefix_len or not stem.startswith("ال") or not stem.endswith(("ي", "يه")):
        return False
    if LOC_CLASSES & set(r.gaz.lookup(" ".join(t.stem for t in toks[s : k + 1]))):
        return False
    if any(t.stem.startswith("ال") for t in toks[s:k]):
        return False
    base = stem[2:-2] if stem.endswith("يه") else stem[2:-1]
    return len(base) >= 3 and any(LOC_CLASSES & set(r.gaz.lookup_key(form)) for form in (base, base + "ا", base + "ه"))
