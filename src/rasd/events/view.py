"""The token-level view the event rules work on: trigger candidates, clauses, dates,
casualties and negation of one document. See `rasd.events.extract` for the rules.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rasd.dates import periods
from rasd.events.ontology import Ontology, Trigger
from rasd.model import DateSpan, Document
from rasd.text.article import strip_article
from rasd.text.docindex import DocIndex
from rasd.text.function_words import FunctionWords
from rasd.text.normalize import norm_key

__all__ = ["Cand", "EventView"]

MAX_AFTER = 14  # tokens scanned after a trigger for participants
MAX_OBJECT = 8  # tokens between a verb (or its subject) and its object
MAX_ABSORB = 9  # tokens between a verbal trigger and the nominal trigger it absorbs
MAX_NOUN_DATE = 4  # words between a nominal trigger and the date that modifies it
MAX_CUE = 8  # tokens between a reporting verb and the statement noun that its speaker issued
K = norm_key
PREPS = frozenset(K(w) for w in "في من عن على إلى مع لدى ضد حول عبر بين خلال نحو منذ قبل بعد".split())
_CALL_PREPS = frozenset({K("إلى"), K("الى")})
_SINCE = frozenset({K("منذ")})
QAD = frozenset({K("قد"), K("لقد")})
CLAUSE_PUNCT = frozenset(";؛:")
COMMAS = frozenset("،,")
DAMMA = "\u064f"
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
# object pronouns a verb carries («أوقفتهما», «قتلها», «اعتقلوه»), longest first
OBJECT_SUFFIXES = tuple(K(s) for s in ("هما", "هم", "هن", "ها", "ه", "كم", "ك"))
MAX_PLACE_NOUNS = 2  # «رفح جنوب قطاع غزة», «بارامبور جنوب العاصمة سريناغار»
_OBJECT_CACHE = 200_000  # words whose object-pronoun triggers an ontology keeps


@dataclass(slots=True)
class Cand:
    """A trigger candidate: token index, trigger, whether it is anaphoric («هذا الاجتماع»), and
    whether it classes an event already told («في إحدى أعنف المعارك هذا العام»): then it is
    anaphoric too, and its date and place are those of the class, not of the happening."""

    i: int
    trig: Trigger
    anaphoric: bool
    classifies: bool = False


class EventView:
    """Tokens, clauses and trigger candidates of one document, with dates and casualties."""

    def __init__(
        self,
        doc: Document,
        onto: Ontology,
        fwords: FunctionWords,
        kinds: dict[str, int],
        min_attributes: int = 1,
    ) -> None:
        assert onto.common is not None
        self.doc = doc
        self.onto = onto
        self.common = onto.common
        self.fwords = fwords
        self.kinds = kinds
        self.min_attributes = min_attributes
        self.ix = DocIndex.of(doc)
        self.toks = doc.tokens
        self.text = doc.text
        self.keys = [strip_article(b) for b in self.ix.bare]
        self._clauses()
        self.dates = sorted(
            ((self.ix.token_at(d.start), d) for d in [*doc.dates, *periods(doc)] if d.value),
            key=lambda x: x[0],
        )

    def _clauses(self) -> None:
        ix, n = self.ix, len(self.toks)
        stems, norms = ix.stems, ix.norms
        bounds = {a for a, _ in ix.sent_ranges}
        bounds.update(i + 1 for i, c in enumerate(norms) if c in CLAUSE_PUNCT)
        boundaries = self.fwords.boundaries
        bounds.update(
            i + 1 for i, c in enumerate(norms) if c in COMMAS and i + 1 < n and stems[i + 1] in boundaries
        )
        comps = self.fwords.complementizers
        bounds.update(
            i
            for i, s in enumerate(stems)
            if s in comps and not ("ل" in ix.prefixes[i] or "ك" in ix.prefixes[i])
        )
        for q in self.doc.quotes:
            for off in (q.start, q.end, q.cue_start):
                if off is not None:
                    bounds.add(ix.token_at(off))
        bounds.add(0)
        self.bounds = sorted(b for b in bounds if b <= n)
        self.n = n

    def _clause(self, i: int) -> tuple[int, int]:
        """Token range [c0, c1) of the clause of token i."""
        k = bisect_right(self.bounds, i)
        return self.bounds[k - 1], (self.bounds[k] if k < len(self.bounds) else self.n)

    def _accept(self, trig: Trigger, i: int) -> bool:
        keys, n = self.keys, len(self.toks)
        if trig.verbal and self.ix.has_prep_clitic(i):
            return False
        if trig.not_after and i > 0 and keys[i - 1] in trig.not_after:
            return False
        if trig.not_before and i + 1 < n and keys[i + 1] in trig.not_before:
            return False
        if trig.requires_next:
            j = i + 1
            if j < n and self.toks[j].kind == "NUMBER":
                j += 1  # «سحب 23 دبلوماسيا»: a count before the required word
            if not (j < n and keys[j] in trig.requires_next):
                return False
        c0, c1 = self._clause(i)
        if trig.requires_near or trig.not_near:
            s0, s1 = self._sentence(i)
            near = {keys[j] for j in range(s0, s1) if j != i}
            if trig.requires_near and not (near & trig.requires_near):
                return False
            if near & trig.not_near:
                return False
        if trig.requires_near_entity:
            if not any(h is not None and h.type == trig.requires_near_entity for h in self.ix.cover[c0:c1]):
                return False
        return True

    def _sentence(self, i: int) -> tuple[int, int]:
        si = self.ix.sent_of[i]
        if si < 0:
            return self._clause(i)
        return self.ix.sent_ranges[si]

    def candidates(self) -> list[Cand]:
        trig_map, jussive = self.onto.triggers, self.onto.jussive
        common = self.common
        ix, keys, n = self.ix, self.keys, len(self.toks)
        stems, norms = ix.stems, ix.norms
        hits = {i: trig_map[s] for i, s in enumerate(stems) if s in trig_map}
        for i, m in enumerate(norms):
            if i in hits or m not in trig_map and m[1:] not in trig_map:
                continue
            if m != stems[i] and m in trig_map:
                hits[i] = trig_map[m]
            elif m == stems[i] and m[:1] in "وف" and len(m) > 4 and m[1:] in trig_map:
                hits[i] = trig_map[m[1:]]  # a conjunction the segmenter kept
        for i, s in enumerate(stems):
            if i not in hits:
                verbs = self._with_object(s)
                if not verbs and s[:1] in "وف" and len(s) > 5:
                    verbs = self._with_object(s[1:])  # a conjunction the segmenter kept
                # a word written with ة is a noun («قتلة», «عينة»), whatever its key
                if verbs and self.text[self.toks[i].end - 1] != "ة":
                    hits[i] = verbs
        for i, s in enumerate(stems):
            if s in jussive and i not in hits and i > 0 and keys[i - 1] in common.negators_verb:
                hits[i] = jussive[s]
        out = []
        for i in sorted(hits):
            if self.toks[i].kind != "WORD":
                continue
            for trig in hits[i]:
                if self._accept(trig, i):
                    anaphoric = not trig.verbal and (
                        (i > 0 and keys[i - 1] in common.demonstratives)
                        or (i + 1 < n and keys[i + 1] in common.same)
                    )
                    classifies = not trig.verbal and self._classifies(i)
                    out.append(Cand(i, trig, anaphoric or classifies, classifies))
                    break
        return out

    def _classifies(self, i: int) -> bool:
        """Whether the nominal trigger at i follows «one of the most …» («إحدى أعنف المعارك», «واحدة
        من أكبر المظاهرات»): it says what kind of happening an event is, and tells no new one."""
        keys, common = self.keys, self.common
        if i < 2 or keys[i - 1] not in common.superlatives:
            return False
        j = i - 3 if keys[i - 2] == "من" else i - 2
        return j >= 0 and keys[j] in common.one_of

    def written_inside(self) -> frozenset[tuple[str, str]]:
        """The pairs (inner, outer) of place entities that the text writes one in the other: a
        place, at most `MAX_PLACE_NOUNS` place nouns, and another place («مدينة رفح جنوب قطاع
        غزة», «قرية بارامبور جنوب العاصمة سريناغار»)."""
        heads = sorted(
            (h for h in self.ix.at_start.values() if h.type == "LOC" and h.entity), key=lambda h: h.first
        )
        out = set()
        for h, nxt in zip(heads, heads[1:], strict=False):
            between = range(h.last + 1, nxt.first)
            if (
                0 < len(between) <= MAX_PLACE_NOUNS
                and nxt.entity != h.entity
                and all(self.keys[j] in self.common.place_nouns for j in between)
            ):
                out.add((h.entity, nxt.entity))
        return frozenset(out)

    def _with_object(self, stem: str) -> list[Trigger]:
        """The verbal triggers of a verb written with an object pronoun («أوقفتهما الشرطة»,
        «قتلها الجيش», «اعتقلوه»: the plural's alif is dropped before the pronoun)."""
        trig_map, cache = self.onto.triggers, self.onto.object_verbs
        found = cache.get(stem)
        if found is not None:
            return found
        found = []
        for suf in OBJECT_SUFFIXES:
            base = stem[: -len(suf)]
            if not stem.endswith(suf) or len(base) < 3:
                continue
            for b in (base, base + "ا") if base.endswith("و") else (base,):
                verbs = [t for t in trig_map.get(b, ()) if t.verbal]
                if verbs:
                    found = verbs
                    break
            if found:
                break
        if len(cache) >= _OBJECT_CACHE:
            cache.clear()  # bounded: a long ingest keeps a flat memory
        cache[stem] = found
        return found

    def _date(self, i: int, c0: int, c1: int, nouns: frozenset[int] = frozenset()) -> DateSpan | None:
        """The nearest date of the clause of the trigger at i; `nouns` are the tokens of the
        nominal triggers of other events: a date at most MAX_NOUN_DATE words after one of them,
        past the trigger, dates that noun («تسلمت الحكومة مشتبها به في هجوم فندق الساحل عام 2015»)."""
        best, dist = None, None
        for k, d in self.dates:
            if self._since(k):
                continue  # «في المدينة المقسمة منذ عام 1947»: the start of a state the clause describes
            if any(i < o < k <= o + MAX_NOUN_DATE for o in nouns):
                continue
            if c0 <= k < c1:
                dd = abs(k - i)
                if dist is None or dd < dist:
                    best, dist = d, dd
        return best

    def _since(self, k: int) -> bool:
        """Whether «منذ» governs the date at token k, right before it or at most four words
        before it with no punctuation between («منذ انتهاء الاستعمار عام 1947»)."""
        for j in range(k - 1, max(-1, k - 5), -1):
            if self.keys[j] in _SINCE:
                return True
            if self.toks[j].kind == "PUNCT":
                return False
        return False

    @staticmethod
    def date_precision(d: DateSpan) -> int:
        if d.value is None:
            return 3
        if any("approx" in f for f in d.flags) or d.precision == "week":
            return 2
        return 1 if len(d.value) == 10 else 3

    def _casualties(self, i: int) -> tuple[int | None, int | None]:
        s0, s1 = self._sentence(i)
        lo, hi = self.toks[s0].start, self.toks[s1 - 1].end
        killed = injured = None
        seen = False
        for q in self.doc.quantities:
            if not (lo <= q.start < hi) or not isinstance(q.value, (int, float)):
                continue
            seen = True
            unit = strip_article(K(q.unit or ""))
            k = self.ix.token_at(q.start)
            what = self._casualty_kind(unit, k, self.ix.token_at(q.end))
            if what == "killed":
                killed = (killed or 0) + int(q.value)
            elif what == "injured":
                injured = (injured or 0) + int(q.value)
        if seen or killed is not None or injured is not None:
            return killed, injured
        for k in range(s0, s1):
            t = self.toks[k]
            if t.kind != "NUMBER":
                continue
            raw = self.text[t.start : t.end].translate(DIGITS).replace(",", "").replace("٬", "")
            if not raw.isdigit():
                continue
            unit = self.keys[k + 1] if k + 1 < s1 else ""
            what = self._casualty_kind(unit, k, k + 2)
            if what == "killed":
                killed = (killed or 0) + int(raw)
            elif what == "injured":
                injured = (injured or 0) + int(raw)
        return killed, injured

    def _casualty_kind(self, unit: str, k: int, after: int) -> str:
        """killed / injured / "" for a number at token k with `unit`, `after` the next token."""
        common = self.common
        if unit in common.killed:
            return "killed"
        if unit in common.injured:
            return "injured"
        if unit in common.people:
            # «مقتل 3 أشخاص», «وأصيب 5 آخرون», «3 أشخاص لقوا مصرعهم»
            for j in (k - 1, after, after + 1):
                if 0 <= j < len(self.keys) and j != k:
                    if self.keys[j] in common.killed:
                        return "killed"
                    if self.keys[j] in common.injured:
                        return "injured"
        return ""

    def _span(self, i: int) -> tuple[int, int]:
        t = self.toks[i]
        start = t.stem_start
        if t.stem and self.text[start : start + 1] and K(self.text[start]) != t.stem[0]:
            start = t.start  # «للاجتماع»: the article is elided in the text
        return start, t.end

    def _passive(self, i: int) -> bool:
        """Whether the verb at i is written in the passive: a damma on its first letter («قُتل»,
        «أُوقف», «اُعتقل»). Unvocalised text says nothing, and the verb is taken as active."""
        t = self.toks[i]
        word = self.text[t.stem_start : t.end]
        return len(word) > 1 and word[1] == DAMMA

    def _negated(self, i: int, verbal: bool) -> bool:
        if verbal:
            return i > 0 and self.keys[i - 1] in self.common.negators_verb
        for j in range(i - 1, max(-1, i - 4), -1):  # «عدم التوصل إلى اتفاق»
            if self.toks[j].kind == "PUNCT":
                return False
            if self.keys[j] in self.common.negators_noun:
                return True
        return False

    def _not_happened(self, i: int, c0: int, c1: int) -> bool:
        """Whether the trigger at i names no act that happened: a warrant, an order, a threat, a
        call or a plan for it («مذكرة توقيف», «هدد الوزير بشن هجوم», «دعا إلى اعتقال»: the word
        right before the trigger, or at most six words before it with إلى/ب/ل between), or a habit
        («من حين لآخر», «عادة ما») in its clause."""
        common, keys = self.common, self.keys
        if i > c0 and keys[i - 1] in common.not_the_act:
            return True
        linked = False  # a preposition between the word and the trigger: «دعا … إلى اعتقال»
        for j in range(i, max(c0, i - 7) - 1, -1):
            if j < i and keys[j] in common.not_the_act and linked:
                return True
            if self.toks[j].kind == "PUNCT":
                break
            b = self.ix.bare[j]
            linked = (
                linked
                or b in _CALL_PREPS
                or self.ix.has_prep_clitic(j)
                or (len(b) <= 4 and b[:1] in "بل" and b not in PREPS)  # «بشن»: a clitic kept on a short word
            )
        return any((keys[j], keys[j + 1]) in common.habitual for j in range(c0, c1 - 1))

    def _reported(self, offset: int) -> bool:
        """Whether `offset` lies inside a quotation (reported speech) of the quotes layer."""
        return any(q.start <= offset < q.end for q in self.doc.quotes)
