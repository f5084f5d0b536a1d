"""Learners' collection pages, ``/l/<id>/`` (what a collection is: credsite/issuer/collections.py).

Planned with the catalogue half, on every build (pages.plan_site): a page depends on its
collection file, the take-downs, the issued credentials and, through ``/l/tracks.json``, the
published tracks, while the credential half is carried from build to build knowing none of
these. A page's data is made in the build's workers from its shared settings
(``CollectionPages``), and its fingerprint is the digest of what it lists, so a build plans a
collection for the cost of reading its file.

The page names no learner and states nothing the signatures do not cover: it links each
credential's page and, in its data island (``#collection-data``), gives its script
(browser/src/pages/collection-page.js) the address of each credential's file (on a packed site:
of the packs' router page, which says where the packs are) and of ``/l/tracks.json``, the
published tracks with their modules' achievement ids and EC (the catalogue's data, public anyway).
The script verifies every credential as its own page would and counts the study load and each
track's progress from the verified credentials alone.

A collection's credentials that were taken down are left out; a collection taken down
(``unpublish``) has no page. ``/l/`` is disallowed in robots.txt and sent with
``X-Robots-Tag: noindex`` (hosting.py), and the page says ``noindex`` itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from credsite.base import urls
from credsite.base.errors import ContentError
from credsite.build.credential_pages import PAGE_CSP, page_script
from credsite.build.layout import page_common
from credsite.build.output import Output, Shared
from credsite.build.pack import pack_digits, pack_outputs
from credsite.build.planning import PlanContext
from credsite.build.theme import AssetSet
from credsite.catalogue.achievement import credits_value, pick
from credsite.catalogue.labels import COLLECTION_LABELS
from credsite.catalogue.model import SiteConfig
from credsite.issuer.collections import Collection, load_collections, unknown_members
from credsite.issuer.status import load_unpublished
from credsite.issuer.store import CREDENTIALS_DIR

TRACKS_FILE = "l/tracks.json"
COLLECTION_PACKS_DIR = "l/packs"
# The texts the page script writes (the rest are in the HTML); its verdict titles are the
# rulebook's, which the script carries.
SCRIPT_TEXTS = ("checking", "checked", "ec", "track_progress")


@dataclass(frozen=True)
class CollectionPages:
    """What every collection page shares: the site's settings and assets, and whether the
    credential pages are packed. The build's workers make each page from it."""

    site: SiteConfig
    assets: AssetSet
    packed: bool
    link_base: str | None = None  # a private site's sealed pages: links from the site's root

    def page_data(self, data: dict[str, Any]) -> dict[str, Any]:
        return collection_page(
            data["id"], data["tokens"], self.site, self.assets, self.packed, self.link_base
        )

    def digest(self) -> str:
        settings = json.dumps(
            [
                dataclasses.asdict(self.site),
                sorted((a.output_path, a.digest) for a in self.assets.assets),
                self.packed,
                self.link_base,
            ],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(settings.encode()).hexdigest()


def plan_collections(context: PlanContext) -> list[Output]:
    """A page for each collection not taken down, listing its credentials not taken down, and
    the tracks' file they read (when there is a page). Raises ContentError on a broken
    collection file, or one that names a credential the site does not hold."""
    root = context.root
    collections, problems = load_collections(root)
    problems += unknown_members(collections, lambda token: _issued(root, token))
    taken_down, more = load_unpublished(root)
    problems += more
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    hidden = {(e.kind, e.credential) for e in taken_down}
    shown = [c for c in collections if ("collection", c.id) not in hidden]
    if not shown:
        return []
    if context.site.private:
        return [
            *_private_pages(context, shown, hidden),
            Output(TRACKS_FILE, "json", tracks_data(context)),
        ]
    maker = CollectionPages(context.site, context.assets, context.packed)
    shared = Shared(maker.digest(), maker)
    pages = [_page(c, hidden, shared) for c in shown]
    return [*pages, Output(TRACKS_FILE, "json", tracks_data(context))]


def _private_pages(
    context: PlanContext, shown: list[Collection], hidden: set[tuple[str, str]]
) -> list[Output]:
    """A private site's collections: each page sealed under its id into ``l/packs/`` as the
    credential pages are (pack.py), and one router page, ``l/index.html``, that reads the id from
    the address's fragment. Nothing in clear names a collection or its credentials."""
    site, base = context.site, urls.root_path(context.site.base_url)
    maker = CollectionPages(site, context.assets, True, link_base=base)
    shared = Shared(maker.digest(), maker)
    members = [(c.id, _page(c, hidden, shared).data) for c in shown]
    outputs = pack_outputs("l", members, shared)
    lang = site.default_language
    texts = _texts(site, lang)
    router = page_common(site, lang, "l/", context.assets, texts["title"], "", None, "collection", link_base=base)  # fmt: skip
    router |= {
        "template": "collection-router.html",
        "noindex": True,
        "referrer": "no-referrer",
        "csp": PAGE_CSP,
        "texts": texts,
        "packs": f"{base}{COLLECTION_PACKS_DIR}/",
        "digits": pack_digits(len(members)),
        **page_script(context.assets, "collection-page.js"),
    }
    outputs.append(Output("l/index.html", "page", router))  # hosting.py sends /l/* here
    return outputs


def _issued(root: Path, token: str) -> bool:
    """A credential file exists: in a whole build the store is checked too (published.py);
    a build that carries the credential half over has no store to ask."""
    return (root / CREDENTIALS_DIR / f"{token}.json").is_file()


def _page(collection: Collection, hidden: set[tuple[str, str]], shared: Shared) -> Output:
    tokens = [t for t in collection.tokens if ("credential", t) not in hidden]
    listed = json.dumps([collection.id, tokens]).encode()
    return Output(
        urls.file_of(urls.collection_page(collection.id)),
        "credential-page",  # a page made in the worker by its shared maker (render.py)
        {"id": collection.id, "tokens": tokens, "digest": hashlib.sha256(listed).hexdigest()},
        shared,
    )


def _texts(site: SiteConfig, lang: str) -> dict[str, str]:
    issuer = pick(site.institution.name, site, lang)
    return {key: text.replace("{issuer}", issuer) for key, text in COLLECTION_LABELS[lang].items()}


def collection_page(
    collection: str,
    tokens: list[str],
    site: SiteConfig,
    assets: AssetSet,
    packed: bool,
    link_base: str | None = None,
) -> dict[str, Any]:
    """Page data for /l/<id>/, in the site's default language (one page per collection: its
    address is the one staff mail to the learner). With ``link_base`` (a private site's page,
    shown by the router at /l/) links start from the site's root path."""
    lang = site.default_language
    path = urls.collection_page(collection)
    texts = _texts(site, lang)
    data = page_common(
        site, lang, path, assets, texts["title"], "", None, "collection", link_base=link_base
    )

    def link(target: str) -> str:
        return link_base + target if link_base is not None else urls.relative(path, target)

    credentials = [
        {
            "token": token,
            "page": link(urls.credential_link(token, site.private)),
            "json": None if packed else link(f"{urls.credential_page(token)}credential.json"),
            "label": texts["credential"].replace("{id}", token[:8]),
        }
        for token in tokens
    ]
    island = {
        "lang": lang,
        "credentials": [{k: c[k] for k in ("token", "page", "json")} for c in credentials],
        "tracks": link(TRACKS_FILE),
        "router": link("c/index.html") if packed else None,
        "texts": {key: texts[key] for key in SCRIPT_TEXTS},
    }
    data |= {
        "template": "collection.html",
        "noindex": True,
        "referrer": "no-referrer",
        "csp": PAGE_CSP,
        "texts": texts,
        "credentials": credentials,
        "collection": island,
        "site_did": urls.did_web(site.canonical_url),
        "site_base": site.canonical_url,
        "site_root": link(""),
        **page_script(assets, "collection-page.js"),
    }
    return data


def tracks_data(context: PlanContext) -> dict[str, Any]:
    """The published tracks as the collection pages' script reads them: each module with its
    Achievement's id in every language (what a credential of it names) and its EC; paths from
    the site's root. The catalogue's data: the same for every collection, public anyway."""
    site = context.site
    lang = site.default_language
    by_slug = {m.slug: m for m in context.modules}
    tracks = []
    for track in context.tracks:
        modules = [by_slug[slug] for slug in track.modules if slug in by_slug]
        entries = [
            {
                "slug": m.slug,
                "ec": credits_value(m.ec) if m.ec is not None else None,
                "achievements": [
                    urls.absolute(site.canonical_url, urls.achievement(other, m.slug))
                    for other in site.languages
                ],
            }
            for m in modules
        ]
        total = sum(m.ec for m in modules if m.ec is not None)
        tracks.append(
            {
                "slug": track.slug,
                "title": pick(track.title, site, lang),
                "url": urls.track_page(lang, track.slug),
                "ec": credits_value(total) if total else None,
                "modules": entries,
            }
        )
    return {"lang": lang, "tracks": tracks}
