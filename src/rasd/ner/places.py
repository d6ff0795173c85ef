"""Place names after a noun of place, which the tagger misses when the name is rare: villages,
districts, mountains and quarters («في مديرية المعاقر»، «منطقة الحنيك»، «جبل "قريطة"»).

A place noun (`data/ner/place_heads.tsv`), indefinite, with or without a proclitic («بمديرية»), then:
- a name in quotation marks of one to three words → that name is a place;
- else one or two words that read as a proper name and not as a common noun: a word with the
  article whose form without it is rare in the news («المعاقر», but not «الأمن»: «أمن» is
  frequent), or a word without the article that is rarely written with it («سويلمة», but not
  «سكنية»: «السكنية» is frequent) → a place; an adjective with the article after the first word
  is no part of it («صعدة اليمنية»), nor a frequent noun with a pronoun suffix («تواجدها»); a
  name without the article may have a definite genitive («مزار الباب»), not a participle that
  governs what follows («… التابعة لـ»);
- a province written beside a town of the same name («محافظة درعا» and «مدينة درعا») is another
  place, named with its noun; a part noun («ريف حلب الشرقي») names the place after it, without
  the adjective of a side, and a part noun tagged as a place («الريف الغربي لـX») is none;
- then the places listed after it: «و"Y"», «وY», and after a plural or dual noun («مناطق»,
  «ضيعتي») also «، Y», over a remark in brackets («"X" (300 هكتار) و"Y"»).
Also: «في X شمال Y»: a word that reads as a place's own name between «في» and a noun of a side
before a place found is a place (`places_by_direction`).
Also: an agreement or a battle named after a place («اتفاقات مينسك», «معركة غاليبولي»,
`data/ner/misc_after_place.tsv`) is one MISC name, the place inside it no entity of its own.
A place the gazetteer or the tagger already found is left to them; a word that opens a title, a time word, a
function word or a verb ends the name. The place noun stays outside the mention: the place is the
name («المعاقر» is the district, «مديرية» says what kind of place it is).
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
    from rasd.model import Token
    from rasd.ner.rules import Cand, Rules

__all__ = [
    "misc_after_places", "named_places", "parts_of_places", "place_heads", "places_by_direction", "possessed",
    "quoted_end",
]

DATA = Path(__file__).resolve().parents[1] / "data" / "ner" / "place_heads.tsv"
MISC_DATA = DATA.with_name("misc_after_place.tsv")
MAX_QUOTED = 3
MAX_PLAIN = 2
MIN_LETTERS = 4  # a shorter word is as often a verb or a particle («بات», «ولد»)
RARE = 20  # corpus count under which a word's other form (with or without the article) is rare
MAX_REMARK = 5  # tokens of a remark in brackets inside a list of places
PROCLITICS = frozenset("بل")
FREQUENT = 50  # corpus count from which a word without a pronoun suffix is a common noun
ENCLITICS = ("هما", "ها", "هم", "كم", "نا")  # pronoun suffixes («ه» is left out: «ة» reads «ه»)
QUOTES_OPEN = frozenset('"«“')
QUOTES_CLOSE = frozenset('"»”')


@lru_cache(maxsize=1)
def place_heads() -> dict[str, str]:
    """The keys of the nouns of place -> their class (head, province, city, part, plural)."""
    return {norm_key(cols[0]): cols[1] for cols in _rows(DATA) if cols[1] not in ("side", "direction")}


@lru_cache(maxsize=1)
def place_directions() -> frozenset[str]:
    """The keys of the nouns of a side of a place before it («شمال سوريا»)."""
    return frozenset(norm_key(cols[0]) for cols in _rows(DATA) if cols[1] == "direction")


def places_by_direction(r: Rules, covered: set[int], found: dict[int, int]) -> list[Cand]:
    """«في عفرين شمال سوريا»: a word after «في» that reads as a place's own name, right before a
    noun of a side and a place found (`found`: first token -> end of the places the tagger or the
    gazetteer found; `covered`: tokens of the names found), is a place."""
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    toks = r.tokens
    sides = place_directions()
    out = []
    for a, b in r.sents:
        for k in range(a + 2, b - 1):
            if toks[k].kind != "WORD" or toks[k].stem not in sides or toks[k].prefix_len or k + 1 not in found:
                continue
            j = k - 1
            if toks[j - 1].norm == "في" and j not in covered and proper(r, j):
                out.append(Cand(j, k, "LOC", "rule", PRIO_APPOSITION))
    return out


@lru_cache(maxsize=1)
def place_sides() -> frozenset[str]:
    """The keys of the adjectives of a side after the place of a part noun («ريف X الشرقي»)."""
    return frozenset(norm_key(cols[0]) for cols in _rows(DATA) if cols[1] == "side")


@lru_cache(maxsize=1)
def misc_heads() -> frozenset[str]:
    """The keys of the nouns that name an agreement or a battle after a place («اتفاقات مينسك»)."""
    return frozenset(norm_key(cols[0]) for cols in _rows(MISC_DATA))


def misc_after_places(r: Rules, found: dict[int, int]) -> list[Cand]:
    """«اتفاقات مينسك», «اتفاقيات جنيف», «معركة غاليبولي»: a noun of `misc_after_place.tsv`,
    indefinite and without «لـ», right before a place the tagger or the gazetteer found
    (`found`: first token -> end) or a word that reads as a place's own name, is one MISC name;
    not before a country («إعلان المغرب» is what Morocco announced)."""
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
                if "country" in r.gaz.lookup(" ".join(toks[x].stem for x in range(j, found[j]))):
                    continue  # «إعلان المغرب», «اتفاق الولايات المتحدة»: what the country declared or agreed
                out.append(Cand(i, found[j], "MISC", "rule", PRIO_APPOSITION))
            elif proper(r, j) and not toks[j].stem.startswith("ال") and (j + 1 >= b or not proper(r, j + 1)):
                out.append(Cand(i, j + 1, "MISC", "rule", PRIO_APPOSITION))
    return out


def proper(r: Rules, i: int, clitic_and: bool = False) -> bool:
    """Whether token i reads as a place's own name, not as a common noun or adjective; with
    `clitic_and`, token i is written with the proclitic «و» («وسويلمة»)."""
    t = r.tokens[i]
    if t.kind != "WORD" or t.norm in r.fw or t.stem in r.fw or len(t.stem) < 3:
        return False
    if (r.text[t.start : t.stem_start] != "و") if clitic_and else t.prefix_len:
        return False
    if any(ch.isdigit() for ch in t.stem) or r.trig.lookup_key(t.norm) or verb_like(t.norm):
        return False
    stem = t.stem
    bare = stem[2:] if stem.startswith("ال") else stem
    if bare in not_name_words() or len(bare) < MIN_LETTERS or possessed(bare):
        return False
    return word_count(bare if stem.startswith("ال") else "ال" + stem) < RARE


def possessed(word: str) -> bool:
    """A frequent noun with a pronoun suffix («تواجدها», «مواقعهم»), not a name."""
    return any(word.endswith(suf) and word_count(word[: -len(suf)]) >= FREQUENT for suf in ENCLITICS)


def adjective(r: Rules, i: int) -> bool:
    """A nationality or relation adjective with the article after a name («صعدة اليمنية»)."""
    stem = r.tokens[i].stem
    return stem.startswith("ال") and stem.endswith(("ي", "يه", "ية"))


def continues(r: Rules, k: int) -> bool:
    """Whether token k goes on the name before it: not an adjective with the
    article («صعدة اليمنية»), nor a word without it after one with it, which is a predicate
    («مستشفى الشريفة معطل»)."""
    return not adjective(r, k) and not (r.tokens[k - 1].stem.startswith("ال") and not r.tokens[k].stem.startswith("ال"))


def quoted_end(r: Rules, j: int, b: int, covered: set[int] = frozenset()) -> int | None:
    """The index of the closing mark of a quoted name of one to three words opening at j (none
    of them in `covered`), or None."""
    toks = r.tokens
    if toks[j].kind != "PUNCT" or toks[j].norm not in QUOTES_OPEN:
        return None
    close = next((k for k in range(j + 1, min(b, j + MAX_QUOTED + 2)) if toks[k].kind == "PUNCT"), None)
    if close is None or close == j + 1 or toks[close].norm not in QUOTES_CLOSE:
        return None
    return close if all(toks[k].kind == "WORD" and k not in covered for k in range(j + 1, close)) else None


def _plain_end(r: Rules, j: int, b: int, covered: set[int]) -> int:
    """The end of the one or two words from j that read as a place's own name (j: none); a
    word without the article that reads as a name may have a definite genitive after it,
    frequent or not («مزار الباب»)."""
    k = j
    while k < b and k - j < MAX_PLAIN and k not in covered and proper(r, k) and (k == j or _goes_on(r, k)):
        k += 1
    if k == j + 1 and k < b and k not in covered and _genitive(r, k, b):
        k += 1
    return k


def _goes_on(r: Rules, k: int) -> bool:
    """Whether token k is the second word of a name: `continues`, and not a word the tokenizer
    left «و» on («اوتيك وماطر» is a list of two)."""
    return continues(r, k) and not r.tokens[k].stem.startswith("و")


def _genitive(r: Rules, k: int, b: int) -> bool:
    """Whether token k is a definite noun after an indefinite name: the second word of a
    construct name («مزار الباب»), not an adjective, a function word or a time word, nor a
    participle that governs what follows it («ليانهوا التابعة لـ…», «الواقع إلى …»)."""
    t, prev = r.tokens[k], r.tokens[k - 1]
    if t.kind != "WORD" or t.prefix_len or not t.stem.startswith("ال") or prev.stem.startswith("ال"):
        return False
    if k + 1 < b:
        nxt = r.tokens[k + 1]
        if nxt.kind == "WORD" and (nxt.norm in r.fw or r.text[nxt.start : nxt.stem_start] in ("ل", "ب")):
            return False
    bare = t.stem[2:]
    return not (
        adjective(r, k) or t.norm in r.fw or len(bare) < 3 or bare in not_name_words() or possessed(bare)
        or r.trig.lookup_key(t.norm) or verb_like(t.norm)
    )


def _listed(r: Rules, k: int, b: int, covered: set[int], plural: bool) -> list[tuple[int, int]]:
    """The places listed after a place named after a noun of place, from token k: «و"Y"», «وY»
    (a word with the proclitic «و» that reads as a place's own name), and after a plural noun
    («مناطق X، Y وZ») also «، Y»."""
    toks = r.tokens
    out = []
    while k < b - 1:
        t = toks[k]
        if t.norm == "(":  # «"X" (459 هكتارا) و"Y"»: a remark between two names of the list
            shut = next((m for m in range(k + 1, min(b, k + MAX_REMARK + 1)) if toks[m].norm == ")"), None)
            if shut is None or shut + 1 >= b:
                break
            k = shut + 1
            t = toks[k]
        if t.kind == "WORD" and t.norm == "و":
            close = quoted_end(r, k + 1, b, covered)
            if close is None:
                break
            out.append((k + 2, close))
            k = close + 1
            continue
        if plural and t.kind == "PUNCT" and t.norm == "،":
            k += 1
            t = toks[k]
        if r.text[t.start : t.stem_start] == "و" and k not in covered and proper(r, k, clitic_and=True):
            e = k + 1
            if e < b and e not in covered and proper(r, e) and continues(r, e):
                e += 1  # «وعين الصفصاف»
            out.append((k, e))
            k = e
        elif plural and toks[k - 1].norm == "،" and t.kind == "WORD" and k not in covered and proper(r, k):
            e = _plain_end(r, k, b, covered)
            out.append((k, e))
            k = e
        else:
            break
    return out


def parts_of_places(r: Rules, cands: list[Cand]) -> list[Cand]:
    """`cands` less the places that are a part noun with an adjective of a side or a place after
    it («الريف الشرقي لمحافظة X», «بريف حماة»): a description, the place is the one after it."""
    heads = place_heads()
    toks = r.tokens
    starts = {c.s for c in cands if c.label == "LOC"}

    def part(c: Cand) -> bool:
        if c.label != "LOC" or c.e - c.s != 1 or c.e >= len(toks):
            return False
        stem = toks[c.s].stem
        if heads.get(stem[2:] if stem.startswith("ال") else stem) != "part":
            return False
        return toks[c.e].stem in place_sides() or c.e in starts

    return [c for c in cands if not part(c)]


def head_class(heads: dict[str, str], t: Token) -> str | None:
    """The class of the noun of token t in `heads`, also behind a proclitic the tokenizer left on
    it («لضيعتي»)."""
    if t.stem in heads:
        return heads[t.stem]
    bare = t.stem[1:]
    return heads.get(bare) if t.stem[:1] in PROCLITICS and len(bare) >= MIN_LETTERS and not t.prefix_len else None


def named_places(r: Rules, covered: set[int], found: dict[int, int]) -> list[Cand]:
    """The place names after a noun of place in the document, and the places listed after them;
    `covered`: the tokens of the places the gazetteer or the tagger found (left to them); `found`:
    first token -> end of the places the tagger found, which a place noun before them does not
    make an organisation («بمديرية X»)."""
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    toks = r.tokens
    heads = place_heads()
    towns = {toks[m + 1].stem for m in range(len(toks) - 1) if toks[m].kind == "WORD" and heads.get(toks[m].stem) == "city"}
    out = []
    for a, b in r.sents:
        for i in range(a, b - 1):
            t = toks[i]
            kind = head_class(heads, t) if t.kind == "WORD" else None
            if kind is None or i in covered:
                continue  # «مدينة الكويت»: the noun is part of a place found already
            j = i + 1
            if kind == "province" and toks[j].kind == "WORD" and not toks[j].prefix_len and toks[j].stem in towns:
                # «محافظة درعا» beside «مدينة درعا»: the province is another place than the town
                end = found.get(j, j + 1)
                out.append(Cand(i, end, "LOC", "rule", PRIO_APPOSITION))
                continue
            close = quoted_end(r, j, b, covered)
            if close is not None:
                spans = [(j + 1, close), *_listed(r, close + 1, b, covered, kind == "plural")]
            elif toks[j].kind == "PUNCT" and toks[j].norm in QUOTES_OPEN:
                continue
            elif j in found and "ل" not in r.text[t.start : t.stem_start]:
                # a place the tagger found: kept as it is, not swallowed by «بمديرية …» (but
                # «لمنطقة إفريقيا» may end the name of a body); «ريف درعا الشرقي» is «درعا»
                end = found[j]
                if kind == "part" and end - j > 1 and toks[end - 1].stem in place_sides():
                    end -= 1
                spans = [(j, end)]
            else:
                k = _plain_end(r, j, b, covered)
                spans = [(j, k), *_listed(r, k, b, covered, kind == "plural")] if k > j else []
            out.extend(Cand(s, e, "LOC", "rule", PRIO_APPOSITION) for s, e in spans)
    return out
