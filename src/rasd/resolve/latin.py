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
   long vowels «ou» and «i» (بوريطة → Bourita). ع is «a» between consonants and silent next to a
   vowel letter. Hamza on a seat (ئ ؤ) is «i» / «ou»; ء is silent.
4. Short vowels are not written in Arabic, so «a» is inserted where Latin needs a vowel: between
   two consonants that start a word (unless they make a Latin onset such as bl, fr, st followed by
   a vowel: بلينكين → Blinkin), in the middle of three consonants, and between a consonant and an
   h that would otherwise read as a digraph (اتحاد → Atahad, not Athad).
5. Each word is capitalised, except the particles bin, bint, al-, wa-, li-, bi-, ka-, fa- inside a
   name.

The result is never empty: a name with no Arabic letters is returned as written.
"""

from __future__ import annotations

import re

from rasd.resolve.resources import Lexicon, key
from rasd.text.article import has_article, strip_article
from rasd.text.clitics import segment

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


def _letters(word: str, lex: Lexicon) -> str:
    """Letter-by-letter romanisation of one word without its article or proclitics."""
    table = lex.latin_letters
    chars = [ch for ch in word if ch in table]
    n = len(chars)
    segs: list[tuple[str, str]] = []  # (C|V, latin)
    for i, ch in enumerate(chars):
        cons, vowel = table[ch]
        prev = chars[i - 1] if i else ""
        nxt = chars[i + 1] if i + 1 < n else ""
        prev_vowel = bool(segs) and segs[-1][0] == "V"
        if ch in _HAMZA_ALEF:
            segs.append(("V", _HAMZA_ALEF[ch] if i == 0 else "a"))
        elif ch == "ي" and i == 1 and prev == "إ":
            continue  # إي is one long i
        elif ch in "وي":
            if i == 0 or nxt in _HAMZA_ALEF or (prev_vowel and prev not in "وي"):
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
    out: list[str] = []
    after_consonant = False  # the last letter written is a consonant (no vowel after it yet)
    for i, (kind, lat) in enumerate(segs):
        out.append(lat)
        nxt = segs[i + 1][0] if i + 1 < len(segs) else ""
        if kind != "C":
            after_consonant = False
            continue
        if nxt == "C" and segs[i + 1][1][:1] == "h" and lat[-1] in "tksdgcz":
            out.append("a")  # «اتحاد»: t-h is not th
            after_consonant = False
            continue
        if nxt == "C":
            if i == 0:
                onset = lat + segs[1][1] in _ONSETS and (segs[2][0] if len(segs) > 2 else "") == "V"
                if not onset:
                    out.append("a")
                    after_consonant = False
                    continue
            elif after_consonant:
                out.append("a")  # the middle of three consonants
                after_consonant = False
                continue
        after_consonant = True
    return "".join(out)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


_CACHE_LIMIT = 100_000
_cache: dict[tuple[str, bool, int], str] = {}


def romanize(name: str, lex: Lexicon, person: bool = False) -> str:
    """A readable Latin spelling of an Arabic name (see the module docstring for the scheme)."""
    k = (name, person, id(lex))
    hit = _cache.get(k)
    if hit is None:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        hit = _cache[k] = _romanize(name, lex, person)
    return hit


def _romanize(name: str, lex: Lexicon, person: bool) -> str:
    raw = _MARKS.sub("", name).split()
    keys = [key(w) for w in raw]
    out: list[str] = []
    names = lex.latin_names
    i = 0
    n = len(raw)
    while i < n:
        hit = None
        for m in range(min(lex.latin_max_words, n - i), 0, -1):
            lat = names.get(" ".join(keys[i : i + m]))
            if lat is not None:
                hit = (m, lat)
                break
        if hit is not None and not (
            keys[i] == "عبد" and hit[0] == 1 and i + 1 < n and keys[i + 1].startswith("ال")
        ):
            out.append(hit[1])
            i += hit[0]
            continue
        word, k = raw[i], keys[i]
        if k == "عبد" and i + 1 < n and keys[i + 1].startswith("ال"):
            out.append("Abdel" + _letters(raw[i + 1][2:], lex).lower())
            i += 2
            continue
        prefix = ""
        if not person and i > 0 and len(k) > 3:
            p, stem = segment(word)
            if p and word[:p] in _PROCLITICS:
                prefix, word, k = _PROCLITICS[word[:p]], word[p:], k[p:]
                if prefix.endswith("li-") and stem.startswith("ال") and not k.startswith("ال"):
                    prefix, word, k = prefix[:-3] + "lil-", word[1:], k[1:]  # «للشغل»: ل + (ا)ل
                    out.append(prefix + _cap(_letters(word, lex)))
                    i += 1
                    continue
        if has_article(k):
            lat = names.get(strip_article(k))
            body = lat if lat is not None else _cap(_letters(word[2:], lex))
            article = "al-" if (i > 0 or prefix) else "Al-"
            out.append(prefix + article + body)
        elif not any(ch in lex.latin_letters for ch in word):
            out.append(word)
        else:
            out.append(prefix + _cap(_letters(word, lex)))
        i += 1
    words = [
        w if (j > 0 and w.lower() in _LOWER) else (_cap(w) if j == 0 else w) for j, w in enumerate(out) if w
    ]
    text = " ".join(words).strip()
    return text or name.strip()
