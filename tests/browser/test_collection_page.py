"""A learner's collection page (/l/<id>/, issue 16) in real Chromium.

One learner holds three credentials of one track's three modules (3 EC each), issued with
``issue --collection``; the third is revoked. The page must verify each in the browser, show the
revoked one as revoked, and count from the two verified ones alone: 6 EC in total, and for the
track 2 of its 3 modules and 6 of its 9 EC. The same on a packed site (build --pack), where the
credentials are read from their packs, and on a private one (build --private), where the page
itself is sealed in l/packs/ and opened by its link's fragment, /l/#<id>, and no request names
the collection or a credential. Every request must stay on the site (``guarded``), and axe-core
must find nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from credsite.catalogue.labels import COLLECTION_LABELS
from credsite.standards.rulebook import title

from ..conftest import MODULE, SiteFolder
from ..issuer_site import ISSUED_AT, Issuer
from .conftest import axe_violations

pytestmark = pytest.mark.browser

TRACK = """\
---
title: {nl: Zorgroute, en: Care track}
summary: {nl: Drie modules., en: Three modules.}
status: published
modules:
  - alpha
  - beta
  - gamma
---
"""
# The browser's clock: after the issue date, within the status lists' validity (issuer_site).
CLOCK = datetime(2026, 6, 1, 12, tzinfo=UTC)
CHECKED = "() => document.getElementById('collection')?.dataset.state === 'checked'"


@dataclass(frozen=True)
class Collection:
    sites: dict[str, Path]  # "files", "packed" and "private" builds of one site
    collection: str
    tokens: dict[str, str]  # module -> the learner's credential of it


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    tmp = tmp_path_factory.mktemp("collection")
    site = SiteFolder(tmp / "site-src")
    modules = {s: MODULE.replace("Testmodule", f"Module {s}") for s in ("alpha", "beta", "gamma")}
    issuer = Issuer.with_key(site, tmp, modules)
    site.track("zorgroute", TRACK)
    env = {"CI": None, "CREDSITE_COLLECTION_SECRET": None}
    tokens = {
        module: issuer.issue(
            [["Ada Lovelace", "ada@example.org"]], "--collection", module=module, env=env
        )[0]
        for module in modules
    }
    issuer.ok("revoke", tokens["gamma"], "--reason", "test", at="2026-03-03T10:00:00Z")
    with (issuer.outside / "mail.csv").open(encoding="utf-8", newline="") as handle:
        url = next(csv.DictReader(handle))["collection_url"]
    sites = {
        "files": issuer.build(at=ISSUED_AT),
        "packed": issuer.build("--pack", at=ISSUED_AT),
        "private": issuer.build("--private", at=ISSUED_AT),
    }
    return Collection(sites, url.rstrip("/").rsplit("/", 1)[-1], tokens)


def _open(page: Page, url: str) -> None:
    page.clock.install(time=CLOCK)
    page.goto(url)
    page.wait_for_function(CHECKED, timeout=60000)


def _link(collection: Collection, kind: str) -> str:
    """The collection's address as the mail merge gives it on that kind of site."""
    return f"l/#{collection.collection}" if kind == "private" else f"l/{collection.collection}/"


@pytest.mark.parametrize("kind", ["files", "packed", "private"])
def test_the_page_counts_the_verified_credentials_of_a_track(
    page: Page, collection: Collection, serve_dir: Callable[[Path], str], kind: str
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _open(page, f"{serve_dir(collection.sites[kind])}{_link(collection, kind)}")
    if kind == "private":  # no request names the collection or a credential
        ids = [collection.collection, *collection.tokens.values()]
        assert requests and not [u for u in requests if any(i in u for i in ids)]
    texts = COLLECTION_LABELS["nl"]  # the site's default language
    states = {
        module: page.get_attribute(f"li[data-token='{token}']", "data-state")
        for module, token in collection.tokens.items()
    }
    assert states == {"alpha": "verified", "beta": "verified", "gamma": "revoked"}
    alpha = page.locator(f"li[data-token='{collection.tokens['alpha']}']")
    expect(alpha.locator(".collection-name")).to_have_text(
        "Module alpha"
    )  # from the verified credential
    expect(alpha.locator(".collection-verdict")).to_have_text(title("verified", "nl"))
    expect(alpha.locator(".collection-ec")).to_have_text("3 EC")
    gamma = page.locator(f"li[data-token='{collection.tokens['gamma']}']")
    expect(gamma.locator(".collection-verdict")).to_have_text(title("revoked", "nl"))
    expect(gamma.locator(".collection-ec")).to_have_text("")

    total = page.locator("#collection-total")
    expect(total).to_have_text("6 EC")
    assert total.get_attribute("data-ec") == "6"
    expect(page.locator("#collection-status")).to_have_text(
        texts["checked"].format(counted=2, count=3)
    )
    expect(page.locator("#collection-tracks-section")).to_be_visible()
    track = page.locator("#collection-tracks > li[data-track='zorgroute']")
    expect(track).to_have_count(1)
    assert [
        track.get_attribute(f"data-{name}")
        for name in ("modules", "total-modules", "ec", "total-ec")
    ] == ["2", "3", "6", "9"]
    expect(track.locator(".collection-track-progress")).to_have_text(
        texts["track_progress"].format(modules=2, total_modules=3, ec=6, total_ec=9)
    )
    expect(track.locator(".collection-track-title")).to_have_text("Zorgroute")
    assert track.locator("progress").get_attribute("value") == "2"
    assert axe_violations(page) == []


def test_without_verified_credentials_nothing_is_counted(
    page: Page, collection: Collection, serve_dir: Callable[[Path], str], tmp_path: Path
) -> None:
    """A credential file changed on the host (here: its EC raised) fails its check, and the page
    counts nothing from it: the EC shown come from signatures, not from the files served."""
    import json
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(collection.sites["files"], copy)
    for module in ("alpha", "beta"):
        path = copy / "c" / collection.tokens[module] / "credential.json"
        document = json.loads(path.read_text())
        document["credentialSubject"]["creditsEarned"] = 30
        path.write_text(json.dumps(document))
    _open(page, f"{serve_dir(copy)}l/{collection.collection}/")
    for module in ("alpha", "beta"):
        assert (
            page.get_attribute(f"li[data-token='{collection.tokens[module]}']", "data-state")
            == "invalid"
        )
    expect(page.locator("#collection-total")).to_have_text("0 EC")
    expect(page.locator("#collection-tracks-section")).to_be_hidden()
    assert axe_violations(page) == []
