"""The documentation's examples run: what staff copy from it must be valid."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from credsite.catalogue.content import load_content
from credsite.commands.cli import make_parser

from .conftest import REPO, SiteFolder

FENCED = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def blocks(path: Path, language: str) -> list[str]:
    return [
        body for lang, body in FENCED.findall(path.read_text(encoding="utf-8")) if lang == language
    ]


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
