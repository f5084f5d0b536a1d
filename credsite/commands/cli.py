"""The command line: ``python build.py <command>``.

Every expected failure is a ``CredsiteError``: printed as readable lines on stderr with exit
code 1. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from credsite.base.errors import ConfigError, CredsiteError, Diagnostic
from credsite.build.builder import BuildOptions, build, check
from credsite.commands.cli_issuing import register as register_issuing

DESCRIPTION = """\
credsite turns module descriptions (Markdown + YAML in content/) into a static, bilingual
micro-credentials catalogue in site/, and issues, revokes and verifies Open Badges 3.0
credentials signed with eddsa-rdfc-2022.
"""

EPILOG = """\
examples:
  python build.py check                 validate site.yaml and content/, write nothing
  python build.py build                 build the site into site/
  python build.py build --strict        ...and treat warnings (missing translations) as errors
  python build.py build --pack          ...with the credential pages in pack files (large sites)
  python build.py serve --port 8000     build, serve on 127.0.0.1 and reload on every save
  python build.py keygen                make the issuer's signing key (kept outside the repository)
  python build.py issue --module SLUG --csv results.csv --mail-merge ~/out.csv
  python build.py revoke ID --reason "fraud in the assessment"
  python build.py renew-lists           sign the status lists again before they expire
  python build.py verify site/c/ID/credential.json
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except CredsiteError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _collect_less_often() -> None:
    """A build holds a few hundred thousand small objects (the record, the plan) for its whole
    run, and Python's default cycle collector walks them over and over as more are made: a
    tenth of a one-change rebuild at national size. The objects loaded so far (modules,
    contexts) never become garbage; later cycles are still collected, in bigger batches."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 50, 50)


GC_THRESHOLD = 50_000  # allocations between collections (Python's default is 700)


def main_entry() -> None:
    """``python build.py`` and the ``credsite`` console script (pip install): a process of
    its own, whose garbage collection may be tuned for one run."""
    _collect_less_often()
    sys.exit(main(sys.argv[1:]))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the site's folder, holding site.yaml (default: the current folder)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build_cmd = commands.add_parser(
        "build",
        help="build the site",
        description="Validate the content and build the site. The build is atomic: when it fails, the previous output is left exactly as it was.",
    )
    build_cmd.add_argument(
        "--out", type=Path, default=None, help="output folder (default: site/ in the site's folder)"
    )
    build_cmd.add_argument(
        "--base-url",
        metavar="URL",
        help="publish under this address instead of site.yaml's base_url (e.g. for a preview host)",
    )
    build_cmd.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (such as missing translations) as errors",
    )
    build_cmd.add_argument(
        "--pack",
        action="store_true",
        help="put the credential pages into at most 4,096 encrypted pack files, for hosts that "
        "limit a site's files; /c/<id>/ addresses keep working through a router page "
        "(see docs/publishing.md)",
    )
    build_cmd.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes for checking signatures and rendering (default: the number of cores)",
    )
    build_cmd.set_defaults(run=_run_build)

    check_cmd = commands.add_parser(
        "check",
        help="validate everything, write nothing",
        description="Validate site.yaml, every module and every track, and report every problem as path:line: field: message.",
    )
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.set_defaults(run=_run_check)

    serve_cmd = commands.add_parser(
        "serve",
        help="build, serve on 127.0.0.1 and reload the browser on changes",
        description="Build the site, serve it on 127.0.0.1 and rebuild when content, templates, assets or site.yaml change; the open page reloads itself. A build error is shown in the browser until the next good save.",
    )
    serve_cmd.add_argument(
        "--port", type=int, default=8000, help="port to listen on (default: 8000)"
    )
    serve_cmd.add_argument(
        "--out", type=Path, default=None, help="output folder (default: site/ in the site's folder)"
    )
    serve_cmd.set_defaults(run=_run_serve)
    init_cmd = commands.add_parser(
        "init",
        help="start a new institution repository",
        description="Create a new site repository in DIR: site.yaml to fill in, one example module, the theme files you may override (assets/theme.css, templates/partials/footer.html), a .gitignore that keeps keys, results and mail-merge files out of git, and CI files for GitHub Pages and GitLab Pages. It passes check and builds as it is.",
    )
    init_cmd.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    init_cmd.set_defaults(run=_run_init)
    register_issuing(commands, _root)
    return parser


def _run_init(args: argparse.Namespace) -> int:
    from credsite.commands.init import init

    written = init(args.dir)
    print(f"created {len(written)} files in {args.dir}")
    print("next: edit site.yaml, then run 'credsite check' and 'credsite serve' in that folder")
    return 0


def _root(args: argparse.Namespace) -> Path:
    root = args.root.resolve()
    if not (root / "site.yaml").is_file():
        raise ConfigError(f"no site.yaml in {root} (run in the site's folder or pass --root)")
    return root


def _print_warnings(warnings: Sequence[object], limit: int | None = None) -> None:
    shown = warnings if limit is None else warnings[:limit]
    for warning in shown:
        print(warning, file=sys.stderr)
    if len(warnings) > len(shown):
        more = len(warnings) - len(shown)
        print(
            f"... and {more} more warning(s); 'python build.py check' lists them all",
            file=sys.stderr,
        )


def _run_build(args: argparse.Namespace) -> int:
    root = _root(args)
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
            jobs=args.jobs,
        )
    )
    _print_warnings([*_list_date_warnings(root), *report.warnings], limit=5)
    stats = report.stats
    print(
        f"built {stats.outputs} files into {out} "
        f"({stats.rendered} rendered, {stats.reused} unchanged, {stats.removed} removed) "
        f"in {stats.seconds:.2f} s; read: {report.read}"
    )
    return 0


def _run_check(args: argparse.Namespace) -> int:
    root = _root(args)
    result = check(root, strict=args.strict, jobs=os.cpu_count() or 1)
    warnings = [*_list_date_warnings(root), *result.warnings]
    _print_warnings(warnings)
    content = result.content
    assert content is not None
    print(
        f"ok: {len(content.modules)} modules ({len(content.published_modules())} published), "
        f"{len(content.tracks)} tracks, {len(result.issued.credentials)} credentials, "
        f"{len(warnings)} warnings"
    )
    return 0


def _list_date_warnings(root: Path) -> list[Diagnostic]:
    """The status lists' ends, said first on every check and build (a rebuild with nothing
    changed included): they depend on today's date, so they are never cached with the other
    warnings, and never fail a build, even with --strict (credsite/issuer/status.py says why)."""
    from credsite.base import clock
    from credsite.issuer.status import date_warnings

    return date_warnings(root, clock.now())


def _run_serve(args: argparse.Namespace) -> int:
    from credsite.commands.serve import serve

    root = _root(args)
    out = (args.out or root / "site").resolve()
    return serve(root, out, args.port)
