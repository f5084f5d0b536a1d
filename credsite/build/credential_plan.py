"""Planning the credential half of the site: which files each issued credential gets, and
what all their pages share (``CredentialPages``, named by a digest the build's carry compares).

Kept apart from credential_pages.py, which makes one page's data from the credential alone, in
the build's workers: this module decides which files exist (paths, packs, the router page), so
it changes with the site's layout; that one with the page (the DOM contract, docs/verification.md).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from credsite.base import urls
from credsite.build.credential_pages import PAGE_CSP, credential_page, page_script
from credsite.build.layout import page_common
from credsite.build.output import Output, Shared
from credsite.build.pack import PACKS_DIR, pack_digits, pack_outputs
from credsite.build.theme import AssetSet
from credsite.catalogue.labels import ROUTER_NOSCRIPT, label
from credsite.catalogue.model import SiteConfig
from credsite.issuer.store import StoredCredential, read_checked


@dataclass(frozen=True)
class CredentialPages:
    """What every credential page shares: the site's settings and assets. The build's workers
    make each page from it and the credential file; the plan holds only a file name and digest
    per credential, so planning a hundred thousand pages takes a fraction of a second."""

    site: SiteConfig
    assets: AssetSet
    link_base: str | None = None  # packed pages: links from the site's root path

    def page_data(self, data: dict[str, str]) -> dict[str, Any]:
        raw = read_checked(data["source"], data["digest"])
        return credential_page(data["token"], raw, self.site, self.assets, self.link_base)

    def digest(self) -> str:
        settings = json.dumps(
            [
                dataclasses.asdict(self.site),
                sorted((a.output_path, a.digest) for a in self.assets.assets),
                self.link_base,
            ],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(settings.encode()).hexdigest()


def credential_pages_digest(site: SiteConfig, assets: AssetSet, packed: bool) -> str:
    """The digest of what every credential page shares (a changed one re-renders them all)."""
    base = urls.root_path(site.base_url) if packed else None
    return CredentialPages(site, assets, link_base=base).digest()


def plan_credentials(
    site: SiteConfig,
    credentials: Sequence[StoredCredential],
    unpublished: frozenset[str],
    assets: AssetSet,
    packed: bool = False,
) -> list[Output]:
    """Every file made for each credential not taken down: the one place they are planned,
    for a whole build and for the credentials an issue run added (builder.py), so a build
    after an issue run makes for the new ones exactly what a whole build would.

    Each gets a verification page (never in the sitemap: noindex, /c/ is disallowed in
    robots.txt) and, next to it, its file byte for byte as signed; with ``packed``, the packs
    and their router page instead (a packed page carries its credential)."""
    published = [c for c in credentials if c.token not in unpublished]
    if packed:
        return _plan_packs(site, published, assets)
    maker = CredentialPages(site, assets)
    shared = Shared(maker.digest(), maker)
    pages = [
        Output(
            urls.file_of(urls.credential_page(c.token)),
            "credential-page",
            {"token": c.token, "source": f"{c.root}/{c.path}", "digest": c.digest},
            shared,
        )
        for c in published
    ]
    files = [
        Output(
            f"{urls.credential_page(c.token)}credential.json",
            "copy",
            {"source": f"{c.root}/{c.path}", "digest": c.digest},
        )
        for c in published
    ]
    return pages + files


def _plan_packs(
    site: SiteConfig, credentials: Sequence[StoredCredential], assets: AssetSet
) -> list[Output]:
    base = urls.root_path(site.base_url)
    maker = CredentialPages(site, assets, link_base=base)
    shared = Shared(maker.digest(), maker)
    members = [
        (c.token, {"token": c.token, "source": f"{c.root}/{c.path}", "digest": c.digest})
        for c in credentials
    ]
    outputs = pack_outputs("c", members, shared)
    router = page_common(
        site, site.default_language, "c/", assets, label(site.default_language, "credential_heading"),
        "", None, "credential", link_base=base,
    )  # fmt: skip
    router |= {
        "template": "credential-router.html",
        "noindex": True,
        "referrer": "no-referrer",
        "private": site.private,
        "router_noscript": ROUTER_NOSCRIPT[site.default_language],
        "csp": PAGE_CSP,
        "packs": f"{base}{PACKS_DIR}/",
        "digits": pack_digits(len(members)),
        # The language-free page script: the router learns the page's language from the pack.
        **page_script(assets, "credential-page.js"),
    }
    outputs.append(Output("c/index.html", "page", router))  # hosting.py sends /c/* here
    return outputs
