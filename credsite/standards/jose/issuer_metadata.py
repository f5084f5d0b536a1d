"""An SD-JWT VC issuer's key from its JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc,
"JWT VC Issuer Metadata"): for an ``iss`` that is an https URL, the document at the URL made by
putting ``/.well-known/jwt-vc-issuer`` between its host and its path (a trailing ``/`` of the
path removed first). Its ``issuer`` must be ``iss`` exactly, or nothing in it may be used; its
keys are a JWK Set given in place (``jwks``) or at an https address (``jwks_uri``), never both.
The key is the one whose ``kid`` the credential's header names, or the only key when it names
none.

The rules are the browser verifier's (``browser/src/verifier/jose/issuer-metadata.js``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from credsite.base.errors import VerificationError
from credsite.standards.keyresolution import has_dot_segment
from credsite.standards.reports import Fetcher

WELL_KNOWN = "/.well-known/jwt-vc-issuer"
# https, a host (and port), an optional path; no userinfo, query or fragment.
_ISSUER_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[^?#\s]*)?", re.ASCII)


@dataclass(frozen=True)
class MetadataKey:
    """The key the issuer's metadata lists for the credential, and where it was found."""

    jwk: dict[str, Any]
    issuer: str  # the metadata's issuer, which the key-controller check compares with iss
    document_url: str


def metadata_url(iss: str) -> str:
    """The address of the JWT VC Issuer Metadata of ``iss``; VerificationError when ``iss`` is
    not an https URL without query and fragment, or its path has a dot segment (key
    resolution's rule, ``keyresolution.has_dot_segment``)."""
    if not _ISSUER_URL.fullmatch(iss):
        raise VerificationError(
            f"the issuer {iss!r} is not an https address without query or fragment"
        )
    parts = urlsplit(iss)
    if has_dot_segment(parts.path):
        # Fetched, /.well-known/jwt-vc-issuer/../x is /x: a file the host did not vouch for.
        raise VerificationError(
            f"the issuer {iss!r} has a '.' or '..' path segment, which would lead the metadata "
            f"lookup out of {WELL_KNOWN}"
        )
    return f"https://{parts.netloc}{WELL_KNOWN}{parts.path.rstrip('/')}"


def issuer_key(iss: str, kid: object, fetch: Fetcher) -> MetadataKey:
    """The key of ``iss`` named ``kid`` (None: the only one), read from its metadata.
    VerificationError when the metadata do not give one key; FetchError when a document could
    not be fetched."""
    url = metadata_url(iss)
    metadata = fetch(url)
    if not isinstance(metadata, Mapping):
        raise VerificationError(f"the issuer metadata at {url} is not a JSON object")
    issuer = metadata.get("issuer")
    if not isinstance(issuer, str):
        raise VerificationError(f"the issuer metadata at {url} do not name their issuer")
    keys = _key_set(metadata, url, fetch)
    return MetadataKey(_select(keys, kid, url), issuer, url)


def _key_set(metadata: Mapping[str, Any], url: str, fetch: Fetcher) -> list[Any]:
    has_jwks, has_uri = "jwks" in metadata, "jwks_uri" in metadata
    if has_jwks == has_uri:
        raise VerificationError(
            f"the issuer metadata at {url} must give either jwks or jwks_uri"
            + (", not both" if has_jwks else "")
        )
    jwks = metadata.get("jwks")
    where = url
    if has_uri:
        where = metadata["jwks_uri"]
        if not isinstance(where, str) or not where.startswith("https://"):
            raise VerificationError(f"the jwks_uri of the issuer metadata at {url} is not https")
        jwks = fetch(where)
    if not isinstance(jwks, Mapping) or not isinstance(jwks.get("keys"), list):
        raise VerificationError(f"the key set at {where} is not a JWK Set (keys)")
    return list(jwks["keys"])


def _select(keys: list[Any], kid: object, url: str) -> dict[str, Any]:
    usable = [k for k in keys if isinstance(k, dict) and k.get("use", "sig") == "sig"]
    if kid is None:
        if len(usable) != 1:
            raise VerificationError(
                f"the credential names no key (kid) and the issuer metadata at {url} list "
                f"{len(usable)} signing keys"
            )
        return usable[0]
    named = [k for k in usable if k.get("kid") == kid]
    if not named:
        raise VerificationError(f"the issuer metadata at {url} list no signing key {kid!r}")
    if len(named) > 1:
        raise VerificationError(f"the issuer metadata at {url} list the key {kid!r} twice")
    return named[0]
