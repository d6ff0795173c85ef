"""From NER mentions to items: the word keys, signature and alias entry of each name mention.

Each NER name mention becomes an `Item`: its token range, its word keys (the first word without its
proclitics, quotation marks dropped, `Namer.prep` applied), its signature and its alias entry. On
the way:

- a mention in a blocking context is dropped («صلاة المغرب» is the prayer, not Morocco:
  `contexts.tsv`);
- a mention that is only a reference noun («التحالف», «المملكة») or an indefinite head noun with a
  demonstrative («مجموعة التفكير هذه») becomes a `Seed` for the references step;
- an organisation or place mention that the NER cut short is grown over the following words when
  they complete a known alias («[التحالف الدولي] لهزيمة تنظيم “[داعش]”» → the coalition's full
  name); the mentions inside the grown span are dropped;
- a proclitic the segmenter left on a name is no part of the name: «و» on a foreign name unknown
  with it («وكولين»), «لـ» on a two-letter word that opens an outlet's or alias's name («لبي بي سي»);
  the mention keeps it, as written;
- a unit named right before its body in «لـ» is named with it («المركز الإعلامي للجيش …»).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from rasd.model import Document, Mention, Token
from rasd.resolve.aliases import AliasEntry, Namer
from rasd.resolve.resources import DEMONSTRATIVES, SAME, key
from rasd.text.article import strip_article
from rasd.text.clitics import unsplit_and
from rasd.text.normalize import QUOTES

# quotation marks, and the hashtag signs and underscores of «#فيصل_بن_ماجد», are no part of a name
_STRIP_QUOTES = str.maketrans({q: " " for q in (*QUOTES, "#", "＃", "_")})
_SKIP_KINDS = frozenset(("PUNCT", "SYMBOL"))
MAX_EXTENSION = 8


@dataclass(slots=True, eq=False)
class Item:
    mention: Mention
    ti: int  # first token
    tj: int  # one past the last token
    start: int  # where the name proper starts (after proclitics)
    words: list[str]
    sig: tuple[str, ...]
    nohead: tuple[str, ...] | None
    alias: AliasEntry | None
    form: str  # the name as written, without proclitics and quotation marks
    label: str
    k: str  # the words joined by spaces
    raw: tuple[str, ...]  # the word keys before `Namer.prep`
    skel: str = ""  # its skeleton, computed when first needed


@dataclass(slots=True)
class Seed:
    """A NER mention that is really a nominal reference («التحالف», «المملكة», «مجموعة العمل هذه»)."""

    start: int
    end: int
    ti: int
    tj: int
    noun: str  # the reference noun's key (definite form)


def token_range(starts: list[int], tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Indexes [i, j) of the tokens overlapping the span."""
    i = bisect_right(starts, start) - 1
    if i < 0 or tokens[i].end <= start:
        i += 1
    j = bisect_left(starts, end)
    return i, j


def first_word(doc: Document, tok: Token, start: int) -> tuple[str, int, str]:
    """(key, where the word proper starts, its written form) of a mention's first token."""
    if start >= tok.stem_start and tok.stem_start > tok.start:
        surface = doc.text[tok.stem_start : tok.end]
        k = key(surface)
        if tok.stem != k:  # «للتحالف»: the elided article is restored in the stem key
            if tok.stem == "ا" + k:
                surface = "ا" + surface
            elif tok.stem == "ال" + k:
                surface = "ال" + surface
        return tok.stem, tok.stem_start, surface
    s = max(start, tok.start)
    return tok.norm, s, doc.text[s : tok.end]


def make_item(doc: Document, starts: list[int], m: Mention, namer: Namer) -> Item | None:
    tokens = doc.tokens
    ti, tj = token_range(starts, tokens, m.start, m.end)
    toks = [t for t in tokens[ti:tj] if t.kind not in _SKIP_KINDS]
    if not toks:
        return None
    first_key, begin, first_surface = first_word(doc, toks[0], m.start)
    if unsplit_and(first_key) and begin == toks[0].start and first_surface[:1] == "و":
        # «وكولين كال»: «و» on a foreign name the segmenter could not split (the word is unknown
        # with it, known without it); the mention keeps its «و», the name does not
        first_key, begin, first_surface = first_key[1:], begin + 1, first_surface[1:]
    raw = (first_key, *(t.norm for t in toks[1:]))
    words, sig, nohead, alias = namer.analyse(raw, m.label)
    if not words:
        return None
    if alias is None and begin == toks[0].start and first_key[:1] in ("ل", "ب") and len(first_key) == 3 and len(toks) > 1:
        # «لبي بي سي»: a proclitic the tokenizer left on a two-letter word
        bare = namer.analyse((first_key[1:], *raw[1:]), m.label)
        if bare[3] is not None or " ".join((first_key[1:], *raw[1:])) in namer.lex.media_names:
            words, sig, nohead, alias = bare
            first_key, begin, first_surface = first_key[1:], begin + 1, first_surface[1:]
            raw = (first_key, *raw[1:])
    if alias is not None and alias.kind == "country":
        city = _city_named(namer, words)
        if city is not None and (_city_context(tokens, ti) or _own_country_after(tokens, tj, namer, city.country, alias.id)):
            alias = city
    rest = doc.text[toks[0].end : min(m.end, toks[-1].end)] if len(toks) > 1 else ""
    form = " ".join((first_surface + rest).translate(_STRIP_QUOTES).split())
    label = alias.type if alias is not None and m.label == "PERSON" else m.label
    return Item(m, ti, tj, begin, words, sig, nohead, alias, form, label, " ".join(words), raw)


# «العاصمة الأردنية عمان», «مدينة عمان»: a spelling that names both a country and a city (عمان is
# Oman and Amman) is the city right after one of these nouns (optionally with a nisba between), or
# before a comma and the city's own country («عمان، الأردن»).
_CITY_CUES = frozenset({"العاصمه", "عاصمه", "مدينه", "المدينه", "بلده", "البلده"})


def _city_context(tokens: list[Token], ti: int) -> bool:
    before = [t for t in tokens[max(0, ti - 3) : ti] if t.kind == "WORD"][-2:]
    return any(t.stem in _CITY_CUES for t in before)


def _own_country_after(tokens: list[Token], tj: int, namer: Namer, city_country: str | None, country_id: str) -> bool:
    """Whether a comma and the name of the city's own country (`AliasEntry.country`) follow the
    mention («عمان، الأردن», a dateline: Amman, not Oman), the spelling's country being another one
    (in «الكويت، الكويت» the second is the country)."""
    if city_country is None or city_country == country_id or tj >= len(tokens) or tokens[tj].norm not in (",", "،"):
        return False
    words = [t.norm for t in tokens[tj + 1 : tj + 5] if t.kind == "WORD"]
    for n in range(min(4, len(words)), 0, -1):
        if city_country in (namer.by_key.get(" ".join(namer.prep(words[:n]))) or ()):
            return True
    return False


def _city_named(namer: Namer, words: list[str]):
    ids = namer.by_key.get(" ".join(words)) or ()
    cities = [namer.entries[i] for i in ids if namer.entries[i].kind in ("capital", "city")]
    return cities[0] if len(cities) == 1 else None


def prepare(doc: Document, namer: Namer) -> tuple[list[Item], list[Seed]]:
    """Items of the document's name mentions, in text order, less the mentions dropped by a context
    rule («صلاة المغرب»); and the mentions that are really references (returned as seeds)."""
    lex = namer.lex
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    items: list[Item] = []
    seeds: list[Seed] = []
    absorbed_until = -1
    for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
        if m.kind != "name":
            continue
        if m.start < absorbed_until:
            continue  # inside a name that was extended to a known alias
        item = make_item(doc, starts, m, namer)
        if (
            item is not None
            and item.alias is None
            and m.label in ("ORG", "LOC")
            and tuple(item.words) in namer.prefixes
        ):
            longer = _extend(doc, starts, item, namer)
            if longer is not None:
                item = longer
                absorbed_until = longer.mention.end
        if item is None:
            continue
        if _blocked(item, tokens, lex.contexts):
            continue
        seed = _as_reference(item, tokens, lex.references, lex.indefinite_refs)
        if seed is not None:
            seeds.append(seed)
            continue
        items.append(item)
    _one_sense_per_document(items)
    _qualify_units(doc, items, namer)
    return items, seeds


def _qualify_units(doc: Document, items: list[Item], namer: Namer) -> None:
    """A part of a body named right before that body in «لـ» («[المركز الإعلامي] [للجيش الوطني]»,
    `resolve/parts.tsv` unit) is named with it: its name and its key take the body's words, so
    that it is «المركز الإعلامي للجيش الوطني», apart from another body's media centre, while both
    mentions stay (the body is an entity of its own; `relations` makes the part PART_OF it)."""
    lex = namer.lex
    tokens = doc.tokens
    by_start = {it.ti: it for it in items}
    for n, it in enumerate(items):
        owner = by_start.get(it.tj)
        if (
            owner is None or it.label != "ORG" or owner.label != "ORG" or it.alias is not None
            or strip_article(it.raw[0]) not in lex.unit_heads or strip_article(owner.raw[0]) in lex.media_heads
        ):
            continue
        t = tokens[owner.ti]
        if not doc.text[t.start : t.stem_start].endswith("ل") or key(owner.form) in lex.media_names:
            continue  # «قال المكتب الإعلامي لـ"رويترز"»: it speaks to an outlet
        if any(tok.stem_start > tok.start for tok in tokens[it.ti + 1 : it.tj]):
            continue  # «المكتب الإعلامي للبرلمان» already names whose it is
        words, sig, nohead, _alias = namer.analyse(it.raw + owner.raw, it.label)
        if len(words) <= len(it.words):
            continue
        form = it.form + " " + " ".join(doc.text[t.start : owner.mention.end].translate(_STRIP_QUOTES).split())
        items[n] = replace(it, words=words, sig=sig, nohead=nohead, form=form, k=" ".join(words))


def _one_sense_per_document(items: list[Item]) -> None:
    """Once the context has shown that a spelling names a city here («العاصمة الأردنية عمان»), its
    other mentions in the same article («في عمان») name that city too, not the country."""
    cities = {it.k: it.alias for it in items if it.alias is not None and it.alias.kind in ("capital", "city")}
    for it in items:
        if it.alias is not None and it.alias.kind == "country" and it.k in cities:
            it.alias = cities[it.k]


def _extend(doc: Document, starts: list[int], item: Item, namer: Namer) -> Item | None:
    """The item grown over the words that follow it when they complete a known name that the NER
    cut short («[التحالف الدولي] لهزيمة تنظيم “[داعش]”» → the coalition's full name); None if they
    do not. The mention's end is moved; mentions inside the grown span are dropped by the caller."""
    tokens = doc.tokens
    ends: list[int] = []  # token indexes that may end the longer name
    j = item.tj
    while j < len(tokens) and len(ends) < MAX_EXTENSION:
        t = tokens[j]
        if t.kind == "PUNCT" and t.norm == '"':
            j += 1
            continue
        if t.kind != "WORD":
            break
        ends.append(j)
        j += 1
    m = item.mention
    raw = tuple(item.raw)
    for n in range(len(ends), 0, -1):
        words, _sig, _nohead, alias = namer.analyse(raw + tuple(tokens[e].norm for e in ends[:n]), m.label)
        if alias is None or len(words) <= len(item.words):
            continue
        j = ends[n - 1]
        end = tokens[j].end
        if (
            j + 1 < len(tokens)
            and tokens[j + 1].kind == "PUNCT"
            and tokens[j + 1].norm == '"'
            and tokens[j + 1].start == end
        ):
            end = tokens[j + 1].end  # a closing quotation mark belongs to the name
        grown = make_item(doc, starts, Mention(m.start, end, m.label, m.kind, m.source, m.score), namer)
        if grown is not None and grown.alias is not None:
            m.end = end
            grown.mention = m
            return grown
    return None


def _blocked(item: Item, tokens: list[Token], contexts: dict) -> bool:
    rule = contexts.get(item.k)
    if rule is None:
        return False
    before, after = rule
    i = item.ti - 1
    while i >= 0 and tokens[i].kind == "PUNCT" and tokens[i].norm == '"':
        i -= 1
    if i >= 0 and (tokens[i].stem in before or tokens[i].norm in before):
        return True
    j = item.tj
    return j < len(tokens) and (tokens[j].stem in after or tokens[j].norm in after)


def _as_reference(item: Item, tokens: list[Token], refs: dict, indef: dict) -> Seed | None:
    words = item.words
    nxt = tokens[item.tj] if item.tj < len(tokens) else None
    same = nxt is not None and nxt.stem in SAME  # «التنظيم نفسه»
    if len(words) == 1 and words[0] in refs:
        end = nxt.end if same else item.mention.end
        return Seed(item.start, end, item.ti, item.tj + (1 if same else 0), words[0])
    if nxt is not None and nxt.stem in DEMONSTRATIVES and 1 < len(words) <= 3 and words[0] in indef:
        return Seed(item.start, nxt.end, item.ti, item.tj + 1, indef[words[0]].noun)  # «مجموعة التفكير هذه»
    return None
