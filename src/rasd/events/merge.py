"""Merging the mentions of one happening (rule 9 of `rasd.events.extract`): a later event of the
same type and polarity is an earlier one told again when nothing conflicts and something ties
them; a killing with no killer named is the dead of the attack told before it. A city and the
country it lies in, or a local place and the place the text puts it in, are one place here
(`rasd.events.places.PlaceRelation`), and the merged event keeps the more precise place. Every trigger of a merged event is kept (`Event.triggers`).
"""

from __future__ import annotations

from datetime import date

from rasd.events.places import PlaceRelation
from rasd.model import Event

__all__ = [
    "compatible",
    "count_dead",
    "merge",
    "merge_attributed",
    "merge_duplicates",
    "merge_headline",
    "merge_recalled",
    "sort_triggers",
    "tied",
]

NEWS_DAYS = 7  # a body event dated at most this many days before the publication is the news

def merge_duplicates(events: list[Event], where: PlaceRelation) -> list[Event]:
    """One event per happening: a later event of the same type and polarity is the earlier one
    again when nothing conflicts (dates equal, one within the other or missing; places equal, a
    city and its country, or missing) and something ties them: the same date, the same place, or
    participants one of which includes the other."""
    out: list[Event] = []
    for ev in events:
        same = next((e for e in out if _same_happening(e, ev, where)), None)
        if same is None:
            out.append(ev)
        else:
            merge(same, ev, where)
    return out


def merge_headline(events: list[Event], published: str | None, where: PlaceRelation) -> list[Event]:
    """An undated event of the headline (sentence 0 of a document with a title) is the article's
    news: the first event of its type and polarity in the body that is undated or dated within
    `NEWS_DAYS` days before the publication, with no conflicting place, is the same happening
    told again, and is merged into it («تونس تتسلم …» in the title, «وتسلمت السلطات … أمس» in
    the body; not an older handover the body recalls). When that first one is undated too (the
    lead: «تسلمت تونس شخصا …، وفق ما أعلن …»), the first one dated to the day (not «الأسبوع
    الماضي») within `NEWS_DAYS` is the news told once more, with its day («وتسلمت السلطات اليوم
    الأربعاء …»), and is merged as well."""
    out: list[Event] = []
    merged: set[int] = set()
    for ev in events:
        if ev.sentence != 0 or ev.date is not None:
            continue
        taken = 0
        for other in events:
            if other.sentence == 0 or id(other) in merged or not compatible(ev, other, where):
                continue
            if other.date is not None and not _recent(other.date, published):
                continue
            if taken and other.date_precision != 1:
                continue
            merge(ev, other, where)
            merged.add(id(other))
            taken += 1
            if ev.date is not None:
                break
    out = [e for e in events if id(e) not in merged]
    return out


def merge_recalled(events: list[Event], recalled: set[int], known: set[int], where: PlaceRelation) -> list[Event]:
    """A happening recalled as background in the pluperfect («وكانت الدول الأربع قد أعلنت قطع
    العلاقات مع قطر العام الماضي»; `recalled`, by id) after the article named one of its type by a
    definite noun, as a happening the reader knows («في أعقاب المقاطعة التي فرضتها …»; `known`),
    whose date and place do not conflict with it, is that happening told: it is merged into the
    nearest such one before it."""
    out: list[Event] = []
    for ev in events:
        earlier = None
        if id(ev) in recalled:
            earlier = next((e for e in reversed(out) if id(e) in known and compatible(e, ev, where)), None)
        if earlier is None:
            out.append(ev)
        else:
            merge(earlier, ev, where)
    return out


def merge_attributed(events: list[Event], attributed: set[int], etype: dict[str, str]) -> list[Event]:
    """An event told as the source of a sentence's news («تسلمت تونس فلانا، وفق ما أعلن المتحدث
    باسم القضاء فلان»; `attributed`, by id) and another event of its type on the same day are one
    announcement, named then detailed («وأعلنت السلطات القضائية الأربعاء أنها تسلمت …»), when
    their actors together are at most one person and one body (a spokesman and the body he speaks
    for; never two people, nor two bodies, each with its own statement): the later is merged into
    the earlier. `etype` maps an entity id to its type."""
    out: list[Event] = []
    for ev in events:
        same = next(
            (
                e
                for e in out
                if (id(e) in attributed or id(ev) in attributed)
                and e.type == ev.type
                and e.negated == ev.negated
                and e.date is not None
                and e.date == ev.date
                and _one_voice(e, ev, etype)
            ),
            None,
        )
        if same is None:
            out.append(ev)
        else:
            merge(same, ev)
    return out


def _one_voice(a: Event, b: Event, etype: dict[str, str]) -> bool:
    """Whether the actors of two events are together at most one person and at most one body."""
    actors = {p.entity for p in (*a.participants, *b.participants)}
    people = [e for e in actors if etype.get(e) == "PERSON"]
    return len(people) <= 1 and len(actors) - len(people) <= 1


def _recent(value: str, published: str | None) -> bool:
    """Whether a day lies within NEWS_DAYS days before the publication day (both known)."""
    if not published or len(value) != 10:
        return False
    try:
        gap = (date.fromisoformat(published[:10]) - date.fromisoformat(value)).days
    except ValueError:
        return False
    return 0 <= gap <= NEWS_DAYS


def count_dead(events: list[Event], dead_only: set[int], where: PlaceRelation) -> list[Event]:
    """A killing with no killer named («قتل 5 أشخاص», «مقتل فلان») after an event of its type
    whose date and place do not conflict with it counts that event's dead: it is merged into the
    nearest such event before it that it shares a date, a place or a participant with, else into
    the nearest such event, instead of being a happening of its own."""
    out: list[Event] = []
    for ev in events:
        earlier = None
        if id(ev) in dead_only:
            fits = [e for e in reversed(out) if compatible(e, ev, where)]
            earlier = next((e for e in fits if tied(e, ev)), fits[0] if fits else None)
        if earlier is None:
            out.append(ev)
        else:
            merge(earlier, ev, where)
    return out


def tied(a: Event, b: Event) -> bool:
    """Whether two events that do not conflict share a date, a place (the same, or one within the
    other's) or a participant."""
    return bool(
        (a.date is not None and a.date == b.date)
        or (a.location is not None and b.location is not None)
        or {p.entity for p in a.participants} & {p.entity for p in b.participants}
    )


def _dates_agree(a: str | None, b: str | None) -> bool:
    return not (a and b and not (a.startswith(b) or b.startswith(a)))


def _places_agree(a: str | None, b: str | None, where: PlaceRelation) -> bool:
    return not (a and b and not where.same(a, b))


def compatible(a: Event, b: Event, where: PlaceRelation) -> bool:
    """Same type and polarity, and no conflicting date or place."""
    if a.type != b.type or a.negated != b.negated:
        return False
    return _dates_agree(a.date, b.date) and _places_agree(a.location, b.location, where)


def _same_happening(a: Event, b: Event, where: PlaceRelation) -> bool:
    if not compatible(a, b, where) or "anchor_undated" in (a.date_basis, b.date_basis):
        return False  # a happening dated from an undated one («عشية القمة») is not that one
    pa, pb = {p.entity for p in a.participants}, {p.entity for p in b.participants}
    # a city and its country do not conflict, but only the same place ties two events: a
    # country is too large a place to say that two undated attacks in it are one
    if a.date and a.date == b.date or a.location and a.location == b.location:
        return not (pa and pb) or bool(pa & pb) or (pa <= pb or pb <= pa)
    if a.date and b.date:  # one date within the other: «الانتخابات» in June and on June 24
        return not (pa and pb) or (pa <= pb or pb <= pa)
    return bool(pa and pb) and (pa <= pb or pb <= pa)


def merge(into: Event, other: Event, where: PlaceRelation | None = None) -> None:
    """Add `other`'s participants, triggers, and the attributes `into` lacks; a city replaces the
    country it lies in."""
    have = {p.entity for p in into.participants}
    into.participants.extend(p for p in other.participants if p.entity not in have)
    into.triggers.extend(t for t in other.triggers if t not in into.triggers)
    more_precise = (
        where is not None
        and into.location is not None
        and other.location is not None
        and where.within(other.location, into.location)
    )
    if into.location is None or more_precise:
        into.location, into.location_precision = other.location, other.location_precision
    if into.date is None:
        into.date, into.date_precision, into.date_basis = other.date, other.date_precision, other.date_basis
    if into.killed is None:
        into.killed = other.killed
    if into.injured is None:
        into.injured = other.injured
    if into.modality != other.modality and "asserted" in (into.modality, other.modality):
        into.modality = "asserted"  # told once as done: it happened


def sort_triggers(ev: Event) -> None:
    """The main trigger first, then the others in text order, each once."""
    main = (ev.trigger_start, ev.trigger_end)
    ev.triggers = [main, *sorted({t for t in ev.triggers if t != main})]
