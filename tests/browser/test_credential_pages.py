"""Credential pages (/c/<id>/) in real Chromium: the verdict, the trust marking, the content
rendered from the verified credential, the origin note, the language switch, baked downloads,
the printed certificate, keyboard use, axe, and XSS payloads issued into credentials.

The example site is built once per session (``example_site``); pages in other states are made by
copying the built site and breaking it (a tampered credential, a missing status list, a missing
DID document) or by moving the browser's clock. Every page runs with all non-loopback requests
blocked and recorded (``guarded``), so passing also means the page needs nothing from elsewhere.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from credsite.catalogue.labels import LABELS
from credsite.standards.baking import extract_credential
from credsite.standards.fetch import site_fetcher
from credsite.standards.verification import verify_credential

from ..conftest import REPO, copy_example
from .conftest import Guarded, axe_violations

pytestmark = pytest.mark.browser

BASE_URL = "https://microcredentials.hogeschool-voorbeeld.nl/"
ISSUER_HOST = "microcredentials.hogeschool-voorbeeld.nl"
STATES = {
    "verified",
    "revoked",
    "suspended",
    "expired",
    "not-yet-valid",
    "invalid",
    "status-unknown",
    "error",
}
AUTHENTIC = STATES - {"invalid", "error"}
FINAL = (
    "() => !['checking', 'idle'].includes(document.getElementById('verification')?.dataset.state)"
)
FIELDS_JS = """() => [...document.querySelectorAll('[data-field]')].map(el => [
    el.dataset.field,
    el.dataset.kind === 'list' ? [...el.children].map(li => li.textContent) : el.textContent,
])"""
CHECKS_JS = """() => [...document.querySelectorAll('#checks > li')].map(li => ({
    id: li.dataset.check,
    outcome: li.dataset.outcome,
    word: li.querySelector('.check-outcome').textContent,
    text: li.textContent,
}))"""
OUTCOME_WORDS = {
    "nl": {
        "passed": "Geslaagd",
        "failed": "Mislukt",
        "not-checked": "Niet gecontroleerd",
        "warning": "Let op",
    },
    "en": {"passed": "Passed", "failed": "Failed", "not-checked": "Not checked", "warning": "Note"},
}


# -- helpers shared with test_verify_page.py ------------------------------------------------


def wait_for_verdict(page: Page, timeout: float = 30000) -> str:
    """Wait until #verification leaves 'checking' (and 'idle'); return the state."""
    page.wait_for_function(FINAL, timeout=timeout)
    return page.get_attribute("#verification", "data-state") or ""


def open_page(page: Page, url: str) -> str:
    page.goto(url)
    return wait_for_verdict(page)


def checks(page: Page) -> list[dict[str, str]]:
    return page.evaluate(CHECKS_JS)


def assert_checks_in_words(page: Page, lang: str) -> None:
    """Every check shows its outcome as a word; nothing not checked is shown as passed."""
    found = checks(page)
    assert found, "no checks listed"
    for check in found:
        assert check["outcome"] in OUTCOME_WORDS[lang], check
        assert check["word"] == OUTCOME_WORDS[lang][check["outcome"]], check
    not_checked = [c for c in found if c["outcome"] == "not-checked"]
    assert all(OUTCOME_WORDS[lang]["passed"] not in c["word"] for c in not_checked)


def python_state(site_dir: Path, document: Any, now: datetime | None = None) -> str:
    """The verdict of credsite's Python verifier, reading the site's files as the network."""
    report = verify_credential(document, site_fetcher(site_dir, BASE_URL), now or datetime.now(UTC))
    return report.state


def tokens(site_dir: Path) -> list[str]:
    return sorted(p.name for p in (site_dir / "c").iterdir() if (p / "index.html").is_file())


def credential_of(site_dir: Path, token: str) -> dict[str, Any]:
    return json.loads((site_dir / "c" / token / "credential.json").read_text(encoding="utf-8"))


def axe_clean(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


def no_xss(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert dialogs == []


_XSS_SITES: dict[str, Any] = {}


def xss_site(factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the example whose clinical-reasoning module has credentials issued to every XSS
    payload (in the name, the grade and the narrative), built; made once per session. Returns
    the built site and the payloads."""
    if "site" in _XSS_SITES:
        return _XSS_SITES["site"], _XSS_SITES["payloads"]
    work = factory.mktemp("xss")
    root = copy_example(work / "src")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CREDSITE_SIGNING_KEY", "SOURCE_DATE_EPOCH")
    }
    env |= {"XDG_CONFIG_HOME": str(work / "config"), "HOME": str(work / "home")}
    payloads = [
        line
        for line in (REPO / "tests/corpus/xss-payloads.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip() and not line.startswith("#")
    ]
    results = work / "results.csv"
    with results.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "email", "grade", "narrative"])
        for i, payload in enumerate(payloads):
            grade = payloads[(i + 1) % len(payloads)]
            if len(grade) > 50:  # the issuer refuses longer grades
                grade = "<img src=x onerror=window.__xss=1>"
            narrative = payloads[(i + 2) % len(payloads)]
            writer.writerow([payload, f"learner{i}@example.org", grade, narrative])

    def run(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, str(REPO / "build.py"), "--root", str(root), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr

    run("keygen")
    run(
        "issue",
        "--module",
        "clinical-reasoning-complex-care",
        "--csv",
        str(results),
        "--mail-merge",
        str(work / "mail-merge.csv"),
        "--jobs",
        "2",
    )
    run("build", "--out", str(work / "site"))
    _XSS_SITES["site"], _XSS_SITES["payloads"] = work / "site", payloads
    return work / "site", payloads


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def broken_page(guarded: Guarded) -> Iterator[Page]:
    """A page on a site with files missing: the browser's own console line for a failed fetch
    ("Failed to load resource") is expected; any other console error or page error is not."""
    page = guarded.page()
    yield page
    unexpected = [e for e in guarded.errors if not e.startswith("Failed to load resource")]
    assert unexpected == [], f"errors in the page: {unexpected}"
    guarded.errors.clear()


@pytest.fixture(scope="module")
def expected(example_site: Path) -> dict[str, str]:
    """token -> the state credsite's Python verifier gives the example credential today."""
    return {
        t: python_state(example_site, credential_of(example_site, t)) for t in tokens(example_site)
    }


def token_in(expected: dict[str, str], state: str, nth: int = 0, lang: str | None = "nl") -> str:
    """The nth example credential in ``state`` (Dutch by default: the tests read Dutch texts;
    tokens are random, so their order says nothing about language)."""

    def language(token: str) -> str:
        document = json.loads(
            (REPO / "content" / "credentials" / f"{token}.json").read_text(encoding="utf-8")
        )
        return document["credentialSubject"]["achievement"]["inLanguage"]

    found = [t for t, s in expected.items() if s == state and (lang is None or language(t) == lang)]
    assert len(found) > nth, f"the example has no {state!r} credential number {nth + 1}"
    return found[nth]


@pytest.fixture(scope="module")
def broken_sites(
    example_site: Path, expected: dict[str, str], serve_dir, tmp_path_factory
) -> dict[str, Any]:
    """Two copies of the built example, served:

    - ``tampered``: one credential's embedded JSON changed (the recipient's name), another page's
      static HTML changed but its credential intact, and the revocation list removed;
    - ``no-did``: the DID document removed.
    """
    work = tmp_path_factory.mktemp("broken")
    tampered = work / "tampered"
    shutil.copytree(example_site, tampered)
    forged, restyled = token_in(expected, "verified", 0), token_in(expected, "verified", 1)

    page = tampered / "c" / forged / "index.html"
    text = page.read_text(encoding="utf-8")
    start, end = text.index('<pre id="credential-json"'), text.index("</pre>")
    name = credential_of(example_site, forged)["credentialSubject"]["identifier"][0]["identityHash"]
    embedded = text[start:end]
    assert html.escape(name, quote=True) in embedded or name in embedded
    page.write_text(
        text[:start] + embedded.replace(name, "Mallory Forger") + text[end:], encoding="utf-8"
    )

    page = tampered / "c" / restyled / "index.html"
    text = page.read_text(encoding="utf-8")
    doc = credential_of(example_site, restyled)
    title = doc["name"]
    head, pre, tail = text.partition('<pre id="credential-json"')
    head = head.replace(
        f'<span data-field="name">{html.escape(title)}</span>',
        '<span data-field="name">Static Impostor</span>',
    )
    assert "Static Impostor" in head
    page.write_text(head + pre + tail, encoding="utf-8")
    (tampered / "status" / "revocation-1.json").unlink()

    no_did = work / "no-did"
    shutil.copytree(example_site, no_did)
    (no_did / ".well-known" / "did.json").unlink()
    return {
        "tampered": serve_dir(tampered),
        "no-did": serve_dir(no_did),
        "forged": forged,
        "forged-name": name,
        "restyled": restyled,
        "restyled-title": title,
    }


# -- the verdict on every example page --------------------------------------------------------


@pytest.mark.slow
def test_every_example_page_reaches_the_verdict_python_gives(
    page: Page, example_site: Path, example_url: str, expected: dict[str, str]
) -> None:
    seen: dict[str, str] = {}
    timings: list[float] = []
    for token in tokens(example_site):
        state = open_page(page, f"{example_url}c/{token}/")
        seen[token] = state
        timings.append(
            page.evaluate("() => performance.getEntriesByName('credsite:verdict')[0].startTime")
        )
        trust = page.get_attribute("#credential-content", "data-trust")
        assert trust == ("verified" if state in AUTHENTIC else "untrusted"), token
        lang = page.evaluate("() => document.documentElement.lang")
        assert_checks_in_words(page, lang)
        expect(page.locator("#checks-details")).to_be_visible()
    assert seen == expected
    assert {"verified", "revoked", "suspended", "expired"} <= set(seen.values())
    # The unpublished credential has no page.
    assert len(seen) == len(list((REPO / "content/credentials").glob("*.json"))) - 1
    print(
        f"\nnavigation to verdict, median over {len(timings)} pages: {statistics.median(timings):.0f} ms"
    )


@pytest.mark.parametrize("state", ["verified", "revoked", "suspended", "expired"])
def test_example_states_are_shown_in_words_and_pass_axe(
    page: Page, example_url: str, expected: dict[str, str], state: str
) -> None:
    token = token_in(expected, state, lang=None)  # the page reads its own language below
    assert open_page(page, f"{example_url}c/{token}/") == state
    lang = page.evaluate("() => document.documentElement.lang")
    title = {
        "verified": ("Geverifieerd", "Verified"),
        "revoked": ("Ingetrokken", "Revoked"),
        "suspended": ("Geschorst", "Suspended"),
        "expired": ("Verlopen", "Expired"),
    }[state]
    expect(page.locator("#verdict-title")).to_have_text(title[0] if lang == "nl" else title[1])
    expect(page.locator("#verdict-summary")).not_to_be_empty()
    expect(page.locator(".verdict")).to_have_attribute("role", "status")
    expect(page.locator("#credential-content")).to_have_attribute("data-trust", "verified")
    expect(page.locator("#trust-note")).to_have_text(LABELS[lang]["verified_note"])
    outcomes = {c["id"]: c["outcome"] for c in checks(page)}
    assert outcomes["signature"] == "passed"
    if state == "revoked":
        assert outcomes["revocation"] == "failed"
    if state == "suspended":
        assert outcomes["suspension"] == "failed"
    if state == "expired":
        assert outcomes["valid-until"] == "failed"
    # The page does not move focus while it checks.
    assert page.evaluate("() => document.activeElement === document.body")
    axe_clean(page)


def test_a_tampered_credential_is_invalid_and_its_content_flagged(
    broken_page: Page, broken_sites: dict[str, Any]
) -> None:
    # The page fetches this site's own status lists while it checks (one was removed here).
    page = broken_page
    url = f"{broken_sites['tampered']}c/{broken_sites['forged']}/"
    assert open_page(page, url) == "invalid"
    lang = page.evaluate("() => document.documentElement.lang")
    outcomes = {c["id"]: c["outcome"] for c in checks(page)}
    assert outcomes["signature"] == "failed"
    assert outcomes["revocation"] == "not-checked", "no status list is consulted for a forgery"
    expect(page.locator("#credential-content")).to_have_attribute("data-trust", "untrusted")
    expect(page.locator("#trust-note")).to_have_text(LABELS[lang]["untrusted_note"])
    # The static text stays as it was (not rendered from the forged data), visibly struck through.
    recipient = page.locator('#credential-content [data-field="recipient"]')
    expect(recipient).to_have_text(broken_sites["forged-name"])
    assert "line-through" in page.eval_on_selector(
        '#credential-content [data-field="recipient"]',
        "el => getComputedStyle(el.closest('#credential-content > *')).textDecorationLine",
    )
    expect(page.locator("#checks-details")).to_have_attribute("open", "")
    axe_clean(page)


def test_what_the_page_shows_comes_from_the_signed_credential(
    broken_page: Page, broken_sites: dict[str, Any]
) -> None:
    """Static HTML changed, credential intact: the verified page shows the signed title."""
    page = broken_page
    url = f"{broken_sites['tampered']}c/{broken_sites['restyled']}/"
    state = open_page(page, url)
    assert state == "status-unknown", "the revocation list was removed"
    expect(page.locator("#credential-title")).to_have_text(broken_sites["restyled-title"])
    expect(page.locator(".certificate-title")).to_have_text(broken_sites["restyled-title"])
    outcomes = {c["id"]: c["outcome"] for c in checks(page)}
    assert outcomes["revocation"] == "not-checked"
    assert outcomes["suspension"] == "passed"
    expect(page.locator("#credential-content")).to_have_attribute("data-trust", "verified")
    axe_clean(page)


def test_without_the_did_document_the_page_could_not_check(
    broken_page: Page, broken_sites: dict[str, Any], expected: dict[str, str]
) -> None:
    page = broken_page
    url = f"{broken_sites['no-did']}c/{token_in(expected, 'verified')}/"
    assert open_page(page, url) == "error"
    found = {c["id"]: c for c in checks(page)}
    assert found["issuer-key"]["outcome"] == "not-checked"
    assert re.search(r"kon niet worden opgehaald|Could not fetch", found["issuer-key"]["text"])
    assert found["signature"]["outcome"] == "not-checked"
    assert found["revocation"]["outcome"] == "not-checked"
    expect(page.locator("#credential-content")).to_have_attribute("data-trust", "untrusted")
    lang = page.evaluate("() => document.documentElement.lang")
    assert_checks_in_words(page, lang)
    axe_clean(page)


def test_before_its_start_date_a_credential_is_not_yet_valid(
    page: Page, example_url: str, example_site: Path, expected: dict[str, str]
) -> None:
    token = token_in(expected, "verified")
    valid_from = datetime.fromisoformat(credential_of(example_site, token)["validFrom"])
    page.clock.install(time=valid_from - timedelta(days=30))
    assert open_page(page, f"{example_url}c/{token}/") == "not-yet-valid"
    outcomes = {c["id"]: c["outcome"] for c in checks(page)}
    assert outcomes["valid-from"] == "failed"
    expect(page.locator("#credential-content")).to_have_attribute("data-trust", "verified")
    axe_clean(page)


# -- network, origin, content -----------------------------------------------------------------


def test_the_page_reads_only_its_own_site(
    guarded: Guarded, example_url: str, expected: dict[str, str]
) -> None:
    page = guarded.page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    assert open_page(page, f"{example_url}c/{token_in(expected, 'verified')}/") == "verified"
    assert guarded.blocked == [] and guarded.errors == []
    assert all(url.startswith(example_url) for url in requested), requested
    json_files = sorted(u.removeprefix(example_url) for u in requested if u.endswith(".json"))
    assert json_files == [
        ".well-known/did.json",
        "status/revocation-1.json",
        "status/suspension-1.json",
    ]


def test_off_the_issuers_origin_the_page_says_so(
    page: Page, example_url: str, expected: dict[str, str]
) -> None:
    token = token_in(expected, "verified")
    open_page(page, f"{example_url}c/{token}/")
    note = page.locator("#origin-note")
    expect(note).to_be_visible()
    here = example_url.removeprefix("http://").rstrip("/")
    lang = page.evaluate("() => document.documentElement.lang")
    expect(note).to_contain_text(ISSUER_HOST)
    expect(note).to_contain_text(here)
    expect(note).to_contain_text(
        "niet op het eigen adres van de uitgever"
        if lang == "nl"
        else "not served from the issuer's own address"
    )
    expect(note.locator("a")).to_have_attribute("href", f"{BASE_URL}c/{token}/")
    expect(page.locator('#verification [data-field="issuer-domain"]')).to_have_text(ISSUER_HOST)
    key_check = next(c for c in checks(page) if c["id"] == "issuer-key")
    assert f"{example_url}.well-known/did.json" in key_check["text"], "names where the key was read"


@pytest.mark.parametrize("kind", ["verified", "expired", "graded"])
def test_static_content_equals_what_the_script_renders(
    browser: Browser,
    page: Page,
    example_url: str,
    example_site: Path,
    expected: dict[str, str],
    kind: str,
) -> None:
    if kind == "graded":
        token = next(
            t
            for t, s in expected.items()
            if s == "verified" and credential_of(example_site, t)["credentialSubject"].get("result")
        )
    else:
        token = token_in(expected, kind)
    url = f"{example_url}c/{token}/"
    context = browser.new_context(java_script_enabled=False)
    try:
        static_page = context.new_page()
        static_page.goto(url)
        static = static_page.evaluate(FIELDS_JS)
        assert static_page.get_attribute("#verification", "data-state") == "checking"
        assert static_page.get_attribute("#credential-content", "data-trust") == "unverified"
    finally:
        context.close()
    open_page(page, url)
    expect(page.locator("#credential-content")).to_have_attribute("data-trust", "verified")
    rendered = page.evaluate(FIELDS_JS)
    assert rendered == static
    assert any(name == "outcomes" and items for name, items in rendered)


def test_the_language_switch_changes_the_interface_not_the_credential(
    page: Page, example_url: str, example_site: Path, expected: dict[str, str]
) -> None:
    token = next(
        t
        for t, s in expected.items()
        if s == "verified"
        and credential_of(example_site, t)["credentialSubject"]["achievement"].get("inLanguage")
        == "nl"
    )
    doc = credential_of(example_site, token)
    open_page(page, f"{example_url}c/{token}/")
    assert page.evaluate("() => document.documentElement.lang") == "nl"
    expect(page.locator("#verdict-title")).to_have_text("Geverifieerd")
    switch = page.locator("#language-switch")
    expect(switch).to_have_text("English")
    switch.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")  # once its texts are loaded
    expect(page.locator("#verdict-title")).to_have_text("Verified")
    expect(page.locator("#verdict-summary")).to_contain_text("authentic")
    expect(page.locator('[data-label="awarded_to"]')).to_have_text("Awarded to")
    expect(page.locator("#trust-note")).to_have_text(LABELS["en"]["verified_note"])
    expect(page.locator('[data-label="takedown"]')).to_contain_text(
        "Want this public page taken down?"
    )
    assert_checks_in_words(page, "en")
    expect(page.locator("#origin-note")).to_contain_text("not served from the issuer's own address")
    # The credential's own values stay as signed, marked as Dutch; dates follow the interface.
    title = page.locator('#credential-content [data-field="name"]')
    expect(title).to_have_text(doc["name"])
    expect(title).to_have_attribute("lang", "nl")
    day = datetime.fromisoformat(doc["validFrom"]).astimezone(UTC)
    expect(page.locator('#credential-content [data-field="valid-from"]')).to_have_text(
        f"{day.day} {day.strftime('%B')} {day.year}"
    )
    expect(switch).to_have_text("Nederlands")
    expect(switch).to_have_attribute("lang", "nl")
    switch.click()
    assert page.evaluate("() => document.documentElement.lang") == "nl"
    expect(page.locator("#verdict-title")).to_have_text("Geverifieerd")
    expect(page.locator('[data-label="awarded_to"]')).to_have_text("Toegekend aan")
    assert page.eval_on_selector('#credential-content [data-field="name"]', "el => el.lang") == ""


SCRIPTS_BEFORE_VERDICT = """() => {
  const verdict = performance.getEntriesByName('credsite:verdict')[0].startTime;
  return performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname.endsWith('.js') && e.startTime <= verdict)
    .map((e) => e.name);
}"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_preloads_exactly_what_its_script_imports_before_the_verdict(
    page: Page, example_url: str, expected: dict[str, str], lang: str
) -> None:
    """The page lists in <link rel="modulepreload"> the chunks its language's script imports
    before it runs (browser/build.mjs writes the list), so the browser fetches them at once; a
    verified credential's page loads, before its verdict, those, its script and the theme's
    site.js, and nothing else (the QR code and the other language come after it)."""
    open_page(page, f"{example_url}c/{token_in(expected, 'verified', lang=lang)}/")
    preloaded = page.eval_on_selector_all(
        'link[rel="modulepreload"]', "links => links.map((l) => l.href)"
    )
    script = page.eval_on_selector('script[src*="credential-page"]', "s => s.src")
    assert re.search(rf"/assets/credential-page-{lang}\.[0-9a-f]+\.js$", script), script
    assert preloaded and all("/assets/chunks/" in href for href in preloaded), preloaded
    loaded = set(page.evaluate(SCRIPTS_BEFORE_VERDICT))
    theme = {url for url in loaded if re.search(r"/assets/site\.[0-9a-f]+\.js$", url)}
    assert loaded - theme == {script, *preloaded}


# -- downloads and print ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_downloads_are_badges_with_the_credential_baked_in(
    page: Page, example_url: str, example_site: Path, expected: dict[str, str], kind: str
) -> None:
    token = token_in(expected, "verified")
    open_page(page, f"{example_url}c/{token}/")
    link = page.locator(f"#download-{kind}")
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"{token}.{kind}"
    data = Path(download.path()).read_bytes()
    badge = (example_site / "c" / token / link.get_attribute("href")).resolve().read_bytes()
    if kind == "png":
        assert data.startswith(b"\x89PNG") and data[33 + 4 : 33 + 8] == b"iTXt"
    else:
        assert data.lstrip().startswith(b"<") and b"<openbadges:credential><![CDATA[" in data
        assert len(data) > len(badge)
    credential = extract_credential(data, f"{token}.{kind}")
    assert credential == credential_of(example_site, token)
    assert python_state(example_site, credential) == "verified"
    raw = (example_site / "c" / token / "credential.json").read_bytes()
    assert raw.decode("utf-8") in data.decode("utf-8", errors="replace"), "baked byte for byte"


def test_the_print_view_is_the_certificate_with_its_qr_code_on_one_a4_page(
    page: Page, example_url: str, expected: dict[str, str]
) -> None:
    token = token_in(expected, "verified")
    open_page(page, f"{example_url}c/{token}/")
    expect(page.locator(".certificate")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(".certificate")).to_be_visible()
    expect(page.locator(".certificate-qr svg")).to_be_visible()
    box = page.locator(".certificate-qr svg").bounding_box()
    assert box and box["width"] > 100 and abs(box["width"] - box["height"]) < 1
    expect(page.locator(".certificate-url")).to_have_text(f"{BASE_URL}c/{token}/")
    expect(page.locator("#certificate-verdict")).to_contain_text("Geverifieerd")
    for hidden in (
        "#verification",
        "#credential-content",
        ".downloads",
        ".site-header",
        ".site-footer",
    ):
        expect(page.locator(hidden)).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    assert len(pages) == 1, f"{len(pages)} pages"
    boxes = {
        tuple(round(float(v)) for v in m.split())
        for m in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)
    }
    assert boxes == {(0, 0, 595, 842)}, boxes  # A4 in points
    page.emulate_media(media="screen")


def test_keyboard_only(page: Page, example_url: str, expected: dict[str, str]) -> None:
    page.add_init_script(
        "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"
    )
    open_page(page, f"{example_url}c/{token_in(expected, 'verified')}/")
    expect(page.locator("#print-button")).to_be_visible()  # the actions follow the verdict
    reached: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("() => document.activeElement.id || document.activeElement.tagName")
        )
    for wanted in ("language-switch", "download-png", "download-svg", "print-button"):
        assert wanted in reached, reached

    def tab_to(element_id: str) -> None:
        for _ in range(60):
            if page.evaluate("() => document.activeElement.id") == element_id:
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"#{element_id} not reachable with Tab")

    page.locator("body").focus()
    page.evaluate("() => document.activeElement.blur()")
    tab_to("language-switch")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # once its texts are loaded
    assert page.evaluate("() => document.activeElement.id") == "language-switch", "focus stays"
    tab_to("print-button")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.__printed") == 1
    # The checks open and close from the keyboard.
    page.focus("#checks-details > summary")
    was_open = page.evaluate("() => document.getElementById('checks-details').open")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.getElementById('checks-details').open") != was_open


# -- XSS ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_xss_payloads_in_issued_credentials_never_run(
    guarded: Guarded, serve_dir, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site, issued = xss_site(tmp_path_factory)
    payloads = set(issued)
    url = serve_dir(site)
    page = guarded.page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    names = set()
    for token in tokens(site):
        doc = credential_of(site, token)
        subject = doc["credentialSubject"]
        name = subject["identifier"][0]["identityHash"]
        if name not in payloads:
            continue  # an example credential
        names.add(name)
        assert open_page(page, f"{url}c/{token}/") in AUTHENTIC, token
        no_xss(page, dialogs)
        # Rendered as text from the verified credential, character for character.
        content = page.locator("#credential-content")
        expect(content.locator('[data-field="recipient"]')).to_have_text(name)
        expect(content.locator('[data-field="grade"]')).to_have_text(subject["result"][0]["value"])
        expect(content.locator('[data-field="narrative"]')).to_have_text(subject["narrative"])
        page.click("#language-switch")
        no_xss(page, dialogs)
    assert names == payloads, "every payload was issued and opened"
    assert guarded.blocked == [], "no payload made the browser request anything"
