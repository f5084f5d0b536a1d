"""``issue``: a module's credential to every learner in a results CSV, all or none."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from credsite.base import clock
from credsite.base.errors import ConfigError
from credsite.commands.common import Commands, add_key_file, iso_date, print_warnings, site_root

if TYPE_CHECKING:  # the issuer is imported when the command runs: --help stays quick
    from credsite.issuer.collections import CollectionSecret


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "issue",
        help="issue credentials from a results CSV",
        description="Issue a module's micro-credential to every learner in a results CSV (columns: name, email, and optionally grade, evidence_url, narrative, language; or Edubadges' bulk-award CSV, told by its header). Every row is checked and every credential built and checked first; nothing is written while any row is wrong, so a run issues to every learner or to none. Learners who already hold the module's credential are skipped (use --again to issue anyway). Writes content/credentials/<id>.json and a mail-merge CSV (name, e-mail, verification URL) outside the site's folder; with --collection, content/collections/<id>.json too.",
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
        "--collection",
        action="store_true",
        help="also give each learner a private collection page (/l/<id>/) listing their credentials from this site, with its address in the mail merge (collection_url); a second run for the same learner adds to it",
    )
    parser.add_argument(
        "--collection-secret",
        type=Path,
        metavar="FILE",
        help="the secret that makes collection ids (default: $CREDSITE_COLLECTION_SECRET, then the file collection-secret beside the default key files, made on first use outside CI; implies --collection)",
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
        collection=args.collection or args.collection_secret is not None,
        collection_secret=args.collection_secret,
    )
    print_warnings(result.warnings)
    for row, existing in result.plan.already:
        print(
            f"line {row.line}: {row.recipient.name} already holds this credential ({existing.token}); skipped (use --again to issue anyway)"
        )
    if args.dry_run:
        if result.secret is not None and result.secret.missing:
            print(f"the real run would make the collection secret {result.secret.path}")
        print(
            f"dry run: would issue {len(result.plan.new)} credential(s) for '{result.module.slug}'; nothing was written"
        )
        return 0
    for issued in result.issued:
        print(f"line {issued.row.line}: issued to {issued.row.recipient.name}: {issued.url}")
    print(
        f"issued {len(result.issued)} credential(s) for '{result.module.slug}'; mail merge: {result.mail_merge}"
    )
    if result.collections is not None:
        _print_collections(result.collections, result.secret, result.secret_created)
    print(f"commit {_written(result.collections is not None)}, then build and publish")
    return 0


def _print_collections(
    pages: dict[str, str], secret: CollectionSecret | None, created: bool
) -> None:
    down = sum(1 for page in pages.values() if not page)
    print(f"collection pages of {len(pages)} learner(s): collection_url in the mail merge")
    if down:
        print(
            f"{down} learner(s) asked for their collection page to be taken down (unpublish): no collection_url for them"
        )
    if created and secret is not None:
        print(
            f"made the collection secret {secret.source}: back it up with the signing key (without it, later runs give learners new collection links; never share it)"
        )


def _written(collections: bool) -> str:
    return (
        "content/credentials, content/collections and content/status"
        if collections
        else "content/credentials and content/status"
    )
