"""The SD-JWT format (RFC 9901): splitting an SD-JWT into its issuer-signed JWT, Disclosures and
Key Binding JWT, and processing the Disclosures into the claims the issuer signed (section 7.1).

Every rule of section 7.1 is applied and each refusal says which: a Disclosure is a base64url
JSON array of salt, claim name and value (an object property) or of salt and value (an array
element), whose digest (``_sd_alg``, default sha-256, over its base64url text) must appear in
the signed payload or in another used Disclosure exactly once; no digest may appear twice (even a
decoy); no Disclosure may go unused; a Disclosure may not name ``_sd`` or ``...`` nor a claim
already present beside it. SD-JWT VC adds that ``iss``, ``nbf``, ``exp``, ``cnf``, ``vct``,
``vct#integrity`` and ``status`` are never selectively disclosed, nor anything inside them.

The OWF reference library (``sd_jwt``) issues SD-JWTs in the tests but does not verify here: its
verifier gives no reason a verifier page could show, and accepts unused Disclosures, Disclosures
named ``_sd`` or ``...`` and a Key Binding JWT without an audience and nonce to compare. The rules
are the browser verifier's (``browser/src/verifier/jose/sd-jwt.js``) step for step.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from credsite.base.errors import VerificationError
from credsite.base.jsonfile import JsonInputError, load_json
from credsite.standards.jose.compact import Token, TokenError, parse_token
from credsite.standards.multibase import base64url_decode

HASHES: dict[str, Callable[[bytes], Any]] = {
    "sha-256": hashlib.sha256,
    "sha-384": hashlib.sha384,
    "sha-512": hashlib.sha512,
}
# SD-JWT VC: claims that are never selectively disclosed (nor anything within them).
SD_JWT_TEXT = re.compile(
    r"[A-Za-z0-9_=-]*\.[A-Za-z0-9_=-]*\.[A-Za-z0-9_=-]*~[A-Za-z0-9_=.~-]*", re.ASCII
)
PROTECTED_CLAIMS = ("iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status")


class SdJwtFormatError(VerificationError):
    """The text is not an SD-JWT that can be read (structure)."""


class DisclosureError(VerificationError):
    """The Disclosures do not fit the signed payload (RFC 9901 section 7.1 refusals)."""


@dataclass(frozen=True)
class SdJwt:
    """An SD-JWT as received: the issuer-signed JWT, the Disclosures (their base64url text and
    decoded arrays) and the Key Binding JWT, if any."""

    jwt: Token
    payload: dict[str, Any]
    disclosures: tuple[str, ...]
    decoded: tuple[list[Any], ...]
    kb_jwt: Token | None

    @property
    def presentation(self) -> str:
        """The text the Key Binding JWT's ``sd_hash`` covers: everything before it."""
        return "~".join((self.jwt.text, *self.disclosures)) + "~"


def looks_like_sd_jwt(text: str) -> bool:
    """Whether ``text`` (trimmed) is written as an SD-JWT: a compact JWS, ``~``, Disclosures and
    an optional Key Binding JWT (the browser's ``jose/sd-jwt-text.js``), for dispatch."""
    return SD_JWT_TEXT.fullmatch(text.strip()) is not None


def parse(text: str) -> SdJwt:
    """The parts of an SD-JWT; SdJwtFormatError saying what is malformed."""
    parts = text.strip().split("~")
    if len(parts) < 2:
        raise SdJwtFormatError("it is not an SD-JWT: it has no '~' after the issuer-signed JWT")
    jwt = parse_jws(parts[0], "the issuer-signed JWT")
    *disclosures, last = parts[1:]
    if any(d == "" for d in disclosures):
        raise SdJwtFormatError("it has an empty Disclosure ('~~')")
    kb_jwt = parse_jws(last, "the Key Binding JWT") if last else None
    decoded = tuple(_disclosure(d) for d in disclosures)
    assert jwt.payload is not None
    return SdJwt(jwt, jwt.payload, tuple(disclosures), decoded, kb_jwt)


def parse_jws(text: str, what: str) -> Token:
    """A compact JWS whose header and payload are JSON objects (``compact.parse_token``, the
    VC-JWT reader); SdJwtFormatError otherwise."""
    try:
        token = parse_token(text)
    except TokenError as error:
        raise SdJwtFormatError(f"{what} is not a compact JWS: {error}") from error
    problem = token.header_problem or token.payload_problem
    if problem:
        raise SdJwtFormatError(f"{what} cannot be read: {problem}")
    return token


def _disclosure(text: str) -> list[Any]:
    try:
        data = base64url_decode(text)
    except ValueError as error:
        raise SdJwtFormatError(f"a Disclosure is not base64url ({error})") from error
    try:
        value = load_json(data)
    except JsonInputError as error:
        raise SdJwtFormatError(f"a Disclosure is not acceptable JSON ({error})") from error
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise SdJwtFormatError("a Disclosure is not a JSON array of two or three elements")
    if not isinstance(value[0], str) or (len(value) == 3 and not isinstance(value[1], str)):
        raise SdJwtFormatError("a Disclosure's salt or claim name is not a string")
    return value


def digest(disclosure: str, algorithm: str) -> str:
    """The digest of a Disclosure: the hash of its base64url text, in base64url."""
    hashed = HASHES[algorithm](disclosure.encode("ascii")).digest()
    return base64.urlsafe_b64encode(hashed).rstrip(b"=").decode("ascii")


@dataclass
class _Processing:
    by_digest: dict[str, int]
    decoded: tuple[list[Any], ...]
    seen: set[str] = field(default_factory=set)
    used: set[int] = field(default_factory=set)


def process(sd_jwt: SdJwt, algorithm: str) -> dict[str, Any]:
    """The claims of the issuer-signed payload with every Disclosure put in its place, ``_sd``
    and ``_sd_alg`` removed; DisclosureError for any refusal of RFC 9901 section 7.1."""
    by_digest: dict[str, int] = {}
    for index, text in enumerate(sd_jwt.disclosures):
        key = digest(text, algorithm)
        if key in by_digest:
            raise DisclosureError("the same Disclosure is given twice")
        by_digest[key] = index
    state = _Processing(by_digest, sd_jwt.decoded)
    payload = {k: v for k, v in sd_jwt.payload.items() if k != "_sd_alg"}
    claims = _object(payload, state, None)
    unused = len(sd_jwt.disclosures) - len(state.used)
    if unused:
        raise DisclosureError(
            f"{unused} Disclosure{'s are' if unused > 1 else ' is'} not referenced by a digest "
            "the issuer signed"
        )
    return claims


def _value(value: Any, state: _Processing, top: str | None) -> Any:
    if isinstance(value, dict):
        return _object(value, state, top)
    if isinstance(value, list):
        return _array(value, state, top)
    return value


def _object(node: dict[str, Any], state: _Processing, top: str | None) -> dict[str, Any]:
    digests = node.get("_sd", [])
    if not isinstance(digests, list) or not all(isinstance(d, str) for d in digests):
        raise DisclosureError("an _sd claim is not a list of digests")
    out = {k: _value(v, state, top or k) for k, v in node.items() if k != "_sd"}
    for key in digests:
        index = _take(key, state)
        if index is None:
            continue  # a decoy
        disclosure = state.decoded[index]
        if len(disclosure) != 3:
            raise DisclosureError("a Disclosure for an object property has no claim name")
        name = disclosure[1]
        if name in ("_sd", "..."):
            raise DisclosureError(f"a Disclosure names the reserved claim {name!r}")
        if name in out:
            raise DisclosureError(f"a Disclosure names the claim {name!r}, which is already there")
        _protected(top or name)
        out[name] = _value(disclosure[2], state, top or name)
    return out


def _array(items: list[Any], state: _Processing, top: str | None) -> list[Any]:
    out = []
    for item in items:
        if isinstance(item, dict) and len(item) == 1 and isinstance(item.get("..."), str):
            index = _take(item["..."], state)
            if index is None:
                continue  # a decoy: the element is left out
            disclosure = state.decoded[index]
            if len(disclosure) != 2:
                raise DisclosureError("a Disclosure for an array element has a claim name")
            _protected(top)
            out.append(_value(disclosure[1], state, top))
        else:
            out.append(_value(item, state, top))
    return out


def _take(key: str, state: _Processing) -> int | None:
    """The Disclosure a digest names (None for a decoy), refusing a digest seen before."""
    if key in state.seen:
        raise DisclosureError("a digest appears more than once in what the issuer signed")
    state.seen.add(key)
    index = state.by_digest.get(key)
    if index is not None:
        state.used.add(index)
    return index


def _protected(top: str | None) -> None:
    if top in PROTECTED_CLAIMS:
        raise DisclosureError(
            f"the claim {top!r} is selectively disclosed, which SD-JWT VC does not allow"
        )
