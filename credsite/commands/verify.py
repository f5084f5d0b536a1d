"""``verify``: check a credential file or URL and print every check and the verdict.

Credentials of the site in ``--root`` are checked against its build (site/), with no network.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from credsite.base import clock, urls
from credsite.base.errors import ConfigError
from credsite.commands.common import Commands

if TYPE_CHECKING:
    from credsite.standards.verification import Fetcher, Report

# fetch, verification and the rulebook are imported when a credential is verified: every
# command builds the parser from this module, and they would slow every one down.


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "verify",
        help="verify a credential file or URL",
        description="Verify a credential from any issuer by the same rules as the browser verifier: Open Badges 3.0 and W3C Verifiable Credentials 2.0 or 1.1, signed with a Data Integrity proof (eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020) or as a JWT or SD-JWT; its structure, the signature, the issuer's key (did:web, did:key, did:jwk, an https controller document or JWT issuer metadata), the validity period, the revocation and suspension status (Bitstring Status List, StatusList2021, Token Status List) and any endorsements. A format it does not know is reported as not supported, not as invalid. An Open Badges credential is also checked against the Open Badges 3.0 schema, which is advisory. Prints every check; exits 0 only when the credential is verified. Credentials of this site are checked against its build (site/) and need no network.",
    )
    parser.add_argument(
        "source",
        metavar="FILE|URL",
        help="a credential file (JSON, a JWT, or a baked PNG or SVG), or its https:// address "
        "(a private site's link, /c/#<id>, too: its pack is fetched and decrypted)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--site",
        type=Path,
        help="the built site to resolve this site's keys and lists from (default: site/ when run in a site's folder)",
    )
    parser.add_argument("--offline", action="store_true", help="never use the network")
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from credsite.standards.verification import verify_credential, verify_text

    token, document = _load_source(args.source, args.offline)
    fetch = _fetcher(args, document)
    if token is not None:
        report = verify_text(token, fetch, clock.now())
    else:
        report = verify_credential(document, fetch, clock.now())
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0 if report.state == "verified" else 1


def _load_source(source: str, offline: bool) -> tuple[str | None, Any]:
    """(the text of a credential signed as a JWT, None), or (None, the JSON credential): from a
    URL, a JSON file, a file holding a compact JWS, or a baked PNG or SVG."""
    if source.startswith(("https://", "http://")):
        if offline:
            raise ConfigError("--offline: cannot fetch a URL")
        if packed := _PACKED_LINK.match(source):
            return None, _load_packed(packed.group(1), packed.group(2) or packed.group(3))
        url = source if not source.endswith("/") else source + "credential.json"
        return _load_url(url)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{source}: cannot read ({error.strerror})") from error
    from credsite.standards.baking import extract_credential, extract_text
    from credsite.standards.jose.compact import looks_like_jose
    from credsite.standards.jose.sd_jwt import looks_like_sd_jwt

    text = extract_text(data, source)[0].removeprefix("\ufeff").strip()
    if looks_like_jose(text) or looks_like_sd_jwt(text):
        return text, None
    return None, extract_credential(data, source)


# A private site's link (/c/#<id>) or a packed site's router address (/c/?id=<id>): the
# credential is in a pack, sealed under the id (credsite/build/pack.py).
_PACKED_LINK = re.compile(
    r"^(https?://[^?#]*/c/)(?:index\.html)?(?:#([a-z2-7]{26,64})|\?id=([a-z2-7]{26,64}))$"
)


def _load_packed(folder: str, token: str) -> Any:
    """The credential of a private or packed site's link, read as its page reads it: the router
    page says where the packs are; the id names the pack and the page, and decrypts it. Only the
    pack's name, a few digits of a one-way hash of the id, is sent to the site."""
    from cryptography.exceptions import InvalidTag

    from credsite.base.jsonfile import JsonInputError, load_json
    from credsite.build.pack import lookup_id, page_credential, router_packs, unseal
    from credsite.standards.fetch import fetch_credential_text
    from credsite.standards.verification import FetchError

    where = router_packs(_fetch_text(folder))
    if where is None:
        raise ConfigError(f"{folder}: not a packed or private site's credential page")
    packs, digits = where
    pack_url = urljoin(urljoin(folder, packs), f"{lookup_id(token)[:digits]}.json")
    not_found = f"{folder}: no credential at this link: it is not complete or not valid"
    try:
        pack = load_json(fetch_credential_text(pack_url, allow_loopback_http=True).encode())
    except FetchError as error:  # no such pack: no credential was ever filed there
        raise ConfigError(not_found if error.missing else str(error)) from error
    except JsonInputError as error:
        raise ConfigError(f"{pack_url}: not a credsite pack ({error.reason})") from error
    pages = pack.get("pages") if isinstance(pack, dict) else None
    sealed = pages.get(lookup_id(token)) if isinstance(pages, dict) else None
    if not isinstance(sealed, str):
        raise ConfigError(not_found)
    try:
        text = page_credential(unseal(token, sealed))
    except (InvalidTag, ValueError) as error:
        raise ConfigError(
            f"{pack_url}: the credential for this link does not decrypt: the file on the site "
            "was altered or damaged"
        ) from error
    if text is None:
        raise ConfigError(f"{pack_url}: the page for this link carries no credential")
    try:
        return load_json(text.encode("utf-8"))
    except JsonInputError as error:
        raise ConfigError(f"{pack_url}: the credential for this link is not JSON") from error


def _fetch_text(url: str) -> str:
    from credsite.standards.fetch import fetch_credential_text
    from credsite.standards.verification import FetchError

    try:
        return fetch_credential_text(url, allow_loopback_http=True)
    except FetchError as error:
        raise ConfigError(str(error)) from error


def _load_url(url: str) -> tuple[str | None, Any]:
    """What ``_load_source`` gives for a credential's address: its body is a JWT, an SD-JWT
    (``application/vc+jwt``, ``application/dc+sd-jwt`` ... or plain text) or JSON."""
    from credsite.base.jsonfile import JsonInputError, load_json
    from credsite.standards.fetch import fetch_credential_text
    from credsite.standards.jose.compact import looks_like_jose
    from credsite.standards.jose.sd_jwt import looks_like_sd_jwt
    from credsite.standards.verification import FetchError

    try:
        text = fetch_credential_text(url, allow_loopback_http=True)
    except FetchError as error:
        raise ConfigError(str(error)) from error
    trimmed = text.removeprefix("\ufeff").strip()
    if looks_like_jose(trimmed) or looks_like_sd_jwt(trimmed):
        return trimmed, None
    try:
        return None, load_json(trimmed.encode("utf-8"))
    except JsonInputError as error:
        what = "not JSON" if error.syntax else "refused"
        raise ConfigError(f"{url}: {what} ({error.reason}), nor a JWT") from error


def _fetcher(args: argparse.Namespace, document: Any) -> Fetcher:
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


def print_report(report: Report) -> None:
    """The report for a person: the issuer, one line per check (the rulebook's symbol of its
    outcome, its message, and its detail unless it passed) and the verdict, in the title and
    sentence the verification pages show (the rulebook's, in English)."""
    from credsite.standards import rulebook

    if report.issuer:
        print(f"issuer: {report.issuer}")
        if report.issuer.startswith("did:web:"):
            print(f"        (the web address {urls.did_web_address(report.issuer)})")
        elif _key_only(report) and report.verification_method:
            # Nothing ties the key to this name (an issuer named by a URN): who signed is the key.
            print(
                f"        (signed with the key {report.verification_method}; nothing ties it to this name)"
            )
    symbols = {outcome.id: outcome.symbol for outcome in rulebook.rules().outcomes}
    for check in report.checks:
        print(f"{symbols[check.outcome]} {check.message}")
        if check.detail and check.outcome != "passed":
            print(f"    {check.detail}")
    for endorsement in report.endorsements:  # each its own verdict, never the credential's
        print(f"endorsement: {endorsement.headline}")
    if report.claims is not None:
        for line in claim_lines(report.claims):
            print(line)
    print(verdict_line(report))


# The claims an SD-JWT VC's lines name in their own place, and those a reader need not see: the
# browser's sd-jwt-render.js shows the same (the EU Learning Credential's names first).
_HEADLINE = (
    "vct",
    "iss",
    "achievement_title",
    "title",
    "name",
    "given_name",
    "family_name",
    "issuing_authority",
    "issuing_country",
)
_HIDDEN = ("cnf", "status", "_sd_alg", "vct#integrity")
_LONGEST = 120


def claim_lines(claims: dict[str, Any]) -> list[str]:
    """An authentic SD-JWT VC's claims for a person, as the /verify/ page shows them: what it is
    (its title and ``vct``), who it was awarded to and by whom, then every other claim the
    issuer signed or the holder disclosed, one a line, so that nothing signed is hidden."""
    title = next((claims[k] for k in ("achievement_title", "title", "name") if k in claims), None)
    learner = " ".join(
        v for v in (claims.get("given_name"), claims.get("family_name")) if isinstance(v, str)
    )
    by = ", ".join(
        v
        for v in (claims.get("issuing_authority"), claims.get("issuing_country"))
        if isinstance(v, str)
    )
    lines = [f"credential: {_claim_text(title if title is not None else claims.get('vct'))}"]
    lines.append(f"    kind (vct): {_claim_text(claims.get('vct'))}")
    if learner:
        lines.append(f"    awarded to: {learner}")
    if by:
        lines.append(f"    issued by: {by}")
    if title is not None and "name" in claims and claims.get("name") != title:
        lines.append(f"    name: {_claim_text(claims['name'])}")
    from credsite.standards.jose.claims import iso, seconds

    for key, value in claims.items():
        if key in _HEADLINE or key in _HIDDEN:
            continue
        dated = key in ("iat", "nbf", "exp") and seconds(value) is not None
        lines.append(f"    {key}: {iso(value) if dated else _claim_text(value)}")
    return lines


def _claim_text(value: Any) -> str:
    """A claim as one line: text as it is, anything else as JSON, cut at _LONGEST characters."""
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= _LONGEST else shown[: _LONGEST - 1] + "…"


def _key_only(report: Report) -> bool:
    return any(c.id == "key-controller" and c.outcome == "warning" for c in report.checks)


def verdict_line(report: Report) -> str:
    """ "VERIFIED: this credential is authentic and currently valid.", with the date that decided
    an expired or not-yet-valid verdict."""
    from credsite.standards import rulebook
    from credsite.standards.instants import human_date, parse_instant

    decided_by = {"expired": report.valid_until, "not-yet-valid": report.valid_from}
    moment = parse_instant(decided_by.get(report.state))
    values = {"date": human_date(moment)} if moment is not None else {}
    return rulebook.verdict_line(report.state, "en", **values)
