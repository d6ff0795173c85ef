"""CRF features of a token sequence, in crfsuite's fast form: one list of 'name=value' strings a token.

Feature groups (the model's metadata says which ones it was trained with; the ablation in the model
README adds them one at a time):

- ``base``      normalised word, its prefixes and suffixes (1-4), shape and length, the words ±2
                around it and the word bigrams with its neighbours;
- ``stem``      the clitic-stripped stem (`rasd.text.clitics.segment`), the proclitic itself, the
                stem's prefixes and suffixes, the article, the stems ±2;
- ``gazetteer`` multi-word gazetteer matches over stems, BIO-style: which list, first or inside;
                one-word fuzzy matches (one inner vowel letter added or dropped) as their own feature;
- ``clusters``  word2vec/k-means cluster ids of the stem at three granularities, of the neighbours
                ±2, a log-frequency bucket from the unlabelled-news lexicon and two proper-noun hints
                from it (does the word also occur with/without the article, with a possessive suffix);
- ``triggers``  a person title or honorific 1-3 words before, organisation head nouns (the token
                itself, or one 1-3 words before), a noun that introduces a work's name 1-3 words
                before («برنامج», «ملعب»), and the position inside a short quoted span.

Everything that depends on the word alone is computed once per distinct surface form and cached, so
a sentence costs a few dictionary look-ups and list concatenations per token.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rasd.text.article import strip_article
from rasd.text.clitics import lexicon, segment, word_count
from rasd.text.normalize import norm_key

GROUPS = ("base", "stem", "gazetteer", "clusters", "triggers")
_CACHE_LIMIT = 100_000  # word types (a few hundred bytes each); cleared when it grows past this
_OFFSETS = (-2, -1, 1, 2)
_BOUNDARY = {o: [f"{o}w=<S>"] for o in _OFFSETS}
_NAMES = {n: tuple(f"{n}{k}=" for k in range(5)) for n in ("p", "s", "sp", "ss")}  # affix k's name


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


# a word of Arabic letters only (marks and tatweel included), whose shape is "a"
_ARABIC_WORD = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]+")


def shape(form: str) -> str:
    out = []
    last = ""
    for ch in form:
        if _is_arabic(ch):
            c = "a"
        elif ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "X" if ch.isupper() else "x"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out[:6])


def freq_bucket(count: int) -> str:
    return str(min(count.bit_length(), 16) // 2)


def _ratio_bucket(part: int, whole: int) -> str:
    if whole < 5:
        return "rare"
    r = part / whole
    return "0" if r < 0.01 else "1" if r < 0.05 else "2" if r < 0.2 else "3" if r < 0.6 else "4"


def proper_noun_signals(stem: str) -> tuple[str, str]:
    """Two unlabelled-news hints that a word is a name rather than a common noun: how often its
    other form (with / without the article) occurs, and how often it takes a possessive suffix.
    Common nouns do both; «العراق», «بلانتين» do neither."""
    bare = strip_article(stem)
    c_bare, c_art = word_count(bare), word_count("ال" + bare)
    base = bare[:-1] + "ت" if bare.endswith("ه") else bare
    # `word_count` of base + ه / ها / هم, inlined (this runs once per new word type)
    get = lexicon().get
    c_suf = get(base + "ه", 0) + get(base + "ة", 0) + get(base + "ها", 0) + get(base + "هم", 0)
    total = c_bare + c_art
    return _ratio_bucket(min(c_bare, c_art), total), _ratio_bucket(c_suf, total + c_suf)


class TypeInfo:
    """What a token contributes that depends on its surface form alone: its own features, those it
    gives the tokens 2 and 1 after it (`m2`, `m1`) and 1 and 2 before it (`p1`, `p2`)."""

    __slots__ = ("bigram_key", "keys", "m1", "m2", "own", "p1", "p2")

    def __init__(
        self,
        own: list[str],
        neighbour: dict[int, list[str]],
        keys: tuple[str, ...],
        bigram_key: str | None,
    ) -> None:
        self.own = own
        self.m2 = neighbour[-2]
        self.m1 = neighbour[-1]
        self.p1 = neighbour[1]
        self.p2 = neighbour[2]
        self.keys = keys
        self.bigram_key = bigram_key


class FeatureExtractor:
    """Turns a sentence (a list of token surface forms) into crfsuite features."""

    def __init__(
        self,
        groups: Sequence[str] = GROUPS,
        clusters=None,
        gazetteer=None,
        triggers=None,
    ) -> None:
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"unknown feature groups {sorted(unknown)}; known: {', '.join(GROUPS)}")
        self.groups = tuple(g for g in GROUPS if g in groups)
        self.use_stem = "stem" in groups
        self.use_clusters = "clusters" in groups
        self.use_gaz = "gazetteer" in groups
        self.use_trig = "triggers" in groups
        if self.use_clusters and clusters is None:
            raise ValueError("the clusters feature group needs a cluster table")
        if self.use_gaz and gazetteer is None:
            raise ValueError("the gazetteer feature group needs a gazetteer")
        if self.use_trig and triggers is None:
            raise ValueError("the triggers feature group needs a trigger lexicon")
        self.clusters = clusters or {}
        self.gazetteer = gazetteer
        self.triggers = triggers
        # stand-ins for the two positions before and after a sentence (no bigram with them)
        self._bos = TypeInfo([], {o: list(v) for o, v in _BOUNDARY.items()}, (), None)
        self._bos.m1 = [*self._bos.m1, "BOS"]
        self._eos = TypeInfo([], {o: list(v) for o, v in _BOUNDARY.items()}, (), None)
        self._eos.p1 = [*self._eos.p1, "EOS"]
        self._cache: dict[str, TypeInfo] = {}

    # -- per word type ---------------------------------------------------------------------------

    def type_info(self, form: str) -> TypeInfo:
        info = self._cache.get(form)
        if info is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            info = self._cache[form] = self._describe(form)
        return info

    def _describe(self, form: str) -> TypeInfo:
        norm = norm_key(form)
        if form and _is_arabic(form[0]):
            n, stem = segment(form)
        else:
            n, stem = 0, norm
        m = min(len(norm), 5)
        own = ["b", "w=" + norm, "sh=" + ("a" if _ARABIC_WORD.fullmatch(form) else shape(form)), "len=" + str(min(len(norm), 10))]
        own += [_NAMES["p"][k] + norm[:k] for k in range(1, m)]
        own += [_NAMES["s"][k] + norm[-k:] for k in range(1, m)]
        near = ["w=" + norm]  # what the neighbours ±1, ±2 see (prefixed with the offset)
        near1 = []  # what only the neighbours ±1 see
        if self.use_stem:
            own.append("st=" + stem)
            if n:
                own.append("pc=" + norm_key(form[:n]))
            bare = strip_article(stem)
            if bare is not stem:
                own.append("al")
            own.append("bare=" + bare)
            m = min(len(bare), 5)
            own += [_NAMES["sp"][k] + bare[:k] for k in range(1, m)]
            own += [_NAMES["ss"][k] + bare[-k:] for k in range(1, m)]
            near.append("s=" + stem)
        if self.use_clusters:
            c = self.clusters.get(stem) or self.clusters.get(norm)
            if c is not None:
                own.append("c64=" + c[0])
                own.append("c256=" + c[1])
                own.append("c1k=" + c[2])
                near.append("c=" + c[1])
                near1.append("c1k=" + c[2])
            else:
                own.append("c=none")
            own.append("fq=" + freq_bucket(word_count(stem)))
            if form and _is_arabic(form[0]):
                art, sfx = proper_noun_signals(stem)
                own.append("art=" + art)
                own.append("sfx=" + sfx)
        if self.use_gaz and not self.gazetteer.lookup_key(stem):  # a stem is a key already
            for cls in self.gazetteer.fuzzy(stem):
                own.append("gf:" + cls)
        near1 = near + near1
        nb = {-2: ["-2" + x for x in near], -1: ["-1" + x for x in near1], 1: ["1" + x for x in near1], 2: ["2" + x for x in near]}
        return TypeInfo(own, nb, *self.type_keys(stem, norm))

    def type_keys(self, stem: str, norm: str) -> tuple[tuple[str, ...], str]:
        """(`TypeInfo.keys`, `TypeInfo.bigram_key`) of a word with this stem and `norm_key`."""
        return ((stem, norm) if stem != norm else (norm,)), (stem if self.use_stem else norm)

    @staticmethod
    def _quotes(keys: Sequence[tuple[str, ...]], out: list[list[str]]) -> None:
        """Mark the tokens between two quotation marks (at most 8 apart): first, inside, last."""
        marks = [i for i, k in enumerate(keys) if k and k[0] == '"']
        k = 0
        while k + 1 < len(marks):
            a, b = marks[k], marks[k + 1]
            if 1 < b - a <= 9:
                out[a + 1].append("q:first")
                out[b - 1].append("q:last")
                for j in range(a + 1, b):
                    out[j].append("q:in")
                if b + 1 < len(keys):
                    out[b + 1].append("q:after")
                k += 2
            else:
                k += 1

    # -- per sentence ----------------------------------------------------------------------------

    def sentence(self, forms: Sequence[str]) -> list[list[str]]:
        cache = self._cache
        infos = [cache.get(f) or self.type_info(f) for f in forms]
        bos, eos = self._bos, self._eos
        padded = [bos, bos, *infos, eos, eos]
        out: list[list[str]] = []
        append = out.append
        for a, p, inf, nx, z in zip(padded, padded[1:], padded[2:], padded[3:], padded[4:], strict=False):
            f = inf.own + a.m2 + p.m1
            key = inf.bigram_key
            if p.bigram_key is not None:
                f.append(f"b-1={p.bigram_key}|{key}")
            f += nx.p1
            if nx.bigram_key is not None:
                f.append(f"b+1={key}|{nx.bigram_key}")
            f += z.p2
            append(f)
        self.context([inf.keys for inf in infos], out)
        return out

    def context(self, keys: Sequence[tuple[str, ...]], out: list[list[str]]) -> tuple[list, list]:
        """Add the features that depend on several words (gazetteer and trigger matches, quoted
        spans) to `out` (a list a token, or a `defaultdict(list)` by token index), given the
        tokens' keys (`TypeInfo.keys`); return the
        gazetteer and the trigger matches (`Gazetteer.matches`), which the document-level rules use
        again."""
        gaz: list = []
        trig: list = []
        n = len(keys)
        if self.use_gaz or self.use_trig:
            if self.use_gaz:
                gaz = self.gazetteer.matches(keys)
                for s, e, classes in gaz:
                    for cls in classes:
                        out[s].append(f"g:{cls}=B")
                        for j in range(s + 1, e):
                            out[j].append(f"g:{cls}=I")
                    if e - s > 1:
                        out[s].append("g:multi")
            if self.use_trig:
                self._quotes(keys, out)
                trig = self.triggers.matches(keys)
                for s, e, classes in trig:
                    for cls in classes:
                        if cls == "misc_head":
                            for d in range(1, 4):
                                if s + d < n:
                                    out[s + d].append(f"mh{d}")
                        elif cls.startswith("org_head"):
                            out[s].append("oh")
                            for d in range(1, 4):
                                if s + d < n:
                                    out[s + d].append(f"oh{d}")
                        else:
                            for j in range(s, e):
                                out[j].append("t:" + cls)
                            for d in range(0, 3):
                                if e + d < n:
                                    out[e + d].append(f"t{d + 1}:{cls}")
        return gaz, trig
