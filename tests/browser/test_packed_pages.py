"""Packed credential pages (build --pack) in real Chromium, on the two kinds of static host:

- one with a rewrite rule (Netlify, Cloudflare Pages: ``_redirects``), where /c/<id>/ is
  answered with /c/index.html;
- one without (GitHub Pages, a plain server), where /c/<id>/ gets the 404 page, which sends the
  browser on to /c/?id=<id>.

On both, each credential's address must show the same page, with the same verdict and the same
fields, as the site built with a file per credential.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from credsite.build.builder import BuildOptions, build
from credsite.catalogue.labels import LABELS

from ..conftest import REPO
from ..static_host import router_host
from .conftest import Guarded
from .test_credential_pages import FIELDS_JS, credential_of, open_page, tokens, wait_for_verdict

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def packed_site(tmp_path_factory: pytest.TempPathFactory, example_source: Path) -> Path:
    out = tmp_path_factory.mktemp("packed") / "site"
    build(BuildOptions(root=example_source, out_dir=out, pack=True, jobs=1))
    return out


@pytest.fixture(scope="module")
def hosts(packed_site: Path) -> Iterator[dict[str, str]]:
    with router_host(packed_site, True) as rewrite, router_host(packed_site, False) as fallback:
        yield {"rewrite": rewrite, "fallback": fallback}


@pytest.fixture
def host_page(guarded: Guarded) -> Iterator[Page]:
    """A page on the hosts above: the 404 answer of the fallback host (and of a missing pack)
    is logged by the browser as "Failed to load resource"; any other error is not expected."""
    page = guarded.page()
    yield page
    unexpected = [e for e in guarded.errors if not e.startswith("Failed to load resource")]
    assert unexpected == [], f"errors in the page: {unexpected}"


def open_packed(page: Page, url: str) -> str:
    """Open a packed address: the router's body is replaced by the page, which then verifies."""
    page.goto(url)
    page.wait_for_selector("#verification", state="attached")
    return wait_for_verdict(page)


def page_facts(page: Page) -> dict:
    return {
        "state": page.get_attribute("#verification", "data-state"),
        "title": page.title(),
        "lang": page.evaluate("() => document.documentElement.lang"),
        "fields": page.evaluate(FIELDS_JS),
        "json": page.text_content("#credential-json"),
    }


@pytest.mark.parametrize("host", ["rewrite", "fallback"])
def test_every_credential_address_shows_the_same_page_as_with_files(
    host_page: Page, host: str, hosts: dict[str, str], example_site: Path, example_url: str
) -> None:
    page = host_page
    for token in tokens(example_site):
        open_page(page, f"{example_url}c/{token}/")
        expected = page_facts(page)
        open_packed(page, f"{hosts[host]}c/{token}/")
        assert page_facts(page) == expected, token
        where = urlsplit(page.url)
        if host == "rewrite":
            assert where.path == f"/c/{token}/" and not where.query
        else:
            assert (where.path, where.query) == ("/c/", f"id={token}")


def test_the_packed_page_downloads_its_credential_and_draws_its_qr_code(
    page: Page, hosts: dict[str, str], example_site: Path
) -> None:
    token = tokens(example_site)[0]
    open_packed(page, f"{hosts['rewrite']}c/{token}/")
    expect(page.locator(".certificate-qr svg path")).to_have_count(1)
    assert page.get_attribute(".certificate-qr", "data-url").endswith(f"/c/{token}/")
    # No file of its own: no wallet link or second opinion, but the page says so and downloads.
    lang = page.evaluate("() => document.documentElement.lang")
    expect(page.locator('[data-label="wallet_packed"]')).to_have_text(LABELS[lang]["wallet_packed"])
    expect(page.locator("#wallet-link, .wallet-qr, .second-opinion")).to_have_count(0)
    with page.expect_download() as download:
        page.click("#download-json")
    assert download.value.suggested_filename == f"{token}.json"
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert saved == (REPO / f"content/credentials/{token}.json").read_text(encoding="utf-8")
    assert credential_of(example_site, token)["id"].endswith(f"/c/{token}/")


@pytest.mark.parametrize("host", ["rewrite", "fallback"])
def test_an_unknown_address_says_there_is_no_credential(
    host_page: Page, host: str, hosts: dict[str, str]
) -> None:
    page = host_page
    page.goto(f"{hosts[host]}c/{'a' * 32}/")
    expect(page.locator("#pack-status")).to_contain_text("Op dit adres staat geen microcredential")
    assert page.locator("#verification").count() == 0
    assert LABELS["nl"]["verification_checking"] not in page.text_content("#pack-status")
