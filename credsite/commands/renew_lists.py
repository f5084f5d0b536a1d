"""``renew-lists``: sign the status lists again, valid from now, before they end."""

from __future__ import annotations

import argparse

from credsite.base import clock
from credsite.commands.common import Commands, add_key_file, day_count, site_root
from credsite.standards.timestamps import format_timestamp


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "renew-lists",
        help="sign the status lists again before they expire",
        description="Sign every status list in content/status again, valid from now for site.yaml's status_list_validity_days (default 90). A signed list ends so that an old copy, from before a revocation, cannot be shown to verifiers for ever; after its end verifiers say 'status unknown' for every credential on it. check and build warn 14 days before. Needs the signing key; the build never does. Commit content/status, then build and publish.",
    )
    add_key_file(parser)
    parser.add_argument(
        "--within",
        type=day_count,
        metavar="DAYS",
        help="only if a list ends within DAYS days (or has no end); otherwise write nothing (for a scheduled job)",
    )
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    from credsite.issuer import operations as admin

    result = admin.renew_lists(root, clock.now(), key_file=args.key_file, within_days=args.within)
    if not result.written:
        assert result.valid_until is not None  # a list without an end is always due
        print(
            f"every status list is valid for more than {args.within} days (the first ends on {format_timestamp(result.valid_until)}); nothing was written"
        )
        return 0
    for path in result.written:
        print(f"signed {path.relative_to(root).as_posix()}")
    assert result.valid_until is not None
    print(
        f"{len(result.written)} status list(s) signed, valid until {format_timestamp(result.valid_until)}. Commit content/status, then build and publish."
    )
    return 0
