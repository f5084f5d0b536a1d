"""Real headless Chromium (Debian's), driven by Playwright, against sites served on 127.0.0.1.

Every page gets a context that blocks and records any request leaving the loopback interface,
so a test fails if a page tries to reach a third party. The ``browser`` fixture is not Chromium
itself but ``GuardedBrowser``: every context a test makes with it carries the blocker, and the
test fails when one was refused, so a test that makes its own context (JavaScript off, a phone's
viewport) cannot forget it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
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
def chromium() -> Iterator[Browser]:
    """Chromium itself, once per session: tests get it only through ``browser`` (guarded)."""
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


class GuardedBrowser:
    """Chromium as the tests see it: the only way to a context is one with the request blocker.
    It offers what the tests use of Playwright's ``Browser`` (``new_context``, ``new_page``)
    and nothing that would make an unguarded context."""

    def __init__(self, chromium: Browser):
        self._chromium = chromium
        self._guards: list[Guarded] = []
        self._seen: dict[int, int] = {}  # guard -> how many of its refusals were reported

    def guard(self, **options: Any) -> Guarded:
        guard = Guarded(self._chromium.new_context(**options))
        self._guards.append(guard)
        return guard

    def new_context(self, **options: Any) -> BrowserContext:
        return self.guard(**options).context

    def new_page(self, **options: Any) -> Page:
        return self.guard(**options).page()

    @property
    def version(self) -> str:
        return self._chromium.version

    def newly_refused(self) -> list[str]:
        """The requests refused in any of its contexts since the last call."""
        refused = []
        for guard in self._guards:
            refused += guard.blocked[self._seen.get(id(guard), 0) :]
            self._seen[id(guard)] = len(guard.blocked)
        return refused


_BROWSERS: list[GuardedBrowser] = []  # this session's (one, once a test asked for it)


@pytest.fixture(scope="session")
def browser(chromium: Browser) -> Iterator[GuardedBrowser]:
    """Chromium whose every context blocks and records requests leaving the loopback
    interface (``_no_request_leaves_the_site`` fails the test that made one)."""
    guarded_browser = GuardedBrowser(chromium)
    _BROWSERS.append(guarded_browser)
    yield guarded_browser
    _BROWSERS.remove(guarded_browser)


@pytest.fixture(autouse=True)
def _no_request_leaves_the_site() -> Iterator[None]:
    """After every browser test, whichever fixture or test made its contexts."""
    yield
    blocked = [url for guarded_browser in _BROWSERS for url in guarded_browser.newly_refused()]
    assert blocked == [], f"requests left the site: {blocked}"


@pytest.fixture
def guarded(browser: GuardedBrowser, request: pytest.FixtureRequest) -> Iterator[Guarded]:
    """One guarded context; ``indirect`` parametrization passes its options (a locale)."""
    options = getattr(request, "param", {}) or {}
    guard = browser.guard(**options)
    yield guard
    guard.context.close()


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
