"""Multibase and Multikey encodings, checked against the W3C and 1EdTech key vectors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from credsite.standards import multibase as mb

VECTORS = Path(__file__).parent / "vectors"
W3C_KEYS = json.loads((VECTORS / "w3c-vc-di-eddsa" / "keyPair.json").read_text())
OB_KEYS = json.loads((VECTORS / "ob-v3p0-eddsa-rdfc-2022" / "vector.json").read_text())["keyPair"]
RDFC = VECTORS / "w3c-vc-di-eddsa" / "eddsa-rdfc-2022"


def _public_of(seed: bytes) -> bytes:
    key = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"", ""),
        (b"\0", "1"),
        (b"\0\0\x01", "112"),
        (b"hello world", "StV1DL6CwTryKyV"),
        (b"\xff", "5Q"),
    ],
)
def test_base58btc_known_values(data: bytes, text: str) -> None:
    assert mb.base58btc_encode(data) == text
    assert mb.base58btc_decode(text) == data


def test_base58btc_matches_the_w3c_signature_vector() -> None:
    signature = bytes.fromhex((RDFC / "sigHexDataInt.txt").read_text().strip())
    proof_value = (RDFC / "sigBTC58DataInt.txt").read_text().strip()
    assert mb.multibase_encode(signature) == proof_value
    assert mb.multibase_decode(proof_value) == signature


@pytest.mark.parametrize("data", [bytes(range(256)), b"\0" * 5 + b"\x01\x02", b"\0" * 3])
def test_base58btc_round_trip_keeps_leading_zero_bytes(data: bytes) -> None:
    assert mb.base58btc_decode(mb.base58btc_encode(data)) == data


@pytest.mark.parametrize("bad", ["0", "O", "I", "l", "+", "abc def", "é"])
def test_base58btc_refuses_characters_outside_the_alphabet(bad: str) -> None:
    with pytest.raises(ValueError, match="invalid base58btc character"):
        mb.base58btc_decode("3yQ" + bad)


@pytest.mark.parametrize(
    ("data", "text"), [(b"", ""), (b"\xfb\xff", "-_8"), (b"\0", "AA"), (b"abcd", "YWJjZA")]
)
def test_base64url_without_padding(data: bytes, text: str) -> None:
    assert mb.base64url_encode(data) == text
    assert mb.base64url_decode(text) == data


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("YWJjZA==", "invalid base64url character '='"),
        ("+_8", "invalid base64url character '\\+'"),
        ("ab/c", "invalid base64url character '/'"),
        ("YWJjZ", "length 5"),
        ("AB", "unused bits"),
    ],
)
def test_base64url_refuses_other_spellings(bad: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        mb.base64url_decode(bad)


def test_multibase_prefixes() -> None:
    assert mb.multibase_encode(b"abcd", "u") == "uYWJjZA"
    assert mb.multibase_decode("uYWJjZA") == b"abcd"
    assert mb.multibase_decode("z" + mb.base58btc_encode(b"abcd")) == b"abcd"


@pytest.mark.parametrize("bad", ["", "fdeadbeef", "mYWJjZA", "Z3yQ"])
def test_multibase_refuses_unknown_prefixes(bad: str) -> None:
    with pytest.raises(ValueError, match="multibase"):
        mb.multibase_decode(bad)


def test_multibase_encode_refuses_unknown_prefix() -> None:
    with pytest.raises(ValueError, match="unsupported multibase prefix"):
        mb.multibase_encode(b"x", "f")


def test_w3c_key_pair_decodes_to_a_matching_seed_and_public_key() -> None:
    public = mb.decode_public_key(W3C_KEYS["publicKeyMultibase"])
    seed = mb.decode_secret_key(W3C_KEYS["privateKeyMultibase"])
    assert len(public) == len(seed) == 32
    assert _public_of(seed) == public
    assert mb.encode_public_key(public) == W3C_KEYS["publicKeyMultibase"]
    assert mb.encode_secret_key(seed) == W3C_KEYS["privateKeyMultibase"]
    assert W3C_KEYS["publicKeyMultibase"].startswith("z6Mk")


def test_ob_secret_key_with_public_half_is_accepted() -> None:
    seed_then_public = bytes.fromhex(OB_KEYS["privateKeyHex_seedThenPublic"])
    assert mb.decode_secret_key(OB_KEYS["secretKeyMultibase"]) == seed_then_public[:32]
    public = bytes.fromhex(OB_KEYS["publicKeyHex"])
    assert mb.decode_public_key(OB_KEYS["publicKeyMultibase"]) == public
    assert mb.encode_public_key(public) == OB_KEYS["publicKeyMultibase"]


def test_secret_key_whose_public_half_does_not_match_is_refused() -> None:
    seed = bytes(range(32))
    wrong = mb.multibase_encode(mb.ED25519_SECRET_PREFIX + seed + _public_of(bytes(32)))
    with pytest.raises(ValueError, match="do not belong together"):
        mb.decode_secret_key(wrong)


def test_public_key_decoder_refuses_a_secret_key_and_vice_versa() -> None:
    with pytest.raises(ValueError, match="0x8026, not 0xed01"):
        mb.decode_public_key(W3C_KEYS["privateKeyMultibase"])
    with pytest.raises(ValueError, match="0xed01, not 0x8026"):
        mb.decode_secret_key(W3C_KEYS["publicKeyMultibase"])


@pytest.mark.parametrize("length", [0, 16, 31, 33, 64])
def test_public_key_of_wrong_length_is_refused(length: int) -> None:
    value = mb.multibase_encode(mb.ED25519_PUBLIC_PREFIX + b"\x01" * length)
    with pytest.raises(ValueError, match=f"must be 32 bytes, not {length}"):
        mb.decode_public_key(value)


@pytest.mark.parametrize("length", [16, 31, 33, 63, 65])
def test_secret_key_of_wrong_length_is_refused(length: int) -> None:
    value = mb.multibase_encode(mb.ED25519_SECRET_PREFIX + b"\x01" * length)
    with pytest.raises(ValueError, match=f"is {length} bytes; expected 32"):
        mb.decode_secret_key(value)


@pytest.mark.parametrize(
    "bad",
    ["", "u7QE", W3C_KEYS["publicKeyMultibase"][1:], "z6Mk0OIl", "z", "z2"],
)
def test_malformed_public_keys_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="publicKeyMultibase"):
        mb.decode_public_key(bad)


def test_encoders_check_key_length_and_type() -> None:
    with pytest.raises(ValueError, match="must be 32 bytes"):
        mb.encode_public_key(b"\0" * 31)
    with pytest.raises(ValueError, match="must be 32 bytes"):
        mb.encode_secret_key(b"\0" * 64)
    with pytest.raises(TypeError, match="must be bytes"):
        mb.encode_public_key("z6Mk")  # type: ignore[arg-type]
