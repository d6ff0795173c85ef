"""Search keys: what the full-text index stores for a text and what a query looks for.

Every word of a document is indexed under three keys, each in its own column (SQLite FTS5) or
under its own weight and lexeme prefix (PostgreSQL tsvector), so both back ends match alike:

- **surf**: the normalised surface form without proclitics (`Token.stem` of `rasd.text.tokenize`,
  `norm_key` folding) and without the definite article: «للتحالف», «التحالف» → «تحالف»,
  «والوزارة», «وزارة» → «وزاره». Snowball strips a leading و from words such as وزارة; this key
  keeps them whole.
- **stem**: the Snowball Arabic stem (PyStemmer) of the same word (alef forms folded, ة kept,
  the elided article of «للـ» restored): «التحالف», «تحالف» → «تحالف»; «الدولية» → «دول».
- **skel**: a spelling skeleton of the surf key when it has five letters or more: the first and last letters kept, the long vowels ا و ي dropped in between. Foreign
  names are written with and without their long vowels (بروكسل / بروكسيل, واشنطن / واشنطون);
  both give «بركسل». It is matched last and weighted lowest.

A query word matches a document word when any of its keys equals the document word's key of the
same kind; all query words must match (AND). A four-letter word has no skeleton of its own but
may be the skeleton of a longer spelling, so a four-letter surf key is also looked up among the
skeletons and a four-letter skeleton among the surf keys: «ترامب» finds «ترمب» and the other way
round. Keys contain only letters and digits (latin lower-cased), so no back end tokenizer splits
them differently.

Words in double quotes (or «…», “…”) are a **phrase**: besides each word, the document must have
them adjacent and in order (by their surf keys, or by their stems). A query of several words
without quotes ranks the documents that have them as a phrase first (`SearchQuery.boost`).

Snippets are cut from the ORIGINAL text: the document is re-tokenised, the tokens whose keys
match the query are found by their character offsets, and the window with the most distinct
query words is returned with the offsets of the words to highlight.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rasd.model import Document, Token
from rasd.text.article import strip_article
from rasd.text.normalize import norm_key, norm_lex
from rasd.text.tokenize import tokenize

__all__ = ["PHRASE_BONUS", "QueryTerm", "alias_key", "PackedKeys", "SearchQuery", "Snippet", "document_keys", "parse_query", "snippet", "token_keys"]

_INDEXED_KINDS = frozenset({"WORD", "LATIN", "NUMBER", "HASHTAG"})
_LONG_VOWELS = str.maketrans("", "", "اوي")
_SKELETON_MIN = 5
_CACHE_LIMIT = 300_000
_KEYS: dict[str, tuple[str, str, str]] = {}


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("arabic")


_MAX_KEY = 100  # longer keys are cut (PostgreSQL lexemes are limited to 2 KB)


def _alnum(s: str) -> str:
    return (s if s.isalnum() else "".join(c for c in s if c.isalnum()))[:_MAX_KEY]


def skeleton(key: str) -> str:
    """The spelling skeleton of a normalised word without article ("" when it is too short)."""
    if len(key) < _SKELETON_MIN:
        return ""
    return key[0] + key[1:-1].translate(_LONG_VOWELS) + key[-1]


def _compute(surface: str, tok: Token, word: str) -> tuple[str, str, str]:
    if tok.kind == "WORD":
        surf = _alnum(strip_article(tok.stem, keep=3))
        portion = word[tok.stem_start - tok.start :]
        pkey = norm_key(portion)
        restored = tok.stem[: len(tok.stem) - len(pkey)] if tok.stem != pkey and tok.stem.endswith(pkey) else ""
        stem = _alnum(_stemmer().stemWord(restored + norm_lex(portion)))
        return surf, stem, _alnum(skeleton(surf))
    if tok.kind == "HASHTAG":
        surf = _alnum(tok.norm.lower())
        return surf, surf, ""
    surf = _alnum(tok.norm.lower())
    return surf, surf, ""


def token_keys(text: str, tok: Token) -> tuple[str, str, str]:
    """(surf, stem, skel) keys of one token of `text` ("" for a key it does not have)."""
    word = text[tok.start : tok.end]
    keys = _KEYS.get(word)
    if keys is None:
        if len(_KEYS) > _CACHE_LIMIT:
            _KEYS.clear()
        keys = _KEYS[word] = _compute(word, tok, word)
    return keys


def _tokens(doc_or_text: Document | str) -> tuple[str, Sequence[Token]]:
    if isinstance(doc_or_text, Document):
        return doc_or_text.text, (doc_or_text.tokens or tokenize(doc_or_text.text))
    return doc_or_text, tokenize(doc_or_text)


def indexed(text: str, tokens: Iterable[Token]) -> list[tuple[Token, tuple[str, str, str]]]:
    """The indexable tokens of a text with their keys (keys are cached per surface form: the
    tokenizer gives one surface form one kind and one segmentation)."""
    if len(_KEYS) > _CACHE_LIMIT:
        _KEYS.clear()
    cache = _KEYS
    kinds = _INDEXED_KINDS
    out = []
    for tok in tokens:
        if tok.kind in kinds:
            word = text[tok.start : tok.end]
            keys = cache.get(word)
            if keys is None:
                keys = cache[word] = _compute(word, tok, word)
            if keys[0]:
                out.append((tok, keys))
    return out


@dataclass(frozen=True, slots=True)
class DocumentKeys:
    """The keys of one document's indexable words, in order, with the words' character spans."""

    starts: list[int]
    ends: list[int]
    surf: list[str]
    stem: list[str]
    skel: list[str]  # "" where a word has no skeleton (keeps positions aligned)

    def columns(self) -> tuple[str, str, str]:
        """The three full-text columns: space-separated keys (words without a skeleton left out)."""
        return " ".join(self.surf), " ".join(self.stem), " ".join(k for k in self.skel if k)

    def pack(self) -> bytes:
        """Compact, lossless form kept with the document (documents.search_keys): lets the index
        entry be deleted with exactly the keys it was made from, and snippets be cut without
        tokenising the text again."""
        n = len(self.starts)
        spans = array("I", self.starts)
        spans.extend(self.ends)
        words = "\x1f".join((" ".join(self.surf), " ".join(self.stem), " ".join(self.skel))).encode("utf-8")
        return zlib.compress(n.to_bytes(4, "little") + spans.tobytes() + words, 1)

    @classmethod
    def unpack(cls, blob: bytes | memoryview) -> DocumentKeys:
        packed = PackedKeys.unpack(blob)  # one reader of the format: the words are then decoded
        n = packed.n
        if not n:
            return cls([], [], [], [], [])
        surf, stem, skel = (col.decode("utf-8").split(" ") for col in packed.columns)
        return cls(packed.spans[:n].tolist(), packed.spans[n:].tolist(), surf, stem, skel)


class PackedKeys:
    """A document's stored keys (`DocumentKeys.pack`) as they are: the three columns stay UTF-8
    bytes and a query's words are found in them with `bytes.find`, which spares decoding and
    splitting every word of the document to cut a snippet."""

    __slots__ = ("n", "spans", "columns")

    def __init__(self, n: int, spans: array, columns: list[bytes]) -> None:
        self.n, self.spans, self.columns = n, spans, columns

    @classmethod
    def unpack(cls, blob: bytes | memoryview) -> PackedKeys:
        data = zlib.decompress(blob)
        n = int.from_bytes(data[:4], "little")
        spans = array("I")
        spans.frombytes(data[4 : 4 + 8 * n])
        return cls(n, spans, data[4 + 8 * n :].split(b"\x1f") if n else [b"", b"", b""])

    def hits(self, query: SearchQuery) -> list[tuple[int, int, int]]:
        """(start, end, term index) of the words matching a query term: the first term in query
        order that matches any of the word's keys, as `QueryTerm.matches` decides."""
        best: dict[int, int] = {}
        for col, words in enumerate(self.columns):
            for i, term in enumerate(query.terms):
                for key in term.column_keys()[col]:
                    for w in _word_numbers(words, key.encode("utf-8")):
                        if best.get(w, i) >= i:
                            best[w] = i
        n, spans = self.n, self.spans
        return [(spans[w], spans[n + w], i) for w, i in sorted(best.items())]


def _word_numbers(column: bytes, key: bytes) -> list[int]:
    """Numbers of the space-separated words of `column` that equal `key`."""
    out = []
    size, width = len(column), len(key)
    counted, words = 0, 0
    pos = column.find(key)
    while pos >= 0:
        end = pos + width
        if (pos == 0 or column[pos - 1] == 32) and (end == size or column[end] == 32):  # 32: a space
            words += column.count(b" ", counted, pos)
            counted = pos
            out.append(words)
            pos = column.find(key, end)
        else:
            pos = column.find(key, pos + 1)
    return out


def document_keys(doc_or_text: Document | str) -> DocumentKeys:
    text, tokens = _tokens(doc_or_text)
    pairs = indexed(text, tokens)
    return DocumentKeys(
        [t.start for t, _ in pairs],
        [t.end for t, _ in pairs],
        [k[0] for _, k in pairs],
        [k[1] for _, k in pairs],
        [k[2] for _, k in pairs],
    )


PHRASE_BONUS = 1000.0  # added to the score of a document with an unquoted query's words as a phrase: above any bm25 or ts_rank
_CROSS_LEN = 4  # a surf key this long is also a skeleton key, and the other way round


def _cross(key: str) -> str:
    return key if len(key) == _CROSS_LEN and key.isalpha() and not key.isascii() else ""


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One query word: its three keys (an empty key is not looked up)."""

    text: str
    surf: str
    stem: str
    skel: str

    @property
    def surf_as_skel(self) -> str:
        """The surf key looked up among the skeletons ("" when it cannot be one)."""
        return _cross(self.surf) if not self.skel else ""

    @property
    def skel_as_surf(self) -> str:
        """The skeleton looked up among the surf keys ("" when it cannot be one)."""
        return _cross(self.skel)

    def column_keys(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The keys looked up in each column (surf, stem, skel)."""
        surf = (self.surf, self.skel_as_surf) if self.skel_as_surf else (self.surf,)
        skel = tuple(k for k in (self.skel, self.surf_as_skel) if k)
        return surf, ((self.stem,) if self.stem else ()), skel

    def matches(self, keys: tuple[str, str, str]) -> bool:
        return any(keys[col] in wanted for col, wanted in enumerate(self.column_keys()))


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str
    terms: tuple[QueryTerm, ...] = field(default_factory=tuple)
    phrases: tuple[tuple[QueryTerm, ...], ...] = ()  # quoted runs of two words or more: required
    boost: tuple[QueryTerm, ...] = ()  # an unquoted query's words: ranked first when adjacent

    @property
    def empty(self) -> bool:
        return not self.terms


_QUOTED = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”')


def _words(text: str) -> list[QueryTerm]:
    return [QueryTerm(text[tok.start : tok.end], *keys) for tok, keys in indexed(text, tokenize(text))]


def parse_query(query: str | None) -> SearchQuery:
    """Split a query into words and compute their keys (duplicates removed, order kept); quoted
    runs of words become phrases."""
    query = (query or "").strip()
    if not query:
        return SearchQuery("")
    words = _words(query)
    phrases = []
    for m in _QUOTED.finditer(query):
        run = tuple(_words(next(g for g in m.groups() if g is not None)))
        if len(run) > 1:
            phrases.append(run)
    seen: set[tuple[str, str, str]] = set()
    terms: list[QueryTerm] = []
    for term in words:
        keys = (term.surf, term.stem, term.skel)
        if keys not in seen:
            seen.add(keys)
            terms.append(term)
    quoted = any(c in query for c in "\"«“")
    boost = tuple(words) if len(words) > 1 and not quoted else ()
    return SearchQuery(query, tuple(terms), tuple(phrases), boost)


@dataclass(frozen=True, slots=True)
class Snippet:
    """An excerpt of the original text: `text`, where it starts in the document, and the spans
    (relative to `text`) to highlight."""

    text: str
    start: int
    highlights: tuple[tuple[int, int], ...]

    def marked(self, open_mark: str = "[", close_mark: str = "]") -> str:
        out = []
        pos = 0
        for a, b in self.highlights:
            out.append(self.text[pos:a])
            out.append(open_mark + self.text[a:b] + close_mark)
            pos = b
        out.append(self.text[pos:])
        return "".join(out)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def snippet(
    text: str,
    query: SearchQuery,
    extra: Sequence[tuple[int, int]] = (),
    width: int = 220,
    skip: int = 0,
    keys: DocumentKeys | PackedKeys | None = None,
) -> Snippet:
    """The best excerpt of about `width` characters of `text`, with query words (and the `extra`
    spans, e.g. mentions of a filtered entity) highlighted. `skip` characters (the title) are not
    considered for the window unless nothing else matches. `keys` are the text's stored keys
    (`PackedKeys.unpack` or `DocumentKeys.unpack`), which spares tokenising it again."""
    hits: list[tuple[int, int, int]] = []  # (start, end, term index or -1)
    if not query.empty:
        if keys is None:
            keys = document_keys(text)
        if isinstance(keys, PackedKeys):
            hits = keys.hits(query)
        else:
            terms = list(enumerate(query.terms))
            for a, b, k in zip(keys.starts, keys.ends, zip(keys.surf, keys.stem, keys.skel, strict=True), strict=True):
                for i, term in terms:
                    if term.matches(k):
                        hits.append((a, b, i))
                        break
    hits.extend((a, b, -1) for a, b in extra)
    hits.sort()
    body_hits = [h for h in hits if h[0] >= skip] or hits
    if body_hits:
        start = _best_window(body_hits, width)
        floor = 0 if start < skip else skip
        start = max(floor, min(start - width // 5, len(text) - width))
    else:
        start = skip if skip < len(text) else 0
    start = _word_start(text, start)
    end = _word_end(text, min(len(text), start + width))
    excerpt = text[start:end]
    lead = "…" if start > 0 and start != skip else ""
    tail = "…" if end < len(text) else ""
    shift = len(lead) - start
    spans = _merge((max(a, start) + shift, min(b, end) + shift) for a, b, _ in hits if a < end and b > start)
    clean = (lead + excerpt + tail).replace("\n", " ")
    return Snippet(clean, start, tuple(spans))


def _best_window(hits: list[tuple[int, int, int]], width: int) -> int:
    """Start offset of the hit that opens the window of `width` characters with the most distinct
    query terms (extra spans count as one term), then the most hits: the window opened by hit i
    holds hits i..j, the last one ending within `width` of hit i's start (hit i at least); it
    slides with a count per term."""
    best_score, best_start = (-1, -1), hits[0][0]
    counts: dict[int, int] = {}
    n, j = len(hits), -1
    for i in range(n):
        a = hits[i][0]
        if j < i:
            j = i
            counts[hits[i][2]] = counts.get(hits[i][2], 0) + 1
        while j + 1 < n and hits[j + 1][1] - a <= width:
            j += 1
            counts[hits[j][2]] = counts.get(hits[j][2], 0) + 1
        score = (len(counts), j - i + 1)
        if score > best_score:
            best_score, best_start = score, a
        t = hits[i][2]
        if counts[t] == 1:
            del counts[t]
        else:
            counts[t] -= 1
    return best_start


def _word_start(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos - 1].isspace():
        pos -= 1
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _word_end(text: str, pos: int) -> int:
    limit = min(len(text), pos + 30)
    while pos < limit and not text[pos].isspace():
        pos += 1
    return pos


@lru_cache(maxsize=200_000)
def alias_key(name: str) -> str:
    """The lookup key of an entity name or alias: its words' surf keys («بالرياض», «الرياض» and
    «رياض» all give «رياض»; «وزير  الخارجية» gives «وزير خارجيه»)."""
    return " ".join(keys[0] for _tok, keys in indexed(name, tokenize(name)))
