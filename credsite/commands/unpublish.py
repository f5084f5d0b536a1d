"""``unpublish``: take a credential's public page, or a learner's collection page, down at the
learner's request; the credentials themselves stay valid."""

from __future__ import annotations

import argparse

from credsite.base import clock
from credsite.commands.common import Commands, site_root


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "unpublish",
        help="take a credential's public page down at the learner's request",
        description="Take a credential's public page down (the learner asked), or a learner's collection page (issue --collection). The credential stays valid: the learner's file still verifies against the published key and status lists.",
    )
    parser.add_argument(
        "id",
        metavar="ID",
        help="the credential's id, URL or the start of its token; or a collection's id or URL",
    )
    parser.add_argument(
        "--note", default="", help="a note for the record (e.g. the date of the request)"
    )
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    from credsite.issuer import operations as admin

    entry = admin.unpublish(root, args.id, args.note, clock.now())
    if entry.kind == "collection":
        print(
            f"collection {entry.credential} will no longer be published; the credentials in it keep their own pages. Commit content/status, then build and publish."
        )
        return 0
    print(
        f"credential {entry.credential} will no longer be published; it stays valid as a file. Commit content/status, then build and publish."
    )
    return 0
