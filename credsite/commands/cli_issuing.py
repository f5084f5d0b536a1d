"""The command-line side of issuing: keys, issue, revoke/suspend/reinstate, renew-lists,
unpublish, verify."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from credsite.base import clock, urls
from credsite.base.errors import ConfigError
from credsite.issuer.keys import ENV_VAR, KEYS_FILE
from credsite.standards.timestamps import format_timestamp, parse_timestamp

if TYPE_CHECKING:
    from credsite.standards.verification import Report

# admin (issuing, signing), fetch and verification are imported by the commands that use
# them: every `build` starts this module, and they would add a fifth of a second to it.

SYMBOLS = {"passed": "✓", "failed": "✗", "warning": "!", "not-checked": "?"}
VERDICTS = {
    "verified": "VERIFIED: the credential is genuine, in date and not revoked.",
    "revoked": "REVOKED: the credential is genuine, but the issuer has revoked it.",
    "suspended": "SUSPENDED: the credential is genuine, but the issuer has suspended it.",
    "expired": "EXPIRED: the credential is genuine, but no longer valid.",
    "not-yet-valid": "NOT YET VALID: the credential is genuine, but its validity has not started.",
    "invalid": "INVALID: the credential is not authentic or not well formed; do not trust it.",
    "status-unknown": "STATUS UNKNOWN: the credential is genuine and in date, but whether it was revoked could not be checked.",
    "error": "COULD NOT CHECK: the issuer's key could not be fetched, so authenticity is unknown.",
}


def register(commands: Any, root_of) -> None:
    keygen = commands.add_parser(
        "keygen",
        help="make a new signing key (the old one is retired)",
        description=f"Make a new Ed25519 signing key. The secret goes to a file outside the repository (mode 0600; by default in your config folder); the public key is added to {KEYS_FILE} as the active key, and the previous active key is retired (it stays published, so what it signed still verifies). Back the key file up: without it you cannot issue or revoke.",
    )
    keygen.add_argument(
        "--key-file",
        type=Path,
        help="where to write the secret key (default: ~/.config/credsite/<site>/<key id>.json)",
    )
    keygen.set_defaults(run=lambda args: _keygen(args, root_of(args)))

    key = commands.add_parser(
        "key", help="mark a key compromised", description="Manage the keys in keys.yaml."
    )
    key_commands = key.add_subparsers(title="key commands", metavar="COMMAND")
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
    compromised.set_defaults(run=lambda args: _compromised(args, root_of(args)))

    issue = commands.add_parser(
        "issue",
        help="issue credentials from a results CSV",
        description="Issue a module's micro-credential to every learner in a results CSV (columns: name, email, and optionally grade, evidence_url, narrative, language). Every row is checked and every credential built and checked first; nothing is written while any row is wrong, so a run issues to every learner or to none. Learners who already hold the module's credential are skipped (use --again to issue anyway). Writes content/credentials/<id>.json and a mail-merge CSV (name, e-mail, verification URL) outside the site's folder.",
    )
    issue.add_argument(
        "--module",
        required=True,
        metavar="SLUG",
        help="the module's slug (its file name in content/modules)",
    )
    issue.add_argument(
        "--csv",
        required=True,
        type=Path,
        metavar="FILE",
        help="the results CSV (UTF-8; comma or semicolon separated)",
    )
    issue.add_argument(
        "--key-file",
        type=Path,
        help=f"the secret key file (default: ${ENV_VAR}, then the default path)",
    )
    issue.add_argument("--date", type=_date, help="the award date, YYYY-MM-DD (default: today)")
    issue.add_argument(
        "--dry-run",
        action="store_true",
        help="check every row and build and check every credential as the real run would (everything but signing); show what would be issued; write nothing",
    )
    issue.add_argument(
        "--again",
        action="store_true",
        help="also issue to learners who already hold this credential",
    )
    issue.add_argument(
        "--mail-merge",
        type=Path,
        metavar="FILE",
        help="where to write the mail-merge CSV (default: next to the results CSV)",
    )
    issue.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for signing (default: the number of cores)",
    )
    issue.set_defaults(run=lambda args: _issue(args, root_of(args)))

    for action, verb, text in (
        ("revoked", "revoke", "Revoke a credential for good"),
        ("suspended", "suspend", "Suspend a credential until it is reinstated"),
        ("reinstated", "reinstate", "Lift a suspension"),
    ):
        command = commands.add_parser(
            verb,
            help=text.lower(),
            description=f"{text}: records it in content/status/log.yaml and re-signs the status lists, which the next build publishes.",
        )
        command.add_argument(
            "id", metavar="ID", help="the credential's id, URL or the start of its token"
        )
        command.add_argument(
            "--reason",
            default="",
            required=action != "reinstated",
            help="why (recorded in the repository, not published)",
        )
        command.add_argument(
            "--key-file",
            type=Path,
            help=f"the secret key file (default: ${ENV_VAR}, then the default path)",
        )
        command.set_defaults(run=lambda args, action=action: _status(args, root_of(args), action))

    renew = commands.add_parser(
        "renew-lists",
        help="sign the status lists again before they expire",
        description="Sign every status list in content/status again, valid from now for site.yaml's status_list_validity_days (default 90). A signed list ends so that an old copy, from before a revocation, cannot be shown to verifiers for ever; after its end verifiers say 'status unknown' for every credential on it. check and build warn 14 days before. Needs the signing key; the build never does. Commit content/status, then build and publish.",
    )
    renew.add_argument(
        "--key-file",
        type=Path,
        help=f"the secret key file (default: ${ENV_VAR}, then the default path)",
    )
    renew.add_argument(
        "--within",
        type=_days,
        metavar="DAYS",
        help="only if a list ends within DAYS days (or has no end); otherwise write nothing (for a scheduled job)",
    )
    renew.set_defaults(run=lambda args: _renew_lists(args, root_of(args)))

    unpublish = commands.add_parser(
        "unpublish",
        help="take a credential's public page down at the learner's request",
        description="Take a credential's public page down (the learner asked). The credential stays valid: the learner's file still verifies against the published key and status lists.",
    )
    unpublish.add_argument(
        "id", metavar="ID", help="the credential's id, URL or the start of its token"
    )
    unpublish.add_argument(
        "--note", default="", help="a note for the record (e.g. the date of the request)"
    )
    unpublish.set_defaults(run=lambda args: _unpublish(args, root_of(args)))

    verify = commands.add_parser(
        "verify",
        help="verify a credential file or URL",
        description="Verify a credential: its structure, the Open Badges 3.0 schema, the signature, the issuer's key (did:web or did:key), the validity period and the revocation status. Prints every check; exits 0 only when the credential is verified. Credentials of this site are checked against its build (site/) and need no network.",
    )
    verify.add_argument(
        "source", metavar="FILE|URL", help="a credential JSON file, or its https:// address"
    )
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument(
        "--site",
        type=Path,
        help="the built site to resolve this site's keys and lists from (default: site/ when run in a site's folder)",
    )
    verify.add_argument("--offline", action="store_true", help="never use the network")
    verify.set_defaults(run=_verify)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from error


def _days(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 3660:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days (0 to 3660)")
    return int(text)


def _keygen(args: argparse.Namespace, root: Path) -> int:
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


def _compromised(args: argparse.Namespace, root: Path) -> int:
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


def _issue(args: argparse.Namespace, root: Path) -> int:
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
    for warning in result.warnings:
        print(warning, file=sys.stderr)
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


def _status(args: argparse.Namespace, root: Path, action: str) -> int:
    from credsite.issuer import operations as admin

    credential = admin.change_status(
        root, args.id, action, args.reason, clock.now(), key_file=args.key_file
    )
    print(
        f"credential {credential.token} {action}; status lists re-signed. Commit content/status, then build and publish."
    )
    if action == "suspended":
        print(SUSPENSION_NOTE)
    return 0


# Open Badges 3.0 allows one status entry per credential, used for revocation; suspension is a
# companion list only credsite reads (docs/credential-mapping.md, tests/test_other_verifiers.py).
SUSPENSION_NOTE = (
    "note: only credsite's verifiers (the credential's page, /verify/ and `verify`) see a"
    " suspension; wallets and other verifiers keep showing the credential as valid."
    " Revoke it if every verifier must refuse it."
)


def _renew_lists(args: argparse.Namespace, root: Path) -> int:
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


def _unpublish(args: argparse.Namespace, root: Path) -> int:
    from credsite.issuer import operations as admin

    credential = admin.unpublish(root, args.id, args.note, clock.now())
    print(
        f"credential {credential.token} will no longer be published; it stays valid as a file. Commit content/status, then build and publish."
    )
    return 0


# -- verify ----------------------------------------------------------------------------------


def _verify(args: argparse.Namespace) -> int:
    from credsite.standards.verification import verify_credential

    document = _load_source(args.source, args.offline)
    fetch = _fetcher(args, document)
    report = verify_credential(document, fetch, clock.now())
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        _print_report(report)
    return 0 if report.state == "verified" else 1


def _load_source(source: str, offline: bool) -> Any:
    from credsite.standards.fetch import network_fetcher
    from credsite.standards.verification import FetchError

    if source.startswith(("https://", "http://")):
        if offline:
            raise ConfigError("--offline: cannot fetch a URL")
        url = source if not source.endswith("/") else source + "credential.json"
        try:
            return network_fetcher(allow_loopback_http=True)(url)
        except FetchError as error:
            raise ConfigError(str(error)) from error
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{source}: cannot read ({error.strerror})") from error
    from credsite.standards.baking import extract_credential

    return extract_credential(data, source)


def _fetcher(args: argparse.Namespace, document: Any):
    from credsite.standards.fetch import network_fetcher, site_fetcher

    network = None if args.offline else network_fetcher(allow_loopback_http=False)
    root = args.root.resolve()
    in_site = (root / "site.yaml").is_file()
    if args.site is not None:  # asked for: never quietly replaced by the network
        if not args.site.is_dir():
            raise ConfigError(f"--site {args.site}: no such folder (build the site first)")
        if not in_site:
            raise ConfigError(
                f"--site needs the site's folder, for its address: run in it or pass --root (no site.yaml in {root})"
            )
    site_dir = args.site or (root / "site" if in_site else None)
    if site_dir is not None and in_site:
        from credsite.catalogue.config import load_config

        config, _ = load_config(root)
        if config is not None and site_dir.is_dir():
            return site_fetcher(site_dir, config.canonical_url, network)
    if network is None:
        return site_fetcher(Path("/nonexistent"), "offline:", None)
    return network


def _print_report(report: Report) -> None:
    if report.issuer:
        print(f"issuer: {report.issuer}")
        if report.issuer.startswith("did:web:"):
            print(f"        (the web address {urls.did_web_address(report.issuer)})")
    for check in report.checks:
        print(f"{SYMBOLS[check.outcome]} {check.message}")
        if check.detail and check.outcome != "passed":
            print(f"    {check.detail}")
    print(VERDICTS[report.state])


__all__ = ["register"]
