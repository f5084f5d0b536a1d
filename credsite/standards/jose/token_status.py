"""The status of an SD-JWT VC through the IETF Token Status List (draft-ietf-oauth-status-list,
"Validation Rules"): the credential's ``status.status_list`` names a list (``uri``) and a place in
it (``idx``); the list is a Status List Token, a JWT of type ``statuslist+jwt`` signed by the
credential's issuer, whose ``status_list`` holds ``bits`` per entry (1, 2, 4 or 8) in ``lst``, a
ZLIB-deflated byte array in base64url, entries packed from the least significant bit up.

Values: 0 valid, 1 invalid (revoked), 2 suspended; any other value is the issuer's own
(application-specific or not yet registered), which this verifier does not interpret. A list
that cannot be fetched or believed, or an index beyond its end, says nothing about the
credential: that is ``not-checked`` (the verdict ``status-unknown``), never "not revoked".

How the token's signature and key are checked is the caller's (``sd_jwt``), which judges it by
the same rules as the credential and with the credential's issuer as the only acceptable
signer; this module reads what a believed token says. The rules are the browser verifier's
(``browser/src/verifier/jose/token-status.js``) step for step.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from credsite.base.errors import VerificationError
from credsite.standards.multibase import base64url_decode
from credsite.standards.reports import Fetcher, FetchError, Report

STATUS_LIST_TYPE = "statuslist+jwt"
BITS = (1, 2, 4, 8)
# As for Bitstring Status Lists (gunzip.js MAX_STATUS_LIST_BYTES): a few bytes of deflated data
# must not expand into gigabytes.
MAX_LIST_BYTES = 16 * 1024 * 1024
VALID, INVALID, SUSPENDED = 0, 1, 2
# The largest index both verifiers read the same: JavaScript's largest safe integer.
_MAX_SAFE_INTEGER = 2**53 - 1

# (payload of the verified token) or VerificationError saying why it cannot be believed;
# FetchError passes through when its key document could not be fetched.
TokenVerifier = Callable[[str], Mapping[str, Any]]


@dataclass(frozen=True)
class Reference:
    """Where the credential's status is: the list's address and the entry's index."""

    uri: str
    idx: int


def reference_of(status: object) -> Reference | str:
    """The ``status_list`` reference of a ``status`` claim, or why it cannot be read."""
    if not isinstance(status, Mapping):
        return "the status claim is not a JSON object"
    entry = status.get("status_list")
    if entry is None:
        names = ", ".join(sorted(str(k) for k in status)) or "nothing"
        return f"the status claim names no status list (it holds {names})"
    if not isinstance(entry, Mapping):
        return "the status_list claim is not a JSON object"
    idx, uri = entry.get("idx"), entry.get("uri")
    if isinstance(idx, float) and idx.is_integer():
        idx = int(idx)  # JSON cannot tell 5.0 from 5 in the browser; neither may we
    if isinstance(idx, bool) or not isinstance(idx, int) or not 0 <= idx <= _MAX_SAFE_INTEGER:
        return "the status_list idx is not a whole number of zero or more"
    if not isinstance(uri, str) or not uri.startswith("https://"):
        return "the status_list uri is not an https address"
    return Reference(uri, idx)


def status_value(status_list: object, idx: int) -> int:
    """The value at ``idx`` of a token's ``status_list`` claim; VerificationError when the list
    is malformed or too short to hold ``idx``."""
    if not isinstance(status_list, Mapping):
        raise VerificationError("its status_list claim is not a JSON object")
    bits, encoded = status_list.get("bits"), status_list.get("lst")
    if isinstance(bits, bool) or bits not in BITS:
        raise VerificationError(f"its bits is {bits!r}, not 1, 2, 4 or 8")
    if not isinstance(encoded, str):
        raise VerificationError("its lst is not a string")
    try:
        compressed = base64url_decode(encoded)
    except ValueError as error:
        raise VerificationError(f"its lst is not base64url ({error})") from error
    data = inflate(compressed)
    size = int(bits)
    per_byte = 8 // size
    if idx // per_byte >= len(data):
        raise VerificationError(
            f"the index {idx} is beyond the end of the list ({len(data) * per_byte} entries)"
        )
    shift = (idx % per_byte) * size
    return (data[idx // per_byte] >> shift) & ((1 << size) - 1)


def inflate(compressed: bytes) -> bytes:
    """ZLIB (RFC 1950) data, whole, checksum and all, with nothing after it and at most
    MAX_LIST_BYTES once inflated."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(compressed, MAX_LIST_BYTES)
    except zlib.error as error:
        raise VerificationError(f"its lst is not valid ZLIB data ({error})") from error
    if inflater.unconsumed_tail:
        raise VerificationError(f"its lst expands to more than {MAX_LIST_BYTES} bytes")
    if not inflater.eof:
        raise VerificationError("its lst is not valid ZLIB data (the data is truncated)")
    if inflater.unused_data:
        raise VerificationError("its lst has data after the end of the ZLIB stream")
    return data


def check_token_status(
    status: object, fetch: Fetcher, now: int, verify_token: TokenVerifier, report: Report
) -> None:
    """The status checks of an authentic SD-JWT VC: ``revocation``, then ``suspension`` for a list
    of more than one bit per entry, then ``other-status`` for a value this verifier does not
    interpret; one ``other-status`` (not-checked) for a status mechanism it cannot read; one
    ``revocation`` (not-checked) when the list cannot be believed. ``now``: epoch ms."""
    if status is None:
        report.add(
            "revocation",
            "warning",
            "The issuer publishes no revocation status for this credential, so it cannot be revoked.",
        )
        return
    found = reference_of(status)
    if isinstance(found, str):
        report.add(
            "other-status",
            "not-checked",
            f"The credential's status cannot be read: {found}.",
        )
        return
    try:
        value, bits = _read(found, fetch, now, verify_token)
    except (VerificationError, FetchError) as error:
        report.add(
            "revocation",
            "not-checked",
            f"Whether the issuer has revoked this credential could not be checked: {error}.",
            found.uri,
        )
        return
    _report_value(value, bits, found, report)


def _read(
    found: Reference, fetch: Fetcher, now: int, verify_token: TokenVerifier
) -> tuple[int, int]:
    token = fetch(found.uri)
    if not isinstance(token, str):
        raise VerificationError(f"the status list at {found.uri} is not a Status List Token (JWT)")
    payload = verify_token(token)
    if payload.get("sub") != found.uri:
        raise VerificationError(
            f"the status list fetched from {found.uri} is the list of another address (sub)"
        )
    _check_dates(payload, now)
    status_list = payload.get("status_list")
    value = status_value(status_list, found.idx)
    assert isinstance(status_list, Mapping)
    return value, int(status_list["bits"])


def _check_dates(payload: Mapping[str, Any], now: int) -> None:
    """A token names when it was issued (``iat``); past its ``exp`` it says nothing any more (an
    old copy could be served for ever)."""
    iat, exp = payload.get("iat"), payload.get("exp")
    if numeric_date_ms(iat) is None:
        raise VerificationError("the status list does not say when it was issued (iat)")
    if "exp" in payload:
        end = numeric_date_ms(exp)
        if end is None:
            raise VerificationError("the status list's exp is not a date")
        if now >= end:
            raise VerificationError("the status list has expired (exp)")


def numeric_date_ms(value: object) -> int | None:
    """A JWT NumericDate (seconds since 1970, possibly fractional) in epoch milliseconds, or None
    when it is not a number JavaScript's Date can hold (so both verifiers read the same)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not -8.64e12 <= value <= 8.64e12:  # Date's range, in seconds
        return None
    return value * 1000 if isinstance(value, int) else math.floor(value * 1000)


def _report_value(value: int, bits: int, found: Reference, report: Report) -> None:
    detail = f"{found.uri} #{found.idx}"
    if value == INVALID:
        report.add("revocation", "failed", "The issuer has revoked this credential.", detail)
    else:
        report.add("revocation", "passed", "The issuer has not revoked this credential.", detail)
    if bits > 1:
        if value == SUSPENDED:
            report.add("suspension", "failed", "The issuer has suspended this credential.", detail)
        else:
            report.add(
                "suspension", "passed", "The issuer has not suspended this credential.", detail
            )
    if value > SUSPENDED:
        report.add(
            "other-status",
            "warning",
            f"The issuer's status list gives this credential the status {value:#04x}, "
            "which is the issuer's own and which this verifier does not interpret.",
            detail,
        )
