"""Training the CRF on a tiny hand-written corpus is reproducible."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rasd.cli.ner import evaluate, train
from rasd.ner.conll import read_conll
from rasd.ner.tagger import CRFTagger, meta_path
from rasd.ner.train import fit

# Sentences written for these tests: 'word/TAG' separated by spaces.
CORPUS = """
زار/O الرئيس/O سمير/B-PERS حداد/I-PERS مدينة/O طرابلس/B-LOC أمس/O ./O
وقال/O الوزير/O كريم/B-PERS منصور/I-PERS إن/O شركة/O النور/B-ORG للطيران/I-ORG ستفتح/O مكتبا/O في/O تونس/B-LOC ./O
واستقبل/O رئيس/O الوزراء/O سمير/B-PERS حداد/I-PERS وفدا/O من/O منظمة/B-ORG الصحة/I-ORG العالمية/I-ORG ./O
وصل/O كريم/B-PERS منصور/I-PERS إلى/O بغداد/B-LOC قادما/O من/O عمان/B-LOC ./O
أعلنت/O منظمة/B-ORG الصحة/I-ORG العالمية/I-ORG عن/O برنامج/O جديد/O في/O طرابلس/B-LOC ./O
والتقى/O سمير/B-PERS حداد/I-PERS بنظيره/O في/O تونس/B-LOC ./O
"""


def write_corpus(path) -> None:
    lines = []
    for sent in CORPUS.strip().splitlines():
        lines += [" ".join(item.rsplit("/", 1)) for item in sent.split()]
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_training_is_reproducible_and_learns_the_corpus(tmp_path):
    data = tmp_path / "tiny.txt"
    write_corpus(data)
    sents = read_conll(data)
    m1, m2 = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    fit(sents, m1, iterations=60, c1=0.0, c2=0.01)
    fit(sents, m2, iterations=60, c1=0.0, c2=0.01)
    assert m1.read_bytes() == m2.read_bytes()
    meta = json.loads(meta_path(m1).read_text(encoding="utf-8"))
    assert meta["groups"] == ["base", "stem", "gazetteer", "clusters", "triggers"]
    t1, t2 = CRFTagger(m1), CRFTagger(m2)
    test = "وصل سمير حداد إلى تونس .".split()
    assert t1.tag(test) == t2.tag(test)
    assert t1.tag(test)[1:3] == ["B-PERS", "I-PERS"]


def test_cli_train_writes_dev_and_evaluate_scores_it(tmp_path):
    data = tmp_path / "tiny.txt"
    write_corpus(data)
    model, dev, pred = tmp_path / "m.crfsuite", tmp_path / "dev.txt", tmp_path / "pred.txt"
    runner = CliRunner()
    res = runner.invoke(
        train,
        [
            "ner",
            "--train",
            str(data),
            "--dev-split",
            "0.34",
            "--write-dev",
            str(dev),
            "--out",
            str(model),
            "--features",
            "base,stem",
            "--iterations",
            "40",
            "--c1",
            "0",
            "--c2",
            "0.01",
        ],
    )
    assert res.exit_code == 0, res.output
    assert len(read_conll(dev)) == 2 and "micro" in res.output
    res = runner.invoke(evaluate, ["ner", str(dev), "--model", str(model), "--predictions", str(pred)])
    assert res.exit_code == 0, res.output
    assert "micro" in res.output and "PERS" in res.output
    rows = [line.split(" ") for line in pred.read_text(encoding="utf-8").splitlines() if line]
    gold = [(t, g) for s in read_conll(dev) for t, g in zip(s.tokens, s.tags, strict=True)]
    assert [(r[0], r[1]) for r in rows] == gold and all(len(r) == 3 for r in rows)


def test_cli_reports_bad_training_data_cleanly(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("كلمة O\nكلمة\n", encoding="utf-8")
    res = CliRunner().invoke(train, ["ner", "--train", str(bad), "--out", str(tmp_path / "m.crfsuite")])
    assert res.exit_code == 1
    assert "[E201]" in res.output and "line 2" in res.output


def test_train_with_unlabeled_news_writes_clusters_next_to_the_model(tmp_path):
    pytest.importorskip("gensim")
    pytest.importorskip("sklearn")
    news = tmp_path / "news"
    news.mkdir()
    records = [
        {
            "id": str(i),
            "title": "",
            "text": sent.replace("/O", "")
            .replace("/B-PERS", "")
            .replace("/I-PERS", "")
            .replace("/B-LOC", "")
            .replace("/B-ORG", "")
            .replace("/I-ORG", ""),
        }
        for i, sent in enumerate(CORPUS.strip().splitlines() * 5)
    ]
    (news / "a.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    data = tmp_path / "tiny.txt"
    write_corpus(data)
    model = tmp_path / "m.crfsuite"
    res = CliRunner().invoke(
        train,
        [
            "ner",
            "--train",
            str(data),
            "--dev-split",
            "0",
            "--unlabeled",
            str(news),
            "--out",
            str(model),
            "--iterations",
            "30",
            "--seed",
            "3",
        ],
    )
    assert res.exit_code == 0, res.output
    clusters = tmp_path / "m.clusters.tsv.gz"
    assert clusters.exists()
    assert json.loads(meta_path(model).read_text(encoding="utf-8"))["clusters"] == clusters.name
    assert CRFTagger(model).tag(["سمير", "حداد"])  # loads its own clusters


def test_cli_evaluate_reports_a_missing_model_with_its_code(tmp_path):
    data = tmp_path / "tiny.txt"
    write_corpus(data)
    res = CliRunner().invoke(evaluate, ["ner", str(data), "--model", str(tmp_path / "none.crfsuite")])
    assert res.exit_code == 1 and "[E200]" in res.output and "rasd train ner" in res.output
