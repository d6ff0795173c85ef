"""A readable romanisation of Arabic names (used when the alias table has no English name).

The scheme is a simplified English-press one, not a reversible transliteration:

1. Whole words and word pairs of `latin_names.tsv` are taken as the press writes them (محمد →
   Mohammed, ناصر → Nasser, عبد الله → Abdullah, بن → bin, أبو → Abu, ولد → Ould, جون → John …).
   «عبد» before a word with the article makes one word: عبد المنعم → Abdelmunim.
2. The article ال is written «al-» («Al-» at the start of a name); inside organisation and place
   names a proclitic (و ب ل ك ف, split off by `rasd.text.clitics.segment`) is written «wa-», «bi-»,
   «li-», «ka-», «fa-»; ل before the article is «lil-» (للشغل → lil-Shaghl).
3. Other letters follow `latin_letters.tsv` (ث th, خ kh, ذ dh, ش sh, غ gh, ق q; ص ض ط ظ as s d t z;
   ة a). ا is «a» («A» or «I» for a hamza alef at the start of a word, per its seat). و and ي are
   consonants (w, y) at the start of a word, before ا and after a vowel letter; elsewhere they are the
   long vowels «ou» and «i» (بوزيدة → Bouzida). ع is «a» between consonants and silent next to a
   vowel letter. Hamza on a seat (ئ ؤ) is «i» / «ou»; ء is silent.
4. Short vowels are not written in Arabic, so «a» is inserted where Latin needs a vowel: between
   two consonants that start a word (unless they make a Latin onset such as bl, fr, st followed by
   a vowel: بلانتين → Blantin), in the middle of three consonants, and between a consonant and an
   h that would otherwise read as a digraph (اتحاد → Atahad, not Athad).
5. Each word is capitalised, except the particles bin, bint, al-, wa-, li-, bi-, ka-, fa- inside a
   name.

The result is never empty: a name with no Arabic letters is returned as written.

**Foreign names.** The scheme reads Arabic names well; the Arabic spelling of a foreign name
(«ماكرون», «بايدن») it can only guess. `latin_name` says which case a name is. A name is *foreign*
when one of its words is a foreign given name or particle of `latin_names.tsv` (origin «foreign»);
when a word the letter rules read (no article, no proclitic) shows the evidence of
`foreign_names.tsv` (`foreign_word`): letters Arabic words do not use (گ ڤ پ), sequences such as تش
and نغ, endings such as ـسكي, ـوف, ـدو, or more written vowels than Arabic words have (unless the
corpus uses the word as a common Arabic word, with the article: «مستشفى»); or when no
word shows evidence of being Arabic (`arabic_word`: an Arabic table name, the article or a
proclitic, an Arabic word pattern of `foreign_names.tsv`, or a corpus form with the article). The
words of a foreign name that the letter rules read follow the foreign columns of
`latin_letters.tsv` and the spellings of `foreign_names.tsv` (غ g, و o, تش ch, مب mp, نغ ng; أو at
the start O, إي E; ي or و before a vowel letter i / u; ي before a final ا i, ـيه e; ف after a vowel
v; an inserted vowel is e). The Latin name is *confident* when every word comes from a table (or
has no Arabic letters), or when the name is not foreign; a foreign name the letter rules read is a
guess (`LatinName.confident` False).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasd.resolve.resources import Lexicon, key
from rasd.text.article import has_article, strip_article
from rasd.text.clitics import segment, word_count

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ONSETS = frozenset("bl br kl kr dr fl fr gl gr pl pr sk sl sm sn sp st tr shr thr sw tw dw kw".split())
_LOWER = frozenset(
    ("bin", "bint", "al-", "wa-", "li-", "bi-", "ka-", "fa-", "lil-", "de", "von", "van", "la")
)
_PROCLITICS = {
    "و": "wa-",
    "ف": "fa-",
    "ب": "bi-",
    "ل": "li-",
    "ك": "ka-",
    "لل": "lil-",
    "ول": "wa-li-",
    "وب": "wa-bi-",
}
_HAMZA_ALEF = {"أ": "a", "إ": "i", "آ": "a", "ا": "a", "ٱ": "a"}
_ALEFS = str.maketrans("أإآٱ", "اااا")


@dataclass(frozen=True, slots=True)
class LatinName:
    """A name's Latin form and how far it can be trusted (see the module docstring)."""

    text: str
    confident: bool  # every word from a table, or an Arabic name read by the letter rules
    foreign: bool  # a foreign given name, or a word with the evidence of foreign_names.tsv
    sources: tuple[str, ...]  # per Latin word: "table", "rules" or "as written"


def foreign_word(word: str, lex: Lexicon) -> bool:
    """Whether one word (no article, no proclitic) shows the evidence of `foreign_names.tsv`."""
    s = "".join(ch for ch in word if ch in lex.latin_letters).translate(_ALEFS)
    n = len(s)
    if any(ch in lex.foreign_letters for ch in s):
        return True
    for letters, most, least in lex.foreign_vowels:
        if n >= least and sum(ch in letters for ch in s[1:].removesuffix("ي")) >= most:
            return True
    if any(n >= least and seq in s[1:] for seq, least in lex.foreign_inside):
        return True
    return any(n >= least and s.endswith(seq) for seq, least in lex.foreign_endings)


def arabic_word(word: str, lex: Lexicon) -> bool:
    """Whether one word (no article, no proclitic) shows evidence of being Arabic: it fits an Arabic
    word pattern of `foreign_names.tsv`, or the corpus has it with the article (a common word)."""
    k = key(word)
    if lex.arabic_patterns is not None and lex.arabic_patterns.fullmatch(k):
        return True
    return word_count("ال" + k) > 0


def _common_word(word: str) -> bool:
    """A common Arabic word: the corpus writes it with the article at least a fifth as often as
    without («مستشفى», «مستشار»), as it does not a borrowed name («يوتيوب»); foreign evidence in
    such a word does not count."""
    k = key(word)
    with_article = word_count("ال" + k)
    return with_article > 0 and 5 * with_article >= word_count(k)


def _letters(word: str, lex: Lexicon, foreign: bool = False) -> str:
    """Letter-by-letter romanisation of one word without its article or proclitics."""
    table = lex.latin_letters_foreign if foreign else lex.latin_letters
    spellings = lex.foreign_spellings if foreign else {}
    chars = [ch for ch in word if ch in table]
    n = len(chars)
    segs: list[tuple[str, str]] = []  # (C|V, latin)
    skip = 0
    for i, ch in enumerate(chars):
        if skip:
            skip -= 1
            continue
        cons, vowel = table[ch]
        prev = chars[i - 1] if i else ""
        nxt = chars[i + 1] if i + 1 < n else ""
        prev_vowel = bool(segs) and segs[-1][0] == "V"
        if foreign:
            pair = ch + nxt
            if pair in spellings:
                segs.append(("C", spellings[pair]))
                skip = 1
                continue
            if i == 0 and ch in "أا" and nxt == "و":
                segs.append(("V", "o"))  # «أوباما»: O-
                skip = 1
                continue
            if i == 0 and ch in "إأا" and nxt == "ي":
                segs.append(("V", "e"))  # «إيلون»: E-
                skip = 1
                continue
            if ch == "ي" and i == n - 2 and nxt in "اه" and not prev_vowel:
                segs.append(("V", "i" if nxt == "ا" else "e"))  # «كاليفورنيا» -ia, «خوسيه» -e
                if nxt == "ه":
                    skip = 1
                continue
        if ch in _HAMZA_ALEF:
            segs.append(("V", _HAMZA_ALEF[ch] if i == 0 else "a"))
        elif ch == "ي" and i == 1 and prev == "إ":
            continue  # إي is one long i
        elif ch in "وي":
            if foreign and 0 < i < n - 1 and nxt in "اوي" and not prev_vowel and nxt != ch:
                segs.append(("V", "i" if ch == "ي" else "u"))  # «تيانجين» Tia-, «غوارديولا» Gua-
            elif i == 0 or nxt in _HAMZA_ALEF or (prev_vowel and prev not in "وي"):
                segs.append(("C", cons))
            else:
                segs.append(("V", vowel))
        elif ch == "ع":
            near_vowel = (
                prev_vowel or (nxt and table.get(nxt, ("", ""))[1] and not table[nxt][0]) or nxt in "وي"
            )
            if not near_vowel and 0 < i < n - 1:
                segs.append(("V", vowel))
            elif i == 0 and nxt and nxt not in "اوي":
                segs.append(("V", "a"))
        elif ch == "ة":
            segs.append(("V", vowel) if i == n - 1 else ("C", "t"))
        elif not cons:
            if vowel:
                segs.append(("V", vowel))
        else:
            segs.append(("C", cons))
    ins = "e" if foreign else "a"  # the vowel inserted where Latin needs one
    if foreign:
        segs = _foreign_consonants(segs)
    out: list[str] = []
    after_consonant = False  # the last letter written is a consonant (no vowel after it yet)
    for i, (kind, lat) in enumerate(segs):
        out.append(lat)
        nxt = segs[i + 1][0] if i + 1 < len(segs) else ""
        if kind != "C":
            after_consonant = False
            continue
        if nxt == "C" and segs[i + 1][1][:1] == "h" and lat[-1] in "tksdgcz":
            out.append(ins)  # «اتحاد»: t-h is not th
            after_consonant = False
            continue
        if nxt == "C":
            if i == 0:
                onset = lat + segs[1][1] in _ONSETS and (segs[2][0] if len(segs) > 2 else "") == "V"
                if not onset:
                    out.append(ins)
                    after_consonant = False
                    continue
            elif after_consonant:
                out.append(ins)  # the middle of three consonants
                after_consonant = False
                continue
        after_consonant = True
    return "".join(out)


def _foreign_consonants(segs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Foreign names: f after a vowel letter is v (-ava-, -ov, -ev)."""
    return [
        (kind, "v" if lat == "f" and i > 0 and segs[i - 1][0] == "V" else lat) for i, (kind, lat) in enumerate(segs)
    ]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


_CACHE_LIMIT = 100_000
_cache: dict[tuple[str, bool, int], LatinName] = {}


def romanize(name: str, lex: Lexicon, person: bool = False) -> str:
    """A readable Latin spelling of an Arabic name (see the module docstring for the scheme)."""
    return latin_name(name, lex, person).text


def latin_name(name: str, lex: Lexicon, person: bool = False) -> LatinName:
    """The Latin spelling of an Arabic name with its sources and whether it is confident."""
    k = (name, person, id(lex))
    hit = _cache.get(k)
    if hit is None:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        hit = _cache[k] = _romanize(name, lex, person)
    return hit


@dataclass(slots=True)
class _Word:
    """One Latin word being built: `text` when known, else `pre` + the letter rules' reading of
    `stem` (capitalised) once the name is known to be foreign or not."""

    source: str  # table | rules | as written
    text: str | None = None
    pre: str = ""
    stem: str = ""
    arabic: bool = False  # an article, proclitic or عبد: the word is Arabic whatever the name is
    foreign: bool = False  # a foreign given name of the table


def _words(name: str, lex: Lexicon, person: bool) -> list[_Word]:
    raw = _MARKS.sub("", name).split()
    keys = [key(w) for w in raw]
    out: list[_Word] = []
    names = lex.latin_names
    i = 0
    n = len(raw)
    while i < n:
        hit = None
        for m in range(min(lex.latin_max_words, n - i), 0, -1):
            k = " ".join(keys[i : i + m])
            lat = names.get(k)
            if lat is not None:
                hit = (m, lat, k in lex.latin_foreign)
                break
        if hit is not None and not (
            keys[i] == "عبد" and hit[0] == 1 and i + 1 < n and keys[i + 1].startswith("ال")
        ):
            out.append(_Word("table", hit[1], foreign=hit[2]))
            i += hit[0]
            continue
        word, k = raw[i], keys[i]
        if k == "عبد" and i + 1 < n and keys[i + 1].startswith("ال"):
            out.append(_Word("rules", "Abdel" + _letters(raw[i + 1][2:], lex).lower(), arabic=True))
            i += 2
            continue
        prefix = ""
        if not person and i > 0 and len(k) > 3:
            p, stem = segment(word)
            if p and word[:p] in _PROCLITICS:
                prefix, word, k = _PROCLITICS[word[:p]], word[p:], k[p:]
                if prefix.endswith("li-") and stem.startswith("ال") and not k.startswith("ال"):
                    prefix, word, k = prefix[:-3] + "lil-", word[1:], k[1:]  # «للشغل»: ل + (ا)ل
                    out.append(_Word("rules", pre=prefix, stem=word, arabic=True))
                    i += 1
                    continue
        if has_article(k):
            lat = names.get(strip_article(k))
            article = prefix + ("al-" if (i > 0 or prefix) else "Al-")
            if lat is not None:
                out.append(_Word("table", article + lat))
            else:
                out.append(_Word("rules", pre=article, stem=word[2:], arabic=True))
        elif not any(ch in lex.latin_letters for ch in word):
            out.append(_Word("as written", word))
        else:
            out.append(_Word("rules", pre=prefix, stem=word, arabic=bool(prefix)))
        i += 1
    return out


def _romanize(name: str, lex: Lexicon, person: bool) -> LatinName:
    words = _words(name, lex, person)
    given = any(w.foreign for w in words)  # a foreign given name: its other words are foreign too
    read = [j for j, w in enumerate(words) if w.text is None and not w.arabic]
    cued = {j for j in read if foreign_word(words[j].stem, lex) and not _common_word(words[j].stem)}
    # no evidence either way: a name of letter-read words none of which looks Arabic is foreign
    unknown = bool(read) and not any(
        w.arabic or (w.source == "table" and not w.foreign) for w in words
    ) and not any(arabic_word(words[j].stem, lex) for j in read)
    foreign = given or bool(cued) or unknown
    out = []
    for j, w in enumerate(words):
        if w.text is None:
            w.text = w.pre + _cap(_letters(w.stem, lex, (given or unknown or j in cued) and not w.arabic))
        out.append(w)
    kept = [w for w in out if w.text]
    texts = [
        w.text if (j > 0 and w.text.lower() in _LOWER) else (_cap(w.text) if j == 0 else w.text)
        for j, w in enumerate(kept)
    ]
    text = " ".join(texts).strip()
    sources = tuple(w.source for w in kept)
    confident = not foreign or "rules" not in sources
    return LatinName(text or name.strip(), confident, foreign, sources)
