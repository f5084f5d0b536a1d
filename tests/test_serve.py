"""The live preview: serves the site, shows build errors in the browser, recovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import copy_example
from .serving import fetch, preview, wait_for

pytestmark = pytest.mark.slow


def test_preview_serves_shows_errors_and_recovers(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "src")
    module = root / "content/modules/interview-techniques-nursing.md"
    original = module.read_text(encoding="utf-8")
    with preview(root) as url:
        status, page = fetch(url + "nl/modules/")
        assert status == 200
        assert '<script src="/livereload.js?port=' in page
        assert fetch(url + "nl/modules")[0] == 200  # redirected to the folder
        assert fetch(url + "no/such/page/")[0] == 404
        assert fetch(url + "../site.yaml")[0] in (403, 404)

        module.write_text(original.replace("eqf_level: 6", "eqf_level: 60"), encoding="utf-8")
        wait_for(lambda: fetch(url + "nl/")[0] == 500)
        status, page = fetch(url + "en/modules/interview-techniques-nursing/")
        assert "content/modules/interview-techniques-nursing.md:" in page and "eqf_level" in page
        assert (
            fetch(url + "assets/logo.svg")[0] == 200
        )  # files still served while the build is broken

        module.write_text(
            original.replace("Interview techniques for nurses", "Interviewing for nurses"),
            encoding="utf-8",
        )
        wait_for(lambda: fetch(url + "nl/")[0] == 200)
        assert (
            "Interviewing for nurses" in fetch(url + "en/modules/interview-techniques-nursing/")[1]
        )
