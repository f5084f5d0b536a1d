"""``key compromised``: a key's signatures stop counting from the moment it may have leaked."""

from __future__ import annotations

import argparse

from credsite.base.errors import ConfigError
from credsite.commands.common import Commands, site_root
from credsite.standards.timestamps import format_timestamp, parse_timestamp


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "key", help="mark a key compromised", description="Manage the keys in keys.yaml."
    )
    key_commands = parser.add_subparsers(title="key commands", metavar="COMMAND")
    compromised = key_commands.add_parser(
        "compromised",
        help="mark a key compromised from a moment on",
        description="Mark a key compromised: signatures dated at or after --since no longer count (the DID document publishes the moment). A thief can date a signature earlier, so make a new key with keygen, re-issue what the old key signed and revoke those credentials.",
    )
    compromised.add_argument(
        "key_id", metavar="KEY_ID", help="the key's id in keys.yaml, e.g. key-2026-11-23"
    )
    compromised.add_argument(
        "--since", required=True, help="when the key may have leaked, e.g. 2027-01-05T12:00:00Z"
    )
    compromised.set_defaults(run=_run_compromised)


def _run_compromised(args: argparse.Namespace) -> int:
    root = site_root(args)
    from credsite.issuer import operations as admin

    try:
        since = parse_timestamp(args.since)
    except ValueError as error:
        raise ConfigError(
            f"--since '{args.since}' is not a date and time (e.g. 2027-01-05T12:00:00Z)"
        ) from error
    key = admin.compromise(root, args.key_id, since)
    print(
        f"key '{key.id}' marked compromised since {format_timestamp(since)}: signatures dated from then on no longer count"
    )
    print(
        "careful: whoever holds the key can date a signature earlier, so treat everything this key signed as suspect"
    )
    print(
        "next: make a new key (keygen, which also re-signs the status lists), re-issue what this key signed (issue --again) and revoke the old credentials, then commit and publish"
    )
    return 0
