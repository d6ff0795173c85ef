"""Person names the CRF misses, found from the document itself.

(a) *After a title*: «الرئيس الأمريكي هارولد غرانت إن …», «أكد الرئيس غرانت أن …». A person title
    («الرئيس», «وزير», «الأمين العام»), then its complement (definite words, places and
    organisations already found: «الأمريكي», «للحلف الأطلسي»), then one to four plain words that
    end at a clear boundary (punctuation, a function word, a «و»-word, a verb, the end of the
    sentence) are a person's name. A word that reads as a verb (a reporting verb, or an imperfect verb that the
    corpus also shows with the future marker: «يصل» / «سيصل») is no name, and neither is a time word
    or a word whose clusters the model holds to be no part of names («فيها», «دعاه»:
    `rasd.ner.affinity`).
(b) *Surnames*: the last word of a person's name of two words or more, found alone elsewhere in the
    document («غرانت» after «هارولد غرانت»), is that person, unless it is a common noun.
(c) *Edges*: a person's mention never opens with a kinship noun that carries a pronoun suffix
    («صهره بيرنر» → «بيرنر») or a noun of the body or grave («جثمان سمير» → «سمير»), and never ends
    on a word with a «لـ» proclitic and a pronoun suffix («… لمراقبته»), on an adjective of
    standing («… المسجون», «… السابق»), or, in a name of three words or more, on a definite
    feminine participle («… المعتقلة») or a frequent noun with a pronoun suffix («… مصرعه»)
    (`data/ner/person_edges.tsv`); a title word after «آل» is the family's name («آل الشيخ»).
(d) *A family name that is also a common word*: «ويقول وليد أمل الناشط البارز …»: a one-word name,
    a plain word, then a title or an honorific in apposition: the plain word ends the name.
    A title in apposition after a name is cut off it («وليد نور الناشط البارز» → «وليد نور»).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.model import Token
from rasd.ner.gazetteer import LOC_CLASSES, _rows
from rasd.ner.noise import not_name_words
from rasd.quotes.lexicon import quote_lexicon
from rasd.text.article import strip_article
from rasd.text.clitics import word_count
from rasd.text.normalize import norm_key

if TYPE_CHECKING:
    from rasd.ner.rules import Cand, Rules

MAX_COMPLEMENT = 6
MAX_NAME_WORDS = 4
MIN_AFFINITY = -1.5  # `rasd.ner.affinity`: «أوباما» +2, «بنكيران» 0, a name among news words -1.5, «دعاه» -2, «فيها» -3
END_AFFINITY = -2.0  # a word below this ends a name
_BOUNDARY_PUNCT = frozenset({"،", ",", ".", ":", "؛", ";", "(", ")", "-", "–", "—", "!", "؟", "?", '"'})
_IMPERFECT = ("ي", "ت", "ن")


@lru_cache(maxsize=100_000)
def verb_like(key: str) -> bool:
    """A word that reads as a verb: a reporting verb, or an imperfect verb the corpus also shows with
    the future marker (يصل → سيصل)."""
    if key in quote_lexicon().forms:
        return True
    return key.startswith(_IMPERFECT) and word_count("س" + key) >= 3


def person_word(r: Rules, i: int) -> bool:
    """A word that may be part of a person's name."""
    t = r.tokens[i]
    if not r._nameish(i) or t.kind != "WORD":
        return False
    if t.stem.startswith("ال") or t.norm in not_name_words() or verb_like(t.norm):
        return False
    if owned(r.text[t.start : t.end]):
        return False  # «متحدث باسم الوزارة قوله»: a noun with a pronoun suffix
    return r.affinity is None or r.affinity.person(t.norm) > MIN_AFFINITY


def _boundary(r: Rules, k: int, b: int) -> bool:
    if k >= b:
        return True
    t = r.tokens[k]
    if t.kind == "PUNCT":
        return t.norm in _BOUNDARY_PUNCT
    if t.kind != "WORD":
        return False
    if t.norm in r.fw or t.stem in r.fw or verb_like(t.norm):
        return True
    if r.affinity is not None and r.affinity.person(t.norm) <= END_AFFINITY:
        return True  # «هارولد غرنت دعاه …»: a word of no name's kind ends the name
    return bool(t.prefix_len) and t.norm[0] == "و"


def after_titles(r: Rules, covered: dict[int, str]) -> list[Cand]:
    """(a): names right after a title and its complement. `covered`: token → label of the places
    and organisations found so far (they may be part of the complement)."""
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    toks = r.tokens
    out = []
    for a, matches, b in r._trig_matches:
        for _s, e, classes in matches:
            if "title" not in classes and "honorific" not in classes:
                continue
            j = e + a
            limit = min(j + MAX_COMPLEMENT, b)
            while j < limit:
                t = toks[j]
                if covered.get(j) in ("LOC", "ORG") or (
                    t.kind == "WORD" and t.stem.startswith("ال") and t.norm not in r.fw
                ):
                    j += 1
                    continue
                if t.kind == "WORD" and t.norm[:1] == "ل" and t.prefix_len and covered.get(j + 1) in ("LOC", "ORG"):
                    j += 1  # «الرئيس التنفيذي لشركة X»: a noun in «لـ» before the organisation's name
                    continue
                break
            k = j
            while k < b and k - j < MAX_NAME_WORDS + 1 and covered.get(k) not in ("LOC", "ORG") and person_word(r, k):
                k += 1
            if 1 <= k - j < MAX_NAME_WORDS and _family_name(r, k, b) and k not in covered:
                k += 1
            if not 1 <= k - j <= MAX_NAME_WORDS or not _boundary(r, k, b):
                continue
            out.append(Cand(j, k, "PERSON", "rule", PRIO_APPOSITION))
    return out


def title_starts(r: Rules) -> set[int]:
    """The tokens where a title or an honorific with the article begins («الناشط», «الرئيس»)."""
    return {
        s + a
        for a, matches, _b in r._trig_matches
        for s, _e, cl in matches
        if ("title" in cl or "honorific" in cl) and r.tokens[s + a].stem.startswith("ال")
    }


def surname_before_title(r: Rules, cands: list[Cand], titles: set[int]) -> list[Cand]:
    """(d) «ويقول وليد أمل الناشط البارز …»: a one-word person's name, then a plain word, then a
    title or honorific in apposition: the plain word is the family name, though it is
    also a common word the tagger left out («أمل»). `cands`: the final, non-overlapping
    candidates; `titles`: `title_starts(r)`."""
    taken = {i for c in cands for i in range(c.s, c.e)}
    toks = r.tokens
    starts = {a for a, _b in r.sents}
    for c in cands:
        k = c.e
        if c.label != "PERSON" or c.e - c.s != 1 or k + 1 >= len(toks) or k in taken:
            continue
        if not person_word(r, k) or toks[k].stem.startswith("ال") or len(toks[k].stem) < 3:
            continue
        if k not in starts and k + 1 in titles:
            c.e = k + 1
            taken.add(k)
    return cands


_NAME_END_PUNCT = frozenset({"،", ",", ":", '"', "«", "»", "“", "”"})
_RELATIVES = frozenset(norm_key(w) for w in ("الذي", "التي"))
_FRAMES = frozenset(norm_key(w) for w in ("في", "خلال"))  # «… فلان الفلاني في مقابلة مع …»


def _family_name(r: Rules, k: int, b: int) -> bool:
    """Whether the word with the article at token k ends the name before it: a family name
    («الناطق باسم الوزارة سامر الحلبي أن …», «… زياد الشهابي، …»), right before a comma, «:», a
    quotation mark, a complementizer or a relative pronoun; never a time word («فلان الأحد إن»),
    a verb or a function word."""
    if k + 1 > b or k >= len(r.tokens):
        return False
    t = r.tokens[k]
    if t.kind != "WORD" or t.prefix_len or not t.stem.startswith("ال") or len(t.stem) < 5:
        return False
    if t.norm in r.fw or t.norm[2:] in not_name_words() or verb_like(t.norm) or not r._nameish(k):
        return False
    if k + 1 == b:
        return False
    nxt = r.tokens[k + 1]
    if nxt.kind == "PUNCT":
        return nxt.norm in _NAME_END_PUNCT
    return nxt.norm in quote_lexicon().complementizers or nxt.norm in _RELATIVES or nxt.norm in _FRAMES


def surnames(r: Rules, accepted: Sequence[Cand]) -> dict[tuple[str, ...], str]:
    """(b): the one-word keys that name a person of the document by the surname alone."""
    from rasd.ner.rules import _common_noun

    out: dict[tuple[str, ...], str] = {}
    toks: Sequence[Token] = r.tokens
    for c in accepted:
        if c.label != "PERSON" or c.e - c.s < 2:
            continue
        last = toks[c.e - 1]
        if last.kind != "WORD" or len(last.norm) < 3 or last.norm in r.fw or last.norm in not_name_words():
            continue
        bare = strip_article(last.norm, keep=0)
        if _common_noun(bare) or verb_like(last.norm):
            continue
        out[(last.norm,)] = "PERSON"
    return out


EDGES_PATH = Path(__file__).resolve().parents[1] / "data" / "ner" / "person_edges.tsv"
_SUFFIXES = ("هما", "هم", "هن", "ها", "ه", "ي")


@lru_cache(maxsize=1)
def edge_words() -> dict[str, str]:
    """Word key → its class in `person_edges.tsv` (kin, remains)."""
    return {norm_key(cols[0]): cols[1].strip() for cols in _rows(EDGES_PATH)}


def _opens(key: str) -> bool:
    """A kinship noun with a pronoun suffix («صهره», «زوجته»), or a noun of the body or grave."""
    words = edge_words()
    if words.get(key) == "remains":
        return True
    for suf in _SUFFIXES:
        if key.endswith(suf) and len(key) > len(suf) + 1:
            base = key[: -len(suf)]
            if base.endswith("ت"):  # زوجته → زوجة
                base = base[:-1] + "ه"
            if words.get(base) == "kin":
                return True
    return False


def _closes(r: Rules, i: int, n: int) -> bool:
    """The last word of an `n`-word person's mention that is no part of the name."""
    t = r.tokens[i]
    if t.kind != "WORD":
        return False
    if t.norm.startswith("ل") and t.norm.endswith(_SUFFIXES[:5]) and word_count(t.norm[1:]) >= 3:
        return True  # لمراقبته
    if n >= 3 and (_opens(t.stem) or (t.stem[:1] == "و" and _opens(t.stem[1:]))):
        return True  # «فضل شاكر والده»: a kinship noun with a pronoun after a name
    if n >= 2 and not t.prefix_len and edge_words().get(t.stem) == "state":
        return True  # «عبد الله أوجلان المسجون»
    if n >= 3 and "ل" in r.text[t.start : t.stem_start]:
        return True  # «مودريتش لنيمار», «آبي للبرلمان»: «لـ» opens what follows the name
    if n >= 2 and "ب" in r.text[t.start : t.stem_start] and LOC_CLASSES & set(r.gaz.lookup_key(t.stem)):
        return True  # «الهادي شاكر بصفاقس»: in a place, after the name
    if n >= 3 and not t.prefix_len and owned(r.text[t.start : t.end]):
        return True  # «عزيز إسبر مصرعه»: a frequent noun with a pronoun suffix after the name
    return n >= 3 and not t.prefix_len and t.stem.startswith("الم") and t.stem.endswith("ه") and len(t.stem) >= 7


_AL = norm_key("آل")  # «آل سعود», «آل الشيخ»: the family's name follows, whatever word it is
_OWNED = ("هما", "هم", "ها", "ه")  # pronoun suffixes, as written (a name's «ة» is no «ه»)
FREQUENT_NOUN = 50  # `word_count` of a noun without its suffix above which it is a noun («مصرع»)


def owned(written: str) -> bool:
    """A frequent noun written with a pronoun suffix («مصرعه», «نفسه», «خارجيته»: «خارجية»), never
    a word of a name."""
    for suf in _OWNED:
        if written.endswith(suf) and len(written) - len(suf) >= 3:
            base = written[: -len(suf)]
            if word_count(norm_key(base)) >= FREQUENT_NOUN or (
                base.endswith("ت") and word_count(norm_key(base[:-1] + "ة")) >= FREQUENT_NOUN
            ):
                return True
    return False


def trim_person(r: Rules, c: Cand, titles: set[int] | frozenset[int] = frozenset()) -> None:
    """(c): the person's mention `c` less the words at its edges that are no part of the name, and
    less a title in apposition after the name («وليد نصر الناشط البارز» → «وليد نصر»; `titles`:
    the tokens where a title or an honorific with the article begins)."""
    while c.e - c.s > 1 and r.tokens[c.s].kind == "WORD" and _opens(r.tokens[c.s].stem):
        c.s += 1
    first = r.tokens[c.s]
    if c.e - c.s >= 3 and first.kind == "WORD" and not first.prefix_len and owned(r.text[first.start : first.end]):
        c.s += 1  # «[خارجيته] ريكس تيلرسون»: his ministry's, then the name
    cut = next((k for k in range(c.s + 1, c.e) if k in titles and r.tokens[k - 1].norm != _AL), None)  # «آل الشيخ»
    if cut is not None:
        c.e = cut
    if c.e - c.s > 1 and _closes(r, c.e - 1, c.e - c.s):
        c.e -= 1
