"""``check``: validate site.yaml, the modules, the tracks and the credentials; write nothing."""

from __future__ import annotations

import argparse
import os

from credsite.build.builder import check
from credsite.commands.common import Commands, print_warnings, site_root, status_date_warnings


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "check",
        help="validate everything, write nothing",
        description="Validate site.yaml, every module and every track, and report every problem as path:line: field: message.",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    result = check(root, strict=args.strict, jobs=os.cpu_count() or 1)
    warnings = [*status_date_warnings(root), *result.warnings]
    print_warnings(warnings)
    content = result.content
    assert content is not None
    print(
        f"ok: {len(content.modules)} modules ({len(content.published_modules())} published), "
        f"{len(content.tracks)} tracks, {len(result.issued.credentials)} credentials, "
        f"{len(warnings)} warnings"
    )
    return 0
