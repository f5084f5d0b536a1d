"""Link preview images: the picture social sites and chat apps show when a page's address is
shared (OpenGraph ``og:image``, ``twitter:image``), one card per module and language, and one
per language for the pages that show no one module (share_card.py draws them).

A card shows its module's title, study load and EQF level, in the page's language, under the
institution's name and logo, in the theme's colours. The colours are read from the theme's
stylesheets, where institutions set them (``--brand``, ``--brand-dark`` and ``--accent`` in a
top-level ``:root`` rule of ``style.css`` or ``theme.css``, docs/theming.md); the logo is the
one site.yaml names, when it is a raster image (Pillow draws no SVG).

Cards are planned like every other file: all a card shows is in its ``Output``, and what all
cards share (colours and logo) is one ``Shared`` named by a digest of it, so a rebuild draws a
card again only when its module's title, load or level, the institution's name, the colours or
the logo's bytes changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from credsite.base import urls
from credsite.build.exports.export import Export
from credsite.build.output import Output, Shared
from credsite.build.planning import PlanContext
from credsite.build.share_card import RGB, CardStyle, card_png
from credsite.build.theme import AssetSet, file_digest
from credsite.catalogue.achievement import pick
from credsite.catalogue.labels import label
from credsite.catalogue.model import Module, SiteConfig
from credsite.catalogue.views import study_load

# The default theme's (assets/style.css), for a site whose stylesheets set none.
DEFAULT_COLOURS = {"brand": "#0b4f6c", "dark": "#073548", "accent": "#b3261e"}
_PROPERTIES = {"--brand": "brand", "--brand-dark": "dark", "--accent": "accent"}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
RASTER_LOGOS = (".png", ".jpg", ".jpeg", ".webp")


def plan(context: PlanContext) -> list[Output]:
    """A card per language for the site, and per published module and language; an archived
    module gets the cards of the languages its credentials are in, as their pages show them
    (``PlanContext.badge_pngs``: the same pairs that get a PNG badge)."""
    site = context.site
    style = Shared(*_style(context))
    published = {m.slug for m in context.modules}
    outputs = []
    for lang in site.languages:
        outputs.append(
            Output(urls.site_share_image(lang), "share-png", site_share_card(site, lang), style)
        )
        for module in context.content.modules:
            if module.slug in published or (
                module.status != "draft" and (module.slug, lang) in context.badge_pngs
            ):
                card = module_share_card(module, site, lang)
                outputs.append(
                    Output(urls.share_image(lang, module.slug), "share-png", card, style)
                )
    return outputs


def module_share_card(module: Module, site: SiteConfig, lang: str) -> dict[str, str]:
    """What a module's card shows in ``lang``: its title, study load and EQF level."""
    return {
        "header": pick(site.institution.name, site, lang),
        "title": pick(module.title, site, lang),
        "facts": f"{study_load(module, lang)['text']} · EQF {module.eqf_level}",
    }


def site_share_card(site: SiteConfig, lang: str) -> dict[str, str]:
    """What the site's own card shows: what it offers, and its web address."""
    address = urlsplit(site.canonical_url)
    return {
        "header": pick(site.institution.name, site, lang),
        "title": label(lang, "site_subtitle"),
        "facts": (address.netloc + address.path).rstrip("/"),
    }


def card_alt(card: dict[str, str]) -> str:
    """A card's text alternative: what it says, the title first."""
    return " · ".join(text for text in (card["title"], card["facts"], card["header"]) if text)


def render_share_png(output: Output) -> bytes:
    assert output.shared is not None, "a share image is planned with the site's card style"
    card = output.data
    return card_png(card["header"], card["title"], card["facts"], output.shared.value)


def _style(context: PlanContext) -> tuple[str, CardStyle]:
    """The site's card style and the digest that names it (not the logo's path: its bytes)."""
    colours = theme_colours(context.assets)
    logo, logo_digest = _logo(context)
    style = CardStyle(
        _rgb(colours["brand"]), _rgb(colours["dark"]), _rgb(colours["accent"]), logo, logo_digest
    )
    named = json.dumps([colours, logo_digest], sort_keys=True)
    return hashlib.sha256(named.encode()).hexdigest(), style


def theme_colours(assets: AssetSet) -> dict[str, str]:
    """The brand colours the theme's stylesheets set, ``theme.css`` over ``style.css``, over
    DEFAULT_COLOURS. Only plain hex colours in a top-level ``:root`` rule count: a value that
    refers to another property, or one inside ``@media``, cannot be read without a browser."""
    colours = dict(DEFAULT_COLOURS)
    sources = {asset.name: asset.source for asset in assets.assets}
    for name in ("style.css", "theme.css"):
        if name in sources:
            colours |= root_colours(sources[name].read_text(encoding="utf-8", errors="replace"))
    return colours


def root_colours(css: str) -> dict[str, str]:
    """``--brand``, ``--brand-dark`` and ``--accent`` as the top-level ``:root`` rules of a
    stylesheet set them (the last one wins, as in the browser), by their names in
    DEFAULT_COLOURS."""
    found: dict[str, str] = {}
    for selector, body in _top_level_rules(_COMMENT.sub("", css)):
        if selector != ":root":
            continue
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            value = value.strip()
            if name.strip() in _PROPERTIES and _HEX.fullmatch(value):
                found[_PROPERTIES[name.strip()]] = value.lower()
    return found


def _top_level_rules(css: str) -> list[tuple[str, str]]:
    """Each top-level rule's selector and body; the rules inside an at-rule's braces are part
    of its body, not rules of their own."""
    rules = []
    depth, start, selector = 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selector, start = css[start:index].strip(), index + 1
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                rules.append((selector, css[start:index]))
                start = index + 1
        elif char == ";" and depth == 0:  # a top-level statement (@import ...;)
            start = index + 1
    return rules


def _rgb(colour: str) -> RGB:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _logo(context: PlanContext) -> tuple[str | None, str]:
    """The logo's file and digest when the card can draw it: a raster image, from the theme's
    assets or the site's content (as pages.py copies it)."""
    logo = context.site.institution.logo
    if not logo or PurePosixPath(logo).suffix.lower() not in RASTER_LOGOS:
        return None, ""
    asset = next((a for a in context.assets.assets if a.output_path == logo), None)
    if asset is not None:
        return str(asset.source), asset.digest
    path = Path(context.root, logo)
    return str(path), file_digest(path)


EXPORT = Export("link-previews", plan, {"share-png": render_share_png})
