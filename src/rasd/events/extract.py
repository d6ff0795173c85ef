"""Event extraction: triggers from the ontology files, participants, place, date, casualties.

For each word whose proclitic-free stem is a trigger form (never a substring: «الاجتماعية» is
another word, and «علم الاجتماع» is cancelled by `not_after`), when the trigger's conditions hold:

- **clause**: the tokens from the previous clause boundary to the next one. Boundaries are the
  sentence limits, «؛» and «:», a complementizer (أن/إن), a comma before a participle that opens
  a circumstantial clause («، معتبرا»), and, when the quotes layer is present, each quotation's
  reporting verb and its span.
- **participants** (entities in the clause, with the role the type or trigger file gives):
  after a nominal trigger, the entity right after it (genitive: «زيارة الوزير») and entities
  after a marker («بمشاركة X», «مع X», «بين X وY», the proclitic «ل» of «للتحالف»); a verbal
  trigger's subject (right after it, or right before it in the clause: «المغرب استضاف») and
  object (the first entity after it not governed by a preposition), then markers as above. A
  coordinated entity («وY») right after a participant takes its role.
- a verbal trigger followed in its clause by a nominal trigger of the same type («استضاف …
  الاجتماع», «وقع اتفاقية») makes one event: the verb is the trigger, the noun's participants
  take the verb's object role. Verbs marked `requires_object_trigger` are events only so.
- **location**: the nearest place entity of the clause written after في / the proclitic ب / a
  place noun («في مدينة X», «بمحافظة X»), or given a location role by a marker («زيارة إلى X»);
  its ACLED precision from the gazetteers or the place noun (`rasd.events.places`).
- **date**: the nearest resolved date expression of the same clause, else None (the publication
  date is never used silently); precision 1 for a day, 2 for an approximate day, 3 for a month
  or a year.
- **casualties** (types with `casualties`: ATTACK, ACCIDENT): quantities of the sentence whose
  unit is a killed or injured word («5 قتلى», «إصابة 3 أشخاص»), from `doc.quantities`, else from
  digits in the text. A DEATH trigger in a sentence with an ATTACK or ACCIDENT is absorbed by it.
- **negation**: «لم/لن/لا» right before a verbal trigger (not «ما»: mostly a relative), «عدم/نفي/إلغاء» at most three words
  before a nominal one («عدم التوصل إلى اتفاق»).
- a nominal trigger after an event of the same type is that event again, and adds its
  participants (and place or date when the first lacked them) instead of counting twice, when it
  has a demonstrative or «ذاته/نفسه» («هذا الاجتماع»), or the article («الاتفاق»), or the same date,
  unless its own date or place differs. A type with `requires_participant` (STATEMENT) needs one.
- an event with none of participants, place, date or casualties («لديهم اجتماعات خاصة»,
  «عقوبات رادعة») can be neither counted nor mapped and is dropped (stage option
  `min_attributes`, default 1; 0 keeps every trigger).
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.events.ontology import EventType, Ontology, Trigger
from rasd.events.places import precision_of
from rasd.model import DateSpan, Document, Event, Participant
from rasd.quotes.docindex import DocIndex, Hit
from rasd.quotes.lexicon import QuoteLexicon, strip_article
from rasd.text.normalize import norm_key

__all__ = ["extract_events"]

MAX_AFTER = 14  # tokens scanned after a trigger for participants
MAX_OBJECT = 8  # tokens between a verb (or its subject) and its object
MAX_ABSORB = 9  # tokens between a verbal trigger and the nominal trigger it absorbs
_K = norm_key
_PREPS = frozenset(_K(w) for w in ("في", "من", "عن", "على", "إلى", "مع", "لدى", "ضد", "حول", "عبر", "بين", "خلال", "نحو", "منذ", "قبل", "بعد"))
_QAD = frozenset({_K("قد"), _K("لقد")})
_CLAUSE_PUNCT = frozenset(";؛:")
_COMMAS = frozenset("،,")
_ARTICLE = _K("ال")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@dataclass(slots=True)
class _Cand:
    i: int
    trig: Trigger
    anaphoric: bool


class _Extractor:
    def __init__(self, doc: Document, onto: Ontology, qlex: QuoteLexicon, kinds: dict[str, int], min_attributes: int = 1) -> None:
        assert onto.common is not None
        self.doc = doc
        self.onto = onto
        self.common = onto.common
        self.qlex = qlex
        self.kinds = kinds
        self.min_attributes = min_attributes
        self.ix = DocIndex.of(doc)
        self.toks = doc.tokens
        self.text = doc.text
        art = _ARTICLE
        self.keys = [b[2:] if len(b) > 3 and b.startswith(art) else b for b in self.ix.bare]
        self._clauses()
        self.dates = sorted(
            ((self.ix.token_at(d.start), d) for d in doc.dates if d.value), key=lambda x: x[0]
        )

    # -- clauses --------------------------------------------------------------------------------
    def _clauses(self) -> None:
        n = len(self.toks)
        starts = [False] * (n + 1)
        for a, _ in self.ix.sent_ranges:
            starts[a] = True
        for i, t in enumerate(self.toks):
            if t.kind == "PUNCT":
                ch = self.text[t.start]
                if ch in _CLAUSE_PUNCT:
                    starts[i + 1] = True
                elif ch in _COMMAS and i + 1 < n and self.toks[i + 1].stem in self.qlex.boundaries:
                    starts[i + 1] = True
            elif t.stem in self.qlex.complementizers and not any(c in "لك" for c in self.ix.prefix(i)):
                starts[i] = True
        if "quotes" in self.doc.done or self.doc.quotes:
            for q in self.doc.quotes:
                for off in (q.start, q.end, q.cue_start):
                    if off is not None:
                        k = self.ix.token_at(off)
                        if k <= n:
                            starts[k] = True
        self.clause_start = [0] * n
        self.clause_end = [n] * n
        cur = 0
        for i in range(n):
            if starts[i]:
                cur = i
            self.clause_start[i] = cur
        end = n
        for i in range(n - 1, -1, -1):
            self.clause_end[i] = end
            if starts[i]:
                end = i

    # -- triggers -------------------------------------------------------------------------------
    def _accept(self, trig: Trigger, i: int) -> bool:
        keys, n = self.keys, len(self.toks)
        if trig.verbal and self.ix.has_prep_clitic(i):
            return False
        if trig.not_after and i > 0 and keys[i - 1] in trig.not_after:
            return False
        if trig.not_before and i + 1 < n and keys[i + 1] in trig.not_before:
            return False
        if trig.requires_next and not (i + 1 < n and keys[i + 1] in trig.requires_next):
            return False
        c0, c1 = self.clause_start[i], self.clause_end[i]
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
            return self.clause_start[i], self.clause_end[i]
        return self.ix.sent_ranges[si]

    def candidates(self) -> list[_Cand]:
        out = []
        trig_map = self.onto.triggers
        common = self.common
        n = len(self.toks)
        for i, t in enumerate(self.toks):
            if t.kind != "WORD":
                continue
            trigs = trig_map.get(t.stem)
            if trigs is None:
                norm = t.norm
                if norm != t.stem:
                    trigs = trig_map.get(norm)
                elif norm[0] in "وف" and len(norm) > 4:  # a conjunction the segmenter kept
                    trigs = trig_map.get(norm[1:])
            if trigs is None and i > 0 and self.keys[i - 1] in common.negators_verb:
                trigs = self.onto.jussive.get(t.stem) or self.onto.jussive.get(t.norm)
            if not trigs:
                continue
            for trig in trigs:
                if self._accept(trig, i):
                    anaphoric = not trig.verbal and (
                        (i > 0 and self.keys[i - 1] in common.demonstratives)
                        or (i + 1 < n and self.keys[i + 1] in common.same)
                    )
                    out.append(_Cand(i, trig, anaphoric))
                    break
        return out

    # -- participants ---------------------------------------------------------------------------
    def _governed(self, j: int) -> bool:
        """Whether token j is governed by a preposition (a proclitic, or the word before it)."""
        return self.ix.has_prep_clitic(j) or (j > 0 and self.ix.bare[j - 1] in _PREPS)

    def _place_hint(self, j: int) -> tuple[bool, int | None]:
        """(is the mention at token j written as a place, precision hint of a place noun)."""
        pfx = self.ix.prefix(j)
        if "ب" in pfx:
            return True, None
        if j == 0:
            return False, None
        prev = self.keys[j - 1]
        hint = self.common.place_nouns.get(prev)
        if hint is not None:  # «في مدينة X», «بمحافظة X», «جنوب X»
            marked = (
                "ب" in self.ix.prefix(j - 1)
                or (j > 1 and self.keys[j - 2] in self.common.place_preps)
                or prev in self.common.place_preps
            )
            return marked, hint
        if prev in self.common.place_preps:
            return True, None
        if j > 1 and self.keys[j - 2] in self.common.place_nouns and prev.endswith(("ي", "يه")):
            # «في العاصمة البريطانية لندن»: a place noun and an adjective
            return self._place_hint(j - 1)[0] or "ب" in self.ix.prefix(j - 2), self.common.place_nouns[self.keys[j - 2]]
        return False, None

    def _scan(
        self, i: int, start: int, c1: int, et: EventType, trig: Trigger, genitive: bool, used: set[int],
        parts: list[Participant], locs: list[tuple[int, Hit, int | None]], others: set[int],
        override: str = "", prev: tuple[str, int] = ("", -2),
    ) -> None:
        """Participants and place candidates after a trigger at i, from token `start`; `prev` is
        the role and last token of a participant just before `start` (for «X وY»)."""
        j = start
        stop = min(c1, start + MAX_AFTER)
        prev_role, prev_end = prev
        while j < stop:
            if j in others:
                break
            h = self.ix.mention_at(j)
            if h is None:
                if self.toks[j].kind == "PUNCT" and self.text[self.toks[j].start] in _COMMAS:
                    prev_role = ""
                j += 1
                continue
            if j in used:
                j = h.last + 1
                continue
            pfx = self.ix.prefix(j)
            prevkey = self.keys[j - 1] if j - 1 > i else ""
            role = ""
            if genitive and j == i + 1 and not any(c in "بلك" for c in pfx):
                role = trig.role("genitive", h.type, et.roles)
            if not role and prevkey:
                # the marker word as segmented (مشاركة) or as written (بمشاركة)
                role = et.marker_role(prevkey, h.type) or et.marker_role(strip_article(self.toks[j - 1].norm), h.type)
                if not role and j - 2 > i:
                    role = et.marker_role(self.keys[j - 2] + " " + prevkey, h.type)
                    if not role and self.qlex.speakers.get(prevkey) == "title":  # «مع رئيس حزب X»
                        role = et.marker_role(self.keys[j - 2], h.type)
            if not role:
                for clitic in "لب":
                    if clitic in pfx and (clitic + "-") in et.markers:
                        role = et.marker_role(clitic + "-", h.type)
                        break
            if not role and pfx[:1] == "و" and prev_end == j - 1 and prev_role:
                role = prev_role
            is_place, hint = self._place_hint(j) if h.type == "LOC" else (False, None)
            if role == "location" or (not role and is_place and h.type == "LOC"):
                locs.append((abs(j - i) if role != "location" else 0, h, hint))
            elif role and h.entity:
                parts.append(Participant(h.entity, override or role))
                prev_role, prev_end = role, h.last
            used.add(j)
            j = h.last + 1

    def _subject(self, i: int, c0: int, c1: int) -> tuple[Hit | None, int]:
        """A verbal trigger's subject and the token where its object may start."""
        k = i + 1
        titles = 0
        while k < c1:
            d = self.ix.date_at.get(k)
            if d is not None:
                k = self.ix.token_at(d.end - 1) + 1
            elif self.toks[k].kind == "PUNCT" and self.text[self.toks[k].start] in _COMMAS:
                k += 1
            elif titles < 3 and k not in self.ix.at_start and k not in self.ix.title_at and self.qlex.speakers.get(self.keys[k]) == "title" and not self.ix.prep[k]:
                k += 1  # «توفي الشيخ فلان», «التقى الرئيس فلان»
                titles += 1
            else:
                break
        if k < c1:
            h = self.ix.mention_at(k)
            if h is not None and not self._governed(k):
                return h, h.last + 1
        j = i - 1
        while j >= c0 and self.ix.bare[j] in _QAD:
            j -= 1
        if j >= c0:
            h = self.ix.cover[j]
            if h is not None and h.last == j and h.first >= c0 and not self._governed(h.first):
                return h, i + 1
        return None, i + 1

    def _object(self, start: int, c1: int, others: set[int]) -> Hit | None:
        """The first entity after `start` before a preposition, a comma or another trigger."""
        for j in range(start, min(c1, start + MAX_OBJECT)):
            if j in others or self.ix.bare[j] in _PREPS or self.toks[j].kind == "PUNCT":
                return None
            h = self.ix.mention_at(j)
            if h is not None and not self._governed(j):
                if h.type == "LOC" and self._place_hint(j)[0]:
                    return None
                return h
        return None

    def _support_subject(self, i: int, c0: int, et: EventType, trig: Trigger, used: set[int], parts: list[Participant]) -> None:
        """A nominal trigger without participants after it takes the subject of the verb before it
        («بدأ الرئيس فلان زيارة», «شن التنظيم هجوما»): a mention ending right before the trigger
        (dates may stand between), not governed by a preposition."""
        j = i - 1
        while j >= c0 and self.ix.date_cover[j] is not None:
            j -= 1
        if j < c0:
            return
        h = self.ix.cover[j]
        if h is None or h.last != j or h.first < c0 or h.first in used or self._governed(h.first) or not h.entity:
            return
        if h.type == "LOC" and self._place_hint(h.first)[0]:
            return
        role = trig.role("subject", h.type, et.roles)
        if role and role != "location":
            used.add(h.first)
            parts.append(Participant(h.entity, role))

    # -- attributes -----------------------------------------------------------------------------
    def _date(self, i: int, c0: int, c1: int) -> DateSpan | None:
        best, dist = None, None
        for k, d in self.dates:
            if c0 <= k < c1:
                dd = abs(k - i)
                if dist is None or dd < dist:
                    best, dist = d, dd
        return best

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
        common = self.common
        seen = False
        for q in self.doc.quantities:
            if not (lo <= q.start < hi) or not isinstance(q.value, (int, float)):
                continue
            seen = True
            unit = strip_article(_K(q.unit or ""))
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
            raw = self.text[t.start : t.end].translate(_DIGITS).replace(",", "").replace("٬", "")
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
        if t.stem and self.text[start : start + 1] and _K(self.text[start]) != t.stem[0]:
            start = t.start  # «للاجتماع»: the article is elided in the text
        return start, t.end

    def _negated(self, i: int, verbal: bool) -> bool:
        if verbal:
            return i > 0 and self.keys[i - 1] in self.common.negators_verb
        for j in range(i - 1, max(-1, i - 4), -1):  # «عدم التوصل إلى اتفاق»
            if self.toks[j].kind == "PUNCT":
                return False
            if self.keys[j] in self.common.negators_noun:
                return True
        return False

    # -- main -----------------------------------------------------------------------------------
    def run(self) -> list[Event]:
        cands = self.candidates()
        trigger_toks = {c.i for c in cands}
        absorbed: set[int] = set()
        events: list[Event] = []
        kinds_seen: set[str] = set()
        clause_of: dict[int, int] = {}
        for ci, c in enumerate(cands):
            if c.i in absorbed:
                continue
            i, trig = c.i, c.trig
            et = self.onto.types[trig.type]
            c0, c1 = self.clause_start[i], self.clause_end[i]
            parts: list[Participant] = []
            locs: list[tuple[int, Hit, int | None]] = []
            used: set[int] = set()
            others = trigger_toks - {i}
            if trig.verbal:
                nominal = None
                for c2 in cands[ci + 1 :]:
                    if c2.i >= min(c1, i + 1 + MAX_ABSORB):
                        break
                    if c2.trig.type == trig.type and not c2.trig.verbal:
                        nominal = c2
                    break
                if trig.requires_object_trigger and nominal is None:
                    continue
                subj, obj_start = self._subject(i, c0, c1)
                prev: tuple[str, int] = ("", -2)
                if subj is not None:
                    used.add(subj.first)
                    role = trig.role("subject", subj.type, et.roles)
                    if subj.type == "LOC" and self._place_hint(subj.first)[0]:
                        locs.append((abs(subj.first - i), subj, self._place_hint(subj.first)[1]))
                    elif role and subj.entity:
                        parts.append(Participant(subj.entity, role))
                        if subj.first > i:
                            prev = (role, subj.last)
                if nominal is not None:
                    absorbed.add(nominal.i)
                    obj_role = trig.role("object", "ORG", et.roles)
                    self._scan(i, obj_start, c1, et, trig, False, used, parts, locs, others, "", prev)
                    others.discard(nominal.i)
                    self._scan(nominal.i, nominal.i + 1, c1, et, nominal.trig, True, used, parts, locs, others, obj_role)
                else:
                    obj = self._object(obj_start, c1, others)
                    if obj is not None and obj.first not in used:
                        used.add(obj.first)
                        role = trig.role("object", obj.type, et.roles)
                        if role == "location":
                            locs.append((0, obj, None))
                        elif role and obj.entity:
                            parts.append(Participant(obj.entity, role))
                    self._scan(i, obj_start, c1, et, trig, False, used, parts, locs, others, "", prev)
            else:
                self._scan(i, i + 1, c1, et, trig, True, used, parts, locs, others)
                self._support_subject(i, c0, et, trig, used, parts)
            # places elsewhere in the clause (before the trigger)
            for j in range(c0, i):
                h = self.ix.at_start.get(j)
                if h is not None and h.type == "LOC" and j not in used:
                    is_place, hint = self._place_hint(j)
                    if is_place:
                        locs.append((i - j, h, hint))
            seen_ids: set[str] = set()
            uniq = []
            for p in parts:
                if p.entity not in seen_ids:
                    seen_ids.add(p.entity)
                    uniq.append(p)
            parts = uniq
            d = self._date(i, c0, c1)
            start, end = self._span(i)
            ev = Event(trig.type, start, end, parts, sentence=self.doc.sentence_index(start))
            locs = [x for x in locs if x[1].entity]
            if locs:
                locs.sort(key=lambda x: (x[0], x[1].first < i))
                _, h, hint = locs[0]
                ev.location = h.entity
                ent = self.ix.entities.get(h.entity or "")
                ev.location_precision = precision_of(ent, self.text[h.start : h.end], hint, self.kinds)
            if d is not None:
                ev.date = d.value
                ev.date_precision = self.date_precision(d)
            if et.casualties:
                ev.killed, ev.injured = self._casualties(i)
            ev.negated = self._negated(i, trig.verbal)
            if (et.requires_participant or trig.requires_participant) and not parts:
                continue
            if not trig.verbal and trig.type in kinds_seen:
                earlier = self._antecedent(events, ev, c.anaphoric, self.toks[i].stem.startswith(_ARTICLE))
                if earlier is not None:  # the same event again: «الاتفاق», «هذا الاجتماع»
                    _merge(earlier, ev)
                    continue
            same = next((e for e in reversed(events) if e.type == ev.type and clause_of.get(id(e)) == c0), None)
            if same is not None:  # «هجوم انتحاري استهدف …»: one event per type and clause
                _merge(same, ev)
                continue
            kinds_seen.add(trig.type)
            clause_of[id(ev)] = c0
            events.append(ev)
        events = self._absorb_deaths(events)
        if self.min_attributes:
            events = [e for e in events if _attributes(e) >= self.min_attributes]
        return events

    @staticmethod
    def _antecedent(events: list[Event], ev: Event, anaphoric: bool, definite: bool) -> Event | None:
        """The earlier event of the same type that a nominal trigger refers back to: with a
        demonstrative, or definite, or with the same date, and no conflicting date or place."""
        for prev in reversed(events):
            if prev.type != ev.type or prev.negated != ev.negated:
                continue
            if anaphoric:
                return prev
            if ev.date is not None and prev.date is not None and ev.date != prev.date:
                continue
            if ev.location is not None and prev.location is not None and ev.location != prev.location:
                continue
            if definite or (ev.date is not None and ev.date == prev.date):
                return prev
        return None

    def _absorb_deaths(self, events: list[Event]) -> list[Event]:
        by_sentence: dict[int | None, set[str]] = {}
        for e in events:
            by_sentence.setdefault(e.sentence, set()).add(e.type)
        out = []
        for e in events:
            et = self.onto.types[e.type]
            if et.absorbed_by and by_sentence.get(e.sentence, set()) & set(et.absorbed_by):
                continue
            out.append(e)
        return out


def _attributes(e: Event) -> int:
    """How many of who, where, when and casualties an event has."""
    return (bool(e.participants) + (e.location is not None) + (e.date is not None)
            + (e.killed is not None or e.injured is not None))


def _merge(into: Event, other: Event) -> None:
    have = {p.entity for p in into.participants}
    into.participants.extend(p for p in other.participants if p.entity not in have)
    if into.location is None:
        into.location, into.location_precision = other.location, other.location_precision
    if into.date is None:
        into.date, into.date_precision = other.date, other.date_precision
    if into.killed is None:
        into.killed = other.killed
    if into.injured is None:
        into.injured = other.injured


def extract_events(
    doc: Document, onto: Ontology, qlex: QuoteLexicon, kinds: dict[str, int], min_attributes: int = 1
) -> list[Event]:
    """The events of `doc` (tokens, sentences, entities, dates; quotes and quantities if present).

    An event is kept when it has at least `min_attributes` of: participants, a place, a date,
    casualties (0 keeps every trigger).
    """
    return _Extractor(doc, onto, qlex, kinds, min_attributes).run()
