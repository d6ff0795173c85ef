"""When an event happens (rules 6 and 13 of `rasd.events.extract`): how its date was reached
(`Event.date_basis`), dates relative to another date or event of the sentence («عشية القمة»,
«غداة الانتخابات», «بعد يومين من الاجتماع»), and planned events («من المقرر أن يزور», «سيزور»,
«يعتزم زيارة», «الزيارة المرتقبة», a date after the publication).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rasd.dates.lexicon import key_of, lexicon
from rasd.events.participants import ParticipantRules
from rasd.events.places import PlaceRelation
from rasd.events.view import COMMAS, Cand
from rasd.model import DateSpan, Event

__all__ = ["Anchor", "TimingRules", "date_basis", "resolve_anchor"]

_DAY_WORDS = frozenset({key_of("يوم")})  # «يوم الخميس»
MAX_PLANNED_BACK = 4  # words between a word of planning and the trigger («تعتزم الحكومة فرض»)


@dataclass(slots=True)
class Anchor:
    """A date relative to an anchor: `days` from the anchor's date (approximate or not); the anchor
    is a date expression (`date`) or the trigger token of another event (`token`)."""

    days: int
    approx: bool
    token: int
    date: DateSpan | None
    # a date of the clause written after the anchor («عشية القمة الأوروبية يوم 5 مايو»): the
    # anchor's own, used when the anchor is no event rasd dated
    after: DateSpan | None = None


def date_basis(d: DateSpan) -> str:
    """"report" for a date the text gives relative to the publication («أمس», «الثلاثاء»), else
    "text"."""
    return "report" if d.kind == "relative" else "text"


class TimingRules(ParticipantRules):
    cand_at: dict[int, Cand]  # token -> trigger candidate, set by the extractor

    def trigger_at(self, k: int) -> Cand | None:
        """The trigger candidate at token k, if any."""
        return self.cand_at.get(k)

    def _planned(self, i: int, verbal: bool) -> bool:
        """Whether the trigger at i names an event planned, not yet happened: a verb in the future
        («سيزور», «سوف يزور»), a nominal trigger after a verb in the future («ستجري الانتخابات»),
        a word of planning at most four words before it in its sentence («من المقرر أن يزور»,
        «تعتزم الحكومة فرض عقوبات»), or an adjective of planning right after a nominal trigger or
        one word on («الزيارة المرتقبة», «القمة المقررة»)."""
        common, keys = self.common, self.keys
        if verbal and self._future(i):
            return True
        if not verbal and i > 0 and self.toks[i - 1].kind == "WORD" and self._future(i - 1):  # «ستجري الانتخابات»
            return True
        s0, s1 = self._sentence(i)
        for j in range(i - 1, max(s0, i - 1 - MAX_PLANNED_BACK) - 1, -1):
            if self.toks[j].kind == "PUNCT":
                break
            for phrase in common.planned_before:
                k = j - len(phrase) + 1
                if k >= s0 and tuple(keys[k : j + 1]) == phrase:
                    return True
        if not verbal:
            return any(keys[j] in common.planned_after for j in (i + 1, i + 2) if j < s1)
        return False

    def _future(self, i: int) -> bool:
        """Whether the verb at i is in the future: «سوف» before it, the prefix «س» on a present form
        of a trigger («سيزور», «ستستضيف»), or, for the verb before a nominal trigger, on a present
        verb of any kind («ستجري الانتخابات», «سيعقد اجتماع»: not a noun in ة, «سيارة»)."""
        if i > 0 and self.keys[i - 1] in self.common.future:
            return True
        stem = self.toks[i].stem
        if len(stem) < 4 or stem[0] != "س" or stem[1] not in "يتن":
            return False
        if any(t.verbal for t in self.onto.triggers.get(stem[1:], ())):
            return True
        return self.trigger_at(i) is None and len(stem) >= 5 and stem[-1] not in "هةءى"

    def _anchored_by(self, i: int, c0: int) -> tuple[int, bool] | None:
        """(days, approximate) of a relation phrase right before the trigger at i, which is then
        the anchor of the clause's other happening («وجه فالنتي الثلاثاء رسالة … عشية قمة …»)."""
        for phrase, rel in self.common.date_relations.items():
            j = i - len(phrase)
            if j >= c0 and tuple(self.keys[j:i]) == phrase:
                return rel
        return None

    def _date_of_anchor(self, ev: Event, d: DateSpan, i: int, c0: int) -> None:
        """The date of an anchor trigger from the clause's date written before the relation phrase
        (the date of the happening on its eve, «الثلاثاء … عشية القمة» → the summit on Wednesday);
        a date written after the trigger is the anchor's own and stays («عشية القمة المقررة
        الأربعاء»)."""
        rel = self._anchored_by(i, c0)
        if rel is None or not d.value or len(d.value) != 10 or self.ix.token_at(d.start) > i:
            return
        days, approx = rel
        day = date.fromisoformat(d.value) - timedelta(days=days)
        ev.date, ev.date_precision, ev.date_basis = day.isoformat(), 2 if approx else 1, "anchor"

    def _own_date(self, d: DateSpan, i: int, anchor: Anchor) -> bool:
        """Whether the clause date `d` dates the trigger at i itself rather than its anchor: it is
        not the anchor, and lies on the trigger's side of the relation phrase («وصل الوزير الثلاثاء
        عشية القمة»; not «عشية القمة المقررة الأربعاء»)."""
        if anchor.date is d:
            return False
        k = self.ix.token_at(d.start)
        return k < anchor.token if i < anchor.token else k > i

    def _after_anchor(self, i: int, k: int) -> bool:
        """Whether a trigger at i after the anchor at k is dated by it: a verb, or a word after a
        comma («وغداة القمة، التقى …»); a noun right on is part of the anchor's phrase («قبيل
        إعلان رئيس لجنة الانتخابات»)."""
        if any(t.verbal for t in self.onto.triggers.get(self.toks[i].stem, ())) or self._with_object(
            self.toks[i].stem
        ):
            return True
        return any(self.toks[x].kind == "PUNCT" and self.text[self.toks[x].start] in COMMAS for x in range(k, i))

    def anchor_event(self, ev: Event, anchor: Anchor, events: list[Event]) -> Event | None:
        """The event an anchor word names: the one whose triggers hold it, else the last event
        before it whose trigger is the same word («عقد القادة قمة …» … «وغداة القمة»)."""
        span = self._span(anchor.token)
        host = next((e for e in events if e is not ev and span in e.triggers), None)
        if host is not None:
            return host
        key = self.keys[anchor.token]
        for e in reversed(events):
            if e is ev:
                continue
            for a, _ in e.triggers:
                k = self.ix.token_at(a)
                if a < span[0] and self.keys[k] == key:
                    return e
        return None

    def bare_weekday(self, d: DateSpan) -> bool:
        """Whether a date is a bare weekday read as the past one («قمة الأربعاء», «يوم الخميس»;
        not «أمس الخميس», nor one the dates layer read as coming: flag "future")."""
        if d.kind != "relative" or d.precision != "day" or "future" in d.flags:
            return False
        words = key_of(self.text[d.start : d.end]).split()
        weekdays = lexicon().weekdays
        return bool(words) and (words[0] in weekdays or (words[0] in _DAY_WORDS and words[1:2] and words[1] in weekdays))

    @staticmethod
    def week_on(events: list[Event], bare: set[int], where: PlaceRelation) -> None:
        """A bare weekday (`bare`, by event id) names the past one or the coming one: when another
        event of its type and place is dated that weekday a week on, the article tells that day
        («عشية قمة الحلف» dates the summit on Wednesday 11; «ستكون … في قمة الأربعاء والخميس»,
        in a report of Tuesday 10, is that summit, not one on Wednesday 4), and the event takes it."""
        for ev in events:
            if id(ev) not in bare or ev.date is None or ev.date_basis != "report" or len(ev.date) != 10:
                continue  # only a day moves a week on (a merge may have given the event a month)
            later = (date.fromisoformat(ev.date) + timedelta(days=7)).isoformat()
            if any(
                o is not ev
                and (o.type, o.negated, o.date, o.date_precision) == (ev.type, ev.negated, later, 1)
                and not (o.location and ev.location and not where.same(o.location, ev.location))
                for o in events
            ):
                ev.date = later

    def _after_report(self, ev: Event) -> None:
        """An event dated after the publication is planned («القمة المقررة في 11 يوليو» in a
        report of July 2)."""
        pub = self.doc.published
        if ev.date and pub and ev.date > pub[: len(ev.date)]:
            ev.modality = "planned"

    def _relation(self, i: int, c0: int, c1: int) -> Anchor | None:
        """A phrase of `date_relations` in the trigger's clause followed by its anchor: a date
        expression («غداة 14 يوليو»), the trigger of another event («عشية القمة»), or another
        word, a happening with no date known («عشية عيد الاستقلال»)."""
        keys = self.keys
        for j in range(c0, c1):
            for phrase, (days, approx) in self.common.date_relations.items():
                k = j + len(phrase)
                if k >= c1 or tuple(keys[j:k]) != phrase or k == i:
                    continue
                if j <= i < k or (i > k and not self._after_anchor(i, k)):
                    continue
                d = self.ix.date_at.get(k)
                if d is not None and d.value:
                    return Anchor(days, approx, k, d)
                if self.toks[k].kind == "WORD":  # an event, or a happening rasd cannot date
                    return Anchor(days, approx, k, None)
        return None


def resolve_anchor(ev: Event, anchor: Anchor, host: Event | None) -> None:
    """Date `ev` from its anchor (a date, or the event `host` the anchor names): the anchor date
    shifted by the relation's days (precision 1, or 2 when approximate); the month or year of an
    anchor dated no closer (precision 3); no date, and `date_basis` "anchor_undated", when the
    anchor has no date."""
    value = anchor.date.value if anchor.date is not None else None
    if value is None and host is not None:
        value = host.date
    if value is None and anchor.after is not None:
        value = anchor.after.value
    if not value:
        ev.date, ev.date_precision, ev.date_basis = None, None, "anchor_undated"
        return
    ev.date_basis = "anchor"
    if len(value) != 10:
        ev.date, ev.date_precision = value, 3
        return
    day = date.fromisoformat(value) + timedelta(days=anchor.days)
    ev.date, ev.date_precision = day.isoformat(), 2 if anchor.approx else 1
