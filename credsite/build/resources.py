"""Where credsite's own files are: its default theme and its bundled browser code.

One rule for the two ways credsite runs. An installed package (a wheel: ``pip install credsite``,
``pipx``) carries them inside the package, made when the wheel was built (hatch_build.py):
``credsite/theme/templates``, ``credsite/theme/assets`` and ``credsite/bundles/`` with its
manifest. A source checkout (this repository, or an editable install of it) has the one copy of
each that git holds, at the top level: ``templates/``, ``assets/``, and ``browser/``, which
bundle.py bundles with Node into ``browser/.bundles/``. The packaged copy wins where there is one,
so an installed credsite never looks beside its package in site-packages, and never needs Node.
"""

from __future__ import annotations

from pathlib import Path

from credsite.base.errors import BuildError

PACKAGE = Path(__file__).resolve().parents[1]
CHECKOUT = PACKAGE.parent
PACKAGED_THEME = PACKAGE / "theme"
PACKAGED_BUNDLES = PACKAGE / "bundles"
# Written beside the packaged bundles: the digest of the sources they were built from (bundle.py).
BUNDLE_MANIFEST = "manifest.json"
THEME_FOLDERS = ("templates", "assets")


def default_theme() -> Path:
    """The folder whose ``templates/`` and ``assets/`` are the default theme (they may be
    missing: ``theme_folder`` says so clearly when a build needs one)."""
    return PACKAGED_THEME if PACKAGED_THEME.is_dir() else CHECKOUT


def theme_folder(folder: str) -> Path:
    """The default theme's ``templates`` or ``assets`` folder."""
    path = default_theme() / folder
    if not path.is_dir():
        raise BuildError(
            f"credsite's default theme is missing: no {folder}/ in {PACKAGED_THEME} (an installed "
            f"credsite) nor in {CHECKOUT} (a source checkout); reinstall credsite"
        )
    return path


def packaged_bundles() -> Path | None:
    """The bundles a wheel carries, or None when credsite runs from a source checkout."""
    return PACKAGED_BUNDLES if (PACKAGED_BUNDLES / BUNDLE_MANIFEST).is_file() else None


def browser_sources() -> Path | None:
    """A source checkout's ``browser/`` folder, or None when there is none."""
    browser = CHECKOUT / "browser"
    return browser if (browser / "build.mjs").is_file() else None


def missing_bundles() -> BuildError:
    return BuildError(
        f"credsite's browser bundles are missing: neither {PACKAGED_BUNDLES / BUNDLE_MANIFEST} "
        f"(an installed credsite) nor {CHECKOUT / 'browser' / 'build.mjs'} (a source checkout) "
        "exists; reinstall credsite"
    )
