"""Document-level post-processing of the CRF's output: small, safe rules over token sequences.

Candidates are token ranges `[s, e)` with a label, a source and a priority. In order:

(a) gazetteer places (countries, regions, big cities, also spelt with one more or one less inner
    vowel letter, for a word of five letters or more that is not a frequent noun with a pronoun
    suffix) and known organisations the CRF missed; a one-word name that is also a common noun
    in the news (its form with/without the article is frequent too: «المدينة») is left alone;
(b) apposition after a person title: «وزير …، NAME،» or «سفير X في Y، NAME.» → PERSON, where NAME
    is 1-4 plain words up to the next comma, «و»-word or sentence end;
(c) organisation phrases: a strong head noun with a definite genitive chain («وزارة الخارجية
    الأمريكية»), a definite head with a scope adjective («التحالف الدولي»), a quoted name after a
    head noun («تنظيم "X"»), and a weaker head with a genitive chain when that exact phrase occurs
    at least twice in the document;
(d) consistency: a string tagged in one place is tagged in its other occurrences, also behind a
    different proclitic; the tail of a «وزارة …» organisation («الخارجية الأمريكية») too; a
    string tagged with different labels gets the label of the majority of its occurrences; a
    one-word place or organisation that is the surname of a person of the document is that person
    («مندوزا» after «ماركوس مندوزا»), unless it names a country;
(e) no overlaps: rules and gazetteer phrases replace CRF mentions they strictly contain; otherwise
    higher priority, then longer, wins;
(f) no time words and units: `rasd.ner.noise.trim` drops «الجمعة», «دولار» and cuts «… الشهر
    الماضي» off a name;
(g) places after a noun of place («مديرية المعاقر», `rasd.ner.places`), named buildings and
    landforms with their noun («متحف X», «جزيرة X», `rasd.ner.sites`), a city named with «سان»
    («سان بطرسبرغ»), and a body named by its leader («إدارة أوباما»,
    `rasd.ner.orgs.bodies_of_persons`);
(h) names the text announces («منظمة تدعى …», «"صفقة القرن"», «حركتي X وY», `rasd.ner.named`);
(i) a person's full name tagged in pieces elsewhere is one mention there too, and two persons'
    surnames tagged as one name are two (`rasd.ner.fullnames`); a name written with hyphens is
    one name («ريناني-دو-نور-ويستفاليا», `rasd.ner.hyphens`); a rare word between «في» and a side
    of a place is a place («في X شمال سوريا», `rasd.ner.places.places_by_direction`);
(j) nothing from the outlet's word to its reader that closes an article («يمكنكم تسلم إشعارات …
    تطبيق …», `rasd.ner.footer`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasd.model import Token
from rasd.ner.affinity import FIRST_NAME, NameAffinity
from rasd.ner.edges import mend_end, place_read_as_person, split_people
from rasd.ner.footer import drop_footer
from rasd.ner.fullnames import apart, whole
from rasd.ner.gazetteer import GAZ_DIR, _rows, large_cities, places_and_orgs, triggers
from rasd.ner.hyphens import hyphenated
from rasd.ner.named import SOURCE as NAMED
from rasd.ner.named import announced, manner_adjectives
from rasd.ner.noise import trim
from rasd.ner.orgs import bodies_of_persons, descriptive, is_kind, known, phrase_words, seats, state_bodies
from rasd.ner.persons import after_titles, surname_before_title, surnames, title_starts, trim_person
from rasd.ner.places import FREQUENT, misc_after_places, named_places, parts_of_places, places_by_direction
from rasd.ner.sites import named_sites
from rasd.text.article import has_article
from rasd.text.clitics import word_count
from rasd.text.normalize import norm_key

PRIO_APPOSITION = 5
PRIO_KNOWN = 5  # agencies, outlets, platforms and reviewed organisations (`rasd.ner.orgs.known`)
PRIO_CRF = 4
PRIO_ORG = 3
PRIO_GAZ = 2
PRIO_CONSISTENCY = 1
MAX_TITLE_WORDS = 10
MAX_NAME_WORDS = 4
MAX_CHAIN = 4
COMMAS = frozenset({"،", ","})
QUOTE_MARKS = frozenset('"«»“”')
NAME_END = frozenset({"،", ",", ".", ":", "؛", ";", "(", ")", "-", "–", "—", "!", "؟", "?"})
# prepositions may occur inside a title phrase («سفير النيجر في بروكسيل»)
TITLE_INNER = frozenset(norm_key(w) for w in ("في", "من", "على", "لدى", "عن", "إلى", "مع"))
LOC_CLASSES = ("country", "region", "city_big", "city")
NON_SCOPE = frozenset(
    norm_key(w)
    for w in (
        "الحالي",
        "الحالية",
        "الماضي",
        "الماضية",
        "التالي",
        "التالية",
        "الثاني",
        "الثانية",
        "الحقيقي",
        "الرئيسي",
        "الرئيسية",
        "الأساسي",
        "الأساسية",
        "الفعلي",
        "النهائي",
        "النهائية",
        "الجاري",
        "الأولي",
    )
)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return frozenset(norm_key(cols[0]) for cols in _rows(GAZ_DIR / "function_words.tsv"))


@dataclass(slots=True)
class Cand:
    s: int
    e: int
    label: str
    source: str
    prio: int

    @property
    def length(self) -> int:
        return self.e - self.s


def _is_def(tok: Token) -> bool:
    return tok.kind == "WORD" and has_article(tok.stem)


@lru_cache(maxsize=200_000)
def _common_noun(stem: str) -> bool:
    """True when the word is frequent both with and without the article (a common noun)."""
    other = stem[2:] if stem.startswith("ال") else "ال" + stem
    self_count, other_count = word_count(stem), word_count(other)
    return other_count >= 20 and other_count > 0.2 * self_count


_FUZZY_CACHE: dict[str, bool] = {}
MAX_FUZZY_SHORT = 4  # letters up to which a word is not read as a misspelt place


def _fuzzy_place(gaz, stem: str) -> bool:
    """A word that is no listed name but a country or big city spelt with one vowel letter more or
    less; not a word of four letters or fewer («فينا», «تبرز»: as often a common word one letter
    off a name), nor a frequent noun with a pronoun suffix («موارده»)."""
    hit = _FUZZY_CACHE.get(stem)
    if hit is None:
        if len(_FUZZY_CACHE) > 200_000:
            _FUZZY_CACHE.clear()
        hit = _FUZZY_CACHE[stem] = bool(
            len(stem) > MAX_FUZZY_SHORT
            and not gaz.lookup_key(stem)
            and {"country", "city_big"} & set(gaz.fuzzy(stem))
            and not _common_noun(stem)
            and not (stem.endswith("ه") and word_count(stem[:-1]) >= FREQUENT)
        )
    return hit


class Rules:
    """The rules of one document. `tokens` are the document's, `sents` its sentences as token ranges."""

    def __init__(
        self, text: str, tokens: Sequence[Token], sents: Sequence[tuple[int, int]], tagged: Sequence | None = None,
        affinity: NameAffinity | None = None,
    ) -> None:
        self.text = text
        self.affinity = affinity
        self.tokens = tokens
        self.sents = sents
        self.fw = function_words()
        self.trig = triggers()
        self.gaz = places_and_orgs()
        self.keys = [(t.stem, t.norm) if t.stem != t.norm else (t.norm,) for t in tokens]
        # the tagger's gazetteer and trigger matches of each sentence, where its keys were the same
        self._gaz: list = []
        self._trig: list = []
        for k, (a, b) in enumerate(sents):
            same = tagged is not None and tagged[k].keys == self.keys[a:b]
            self._gaz.append(tagged[k].gazetteer if same else None)
            self._trig.append(tagged[k].triggers if same else self.trig.matches(self.keys[a:b]))
        self._trig_matches = [(a, m, b) for (a, b), m in zip(sents, self._trig, strict=True)]

    # -- helpers ---------------------------------------------------------------------------------

    def _head_class(self, i: int) -> tuple[str, ...]:
        return self.trig.lookup_key(self.tokens[i].stem) if self.tokens[i].kind == "WORD" else ()

    def _nameish(self, i: int) -> bool:
        t = self.tokens[i]
        if t.kind not in ("WORD", "LATIN") or t.prefix_len or t.norm in self.fw:
            return False
        if t.kind == "WORD" and len(t.norm) < 2:
            return False  # a proclitic written apart («قال الوزير لـ"…"»)
        if self.trig.lookup_key(t.norm):
            return False
        return "country" not in self.gaz.lookup_key(t.norm)

    # -- (a) gazetteer ---------------------------------------------------------------------------

    def _large_city(self, i: int) -> bool:
        """A one-word name of a large city (`gazetteer.large_cities`) that the tagger's model does
        not hold to be a person's name («سالم» is a city of India and a first name)."""
        key = self.tokens[i].stem
        if key not in large_cities():
            return False
        return self.affinity is None or self.affinity.person(key) <= FIRST_NAME

    def gazetteer(self) -> list[Cand]:
        out = []
        for (a, b), matches in zip(self.sents, self._gaz, strict=True):
            if matches is None:
                matches = self.gaz.matches(self.keys[a:b])
            for s, e, classes in matches:
                s, e = s + a, e + a
                if "org" in classes:
                    out.append(Cand(s, e, "ORG", "gazetteer", PRIO_GAZ))
                    continue
                cls = next((c for c in LOC_CLASSES if c in classes), None)
                if cls is None or cls == "city" and e - s == 1 and not self._large_city(s):
                    continue
                if e - s == 1 and _common_noun(self.tokens[s].stem):
                    continue
                out.append(Cand(s, e, "LOC", "gazetteer", PRIO_GAZ))
            covered = {i for c in out for i in range(c.s, c.e)}
            for i in range(a, b):
                t = self.tokens[i]
                if t.kind == "WORD" and i not in covered and _fuzzy_place(self.gaz, t.stem):
                    out.append(Cand(i, i + 1, "LOC", "gazetteer", PRIO_GAZ))
        return out

    # -- (b) apposition after a title ------------------------------------------------------------

    def apposition(self) -> list[Cand]:
        toks = self.tokens
        out = []
        for a, matches, b in self._trig_matches:
            titles_at = {s + a for s, _e, classes in matches if "title" in classes or "honorific" in classes}
            for s, e, classes in matches:
                if "title" not in classes:
                    continue
                s, e = s + a, e + a
                comma = None
                for j in range(e, min(e + MAX_TITLE_WORDS, b)):
                    t = toks[j]
                    if t.kind == "PUNCT":
                        if t.norm in QUOTE_MARKS:
                            continue  # «المتحدث باسم تحالف "…"، NAME،»
                        if t.norm in COMMAS and j > e:
                            comma = j
                        break
                    if t.norm in self.fw and t.norm not in TITLE_INNER:
                        break
                if comma is None or comma + 1 in titles_at:
                    continue  # «الأمير فلان، ولي العهد السعودي»: a second title, not a name
                k = comma + 1
                while k < b and k - comma - 1 < MAX_NAME_WORDS + 1 and self._nameish(k):
                    k += 1
                n = k - comma - 1
                if not 1 <= n <= MAX_NAME_WORDS:
                    continue
                if all(toks[i].stem.startswith("ال") and _common_noun(toks[i].stem) for i in range(comma + 1, k)):
                    continue  # «حضر X، وزير المالية، الحفل السنوي»: the verb's object, not a name
                if k < b:
                    nxt = toks[k]
                    ends = nxt.norm in NAME_END or (
                        nxt.kind == "WORD" and nxt.prefix_len and nxt.norm[0] == "و"
                    )
                    if not ends:
                        continue
                out.append(Cand(comma + 1, k, "PERSON", "rule", PRIO_APPOSITION))
        return out

    # -- (c) organisation phrases ----------------------------------------------------------------

    def _def_chain(self, i: int, b: int) -> int:
        """End of a run of plain definite words starting at i."""
        j = i
        while (
            j < b
            and j - i < MAX_CHAIN
            and _is_def(self.tokens[j])
            and not self.tokens[j].prefix_len
            and self.tokens[j].norm not in self.fw
            and "relative" not in phrase_words().get(self.tokens[j].stem, ())  # «التابعة لـ…»
        ):
            j += 1
        return j

    def _genitive_tail(self, j: int, b: int, locs: set[int]) -> int:
        """Extend past «لـX» genitives: «للتحالف الدولي», «لمنطقة الساحل»."""
        toks = self.tokens
        while (
            j < b
            and toks[j].kind == "WORD"
            and toks[j].prefix_len
            and norm_key(self.text[toks[j].start : toks[j].stem_start]) == "ل"
        ):
            if toks[j].stem.startswith("ال"):
                j = self._def_chain(j + 1, b)
            elif j + 1 < b and (j + 1 in locs or _is_def(toks[j + 1])):
                j = self._def_chain(j + 2, b) if j + 1 not in locs else j + 2
            else:
                break
        return j

    def organisations(self, locs: set[int]) -> list[Cand]:
        toks = self.tokens
        out: list[Cand] = []
        weak: list[Cand] = []
        for a, matches, b in self._trig_matches:
            for s, e, classes in matches:
                s, e = s + a, e + a
                if e - s != 1:
                    continue
                if "org_head_strong" in classes:
                    j = self._def_chain(e, b)
                    if j > e:
                        out.append(Cand(s, j, "ORG", "rule", PRIO_ORG))
                        continue
                if "org_head_def" in classes and e < b:
                    j = e
                    while (
                        j < b
                        and j - e < 2
                        and _is_def(toks[j])
                        and not toks[j].prefix_len
                        and toks[j].stem.endswith(("ي", "يه"))
                        and toks[j].stem not in NON_SCOPE
                        and len(toks[j].stem) >= 5
                    ):
                        j += 1
                    if j > e:
                        out.append(Cand(s, j, "ORG", "rule", PRIO_ORG))
                        continue
                if (
                    any(c.startswith("org_head") for c in classes)
                    and e + 2 < b
                    and toks[e].kind == "PUNCT"
                    and toks[e].norm == '"'
                ):
                    close = next((k for k in range(e + 1, min(e + 5, b)) if toks[k].norm == '"'), None)
                    if (
                        close is not None
                        and close > e + 1
                        and all(self._nameish(k) for k in range(e + 1, close))
                    ):
                        out.append(Cand(e + 1, close, "ORG", "rule", PRIO_ORG))
                        continue
                if "org_head" in classes and not toks[s].stem.startswith("ال"):
                    j = self._def_chain(e, b)
                    if j > e:
                        weak.append(Cand(s, self._genitive_tail(j, b, locs), "ORG", "rule", PRIO_ORG))
        if weak:
            counts = Counter(self.key(c.s, c.e) for c in weak)
            out += [c for c in weak if counts[self.key(c.s, c.e)] >= 2]
        return out

    # -- (d) consistency -------------------------------------------------------------------------

    def key(self, s: int, e: int) -> tuple[str, ...]:
        return (self.tokens[s].stem, *(t.norm for t in self.tokens[s + 1 : e]))

    def harmonise(self, accepted: Sequence[Cand]) -> None:
        """Give every occurrence of a string the label most of its occurrences have («داعش» tagged
        ORG three times and MISC once becomes ORG four times). Ties are left alone."""
        labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for c in accepted:
            labels[self.key(c.s, c.e)][c.label] += 1
        for c in accepted:
            cnt = labels[self.key(c.s, c.e)]
            if len(cnt) > 1:
                (best, n1), (_, n2) = cnt.most_common(2)
                if n1 > n2 and c.source == "crf":
                    c.label = best

    def propagate(self, accepted: Sequence[Cand], extra: dict[tuple[str, ...], str] | None = None) -> list[Cand]:
        labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for k, label in (extra or {}).items():
            labels[k][label] += 1
        for c in accepted:
            k = self.key(c.s, c.e)
            if len(k) == 1 and (len(k[0]) < 3 or k[0] in self.fw):
                continue
            if len(k) == 1 and c.source == NAMED and has_article(k[0]):
                continue  # «مقابلة مع "العربية"» names the channel; «اللغة العربية» does not
            labels[k][c.label] += 1
            if c.label == "ORG" and c.e - c.s >= 3 and "org_head_strong" in self._head_class(c.s):
                labels[self.key(c.s + 1, c.e)][c.label] += 1
        if not labels:
            return []
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for k, cnt in labels.items():
            by_first[k[0]].append((k, cnt.most_common(1)[0][0]))
        toks = self.tokens
        out = []
        for a, b in self.sents:
            for i in range(a, b):
                cands = by_first.get(toks[i].stem)
                if not cands:
                    continue
                for k, label in cands:
                    e = i + len(k)
                    if e <= b and all(toks[i + m].norm == k[m] for m in range(1, len(k))):
                        out.append(Cand(i, e, label, "consistency", PRIO_CONSISTENCY))
        return out


def resolve(cands: Sequence[Cand]) -> list[Cand]:
    """Non-overlapping candidates: a rule or gazetteer phrase drops the CRF candidates it strictly
    contains; then by priority, length and position; a person the CRF ran into the name of an
    organisation or place already taken keeps the two words or more before it («أحمد سالم [لبي بي
    سي]»)."""
    crf = [c for c in cands if c.source == "crf"]
    others = [c for c in cands if c.source != "crf" and c.source != "consistency"]
    dropped = set()
    for o in others:
        for c in crf:
            if o.s <= c.s and c.e <= o.e and (o.s, o.e) != (c.s, c.e):
                dropped.add(id(c))
    pool = [c for c in cands if id(c) not in dropped]
    pool.sort(key=lambda c: (-c.prio, -c.length, c.s))
    taken: list[Cand] = []
    used: dict[int, str] = {}  # token → the label of the candidate that took it
    for c in pool:
        if any(i in used for i in range(c.s, c.e)):
            k = c.s
            while k < c.e and k not in used:
                k += 1
            if (
                c.source != "crf" or c.label != "PERSON" or k - c.s < 2
                or any(used.get(i, "PERSON") == "PERSON" for i in range(k, c.e))
            ):
                continue
            c = Cand(c.s, k, c.label, c.source, c.prio)  # «أحمد سالم [لبي بي سي]»: the tagger ran into a known name
        taken.append(c)
        used.update(dict.fromkeys(range(c.s, c.e), c.label))
    taken.sort(key=lambda c: c.s)
    return taken


def apply_rules(
    text: str, tokens: Sequence[Token], sents: Sequence[tuple[int, int]], crf: Sequence[Cand],
    tagged: Sequence | None = None, affinity: NameAffinity | None = None,
) -> list[Cand]:
    """All of (a)-(e) over the CRF's candidates of one document. `tagged`: the tagger's output for
    `sents` (`rasd.ner.tagger.Tagged`), whose gazetteer and trigger matches are used again;
    `affinity`: the model's person affinity of words (`rasd.ner.affinity`), used by the person rules."""
    r = Rules(text, tokens, sents, tagged, affinity)
    gaz = r.gazetteer()
    locs = {i for c in [*crf, *gaz] if c.label == "LOC" for i in range(c.s, c.e)}
    places: dict[int, int] = {}
    for c in [*crf, *gaz]:
        if c.label == "LOC" and (c.s not in places or places[c.s] < c.e):
            places[c.s] = c.e
    # a known organisation is a complement as a place is: «مكتب الأمم المتحدة لتنسيق الشؤون
    # الإنسانية» is another body than the one it names inside
    named = known(r)
    bodies = descriptive(r, {**{k.s: k.e for k in named if k.label == "ORG"}, **places})
    named = [
        k for k in named
        if not any(d.s < k.s and k.e <= d.e and not (k.s == d.s + 1 and is_kind(r, d.s)) for d in bodies)
    ]
    orgs = [*r.organisations(locs), *named, *state_bodies(r, places), *bodies]
    orgs += seats(r, [*orgs, *crf], places)
    covered = {i: c.label for c in [*gaz, *orgs] if c.label in ("LOC", "ORG") for i in range(c.s, c.e)}
    for c in crf:  # the tagger's places and organisations, where no list or rule says otherwise
        if c.label in ("LOC", "ORG") and not any(i in covered for i in range(c.s, c.e)):
            covered.update(dict.fromkeys(range(c.s, c.e), c.label))
    places_found = {c.s: c.e for c in [*crf, *gaz] if c.label == "LOC"}
    places_named = named_places(r, locs, {c.s: c.e for c in crf if c.label == "LOC"})
    places_named += misc_after_places(r, places_found)
    places_named += places_by_direction(r, set(covered), places_found)
    places_named += named_sites(
        r, {i for c in gaz if c.label == "LOC" for i in range(c.s, c.e)}, places_found,
        frozenset(i for i, label in covered.items() if label == "ORG"),
    )
    first = resolve([*crf, *gaz, *r.apposition(), *after_titles(r, covered), *orgs, *places_named, *announced(r)])
    first = hyphenated(tokens, parts_of_places(r, manner_adjectives(r, first)))
    r.harmonise(first)
    known_surnames = surnames(r, first)
    for c in first:  # «مندوزا» after «ماركوس مندوزا» is the referee, not the Argentine city
        if (
            c.e - c.s == 1 and c.label in ("LOC", "ORG", "MISC") and (tokens[c.s].stem,) in known_surnames
            and "country" not in r.gaz.lookup_key(tokens[c.s].stem)
        ):
            c.label = "PERSON"
    out = []
    final = apart(r, whole(r, resolve([*first, *r.propagate(first, known_surnames)])))
    titles = title_starts(r)
    for c in split_people(r, bodies_of_persons(r, surname_before_title(r, final, titles))):
        if c.label == "PERSON" and c.source == "crf" and place_read_as_person(r, c):
            c.label = "LOC"
        if c.label == "PERSON":
            s0 = c.s
            trim_person(r, c, titles)
            if c.s > s0 and c.e - c.s == 1 and tokens[c.s].stem.startswith("ال"):
                continue  # «نظيره الأردني»: what is left after the noun of company is no name
        if c.source != NAMED:
            mend_end(r, c)
        if c.source != NAMED:  # a name the text announces is the name as written («"يوم الأرض"»)
            c.s, c.e = trim(tokens, c.s, c.e)
        if c.e > c.s:
            out.append(c)
    return drop_footer(r, out)
