"""Titles and affiliations of people, found by apposition.

    «… من قبل وزير الخارجية الأمريكي، ستيفن بلانتين»    title «وزير الخارجية الأمريكي», United States
    «أكد وزير الشؤون الخارجية والتعاون …، ناصر …»          title from the title word to the comma
    «التقى وزير الخارجية المغربي ناصر …»                 title right before the name (no comma): the
                                                          word before the name must be a title word, a
                                                          nisba, part of a place or organisation name,
                                                          an honorific or a descriptor («السابق»)
    «… ناصر …، وزير الخارجية المغربي، …»                   title after the name, between commas

The title phrase starts at a title word (`titles.tsv`, class title; the article and proclitics are
allowed: «ووزير» starts at «وزير») and ends before the comma (or the name). Scanning back from the
comma, the phrase is cut at punctuation, at another person's name, at a boundary word (إن, الذي,
قال …) and after 16 words. The title word nearest the name is taken, then the phrase grows back to
an earlier title word only when the later one is chained to it: adjacent («نائب رئيس»), after
«باسم» («المتحدث باسم رئيس الوزراء»), a genitive with ل («المستشار الخاص لرئيس الوزراء») or
coordinated with و («وزير الخارجية ورئيس الوفد»). Otherwise the later title word starts a new
phrase («استقبل رئيس الحكومة وزير الخارجية الإيطالي، …» → «وزير الخارجية الإيطالي»). Without a
comma only a compound word joins («نائب رئيس الوزراء X»), since «مستشار الرئيس اليمني X» names the
president. A title between two commas right after another person's name is that person's
(«X، رئيس الوزراء، قال …») unless it starts with و («X، وزير …، ووزير الدفاع، Y»).

The affiliation is the first country inside the title: a country mention or a nisba adjective
outside organisation names («الأمريكي» → the United States, «المغاربة» → Morocco); failing that, the
first organisation named in it («المتحدث باسم الخارجية الأمريكية» → the State Department).
"""

from __future__ import annotations

from rasd.model import Document, Token
from rasd.resolve.aliases import Namer
from rasd.resolve.cluster import Cluster
from rasd.resolve.items import Item, first_word
from rasd.text.article import strip_article

MAX_TITLE_WORDS = 16
MAX_DIRECT_WORDS = 8
_COMMAS = frozenset((",", "،"))
_NAME_OF = frozenset(("باسم", "اسم"))


def _after_and(t: Token) -> bool:
    """Whether the token carries the proclitic «و» («ووزير», «وجون»)."""
    return t.stem_start > t.start and t.norm[:1] == "و"


def _is_quote(t: Token) -> bool:
    return t.kind == "PUNCT" and t.norm == '"'


def find_titles(doc: Document, clusters: list[Cluster], cover: list[Item | None], namer: Namer) -> None:
    """Set `title`, `title_span`, `title_words` and the affiliation of each person cluster."""
    lex = namer.lex
    tokens = doc.tokens
    owner = {id(it): c for c in clusters for it in c.items}
    nested = _nested(clusters)
    for c in clusters:
        if c.type != "PERSON":
            continue
        for it in c.items:
            if id(it) in nested:
                continue  # «جامعة الملك [فهد]»: a name inside another name has no title
            span = _before(tokens, it, cover, lex, owner, namer.nisba)
            if span is None or span[0] == span[1]:  # «الأمير X، وزير الداخلية …»: the longer title after
                span = _after(tokens, it, cover, lex, owner) or span
            if span is None:
                continue
            a, b = span
            c.title_span = (tokens[a].stem_start, tokens[b].end)
            _k, _start, first = first_word(doc, tokens[a], tokens[a].stem_start)
            c.title = first + doc.text[tokens[a].end : c.title_span[1]]  # «للكاتب» → «الكاتب …»
            c.title_words = frozenset(strip_article(t.stem) for t in tokens[a : b + 1] if t.kind == "WORD")
            c.title_evidence = (min(c.title_span[0], it.start), max(c.title_span[1], it.mention.end))
            led = _led(c, tokens, a, b, cover, owner, lex)
            if led is None:
                _affiliation(c, tokens, a, b, cover, owner, namer)
            else:  # the affiliation is named before the leader word, or it is what the person leads
                j, org, part = led
                c.leads = None if part else org
                _affiliation(c, tokens, a, j - 1, cover, owner, namer)
                if c.affiliation is None and c.affiliation_cluster is None:
                    c.affiliation_cluster = org
            break


def _nested(clusters: list[Cluster]) -> set[int]:
    """ids of the items whose mention overlaps another mention."""
    items = sorted(
        (it for c in clusters for it in c.items), key=lambda it: (it.mention.start, -it.mention.end)
    )
    out: set[int] = set()
    reach, last = -1, None
    for it in items:
        if it.mention.start < reach:
            out.add(id(it))
            if last is not None:
                out.add(id(last))
        if it.mention.end > reach:
            reach, last = it.mention.end, it
    return out


def _stops(t: Token, lex) -> bool:
    return t.kind != "WORD" or t.stem in lex.boundaries or t.norm in lex.boundaries


def _other_person(j: int, cover: list[Item | None], owner: dict, me: Cluster | None) -> bool:
    it = cover[j]
    return it is not None and owner[id(it)].type == "PERSON"


def _before(
    tokens: list[Token], it: Item, cover, lex, owner, nisba: dict[str, str]
) -> tuple[int, int] | None:
    first = tokens[it.ti]
    if _after_and(first) and it.start > first.start:
        return None  # «رئيس الأركان وفلان»: a second person after «و», not the holder of the title
    k = it.ti - 1
    honorific = False
    while k >= 0 and (
        tokens[k].stem in lex.honorifics or tokens[k].norm in lex.honorifics or _is_quote(tokens[k])
    ):
        honorific = honorific or not _is_quote(tokens[k])
        k -= 1
    if k < 0:
        return None
    if tokens[k].kind == "PUNCT" and tokens[k].norm in _COMMAS:
        end, direct = k - 1, False
    elif tokens[k].kind == "WORD":
        end, direct = k, True
        last = tokens[end]
        # «الرئيس الأمريكي باراك …», «رئيس حزب … اللبنانية سمير …»; not «مطار الملك فهد الدولي يوم …»
        if not (
            honorific
            or lex.is_title_word(last.stem)
            or last.stem in nisba
            or last.stem in lex.descriptors
            or (cover[end] is not None and owner[id(cover[end])].type in ("ORG", "LOC"))
        ):
            return None
    else:
        return None
    lo = max(0, end - (MAX_DIRECT_WORDS if direct else MAX_TITLE_WORDS) + 1)
    found: list[int] = []
    j = end
    while j >= lo:
        t = tokens[j]
        if _is_quote(t):
            j -= 1
            continue
        if _stops(t, lex) or _other_person(j, cover, owner, None):
            break
        if lex.is_title_word(t.stem):
            found.append(j)
        j -= 1
    if not found:
        return None
    start = found[0]
    for earlier in found[1:]:
        t = tokens[start]
        if direct:
            # «مستشار الرئيس اليمني عبد ربه …»: the name is the president's; only «نائب رئيس …» is one title
            chained = earlier == start - 1 and strip_article(tokens[earlier].stem) in lex.compound_words
        else:
            prefix = t.norm[: len(t.norm) - len(t.stem)] if t.stem_start > t.start else ""
            chained = (
                earlier == start - 1 or prefix.startswith(("و", "ل")) or tokens[start - 1].stem in _NAME_OF
            )
        if not chained:
            break  # «… رئيس الحكومة بوزير الخارجية»: a new phrase starts here
        start = earlier
    # «خالد …، رئيس وزراء اليمن، جاء …»: a title between two commas after a name is that name's
    first = tokens[start]
    coordinated = _after_and(first)  # «…، ووزير الخارجية …»
    if (
        not direct
        and not coordinated
        and start >= 2
        and tokens[start - 1].norm in _COMMAS
        and _other_person(start - 2, cover, owner, None)
    ):
        return None
    return start, end


def _after(tokens: list[Token], it: Item, cover, lex, owner) -> tuple[int, int] | None:
    k = it.tj
    n = len(tokens)
    if k + 1 >= n or tokens[k].kind != "PUNCT" or tokens[k].norm not in _COMMAS:
        return None
    a = k + 1
    if tokens[a].kind != "WORD" or not lex.is_title_word(tokens[a].stem):
        return None
    if _after_and(tokens[a]):
        return None  # «X، ووزير الخارجية Y»: the title of the next person in the list
    b = a
    j = a + 1
    while j < n and j - a < MAX_TITLE_WORDS:
        t = tokens[j]
        if _stops(t, lex) or _other_person(j, cover, owner, None):
            break
        b = j
        j += 1
    return a, b


def _led(c: Cluster, tokens: list[Token], a: int, b: int, cover, owner, lex) -> tuple[int, Cluster, bool] | None:
    """(the leader word's token, the organisation, whether the person leads a part of it) when the
    title has a leader word followed by an organisation's name, with only qualifiers between
    («مدير عام الهيئة …», «الرئيس التنفيذي لشركة …», «زعيم حزب …»); not after a compound word
    («نائب رئيس الحزب» is the deputy). A unit right before another organisation's name is a part
    of that one («رئيس المكتب الإعلامي لمنظمة …»): the person belongs to the organisation and leads
    a part of it."""
    for j in range(a, b):
        t = tokens[j]
        if t.kind != "WORD" or strip_article(t.stem) not in lex.leader_words:
            continue
        if j > a and strip_article(tokens[j - 1].stem) in lex.compound_words:
            continue
        k = j + 1
        while k <= b and (_is_quote(tokens[k]) or (tokens[k].kind == "WORD" and cover[k] is None
                                                   and strip_article(tokens[k].stem) in lex.qualifier_words)):
            k += 1
        it = cover[k] if k <= b else None
        if it is not None and it.ti == k:
            other = owner[id(it)]
            if other is not c and other.type == "ORG" and (other.alias is None or other.alias.kind != "country"):
                outer = cover[it.tj] if it.tj <= b else None
                if outer is not None and outer.ti == it.tj and owner[id(outer)].type == "ORG" and owner[id(outer)] is not c:
                    return j, owner[id(outer)], True
                return j, other, False
        return None  # the title word nearest the name's side is the one that counts
    return None


def _affiliation(c: Cluster, tokens: list[Token], a: int, b: int, cover, owner, namer: Namer) -> None:
    nisba = namer.nisba
    org: Cluster | None = None
    for j in range(a, b + 1):
        it = cover[j]
        if it is not None:
            other = owner[id(it)]
            if other is c:
                continue
            if other.alias is not None and other.alias.kind == "country":
                c.affiliation = other.alias.id
                return
            if other.type == "ORG" and org is None:
                org = other
            continue
        t = tokens[j]
        ident = nisba.get(t.stem) or nisba.get(t.norm)
        if ident is not None and ident.startswith("country:"):
            c.affiliation = ident
            return
    if org is not None:
        c.affiliation_cluster = org
