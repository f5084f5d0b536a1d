"""JSON Web Keys read as the key types the suites verify with (credsite.standards.jwk): OKP
Ed25519, EC P-256 and P-384, RSA recognised for JOSE only, and every refusal with its message:
a private JWK, a point off its curve, a malformed or unsupported JWK."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from credsite.standards import cryptosuites
from credsite.standards.jwk import JwkError, public_jwk, read_jwk
from credsite.standards.multibase import base64url_encode

# The P-256 example of the did:jwk method specification.
SPEC_P256 = {
    "crv": "P-256",
    "kty": "EC",
    "x": "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0",
    "y": "_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE",
}


def _ec_jwk(curve: ec.EllipticCurve, size: int) -> dict[str, Any]:
    numbers = ec.generate_private_key(curve).public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": curve.name.replace("secp256r1", "P-256").replace("secp384r1", "P-384"),
        "x": base64url_encode(numbers.x.to_bytes(size, "big")),
        "y": base64url_encode(numbers.y.to_bytes(size, "big")),
    }


def _ed_jwk() -> dict[str, Any]:
    raw = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    return {"kty": "OKP", "crv": "Ed25519", "x": base64url_encode(raw)}


@pytest.mark.parametrize(
    ("jwk", "key_type", "size"),
    [
        (_ed_jwk(), "Ed25519", 32),
        (_ec_jwk(ec.SECP256R1(), 32), "P-256", 33),
        (_ec_jwk(ec.SECP384R1(), 48), "P-384", 49),
        (SPEC_P256, "P-256", 33),
    ],
)
def test_a_jwk_gives_the_key_its_multikey_would(jwk: dict[str, Any], key_type: str, size: int):
    key = read_jwk(jwk)
    assert key.key_type == key_type and key.jwk == jwk
    assert key.public_key is not None and len(key.public_key.raw) == size
    assert key.public_key.key_type.name == key_type
    assert public_jwk(key.public_key) == {k: jwk[k] for k in ("kty", "crv", "x", "y") if k in jwk}


def test_a_multikey_key_has_a_jwk_for_jose() -> None:
    key = cryptosuites.decode_public_key("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi")
    assert read_jwk(public_jwk(key)).public_key == key


def test_an_rsa_jwk_is_recognised_for_jose_only() -> None:
    n = base64url_encode((2**2047 + 1).to_bytes(256, "big"))
    key = read_jwk({"kty": "RSA", "n": n, "e": "AQAB"})
    assert (key.key_type, key.public_key) == ("RSA", None)
    with pytest.raises(JwkError, match="n and e do not make an RSA key"):
        read_jwk({"kty": "RSA", "n": n, "e": "Ag"})
    with pytest.raises(JwkError, match="RSA JWK's 'n' is missing"):
        read_jwk({"kty": "RSA", "e": "AQAB"})


@pytest.mark.parametrize(
    ("jwk", "code", "message"),
    [
        ({**SPEC_P256, "d": "AA"}, "JWK_PRIVATE", "the JWK holds a private key (member 'd')"),
        ({"kty": "RSA", "n": "AQAB", "e": "AQAB", "p": "AQ"}, "JWK_PRIVATE", "member 'p'"),
        (
            {**SPEC_P256, "y": SPEC_P256["x"]},
            "JWK_NOT_ON_CURVE",
            "the JWK's point (x, y) is not on the curve P-256",
        ),
        ({**SPEC_P256, "x": "AAAA"}, "JWK_MALFORMED", "the JWK's 'x' is 3 bytes, not 32"),
        (
            {**SPEC_P256, "y": SPEC_P256["y"] + "="},
            "JWK_MALFORMED",
            "the JWK's 'y' is not base64url",
        ),
        ({"kty": "EC", "crv": "P-256", "x": SPEC_P256["x"]}, "JWK_MALFORMED", "no 'y' member"),
        ({"crv": "P-256"}, "JWK_MALFORMED", "the JWK has no key type (kty)"),
        ([SPEC_P256], "JWK_MALFORMED", "the publicKeyJwk is not a JSON object"),
        (
            {**SPEC_P256, "crv": "secp256k1"},
            "JWK_UNSUPPORTED",
            "curve 'secp256k1' is not supported",
        ),
        ({"kty": "oct", "k": "AA"}, "JWK_PRIVATE", "member 'k'"),
        ({"kty": "OKP", "crv": "X25519", "x": "AA"}, "JWK_UNSUPPORTED", "is not supported"),
        (
            {"kty": "OKP", "crv": "Ed25519", "x": base64url_encode(bytes(32))},
            "MULTIKEY",
            "weak (small-order) Ed25519 key",
        ),
    ],
)
def test_a_bad_jwk_is_refused_with_its_message(jwk: object, code: str, message: str) -> None:
    with pytest.raises(JwkError) as refused:
        read_jwk(jwk)
    assert refused.value.code == code
    assert message in str(refused.value), str(refused.value)


def test_the_spec_did_jwk_example_decodes_to_its_jwk() -> None:
    from credsite.standards.keyresolution import resolve_published_key

    did = "did:jwk:" + base64url_encode(json.dumps(SPEC_P256, separators=(",", ":")).encode())
    key = resolve_published_key(f"{did}#0", lambda url: None)
    assert (key.key_type, key.jwk, key.id, key.controller) == ("P-256", SPEC_P256, f"{did}#0", did)
