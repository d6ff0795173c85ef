"""The Arabic resources the quotation and event stages share live in `rasd.text`: one article
rule, one token index kept with its document, one set of function words read from the folder the
configuration names."""

from __future__ import annotations

import shutil

import pytest

import rasd.text.docindex as docindex_module
from rasd.pipeline import build_pipeline
from rasd.text.article import has_article, strip_article
from rasd.text.docindex import DocIndex
from rasd.text.errors import LexiconDataError
from rasd.text.function_words import DATA_DIR, function_words, load_function_words
from rasd.text.normalize import norm_key
from test_quotes_handmade import build


def test_strip_article_keeps_what_each_caller_asks_to_keep():
    assert strip_article("الوزير") == "وزير"
    assert strip_article("الي") == "الي" and strip_article("الين") == "ين"
    assert strip_article("السلم", keep=3) == "سلم" and strip_article("الين", keep=3) == "الين"
    assert strip_article("ال", keep=0) == "" and strip_article("وزير") == "وزير"
    key = "المغرب"[:2] + "ب"
    assert strip_article(key) is key  # nothing taken off: the same string
    assert has_article("الوزير") and not has_article("الي") and has_article("الي", keep=1)


def test_the_token_index_lives_with_its_document():
    a = build("وقال سامي الأحمد إن الاجتماع تأجل.", [("s", "PERSON", ["سامي الأحمد"])])
    b = build("وصل سامي الأحمد إلى المدينة.", [("s", "PERSON", ["سامي الأحمد"])])
    ia, ib = DocIndex.of(a), DocIndex.of(b)
    assert DocIndex.of(a) is ia and DocIndex.of(b) is ib  # both kept, each with its own document
    assert not any(isinstance(v, DocIndex) for v in vars(docindex_module).values())
    a.mentions = list(a.mentions)  # a changed layer: the index is built again
    assert DocIndex.of(a) is not ia


def test_a_pipeline_run_leaves_no_shared_view_on_the_document():
    import rasd
    from rasd.model import Document

    doc = Document(text="وقال وزير الخارجية سامي الأحمد إن الاجتماع تأجل إلى الغد.", published="2024-05-10")
    out = rasd.default_pipeline()(doc)
    assert out.quotes and out.views == {}


def test_function_words_come_from_the_quotation_folder():
    words = function_words()
    assert norm_key("بأنه") in words.complementizers and norm_key("لم") in words.negations
    assert words.speakers[norm_key("وزير")] == "title" and norm_key("معربا") in words.boundaries
    assert load_function_words(DATA_DIR) == words


def test_the_events_stage_reads_the_configured_quotation_folder(tmp_path):
    folder = tmp_path / "quotes"
    shutil.copytree(DATA_DIR, folder)
    with (folder / "speakers.tsv").open("a", encoding="utf-8") as fh:
        fh.write("مندوب\tdelegate\n")
    config = {"quotes": {"data_dir": str(folder)}}
    with pytest.raises(LexiconDataError) as err:
        build_pipeline(["text", "dates", "events"], config=config)  # no quotes stage: events read it
    assert "E500" in str(err.value) and "speakers.tsv" in str(err.value) and "'delegate'" in str(err.value)
    with pytest.raises(LexiconDataError):
        build_pipeline(["events"], config={"events": {"quotes_dir": str(folder)}})


# memos of a pure function of one word (its tokens, its proclitics), bounded: what they hold does
# not depend on the document a word was first seen in
WORD_MEMOS = {("rasd.text.tokenize", "_cache"), ("rasd.text.clitics", "_cache")}


def _module_state() -> dict[tuple[str, str], tuple[int, int]]:
    """Identity and size of every module-level value of the text, quotation and event packages
    that is data (not a module, function, class or constant string/number)."""
    import inspect
    import sys

    out = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith(("rasd.text", "rasd.quotes", "rasd.events")):
            continue
        for attr, value in vars(module).items():
            if (name, attr) in WORD_MEMOS or inspect.ismodule(value) or inspect.isroutine(value) or inspect.isclass(value):
                continue
            if isinstance(value, (str, int, float, bool, bytes, frozenset, tuple, type(None))):
                continue
            if isinstance(value, (dict, list, set)):
                out[(name, attr)] = (id(value), len(value))
            elif not isinstance(value, type(list[int])) and type(value).__module__.startswith("rasd"):
                out[(name, attr)] = (id(value), -1)
    return out


def test_analysing_a_document_leaves_no_state_in_the_modules():
    import rasd
    from rasd.model import Document

    pipeline = rasd.default_pipeline()
    pipeline(Document(text="التقى وزير الخارجية سامي الأحمد نظيره في عمان أمس.", published="2024-05-10"))
    before = _module_state()
    assert before, "the packages' modules were not found"
    doc = Document(text="وقالت الوزيرة ليلى حسن إن الشرطة اعتقلتهم في بيروت، مؤكدة أن التحقيق مستمر.", published="2024-05-10")
    assert pipeline(doc).events
    assert _module_state() == before
