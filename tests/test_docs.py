"""Every CLI command has help text with an example and is documented in the README."""

from __future__ import annotations

import click
from click.testing import CliRunner

from helpers import ROOT
from rasd.cli.main import cli


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in sorted(group.commands.items()):
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for path, cmd in _commands(cli):
        res = runner.invoke(cli, [*path.split(), "--help"])
        assert res.exit_code == 0, path
        assert cmd.help and cmd.help.strip(), f"{path} has no help"
        if not isinstance(cmd, click.Group):
            assert "rasd " + path in res.output, f"{path} --help shows no example"
            assert f"rasd {path}" in readme, f"{path} is not in the README"
