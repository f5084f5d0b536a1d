"""What every HTML page's layout needs, catalogue and credential pages alike.

The head (title, canonical address, alternates in the other languages), the navigation and the
links to the site's assets and machine-readable files, each relative to the page so the site
works under any path. The content security policy every catalogue page states is here too:
the host's ``_headers`` file (hosting.py) repeats it as a header. So is the shape of a page's
link preview (``link_preview``), which each page's planner fills in.
"""

from __future__ import annotations

from typing import Any

from credsite.base import urls
from credsite.build.share_card import HEIGHT, WIDTH
from credsite.build.theme import AssetSet
from credsite.catalogue.achievement import pick
from credsite.catalogue.labels import label
from credsite.catalogue.model import SiteConfig

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# OpenGraph names a page's language as a locale: the site's languages as the Netherlands and
# Europe write them.
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
PREVIEW_DESCRIPTION = 300  # characters of a preview's description; previews show fewer


def page_common(
    site: SiteConfig,
    lang: str,
    path: str,
    assets: AssetSet,
    title: str,
    description: str,
    alternate_paths: dict[str, str] | None,
    nav: str,
    link_base: str | None = None,
) -> dict[str, Any]:
    """What every page's layout needs. ``link_base`` replaces relative links (the 404 page)."""

    def link(target: str) -> str:
        return link_base + target if link_base is not None else urls.relative(path, target)

    inst = site.institution
    alternates = []
    for other, other_path in sorted((alternate_paths or {}).items()):
        alternates.append(
            {
                "lang": other,
                "href": urls.absolute(site.base_url, other_path),
                "url": link(other_path),
            }
        )
    switch = [
        a | {"label": label(a["lang"], "language_name")} for a in alternates if a["lang"] != lang
    ]
    return {
        "lang": lang,
        "path": path,
        "title": title,
        "description": description,
        "canonical": urls.absolute(site.base_url, path) if alternate_paths is not None else None,
        "alternates": alternates,
        "x_default": site.base_url,
        "switch": switch,
        "nav": nav,
        "csp": CSP,
        "preview": None,  # the page's link preview, when it has one (link_preview)
        "site": {
            "name": pick(inst.name, site, lang),
            "home": link(urls.home(lang)),
            "catalogue": link(urls.catalogue(lang)),
            "verify": link(urls.verify_page(lang)),
            "feed": link(urls.feed(lang)),
            "feed_href": urls.absolute(site.base_url, urls.feed(lang)),
            "catalogue_json": link("catalogue.json"),
            "logo": link(inst.logo) if inst.logo else None,
            "website": inst.website,
            "email": inst.email,
            "phone": inst.phone,
            "contact_url": inst.contact_url,
        },
        "assets": {name: link(out) for name, out in assets.links().items()},
    }


def link_preview(
    site: SiteConfig,
    lang: str,
    url: str,
    title: str,
    description: str,
    image: str,
    alt: str,
) -> dict[str, Any]:
    """What a page tells social sites and chat apps that show a preview of its address
    (OpenGraph and Twitter card tags, templates/base.html): ``url`` is the page's absolute
    address, ``image`` its share image's (1200×630 PNG, exports/share_images.py)."""
    return {
        "title": title,
        "description": shortened(description, PREVIEW_DESCRIPTION),
        "url": url,
        "image": image,
        "alt": alt,
        "width": WIDTH,
        "height": HEIGHT,
        "locale": og_locale(lang),
        "alternate_locales": [og_locale(other) for other in site.languages if other != lang],
        "site_name": pick(site.institution.name, site, lang),
    }


def og_locale(lang: str) -> str:
    return OG_LOCALES.get(lang, lang)


def shortened(text: str, most: int) -> str:
    """``text`` on one line, and if longer than ``most`` characters cut after a word, with an
    ellipsis (textwrap.shorten, at a tenth of its cost: every credential page asks)."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    return text[: most - 1].rsplit(" ", 1)[0] + "…"
