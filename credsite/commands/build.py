"""``build``: validate the content and write the site, atomically."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from credsite.base.errors import ConfigError
from credsite.build.builder import BuildOptions, build
from credsite.commands.common import Commands, print_warnings, site_root, status_date_warnings


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "build",
        help="build the site",
        description="Validate the content and build the site. The build is atomic: when it fails, the previous output is left exactly as it was.",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: site/ in the site's folder)"
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="publish under this address instead of site.yaml's base_url (e.g. for a preview host)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (such as missing translations) as errors",
    )
    parser.add_argument(
        "--pack",
        action="store_true",
        help="put the credential pages into at most 4,096 encrypted pack files, for hosts that "
        "limit a site's files; /c/<id>/ addresses keep working through a router page "
        "(see docs/publishing.md)",
    )
    parser.add_argument(
        "--private",
        action="store_true",
        help="private mode for this build, as 'private: true' in site.yaml does: credential "
        "and collection pages only encrypted, their links /c/#<id> and /l/#<id> carrying the id "
        "where the web host never sees it (implies --pack; see docs/publishing.md)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes for checking signatures and rendering (default: the number of cores)",
    )
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    out = (args.out or root / "site").resolve()
    if args.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    report = build(
        BuildOptions(
            root=root,
            out_dir=out,
            base_url=args.base_url,
            strict=args.strict,
            pack=args.pack,
            private=args.private,
            jobs=args.jobs,
        )
    )
    print_warnings([*status_date_warnings(root), *report.warnings], limit=5)
    stats = report.stats
    print(
        f"built {stats.outputs} files into {out} "
        f"({stats.rendered} rendered, {stats.reused} unchanged, {stats.removed} removed) "
        f"in {stats.seconds:.2f} s; read: {report.read}"
    )
    return 0
