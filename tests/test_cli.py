"""The command line as staff use it: exit codes, messages on stderr, help texts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from credsite import __version__

from .conftest import MODULE, REPO, SiteFolder


def run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["serve"]])
def test_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "usage: python build.py" in result.stdout


def test_help_lists_commands() -> None:
    out = run("--help").stdout
    for command in ("build", "check", "serve"):
        assert command in out


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"credsite {__version__}\n"


def test_python_m_credsite_is_the_credsite_command(tmp_path: Path) -> None:
    """``python -m credsite`` runs the same command line, and its help names the command as
    staff type it once credsite is installed: ``credsite``, not ``python build.py``."""

    def module(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "credsite", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert module("--version").stdout == f"credsite {__version__}\n"
    top = module("--help")
    assert top.returncode == 0, top.stderr
    assert top.stdout.startswith("usage: credsite [-h] [--version]")
    assert "\n  credsite check                 validate site.yaml" in top.stdout
    assert "build.py" not in top.stdout
    assert module("build", "--help").stdout.startswith("usage: credsite build [-h]")
    missing = module("check")  # an empty folder: the readable error, exit code 1
    assert missing.returncode == 1
    assert "site.yaml" in missing.stderr and "Traceback" not in missing.stderr


def test_check_valid_site(site: SiteFolder) -> None:
    site.module("module")
    result = run("--root", site.root, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "ok: 1 modules (1 published), 0 tracks, 0 credentials, 0 warnings"
    )
    assert not (site.root / "site").exists()


def test_check_reports_every_problem_and_exits_1(site: SiteFolder) -> None:
    site.module("one", MODULE.replace("ec: 3", "ec: 2.75"))
    site.module("two", MODULE.replace("participation: [online]", "participation: [remote]"))
    result = run("--root", site.root, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "content/modules/one.md:7: ec: '2.75' is not allowed (3–30 EC in steps of 0.5)",
        "content/modules/two.md:12: participation[0]: 'remote' is not allowed (online, onsite, blended, work_experience)",
        "error: 2 error(s) in content; nothing was written",
    ]


def test_build_writes_nothing_on_error(site: SiteFolder) -> None:
    site.module("one", MODULE.replace("eqf_level: 6", "eqf_level: 12"))
    result = run("--root", site.root, "build")
    assert result.returncode == 1
    assert "content/modules/one.md:8: eqf_level:" in result.stderr
    assert not (site.root / "site").exists()


def test_build_prints_warnings_and_succeeds(site: SiteFolder) -> None:
    site.module(
        "module", MODULE.replace("title: {nl: Testmodule, en: Test module}", "title: Testmodule")
    )
    result = run("--root", site.root, "build")
    assert result.returncode == 0
    assert "content/modules/module.md:2: warning: title: no English (en) text" in result.stderr
    assert (site.root / "site/en/modules/module/index.html").is_file()
    strict = run("--root", site.root, "build", "--strict")
    assert strict.returncode == 1


def test_build_out_and_base_url(site: SiteFolder, tmp_path: Path) -> None:
    site.module("module")
    result = run(
        "--root",
        site.root,
        "build",
        "--out",
        tmp_path / "public",
        "--base-url",
        "https://preview.example.org/",
    )
    assert result.returncode == 0, result.stderr
    assert "https://preview.example.org/en/" in (tmp_path / "public/en/index.html").read_text()


def test_bad_base_url_is_a_clear_error(site: SiteFolder) -> None:
    result = run("--root", site.root, "build", "--base-url", "ftp://example.org")
    assert result.returncode == 1
    assert (
        "base_url: 'ftp://example.org' is not allowed (an https:// address; http:// only for localhost)"
        in result.stderr
    )


def test_missing_site_yaml(tmp_path: Path) -> None:
    result = run("--root", tmp_path, "build")
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"error: no site.yaml in {tmp_path.resolve()} (run in the site's folder or pass --root)"
    )


def test_bad_jobs(site: SiteFolder) -> None:
    result = run("--root", site.root, "build", "--jobs", "0")
    assert result.returncode == 1
    assert "error: --jobs must be at least 1" in result.stderr
