"""Signed cases for the data models and status methods of issue 13 (design D5), for
tests/test_verifier_agreement.py, which runs each through both verifiers and requires the verdict
given: VC 1.1 credentials (``issuanceDate`` and ``expirationDate`` feeding the validity checks,
and both spellings agreeing or not), Status List 2021 entries and lists (with and without the
multibase prefix 'u'), lists shorter than the herd-privacy minimum (read, with a warning), and
the 1EdTech Revocation List (status unknown, and why)."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from typing import Any

from credsite.standards.multibase import base64url_encode
from credsite.standards.statuslist import Bitstring

from .edge_credentials import DID_URL, DID_WEB, REVOCATION, SUSPENSION, Case, Signer, _badge, _text

VC1 = "https://www.w3.org/2018/credentials/v1"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DI = "https://w3id.org/security/data-integrity/v2"
SL2021 = "https://w3id.org/vc/status-list/2021/v1"
BSL = "https://www.w3.org/ns/credentials/status/v1"
EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
INDEX = 7


def model_cases() -> dict[str, Case]:
    """Every case by name, signed now with a new key."""
    s = Signer()
    return {**_v11_cases(s), **_status_list_2021_cases(s), **_other_status_cases(s)}


def _v11(issuer: str, *contexts: str, **changes: Any) -> dict[str, Any]:
    """The OB vector credential as VC 1.1: credentials/v1 first, issuanceDate for validFrom."""
    dates: dict[str, Any] = {"validFrom": None, "issuanceDate": "2010-01-01T00:00:00Z"}
    document = _badge(issuer, **{**dates, **changes})
    document["@context"] = [VC1, OB, *contexts, DI]
    return document


def _v11_cases(s: Signer) -> dict[str, Case]:
    def v11(expected: str, **changes: Any) -> Case:
        return Case(_text(s.sign(_v11(s.did_key, **changes))), expected)

    return {
        "VC 1.1: issuanceDate only": v11("verified"),
        "VC 1.1: expirationDate past": v11("expired", expirationDate="2020-01-01T00:00:00Z"),
        "VC 1.1: expirationDate future": v11("verified", expirationDate="2030-01-01T00:00:00Z"),
        "VC 1.1: issuanceDate in the future": v11(
            "not-yet-valid", issuanceDate="2030-01-01T00:00:00Z"
        ),
        "VC 1.1: no issuanceDate": v11("invalid", issuanceDate=None),
        "VC 1.1: issuanceDate malformed": v11("invalid", issuanceDate="2010-01-01"),
        "VC 1.1: expirationDate malformed": v11("invalid", expirationDate="soon"),
        "VC 1.1: expirationDate before issuanceDate": v11(
            "invalid", expirationDate="2009-01-01T00:00:00Z"
        ),
        "VC 1.1: validFrom and issuanceDate agree": v11(
            "verified", validFrom="2010-01-01T00:00:00.000Z"
        ),
        "VC 1.1: validFrom and issuanceDate disagree": v11(
            "invalid", validFrom="2011-01-01T00:00:00Z"
        ),
        "VC 1.1: validUntil and expirationDate agree, past": v11(
            "expired", validUntil="2020-01-01T00:00:00Z", expirationDate="2020-01-01T01:00:00+01:00"
        ),
        "VC 1.1: validUntil and expirationDate disagree": v11(
            "invalid", validUntil="2030-01-01T00:00:00Z", expirationDate="2020-01-01T00:00:00Z"
        ),
        "VC 1.1: validFrom future wins over an issuanceDate that agrees": v11(
            "not-yet-valid", validFrom="2030-01-01T00:00:00Z", issuanceDate="2030-01-01T00:00:00Z"
        ),
    }


def _sl2021_list(
    s: Signer, url: str, purpose: str, bits: Bitstring, prefix: bool
) -> dict[str, Any]:
    """A Status List 2021 credential: VC 1.1 (its context redefines terms VC 2.0 protects), with
    issuanceDate and expirationDate."""
    encoded = _encode(bits)

    def change(document: dict[str, Any]) -> None:
        document["@context"] = [VC1, SL2021, DI]
        document["type"] = ["VerifiableCredential", "StatusList2021Credential"]
        subject = document["credentialSubject"]
        subject["type"] = "StatusList2021"
        subject["encodedList"] = encoded if prefix else encoded[1:]
        document["issuanceDate"] = document.pop("validFrom")
        document["expirationDate"] = document.pop("validUntil")

    return s.status_list(url, purpose, change=change)


def _encode(bits: Bitstring) -> str:
    """'u' + base64url of GZIP, for a list of any length (``Bitstring.encode`` refuses short ones)."""
    return "u" + base64url_encode(gzip.compress(bits.to_bytes(), mtime=0))


def _short(entries: int, set_index: int | None = None) -> Bitstring:
    bits = Bitstring(bytes(entries // 8))
    if set_index is not None:
        bits.set(set_index)
    return bits


def _full(set_index: int | None = None) -> Bitstring:
    bits = Bitstring.zeros(131072)
    if set_index is not None:
        bits.set(set_index)
    return bits


def _entry(type_: str, purpose: str, url: str) -> dict[str, Any]:
    return {
        "id": f"{url}#{INDEX}",
        "type": type_,
        "statusPurpose": purpose,
        "statusListIndex": str(INDEX),
        "statusListCredential": url,
    }


def _status_list_2021_cases(s: Signer) -> dict[str, Case]:
    revoked_list = REVOCATION.replace("revocation-1", "sl2021-revocation")
    suspended_list = REVOCATION.replace("revocation-1", "sl2021-suspension")

    def listed(
        expected: str, lists: dict[str, dict[str, Any]], *entries: dict[str, Any], v11: bool = False
    ) -> Case:
        status = list(entries) if len(entries) > 1 else entries[0]
        document = (
            _v11(DID_WEB, SL2021, credentialStatus=status)
            if v11
            else _badge(DID_WEB, credentialStatus=status)
        )
        if not v11:
            document["@context"] = [*document["@context"], SL2021]
        network = {DID_URL: s.did_document(), **lists}
        return Case(_text(s.sign(document)), expected, network)

    def one(
        expected: str, bits: Bitstring, prefix: bool = False, purpose: str = "revocation"
    ) -> Case:
        url = revoked_list if purpose == "revocation" else suspended_list
        lists = {url: _sl2021_list(s, url, purpose, bits, prefix)}
        return listed(expected, lists, _entry("StatusList2021Entry", purpose, url))

    bsl_list = s.status_list(REVOCATION, "revocation", set_index=INDEX)
    v11_list = _sl2021_list(s, revoked_list, "revocation", _full(INDEX), False)
    old_v11 = _sl2021_list(s, revoked_list, "revocation", _full(), False)
    old_v11["expirationDate"] = "2026-06-01T00:00:00Z"
    return {
        "StatusList2021: revoked, no 'u'": one("revoked", _full(INDEX)),
        "StatusList2021: revoked, with 'u'": one("revoked", _full(INDEX), prefix=True),
        "StatusList2021: clear, no 'u'": one("verified", _full(INDEX + 1)),
        "StatusList2021: suspended": one("suspended", _full(INDEX), purpose="suspension"),
        "StatusList2021: not suspended": one("verified", _full(), purpose="suspension"),
        "StatusList2021: 100,000 entries, revoked": one("revoked", _short(100000, INDEX)),
        "StatusList2021: 100,000 entries, clear (a warning)": one("verified", _short(100000)),
        "StatusList2021: no entries, index beyond it": one("status-unknown", _short(0)),
        "StatusList2021 entry pointing at a Bitstring list": listed(
            "status-unknown",
            {REVOCATION: bsl_list},
            _entry("StatusList2021Entry", "revocation", REVOCATION),
        ),
        "StatusList2021: VC 1.1 credential, revoked": listed(
            "revoked",
            {revoked_list: v11_list},
            _entry("StatusList2021Entry", "revocation", revoked_list),
            v11=True,
        ),
        "StatusList2021: list past its expirationDate": listed(
            "status-unknown",
            {revoked_list: s.sign(_unsigned(old_v11))},
            _entry("StatusList2021Entry", "revocation", revoked_list),
            v11=True,
        ),
    }


def _unsigned(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "proof"}


def _other_status_cases(s: Signer) -> dict[str, Case]:
    def bsl(expected: str, change: Callable[[dict[str, Any]], None]) -> Case:
        document = _badge(
            DID_WEB, credentialStatus=_entry("BitstringStatusListEntry", "revocation", REVOCATION)
        )
        network = {
            DID_URL: s.did_document(),
            REVOCATION: s.status_list(REVOCATION, "revocation", change=change),
            SUSPENSION: s.status_list(SUSPENSION, "suspension"),
        }
        return Case(_text(s.sign(document)), expected, network)

    def encoded(
        bits: Bitstring, text: Callable[[str], str] = lambda t: t
    ) -> Callable[[dict[str, Any]], None]:
        def change(document: dict[str, Any]) -> None:
            document["credentialSubject"]["encodedList"] = text(_encode(bits))

        return change

    one_edtech = _badge(
        DID_WEB,
        credentialStatus={
            "id": "https://issuer.example.org/revocations",
            "type": "1EdTechRevocationList",
        },
    )
    one_edtech["@context"] = [*one_edtech["@context"], EXTENSIONS]
    return {
        "Bitstring list without its 'u'": bsl(
            "status-unknown", encoded(_full(INDEX), lambda t: t[1:])
        ),
        "Bitstring list with base64 padding": bsl(
            "status-unknown", encoded(_full(INDEX), lambda t: t + "==")
        ),
        "Bitstring list of 100,000 entries, revoked": bsl(
            "revoked", encoded(_short(100000, INDEX))
        ),
        "Bitstring list of 100,000 entries, clear (a warning)": bsl(
            "verified", encoded(_short(100000))
        ),
        "1EdTech Revocation List": Case(
            _text(s.sign(one_edtech)), "status-unknown", {DID_URL: s.did_document()}
        ),
    }
