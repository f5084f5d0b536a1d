"""The holder's actions on a credential page (issue 16) in real Chromium: the downloads, LinkedIn,
the wallet link with its QR code and printing are offered when the verdict is verified or expired
(with the end date stated), and withheld, with the reason in their place, when it is revoked,
suspended, invalid, status-unknown or not yet valid; the second opinion is a plain link that the
page never requests; the printout carries the page's QR code and the date of the check.

Which verdict offers what is read from the rule itself, credsite/data/holder-actions.json, which
the page script reads too. The example site has verified, revoked, suspended and expired
credentials; an invalid page is made by changing the embedded credential on its way to the
browser, a status-unknown one by answering its revocation list with 404, a not-yet-valid one by
moving the browser's clock.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from credsite.build.credential_fields import credential_fields
from credsite.catalogue.labels import LABELS

from ..conftest import REPO
from ..static_host import headers_host
from .conftest import Guarded, axe_violations
from .test_credential_pages import (
    BASE_URL,
    credential_of,
    python_state,
    tokens,
    wait_for_verdict,
)

pytestmark = pytest.mark.browser

RULE = json.loads((REPO / "credsite/data/holder-actions.json").read_text(encoding="utf-8"))[
    "states"
]
# The actions, by their element (the JSON link has no id on a site with a file per credential).
ACTIONS = {
    "download_json": 'a[data-label="download_json"]',
    "download_png": "#download-png",
    "download_svg": "#download-svg",
    "add_to_linkedin": "#add-to-linkedin",
    "add_to_wallet": "#wallet-link",
    "print": "#print-button",
}
SETTLED = "() => document.getElementById('holder-actions')?.dataset.actions !== undefined"
VERIFIER_PLUS = "https://verifierplus.org/#verify?vc="


@pytest.fixture(scope="module")
def by_state(example_site: Path) -> dict[str, str]:
    """The first example credential in each state credsite's Python verifier gives it today."""
    found: dict[str, str] = {}
    for token in tokens(example_site):
        found.setdefault(python_state(example_site, credential_of(example_site, token)), token)
    assert {"verified", "revoked", "suspended", "expired"} <= set(found), found
    return found


@pytest.fixture
def quiet_page(guarded: Guarded) -> Iterator[Page]:
    """A page whose status list is answered with 404 by a test: the browser's own console line
    for it ("Failed to load resource") is expected; any other error is not."""
    page = guarded.page()
    yield page
    unexpected = [e for e in guarded.errors if not e.startswith("Failed to load resource")]
    assert unexpected == [], f"errors in the page: {unexpected}"
    guarded.errors.clear()


def settle(page: Page, url: str) -> tuple[str, str]:
    """Open a credential page and wait until its actions follow the verdict: (state, language)."""
    page.goto(url)
    state = wait_for_verdict(page)
    page.wait_for_function(SETTLED)
    return state, page.evaluate("() => document.documentElement.lang")


def note_for(state: str, lang: str, document: dict[str, Any]) -> str:
    """The line the rule says the page shows for ``state``, its date read as the page reads it."""
    rule = RULE[state]
    date = credential_fields(document, lang)[rule["date"]] if "date" in rule else ""
    return rule["note"][lang].replace("{date}", str(date))


def assert_withheld(page: Page, state: str, lang: str, document: dict[str, Any]) -> None:
    """No action is visible or in the accessibility tree; the reason stands in their place."""
    expect(page.locator("#holder-actions")).to_have_attribute("data-actions", "withheld")
    expect(page.locator("#action-list")).to_be_hidden()
    for key, selector in ACTIONS.items():
        expect(page.locator(selector)).to_be_hidden()
        expect(page.get_by_role("link", name=LABELS[lang][key])).to_have_count(0)
        expect(page.get_by_role("button", name=LABELS[lang][key])).to_have_count(0)
    tree = page.locator("#holder-actions").aria_snapshot()
    for key in ACTIONS:
        assert LABELS[lang][key] not in tree, (key, tree)
    note = page.locator("#actions-note")
    expect(note).to_be_visible()
    expect(note).to_have_text(note_for(state, lang, document))
    expect(page.locator(".certificate")).to_have_attribute("data-actions", "withheld")


def assert_offered(page: Page, lang: str) -> None:
    expect(page.locator("#holder-actions")).to_have_attribute("data-actions", "offered")
    for key, selector in ACTIONS.items():
        expect(page.locator(selector)).to_be_visible()
        expect(page.locator(selector)).to_have_text(LABELS[lang][key])


# -- offered ------------------------------------------------------------------------------------


def test_a_verified_credential_offers_every_action_a_wallet_qr_code_and_a_second_opinion(
    guarded: Guarded, example_url: str, by_state: dict[str, str]
) -> None:
    page = guarded.page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    token = by_state["verified"]
    state, lang = settle(page, f"{example_url}c/{token}/")
    assert state == "verified"
    assert_offered(page, lang)
    expect(page.locator("#actions-note")).to_be_hidden()
    wallet = f"{BASE_URL}c/{token}/credential.json"
    expect(page.locator("#wallet-link")).to_have_attribute("href", wallet)
    expect(page.locator('[data-label="wallet_note"]')).to_have_text(LABELS[lang]["wallet_note"])
    # The wallet's QR code: drawn after the verdict, of the file's address, an image with a name.
    qr = page.get_by_role("img", name=LABELS[lang]["wallet_qr_label"])
    expect(qr).to_be_visible()
    expect(page.locator(".wallet-qr svg path")).to_have_count(1)
    expect(page.locator(".wallet-qr")).to_have_attribute("data-url", wallet)
    box = qr.bounding_box()
    assert box and box["width"] >= 120 and abs(box["width"] - box["height"]) < 1
    # The second opinion: a plain link to VerifierPlus naming the same file, never requested.
    second = page.get_by_role("link", name=LABELS[lang]["second_opinion"])
    expect(second).to_have_attribute("href", VERIFIER_PLUS + wallet)
    assert set((second.get_attribute("rel") or "").split()) >= {"noopener", "noreferrer"}
    assert second.get_attribute("target") is None
    assert not [url for url in requested if "verifierplus" in url or "linkedin" in url], requested
    assert guarded.blocked == [] and guarded.errors == []
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


def test_an_expired_credential_offers_the_actions_with_its_end_date_stated(
    page: Page, example_url: str, example_site: Path, by_state: dict[str, str]
) -> None:
    token = by_state["expired"]
    state, lang = settle(page, f"{example_url}c/{token}/")
    assert state == "expired"
    assert_offered(page, lang)
    document = credential_of(example_site, token)
    note = page.locator("#actions-note")
    expect(note).to_be_visible()
    expect(note).to_have_text(note_for("expired", lang, document))
    end = datetime.fromisoformat(document["validUntil"]).astimezone(UTC)
    assert str(end.year) in (note.text_content() or "")
    linkedin = page.get_attribute("#add-to-linkedin", "href") or ""
    assert f"expirationYear={end.year}&expirationMonth={end.month}&" in linkedin
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


# -- withheld -----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["revoked", "suspended"])
def test_a_revoked_or_suspended_credential_offers_nothing_and_says_why(
    page: Page, example_url: str, example_site: Path, by_state: dict[str, str], state: str
) -> None:
    token = by_state[state]
    found, lang = settle(page, f"{example_url}c/{token}/")
    assert found == state
    assert_withheld(page, state, lang, credential_of(example_site, token))
    # The second opinion is the visitor's, not the holder's: it stays.
    expect(page.get_by_role("link", name=LABELS[lang]["second_opinion"])).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


def _forge(route: Route) -> None:
    """The page as served, with the embedded credential's name changed: its signature fails."""
    response = route.fetch()
    text = response.text()
    start, end = text.index('<pre id="credential-json"'), text.index("</pre>")
    embedded = text[start:end]
    name = html.escape(json.loads(html.unescape(embedded[embedded.index(">") + 1 :]))["name"])
    assert name in embedded
    route.fulfill(
        response=response, body=text[:start] + embedded.replace(name, "Forged") + text[end:]
    )


def test_an_invalid_credential_offers_nothing_and_says_why(
    page: Page, example_url: str, example_site: Path, by_state: dict[str, str]
) -> None:
    token = by_state["verified"]
    url = f"{example_url}c/{token}/"
    page.route(url, _forge)
    state, lang = settle(page, url)
    assert state == "invalid"
    assert_withheld(page, "invalid", lang, credential_of(example_site, token))
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


def test_when_the_status_cannot_be_checked_nothing_is_offered(
    quiet_page: Page, example_url: str, example_site: Path, by_state: dict[str, str]
) -> None:
    page = quiet_page
    token = by_state["verified"]
    page.route("**/status/revocation-*.json", lambda route: route.fulfill(status=404, body=""))
    state, lang = settle(page, f"{example_url}c/{token}/")
    assert state == "status-unknown"
    assert_withheld(page, "status-unknown", lang, credential_of(example_site, token))


def test_before_its_start_a_credential_offers_nothing_until_that_date(
    page: Page, example_url: str, example_site: Path, by_state: dict[str, str]
) -> None:
    token = by_state["verified"]
    document = credential_of(example_site, token)
    page.clock.install(time=datetime.fromisoformat(document["validFrom"]) - timedelta(days=30))
    state, lang = settle(page, f"{example_url}c/{token}/")
    assert state == "not-yet-valid"
    assert_withheld(page, "not-yet-valid", lang, document)


def test_the_reason_follows_the_language_switch(
    page: Page, example_url: str, example_site: Path, by_state: dict[str, str]
) -> None:
    token = by_state["revoked"]
    document = credential_of(example_site, token)
    _, lang = settle(page, f"{example_url}c/{token}/")
    other = "nl" if lang == "en" else "en"
    page.click("#language-switch")
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("#actions-note")).to_have_text(note_for("revoked", other, document))
    expect(page.locator("#action-list")).to_be_hidden()


def test_the_wallet_qr_codes_name_follows_the_language_switch(
    page: Page, example_url: str, by_state: dict[str, str]
) -> None:
    _, lang = settle(page, f"{example_url}c/{by_state['verified']}/")
    other = "nl" if lang == "en" else "en"
    page.click("#language-switch")
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.get_by_role("img", name=LABELS[other]["wallet_qr_label"])).to_be_visible()
    expect(page.get_by_role("link", name=LABELS[other]["add_to_wallet"])).to_be_visible()


def test_without_javascript_nothing_is_offered_and_the_signed_data_stays_readable(
    browser: Any, example_url: str, by_state: dict[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{example_url}c/{by_state['verified']}/")
        expect(page.locator("#action-list")).to_be_hidden()
        expect(page.locator("#actions-note")).to_be_hidden()
        page.click(".signed-data > summary")
        expect(page.locator("#credential-json")).to_be_visible()
        # The second opinion needs no script of ours: it is there.
        expect(page.locator(".second-opinion a")).to_be_visible()
    finally:
        context.close()


# -- the printout -------------------------------------------------------------------------------


def test_the_printout_carries_the_pages_qr_code_and_the_date_of_the_check(
    page: Page, example_url: str, by_state: dict[str, str]
) -> None:
    token = by_state["verified"]
    _, lang = settle(page, f"{example_url}c/{token}/")
    page.emulate_media(media="print")
    try:
        expect(page.locator(".certificate-qr svg")).to_be_visible()
        expect(page.locator(".certificate-qr")).to_have_attribute(
            "data-url", f"{BASE_URL}c/{token}/"
        )
        verdict = page.locator("#certificate-verdict")
        expect(verdict).to_be_visible()
        checked = page.evaluate(
            "() => document.getElementById('verdict-time').textContent"
        )  # "Checked on 5 July 2026 at 14:05 (UTC)."
        today = datetime.now(UTC)
        assert str(today.year) in checked and str(today.day) in checked, checked
        expect(verdict).to_contain_text(checked)
        expect(verdict).to_contain_text(
            {"nl": "Geverifieerd", "en": "Verified"}[lang]
            + {"nl": ". Gecontroleerd op ", "en": ". Checked on "}[lang]
        )
        expect(page.locator(".downloads")).to_be_hidden()
    finally:
        page.emulate_media(media="screen")


def test_a_withheld_credential_prints_struck_through(
    page: Page, example_url: str, by_state: dict[str, str]
) -> None:
    settle(page, f"{example_url}c/{by_state['revoked']}/")
    page.emulate_media(media="print")
    try:
        expect(page.locator(".certificate")).to_be_visible()
        struck = page.eval_on_selector(
            ".certificate-name", "el => getComputedStyle(el).textDecorationLine"
        )
        assert "line-through" in struck
    finally:
        page.emulate_media(media="screen")


# -- the wallet link from another origin --------------------------------------------------------

FETCH_JS = """async (url) => {
  try {
    const response = await fetch(url);
    return { ok: response.ok, type: response.headers.get('content-type'), text: await response.text() };
  } catch (e) {
    return { error: String(e) };
  }
}"""


def test_a_page_on_another_origin_reads_the_wallet_link_with_a_plain_get(
    guarded: Guarded, example_url: str, example_site: Path, by_state: dict[str, str], serve_dir
) -> None:
    """As VerifierPlus's page does: a GET from another origin, allowed by the CORS header the
    site's ``_headers`` gives each credential's file (on a host that reads it). The same GET from
    a host that sends no such header is refused, which shows the header is what allows it."""
    page = guarded.page()
    token = by_state["verified"]
    path = f"c/{token}/credential.json"
    stored = (REPO / "content" / "credentials" / f"{token}.json").read_text(encoding="utf-8")
    page.goto(f"{example_url}robots.txt")  # a document of the site's origin with no CSP of its own
    with headers_host(example_site) as host:
        found = page.evaluate(FETCH_JS, host + path)
    assert found.get("ok"), found
    assert found["type"] == "application/json"
    assert found["text"] == stored
    refused = page.evaluate(FETCH_JS, serve_dir(example_site) + path)
    assert "error" in refused, "a host without the header: the browser withholds the answer"
    # The browser's own lines about the refused one; nothing else went wrong.
    unexpected = [e for e in guarded.errors if "CORS" not in e and "Failed to load" not in e]
    assert unexpected == [], unexpected
    guarded.errors.clear()
