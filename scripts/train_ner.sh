#!/usr/bin/env bash
# Retrain the shipped NER model and its ablation table, from the repository root.
#
# usage: scripts/train_ner.sh [ANERCORP_TRAIN] [WORKDIR]
#   ANERCORP_TRAIN  default ../shared/data/anercorp/train.txt
#   WORKDIR         default ./ner-work (the ablation models and the dev file go there)
#
# 1. The shipped model: trained on the first 90% of the sentences; the last 10% (the development
#    part) is written to WORKDIR/dev.txt and scored.
# 2. The ablation: one model per cumulative feature-group set, each scored on the same dev part.
# Word clusters and gazetteers are the shipped ones (regenerate them first with
# scripts/train_clusters.py and scripts/build_gazetteers.py if you changed them).
# One core; about 2-5 minutes per model.
set -euo pipefail
TRAIN=${1:-../shared/data/anercorp/train.txt}
WORK=${2:-ner-work}
mkdir -p "$WORK"
rasd train ner --train "$TRAIN" --dev-split 0.1 --write-dev "$WORK/dev.txt" \
    --out src/rasd/data/models/ner-crf.crfsuite --seed 1
rasd evaluate ner "$WORK/dev.txt" --model src/rasd/data/models/ner-crf.crfsuite \
    --predictions "$WORK/dev.pred.txt"
# the table of frequent word types for the new model (training removed the old one)
python scripts/build_type_table.py "${ANT_DIR:-../shared/data/ant-unlabeled}"

if [[ "${ABLATION:-1}" == "1" ]]; then
  for groups in base base,stem base,stem,gazetteer base,stem,gazetteer,clusters; do
    name=${groups//,/+}
    rasd train ner --train "$TRAIN" --dev-split 0.1 --out "$WORK/ablation-$name.crfsuite" \
        --features "$groups" --seed 1 | tail -n 7 | sed "s/^/[$name] /"
  done
fi
