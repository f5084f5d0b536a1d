"""Real headless Chromium (Debian's), driven by Playwright, against sites served on 127.0.0.1.

Every page gets a context that blocks and records any request leaving the loopback interface,
so a test fails if a page tries to reach a third party.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from ..conftest import REPO

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = REPO / "browser" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"browser tests need Debian's chromium at {CHROMIUM} (python3 dev.py test installs it as root)"
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


class Guarded:
    """A browser context whose requests may only go to 127.0.0.1."""

    def __init__(self, context: BrowserContext):
        self.context = context
        self.blocked: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def page(self) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        return page


@pytest.fixture
def guarded(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Guarded]:
    options = getattr(request, "param", {}) or {}
    context = browser.new_context(**options)
    guard = Guarded(context)
    yield guard
    context.close()
    assert guard.blocked == [], f"requests left the site: {guard.blocked}"


@pytest.fixture
def page(guarded: Guarded) -> Iterator[Page]:
    page = guarded.page()
    yield page
    assert guarded.errors == [], f"errors in the page: {guarded.errors}"


@pytest.fixture(scope="session")
def example_url(example_site: Path, serve_dir) -> str:
    return serve_dir(example_site)


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core with its default rules (WCAG A/AA and best practices) on the page."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => JSON.stringify((await axe.run(document)).violations)")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "help": v["help"],
        }
        for v in json.loads(result)
    ]
