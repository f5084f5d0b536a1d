"""Where an SD-JWT VC's (or its Status List Token's) signing key comes from, and whose it is
(draft-ietf-oauth-sd-jwt-vc, "Issuer Verification Key Discovery and Validation"), in this order:

1. a ``kid`` that is a DID URL (or ``#fragment`` of a DID ``iss``, or no ``kid`` with a DID
   ``iss``): the key the DID publishes for issuing (did:jwk, did:web, did:key, by
   ``credsite.standards.keyresolution``); it is the issuer's when the DID is ``iss``;
2. an ``x5c`` certificate chain: unsupported, as this verifier carries no trust anchors to judge
   a chain with (nothing is said against the credential);
3. an https ``iss``: the key its JWT VC Issuer Metadata list (``issuer_metadata``); it is the
   issuer's when the metadata name ``iss`` as their issuer;
4. a ``jwk`` in the header only: a key, but one the credential vouches for itself, so never the
   issuer's.

The browser's twin is ``browser/src/verifier/jose/sd-jwt-keys.js``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from credsite.base.errors import VerificationError
from credsite.standards.jose.issuer_metadata import issuer_key
from credsite.standards.jwk import public_jwk
from credsite.standards.keyresolution import KeyProblemError, resolve_published_key
from credsite.standards.reports import Fetcher, FetchError


class KeyUnsupportedError(VerificationError):
    """The key is named in a way this verifier cannot follow (an X.509 chain)."""


class KeyUnreachableError(VerificationError):
    """The document holding the key could not be fetched: could not check."""


@dataclass(frozen=True)
class IssuerKey:
    """A key, the party that publishes it (None: nobody but the credential itself), how it was
    found (did, metadata, header), where, and the key's own dates when its document gave any."""

    jwk: dict[str, Any]
    controller: str | None
    source: str
    location: str
    dates: dict[str, Any] = field(default_factory=dict)


def find_key(header: dict[str, Any], iss: object, fetch: Fetcher) -> IssuerKey:
    """The signing key of a JWS with this ``header`` whose issuer claims to be ``iss``;
    KeyUnsupportedError, KeyUnreachableError or VerificationError saying why there is none."""
    kid = header.get("kid")
    method_id = _did_method(kid, iss)
    if method_id is not None:
        return _did_key(method_id, fetch)
    if "x5c" in header:
        raise KeyUnsupportedError(
            "the issuer's key comes in an X.509 certificate chain (x5c), which this verifier "
            "cannot judge: it carries no trust anchors"
        )
    if isinstance(iss, str) and iss.startswith("https://"):
        try:
            found = issuer_key(iss, kid, fetch)
        except FetchError as error:
            raise KeyUnreachableError(str(error)) from error
        return IssuerKey(found.jwk, found.issuer, "metadata", found.document_url)
    if isinstance(header.get("jwk"), dict):
        return IssuerKey(dict(header["jwk"]), None, "header", "the credential's own header")
    raise VerificationError(
        "the credential names no key the issuer publishes: no kid that is a DID URL, and its "
        "issuer (iss) is neither a DID nor an https address"
    )


def _did_method(kid: object, iss: object) -> str | None:
    if isinstance(kid, str) and kid.startswith("did:"):
        return kid
    did_iss = isinstance(iss, str) and iss.startswith("did:")
    if isinstance(kid, str) and kid.startswith("#") and did_iss:
        return f"{iss}{kid}"
    if kid is None and did_iss:
        assert isinstance(iss, str)
        return iss
    return None


def _did_key(method_id: str, fetch: Fetcher) -> IssuerKey:
    try:
        key = resolve_published_key(method_id, fetch)
    except KeyProblemError as error:
        if error.retryable:
            raise KeyUnreachableError(str(error)) from error
        raise VerificationError(str(error)) from error
    jwk = key.jwk
    if jwk is None and key.public_key is not None:
        jwk = public_jwk(key.public_key)
    if jwk is None:
        raise VerificationError(f"the key {method_id} has no form a JWS can be checked with")
    return IssuerKey(jwk, key.controller, "did", key.document_url or key.id, dict(key.dates))
