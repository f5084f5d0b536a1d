"""Planning the site: which files it has and the data each is made from.

Planning is cheap and pure; rendering is the expensive part. Because each ``Output`` carries all
the data it is rendered from, outputs can be rendered independently (in parallel) and skipped when
their fingerprint matches the previous build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from credsite.base import urls
from credsite.build.badges import badge_facts
from credsite.build.credential_pages import PAGE_CSP, credential_page, verify_page
from credsite.build.output import Output, Shared
from credsite.build.pack import PACKS_DIR, pack_digits, pack_name
from credsite.build.theme import AssetSet, file_digest
from credsite.catalogue.achievement import build_achievement, pick, standalone
from credsite.catalogue.labels import label
from credsite.catalogue.model import Content, Module, SiteConfig, Text, Track
from credsite.catalogue.views import (
    format_date,
    format_number,
    module_card,
    module_detail,
    study_load,
    text,
    track_detail,
)
from credsite.catalogue.vocab import ASSESSMENT_TYPES, ISCED_F, LANGUAGES, PARTICIPATION
from credsite.issuer.status import TTL_MS
from credsite.issuer.store import StoredCredential, read_checked

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


def plan_site(
    content: Content,
    assets: AssetSet,
    root: Path,
    badge_pngs: frozenset[tuple[str, str]] = frozenset(),
    packed: bool = False,
) -> list[Output]:
    """Every file of the catalogue site, in a stable order. ``badge_pngs`` are the (module,
    language) pairs with issued credentials: only they need the PNG badge (credentials show it,
    and the page bakes downloads into it); everything else uses the SVG, which costs nothing.
    With ``packed``, the 404 page sends credential addresses to the packed pages' router."""
    site = content.site
    published = content.published_modules()
    tracks = content.published_tracks()
    by_slug = {m.slug: m for m in published}
    outputs: list[Output] = [*assets.outputs(), *_content_files(content, assets, root)]
    outputs.append(Output("index.html", "page", _root_page(site, assets)))
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
            image = urls.absolute(site.canonical_url, urls.badge(lang, module.slug, "svg"))
            outputs.append(
                Output(
                    urls.achievement(lang, module.slug),
                    "json",
                    standalone(build_achievement(module, site, lang, image)),
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
        outputs.append(Output(urls.feed(lang), "feed", _feed(site, lang, published)))
        outputs.append(
            Output(
                urls.file_of(urls.verify_page(lang)),
                "page",
                verify_page(site, lang, assets, _common),
            )
        )
        for module in content.modules:
            if module.status != "draft":  # archived modules' credentials still show their badge
                facts = _badge_facts(module, site, lang)
                outputs.append(Output(urls.badge(lang, module.slug, "svg"), "badge-svg", facts))
                if (module.slug, lang) in badge_pngs:
                    outputs.append(Output(urls.badge(lang, module.slug, "png"), "badge-png", facts))
    outputs.append(Output("404.html", "page", _not_found_page(site, assets, packed)))
    outputs.append(Output("catalogue.json", "json", _catalogue_json(site, published, tracks)))
    outputs.append(Output("sitemap.xml", "sitemap", _sitemap(site, published, tracks)))
    outputs.append(Output("robots.txt", "text", {"text": _robots(site)}))
    outputs.append(Output("_headers", "text", {"text": headers_file(site, assets)}))
    return outputs


# -- shared page data ----------------------------------------------------------------------


def _common(
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


def _both(site: SiteConfig, make_path: Callable[[str], str]) -> dict[str, str]:
    return {lang: make_path(lang) for lang in site.languages}


# -- pages -----------------------------------------------------------------------------------


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
    return data


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
        module_card(m, site, lang, path)
        for m in sorted(modules, key=lambda m: pick(m.title, site, lang).lower())
    ]
    data |= {
        "template": "catalogue.html",
        "modules": cards,
        "filters": _filter_options(site, lang, modules),
        "starting_soon_days": site.starting_soon_days,
    }
    return data


def _filter_options(site: SiteConfig, lang: str, modules: tuple[Module, ...]) -> dict[str, Any]:
    """Only values some module has: an option that can never match is noise."""
    languages = sorted({c for m in modules for c in m.language})
    participation = [c for c in PARTICIPATION if any(c in m.participation for m in modules)]
    assessment = [c for c in ASSESSMENT_TYPES if any(c in m.assessment_type for m in modules)]
    fields = sorted({m.field_of_study[:2] for m in modules if m.field_of_study})
    faculties = sorted({pick(m.faculty, site, lang) for m in modules if m.faculty})
    ecs = [float(m.ec) for m in modules if m.ec is not None]
    return {
        "eqf": sorted({m.eqf_level for m in modules}),
        "language": [{"code": c, "name": LANGUAGES[c][lang]} for c in languages],
        "participation": [{"code": c, "name": PARTICIPATION[c][lang]} for c in participation],
        "assessment": [{"code": c, "name": ASSESSMENT_TYPES[c][lang]} for c in assessment],
        "field": [{"code": c, "name": ISCED_F[c][lang]} for c in fields],
        "faculty": faculties,
        "ec_min": format_number(Decimal(str(min(ecs))), lang) if ecs else "3",
        "ec_max": format_number(Decimal(str(max(ecs))), lang) if ecs else "30",
    }


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
    return data


def _not_found_page(site: SiteConfig, assets: AssetSet, packed: bool = False) -> dict[str, Any]:
    lang = site.default_language
    base = urls.root_path(site.base_url)
    data = _common(
        site, lang, "404.html", assets, label(lang, "not_found_title"), "", None, "", link_base=base
    )
    data |= {
        "template": "404.html",
        "noindex": True,
        "credential_router": f"{base}c/" if packed else None,
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


# -- machine-readable outputs ---------------------------------------------------------------


def course_json_ld(module: Module, site: SiteConfig, lang: str) -> dict[str, Any]:
    """schema.org Course for search engines, with its offerings and the credential it leads to."""
    page = urls.absolute(site.base_url, urls.module_page(lang, module.slug))
    provider = {
        "@type": "CollegeOrUniversity",
        "name": pick(site.institution.name, site, lang),
        "url": site.institution.website or site.base_url,
    }
    course: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": page,
        "url": page,
        "name": pick(module.title, site, lang),
        "description": pick(module.summary, site, lang),
        "inLanguage": list(module.language),
        "provider": provider,
        "educationalLevel": f"EQF {module.eqf_level}",
        "teaches": list(module.learning_outcomes.get(lang, site.language_order(lang))[0]),
        "educationalCredentialAwarded": {
            "@type": "EducationalOccupationalCredential",
            "name": pick(module.title, site, lang),
            "credentialCategory": "Micro-credential",
            "url": urls.absolute(site.base_url, urls.achievement(lang, module.slug)),
            "recognizedBy": {
                "@type": "Organization",
                "name": pick(module.quality_assurance.name, site, lang),
            },
        },
    }
    if module.course_code:
        course["courseCode"] = module.course_code
    if module.ec is not None:
        course["numberOfCredits"] = {
            "@type": "StructuredValue",
            "value": float(module.ec),
            "unitText": "ECTS",
        }
    else:
        course["timeRequired"] = f"PT{module.hours}H"
    if module.prerequisites:
        course["coursePrerequisites"] = pick(module.prerequisites, site, lang)
    if module.field_of_study:
        course["about"] = ISCED_F[module.field_of_study][lang]
    instances, offers = [], []
    for offering in module.offerings:
        instance: dict[str, Any] = {
            "@type": "CourseInstance",
            "startDate": offering.start.isoformat(),
            "courseMode": offering.mode or module.participation[0],
        }
        if offering.end:
            instance["endDate"] = offering.end.isoformat()
        if offering.location:
            instance["location"] = {"@type": "Place", "name": offering.location}
        instances.append(instance)
        if offering.price is not None:
            offer = {
                "@type": "Offer",
                "price": format(offering.price, "f"),
                "priceCurrency": offering.currency,
                "category": "Paid" if offering.price else "Free",
            }
            if offering.enrol_url:
                offer["url"] = offering.enrol_url
            offers.append(offer)
    if instances:
        course["hasCourseInstance"] = instances
    if offers:
        course["offers"] = offers
    return course


def _catalogue_json(
    site: SiteConfig, modules: tuple[Module, ...], tracks: tuple[Track, ...]
) -> dict[str, Any]:
    """All published modules as data, for other systems (and for the national overview)."""

    def per_lang(value: Text | None) -> dict[str, str] | None:
        return {lang: pick(value, site, lang) for lang in site.languages} if value else None

    def links(make: Callable[[str], str]) -> dict[str, str]:
        return {lang: urls.absolute(site.base_url, make(lang)) for lang in site.languages}

    return {
        "issuer": {
            "id": urls.did_web(site.canonical_url),
            "name": per_lang(site.institution.name),
            "country": site.institution.country,
        },
        "modules": [
            {
                "slug": m.slug,
                "course_code": m.course_code,
                "title": per_lang(m.title),
                "summary": per_lang(m.summary),
                "page": links(partial(urls.module_page, slug=m.slug)),
                "achievement": links(partial(urls.achievement, slug=m.slug)),
                "ec": float(m.ec) if m.ec is not None else None,
                "hours": m.hours,
                "eqf_level": m.eqf_level,
                "nlqf_level": m.nlqf_level,
                "language": list(m.language),
                "participation": list(m.participation),
                "assessment_type": list(m.assessment_type),
                "field_of_study": m.field_of_study,
                "stackable": m.stackable,
                "offerings": [
                    {
                        "start": o.start.isoformat(),
                        "end": o.end.isoformat() if o.end else None,
                        "mode": o.mode,
                        "location": o.location,
                        "price": format(o.price, "f") if o.price is not None else None,
                        "currency": o.currency,
                        "enrol_url": o.enrol_url,
                    }
                    for o in m.offerings
                ],
                "published_on": m.published_on.isoformat() if m.published_on else None,
            }
            for m in modules
        ],
        "tracks": [
            {
                "slug": t.slug,
                "title": per_lang(t.title),
                "modules": list(t.modules),
                "page": links(partial(urls.track_page, slug=t.slug)),
            }
            for t in tracks
        ],
    }


def _sitemap(
    site: SiteConfig, modules: tuple[Module, ...], tracks: tuple[Track, ...]
) -> dict[str, Any]:
    """Catalogue pages only; credential pages are personal data and never listed."""
    groups: list[dict[str, Any]] = [
        {"paths": _both(site, urls.home), "lastmod": None},
        {"paths": _both(site, urls.catalogue), "lastmod": None},
    ]
    for m in modules:
        day = m.updated_on or m.published_on
        groups.append(
            {
                "paths": _both(site, partial(urls.module_page, slug=m.slug)),
                "lastmod": day.isoformat() if day else None,
            }
        )
    for t in tracks:
        groups.append(
            {
                "paths": _both(site, partial(urls.track_page, slug=t.slug)),
                "lastmod": t.published_on.isoformat() if t.published_on else None,
            }
        )
    return {"base_url": site.base_url, "groups": groups}


def _feed(site: SiteConfig, lang: str, modules: tuple[Module, ...]) -> dict[str, Any]:
    """Newest modules first; dates come from the content, never from the clock."""
    entries = []
    for m in sorted(modules, key=lambda m: (m.published_on, m.slug), reverse=True):
        published = m.published_on
        assert published is not None, "content.py requires published_on of a published module"
        updated = m.updated_on or published
        entries.append(
            {
                "id": urls.absolute(site.base_url, urls.module_page(lang, m.slug)),
                "title": pick(m.title, site, lang),
                "summary": pick(m.summary, site, lang),
                "published": published.isoformat(),
                "updated": updated.isoformat(),
                "published_text": format_date(published, lang),
            }
        )
    name = pick(site.institution.name, site, lang)
    return {
        "lang": lang,
        "id": urls.absolute(site.base_url, urls.feed(lang)),
        "title": label(lang, "feed_title", issuer=name),
        "author": name,
        "link": urls.absolute(site.base_url, urls.home(lang)),
        "updated": max((e["updated"] for e in entries), default="1970-01-01"),
        "entries": entries,
    }


def headers_file(site: SiteConfig, assets: AssetSet) -> str:
    """HTTP headers for hosts that read a ``_headers`` file (Netlify, Cloudflare Pages and
    others): the CSP as a header (which also carries frame-ancestors, impossible in a meta tag),
    CORS on the DID document and status lists so any verifier's page can read them, caching that
    matches the status lists' ttl, and long caching for content-hashed assets."""
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
    lines += [
        f"{root}status/*",
        "  Access-Control-Allow-Origin: *",
        f"  Cache-Control: public, max-age={ttl}",
        "",
    ]
    for asset in assets.assets:
        if asset.output_path != f"assets/{asset.name}":  # content-hashed: never changes
            lines += [
                f"{root}{asset.output_path}",
                "  Cache-Control: public, max-age=31536000, immutable",
                "",
            ]
    return "\n".join(lines)


def _robots(site: SiteConfig) -> str:
    root = urls.root_path(site.base_url)
    return (
        f"User-agent: *\nAllow: {root}\nDisallow: {root}c/\n\nSitemap: {site.base_url}sitemap.xml\n"
    )


def _badge_facts(module: Module, site: SiteConfig, lang: str) -> dict[str, Any]:
    load = study_load(module, lang)["text"]
    return badge_facts(
        pick(module.title, site, lang),
        pick(site.institution.name, site, lang),
        load,
        f"EQF {module.eqf_level}",
    )


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
        return credential_page(data["token"], raw, self.site, self.assets, _common, self.link_base)

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
    digits = pack_digits(len(credentials))
    packs: dict[str, list[list[str]]] = {}
    for c in credentials:
        packs.setdefault(pack_name(c.token, digits), []).append(
            [c.token, f"{c.root}/{c.path}", c.digest]
        )
    outputs = [
        Output(
            f"{PACKS_DIR}/{name}.json",
            "credential-pack",
            {"members": sorted(members)},
            shared,
        )
        for name, members in sorted(packs.items())
    ]
    router = _common(
        site, site.default_language, "c/", assets, label(site.default_language, "credential_heading"),
        "", None, "credential", link_base=base,
    )  # fmt: skip
    router |= {
        "template": "credential-router.html",
        "noindex": True,
        "csp": PAGE_CSP,
        "packs": f"{base}{PACKS_DIR}/",
        "digits": digits,
    }
    outputs.append(Output("c/index.html", "page", router))
    outputs.append(Output("_redirects", "text", {"text": f"{base}c/*  {base}c/index.html  200\n"}))
    return outputs


def _content_files(content: Content, assets: AssetSet, root: Path) -> list[Output]:
    """Images from content/ and the logo, copied under the same relative path."""
    files = {
        f"content/{m.image}": urls.content_file(m.image)
        for m in content.published_modules()
        if m.image
    }
    files |= {
        f"content/{t.image}": urls.content_file(t.image)
        for t in content.published_tracks()
        if t.image
    }
    logo = content.site.institution.logo
    if logo and logo not in {a.output_path for a in assets.assets}:
        files[logo] = logo
    return [
        Output(target, "copy", {"source": str(root / source), "digest": file_digest(root / source)})
        for source, target in sorted(files.items())
    ]
