"""Organisation names the CRF misses or cuts short, found by phrase rules (run by `rasd.ner.rules`).

(a) *Known names*: news agencies, outlets and platforms (`data/ner/media.tsv`), tournaments and
    wars (`data/ner/misc.tsv`, as MISC: «كأس العالم 2018») and the
    organisations of the reviewed alias table (`data/aliases/reviewed.tsv`: «الحلف الأطلسي»); a
    noun such as «وكالة» or «صحيفة» right before one is part of the name («وكالة رويترز»,
    «لوكالة فرانس برس», «وكالة أنباء الأناضول»); after a minister's noun a definite name is the
    portfolio of a title («وزير الخارجية الأمريكية»), not the body.
(b) *State institutions*: a definite institution noun with a nationality adjective («الحكومة
    التركية», «الطيران الحربي الإسرائيلي», «السلطات البلجيكية»); its indefinite form before a place
    («شرطة لندن»).
(c) *Descriptive names*: a head noun and its complement — definite words, places, «لـ» genitives
    («للصناعة», «لحقوق الإنسان»), «و» + a definite word («والتنمية»), a construct noun right after
    the head («هيئة تنمية الصادرات»), also before a place («حزب نهضة مصر») — up to a function
    word, a time word, a title, or an adjective that opens a relative phrase («التابعة لـ…»,
    «المؤيد لـ…»). A definite head («المحكمة», «الهيئة») needs an adjective first («المحكمة
    الإدارية العليا»); a weak head (one the tagger's list does not call strong: «مركز», «مكتب»)
    needs two words of complement.
(d) *Seats*: an institution's name goes on over «في» or «لدى» and the country or region it
    serves («وزارة التعليم في قطاع غزة», «السفارة المصرية لدى فرنسا»); not over a city, which
    the press adds as the body's address («السفارة الأمريكية في القدس»), and a known organisation
    («الاتحاد الأوروبي») keeps its name.
The words are in `data/ner/org_phrases.tsv`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.ner.gazetteer import Gazetteer, _rows
from rasd.ner.noise import time_words
from rasd.text.article import has_article, strip_article
from rasd.text.normalize import norm_key

if TYPE_CHECKING:
    from rasd.ner.rules import Cand, Rules

__all__ = ["bodies_of_persons", "descriptive", "is_kind", "known", "phrase_words", "seats", "state_bodies"]

DATA = Path(__file__).resolve().parents[1] / "data" / "ner"
MAX_COMPLEMENT = 6
MAX_STATE_INNER = 2
_ADJ_ENDINGS = ("ي", "يه", "يا", "ى")
_ADJ_WORDS = frozenset(norm_key(w) for w in ("العامة", "العام", "الحر", "الحرة", "العليا", "الأعلى", "الموحد", "الموحدة"))


@lru_cache(maxsize=1)
def phrase_words() -> dict[str, frozenset[str]]:
    """Word key → its classes in `org_phrases.tsv`."""
    out: dict[str, set[str]] = {}
    for cols in _rows(DATA / "org_phrases.tsv"):
        out.setdefault(norm_key(cols[0]), set()).add(cols[1].strip())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def known_names() -> Gazetteer:
    """Agencies, outlets and platforms, and the organisations of the reviewed alias table (a name
    whose first word has no article also with it)."""
    from rasd.resolve.aliases import namer

    g = Gazetteer()
    for cols in _rows(DATA / "media.tsv"):
        g.add(cols[0], "org")
        first, _, rest = cols[0].partition(" ")
        if rest and len(norm_key(first)) == 2:  # «لبي بي سي»: the tokenizer leaves «ل» on a word of two letters
            g.add(f"ل{first} {rest}", "org")
    for cols in _rows(DATA / "misc.tsv"):
        g.add(cols[0], "misc")
    for entry in namer().entries.values():
        if entry.type == "ORG":
            for name in entry.names:
                g.add(name, "org")
                first, _, rest = name.partition(" ")
                if rest and not first.startswith("ال"):  # «حلف الأطلسي» is also «الحلف الأطلسي»
                    g.add(f"ال{first} {rest}", "org")
    return g


def _classes(r: Rules, i: int) -> frozenset[str]:
    t = r.tokens[i]
    return phrase_words().get(t.stem, frozenset()) if t.kind == "WORD" else frozenset()


def is_kind(r: Rules, i: int) -> bool:
    """Whether token i is a noun that says what kind of body the name after it is («منظمة»)."""
    return "kind" in _classes(r, i)


def bodies_of_persons(r: Rules, cands: list[Cand]) -> list[Cand]:
    """«إدارة أوباما», «حكومة نتنياهو», «حملة أوباما»: a noun that names a body with a person's name
    after it (`of_person` in org_phrases.tsv), indefinite and outside any other candidate, makes
    the two one organisation (`cands`: the document's final, non-overlapping candidates)."""
    from rasd.ner.rules import PRIO_ORG, Cand

    taken = {i for c in cands for i in range(c.s, c.e)}
    out = []
    for c in cands:
        k = c.s - 1
        if c.label == "PERSON" and k >= 0 and k not in taken and "of_person" in _classes(r, k) and not _definite(r, k):
            out.append(Cand(k, c.e, "ORG", "rule", PRIO_ORG))
        else:
            out.append(c)
    return out


def _clitic(r: Rules, i: int) -> str:
    t = r.tokens[i]
    return norm_key(r.text[t.start : t.stem_start]) if t.prefix_len else ""


def _definite(r: Rules, i: int, places: dict[int, int] | None = None) -> bool:
    """A word with the article (and no place whose name begins with ال: «ألمانيا»)."""
    t = r.tokens[i]
    if places is not None and i in places:
        return False
    return t.kind == "WORD" and has_article(t.stem)


def _stop(r: Rules, i: int) -> bool:
    """A word no complement runs over: a function word, a time word, a title, a relative adjective."""
    t = r.tokens[i]
    if t.kind != "WORD" or t.norm in r.fw or t.stem in r.fw:
        return True
    bare = strip_article(t.stem, keep=0)
    if bare in time_words() or _classes(r, i) & {"relative", "generic", "head", "head_def", "state"}:
        return True
    return "title" in r.trig.lookup_key(t.stem)


def _adjective(r: Rules, i: int) -> bool:
    t = r.tokens[i]
    return (
        _definite(r, i) and not t.prefix_len and not _stop(r, i)
        and (t.stem.endswith(_ADJ_ENDINGS) or t.stem in _ADJ_WORDS)
    )


def complement(r: Rules, j: int, b: int, places: dict[int, int], genitive: bool = False) -> int:
    """The end of a head noun's complement starting at token j (j itself when there is none).
    `places`: start token → end token of the places found in the document; `genitive`: a «لـ»
    genitive may come first (after a definite head and its adjective)."""
    start = j
    noun_ok = True  # a definite noun may come here (first, or opening a new genitive)
    while j < b and j - start < MAX_COMPLEMENT:
        if j in places and not r.tokens[j].prefix_len:
            j = places[j]
            noun_ok = False
            continue
        if _stop(r, j):
            break
        clitic = _clitic(r, j)
        after = j > start or genitive
        if not clitic and _definite(r, j, places) and (noun_ok or _adjective(r, j)):
            j += 1
            noun_ok = False
        elif clitic == "ل" and after and _definite(r, j, places):
            j += 1  # للصناعة
            noun_ok = False
        elif clitic == "ل" and after and j + 1 < b and not _stop(r, j + 1) and (
            (_definite(r, j + 1, places) and not r.tokens[j + 1].prefix_len) or j + 1 in places
        ):
            j = places.get(j + 1, j + 2)  # لحقوق الإنسان، لمنطقة إفريقيا
            noun_ok = False
        elif clitic == "و" and after and _definite(r, j, places):
            j += 1  # والتنمية
            noun_ok = False
        elif (
            not clitic and j == start and not _classes(r, j) and len(r.tokens[j].norm) >= 3
            and j + 1 < b and _definite(r, j + 1, places) and not _stop(r, j + 1)
            and not r.tokens[j + 1].prefix_len
        ):
            j += 2  # تشجيع الاستثمار
            noun_ok = False
        elif (
            not clitic and j == start and not _classes(r, j) and len(r.tokens[j].norm) >= 3
            and not _definite(r, j) and j + 1 in places and not r.tokens[j + 1].prefix_len
        ):
            j = places[j + 1]  # نهضة مصر، تحرير الشام
            noun_ok = False
        else:
            break
    return j


def known(r: Rules) -> list[Cand]:
    """(a)."""
    from rasd.ner.rules import PRIO_KNOWN, Cand

    g = known_names()
    out = []
    for a, b in r.sents:
        for s, e, cls in g.matches(r.keys[a:b]):
            s, e = s + a, e + a
            if "misc" in cls:
                if e < b and r.tokens[e].kind == "NUMBER" and len(r.tokens[e].norm) == 4:
                    e += 1  # كأس العالم 2018
                out.append(Cand(s, e, "MISC", "rule", PRIO_KNOWN))
                continue
            if s - 1 >= a and "portfolio" in _classes(r, s - 1) and _definite(r, s):
                continue  # «وزير الخارجية الأمريكية»: a title's portfolio, not the department
            if s - 2 >= a and "media_head" in _classes(r, s - 2) and r.tokens[s - 1].stem == norm_key("أنباء"):
                s -= 2
            elif s - 1 >= a and "media_head" in _classes(r, s - 1):
                s -= 1
            out.append(Cand(s, e, "ORG", "rule", PRIO_KNOWN))
    return out


def state_bodies(r: Rules, places: dict[int, int]) -> list[Cand]:
    """(b)."""
    from rasd.ner.rules import PRIO_ORG, Cand
    from rasd.resolve.aliases import namer

    nisba = namer().nisba
    toks = r.tokens
    out = []
    for a, b in r.sents:
        for i in range(a, b):
            if "state" not in _classes(r, i) or (i > a and "title" in r.trig.lookup_key(toks[i - 1].stem)):
                continue
            if _definite(r, i):
                j = i + 1
                while j < b and j - i <= MAX_STATE_INNER + 1:
                    t = toks[j]
                    if t.kind != "WORD" or t.prefix_len or not _definite(r, j):
                        break
                    if t.norm in nisba:
                        if _agrees(toks[i].stem, t.norm):
                            out.append(Cand(i, j + 1, "ORG", "rule", PRIO_ORG))
                        break
                    if _stop(r, j):
                        break
                    j += 1
            elif i + 1 in places and not toks[i + 1].prefix_len:
                out.append(Cand(i, places[i + 1], "ORG", "rule", PRIO_ORG))
    return out


_FEMININE = ("ه", "ات")


def _agrees(head: str, adjective: str) -> bool:
    """«الحكومة التركية», «السلطات البلجيكية», «الجيش الإسرائيلي»; not «الحكومة الهولندي» (the
    adjective of a title before it: «رئيس الحكومة الهولندي»)."""
    return adjective.endswith("يه") if head.endswith(_FEMININE) else adjective.endswith("ي")


def descriptive(r: Rules, places: dict[int, int]) -> list[Cand]:
    """(c)."""
    from rasd.ner.rules import PRIO_ORG, Cand

    out = []
    for a, b in r.sents:
        for i in range(a, b):
            cls = _classes(r, i)
            if "head" in cls and not _definite(r, i):
                j = complement(r, i + 1, b, places)
                strong = "org_head_strong" in r.trig.lookup_key(r.tokens[i].stem)
                if j - i - 1 >= (1 if strong else 2):
                    out.append(Cand(i, j, "ORG", "rule", PRIO_ORG))
            elif "head_def" in cls and i + 1 < b and _adjective(r, i + 1):
                j = complement(r, i + 2, b, places, genitive=True)
                out.append(Cand(i, j, "ORG", "rule", PRIO_ORG))
    return out


_SEAT = frozenset(norm_key(w) for w in ("في", "لدى"))
_INSTITUTION = frozenset(("head", "head_def", "state"))
_CITY = frozenset(("city", "city_big"))


def seats(r: Rules, orgs: list[Cand], places: dict[int, int]) -> list[Cand]:
    """(d): each organisation of `orgs` headed by an institution noun, with the place it sits in."""
    from rasd.ner.rules import PRIO_KNOWN, PRIO_ORG, Cand

    toks = r.tokens
    out = []
    for c in orgs:
        if c.label != "ORG" or c.prio >= PRIO_KNOWN or not (_classes(r, c.s) & _INSTITUTION or "org_head_strong" in r.trig.lookup_key(toks[c.s].stem)):
            continue
        j = c.e
        if j + 1 < len(toks) and toks[j].norm in _SEAT and j + 1 in places and not toks[j + 1].prefix_len:
            place = " ".join(t.norm for t in toks[j + 1 : places[j + 1]])
            if _CITY & set(r.gaz.lookup_key(place)):
                continue
            out.append(Cand(c.s, places[j + 1], "ORG", "rule", max(c.prio, PRIO_ORG)))
    return out
