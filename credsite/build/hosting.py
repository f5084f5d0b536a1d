"""Files for the web host and for crawlers, not for visitors: ``robots.txt``, ``_headers`` and,
for a packed site, ``_redirects``.

``_headers`` and ``_redirects`` are read by hosts such as Netlify and Cloudflare Pages; a host
that does not read them serves them as files, which harms nothing: the pages state their own
content security policy, and the packed pages' router is also the 404 page's fallback.
"""

from __future__ import annotations

from credsite.base import urls
from credsite.build.credential_pages import PAGE_CSP
from credsite.build.layout import CSP
from credsite.build.output import Output
from credsite.build.planning import PlanContext
from credsite.build.theme import AssetSet
from credsite.catalogue.model import SiteConfig
from credsite.issuer.sd_jwt import METADATA_PATH, at_host_root
from credsite.issuer.status import TTL_MS


def plan_host_files(context: PlanContext) -> list[Output]:
    site = context.site
    outputs = [
        Output("robots.txt", "text", {"text": robots(site)}),
        Output("_headers", "text", {"text": headers_file(site, context.assets, context.packed)}),
    ]
    if context.packed:
        outputs.append(Output("_redirects", "text", {"text": redirects(site)}))
    # (a private site is always packed: builder.packed)
    return outputs


# The crawlers that fetch a page only to show its link preview when someone shares it: they may
# read credential pages, whose preview tags name the module and the institution, never the
# learner (docs/verification.md, "Link previews"); never a learner's collection.
PREVIEW_CRAWLERS = (
    "LinkedInBot",
    "Twitterbot",
    "facebookexternalhit",
    "Slackbot-LinkExpanding",
    "WhatsApp",
)


def robots(site: SiteConfig) -> str:
    """Search crawlers may read the catalogue, never the credential or collection pages
    (personal data; the pages say ``noindex`` too). Link-preview crawlers may read credential
    pages: without that, LinkedIn shows a shared credential as a bare link. Each group names
    its Disallow lines before its Allow line, so that crawlers that take the first matching rule
    (Python's robotparser) read it as those that take the longest (Google's) do."""
    root = urls.root_path(site.base_url)
    previews = "".join(f"User-agent: {agent}\n" for agent in PREVIEW_CRAWLERS)
    return (
        f"User-agent: *\nDisallow: {root}c/\nDisallow: {root}l/\nAllow: {root}\n\n"
        f"{previews}Disallow: {root}l/\nAllow: {root}\n\n"
        f"Sitemap: {site.base_url}sitemap.xml\n"
    )


def redirects(site: SiteConfig) -> str:
    """Packed credential pages have no file of their own: a credential's address, /c/<id>/, is
    served the router page, which finds the page in its pack (credential_plan.py). On a private
    site the collection pages are packed too (collection_pages.py), and /l/<id>/ is served
    theirs. One path segment (``:id``), never a splat: Cloudflare Pages applies a rule whether
    or not a file matches, and ``/c/*`` would answer the packs themselves with the router."""
    base = urls.root_path(site.base_url)
    lines = [f"{base}c/:id/  {base}c/index.html  200\n"]
    if site.private:
        lines.append(f"{base}l/:id/  {base}l/index.html  200\n")
    return "".join(lines)


def headers_file(site: SiteConfig, assets: AssetSet, packed: bool = False) -> str:
    """HTTP headers for hosts that read a ``_headers`` file (Netlify, Cloudflare Pages and
    others): the CSP as a header (which also carries frame-ancestors, impossible in a meta tag),
    CORS on the DID document and status lists so any verifier's page can read them, caching that
    matches the status lists' ttl, and long caching for content-hashed assets.

    Each credential's own file (not on a ``packed`` site, which has none) is what a wallet app
    and an independent verifier read from its page's links (credential_pages.holder_links), so
    it is served as ``application/json`` with CORS: a verifier's page on another origin
    (VerifierPlus) reads it with a plain GET. Plain JSON, not ``application/vc``: it is what every
    host sends for a ``.json`` file anyway (GitHub Pages reads no ``_headers``), what a browser
    shows rather than downloads when the link is opened, and what the Learner Credential Wallet
    reads (it parses the body, whatever its type). docs/verification.md, What the holder can do."""
    root = urls.root_path(site.base_url)
    ttl = TTL_MS // 1000
    security = [
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ]
    lines = [f"{root}*", f"  Content-Security-Policy: {CSP}; frame-ancestors 'none'", *security, ""]
    lines += [
        f"{root}c/*",
        f"  Content-Security-Policy: {PAGE_CSP}; frame-ancestors 'none'",
        "  X-Robots-Tag: noindex, nofollow",
        "  Referrer-Policy: no-referrer",
        "  Cache-Control: public, max-age=300",
        "",
    ]
    if not packed:
        lines += [
            f"{root}{urls.credential_page(':id')}credential.json",
            "  Access-Control-Allow-Origin: *",
            "  Content-Type: application/json",
            "",
        ]
    lines += [
        f"{root}l/*",
        f"  Content-Security-Policy: {PAGE_CSP}; frame-ancestors 'none'",
        "  X-Robots-Tag: noindex, nofollow",
        "  Referrer-Policy: no-referrer",
        "  Cache-Control: public, max-age=300",
        "",
    ]
    for lang in site.languages:
        lines += [
            f"{root}{urls.verify_page(lang)}*",
            f"  Content-Security-Policy: {PAGE_CSP}; frame-ancestors 'none'",
            "",
        ]
    lines += [
        f"{root}{urls.did_document_path(site.canonical_url)}",
        "  Access-Control-Allow-Origin: *",
        "  Content-Type: application/did+json",
        f"  Cache-Control: public, max-age={ttl}",
        "",
    ]
    if at_host_root(site.canonical_url):  # the SD-JWT VC issuer's keys (issuer/sd_jwt.py)
        lines += [
            f"{root}{METADATA_PATH}",
            "  Access-Control-Allow-Origin: *",
            "  Content-Type: application/json",
            f"  Cache-Control: public, max-age={ttl}",
            "",
        ]
    lines += [
        f"{root}status/*",
        "  Access-Control-Allow-Origin: *",
        f"  Cache-Control: public, max-age={ttl}",
        "",
    ]
    for asset in assets.assets:
        if asset.content_named:  # never changes
            lines += [
                f"{root}{asset.output_path}",
                "  Cache-Control: public, max-age=31536000, immutable",
                "",
            ]
    return "\n".join(lines)
