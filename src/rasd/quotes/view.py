"""The token-level view the quotation rules work on: reporting verbs, complementizers,
quotation-mark pairs, clause ends and framing phrases of one document.

See `rasd.quotes.extract` for the rules that use it.
"""

from __future__ import annotations

from rasd.model import Document
from rasd.quotes.lexicon import Cue, QuoteLexicon
from rasd.quotes.marks import find_pairs
from rasd.text.article import strip_article
from rasd.text.docindex import DocIndex
from rasd.text.normalize import norm_key

__all__ = ["QuoteView", "first_word_index"]

MAX_SCAN = 45  # tokens between a reporting verb and its complementizer
MAX_TITLE = 16  # tokens between a title word and the holder's name
MAX_NP = 6  # tokens of an anonymous speaker phrase
MIN_FREE_WORDS = 5  # words of a quoted passage that no reporting verb or source governs
END_PUNCT = frozenset(".!?؟;؛")
COMMAS = frozenset("،,")
OPEN_MARKS = frozenset('«“"')
CLOSE_MARKS = frozenset('»”"')
K = norm_key
ILA = K("إلى")
ILA_COMPOUNDS = frozenset(K(w) for w in ("جانب", "حين", "حد", "غاية"))  # «إلى جانب»: a preposition of its own
QAD = frozenset({K("قد"), K("لقد")})
STOP_NP = frozenset(
    K(w)
    for w in "في خلال أثناء عقب لدى إلى على عن من مع أمس اليوم مساء صباح حيث الذي التي والذي والتي أن إن".split()
)
PREPS = frozenset(
    K(w) for w in ("في", "من", "عن", "على", "إلى", "مع", "لدى", "ضد", "حول", "عبر", "بين", "خلال", "نحو")
)
ON_ABOUT = frozenset(K(w) for w in ("على", "عن"))
# adverbs that stand between a verb and its subject without being part of either
SKIPPED = frozenset(
    K(w) for w in ("أيضا", "كذلك", "مجددا", "مرارا", "مؤخرا", "سابقا", "لاحقا", "حاليا", "رسميا", "علنا", "صراحة")
)


def first_word_index(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for ph in sorted(phrases, key=len, reverse=True):  # longest first
        out.setdefault(ph[0], []).append(ph)
    return out


NOUN_BEFORE = frozenset(K(w) for w in ("دون", "بدون", "عدم"))  # a reporting verb's form after these is its noun


class QuoteView:
    """Tokens, cues and quotation marks of one document, with the tests the rules need."""

    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.ix = DocIndex.of(doc)
        self.text = doc.text
        self.toks = doc.tokens
        self.pairs = find_pairs(doc.text)
        self.cues = self._find_cues()
        self.source_index = first_word_index(lex.sources)
        self.adverbial_index = first_word_index(lex.adverbials)
        self.echo_index = first_word_index(lex.echoes)
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
            if ot + 1 < ct and self.toks[ot + 1].kind == "PUNCT" and self.text[self.toks[ot + 1].start] in END_PUNCT:
                words = 0  # «…". وأضاف …"»: an unmatched mark paired the end of one quotation with the next
            self.pair_words.append(words)
            if words >= 3:
                for i in range(ot + 1, ct):
                    self.inside[i] = pi

    def _find_cues(self) -> list[Cue | None]:
        lex = self.lex
        forms, jussive, negs = lex.forms, lex.jussive, lex.negations
        ix = self.ix
        stems, norms, bare = ix.stems, ix.norms, ix.bare
        out: list[Cue | None] = [None] * len(self.toks)
        hits = {i: forms[s] for i, s in enumerate(stems) if s in forms}
        # the whole word, when the segmenter split off something else or kept a proclitic
        for i, n in enumerate(norms):
            if i not in hits and n in forms and n != stems[i]:
                hits[i] = forms[n]
            elif n[:1] in "وف" and n == stems[i] and n[1:] in forms and len(n) > 3:
                hits.setdefault(i, forms[n[1:]])
        for i, s in enumerate(stems):
            if s in jussive and i > 0 and bare[i - 1] in negs and i not in hits:
                hits[i] = jussive[s]
        toks = self.toks
        for i, cue in hits.items():
            if toks[i].kind != "WORD" or ix.prep[i]:
                continue
            if i > 0 and bare[i - 1] in NOUN_BEFORE:
                continue  # «بدون ذكر اسمه», «عدم تأكيد»: the verbal noun, not a verb
            if (stems[i] in lex.impersonal or norms[i] in lex.impersonal) and self._before_comp(i):
                continue  # «يذكر أن …», «يشار إلى أن …»: background, nobody's words
            out[i] = cue
        return out

    def _before_comp(self, i: int) -> bool:
        toks, comps = self.toks, self.lex.complementizers
        j = i + 1
        if j < len(toks) and self.ix.bare[j] == ILA:
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

    def names_follow(self, ot: int) -> bool:
        """Whether the quoted passage opening at token ot is a name: after a preposition
        («من “مبادرة …”», «لـ"…"») or a naming noun («حملة “…”», «بعنوان “…”»)."""
        if ot == 0:
            return False
        k = ot - 1
        bare = self.ix.bare[k]
        if bare in PREPS or self.ix.prep[k] or self.head(k) in self.lex.naming:
            return True
        if bare in self.lex.org_heads:  # «تحالف "…"», «منظمة "…"»
            return True
        return len(bare) == 1 and bare in "لبك"  # «لـ"…"»: a proclitic written apart

    def opens_circumstantial(self, i: int, a: int, b: int) -> bool:
        """A participle cue counts after a comma or a closing quotation mark, or right before its
        complementizer, «:» or «إلى» (with what follows it)."""
        if i > a and (self.punct(i - 1) in COMMAS or self.punct(i - 1) in CLOSE_MARKS):
            return True
        if i + 1 < b and self.ix.bare[i + 1] == ILA:
            # «إلى جانب»، «إلى حين»: a compound preposition, no content («رفعت لافتات إلى جانب …»)
            return not (i + 2 < b and self.ix.bare[i + 2] in ILA_COMPOUNDS)
        return i + 1 < b and (self.is_comp(i + 1) or self.punct(i + 1) == ":")

    def open_at_rev(self, pi: int) -> int:
        return self.ix.token_at(self.pairs[pi][0])

    def is_name(self, ot: int, ct: int) -> bool:
        """Whether the quoted tokens (ot, ct) are exactly one entity mention."""
        h = self.ix.at_start.get(ot + 1)
        return h is not None and h.last == ct - 1

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
                if prev in COMMAS and t.stem in self.lex.boundaries:
                    return k - 1
                cue = self.cue_at(k)
                if (
                    cue is not None
                    and not cue.participle
                    and (prev in COMMAS or self.ix.prefix(k)[:1] in ("و", "ف"))
                ):
                    return k
            k += 1
        return b

    def span(self, a: int, b: int) -> tuple[int, int] | None:
        """Character span of tokens [a, b) without leading/trailing punctuation."""
        toks = self.toks
        while a < b and toks[a].kind == "PUNCT" and self.text[toks[a].start] not in '«“"':
            a += 1
        while b > a and toks[b - 1].kind == "PUNCT" and self.text[toks[b - 1].start] not in '»”"':
            b -= 1
        if b <= a:
            return None
        return toks[a].start, toks[b - 1].end

    def skip_frames(self, k: int, r1: int) -> int:
        """Skip commas, framing adverbials and dates from token k."""
        while k < r1:
            if self.punct(k) in COMMAS:
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
            if self.toks[k].kind == "WORD" and self.ix.bare[k] in self.lex.adverbs and self.ix.bare[k] in SKIPPED:
                k += 1  # «ووصف مرارا …», «وقال أيضا …»
                continue
            break
        return k
