"""/en/verify/ with a credential whose proof is of a type this verifier does not know: the page
says so in its own state (``data-state="unsupported"``, the rulebook's title), marks the
proof-format check not supported, and shows none of the credential's content as verified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from credsite.standards import rulebook

from .test_credential_pages import checks, wait_for_verdict
from .test_verify_page import signed, submit_text, verify_en  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def test_an_unknown_proof_type_is_unsupported_not_invalid(
    verify_en: Page,  # noqa: F811 - the fixture
    example_site: Path,
) -> None:
    page = verify_en
    document, _, _ = signed(example_site, name="Unsupported Person")
    document["proof"] = {**document["proof"], "type": "FutureSignature2030"}
    submit_text(page, json.dumps(document))
    assert wait_for_verdict(page) == "unsupported"
    expect(page.locator("#verdict-title")).to_have_text(rulebook.title("unsupported", "en"))
    outcomes = {c["id"]: c["outcome"] for c in checks(page)}
    assert outcomes["proof-format"] == "unsupported"
    assert "failed" not in outcomes.values()
    content = page.locator("#credential-content")
    expect(content).to_have_attribute("data-trust", "untrusted")
    expect(content).not_to_contain_text("Unsupported Person")
    expect(content).not_to_contain_text("Another Academy")
    expect(page.locator(".issuer-domain")).to_be_hidden()
