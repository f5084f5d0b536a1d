"""The command line: ``credsite <command>`` (the console script and ``python -m credsite``),
or ``python build.py <command>`` in credsite's own repository.

This module holds the top-level parser and the error handling; each command lives in a module of
its own (the interface is in credsite/commands/__init__.py). Every expected failure is a
``CredsiteError``: printed as readable lines on stderr with exit code 1. Anything else is a bug
and keeps its traceback. The usage lines and examples name the command as it was typed
(``prog``), so that what ``--help`` shows can be copied.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from credsite import __version__
from credsite.base.errors import CredsiteError
from credsite.commands import (
    build,
    check,
    export,
    import_,
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
COMMANDS = (
    build,
    check,
    serve,
    init,
    import_,
    keygen,
    key,
    issue,
    status,
    renew_lists,
    unpublish,
    export,
    verify,
)

DESCRIPTION = """\
credsite turns module descriptions (Markdown + YAML in content/) into a static, bilingual
micro-credentials catalogue in site/, and issues, revokes and verifies Open Badges 3.0
credentials signed with eddsa-rdfc-2022.
"""

# ``--help``'s examples: (arguments, what they do)
EXAMPLES = (
    ("check", "validate site.yaml and content/, write nothing"),
    ("build", "build the site into site/"),
    ("build --strict", "...and treat warnings (missing translations) as errors"),
    ("build --pack", "...with the credential pages in pack files (large sites)"),
    ("serve --port 8000", "build, serve on 127.0.0.1 and reload on every save"),
    ("keygen", "make the issuer's signing key (kept outside the repository)"),
    ("issue --module SLUG --csv results.csv --mail-merge ~/out.csv", ""),
    ('revoke ID --reason "fraud in the assessment"', ""),
    ("renew-lists", "sign the status lists again before they expire"),
    ("verify site/c/ID/credential.json", ""),
)

PROG = "credsite"  # the installed command; credsite's repository runs it as ``python build.py``


def epilog(prog: str) -> str:
    """The examples under the name the command was run by, so each can be copied as shown."""
    lines = [f"  {prog} {arguments:<21} {what}".rstrip() for arguments, what in EXAMPLES]
    return "examples:\n" + "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None, prog: str = PROG) -> int:
    parser = make_parser(prog)
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


def main_entry(prog: str = PROG) -> None:
    """The ``credsite`` console script (pip install), ``python -m credsite`` and, with its own
    ``prog``, ``python build.py``: a process of its own, whose garbage collection may be tuned
    for one run."""
    _collect_less_often()
    sys.exit(main(sys.argv[1:], prog))


def make_parser(prog: str = PROG) -> argparse.ArgumentParser:
    """The whole command line: the options every command shares, then each command's own."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description=DESCRIPTION,
        epilog=epilog(prog),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"credsite {__version__}",
        help="print credsite's version and exit",
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
