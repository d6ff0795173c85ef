"""Shared pytest fixtures. Each area keeps its fixtures in its own clearly marked section."""

from __future__ import annotations

import glob
import os
import random
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

# =================================================================================================
# store / ingest: a real PostgreSQL server, hand-built documents, a generated corpus
# =================================================================================================


def _pg_bin() -> str | None:
    found = [d for d in glob.glob("/usr/lib/postgresql/*/bin") if os.path.exists(os.path.join(d, "pg_ctl"))]
    if not found:
        return None
    return sorted(found, key=lambda d: [int(p) if p.isdigit() else 0 for p in Path(d).parent.name.split(".")])[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _PgCluster:
    """A throwaway PostgreSQL cluster in a temporary directory, listening on a free local port;
    its commands run as the postgres user when the tests run as root."""

    def __init__(self, pgbin: str, prefix: str) -> None:
        self.pgbin = pgbin
        self.tmp = tempfile.mkdtemp(prefix=prefix)
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.tmp, "postgres", "postgres")
        self.data, self.port = os.path.join(self.tmp, "data"), _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self._opts = f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c fsync=off"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [os.path.join(self.pgbin, args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, cwd=self.tmp, capture_output=True, text=True, check=check)

    def ctl(self, action: str) -> None:
        """pg_ctl start, stop (fast: sessions are ended) or restart, waiting for it."""
        self.run("pg_ctl", "-D", self.data, "-l", os.path.join(self.tmp, "server.log"), "-w", "-t", "60",
                 "-m", "fast", "-o", self._opts, action)

    def create(self) -> None:
        """initdb and start; on failure the directory is removed and CalledProcessError raised."""
        try:
            self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
            self.ctl("start")
        except subprocess.CalledProcessError:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise

    def remove(self, mode: str) -> None:
        """Stop the server (`mode`: fast or immediate) and delete its directory."""
        self.run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a PostgreSQL server for the tests: $DATABASE_URL (set by .ci/pg.sh), else a
    throwaway server started here (initdb in a temporary directory, as the postgres user when
    running as root). Skipped only with RASD_SKIP_POSTGRES=1 or when no server binaries exist."""
    if os.environ.get("RASD_SKIP_POSTGRES") == "1":
        pytest.skip("PostgreSQL tests disabled by RASD_SKIP_POSTGRES=1")
    url = os.environ.get("DATABASE_URL")
    if url:
        yield url
        return
    pgbin = _pg_bin()
    if pgbin is None:
        pytest.skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/pg_ctl): apt-get install postgresql, or source .ci/pg.sh")
    cluster = _PgCluster(pgbin, "rasd-pgtest-")
    try:
        cluster.create()
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"could not start a test PostgreSQL server: {exc.stderr or exc.stdout}") from exc
    try:
        yield cluster.url
    finally:
        cluster.remove("fast")


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty database on the test server for one test (dropped afterwards)."""
    import psycopg

    name = "rasd_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    parts = urlsplit(pg_server_url)
    url = urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))
    try:
        yield url
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def small_tmpfs():
    """A 1 MiB tmpfs (root only), grown with `grow()`; unmounted afterwards."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    d = tempfile.mkdtemp(prefix="rasd-full-")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", d], capture_output=True, text=True)
    if r.returncode != 0:
        os.rmdir(d)
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")

    def grow() -> None:
        subprocess.run(["mount", "-o", "remount,size=64m", d], check=True)

    try:
        yield d, grow
    finally:
        subprocess.run(["umount", d], check=False)
        os.rmdir(d)


@pytest.fixture
def own_pg_server() -> Iterator[SimpleNamespace]:
    """A throwaway PostgreSQL server one test may stop, start and restart (started as
    `pg_server_url` starts its own): `.url`, `.stop()` (fast shutdown: sessions are ended),
    `.start()`, `.restart()`."""
    if os.environ.get("RASD_SKIP_POSTGRES") == "1":
        pytest.skip("PostgreSQL tests disabled by RASD_SKIP_POSTGRES=1")
    pgbin = _pg_bin()
    if pgbin is None:
        pytest.skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/pg_ctl)")
    cluster = _PgCluster(pgbin, "rasd-pgrestart-")
    try:
        cluster.create()
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"could not start a PostgreSQL server: {exc.stderr or exc.stdout}")
    try:
        yield SimpleNamespace(url=cluster.url, stop=lambda: cluster.ctl("stop"), start=lambda: cluster.ctl("start"),
                              restart=lambda: cluster.ctl("restart"))
    finally:
        cluster.remove("immediate")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store on each back end: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(request: pytest.FixtureRequest, store_url: str, build_doc: Callable[..., Any]) -> Iterator[Any]:
    """A store on each back end holding the documents of the test module's `corpus(build_doc)`."""
    from rasd.store import open_store

    s = open_store(store_url)
    for doc in request.module.corpus(build_doc):
        s.put_document(doc)
    yield s
    s.close()


@pytest.fixture
def build_doc() -> Callable[..., Any]:
    """Build an analysed Document by hand: entities are (id, type, name, [surface forms]) and
    every occurrence of each surface form in the text becomes a mention of the entity; quotes
    are (quoted text, speaker id or None); events are (type, trigger word, [(entity id, role)],
    location id or None)."""
    from rasd.model import Document, Entity, Event, Mention, Participant, Quote, Relation

    def build(
        body: str,
        title: str | None = None,
        *,
        id: str | None = None,
        published: str | None = None,
        source: str | None = None,
        entities: list[tuple[str, str, str, list[str]]] = (),
        titles: dict[str, str] | None = None,
        quotes: list[tuple[str, str | None]] = (),
        events: list[tuple[str, str, list[tuple[str, str]], str | None]] = (),
        relations: list[tuple[str, str, str]] = (),
    ) -> Document:
        doc = Document.from_parts(body, title, id=id, published=published, source=source)
        text = doc.text
        for eid, etype, name, forms in entities:
            ent = Entity(eid, etype, name, title=(titles or {}).get(eid))
            for form in forms:
                start = text.find(form)
                if start < 0:
                    raise ValueError(f"{form!r} is not in the text")
                while start >= 0:
                    m = Mention(start, start + len(form), etype, source="test", entity=eid)
                    ent.mentions.append(m)
                    doc.mentions.append(m)
                    start = text.find(form, start + len(form))
            ent.aliases = sorted({f for f in forms if f != name})
            doc.entities.append(ent)
        doc.mentions.sort(key=lambda m: (m.start, m.end))
        for qtext, speaker in quotes:
            start = text.index(qtext)
            doc.quotes.append(Quote(start, start + len(qtext), True, speaker=speaker))
        for etype, trigger, parts, location in events:
            start = text.index(trigger)
            doc.events.append(Event(etype, start, start + len(trigger), [Participant(e, r) for e, r in parts], location=location))
        for rtype, subj, obj in relations:
            doc.relations.append(Relation(rtype, subj, obj, 0, len(text)))
        return doc

    return build


# Vocabulary for generated articles: common words and place names, no real article's content.
_PEOPLE = ["وزير الخارجية", "رئيس الوزراء", "المتحدث باسم الحكومة", "أمين عام المنظمة", "وزير المالية", "سفير البلاد", "محافظ البنك المركزي"]
_PLACES = ["الرياض", "جدة", "القاهرة", "عمان", "بيروت", "بغداد", "تونس", "الرباط", "الدوحة", "مسقط", "الكويت", "المنامة"]
_TOPICS = ["التعاون الاقتصادي", "الأمن الإقليمي", "أسعار النفط", "الاستثمار في التعليم", "مشاريع الطاقة المتجددة",
           "تطوير النقل العام", "دعم الشركات الصغيرة", "مكافحة التصحر", "الصحة العامة", "السياحة الداخلية"]
_VERBS = ["بحث", "ناقش", "استعرض", "أكد", "تناول"]
_ENDINGS = ["خلال اجتماع عقد أمس", "في مؤتمر صحفي", "في بيان رسمي", "على هامش المنتدى السنوي", "في لقاء مع الصحفيين"]
_EXTRAS = ["وأشار إلى أن المرحلة المقبلة تتطلب مزيدا من التنسيق بين الجهات المعنية.",
           "وأضاف أن الحكومة ستعلن تفاصيل الخطة في الأسابيع القادمة.",
           "ولفت إلى أهمية إشراك القطاع الخاص في تنفيذ المبادرات الجديدة.",
           "وتوقع أن تظهر نتائج هذه الخطوات قبل نهاية العام.",
           "وشدد على ضرورة متابعة التنفيذ وتقييم النتائج بصورة دورية.",
           "ودعا المواطنين إلى الاستفادة من الخدمات الإلكترونية المتاحة."]


@pytest.fixture
def arabic_corpus() -> Callable[[int, int], list[dict[str, Any]]]:
    """`make(n, seed)`: n varied short Arabic news records (id, title, text, published, source)."""

    def make(n: int, seed: int = 0) -> list[dict[str, Any]]:
        rnd = random.Random(seed)
        out = []
        for i in range(n):
            who, where, topic = rnd.choice(_PEOPLE), rnd.choice(_PLACES), rnd.choice(_TOPICS)
            verb, ending = rnd.choice(_VERBS), rnd.choice(_ENDINGS)
            extras = rnd.sample(_EXTRAS, 3)
            body = (
                f"{verb} {who} في {where} ملف {topic} {ending}، في الخبر رقم {i + 1}. "
                + " ".join(extras)
                + f" وذكرت المصادر أن عدد المشاركين بلغ {rnd.randint(10, 900)} مشاركا من {rnd.randint(2, 40)} جهة."
            )
            out.append({
                "id": f"gen-{seed}-{i:05d}",
                "title": f"{who} {verb} {topic} في {where}",
                "text": body,
                "published": f"2015-0{rnd.randint(7, 8)}-{rnd.randint(1, 28):02d}",
                "source": rnd.choice(["sabq", "okaz", "alriyadh", "aleqtisadiya"]),
            })
        return out

    return make


# =================================================================================================
# ner: the text and ner stages alone, loaded once for the rule tests on written sentences
# =================================================================================================


@pytest.fixture(scope="session")
def ner_pipe():
    from rasd.pipeline import build_pipeline

    return build_pipeline(["text", "ner"], config={"pipeline": {"stages": []}})
