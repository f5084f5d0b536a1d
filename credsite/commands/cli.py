"""The command line: ``python build.py <command>``.

This module holds the top-level parser and the error handling; each command lives in a module of
its own (the interface is in credsite/commands/__init__.py). Every expected failure is a
``CredsiteError``: printed as readable lines on stderr with exit code 1. Anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from credsite.base.errors import CredsiteError
from credsite.commands import (
    build,
    check,
    init,
    issue,
    key,
    keygen,
    renew_lists,
    serve,
    status,
    unpublish,
    verify,
)

# The order ``--help`` lists the commands in: building first, then issuing, then verifying.
COMMANDS = (build, check, serve, init, keygen, key, issue, status, renew_lists, unpublish, verify)

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
    parser = make_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        code: int = args.run(args)
        return code
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


def make_parser() -> argparse.ArgumentParser:
    """The whole command line: the options every command shares, then each command's own."""
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
    for command in COMMANDS:
        command.add_parser(commands)
    return parser
