"""``revoke``, ``suspend`` and ``reinstate``: one command family that records a credential's
new status in content/status/log.yaml and re-signs the status lists."""

from __future__ import annotations

import argparse

from credsite.base import clock
from credsite.commands.common import Commands, add_key_file, site_root

# (the status recorded, the command, what it does)
ACTIONS = (
    ("revoked", "revoke", "Revoke a credential for good"),
    ("suspended", "suspend", "Suspend a credential until it is reinstated"),
    ("reinstated", "reinstate", "Lift a suspension"),
)

# Open Badges 3.0 allows one status entry per credential, used for revocation; suspension is a
# companion list only credsite reads (docs/credential-mapping.md, tests/test_other_verifiers.py).
SUSPENSION_NOTE = (
    "note: only credsite's verifiers (the credential's page, /verify/ and `verify`) see a"
    " suspension; wallets and other verifiers keep showing the credential as valid."
    " Revoke it if every verifier must refuse it."
)


def add_parser(commands: Commands) -> None:
    for action, verb, text in ACTIONS:
        parser = commands.add_parser(
            verb,
            help=text.lower(),
            description=f"{text}: records it in content/status/log.yaml and re-signs the status lists, which the next build publishes.",
        )
        parser.add_argument(
            "id", metavar="ID", help="the credential's id, URL or the start of its token"
        )
        parser.add_argument(
            "--reason",
            default="",
            required=action != "reinstated",
            help="why (recorded in the repository, not published)",
        )
        add_key_file(parser)
        parser.set_defaults(run=_run, action=action)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    from credsite.issuer import operations as admin

    credential = admin.change_status(
        root, args.id, args.action, args.reason, clock.now(), key_file=args.key_file
    )
    print(
        f"credential {credential.token} {args.action}; status lists re-signed. Commit content/status, then build and publish."
    )
    if args.action == "suspended":
        print(SUSPENSION_NOTE)
    return 0
