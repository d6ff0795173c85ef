"""Choose the development gold set's articles from the ANT unlabelled news, reproducibly.

usage: python bench/gold/select.py [DATA_DIR] > ids.txt

Each bucket (outlet, kind of story) draws its quota at random (fixed seed) from the articles
of that outlet and category that are of a readable length and rich in reported speech (counted
by reporting-verb cues); "security" buckets also need words of conflict, arrests or trials.
The draw never looks at what rasd outputs. Prints one line per article: id, outlet, bucket.
"""
import gzip
import json
import random
import re
import sys
from pathlib import Path

CUES = re.compile(r"(?:^|\s)[وف]?(?:قال|قالت|أكد|أكدت|أضاف|أضافت|أشار|أشارت|أوضح|أوضحت|اعتبر|"
                  r"صرح|ذكر|ذكرت|مشيرا|مؤكدا|موضحا|لافتا|بحسب|وفق|نقلت|تابع)")
SECURITY = re.compile(r"هجوم|اعتقال|محكمة|قتل|انفجار|غارة|اشتباك|مسلح|إرهاب|اعتداء|سجن|القبض|إيقاف")

# (source, bucket, categories, security?, quota, min cues, min length, max length)
BUCKETS = [
    ("alarabia", "politics", ("internationalNews",), False, 2, 6, 1200, 3500),
    ("alarabia", "security", ("internationalNews",), True, 2, 6, 1200, 3500),
    ("alarabia", "economy", ("economy",), False, 2, 6, 1200, 3500),
    ("alarabia", "sport", ("sport",), False, 1, 4, 1000, 3500),
    ("BBC", "politics", ("middleEast", "internationalNews"), False, 3, 6, 1200, 3500),
    ("BBC", "security", ("middleEast", "internationalNews"), True, 2, 6, 1200, 3500),
    ("BBC", "economy", ("economy",), False, 1, 6, 1200, 3500),
    ("BBC", "sport", ("sport",), False, 1, 4, 1000, 3500),
    ("CNN", "politics", ("middleEast", "internationalNews"), False, 3, 6, 1200, 3500),
    ("CNN", "security", ("middleEast", "internationalNews"), True, 2, 6, 1200, 3500),
    ("CNN", "economy", ("economy",), False, 1, 6, 1200, 3500),
    ("france24", "politics", ("middleEast", "internationalNews"), False, 3, 6, 1200, 3500),
    ("france24", "security", ("middleEast", "internationalNews"), True, 3, 6, 1200, 3500),
    ("skynews", "politics", ("middleEast", "internationalNews"), False, 3, 6, 1200, 3500),
    ("skynews", "security", ("middleEast", "internationalNews"), True, 2, 6, 1200, 3500),
    ("skynews", "economy", ("economy",), False, 1, 6, 1200, 3500),
    ("skynews", "sport", ("sport",), False, 1, 4, 1000, 3500),
    ("Jawhara FM", "local", ("localNews", "society"), False, 4, 4, 800, 3500),
    ("Jawhara FM", "politics", ("politic",), False, 2, 4, 800, 3500),
    ("Jawhara FM", "economy", ("economy",), False, 1, 4, 800, 3500),
]


def records(data_dir):
    for name in ("multisource.jsonl.gz", "jawharafm.jsonl.gz"):
        with gzip.open(Path(data_dir) / name, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def choose(data_dir, seed=16):
    rng = random.Random(seed)
    pools = {i: [] for i in range(len(BUCKETS))}
    for r in records(data_dir):
        text = r["text"]
        for i, (src, _, cats, sec, _, cues, lo, hi) in enumerate(BUCKETS):
            if r["source"] != src or r["category"] not in cats or not lo <= len(text) <= hi:
                continue
            if len(CUES.findall(text)) < cues:
                continue
            if sec != (len(SECURITY.findall(text)) >= 3):
                continue
            pools[i].append(r["id"])
    taken = []
    for i, (src, bucket, *_rest) in enumerate(BUCKETS):
        quota = BUCKETS[i][4]
        pool = sorted(set(pools[i]) - {t[0] for t in taken})
        for rid in rng.sample(pool, quota):
            taken.append((rid, src, bucket))
    return taken


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[3] / "shared/data/ant-unlabeled")
    for rid, src, bucket in choose(data):
        print(rid, src, bucket, sep="\t")
