"""The request blocker the README promises ("browser tests serve pages on 127.0.0.1 and block
every other request") is on in every context a browser test can make, the ones a test makes
itself with ``browser.new_context`` (JavaScript off, a phone's viewport) included."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error

from .conftest import GuardedBrowser

pytestmark = pytest.mark.browser

ELSEWHERE = "https://third-party.example/tracker.js"


@pytest.mark.parametrize(
    "options", [{}, {"java_script_enabled": False}, {"viewport": {"width": 360, "height": 740}}]
)
def test_a_context_a_test_makes_itself_refuses_other_hosts(
    browser: GuardedBrowser, example_url: str, options: dict
) -> None:
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        page.goto(example_url + "en/")  # the loopback server: allowed
        assert browser.newly_refused() == []
        with pytest.raises(Error):
            page.goto(ELSEWHERE)
        # Seen and refused by the blocker (and taken here, so this test does not fail on it).
        assert browser.newly_refused() == [ELSEWHERE]
    finally:
        context.close()


def test_the_browser_offers_no_unguarded_context(browser: GuardedBrowser) -> None:
    """Playwright's other ways to a context or to Chromium itself are not there to be used."""
    assert not hasattr(browser, "new_browser_cdp_session")
    assert not hasattr(browser, "contexts")
    page = browser.new_page()
    try:
        with pytest.raises(Error):
            page.goto(ELSEWHERE)
        assert browser.newly_refused() == [ELSEWHERE]
    finally:
        page.context.close()
