"""Every third-party credential of the conformance corpus (tests/conformance: DCC's fixtures, the
1EdTech validator's, verifier-core's), dropped on /en/verify/ as an employer would — JSON, baked
PNG and SVG, JWTs — reaches the state its own test suite expects.

The issuers' DID documents, controller documents and status lists are answered from the corpus's
``support/network.json`` by a page route, as their servers would answer (with CORS); any other
request leaving the loopback interface is blocked and recorded by the guarded context. The page's
clock is fixed at the moment the corpus was checked (2026-12-01), so that credentials "not expired"
then stay so.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route

from ..test_conformance_verdicts import _expected
from .conftest import Guarded
from .test_credential_pages import wait_for_verdict

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CORPUS = Path(__file__).resolve().parent.parent / "conformance"
CHECKED_ON = datetime(2026, 12, 1, tzinfo=UTC)


def _manifest() -> list[dict[str, Any]]:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def _network() -> dict[str, bytes]:
    table = json.loads((CORPUS / "support" / "network.json").read_text(encoding="utf-8"))
    return {url: (CORPUS / file).read_bytes() for url, file in table.items()}


def _serve_network(page: Page, network: dict[str, bytes], served: list[str]) -> None:
    def answer(route: Route) -> None:
        url = route.request.url
        if url in network:
            served.append(url)
            route.fulfill(
                status=200,
                content_type="application/json",
                headers={"Access-Control-Allow-Origin": "*"},
                body=network[url],
            )
        elif urlsplit(url).hostname in ("127.0.0.1", "localhost"):
            route.fallback()
        else:
            route.fallback()  # the guarded context blocks and records it

    page.route("**/*", answer)


def test_every_corpus_credential_reaches_its_expected_state_on_the_verify_page(
    guarded: Guarded, example_url: str
) -> None:
    network = _network()
    page = guarded.page()
    page.clock.set_fixed_time(CHECKED_ON)
    served: list[str] = []
    _serve_network(page, network, served)
    reached: dict[str, tuple[str, str]] = {}
    for entry in _manifest():
        page.goto(example_url + "en/verify/")
        page.set_input_files("#verify-file", str(CORPUS / entry["file"]))
        state = wait_for_verdict(page)
        expected = _expected(entry)
        if state != expected:
            reached[entry["file"]] = (expected, state)
    assert reached == {}, "expected vs reached state"
    assert guarded.errors == [], f"errors in the page: {guarded.errors}"
    # Nothing left the loopback interface but requests the corpus's own servers answered.
    assert guarded.blocked == []
    assert served and set(served) <= set(network)
