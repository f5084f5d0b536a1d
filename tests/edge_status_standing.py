"""Signed cases for status lists that cannot show they are the list the credential names, for
tests/test_verifier_agreement.py, which runs each through both verifiers and requires the verdict
given. The rule (docs/verification.md, "Status"): such a list can withdraw the credential, but
cannot vouch for it.

- The issuer's own list whose ``id`` is not the address it was fetched from (third-party
  verifiers do not compare the two, and real lists have moved): a set bit revokes or suspends, a
  clear bit verifies with a warning naming both addresses.
- A list signed by someone other than the credential's issuer, whatever its ``id``: a set bit
  revokes or suspends (naming who signed it), a clear bit leaves the status unknown.
- Either list with a signature that does not hold is not read at all: status unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .edge_credentials import (
    CREATED,
    DID_URL,
    DID_WEB,
    REVOCATION,
    SUSPENSION,
    Case,
    Signer,
    _badge,
    _text,
)

INDEX = 5
ELSEWHERE = "https://lists.example.net/status/3"
# A credential's list at an address that is not one of credsite's (no companion suspension list).
PLAIN = "https://issuer.example.org/lists/revocation"
PLAIN_SUSPENSION = "https://issuer.example.org/lists/suspension"


def standing_cases() -> dict[str, Case]:
    """Every case by name, signed now with new keys."""
    issuer, other = Signer(), Signer()
    return {
        **_moved_cases(issuer),
        **_foreign_cases(issuer, other),
        **_unsigned_cases(issuer, other),
        **_companion_cases(issuer, other),
    }


def _entry(purpose: str, url: str) -> dict[str, Any]:
    return {
        "id": f"{url}#{INDEX}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(INDEX),
        "statusListCredential": url,
    }


def _credential(issuer: Signer, *entries: dict[str, Any]) -> str:
    status: Any = list(entries) if len(entries) > 1 else entries[0]
    return _text(issuer.sign(_badge(DID_WEB, credentialStatus=status)))


def _issuers_list(
    issuer: Signer, url: str, purpose: str, set_bit: bool, list_id: str | None = None
) -> dict[str, Any]:
    """The issuer's signed list served at ``url``, calling itself ``list_id`` (default: url)."""
    return issuer.status_list(
        list_id or url, purpose, INDEX if set_bit else None, change=_named(list_id or url)
    )


def _others_list(
    other: Signer, url: str, purpose: str, set_bit: bool, list_id: str | None = None
) -> dict[str, Any]:
    """A list issued and validly signed by ``other`` (a did:key), served at ``url``."""
    unsigned = _unsigned(other.status_list(list_id or url, purpose, INDEX if set_bit else None))
    unsigned["issuer"] = other.did_key
    return other.sign(unsigned, vm=f"{other.did_key}#{other.multibase}", created=CREATED)


def _named(list_id: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["id"] = list_id

    return change


def _unsigned(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "proof"}


def _network(issuer: Signer, **lists: dict[str, Any]) -> dict[str, Any]:
    return {DID_URL: issuer.did_document(), **lists}


def _moved_cases(issuer: Signer) -> dict[str, Case]:
    def moved(expected: str, purpose: str, set_bit: bool) -> Case:
        url = PLAIN if purpose == "revocation" else PLAIN_SUSPENSION
        listed = _issuers_list(issuer, url, purpose, set_bit, list_id=ELSEWHERE)
        return Case(
            _credential(issuer, _entry(purpose, url)),
            expected,
            _network(issuer, **{url: listed}),
        )

    return {
        "list standing: the issuer's list under another id, set": moved(
            "revoked", "revocation", True
        ),
        "list standing: the issuer's list under another id, clear (a warning)": moved(
            "verified", "revocation", False
        ),
        "list standing: the issuer's suspension list under another id, set": moved(
            "suspended", "suspension", True
        ),
        "list standing: the issuer's suspension list under another id, clear": moved(
            "verified", "suspension", False
        ),
    }


def _foreign_cases(issuer: Signer, other: Signer) -> dict[str, Case]:
    def foreign(expected: str, purpose: str, set_bit: bool, list_id: str | None = None) -> Case:
        url = PLAIN if purpose == "revocation" else PLAIN_SUSPENSION
        listed = _others_list(other, url, purpose, set_bit, list_id)
        return Case(
            _credential(issuer, _entry(purpose, url)),
            expected,
            _network(issuer, **{url: listed}),
        )

    return {
        "list standing: signed by another party, set": foreign("revoked", "revocation", True),
        "list standing: signed by another party, clear": foreign(
            "status-unknown", "revocation", False
        ),
        "list standing: suspension list signed by another party, set": foreign(
            "suspended", "suspension", True
        ),
        "list standing: suspension list signed by another party, clear": foreign(
            "status-unknown", "suspension", False
        ),
        "list standing: another party's list under another id, set": foreign(
            "revoked", "revocation", True, ELSEWHERE
        ),
        "list standing: another party's list under another id, clear": foreign(
            "status-unknown", "revocation", False, ELSEWHERE
        ),
    }


def _unsigned_cases(issuer: Signer, other: Signer) -> dict[str, Case]:
    """Lists whose own signature does not hold: not read, whichever bit is set."""

    def broken(document: dict[str, Any]) -> dict[str, Any]:
        changed = {**document, "name": "changed after signing"}
        return changed

    def case(listed: dict[str, Any], network: dict[str, Any] | None = None) -> Case:
        return Case(
            _credential(issuer, _entry("revocation", PLAIN)),
            "status-unknown",
            _network(issuer, **{PLAIN: listed}, **(network or {})),
        )

    own_moved = _issuers_list(issuer, PLAIN, "revocation", True, list_id=ELSEWHERE)
    others = _others_list(other, PLAIN, "revocation", True)
    claimed = _unsigned(_others_list(other, PLAIN, "revocation", True))
    claimed["issuer"] = DID_WEB  # names the credential's issuer, signed with another's key
    unknown_did = _unsigned(_others_list(other, PLAIN, "revocation", True))
    unknown_did["issuer"] = "did:web:lists.example.net"
    return {
        "list standing: the issuer's list under another id, changed after signing, set": case(
            broken(own_moved)
        ),
        "list standing: another party's list, changed after signing, set": case(broken(others)),
        "list standing: naming the issuer, signed with another party's key, set": case(
            other.sign(claimed, vm=f"{other.did_key}#{other.multibase}", created=CREATED)
        ),
        "list standing: another party whose key cannot be found, set": case(
            other.sign(unknown_did, vm="did:web:lists.example.net#key-1", created=CREATED)
        ),
        "list standing: a list naming no issuer, set": case(
            issuer.sign(
                {k: v for k, v in _unsigned(own_moved).items() if k != "issuer"},
                vm=f"{DID_WEB}#key-1",
                created=CREATED,
            )
        ),
    }


def _companion_cases(issuer: Signer, other: Signer) -> dict[str, Case]:
    """credsite's companion suspension list beside a revocation list of another signer: the same
    rule for the companion as for the entry's own list."""
    credential = _credential(issuer, _entry("revocation", REVOCATION))
    own_clear = issuer.status_list(REVOCATION, "revocation")

    def companion(expected: str, listed: dict[str, Any]) -> Case:
        return Case(
            credential, expected, _network(issuer, **{REVOCATION: own_clear, SUSPENSION: listed})
        )

    return {
        "list standing: companion suspension list signed by another party, set": companion(
            "suspended", _others_list(other, SUSPENSION, "suspension", True)
        ),
        "list standing: companion suspension list signed by another party, clear": companion(
            "status-unknown", _others_list(other, SUSPENSION, "suspension", False)
        ),
        "list standing: the issuer's companion list under another id, clear": companion(
            "verified", _issuers_list(issuer, SUSPENSION, "suspension", False, list_id=ELSEWHERE)
        ),
        "list standing: the issuer's own lists, clear": companion(
            "verified", issuer.status_list(SUSPENSION, "suspension")
        ),
    }
