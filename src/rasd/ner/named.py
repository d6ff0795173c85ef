"""Names the text itself announces as names (run by `rasd.ner.rules`).

(a) *Named as*: a noun, a cue and the name — «منظمة تدعى الاتحاد …», «بشركة تدعى "…"», «الاحتجاجات
    المعروفة باسم "…"», «شاب يدعى …». The noun says the type: a kind of body → ORG, a noun of place
    → LOC, a named happening, work or plan → MISC, a person → PERSON. The name is what follows the
    cue: a quoted phrase, or plain words up to punctuation, a function word or a word joined by «و».
(b) *Quoted happenings*: a name in quotation marks after a noun of a work, project or operation
    («ومشروع "…"», «لعملية "…"») or opened by a noun of a named happening or plan («"مسيرة العودة"»,
    «"صفقة القرن"», «"يوم الأرض"») → MISC. Opened by such a noun, the name needs a defined part
    (a word with the article or a number) so that a quoted common phrase («"حملة واسعة"») is none.
(c) *Two bodies of one kind*: the dual of a kind of body before two names joined by «و» («حركتي X
    وY», «قناتي X وY») → two organisations.
(d) *Agencies*: «وكالة X Y للأنباء» → one organisation, whatever X and Y are («وكالة مهر للأنباء»).
(e) *An adjective, not a body*: «منظمة» right after a noun of manner («بطريقة منظمة») is «organised»:
    no organisation starts there.
(f) *Radio stations*: a word and the letters FM («النسيم أف أم», «موزاييك "إف إم"», «شمس FM»),
    with «راديو» before it if the text has it → one organisation.
(g) *Outlets*: a quoted name that a speaker talks to («قال لـ"…"», «في مقابلة مع "…"», «في تصريح
    لـ"…"») → an organisation (the press the speaker gave the words to); a website's name, «X.نت» or
    a quoted name ending in «نت» («"العربية نت"») → an organisation.
The words are in `data/ner/named.tsv`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.ner.gazetteer import _rows
from rasd.ner.noise import time_words
from rasd.ner.orgs import phrase_words
from rasd.ner.persons import person_word
from rasd.ner.places import place_heads
from rasd.quotes.lexicon import quote_lexicon
from rasd.text.article import has_article, strip_article
from rasd.text.normalize import norm_key

if TYPE_CHECKING:
    from rasd.ner.rules import Cand, Rules

__all__ = ["SOURCE", "announced", "manner_adjectives", "word_classes"]

DATA = Path(__file__).resolve().parents[1] / "data" / "ner" / "named.tsv"
MAX_NAME = 5  # words of a plain name after a cue
MAX_QUOTED = 6
MAX_HEAD_ADJECTIVES = 2
QUOTE = '"'  # every quotation mark normalises to it
SOURCE = "named"  # the candidates' source: their words are the name as written («"يوم الأرض"»)
ORG_CLASSES = frozenset({"kind", "head", "head_def", "media_head"})
_ADJ_ENDINGS = ("ي", "يه", "يا")
_TO = frozenset(norm_key(w) for w in ("ل", "مع"))  # «قال لـ"…"», «مقابلة مع "…"»
_NET = norm_key("نت")  # the end of a website's name


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """Word key → its classes in `named.tsv`."""
    out: dict[str, set[str]] = {}
    for cols in _rows(DATA):
        out.setdefault(norm_key(cols[0]), set()).add(cols[1].strip())
    return {k: frozenset(v) for k, v in out.items()}


def _cls(r: Rules, i: int) -> frozenset[str]:
    t = r.tokens[i]
    if t.kind != "WORD":
        return frozenset()
    words = word_classes()
    return words.get(t.stem) or words.get(strip_article(t.stem, keep=0)) or words.get(t.norm, frozenset())


def _plain(r: Rules, i: int) -> bool:
    """A word that may be part of a name: no function word, no time word (but a noun of a named
    happening such as «يوم»), no quotation mark."""
    t = r.tokens[i]
    if t.kind not in ("WORD", "LATIN", "NUMBER"):
        return False
    if t.norm in r.fw or t.stem in r.fw:
        return False
    return strip_article(t.stem, keep=0) not in time_words() or "event" in _cls(r, i)  # «"يوم الأرض"»


def _quoted(r: Rules, j: int, b: int, longest: int = MAX_QUOTED, site: bool = False) -> int | None:
    """The index of the closing mark when token j opens a quotation of 1..`longest` plain words;
    with `site`, also over the dot of a website's name («"العربية.نت"»)."""
    if j >= b or r.tokens[j].norm != QUOTE:
        return None
    for k in range(j + 1, min(j + 2 + longest, b)):
        t = r.tokens[k]
        if t.norm == QUOTE:
            return k if k > j + 1 else None
        if site and t.norm == "." and k > j + 1 and k + 1 < b and r.tokens[k + 1].norm == _NET:
            continue
        if not _plain(r, k):
            return None
    return None


def _head_type(r: Rules, k: int) -> str | None:
    """The entity type a noun at token k gives the name announced after it."""
    t = r.tokens[k]
    if t.kind != "WORD":
        return None
    bare = strip_article(t.stem, keep=0)
    if phrase_words().get(t.stem, frozenset()) & ORG_CLASSES or any(
        c.startswith("org_head") for c in r.trig.lookup_key(t.stem)
    ):
        return "ORG"
    if t.stem in place_heads() or bare in place_heads():
        return "LOC"
    classes = _cls(r, k)
    if "event" in classes or "misc_head" in r.trig.lookup_key(t.stem) or "misc_head" in r.trig.lookup_key(bare):
        return "MISC"
    if "person_noun" in classes:
        return "PERSON"
    return None


def _head_before(r: Rules, i: int, a: int) -> int | None:
    """The noun before a cue at token i, over at most two adjectives with the article."""
    k = i - 1
    for _ in range(MAX_HEAD_ADJECTIVES + 1):
        if k < a:
            return None
        t = r.tokens[k]
        if t.kind == "WORD" and has_article(t.stem) and t.stem.endswith(_ADJ_ENDINGS) and not t.prefix_len:
            k -= 1
            continue
        return k
    return None


def _plain_name(r: Rules, j: int, b: int, person: bool = False) -> int:
    """The end of a plain name starting at token j (j when there is none); a person's name ends at
    a word that reads as no part of one (a verb: «امرأة تدعى فلانة تبلغ …»)."""
    k = j
    while k < b and k - j < MAX_NAME and (person_word(r, k) if person else _plain(r, k)):
        t = r.tokens[k]
        if k > j and t.prefix_len and r.text[t.start] == "و":
            break
        k += 1
    return k


def _named_as(r: Rules, a: int, b: int) -> list[Cand]:
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    out = []
    for i in range(a, b):
        classes = _cls(r, i)
        if "cue" in classes:
            j = i + 1
        elif "known_as" in classes and i + 1 < b and r.tokens[i + 1].norm == "باسم":
            j = i + 2
        else:
            continue
        head = _head_before(r, i, a)
        label = _head_type(r, head) if head is not None else None
        if label is None:
            continue
        close = _quoted(r, j, b)
        s, e = (j + 1, close) if close is not None else (j, _plain_name(r, j, b, person=label == "PERSON"))
        if e > s:
            out.append(Cand(s, e, label, SOURCE, PRIO_APPOSITION))
    return out


def _adjective(r: Rules, i: int) -> bool:
    """A word with the article that reads as an adjective («الفلسطينيتين»)."""
    t = r.tokens[i]
    return t.kind == "WORD" and has_article(t.stem) and t.stem.endswith((*_ADJ_ENDINGS, "ين", "تين", "تان", "ان"))


def _defined(r: Rules, s: int, e: int) -> bool:
    return any(
        r.tokens[k].kind == "NUMBER" or r.tokens[k].kind == "WORD" and has_article(r.tokens[k].stem)
        for k in range(s, e)
    )


def _quoted_happenings(r: Rules, a: int, b: int) -> list[Cand]:
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    out = []
    for j in range(a, b):
        close = _quoted(r, j, b)
        if close is None:
            continue
        before = j - 1 if j > a else None
        if before is not None and r.tokens[before].kind == "WORD" and (
            "misc_head" in r.trig.lookup_key(r.tokens[before].stem) or "event" in _cls(r, before)
        ) and not has_article(r.tokens[before].stem) and "venue" not in _cls(r, before):
            out.append(Cand(j + 1, close, "MISC", SOURCE, PRIO_APPOSITION))
        elif close - j > 2 and "event" in _cls(r, j + 1) and not r.tokens[j + 1].prefix_len and _defined(r, j + 2, close):
            out.append(Cand(j + 1, close, "MISC", SOURCE, PRIO_APPOSITION))
    return out


def _two_bodies(r: Rules, a: int, b: int) -> list[Cand]:
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    out = []
    for k in range(a, b - 3):
        if "dual" not in _cls(r, k):
            continue
        j = k + 1
        while j < b and j - k <= 3 and _plain(r, j) and not (j > k + 1 and r.tokens[j].prefix_len and r.text[r.tokens[j].start] == "و"):
            j += 1
        t = r.tokens[j] if j < b else None
        if j == k + 1 or t is None or t.kind != "WORD" or not t.prefix_len or r.text[t.start] != "و":
            continue
        e = j + 1
        while e < b and e - j < 3 and _plain(r, e) and not r.tokens[e].prefix_len and not _adjective(r, e):
            e += 1
        out += [Cand(k + 1, j, "ORG", SOURCE, PRIO_APPOSITION), Cand(j, e, "ORG", SOURCE, PRIO_APPOSITION)]
    return out


def _agencies(r: Rules, a: int, b: int) -> list[Cand]:
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    out = []
    for k in range(a, b - 2):
        if "media_head" not in phrase_words().get(r.tokens[k].stem, frozenset()) or has_article(r.tokens[k].stem):
            continue
        for j in range(k + 2, min(k + 5, b)):
            if "news" in _cls(r, j):
                inner = range(k + 1, j)
                if all(_plain(r, m) and not r.tokens[m].prefix_len and not has_article(r.tokens[m].stem) for m in inner):
                    out.append(Cand(k, j + 1, "ORG", SOURCE, PRIO_APPOSITION))
                break
            if not _plain(r, j):
                break
    return out


def _fm(r: Rules, j: int, b: int) -> int:
    """The end of the letters FM written from token j («أف أم», «إف إم», «FM»), or j when none."""
    t = r.tokens[j]
    if t.kind == "LATIN" and t.norm.lower() == "fm":
        return j + 1
    if j + 1 < b and "fm_f" in _cls(r, j) and "fm_m" in _cls(r, j + 1) and not r.tokens[j + 1].prefix_len:
        return j + 2
    return j


def _stations(r: Rules, a: int, b: int) -> list[Cand]:
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    out = []
    for j in range(a + 1, b):
        e = _fm(r, j, b)
        if e == j:
            continue
        k = j - 1
        if r.tokens[k].norm == QUOTE and k > a:  # «النسيم "أف أم"»
            k -= 1
        if not _plain(r, k) or r.tokens[k].kind == "NUMBER":
            continue
        if k > a and "radio" in _cls(r, k - 1):
            k -= 1
        out.append(Cand(k, e, "ORG", SOURCE, PRIO_APPOSITION))
    return out


def _spoken_to(r: Rules, k: int, a: int) -> bool:
    """Whether a verb of saying or a noun of an interview or a statement ends at token k, or stands
    before its subject there: a word with the article («قال الوزير لـ"…"») or a title and one more
    word («قال وزير يمني لـ"…"»)."""

    def cue(m: int) -> bool:
        t = r.tokens[m]
        return t.kind == "WORD" and ("interview" in _cls(r, m) or t.stem in quote_lexicon().forms)

    def title(m: int) -> bool:
        return r.tokens[m].kind == "WORD" and "title" in r.trig.lookup_key(r.tokens[m].stem)

    def subject(m: int) -> bool:
        t = r.tokens[m]
        return t.kind == "WORD" and not t.prefix_len and (title(m) or has_article(t.stem)) and t.norm not in r.fw

    if k < a:
        return False
    if cue(k):
        return True
    if k - 1 >= a and subject(k) and cue(k - 1):
        return True
    return k - 2 >= a and title(k - 1) and not r.tokens[k - 1].prefix_len and r.tokens[k].kind == "WORD" and cue(k - 2)


def _outlets(r: Rules, a: int, b: int) -> list[Cand]:
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    out = []
    for j in range(a, b):
        close = _quoted(r, j, b, site=True)
        if close is None:
            if r.tokens[j].norm == _NET and j - 2 >= a and r.tokens[j - 1].norm == "." and _plain(r, j - 2):
                out.append(Cand(j - 2, j + 1, "ORG", SOURCE, PRIO_APPOSITION))  # العربية.نت
            continue
        site = r.tokens[close - 1].norm == _NET
        to = j - 1 >= a + 1 and r.tokens[j - 1].norm in _TO and not r.tokens[j - 1].prefix_len and _spoken_to(r, j - 2, a)
        if site or to:
            out.append(Cand(j + 1, close, "ORG", SOURCE, PRIO_APPOSITION))
    return out


def announced(r: Rules) -> list[Cand]:
    """(a)-(d), (f) and (g) over every sentence of the document."""
    out: list[Cand] = []
    for a, b in r.sents:
        out += _named_as(r, a, b)
        out += _quoted_happenings(r, a, b)
        out += _two_bodies(r, a, b)
        out += _agencies(r, a, b)
        out += _stations(r, a, b)
        out += _outlets(r, a, b)
    return out


def manner_adjectives(r: Rules, cands: Sequence[Cand]) -> list[Cand]:
    """(e): the candidates without organisations that start with «منظمة» after a noun of manner."""
    out = []
    for c in cands:
        t = r.tokens[c.s]
        if (
            c.label == "ORG" and c.s > 0 and t.kind == "WORD" and not t.prefix_len and t.stem == norm_key("منظمة")
            and "manner" in _cls(r, c.s - 1)
        ):
            continue
        out.append(c)
    return out
