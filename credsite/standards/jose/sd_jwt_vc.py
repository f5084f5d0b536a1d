"""Verifying an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc; ``typ`` ``dc+sd-jwt`` or the older
``vc+sd-jwt``), as EU wallets and the EU Learning Credential use them, under the check ids of
every other credential:

- ``structure``: the SD-JWT can be read (``sd_jwt.parse``) and its payload is an SD-JWT VC: a
  ``vct``, an issuer (``iss``, unless an X.509 chain names it), dates that are JWT NumericDates,
  ``cnf`` and ``status`` objects; ``schema``: not an Open Badge, so not checked;
- ``proof-format``: the JOSE header (``typ``, ``alg``, ``crit``; ``sd_jwt_signature``), the digest
  algorithm ``_sd_alg``, and a Key Binding JWT's header when there is one;
- ``contexts``: passed; an SD-JWT VC is plain JSON, and its signature covers its bytes;
- ``issuer-key``, ``key-controller``: the key and whose it is (``sd_jwt_keys``); ``key-status``:
  the key's own dates, when its document gives any;
- ``signature``: the issuer's signature; and, when the SD-JWT carries a Key Binding JWT, that it
  is signed by the key the credential binds (``cnf``) over this very presentation (``sd_hash``).
  Without one it is a credential as issued, not a presentation, and that is fine here;
- ``signed-data``: every Disclosure fits what the issuer signed (``sd_jwt.process``);
- ``valid-from`` / ``valid-until``: ``nbf`` / ``exp``; then the status (``token_status``).

The browser's twin is ``browser/src/verifier/jose/sd-jwt-vc.js``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from credsite.base.credential_limits import size_problem
from credsite.base.errors import VerificationError
from credsite.standards import rulebook
from credsite.standards.instants import epoch_ms, parse_instant
from credsite.standards.jose.sd_jwt import (
    HASHES,
    DisclosureError,
    SdJwt,
    SdJwtFormatError,
    digest,
    parse,
    parse_jws,
    process,
)
from credsite.standards.jose.sd_jwt_keys import (
    IssuerKey,
    KeyUnreachableError,
    KeyUnsupportedError,
    find_key,
)
from credsite.standards.jose.sd_jwt_signature import header_faults, signature_valid, usable_key
from credsite.standards.jose.token_status import (
    STATUS_LIST_TYPE,
    check_token_status,
    numeric_date_ms,
)
from credsite.standards.reports import Fetcher, FetchError, Report

TYPES = ("dc+sd-jwt", "vc+sd-jwt")
KB_TYPE = "kb+jwt"
UNAUTHENTIC = "Not checked, because the credential's authenticity could not be established."


@dataclass
class _Found:
    sd_jwt: SdJwt
    alg: str | None = None
    sd_alg: str | None = None
    key: IssuerKey | None = None
    claims: dict[str, Any] | None = None


def verify_sd_jwt(text: str, fetch: Fetcher, now: datetime, *, check_status: bool = True) -> Report:
    """Every check of an SD-JWT VC, in the rulebook's order (without the status checks when
    ``check_status`` is False, as for any credential)."""
    report = Report()
    try:
        beyond = size_problem(len(text.encode("utf-8")))
        if beyond:
            raise SdJwtFormatError(f"it is too large to check: {beyond}")
        found = _Found(parse(text))
    except SdJwtFormatError as error:
        report.add("structure", "failed", f"This is not a well-formed SD-JWT VC: {error}.")
        _not_checked(
            report,
            "structure",
            "Not checked, because the file is not a credential that can be read.",
            check_status,
        )
        return report
    payload = found.sd_jwt.payload
    iss = payload.get("iss")
    report.issuer = iss if isinstance(iss, str) else None
    at = epoch_ms(now)
    _structure(found.sd_jwt, report)
    report.add(
        "schema",
        "not-checked",
        "An SD-JWT VC is not an Open Badges credential, so the Open Badges schema does not apply.",
    )
    _proof_format(found, report)
    report.add(
        "contexts",
        "passed",
        "An SD-JWT VC is plain JSON: it uses no vocabularies, and its signature covers its bytes.",
    )
    _issuer_key(found, fetch, report)
    _key_controller(found, iss, report)
    _key_status(found, at, report)
    _signature(found, report)
    _signed_data(found, report)
    if found.claims is None or not report.needs_met("valid-from"):
        _not_checked(report, "signed-data", UNAUTHENTIC, check_status)
        return report
    report.claims = found.claims  # authentic: what the issuer signed, with what was disclosed
    _validity(payload, at, report)
    if not check_status:
        return report

    def verify_token(token: str) -> Mapping[str, Any]:
        return status_list_payload(token, iss, fetch)

    check_token_status(payload.get("status"), fetch, at, verify_token, report)
    return report


def _not_checked(report: Report, after: str, message: str, check_status: bool) -> None:
    ids = list(rulebook.check_ids("python"))
    for check_id in ids[ids.index(after) + 1 :]:
        if check_id not in ("suspension", "other-status") and (
            check_status or check_id != "revocation"
        ):
            report.add(check_id, "not-checked", message)


def _structure(sd_jwt: SdJwt, report: Report) -> None:
    problems = structure_problems(sd_jwt.payload, sd_jwt.jwt.header or {})
    if problems:
        report.add(
            "structure",
            "failed",
            f"This is not a well-formed SD-JWT VC: {'; '.join(problems)}.",
        )
    else:
        report.add(
            "structure", "passed", "The file is an SD-JWT VC (IETF SD-JWT-based credential)."
        )


def structure_problems(payload: Mapping[str, Any], header: Mapping[str, Any]) -> list[str]:
    """What keeps the issuer-signed payload from being an SD-JWT VC."""
    problems = []
    vct = payload.get("vct")
    if not isinstance(vct, str) or not vct:
        problems.append("it names no credential type (vct)")
    iss = payload.get("iss")
    if not (isinstance(iss, str) and iss) and not ("iss" not in payload and "x5c" in header):
        problems.append("it does not name its issuer (iss)")
    for name in ("iat", "nbf", "exp"):
        if name in payload and numeric_date_ms(payload[name]) is None:
            problems.append(f"its {name} is not a date (seconds since 1970)")
    for name in ("cnf", "status"):
        if name in payload and not isinstance(payload[name], dict):
            problems.append(f"its {name} is not a JSON object")
    return problems


def _proof_format(found: _Found, report: Report) -> None:
    header = found.sd_jwt.jwt.header or {}
    read, failed, unsupported = header_faults(header)
    typ = header.get("typ")
    if typ not in TYPES:
        failed.insert(0, f"its type (typ) is {typ!r}, not dc+sd-jwt")
    sd_alg = found.sd_jwt.payload.get("_sd_alg", "sha-256")
    if not isinstance(sd_alg, str):
        failed.append("its digest algorithm (_sd_alg) is not text")
    elif sd_alg not in HASHES:
        unsupported.append(f"its digest algorithm {sd_alg!r} is not one this verifier supports")
    kb = found.sd_jwt.kb_jwt
    if kb is not None:
        kb_header = kb.header or {}
        _, kb_failed, kb_unsupported = header_faults(kb_header)
        if kb_header.get("typ") != KB_TYPE:
            kb_failed.insert(0, f"its type (typ) is {kb_header.get('typ')!r}, not kb+jwt")
        failed += [f"the Key Binding JWT: {m}" for m in kb_failed]
        unsupported += [f"the Key Binding JWT: {m}" for m in kb_unsupported]
    if failed or unsupported:
        outcome = "failed" if failed else "unsupported"
        report.add(
            "proof-format",
            outcome,
            "The signature cannot be accepted as it is: " + "; ".join(failed + unsupported) + ".",
        )
        return
    found.alg, found.sd_alg = read.alg, sd_alg
    report.add(
        "proof-format",
        "passed",
        f"The credential is an SD-JWT VC ({typ}) signed with {read.alg}, a kind of signature "
        "this verifier checks.",
    )


def _issuer_key(found: _Found, fetch: Fetcher, report: Report) -> None:
    header = found.sd_jwt.jwt.header or {}
    try:
        key = find_key(header, found.sd_jwt.payload.get("iss"), fetch)
    except KeyUnsupportedError as error:
        report.add("issuer-key", "unsupported", f"The issuer's key cannot be checked: {error}.")
        return
    except KeyUnreachableError as error:
        report.add("issuer-key", "not-checked", f"The issuer's key could not be fetched: {error}.")
        return
    except VerificationError as error:
        report.add("issuer-key", "failed", f"The issuer's key cannot be used: {error}.")
        return
    problem = usable_key(found.alg, key.jwk)
    if problem is not None:
        report.add("issuer-key", "failed", f"The issuer's key cannot be used: {problem}.")
        return
    found.key = key
    where = {"did": "published in", "metadata": "listed in the issuer metadata at"}
    report.add(
        "issuer-key",
        "passed",
        f"The key was found {where.get(key.source, 'in')} {key.location}.",
    )


def _key_controller(found: _Found, iss: object, report: Report) -> None:
    key = found.key
    if not report.needs_met("key-controller") or key is None:
        report.add(
            "key-controller", "not-checked", "Not checked, because the key could not be found."
        )
    elif key.controller is None:
        report.add(
            "key-controller",
            "failed",
            "The key is carried in the credential itself, not published by its issuer: anyone "
            "could have signed it.",
        )
    elif key.controller != iss:
        report.add(
            "key-controller",
            "failed",
            f"The key belongs to {key.controller}, not to the credential's issuer {iss}.",
        )
    else:
        report.add("key-controller", "passed", f"The key belongs to the issuer, {iss}.")


def _key_status(found: _Found, now: int, report: Report) -> None:
    key = found.key
    if not report.needs_met("key-status") or key is None:
        report.add("key-status", "not-checked", "Not checked, because the key could not be found.")
        return
    issued = numeric_date_ms(found.sd_jwt.payload.get("iat"))
    when = now if issued is None else issued
    for name, what in (("revoked", "revoked"), ("expires", "expired")):
        if name in key.dates:
            moment = parse_instant(key.dates[name])
            if moment is None or moment <= when:
                report.add(
                    "key-status",
                    "failed",
                    f"The issuer's key was {what} ({key.dates[name]}) before the credential was "
                    "issued, or its date cannot be read.",
                )
                return
    report.add(
        "key-status", "passed", "The key was not revoked or expired when the credential was issued."
    )


def _signature(found: _Found, report: Report) -> None:
    if not report.needs_met("signature") or found.key is None or found.alg is None:
        report.add(
            "signature",
            "not-checked",
            "Not checked, because the signature or its key cannot be used.",
        )
        return
    if not signature_valid(found.sd_jwt.jwt.text, found.alg, found.key.jwk):
        report.add(
            "signature",
            "failed",
            "The issuer's signature does not match: the credential was changed after it was "
            "signed, or not signed with this key.",
        )
        return
    kb = found.sd_jwt.kb_jwt
    if kb is None:
        report.add("signature", "passed", "The issuer's signature is valid.")
        return
    problem = key_binding_problem(found)
    if problem is not None:
        report.add(
            "signature",
            "failed",
            f"The issuer's signature is valid, but the Key Binding JWT is not: {problem}.",
        )
        return
    report.add(
        "signature",
        "passed",
        "The issuer's signature is valid, and the holder's Key Binding JWT is signed by the key "
        "the credential binds, over this presentation.",
    )


def key_binding_problem(found: _Found) -> str | None:
    """Why the Key Binding JWT does not bind this presentation to the holder's key (RFC 9901
    section 7.3), or None. Its audience and nonce are not compared: a page that receives a
    credential asked for neither."""
    kb = found.sd_jwt.kb_jwt
    assert kb is not None and found.sd_alg is not None
    cnf = found.sd_jwt.payload.get("cnf")
    jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
    if not isinstance(jwk, dict):
        return "the credential binds no key (cnf.jwk) it could be checked with"
    kb_alg = (kb.header or {}).get("alg")
    problem = usable_key(kb_alg if isinstance(kb_alg, str) else None, jwk)
    if problem is not None:
        return f"the holder's key cannot be used: {problem}"
    if not isinstance(kb_alg, str) or not signature_valid(kb.text, kb_alg, jwk):
        return "it is not signed by the key the credential binds"
    claims = kb.payload or {}
    missing = [n for n in ("iat", "aud", "nonce", "sd_hash") if n not in claims]
    if missing or numeric_date_ms(claims.get("iat")) is None:
        return f"it lacks {', '.join(missing) or 'a readable iat'}"
    if claims.get("sd_hash") != digest(found.sd_jwt.presentation, found.sd_alg):
        return "its sd_hash does not match this presentation"
    return None


def _signed_data(found: _Found, report: Report) -> None:
    if not report.needs_met("signed-data") or found.sd_alg is None:
        report.add(
            "signed-data",
            "not-checked",
            "Not checked, because the credential's digests could not be read.",
        )
        return
    try:
        found.claims = process(found.sd_jwt, found.sd_alg)
    except DisclosureError as error:
        report.add(
            "signed-data",
            "failed",
            f"The credential's disclosed claims do not match what the issuer signed: {error}.",
        )
        return
    count = len(found.sd_jwt.disclosures)
    report.add(
        "signed-data",
        "passed",
        f"Every claim was read from what the issuer signed ({count} disclosed by digest).",
    )


def _validity(payload: Mapping[str, Any], now: int, report: Report) -> None:
    start, end = numeric_date_ms(payload.get("nbf")), numeric_date_ms(payload.get("exp"))
    report.valid_from = _iso(start)
    report.valid_until = _iso(end)
    if start is None:
        report.add("valid-from", "passed", "The credential names no start of validity (nbf).")
    elif now < start:
        report.add(
            "valid-from",
            "failed",
            f"The credential is not valid yet: it is valid from {_iso(start)}.",
        )
    else:
        report.add("valid-from", "passed", f"The credential is valid from {_iso(start)}.")
    if end is None:
        report.add(
            "valid-until", "passed", "The credential has no end date: it is valid indefinitely."
        )
    elif now >= end:
        report.add("valid-until", "failed", f"The credential expired on {_iso(end)}.")
    else:
        report.add("valid-until", "passed", f"The credential is valid until {_iso(end)}.")


def _iso(moment: int | None) -> str | None:
    if moment is None:
        return None
    return datetime.fromtimestamp(moment / 1000, UTC).isoformat().replace("+00:00", "Z")


def status_list_payload(token: str, iss: object, fetch: Fetcher) -> Mapping[str, Any]:
    """The claims of a Status List Token signed by the credential's issuer ``iss``;
    VerificationError saying why it cannot be believed (FetchError: its key could not be
    fetched)."""
    try:
        jws = parse_jws(token.strip(), "the status list")
    except SdJwtFormatError as error:
        raise VerificationError(str(error)) from error
    header = jws.header or {}
    read, failed, unsupported = header_faults(header)
    if header.get("typ") != STATUS_LIST_TYPE:
        failed.insert(0, f"its type (typ) is {header.get('typ')!r}, not statuslist+jwt")
    if failed or unsupported or read.alg is None:
        raise VerificationError(
            "the status list cannot be accepted: " + "; ".join(failed + unsupported)
        )
    try:
        key = find_key(header, iss, fetch)
    except KeyUnreachableError as error:
        raise FetchError(str(error)) from error
    if key.controller is None or key.controller != iss:
        raise VerificationError("the status list is not signed by the credential's issuer")
    problem = usable_key(read.alg, key.jwk)
    if problem is not None:
        raise VerificationError(f"the status list's key cannot be used: {problem}")
    if not signature_valid(jws.text, read.alg, key.jwk):
        raise VerificationError("the status list's signature does not match")
    return jws.payload or {}
