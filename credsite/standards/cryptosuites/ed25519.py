"""The Ed25519 key type: the Multikey form (``z6Mk...``) and pure EdDSA (RFC 8032).

Every suite that signs with Ed25519 shares it: eddsa-rdfc-2022 today, eddsa-jcs-2022 and the
legacy Ed25519Signature2020 proof type later. The Multikey encoding and its strict decoding live in
``credsite.standards.multibase``, which the issuer's key files use as well.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from credsite.standards.cryptosuites.suite import KeyType
from credsite.standards.multibase import ED25519_KEY_BYTES, decode_public_key


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
    decode=decode_public_key,
    sign=_sign,
    verify=_verify,
)
