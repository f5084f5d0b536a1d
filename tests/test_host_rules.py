"""What the built site tells browsers and crawlers about the files that must be read from
elsewhere and the pages that must not be found (docs/verification.md, "Privacy"; docs/publishing.md).

- A credential page is for whoever holds its address: every one says ``noindex`` in its own
  ``<meta name="robots">``, and the ``_headers`` file says it again for hosts that read one.
- The status lists and the DID document are read by other sites' verifiers (another issuer's
  ``/verify/`` page, a wallet) from their own origin: ``_headers`` lets any origin read them
  (``Access-Control-Allow-Origin: *``), or a browser verifier elsewhere could not check the
  issuer's key or whether a credential was revoked.

Read from the example site as built (tests/conftest.py ``example_site``). A ``_headers`` rule is
a path in which ``*`` stands for any characters and ``:name`` for one path segment, as Netlify
and Cloudflare Pages read it; a host sends the headers of every rule that matches.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ANY_ORIGIN = "Access-Control-Allow-Origin: *"


class _RobotsMeta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.contents: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") == "robots":
            self.contents.append(found.get("content") or "")


def _robots(page: Path) -> list[str]:
    parser = _RobotsMeta()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.contents


def _header_rules(site: Path) -> list[tuple[str, list[str]]]:
    """The ``_headers`` file as (path pattern, header lines) in order."""
    rules: list[tuple[str, list[str]]] = []
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line[0] in " \t":
            rules[-1][1].append(line.strip())
        else:
            rules.append((line.strip(), []))
    return rules


def _matches(pattern: str, path: str) -> bool:
    """Whether a ``_headers`` path pattern covers ``path``."""
    regex = "".join(
        ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
        for part in re.split(r"(\*|:[A-Za-z_]+)", pattern)
    )
    return re.fullmatch(regex, path) is not None


def _headers_for(site: Path, path: str) -> list[str]:
    """Every header line a host sends for ``path``, from every rule that matches it."""
    return [
        header
        for pattern, headers in _header_rules(site)
        if _matches(pattern, path)
        for header in headers
    ]


def _credential_pages(site: Path) -> list[Path]:
    pages = sorted((site / "c").glob("*/index.html"))
    assert len(pages) >= 10, "the example site publishes its credentials' pages"
    return pages


def test_every_credential_page_asks_not_to_be_indexed(example_site: Path) -> None:
    for page in _credential_pages(example_site):
        [content] = _robots(page)
        assert "noindex" in [word.strip() for word in content.split(",")], page


def test_the_headers_ask_not_to_index_any_credential_page(example_site: Path) -> None:
    for page in _credential_pages(example_site):
        address = "/" + page.parent.relative_to(example_site).as_posix() + "/"
        assert "X-Robots-Tag: noindex, nofollow" in _headers_for(example_site, address), address
        assert "X-Robots-Tag: noindex, nofollow" in _headers_for(
            example_site, address + "credential.json"
        )


def test_any_origin_may_read_the_status_lists(example_site: Path) -> None:
    lists = sorted(p.name for p in (example_site / "status").iterdir())
    assert lists == ["revocation-1.json", "suspension-1.json"]
    for name in lists:
        assert ANY_ORIGIN in _headers_for(example_site, f"/status/{name}"), name


def test_any_origin_may_read_the_did_document(example_site: Path) -> None:
    assert (example_site / ".well-known" / "did.json").is_file()
    assert ANY_ORIGIN in _headers_for(example_site, "/.well-known/did.json")
