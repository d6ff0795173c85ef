"""The ingest layer's rules: one skip rule for every way into the store, one pipeline provider,
and a worker that cannot build its pipeline stopping the ingest with the reason."""

from __future__ import annotations

import json

import httpx
import pytest

from rasd.config import load_config
from rasd.errors import UnknownStage
from rasd.ingest import PipelineProvider, ingest, skip_reason
from rasd.model import content_id
from rasd.store import open_store

pytest_plugins = ("web_fixtures",)  # the server fixtures

TEXT = "أعلنت وزارة الصحة في عمّان يوم الأحد افتتاح مستشفى جديد في مدينة إربد بسعة مئتي سرير."


def test_the_skip_rule():
    text_id = content_id(TEXT)
    assert skip_reason("a-1", TEXT, "h1", None) is None  # not stored: analysed
    assert skip_reason("a-1", TEXT, "h1", "h1") == "unchanged"
    assert skip_reason("a-1", TEXT, "h2", "h1") is None  # an updated article under its own id
    assert skip_reason(text_id, TEXT, "h2", "h1") == "same_text"  # the same text under the id it gave


def test_a_provider_builds_once_and_gives_its_recipe_to_workers():
    config = load_config()
    provider = PipelineProvider(config, ["text"])
    assert not provider.built and provider.names() == ["text"]
    first = provider.get()
    assert provider.get() is first and provider.built and provider.names() == ["text"]
    assert provider.recipe() == (["text"], config) and provider.portable
    assert not PipelineProvider(pipeline=first).portable


def test_a_bad_stage_is_an_error_before_anything_is_read(tmp_path):
    config = load_config()
    config["pipeline"]["stages"] = ["text", "no-such-stage"]
    with open_store(str(tmp_path / "kb.db")) as store, pytest.raises(UnknownStage):
        ingest([tmp_path / "missing.txt"], store, config=config)


def test_workers_that_cannot_build_the_pipeline_stop_the_ingest(tmp_path):
    """The error a worker meets building its pipeline is raised here (not one failure per record,
    and no pool restarting workers for ever)."""
    data = tmp_path / "articles.jsonl"
    data.write_text("\n".join(json.dumps({"id": f"a-{i}", "text": TEXT}, ensure_ascii=False) for i in range(3)), encoding="utf-8")
    config = load_config()
    config["pipeline"]["stages"] = ["text", "no-such-stage"]
    with open_store(str(tmp_path / "kb.db")) as store:
        with pytest.raises(UnknownStage, match="no-such-stage"):
            ingest([data], store, config=config, workers=2)
        assert store.counts()["documents"] == 0


def test_post_documents_skips_the_same_text_as_ingest_does(writable_server, web):
    """Without an id, a document's id comes from its text: sent again from another source, it is
    the same text already stored, left as it is ("unchanged"), as `rasd ingest` skips it."""
    auth = {"Authorization": f"Bearer {web.TOKEN}"}
    with httpx.Client(base_url=writable_server.url, timeout=60) as client:
        first = client.post("/documents", json={"documents": [{"title": "مستشفى جديد", "text": TEXT, "source": "الأولى"}]}, headers=auth)
        assert first.status_code == 201, first.text
        assert first.json()["results"][0]["status"] == "added"
        again = client.post("/documents", json={"documents": [{"title": "مستشفى جديد", "text": TEXT, "source": "الثانية"}]}, headers=auth)
        assert again.status_code == 201, again.text
        doc_id = first.json()["results"][0]["id"]
        assert again.json() == {"stored": 0, "results": [{"id": doc_id, "status": "unchanged", "cluster": None, "duplicate_of": None}]}
        assert client.get(f"/documents/{doc_id}").json()["source"] == "الأولى"
