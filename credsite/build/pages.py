"""Planning the catalogue half of the site: its HTML pages here, the rest asked of the
modules that own it, the machine-readable exports (exports/) and the host's files (hosting.py).

Planning is cheap and pure; rendering is the expensive part. Because each ``Output`` carries all
the data it is rendered from, outputs can be rendered independently (in parallel) and skipped when
their fingerprint matches the previous build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from credsite.base import urls
from credsite.build import exports
from credsite.build.collection_pages import plan_collections
from credsite.build.credential_pages import verify_page
from credsite.build.exports.schema_org import course_json_ld
from credsite.build.exports.share_images import card_alt, module_share_card, site_share_card
from credsite.build.hosting import plan_host_files
from credsite.build.layout import link_preview
from credsite.build.layout import page_common as _common
from credsite.build.output import Output
from credsite.build.planning import PlanContext
from credsite.build.theme import AssetSet, file_digest
from credsite.catalogue.achievement import pick
from credsite.catalogue.filters import card_filters, catalogue_filters
from credsite.catalogue.labels import label
from credsite.catalogue.model import Content, Module, SiteConfig, Track
from credsite.catalogue.views import module_card, module_detail, text, track_detail


def plan_site(
    content: Content,
    assets: AssetSet,
    root: Path,
    badge_pngs: frozenset[tuple[str, str]] = frozenset(),
    packed: bool = False,
) -> list[Output]:
    """Every file of the catalogue half, in a stable order: the theme's assets, the content
    files the pages show, the HTML pages, every registered export's files and the host's files.
    ``badge_pngs`` and ``packed`` are what the credential half tells the catalogue half (see
    PlanContext): which badges need a PNG, and whether credential pages are packed."""
    context = PlanContext.of(content, assets, root, badge_pngs, packed)
    return [
        *assets.outputs(),
        *_content_files(context),
        *_pages(context),
        *plan_collections(context),
        *exports.plan(context),
        *plan_host_files(context),
    ]


def _pages(context: PlanContext) -> list[Output]:
    """The catalogue's HTML pages in every language, the verify pages and the 404 page."""
    site, assets = context.site, context.assets
    published, tracks = context.modules, context.tracks
    by_slug = {m.slug: m for m in published}
    outputs = [Output("index.html", "page", _root_page(site, assets))]
    for lang in site.languages:
        outputs.append(
            Output(
                urls.file_of(urls.home(lang)),
                "page",
                _home_page(site, lang, published, tracks, assets),
            )
        )
        outputs.append(
            Output(
                urls.file_of(urls.catalogue(lang)),
                "page",
                _catalogue_page(site, lang, published, assets),
            )
        )
        for module in published:
            member_of = [t for t in tracks if module.slug in t.modules]
            outputs.append(
                Output(
                    urls.file_of(urls.module_page(lang, module.slug)),
                    "page",
                    _module_page(site, lang, module, member_of, assets),
                )
            )
        for track in tracks:
            members = [by_slug[s] for s in track.modules]
            outputs.append(
                Output(
                    urls.file_of(urls.track_page(lang, track.slug)),
                    "page",
                    _track_page(site, lang, track, members, assets),
                )
            )
        outputs.append(
            Output(
                urls.file_of(urls.verify_page(lang)),
                "page",
                _with_site_preview(verify_page(site, lang, assets), site, lang),
            )
        )
    outputs.append(Output("404.html", "page", _not_found_page(site, assets, context.packed)))
    return outputs


# -- each page's data ------------------------------------------------------------------------


def _both(site: SiteConfig, make_path: Callable[[str], str]) -> dict[str, str]:
    return {lang: make_path(lang) for lang in site.languages}


def _root_page(site: SiteConfig, assets: AssetSet) -> dict[str, Any]:
    lang = site.default_language
    data = _common(
        site,
        lang,
        "",
        assets,
        pick(site.institution.name, site, lang),
        "",
        _both(site, urls.home),
        "root",
    )
    data["canonical"] = site.base_url
    data["template"] = "root.html"
    intro = text(site.intro, site, lang)
    data["preview"] = _preview(
        site,
        lang,
        data,
        site_share_card(site, lang),
        urls.site_share_image(lang),
        title=f"{data['title']} · {label(lang, 'site_subtitle')}",
        description=intro["text"] if intro else label(lang, "home_what_text"),
    )
    data["choices"] = [
        {
            "lang": other,
            "label": label(other, "language_name"),
            "prompt": label(other, "choose_language"),
            "url": urls.home(other),
        }
        for other in site.languages
    ]
    return data


def _home_page(
    site: SiteConfig,
    lang: str,
    modules: tuple[Module, ...],
    tracks: tuple[Track, ...],
    assets: AssetSet,
) -> dict[str, Any]:
    path = urls.home(lang)
    intro = text(site.intro, site, lang)
    data = _common(
        site,
        lang,
        path,
        assets,
        label(lang, "home_title"),
        intro["text"] if intro else label(lang, "home_what_text"),
        _both(site, urls.home),
        "home",
    )
    recent = sorted(
        modules,
        key=lambda m: (m.published_on.isoformat() if m.published_on else "", m.slug),
        reverse=True,
    )[:6]
    by_slug = {m.slug: m for m in modules}
    data |= {
        "template": "home.html",
        "intro": intro,
        "recent": [module_card(m, site, lang, path) for m in recent],
        "tracks": [
            track_detail(t, [by_slug[s] for s in t.modules], site, lang, path) for t in tracks
        ],
        "module_count": len(modules),
    }
    return _with_site_preview(data, site, lang)


def _catalogue_page(
    site: SiteConfig, lang: str, modules: tuple[Module, ...], assets: AssetSet
) -> dict[str, Any]:
    path = urls.catalogue(lang)
    data = _common(
        site,
        lang,
        path,
        assets,
        label(lang, "catalogue_title"),
        label(lang, "catalogue_intro"),
        _both(site, urls.catalogue),
        "catalogue",
    )
    cards = [
        module_card(m, site, lang, path) | {"filters": card_filters(m, site, lang)}
        for m in sorted(modules, key=lambda m: pick(m.title, site, lang).lower())
    ]
    data |= {
        "template": "catalogue.html",
        "modules": cards,
        "filters": catalogue_filters(site, lang, modules),
        "starting_soon_days": site.starting_soon_days,
    }
    return _with_site_preview(data, site, lang)


def _module_page(
    site: SiteConfig, lang: str, module: Module, tracks: list[Track], assets: AssetSet
) -> dict[str, Any]:
    path = urls.module_page(lang, module.slug)
    detail = module_detail(module, site, lang, tracks, path)
    title = pick(module.title, site, lang)
    data = _common(
        site,
        lang,
        path,
        assets,
        title,
        pick(module.summary, site, lang),
        _both(site, lambda other: urls.module_page(other, module.slug)),
        "catalogue",
    )
    data |= {
        "template": "module.html",
        "module": detail,
        "certifies": label(lang, "certifies_text", issuer=pick(site.institution.name, site, lang)),
        "json_ld": course_json_ld(module, site, lang),
    }
    data["preview"] = _preview(
        site, lang, data, module_share_card(module, site, lang), urls.share_image(lang, module.slug)
    )
    return data


def _track_page(
    site: SiteConfig, lang: str, track: Track, members: list[Module], assets: AssetSet
) -> dict[str, Any]:
    path = urls.track_page(lang, track.slug)
    data = _common(
        site,
        lang,
        path,
        assets,
        pick(track.title, site, lang),
        pick(track.summary, site, lang),
        _both(site, lambda other: urls.track_page(other, track.slug)),
        "catalogue",
    )
    data |= {"template": "track.html", "track": track_detail(track, members, site, lang, path)}
    return _with_site_preview(data, site, lang)


def _with_site_preview(data: dict[str, Any], site: SiteConfig, lang: str) -> dict[str, Any]:
    """A page that shows no one module is previewed with the site's own share image."""
    data["preview"] = _preview(
        site, lang, data, site_share_card(site, lang), urls.site_share_image(lang)
    )
    return data


def _preview(
    site: SiteConfig,
    lang: str,
    data: dict[str, Any],
    card: dict[str, str],
    image: str,
    title: str | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    """A page's link preview: its canonical address, its title as the browser shows it (or
    ``title``), its description (or ``description``), and the share image at ``image``, which
    shows ``card``."""
    return link_preview(
        site,
        lang,
        data["canonical"],
        title or f"{data['title']} · {data['site']['name']}",
        data["description"] if description is None else description,
        urls.absolute(site.base_url, image),
        card_alt(card),
    )


def _not_found_page(site: SiteConfig, assets: AssetSet, packed: bool = False) -> dict[str, Any]:
    lang = site.default_language
    base = urls.root_path(site.base_url)
    data = _common(
        site, lang, "404.html", assets, label(lang, "not_found_title"), "", None, "", link_base=base
    )
    data |= {
        "template": "404.html",
        "noindex": True,
        # It answers a learner's old link on hosts without rewrites: its requests (styles,
        # script, the forward) must not carry that address on (docs/verification.md).
        "referrer": "no-referrer",
        # assets/site.js sends a link in another mode's form to this site's (a site switched
        # to or from private mode: docs/publishing.md): path, query (packed) or fragment.
        "link_forms": {
            "credential": f"{base}c/",
            "collection": f"{base}l/",
            "form": "fragment" if site.private else "query" if packed else "path",
        },
        "messages": [
            {
                "lang": other,
                "title": label(other, "not_found_title"),
                "text": label(other, "not_found_text"),
                "home": base + urls.home(other),
                "home_label": label(other, "nav_catalogue"),
                "catalogue": base + urls.catalogue(other),
            }
            for other in site.languages
        ],
    }
    return data


def _content_files(context: PlanContext) -> list[Output]:
    """Images from content/ and the logo, copied under the same relative path."""
    files = {f"content/{m.image}": urls.content_file(m.image) for m in context.modules if m.image}
    files |= {f"content/{t.image}": urls.content_file(t.image) for t in context.tracks if t.image}
    logo = context.site.institution.logo
    if logo and logo not in {a.output_path for a in context.assets.assets}:
        files[logo] = logo
    root = context.root
    return [
        Output(target, "copy", {"source": str(root / source), "digest": file_digest(root / source)})
        for source, target in sorted(files.items())
    ]
