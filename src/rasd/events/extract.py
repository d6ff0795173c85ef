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
- **date**: the nearest resolved date expression of the same clause, not one governed by «منذ»
  (the start of a period) nor one right after the noun of another event («هجوم … عام 2015»),
  else None (the publication date is never used silently); precision 1 for a day, 2 for an
  approximate day, 3 for a month or a year. `date_basis` says how it was reached: `text`,
  `report` (a date relative to the publication, «أمس»), `anchor` (relative to another date or
  event: «عشية القمة», «غداة», «بعد يومين من»; `rasd.events.timing`), `anchor_undated`.
- **modality**: `planned` for a verb in the future, after «من المقرر أن», «يعتزم», before
  «المرتقبة», or dated after the publication; else `asserted`.
- **voice**: the subject of a verb written in the passive («قُتل») takes the object's role.
- **casualties** (types with `casualties`: ATTACK, ACCIDENT): quantities of the sentence whose
  unit is a killed or injured word («5 قتلى», «إصابة 3 أشخاص»), from `doc.quantities`, else from
  digits in the text. A DEATH trigger in a sentence with an ATTACK or ACCIDENT is absorbed by it.
- **not the act**: a warrant, order, threat, call or plan for the act («مذكرة توقيف», «هدد بشن
  هجوم», «دعا إلى اعتقال»), or a habit in the clause («من حين لآخر»), is no event.
- **negation**: «لم/لن/لا» right before a verbal trigger (not «ما»: mostly a relative), «عدم/نفي/إلغاء» at most three words
  before a nominal one («عدم التوصل إلى اتفاق»).
- a nominal trigger after an event of the same type is that event again, and adds its
  participants (and place or date when the first lacked them) instead of counting twice, when it
  has a demonstrative or «ذاته/نفسه» («هذا الاجتماع»), or the article («الاتفاق»), or the same date,
  unless its own date or place differs; an antecedent at the same level (narration, or inside a
  quotation) is preferred. A type with `requires_participant` (STATEMENT) needs one.
- **one event per happening**: a later event of the same type and polarity whose date and place
  do not conflict with an earlier one's (a city and its country do not, nor a local place and
  the place the text puts it in: «متحف X في تونس», «قصر X شمال برلين»), and that shares its
  date, its place, a day of its month, or participants one set of which includes the other, is
  merged into it; an undated headline event takes the body's news (`rasd.events.merge`). A
  merged event keeps every trigger (`Event.triggers`).
- a town, region or site is never a participant: given a role, it is a place candidate instead
  (only people, organisations and countries act).
- an event with none of participants, place, date or casualties («لديهم اجتماعات خاصة»,
  «عقوبات رادعة») can be neither counted nor mapped and is dropped (stage option
  `min_attributes`, default 1; 0 keeps every trigger).
"""

from __future__ import annotations

from dataclasses import replace

from rasd.events.merge import (
    count_dead,
    merge,
    merge_attributed,
    merge_duplicates,
    merge_headline,
    merge_recalled,
    sort_triggers,
    tied,
)
from rasd.events.ontology import Ontology, Trigger
from rasd.events.participants import Place
from rasd.events.places import PlaceRelation, local_places_inside, precision_of
from rasd.events.timing import Anchor, TimingRules, date_basis, resolve_anchor
from rasd.events.view import MAX_ABSORB, QAD, Cand
from rasd.model import Document, Event, Participant
from rasd.text.article import ARTICLE
from rasd.text.function_words import FunctionWords

__all__ = ["extract_events"]

MAX_ANNOUNCED = 6  # tokens between «أعلن» and the act it announces (its subject and a date between)


class _Extractor(TimingRules):
    def run(self) -> list[Event]:
        cands = self.candidates()
        self.cand_at = {c.i: c for c in cands}
        self.noun_toks = frozenset(c.i for c in cands if not c.trig.verbal)
        inside = local_places_inside(self.doc, self.ix, lambda j: self._place_hint(j)[0])
        self.where = PlaceRelation(self.ix.entities, inside=inside, written=self.written_inside())
        self.more_places: dict[int, list[Place]] = {}  # id(event) -> its other destinations
        self.dead_only: set[int] = set()  # id(event) of a killing with no killer named
        self.anchors: dict[int, Anchor] = {}  # id(event) -> the anchor its date is relative to
        self.weekday_only: set[int] = set()  # id(event) dated by a bare weekday («قمة الأربعاء»)
        trigger_toks = {c.i for c in cands}
        absorbed: set[int] = set()
        events: list[Event] = []
        clause_of: dict[int, int] = {}  # id(event) -> first token of its clause
        reported: dict[int, bool] = {}  # id(event) -> told inside a quotation
        for ci, c in enumerate(cands):
            if c.i in absorbed:
                continue
            ev = self._event(ci, cands, trigger_toks, absorbed)
            if ev is None:
                continue
            if not c.trig.verbal and any(e.type == ev.type for e in events):
                definite = self.toks[c.i].stem.startswith(ARTICLE)
                earlier = self._antecedent(events, ev, c.anaphoric, definite, reported)
                if earlier is not None:  # the same event again: «الاتفاق», «هذا الاجتماع»
                    if c.classifies:  # «إحدى أعنف المعارك هذا العام في المنطقة»: the class's
                        _unplace(ev)  # date and place, not the happening's
                    merge(earlier, ev, self.where)
                    continue
            c0 = self._clause(c.i)[0]
            same = next(
                (e for e in reversed(events) if e.type == ev.type and clause_of.get(id(e)) == c0), None
            )
            if same is not None:  # «هجوم انتحاري استهدف …»: one event per type and clause
                merge(same, ev, self.where)
                continue
            clause_of[id(ev)] = c0
            reported[id(ev)] = self._reported(ev.trigger_start)
            events.append(ev)
        for ev in events:  # before merging: an event dated from its anchor is not the anchor
            anchor = self.anchors.get(id(ev))
            if anchor is not None:
                resolve_anchor(ev, anchor, self.anchor_event(ev, anchor, events))
        self.week_on(events, self.weekday_only, self.where)
        events = merge_duplicates(self._absorb_deaths(events), self.where)
        if self.doc.title:
            events = merge_headline(events, self.doc.published, self.where)
        events = count_dead(events, self.dead_only, self.where)
        known = {id(e) for e in events if self._known(e)}
        events = merge_recalled(events, {id(e) for e in events if self._recalled(e)}, known, self.where)
        events = merge_attributed(events, {id(e) for e in events if self._attributes_news(e)}, self.ix.etype)
        for ev in events:
            self._after_report(ev)
        events = self._each_place(events)
        for ev in events:
            sort_triggers(ev)
        if self.min_attributes:
            events = [e for e in events if _attributes(e) >= self.min_attributes]
        return events

    def _event(self, ci: int, cands: list[Cand], trigger_toks: set[int], absorbed: set[int]) -> Event | None:
        """The event of candidate `ci`, or None when its trigger's conditions on the clause fail."""
        c = cands[ci]
        i, trig = c.i, c.trig
        et = self.onto.types[trig.type]
        c0, c1 = self._clause(i)
        if self._not_happened(i, c0, c1) or self._announces_other(ci, cands):
            return None
        parts: list[Participant] = []
        locs: list[Place] = []
        used: set[int] = set()
        others = trigger_toks - {i}
        nominal = None
        if trig.verbal:
            nominal = self._absorbable(ci, cands, c1)
            if trig.requires_object_trigger and nominal is None:
                return None
            if nominal is not None:
                absorbed.add(nominal.i)
            self._verbal(i, trig, nominal, c0, c1, used, parts, locs, others)
        else:
            after = self._relative_doer(i, c1, et, trig, used, parts)
            self._scan(i, after, c1, et, trig, True, used, parts, locs, others)
            self._support_subject(i, c0, et, trig, used, parts)
            if not parts:
                self._relative_bearer(i, c0, et, trig, used, parts)
        for j in range(c0, i):  # places earlier in the clause: «وفي صفاقس، انطلقت مظاهرة»
            h = self.ix.at_start.get(j)
            if any(j < k < i for k in others):
                continue  # «مسيرة في حيفا احتجاجا على قتل …»: the place of the trigger between
            if h is not None and h.type == "LOC" and j not in used:
                is_place, hint = self._place_hint(j)
                if is_place:
                    locs.append((i - j, h, hint))
        if not parts and et.speaker_role:  # «وقالت الوزارة في بيان»: the quotation's speaker
            who = self._cue_speaker(i) or self._teller(i, c0)
            if who is not None:
                parts.append(Participant(who, et.speaker_role))
        parts = _first_role(parts)
        if (et.requires_participant or trig.requires_participant) and not parts:
            return None
        start, end = self._span(i)
        sentence = self.doc.sentence_index(start)
        ev = Event(trig.type, start, end, parts, sentence=sentence, triggers=[(start, end)])
        if trig.verbal and nominal is not None:
            ev.triggers.append(self._span(nominal.i))
        self._place(ev, locs, i)
        if trig.counts_dead and not any(p.role == "actor" for p in parts):
            if self._during_other(c, cands, c1):
                return None
            self.dead_only.add(id(ev))
        if et.one_per_place:
            dests = {x[1].entity: x for x in locs if x[0] == 0 and x[1].entity and x[1].entity != ev.location}
            if dests:
                self.more_places[id(ev)] = list(dests.values())
        d = self._date(i, c0, c1, self.noun_toks - {i, nominal.i if nominal is not None else i})
        if d is not None:
            ev.date, ev.date_precision, ev.date_basis = d.value, self.date_precision(d), date_basis(d)
            if self.bare_weekday(d):
                self.weekday_only.add(id(ev))
            self._date_of_anchor(ev, d, i, c0)
        anchor = self._relation(i, c0, c1)
        if anchor is not None and not (d is not None and self._own_date(d, i, anchor)):
            if d is not None and anchor.date is None and self.ix.token_at(d.start) > anchor.token:
                anchor.after = d
            self.anchors[id(ev)] = anchor
            ev.date, ev.date_precision, ev.date_basis = None, None, "anchor_undated"
        if self._planned(i, trig.verbal):
            ev.modality = "planned"
        if et.casualties:
            ev.killed, ev.injured = self._casualties(i)
        ev.negated = self._negated(i, trig.verbal)
        return ev

    def _known(self, ev: Event) -> bool:
        """Whether the event is first named by a definite noun, as a happening the reader knows
        («في أعقاب المقاطعة التي فرضتها …»)."""
        i = self.ix.token_at(ev.trigger_start)
        c = self.cand_at.get(i)
        return c is not None and not c.trig.verbal and self.toks[i].stem.startswith(ARTICLE)

    def _recalled(self, ev: Event) -> bool:
        """Whether the event is recalled as background in the pluperfect: its trigger, or the
        verb announcing it, right after «قد» with a form of كان before in its clause («وكانت
        الدول قد أعلنت قطع العلاقات», «وكانت الشرطة قد اعتقلت …»)."""
        i = self.ix.token_at(ev.trigger_start)
        s0 = self._sentence(i)[0]  # the clause of «قطع» may start at it: «أعلنوا» reports
        back = range(i - 1, max(s0, i - 1 - MAX_ANNOUNCED) - 1, -1)
        qad = next((k for k in back if self.ix.bare[k] in QAD), None)
        if qad is None:
            return False
        c0 = self._clause(qad)[0]
        return any(self.keys[j] in self.common.pluperfect for j in range(c0, qad))

    def _attributes_news(self, ev: Event) -> bool:
        """Whether the event's trigger is the verb of an attribution, «وفق ما أعلن …», «بحسب ما
        أعلنت …», «حسبما ذكر …»: the source of the news its sentence tells."""
        i, words = self.ix.token_at(ev.trigger_start), self.common.attribution

        def said(j: int) -> bool:  # «وفق» is read as و + فق: the whole word too
            return j >= 0 and (self.keys[j] in words or self.ix.norms[j] in words)

        return said(i - 1) or (i > 1 and self.keys[i - 1] == "ما" and said(i - 2))

    def _during_other(self, c: Cand, cands: list[Cand], c1: int) -> bool:
        """Whether a killing word has, later in its clause, «خلال» or «أثناء» right before a
        trigger of another type («قتل 61 شخصا خلال احتجاجات …»): the dead of that happening."""
        during = self.common.during
        return any(
            o.trig.type != c.trig.type and c.i < o.i < c1 and self.keys[o.i - 1] in during for o in cands
        )

    def _each_place(self, events: list[Event]) -> list[Event]:
        """An event of a type with `one_per_place` and several destinations («زار مصر والأردن»,
        «الزيارات … إلى دول الخليج (الكويت وقطر)») is one event per destination."""
        out = []
        for ev in events:
            out.append(ev)
            for place in self.more_places.get(id(ev), ()):
                other = replace(
                    ev, participants=list(ev.participants), location=None, triggers=list(ev.triggers)
                )
                self._place(other, [place], other.trigger_start)
                out.append(other)
        return out

    def _announces_other(self, ci: int, cands: list[Cand]) -> bool:
        """Whether a verb that makes a statement («أعلن») has for its object the act it announces,
        a nominal trigger of another type in its clause past the subject and a date («أعلنت
        الحكومة أمس قطع العلاقات», «أعلن الجيش مقتل …»): the act is the event."""
        c = cands[ci]
        if not c.trig.announces or ci + 1 >= len(cands):
            return False
        nxt = cands[ci + 1]
        return (
            not nxt.trig.verbal
            and nxt.trig.type != c.trig.type
            and nxt.i <= c.i + MAX_ANNOUNCED
            and self._clause(nxt.i)[0] == self._clause(c.i)[0]
        )

    @staticmethod
    def _absorbable(ci: int, cands: list[Cand], c1: int) -> Cand | None:
        """The nominal trigger of the same type right after a verbal one, in its clause."""
        c = cands[ci]
        if ci + 1 < len(cands):
            nxt = cands[ci + 1]
            if nxt.i < min(c1, c.i + 1 + MAX_ABSORB) and nxt.trig.type == c.trig.type and not nxt.trig.verbal:
                return nxt
        return None

    def _verbal(
        self,
        i: int,
        trig: Trigger,
        nominal: Cand | None,
        c0: int,
        c1: int,
        used: set[int],
        parts: list[Participant],
        locs: list[Place],
        others: set[int],
    ) -> None:
        """Subject, object (or the absorbed noun's participants) and markers of a verbal trigger."""
        et = self.onto.types[trig.type]
        subj, obj_start = self._subject(i, c0, c1)
        prev: tuple[str, int] = ("", -2)
        if subj is not None:
            used.add(subj.first)
            # a verb in the passive («قُتل فلان», «اُعتقل»): its subject undergoes the act
            role = trig.role("object" if self._passive(i) else "subject", subj.type, et.roles)
            is_place, hint = self._place_hint(subj.first) if subj.type == "LOC" else (False, None)
            if role and not self._acts(subj):  # «فيينا تستضيف الاجتماع»: a town is where, not who
                is_place = True
            if is_place:
                locs.append((abs(subj.first - i), subj, hint))
            elif role and subj.entity:
                parts.append(Participant(subj.entity, role))
                if subj.first > i:
                    prev = (role, subj.last)
        if nominal is not None:
            self._scan(i, obj_start, c1, et, trig, False, used, parts, locs, others, "", prev)
            others.discard(nominal.i)
            obj_role = trig.role("object", "ORG", et.roles)
            self._scan(
                nominal.i, nominal.i + 1, c1, et, nominal.trig, True, used, parts, locs, others, obj_role
            )
            return
        obj = self._object(obj_start, c1, others)
        if obj is not None and obj.first not in used:
            used.add(obj.first)
            role = trig.role("object", obj.type, et.roles)
            if role == "location" or (role and not self._acts(obj)):
                locs.append((0, obj, None))
            elif role and obj.entity:
                parts.append(Participant(obj.entity, role))
        self._scan(i, obj_start, c1, et, trig, False, used, parts, locs, others, "", prev)

    def _place(self, ev: Event, locs: list[Place], i: int) -> None:
        """The nearest place candidate (after the trigger on a tie) and its ACLED precision."""
        locs = [x for x in locs if x[1].entity]
        if not locs:
            return
        _, h, hint = min(locs, key=lambda x: (x[0], x[1].first < i))
        ev.location = h.entity
        ev.location_precision = precision_of(
            self.ix.entities.get(h.entity or ""), self.text[h.start : h.end], hint, self.kinds
        )

    def _antecedent(
        self, events: list[Event], ev: Event, anaphoric: bool, definite: bool, reported: dict[int, bool]
    ) -> Event | None:
        """The earlier event of the same type that a nominal trigger refers back to: with a
        demonstrative, or definite, or with the same date, and no conflicting date or place.
        An event told in the narration is preferred to one inside reported speech, and the other
        way round («هذا الاجتماع» in the narration is not a past meeting a speaker recalled).
        Among the events it may refer to, the nearest one it shares a date, a place (or a place
        within the other) or a participant with comes first: «قتلا في القصف الذي طال رفح» is the
        shelling in Gaza told before, not a bare attack named in between."""
        here = self._reported(ev.trigger_start)
        for same_level in (True, False):
            found = self._antecedent_at(
                events, ev, anaphoric, definite, reported, here if same_level else None
            )
            if found is not None:
                return found
        return None

    def _antecedent_at(
        self,
        events: list[Event],
        ev: Event,
        anaphoric: bool,
        definite: bool,
        reported: dict[int, bool],
        level: bool | None,
    ) -> Event | None:
        fits = []
        for prev in reversed(events):
            if prev.type != ev.type or prev.negated != ev.negated:
                continue
            if level is not None and reported[id(prev)] != level:
                continue
            if anaphoric:
                return prev
            if ev.date is not None and prev.date is not None and ev.date != prev.date:
                continue
            if ev.location is not None and prev.location is not None and not self.where.same(
                ev.location, prev.location
            ):
                continue
            if definite or (ev.date is not None and ev.date == prev.date):
                fits.append(prev)
        return next((e for e in fits if tied(e, ev)), fits[0] if fits else None)

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


def _first_role(parts: list[Participant]) -> list[Participant]:
    """Each entity once, with the first role found for it."""
    seen: set[str] = set()
    out = []
    for p in parts:
        if p.entity not in seen:
            seen.add(p.entity)
            out.append(p)
    return out


def _unplace(e: Event) -> None:
    """Forget the date and place of `e`."""
    e.date = e.date_precision = e.date_basis = None
    e.location = e.location_precision = None


def _attributes(e: Event) -> int:
    """How many of who, where, when and casualties an event has."""
    return (
        bool(e.participants)
        + (e.location is not None)
        + (e.date is not None)
        + (e.killed is not None or e.injured is not None)
    )


def extract_events(
    doc: Document, onto: Ontology, fwords: FunctionWords, kinds: dict[str, int], min_attributes: int = 1
) -> list[Event]:
    """The events of `doc` (tokens, sentences, entities, dates; quotes and quantities if present).

    An event is kept when it has at least `min_attributes` of: participants, a place, a date,
    casualties (0 keeps every trigger).
    """
    return _Extractor(doc, onto, fwords, kinds, min_attributes).run()
