"""The verification page of each published credential, and the /verify/ pages.

Everything a credential page shows is read from the credential file itself, never from the
module: the page must show what was signed. The static HTML carries that content for readers
without JavaScript and for print, marked as not yet verified; the page script verifies the
embedded credential and renders the same fields again from the verified copy (see the DOM
contract in docs/verification.md). Which fields, and where each is read, is the rule file
credsite/data/credential-fields.json, which both sides interpret (credential_fields.py here).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from credsite.base import urls
from credsite.build.bundle import preloads
from credsite.build.credential_fields import credential_fields
from credsite.build.layout import link_preview, page_common
from credsite.build.theme import AssetSet
from credsite.catalogue.achievement import pick
from credsite.catalogue.labels import label
from credsite.catalogue.model import SiteConfig
from credsite.standards.timestamps import parse_timestamp

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'self'"
)
LINKEDIN_ADD = "https://www.linkedin.com/profile/add"
# An independent verifier's second opinion, by a link the visitor follows (the page itself
# requests nothing from it): VerifierPlus, by the Digital Credentials Consortium, reads the
# credential from the address after ``vc=``.
SECOND_OPINION = "https://verifierplus.org/#verify?vc="


def credential_language(document: dict[str, Any], site: SiteConfig) -> str:
    lang = ((document.get("credentialSubject") or {}).get("achievement") or {}).get("inLanguage")
    return lang if lang in site.languages else site.default_language


def linkedin_url(document: dict[str, Any], site: SiteConfig, page_url: str, token: str) -> str:
    """LinkedIn's add-to-profile link for a certification (months count from 1). A credential
    with ``validUntil`` gives LinkedIn its expiration month too, whether or not it has passed:
    the profile then says when it ended, as the page does."""
    fields: dict[str, str] = {
        "startTask": "CERTIFICATION_NAME",
        "name": str(document.get("name", "")),
    }
    if site.linkedin_organization_id:
        fields["organizationId"] = site.linkedin_organization_id
    else:
        issuer = document.get("issuer")
        fields["organizationName"] = str(issuer.get("name", "")) if isinstance(issuer, dict) else ""
    for key, prefix in (("validFrom", "issue"), ("validUntil", "expiration")):
        if key not in document:
            continue
        try:
            when = parse_timestamp(str(document[key]))
        except ValueError:
            continue
        fields[f"{prefix}Year"], fields[f"{prefix}Month"] = str(when.year), str(when.month)
    fields["certUrl"] = page_url
    fields["certId"] = token
    return f"{LINKEDIN_ADD}?{urlencode(fields)}"


def credential_page(
    token: str,
    raw: bytes,
    site: SiteConfig,
    assets: AssetSet,
    link_base: str | None = None,
) -> dict[str, Any]:
    """Page data for /c/<token>/ from the credential file's bytes. Runs in the build's workers,
    once per page:
    the QR code and the interface labels are the page script's work, not every page's.

    With ``link_base`` (packed pages, shown by a router at more than one address) links start
    from the site's root path instead of being relative; the JSON file is the page script's."""
    document: dict[str, Any] = json.loads(raw)  # a credential file the build has checked
    lang = credential_language(document, site)
    path = urls.credential_page(token)
    # Where the learner's link points (its QR code, LinkedIn's certUrl): on a private site the
    # id stays in the fragment there too.
    page_url = urls.absolute(site.canonical_url, urls.credential_link(token, site.private))
    fields = credential_fields(document, lang)
    title = (
        f"{fields['recipient']} — {fields['name']}" if fields["recipient"] else str(fields["name"])
    )
    data = page_common(site, lang, path, assets, title, "", None, "credential", link_base=link_base)
    achievement = (document.get("credentialSubject") or {}).get("achievement") or {}
    slug = str(_slug_of(achievement))
    data["preview"] = credential_preview(achievement, fields, site, lang, page_url)

    def link(target: str) -> str:
        return link_base + target if link_base is not None else urls.relative(path, target)

    data |= {
        "template": "credential.html",
        "noindex": True,
        "referrer": "no-referrer",
        "csp": PAGE_CSP,
        "fields": fields,
        "credential_text": raw.decode("utf-8"),
        "json_url": "credential.json" if link_base is None else None,
        **holder_links(site, path, packed=link_base is not None),
        "badge_png": link(urls.badge(lang, slug, "png")),
        "badge_svg": link(urls.badge(lang, slug, "svg")),
        "page_url": page_url,
        "linkedin": linkedin_url(document, site, page_url, token),
        "site_did": urls.did_web(site.canonical_url),
        "site_base": site.canonical_url,
        "site_root": link(""),
        **page_script(assets, f"credential-page-{lang}.js"),
        "other_languages": [
            {"lang": other, "label": label(other, "language_name")}
            for other in site.languages
            if other != lang
        ],
    }
    return data


def holder_links(site: SiteConfig, path: str, packed: bool) -> dict[str, str | None]:
    """The absolute address of the credential's own JSON file, which a wallet app (the Learner
    Credential Wallet and others) reads from a link or a QR code, and the link to an independent
    verifier's second opinion on the same file. A packed page (``packed``) has no file of its
    own, so it has neither: its JSON is made in the browser for download.

    The address goes after ``vc=`` percent-encoded where a query value needs it (``&``, ``#``,
    ``%``, ``+``, ``=``…) but keeping ``:`` and ``/``, which a query may hold: for a site's
    addresses that is the address as written, the form VerifierPlus's own examples link."""
    if packed:
        return {"wallet_url": None, "second_opinion_url": None}
    json_url = urls.absolute(site.canonical_url, f"{path}credential.json")
    return {
        "wallet_url": json_url,
        "second_opinion_url": SECOND_OPINION + quote(json_url, safe=":/"),
    }


def credential_preview(
    achievement: dict[str, Any], fields: dict[str, Any], site: SiteConfig, lang: str, url: str
) -> dict[str, Any]:
    """The page's link preview shows the module and the institution, never the learner: a
    preview is posted into feeds and chats, and crawlers keep it in their caches (docs/
    verification.md, Link previews). So it is made of the achievement's name and description
    (the credential's own description names the learner) and the issuer's name, with the
    module's share image; the page's <title> still names the learner, for their own tabs."""
    title = str(achievement.get("name") or fields["name"] or "")
    issuer = str(fields["issuer-name"] or pick(site.institution.name, site, lang))
    slug = _slug_of(achievement)
    image = urls.share_image(lang, slug) if slug else urls.site_share_image(lang)
    shown = (title, fields["study-load"], fields["eqf"], issuer)
    return link_preview(
        site,
        lang,
        url,
        f"{title} · {issuer}",
        str(achievement.get("description") or ""),
        urls.absolute(site.canonical_url, image),
        " · ".join(str(text) for text in shown if text),
    )


def page_script(assets: AssetSet, script: str) -> dict[str, Any]:
    """The page's script (a bundled page script's asset name: a credential page's carries its
    language's texts) and ``preloads``, the asset names of the chunks it imports before it runs,
    which the page lists for the browser to fetch at once. A plan made from the theme's assets
    alone (without the bundles, as the export tests make one) has nothing to preload."""
    source = next((a.source for a in assets.assets if a.name == script), None)
    return {"script": script, "preloads": list(_preloads(source)) if source else []}


@functools.cache
def _preloads(script: Path) -> tuple[str, ...]:
    """bundle.preloads, read once per process: a build's worker renders many pages."""
    return preloads(script)


def _slug_of(achievement: dict[str, Any]) -> str | None:
    path = urlsplit(str(achievement.get("id", ""))).path
    parts = [p for p in path.split("/") if p]
    return parts[-2] if len(parts) >= 2 and parts[-1] == "achievement.json" else None


def verify_page(site: SiteConfig, lang: str, assets: AssetSet) -> dict[str, Any]:
    path = urls.verify_page(lang)
    data = page_common(
        site,
        lang,
        path,
        assets,
        label(lang, "verify_title"),
        label(lang, "verify_intro"),
        {other: urls.verify_page(other) for other in site.languages},
        "verify",
    )
    data |= {
        "template": "verify.html",
        "csp": PAGE_CSP,
        "site_did": urls.did_web(site.canonical_url),
        "site_base": site.canonical_url,
        "site_root": urls.relative(path, ""),
        **page_script(assets, "verify-page.js"),
    }
    return data
