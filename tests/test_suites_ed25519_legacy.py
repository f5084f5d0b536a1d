"""The legacy Ed25519 proofs: the Ed25519Signature2020 proof type (no ``cryptosuite``; signed as
eddsa-rdfc-2022 signs) and eddsa-2022, the pre-standard name of eddsa-rdfc-2022 (registered with
``legacy_of``).

The third-party credentials of the conformance corpus (tests/conformance) carry such proofs,
made by the Digital Credentials Consortium's and 1EdTech's libraries: each must verify at the
suite level in both verifiers, and the tampered one must not. Python signs more with throwaway
keys, for the single-field changes, a wrong key, a P-256 key and malformed proof values.
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

from credsite.base.errors import CryptosuiteError
from credsite.standards import cryptosuites, proofs
from credsite.standards.cryptosuites import DEFAULT_SUITE
from credsite.standards.cryptosuites.ecdsa import encode_public_key as encode_ec_key
from credsite.standards.multibase import encode_public_key

from .suite_cases import (
    ISSUER,
    both_outcomes,
    controller_document,
    malformed_proof_values,
    single_field_changes,
    whole_verdicts,
)

pytestmark = [pytest.mark.node]

ED2020 = "Ed25519Signature2020"
EDDSA_2022 = "eddsa-2022"
CORPUS = Path(__file__).parent / "conformance"
UNSIGNED = (
    Path(__file__).parent / "vectors" / "ob-v3p0-eddsa-rdfc-2022" / "unsigned-credential.json"
)
ED2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _corpus_proofs(suite: str) -> dict[str, tuple[dict[str, Any], str]]:
    """Each corpus credential's proofs of ``suite``, alone on the document, with the key its
    verification method names (a did:key, or the key of a controller document in support/)."""
    network = _load(CORPUS / "support" / "network.json")
    found = {}
    for path in sorted((CORPUS / "credentials").glob("*.json")):
        document = _load(path)
        listed = document.get("proof")
        for index, proof in enumerate(listed if isinstance(listed, list) else [listed]):
            if not isinstance(proof, dict) or _suite_name(proof) != suite:
                continue
            method = proof["verificationMethod"]
            controller, _, fragment = method.partition("#")
            if controller.startswith("did:key:"):
                key = fragment
            elif controller in network:
                listed_keys = _load(CORPUS / network[controller])["verificationMethod"]
                key = next(m for m in listed_keys if m["id"] == method)["publicKeyMultibase"]
            else:
                continue
            found[f"{path.stem}[{index}]"] = ({**document, "proof": proof}, key)
    return found


def _suite_name(proof: dict[str, Any]) -> str | None:
    try:
        return cryptosuites.for_proof(proof).name
    except CryptosuiteError:
        return None


def _unsigned_2020() -> dict[str, Any]:
    unsigned = _load(UNSIGNED)
    unsigned["@context"] = [*unsigned["@context"], ED2020_CONTEXT]
    return unsigned


def _signed(suite: str, private_key: Ed25519PrivateKey | None = None) -> tuple[Any, str]:
    private_key = private_key or Ed25519PrivateKey.generate()
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    multikey = encode_public_key(raw)
    unsigned = _unsigned_2020() if suite == ED2020 else _load(UNSIGNED)
    signed = proofs.sign(
        unsigned, private_key, f"{ISSUER}#{multikey}", "2025-01-31T12:00:00Z", suite=suite
    )
    return signed, multikey


def test_the_corpus_ed25519signature2020_proofs_verify_in_both() -> None:
    cases = _corpus_proofs(ED2020)
    assert len(cases) >= 12
    found = both_outcomes(cases)
    tampered = {name for name in found if "tampered" in name and "StatusList" not in name}
    assert tampered == {"pub-dcc-v2-ed2020-didkey-tampered[0]", "pub-vcore-v2NoStatus-tampered[0]"}
    assert {name: found[name] for name in tampered} == dict.fromkeys(tampered, "signature")
    assert {name: o for name, o in found.items() if name not in tampered and o != "valid"} == {}


def test_the_corpus_eddsa_2022_proof_verifies_in_both() -> None:
    cases = _corpus_proofs(EDDSA_2022)
    assert list(cases) == ["pub-1ed-simple-eddsa-2022-legacy[0]"]
    assert both_outcomes(cases) == {"pub-1ed-simple-eddsa-2022-legacy[0]": "valid"}


def test_eddsa_2022_is_eddsa_rdfc_2022_under_its_old_name() -> None:
    legacy, standard = cryptosuites.suite(EDDSA_2022), cryptosuites.suite(DEFAULT_SUITE)
    assert legacy.legacy_of == DEFAULT_SUITE and standard.legacy_of is None
    assert (legacy.transform, legacy.digest, legacy.key_types) == (
        standard.transform,
        standard.digest,
        standard.key_types,
    )
    private_key = Ed25519PrivateKey.generate()
    old, key = _signed(EDDSA_2022, private_key)
    new, _ = _signed(DEFAULT_SUITE, private_key)
    assert old["proof"]["cryptosuite"] == EDDSA_2022
    assert old["proof"]["proofValue"] != new["proof"]["proofValue"]  # the name is signed
    relabelled = copy.deepcopy(old)
    relabelled["proof"]["cryptosuite"] = DEFAULT_SUITE
    found = both_outcomes({"old": (old, key), "new": (new, key), "relabelled": (relabelled, key)})
    assert found == {"old": "valid", "new": "valid", "relabelled": "signature"}


def test_an_ed25519signature2020_proof_has_no_cryptosuite() -> None:
    signed, key = _signed(ED2020)
    assert signed["proof"]["type"] == ED2020 and "cryptosuite" not in signed["proof"]
    with_suite = copy.deepcopy(signed)
    with_suite["proof"]["cryptosuite"] = DEFAULT_SUITE
    as_data_integrity = copy.deepcopy(signed)
    as_data_integrity["proof"]["type"] = "DataIntegrityProof"
    without_context = copy.deepcopy(signed)
    without_context["@context"] = without_context["@context"][:-1]
    found = both_outcomes(
        {
            "signed": (signed, key),
            "with a cryptosuite": (with_suite, key),
            "as DataIntegrityProof": (as_data_integrity, key),
            "without the suite context": (without_context, key),
        }
    )
    assert found == {
        "signed": "valid",
        "with a cryptosuite": "suite",
        "as DataIntegrityProof": "suite",
        "without the suite context": "contexts",
    }


@pytest.mark.slow
@pytest.mark.parametrize("suite", [ED2020, EDDSA_2022])
def test_a_signed_credential_verifies_and_every_single_change_fails(suite: str) -> None:
    signed, key = _signed(suite)
    changes = dict(single_field_changes(signed))
    assert len(changes) > 40
    cases = {"as signed": (signed, key), **{name: (d, key) for name, d in changes.items()}}
    found = both_outcomes(cases)
    assert found.pop("as signed") == "valid"
    assert {name: outcome for name, outcome in found.items() if outcome == "valid"} == {}


@pytest.mark.parametrize("suite", [ED2020, EDDSA_2022])
def test_the_whole_verifiers_agree(suite: str) -> None:
    signed, key = _signed(suite)
    network = {ISSUER: controller_document(signed["proof"]["verificationMethod"], key)}
    changed = {**copy.deepcopy(signed), "name": "Changed"}
    states = whole_verdicts({"signed": (signed, network), "changed": (changed, network)})
    assert states["changed"] == "invalid"
    assert states["signed"] == "verified"


@pytest.mark.parametrize("suite", [ED2020, EDDSA_2022])
def test_a_wrong_key_a_p256_key_and_malformed_proof_values_fail(suite: str) -> None:
    signed, _ = _signed(suite)
    other = encode_public_key(Ed25519PrivateKey.generate().public_key().public_bytes_raw())
    p256 = encode_ec_key(ec.generate_private_key(ec.SECP256R1()))
    cases = {"another Ed25519 key": (signed, other), "a P-256 key": (signed, p256)}
    for name, value in malformed_proof_values(64).items():
        document = copy.deepcopy(signed)
        document["proof"]["proofValue"] = value
        cases[name] = (document, signed["proof"]["verificationMethod"].split("#")[1])
    found = both_outcomes(cases)
    assert found.pop("another Ed25519 key") == "signature"
    assert found.pop("a P-256 key") == "key-type"
    assert set(found.values()) == {"proof-value"}
