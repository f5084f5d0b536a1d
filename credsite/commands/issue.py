"""``issue``: a module's credential to every learner in a results CSV, all or none."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from credsite.base import clock
from credsite.base.errors import ConfigError
from credsite.commands.common import Commands, add_key_file, iso_date, print_warnings, site_root


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "issue",
        help="issue credentials from a results CSV",
        description="Issue a module's micro-credential to every learner in a results CSV (columns: name, email, and optionally grade, evidence_url, narrative, language; or Edubadges' bulk-award CSV, told by its header). Every row is checked and every credential built and checked first; nothing is written while any row is wrong, so a run issues to every learner or to none. Learners who already hold the module's credential are skipped (use --again to issue anyway). Writes content/credentials/<id>.json and a mail-merge CSV (name, e-mail, verification URL) outside the site's folder.",
    )
    parser.add_argument(
        "--module",
        required=True,
        metavar="SLUG",
        help="the module's slug (its file name in content/modules)",
    )
    parser.add_argument(
        "--csv",
        required=True,
        type=Path,
        metavar="FILE",
        help="the results CSV (UTF-8; comma or semicolon separated)",
    )
    add_key_file(parser)
    parser.add_argument("--date", type=iso_date, help="the award date, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check every row and build and check every credential as the real run would (everything but signing); show what would be issued; write nothing",
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help="also issue to learners who already hold this credential",
    )
    parser.add_argument(
        "--mail-merge",
        type=Path,
        metavar="FILE",
        help="where to write the mail-merge CSV (default: next to the results CSV)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for signing (default: the number of cores)",
    )
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    from credsite.issuer import operations as admin

    if args.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    result = admin.issue(
        root,
        args.module,
        args.csv,
        clock.now(),
        key_file=args.key_file,
        day=args.date,
        dry_run=args.dry_run,
        again=args.again,
        mail_merge=args.mail_merge,
        jobs=args.jobs,
    )
    print_warnings(result.warnings)
    for row, existing in result.plan.already:
        print(
            f"line {row.line}: {row.recipient.name} already holds this credential ({existing.token}); skipped (use --again to issue anyway)"
        )
    if args.dry_run:
        print(
            f"dry run: would issue {len(result.plan.new)} credential(s) for '{result.module.slug}'; nothing was written"
        )
        return 0
    for issued in result.issued:
        print(f"line {issued.row.line}: issued to {issued.row.recipient.name}: {issued.url}")
    print(
        f"issued {len(result.issued)} credential(s) for '{result.module.slug}'; mail merge: {result.mail_merge}"
    )
    print("commit content/credentials and content/status, then build and publish")
    return 0
