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
5. **Quoted fragments** not taken by a rule above: inside an indirect quotation, a fragment is
   part of that statement (a partial quotation: يشكل”جهدا إضافيا”), or a scare quote or a name
   («المتنامي», «داعش»), never a quotation of its own: one statement is one quotation.
   Elsewhere a fragment is a quotation only with three words or more (five when no reporting verb
   or source phrase follows it: «“سلاح دمار شامل”» is a term), not right after a naming
   noun or a preposition («حملة “…”», «من “مبادرة …”») and not a bare entity name; its speaker
   comes from a reporting verb or source phrase right after it («“…”، قال الوزير»), else from the
   sentence's quotation, else, when it opens its sentence, from a quotation in the previous
   sentence (a paragraph that continues a quotation), else it is None.
6. A reporting verb inside an indirect quotation already made (before the end of its clause) is
   part of the reported words («… والتي نعترف أنها …») and starts no quotation of its own.
7. **Headlines**: «X: …» at the start of a sentence, X one or more names joined by و, is X's
   (a related story's title in the body too); it does not become the speaker that later
   statements continue.

Who speaks is read as a reader reads it (`rasd.quotes.speaker`): agreement of the verb, bodies
of spokesmen, head nouns and titles that refer back, no carry-over across a new subject; names
the entity layer missed in a speaker's place are added first (`rasd.quotes.names`).
"""

from __future__ import annotations

from bisect import bisect_left

from rasd.model import Document, Quote
from rasd.quotes.lexicon import Cue, QuoteLexicon
from rasd.quotes.speaker import PREP_PRONOUNS, Speaker, SpeakerRules
from rasd.quotes.view import COMMAS, END_PUNCT, ILA, MAX_SCAN, MAX_TITLE, MIN_FREE_WORDS, ON_ABOUT, STOP_NP, K
from rasd.text.clitics import word_count
from rasd.text.docindex import Hit

# verbs that always take an object before their complement («وصف X بـ…», «اتهم X بـ…»): with one
# noun phrase between the verb and the complement, that phrase is the object (دعا and طالب are
# not among them: «طالب المحتجون بالإفراج» has a subject and no object)
OBJECT_FIRST = {"وصف": "ب", "اتهم": "ب"}
# verbs of calling on someone: inside a sentence, a body right before these marks is the one called on
CALLED_ON = {"دعا": "لإ", "طالب": "ب"}
SOURCE_TAIL = 8
# verbs after which a noun and an imperfect verb describing it stand («رفع المتظاهرون لافتات تطالب»)
DESCRIBED_AFTER = frozenset(K(w) for w in ("رفع", "رفعوا", "رفعت", "حمل", "حملوا", "حملت", "وقع", "وقعوا"))  # tokens after a closing source phrase's source before the sentence ends

__all__ = ["extract_quotes"]


class _Extractor(SpeakerRules):
    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        super().__init__(doc, lex)
        self.consumed: set[int] = set()  # pairs used as a verb's content
        self.reported_until = -1  # token index where the last indirect quotation ends
        self.sent_quotes = 0  # index in self.quotes of the first quotation found in the current sentence
        self._pairs_ix: tuple[list[int], list[list[int]]] | None = None

    def emit(
        self, start: int, end: int, direct: bool, cue_tok: int | None, sp: Speaker | None, negated: bool
    ) -> Quote:
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
            sp.kind if sp is not None else "",
        )
        self.quotes.append(q)
        if sp is not None and not sp.embedded:
            self.last_speaker = sp
            self.last_speaker_sent = self.doc.sentence_index(start) or 0
            if sp.kind in ("unnamed", "statement", "source") or sp.type == "ORG":
                self.last_source = sp
            if sp.kind == "statement" and sp.entity is not None:
                self.last_statement = sp
        return q

    def emit_pair(self, pi: int, cue_tok: int | None, sp: Speaker | None, negated: bool) -> Quote:
        o, c = self.pairs[pi]
        self.consumed.add(pi)
        return self.emit(o + 1, c, True, cue_tok, sp, negated)

    def _cue_with_object(self, k: int) -> bool:
        """A reporting verb with an object pronoun («أعلنته», «ذكرتها»), which the cue list has without it."""
        n = self.ix.norms[k]
        return any(n.endswith(suf) and n[: -len(suf)] in self.lex.forms for suf in ("ها", "هم", "ه"))

    def source_phrase(self, i: int, a: int, b: int) -> int:
        """Rule 1 at token i; returns the index to continue from (i when nothing matched)."""
        m = self.match_phrase(i, self.source_index, b)
        if m is None:
            return i
        x0 = self.skip_frames(m[1], b)
        said = False
        if x0 < b and self.ix.bare[x0] == K("ما"):  # «بحسب ما ذكرت الوكالة»
            x0 += 1
            said = True
        if x0 < b and (self.cue_at(x0) or (said and self._cue_with_object(x0))):  # «حسبما أفادت الوكالة», «حسب ما أعلنته الوزارة»
            x0 += 1
            if said and x0 < b and self.ix.norms[x0] in PREP_PRONOUNS:
                x0 += 1  # «بحسب ما أفاد به مصدر»
        if x0 >= b:
            return m[0]
        sp = self.subject_after(x0, b)
        if sp is None:
            h = self.ix.mention_at(x0)
            if h is not None:
                sp = self._hit_speaker(h, "source")
            else:  # «…، بحسب الشرطة»: a source the document does not name
                sp = self.unresolved_subject(x0, b)
                if sp is None or self.plain_indefinite(sp.last if sp.last >= 0 else x0, x0):
                    return m[0]  # «وفق شروط»: in keeping with conditions, nobody's words
        src = Speaker(sp.entity, sp.start, sp.end, sp.last, "source", sp.type)
        self.sent_source = src
        self.last_source = src
        after = sp.last + 1 if sp.last >= 0 else x0 + 1
        lead = i == a or (i == a + 1 and self.toks[a].kind == "WORD" and self.toks[a].stem in ("و", "ف"))
        comp = after + 1 if after + 1 < b and self.punct(after) in COMMAS else after
        if lead and not (comp < b and self.is_comp(comp)):  # «وبحسب مصدر قريب من الصفقة، فإن …»
            for m in range(after, min(b - 1, after + 6)):
                if self.punct(m) in COMMAS and self.is_comp(m + 1):
                    comp = m + 1
                    break
                if self.punct(m) or self.cue_at(m) or self.is_comp(m):
                    break
        if lead and comp < b and self.is_comp(comp):  # «بحسب X، فإن …», «وبحسب X فإن …»
            end = self.clause_end(comp + 1, b)
            s = self.span(comp + 1, end)
            if s:
                self.emit(s[0], s[1], False, i, src, False)
        elif i > a + 1 and not self.quoted_between(a, i) and self.source_closes(after, b):
            # «…، بحسب مصادر أمنية», «… حسبما أفاد ناشطون»: what precedes is the source's
            s = self.span(a, i - 1 if self.punct(i - 1) in COMMAS else i)
            if s and not any(q.start < s[1] and s[0] < q.end for q in self.quotes):
                self.emit(s[0], s[1], False, i, src, False)
        return max(after, i + 1)

    def plain_indefinite(self, last: int, x0: int) -> bool:
        """Whether the unnamed source at tokens [x0, last] is one indefinite common noun that names no
        speaker («وفق شروط», «حسب معايير»), unlike «بحسب الشرطة» or «بحسب مصادر» (speakers.tsv)."""
        k = self.skip_frames(x0, last + 1)
        if k > last:
            return False
        return last == k and not self.toks[k].stem.startswith(K("ال")) and self.head(k) not in self.lex.speakers

    def quoted_between(self, a: int, i: int) -> bool:
        """Whether a quotation already found has its cue in tokens [a, i)."""
        lo, hi = self.toks[a].start, self.toks[i].start
        return any(q.cue_start is not None and lo <= q.cue_start < hi for q in self.quotes[self.sent_quotes :])

    def source_closes(self, after: int, b: int) -> bool:
        """Whether a source phrase ending before token `after` closes what precedes it: the
        sentence ends soon after, or the phrase stands between commas («…، بحسب الشرطة، في …»)."""
        if b - after <= SOURCE_TAIL:
            return True
        k = after
        while k < b and self.ix.date_cover[k] is not None:
            k += 1
        return k < b and self.punct(k) in COMMAS

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
                ct = self.close_tok[pi]
                # «حزب … "الفائز بالانتخابات" أنه …»: a quoted phrase that a complementizer follows
                # describes what stands before it; the content is the clause after
                then = ct + 2 if ct + 1 < b and self.punct(ct + 1) in COMMAS else ct + 1
                described = then < b and self.is_comp(then)
                if self.pair_words[pi] >= 3 and not self.names_follow(j) and not self.is_name(j, ct) and not described:
                    found = ("quote", j, j, pi)
                    break
                j = self.close_tok[pi] + 1
                continue
            p = self.punct(j)
            if p:
                if p == ":" and "colon" in comps:
                    found = ("colon", j, j, -1)
                    break
                if p in END_PUNCT:
                    break
                j += 1
                continue
            if self.is_comp(j):
                prev = self.ix.bare[j - 1]
                if prev == ILA:
                    found = ("an", j, j - 1, -1)
                    break
                if prev not in self.lex.blockers:
                    found = ("an", j, j, -1)
                    break
            elif self.ix.bare[j] == ILA and "ila" in comps and not (j + 1 < b and self.is_comp(j + 1)):
                found = ("ila", j, j, -1)
                break
            elif "ل" in CALLED_ON.get(cue.lemma, "") and self.ix.prefix(j)[-1:] == "ل" and toks[j].kind == "WORD":
                found = ("lam", j - 1, j, -1)  # «دعا فلان الاتحاد للمساهمة في …»: what was called for
                break
            if j > i + 1 and (
                self.cue_at(j) or (self.punct(j - 1) in COMMAS and toks[j].stem in self.lex.boundaries)
            ):
                break
            j += 1
        agr = self.agreement(i)
        if cue.participle:
            sp = self.governing_speaker(si, i, a, agr)
            region_end = i + 1
        else:
            region_end = found[2] if found else None
            sp = self.described_noun(i, a)  # «لافتات تطالب الأمم المتحدة بـ…»: the banners ask
            if sp is None:
                sp = self.subject_after(i + 1, region_end if region_end is not None else b)
                self.learn(sp, agr)
        called = None  # the token after the object of a call («ويدعو الاتحاد الأوروبي للمساهمة …»)
        if sp is not None and sp.last >= 0 and i > a and sp.type in ("ORG", "LOC") and self.called_on(cue, sp.last + 1):
            called = sp.last + 1
            sp = self.fitting(self.subject_before(i, a, agr), agr) or (
                self.fitting(self.clause_subject(a, i), agr) if i > a + 1 else None
            )
        if found is None:
            if "obj" not in comps:
                return i + 1
            if cue.participle:  # «، مبررا ذلك باكتشاف …»: the object, with the governing speaker
                if not (i > a and self.punct(i - 1) in COMMAS):
                    return i + 1
                return self.object_quote(i, cue, sp, negated, a, b, agr, start_at=i + 1)
            return self.object_quote(i, cue, sp, negated, a, b, agr, start_at=called)
        kind, j, _, pair = found
        if sp is None and not cue.participle and called is None:  # «ونقل عن مصدر عسكري أن …»
            sp = self.quoted_from_at(self.skip_frames(i + 1, b), b)
        if (
            sp is None and not cue.participle and called is None
            and not (i > a and self.speaker_class(i - 1) == "statement")
        ):
            sp = self.unresolved_subject(i + 1, region_end if region_end is not None else b)
            if sp is not None and kind == "lam":
                sp = None  # «ودعا التونسيين لاسترجاع الثقة»: a noun before «لـ» is whom the call is to
        # «ووصف تحقيق فلان بأنه …»: what was described, not who described it
        if sp is not None and sp.last >= 0 and self.object_first(cue, sp.last + 1):
            sp = None
        elif sp is None and not cue.participle and i > a and self.speaker_class(i - 1) == "statement":
            sp = self.sentence_subject(a, i - 1)  # «وأصدر الجيش بيانا أكد فيه أن …»
        if sp is not None and not cue.participle:
            sp = self.quoted_from(sp, region_end if region_end is not None else b)
        if sp is None and not cue.participle:
            sp = (
                self.fitting(self.subject_before(i, a, agr), agr)
                or self.fronted_subject(i, a)
                or self.fitting(self.sent_source, agr)
                # «التقى الرئيس وفدا …، وشدد خلال اللقاء على أن …»: the subject of an earlier clause
                or (self.fitting(self.clause_subject(a, i), agr) if i > a + 1 else None)
                or self.previous_speaker(si, agr)
            )
        if kind == "quote":
            self.emit_pair(pair, i, sp, negated)
            return self.close_tok[pair] + 1
        start = j + 1
        if start < b and kind == "colon" and self.is_comp(start):
            start += 1
            kind = "an"
        pi = self.open_at.get(start)
        # «أن "…" في الموسم المقبل»: when the clause goes on after the quoted words, the content is
        # the clause, with the partial quotation inside it
        goes_on = pi is not None and self.close_tok[pi] + 1 < b and self.toks[self.close_tok[pi] + 1].kind == "WORD"
        if pi is not None and not goes_on:
            self.emit_pair(pi, i, sp, negated)
            return self.close_tok[pi] + 1
        end = self.clause_end(start, b)
        s = self.span(start, end)
        if s is None:
            return start
        self.emit(s[0], s[1], kind == "colon", i, sp, negated)
        self.reported_until = end
        return start

    def described_noun(self, i: int, a: int) -> Speaker | None:
        """An indefinite noun right before a verb in the imperfect is what the verb describes
        («لافتات تطالب …», «تقارير تشير إلى …»): that noun, unnamed, is the speaker, and what
        follows the verb is its object, not its subject."""
        if i <= a or self.ix.prefix(i):
            return None
        verb = self.ix.norms[i]
        if verb[:1] not in ("ي", "ت"):
            return None
        k = i - 1
        t = self.toks[k]
        if (
            t.kind != "WORD"
            or self.ix.cover[k] is not None
            or self.ix.prefix(k)
            or t.stem.startswith(K("ال"))
            or len(t.stem) < 4
            or ((c := self.cue_at(k)) is not None and not c.participle)  # «لافتات» is also a participle
            or self.ix.bare[k] in self.lex.nonnames
            or self.ix.bare[k] in STOP_NP
            or self.is_comp(k)
            or (k > a and self.toks[k - 1].kind == "WORD" and not self.toks[k - 1].stem.startswith(K("ال"))
                and self.ix.cover[k - 1] is None and self.ix.bare[k - 1] not in DESCRIBED_AFTER)
        ):
            return None
        return Speaker(None, t.stem_start, t.end, k, "unnamed")

    def called_on(self, cue: Cue, k: int) -> bool:
        """Whether token k opens what a body was called on to do, so that the organisation or
        place before it, after a verb of calling inside a sentence, is whom the call was made to
        («رئيس الوزراء يستقبل نظيره ويدعو الاتحاد الأوروبي للمساهمة …», «تطالب الأمم المتحدة بـ…»)."""
        return self._opens_with(CALLED_ON.get(cue.lemma), k)

    def object_first(self, cue: Cue, k: int) -> bool:
        """Whether token k opens the complement that follows the object of the cue's verb, so
        that the noun phrase before it was the object, not the subject («ووصف التحقيق بأنه …»)."""
        return self._opens_with(OBJECT_FIRST.get(cue.lemma), k)

    def _opens_with(self, marks: str | None, k: int) -> bool:
        """Whether token k begins with one of `marks`: ب, ل (proclitics) or إ (the word «إلى»)."""
        if not marks or k >= len(self.toks):
            return False
        if "ب" in marks and self.with_ba(k):
            return True
        if "ل" in marks and self.ix.prefix(k)[-1:] == "ل":
            return True
        return "إ" in marks and self.ix.bare[k] == ILA

    def object_quote(
        self,
        i: int,
        cue: Cue,
        sp: Speaker | None,
        negated: bool,
        a: int,
        b: int,
        agr: str | None = None,
        start_at: int | None = None,
    ) -> int:
        if start_at is not None:
            start = start_at
        elif sp is not None and sp.last >= 0:
            start = max(sp.last, i) + 1  # after the subject, never the verb itself
        elif (before := self.fitting(self.subject_before(i, a, agr), agr)) is not None and i + 1 < b:
            start, sp = i + 1, before  # «ألتان يعلن الفوز …»
        elif (
            i == a
            and self.ix.prefix(i)[:1] in ("و", "ف")
            and (carried := self.previous_speaker(self.ix.sent_of[i], agr)) is not None
            and carried.entity is not None
        ):
            start, sp = i + 1, carried  # «واكد حرص الحكومة على …»: a statement continued
        elif i + 1 < b and self.ix.bare[i + 1] in ON_ABOUT:
            start = i + 1
            sp = (
                self.fitting(self.subject_before(i, a, agr), agr)
                or self.fitting(self.sent_source, agr)
                or self.previous_speaker(self.ix.sent_of[i], agr)
            )
        else:
            return i + 1
        start = self.skip_frames(start, b)
        target = self.hit_at(start) if start < b else None
        if (target is not None and target.type == "PERSON") or (cue.aimed and start < b and self.speaker_class(start) == "title"):
            return i + 1  # «انتقد المستشار فلان», «انتقد رئيسي الحكومتين»: a person criticised is no content of speech
        end = self.clause_end(start, b)
        # another reporting verb ends an object («انتقد فلان المستشار الذي صرح أن …»)
        end = next((k for k in range(start + 1, end) if (c := self.cue_at(k)) is not None and not c.participle), end)
        words = sum(1 for t in self.toks[start:end] if t.kind == "WORD")
        s = self.span(start, end)
        if s is None or words < 3:
            return i + 1
        self.emit(s[0], s[1], False, i, sp, negated)
        self.reported_until = end
        return start

    def _pair_index(self) -> tuple[list[int], list[list[int]]]:
        """Opening offsets of the pairs (sorted, as find_pairs gives them) and, for each pair, the
        pairs that enclose it (open before it, close after it), found in one sweep."""
        if self._pairs_ix is None:
            opens = [o for o, _ in self.pairs]
            enclosers: list[list[int]] = []
            active: list[int] = []  # pairs still open at the current opening mark
            for o, c in self.pairs:
                active = [p for p in active if self.pairs[p][1] > o]
                enclosers.append([p for p in active if self.pairs[p][1] >= c])  # a shared close encloses too
                active.append(len(enclosers) - 1)
            self._pairs_ix = (opens, enclosers)
        return self._pairs_ix

    def fragments(self, si: int, a: int, b: int) -> None:
        """Rule 5 for the quoted fragments that open in sentence si."""
        if a >= b:
            return
        lo, hi = self.toks[a].start, self.toks[b - 1].end
        opens, enclosers = self._pair_index()
        # only the pairs opening in this sentence, and only the pairs around each (this
        # loop was quadratic on a long document: every pair and every quotation per sentence)
        # An indirect quotation lies inside its own sentence, so only this sentence's can hold a
        # pair; swept by start, `around` keeps those still open at the pair (with their order found).
        indirect = sorted((q.start, n, q) for n, q in enumerate(self.quotes[self.sent_quotes :]) if not q.direct)
        j, around = 0, []
        for pi in range(bisect_left(opens, lo), bisect_left(opens, hi)):
            o, c = self.pairs[pi]
            if pi in self.consumed:
                continue
            words = self.pair_words[pi]
            if words == 0:
                continue
            ot, ct = self.open_at_rev(pi), self.close_tok[pi]
            if any(p2 in self.consumed for p2 in enclosers[pi]):
                continue  # nested in a quotation already taken
            while j < len(indirect) and indirect[j][0] <= o:
                around.append(indirect[j])
                j += 1
            around = [x for x in around if x[2].end > o]
            outer = min((x for x in around if c <= x[2].end), default=(0, 0, None), key=lambda x: x[1])[2]
            if outer is not None:  # a partial quotation is part of the statement around it
                self.consumed.add(pi)
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
                    sp = Speaker(
                        q.speaker, q.speaker_start, q.speaker_end, -1, "previous", self.ix.type_of(q.speaker)
                    )
                elif ot == a and self.last_speaker is not None and self.last_speaker_sent >= si - 1:
                    sp = self.previous_speaker(si)  # a paragraph that continues a quotation
            self.emit_pair(pi, cue_tok, sp, neg)

    def headline(self, a: int, b: int) -> None:
        """Rule 7: «X: …» at the start of a sentence (a headline, or a related story's title in the
        body): what follows the colon is X's, when X is one or more names joined by و, or a name
        and a short clause in the present («فلان يهاجم الصحيفة: …»)."""
        j = a
        first: Hit | None = None
        titled = self.titled_headline(a, b)
        if titled is not None:
            self.emit_headline(titled[0], titled[1], b)
            return
        while j < b:
            h = self.hit_at(j)
            if h is None or h.type == "MISC" or h.entity is None:
                return
            first = first or h
            j = h.last + 1
            if j < b and self.ix.bare[j] == K("و") and j + 1 < b:
                j += 1  # «بيرسن وماتيو:»
            elif j < b and self.punct(j) == ":":
                break
            elif j < b and self.ix.prefix(j)[:1] == "و" and self.hit_at(j) is not None:
                continue
            elif j < b and (self.ix.norms[j][:1] == "ي" or self.ix.norms[j].endswith("ا")) and self.toks[j].kind == "WORD":
                # «فلان يهاجم الصحيفة: …»: a verb in the present and its object before the colon;
                # «فلان ردا على فلان: …»: an adverbial in the accusative
                colon = next((m for m in range(j + 1, min(b, j + 6)) if self.punct(m)), None)
                if colon is None or self.punct(colon) != ":":
                    return
                j = colon
                break
            else:
                return
        if first is None or j >= b - 1 or self.punct(j) != ":":
            return
        self.emit_headline(Speaker(first.entity, first.start, first.end, first.last, "headline", first.type), j, b)

    def _we(self, a: int, b: int) -> bool:
        """Whether tokens [a, b) speak in the first person plural («لن نسمح», «بلادنا», «نحن»)."""
        for t in self.toks[a:b]:
            if t.kind != "WORD":
                continue
            w = t.stem
            if w == K("نحن") or (w.endswith("نا") and len(w) >= 4) or (w[:1] == "ن" and len(w) >= 4 and word_count("ي" + w[1:]) >= 20):
                return True  # «نسمح» is a verb: «يسمح» is frequent; «نظام» is not («يظام»)
        return False

    def titled_headline(self, a: int, b: int) -> tuple[Speaker, int] | None:
        """«رئيس وزراء قطر الأسبق: …»: a title alone before the colon, and the person it points to
        (`title_reference`), with the colon's token."""
        if a >= b - 1 or self.hit_at(a) is not None or self.speaker_class(a) != "title" or self.ix.prefix(a):
            return None
        colon = next((m for m in range(a + 1, min(b, a + MAX_TITLE)) if self.punct(m)), None)
        if colon is None or self.punct(colon) != ":":
            return None
        if any(self.cue_at(m) or self.is_comp(m) for m in range(a, colon)):
            return None
        ref = self.title_reference(a, colon) or self.holder_named_later(a, colon)
        if ref is None:
            return None
        return Speaker(ref.entity, ref.start, self.toks[colon - 1].end, colon - 1, "headline", ref.type), colon

    def emit_headline(self, headliner: Speaker, j: int, b: int) -> None:
        """What follows the colon at token j, said by `headliner`. Unless it is in quotation marks or
        speaks in the first person plural («مصر: لن نسمح …» is Egypt), a place before the colon
        names the story's place: a town always («المنستير: العثور على سجين …»), a country when what
        follows opens on another entity («سوريا: ماكرون وميركل يطالبان …»)."""
        s = self.span(j + 1, b)
        if s is None or sum(1 for t in self.toks[j + 1 : b] if t.kind == "WORD") < 2:
            return
        if headliner.type == "LOC" and self.open_at.get(j + 1) is None and not self._we(j + 1, min(b, j + 5)):
            if not (headliner.entity or "").startswith("country:"):
                return  # «المنستير: العثور على سجين …»: a town before the colon is the story's place
            h = self.hit_at(j + 1)
            if h is not None and h.entity is not None and h.entity != headliner.entity:
                return  # «سوريا: ماكرون وميركل يطالبان …»: others act in the story of that place
        # a headline stands apart: the statements after it do not continue it
        kept = (self.last_speaker, self.last_speaker_sent, self.last_source)
        if self.open_at.get(j + 1) is not None:
            self.emit_pair(self.open_at[j + 1], j, headliner, False)
        else:
            self.emit(s[0], s[1], False, j, headliner, False)
            self.reported_until = b
        self.last_speaker, self.last_speaker_sent, self.last_source = kept

    def run(self) -> list[Quote]:
        ix = self.ix
        first = self.source_index
        stems, norms = ix.stems, ix.norms
        # the only tokens where a rule can start: a cue or the first word of a source phrase
        starts = sorted(
            {i for i, c in enumerate(self.cues) if c is not None}
            | {i for i, s in enumerate(stems) if s in first}
            | {i for i, n in enumerate(norms) if n in first}
        )
        k = 0
        for si, (a, b) in enumerate(ix.sent_ranges):
            self.sent_source = None
            self.sent_quotes = len(self.quotes)
            self.headline(a, b)
            i = a
            while True:
                while k < len(starts) and starts[k] < i:
                    k += 1
                if k == len(starts) or starts[k] >= b:
                    break
                i = starts[k]
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


def extract_quotes(doc: Document, lex: QuoteLexicon) -> list[Quote]:
    """The quotations of `doc` (which needs tokens, sentences, and optionally entities and dates)."""
    return _Extractor(doc, lex).run()
