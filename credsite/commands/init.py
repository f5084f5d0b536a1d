"""``init DIR``: a new institution repository that passes ``check`` and builds as it is.

It holds a site.yaml to fill in, one example module, the theme files an institution most often
overrides (theme.css, the footer), a .gitignore that keeps keys, results lists, mail-merge files
and build output out of git, CI files for GitHub Pages and GitLab Pages, and a requirements.txt
that pins the credsite running ``init``: the version the new site is known to pass ``check``
with, which the CI files install and staff upgrade by editing that one line.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from credsite import __version__
from credsite.base.errors import ConfigError
from credsite.build.theme import DEFAULT_THEME
from credsite.commands.common import Commands

SCAFFOLD = Path(__file__).resolve().parents[1] / "scaffold"

# scaffold file -> its place in the new repository
FILES = {
    "site.yaml": "site.yaml",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "content/modules/example-module.md": "content/modules/example-module.md",
    "github/workflows/publish.yml": ".github/workflows/publish.yml",
    "github/workflows/renew-status-lists.yml": ".github/workflows/renew-status-lists.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}
# scaffold file -> its place, with ``{version}`` replaced by the credsite version running init
PINNED = {"requirements.txt": "requirements.txt"}
# credsite's own theme files that are meant to be overridden, copied as a starting point
THEME_FILES = ("assets/theme.css", "templates/partials/footer.html")
FOLDERS = ("content/tracks", "content/images", "content/credentials")


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "init",
        help="start a new institution repository",
        description="Create a new site repository in DIR: site.yaml to fill in, one example module, the theme files you may override (assets/theme.css, templates/partials/footer.html), a .gitignore that keeps keys, results and mail-merge files out of git, CI files for GitHub Pages and GitLab Pages, and a requirements.txt that pins this credsite version for them. It passes check and builds as it is.",
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    written = init(args.dir)
    print(f"created {len(written)} files in {args.dir}")
    print("next: edit site.yaml, then run 'credsite check' and 'credsite serve' in that folder")
    return 0


def init(target: Path) -> list[Path]:
    """Create the repository in ``target`` (new, or an empty folder); returns what was written."""
    target = target.expanduser()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(f"{target} is not empty; init only writes into a new or empty folder")
    written: list[Path] = []
    for source, destination in FILES.items():
        written.append(_copy(SCAFFOLD / source, target / destination))
    for source, destination in PINNED.items():
        written.append(_pin(SCAFFOLD / source, target / destination))
    for relative in THEME_FILES:
        written.append(_copy(DEFAULT_THEME / relative, target / relative))
    for folder in FOLDERS:
        (target / folder).mkdir(parents=True, exist_ok=True)
        keep = target / folder / ".gitkeep"
        keep.touch()
        written.append(keep)
    return written


def _copy(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    return destination


def _pin(source: Path, destination: Path) -> Path:
    text = source.read_text(encoding="utf-8").replace("{version}", __version__)
    destination.write_text(text, encoding="utf-8")
    return destination
