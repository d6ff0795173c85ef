"""Speakers' names the entity layer missed, found where a reader finds them: in the subject's
place right after a reporting verb («وقال فلان إن …», «وأضاف فلان خلال …», «بحسب فلان»).

A tagger trained on one corpus misses many foreign and rare names; a reader does not, because a
reporting verb is followed by who spoke. After a finite reporting verb (or a source phrase), the
words that are not known to the document as anything else (no mention, date, title, anonymous
source, statement, complementizer, preposition, function word or adverb, no article nor
preposition proclitic on the first) and that are followed by what ends a subject (a complementizer,
punctuation, a quotation mark, a preposition, a date, an apposition with the article, another
reporting verb or the end of the sentence) may be a person's name:

- one word that ends the name of a person of the document (a surname written alone) is linked to
  that person;
- otherwise the words become a new PERSON entity only when they read as a name and not as a
  common noun: no word ends in ة or a pronoun suffix (تقريرها، حكومته), the word is never written
  with the article elsewhere in the document, the verb's content follows (a complementizer, «:» or
  a quotation mark later in the sentence), and the name is either right before its content or a
  comma, or written more than once in the document. Its mentions are all its occurrences that no
  other mention covers;
- after a title («وقال المفتش العام في الشرطة، فلان، …», «أكد الإعلامي فلان أن …») the words that
  follow the title's own words (those with the article, prepositional phrases, commas) are its
  holder's name when they are right before a comma, a complementizer, «:», a quotation mark or a
  date.

In a speaker's place, the name after the head noun of a news outlet or a company («وقالت شركة نسيم
إن …») is an ORG entity. Anywhere in the text, a quoted name after the head noun of an organisation or outlet
(«صحيفة "واشنطن بوست"», «منظمة "…"», nonnames.tsv class head) that no mention covers becomes an
ORG entity: such names are often transliterated or invented words a tagger cannot know.
"""

from __future__ import annotations

from functools import lru_cache

from rasd.model import Document, Entity, Mention
from rasd.quotes.lexicon import QuoteLexicon
from rasd.quotes.speaker import PREP_PRONOUNS, RELATIVES
from rasd.quotes.view import COMMAS, PREPS, K, first_word_index
from rasd.resolve.ids import stable_id
from rasd.resolve.latin import latin_name
from rasd.resolve.resources import lexicon as resolve_lexicon
from rasd.text.article import strip_article
from rasd.text.clitics import word_count
from rasd.text.docindex import DocIndex

__all__ = ["add_speaker_names"]

MAX_NAME = 4  # words of an induced name
MAX_TITLE_WORDS = 12  # words of a title before its holder's name
MIN_ARTICLE = 5  # corpus count of a word with the article from which it can be a common noun ...
ARTICLE_SHARE = 0.1  # ... when that is at least this share of its count without it
FIRST_WORD_SHARE = 0.5  # ... or, for the first word of a longer name, this share
MIN_LETTERS = 3
# a name's word after which a word with the article still belongs to it («عبد الكريم», «أبو الغيط»)
_JOINERS = frozenset(K(w) for w in ("عبد", "أبو", "أبي", "بن", "ابن", "بنت", "آل", "ذو", "نور", "سيف", "عز"))
_OPENERS = frozenset('«“"(')
_PRONOUN_ENDINGS = tuple(K(w) for w in ("ها", "هم", "هما", "هن", "كم", "نا", "ه"))
CONTENT_WITHIN = 30  # tokens between a new name and its verb's content


def _name_like(ix: DocIndex, lex: QuoteLexicon, i: int, first: bool) -> bool:
    t = ix.tokens[i]
    if t.kind != "WORD" or ix.cover[i] is not None or ix.date_cover[i] is not None or ix.prep[i]:
        return False
    stem, bare = t.stem, ix.bare[i]
    if len(stem) < MIN_LETTERS or any(ch.isdigit() for ch in stem):
        return False
    if stem in lex.forms or bare in lex.forms or stem in lex.complementizers or bare in lex.negations:
        return False
    if strip_article(stem) in lex.speakers or stem in lex.nonnames or bare in lex.nonnames or bare in PREPS:
        return False
    if stem in PREP_PRONOUNS or bare in PREP_PRONOUNS:  # «فيها», «عليه»
        return False
    return not (first and stem.startswith(K("ال")))


def _ends_subject(ix: DocIndex, lex: QuoteLexicon, i: int, b: int) -> bool:
    """Whether token i (the first after a candidate name) can follow a subject."""
    if i >= b:
        return True
    t = ix.tokens[i]
    if t.kind == "PUNCT":
        return True
    if ix.date_cover[i] is not None or ix.cover[i] is not None or ix.prep[i]:
        return True
    stem, bare = t.stem, ix.bare[i]
    if stem in lex.complementizers or bare in PREPS or bare in lex.nonnames or stem in lex.forms:
        return True
    return stem.startswith(K("ال")) or ix.text[t.start] in _OPENERS


def _candidate(ix: DocIndex, lex: QuoteLexicon, j: int, b: int) -> tuple[int, int] | None:
    """Tokens [j, k) of a name starting at token j, when the words there read as one."""
    if j >= b or not _name_like(ix, lex, j, True):
        return None
    k = j + 1
    while k < b and k - j < MAX_NAME:
        joined = ix.bare[k - 1] in _JOINERS
        if not _name_like(ix, lex, k, not joined):
            break
        k += 1
    # a family name with the article as the last word («سلوى الحمداني،», «، مهدي الحكيم،»),
    # right before a comma, a complementizer, «:» or a quotation mark
    if (
        k < b
        and k - j < MAX_NAME
        and ix.tokens[k].stem.startswith(K("ال"))
        and _name_like(ix, lex, k, False)
        and _direct_end(ix, lex, k + 1, b)
    ):
        k += 1
    if ix.bare[k - 1] in _JOINERS or not _ends_subject(ix, lex, k, b):
        return None
    return j, k


def _reads_as_name(ix: DocIndex, lex: QuoteLexicon, j: int, k: int, b: int, count: int) -> bool:
    """Whether the words [j, k) found after a reporting verb read as a new person's name."""
    toks = ix.tokens
    for m in range(j, k):
        stem = toks[m].stem
        if stem.endswith(K("ة")) or (len(stem) > 4 and stem.endswith(_PRONOUN_ENDINGS)):
            return False
        if K("ال") + stem in ix.stem_set:
            return False
    # one word alone must look like no common noun; the first word of a longer name only must not
    # be a plain one (first names such as مهدي are also written with the article, «المهدي»)
    if _common_noun(toks[j].stem, ARTICLE_SHARE if k - j == 1 else FIRST_WORD_SHARE):
        return False
    if k - j > 1 and toks[j].stem.endswith(K("ات")):  # «استطلاعات الرأي»: a plural noun and its complement
        return False
    content = False
    for m in range(k, min(b, k + CONTENT_WITHIN)):
        t = toks[m]
        if t.stem in lex.complementizers or (t.kind == "PUNCT" and ix.text[t.start] in ':«“"'):
            content = True
            break
    if not content:
        return False
    if count > 1 or k >= b:
        return True
    nxt = toks[k]
    if nxt.stem in lex.complementizers or ix.bare[k] in RELATIVES:  # «وأشارت فلانة التي …»
        return True
    return nxt.kind == "PUNCT" and ix.text[nxt.start] in ':«“",،'


def _common_noun(stem: str, share: float = 0.1) -> bool:
    """Whether a word is a common noun by the news corpus: it is written with the article often
    (قرار/القرار, تعليقات/التعليقات), or it is a preposition and a noun written as one word (برصاص),
    where a name is almost never written with the article (أوباما, ماكرون: never «الأوباما»)."""
    art = K("ال")
    own = word_count(stem)
    with_article = word_count(art + stem)
    if with_article >= MIN_ARTICLE and with_article >= share * max(own, 1):
        return True
    if stem[:1] in "بلك" and len(stem) > 4:
        return word_count(art + stem[1:]) >= MIN_ARTICLE * 10
    if stem.endswith("ا") and len(stem) > 3:  # an adverb or a participle in the accusative (دائما، متحديا)
        if word_count(art + stem[:-1]) >= MIN_ARTICLE:
            return True
        # a participle (م…ا) whose feminine (متحدية) the corpus knows
        return stem.startswith("م") and word_count(stem[:-1] + K("ة")) >= 3
    return False


def _direct_end(ix: DocIndex, lex: QuoteLexicon, k: int, b: int) -> bool:
    """A comma, complementizer, «:», quotation mark or date right after a name (or the end)."""
    if k >= b:
        return True
    t = ix.tokens[k]
    if ix.date_cover[k] is not None or t.stem in lex.complementizers or ix.bare[k] in RELATIVES:
        return True
    return t.kind == "PUNCT" and ix.text[t.start] in ':«“",،'


def _after_title(ix: DocIndex, lex: QuoteLexicon, j: int, b: int) -> tuple[int, int] | None:
    """The holder's name after the title word at token j, read as described above."""
    m = j + 1
    while m < b and m - j < MAX_TITLE_WORDS:
        t = ix.tokens[m]
        if t.kind == "PUNCT":
            if ix.text[t.start] not in COMMAS:
                return None
            m += 1
            continue
        if ix.cover[m] is not None and ix.cover[m].type == "PERSON":
            return None  # the title's holder is named already
        if (
            ix.cover[m] is not None
            or ix.prep[m]
            or ix.bare[m] in PREPS
            or t.stem.startswith(K("ال"))
            or strip_article(t.stem) in lex.speakers
        ):
            m += 1
            continue
        break
    definite = ix.tokens[j].stem.startswith(K("ال"))
    if m >= b or (m == j + 1 and not definite and ix.tokens[m].kind == "WORD" and not ix.prep[m]):
        return None  # «قال رئيس حزب …»: after a title in construct, a noun, no name («النائبة فلانة»)
    span = _candidate(ix, lex, m, b)
    if span is None or not _direct_end(ix, lex, span[1], b):
        return None
    return span


def _quoted_org_names(ix: DocIndex, lex: QuoteLexicon) -> dict[tuple[str, ...], tuple[int, int]]:
    """«صحيفة "…"»: quoted names right after an organisation's head noun (token ranges)."""
    out: dict[tuple[str, ...], tuple[int, int]] = {}
    toks = ix.tokens
    heads = lex.org_heads
    present = heads.intersection(ix.stem_set) | heads.intersection(ix.bare)
    if not present:
        return out
    for i in sorted({i for i, st in enumerate(ix.stems) if st in present} | {i for i, w in enumerate(ix.bare) if w in present}):
        if i >= len(toks) - 2 or toks[i].kind != "WORD":
            continue
        o = i + 1
        if toks[o].kind != "PUNCT" or ix.text[toks[o].start] not in '«“"':
            continue
        c = o + 1
        while c < len(toks) and c - o <= MAX_NAME + 1 and toks[c].kind != "PUNCT":
            c += 1
        if c >= len(toks) or c == o + 1 or c - o > MAX_NAME + 1 or ix.text[toks[c].start] not in '»”"':
            continue
        if any(ix.cover[m] is not None or ix.date_cover[m] is not None for m in range(o + 1, c)):
            continue
        if c == o + 2:  # one quoted word: a name, not an adjective or a common noun («"مذهلة"»)
            word = toks[o + 1].stem
            art = word.startswith(K("ال"))
            if (art and word_count(word) >= MIN_ARTICLE * 10) or (not art and _common_noun(word)):
                continue
        out.setdefault(tuple(toks[m].stem for m in range(o + 1, c)), (o + 1, c))
    return out


def _subject_start(ix: DocIndex, lex: QuoteLexicon, adverbials, j: int, b: int) -> int:
    """Skip the dates and framing adverbials between a verb and its subject."""
    while j < b:
        d = ix.date_at.get(j)
        if d is not None:
            j = ix.token_at(d.end - 1) + 1
            continue
        phrases = adverbials.get(ix.tokens[j].stem)
        if phrases and any(
            all(j + n < b and ix.tokens[j + n].stem == w for n, w in enumerate(ph)) for ph in phrases
        ):
            j += len(max(phrases, key=len))
            continue
        break
    return j


def _occurrences(ix: DocIndex, stems: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every run of tokens with these stems that no mention covers (token ranges)."""
    out = []
    n = len(stems)
    toks = ix.tokens
    first = stems[0]
    for i in [i for i, st in enumerate(ix.stems) if st == first]:
        if i + n <= len(toks) and all(toks[i + m].stem == stems[m] and ix.cover[i + m] is None for m in range(n)):
            out.append((i, i + n))
    return out


def add_speaker_names(doc: Document, lex: QuoteLexicon) -> int:
    """Add the names found in a speaker's place to `doc.entities`; returns how many were added.
    A second pass links the surnames of the persons the first one added («وقالت فلانة»)."""
    persons = sum(1 for e in doc.entities if e.type == "PERSON")
    added = _add_names(doc, lex)
    if added and sum(1 for e in doc.entities if e.type == "PERSON") > persons:
        added += _add_names(doc, lex)
    return added


_phrase_index = lru_cache(maxsize=8)(first_word_index)


def _add_names(doc: Document, lex: QuoteLexicon) -> int:
    ix = DocIndex.of(doc)
    toks = ix.tokens
    adverbials = _phrase_index(lex.adverbials)
    sources = _phrase_index(lex.sources)
    found: dict[tuple[str, ...], tuple[int, int, int, str, str | None]] = {}
    surnames = _surnames(doc)
    for key, (o, c) in _quoted_org_names(ix, lex).items():  # the stronger evidence first
        found.setdefault(key, (o, c, c, "ORG", None))
    finite, stems, bare = lex.finite, ix.stems, ix.bare
    # the only tokens where a speaker's place can begin: finite cues and the first words of sources
    starts = sorted(
        {i for i, st in enumerate(stems) if st in finite or st in sources}
        | {i for i, w in enumerate(bare) if w in finite}
    )
    for i in starts:
        b = ix.sent_ranges[ix.sent_of[i]][1] if ix.sent_of[i] >= 0 else len(toks)
        t = toks[i]
        j = None
        if t.kind == "WORD" and not ix.prep[i] and (t.stem in finite or bare[i] in finite):
            j = i + 1
        else:
            for ph in sources.get(t.stem, ()):
                if ph[-1].endswith("-"):
                    continue
                if all(i + n < b and toks[i + n].stem == w for n, w in enumerate(ph)):
                    j = i + len(ph)
                    break
        if j is None:
            continue
        j = _subject_start(ix, lex, adverbials, j, b)
        while j < b and toks[j].kind == "PUNCT" and ix.text[toks[j].start] in COMMAS:
            j += 1
        if j < b and _ends_subject(ix, lex, j + 1, b) and ix.cover[j] is None:
            owner = surnames.get(toks[j].stem)
            if owner:  # a surname written alone, with or without the article («وأشار الحمداني»)
                found.setdefault((toks[j].stem,), (j, j + 1, b, "PERSON", owner))
                continue
        if j + 1 < b and (toks[j].stem in lex.outlets or bare[j] in lex.outlets):
            span = _candidate(ix, lex, j + 1, b)  # «وقالت شركة نسيم إن …»: the name after the head
            if span is not None and _direct_end(ix, lex, span[1], b):
                found.setdefault(tuple(toks[m].stem for m in range(*span)), (span[0], span[1], b, "ORG", None))
            continue
        span = _candidate(ix, lex, j, b)
        if span is not None:
            found.setdefault(tuple(toks[m].stem for m in range(*span)), (span[0], span[1], b, "PERSON", None))
        elif j < b and lex.speakers.get(strip_article(toks[j].stem)) == "title":
            span = _after_title(ix, lex, j, b)
            if span is not None:
                key = tuple(toks[m].stem for m in range(*span))
                found.setdefault(key, (span[0], span[1], b, "TITLED", None))
    if not found:
        return 0
    by_id = {e.id: e for e in doc.entities}
    added = 0
    last_words: dict[str, Entity] = {}  # the last word of each person added here -> that person
    # the longer names first, so that a surname written alone («ماي») joins its full name
    for stems, (j, k, b, kind, owner) in sorted(found.items(), key=lambda kv: -len(kv[0])):
        occurrences = _occurrences(ix, stems)
        spans = [(toks[s].stem_start, toks[e - 1].end) for s, e in occurrences]
        if not spans:
            continue
        target = by_id.get(owner) if owner else None
        if target is None and len(stems) == 1 and kind != "ORG":
            target = last_words.get(stems[0])
        if target is None:
            if kind == "PERSON" and not _reads_as_name(ix, lex, j, k, b, len(occurrences)):
                continue
            if kind == "TITLED" and not _reads_as_name(ix, lex, j, k, b, 2):
                continue
            etype = "ORG" if kind == "ORG" else "PERSON"
            name = doc.text[toks[j].stem_start : toks[k - 1].end]
            eid = stable_id(etype, name)
            target = by_id.get(eid)
            if target is None:
                ln = latin_name(name, resolve_lexicon(), person=etype == "PERSON")
                target = Entity(eid, etype, name, latin=ln.text if ln.confident else None)
                target.latin_guess = None if ln.confident else ln.text
                doc.entities.append(target)
                by_id[eid] = target
        if target.type == "PERSON" and len(stems) > 1:
            last_words.setdefault(stems[-1], target)
        new = [Mention(s, e, target.type, "name", "speaker", 1.0, target.id) for s, e in spans]
        target.mentions.extend(new)
        target.mentions.sort(key=lambda m: m.start)
        ix.add_names(target.id, target.type, new)
        added += 1
    return added


def _surnames(doc: Document) -> dict[str, str]:
    """The last word of each person's written names -> that person (when only one has it)."""
    owners: dict[str, set[str]] = {}
    for e in doc.entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            words = doc.text[m.start : m.end].split()
            if len(words) > 1 and len(words[-1]) >= MIN_LETTERS:
                owners.setdefault(K(words[-1]), set()).add(e.id)
    return {w: next(iter(ids)) for w, ids in owners.items() if len(ids) == 1}
