"""The Ed25519 key type: the Multikey form (``z6Mk...``) and pure EdDSA (RFC 8032).

Every suite that signs with Ed25519 shares it: eddsa-rdfc-2022, eddsa-jcs-2022, the legacy
Ed25519Signature2020 proof type and the pre-standard eddsa-2022. The Multikey encoding and its
strict decoding live in ``credsite.standards.multibase``, which the issuer's key files use as well.

A published key is accepted only if a signature under it proves something, as the browser
verifier decides (``browser/src/verifier/multikey.js``): it is not one of the small-order keys of
the rulebook (``keys.smallOrderEd25519``), under which OpenSSL accepts a forged signature, and it
is the canonical encoding of a point on the curve (RFC 8032, 5.1.3), so that a key no signature
can match is refused as a key rather than reported as a signature that does not match.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from credsite.standards import rulebook
from credsite.standards.cryptosuites.suite import KeyType
from credsite.standards.multibase import (
    ED25519_KEY_BYTES,
    ED25519_PUBLIC_PREFIX,
    decode_public_key,
)

_P = 2**255 - 19
_D = -121665 * pow(121666, -1, _P) % _P
_SQRT_MINUS_ONE = pow(2, (_P - 1) // 4, _P)


def _decode(public_key_multibase: str) -> bytes:
    """The raw key of an Ed25519 Multikey that a signature can be checked against."""
    key = decode_public_key(public_key_multibase)
    if rulebook.is_small_order_key(key):
        raise ValueError(
            "it is a weak (small-order) Ed25519 key, under which any signature can be forged"
        )
    if not _is_canonical_point(key):
        raise ValueError("it is not a valid Ed25519 public key (not a point on the curve)")
    return key


def _is_canonical_point(key: bytes) -> bool:
    """RFC 8032 point decoding, strictly: y below p, an x with x^2 = (y^2 - 1) / (d y^2 + 1),
    and no sign bit on x = 0 (noble's ``Point.fromBytes(key, false)``)."""
    y = int.from_bytes(key, "little") & ((1 << 255) - 1)
    if y >= _P:
        return False
    u, v = (y * y - 1) % _P, (_D * y * y + 1) % _P
    x = u * pow(v, 3, _P) * pow(u * pow(v, 7, _P), (_P - 5) // 8, _P) % _P
    if (v * x * x - u) % _P:
        x = x * _SQRT_MINUS_ONE % _P
    if (v * x * x - u) % _P:
        return False
    return x != 0 or key[31] >> 7 == 0


def _sign(private_key: Ed25519PrivateKey, data: bytes) -> bytes:
    return private_key.sign(data)


def _verify(public_key: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(signature, data)
    except InvalidSignature:
        return False
    return True


ED25519 = KeyType(
    name="Ed25519",
    with_article="an Ed25519",
    public_key_bytes=ED25519_KEY_BYTES,
    signature_bytes=64,
    private_key_class=Ed25519PrivateKey,
    decode=_decode,
    sign=_sign,
    verify=_verify,
    multicodec=ED25519_PUBLIC_PREFIX,
)
