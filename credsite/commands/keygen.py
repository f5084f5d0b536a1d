"""``keygen``: a new signing key; the previous active key is retired but stays published."""

from __future__ import annotations

import argparse
from pathlib import Path

from credsite.base import clock
from credsite.commands.common import Commands, site_root
from credsite.issuer.keys import KEYS_FILE

# credsite.issuer.operations (issuing, signing) is imported by the commands that run: every
# command builds the parser from these modules, and it would add a fifth of a second to each.


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "keygen",
        help="make a new signing key (the old one is retired)",
        description=f"Make a new Ed25519 signing key. The secret goes to a file outside the repository (mode 0600; by default in your config folder); the public key is added to {KEYS_FILE} as the active key, and the previous active key is retired (it stays published, so what it signed still verifies). Back the key file up: without it you cannot issue or revoke.",
    )
    parser.add_argument(
        "--key-file",
        type=Path,
        help="where to write the secret key (default: ~/.config/credsite/<site>/<key id>.json)",
    )
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    from credsite.issuer import operations as admin

    result = admin.keygen(root, args.key_file, clock.now())
    print(f"new signing key '{result.key.id}': {result.key.public_key_multibase}")
    print(
        f"secret key written to {result.secret_path} (mode 0600) — back it up somewhere safe and offline"
    )
    if result.retired:
        print(
            f"the previous key '{result.retired}' is retired; it stays published so everything it signed still verifies"
        )
    print(f"commit {KEYS_FILE}; the next build publishes the key in the DID document")
    return 0
