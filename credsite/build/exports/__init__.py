"""The catalogue's machine-readable exports, registered in a fixed order.

Each export is a module here that defines ``EXPORT`` (an ``Export``, export.py): a function from
the build's ``PlanContext`` (planning.py) to the files it makes, and a renderer for each kind
of file it alone makes (the sitemap's and the feed's XML, the badge images). ``pages.plan_site``
asks every registered export for its files and ``render.renderers`` takes their renderers from
here, so nothing else in the build names an export.

Adding an export (OOAPI, ELM, ...): a module beside ``catalogue_json.py`` that defines
``EXPORT``, imported and listed in ``EXPORTS`` below; its tests; its line in the README's list
of published files. Registration order is the order the plan lists the files in.

``schema_org.py`` is the one machine-readable form that is not a file: the schema.org Course
each module page embeds, which pages.py asks for.
"""

from __future__ import annotations

from credsite.base.errors import BuildError
from credsite.build.exports import (
    catalogue_json,
    elm,
    feed,
    ooapi,
    open_badges,
    share_images,
    sitemap,
)
from credsite.build.exports.export import Export, Renderer
from credsite.build.output import Output
from credsite.build.planning import PlanContext

__all__ = ["EXPORTS", "Export", "Renderer", "plan", "renderers"]

EXPORTS: tuple[Export, ...] = (
    catalogue_json.EXPORT,
    sitemap.EXPORT,
    feed.EXPORT,
    open_badges.EXPORT,
    elm.EXPORT,
    ooapi.EXPORT,
    share_images.EXPORT,
)


def plan(context: PlanContext) -> list[Output]:
    """Every registered export's files, export by export in registration order."""
    return [output for export in EXPORTS for output in export.plan(context)]


def renderers(registry: tuple[Export, ...] | None = None) -> dict[str, Renderer]:
    """Kind → renderer, for the kinds the exports bring (of ``registry``, by default the
    registered ones). Two exports claiming one kind is a bug in the package: which one renders
    a file must not depend on the registry's order."""
    found: dict[str, Renderer] = {}
    owner: dict[str, str] = {}
    for export in EXPORTS if registry is None else registry:
        for kind, renderer in export.renderers.items():
            if kind in found:
                raise BuildError(
                    f"exports '{owner[kind]}' and '{export.name}' both render kind '{kind}'"
                )
            found[kind], owner[kind] = renderer, export.name
    return found
