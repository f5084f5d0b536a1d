"""eddsa-jcs-2022 (W3C VC-DI-EdDSA 1.0, section 3.4): the registered suite reproduces the W3C
vector's canonical JSON and hashes (its whole signed document is reproduced byte for byte in
tests/test_cryptosuites.py), and Python-signed credentials are checked by both verifiers, with
every single-field change, a wrong key, a P-256 key and malformed proof values.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from credsite.standards import cryptosuites, proofs
from credsite.standards.cryptosuites.ecdsa import encode_public_key as encode_ec_key
from credsite.standards.multibase import decode_secret_key, encode_public_key

from .suite_cases import (
    ISSUER,
    both_outcomes,
    controller_document,
    malformed_proof_values,
    single_field_changes,
    whole_verdicts,
)

pytestmark = [pytest.mark.node]

SUITE = "eddsa-jcs-2022"
W3C = Path(__file__).parent / "vectors" / "w3c-vc-di-eddsa"
JCS = W3C / "eddsa-jcs-2022"
UNSIGNED = (
    Path(__file__).parent / "vectors" / "ob-v3p0-eddsa-rdfc-2022" / "unsigned-credential.json"
)


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _multikey(private_key: Ed25519PrivateKey) -> str:
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return encode_public_key(raw)


def _signed(private_key: Ed25519PrivateKey, document: dict[str, Any] | None = None) -> Any:
    multikey = _multikey(private_key)
    unsigned = document if document is not None else _load(UNSIGNED)
    signed = proofs.sign(
        unsigned, private_key, f"{ISSUER}#{multikey}", "2025-01-31T12:00:00Z", suite=SUITE
    )
    return signed, multikey


def test_the_w3c_vector_is_reproduced_step_by_step() -> None:
    suite = cryptosuites.suite(SUITE)
    unsigned = _load(W3C / "unsigned.json")
    config = _load(JCS / "proofConfigJCS.json")
    assert suite.transform(unsigned, None).decode() == (JCS / "canonDocJCS.txt").read_text()
    assert suite.transform(config, None).decode() == (JCS / "proofCanonJCS.txt").read_text()
    assert proofs.document_hash(unsigned, SUITE).hex() == (JCS / "docHashJCS.txt").read_text()
    options = {k: v for k, v in config.items() if k != "@context"}
    assert proofs.proof_config_hash(unsigned, options).hex() == (
        (JCS / "proofHashJCS.txt").read_text()
    )
    signed = _load(JCS / "signedJCS.json")
    keys = _load(W3C / "keyPair.json")
    assert both_outcomes({"vector": (signed, keys["publicKeyMultibase"])}) == {"vector": "valid"}


def test_the_proof_repeats_the_documents_context() -> None:
    signed, _ = _signed(Ed25519PrivateKey.generate())
    assert signed["proof"]["@context"] == signed["@context"]
    assert list(signed["proof"])[-2:] == ["@context", "proofValue"]


@pytest.mark.slow
def test_a_signed_credential_verifies_and_every_single_change_fails() -> None:
    signed, key = _signed(Ed25519PrivateKey.generate())
    changes = dict(single_field_changes(signed))
    assert "changed proof.@context.1" in changes and len(changes) > 40
    cases = {"as signed": (signed, key), **{name: (d, key) for name, d in changes.items()}}
    found = both_outcomes(cases)
    assert found.pop("as signed") == "valid"
    # The proof's copy of @context is not what is signed: the proof configuration takes the
    # document's (section 3.4.5), so without the copy the same bytes are signed.
    assert found.pop("removed proof.@context") == "valid"
    assert {name: outcome for name, outcome in found.items() if outcome == "valid"} == {}
    assert found["changed proof.@context.1"] == "proof-context"


def test_numbers_are_hashed_in_their_ecmascript_form_by_both() -> None:
    """JCS writes numbers as ECMAScript does (RFC 8785, 3.2.2.3): 1.0 as 1, 1e21 as 1e+21.
    Python's ``rfc8785`` and the browser's ``canonicalize`` must hash the same bytes."""
    document = _load(UNSIGNED)
    private_key = Ed25519PrivateKey.generate()
    cases = {}
    for name, value in {"integral float": 1.0, "large": 1e21, "fraction": 0.1, "int": 7}.items():
        unsigned = copy.deepcopy(document)
        unsigned["credentialSubject"]["achievement"]["creditsAvailable"] = value
        signed, key = _signed(private_key, unsigned)
        cases[name] = (signed, key)
    assert set(both_outcomes(cases).values()) == {"valid"}


def test_the_whole_verifiers_agree_on_a_jcs_credential() -> None:
    signed, key = _signed(Ed25519PrivateKey.generate())
    network = {ISSUER: controller_document(signed["proof"]["verificationMethod"], key)}
    changed = {**copy.deepcopy(signed), "name": "Changed"}
    states = whole_verdicts({"signed": (signed, network), "changed": (changed, network)})
    assert states == {"signed": "verified", "changed": "invalid"}


def test_a_wrong_key_and_a_p256_key_fail() -> None:
    signed, _ = _signed(Ed25519PrivateKey.generate())
    w3c = _load(W3C / "keyPair.json")
    assert decode_secret_key(w3c["privateKeyMultibase"])  # the W3C key is another Ed25519 key
    p256 = encode_ec_key(ec.generate_private_key(ec.SECP256R1()))
    found = both_outcomes(
        {"another Ed25519 key": (signed, w3c["publicKeyMultibase"]), "a P-256 key": (signed, p256)}
    )
    assert found == {"another Ed25519 key": "signature", "a P-256 key": "key-type"}


def test_malformed_proof_values_are_refused() -> None:
    signed, key = _signed(Ed25519PrivateKey.generate())
    cases = {}
    for name, value in malformed_proof_values(64).items():
        document = copy.deepcopy(signed)
        document["proof"]["proofValue"] = value
        cases[name] = (document, key)
    assert set(both_outcomes(cases).values()) == {"proof-value"}
