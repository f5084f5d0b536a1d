"""The CI files `init` writes: they parse, and the commands they run pass in a fresh clone.

GitHub's `uses:` steps (checkout, setup-python, Pages) are what GitHub provides; the test stands
in for them (a clone, a virtual environment) and runs every `run:` step as written, with the
`${{ }}` expressions GitHub would fill in filled in. The package index is stood in for by a folder
holding the wheel of this checkout: `pip install -r requirements.txt` finds there the version
`init` pinned, and the site is built by that installed package, not by this checkout.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from credsite import __version__
from credsite.commands.init import init

from .conftest import REPO
from .package_index import find_links, release

pytestmark = pytest.mark.slow


def fresh_clone(tmp_path: Path) -> Path:
    source = tmp_path / "institution"
    init(source)
    git = ["git", "-c", "user.name=Office", "-c", "user.email=office@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=source, check=True)
    subprocess.run([*git, "add", "."], cwd=source, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Start"], cwd=source, check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(source), str(clone)], check=True)
    return clone


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return release(tmp_path_factory).index


def environment(
    tmp_path: Path, index: Path, extra: dict[str, str], pip: bool = True
) -> dict[str, str]:
    """The runner's Python (a virtual environment first on PATH) and pip's settings. ``pip``:
    whether that Python has a pip of its own, for a job that installs with it (installing one
    takes seconds)."""
    venv = tmp_path / "runner-python"
    without = [] if pip else ["--without-pip"]
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", *without, str(venv)], check=True
    )
    env = dict(
        os.environ,
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_FIND_LINKS=find_links(index),
        **extra,
    )
    for name in ("XDG_CONFIG_HOME", "CREDSITE_SIGNING_KEY", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    return env


def run_script(lines: list[str], cwd: Path, env: dict[str, str]) -> None:
    script = "set -euo pipefail\n" + "\n".join(lines)
    result = subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, f"{script}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def installed_credsite(python: str, cwd: Path, env: dict[str, str]) -> tuple[Path, str]:
    """Where the runner's credsite was imported from, and its version."""
    script = "import credsite; print(credsite.__file__); print(credsite.__version__)"
    result = subprocess.run(
        [python, "-c", script], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    where, version = result.stdout.split()
    return Path(where), version


def test_github_workflow_builds_the_site(tmp_path: Path, index: Path) -> None:
    clone = fresh_clone(tmp_path)
    workflow = yaml.safe_load((clone / ".github/workflows/publish.yml").read_text())
    # YAML reads the key 'on' as True; the triggers must include pushes and pull requests.
    triggers = workflow.get("on", workflow.get(True))
    assert {"push", "pull_request"} <= set(triggers)
    assert workflow["permissions"] == {"contents": "read"}
    build = workflow["jobs"]["build"]["steps"]
    deploy = workflow["jobs"]["deploy"]
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert [s["uses"].split("@")[0] for s in deploy["steps"] if "uses" in s] == [
        "actions/deploy-pages"
    ]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in build)
    text = (clone / ".github/workflows/publish.yml").read_text()
    assert "CREDSITE_SIGNING_KEY" not in text and "secrets." not in text

    setup = next(s for s in build if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "requirements.txt"

    env = environment(tmp_path, index, {})
    lines = []
    for step in build:
        if "run" in step:
            lines.append(
                re.sub(
                    r"\$\{\{\s*steps\.pages\.outputs\.base_url\s*\}\}",
                    "https://example-org.github.io/microcredentials",
                    step["run"],
                )
            )
    run_script(lines, clone, env)
    page = (clone / "site/en/index.html").read_text()
    assert 'href="https://example-org.github.io/microcredentials/en/"' in page
    assert f'<meta name="generator" content="credsite {__version__}">' in page
    where, version = installed_credsite("python", clone, env)
    assert where.is_relative_to(tmp_path / "runner-python") and version == __version__


def test_gitlab_pages_job_builds_into_public(tmp_path: Path, index: Path) -> None:
    clone = fresh_clone(tmp_path)
    pipeline = yaml.safe_load((clone / ".gitlab-ci.yml").read_text())
    job = pipeline["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    template = pipeline[job["extends"]]
    # pip's cache is the folder the template keeps, renewed when requirements.txt changes
    assert pipeline["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    assert {"key": {"files": ["requirements.txt"], "prefix": "pip"}, "paths": [".cache/pip"]} in (
        template["cache"]
    )
    # GitLab fills in the variables' own variables
    variables = {
        name: value.replace("$CI_PROJECT_DIR", str(clone))
        for name, value in pipeline["variables"].items()
    }
    # The job installs with the pip of the .venv its before_script makes, never the runner's.
    env = environment(
        tmp_path,
        index,
        {**variables, "CI_PAGES_URL": "https://example-org.gitlab.io/microcredentials"},
        pip=False,
    )
    lines = [
        line.replace("python3 -m venv .venv", "python3 -m venv --system-site-packages .venv")
        for line in template["before_script"]
    ]
    run_script(lines + job["script"], clone, env)
    assert (clone / "public/nl/modules/example-module/index.html").is_file()
    where, version = installed_credsite(str(clone / ".venv/bin/python"), clone, env)
    assert where.is_relative_to(clone / ".venv") and version == __version__


# -- the optional job that renews the status lists ---------------------------------------------

KEY_STEP_ENV = {"CREDSITE_SIGNING_KEY": "${{ secrets.CREDSITE_SIGNING_KEY }}"}


def test_the_renew_jobs_are_opt_in_and_alone_hold_the_key(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path)
    workflow = yaml.safe_load((clone / ".github/workflows/renew-status-lists.yml").read_text())
    assert set(workflow.get("on", workflow.get(True))) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["renew"]
    assert job["if"] == (
        "vars.CREDSITE_RENEW_STATUS_LISTS == 'true' && github.ref == 'refs/heads/main'"
    )
    assert job["environment"] == "status-lists"  # the secret is the environment's
    assert job["permissions"] == {"contents": "write", "actions": "write"}
    holders = [s for s in job["steps"] if "CREDSITE_SIGNING_KEY" in str(s)]
    assert holders == [
        {
            "name": "Sign the lists again if one ends within 30 days",
            "env": KEY_STEP_ENV,
            "run": "credsite renew-lists --within 30",
        }
    ]
    pipeline = yaml.safe_load((clone / ".gitlab-ci.yml").read_text())
    renew = pipeline["renew-status-lists"]
    assert renew["environment"] == {"name": "status-lists"}
    assert renew["rules"] == [
        {
            "if": '$CI_PIPELINE_SOURCE == "schedule" && $CREDSITE_RENEW_STATUS_LISTS == "true"'
            " && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
        }
    ]
    assert renew["script"][0] == "credsite renew-lists --within 30"
    # The key's job restores no cache: what it runs comes from the package index alone.
    assert renew["cache"] == []
    setup = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert set(setup["with"]) == {"python-version"}
    others = {name: job for name, job in pipeline.items() if name != "renew-status-lists"}
    assert "CREDSITE_SIGNING_KEY" not in str(others) and "CREDSITE_PUSH_TOKEN" not in str(others)


def test_the_renew_workflow_commits_and_pushes_only_when_a_list_ends_soon(
    tmp_path: Path,
) -> None:
    """The workflow's `run:` steps, as written, in a clone of a site with an issued credential
    and a bare repository as GitHub; credsite is this checkout (the install step is GitHub's
    business), `gh` only records that Publish was started."""
    source = tmp_path / "institution"
    init(source)
    tools = tmp_path / "tools"
    tools.mkdir()
    for name, body in (
        ("credsite", f'exec "{sys.executable}" "{REPO / "build.py"}" "$@"'),
        ("gh", f'echo "$@" >> "{tmp_path / "gh-calls"}"'),
    ):
        (tools / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (tools / name).chmod(0o755)
    env = dict(os.environ, PATH=f"{tools}{os.pathsep}{os.environ['PATH']}")
    for name in ("CREDSITE_SIGNING_KEY", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    env |= {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}
    issued = {**env, "SOURCE_DATE_EPOCH": "1772445600"}  # 2026-03-02T10:00:00Z
    results = tmp_path / "results.csv"
    results.write_text("name,email\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    run_script(
        [
            "credsite keygen",
            f"credsite issue --module example-module --csv {results}"
            f" --mail-merge {tmp_path / 'mail.csv'}",
            "git init -q -b main",
            "git add .",
            "git -c user.name=Office -c user.email=office@example.org commit -q -m Start",
            f"git clone -q --bare . {tmp_path / 'github.git'}",
        ],
        source,
        issued,
    )
    clone = tmp_path / "runner"
    subprocess.run(["git", "clone", "-q", str(tmp_path / "github.git"), str(clone)], check=True)
    workflow = yaml.safe_load((clone / ".github/workflows/renew-status-lists.yml").read_text())
    steps = [s for s in workflow["jobs"]["renew"]["steps"] if "run" in s]
    assert steps[0]["name"] == "Install credsite"
    key = next((tmp_path / "config" / "credsite").rglob("*.json")).read_text(encoding="utf-8")
    lines = [steps[1]["run"], steps[2]["run"]]

    def head() -> str:
        git = ["git", "--git-dir", str(tmp_path / "github.git"), "log", "-1", "--format=%s"]
        return subprocess.run(git, capture_output=True, text=True, check=True).stdout.strip()

    runner = {**env, "CREDSITE_SIGNING_KEY": key, "GH_TOKEN": "token"}
    # 2026-04-15: the lists end on 2026-05-31, more than 30 days away: nothing to do
    run_script(lines, clone, {**runner, "SOURCE_DATE_EPOCH": "1776240000"})
    assert head() == "Start" and not (tmp_path / "gh-calls").exists()
    # 2026-05-10: within 30 days of the end: signed again, pushed, Publish started
    run_script(lines, clone, {**runner, "SOURCE_DATE_EPOCH": "1778371200"})
    assert head() == "Renew the status lists"
    assert (tmp_path / "gh-calls").read_text() == "workflow run publish.yml --ref main\n"
    show = ["git", "--git-dir", str(tmp_path / "github.git"), "show"]
    published = subprocess.run(
        [*show, "main:content/status/revocation-1.json"], capture_output=True, text=True, check=True
    ).stdout
    assert '"validUntil": "2026-08-08T00:00:00Z"' in published
