"""ecdsa-rdfc-2019 with P-256 and P-384 keys (W3C VC-DI-ECDSA 1.0, section 3.2).

The W3C vectors (tests/vectors/w3c-vc-di-ecdsa) are reproduced step by step: the keys, the
canonical N-Quads, the hashes (SHA-256 for P-256, SHA-384 for P-384) and the published
signatures. ECDSA signatures are randomised, so a proof made here differs from the published one;
it is checked by both verifiers instead. Python signs with throwaway keys of both curves; the
Python and the browser verifier must agree on each signed document and on every single-field
change of it, a wrong key, a key of the other curve and malformed proof values.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from credsite.standards import cryptosuites, proofs
from credsite.standards.cryptosuites.ecdsa import decode_secret_key, encode_public_key
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.multibase import base58btc_decode, base58btc_encode
from credsite.standards.verification import verify_credential

from .suite_cases import (
    ISSUER,
    both_outcomes,
    controller_document,
    malformed_proof_values,
    python_outcome,
    single_field_changes,
    whole_verdicts,
)

pytestmark = [pytest.mark.node]

SUITE = "ecdsa-rdfc-2019"
VECTORS = Path(__file__).parent / "vectors" / "w3c-vc-di-ecdsa"
UNSIGNED = (
    Path(__file__).parent / "vectors" / "ob-v3p0-eddsa-rdfc-2022" / "unsigned-credential.json"
)
CURVES = {"P-256": ("p256", "P256", ec.SECP256R1()), "P-384": ("p384", "P384", ec.SECP384R1())}
NOW = datetime.fromisoformat("2026-01-01T00:00:00+00:00")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _vector(curve: str, stem: str) -> Path:
    folder, suffix, _ = CURVES[curve]
    return VECTORS / f"ecdsa-rdfc-2019-{folder}" / stem.replace("#", f"ECDSA{suffix}")


def _key_pair(curve: str) -> dict[str, str]:
    pair: dict[str, str] = _load(VECTORS / f"{CURVES[curve][0]}KeyPair.json")
    return pair


def _signed(private_key: ec.EllipticCurvePrivateKey) -> tuple[dict[str, Any], str]:
    """The 1EdTech credential signed with ``private_key`` by its issuer's key, and that key."""
    multikey = encode_public_key(private_key)
    method = f"{ISSUER}#{multikey}"
    signed = proofs.sign(_load(UNSIGNED), private_key, method, "2025-01-31T12:00:00Z", suite=SUITE)
    return signed, multikey


def _fresh(curve: str) -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(CURVES[curve][2])


@pytest.mark.parametrize("curve", CURVES)
def test_the_w3c_key_pairs_are_read(curve: str) -> None:
    pair = _key_pair(curve)
    key = cryptosuites.decode_public_key(pair["publicKeyMultibase"])
    assert (key.key_type.name, len(key.raw)) == (curve, 33 if curve == "P-256" else 49)
    assert (
        encode_public_key(decode_secret_key(pair["secretKeyMultibase"]))
        == (pair["publicKeyMultibase"])
    )


@pytest.mark.parametrize("curve", CURVES)
def test_the_w3c_vector_is_reproduced_step_by_step(curve: str) -> None:
    suite = cryptosuites.suite(SUITE)
    key = cryptosuites.decode_public_key(_key_pair(curve)["publicKeyMultibase"])
    unsigned = _load(VECTORS / "unsigned.json")
    config = _load(_vector(curve, "proofConfig#.json"))
    assert suite.transform(unsigned, None).decode() == _vector(curve, "canonDoc#.txt").read_text()
    assert suite.transform(config, None).decode() == _vector(curve, "proofCanon#.txt").read_text()
    hashes = {
        "docHash#.txt": proofs.document_hash(unsigned, SUITE, key_type=key.key_type),
        "proofHash#.txt": proofs.proof_config_hash(unsigned, config, key.key_type),
    }
    for stem, found in hashes.items():
        assert found.hex() == _vector(curve, stem).read_text().strip(), stem
    options = {k: v for k, v in config.items() if k != "@context"}
    data = proofs.hash_data(unsigned, options, key_type=key.key_type)
    assert data.hex() == _vector(curve, "combinedHash#.txt").read_text().strip()
    proof_value = _load(_vector(curve, "signed#.json"))["proof"]["proofValue"]
    assert proof_value == _vector(curve, "sigBTC58#.txt").read_text().strip()
    signature = base58btc_decode(proof_value[1:])
    assert signature.hex() == _vector(curve, "sigHex#.txt").read_text().strip()
    assert key.key_type.verify(key.raw, signature, data)
    assert not key.key_type.verify(key.raw, signature, data[:-1] + bytes([data[-1] ^ 1]))


@pytest.mark.parametrize("curve", CURVES)
def test_the_w3c_signed_credentials_verify_in_both_verifiers(curve: str) -> None:
    signed = _load(_vector(curve, "signed#.json"))
    key = _key_pair(curve)["publicKeyMultibase"]
    assert both_outcomes({curve: (signed, key)}) == {curve: "valid"}
    report = verify_credential(copy.deepcopy(signed), mapping_fetcher({}), NOW)
    assert (report.outcome("issuer-key"), report.outcome("signature")) == ("passed", "passed")


@pytest.mark.parametrize("curve", CURVES)
def test_signing_with_the_vector_key_makes_the_vector_proof_but_its_signature(curve: str) -> None:
    vector = _load(_vector(curve, "signed#.json"))
    proof = vector["proof"]
    secret = decode_secret_key(_key_pair(curve)["secretKeyMultibase"])
    signed = proofs.sign(
        _load(VECTORS / "unsigned.json"),
        secret,
        proof["verificationMethod"],
        proof["created"],
        suite=SUITE,
    )
    assert {**signed["proof"], "proofValue": None} == {**proof, "proofValue": None}
    assert list(signed["proof"]) == list(proof)  # the same key order
    assert both_outcomes({curve: (signed, _key_pair(curve)["publicKeyMultibase"])}) == {
        curve: "valid"
    }


@pytest.mark.slow
@pytest.mark.parametrize("curve", CURVES)
def test_a_signed_credential_verifies_and_every_single_change_fails(curve: str) -> None:
    signed, key = _signed(_fresh(curve))
    changes = dict(single_field_changes(signed))
    assert len(changes) > 40
    cases = {"as signed": (signed, key), **{name: (d, key) for name, d in changes.items()}}
    found = both_outcomes(cases)
    assert found.pop("as signed") == "valid"
    assert {name: outcome for name, outcome in found.items() if outcome == "valid"} == {}


@pytest.mark.parametrize("curve", CURVES)
def test_the_whole_verifiers_agree_on_an_ecdsa_credential(curve: str) -> None:
    signed, key = _signed(_fresh(curve))
    network = {ISSUER: controller_document(signed["proof"]["verificationMethod"], key)}
    changed = {**copy.deepcopy(signed), "name": "Changed"}
    states = whole_verdicts({"signed": (signed, network), "changed": (changed, network)})
    assert states == {"signed": "verified", "changed": "invalid"}


def test_wrong_keys_and_the_other_curve_fail() -> None:
    p256, key256 = _signed(_fresh("P-256"))
    p384, key384 = _signed(_fresh("P-384"))
    other256 = encode_public_key(_fresh("P-256"))
    ed25519 = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    found = both_outcomes(
        {
            "P-256 signature, another P-256 key": (p256, other256),
            "P-256 signature, a P-384 key": (p256, key384),
            "P-384 signature, a P-256 key": (p384, key256),
            "P-256 signature, an Ed25519 key": (p256, ed25519),
        }
    )
    assert found == {
        "P-256 signature, another P-256 key": "signature",
        "P-256 signature, a P-384 key": "signature",
        "P-384 signature, a P-256 key": "signature",
        "P-256 signature, an Ed25519 key": "key-type",
    }


def test_a_signature_of_the_other_curves_length_fails_under_either_key() -> None:
    """r‖s of 96 bytes under a P-256 key (and 64 under P-384) is read as a proof value of the
    suite, but no signature of that key."""
    p256, key256 = _signed(_fresh("P-256"))
    p384, key384 = _signed(_fresh("P-384"))
    swapped256 = copy.deepcopy(p256)
    swapped256["proof"]["proofValue"] = p384["proof"]["proofValue"]
    swapped384 = copy.deepcopy(p384)
    swapped384["proof"]["proofValue"] = p256["proof"]["proofValue"]
    found = both_outcomes(
        {"96 under P-256": (swapped256, key256), "64 under P-384": (swapped384, key384)}
    )
    assert found == {"96 under P-256": "signature", "64 under P-384": "signature"}


@pytest.mark.parametrize("curve", CURVES)
def test_malformed_proof_values_are_refused(curve: str) -> None:
    signed, key = _signed(_fresh(curve))
    size = cryptosuites.decode_public_key(key).key_type.signature_bytes
    cases = {}
    for name, value in malformed_proof_values(size).items():
        document = copy.deepcopy(signed)
        document["proof"]["proofValue"] = value
        cases[name] = (document, key)
    assert set(both_outcomes(cases).values()) == {"proof-value"}


def test_a_high_s_signature_is_accepted() -> None:
    """ECDSA signers (WebCrypto, OpenSSL) do not normalise s; n - s is the same signature."""
    private_key = _fresh("P-256")
    signed, key = _signed(private_key)
    signature = base58btc_decode(signed["proof"]["proofValue"][1:])
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    s = int.from_bytes(signature[32:], "big")
    other = signature[:32] + (order - s).to_bytes(32, "big")
    flipped = copy.deepcopy(signed)
    flipped["proof"]["proofValue"] = "z" + base58btc_encode(other)
    assert both_outcomes({"s": (signed, key), "n - s": (flipped, key)}) == {
        "s": "valid",
        "n - s": "valid",
    }


def _multikey(prefix: bytes, point: bytes) -> str:
    return "z" + base58btc_encode(prefix + point)


@pytest.mark.parametrize(
    ("name", "public_key_multibase"),
    [
        ("x not on the curve", _multikey(b"\x80\x24", b"\x02" + (1).to_bytes(32, "big"))),
        ("x not below p", _multikey(b"\x80\x24", b"\x02" + b"\xff" * 32)),
        ("uncompressed marker", _multikey(b"\x80\x24", b"\x04" + b"\x01" * 32)),
        (
            "a P-256 point under the P-384 prefix",
            "z" + "DnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP",
        ),
        ("one byte short", _multikey(b"\x81\x24", b"\x03" + b"\x01" * 47)),
    ],
)
def test_a_malformed_key_is_refused_as_a_key(name: str, public_key_multibase: str) -> None:
    if name.startswith("a P-256 point under"):
        raw = base58btc_decode(public_key_multibase[1:])
        public_key_multibase = _multikey(b"\x81\x24", raw[2:])
    signed, _ = _signed(_fresh("P-256"))
    with pytest.raises(ValueError, match=r"P-256|P-384"):
        cryptosuites.decode_public_key(public_key_multibase)
    assert both_outcomes({name: (signed, public_key_multibase)}) == {name: "key"}
    assert python_outcome(signed, public_key_multibase) == "key"


def test_a_p256_and_a_p384_key_sign_only_as_their_own_curve() -> None:
    suite = cryptosuites.suite(SUITE)
    assert suite.signing_key_type(_fresh("P-384")).name == "P-384"
    assert suite.signing_key_type(_fresh("P-256")).name == "P-256"
    with pytest.raises(TypeError, match="EllipticCurvePrivateKey"):
        suite.signing_key_type(ec.generate_private_key(ec.SECP521R1()))
