"""The ``_headers`` file keeps the README's promises, by fixed expected lines: the catalogue's
and the credential pages' Content-Security-Policy (the same policy the pages' own meta tags
state, plus frame-ancestors, which only a header can carry), caching that matches the status
lists' one-hour ``ttl``, and content-hashed assets cached for good while the rest are not.

Each block is checked for the lines it must hold, not for being only those, so a header added
to a block later (CORS, a content type) does not break these tests.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from .test_pages import parse

CATALOGUE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# The verification pages fetch other issuers' keys and lists (https:) and draw QR codes (blob:).
CREDENTIAL_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self' https:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)
NO_FRAMING = "; frame-ancestors 'none'"
ONE_HOUR = "Cache-Control: public, max-age=3600"
FOREVER = "Cache-Control: public, max-age=31536000, immutable"

EXPECTED = {
    "/*": {
        f"Content-Security-Policy: {CATALOGUE_CSP}{NO_FRAMING}",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: strict-origin-when-cross-origin",
        "Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()",
    },
    "/c/*": {
        f"Content-Security-Policy: {CREDENTIAL_CSP}{NO_FRAMING}",
        "Cache-Control: public, max-age=300",
    },
    "/nl/verify/*": {f"Content-Security-Policy: {CREDENTIAL_CSP}{NO_FRAMING}"},
    "/en/verify/*": {f"Content-Security-Policy: {CREDENTIAL_CSP}{NO_FRAMING}"},
    "/.well-known/did.json": {ONE_HOUR},
    "/status/*": {ONE_HOUR},
}

HASHED = re.compile(r"assets/.+\.(?P<hash>[0-9a-f]{10})\.(css|js)")  # theme.py: sha256[:10]
CHUNK = re.compile(r"assets/chunks/[a-z0-9-]+-[A-Z0-9]{8}\.js")  # named by esbuild's hash


def blocks(site: Path) -> dict[str, set[str]]:
    """``_headers`` as path pattern -> its header lines (each block once)."""
    found: dict[str, set[str]] = {}
    for block in (site / "_headers").read_text(encoding="utf-8").split("\n\n"):
        path, *lines = block.strip("\n").splitlines()
        assert path not in found, f"{path} has two blocks"
        assert all(line.startswith("  ") for line in lines), block
        found[path] = {line.strip() for line in lines}
    return found


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_the_headers_file_holds_the_promised_lines(example_site: Path, path: str) -> None:
    headers = blocks(example_site)
    assert path in headers
    assert EXPECTED[path] <= headers[path]


@pytest.mark.parametrize(
    ("page", "policy"),
    [
        ("nl/modules/index.html", CATALOGUE_CSP),
        ("en/modules/interview-techniques-nursing/index.html", CATALOGUE_CSP),
        ("en/verify/index.html", CREDENTIAL_CSP),
    ],
)
def test_the_header_policy_is_the_one_the_page_states(
    example_site: Path, page: str, policy: str
) -> None:
    """A host that ignores ``_headers`` serves the page's own meta policy: the same one."""
    (meta,) = parse(example_site / page).find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert meta["content"] == policy


def test_every_credential_page_states_the_credential_policy(example_site: Path) -> None:
    pages = sorted((example_site / "c").glob("*/index.html"))
    assert len(pages) > 3
    for page in pages:
        (meta,) = parse(page).find("meta", **{"http-equiv": "Content-Security-Policy"})
        assert meta["content"] == CREDENTIAL_CSP, page


def test_the_status_lists_ttl_is_the_hour_the_host_caches_them(example_site: Path) -> None:
    lists = sorted((example_site / "status").glob("*.json"))
    assert [p.name for p in lists] == ["revocation-1.json", "suspension-1.json"]
    for path in lists:
        subject = json.loads(path.read_bytes())["credentialSubject"]
        assert subject["ttl"] == 3_600_000, path.name  # milliseconds: max-age=3600 above


def test_content_hashed_assets_are_cached_for_good_and_only_they(example_site: Path) -> None:
    headers = blocks(example_site)
    forever = {path.removeprefix("/") for path, lines in headers.items() if FOREVER in lines}
    assets = {
        p.relative_to(example_site).as_posix()
        for p in (example_site / "assets").rglob("*")
        if p.is_file()
    }
    hashed = {a for a in assets if HASHED.fullmatch(a) or CHUNK.fullmatch(a)}
    assert forever == hashed
    assert {"assets/logo.svg"} == assets - hashed  # named as the site's author named it
    assert any(a.startswith("assets/style.") for a in hashed)
    assert sum(1 for a in hashed if a.startswith("assets/chunks/")) > 5
    for asset in hashed:
        match = HASHED.fullmatch(asset)
        if match:  # the name's hash is its content's: a changed file gets a new name
            digest = hashlib.sha256((example_site / asset).read_bytes()).hexdigest()
            assert digest.startswith(match["hash"]), asset
