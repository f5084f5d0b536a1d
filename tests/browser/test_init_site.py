"""From nothing to a verified credential in Chromium: init, fill in, keygen, issue, build, serve."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from credsite.commands.init import init

from ..conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def credsite(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_new_site_issues_a_credential_that_verifies_in_chromium(
    page: Page, tmp_path: Path, serve_dir
) -> None:
    root = tmp_path / "institution"
    init(root)
    site_yaml = root / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8")
        .replace("https://microcredentials.example.nl/", "https://mc.testhogeschool.example/")
        .replace("Hogeschool Voorbeeldstad", "Testhogeschool"),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "CREDSITE_SIGNING_KEY"} | {
        "XDG_CONFIG_HOME": str(tmp_path / "config")
    }
    credsite("check", cwd=root, env=env)
    credsite("keygen", cwd=root, env=env)
    results = tmp_path / "results.csv"
    results.write_text("name,email\nNoor Bakker,noor.bakker@example.org\n", encoding="utf-8")
    output = credsite(
        "issue",
        "--module",
        "example-module",
        "--csv",
        str(results),
        "--mail-merge",
        str(tmp_path / "mail.csv"),
        cwd=root,
        env=env,
    )
    token = output.split("/c/", 1)[1].split("/", 1)[0]
    credsite("build", cwd=root, env=env)

    url = serve_dir(root / "site")
    page.goto(f"{url}c/{token}/")
    verification = page.locator("#verification")
    expect(verification).to_have_attribute("data-state", "verified", timeout=15000)
    expect(page.locator("#credential-content")).to_have_attribute("data-trust", "verified")
    expect(page.locator("#credential-content [data-field=recipient]")).to_have_text("Noor Bakker")
    expect(page.locator("#verification [data-field=issuer-domain]")).to_have_text(
        "mc.testhogeschool.example"
    )
    expect(
        page.locator("#origin-note")
    ).to_be_visible()  # served from 127.0.0.1, not the issuer's address
