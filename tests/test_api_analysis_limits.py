"""`POST /analyze` needs no token, so what anyone can make `rasd serve` analyse is bounded:
its body size (413, E634) and the analyses running or waiting at once, by count and by characters
(503, E635, with Retry-After); a short article sent while long ones wait is taken and answered
before them. The limits come from the [serve] table of the server's configuration file.

No durations are asserted: only status codes, what /health says runs and waits, and the order in
which the answers come."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from serve_process import ServeProcess, start_serve

SENTENCES = [
    "أعلنت وزارة الزراعة في عمان يوم الأحد عن خطة جديدة لدعم المزارعين في المحافظات الجنوبية رقم {i}.",
    "وقال المتحدث باسم الوزارة إن الخطة تشمل توزيع البذور والأسمدة على ألف ومئتي مزارع.",
    "وأضاف أن الحكومة خصصت مبلغ {i} مليون دينار لتنفيذ المرحلة الأولى قبل نهاية العام.",
    "وشارك في الاجتماع ممثلون عن البنك الدولي ومنظمة الأغذية والزراعة التابعة للأمم المتحدة.",
    "وأشار التقرير إلى أن إنتاج القمح ارتفع بنسبة عشرة في المئة خلال الموسم الماضي في الأردن.",
]
LARGE = 200_000  # characters: an analysis that lasts (seconds with the default pipeline)
CONFIG = f"""
[serve]
analyze_max_body = 0.5          # MiB: a LARGE article (about 370 KB as UTF-8 JSON) fits
analysis_jobs = 8
analysis_chars = {2 * LARGE + 20_000}  # two LARGE articles and some short ones, not three LARGE
"""


def long_text(n: int) -> str:
    out: list[str] = []
    size, i = 0, 0
    while size < n:
        out.append(SENTENCES[i % len(SENTENCES)].format(i=i))
        size += len(out[-1]) + 1
        i += 1
    return " ".join(out)


def body(text: str) -> bytes:
    return json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    where = tmp_path_factory.mktemp("limits")
    cfg = where / "serve.toml"
    cfg.write_text(CONFIG, encoding="utf-8")
    srv = start_serve(str(where / "limits.db"), "--config", str(cfg), "--threads", "1")
    deadline = time.monotonic() + 300
    while not httpx.get(srv.url + "/health", timeout=30).json()["analysis"]["ready"]:
        assert time.monotonic() < deadline, "the pipeline was not built within 300 s"
        time.sleep(0.2)
    yield srv
    log = srv.stop()
    assert "Traceback" not in log, log


class Requests:
    """POST /analyze requests on threads; `done` lists their names in the order their answers came."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.lock = threading.Lock()
        self.done: list[str] = []
        self.answers: dict[str, httpx.Response] = {}
        self.threads: list[threading.Thread] = []

    def send(self, name: str, text: str) -> None:
        def post() -> None:
            r = httpx.post(self.url + "/analyze", content=body(text), timeout=300,
                           headers={"content-type": "application/json"})
            with self.lock:
                self.done.append(name)
                self.answers[name] = r

        t = threading.Thread(target=post, name=name)
        t.start()
        self.threads.append(t)

    def answered(self) -> int:
        with self.lock:
            return len(self.done)

    def join(self) -> None:
        for t in self.threads:
            t.join(timeout=300)


def wait_for(srv: ServeProcess, what: Any, reqs: Requests | None = None, answered: int = 0) -> dict[str, Any]:
    """Poll /health until `what(analysis)` holds (and `answered` requests have their answer)."""
    deadline = time.monotonic() + 120
    while True:
        analysis = httpx.get(srv.url + "/health", timeout=30).json()["analysis"]
        if what(analysis) and (reqs is None or reqs.answered() >= answered):
            return analysis
        assert time.monotonic() < deadline, analysis
        time.sleep(0.01)


def busy(r: httpx.Response) -> bool:
    return r.status_code == 503 and r.json()["error"]["code"] == "E635" and int(r.headers["retry-after"]) >= 1


def test_a_body_past_the_analyze_limit_is_a_413(server):
    r = httpx.post(server.url + "/analyze", content=body("ن" * (300 * 1024)), timeout=60,
                   headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E634", r.text
    assert str(512 * 1024) in r.json()["error"]["message"]


def test_long_requests_past_the_limit_are_refused_and_a_short_one_goes_before_them(server):
    reqs = Requests(server.url)
    for i in range(5):
        reqs.send(f"long-{i}", long_text(LARGE) + f" ({i})")
    # two are taken (one runs, one waits), three are refused at once: the characters' limit
    wait_for(server, lambda a: a["running"] == 1 and a["waiting"] == 1, reqs, answered=3)
    with reqs.lock:
        refused = list(reqs.done)
    assert len(refused) == 3 and all(busy(reqs.answers[n]) for n in refused), {n: reqs.answers[n].text for n in refused}
    taken = [f"long-{i}" for i in range(5) if f"long-{i}" not in refused]

    reqs.send("short", "قال الوزير إن الخطة تشمل توزيع البذور على المزارعين في الجنوب.")
    reqs.join()
    assert reqs.answers["short"].status_code == 200, reqs.answers["short"].text
    assert all(reqs.answers[n].status_code == 200 for n in taken)
    # the short one waited for the analysis in progress only, not for the long one waiting before it
    assert reqs.done.index("short") < max(reqs.done.index(n) for n in taken), reqs.done
    after = wait_for(server, lambda a: a["running"] == 0)
    assert after["waiting"] == 0 and after["characters"] == 0


def test_more_requests_than_the_jobs_limit_are_refused(server):
    reqs = Requests(server.url)
    reqs.send("long", long_text(LARGE))
    wait_for(server, lambda a: a["running"] == 1)
    for i in range(9):  # the long one and 7 short ones make the 8 jobs of the limit
        reqs.send(f"short-{i}", f"افتتح الوزير مدرسة جديدة في القرية رقم {i}.")
    wait_for(server, lambda a: a["running"] + a["waiting"] == 8, reqs, answered=2)
    reqs.join()
    codes = sorted(r.status_code for r in reqs.answers.values())
    assert codes == [200] * 8 + [503] * 2, codes
    assert sum(busy(r) for r in reqs.answers.values()) == 2
