"""Word clusters learned without labels: word2vec over clitic-stripped stems, then k-means.

The shipped file `rasd/data/clusters/ant-w2v-clusters.tsv.gz` (skip-gram, window 3) maps a stem key to three nested
cluster ids (`stem<TAB>c64<TAB>c256<TAB>c1024`): k-means with 1024 centres over the unit-length
word vectors, then the 1024 centres clustered into 256 and the 256 into 64 (so the three levels nest,
like prefixes of Brown-cluster bit strings). `train_clusters` regenerates it; it needs the dev
dependencies gensim and scikit-learn and runs on one core (workers=1, fixed seed: reproducible).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from rasd.errors import ModelError

CLUSTERS_PATH = Path(__file__).resolve().parents[1] / "data" / "clusters" / "ant-w2v-clusters.tsv.gz"
LEVELS = (64, 256, 1024)


@lru_cache(maxsize=4)
def load_clusters(path: str = str(CLUSTERS_PATH)) -> dict[str, tuple[str, str, str]]:
    """stem key → (c64, c256, c1024) cluster ids as strings. Loaded once, on first use."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise ModelError(
            path=path,
            problem="the word-cluster file is missing",
            fix="Regenerate it with `python scripts/train_clusters.py ../shared/data/ant-unlabeled`, "
            "or reinstall rasd.",
        ) from exc
    out: dict[str, tuple[str, str, str]] = {}
    for line in data.splitlines():
        if line.startswith("#") or not line:
            continue
        stem, a, b, c = line.split("\t")
        out[stem] = (a, b, c)
    return out


def corpus_files(source: Path) -> list[Path]:
    """The `*.jsonl.gz` and `*.jsonl` files of a corpus folder (or the one file given)."""
    files = (
        sorted(source.glob("*.jsonl.gz")) + sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
    )
    if not source.exists() or not files:
        raise ModelError(
            path=str(source),
            problem="no *.jsonl.gz or *.jsonl files here" if source.exists() else "no such file or folder",
            fix="Point to a folder of JSON-lines news files with a 'text' field.",
        )
    return files


def iter_articles(source: Path) -> Iterator[str]:
    """Title and text (one line apart) of every article of `corpus_files(source)`; a line that is
    not JSON raises ModelError naming its file and line."""
    for f in corpus_files(source):
        opener = gzip.open if f.suffix == ".gz" else open
        with opener(f, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ModelError(
                        path=f"{f}:{n}",
                        problem=f"not JSON ({exc.msg})",
                        fix="Each line must be one JSON object.",
                    ) from exc
                yield f"{rec.get('title') or ''}\n{rec.get('text') or ''}"


def stem_sentences(source: Path, max_tokens: int | None = None) -> list[list[str]]:
    """The unlabelled text as lists of stem keys (one list per sentence-ish chunk of ≤ 60 words)."""
    from rasd.text.tokenize import tokenize

    out: list[list[str]] = []
    total = 0
    for text in iter_articles(source):
        cur: list[str] = []
        for t in tokenize(text):
            k = t.kind
            if k == "WORD":
                cur.append(t.stem)
            elif k == "LATIN":
                cur.append(t.norm.lower())
            elif k == "NUMBER":
                cur.append("<NUM>")
            elif t.norm in ".!?؟\n" or len(cur) >= 60:
                if len(cur) > 1:
                    out.append(cur)
                    total += len(cur)
                cur = []
        if len(cur) > 1:
            out.append(cur)
            total += len(cur)
        if max_tokens and total >= max_tokens:
            break
    return out


def train_clusters(
    source: str | Path,
    out: str | Path,
    *,
    seed: int = 1,
    vector_size: int = 100,
    epochs: int = 5,
    window: int = 3,
    min_count: int = 2,
    sg: int = 1,
    top: int = 100_000,
    max_tokens: int | None = None,
    log=print,
) -> dict[str, object]:
    """Train word2vec on the stems of the news under `source`, k-means them, write the cluster file."""
    import time

    try:
        import numpy as np
        from gensim.models import Word2Vec
        from sklearn.cluster import KMeans
        from threadpoolctl import threadpool_limits
    except ImportError as exc:
        raise ModelError(
            path=str(source),
            problem=f"training clusters needs {exc.name}",
            fix="Install the dev dependencies: pip install -e '.[dev]'.",
        ) from exc
    t0 = time.perf_counter()
    sents = stem_sentences(Path(source), max_tokens)
    n_tok = sum(map(len, sents))
    log(f"read {len(sents)} chunks, {n_tok} tokens in {time.perf_counter() - t0:.0f}s")
    t1 = time.perf_counter()
    w2v = Word2Vec(
        sents,
        vector_size=vector_size,
        window=window,
        min_count=min_count,
        workers=1,
        epochs=epochs,
        seed=seed,
        sg=sg,
        sample=1e-4,
    )
    log(f"word2vec: {len(w2v.wv)} words in {time.perf_counter() - t1:.0f}s")
    words = [w for w in w2v.wv.index_to_key if w != "<NUM>"][:top]
    vecs = np.stack([w2v.wv[w] for w in words]).astype(np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    counts = np.array([w2v.wv.get_vecattr(w, "count") for w in words], dtype=np.float64)
    t2 = time.perf_counter()
    # a small corpus gets fewer clusters (k-means needs at least as many words as centres)
    n3 = min(LEVELS[2], len(words))
    n2 = min(LEVELS[1], n3)
    n1 = min(LEVELS[0], n2)
    with threadpool_limits(1):
        k3 = KMeans(n3, n_init=1, max_iter=40, random_state=seed).fit(vecs)
        c3 = k3.labels_
        cent3 = k3.cluster_centers_
        w3 = np.bincount(c3, weights=counts, minlength=n3) + 1.0
        k2 = KMeans(n2, n_init=4, random_state=seed).fit(cent3, sample_weight=w3)
        c2_of3 = k2.labels_
        w2 = np.bincount(c2_of3, weights=w3, minlength=n2) + 1.0
        k1 = KMeans(n1, n_init=4, random_state=seed).fit(k2.cluster_centers_, sample_weight=w2)
        c1_of2 = k1.labels_
    log(f"k-means in {time.perf_counter() - t2:.0f}s")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as gz:
        header = (
            f"# word clusters: word2vec ({'skip-gram' if sg else 'CBOW'}, {vector_size} dims, window {window}, {epochs} epochs, "
            f"min_count {min_count}, seed {seed}, workers 1) over the clitic-stripped stems of "
            f"{n_tok} tokens of {Path(source).name}, then nested k-means {n3} -> {n2} -> {n1}\n"
            "# generated by scripts/train_clusters.py; columns: stem, c64, c256, c1024\n"
        )
        gz.write(header.encode("utf-8"))
        lines = []
        for w, a in zip(words, c3, strict=True):
            b = c2_of3[a]
            lines.append(f"{w}\t{c1_of2[b]}\t{b}\t{a}\n")
        gz.write("".join(lines).encode("utf-8"))
    return {
        "tokens": n_tok,
        "vocabulary": len(w2v.wv),
        "stems": len(words),
        "seconds": time.perf_counter() - t0,
    }
