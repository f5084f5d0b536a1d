"""Public keys written as JSON Web Keys (RFC 7517; EC keys RFC 7518, OKP keys RFC 8037), read
into the same key types the Multikey form gives, so that one decoder judges every key.

A JWK of a key type a cryptosuite verifies with (OKP Ed25519, EC P-256 and P-384) is re-encoded
as the Multikey of that key type (the rulebook's ``keys.jwk.curves`` names its multicodec prefix)
and decoded by ``cryptosuites.decode_public_key``: a weak Ed25519 key is refused as a weak key
whichever form it came in. An EC point must lie on its curve before it is compressed, as
compression would otherwise turn a point off the curve into another one on it. RSA keys are
recognised but only JOSE signatures (RS256 and its kin) use them, so they carry no suite key.
A JWK with private members (``d`` and the RSA primes) is refused: a published key that holds its
secret is a leak, and the did:jwk method requires refusing it. The browser's twin is
``browser/src/verifier/jwk.js``; both read the same rulebook section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from credsite.base.errors import VerificationError
from credsite.standards import cryptosuites, rulebook
from credsite.standards.multibase import base64url_decode, base64url_encode, multibase_encode

_CURVES = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1()}


class JwkError(VerificationError):
    """A JWK that does not give a usable public key; ``code`` names the rule it broke, with the
    browser's code for it (JWK_MALFORMED, JWK_PRIVATE, JWK_UNSUPPORTED, JWK_NOT_ON_CURVE,
    MULTIKEY for a key its key type refuses)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class JwkKey:
    """The key a JWK holds: its key type's name, the key a suite verifies with (None for a key
    type only JOSE uses) and the JWK itself, for JOSE libraries."""

    key_type: str
    public_key: cryptosuites.PublicKey | None
    jwk: dict[str, Any]


def read_jwk(jwk: object) -> JwkKey:
    """The public key of ``jwk``; JwkError saying what is wrong with it."""
    if not isinstance(jwk, dict):
        raise JwkError("JWK_MALFORMED", "the publicKeyJwk is not a JSON object")
    rules = rulebook.section("keys")["jwk"]
    private = [m for m in rules["privateMembers"] if m in jwk]
    if private:
        raise JwkError(
            "JWK_PRIVATE",
            f"the JWK holds a private key (member {private[0]!r}); a published key must hold "
            "only its public part",
        )
    kty = jwk.get("kty")
    if not isinstance(kty, str):
        raise JwkError("JWK_MALFORMED", "the JWK has no key type (kty)")
    if kty in rules["joseOnly"]:
        _check_rsa(jwk)
        return JwkKey(kty, None, dict(jwk))
    curve = next(
        (c for c in rules["curves"] if c["kty"] == kty and c["crv"] == jwk.get("crv")), None
    )
    if curve is None:
        raise JwkError(
            "JWK_UNSUPPORTED",
            f"a JWK of key type {kty!r} and curve {jwk.get('crv')!r} is not supported "
            f"(supported: {', '.join(c['crv'] for c in rules['curves'])} and RSA)",
        )
    raw = _raw_key(jwk, curve)
    return JwkKey(curve["keyType"], _decoded(curve, raw), dict(jwk))


def public_jwk(public_key: cryptosuites.PublicKey) -> dict[str, str]:
    """The public JWK of a key read from a Multikey, for a JOSE library (a JWT whose ``kid``
    names a did:key). ValueError for a key type the rulebook gives no JWK form."""
    name = public_key.key_type.name
    curve = next(
        (c for c in rulebook.section("keys")["jwk"]["curves"] if c["keyType"] == name), None
    )
    if curve is None:
        raise ValueError(f"a {name} key has no JWK form here")
    if curve["kty"] == "OKP":
        return {"kty": "OKP", "crv": curve["crv"], "x": base64url_encode(public_key.raw)}
    point = ec.EllipticCurvePublicKey.from_encoded_point(_CURVES[curve["crv"]], public_key.raw)
    numbers, size = point.public_numbers(), curve["coordinateBytes"]
    return {
        "kty": "EC",
        "crv": curve["crv"],
        "x": base64url_encode(numbers.x.to_bytes(size, "big")),
        "y": base64url_encode(numbers.y.to_bytes(size, "big")),
    }


def _raw_key(jwk: dict[str, Any], curve: dict[str, Any]) -> bytes:
    """The key type's raw form: the 32 bytes of an Ed25519 key, the compressed point of an EC
    key (after checking the point is on the curve)."""
    size = curve["coordinateBytes"]
    x = _coordinate(jwk, "x", size)
    if curve["kty"] == "OKP":
        return x
    y = _coordinate(jwk, "y", size)
    numbers = ec.EllipticCurvePublicNumbers(
        int.from_bytes(x, "big"), int.from_bytes(y, "big"), _CURVES[curve["crv"]]
    )
    try:
        point = numbers.public_key()
    except ValueError as error:
        raise JwkError(
            "JWK_NOT_ON_CURVE", f"the JWK's point (x, y) is not on the curve {curve['crv']}"
        ) from error
    return point.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)


def _coordinate(jwk: dict[str, Any], member: str, size: int) -> bytes:
    value = jwk.get(member)
    if not isinstance(value, str):
        raise JwkError("JWK_MALFORMED", f"the JWK has no {member!r} member")
    try:
        data = base64url_decode(value)
    except ValueError as error:
        raise JwkError("JWK_MALFORMED", f"the JWK's {member!r} is not base64url") from error
    if len(data) != size:
        raise JwkError("JWK_MALFORMED", f"the JWK's {member!r} is {len(data)} bytes, not {size}")
    return data


def _decoded(curve: dict[str, Any], raw: bytes) -> cryptosuites.PublicKey:
    multikey = multibase_encode(bytes.fromhex(curve["multicodec"]) + raw)
    try:
        key = cryptosuites.decode_public_key(multikey)
    except ValueError as error:
        raise JwkError("MULTIKEY", f"the JWK's key is refused: {error}") from error
    if key.key_type.name != curve["keyType"]:
        raise JwkError("JWK_UNSUPPORTED", f"the JWK's key is not a {curve['keyType']} key")
    return key


def _check_rsa(jwk: dict[str, Any]) -> None:
    """An RSA public key: ``n`` and ``e`` as unsigned big-endian base64url integers with n odd
    and e odd, 3 <= e < n (JOSE judges the key's size against the algorithm)."""
    n, e = (_rsa_integer(jwk, member) for member in ("n", "e"))
    if n % 2 == 0 or e % 2 == 0 or not 3 <= e < n:
        raise JwkError("JWK_MALFORMED", "the RSA JWK's n and e do not make an RSA key")


def _rsa_integer(jwk: dict[str, Any], member: str) -> int:
    value = jwk.get(member)
    try:
        data = base64url_decode(value) if isinstance(value, str) else b""
    except ValueError:
        data = b""
    if not data:
        raise JwkError("JWK_MALFORMED", f"the RSA JWK's {member!r} is missing or not base64url")
    return int.from_bytes(data, "big")
