"""Speakers written as references: what a title, a head noun, a spokesman's body, a name written
again or a source after «عن» points back to (used by `rasd.quotes.speaker`).

- a title without a name refers to the person it introduced («الرئيس التركي فلان» … «وأضاف الرئيس
  التركي»), else to the one person whose title has its words;
- a definite head noun refers back to the name it introduced («صحيفة "…"» … «وقالت الصحيفة»), or
  to a name that begins with the same word («المرصد السوري …» … «وبحسب المرصد»);
- a spokesman or a source inside a named body speaks for it («متحدث باسم الوزارة»، «مصدر في …»);
- «نقلت الوكالة عن فلان»: the words are the one they were taken from;
- a name the document knows is that entity where the entity layer did not mark it again;
- a date is never a speaker («الأحد» tagged as a person).
Every look back is bounded (MAX_BACK earlier occurrences of a word), so a long document stays linear.
"""

from __future__ import annotations

from bisect import bisect_left

from rasd.model import Document, Quote
from rasd.quotes.found import Speaker
from rasd.quotes.lexicon import QuoteLexicon
from rasd.quotes.view import COMMAS, MAX_NP, STOP_NP, K, QuoteView
from rasd.text.article import strip_article
from rasd.text.docindex import Hit

__all__ = ["ReferenceRules"]

MAX_BACK = 40  # earlier occurrences of a word that a reference is checked against


class ReferenceRules(QuoteView):
    """What references in a document point back to, with the indexes that make it cheap."""

    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        super().__init__(doc, lex)
        self.quotes: list[Quote] = []
        self.last_speaker: Speaker | None = None  # the speaker of the statement read last
        self._names_by_stems: dict[tuple[str, ...], str] | None = None
        self._longest_name = 0
        self._positions: dict[str, list[int]] = {}  # stem -> token positions, filled on demand
        self._bare_positions: dict[str, list[int]] = {}  # ... with or without the article
        self._titles: list[tuple[str, set[str], tuple[int, int] | None]] | None = None
        self._named_stems: list[tuple[str, tuple[str, ...]]] | None = None
        # entities written as a date somewhere («الأحد» tagged as a person): never speakers
        covered = self.ix.date_cover
        self.date_entities = {
            e.id
            for e in doc.entities
            for m in e.mentions
            if any(covered[t] is not None for t in range(*self.ix.token_range(m.start, m.end)))
        }

    def _hit_speaker(self, h: Hit, kind: str) -> Speaker:
        return Speaker(h.entity, h.start, h.end, h.last, kind if h.kind == "name" else h.kind, h.type)

    def _np_end(self, k: int, r1: int, limit: int) -> int:
        j = k
        while j + 1 < r1 and j + 1 - k < limit:
            t = self.toks[j + 1]
            if (
                t.kind != "WORD"
                or self.ix.date_cover[j + 1] is not None
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

    def speaker_class(self, i: int) -> str | None:
        """The speakers.tsv class of token i's head noun, also in the accusative («بيانا») and in a
        construct dual or plural («رئيسي», «مسؤولي»)."""
        head = self.head(i)
        cls = self.lex.speakers.get(head)
        if cls is None and head.endswith(("ا", "ي")) and len(head) > 3:
            cls = self.lex.speakers.get(head[:-1])  # «بيانا»; a dual or plural in construct: «رئيسي الحكومتين»
        return cls

    def with_ba(self, i: int) -> bool:
        """Whether token i begins with the preposition ب («بأنه», «بارتكاب»), or is it, written
        apart before a quotation («بـ"…"»)."""
        if i >= len(self.toks):
            return False
        norm = self.ix.norms[i]
        return self.ix.prefix(i)[-1:] == "ب" or norm.startswith(K("بأن")) or norm == K("ب")

    def hit_at(self, i: int) -> Hit | None:
        """The mention starting at token i, unless it is a date («الأحد» is never a speaker)."""
        h = self.ix.mention_at(i)
        if h is None or self.ix.date_cover[i] is not None or h.entity in self.date_entities:
            return None
        return h

    def earlier(self, key: str, k: int, bare: bool = False) -> list[int]:
        """Positions before token k of the tokens whose stem (without the article when `bare`)
        is `key`, the most recent first, at most MAX_BACK of them (a long document stays linear)."""
        cache = self._bare_positions if bare else self._positions
        found = cache.get(key)
        if found is None:
            stems = self.ix.stems
            if bare:  # the word with or without the article
                with_al = K("ال") + key
                found = [m for m, st in enumerate(stems) if st == key or st == with_al]
            else:
                found = [m for m, st in enumerate(stems) if st == key]
            cache[key] = found
        at = bisect_left(found, k)
        return found[max(0, at - MAX_BACK) : at][::-1]

    def head_reference(self, k: int) -> Speaker | None:
        """«الصحيفة», «المنظمة»: the latest name that the same noun introduced («صحيفة "…"»)."""
        stem = self.toks[k].stem
        if not stem.startswith(K("ال")) or len(stem) < 5:
            return None
        head = stem[2:]
        found: list[Hit] = []  # most recent first
        for m in sorted(self.earlier(stem, k) + self.earlier(head, k), reverse=True):
            t = self.toks[m]
            if t.stem == stem:  # a name that begins with the same word («المرصد السوري …»)
                h = self.hit_at(m)
                if h is not None and h.entity is not None and h.type != "PERSON" and h.last > m:
                    found.append(h)
                continue
            if t.stem != head:
                continue
            h = self.hit_at(m)  # «نادي الفروسية الملكي» … «النادي»: the noun opens the name itself
            if h is None or h.last == m:
                j = m + 1
                while j < k and self.toks[j].kind == "PUNCT" and self.text[self.toks[j].start] in '«“"':
                    j += 1
                h = self.hit_at(j)
            if h is not None and h.entity is not None and h.type != "PERSON":
                found.append(h)
        if not found:
            return self.named_later(k)
        # of two bodies the noun could point to, the one speaking now, else one that has spoken
        current = self.last_speaker.entity if self.last_speaker is not None else None
        speakers = {q.speaker for q in self.quotes}
        h = next((h for h in found if h.entity == current), None) or next(
            (h for h in found if h.entity in speakers), found[0]
        )
        return Speaker(h.entity, self.toks[k].stem_start, self.toks[k].end, k, "reference", h.type)

    def person_within(self, a: int, b: int) -> Hit | None:
        """The first person named in tokens [a, b) before a punctuation mark other than a comma,
        a reporting verb or a complementizer ends the look («وزير الخارجية، فلان، …»)."""
        for x in range(a, b):
            h = self.hit_at(x)
            if h is not None and h.type == "PERSON" and h.entity is not None:
                return h
            if (self.punct(x) and self.punct(x) not in COMMAS) or self.cue_at(x) or self.is_comp(x):
                return None
        return None

    def holder_named_later(self, k: int, r1: int) -> Speaker | None:
        """«رئيس وزراء قطر الأسبق: …» in a headline: the person named right after the same title
        later in the text («… قال رئيس وزراء قطر الأسبق، فلان، إن …»)."""
        toks = self.toks
        words = [strip_article(toks[x].stem) for x in range(k, r1) if toks[x].kind == "WORD"]
        n = len(words)
        if not n:
            return None
        found = set()
        for m in self.later(words[0], k):
            if any(m + x >= len(toks) or strip_article(toks[m + x].stem) != words[x] for x in range(1, n)):
                continue
            h = self.person_within(m + n, min(len(toks), m + n + 5))
            if h is not None:
                found.add(h.entity)
            x = m - 1  # «… فلان، رئيس وزراء قطر الأسبق، …»: the name before the title, in apposition
            while x > k and self.punct(x) in COMMAS:
                x -= 1
            h = self.ix.cover[x] if x > k else None
            if h is not None and h.type == "PERSON" and h.entity is not None and h.last == x and x < m - 1:
                found.add(h.entity)
        if len(found) != 1:
            return None
        return Speaker(found.pop(), toks[k].stem_start, toks[r1 - 1].end, r1 - 1, "reference", "PERSON")

    def later(self, key: str, k: int) -> list[int]:
        """Positions after token k of the tokens whose stem without the article is `key`, at most
        MAX_BACK of them."""
        self.earlier(key, 0, bare=True)  # fills the cache of the word's positions
        found = self._bare_positions[key]
        at = bisect_left(found, k + 1)
        return found[at : at + MAX_BACK]

    def named_later(self, k: int) -> Speaker | None:
        """«وتقول قوات التحالف» … «التحالف العربي»: the definite words from token k open the name
        of just one organisation or place of the document, written anywhere (also after a head
        noun: «الواحة القابضة» of «شركة الواحة القابضة»)."""
        toks = self.toks
        words = [toks[k].stem]
        j = k + 1
        while j < len(toks) and len(words) < 3 and toks[j].kind == "WORD" and toks[j].stem.startswith(K("ال")):
            if self.ix.cover[j] is not None or self.ix.date_cover[j] is not None or self.ix.prep[j]:
                break
            if self.cue_at(j) or self.is_comp(j):
                break
            words.append(toks[j].stem)
            j += 1
        phrase = tuple(words)
        head = strip_article(phrase[0]) if len(phrase) == 1 else None  # «النادي» of «نادي الفروسية الملكي»
        owners = {
            eid for eid, stems in self.named_stems()
            if stems[: len(phrase)] == phrase
            or (not stems[0].startswith(K("ال")) and (stems[1 : len(phrase) + 1] == phrase or stems[0] == head))
        }
        if len(owners) != 1:
            return None
        eid = owners.pop()
        return Speaker(eid, toks[k].stem_start, toks[j - 1].end, j - 1, "reference", self.ix.type_of(eid))

    def named_stems(self) -> list[tuple[str, tuple[str, ...]]]:
        """(entity, the stems of one of its names) for the names of two words or more of the
        document's organisations and places."""
        if self._named_stems is None:
            out = set()
            for e in self.doc.entities:
                if e.type == "PERSON" or e.id in self.date_entities:
                    continue
                for m in e.mentions:
                    a, b = self.ix.token_range(m.start, m.end)
                    if b - a > 1:
                        out.add((e.id, tuple(self.toks[x].stem for x in range(a, b))))
            self._named_stems = sorted(out)
        return self._named_stems

    def title_rows(self) -> list[tuple[str, set[str], tuple[int, int] | None]]:
        """(person entity, the words of its title without the article, the title's span) of the
        titled persons of the document."""
        if self._titles is None:
            self._titles = [
                (e.id, {strip_article(K(w)) for w in e.title.split()}, e.title_span)
                for e in self.doc.entities
                if e.type == "PERSON" and e.title
            ]
        return self._titles

    def titles_by_entity(self) -> dict[str, set[str]]:
        """Person entity -> the words (without the article) of its title, for the titled ones."""
        return {eid: words for eid, words, _ in self.title_rows()}

    def title_reference(self, k: int, r1: int) -> Speaker | None:
        """«وأضاف الرئيس التركي أن …», «وشددت وزيرة التخطيط»: a title without a name refers to the
        person it introduced earlier («الرئيس التركي فلان»), else to the one person whose title
        has its words."""
        toks = self.toks
        words = [strip_article(toks[k].stem)]
        j = k + 1
        while j < r1 and len(words) < 3 and toks[j].kind == "WORD" and toks[j].stem.startswith(K("ال")):
            if self.ix.cover[j] is not None or self.cue_at(j) or self.is_comp(j):
                break
            words.append(strip_article(toks[j].stem))
            j += 1
        body = self.ix.cover[j] if j < r1 and j == k + 1 else None
        if body is not None and body.type == "ORG" and body.first == j:
            # «رئيس اللجنة العليا للانتخابات»: the head of that body, not any «الرئيس» of the text
            words += [strip_article(toks[x].stem) for x in range(j, body.last + 1) if toks[x].kind == "WORD"]
            j = body.last + 1
        n = len(words)
        start, last = toks[k].stem_start, j - 1
        for m in self.earlier(words[0], k, bare=True):  # the same words earlier, before a person's name
            if m + n > k:
                continue
            if any(strip_article(toks[m + x].stem) != words[x] for x in range(1, n)):
                continue
            h = self.person_within(m + n, min(k, m + n + 5))  # «وزير الشؤون الخارجية فلان»
            if h is not None:
                return Speaker(h.entity, start, toks[last].end, last, "reference", "PERSON")
        here = toks[k].start
        holders = {
            eid
            for eid, title, span in self.title_rows()
            if all(w in title for w in words) and not (span and span[0] <= here < span[1])  # not this very title
        }
        if len(holders) == 1:
            return Speaker(holders.pop(), start, toks[last].end, last, "reference", "PERSON")
        if n > 1:  # «الرئيس التركي» after «الرئيس فلان»: the one person the head word introduced
            after = set()
            for m in self.earlier(words[0], k, bare=True):
                h = self.person_within(m + 1, min(k, m + 6))
                if h is not None:
                    after.add(h.entity)
            if len(after) == 1:
                return Speaker(after.pop(), start, toks[last].end, last, "reference", "PERSON")
        return None

    def named_after_head(self, k: int, r1: int) -> Speaker | None:
        """«صحيفة "واشنطن بوست"», «منظمة "…"»: a head noun and the name it introduces."""
        t = self.toks[k]
        if t.kind != "WORD" or t.stem.startswith(K("ال")):
            return None
        j = k + 1
        while j < r1 and self.toks[j].kind == "PUNCT" and self.text[self.toks[j].start] in '«“"':
            j += 1
        if j == k + 1 and self.ix.bare[k] not in self.lex.outlets:
            return None  # «مكتب الأمم المتحدة» is another body than the United Nations
        h = self.hit_at(j) if j < r1 else None
        if h is None or h.entity is None or h.type == "PERSON":
            return None
        return Speaker(h.entity, t.stem_start, h.end, h.last, "name", h.type)

    def quoted_from(self, sp: Speaker, r1: int) -> Speaker:
        """«نقلت الوكالة عن فلان (قوله)»: the words are the one they were taken from."""
        if sp.last < 0:
            return sp
        j = sp.last + 1
        while j < r1 and j - sp.last <= 3 and self.toks[j].stem.startswith(K("ال")) and self.ix.cover[j] is None:
            j += 1  # «وكالة الأناضول التركية الرسمية عن فلان»
        return self.quoted_from_at(j, r1) or sp

    def quoted_from_at(self, j: int, r1: int) -> Speaker | None:
        """The source after «عن» at token j («نقل عن مصدر عسكري أن …»), or None."""
        if j + 1 >= r1 or self.ix.bare[j] != K("عن"):
            return None
        h = self.hit_at(j + 1)
        if h is not None and h.entity is not None:
            return self._hit_speaker(h, "name")
        if self.lex.speakers.get(self.head(j + 1)) in ("unnamed", "source"):
            body = self.body_after(j + 1, r1)
            if body is not None:
                return body
            end = self._np_end(j + 1, r1, MAX_NP)
            return Speaker(None, self.toks[j + 1].stem_start, self.toks[end].end, end, "unnamed")
        return None

    def body_after(self, k: int, r1: int) -> Speaker | None:
        """The named body of «متحدث باسم X», «مصدر في X», «مسؤول بوزارة X» (tokens after k)."""
        for j in range(k + 1, min(r1, k + MAX_NP + 1)):
            if self.punct(j) or self.is_comp(j) or self.cue_at(j):
                return None
            bare = self.ix.bare[j]
            named = self.ix.norms[j] in (K("باسم"), K("وباسم"))
            # «مسؤول بوزارة X»; not «لـ»: «قال مصدران بالمعارضة لرويترز» spoke to the agency
            after = j + 1 if named or bare in (K("في"), K("من"), K("لدى")) else j if self.ix.prep[j] and self.ix.prefix(j).endswith("ب") else -1
            if after < 0 or after >= r1:
                continue
            h = self.hit_at(after)
            if h is not None and h.entity is not None and h.type == "ORG":
                return Speaker(h.entity, self.toks[k].stem_start, h.end, h.last, "body", "ORG")
            if named:
                ref = self.head_reference(after)
                if ref is not None:
                    return Speaker(ref.entity, self.toks[k].stem_start, ref.end, ref.last, "body", ref.type)
        return None

    def known_name_at(self, k: int, r1: int) -> Speaker | None:
        """A name the document knows written again where the entity layer did not mark it
        («الرئاسة المصرية» tagged in one sentence, not in the next): the longest match."""
        if self._names_by_stems is None:
            table: dict[tuple[str, ...], set[str]] = {}
            for e in self.doc.entities:
                for m in e.mentions:
                    a, b = self.ix.token_range(m.start, m.end)
                    stems = tuple(self.toks[x].stem for x in range(a, b))
                    if stems and (len(stems) > 1 or len(stems[0]) >= 4):
                        table.setdefault(stems, set()).add(e.id)
            self._names_by_stems = {k: next(iter(v)) for k, v in table.items() if len(v) == 1}
            self._longest_name = max((len(k) for k in self._names_by_stems), default=0)
        table = self._names_by_stems
        for n in range(min(self._longest_name, r1 - k), 0, -1):
            eid = table.get(tuple(self.toks[x].stem for x in range(k, k + n)))
            if eid is not None:
                last = k + n - 1
                return Speaker(eid, self.toks[k].stem_start, self.toks[last].end, last, "name", self.ix.type_of(eid))
        return None
