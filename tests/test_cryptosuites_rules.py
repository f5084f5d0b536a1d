"""The rules of the cryptosuite package, each pinned with known answers and whole messages.

- the registry (``credsite.standards.cryptosuites``): which key type reads a
  ``publicKeyMultibase``, what is said when none does or when nothing is registered, how the
  accepted kinds of key and the expected proof types are listed;
- the P-256 and P-384 key types (``ecdsa.py``), against the RFC 6979 key pairs and signatures
  (appendix A.2.5 and A.2.6, message "sample");
- the Ed25519 key check (``ed25519.py``): RFC 8032 keys and signature, the small-order keys, and
  the strict point decoding on canonical, non-canonical and off-curve encodings;
- the suite parts: the message for a key a suite cannot sign with, the caller's shared-subtree
  cache reaching the canonicalizer, and the JCS transform's refusal.

The P-256 and P-384 key types are built when ``ecdsa.py`` is imported; the tests of that module
run it afresh (a new module object, ``sys.modules`` untouched), so that they check how the key
types are built rather than objects built once before any test ran.
"""

from __future__ import annotations

import importlib.util
import json
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from credsite.base.errors import CanonicalizationError, CryptosuiteError
from credsite.standards import cryptosuites
from credsite.standards.cryptosuites import Cryptosuite, KeyType
from credsite.standards.cryptosuites.ed25519 import ED25519, _is_canonical_point
from credsite.standards.cryptosuites.suite import sha256
from credsite.standards.jsonld import SharedSubtree

from .recording_cache import RecordingSubtrees

OB_VECTOR = Path(__file__).parent / "vectors" / "ob-v3p0-eddsa-rdfc-2022"

# RFC 6979, A.2.5: the P-256 key pair, and the signature of "sample" with SHA-256.
P256_SECRET = 0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721
P256_POINT = bytes.fromhex("0360fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6")
P256_MULTIKEY = "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP"
P256_SECRET_MULTIKEY = "z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN"
P256_R = bytes.fromhex("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716")
P256_S = bytes.fromhex("f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8")

# RFC 6979, A.2.6: the P-384 key pair, and the signature of "sample" with SHA-384.
P384_SECRET = int(
    "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
    "96d5724e4c70a825f872c9ea60d2edf5",
    16,
)
P384_POINT = bytes.fromhex(
    "02ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc13"
)
P384_MULTIKEY = "z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ"
P384_SECRET_MULTIKEY = "z2fanyY7zgwNpZGxX5fXXibvScNaUWNprHU9dKx7qpVj7mws9J8LLt4mDB5TyH2GLHWkUc"
P384_R = bytes.fromhex(
    "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46"
)
P384_S = bytes.fromhex(
    "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8"
)

# RFC 8032, 7.1: the public keys of TEST 1, 2 and 3, and TEST 1's secret key and signature of the
# empty message.
ED25519_TEST1_SECRET = bytes.fromhex(
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
)
ED25519_TEST1 = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
ED25519_TEST1_MULTIKEY = "z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw"
ED25519_TEST1_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)
ED25519_TEST2 = bytes.fromhex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
ED25519_TEST2_MULTIKEY = "z6MkiaMbhXHNA4eJVCCj8dbzKzTgYDKf6crKgHVHid1F1WCT"
ED25519_TEST3 = bytes.fromhex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025")
ED25519_TEST3_MULTIKEY = "z6MkwSD8dBdqcXQzKJZQFPy2hh2izzxskndKCjdmC2dBpfME"

# Multikeys of Ed25519 keys no signature proves anything under, or no signature can match.
ED25519_IDENTITY_MULTIKEY = "z6MkeXATEjyXENzBXBxgC5EHk2JE5aqd7qMGGtDpLUH1e2Sj"  # 01 00..00
ED25519_Y2_MULTIKEY = "z6Mkeb4rtEhc8DUtvt5ehaVjdx3TLbQPpnTArkXhqfb1Mq75"  # y = 2: not on the curve
ED25519_P_PLUS_3_MULTIKEY = "z6Mkvg2JPc7mj3oXZCpWHB9ScRB6BvScZqnrR4Ew9Gjrd75G"  # y = p + 3

EVERY_PREFIX = (
    "0xed01 (Ed25519 public key) or 0x8024 (P-256 public key) or 0x8124 (P-384 public key)"
)
NOT_MULTIBASE = "publicKeyMultibase must start with 'z' (base58btc multibase)"
TOO_SHORT = "publicKeyMultibase is too short to hold a multicodec prefix and a key"


def _message(action: Callable[[], object], error: type[Exception] = ValueError) -> str:
    with pytest.raises(error) as caught:
        action()
    return str(caught.value)


@contextmanager
def _registry(*suites: Cryptosuite) -> Iterator[None]:
    """Only ``suites`` are registered while the block runs; then the registry is as before."""
    every = [cryptosuites.suite(name) for name in cryptosuites.names()]
    for name in cryptosuites.names():
        cryptosuites.unregister(name)
    try:
        for suite in suites:
            cryptosuites.register(suite)
        yield
    finally:
        for name in cryptosuites.names():
            cryptosuites.unregister(name)
        for suite in every:
            cryptosuites.register(suite)


def _ecdsa() -> Any:
    """``ecdsa.py`` run anew, its key types built now (see the module docstring)."""
    spec = importlib.util.find_spec("credsite.standards.cryptosuites.ecdsa")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (OB_VECTOR / "unsigned-credential.json").read_text(encoding="utf-8")
    )
    return loaded


# The registry.


def test_an_unknown_suite_is_refused_listing_the_registered_ones_in_order() -> None:
    assert _message(lambda: cryptosuites.suite("nope"), CryptosuiteError) == (
        "unknown cryptosuite 'nope' (registered: eddsa-rdfc-2022, eddsa-jcs-2022, "
        "ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-2022)"
    )


def test_with_nothing_registered_an_unknown_suite_is_refused_saying_none_is() -> None:
    with _registry():
        message = _message(lambda: cryptosuites.suite("nope"), CryptosuiteError)
    assert message == "unknown cryptosuite 'nope' (registered: none)"


def test_a_proof_of_an_unknown_type_is_refused_listing_each_known_type() -> None:
    message = _message(lambda: cryptosuites.for_proof({"type": "Other"}), CryptosuiteError)
    assert (
        message == "proof type is 'Other', expected 'DataIntegrityProof' or 'Ed25519Signature2020'"
    )


def test_a_proof_of_an_unknown_cryptosuite_is_refused_listing_each_known_one() -> None:
    proof = {"type": "DataIntegrityProof", "cryptosuite": "other"}
    assert _message(lambda: cryptosuites.for_proof(proof), CryptosuiteError) == (
        "proof cryptosuite is 'other', expected 'eddsa-rdfc-2022' or 'eddsa-jcs-2022' or "
        "'ecdsa-rdfc-2019' or 'eddsa-2022'"
    )


def test_the_accepted_kinds_of_key_are_listed_as_a_sentence() -> None:
    assert cryptosuites.describe_key_types() == "an Ed25519, a P-256 or a P-384"


def test_a_single_accepted_kind_of_key_is_named_alone() -> None:
    with _registry(cryptosuites.suite("eddsa-rdfc-2022")):
        assert cryptosuites.describe_key_types() == "an Ed25519"


def test_a_multikey_is_read_by_the_key_type_its_prefix_names() -> None:
    assert cryptosuites.decode_public_key(P256_MULTIKEY).raw == P256_POINT
    assert cryptosuites.decode_public_key(P384_MULTIKEY).raw == P384_POINT
    assert cryptosuites.decode_public_key(ED25519_TEST1_MULTIKEY).raw == ED25519_TEST1


@pytest.mark.parametrize("value", [None, "u11", "AAAA"])
def test_a_value_that_is_not_base58btc_multibase_is_refused_as_such(value: Any) -> None:
    assert _message(lambda: cryptosuites.decode_public_key(value)) == NOT_MULTIBASE


def test_a_multibase_value_of_one_byte_is_too_short_for_a_prefix() -> None:
    assert _message(lambda: cryptosuites.decode_public_key("z1")) == TOO_SHORT


def test_a_value_that_is_not_base58_says_why() -> None:
    message = _message(lambda: cryptosuites.decode_public_key("z0OIl"))
    assert message.startswith("publicKeyMultibase: ")
    assert message != "publicKeyMultibase: "


def test_a_registry_of_one_key_type_still_says_why_a_value_is_not_multibase() -> None:
    with _registry(cryptosuites.suite("eddsa-rdfc-2022")):
        assert _message(lambda: cryptosuites.decode_public_key("z1")) == TOO_SHORT


def test_a_bare_p256_prefix_is_read_as_a_p256_key_without_a_point() -> None:
    assert _message(lambda: cryptosuites.decode_public_key("zAkb")) == (
        "the P-256 key in publicKeyMultibase is not a compressed point "
        "(0 bytes; expected 33, starting with 02 or 03)"
    )


def test_an_unregistered_prefix_is_refused_naming_every_registered_one() -> None:
    assert _message(lambda: cryptosuites.decode_public_key("z11")) == (
        f"publicKeyMultibase has multicodec prefix 0x0000, not {EVERY_PREFIX}"
    )


def test_with_no_key_type_registered_no_key_is_read() -> None:
    with _registry():
        message = _message(lambda: cryptosuites.decode_public_key(P256_MULTIKEY))
    assert message == "no key type is registered"


def test_a_value_no_decoder_refuses_is_still_refused_when_it_is_not_multibase() -> None:
    lenient = KeyType(
        name="Lenient",
        with_article="a Lenient",
        public_key_bytes=0,
        signature_bytes=0,
        private_key_class=object,
        decode=lambda _value: b"",
        sign=lambda _key, _data: b"",
        verify=lambda _key, _signature, _data: False,
        multicodec=b"\xff\xff",
    )
    suite = Cryptosuite(
        name="lenient", key_types=(lenient,), transform=_no_transform, digest=sha256
    )
    with _registry(suite):
        message = _message(lambda: cryptosuites.decode_public_key("not multibase"))
    assert message == "publicKeyMultibase is not a base58btc multibase value"


def _no_transform(_document: Any, _shared: SharedSubtree | None) -> bytes:
    return b""


# The P-256 and P-384 key types.


def test_the_p256_and_p384_key_types_have_their_names_sizes_and_prefixes() -> None:
    ecdsa = _ecdsa()
    described = [
        (k.name, k.with_article, k.public_key_bytes, k.signature_bytes, k.multicodec)
        for k in (ecdsa.P256, ecdsa.P384)
    ]
    assert described == [
        ("P-256", "a P-256", 33, 64, b"\x80\x24"),
        ("P-384", "a P-384", 49, 96, b"\x81\x24"),
    ]
    assert ecdsa.P256.private_key_class is ec.EllipticCurvePrivateKey


@pytest.mark.parametrize(
    ("curve", "multikey", "point"),
    [("P256", P256_MULTIKEY, P256_POINT), ("P384", P384_MULTIKEY, P384_POINT)],
)
def test_the_rfc6979_public_keys_decode_to_their_compressed_points(
    curve: str, multikey: str, point: bytes
) -> None:
    assert getattr(_ecdsa(), curve).decode(multikey) == point


@pytest.mark.parametrize(
    ("curve", "point", "signature"),
    [("P256", P256_POINT, P256_R + P256_S), ("P384", P384_POINT, P384_R + P384_S)],
)
def test_the_rfc6979_signatures_of_sample_verify_as_r_then_s(
    curve: str, point: bytes, signature: bytes
) -> None:
    key_type = getattr(_ecdsa(), curve)
    assert key_type.verify(point, signature, b"sample") is True
    assert key_type.verify(point, signature, b"samples") is False
    half = len(signature) // 2
    assert key_type.verify(point, signature[half:] + signature[:half], b"sample") is False


def test_a_p256_signature_with_a_byte_between_r_and_s_is_refused() -> None:
    padded = P256_R + b"\x00" + P256_S
    assert _ecdsa().P256.verify(P256_POINT, padded, b"sample") is False


def test_a_p256_signature_under_a_key_that_is_no_point_is_refused() -> None:
    not_a_point = b"\x02" + (1).to_bytes(32, "big")
    assert _ecdsa().P256.verify(not_a_point, P256_R + P256_S, b"sample") is False


@pytest.mark.parametrize(
    ("curve", "secret", "point", "hash_algorithm"),
    [
        ("P256", P256_SECRET, P256_POINT, hashes.SHA256()),
        ("P384", P384_SECRET, P384_POINT, hashes.SHA384()),
    ],
)
def test_a_signature_is_r_then_s_big_endian_with_the_curves_hash(
    curve: str, secret: int, point: bytes, hash_algorithm: hashes.HashAlgorithm
) -> None:
    ecdsa = _ecdsa()
    key_type = getattr(ecdsa, curve)
    private_key = ec.derive_private_key(secret, getattr(ecdsa, f"_{curve}").curve)
    signature = key_type.sign(private_key, b"data")
    assert len(signature) == key_type.signature_bytes
    half = len(signature) // 2
    r, s = int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
    public_key = ec.EllipticCurvePublicKey.from_encoded_point(private_key.curve, point)
    public_key.verify(encode_dss_signature(r, s), b"data", ec.ECDSA(hash_algorithm))
    assert key_type.verify(point, signature, b"data") is True


def test_a_key_type_signs_only_with_a_key_of_its_own_curve() -> None:
    ecdsa = _ecdsa()
    p256 = ec.derive_private_key(P256_SECRET, ec.SECP256R1())
    p384 = ec.derive_private_key(P384_SECRET, ec.SECP384R1())
    assert [ecdsa.P256.signs_with(k) for k in (p256, p384, "key")] == [True, False, False]
    assert [ecdsa.P384.signs_with(k) for k in (p256, p384)] == [False, True]


@pytest.mark.parametrize(
    ("secret", "value", "point"),
    [
        (P256_SECRET_MULTIKEY, P256_SECRET, P256_MULTIKEY),
        (P384_SECRET_MULTIKEY, P384_SECRET, P384_MULTIKEY),
    ],
)
def test_the_rfc6979_secret_keys_are_read_and_give_their_public_keys(
    secret: str, value: int, point: str
) -> None:
    ecdsa = _ecdsa()
    private_key = ecdsa.decode_secret_key(secret)
    assert private_key.private_numbers().private_value == value
    assert ecdsa.encode_public_key(private_key) == point


@pytest.mark.parametrize(
    "secret",
    [
        "zgrNTWpfMeo4SKraFcXyrF2dhc1WY8MFEw1aqhfsR3gziU",  # p256-priv, a 31-byte scalar
        P256_MULTIKEY,  # a public key
    ],
)
def test_a_secret_key_of_another_kind_or_length_is_refused(secret: str) -> None:
    message = _message(lambda: _ecdsa().decode_secret_key(secret))
    assert message == "secretKeyMultibase is not a P-256 or P-384 secret key"


def test_a_secret_key_that_is_not_multibase_is_refused_naming_the_field() -> None:
    message = _message(lambda: _ecdsa().decode_secret_key("x"))
    assert message == "secretKeyMultibase must start with 'z' (base58btc multibase)"


@pytest.mark.parametrize("private_key", ["key", Ed25519PrivateKey.from_private_bytes(bytes(32))])
def test_only_a_p256_or_p384_private_key_has_a_public_multikey(private_key: Any) -> None:
    message = _message(lambda: _ecdsa().encode_public_key(private_key), TypeError)
    assert message == f"not a P-256 or P-384 private key: {private_key!r}"


def test_a_p256_decoder_refuses_another_prefix_naming_both() -> None:
    message = _message(lambda: _ecdsa().P256.decode(ED25519_TEST1_MULTIKEY))
    assert message == (
        "publicKeyMultibase has multicodec prefix 0xed01, not 0x8024 (P-256 public key)"
    )


def test_a_p256_decoder_refuses_a_value_that_is_not_multibase_naming_the_field() -> None:
    assert _message(lambda: _ecdsa().P256.decode("x")) == NOT_MULTIBASE


@pytest.mark.parametrize(
    ("multikey", "size"),
    [
        ("zDnaf7REJNBtDcvFd4QiYtmza29CAcwNp8fauK9ZkhVykhGjf", 33),  # 04 and 32 bytes
        ("z3u1pzN3vtkJawoLTAbCMmYT7kwEjuSKEgXUbdGmjLAR1im4", 32),  # 03 and 31 bytes
    ],
)
def test_a_p256_key_that_is_not_a_compressed_point_is_refused(multikey: str, size: int) -> None:
    assert _message(lambda: _ecdsa().P256.decode(multikey)) == (
        f"the P-256 key in publicKeyMultibase is not a compressed point "
        f"({size} bytes; expected 33, starting with 02 or 03)"
    )


def test_a_p256_compressed_point_off_the_curve_is_refused() -> None:
    multikey = "zDnaeQRy3dcKsKa1zmKtVKsTy3m2HYoQnFnfKuxD6HfSTQgYg"  # 02, x = 1
    assert _message(lambda: _ecdsa().P256.decode(multikey)) == (
        "it is not a valid P-256 public key (not a point on the curve)"
    )


# The Ed25519 key check.


@pytest.mark.parametrize(
    ("multikey", "key"),
    [
        (ED25519_TEST1_MULTIKEY, ED25519_TEST1),
        (ED25519_TEST2_MULTIKEY, ED25519_TEST2),
        (ED25519_TEST3_MULTIKEY, ED25519_TEST3),
    ],
)
def test_the_rfc8032_public_keys_are_read(multikey: str, key: bytes) -> None:
    assert ED25519.decode(multikey) == key


def test_the_rfc8032_test1_key_signs_the_empty_message_as_published() -> None:
    private_key = Ed25519PrivateKey.from_private_bytes(ED25519_TEST1_SECRET)
    assert ED25519.sign(private_key, b"") == ED25519_TEST1_SIGNATURE


def test_the_rfc8032_test1_signature_verifies_and_no_other() -> None:
    assert ED25519.verify(ED25519_TEST1, ED25519_TEST1_SIGNATURE, b"") is True
    assert ED25519.verify(ED25519_TEST1, ED25519_TEST1_SIGNATURE, b"\x00") is False


def test_a_small_order_ed25519_key_is_refused_as_weak() -> None:
    assert _message(lambda: ED25519.decode(ED25519_IDENTITY_MULTIKEY)) == (
        "it is a weak (small-order) Ed25519 key, under which any signature can be forged"
    )


@pytest.mark.parametrize("multikey", [ED25519_Y2_MULTIKEY, ED25519_P_PLUS_3_MULTIKEY])
def test_an_ed25519_key_off_the_curve_or_not_canonical_is_refused(multikey: str) -> None:
    assert _message(lambda: ED25519.decode(multikey)) == (
        "it is not a valid Ed25519 public key (not a point on the curve)"
    )


@pytest.mark.parametrize(
    ("encoding", "canonical"),
    [
        (ED25519_TEST2.hex(), True),  # the first square root candidate is x
        (ED25519_TEST1.hex(), True),  # x is the candidate times sqrt(-1)
        (ED25519_TEST3.hex(), True),  # so too
        ("03" + "00" * 31, True),  # y = 3
        ("03" + "00" * 30 + "80", True),  # y = 3, the other x: the sign bit is not part of y
        ("02" + "00" * 31, False),  # y = 2: no x
        ("01" + "00" * 31, True),  # y = 1, x = 0 (the identity)
        ("01" + "00" * 30 + "80", False),  # y = 1 with a sign bit on x = 0
        ("ec" + "ff" * 30 + "7f", True),  # y = p - 1, x = 0
        ("ec" + "ff" * 31, False),  # y = p - 1 with a sign bit on x = 0
        ("ed" + "ff" * 30 + "7f", False),  # y = p: y = 0 written non-canonically
        ("f0" + "ff" * 30 + "7f", False),  # y = p + 3: y = 3 written non-canonically
    ],
)
def test_an_ed25519_encoding_is_a_point_only_when_canonical_rfc8032(
    encoding: str, canonical: bool
) -> None:
    assert _is_canonical_point(bytes.fromhex(encoding)) is canonical


# The suite parts.


def test_a_suite_refuses_a_private_key_naming_the_classes_it_takes() -> None:
    ecdsa = cryptosuites.suite("ecdsa-rdfc-2019")
    assert _message(lambda: ecdsa.signing_key_type("key"), TypeError) == (
        "private_key must be an EllipticCurvePrivateKey, not <class 'str'>"
    )
    eddsa = cryptosuites.suite("eddsa-rdfc-2022")
    assert _message(lambda: eddsa.signing_key_type(None), TypeError) == (
        "private_key must be an Ed25519PrivateKey, not <class 'NoneType'>"
    )


def test_the_rdfc_digest_of_the_1edtech_vector_goes_through_the_callers_cache() -> None:
    shared = RecordingSubtrees()
    document = _document()
    digest = cryptosuites.suite("eddsa-rdfc-2022").digest_of(document, ED25519, shared)
    assert digest.hex() == "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
    assert shared.asked == [document]


def test_the_rdfc_transform_is_the_canonical_nquads_as_utf8() -> None:
    shared = RecordingSubtrees()
    document = _document()
    canonical = cryptosuites.suite("eddsa-rdfc-2022").transform(document, shared)
    assert canonical == (OB_VECTOR / "document-canon.txt").read_bytes()
    assert shared.asked == [document]


def test_the_jcs_transform_checks_the_document_through_the_callers_cache() -> None:
    shared = RecordingSubtrees()
    document = _document()
    canonical = cryptosuites.suite("eddsa-jcs-2022").transform(document, shared)
    assert canonical == json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    assert shared.asked == [document]


def test_a_document_rfc8785_cannot_write_has_no_jcs_form() -> None:
    document = types.MappingProxyType(_document())
    transform = cryptosuites.suite("eddsa-jcs-2022").transform
    assert _message(lambda: transform(document, None), CanonicalizationError) == (
        "the document has no JCS form: unsupported type: <class 'mappingproxy'>"
    )
