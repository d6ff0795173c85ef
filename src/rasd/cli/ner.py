"""`rasd train ner` and `rasd evaluate ner`: train the CRF tagger and score it on a CoNLL file."""

from __future__ import annotations

import json

import click

from rasd.errors import RasdError

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
def train() -> None:
    """Train rasd's statistical models.

    \b
    Example:
      rasd train ner --train ../shared/data/anercorp/train.txt --dev-split 0.1 --out ner.crfsuite
    """


@click.group(context_settings=CONTEXT)
def evaluate() -> None:
    """Score rasd's models on annotated data.

    \b
    Example:
      rasd evaluate ner dev.txt --model ner.crfsuite
    """


def _groups(value: str) -> tuple[str, ...]:
    from rasd.ner.features import GROUPS

    groups = tuple(g.strip() for g in value.split(",") if g.strip())
    bad = [g for g in groups if g not in GROUPS]
    if bad or "base" not in groups:
        raise click.BadParameter(
            f"use a comma-separated subset of {', '.join(GROUPS)} that includes base (got {value!r})"
        )
    return groups


@train.command("ner", context_settings=CONTEXT)
@click.option(
    "--train",
    "train_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="CoNLL file: 'TOKEN TAG' lines, blank line between sentences.",
)
@click.option(
    "--dev",
    "dev_file",
    type=click.Path(dir_okay=False),
    help="A separate development file (then nothing is held out of --train).",
)
@click.option(
    "--dev-split",
    type=click.FloatRange(0.0, 0.9),
    default=0.1,
    show_default=True,
    help="Hold out the LAST fraction of the sentences of --train for development (ignored with --dev).",
)
@click.option(
    "--write-dev",
    type=click.Path(dir_okay=False),
    help="Write the held-out development sentences to this CoNLL file, to score them later with `rasd evaluate ner`.",
)
@click.option(
    "--unlabeled",
    type=click.Path(exists=True),
    help="Folder of *.jsonl.gz news: train word clusters from it (written next to the model) instead of using the shipped ones.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Model file to write (a *.meta.json sidecar is written next to it).",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Seed for the cluster training (the CRF's L-BFGS is deterministic).",
)
@click.option(
    "--features",
    default="base,stem,gazetteer,clusters,triggers",
    show_default=True,
    help="Feature groups to use (for ablations).",
)
@click.option("--c1", type=float, default=None, help="L1 regularisation (default: the tuned value).")
@click.option("--c2", type=float, default=None, help="L2 regularisation (default: the tuned value).")
@click.option("--iterations", type=int, default=None, help="Maximum L-BFGS iterations (default 200).")
@click.option(
    "--tune",
    is_flag=True,
    help="Pick c1/c2 from a small grid by development F1 first (several training runs).",
)
def train_ner_cmd(
    train_file, dev_file, dev_split, write_dev, unlabeled, out, seed, features, c1, c2, iterations, tune
) -> None:
    """Train the CRF named-entity tagger on a CoNLL file.

    Same data, options and seed give the same model. The development part (the last --dev-split of
    the sentences, or --dev) is scored after training; its scores go into the model's metadata.

    \b
    Example (the shipped model):
      rasd train ner --train ../shared/data/anercorp/train.txt --dev-split 0.1 \\
          --write-dev dev.txt --out ner-crf.crfsuite --seed 1
      rasd evaluate ner dev.txt --model ner-crf.crfsuite
    """
    import tempfile
    from pathlib import Path

    from rasd.ner import train as tr
    from rasd.ner.conll import read_conll, split_last

    groups = _groups(features)
    log = lambda m: click.echo(m, err=True)  # noqa: E731
    try:
        c1 = tr.DEFAULT_C1 if c1 is None else c1
        c2 = tr.DEFAULT_C2 if c2 is None else c2
        iterations = iterations or tr.DEFAULT_ITERATIONS
        if tune:
            sents = read_conll(train_file)
            train_part, dev_part = (sents, read_conll(dev_file)) if dev_file else split_last(sents, dev_split)
            if not dev_part:
                raise click.UsageError("--tune needs a development part (--dev or --dev-split > 0)")
            with tempfile.TemporaryDirectory() as tmp:
                c1, c2, _ = tr.tune(
                    train_part, dev_part, Path(tmp), groups=groups, iterations=iterations, log=log
                )
            log(f"tuned: c1={c1} c2={c2}")
        res = tr.train_ner(
            train_file,
            out,
            dev_file=dev_file,
            dev_split=dev_split,
            unlabeled=unlabeled,
            seed=seed,
            groups=groups,
            c1=c1,
            c2=c2,
            iterations=iterations,
            write_dev=write_dev,
            log=log,
        )
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {res.model} ({res.train_sentences} training sentences, {res.seconds:.0f} s)")
    if res.dev is not None:
        click.echo(f"development part ({res.dev_sentences} sentences):")
        click.echo(res.dev.format())


@evaluate.command("ner", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--model", type=click.Path(dir_okay=False), default=None, help="Model file (default: the shipped model)."
)
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False),
    help="Write 'token gold predicted' lines, in the input's order.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_ner_cmd(file, model, predictions, as_json) -> None:
    """Score the NER tagger on a CoNLL file: entity-level exact-match P/R/F1, overall and per type.

    Scoring follows seqeval's default mode (IOB2; a stray I- starts an entity).

    \b
    Example:
      rasd evaluate ner dev.txt --model ner-crf.crfsuite --predictions dev.pred.txt
    """
    from rasd.ner.evaluate import evaluate_file
    from rasd.ner.tagger import DEFAULT_MODEL

    try:
        report = evaluate_file(file, model or DEFAULT_MODEL, predictions)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(report.format())
