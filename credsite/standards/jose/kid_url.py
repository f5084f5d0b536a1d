"""A JWT's ``kid`` that is an https address serving the key itself, as a bare JWK or in a JWK Set.

Open Badges 3.0 §8.2 defines ``kid`` as "a URI that can be dereferenced to an object of type JWK
representing the public key", and its section on dereferencing the public key says what that
means: using the URI "to get the public key in JWK format", an HTTP URL being the one form every
verifier must support; its sample header names ``https://example.edu/keys#key-1``, "a public key
in a JWKS". So an https ``kid`` is read as the issuer serves it:

- a controller document (its ``id`` the address): the key it lists under the ``kid``, by the
  rules of ``credsite.standards.keyresolution`` (as for a Data Integrity proof);
- a bare JWK (RFC 7517 §4, an object with ``kty``): that key; a ``#fragment`` on the ``kid``
  must then be the JWK's own ``kid`` when it names one;
- a JWK Set (RFC 7517 §5, an object with ``keys``): the one key whose ``kid`` is the fragment (or
  the whole ``kid``); without a fragment, the set's only key.

A key marked for another use than signatures (``use`` other than ``sig``) is refused. Such a key
names no owner: the key-controller check says that only its address ties it to the issuer. The
browser's twin is ``browser/src/verifier/jose/kid-url.js``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from credsite.standards.jwk import JwkError, read_jwk
from credsite.standards.keyresolution import (
    KeyProblemError,
    PublishedKey,
    parse_key_id,
    resolve_published_key,
)
from credsite.standards.reports import Fetcher, FetchError

JWK = "a JWK"
JWK_SET = "a JWK Set"


@dataclass(frozen=True)
class KidKey:
    """The key a ``kid`` names, and ``served`` (JWK or JWK_SET) when the address served the key
    itself rather than a controller document (None)."""

    key: PublishedKey
    served: str | None = None


def resolve_kid(kid: str, fetch: Fetcher) -> KidKey:
    """The key ``kid`` names; KeyProblemError saying why there is none."""
    method, address, fragment = parse_key_id(kid)
    if method != "https":
        return KidKey(resolve_published_key(kid, fetch))
    try:
        document = fetch(address)
    except FetchError as error:
        raise KeyProblemError(str(error), True, "KEY_DOCUMENT_UNREACHABLE") from error
    form = served_form(document, address)
    if form is None:  # a controller document, or nothing usable: its rules say which
        return KidKey(resolve_published_key(kid, _known(address, document, fetch)))
    jwk = _chosen(document, form, kid, fragment, address)
    if jwk.get("use", "sig") != "sig":
        raise KeyProblemError(
            f"the key at {address} is marked for another use than signatures "
            f"(use {jwk.get('use')!r})",
            code="JWK_NOT_FOR_SIGNING",
        )
    try:
        key = read_jwk(jwk)
    except JwkError as error:
        raise KeyProblemError(
            f"the key at {address} is not usable: {error}", code=error.code
        ) from error
    published = PublishedKey(
        id=kid,
        method="https",
        controller=address,
        key_type=key.key_type,
        public_key=key.public_key,
        document_url=address,
        jwk=key.jwk,
    )
    return KidKey(published, form)


def served_form(document: Any, address: str) -> str | None:
    """JWK or JWK_SET when ``document`` is the key itself, None for anything else (a controller
    document: one whose ``id`` is its address)."""
    if not isinstance(document, dict) or document.get("id") == address:
        return None
    if isinstance(document.get("kty"), str):
        return JWK
    if isinstance(document.get("keys"), list):
        return JWK_SET
    return None


def _chosen(
    document: dict[str, Any], form: str, kid: str, fragment: str | None, address: str
) -> dict[str, Any]:
    """The JWK the ``kid`` names in a served JWK or JWK Set."""
    names = {kid} if fragment is None else {kid, fragment}
    if form == JWK:
        own = document.get("kid")
        if fragment is not None and own is not None and own not in names:
            raise KeyProblemError(
                f"the key at {address} is named {own!r}, not {fragment!r}", code="JWKS_NO_KEY"
            )
        return document
    keys = [key for key in document["keys"] if isinstance(key, dict)]
    if fragment is None:
        if len(keys) != 1:
            raise KeyProblemError(
                f"the key set at {address} holds {len(keys)} keys, and the kid does not say "
                "which (it has no #fragment)",
                code="JWKS_AMBIGUOUS",
            )
        return keys[0]
    found = [key for key in keys if key.get("kid") in names]
    if not found:
        raise KeyProblemError(
            f"the key set at {address} has no key named {fragment!r}", code="JWKS_NO_KEY"
        )
    if len(found) > 1:
        raise KeyProblemError(
            f"the key set at {address} names more than one key {fragment!r}",
            code="JWKS_AMBIGUOUS",
        )
    return found[0]


def _known(address: str, document: Any, fetch: Fetcher) -> Fetcher:
    """``fetch``, with the document already fetched from ``address`` given again, not refetched."""

    def again(url: str) -> Any:
        return document if url == address else fetch(url)

    return again
