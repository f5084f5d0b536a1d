"""Open Badges 3.0: each published module's ``Achievement`` as a file of its own, the definition
issued credentials embed and point to, and the badge image of each module in each language.

The badge is drawn as SVG for every module a credential may name (archived ones too: their
credentials still show it); the PNG, which costs a drawing, only for the (module, language)
pairs with issued credentials (``PlanContext.badge_pngs``), which show it and bake it.
"""

from __future__ import annotations

from typing import Any

from credsite.base import urls
from credsite.build.badges import badge_facts, badge_png, badge_svg
from credsite.build.exports.export import Export
from credsite.build.output import Output
from credsite.build.planning import PlanContext
from credsite.catalogue.achievement import build_achievement, pick, standalone
from credsite.catalogue.model import Module, SiteConfig
from credsite.catalogue.views import study_load


def plan(context: PlanContext) -> list[Output]:
    site = context.site
    outputs = []
    for lang in site.languages:
        for module in context.modules:
            image = urls.absolute(site.canonical_url, urls.badge(lang, module.slug, "svg"))
            outputs.append(
                Output(
                    urls.achievement(lang, module.slug),
                    "json",
                    standalone(build_achievement(module, site, lang, image)),
                )
            )
        for module in context.content.modules:
            if module.status != "draft":
                facts = _badge_facts(module, site, lang)
                outputs.append(Output(urls.badge(lang, module.slug, "svg"), "badge-svg", facts))
                if (module.slug, lang) in context.badge_pngs:
                    outputs.append(Output(urls.badge(lang, module.slug, "png"), "badge-png", facts))
    return outputs


def _badge_facts(module: Module, site: SiteConfig, lang: str) -> dict[str, Any]:
    load = study_load(module, lang)["text"]
    return badge_facts(
        pick(module.title, site, lang),
        pick(site.institution.name, site, lang),
        load,
        f"EQF {module.eqf_level}",
    )


def render_badge_svg(output: Output) -> bytes:
    return badge_svg(output.data).encode("utf-8")


def render_badge_png(output: Output) -> bytes:
    return badge_png(output.data)


EXPORT = Export("open-badges", plan, {"badge-svg": render_badge_svg, "badge-png": render_badge_png})
