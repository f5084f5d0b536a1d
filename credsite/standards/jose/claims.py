"""The credential a JWT carries, and its JWT claims held to it.

OB 3.0 §8.2 (as revised for VC 2.0) writes the credential as the payload itself, with the
registered claims beside it: ``iss`` the issuer's id, ``sub`` the subject's id, ``jti`` the
credential's id, ``nbf`` its validFrom, ``exp`` its validUntil. VC 1.1 and the first OB 3.0 text
put the credential in a ``vc`` claim instead, and VC 1.1 let the claims stand for the properties
they repeat (a ``vc`` without an issuer takes ``iss``); a VC-JOSE-COSE ``vc+jwt`` payload is the
credential. Whatever the form, a claim that is present must say what the credential says: a
token whose ``iss`` names one issuer and whose credential names another would mean one thing to
a JWT library and another to a credential reader. Dates are compared to the second (a NumericDate
counts seconds). ``exp`` and ``nbf`` also stand for the validity dates a credential leaves out.
The browser's twin is ``browser/src/verifier/jose/claims.js``.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from credsite.standards.instants import parse_instant
from credsite.standards.shape import issuer_id

REGISTERED = ("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf")
# NumericDates a date and time can be written for: 0001-01-01 up to 9999-12-31T23:59:59Z.
_FIRST, _LAST = -62135596800, 253402300799
# The VC 1.1 credential properties a claim of the vc form stands for when the credential omits it.
_VC_CLAIMS = (("iss", "issuer"), ("jti", "id"))
VC_V1 = "https://www.w3.org/2018/credentials/v1"
# date claim -> the credential's own names for it, the VC 2.0 name first.
_DATES = {"nbf": ("validFrom", "issuanceDate"), "exp": ("validUntil", "expirationDate")}


def credential_of(
    payload: dict[str, Any], form: str
) -> tuple[dict[str, Any] | None, dict[str, Any], str | None]:
    """(credential, the JWT claims, None), or (None, claims, why there is no credential)."""
    claims = {k: payload[k] for k in REGISTERED if k in payload}
    if form == "VC-JWT" and "vc" in payload:
        vc = payload["vc"]
        if not isinstance(vc, dict):
            return None, claims, "its vc claim, which holds the credential, is not a JSON object"
        return _completed(vc, claims), claims, None
    return {k: v for k, v in payload.items() if k not in REGISTERED}, claims, None


def _completed(vc: dict[str, Any], claims: dict[str, Any]) -> dict[str, Any]:
    """A ``vc`` claim with what VC 1.1 let the claims say for it (VC 1.1 §6.3.1)."""
    credential = dict(vc)
    for claim, name in _VC_CLAIMS:
        if claim in claims and name not in credential:
            credential[name] = claims[claim]
    context = credential.get("@context")
    v1 = isinstance(context, list) and bool(context) and context[0] == VC_V1
    for claim, names in _DATES.items():
        if _date(credential, claim)[0] is None and seconds(claims.get(claim)) is not None:
            credential[names[1] if v1 else names[0]] = iso(claims[claim])
    subject = credential.get("credentialSubject")
    if isinstance(claims.get("sub"), str) and isinstance(subject, dict) and "id" not in subject:
        credential["credentialSubject"] = {"id": claims["sub"], **subject}
    return credential


def claim_problems(claims: dict[str, Any], credential: dict[str, Any]) -> list[str]:
    """Each claim that does not say what the credential says, in the order of REGISTERED."""
    problems = []
    checks = {
        "iss": ("issuer", issuer_id(credential)),
        "sub": ("subject's id", _subject_id(credential)),
        "jti": ("id", credential.get("id")),
    }
    for claim in REGISTERED:
        if claim not in claims:
            continue
        value = claims[claim]
        if claim in checks:
            what, expected = checks[claim]
            if value != expected:
                problems.append(
                    f"its {claim} is {_shown(value)}, but the credential's {what} is "
                    f"{_shown(expected)}"
                )
        elif claim in ("nbf", "exp", "iat"):
            problems += _date_problems(claim, value, credential)
    return problems


def _date_problems(claim: str, value: object, credential: dict[str, Any]) -> list[str]:
    if seconds(value) is None:
        return [f"its {claim} is not a date (a NumericDate: seconds since 1970)"]
    if claim not in _DATES:
        return []
    name, text = _date(credential, claim)
    if name is None:
        return []
    moment = parse_instant(text)
    if moment is None or moment // 1000 != seconds(value):
        return [f"its {claim} is {iso(value)}, but the credential's {name} is {_shown(text)}"]
    return []


def dated(credential: dict[str, Any], claims: dict[str, Any]) -> dict[str, Any]:
    """The credential with ``nbf`` / ``exp`` as its validFrom / validUntil where it names neither
    that date nor its VC 1.1 name (OB 3.0: exp sets the validUntil)."""
    out = dict(credential)
    for claim, (name, _) in _DATES.items():
        if _date(credential, claim)[0] is None and seconds(claims.get(claim)) is not None:
            out[name] = iso(claims[claim])
    return out


def signing_time(claims: dict[str, Any]) -> str | None:
    """When the token says it was signed (``iat``), as a date and time, if it says so."""
    return iso(claims["iat"]) if seconds(claims.get("iat")) is not None else None


def seconds(value: object) -> int | None:
    """A NumericDate as whole seconds (rounded down), or None when it is not one we can date."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    whole = math.floor(value)
    return whole if _FIRST <= whole <= _LAST else None


def iso(value: object) -> str:
    """A NumericDate as the date and time both verifiers write: ``2010-01-01T00:00:00Z``."""
    whole = seconds(value)
    assert whole is not None
    t = datetime.fromtimestamp(whole, UTC)
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"


def _date(credential: dict[str, Any], claim: str) -> tuple[str | None, Any]:
    """The credential's own property for a date claim (its VC 2.0 name first), and its value."""
    for name in _DATES[claim]:
        if name in credential:
            return name, credential[name]
    return None, None


def _subject_id(credential: dict[str, Any]) -> object:
    subject = credential.get("credentialSubject")
    return subject.get("id") if isinstance(subject, dict) else None


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else "absent" if value is None else str(value)
