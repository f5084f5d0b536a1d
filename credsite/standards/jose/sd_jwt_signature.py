"""The JWS rules an SD-JWT VC, its Key Binding JWT and its Status List Token are held to, built on
the VC-JWT header rules (``credsite.standards.jose.header``: the accepted algorithms, ``none``
and HMAC refused, ``crit`` refused, algorithm/key mismatch refused), and the signature itself
(jwcrypto, through the VC-JWT verifier's ``signature_matches``). What differs for an SD-JWT: its type is its own (``typ`` checked by the caller), and
its key need not be named in the header (the issuer's metadata may hold only one), so the VC-JWT
faults about ``typ`` and a missing key source are not this module's. The browser's twin is
``browser/src/verifier/jose/sd-jwt-signature.js``.
"""

from __future__ import annotations

from typing import Any

from credsite.standards.jose.authenticity import signature_matches
from credsite.standards.jose.header import Header, key_problem, read_header
from credsite.standards.jwk import JwkError, read_jwk

# VC-JWT header faults that do not apply to SD-JWTs (typ is judged by its own rule; the key may
# come from the issuer's metadata without a kid).
_NOT_OURS = frozenset({"TYP", "KEY_MISSING", "KEY_SOURCE"})


def header_faults(header: dict[str, Any]) -> tuple[Header, list[str], list[str]]:
    """The header as read, and its (failed, unsupported) faults as messages."""
    found = read_header(header)
    failed = [message for code, message in found.failed if code not in _NOT_OURS]
    unsupported = [message for code, message in found.unsupported if code not in _NOT_OURS]
    return found, failed, unsupported


def usable_key(alg: str | None, jwk: object) -> str | None:
    """Why ``jwk`` cannot verify a JWS of ``alg`` (a malformed or private key, another kind of key
    than the algorithm's, a short RSA key), or None."""
    try:
        key = read_jwk(jwk)
    except JwkError as error:
        return str(error)
    problem = key_problem(alg, key.key_type, key.jwk)
    if problem is not None:
        return problem[1]
    published = key.jwk.get("alg")
    if alg is not None and published is not None and published != alg:
        return f"the key is published for {published!r}, not for {alg}"
    return None


def signature_valid(token: str, alg: str, jwk: dict[str, Any]) -> bool:
    """Whether the compact JWS ``token`` is signed with ``alg`` by ``jwk`` (which fits ``alg``:
    ``usable_key``), by the VC-JWT verifier's own check."""
    try:
        key = read_jwk(jwk)
    except JwkError:
        return False
    return signature_matches(token, key, alg)
