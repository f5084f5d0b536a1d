"""The P-256 and P-384 key types: their Multikey form and ECDSA as VC-DI-ECDSA 1.0 uses it.

A Multikey of either curve is ``z`` + base58btc of the multicodec varint (``0x80 0x24`` for
p256-pub, ``0x81 0x24`` for p384-pub) and the SEC 1 compressed point (33 or 49 bytes, first
byte 02 or 03). The point must lie on the curve, so that a key no signature can match is refused
as a key, as the Ed25519 key type does (and the browser's ``multikey.js``).

The signature is ECDSA with the curve's own hash (SHA-256 for P-256, SHA-384 for P-384) over the
hash data, written as r‖s (IEEE P1363, 64 or 96 bytes), as WebCrypto writes it; any r and s the
curve allows are accepted (no low-S rule, which WebCrypto signers do not follow).

Issuers sign with Ed25519; signing here is for tests and tools that make ECDSA proofs.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from credsite.standards.cryptosuites.suite import KeyType
from credsite.standards.multibase import base58btc_encode, multikey_bytes

P256_PUBLIC_PREFIX = b"\x80\x24"
P384_PUBLIC_PREFIX = b"\x81\x24"
P256_SECRET_PREFIX = b"\x86\x26"
P384_SECRET_PREFIX = b"\x87\x26"


class _Curve:
    """One curve's constants: its name, multicodec prefixes, sizes and hash."""

    def __init__(
        self,
        name: str,
        curve: ec.EllipticCurve,
        hash_algorithm: hashes.HashAlgorithm,
        public_prefix: bytes,
        secret_prefix: bytes,
    ) -> None:
        self.name = name
        self.curve = curve
        self.hash_algorithm = hash_algorithm
        self.public_prefix = public_prefix
        self.secret_prefix = secret_prefix
        self.scalar_bytes = (curve.key_size + 7) // 8
        self.point_bytes = 1 + self.scalar_bytes

    def decode(self, public_key_multibase: str) -> bytes:
        """The compressed point of a Multikey of this curve; ValueError saying what is wrong."""
        raw = multikey_bytes(public_key_multibase, "publicKeyMultibase")
        if raw[:2] != self.public_prefix:
            raise ValueError(
                f"publicKeyMultibase has multicodec prefix 0x{raw[:2].hex()}, "
                f"not 0x{self.public_prefix.hex()} ({self.name} public key)"
            )
        point = raw[2:]
        if len(point) != self.point_bytes or point[0] not in (2, 3):
            raise ValueError(
                f"the {self.name} key in publicKeyMultibase is not a compressed point "
                f"({len(point)} bytes; expected {self.point_bytes}, starting with 02 or 03)"
            )
        try:
            ec.EllipticCurvePublicKey.from_encoded_point(self.curve, point)
        except ValueError as error:
            raise ValueError(
                f"it is not a valid {self.name} public key (not a point on the curve)"
            ) from error
        return point

    def sign(self, private_key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
        r, s = decode_dss_signature(private_key.sign(data, ec.ECDSA(self.hash_algorithm)))
        return r.to_bytes(self.scalar_bytes, "big") + s.to_bytes(self.scalar_bytes, "big")

    def verify(self, public_key: bytes, signature: bytes, data: bytes) -> bool:
        if len(signature) != 2 * self.scalar_bytes:
            return False
        r = int.from_bytes(signature[: self.scalar_bytes], "big")
        s = int.from_bytes(signature[self.scalar_bytes :], "big")
        try:
            key = ec.EllipticCurvePublicKey.from_encoded_point(self.curve, bytes(public_key))
            key.verify(encode_dss_signature(r, s), data, ec.ECDSA(self.hash_algorithm))
        except (InvalidSignature, ValueError):
            return False
        return True

    def takes(self, private_key: ec.EllipticCurvePrivateKey) -> bool:
        return private_key.curve.name == self.curve.name

    def key_type(self) -> KeyType:
        return KeyType(
            name=self.name,
            with_article=f"a {self.name}",
            public_key_bytes=self.point_bytes,
            signature_bytes=2 * self.scalar_bytes,
            private_key_class=ec.EllipticCurvePrivateKey,
            decode=self.decode,
            sign=self.sign,
            verify=self.verify,
            multicodec=self.public_prefix,
            takes_private_key=self.takes,
        )


_P256 = _Curve("P-256", ec.SECP256R1(), hashes.SHA256(), P256_PUBLIC_PREFIX, P256_SECRET_PREFIX)
_P384 = _Curve("P-384", ec.SECP384R1(), hashes.SHA384(), P384_PUBLIC_PREFIX, P384_SECRET_PREFIX)
_CURVES = (_P256, _P384)

P256 = _P256.key_type()
P384 = _P384.key_type()


def encode_public_key(private_key: ec.EllipticCurvePrivateKey) -> str:
    """The ``publicKeyMultibase`` of a P-256 or P-384 private key's public half."""
    curve = _curve_of(private_key)
    point = private_key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    return "z" + base58btc_encode(curve.public_prefix + point)


def decode_secret_key(secret_key_multibase: str) -> ec.EllipticCurvePrivateKey:
    """A P-256 or P-384 private key from its ``secretKeyMultibase`` (multicodec p256-priv
    ``0x86 0x26`` or p384-priv ``0x87 0x26`` and the big-endian scalar), as the W3C vectors
    publish their key pairs."""
    raw = multikey_bytes(secret_key_multibase, "secretKeyMultibase")
    for curve in _CURVES:
        if raw[:2] == curve.secret_prefix and len(raw) == 2 + curve.scalar_bytes:
            return ec.derive_private_key(int.from_bytes(raw[2:], "big"), curve.curve)
    raise ValueError("secretKeyMultibase is not a P-256 or P-384 secret key")


def _curve_of(private_key: ec.EllipticCurvePrivateKey) -> _Curve:
    for curve in _CURVES:
        if isinstance(private_key, ec.EllipticCurvePrivateKey) and curve.takes(private_key):
            return curve
    raise TypeError(f"not a P-256 or P-384 private key: {private_key!r}")
