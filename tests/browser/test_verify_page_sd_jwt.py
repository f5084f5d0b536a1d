"""The /verify/ page verifies a pasted SD-JWT VC (an EU Learning Credential of
tests/sd_jwt_cases.py, signed with a throwaway key) and shows it as a credential: its title,
learner, issuing authority, date and claims (browser/src/pages/sd-jwt-render.js). The issuer's
metadata and its Status List Token (a JWT, served as application/statuslist+jwt) are answered by a
page route, as the issuer's server would answer them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import Page, Route

from ..sd_jwt_cases import Case, cases
from .conftest import Guarded
from .test_credential_pages import wait_for_verdict
from .test_verify_page import submit_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _serve(page: Page, network: dict[str, Any]) -> None:
    def answer(route: Route) -> None:
        url = route.request.url
        if url not in network:
            route.fallback()  # this site's own files; the guarded context blocks the rest
            return
        document = network[url]
        token = isinstance(document, str)
        route.fulfill(
            status=200,
            content_type="application/statuslist+jwt" if token else "application/json",
            headers={"Access-Control-Allow-Origin": "*"},
            body=document if token else json.dumps(document),
        )

    page.route("**/*", answer)


def _case(name: str) -> Case:
    return next(c for c in cases() if c.name == name)


def _verify(guarded: Guarded, url: str, case: Case) -> tuple[str, Page]:
    page = guarded.page()
    page.clock.set_fixed_time(NOW)
    _serve(page, case.network)
    page.goto(url)
    submit_text(page, case.text)
    return wait_for_verdict(page), page


def test_a_learning_credential_is_verified_and_shown(guarded: Guarded, example_url: str) -> None:
    state, page = _verify(guarded, example_url + "en/verify/", _case("status bits 2 value 0"))
    assert state == "verified"
    content = page.locator("#credential-content")
    assert content.get_attribute("data-trust") == "verified"
    assert page.text_content("#credential-content .credential-name") == "Data Ethics"
    text = content.text_content() or ""
    for shown in (
        "Ada Lovelace",
        "Hogeschool Voorbeeld, NL",
        "2026-11-30",
        "8.5",
        "Explain consent",
    ):
        assert shown in text
    assert guarded.errors == [] and guarded.blocked == []


def test_a_revoked_or_tampered_one_is_not_shown(guarded: Guarded, example_url: str) -> None:
    state, page = _verify(guarded, example_url + "nl/verify/", _case("status bits 1 value 1"))
    assert state == "revoked"
    state, page = _verify(guarded, example_url + "en/verify/", _case("disclosure 0 tampered"))
    assert state == "invalid"
    assert page.get_attribute("#credential-content", "data-trust") == "untrusted"
    assert "Ada" not in (page.text_content("#credential-content") or "")
