"""Named buildings, sites and landforms: a noun that is part of the name, then the name
(«متحف الواحة», «قصر "فالدبرغ"», «مستشفى الشريفة», «جزيرة هاينان», «مرتفعات الجولان»).

A noun of `data/ner/site_heads.tsv`, indefinite, with or without a proclitic («بقصر»), then:
- a name in quotation marks of one to three words → noun, name and closing mark are one place;
- else one or two words that read as a place's own name (`rasd.ner.places.proper`: rare with
  and without the article, no function word, verb or time word; an adjective with the article
  or an indefinite word after a definite one ends it: «مستشفى الشريفة معطل») → noun and name are one place;
- for an island or a landform («land»), also a place the tagger or the gazetteer found right
  after the noun, unless it is a country («جزيرة قبرص» stays the country);
- a word that opens the name of a city («city»: «سان», «سانت») and the word or place after it
  are one place («سان بطرسبرغ», written «سانت بطرسبرغ» in the gazetteer), unless the word is
  part of an organisation or comes after a place («باريس سان جيرمان»), or has «ل» on it
  («لسان حالهم»).
A building named after a listed place («مطار القاهرة») is left alone: the gazetteer names the
city, and the building is a description of it as often as a name. The mention starts at the noun,
so the site is one entity apart from the town it is in.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.ner.gazetteer import _rows
from rasd.ner.places import MAX_PLAIN, continues, possessed, proper, quoted_end
from rasd.text.normalize import norm_key

if TYPE_CHECKING:
    from rasd.ner.rules import Cand, Rules

__all__ = ["named_sites", "site_heads"]

DATA = Path(__file__).resolve().parents[1] / "data" / "ner" / "site_heads.tsv"


@lru_cache(maxsize=1)
def site_heads() -> dict[str, str]:
    """The keys of the nouns of sites -> their class (building, land, city)."""
    return {norm_key(cols[0]): cols[1] for cols in _rows(DATA)}


def named_sites(r: Rules, listed: set[int], found: dict[int, int], bodies: frozenset[int] = frozenset()) -> list[Cand]:
    """The named sites of the document. `listed`: the tokens of the places the gazetteer found;
    `found`: first token -> end of the places the tagger or the gazetteer found; `bodies`: the
    tokens of the organisations found («باريس سان جيرمان» is a club)."""
    from rasd.ner.rules import PRIO_APPOSITION, Cand

    toks = r.tokens
    heads = site_heads()
    in_places = {k for s, e in found.items() for k in range(s, e)}
    out = []
    for a, b in r.sents:
        for i in range(a, b - 1):
            t = toks[i]
            kind = heads.get(t.stem) if t.kind == "WORD" else None
            if kind is None or i in listed:
                continue  # «جزيرة أبوظبي»: the noun is part of a listed place
            j = i + 1
            if kind == "city":
                if i in bodies or i - 1 in in_places or "ل" in r.text[t.start : t.stem_start]:
                    continue  # «باريس سان جيرمان» is a club, «لسان» a tongue
                if j in found:
                    out.append(Cand(i, found[j], "LOC", "rule", PRIO_APPOSITION))
                elif _city_word(r, j):
                    out.append(Cand(i, j + 1, "LOC", "rule", PRIO_APPOSITION))
                continue
            close = quoted_end(r, j, b)
            if close is not None:
                out.append(Cand(i, close + 1, "LOC", "rule", PRIO_APPOSITION))
                continue
            if kind == "land" and j in found and "country" not in r.gaz.lookup_key(toks[j].stem):
                out.append(Cand(i, found[j], "LOC", "rule", PRIO_APPOSITION))
                continue
            k = j
            while k < b and k - j < MAX_PLAIN and k not in listed and proper(r, k) and (k == j or continues(r, k)):
                k += 1
            if k > j:
                out.append(Cand(i, k, "LOC", "rule", PRIO_APPOSITION))
    return out


def _city_word(r: Rules, j: int) -> bool:
    """Whether token j can be the second word of a city's name after «سان» («سان بطرسبرغ»)."""
    t = r.tokens[j]
    return t.kind == "WORD" and not t.prefix_len and t.norm not in r.fw and len(t.stem) >= 3 and not possessed(t.stem)
