"""/nl/verify/ and /en/verify/ in real Chromium: JSON by paste, file chooser and drop; baked PNG and
SVG badges; credentials of this site, of another did:web issuer (over HTTPS) and of a did:key
issuer signed in the test; garbage input; keyboard only; axe before and after; XSS payloads.

Every page runs with non-loopback requests blocked and recorded (``guarded``); the one test that
needs another issuer's DID document answers it with a page route, as that issuer's server would.
"""

from __future__ import annotations

import base64
import copy
import functools
import json
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from playwright.sync_api import Browser, Page, Route, expect

from credsite.standards import proofs
from credsite.standards.baking import bake_png, bake_svg
from credsite.standards.multibase import encode_public_key

from .conftest import Guarded
from .test_credential_pages import (
    AUTHENTIC,
    ISSUER_HOST,
    assert_checks_in_words,
    axe_clean,
    checks,
    credential_of,
    no_xss,
    python_state,
    tokens,
    wait_for_verdict,
    xss_site,
)

pytestmark = pytest.mark.browser

GRADED_MODULE = "clinical-reasoning-complex-care"


@functools.cache
def example_token(example_site: Path, state: str) -> str:
    for token in tokens(example_site):
        if python_state(example_site, credential_of(example_site, token)) == state:
            return token
    raise AssertionError(f"no {state} credential in the example")


def signed(
    example_site: Path,
    issuer_id: str | None = None,
    key: Ed25519PrivateKey | None = None,
    name: str = "Jan Jansen",
) -> tuple[dict[str, Any], Ed25519PrivateKey, str]:
    """An example credential re-issued by another issuer (did:key unless ``issuer_id`` is given),
    signed with credsite.standards.proofs and a throwaway key; no status list."""
    key = key or Ed25519PrivateKey.generate()
    multikey = encode_public_key(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    did = issuer_id or f"did:key:{multikey}"
    method = f"{did}#{multikey}" if did.startswith("did:key:") else f"{did}#key-1"
    token = example_token(example_site, "verified")
    document = copy.deepcopy(credential_of(example_site, token))
    for field in ("proof", "credentialStatus"):
        document.pop(field, None)
    issuer = {
        "id": did,
        "type": ["Profile"],
        "name": "Another Academy",
        "url": "https://www.harvard.edu/",  # a claim: the page must not present it as verified
    }
    document["id"] = f"urn:uuid:{uuid.UUID(int=7)}"
    document["issuer"] = issuer
    document["credentialSubject"]["achievement"]["creator"] = issuer
    document["credentialSubject"]["identifier"][0]["identityHash"] = name
    return proofs.sign(document, key, method, datetime.now(UTC)), key, method


def did_document_for(did: str, key: Ed25519PrivateKey, method: str) -> dict[str, Any]:
    """The DID document publishing ``key`` as ``method`` of ``did``, for issuers made in a test."""
    multikey = encode_public_key(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {"id": method, "type": "Multikey", "controller": did, "publicKeyMultibase": multikey}
        ],
        "assertionMethod": [method],
    }


def submit_text(page: Page, text: str) -> None:
    page.fill("#verify-text", text)
    page.click("#verify-form button[type=submit]")


def input_error(page: Page) -> str:
    box = page.locator("#verify-input-error")
    expect(box).to_be_visible()
    expect(box).to_have_attribute("role", "alert")
    return box.text_content() or ""


@pytest.fixture
def verify_en(page: Page, example_url: str) -> Page:
    page.goto(example_url + "en/verify/")
    expect(page.locator("#verify-form")).to_be_visible()
    return page


SCRIPTS_SO_FAR = """() => performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname.endsWith('.js')).map((e) => e.name)"""


def test_the_page_preloads_the_chunks_its_script_imports(
    verify_en: Page,
) -> None:
    """Like the credential page, /verify/ lists the chunks its script imports statically in
    <link rel="modulepreload"> (browser/build.mjs writes the list), so the browser fetches them
    at once; each is used. Its language's texts are imported dynamically, as the page starts."""
    preloaded = verify_en.eval_on_selector_all(
        'link[rel="modulepreload"]', "links => links.map((l) => l.href)"
    )
    script = verify_en.eval_on_selector('script[src*="verify-page"]', "s => s.src")
    assert re.search(r"/assets/verify-page\.[0-9a-f]+\.js$", script), script
    assert preloaded and all("/assets/chunks/" in href for href in preloaded), preloaded
    loaded = set(verify_en.evaluate(SCRIPTS_SO_FAR))
    assert {script, *preloaded} <= loaded
    texts = [href for href in preloaded if re.search(r"/(language|messages)-", href)]
    assert texts == [], "a language's texts are loaded for the page's language, not preloaded"


def test_without_javascript_the_form_stays_hidden(browser: Browser, example_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(example_url + "en/verify/")
        expect(page.locator("#verify-form")).to_be_hidden()
        expect(page.locator("#verification")).to_be_hidden()
        assert "needs JavaScript" in page.content()
    finally:
        context.close()


def test_pasted_credential_of_this_site(verify_en: Page, example_site: Path) -> None:
    page = verify_en
    axe_clean(page)
    token = example_token(example_site, "revoked")
    submit_text(page, (example_site / "c" / token / "credential.json").read_text(encoding="utf-8"))
    assert wait_for_verdict(page) == "revoked"
    expect(page.locator("#verify-form")).to_be_hidden()
    expect(page.locator("#verdict-title")).to_have_text("Revoked")
    expect(page.locator("#verdict-title")).to_be_focused()
    assert_checks_in_words(page, "en")
    expect(page.locator("#issuer-domain")).to_have_text(ISSUER_HOST)
    expect(page.locator("#origin-note")).to_be_visible()
    expect(page.locator("#origin-note")).to_contain_text(ISSUER_HOST)
    content = page.locator("#credential-content")
    expect(content).to_have_attribute("data-trust", "verified")
    doc = credential_of(example_site, token)
    expect(content.locator(".credential-name")).to_have_text(doc["name"])
    expect(content).to_contain_text(doc["credentialSubject"]["identifier"][0]["identityHash"])
    axe_clean(page)


def test_a_json_file_from_the_file_chooser(
    page: Page, example_url: str, example_site: Path
) -> None:
    page.goto(example_url + "nl/verify/")
    token = example_token(example_site, "verified")
    with page.expect_file_chooser() as chooser:
        page.click("label[for=verify-file]")
    chooser.value.set_files(str(example_site / "c" / token / "credential.json"))
    assert wait_for_verdict(page) == "verified"
    expect(page.locator("#verdict-title")).to_have_text("Geverifieerd")
    assert_checks_in_words(page, "nl")
    expect(page.locator("#credential-content")).to_contain_text("Toegekend aan")


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_baked_badges_by_file_and_by_drop(
    page: Page, example_url: str, example_site: Path, tmp_path: Path, kind: str
) -> None:
    token = example_token(example_site, "verified")
    text = (example_site / "c" / token / "credential.json").read_text(encoding="utf-8")
    badge = example_site / "nl" / "modules" / GRADED_MODULE / f"badge.{kind}"
    if kind == "png":
        data = bake_png(badge.read_bytes(), text)
    else:
        data = bake_svg(badge.read_text(encoding="utf-8"), text).encode("utf-8")
    path = tmp_path / f"badge.{kind}"
    path.write_bytes(data)

    page.goto(example_url + "en/verify/")
    page.set_input_files("#verify-file", str(path))
    assert wait_for_verdict(page) == "verified"

    page.click("#verify-again")
    expect(page.locator("#verify-form")).to_be_visible()
    expect(page.locator("#verification")).to_be_hidden()
    expect(page.locator("#verify-file")).to_be_focused()
    page.evaluate(
        """([b64, name, type]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], name, { type }));
            const zone = document.getElementById('drop-zone');
            zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
            zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        }""",
        [
            base64.b64encode(data).decode(),
            path.name,
            "image/png" if kind == "png" else "image/svg+xml",
        ],
    )
    assert wait_for_verdict(page) == "verified"
    expect(page.locator("#drop-zone")).not_to_have_class("drop-zone drag-over")


def test_a_did_key_credential_signed_here(verify_en: Page, example_site: Path) -> None:
    page = verify_en
    document, _, _ = signed(example_site)
    submit_text(page, json.dumps(document, indent=2, ensure_ascii=False))
    assert wait_for_verdict(page) == "verified"
    found = {c["id"]: c for c in checks(page)}
    assert "contained in the identifier itself" in found["issuer-key"]["text"]
    assert found["revocation"]["outcome"] == "warning", (
        "no status list: nothing can revoke it, said so"
    )
    expect(page.locator("#origin-note")).to_be_hidden()
    # The issuer's own URL claim is not its verified web address.
    expect(page.locator("#issuer-domain")).to_have_text(
        "no web address (the key is contained in the identifier itself)"
    )
    content = page.locator("#credential-content")
    expect(content).to_contain_text("Another Academy")
    expect(content).to_contain_text(document["issuer"]["id"])
    assert "harvard.edu" not in (page.locator("#verification").text_content() or "")
    axe_clean(page)


def test_a_changed_did_key_credential_is_invalid_and_not_shown(
    verify_en: Page, example_site: Path
) -> None:
    page = verify_en
    document, _, _ = signed(example_site)
    document["credentialSubject"]["identifier"][0]["identityHash"] = "Mallory Forger"
    submit_text(page, json.dumps(document))
    assert wait_for_verdict(page) == "invalid"
    assert {c["id"]: c["outcome"] for c in checks(page)}["signature"] == "failed"
    content = page.locator("#credential-content")
    expect(content).to_have_attribute("data-trust", "untrusted")
    expect(content).not_to_contain_text("Mallory")
    expect(page.locator(".issuer-domain")).to_be_hidden()
    expect(page.locator("#checks-details")).to_have_attribute("open", "")
    axe_clean(page)


def test_another_did_web_issuer_is_read_over_https(verify_en: Page, example_site: Path) -> None:
    page = verify_en
    did = "did:web:badges.other-school.example"
    document, key, method = signed(example_site, issuer_id=did)
    did_document = did_document_for(did, key, method)
    served: list[str] = []

    def issuer_server(route: Route) -> None:
        served.append(route.request.url)
        route.fulfill(
            status=200,
            content_type="application/json",
            headers={"Access-Control-Allow-Origin": "*"},
            body=json.dumps(did_document),
        )

    page.route("https://badges.other-school.example/**", issuer_server)
    submit_text(page, json.dumps(document))
    assert wait_for_verdict(page) == "verified"
    assert served == ["https://badges.other-school.example/.well-known/did.json"]
    expect(page.locator("#issuer-domain")).to_have_text("badges.other-school.example")
    expect(page.locator("#origin-note")).to_be_hidden()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "hello",
            "This file is not a credential: expected JSON, a JWT or SD-JWT, or a PNG or SVG badge image.",
        ),
        ("[1, 2]", "This JSON is not a credential (a credential is a JSON object)."),
        ('{"a": ', "This is not valid JSON"),
        (
            '{"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}',
            "This is an Open Badges 2.0 badge.",
        ),
        ("", "Choose or drop a file, or paste a micro-credential's text."),
    ],
)
def test_pasted_garbage_gets_a_clear_message(verify_en: Page, given: str, message: str) -> None:
    page = verify_en
    submit_text(page, given)
    assert input_error(page).startswith(message)
    expect(page.locator("#verification")).to_be_hidden()
    expect(page.locator("#verify-form")).to_be_visible()
    expect(page.locator("#verify-text")).to_have_attribute("aria-describedby", "verify-input-error")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("jpeg", "Dit bestand is geen credential"),
        ("plain-png", "Deze PNG-afbeelding bevat geen Open Badges 3.0-credential"),
        ("plain-svg", "Deze SVG-afbeelding bevat geen Open Badges 3.0-credential"),
    ],
)
def test_files_that_are_not_credentials_get_a_dutch_message(
    page: Page, example_url: str, example_site: Path, tmp_path: Path, kind: str, message: str
) -> None:
    badge = example_site / "nl" / "modules" / GRADED_MODULE
    data = {
        "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),
        "plain-png": (badge / "badge.png").read_bytes(),
        "plain-svg": (badge / "badge.svg").read_bytes(),
    }[kind]
    path = tmp_path / f"file.{kind}"
    path.write_bytes(data)
    page.goto(example_url + "nl/verify/")
    page.set_input_files("#verify-file", str(path))
    assert input_error(page).startswith(message)
    expect(page.locator("#verification")).to_be_hidden()
    axe_clean(page)


def test_keyboard_only(page: Page, example_url: str, example_site: Path) -> None:
    page.goto(example_url + "en/verify/")
    text = (
        example_site / "c" / example_token(example_site, "verified") / "credential.json"
    ).read_text(encoding="utf-8")

    def tab_to(selector: str) -> None:
        for _ in range(40):
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"{selector} not reachable with Tab")

    tab_to("#verify-file")  # the file chooser (its label is the visible button)
    outline = page.eval_on_selector(
        "label[for=verify-file]", "el => getComputedStyle(el).outlineStyle"
    )
    assert outline != "none", "the focused file chooser shows a focus ring on its button"
    tab_to("#verify-text")
    page.keyboard.insert_text(text)
    tab_to("#verify-form button[type=submit]")
    page.keyboard.press("Enter")
    assert wait_for_verdict(page) == "verified"
    expect(page.locator("#verdict-title")).to_be_focused()
    tab_to("#checks-details > summary")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.getElementById('checks-details').open")
    tab_to("#verify-again")
    page.keyboard.press("Enter")
    expect(page.locator("#verify-form")).to_be_visible()
    expect(page.locator("#verify-file")).to_be_focused()
    expect(page.locator("#verify-text")).to_have_value("")
    axe_clean(page)


@pytest.mark.slow
def test_xss_payloads_in_pasted_credentials_never_run(
    guarded: Guarded, serve_dir, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site, issued = xss_site(tmp_path_factory)
    url = serve_dir(site)
    page = guarded.page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "en/verify/")
    shown = 0
    for token in tokens(site):
        doc = credential_of(site, token)
        name = doc["credentialSubject"]["identifier"][0]["identityHash"]
        if name not in issued:
            continue  # an example credential
        submit_text(page, (site / "c" / token / "credential.json").read_text(encoding="utf-8"))
        assert wait_for_verdict(page) in AUTHENTIC
        no_xss(page, dialogs)
        expect(page.locator("#credential-content .recipient strong")).to_have_text(name)
        shown += 1
        page.click("#verify-again")
    assert shown == len(issued)
    assert guarded.blocked == []
    assert guarded.errors == []
