"""Private mode (issue 18) in real Chromium: the example site built with ``private``, opened by the
links learners get, ``/c/#<id>``.

Each private link must reach the page and the verdict the public site shows for the same
credential; no request the browser makes (its address, query or headers, the referrer included)
may carry an id or a learner's name; an altered ciphertext says *invalid*, a wrong or cut link
says the link is not complete or not valid, and old links of the public form move their id into
the fragment. Served as by a host with rewrites (``_redirects``) and by one without (404 page).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from credsite.build.builder import BuildOptions, build
from credsite.build.pack import lookup_id, pack_digits
from credsite.standards.baking import extract_credential

from ..conftest import REPO
from ..static_host import router_host
from .conftest import Guarded
from .test_credential_pages import (
    credential_of,
    open_page,
    python_state,
    tokens,
    wait_for_verdict,
)
from .test_packed_pages import page_facts

pytestmark = pytest.mark.browser
PACK_STATE = "() => document.getElementById('credential-pack')?.dataset.state || null"


@pytest.fixture(scope="module")
def private_site(tmp_path_factory: pytest.TempPathFactory, example_source: Path) -> Path:
    out = tmp_path_factory.mktemp("private") / "site"
    build(BuildOptions(root=example_source, out_dir=out, private=True, jobs=1))
    return out


@pytest.fixture(scope="module")
def hosts(private_site: Path) -> Iterator[dict[str, str]]:
    with router_host(private_site, True) as rewrite, router_host(private_site, False) as fallback:
        yield {"rewrite": rewrite, "fallback": fallback}


@pytest.fixture
def logged(guarded: Guarded) -> Iterator[tuple[Page, list[Request]]]:
    """A page and every request it makes; page errors other than a 404's log line fail."""
    page = guarded.page()
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    yield page, requests
    unexpected = [e for e in guarded.errors if not e.startswith("Failed to load resource")]
    assert unexpected == [], f"errors in the page: {unexpected}"


def _secrets(example_site: Path) -> set[str]:
    """Every id and learner name of the example credentials (those with a page and not)."""
    found: set[str] = set()
    for path in (REPO / "content/credentials").glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        found.add(path.stem)
        for identifier in document["credentialSubject"].get("identifier", []):
            found.add(str(identifier.get("identityHash")))
    return found


def _leaks(requests: list[Request], secrets: set[str]) -> list[str]:
    """Requests whose address or headers carry a secret (any case, percent-encoded or not)."""
    from urllib.parse import quote

    leaks = []
    for request in requests:
        seen = " ".join([request.url, *(f"{k}: {v}" for k, v in request.all_headers().items())])
        for secret in secrets:
            if secret.lower() in seen.lower() or quote(secret).lower() in seen.lower():
                leaks.append(f"{request.url}: {secret}")
    return leaks


def _router_says(page: Page, url: str) -> tuple[str, str]:
    """Open ``url`` where the router shows no page: its state and its text."""
    page.goto(url)
    page.wait_for_function(f"() => ({PACK_STATE})() !== null")
    assert page.locator("#verification").count() == 0
    return page.evaluate(PACK_STATE), page.text_content("#credential-pack") or ""


def open_private(page: Page, url: str) -> str:
    page.goto(url)
    page.wait_for_selector("#verification", state="attached")
    return wait_for_verdict(page)


@pytest.mark.slow
def test_every_private_link_reaches_the_public_pages_verdict_and_leaks_nothing(
    logged: tuple[Page, list[Request]],
    hosts: dict[str, str],
    example_site: Path,
    example_url: str,
) -> None:
    page, requests = logged
    states = {}
    for token in tokens(example_site):
        open_page(page, f"{example_url}c/{token}/")
        expected = page_facts(page)
        requests.clear()
        states[token] = open_private(page, f"{hosts['fallback']}c/#{token}")
        assert page_facts(page) == expected, token
        assert urlsplit(page.url).fragment == token
        assert _leaks(requests, _secrets(example_site)) == [], token
        assert all("referer" not in r.all_headers() for r in requests), token
        fetched = [urlsplit(r.url).path for r in requests]
        digits = pack_digits(len(tokens(example_site)))
        assert f"/c/packs/{lookup_id(token)[:digits]}.json" in fetched
    assert {"verified", "revoked", "suspended", "expired"} <= set(states.values())


def test_the_private_page_downloads_its_credential_and_offers_no_address(
    logged: tuple[Page, list[Request]], hosts: dict[str, str], example_site: Path
) -> None:
    page, _ = logged
    token = next(
        t
        for t in tokens(example_site)
        if python_state(example_site, credential_of(example_site, t)) == "verified"
    )
    assert open_private(page, f"{hosts['rewrite']}c/#{token}") == "verified"
    expect(page.locator("#wallet-link, .wallet-qr, .second-opinion")).to_have_count(0)
    qr = page.get_attribute(".certificate-qr", "data-url")
    assert qr is not None and qr.endswith(f"/c/#{token}")  # the printed QR code is private too
    with page.expect_download() as download:
        page.click("#download-json")
    signed = (REPO / f"content/credentials/{token}.json").read_text(encoding="utf-8")
    assert Path(download.value.path()).read_text(encoding="utf-8") == signed
    # The badge is baked in the browser, from the decrypted credential.
    with page.expect_download() as baked:
        page.click("#download-png")
    assert baked.value.suggested_filename == f"{token}.png"
    data = Path(baked.value.path()).read_bytes()
    assert extract_credential(data, f"{token}.png") == json.loads(signed)


@pytest.mark.parametrize("host", ["rewrite", "fallback"])
def test_an_old_public_link_moves_its_id_into_the_fragment(
    logged: tuple[Page, list[Request]], host: str, hosts: dict[str, str], example_site: Path
) -> None:
    page, requests = logged
    token = tokens(example_site)[0]
    open_private(page, f"{hosts[host]}c/{token}/")
    where = urlsplit(page.url)
    assert (where.path, where.query, where.fragment) == ("/c/", "", token)
    # Only the old link's own request (and, without rewrites, its 404) carried the id.
    carrying = [r.url for r in requests if token in r.url]
    assert carrying and all(urlsplit(u).path == f"/c/{token}/" for u in carrying)


@pytest.mark.parametrize(
    "link",
    ["c/#{cut}", "c/#{other}", "c/#", "c/", "c/#main"],
    ids=["cut short", "one letter wrong", "empty fragment", "no fragment", "not an id"],
)
def test_a_link_that_is_not_whole_says_so_honestly(
    logged: tuple[Page, list[Request]], link: str, hosts: dict[str, str], example_site: Path
) -> None:
    page, _ = logged
    token = tokens(example_site)[0]
    other = token[:-1] + ("a" if token[-1] != "a" else "b")
    status = _router_says(page, hosts["rewrite"] + link.format(cut=token[:20], other=other))
    assert status[0] == "not-found"
    assert "niet compleet" in status[1] or "not complete" in status[1], status


def test_an_altered_ciphertext_is_invalid_not_a_crash(
    logged: tuple[Page, list[Request]], private_site: Path, example_site: Path, tmp_path: Path
) -> None:
    page, _ = logged
    token = tokens(example_site)[0]
    altered = tmp_path / "site"
    shutil.copytree(private_site, altered)
    digits = pack_digits(len(tokens(example_site)))
    pack_path = altered / "c/packs" / f"{lookup_id(token)[:digits]}.json"
    pack = json.loads(pack_path.read_text())
    sealed = pack["pages"][lookup_id(token)]
    middle = len(sealed) // 2
    flipped = "A" if sealed[middle] != "A" else "B"
    pack["pages"][lookup_id(token)] = sealed[:middle] + flipped + sealed[middle + 1 :]
    pack_path.write_text(json.dumps(pack))
    with router_host(altered, rewrite=False) as address:
        state, text = _router_says(page, f"{address}c/#{token}")
    assert state == "invalid"
    assert "Niet geverifieerd" in text or "Not verified" in text, text


def test_a_private_link_on_a_public_site_reaches_its_page(
    logged: tuple[Page, list[Request]], example_site: Path
) -> None:
    """A site switched back from private mode: its 404 page sends /c/#<id> on to /c/<id>/."""
    page, _ = logged
    token = tokens(example_site)[0]
    with router_host(example_site, rewrite=False) as address:
        state = open_page(page, f"{address}c/#{token}")
        assert urlsplit(page.url).path == f"/c/{token}/" and state != "checking"
