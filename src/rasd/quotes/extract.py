"""Quotation attribution: direct and indirect quotations, their cue, speaker and negation.

The rules, in the order they apply within each sentence (tokens left to right):

1. A **source phrase** («بحسب X», «وفقا لـX», «نقلا عن X») records X as the sentence's source and
   the document's latest source. When it opens the sentence and is followed by «، (ف)إن …» the
   clause is a quotation of X; when it closes a sentence without a reporting verb
   («…، بحسب مصادر أمنية») the text before it is.
2. A **reporting verb** (cues.tsv: every person, gender, number, with proclitics; jussive forms
   only after لم/لن/لا; not the impersonal «يذكر أن», «يشار إلى أن») is followed by its content,
   looked for in at most 45 tokens:
   - أن/إن (with a pronoun: أنه; with ب/ف: بأن، فإن; not after بعد، قبل، رغم … nor as لأن),
     or «إلى أن» → an indirect quotation from the next word up to the end of the clause;
   - when a quotation mark opens right after أن or «:», or a quoted passage of three or more words
     follows the verb and its subject, the quotation is that passage (direct), and no second
     indirect quotation is made of it;
   - «:» without marks → the rest of the clause, marked direct (verbatim by convention);
   - «إلى» + noun phrase for verbs that take it (دعا إلى);
   - otherwise, for verbs that take a noun-phrase object (أبرز، أكد، أعلن، نفى …), the object
     after the speaker phrase and any framing adverbial («بهذه المناسبة») is the content, if it
     has at least three words and the speaker was found (or the object starts with على/عن).
   The clause ends at the sentence end, a semicolon, a comma followed by a participle that opens
   a new circumstantial clause («، معربا …», «، معتبرا …»), or a reporting verb carrying و/ف or
   after a comma («وأضاف»).
   A participle cue («، معتبرا أن …») quotes with the speaker of the clause that governs it.
3. **Speaker**, first rule that applies:
   a. an explicit subject right after the verb (after framing adverbials and dates): a titled
      entity (the resolve stage's title span), a name or a resolved reference («الوزير»); a title
      word followed later in the subject by a person's name («أكد وزير …، فلان، إن»); an anonymous
      source («مصدر أمني», speaker None, the phrase kept); «المصدر ذاته/نفسه» → the latest source;
      a statement («بيان الخارجية») → its author. An explicit subject wins over a source phrase.
   b. a subject written before the verb («الوزارة قالت …», «وكان الوزير قد أكد …»);
   c. a source phrase earlier in the sentence;
   d. the previous quotation's speaker (a verb without subject: «وأضاف أن …»).
4. **Negation**: a negation particle right before the verb («لم يؤكد»), or a negating verb (نفى،
   أنكر) → `negated=True`. Negated speech is kept.
5. **Quoted fragments** not taken by a rule above: inside an indirect quotation, a fragment of two
   words or more is a partial direct quotation of the same speaker (يشكل”جهدا إضافيا”); a single
   quoted word inside it is a scare quote or a name («المتنامي», «داعش») and is not a quotation.
   Elsewhere a fragment is a quotation only with three words or more (five when no reporting verb
   or source phrase follows it: «“سلاح دمار شامل”» is a term), not right after a naming
   noun or a preposition («حملة “…”», «من “مبادرة …”») and not a bare entity name; its speaker
   comes from a reporting verb or source phrase right after it («“…”، قال الوزير»), else from the
   sentence's quotation, else, when it opens its sentence, from a quotation in the previous
   sentence (a paragraph that continues a quotation), else it is None.
6. A reporting verb inside an indirect quotation already made (before the end of its clause) is
   part of the reported words («… والتي نعترف أنها …») and starts no quotation of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.model import Document, Quote
from rasd.quotes.docindex import DocIndex, Hit
from rasd.quotes.lexicon import Cue, QuoteLexicon, strip_article
from rasd.quotes.marks import find_pairs
from rasd.text.normalize import norm_key

__all__ = ["extract_quotes"]

MAX_SCAN = 45  # tokens between a reporting verb and its complementizer
MAX_TITLE = 16  # tokens between a title word and the holder's name
MAX_NP = 6  # tokens of an anonymous speaker phrase
MIN_FREE_WORDS = 5  # words of a quoted passage that no reporting verb or source governs
_END_PUNCT = frozenset(".!?؟;؛")
_COMMAS = frozenset("،,")
_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "LOC", "MISC"})
_K = norm_key
_ILA = _K("إلى")
_QAD = frozenset({_K("قد"), _K("لقد")})
_STOP_NP = frozenset(_K(w) for w in ("في", "خلال", "أثناء", "عقب", "لدى", "إلى", "على", "عن", "من", "مع", "أمس", "اليوم", "مساء", "صباح", "حيث", "الذي", "التي", "والذي", "والتي", "أن", "إن"))
_PREPS = frozenset(_K(w) for w in ("في", "من", "عن", "على", "إلى", "مع", "لدى", "ضد", "حول", "عبر", "بين", "خلال", "نحو"))
_ON_ABOUT = frozenset(_K(w) for w in ("على", "عن"))


@dataclass(slots=True)
class Speaker:
    entity: str | None
    start: int | None
    end: int | None
    last: int  # last token of the speaker phrase, -1 when none is written
    kind: str  # name | reference | title | unnamed | statement | same | before | source | previous
    type: str = ""


class _Extractor:
    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.ix = DocIndex.of(doc)
        self.text = doc.text
        self.toks = doc.tokens
        self.quotes: list[Quote] = []
        self.last_speaker: Speaker | None = None
        self.last_speaker_sent = -10
        self.last_source: Speaker | None = None
        self.sent_source: Speaker | None = None
        self.consumed: set[int] = set()  # pairs used as a verb's content
        self.reported_until = -1  # token index where the last indirect quotation ends
        self.pairs = find_pairs(doc.text)
        self.cues = self._find_cues()
        self.source_index = _first_word_index(lex.sources)
        self.adverbial_index = _first_word_index(lex.adverbials)
        n = len(self.toks)
        self.open_at: dict[int, int] = {}  # token of an opening mark -> pair index
        self.close_tok: list[int] = []
        self.pair_words: list[int] = []
        self.inside: list[int] = [-1] * n  # token strictly inside a pair of 3+ words -> pair index
        for pi, (o, c) in enumerate(self.pairs):
            ot = self.ix.token_at(o)
            ct = self.ix.token_at(c)
            self.open_at[ot] = pi
            self.close_tok.append(ct)
            words = sum(1 for t in self.toks[ot + 1 : ct] if t.kind != "PUNCT" and t.kind != "SYMBOL")
            self.pair_words.append(words)
            if words >= 3:
                for i in range(ot + 1, ct):
                    self.inside[i] = pi

    # -- lexical tests ------------------------------------------------------------------------
    def _find_cues(self) -> list[Cue | None]:
        lex = self.lex
        forms, jussive, negs = lex.forms, lex.jussive, lex.negations
        out: list[Cue | None] = [None] * len(self.toks)
        prep = self.ix.prep
        bare = self.ix.bare
        prev_bare = ""
        for i, t in enumerate(self.toks):
            stem = t.stem
            if t.kind == "WORD" and not prep[i]:
                cue = forms.get(stem)
                if cue is None:
                    norm = t.norm
                    if norm != stem:
                        cue = forms.get(norm)
                    elif norm[0] in "وف" and len(norm) > 3:  # a proclitic the segmenter kept
                        cue = forms.get(norm[1:])
                    if cue is None and prev_bare in negs:
                        cue = jussive.get(stem) or jussive.get(norm)
                if cue is not None and (stem in lex.impersonal or t.norm in lex.impersonal) and self._before_comp(i):
                    cue = None  # «يذكر أن …», «يشار إلى أن …»: background, nobody's words
                out[i] = cue
            prev_bare = bare[i]
        return out

    def _before_comp(self, i: int) -> bool:
        toks, comps = self.toks, self.lex.complementizers
        j = i + 1
        if j < len(toks) and self.ix.bare[j] == _ILA:
            j += 1
        return j < len(toks) and toks[j].stem in comps

    def cue_at(self, i: int) -> Cue | None:
        return self.cues[i]

    def is_comp(self, i: int) -> bool:
        t = self.toks[i]
        if t.stem not in self.lex.complementizers:
            return False
        return not any(ch in "لك" for ch in self.ix.prefix(i))

    def punct(self, i: int) -> str:
        t = self.toks[i]
        return self.text[t.start] if t.kind == "PUNCT" else ""

    def head(self, i: int) -> str:
        return strip_article(self.toks[i].stem)

    def match_phrase(self, i: int, index: dict[str, list[tuple[str, ...]]], b: int) -> tuple[int, int] | None:
        """(index after the phrase, index where what follows begins) for a phrase at token i."""
        toks = self.toks
        t = toks[i]
        phrases = index.get(t.stem) or index.get(t.norm)
        if not phrases:
            return None
        for ph in phrases:
            j = i
            ok = True
            for w in ph:
                if w.endswith("-"):  # a proclitic on the next token, where X begins
                    if j >= b or not self.ix.prefix(j).endswith(w[:-1]):
                        ok = False
                    break
                if j >= b or (toks[j].stem != w and toks[j].norm != w):
                    ok = False
                    break
                j += 1
            if ok:
                return j, j
        return None

    # -- speakers -----------------------------------------------------------------------------
    def _hit_speaker(self, h: Hit, kind: str) -> Speaker:
        return Speaker(h.entity, h.start, h.end, h.last, kind if h.kind == "name" else h.kind, h.type)

    def _np_end(self, k: int, r1: int, limit: int) -> int:
        j = k
        while j + 1 < r1 and j + 1 - k < limit:
            t = self.toks[j + 1]
            if t.kind != "WORD" or len(t.stem) < 2 or self.ix.bare[j + 1] in _STOP_NP or self.is_comp(j + 1) or self.cue_at(j + 1):
                break
            if "ل" in self.ix.prefix(j + 1):
                break
            j += 1
        return j

    def skip_frames(self, k: int, r1: int) -> int:
        """Skip commas, framing adverbials and dates from token k."""
        while k < r1:
            if self.punct(k) in _COMMAS:
                k += 1
                continue
            d = self.ix.date_at.get(k)
            if d is not None:
                k = self.ix.token_at(d.end - 1) + 1
                continue
            m = self.match_phrase(k, self.adverbial_index, r1)
            if m is not None:
                k = m[0]
                continue
            break
        return k

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
        same = k + 1 < r1 and self.head(k + 1) in self.lex.speakers and self.lex.speakers[self.head(k + 1)] == "same"
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
        definite = toks[k].stem.startswith(_K("ال"))
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
                return Speaker(self.last_source.entity, start, toks[last].end, last, "same", self.last_source.type)
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
        while j >= a and self.ix.bare[j] in _QAD:
            j -= 1
        if j < a:
            return None
        h = self.ix.cover[j]
        if h is None or h.last != j or h.first < a:
            return None
        if self.ix.has_prep_clitic(h.first):
            return None
        if h.first > a and self.ix.bare[h.first - 1] in _PREPS:
            return None
        return self._hit_speaker(h, "before")

    def sentence_subject(self, a: int, i: int) -> Speaker | None:
        """The first person or organisation in [a, i) not governed by a preposition."""
        for j in range(a, i):
            h = self.ix.mention_at(j)
            if h is None or h.type not in ("PERSON", "ORG") or self.ix.has_prep_clitic(j):
                continue
            if j > a and self.ix.bare[j - 1] in _PREPS:
                continue
            return self._hit_speaker(h, "before")
        return None

    # -- emitting -----------------------------------------------------------------------------
    def clause_end(self, j: int, b: int) -> int:
        """Index of the first token after the clause that starts at token j (sentence ends at b)."""
        k = j
        while k < b:
            p = self.punct(k)
            if p and p in ";؛":
                return k
            if self.inside[k] >= 0:
                k = self.close_tok[self.inside[k]]
                continue
            if k > j:
                prev = self.punct(k - 1)
                t = self.toks[k]
                if prev in _COMMAS and t.stem in self.lex.boundaries:
                    return k - 1
                cue = self.cue_at(k)
                if cue is not None and not cue.participle and (prev in _COMMAS or self.ix.prefix(k)[:1] in ("و", "ف")):
                    return k
            k += 1
        return b

    def span(self, a: int, b: int) -> tuple[int, int] | None:
        """Character span of tokens [a, b) without leading/trailing punctuation."""
        toks = self.toks
        while a < b and toks[a].kind == "PUNCT" and self.text[toks[a].start] not in "«“\"":
            a += 1
        while b > a and toks[b - 1].kind == "PUNCT" and self.text[toks[b - 1].start] not in "»”\"":
            b -= 1
        if b <= a:
            return None
        return toks[a].start, toks[b - 1].end

    def emit(self, start: int, end: int, direct: bool, cue_tok: int | None, sp: Speaker | None, negated: bool) -> Quote:
        ct = self.toks[cue_tok] if cue_tok is not None else None
        q = Quote(
            start,
            end,
            direct,
            ct.start if ct else None,
            ct.end if ct else None,
            sp.entity if sp else None,
            sp.start if sp else None,
            sp.end if sp else None,
            negated,
            self.doc.sentence_index(start),
        )
        self.quotes.append(q)
        if sp is not None:
            self.last_speaker = sp
            self.last_speaker_sent = self.doc.sentence_index(start) or 0
            if sp.kind in ("unnamed", "statement", "source") or sp.type == "ORG":
                self.last_source = sp
        return q

    def emit_pair(self, pi: int, cue_tok: int | None, sp: Speaker | None, negated: bool) -> Quote:
        o, c = self.pairs[pi]
        self.consumed.add(pi)
        return self.emit(o + 1, c, True, cue_tok, sp, negated)

    # -- the rules ----------------------------------------------------------------------------
    def source_phrase(self, i: int, a: int, b: int) -> int:
        """Rule 1 at token i; returns the index to continue from (i when nothing matched)."""
        m = self.match_phrase(i, self.source_index, b)
        if m is None:
            return i
        x0 = self.skip_frames(m[1], b)
        if x0 < b and self.ix.bare[x0] == _K("ما"):  # «بحسب ما ذكرت الوكالة»
            x0 += 1
            if x0 < b and self.cue_at(x0):
                x0 += 1
        if x0 >= b:
            return m[0]
        sp = self.subject_after(x0, b)
        if sp is None:
            h = self.ix.mention_at(x0)
            if h is None:
                return m[0]
            sp = self._hit_speaker(h, "source")
        src = Speaker(sp.entity, sp.start, sp.end, sp.last, "source", sp.type)
        self.sent_source = src
        self.last_source = src
        after = sp.last + 1 if sp.last >= 0 else x0 + 1
        lead = i == a or (i == a + 1 and self.toks[a].kind == "WORD" and self.toks[a].stem in ("و", "ف"))
        if lead and after + 1 < b and self.punct(after) in _COMMAS and self.is_comp(after + 1):
            end = self.clause_end(after + 2, b)
            s = self.span(after + 2, end)
            if s:
                self.emit(s[0], s[1], False, i, src, False)
        elif i > a and self.punct(i - 1) in _COMMAS and not any(self.cue_at(j) for j in range(a, i)):
            # «…، بحسب مصادر أمنية»: what precedes is attributed to the source
            s = self.span(a, i - 1)
            if s and after >= b - 1 and not any(q.start >= s[0] and q.end <= s[1] for q in self.quotes):
                self.emit(s[0], s[1], False, i, src, False)
        return max(after, i + 1)

    def reporting_verb(self, i: int, cue: Cue, si: int, a: int, b: int) -> int:
        """Rule 2 for a cue at token i; returns the index to continue from."""
        toks = self.toks
        negated = cue.negating or (i > a and self.ix.bare[i - 1] in self.lex.negations)
        comps = cue.complements
        found = None
        j = i + 1
        limit = min(b, i + 1 + MAX_SCAN)
        while j < limit:
            pi = self.open_at.get(j)
            if pi is not None:
                if self.pair_words[pi] >= 3 and not self.names_follow(j):
                    found = ("quote", j, j, pi)
                    break
                j = self.close_tok[pi] + 1
                continue
            p = self.punct(j)
            if p:
                if p == ":" and "colon" in comps:
                    found = ("colon", j, j, -1)
                    break
                if p in _END_PUNCT:
                    break
                j += 1
                continue
            if self.is_comp(j):
                prev = self.ix.bare[j - 1]
                if prev == _ILA:
                    found = ("an", j, j - 1, -1)
                    break
                if prev not in self.lex.blockers:
                    found = ("an", j, j, -1)
                    break
            elif self.ix.bare[j] == _ILA and "ila" in comps and not (j + 1 < b and self.is_comp(j + 1)):
                found = ("ila", j, j, -1)
                break
            if j > i + 1 and (self.cue_at(j) or (self.punct(j - 1) in _COMMAS and toks[j].stem in self.lex.boundaries)):
                break
            j += 1
        if cue.participle:
            sp = self.governing_speaker(si, i, a)
            region_end = i + 1
        else:
            region_end = found[2] if found else None
            sp = self.subject_after(i + 1, region_end if region_end is not None else b)
        if found is None:
            if "obj" not in comps or cue.participle:
                return i + 1
            return self.object_quote(i, cue, sp, negated, a, b)
        kind, j, _, pair = found
        if sp is None and not cue.participle:
            sp = self.subject_before(i, a) or self.sent_source or self.previous_speaker(si)
        if kind == "quote":
            self.emit_pair(pair, i, sp, negated)
            return self.close_tok[pair] + 1
        start = j + 1
        if start < b and kind == "colon" and self.is_comp(start):
            start += 1
            kind = "an"
        pi = self.open_at.get(start)
        if pi is not None:
            self.emit_pair(pi, i, sp, negated)
            return self.close_tok[pi] + 1
        end = self.clause_end(start, b)
        s = self.span(start, end)
        if s is None:
            return start
        self.emit(s[0], s[1], kind == "colon", i, sp, negated)
        self.reported_until = end
        return start

    def object_quote(self, i: int, cue: Cue, sp: Speaker | None, negated: bool, a: int, b: int) -> int:
        if sp is not None and sp.last >= 0:
            start = sp.last + 1
        elif i + 1 < b and self.ix.bare[i + 1] in _ON_ABOUT:
            start = i + 1
            sp = self.subject_before(i, a) or self.sent_source or self.previous_speaker(self.ix.sent_of[i])
        else:
            return i + 1
        start = self.skip_frames(start, b)
        end = self.clause_end(start, b)
        words = sum(1 for t in self.toks[start:end] if t.kind == "WORD")
        s = self.span(start, end)
        if s is None or words < 3:
            return i + 1
        self.emit(s[0], s[1], False, i, sp, negated)
        self.reported_until = end
        return start

    def governing_speaker(self, si: int, i: int, a: int) -> Speaker | None:
        for q in reversed(self.quotes):
            if q.sentence != si or q.cue_start is None or q.cue_start >= self.toks[i].start:
                break
            return Speaker(q.speaker, q.speaker_start, q.speaker_end, -1, "previous", self.ix.type_of(q.speaker))
        return self.sentence_subject(a, i) or self.previous_speaker(si)

    def previous_speaker(self, si: int) -> Speaker | None:
        sp = self.last_speaker
        if sp is None:
            return None
        return Speaker(sp.entity, None, None, -1, "previous", sp.type)

    def fragments(self, si: int, a: int, b: int) -> None:
        """Rule 5 for the quoted fragments that open in sentence si."""
        if a >= b:
            return
        lo, hi = self.toks[a].start, self.toks[b - 1].end
        for pi, (o, c) in enumerate(self.pairs):
            if o < lo or o >= hi or pi in self.consumed:
                continue
            words = self.pair_words[pi]
            if words == 0:
                continue
            ot, ct = self.open_at_rev(pi), self.close_tok[pi]
            if any(self.pairs[p2][0] < o and c < self.pairs[p2][1] for p2 in self.consumed):
                continue  # nested in a quotation already taken
            outer = next((q for q in self.quotes if not q.direct and q.start <= o and c <= q.end), None)
            if outer is not None:
                if words >= 2 and not self.is_name(ot, ct):
                    self.emit_pair_like(pi, outer)
                continue
            if words < 3 or self.is_name(ot, ct) or self.names_follow(ot):
                continue
            sp, cue_tok, neg = self.speaker_after_pair(ct, b)
            if cue_tok is None and words < MIN_FREE_WORDS:
                continue  # «“سلاح دمار شامل”»: a term in quotation marks, nobody's words
            if cue_tok is None and sp is None:
                same = [q for q in self.quotes if q.sentence == si and q.speaker_start is not None]
                if same:
                    q = same[-1]
                    sp = Speaker(q.speaker, q.speaker_start, q.speaker_end, -1, "previous", self.ix.type_of(q.speaker))
                elif ot == a and self.last_speaker is not None and self.last_speaker_sent >= si - 1:
                    sp = self.previous_speaker(si)  # a paragraph that continues a quotation
            self.emit_pair(pi, cue_tok, sp, neg)

    def names_follow(self, ot: int) -> bool:
        """Whether the quoted passage opening at token ot is a name: after a preposition
        («من “مبادرة …”») or a naming noun («مدونة تسمى “…”», «حملة “…”»)."""
        if ot == 0:
            return False
        k = ot - 1
        return self.ix.bare[k] in _PREPS or self.ix.prep[k] or self.head(k) in self.lex.naming

    def opens_circumstantial(self, i: int, a: int, b: int) -> bool:
        """A participle cue counts after a comma, or right before its complementizer or «:»."""
        if i > a and self.punct(i - 1) in _COMMAS:
            return True
        return i + 1 < b and (self.is_comp(i + 1) or self.punct(i + 1) == ":")

    def open_at_rev(self, pi: int) -> int:
        return self.ix.token_at(self.pairs[pi][0])

    def is_name(self, ot: int, ct: int) -> bool:
        """Whether the quoted tokens (ot, ct) are exactly one entity mention."""
        h = self.ix.at_start.get(ot + 1)
        return h is not None and h.last == ct - 1

    def emit_pair_like(self, pi: int, outer: Quote) -> None:
        o, c = self.pairs[pi]
        self.consumed.add(pi)
        self.quotes.append(
            Quote(o + 1, c, True, outer.cue_start, outer.cue_end, outer.speaker, outer.speaker_start, outer.speaker_end, outer.negated, self.doc.sentence_index(o + 1))
        )

    def speaker_after_pair(self, ct: int, b: int) -> tuple[Speaker | None, int | None, bool]:
        k = ct + 1
        while k < b and self.punct(k) in _COMMAS:
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

    def run(self) -> list[Quote]:
        ix = self.ix
        for si, (a, b) in enumerate(ix.sent_ranges):
            self.sent_source = None
            i = a
            while i < b:
                if self.inside[i] >= 0:
                    i = self.close_tok[self.inside[i]] + 1
                    continue
                nxt = self.source_phrase(i, a, b)
                if nxt != i:
                    i = nxt
                    continue
                cue = self.cue_at(i)
                if cue is not None and i < self.reported_until:
                    cue = None  # a verb inside reported speech belongs to the speaker's words
                if cue is not None and (not cue.participle or self.opens_circumstantial(i, a, b)):
                    i = max(i + 1, self.reporting_verb(i, cue, si, a, b))
                    continue
                i += 1
            self.fragments(si, a, b)
        self.quotes.sort(key=lambda q: (q.start, -q.end))
        return self.quotes


def _first_word_index(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for ph in sorted(phrases, key=len, reverse=True):  # longest first
        out.setdefault(ph[0], []).append(ph)
    return out


def extract_quotes(doc: Document, lex: QuoteLexicon) -> list[Quote]:
    """The quotations of `doc` (which needs tokens, sentences, and optionally entities and dates)."""
    return _Extractor(doc, lex).run()
