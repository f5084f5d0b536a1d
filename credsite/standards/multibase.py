"""Multibase encodings and Ed25519 Multikey values, as used by eddsa-rdfc-2022 and status lists.

Data Integrity proofs carry signatures as base58btc (``z``), Bitstring Status Lists carry their
bits as base64url without padding (``u``), and keys travel as Multikey values: a multicodec
prefix followed by the raw key. The decoders are strict (no silent skipping of bad characters,
exact lengths) because their input comes from files and the network, and a lenient decoder turns
a corrupted key or signature into a confusing failure much later.

Errors are ``ValueError`` with a message that names what is wrong; callers that know where the
value came from (a key file, a credential) wrap it in the matching project error.
"""

from __future__ import annotations

import base64
import binascii
import re

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: value for value, char in enumerate(BASE58_ALPHABET)}
_BASE64URL_TEXT = re.compile(r"[A-Za-z0-9_-]*")

BASE58BTC_PREFIX = "z"
BASE64URL_PREFIX = "u"

# Multicodec varint prefixes (CID / Multikey, as cited by VC-DI-EdDSA 2.1.1).
ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_SECRET_PREFIX = b"\x80\x26"
ED25519_KEY_BYTES = 32


def base58btc_encode(data: bytes) -> str:
    """Encode bytes with the Bitcoin base58 alphabet; each leading zero byte becomes a '1'."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(BASE58_ALPHABET[remainder])
    return "1" * zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    """Decode Bitcoin-alphabet base58; refuses characters outside the alphabet (0, O, I, l...)."""
    number = 0
    for position, char in enumerate(text):
        value = _BASE58_INDEX.get(char)
        if value is None:
            raise ValueError(
                f"invalid base58btc character {char!r} at position {position} "
                "(0, O, I and l are not in the alphabet)"
            )
        number = number * 58 + value
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def base64url_encode(data: bytes) -> str:
    """Encode as base64url without padding, the form the status list spec requires."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def base64url_decode(text: str) -> bytes:
    """Decode unpadded base64url, refusing padding, '+' or '/', and non-canonical trailing bits.

    The standard library would silently accept the standard alphabet and discard stray
    characters; accepting exactly one spelling per value keeps encoded data comparable.
    """
    if not _BASE64URL_TEXT.fullmatch(text):
        bad = next(c for c in text if not _BASE64URL_TEXT.fullmatch(c))
        raise ValueError(
            f"invalid base64url character {bad!r} (allowed: A-Z a-z 0-9 - _, without '=' padding)"
        )
    if len(text) % 4 == 1:
        raise ValueError(f"invalid base64url length {len(text)} (truncated data)")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as error:
        raise ValueError(f"invalid base64url: {error}") from error
    if base64url_encode(data) != text:
        raise ValueError("invalid base64url: the unused bits of the last character are not zero")
    return data


def multibase_encode(data: bytes, prefix: str = BASE58BTC_PREFIX) -> str:
    """Encode with a multibase prefix: 'z' (base58btc) or 'u' (base64url, no padding)."""
    if prefix == BASE58BTC_PREFIX:
        return prefix + base58btc_encode(data)
    if prefix == BASE64URL_PREFIX:
        return prefix + base64url_encode(data)
    raise ValueError(f"unsupported multibase prefix {prefix!r} (supported: 'z', 'u')")


def multibase_decode(text: str) -> bytes:
    """Decode a 'z' or 'u' multibase string; any other prefix is refused."""
    if not isinstance(text, str) or not text:
        raise ValueError("empty or non-text multibase value")
    prefix, body = text[0], text[1:]
    if prefix == BASE58BTC_PREFIX:
        return base58btc_decode(body)
    if prefix == BASE64URL_PREFIX:
        return base64url_decode(body)
    raise ValueError(
        f"unsupported multibase prefix {prefix!r} (supported: 'z' base58btc, 'u' base64url)"
    )


def encode_public_key(public_key: bytes) -> str:
    """Ed25519 public key as Multikey ``publicKeyMultibase`` (always starts with 'z6Mk')."""
    _check_length(public_key, ED25519_KEY_BYTES, "Ed25519 public key")
    return multibase_encode(ED25519_PUBLIC_PREFIX + public_key)


def decode_public_key(public_key_multibase: str) -> bytes:
    """The raw 32-byte Ed25519 key of a ``publicKeyMultibase`` ('z' + 0xed01 + key)."""
    raw = multikey_bytes(public_key_multibase, "publicKeyMultibase")
    if raw[:2] != ED25519_PUBLIC_PREFIX:
        raise ValueError(
            f"publicKeyMultibase has multicodec prefix 0x{raw[:2].hex()}, "
            "not 0xed01 (Ed25519 public key)"
        )
    key = raw[2:]
    _check_length(key, ED25519_KEY_BYTES, "Ed25519 public key in publicKeyMultibase")
    return key


def encode_secret_key(seed: bytes) -> str:
    """Ed25519 secret key as Multikey ``secretKeyMultibase`` ('z' + 0x8026 + 32-byte seed).

    Only the seed is written, as in the W3C test vector; the public key is derived from it.
    """
    _check_length(seed, ED25519_KEY_BYTES, "Ed25519 seed")
    return multibase_encode(ED25519_SECRET_PREFIX + seed)


def decode_secret_key(secret_key_multibase: str) -> bytes:
    """The 32-byte Ed25519 seed of a ``secretKeyMultibase``.

    Accepts 0x8026 followed by the 32-byte seed (W3C vector) or by the seed and the 32-byte
    public key (the OB implementation guide); in the second form the public half must match
    the seed, so that a damaged key file is caught here rather than as failed verifications.
    """
    raw = multikey_bytes(secret_key_multibase, "secretKeyMultibase")
    if raw[:2] != ED25519_SECRET_PREFIX:
        raise ValueError(
            f"secretKeyMultibase has multicodec prefix 0x{raw[:2].hex()}, "
            "not 0x8026 (Ed25519 secret key)"
        )
    key = raw[2:]
    if len(key) == ED25519_KEY_BYTES:
        return key
    if len(key) == 2 * ED25519_KEY_BYTES:
        seed, public = key[:ED25519_KEY_BYTES], key[ED25519_KEY_BYTES:]
        if _public_from_seed(seed) != public:
            raise ValueError(
                "secretKeyMultibase holds a seed and a public key that do not belong together"
            )
        return seed
    raise ValueError(
        f"Ed25519 secret key in secretKeyMultibase is {len(key)} bytes; "
        "expected 32 (seed) or 64 (seed followed by public key)"
    )


def multikey_bytes(value: str, field: str) -> bytes:
    """The bytes of a base58btc Multikey value (multicodec prefix and key), or ValueError naming
    ``field``: what every key type's decoder starts from."""
    if not isinstance(value, str) or not value.startswith(BASE58BTC_PREFIX):
        raise ValueError(f"{field} must start with 'z' (base58btc multibase)")
    try:
        raw = base58btc_decode(value[1:])
    except ValueError as error:
        raise ValueError(f"{field}: {error}") from error
    if len(raw) < 2:
        raise ValueError(f"{field} is too short to hold a multicodec prefix and a key")
    return raw


def _check_length(data: bytes, expected: int, what: str) -> None:
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"{what} must be bytes, not {type(data).__name__}")
    if len(data) != expected:
        raise ValueError(f"{what} must be {expected} bytes, not {len(data)}")


def _public_from_seed(seed: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)
