"""``/sitemap.xml``: the catalogue's pages for search engines, each with its address in every
language (``xhtml:link`` alternates). Credential pages are personal data and never listed."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from credsite.base import urls
from credsite.build.exports.export import Export
from credsite.build.output import Output
from credsite.build.planning import PlanContext
from credsite.catalogue.model import SiteConfig


def plan(context: PlanContext) -> list[Output]:
    return [Output("sitemap.xml", "sitemap", sitemap(context))]


def sitemap(context: PlanContext) -> dict[str, Any]:
    """Groups of one page in every language, with the day its content last changed."""
    site = context.site
    groups: list[dict[str, Any]] = [
        {"paths": _in_every_language(site, urls.home), "lastmod": None},
        {"paths": _in_every_language(site, urls.catalogue), "lastmod": None},
    ]
    for m in context.modules:
        day = m.updated_on or m.published_on
        groups.append(
            {
                "paths": _in_every_language(site, partial(urls.module_page, slug=m.slug)),
                "lastmod": day.isoformat() if day else None,
            }
        )
    for t in context.tracks:
        groups.append(
            {
                "paths": _in_every_language(site, partial(urls.track_page, slug=t.slug)),
                "lastmod": t.published_on.isoformat() if t.published_on else None,
            }
        )
    return {"base_url": site.base_url, "groups": groups}


def _in_every_language(site: SiteConfig, make_path: Callable[[str], str]) -> dict[str, str]:
    return {lang: make_path(lang) for lang in site.languages}


def render_sitemap(output: Output) -> bytes:
    data = output.data
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for group in data["groups"]:
        for _, path in sorted(group["paths"].items()):
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(data['base_url'] + path)}</loc>")
            if group["lastmod"]:
                lines.append(f"    <lastmod>{group['lastmod']}</lastmod>")
            for lang, other in sorted(group["paths"].items()):
                href = quoteattr(data["base_url"] + other)
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


EXPORT = Export("sitemap.xml", plan, {"sitemap": render_sitemap})
