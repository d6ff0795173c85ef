"""Place names after a noun of place, which the tagger misses when the name is rare: villages,
districts, mountains and quarters («في مديرية الملاجم»، «منطقة الزوب»، «جبل "جميدة"»).

A place noun (`data/ner/place_heads.tsv`), indefinite, with or without a proclitic («بمديرية»), then:
- a name in quotation marks of one to three words → that name is a place;
- else one or two words that read as a proper name and not as a common noun: a word with the
  article whose form without it is rare in the news («الملاجم», but not «الأمن»: «أمن» is
  frequent), or a word without the article that is rarely written with it («قيفة», but not
  «سكنية»: «السكنية» is frequent) → a place; an adjective with the article after the first word
  is no part of it («صعدة اليمنية»).
Also: an agreement or a battle named after a place («اتفاقات مينسك», «معركة غاليبولي»,
`data/ner/misc_after_place.tsv`) is one MISC name, the place inside it no entity of its own.
A place the gazetteer or the tagger already found is left to them; a word that opens a title, a time word, a
function word or a verb ends the name. The place noun stays outside the mention: the place is the
name («الملاجم» is the district, «مديرية» says what kind of place it is).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.ner.gazetteer import _rows
from rasd.ner.noise import not_name_words
from rasd.ner.persons import verb_like
from rasd.text.clitics import word_count
from rasd.text.normalize import norm_key

if TYPE_CHECKING:
    from rasd.ner.rules import Cand, Rules

__all__ = ["misc_after_places", "named_places", "place_heads"]

DATA = Path(__file__).resolve().parents[1] / "data" / "ner" / "place_heads.tsv"
MISC_DATA = DATA.with_name("misc_after_place.tsv")
MAX_QUOTED = 3
MAX_PLAIN = 2
MIN_LETTERS = 4  # a shorter word is as often a verb or a particle («بات», «ولد»)
RARE = 20  # corpus count under which a word's other form (with or without the article) is rare
QUOTES_OPEN = frozenset('"«“')
QUOTES_CLOSE = frozenset('"»”')


@lru_cache(maxsize=1)
def place_heads() -> frozenset[str]:
    """The keys of the nouns of place."""
    return frozenset(norm_key(cols[0]) for cols in _rows(DATA))


@lru_cache(maxsize=1)
def misc_heads() -> frozenset[str]:
    """The keys of the nouns that name an agreement or a battle after a place («اتفاقات مينسك»)."""
    return frozenset(norm_key(cols[0]) for cols in _rows(MISC_DATA))


def misc_after_places(r: Rules, found: dict[int, int]) -> list[Cand]:
    """«اتفاقات مينسك», «اتفاقيات جنيف», «معركة غاليبولي»: a noun of `misc_after_place.tsv`,
    indefinite and without «لـ», right before a place the tagger or the gazetteer found
    (`found`: first token -> end) or a word that reads as a place's own name, is one MISC name."""
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    toks = r.tokens
    heads = misc_heads()
    out = []
    for a, b in r.sents:
        for i in range(a, b - 1):
            t = toks[i]
            if t.kind != "WORD" or t.stem not in heads or "ل" in r.text[t.start : t.stem_start]:
                continue
            j = i + 1
            if j in found and not toks[j].prefix_len:
                out.append(Cand(i, found[j], "MISC", "rule", PRIO_APPOSITION))
            elif proper(r, j) and not toks[j].stem.startswith("ال") and (j + 1 >= b or not proper(r, j + 1)):
                out.append(Cand(i, j + 1, "MISC", "rule", PRIO_APPOSITION))
    return out


def proper(r: Rules, i: int) -> bool:
    """Whether token i reads as a place's own name, not as a common noun or adjective."""
    t = r.tokens[i]
    if t.kind != "WORD" or t.prefix_len or t.norm in r.fw or t.stem in r.fw or len(t.stem) < 3:
        return False
    if any(ch.isdigit() for ch in t.stem) or r.trig.lookup_key(t.norm) or verb_like(t.norm):
        return False
    stem = t.stem
    bare = stem[2:] if stem.startswith("ال") else stem
    if bare in not_name_words() or len(bare) < MIN_LETTERS:
        return False
    return word_count(bare if stem.startswith("ال") else "ال" + stem) < RARE


def adjective(r: Rules, i: int) -> bool:
    """A nationality or relation adjective with the article after a name («صعدة اليمنية»)."""
    stem = r.tokens[i].stem
    return stem.startswith("ال") and stem.endswith(("ي", "يه", "ية"))


def continues(r: Rules, k: int) -> bool:
    """Whether token k goes on the name before it: not an adjective with the
    article («صعدة اليمنية»), nor a word without it after one with it, which is a predicate
    («مستشفى المسيفرة معطل»)."""
    return not adjective(r, k) and not (r.tokens[k - 1].stem.startswith("ال") and not r.tokens[k].stem.startswith("ال"))


def named_places(r: Rules, covered: set[int], found: dict[int, int]) -> list[Cand]:
    """The place names after a noun of place in the document; `covered`: the tokens of the places
    the gazetteer or the tagger found (left to them); `found`: first token -> end of the places the
    tagger found, which a place noun before them does not make an organisation («بمديرية X»)."""
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    toks = r.tokens
    heads = place_heads()
    out = []
    for a, b in r.sents:
        for i in range(a, b - 1):
            t = toks[i]
            if t.kind != "WORD" or t.stem not in heads or i in covered:
                continue  # «مدينة الكويت»: the noun is part of a place found already
            j = i + 1
            if toks[j].kind == "PUNCT" and toks[j].norm in QUOTES_OPEN:
                close = next((k for k in range(j + 1, min(b, j + MAX_QUOTED + 2)) if toks[k].kind == "PUNCT"), None)
                if (
                    close is not None and close > j + 1 and toks[close].norm in QUOTES_CLOSE
                    and all(toks[k].kind == "WORD" and k not in covered for k in range(j + 1, close))
                ):
                    out.append(Cand(j + 1, close, "LOC", "rule", PRIO_APPOSITION))
                continue
            if j in found and "ل" not in r.text[t.start : t.stem_start]:
                # a place the tagger found: kept as it is, not swallowed by «بمديرية …» (but
                # «لمنطقة إفريقيا» may end the name of a body)
                out.append(Cand(j, found[j], "LOC", "rule", PRIO_APPOSITION))
                continue
            k = j
            while k < b and k - j < MAX_PLAIN and k not in covered and proper(r, k) and (k == j or continues(r, k)):
                k += 1
            if k > j:
                out.append(Cand(j, k, "LOC", "rule", PRIO_APPOSITION))
    return out
