"""Measure a small neural tagger (torch, one CPU thread) on the NER development part, alone and with the CRF.

usage: python scripts/ner_neural.py ANERCORP_TRAIN WORKDIR [--vectors VECTORS.npz] [--chars 50]
           [--sparse 0] [--sparse-groups all|res] [--encoder lstm|cnn|none] [--hidden 100]
           [--crf 1] [--epochs 15] [--dev-part K] [--ensemble 0.5,1,2] [--name NAME] [--seed 1]
           [--freeze-words] [--speed] [--load WORKDIR/nn-NAME.pt]

Same protocol as `rasd train ner --dev-split 0.1` and the model README: train on the first 90% of
ANERCORP_TRAIN, score the last 10% (or, with `--dev-part K`, the K-th tenth, training on the other
nine) with `rasd.ner.scoring.score` (entity-level exact match, seqeval semantics). The number of
epochs is fixed (no early stopping on the development part); the score of every epoch is logged
for information only.

Inputs of a token, concatenated (dropout 0.5):
- `--vectors`: the embedding of its clitic-stripped stem (or its `norm_key`), initialised from the
  word2vec vectors of `scripts/ner_vectors.py vectors` (ANT unlabelled news) and trained further
  (`--freeze-words`: kept as they are); stems of the training part seen twice and absent from the
  vectors get a trained row of their own;
- `--chars C`: a character CNN over the `norm_key` of the word (24-dimensional characters, C filters
  of width 3, max-pooled); 0 leaves it out;
- `--sparse S`: the sum of S-dimensional embeddings of the CRF's own features of the token
  (`rasd.ner.features`, every group; those seen at least twice in training), `--sparse-groups res`
  keeping only the resource indicators (gazetteer, clusters, frequency, triggers, quotes).

Encoder: a BiLSTM (`--hidden` units each way), two width-3 convolutions (`cnn`, a window of ±2) or
none; then a linear layer to the labels and, with `--crf 1`, a linear-chain CRF (transitions, no
start or end weights, as crfsuite's), trained by likelihood and decoded by Viterbi.

`--ensemble L1,L2…`: also decode the development part with the sum of the CRF tagger's label scores
and L times the neural tagger's (its emissions and transitions: the product of the two chains), for
each L. The CRF is the shipped model for the last tenth, and for `--dev-part K` one trained by
`rasd.ner.train.fit` on the other nine tenths (written to WORKDIR/crf-partK.crfsuite once).

`--speed` (`cnn` encoder): the forward pass again in numpy (`NumpyCNN`: word-type part cached, one
sentence at a time, one BLAS thread), checked against torch's emissions, and its rate per CPU-second
beside the shipped CRF tagger's warm rate on the same sentences: what the two together would cost.

Training batches hold sentences of similar length (`batches`); padding never reaches a real token's
scores (masked inputs and characters), so a sentence gets the same emissions in any batch.

Each run prints a row and appends it, with the command, the configuration and the training time, to
WORKDIR/neural-runs.log; the weights go to WORKDIR/nn-NAME.pt.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

RESOURCE_PREFIXES = ("g:", "gf:", "c64=", "c256=", "c1k=", "c=", "fq=", "art=", "sfx=", "t:", "t1:", "t2:", "t3:", "oh", "mh", "q:")


def split(sentences, dev_part):
    from rasd.ner.conll import split_last

    if dev_part is None:
        return split_last(sentences, 0.1)
    a, b = (round(len(sentences) * k / 10) for k in (dev_part, dev_part + 1))
    return sentences[:a] + sentences[b:], sentences[a:b]


def stem_and_norm(form: str) -> tuple[str, str]:
    from rasd.ner.features import _is_arabic
    from rasd.text.clitics import segment
    from rasd.text.normalize import norm_key

    norm = norm_key(form)
    return (segment(form)[1] if form and _is_arabic(form[0]) else norm), norm


def _resource(feature: str) -> bool:
    name = feature.lstrip("-")
    if name[:1].isdigit():
        name = name[1:]
    return name.startswith(RESOURCE_PREFIXES)


class Inputs:
    """Vocabularies built from the training part, and the encoding of a sentence as their ids."""

    def __init__(self, args, train) -> None:
        import numpy as np

        from rasd.ner.features import GROUPS
        from rasd.ner.tagger import make_extractor

        self.args = args
        self.labels = sorted({t for s in train for t in s.tags})
        self.label_index = {t: i for i, t in enumerate(self.labels)}
        self.word_index: dict[str, int] = {}  # 0: padding, 1: unknown
        self.word_init = None
        stems = Counter(stem_and_norm(f)[0] for s in train for f in s.tokens)
        if args.vectors:
            data = np.load(args.vectors)
            words = data["words"].tolist()
            self.word_index = {w: i + 2 for i, w in enumerate(words)}
            extra = sorted(w for w, c in stems.items() if c >= 2 and w not in self.word_index)
            for w in extra:
                self.word_index[w] = len(self.word_index) + 2
            rng = np.random.default_rng(args.seed)
            vecs = data["vectors"].astype(np.float32)
            scale = float(vecs.std())
            self.word_init = np.concatenate(
                [np.zeros((2, vecs.shape[1]), np.float32), vecs, rng.normal(0, scale, (len(extra), vecs.shape[1])).astype(np.float32)]
            )
        self.char_index: dict[str, int] = {}
        if args.chars:
            chars = Counter(ch for s in train for f in s.tokens for ch in stem_and_norm(f)[1])
            self.char_index = {ch: i + 2 for i, ch in enumerate(sorted(c for c, n in chars.items() if n >= 2))}
        self.sparse_index: dict[str, int] = {}
        self.extractor = None
        if args.sparse:
            self.extractor = make_extractor(GROUPS)
            counts: Counter[str] = Counter()
            for s in train:
                for feats in self.extractor.sentence(s.tokens):
                    counts.update(feats)
            keep = sorted(f for f, n in counts.items() if n >= 2 and (args.sparse_groups == "all" or _resource(f)))
            self.sparse_index = {f: i for i, f in enumerate(keep)}
        self._forms: dict[str, tuple[int, list[int]]] = {}

    def form(self, form: str) -> tuple[int, list[int]]:
        got = self._forms.get(form)
        if got is None:
            stem, norm = stem_and_norm(form)
            wid = self.word_index.get(stem) or self.word_index.get(norm) or 1
            cids = [self.char_index.get(ch, 1) for ch in norm[:20]] or [1]
            got = self._forms[form] = (wid, cids)
        return got

    def encode_sparse(self, tokens) -> list[list[int]]:
        if self.extractor is None:
            return [[] for _ in tokens]
        index = self.sparse_index
        return [[index[f] for f in feats if f in index] for feats in self.extractor.sentence(tokens)]

    def encode(self, tokens) -> dict:
        words, chars = zip(*(self.form(f) for f in tokens), strict=True)
        return {"words": list(words), "chars": list(chars), "sparse": self.encode_sparse(tokens), "tokens": list(tokens)}


def build_model(args, inputs: Inputs):
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            dim = 0
            if inputs.word_init is not None:
                self.wemb = nn.Embedding(len(inputs.word_init), inputs.word_init.shape[1], padding_idx=0, sparse=True)
                self.wemb.weight.data.copy_(torch.from_numpy(inputs.word_init))
                self.wemb.weight.requires_grad = not args.freeze_words
                dim += inputs.word_init.shape[1]
            if args.chars:
                self.cemb = nn.Embedding(len(inputs.char_index) + 2, 24, padding_idx=0)
                self.cconv = nn.Conv1d(24, args.chars, 3, padding=1)
                dim += args.chars
            if args.sparse:
                self.semb = nn.EmbeddingBag(len(inputs.sparse_index), args.sparse, mode="sum", sparse=True)
                nn.init.normal_(self.semb.weight, 0, 0.1)
                dim += args.sparse
            self.drop = nn.Dropout(0.5)
            if args.encoder == "lstm":
                self.lstm = nn.LSTM(dim, args.hidden, batch_first=True, bidirectional=True)
                dim = 2 * args.hidden
            elif args.encoder == "cnn":
                self.conv1 = nn.Conv1d(dim, args.hidden, 3, padding=1)
                self.conv2 = nn.Conv1d(args.hidden, args.hidden, 3, padding=1)
                dim = args.hidden
            self.out = nn.Linear(dim, len(inputs.labels))
            self.trans = nn.Parameter(torch.zeros(len(inputs.labels), len(inputs.labels)))

        def forward(self, batch):
            parts = []
            n, t = batch["words"].shape
            if inputs.word_init is not None:
                parts.append(self.wemb(batch["words"]))
            if args.chars:
                c = self.cemb(batch["chars"].view(n * t, -1)).transpose(1, 2)
                # padding characters count as 0 (relu's floor), so a word's vector is the same in any batch
                c = (torch.relu(self.cconv(c)) * (batch["chars"].view(n * t, 1, -1) > 0)).max(dim=2).values
                parts.append(c.view(n, t, -1))
            if args.sparse:
                parts.append(self.semb(batch["sparse"], batch["offsets"]).view(n, t, -1))
            x = self.drop(torch.cat(parts, dim=2) * batch["mask"].unsqueeze(2))
            if args.encoder == "lstm":
                x = nn.utils.rnn.pack_padded_sequence(x, batch["lengths"], batch_first=True, enforce_sorted=False)
                x = nn.utils.rnn.pad_packed_sequence(self.lstm(x)[0], batch_first=True, total_length=t)[0]
                x = self.drop(x)
            elif args.encoder == "cnn":
                m = batch["mask"].unsqueeze(1).float()
                x = torch.relu(self.conv1(x.transpose(1, 2))) * m
                x = torch.relu(self.conv2(x)) * m
                x = self.drop(x.transpose(1, 2))
            return self.out(x)

    return Tagger()


def collate(items):
    import torch

    n, t = len(items), max(len(it["words"]) for it in items)
    width = max(len(c) for it in items for c in it["chars"])
    words = torch.zeros(n, t, dtype=torch.long)
    chars = torch.zeros(n, t, width, dtype=torch.long)
    mask = torch.zeros(n, t, dtype=torch.bool)
    sparse: list[int] = []
    offsets: list[int] = []
    tags = torch.zeros(n, t, dtype=torch.long)
    for i, it in enumerate(items):
        k = len(it["words"])
        words[i, :k] = torch.tensor(it["words"])
        mask[i, :k] = True
        for j, c in enumerate(it["chars"]):
            chars[i, j, : len(c)] = torch.tensor(c)
        for j in range(t):
            offsets.append(len(sparse))
            if j < k:
                sparse += it["sparse"][j]
        if "tags" in it:
            tags[i, :k] = torch.tensor(it["tags"])
    return {
        "words": words,
        "chars": chars,
        "mask": mask,
        "lengths": mask.sum(1),
        "sparse": torch.tensor(sparse, dtype=torch.long),
        "offsets": torch.tensor(offsets, dtype=torch.long),
        "tags": tags,
    }


def batches(encoded, size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of sentences of similar length (sorted within chunks of 50 batches), to pad little."""
    order = list(range(len(encoded)))
    rng.shuffle(order)
    chunk = 50 * size
    out = []
    for k in range(0, len(order), chunk):
        part = sorted(order[k : k + chunk], key=lambda i: len(encoded[i]["words"]))
        out += [part[j : j + size] for j in range(0, len(part), size)]
    rng.shuffle(out)
    return out


def crf_nll(em, trans, tags, mask):
    """Mean negative log-likelihood of the gold label sequences under the linear-chain CRF."""
    import torch

    n, t, _ = em.shape
    maskf = mask.float()
    gold = em.gather(2, tags.unsqueeze(2)).squeeze(2) * maskf
    gold = gold.sum(1) + (trans[tags[:, :-1], tags[:, 1:]] * maskf[:, 1:]).sum(1)
    alpha = em[:, 0]
    for j in range(1, t):
        nxt = torch.logsumexp(alpha.unsqueeze(2) + trans + em[:, j].unsqueeze(1), dim=1)
        alpha = torch.where(mask[:, j].unsqueeze(1), nxt, alpha)
    return (torch.logsumexp(alpha, dim=1) - gold).mean()


def emissions(model, inputs: Inputs, encoded, batch_size=64):
    """The neural tagger's (tokens, labels) scores of every sentence (log-probabilities without the CRF)."""
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for k in range(0, len(encoded), batch_size):
            items = encoded[k : k + batch_size]
            em = model(collate(items))
            if not inputs.args.crf:
                em = torch.log_softmax(em, dim=2)
            out += [em[i, : len(it["words"])].numpy() for i, it in enumerate(items)]
    return out


def row(name, rep) -> tuple[str, dict]:
    d = rep.to_dict()
    o = d["overall"]
    types = " ".join(f"{t} {100 * v['f1']:.2f}" for t, v in sorted(d["by_type"].items()))
    return f"{name}: P {100 * o['precision']:.2f} R {100 * o['recall']:.2f} F1 {100 * o['f1']:.2f} ({types})", d


def crf_emissions(tagger, sentences):
    """The CRF tagger's (tokens, labels) state scores of each sentence (`CRFTagger.tag_sentences`)."""
    import numpy as np

    out = []
    for s in sentences:
        forms = list(s.tokens)
        ids = tagger.types.lookup([forms])[0]
        types, attributes = tagger.types, tagger.crf.attributes
        keys = [types.keys[i] for i in ids]
        padded = [0, 0, *ids, 1, 1]
        v = types.table[padded]
        em = v[2:-2, 0] + v[:-4, 1] + v[1:-3, 2] + v[3:-1, 3] + v[4:, 4]
        extra: dict[int, list[str]] = {i: [] for i in range(len(ids))}
        tagger.extractor.context(keys, extra)
        for i in range(1, len(ids)):
            a, b = ids[i - 1], ids[i]
            if types.sides[a] & 1 and types.sides[b] & 2:
                pair = f"{types.bigram[a]}|{types.bigram[b]}"
                extra[i].append("b-1=" + pair)
                extra[i - 1].append("b+1=" + pair)
        for i, attrs in extra.items():
            for r in map(attributes.get, attrs):
                if r is not None:
                    em[i] += tagger.crf.weights[r]
        out.append(np.asarray(em))
    return out


def ensemble(args, inputs, model, dev, nn_em) -> list[str]:
    import numpy as np

    from rasd.ner.crf import LinearChainCRF
    from rasd.ner.scoring import score
    from rasd.ner.tagger import DEFAULT_MODEL, CRFTagger

    if args.dev_part is None:
        path = DEFAULT_MODEL
    else:
        path = args.workdir / f"crf-part{args.dev_part}.crfsuite"
        if not path.exists():
            from rasd.ner.conll import read_conll
            from rasd.ner.train import fit

            fit(split(read_conll(args.anercorp_train), args.dev_part)[0], path)
    tagger = CRFTagger(path)
    order = [inputs.label_index[label] for label in tagger.labels]  # CRF label k → neural column
    crf_em = crf_emissions(tagger, dev)
    own = tagger.crf.viterbi(crf_em)
    lines = [row(f"{args.name} crf alone ({path.name})", score([s.tags for s in dev], own))[0]]
    nn_trans = model.trans.detach().numpy()[np.ix_(order, order)] if args.crf else 0.0
    for lam in args.ensemble:
        chain = LinearChainCRF(tagger.labels, {}, np.zeros((0, len(order))), tagger.crf.transitions + lam * nn_trans)
        pred = chain.viterbi([c + lam * e[:, order] for c, e in zip(crf_em, nn_em, strict=True)])
        lines.append(row(f"{args.name} + crf, lambda {lam}", score([s.tags for s in dev], pred))[0])
    return lines


def _shift(a, k: int):
    """`a` (tokens, …) moved k places down (k = 1: row i holds row i - 1), zeros where nothing moves in."""
    import numpy as np

    out = np.zeros_like(a)
    if k > 0:
        out[k:] = a[:-k]
    else:
        out[:k] = a[-k:]
    return out


class NumpyCNN:
    """The `cnn` encoder's forward pass in numpy, for one sentence at a time, with the word-type part
    of the first convolution (word vector and character CNN, times the first layer's three taps)
    computed once per type as the CRF tagger's type table does."""

    def __init__(self, model, inputs: Inputs) -> None:
        import numpy as np

        self.sd = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
        self.inputs = inputs
        w1 = self.sd["conv1.weight"]  # (hidden, dim, 3)
        self.dense_dim = (inputs.word_init.shape[1] if inputs.word_init is not None else 0) + inputs.args.chars
        self.w_type = w1[:, : self.dense_dim, :]
        self.w_sparse = np.concatenate([w1[:, self.dense_dim :, k].T for k in range(3)], axis=1)  # (S, 3·hidden)
        self.w2 = np.concatenate([self.sd["conv2.weight"][:, :, k].T for k in range(3)], axis=1)  # (hidden, 3·hidden)
        self.wo = self.sd["out.weight"].T.copy()
        self.types: dict[str, int] = {}  # token form → row of `table`
        self.rows: list = []
        self.table = np.zeros((0, 3, w1.shape[0]), np.float32)

    def _type_row(self, wid: int, cids: list[int]):
        import numpy as np

        sd, parts = self.sd, []
        if self.inputs.word_init is not None:
            parts.append(sd["wemb.weight"][wid])
        if self.inputs.args.chars:
            c = sd["cemb.weight"][cids].T  # (24, L)
            c = np.pad(c, ((0, 0), (1, 1)))
            w = sd["cconv.weight"]  # (C, 24, 3)
            conv = sum(w[:, :, k] @ c[:, k : k + len(cids)] for k in range(3)) + sd["cconv.bias"][:, None]
            parts.append(np.maximum(conv, 0).max(axis=1))
        x = np.concatenate(parts)
        return np.stack([self.w_type[:, :, k] @ x for k in range(3)])  # (3, hidden)

    def emissions(self, enc):
        import numpy as np

        ids = []
        for form, wid, cids in zip(enc["tokens"], enc["words"], enc["chars"], strict=True):
            r = self.types.get(form)
            if r is None:
                r = self.types[form] = len(self.rows)
                self.rows.append(self._type_row(wid, cids))
            ids.append(r)
        if len(self.rows) != len(self.table):
            self.table = np.stack(self.rows)
        p = self.table[ids]  # (n, 3, hidden): each token's contribution to its left, own, right position
        if self.inputs.args.sparse:
            flat = [f for fs in enc["sparse"] for f in fs]
            sums = np.zeros((len(ids), self.sd["semb.weight"].shape[1]), np.float32)
            if flat:
                owner = np.repeat(np.arange(len(ids)), [len(fs) for fs in enc["sparse"]])
                np.add.at(sums, owner, self.sd["semb.weight"][flat])
            p = p + (sums @ self.w_sparse).reshape(len(ids), 3, -1)
        return self._convolve(p, self.sd["conv1.bias"], self.w2, self.sd["conv2.bias"])

    def _convolve(self, p, b1, w2, b2):
        import numpy as np

        h = p[:, 1] + b1  # a width-3 convolution: position i reads taps 0, 1, 2 of tokens i-1, i, i+1
        h[1:] += p[:-1, 0]
        h[:-1] += p[1:, 2]
        np.maximum(h, 0, out=h)
        g = h @ w2  # (n, 3·hidden): every token's three taps of the second convolution at once
        k = len(b2)
        h = g[:, k : 2 * k] + b2
        h[1:] += g[:-1, :k]
        h[:-1] += g[1:, 2 * k :]
        np.maximum(h, 0, out=h)
        return h @ self.wo + self.sd["out.bias"]


def speed(args, model, inputs: Inputs, dev, enc_dev, nn_em) -> list[str]:
    """The numpy forward pass's agreement with torch's and its warm rate, beside the CRF tagger's."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    from rasd.ner.tagger import DEFAULT_MODEL, CRFTagger

    threadpool_limits(1)
    net = NumpyCNN(model, inputs)
    diff = max(float(np.abs(net.emissions(e) - t).max()) for e, t in zip(enc_dev, nn_em, strict=True))
    n_tok = sum(len(e["words"]) for e in enc_dev)
    t0 = time.process_time()
    for _ in range(3):
        for e in enc_dev:
            net.emissions(e)
    nn_rate = 3 * n_tok / (time.process_time() - t0)
    t0 = time.process_time()
    for _ in range(3):
        for e in enc_dev:
            inputs.encode_sparse(e["tokens"])
    feat_rate = 3 * n_tok / (time.process_time() - t0)
    tagger = CRFTagger(DEFAULT_MODEL)
    forms = [list(s.tokens) for s in dev]
    for f in forms:
        tagger.tag(f)
    t0 = time.process_time()
    for _ in range(3):
        for f in forms:
            tagger.tag(f)
    crf_rate = 3 * n_tok / (time.process_time() - t0)
    both = 1 / (1 / crf_rate + 1 / nn_rate + (1 / feat_rate if args.sparse else 0))
    sparse = f", its sparse inputs {feat_rate:,.0f}" if args.sparse else ""
    return [
        f"{args.name} numpy forward: max |numpy - torch| {diff:.2e}; per CPU-second: numpy forward "
        f"{nn_rate:,.0f} tokens (word types cached){sparse}, the CRF tagger (warm) {crf_rate:,.0f}; "
        f"CRF + neural at best {both:,.0f} tokens"
    ]


def run(args) -> None:
    import numpy as np
    import torch

    from rasd.ner.conll import read_conll
    from rasd.ner.crf import LinearChainCRF
    from rasd.ner.scoring import score

    torch.set_num_threads(1)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    train, dev = split(read_conll(args.anercorp_train), args.dev_part)
    t0 = time.perf_counter()
    inputs = Inputs(args, train)
    enc_train = [{**inputs.encode(s.tokens), "tags": [inputs.label_index[t] for t in s.tags]} for s in train]
    enc_dev = [inputs.encode(s.tokens) for s in dev]
    print(f"inputs encoded ({time.perf_counter() - t0:.0f}s)", flush=True)
    model = build_model(args, inputs)
    if args.load:
        model.load_state_dict(torch.load(args.load))
    trained = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    sparse_params = [p for n, p in trained if n.startswith(("wemb", "semb"))]
    dense_params = [p for n, p in trained if not n.startswith(("wemb", "semb"))]
    optims = [torch.optim.Adam(dense_params, lr=args.lr)]
    if sparse_params:
        optims.append(torch.optim.SparseAdam(sparse_params, lr=args.lr))
    decoder = LinearChainCRF(inputs.labels, {}, np.zeros((0, len(inputs.labels))), np.zeros((len(inputs.labels),) * 2))
    gold = [s.tags for s in dev]
    epochs_f1 = []
    rng = random.Random(args.seed)
    for _epoch in range(0 if args.load else args.epochs):
        model.train()
        for ids in batches(enc_train, args.batch, rng):
            batch = collate([enc_train[i] for i in ids])
            em = model(batch)
            if args.crf:
                loss = crf_nll(em, model.trans, batch["tags"], batch["mask"])
            else:
                loss = torch.nn.functional.cross_entropy(em[batch["mask"]], batch["tags"][batch["mask"]])
            for o in optims:
                o.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(dense_params, 5.0)
            for o in optims:
                o.step()
        nn_em = emissions(model, inputs, enc_dev)
        if args.crf:
            decoder.transitions = model.trans.detach().numpy().astype(float)
        pred = decoder._viterbi_numpy([e.astype(float) for e in nn_em])
        epochs_f1.append(round(100 * score(gold, pred).overall.f1, 2))
        print(f"epoch {_epoch + 1}: dev F1 {epochs_f1[-1]} ({time.perf_counter() - t0:.0f}s)", flush=True)
    train_s = time.perf_counter() - t0
    nn_em = emissions(model, inputs, enc_dev)
    if args.crf:
        decoder.transitions = model.trans.detach().numpy().astype(float)
    pred = decoder._viterbi_numpy([e.astype(float) for e in nn_em])
    line, scores = row(args.name, score(gold, pred))
    params = sum(p.numel() for p in model.parameters())
    line += f" params {params / 1e6:.2f}M, train {train_s:.0f}s"
    lines = [line]
    if args.ensemble:
        lines += ensemble(args, inputs, model, dev, nn_em)
    if args.speed and args.encoder == "cnn":
        lines += speed(args, model, inputs, dev, enc_dev, nn_em)
    args.workdir.mkdir(parents=True, exist_ok=True)
    if not args.load:
        torch.save(model.state_dict(), args.workdir / f"nn-{args.name}.pt")
    config = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    with open(args.workdir / "neural-runs.log", "a", encoding="utf-8") as fh:
        fh.write(f"$ python scripts/ner_neural.py {' '.join(sys.argv[1:])}\n")
        fh.write(json.dumps({"config": config, "epochs_f1": epochs_f1, "scores": scores, "train_s": round(train_s)}) + "\n")
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("anercorp_train", type=Path)
    ap.add_argument("workdir", type=Path)
    ap.add_argument("--vectors", type=Path, default=None)
    ap.add_argument("--freeze-words", action="store_true")
    ap.add_argument("--chars", type=int, default=50)
    ap.add_argument("--sparse", type=int, default=0)
    ap.add_argument("--sparse-groups", choices=("all", "res"), default="all")
    ap.add_argument("--encoder", choices=("lstm", "cnn", "none"), default="lstm")
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--crf", type=int, choices=(0, 1), default=1)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dev-part", type=int, default=None, choices=range(10))
    ap.add_argument("--ensemble", type=lambda s: [float(x) for x in s.split(",")], default=None)
    ap.add_argument("--name", default=None)
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--load", type=Path, default=None, help="score a saved WORKDIR/nn-NAME.pt instead of training")
    args = ap.parse_args(argv)
    if not (args.vectors or args.chars or args.sparse):
        ap.error("give at least one input: --vectors, --chars or --sparse")
    args.name = args.name or f"{args.encoder}-v{int(bool(args.vectors))}-c{args.chars}-s{args.sparse}{args.sparse_groups[0]}-crf{args.crf}" + (
        "-frozen" if args.freeze_words else ""
    ) + f"-e{args.epochs}"
    run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
