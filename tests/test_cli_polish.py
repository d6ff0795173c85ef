"""The command line as an analyst meets it: every option has help, the top-level help gives whole
sentences, `--type` lists its values and refuses others (exit 2), the events CSV carries
participants and roles, and `rasd stories` lists the top stories."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from rasd.cli.main import cli
from rasd.events.ontology import EVENT_TYPES
from rasd.model import ENTITY_TYPES
from rasd.store import open_store

BODY = "اجتمع وزير الخارجية مع سفير البلاد في الرياض لبحث التعاون الاقتصادي بين البلدين خلال اجتماع عقد أمس."


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path, build_doc):
    path = str(tmp_path / "kb.db")
    with open_store(path) as s:
        s.put_document(build_doc(
            BODY, "لقاء في الرياض", id="m1", published="2024-05-02", source="وكالة",
            entities=[("per:fm", "PERSON", "وزير الخارجية", ["وزير الخارجية"]), ("per:amb", "PERSON", "سفير البلاد", ["سفير البلاد"]),
                      ("loc:ruh", "LOC", "الرياض", ["الرياض"])],
            events=[("MEET", "اجتمع", [("per:fm", "actor"), ("per:amb", "partner")], "loc:ruh")]))
        s.put_document(build_doc(BODY, "لقاء في الرياض", id="m2", published="2024-05-02", source="صحيفة",
                                 entities=[("loc:ruh", "LOC", "الرياض", ["الرياض"])]))
    return path


def _options(group: click.Group, prefix: str = ""):
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from _options(cmd, f"{prefix}{name} ")
            continue
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.hidden:
                yield f"{prefix}{name}", p


def test_every_option_of_every_command_has_help_text():
    missing = [f"rasd {path} {p.opts[0]}" for path, p in _options(cli) if not (p.help and p.help.strip())]
    assert missing == []


def test_top_level_help_gives_each_command_its_whole_first_sentence(runner):
    res = runner.invoke(cli, ["--help"])
    assert res.exit_code == 0
    flat = " ".join(res.output.split())
    assert "..." not in res.output.split("Commands:")[1]
    assert "The most reported entities: in how many stories (near-duplicates counted once), documents and mentions." in flat


@pytest.mark.parametrize(("command", "values"), [(["events"], EVENT_TYPES), (["search", "x"], (*ENTITY_TYPES, *EVENT_TYPES))])
def test_type_help_lists_the_values_and_another_value_exits_2_with_the_list(runner, db, command, values):
    res = runner.invoke(cli, [command[0], "--help"])
    flat = " ".join(res.output.split())
    assert "One of: " + ", ".join(values) + "." in flat
    res = runner.invoke(cli, [*command, "--type", "FOO", "--db", db])
    assert res.exit_code == 2
    assert "E612" in res.stderr and ", ".join(values) in res.stderr


def test_events_csv_has_participants_and_roles_in_order(runner, db):
    res = runner.invoke(cli, ["export", "--format", "csv", "--table", "events", "--db", db])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 1
    row = rows[0]
    assert row["participant_ids"] == "per:fm; per:amb"
    assert row["participant_names"] == "وزير الخارجية; سفير البلاد"
    assert row["participant_roles"] == "actor; partner"
    assert row["type"] == "MEET" and row["location_name"] == "الرياض"


def test_stories_lists_the_outlets_and_one_story_by_id(runner, db):
    res = runner.invoke(cli, ["stories", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    [story] = json.loads(res.stdout)
    assert story["documents"] == 2 and sorted(story["outlets"]) == ["صحيفة", "وكالة"]
    assert [p["name"] for p in story["people"]] == ["سفير البلاد", "وزير الخارجية"]
    res = runner.invoke(cli, ["stories", "--db", db])
    assert "2 articles, 2 outlets, 2024-05-02: لقاء في الرياض  [m1]" in res.stdout
    res = runner.invoke(cli, ["stories", "--db", db, "--story", "m1", "--articles", "1", "--format", "json"])
    assert [a["id"] for a in json.loads(res.stdout)[0]["articles"]] == ["m1"]
    res = runner.invoke(cli, ["stories", "--db", db, "--story", "nope"])
    assert res.exit_code == 1 and "E617" in res.stderr
    res = runner.invoke(cli, ["stories", "--db", db, "--since", "May"])
    assert res.exit_code == 2 and "E608" in res.stderr
