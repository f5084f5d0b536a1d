"""The /verify/ page shows the endorsements of a verified credential (browser/src/pages/
endorsement-list.js): one line each, under the checks, with its own verdict, in the page's
language, and none for a credential that is not authentic. The credentials are those of
tests/endorsement_credentials.py, signed with throwaway keys; the 1EdTech endorser's controller
document is answered by a page route, as its server would answer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import Page, Route

from ..endorsement_credentials import endorsed_cases
from .conftest import Guarded
from .test_credential_pages import wait_for_verdict
from .test_verify_page import submit_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOW = datetime(2026, 11, 1, tzinfo=UTC)
SHOWN = """() => [...document.querySelectorAll('#endorsement-list li')].map((li) => ({
  state: li.dataset.state, where: li.dataset.where, about: li.dataset.about, text: li.textContent,
}))"""


def _serve(page: Page, network: dict[str, Any]) -> None:
    def answer(route: Route) -> None:
        url = route.request.url
        if url in network:
            route.fulfill(
                status=200,
                content_type="application/json",
                headers={"Access-Control-Allow-Origin": "*"},
                body=json.dumps(network[url]),
            )
        else:
            route.fallback()  # this site's own files; the guarded context blocks the rest

    page.route("**/*", answer)


def _shown(guarded: Guarded, url: str, case: Any) -> tuple[str, list[dict[str, str]], Page]:
    page = guarded.page()
    page.clock.set_fixed_time(NOW)
    _serve(page, case.network)
    page.goto(url)
    submit_text(page, case.text)
    state = wait_for_verdict(page)
    return state, page.evaluate(SHOWN), page


def test_the_endorsements_of_a_verified_credential_are_shown(
    guarded: Guarded, example_url: str
) -> None:
    cases = endorsed_cases()
    state, shown, page = _shown(guarded, example_url + "en/verify/", cases["all three places"].case)
    assert state == "verified"
    assert [(s["where"], s["state"], s["about"]) for s in shown] == [
        ("credential", "verified", "true"),
        ("issuer", "verified", "true"),
        ("achievement", "verified", "true"),
    ]
    assert "Endorsement of the issuer by Endorser Org: verified." in shown[1]["text"]
    assert page.is_visible("#endorsements")
    state, shown, _ = _shown(
        guarded, example_url + "nl/verify/", cases["corpus pub-1ed-endorsement-valid.json"].case
    )
    assert state == "verified"
    assert [s["state"] for s in shown] == ["verified"]
    assert "door State Department of Education: geverifieerd" in shown[0]["text"]
    state, shown, _ = _shown(
        guarded, example_url + "en/verify/", cases["one valid, one tampered"].case
    )
    assert [s["state"] for s in shown] == ["verified", "invalid"]
    assert guarded.errors == [] and guarded.blocked == []


def test_no_endorsement_is_shown_for_a_credential_changed_after_signing(
    guarded: Guarded, example_url: str
) -> None:
    case = endorsed_cases()["endorsement added after signing"].case
    state, shown, page = _shown(guarded, example_url + "en/verify/", case)
    assert state == "invalid"
    assert shown == []
    assert not page.is_visible("#endorsements")
