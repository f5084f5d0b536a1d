"""The theme: templates and static assets, with a site's own files taking precedence.

An institution changes its logo, colours or footer by putting a file with the same name in its
own ``templates/`` or ``assets/``; everything else comes from credsite's default theme (the
installed package's or a source checkout's: resources.py). Styles and scripts get a content hash
in their name so browsers may cache them forever.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from credsite.build.output import Output
from credsite.build.resources import default_theme, theme_folder

DEFAULT_THEME = default_theme()
HASHED_SUFFIXES = (".css", ".js")
# The page scripts' chunks (browser/build.mjs): already named by their content, and imported by
# those names from the page scripts, so they keep them.
CONTENT_NAMED = "chunks/"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Asset:
    name: str  # logical name, e.g. 'style.css' or 'images/x.svg'
    source: Path
    digest: str

    @property
    def content_named(self) -> bool:
        """Whether the output's name changes with its content, so it may be cached forever."""
        return self.name.startswith(CONTENT_NAMED) or self.output_path != f"assets/{self.name}"

    @property
    def output_path(self) -> str:
        stem, dot, suffix = self.name.rpartition(".")
        if dot and f".{suffix}" in HASHED_SUFFIXES and not self.name.startswith(CONTENT_NAMED):
            return f"assets/{stem}.{self.digest[:10]}.{suffix}"
        return f"assets/{self.name}"


@dataclass(frozen=True)
class AssetSet:
    assets: tuple[Asset, ...]

    def outputs(self) -> list[Output]:
        return [
            Output(a.output_path, "copy", {"source": str(a.source), "digest": a.digest})
            for a in self.assets
        ]

    def links(self) -> dict[str, str]:
        """Logical name → output path, for templates (``assets['style.css']``)."""
        return {a.name: a.output_path for a in self.assets}


def theme_dirs(root: Path, folder: str) -> list[Path]:
    """The site's own folder first, then the default theme's (once, if they are the same)."""
    dirs = [root / folder, theme_folder(folder)]
    unique: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [u.resolve() for u in unique]:
            unique.append(d)
    return unique


def collect_assets(root: Path, extra: dict[str, Path] | None = None) -> AssetSet:
    """The theme's assets, plus ``extra`` generated ones (the bundled page scripts)."""
    chosen: dict[str, Path] = dict(extra or {})
    for directory in theme_dirs(root, "assets"):
        for path in sorted(directory.rglob("*")):
            name = path.relative_to(directory).as_posix()
            if path.is_file() and name not in chosen and not name.startswith("."):
                chosen[name] = path
    return AssetSet(
        tuple(Asset(name, path, file_digest(path)) for name, path in sorted(chosen.items()))
    )
