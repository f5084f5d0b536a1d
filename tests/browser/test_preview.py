"""Live reload in a real browser: saving a module file reloads the open page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..conftest import copy_example
from ..serving import preview

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_saving_a_module_reloads_the_open_page(page: Page, tmp_path: Path) -> None:
    root = copy_example(tmp_path / "src")
    module = root / "content/modules/interview-techniques-nursing.md"
    with preview(root) as url:
        page.goto(url + "en/modules/interview-techniques-nursing/")
        expect(page.locator("h1")).to_have_text("Interview techniques for nurses")
        page.wait_for_timeout(500)  # let livereload.js connect
        text = module.read_text(encoding="utf-8")
        module.write_text(
            text.replace("Interview techniques for nurses", "Live reloaded title"), encoding="utf-8"
        )
        expect(page.locator("h1")).to_have_text("Live reloaded title", timeout=20000)
