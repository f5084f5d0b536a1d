"""The documentation's examples run: what staff copy from it must be valid."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from credsite.catalogue.content import load_content
from credsite.commands.cli import make_parser

from .conftest import REPO, SiteFolder

FENCED = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def blocks(path: Path, language: str) -> list[str]:
    return blocks_in(path.read_text(encoding="utf-8"), language)


def blocks_in(text: str, language: str) -> list[str]:
    return [body for lang, body in FENCED.findall(text) if lang == language]


def test_content_reference_examples_are_valid(site: SiteFolder) -> None:
    module, track = blocks(REPO / "docs" / "content.md", "markdown")
    for slug in (
        "it-programming-fundamentals",
        "it-databases-and-data",
        "it-web-development",
        "example",
    ):
        site.module(slug, module.replace("HV-VPK-GES01", f"HV-{slug}"))
    site.track("it-retraining", track)
    result = load_content(site.root)
    assert [str(d) for d in result.diagnostics] == []
    assert len(result.content.tracks) == 1


def test_readme_commands_exist() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "python3 dev.py serve" in readme and "python3 dev.py test" in readme
    commands = set(re.findall(r"`python build\.py (\w+)", readme))
    known = set(make_parser()._subparsers._group_actions[0].choices)  # the CLI's commands
    assert commands and commands <= known


def test_readme_install_commands_are_the_command_lines() -> None:
    """The Install section's credsite commands parse, with the options they are shown with."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    install = readme.split("\n## Install\n", 1)[1].split("\n## ", 1)[0]
    (block,) = blocks_in(install, "sh")
    assert block.startswith("pipx install credsite ")
    parser = make_parser()
    shown = []
    for line in block.splitlines():
        for command in line.split("#", 1)[0].split("&&"):
            words = shlex.split(command)
            if words[:1] == ["credsite"]:
                assert hasattr(parser.parse_args(words[1:]), "run"), command
                shown.append(words[1])
    assert shown == ["init", "keygen", "issue", "build", "serve"]


def test_ci_runs_the_readme_test_command() -> None:
    assert "python3 dev.py test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_code_is_ruff_clean() -> None:
    check = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    form = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert form.returncode == 0, form.stdout + form.stderr
