"""A small generated corpus for the batch tests: JSONL, a SaudiNewsNet-style zip and a
folder of .txt files, with a few bad records. Every sentence is written here for the tests;
people's names are invented."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path
from typing import Any

_PEOPLE = [
    ("سامر الحداد", "وزير الخارجية"),
    ("ليلى منصور", "وزيرة الصحة"),
    ("هشام الكبيسي", "رئيس الوزراء"),
    ("نادية الشمري", "المتحدثة باسم الحكومة"),
    ("كريم الزعبي", "محافظ البنك المركزي"),
    ("رنا العطار", "وزيرة التجارة"),
    ("ماجد السويدي", "وزير النقل"),
]
_CITIES = ["الرياض", "جدة", "القاهرة", "عمان", "تونس", "الكويت", "بيروت", "الدوحة", "مسقط", "الرباط"]
_COUNTRIES = ["مصر", "الأردن", "لبنان", "قطر", "تونس", "الجزائر", "المغرب", "السعودية"]
_TOPICS = ["التعاون التجاري", "النقل البحري", "الطاقة الشمسية", "التعليم العالي", "الأمن الغذائي", "السياحة"]
_QUOTES = [
    "العلاقات بين البلدين تشهد تطورا كبيرا",
    "الحكومة ماضية في تنفيذ خطتها دون تأخير",
    "لا توجد أي نية لرفع الأسعار هذا العام",
    "المرحلة المقبلة تحتاج إلى عمل مشترك",
    "الأرقام الأخيرة تبعث على التفاؤل",
]
_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]


def article(i: int, rnd: random.Random) -> dict[str, Any]:
    """One short generated news article (title, body, date, source)."""
    name, title = rnd.choice(_PEOPLE)
    city, country, country2 = rnd.choice(_CITIES), rnd.choice(_COUNTRIES), rnd.choice(_COUNTRIES)
    topic, quote = rnd.choice(_TOPICS), rnd.choice(_QUOTES)
    day, month = rnd.randint(1, 28), rnd.randint(1, 12)
    kind = i % 3
    if kind == 0:
        head = f"{title} يزور {city} لبحث {topic}"
        body = (f"وصل {title} {name} إلى {city} يوم الأحد في زيارة رسمية تستغرق {rnd.randint(2, 5)} أيام. "
                f"وقال {name} في مؤتمر صحفي إن «{quote}». والتقى خلال الزيارة رئيس الوزراء في {country}.")
    elif kind == 1:
        killed, injured = rnd.randint(2, 9), rnd.randint(3, 20)
        head = f"حادث سير على طريق {city}"
        body = (f"لقي {killed} أشخاص مصرعهم وأصيب {injured} آخرون في حادث سير على طريق {city} "
                f"يوم {day} {_MONTHS[month - 1]} 2015. وأعلنت السلطات في {country} فتح تحقيق في الحادث، "
                f"وقالت {title} {name} إن «{quote}».")
    else:
        head = f"اتفاقية بين {country} و{country2} في مجال {topic}"
        body = (f"وقعت {country} و{country2} اتفاقية للتعاون في مجال {topic} في {city} في {day} {_MONTHS[month - 1]} 2015. "
                f"وأكد {title} {name} أن الاتفاقية «{quote}»، مشيرا إلى أن {country} ستستضيف الاجتماع المقبل.")
    return {"title": f"{head} ({i})", "text": body, "published": f"2015-{month:02d}-{day:02d}",
            "source": rnd.choice(["sabq", "okaz", "alriyadh"])}


def write_corpus(folder: Path, n_jsonl: int = 36, n_zip: int = 12, n_txt: int = 5, bad: bool = True, seed: int = 8) -> list[str]:
    """Write the corpus under `folder`; return the input paths to give `rasd batch` (absolute):
    a.jsonl (with a blank line, an invalid line and a record without text when `bad`), the
    SaudiNewsNet-style archive zips/day.zip (one JSON array member), and the folder txt/. Every
    fifth JSONL article repeats an earlier body under a new title (a near-duplicate story)."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    bodies: list[str] = []
    for i in range(n_jsonl):
        rec = article(i, rnd)
        if i % 5 == 4 and bodies:
            rec["text"] = bodies[-1]
        bodies.append(rec["text"])
        lines.append(json.dumps({"id": f"j{i:03d}", **rec}, ensure_ascii=False))
        if bad and i == 3:
            lines.append("")
            lines.append('{"id": "broken", "title": "نص مقطوع"')
        if bad and i == 10:
            lines.append(json.dumps({"id": "no-text", "title": "خبر بلا نص"}, ensure_ascii=False))
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    zdir = folder / "zips"
    zdir.mkdir(exist_ok=True)
    day = []
    for i in range(n_zip):
        rec = article(100 + i, rnd)
        day.append({"source": rec["source"], "url": f"https://example.com/news/{i}", "date_extracted": f"{rec['published']} 10:00:00",
                    "title": rec["title"], "author": "المحرر", "content": rec["text"]})
    if bad:
        day.insert(4, {"source": "sabq", "url": "https://example.com/news/empty", "title": "خبر فارغ", "content": "   "})
    with zipfile.ZipFile(zdir / "day.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("day.json", json.dumps(day, ensure_ascii=False, indent=1))

    tdir = folder / "txt"
    tdir.mkdir(exist_ok=True)
    for i in range(n_txt):
        rec = article(200 + i, rnd)
        (tdir / f"t{i:02d}.txt").write_text(f"{rec['title']}\n{rec['text']}\n", encoding="utf-8")
    return [str((folder / "a.jsonl").resolve()), str((zdir / "day.zip").resolve()), str(tdir.resolve())]


def records_in(n_jsonl: int = 36, n_zip: int = 12, n_txt: int = 5, bad: bool = True) -> tuple[int, int]:
    """(records, bad records) of `write_corpus` with these arguments."""
    bad_n = 3 if bad else 0
    return n_jsonl + n_zip + n_txt + bad_n, bad_n
