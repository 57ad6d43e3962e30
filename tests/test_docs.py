"""Docs that cannot drift: every CLI option and exit code is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from scraper.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def all_options() -> list[str]:
    names: set[str] = set()
    commands: list[click.Command] = [cli, *cli.commands.values()]
    for command in commands:
        for param in command.params:
            if isinstance(param, click.Option):
                names.update(o for o in param.opts if o.startswith("--"))
    return sorted(names)


@pytest.mark.parametrize("option", all_options())
def test_option_is_documented(option: str) -> None:
    assert f"`{option}" in README


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_subcommand_is_documented(command: str) -> None:
    assert f"scrape {command}" in README


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "test-command" in ci
    marker = README.index("<!-- test-command")
    command = re.search(r"^python3 -m venv .*$", README[marker:], re.M)
    assert command and command.group(0).endswith("pytest")


def test_archive_db_is_never_committed() -> None:
    assert "archive.db" in (ROOT / ".gitignore").read_text("utf-8").split()
