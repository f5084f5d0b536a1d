"""What several commands share: the site's folder, the argument types and options they have in
common, and how warnings are printed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TypeAlias

from credsite.base.errors import ConfigError, Diagnostic
from credsite.issuer.keys import ENV_VAR

# What cli.py hands every command module's ``add_parser``: the top-level subparsers.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def site_root(args: argparse.Namespace) -> Path:
    """The site's folder (``--root``), refused unless it holds a site.yaml: every command that
    reads or writes a site says so at once, rather than failing on a missing file later."""
    root: Path = args.root.resolve()
    if not (root / "site.yaml").is_file():
        raise ConfigError(f"no site.yaml in {root} (run in the site's folder or pass --root)")
    return root


def iso_date(text: str) -> date:
    """An argument type: a day as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from error


def day_count(text: str) -> int:
    """An argument type: a number of days, 0 to 3660 (ten years, past any list's validity)."""
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 3660:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days (0 to 3660)")
    return int(text)


def add_key_file(parser: argparse.ArgumentParser) -> None:
    """``--key-file`` for the commands that sign with the site's existing key."""
    parser.add_argument(
        "--key-file",
        type=Path,
        help=f"the secret key file (default: ${ENV_VAR}, then the default path)",
    )


def print_warnings(warnings: Sequence[object], limit: int | None = None) -> None:
    """Warnings on stderr, at most ``limit`` of them; the rest are counted, not lost."""
    shown = warnings if limit is None else warnings[:limit]
    for warning in shown:
        print(warning, file=sys.stderr)
    if len(warnings) > len(shown):
        more = len(warnings) - len(shown)
        print(
            f"... and {more} more warning(s); 'credsite check' lists them all",
            file=sys.stderr,
        )


def status_date_warnings(root: Path) -> list[Diagnostic]:
    """The status lists' ends, said first on every check and build (a rebuild with nothing
    changed included): they depend on today's date, so they are never cached with the other
    warnings, and never fail a build, even with --strict (credsite/issuer/status.py says why)."""
    from credsite.base import clock
    from credsite.issuer.status import date_warnings

    return date_warnings(root, clock.now())
