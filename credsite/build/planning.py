"""What every planner of the catalogue half is given: one typed context, made once per build.

The catalogue's HTML pages (pages.py), its machine-readable exports (exports/) and the host's
files (hosting.py) are each planned from this, so a new planner asks for nothing the others
were not given, and the published modules and tracks are selected once, the same for all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from credsite.build.theme import AssetSet
from credsite.catalogue.model import Content, Module, SiteConfig, Track


@dataclass(frozen=True)
class PlanContext:
    """The validated content, what the build adds to it, and the published selection of it.

    ``badge_pngs`` are the (module, language) pairs with issued credentials: only they need the
    PNG badge. ``packed``: credential pages are in packs (build --pack), shown by a router page.
    """

    content: Content
    assets: AssetSet
    root: Path  # the site's source folder: content files are copied from under it
    badge_pngs: frozenset[tuple[str, str]]
    packed: bool
    modules: tuple[Module, ...]  # published, in content order
    tracks: tuple[Track, ...]  # published, in content order

    @classmethod
    def of(
        cls,
        content: Content,
        assets: AssetSet,
        root: Path,
        badge_pngs: frozenset[tuple[str, str]] = frozenset(),
        packed: bool = False,
    ) -> PlanContext:
        return cls(
            content,
            assets,
            root,
            badge_pngs,
            packed,
            content.published_modules(),
            content.published_tracks(),
        )

    @property
    def site(self) -> SiteConfig:
        return self.content.site
