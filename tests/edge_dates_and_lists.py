"""Signed edge cases at the limits of what both verifiers can represent, for
tests/test_verifier_agreement.py (which runs each through both and requires the verdict given):
dates at the edge of JavaScript's Date range (a day within it whose time or offset takes the
instant beyond it), numbers too long for Python's ``int`` (a year or a statusListIndex of 5,000
digits), and status lists whose GZIP data is more than one member or has bytes after it."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from typing import Any

from credsite.standards.multibase import base64url_encode
from credsite.standards.statuslist import Bitstring

from .edge_credentials import (
    DID_URL,
    DID_WEB,
    REVOCATION,
    SUSPENSION,
    Case,
    Signer,
    _badge,
    _text,
)

LONG = "1" * 5000  # beyond the 4,300 digits Python's int() reads from text


def date_and_list_cases() -> dict[str, Case]:
    """Every case by name, signed now with a new key."""
    s = Signer()
    return {**_date_cases(s), **_index_cases(s), **_gzip_cases(s)}


def _date_cases(s: Signer) -> dict[str, Case]:
    def dated(expected: str, **dates: Any) -> Case:
        return Case(_text(s.sign(_badge(s.did_key, **dates))), expected)

    late_proof = s.sign(_badge(s.did_key))
    late_proof["proof"]["created"] = LONG + "-01-01T00:00:00Z"  # unsigned: read before checked
    return {
        "validUntil the last instant a Date holds": dated(
            "verified", validUntil="275760-09-13T00:00:00Z"
        ),
        "validUntil one ms after the last instant": dated(
            "invalid", validUntil="275760-09-13T00:00:00.001Z"
        ),
        "validUntil 24:00 on the last day": dated("invalid", validUntil="275760-09-13T24:00:00Z"),
        "validFrom the first instant a Date holds": dated(
            "verified", validFrom="-271821-04-20T00:00:00Z"
        ),
        "validFrom on the first day, an hour before its first instant": dated(
            "invalid", validFrom="-271821-04-20T00:00:00+01:00"
        ),
        "validFrom with a year of 5,000 digits": dated(
            "invalid", validFrom=LONG + "-01-01T00:00:00Z"
        ),
        "validUntil with a negative year of 5,000 digits": dated(
            "invalid", validUntil="-" + LONG + "-01-01T00:00:00Z"
        ),
        "validFrom with a six-digit year with leading zeros": dated(
            "invalid", validFrom="002010-01-01T00:00:00Z"
        ),
        "proof created with a year of 5,000 digits": Case(_text(late_proof), "invalid"),
    }


def _entry(index: str) -> dict[str, Any]:
    return {
        "id": f"{REVOCATION}#{index[:20]}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index,
        "statusListCredential": REVOCATION,
    }


def _network(s: Signer, revocation: dict[str, Any]) -> dict[str, Any]:
    return {
        DID_URL: s.did_document(),
        REVOCATION: revocation,
        SUSPENSION: s.status_list(SUSPENSION, "suspension"),
    }


def _index_cases(s: Signer) -> dict[str, Case]:
    def indexed(index: str) -> Case:
        credential = _text(s.sign(_badge(DID_WEB, credentialStatus=_entry(index))))
        return Case(
            credential, "status-unknown", _network(s, s.status_list(REVOCATION, "revocation"))
        )

    return {
        "statusListIndex of 5,000 digits": indexed(LONG),
        "statusListIndex of 17 digits": indexed("10000000000000000"),
        "statusListIndex beyond the largest safe integer": indexed("9007199254740992"),
    }


def _gzip_cases(s: Signer) -> dict[str, Case]:
    bits = Bitstring.zeros(131072)
    bits.set(7, 1)
    raw = bits.to_bytes()
    one = gzip.compress(raw, mtime=0)
    credential = _text(s.sign(_badge(DID_WEB, credentialStatus=_entry("7"))))

    def listed(expected: str, compressed: bytes) -> Case:
        revocation = s.status_list(REVOCATION, "revocation", change=_encoded(compressed))
        return Case(credential, expected, _network(s, revocation))

    return {
        "status list in one GZIP member, index set": listed("revoked", one),
        "status list in two GZIP members": listed(
            "status-unknown",
            gzip.compress(raw[:8192], mtime=0) + gzip.compress(raw[8192:], mtime=0),
        ),
        "status list after an empty GZIP member": listed(
            "status-unknown", gzip.compress(b"", mtime=0) + one
        ),
        "status list with two bytes after its GZIP member": listed(
            "status-unknown", one + b"\x00\x00"
        ),
        "status list with a second copy of its GZIP member": listed("status-unknown", one + one),
    }


def _encoded(compressed: bytes) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["credentialSubject"]["encodedList"] = "u" + base64url_encode(compressed)

    return change
