"""``/<lang>/feed.xml``: an Atom feed (RFC 4287) of the published modules in each language,
newest first. Dates come from the content, never from the clock, so a build is reproducible."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from credsite.base import urls
from credsite.build.exports.export import Export
from credsite.build.output import Output
from credsite.build.planning import PlanContext
from credsite.catalogue.achievement import pick
from credsite.catalogue.labels import label
from credsite.catalogue.model import Module, SiteConfig
from credsite.catalogue.views import format_date


def plan(context: PlanContext) -> list[Output]:
    return [
        Output(urls.feed(lang), "feed", feed(context.site, lang, context.modules))
        for lang in context.site.languages
    ]


def feed(site: SiteConfig, lang: str, modules: tuple[Module, ...]) -> dict[str, Any]:
    """One language's feed, newest module first (the slug breaks ties: a stable order)."""
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


def render_feed(output: Output) -> bytes:
    """Atom (RFC 4287): dates are the content's own, at midnight UTC."""
    data = output.data
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{data["lang"]}">',
        f"  <id>{escape(data['id'])}</id>",
        f"  <title>{escape(data['title'])}</title>",
        f"  <updated>{data['updated']}T00:00:00Z</updated>",
        f"  <author><name>{escape(data['author'])}</name></author>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(data["link"])}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(data["id"])}/>',
    ]
    for entry in data["entries"]:
        lines += [
            "  <entry>",
            f"    <id>{escape(entry['id'])}</id>",
            f"    <title>{escape(entry['title'])}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry["id"])}/>',
            f"    <published>{entry['published']}T00:00:00Z</published>",
            f"    <updated>{entry['updated']}T00:00:00Z</updated>",
            f"    <summary>{escape(entry['summary'])}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


EXPORT = Export("atom-feed", plan, {"feed": render_feed})
