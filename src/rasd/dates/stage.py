"""The `dates` pipeline stage: fills `doc.dates` and `doc.quantities`.

A week («الأسبوع الماضي», «هذا الأسبوع») is read like the other relative expressions but is not
one of the document's dates (it points at no day, month or year); `periods` gives the weeks of a
text, which the events layer dates events by.

Four compiled patterns (numeric dates, month-name dates, years, relative expressions) run over the
matching key of the text, each tried only at the words it can start with (one pass over the words
and a dict lookup decide that); overlapping finds are settled longest first; quantities are read
after, skipping numbers inside dates. Spans are mapped back to the original text with `key_span`, so
`doc.text[start:end]` is exactly what was matched, tashkeel included, clitic excluded.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rasd.dates.absolute import Context, Hit, month, numeric, year
from rasd.dates.calendars import parse_published
from rasd.dates.errors import BadPublished, UnknownOption
from rasd.dates.keys import fold, span
from rasd.dates.patterns import DIGIT_RULES, MONTH, NUMERIC, QUANTITY, RELATIVE, YEAR, patterns
from rasd.dates.quantities import find_quantities, overlaps
from rasd.dates.relative import WEEK, relative
from rasd.model import DateSpan, Document, Quantity
from rasd.pipeline.registry import register

OPTIONS = {"infer_year": True, "quantities": True}
PERIODS = "dates.periods"  # the key of a document's weeks in `doc.views`


@dataclass(slots=True)
class Extraction:
    dates: list[DateSpan]
    quantities: list[Quantity]
    warnings: list[str]
    periods: list[DateSpan]  # the weeks the text names (precision week): not dates (see `periods`)


def candidates(key: str) -> list[tuple[int, int]]:
    """(offset, rule mask) of every word of `key` that some rule's pattern can start with."""
    pats = patterns()
    trig = pats.triggers
    return [(m.start(), trig[w] if (w := m["w"]) else DIGIT_RULES) for m in pats.trigger.finditer(key)]


def find_hits(key: str, ctx: Context, cands: list[tuple[int, int]]) -> list[Hit]:
    """All date finds in `key`, overlaps settled (longest first, then leftmost), in text order."""
    pats = patterns()
    hits: list[Hit] = []
    for rule, pattern, handle in (
        (NUMERIC, pats.numeric, lambda m: numeric(m, ctx)),
        (MONTH, pats.month, lambda m: month(m, key, ctx)),
        (YEAR, pats.year, lambda m: year(m, key, ctx)),
        (RELATIVE, pats.relative, lambda m: relative(m, key, ctx)),
    ):
        done = 0
        for pos, mask in cands:
            if not mask & rule or pos < done:
                continue
            m = pattern.match(key, pos)
            if m is not None and (h := handle(m)) is not None:
                hits.append(h)
                done = h.end
    if len(hits) < 2:
        return hits
    hits.sort(key=lambda h: (h.start - h.end, h.start))
    # `kept` stays sorted by start and its spans are disjoint, so a new hit can only overlap its
    # two neighbours (checking every kept hit was quadratic on a long document)
    kept: list[Hit] = []
    starts: list[int] = []
    for h in hits:
        if h.start >= h.end:
            ok = all(h.end <= k.start or h.start >= k.end for k in kept)
        else:
            i = bisect_left(starts, h.start)
            ok = all(h.end <= k.start or h.start >= k.end for k in kept[max(0, i - 1) : i + 1])
        if ok:
            i = bisect_right(starts, h.start)
            kept.insert(i, h)
            starts.insert(i, h.start)
    return kept


def extract(
    text: str, published: str | date | None = None, *, infer_year: bool = True, quantities: bool = True
) -> Extraction:
    """Dates and quantities in `text`, relative dates resolved against `published` (an ISO date
    string YYYY-MM-DD, or a `datetime.date`). A string that is not an ISO date adds a warning (E303)
    and leaves relative values None."""
    warnings: list[str] = []
    ref = None
    if isinstance(published, date):
        ref = published
    elif published:
        ref = parse_published(published)
        if ref is None:
            warnings.append(str(BadPublished(value=published)))
    key, offsets = fold(text)
    ctx = Context(ref, infer_year)
    cands = candidates(key)
    hits = find_hits(key, ctx, cands)
    dates, weeks = [], []
    for h in hits:
        start, end = span(text, offsets, h.start, h.end)
        (weeks if h.precision == WEEK else dates).append(DateSpan(start, end, h.value, h.kind, h.precision, h.flags))
    quants: list[Quantity] = []
    if quantities:
        mask = overlaps([(h.start, h.end) for h in hits], len(key))
        starts = [pos for pos, rules in cands if rules & QUANTITY]

        def original(a: int, b: int) -> str:
            start, end = span(text, offsets, a, b)
            return text[start:end]

        for a, b, value, unit, approx in find_quantities(
            key, starts, mask, {h.start for h in hits}, original
        ):
            start, end = span(text, offsets, a, b)
            quants.append(Quantity(start, end, value, unit, approx))
    return Extraction(dates, quants, warnings, weeks)


def periods(doc: Document) -> list[DateSpan]:
    """The weeks `doc` names («الأسبوع الماضي», «قبل أسبوعين»), as DateSpans of precision "week"
    whose value is a day of that week (the publication date moved by whole weeks): kept by the
    dates stage with the document (`doc.views`), read again from the text otherwise."""
    found = doc.views.get(PERIODS)
    if found is None:
        found = doc.views[PERIODS] = extract(doc.text, doc.published, quantities=False).periods
    return found


@register("dates")
class DatesStage:
    """Absolute, numeric, Hijri and relative dates, and quantities with their units.

    Options (the `[dates]` table of the configuration):
      infer_year  (default true)  give a month or day written without a year the year that puts it
                                  nearest before the publication date; false leaves its value None
      quantities  (default true)  also fill `doc.quantities`
    """

    name: ClassVar[str] = "dates"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("dates", "quantities")

    def __init__(self, **options: Any) -> None:
        for opt in options:
            if opt not in OPTIONS:
                raise UnknownOption(name=opt, known=", ".join(sorted(OPTIONS)))
        self.options = {**OPTIONS, **options}
        patterns()  # load the data and compile the patterns now, not on the first document

    def __call__(self, doc: Document) -> Document:
        found = extract(doc.text, doc.published, **self.options)
        doc.dates = found.dates
        doc.quantities = found.quantities
        doc.views[PERIODS] = found.periods
        doc.warnings.extend(found.warnings)
        return doc
