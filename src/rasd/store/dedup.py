"""Near-duplicate detection: MinHash signatures (datasketch) and LSH band keys kept in the database.

The same wire story printed by several papers differs in a title, a dateline, a sentence. Each
document's body is cut into word 3-grams of normalised words (`rasd.store.search` surf keys, so
spelling and clitic variants agree); a 128-permutation MinHash signature estimates the Jaccard
similarity of two documents' 3-gram sets. The signature is split into b bands of r values
(datasketch's `MinHashLSH` picks b and r for the threshold, here weighted towards recall); each band is hashed to a 64-bit key
stored in the `minhash_bands` table. A new document's candidates are the stored documents sharing
a band key (one indexed lookup, so later ingests link to earlier clusters without rebuilding an
index in memory); a candidate is a near-duplicate when the signatures agree on at least
`THRESHOLD` of their values. The document joins the cluster of its most similar candidate.
"""

from __future__ import annotations

import hashlib
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rasd.model import Document
from rasd.store.search import DocumentKeys, document_keys

if TYPE_CHECKING:  # numpy is imported on first use: reading a store (search, listings) needs none of it
    import numpy as np

__all__ = ["MAX_CANDIDATES", "NUM_PERM", "THRESHOLD", "best_match", "band_keys", "pack", "signature", "similarity", "unpack"]

NUM_PERM = 128
THRESHOLD = 0.5  # estimated Jaccard similarity of the word 3-gram sets
MIN_WORDS = 8  # shorter bodies are not clustered (too little evidence)
MAX_CANDIDATES = 100  # stored documents sharing a band that are compared: the newest ones
_SEED = 1
_P1, _P2, _MASK = 0x9E3779B1, 0x85EBCA77, 0xFFFFFFFF
_WORD_HASH: dict[str, int] = {}
# datasketch's (false positive, false negative) weights for choosing bands: favour recall, since
# every candidate is verified against its stored signature (b=30 bands of r=4 values: a pair at
# Jaccard 0.5 is a candidate 86% of the time, at 0.6 98%, at 0.3 22%).
_WEIGHTS = (0.2, 0.8)


@lru_cache(maxsize=1)
def _lsh_params() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, weights=_WEIGHTS)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _permutations() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32").permutations


def signature(doc: Document, keys: DocumentKeys | None = None) -> np.ndarray | None:
    """The MinHash signature (uint32[NUM_PERM]) of the document's body, or None when too short.
    `keys` are the document's search keys when already computed."""
    import numpy as np
    from datasketch import MinHash

    if keys is None:
        keys = document_keys(doc)
    words = keys.surf[bisect_left(keys.starts, doc.body_start) :]  # the keys come in text order
    if len(words) < MIN_WORDS:
        return None
    # A 3-gram's 32-bit hash combines its words' CRC-32s (cached per word): no strings are built.
    cache = _WORD_HASH
    if len(cache) > 500_000:
        cache.clear()
    hashes = list(map(cache.get, words))
    for i, h in enumerate(hashes):
        if h is None:
            w = words[i]
            hashes[i] = cache[w] = zlib.crc32(w.encode("utf-8"))
    h = np.array(hashes, dtype=np.uint64)
    p1, p2, mask = np.uint64(_P1), np.uint64(_P2), np.uint64(_MASK)
    grams = np.unique((h[:-2] * p1 + h[1:-1] * p2 + h[2:]) & mask)
    mh = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=_permutations(), scheme="affine32")
    mh.update_batch(grams.tolist())
    return mh.hashvalues.astype("<u4")


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (the band number is part of what is hashed)."""
    b, r = _lsh_params()
    out = []
    for i in range(b):
        h = hashlib.blake2b(i.to_bytes(2, "little") + sig[i * r : (i + 1) * r].tobytes(), digest_size=8)
        out.append(int.from_bytes(h.digest(), "little", signed=True))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float((a == b).sum()) / len(a)


def pack(sig: np.ndarray | None) -> bytes | None:
    return None if sig is None else sig.astype("<u4").tobytes()


def unpack(data: bytes | memoryview | None) -> np.ndarray | None:
    if data is None:
        return None
    import numpy as np

    return np.frombuffer(bytes(data), dtype="<u4")


def best_match(sig: np.ndarray, candidates: Sequence[tuple[str, str, Any]]) -> tuple[str, str, float] | None:
    """(document id, cluster id, similarity) of the most similar candidate at or above THRESHOLD.

    `candidates` are (id, cluster, packed signature), newest first as `SQLStore` lists them;
    ties go to the first listed."""
    best = None
    for doc_id, cluster, packed in candidates:
        other = unpack(packed)
        if other is None or len(other) != len(sig):
            continue
        s = similarity(sig, other)
        if s >= THRESHOLD and (best is None or s > best[2]):
            best = (doc_id, cluster, s)
    return best
