"""Who said it: the speaker rules of the quotation stage (rule 3 of `rasd.quotes.extract`).

An explicit subject after the reporting verb (a titled person, a name, a resolved reference, an
anonymous source, «المصدر ذاته», a statement's author), else a subject before the verb, else a
source phrase of the sentence, else the previous quotation's speaker.

Besides:
- a date is never a speaker («أعلن الرئيس، الأحد، …»), and a title's holder is looked for only
  up to a date, a complementizer or another verb;
- titles, head nouns, spokesmen's bodies and names written again refer back
  (`rasd.quotes.references`);
- no previous speaker is carried over a subject of the verb's own («وقالت جهة رقابية …»);
- the verb agrees with its speaker: a speaker carried over from an earlier statement must fit the
  verb's gender and number (قالت is never a man known from قال or a masculine title, nor a body
  with a masculine head such as «البنك»; أكدوا never one person), else the most recent earlier
  speaker that fits is taken, else none. A masculine verb may still carry a feminine body over:
  its statement («البيان») is masculine.
"""

from __future__ import annotations

from rasd.model import Document
from rasd.quotes.found import SPEAKER_RULES, Speaker
from rasd.quotes.lexicon import QuoteLexicon
from rasd.quotes.references import ReferenceRules
from rasd.quotes.view import COMMAS, MAX_NP, MAX_TITLE, OPEN_MARKS, PREPS, QAD, STOP_NP, K
from rasd.text.article import strip_article

ECHO_PUNCT = frozenset("،,.…")  # between a quotation and «هكذا» / «بهذه الكلمات»

__all__ = ["SPEAKER_RULES", "Speaker", "SpeakerRules"]


TIME_PREPS = frozenset(
    K(w) for w in ("بعد", "قبل", "عقب", "إثر", "اثر", "أثناء", "عند", "أمام", "وسط", "ضمن", "منذ", "حتى", "تحت", "فوق", "دون")
)
PREP_PRONOUNS = frozenset(
    K(p + s)
    for p in ("في", "علي", "من", "عن", "إلي", "ل", "ب", "مع")
    for s in ("ه", "ها", "هم", "هما", "كم", "نا", "كما", "هن")
) | frozenset(K(w) for w in ("فيه", "عليه", "منه", "عنه", "إليه", "له", "لها"))
RELATIVES = frozenset(K(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"))
CLOSE_MARKS = frozenset('»”"')
FRONTING = frozenset(K(w) for w in ("غير", "إلا", "كما", "لكن", "بيد"))  # «غير أن X يؤكد …»
MAX_FRONTED = 8  # words of a subject fronted after «أن»


class SpeakerRules(ReferenceRules):
    """The speaker rules, with what they remember of the document read so far."""

    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        super().__init__(doc, lex)
        self.last_speaker: Speaker | None = None
        self.last_speaker_sent = -10
        self.last_source: Speaker | None = None
        self.sent_source: Speaker | None = None
        self.last_statement: Speaker | None = None  # the author of the latest statement cited
        self.genders: dict[str, str] = {}  # person entity id -> m | f, from titles and verbs
        for e in doc.entities:
            if e.type == "PERSON" and e.title:
                word = strip_article(K(e.title.split()[0]))
                self.genders[e.id] = "f" if word.endswith(K("ة")) else "m"

    # -- agreement --------------------------------------------------------------------------
    def agreement(self, i: int) -> str | None:
        """What the cue at token i agrees with: m, f, p (plural), or None when unknown."""
        agr = self.lex.agreement
        n = self.ix.norms[i]
        return agr.get(self.ix.stems[i]) or agr.get(n) or (agr.get(n[1:]) if n[:1] in ("و", "ف") else None)

    def fits(self, sp: Speaker | None, agr: str | None, carried: bool = False) -> bool:
        """Whether a speaker can be the subject of a verb that agrees with `agr`; an organisation
        is checked only when `carried` over from an earlier statement (a verb read in the wrong
        place must not undo a subject the sentence names)."""
        if sp is None or agr is None or sp.entity is None:
            return True
        if sp.type == "PERSON":
            if agr == "p":
                return False
            known = self.genders.get(sp.entity)
            return known is None or known == agr
        if carried and sp.type == "ORG" and agr == "f":
            # «وتقول …» is never a body with a masculine head («البنك»); a masculine verb may be its
            # statement's («كما أشار [البيان]» after «قالت الرئاسة في بيان»)
            return self.body_gender(sp.entity) != "m"
        return True

    def body_gender(self, entity: str) -> str | None:
        """m for an organisation named by a masculine head with the article (masculine_bodies.tsv:
        «البنك», «المجلس»), None when the name does not say («رويترز», «الأمم المتحدة»)."""
        e = self.ix.entities.get(entity)
        if e is None or not e.name or not e.name.startswith("ال"):
            return None
        return "m" if strip_article(K(e.name.split()[0])) in self.lex.masculine_bodies else None

    def learn(self, sp: Speaker | None, agr: str | None) -> None:
        """Remember a person's gender from the verb that names them as its subject."""
        if sp is not None and sp.entity and sp.type == "PERSON" and agr in ("m", "f"):
            self.genders.setdefault(sp.entity, agr)

    def fitting(self, sp: Speaker | None, agr: str | None) -> Speaker | None:
        return sp if sp is not None and self.fits(sp, agr) else None

    def unresolved_subject(self, r0: int, r1: int) -> Speaker | None:
        """A subject after the verb that names nobody the document knows («وقالت جهة رقابية …»):
        the speaker is unnamed, and the previous speaker is not carried over it."""
        k = self.skip_frames(r0, r1)
        while k < r1 and self.ix.bare[k] in self.lex.adverbs:
            if self.ix.bare[k] in TIME_PREPS:
                return None  # «وقال بعد الإفراج عنه إنه …»: a phrase of time, not a subject
            k += 1
        if k >= r1:
            return None
        t = self.toks[k]
        bare = self.ix.bare[k]
        if (
            t.kind != "WORD"
            or self.ix.prep[k]
            or bare in PREPS
            or bare in PREP_PRONOUNS
            or t.stem in PREP_PRONOUNS
            or bare in STOP_NP
            or self.is_comp(k)
            or self.cue_at(k)
            or len(t.stem) < 3
        ):
            return None
        known = self.known_name_at(k, r1)
        if known is not None:
            return known
        from rasd.ner.persons import edge_words  # here: rasd.ner.persons reads the quotation lexicon

        head = strip_article(t.stem)
        # «زوجة الرئيس فلان» is his wife; «البعض», «نفس المتحدث» are no description of a name
        if edge_words().get(head) != "kin" and head not in self.lex.nonnames and bare not in self.lex.nonnames:
            named = self.person_within(k + 1, min(r1, k + MAX_TITLE))
            if named is not None:  # «قال صانع اللعب البلجيكي الدولي فلان»: a description, then the name
                return Speaker(named.entity, t.stem_start, named.end, named.last, "title", "PERSON")
        end = self._np_end(k, r1, MAX_NP)
        return Speaker(None, t.stem_start, self.toks[end].end, end, "unnamed")

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
        if k + 1 < r1 and self.punct(k) in OPEN_MARKS and self.hit_at(k + 1) is not None:
            k += 1  # «وكشفت "شركة …" أنها …»
        h = self.hit_at(k)
        if h is not None and h.kind == "title" and any(self.is_comp(x) for x in range(k, h.last + 1)):
            h = self.ix.at_start.get(k)  # «قال رئيس اللجنة، إن الرئيس فلان …»: the name is in the content
        head = self.head(k)
        cls = self.lex.speakers.get(head)
        if cls == "arm":  # «وتقول قوات التحالف»: the body after the arm's noun, else as any noun
            body = self.arm_of(k, r1) if h is None and not toks[k].stem.startswith(K("ال")) else None
            if body is not None:
                return body
            cls = None
        if h is not None and not self.ix.has_prep_clitic(k):
            if h.kind == "title" or h.type == "PERSON" or cls not in ("title", "statement"):
                return self._hit_speaker(h, "name")
        if cls is None and h is None and not self.ix.has_prep_clitic(k) and toks[k].kind == "WORD":
            return self.named_after_head(k, r1) or self.head_reference(k)
        if cls is None or cls == "same" or self.ix.has_prep_clitic(k) or toks[k].kind != "WORD":
            return None
        start = toks[k].stem_start
        same = (
            k + 1 < r1
            and self.head(k + 1) in self.lex.speakers
            and self.lex.speakers[self.head(k + 1)] == "same"
        )
        if cls == "title":
            related = None  # «المحامي الخاص لفلان»: the person the title is of, who is not its holder
            for j in range(k + 1, min(r1, k + MAX_TITLE)):
                if self.cue_at(j) or self.ix.date_cover[j] is not None or self.is_comp(j):
                    break
                hj = self.hit_at(j)
                if hj is not None and hj.type == "PERSON":
                    # the preposition may be split off the token, or only off the mention («لماكفيرسون»)
                    if not self.ix.prep[j] and not any(c in "بلك" for c in self.text[self.toks[j].start : hj.start]):
                        return Speaker(hj.entity, start, hj.end, hj.last, "title", "PERSON")
                    related = hj.entity
            if h is not None and h.entity != related:  # a reference such as «الوزير» resolved to its holder
                return self._hit_speaker(h, "reference")
            ref = self.title_reference(k, r1)
            if ref is not None and ref.entity != related:
                return ref
            body = self.body_after(k, r1)
            if body is not None:
                return body
            ref = self.describes_last_speaker(k, r1)
            if ref is not None:
                return ref
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
                    ref = self.head_reference(j) if hj is None and toks[j].kind == "WORD" else None
                    if ref is not None:  # «بيان للجيش»: the army named earlier
                        return Speaker(ref.entity, start, toks[j].end, j, "statement", ref.type)
                    if self.punct(j):
                        break
            earlier = self.last_statement or self.last_source  # «وقال البيان»: the statement cited last
            if (same or definite) and earlier is not None:
                last = k + 1 if same else k
                return Speaker(earlier.entity, start, toks[last].end, last, "same", earlier.type)
        elif same or (definite and cls == "source"):
            src = self.latest_source()
            last = k + 1 if same else k
            if src is not None:
                return Speaker(src.entity, start, toks[last].end, last, "same", src.type)
        body = self.body_after(k, r1)
        if body is not None:
            return body
        end = self._np_end(k, r1, MAX_NP)
        return Speaker(None, start, toks[end].end, end, "unnamed")

    def echo_after(self, ct: int) -> tuple[Speaker, int, bool] | None:
        """«"…"، هكذا علق الوزير …», «"…".. بهذه الكلمات وصف فلان …» (echoes.tsv): past commas and
        full stops (into the next sentence), the phrase, then a verb whose subject, an entity of the
        document, spoke; None otherwise. Returns (speaker, the verb's token, False)."""
        toks, n = self.toks, len(self.toks)
        k = ct + 1
        while k < n and toks[k].kind == "PUNCT" and self.punct(k) in ECHO_PUNCT:
            k += 1
        if k >= n or toks[k].kind != "WORD":
            return None
        m = self.match_phrase(k, self.echo_index, n)
        if m is None or m[0] >= n or toks[m[0]].kind != "WORD":
            return None
        verb = m[0]
        si = self.ix.sent_of[verb]
        end = self.ix.sent_ranges[si][1] if si >= 0 else n
        sp = self.subject_after(verb + 1, end)
        return (sp, verb, False) if sp is not None and sp.entity is not None else None  # «هكذا انتهى الاجتماع»: no one

    def describes_last_speaker(self, k: int, r1: int) -> Speaker | None:
        """«وقال فلان … . وأضاف اللاعب السويدي …»: a definite title that points to nobody else,
        right after a person spoke (this sentence or the one before) whose own title, if known, has
        the same head word, describes that person."""
        sp = self.last_speaker
        t = self.toks[k]
        if sp is None or sp.entity is None or sp.type != "PERSON" or not t.stem.startswith(K("ال")):
            return None
        if self.last_speaker_sent < self.ix.sent_of[k] - 1:
            return None
        title = self.titles_by_entity().get(sp.entity)
        if title is not None and strip_article(t.stem) not in title:
            return None
        end = self._np_end(k, r1, 3)
        while end > k and not self.toks[end].stem.startswith(K("ال")):
            end -= 1
        return Speaker(sp.entity, t.stem_start, self.toks[end].end, end, "reference", "PERSON")

    def fronted_subject(self, i: int, a: int) -> Speaker | None:
        """«غير أن الفصائل الفلسطينية في غزة تؤكد أن …»: a sentence that opens with «أن» (after
        غير، إلا، كما، لكن or alone) and a noun phrase, then the verb: that phrase is the subject,
        named when it begins with a mention, else unnamed (no earlier speaker is carried over it)."""
        if i <= a or self.ix.prefix(i)[:1] in ("و", "ف"):
            return None
        k = a
        if k < i and self.ix.bare[k] in FRONTING:
            k += 1
        if k >= i or not self.is_comp(k) or self.toks[k].stem != K("أن"):
            return None
        k += 1
        if k >= i or i - k > MAX_FRONTED or self.toks[k].kind != "WORD" or self.ix.prep[k]:
            return None
        if any(self.cue_at(m) or self.is_comp(m) or self.punct(m) for m in range(k, i)):
            return None
        h = self.hit_at(k)
        if h is not None and h.entity is not None and h.type in ("PERSON", "ORG", "LOC"):
            return self._hit_speaker(h, "before")
        return Speaker(None, self.toks[k].stem_start, self.toks[i - 1].end, i - 1, "unnamed")

    def arm_of(self, k: int, r1: int) -> Speaker | None:
        """«قوات التحالف»: the body named or referred to right after an arm's noun at token k."""
        j = k + 1
        if self.toks[j].kind != "WORD" or self.ix.has_prep_clitic(j):
            return None
        h = self.hit_at(j)
        if h is not None and h.entity is not None and h.type in ("ORG", "LOC"):
            return Speaker(h.entity, self.toks[k].stem_start, h.end, h.last, "body", h.type)
        ref = self.head_reference(j) if h is None else None
        if ref is not None:
            return Speaker(ref.entity, self.toks[k].stem_start, ref.end, ref.last, "body", ref.type)
        return None

    def subject_before(self, i: int, a: int, agr: str | None = None) -> Speaker | None:
        """A subject written right before the verb («الوزارة قالت», «الوزير قد أكد»)."""
        if self.ix.prefix(i)[:1] == "و":
            return None  # «… قرب برلين ويدعو …»: a verb joined by «و» opens a clause of its own
        j = i - 1
        while j >= a and self.ix.bare[j] in QAD:
            j -= 1
        if j > a and self.punct(j) in COMMAS:  # «وزير الداخلية، فلان، قال …»: a name between commas
            h = self.ix.cover[j - 1]
            if h is None or h.type != "PERSON" or h.first <= a or self.punct(h.first - 1) not in COMMAS:
                return None
            j -= 1
        relative = j >= a and self.ix.bare[j] in RELATIVES
        if relative:  # «فلان، الذي صرح …», «منظمة "…" والتي تشير …»
            j -= 1
            while j >= a and (self.punct(j) in COMMAS or (self.punct(j) in CLOSE_MARKS and self.ix.cover[j] is None)):
                j -= 1
        if j < a:
            return None
        h = self.ix.cover[j]
        if h is None and self.toks[j].kind == "WORD" and not self.ix.prep[j]:
            if j == a or self.ix.bare[j - 1] not in PREPS:
                ref = self.head_reference(j)
                if ref is None and relative:  # «النائب الذي صرح»: someone the text does not name
                    return Speaker(None, self.toks[j].stem_start, self.toks[j].end, j, "unnamed")
                return ref
        if h is None or h.last != j or h.first < a or h.entity in self.date_entities:
            return None
        if self.ix.has_prep_clitic(h.first):
            return None
        if h.first > a and self.ix.bare[h.first - 1] in PREPS:
            return None
        if agr == "p":  # «كل من السعودية والإمارات ومصر أعلنوا»: the first of the names joined by و
            while h.first - 1 >= a and self.ix.prefix(h.first)[:1] == "و":
                prev = self.ix.cover[h.first - 1]
                if prev is None or prev.entity is None or prev.entity in self.date_entities:
                    break
                h = prev
        sp = self._hit_speaker(h, "before")
        sp.embedded = relative and h.first > a  # «… بإحصائيات منظمة "…" والتي تشير إلى …»
        return sp

    def clause_subject(self, a: int, i: int) -> Speaker | None:
        """The subject of the sentence's first clause: a person or organisation at its start or
        right after its first word or two (the verb, a date), not between commas."""
        for j in range(a, min(i, a + 3)):
            h = self.hit_at(j)
            if h is None or h.type not in ("PERSON", "ORG") or self.ix.prep[j]:
                continue
            if j > a and (self.punct(j - 1) in COMMAS or self.ix.bare[j - 1] in PREPS):
                continue
            return self._hit_speaker(h, "before")
        return None

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

    def governing_speaker(self, si: int, i: int, a: int, agr: str | None = None) -> Speaker | None:
        for q in reversed(self.quotes):
            if q.sentence != si or q.cue_start is None or q.cue_start >= self.toks[i].start:
                break
            sp = Speaker(q.speaker, q.speaker_start, q.speaker_end, -1, "previous", self.ix.type_of(q.speaker))
            if self.fits(sp, agr, carried=True):
                return sp
            break
        return self.fitting(self.sentence_subject(a, i), agr) or self.previous_speaker(si, agr)

    def previous_speaker(self, si: int, agr: str | None = None) -> Speaker | None:
        """The speaker of the latest statement, or the latest earlier one that fits the verb."""
        # the evidence kept is where that speaker was named (the phrase of the statement continued)
        sp = self.last_speaker
        if sp is None:
            return None
        if self.fits(sp, agr, carried=True):
            return Speaker(sp.entity, sp.start, sp.end, -1, "previous", sp.type)
        seen = {sp.entity}
        for q in reversed(self.quotes[-8:]):
            if q.speaker is None or q.speaker in seen:
                continue
            seen.add(q.speaker)
            cand = Speaker(q.speaker, q.speaker_start, q.speaker_end, -1, "previous", self.ix.type_of(q.speaker))
            if self.fits(cand, agr, carried=True):
                return cand
        return None

    def speaker_after_pair(self, ct: int, b: int) -> tuple[Speaker | None, int | None, bool]:
        echoed = self.echo_after(ct)
        if echoed is not None:
            return echoed
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
