"""``/catalogue.json``: every published module and track as data, for other systems (and for
the national overview), with each text in every language of the site."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from credsite.base import urls
from credsite.build.exports.export import Export
from credsite.build.output import Output
from credsite.build.planning import PlanContext
from credsite.catalogue.achievement import pick
from credsite.catalogue.model import Module, SiteConfig, Text, Track


def plan(context: PlanContext) -> list[Output]:
    return [
        Output(
            "catalogue.json", "json", catalogue_json(context.site, context.modules, context.tracks)
        )
    ]


def catalogue_json(
    site: SiteConfig, modules: tuple[Module, ...], tracks: tuple[Track, ...]
) -> dict[str, Any]:
    """The file's data, plain JSON (the generic ``json`` renderer writes it)."""

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


EXPORT = Export("catalogue.json", plan)
