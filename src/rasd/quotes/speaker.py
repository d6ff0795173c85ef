"""Who said it: the speaker rules of the quotation stage (rule 3 of `rasd.quotes.extract`).

An explicit subject after the reporting verb (a titled person, a name, a resolved reference, an
anonymous source, «المصدر ذاته», a statement's author), else a subject before the verb, else a
source phrase of the sentence, else the previous quotation's speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.model import Document, Quote
from rasd.quotes.docindex import Hit
from rasd.quotes.lexicon import QuoteLexicon
from rasd.quotes.view import COMMAS, MAX_NP, MAX_TITLE, PREPS, QAD, STOP_NP, K, QuoteView

__all__ = ["Speaker", "SpeakerRules"]


@dataclass(slots=True)
class Speaker:
    entity: str | None
    start: int | None
    end: int | None
    last: int  # last token of the speaker phrase, -1 when none is written
    kind: str  # name | reference | title | unnamed | statement | same | before | source | previous
    type: str = ""


class SpeakerRules(QuoteView):
    """The speaker rules, with what they remember of the document read so far."""

    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        super().__init__(doc, lex)
        self.quotes: list[Quote] = []
        self.last_speaker: Speaker | None = None
        self.last_speaker_sent = -10
        self.last_source: Speaker | None = None
        self.sent_source: Speaker | None = None

    def _hit_speaker(self, h: Hit, kind: str) -> Speaker:
        return Speaker(h.entity, h.start, h.end, h.last, kind if h.kind == "name" else h.kind, h.type)

    def _np_end(self, k: int, r1: int, limit: int) -> int:
        j = k
        while j + 1 < r1 and j + 1 - k < limit:
            t = self.toks[j + 1]
            if (
                t.kind != "WORD"
                or len(t.stem) < 2
                or self.ix.bare[j + 1] in STOP_NP
                or self.is_comp(j + 1)
                or self.cue_at(j + 1)
            ):
                break
            if "ل" in self.ix.prefix(j + 1):
                break
            j += 1
        return j

    def latest_source(self) -> Speaker | None:
        src = self.last_source or self.last_speaker
        if src is None:
            return None
        return Speaker(src.entity, None, None, -1, "same", src.type)

    def subject_after(self, r0: int, r1: int) -> Speaker | None:
        """The explicit subject in tokens [r0, r1) after a reporting verb."""
        k = self.skip_frames(r0, r1)
        if k >= r1:
            return None
        toks = self.toks
        h = self.ix.mention_at(k)
        head = self.head(k)
        cls = self.lex.speakers.get(head)
        if h is not None and not self.ix.has_prep_clitic(k):
            if h.kind == "title" or h.type == "PERSON" or cls not in ("title", "statement"):
                return self._hit_speaker(h, "name")
        if cls is None or cls == "same" or self.ix.has_prep_clitic(k) or toks[k].kind != "WORD":
            return None
        start = toks[k].stem_start
        same = (
            k + 1 < r1
            and self.head(k + 1) in self.lex.speakers
            and self.lex.speakers[self.head(k + 1)] == "same"
        )
        if cls == "title":
            for j in range(k + 1, min(r1, k + MAX_TITLE)):
                if self.cue_at(j):
                    break
                hj = self.ix.mention_at(j)
                if hj is not None and hj.type == "PERSON":
                    return Speaker(hj.entity, start, hj.end, hj.last, "title", "PERSON")
            if h is not None:  # a reference such as «الوزير» resolved to its holder
                return self._hit_speaker(h, "reference")
            if same:
                src = self.latest_source()
                if src is not None:
                    return Speaker(src.entity, start, toks[k + 1].end, k + 1, "same", src.type)
            end = self._np_end(k, r1, MAX_TITLE)
            return Speaker(None, start, toks[end].end, end, "unnamed")
        definite = toks[k].stem.startswith(K("ال"))
        if cls == "statement":
            if not same:
                for j in range(k + 1, min(r1, k + 5)):
                    hj = self.ix.mention_at(j)
                    if hj is not None and hj.type in ("ORG", "PERSON", "LOC"):
                        return Speaker(hj.entity, start, hj.end, hj.last, "statement", hj.type)
                    if self.punct(j):
                        break
            if (same or definite) and self.last_source is not None:
                last = k + 1 if same else k
                return Speaker(
                    self.last_source.entity, start, toks[last].end, last, "same", self.last_source.type
                )
        elif same or (definite and cls == "source"):
            src = self.latest_source()
            last = k + 1 if same else k
            if src is not None:
                return Speaker(src.entity, start, toks[last].end, last, "same", src.type)
        end = self._np_end(k, r1, MAX_NP)
        return Speaker(None, start, toks[end].end, end, "unnamed")

    def subject_before(self, i: int, a: int) -> Speaker | None:
        """A subject written right before the verb («الوزارة قالت», «الوزير قد أكد»)."""
        j = i - 1
        while j >= a and self.ix.bare[j] in QAD:
            j -= 1
        if j < a:
            return None
        h = self.ix.cover[j]
        if h is None or h.last != j or h.first < a:
            return None
        if self.ix.has_prep_clitic(h.first):
            return None
        if h.first > a and self.ix.bare[h.first - 1] in PREPS:
            return None
        return self._hit_speaker(h, "before")

    def sentence_subject(self, a: int, i: int) -> Speaker | None:
        """The first person or organisation in [a, i) not governed by a preposition."""
        for j in range(a, i):
            h = self.ix.mention_at(j)
            if h is None or h.type not in ("PERSON", "ORG") or self.ix.has_prep_clitic(j):
                continue
            if j > a and self.ix.bare[j - 1] in PREPS:
                continue
            return self._hit_speaker(h, "before")
        return None

    def governing_speaker(self, si: int, i: int, a: int) -> Speaker | None:
        for q in reversed(self.quotes):
            if q.sentence != si or q.cue_start is None or q.cue_start >= self.toks[i].start:
                break
            return Speaker(
                q.speaker, q.speaker_start, q.speaker_end, -1, "previous", self.ix.type_of(q.speaker)
            )
        return self.sentence_subject(a, i) or self.previous_speaker(si)

    def previous_speaker(self, si: int) -> Speaker | None:
        sp = self.last_speaker
        if sp is None:
            return None
        return Speaker(sp.entity, None, None, -1, "previous", sp.type)

    def speaker_after_pair(self, ct: int, b: int) -> tuple[Speaker | None, int | None, bool]:
        k = ct + 1
        while k < b and self.punct(k) in COMMAS:
            k += 1
        if k >= b:
            return None, None, False
        cue = self.cue_at(k)
        if cue is not None and not cue.participle:
            sp = self.subject_after(k + 1, b) or self.previous_speaker(self.ix.sent_of[k])
            neg = cue.negating or self.ix.bare[k - 1] in self.lex.negations
            return sp, k, neg
        m = self.match_phrase(k, self.source_index, b)
        if m is not None:
            sp = self.subject_after(m[1], b)
            if sp is None:
                h = self.ix.mention_at(m[1]) if m[1] < b else None
                sp = self._hit_speaker(h, "source") if h else None
            return sp, k, False
        return None, None, False
