"""Sharing a credential from its page (issue 16): the wallet link, the second opinion and
LinkedIn's fields, the rule of which verdicts offer the holder's actions, and what the static
hosts send for a credential's JSON file.

A wallet app (the Learner Credential Wallet) is given the address of the credential's own file,
``https://<site>/c/<id>/credential.json``, by a link or a QR code, and fetches it; an independent
verifier's page on another origin (VerifierPlus) fetches the same file from the visitor's
browser, so it must come with CORS on a plain GET. The browser side (the actions shown or
withheld per verdict, the QR code, a cross-origin fetch) is tests/browser/test_holder_actions.py.
"""

from __future__ import annotations

import dataclasses
import json
import mimetypes
import re
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from credsite.base import urls
from credsite.build.credential_pages import SECOND_OPINION, holder_links, linkedin_url
from credsite.build.hosting import headers_file
from credsite.build.theme import AssetSet
from credsite.catalogue.config import load_config
from credsite.catalogue.model import SiteConfig
from credsite.commands.serve import MIME_TYPES, PreviewState, make_app
from credsite.standards import rulebook

from .conftest import REPO
from .static_host import header_rules, headers_for, headers_host

BASE_URL = "https://microcredentials.hogeschool-voorbeeld.nl/"
RULE = json.loads((REPO / "credsite/data/holder-actions.json").read_text(encoding="utf-8"))
FIELDS = json.loads((REPO / "credsite/data/credential-fields.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site() -> SiteConfig:
    config, problems = load_config(REPO)
    assert config is not None, problems
    return config


def tokens(site_dir: Path) -> list[str]:
    return sorted(p.name for p in (site_dir / "c").iterdir() if (p / "credential.json").is_file())


def page_links(site_dir: Path, token: str) -> dict[str, str]:
    """The hrefs of the page's wallet link and second-opinion link, as the build wrote them."""
    html = (site_dir / "c" / token / "index.html").read_text(encoding="utf-8")
    wallet = re.search(r'<a href="([^"]+)" id="wallet-link"', html)
    second = re.search(r'<p class="second-opinion"><a href="([^"]+)"', html)
    assert wallet and second, "the page links its file for a wallet and a second opinion"
    return {"wallet": wallet.group(1), "second": second.group(1)}


# -- the rule of which verdicts offer the holder's actions ------------------------------------


def test_the_rule_names_every_verdict_and_offers_the_actions_for_verified_and_expired_only() -> (
    None
):
    states = set(RULE["states"])
    assert states == {state.id for state in rulebook.rules().states}
    offered = {state for state, rule in RULE["states"].items() if rule["offered"] is True}
    assert offered == {"verified", "expired"}
    assert all(isinstance(rule["offered"], bool) for rule in RULE["states"].values())


def test_every_withheld_verdict_says_why_in_both_languages_and_expired_states_its_date() -> None:
    field_keys = {field["key"] for field in FIELDS["fields"]}
    for state, rule in RULE["states"].items():
        if not rule["offered"]:
            assert set(rule["note"]) == {"nl", "en"}, state
        if state == "verified":
            assert "note" not in rule, "a verified credential's actions need no remark"
            continue
        for lang, text in rule["note"].items():
            assert text.strip() and text == text.strip(), (state, lang)
            placeholders = set(re.findall(r"\{(\w+)\}", text))
            assert placeholders == ({"date"} if "date" in rule else set()), (state, lang)
        if "date" in rule:
            assert rule["date"] in field_keys, f"{state}: {rule['date']} is no credential field"
    assert RULE["states"]["expired"]["date"] == "valid-until"
    assert RULE["states"]["not-yet-valid"]["date"] == "valid-from"


# -- the links the build writes -----------------------------------------------------------------


def test_the_wallet_link_is_the_credentials_own_file_at_the_sites_address(
    example_site: Path,
) -> None:
    for token in tokens(example_site):
        links = page_links(example_site, token)
        assert links["wallet"] == f"{BASE_URL}c/{token}/credential.json"
        # The second opinion reads the same file: the address after vc= is that link.
        assert links["second"].startswith(SECOND_OPINION)
        fragment = urlsplit(links["second"]).fragment
        assert fragment.startswith("verify?")
        assert parse_qs(fragment.removeprefix("verify?")) == {"vc": [links["wallet"]]}


def test_the_second_opinion_link_encodes_what_a_query_value_cannot_hold(site: SiteConfig) -> None:
    odd = dataclasses.replace(site, canonical_url="https://example.org/a&b=c%d/")
    links = holder_links(odd, "c/tok/", packed=False)
    assert links["wallet_url"] == "https://example.org/a&b=c%d/c/tok/credential.json"
    second = links["second_opinion_url"]
    assert second is not None
    assert second == f"{SECOND_OPINION}https://example.org/a%26b%3Dc%25d/c/tok/credential.json"
    query = parse_qs(urlsplit(second).fragment.removeprefix("verify?"))
    assert query == {"vc": [links["wallet_url"]]}


def test_a_packed_page_has_no_file_of_its_own_for_a_wallet(site: SiteConfig) -> None:
    assert holder_links(site, "c/tok/", packed=True) == {
        "wallet_url": None,
        "second_opinion_url": None,
    }


def _linkedin_fields(document: dict[str, Any], site: SiteConfig) -> dict[str, list[str]]:
    url = linkedin_url(document, site, f"{BASE_URL}c/tok/", "tok")
    return parse_qs(urlsplit(url).query)


def test_linkedin_is_given_the_expiry_of_a_credential_that_has_one(site: SiteConfig) -> None:
    base = {"name": "Module", "validFrom": "2024-03-05T10:00:00Z", "issuer": {"name": "HV"}}
    without = _linkedin_fields(base, site)
    assert (without["issueYear"], without["issueMonth"]) == (["2024"], ["3"])
    assert "expirationYear" not in without and "expirationMonth" not in without
    ended = _linkedin_fields({**base, "validUntil": "2025-11-30T23:00:00Z"}, site)
    assert (ended["expirationYear"], ended["expirationMonth"]) == (["2025"], ["11"])
    future = _linkedin_fields({**base, "validUntil": "2031-01-01T00:00:00Z"}, site)
    assert (future["expirationYear"], future["expirationMonth"]) == (["2031"], ["1"])
    broken = _linkedin_fields({**base, "validUntil": "tomorrow"}, site)
    assert "expirationYear" not in broken, "a date that cannot be read is left out"


def test_the_example_expired_credentials_carry_their_end_on_linkedin(example_site: Path) -> None:
    seen = 0
    for token in tokens(example_site):
        document = json.loads((example_site / "c" / token / "credential.json").read_bytes())
        html = (example_site / "c" / token / "index.html").read_text(encoding="utf-8")
        href = re.search(r'<a href="([^"]+)" id="add-to-linkedin"', html)
        assert href, token
        query = parse_qs(urlsplit(href.group(1).replace("&amp;", "&")).query)
        if "validUntil" not in document:
            assert "expirationYear" not in query, token
            continue
        end = datetime.fromisoformat(document["validUntil"])
        assert (query["expirationYear"], query["expirationMonth"]) == (
            [str(end.year)],
            [str(end.month)],
        ), token
        seen += end < datetime.now(UTC)
    assert seen >= 1, "the example has an expired credential"


# -- what the hosts send ------------------------------------------------------------------------


def test_headers_give_each_credentials_file_json_with_cors(site: SiteConfig) -> None:
    text = headers_file(site, AssetSet(()))
    rules = header_rules(text)
    root = urls.root_path(site.base_url)
    wanted = {"access-control-allow-origin": "*", "content-type": "application/json"}
    got = headers_for(rules, f"{root}c/abcdefghijklmnop234567abcdefghij/credential.json")
    assert {k: got[k] for k in wanted} == wanted
    # ... and nothing else under /c/ (the page, a pack) is given either.
    for other in (f"{root}c/abcdefghij/", f"{root}c/abcdefghij/index.html", f"{root}c/x/y/z.json"):
        found = headers_for(rules, other)
        assert "access-control-allow-origin" not in found and "content-type" not in found, other
    packed = header_rules(headers_file(site, AssetSet(()), packed=True))
    assert "access-control-allow-origin" not in headers_for(
        packed, f"{root}c/abcdefghij/credential.json"
    ), "a packed site has no file per credential"


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Origin": "https://verifierplus.org"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_a_host_that_reads_headers_serves_the_wallet_link_as_json_with_cors(
    example_site: Path,
) -> None:
    with headers_host(example_site) as host:
        for token in tokens(example_site)[:3]:
            wallet = page_links(example_site, token)["wallet"]
            status, headers, body = _get(host + wallet.removeprefix(BASE_URL))
            assert status == 200
            assert headers["content-type"] == "application/json"
            assert headers["access-control-allow-origin"] == "*"
            stored = (REPO / "content" / "credentials" / f"{token}.json").read_bytes()
            assert body == stored, "the file as signed, byte for byte"
            assert json.loads(body)["id"].endswith(f"/c/{token}/")
        status, headers, _ = _get(host + f"c/{tokens(example_site)[0]}/")
        assert status == 200 and "access-control-allow-origin" not in headers


def test_the_preview_server_serves_the_credentials_file_as_json(example_site: Path) -> None:
    """``credsite serve`` sends the file as a host does (it sends no CORS: the links on a
    preview name the site's own address, never the preview's, so no wallet or verifier reads
    the preview)."""
    for extension, kind in MIME_TYPES.items():
        mimetypes.add_type(kind, extension)
    app = make_app(example_site, PreviewState())
    token = tokens(example_site)[0]
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app({"PATH_INFO": f"/c/{token}/credential.json"}, start_response))
    assert answer["status"] == "200 OK"
    assert answer["headers"]["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body) == json.loads(
        (REPO / "content" / "credentials" / f"{token}.json").read_bytes()
    )
    assert page_links(example_site, token)["wallet"].startswith(BASE_URL)
