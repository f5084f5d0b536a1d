"""eddsa-rdfc-2022 signing and verification, reproduced byte for byte from the standard vectors."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credsite.base.errors import CanonicalizationError, SigningError
from credsite.standards import proofs
from credsite.standards.jsonld import canonicalize
from credsite.standards.multibase import decode_public_key, decode_secret_key

VECTORS = Path(__file__).parent / "vectors"
W3C = VECTORS / "w3c-vc-di-eddsa"
RDFC = W3C / "eddsa-rdfc-2022"
OB = VECTORS / "ob-v3p0-eddsa-rdfc-2022"
STATUS = VECTORS / "bitstring-status-list"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


W3C_KEYS = _load(W3C / "keyPair.json")
W3C_SECRET = Ed25519PrivateKey.from_private_bytes(
    decode_secret_key(W3C_KEYS["privateKeyMultibase"])
)
W3C_PUBLIC = decode_public_key(W3C_KEYS["publicKeyMultibase"])
OB_VECTOR = _load(OB / "vector.json")
OB_SECRET = Ed25519PrivateKey.from_private_bytes(
    decode_secret_key(OB_VECTOR["keyPair"]["secretKeyMultibase"])
)
OB_PUBLIC = bytes.fromhex(OB_VECTOR["keyPair"]["publicKeyHex"])


def _w3c_signed() -> dict[str, Any]:
    return _load(RDFC / "signedDataInt.json")


def _ob_signed() -> dict[str, Any]:
    return _load(OB / "signed-credential.json")


def _did_key(verification_method: str) -> bytes:
    """The public key inside a did:key identifier (the method-specific id is the Multikey)."""
    did = verification_method.split("#", 1)[0]
    assert did.startswith("did:key:")
    return decode_public_key(did.removeprefix("did:key:"))


# --- the W3C vector, step by step --------------------------------------------------------------


def test_w3c_proof_options_match_the_vector() -> None:
    config = _load(RDFC / "proofConfigDataInt.json")
    options = proofs.proof_options(config["verificationMethod"], config["created"])
    assert {**options, "@context": config["@context"]} == config


def test_w3c_hashes_match_the_vector() -> None:
    unsigned = _load(W3C / "unsigned.json")
    config = _load(RDFC / "proofConfigDataInt.json")
    options = proofs.proof_options(config["verificationMethod"], config["created"])
    doc_hash = hashlib.sha256(canonicalize(unsigned).encode()).hexdigest()
    proof_hash = hashlib.sha256(canonicalize(config).encode()).hexdigest()
    assert doc_hash == _text(RDFC / "docHashDataInt.txt").strip()
    assert proof_hash == _text(RDFC / "proofHashDataInt.txt").strip()
    combined = proofs.hash_data(unsigned, options)
    assert len(combined) == 64
    assert combined.hex() == _text(RDFC / "combinedHashDataInt.txt").strip()
    assert combined[:32].hex() == proof_hash, "the proof configuration hash must come first"


def test_w3c_signature_matches_the_vector() -> None:
    signed = proofs.sign(
        _load(W3C / "unsigned.json"),
        W3C_SECRET,
        _w3c_signed()["proof"]["verificationMethod"],
        _w3c_signed()["proof"]["created"],
    )
    assert signed == _w3c_signed()
    assert signed["proof"]["proofValue"] == _text(RDFC / "sigBTC58DataInt.txt").strip()
    assert "@context" not in signed["proof"]


def test_w3c_signature_bytes_match_the_vector() -> None:
    unsigned = _load(W3C / "unsigned.json")
    proof = _w3c_signed()["proof"]
    data = proofs.hash_data(
        unsigned, proofs.proof_options(proof["verificationMethod"], proof["created"])
    )
    assert W3C_SECRET.sign(data).hex() == _text(RDFC / "sigHexDataInt.txt").strip()


def test_w3c_signed_document_verifies() -> None:
    result = proofs.verify(_w3c_signed(), W3C_PUBLIC)
    assert result.ok, result.reason
    assert result
    assert _did_key(_w3c_signed()["proof"]["verificationMethod"]) == W3C_PUBLIC


# --- the 1EdTech Open Badges vector ------------------------------------------------------------


def test_ob_hashes_match_the_vector() -> None:
    unsigned = _load(OB / "unsigned-credential.json")
    options = _load(OB / "proof-options.json")
    data = proofs.hash_data(unsigned, options)
    assert data[:32].hex() == OB_VECTOR["proofConfigHashHex"]
    assert data[32:].hex() == OB_VECTOR["documentHashHex"]
    assert data.hex() == OB_VECTOR["dataToSignHex_proofHashThenDocumentHash"]
    assert OB_SECRET.sign(data).hex() == OB_VECTOR["signatureHex"]


def test_ob_signature_matches_the_vector() -> None:
    options = _load(OB / "proof-options.json")
    signed = proofs.sign(
        _load(OB / "unsigned-credential.json"),
        OB_SECRET,
        options["verificationMethod"],
        options["created"],
    )
    assert signed["proof"]["proofValue"] == OB_VECTOR["proofValue"]
    assert signed == _ob_signed()


def test_ob_signed_credential_verifies() -> None:
    result = proofs.verify(_ob_signed(), OB_PUBLIC)
    assert result.ok, result.reason


def test_ob_verification_method_embeds_the_key() -> None:
    fragment = _ob_signed()["proof"]["verificationMethod"].split("#", 1)[1]
    assert decode_public_key(fragment) == OB_PUBLIC


# --- the signed Bitstring Status List examples -------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "signed-status-list-credential.eddsa-rdfc-2022.json",
        "signed-credential-with-status-entry.eddsa-rdfc-2022.json",
    ],
)
def test_status_list_rec_examples_verify_with_their_did_key(name: str) -> None:
    document = _load(STATUS / name)
    key = _did_key(document["proof"]["verificationMethod"])
    result = proofs.verify(document, key)
    assert result.ok, result.reason
    document["validFrom"] = "2021-04-05T14:27:41Z"
    assert not proofs.verify(document, key).ok


# --- tampering ---------------------------------------------------------------------------------


def _string_leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("@context", "proofValue"):
                yield from _string_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _string_leaves(item, (*path, index))
    elif isinstance(value, str):
        yield path


def _changed(document: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    tampered = copy.deepcopy(document)
    parent = tampered
    for part in path[:-1]:
        parent = parent[part]
    value = parent[path[-1]]
    parent[path[-1]] = value[:-1] + ("0" if value[-1] != "0" else "1")
    return tampered


@pytest.mark.parametrize(
    "path", list(_string_leaves(_load(OB / "signed-credential.json"))), ids=str
)
def test_changing_any_field_of_the_ob_credential_breaks_the_proof(path: tuple[Any, ...]) -> None:
    result = proofs.verify(_changed(_ob_signed(), path), OB_PUBLIC)
    assert not result.ok
    assert result.reason


@pytest.mark.parametrize("path", list(_string_leaves(_load(RDFC / "signedDataInt.json"))), ids=str)
def test_changing_any_field_of_the_w3c_credential_breaks_the_proof(
    path: tuple[Any, ...],
) -> None:
    assert not proofs.verify(_changed(_w3c_signed(), path), W3C_PUBLIC).ok


def test_changed_text_is_reported_as_a_signature_mismatch() -> None:
    document = _ob_signed()
    document["name"] = "Teamwork Badge!"
    result = proofs.verify(document, OB_PUBLIC)
    assert not result.ok
    assert "signature does not match" in result.reason


@pytest.mark.parametrize("field", ["name", "validFrom", "issuer", "credentialSubject"])
def test_removing_a_field_breaks_the_proof(field: str) -> None:
    document = _ob_signed()
    del document[field]
    assert not proofs.verify(document, OB_PUBLIC).ok


def test_adding_a_field_breaks_the_proof() -> None:
    document = _ob_signed()
    document["description"] = "Added after signing."
    assert not proofs.verify(document, OB_PUBLIC).ok


def test_reordering_types_does_not_matter_but_dropping_a_context_does() -> None:
    # The signature covers the RDF statements, not the JSON: order in a set is not signed
    # (nor is the order of @context entries, so conformance checks on it live elsewhere).
    document = _ob_signed()
    document["type"] = list(reversed(document["type"]))
    assert proofs.verify(document, OB_PUBLIC).ok
    document["@context"] = document["@context"][:1]
    result = proofs.verify(document, OB_PUBLIC)
    assert not result.ok
    assert "cannot be canonicalized" in result.reason


def test_whitespace_and_key_order_do_not_matter() -> None:
    text = json.dumps(_ob_signed(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    assert proofs.verify(json.loads(text), OB_PUBLIC).ok


def test_wrong_key_is_refused() -> None:
    result = proofs.verify(_ob_signed(), W3C_PUBLIC)
    assert not result.ok
    assert "signature does not match" in result.reason
    assert not proofs.verify(_w3c_signed(), OB_PUBLIC).ok


def test_signature_from_another_document_is_refused() -> None:
    document = _ob_signed()
    document["proof"]["proofValue"] = _w3c_signed()["proof"]["proofValue"]
    assert not proofs.verify(document, OB_PUBLIC).ok


# --- malformed proofs: always a result, never an exception -------------------------------------


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"type": "Ed25519Signature2020"}, "proof type is 'Ed25519Signature2020'"),
        ({"cryptosuite": "eddsa-jcs-2022"}, "proof cryptosuite is 'eddsa-jcs-2022'"),
        ({"cryptosuite": None}, "proof cryptosuite is None"),
        ({"proofPurpose": "authentication"}, "proof proofPurpose is 'authentication'"),
        ({"verificationMethod": None}, "no verificationMethod"),
        ({"created": "2010-01-01 19:23:24"}, "not a date-time with a time zone"),
        ({"created": "2010-02-30T19:23:24Z"}, "not a date-time with a time zone"),
        ({"created": "2010-01-01T19:23:24"}, "not a date-time with a time zone"),
        ({"proofValue": None}, "base58btc multibase"),
        ({"proofValue": "u" + "A" * 86}, "base58btc multibase"),
        ({"proofValue": "z0OIl"}, "not valid base58btc"),
        ({"proofValue": "z3yQ"}, "holds 2 bytes"),
        ({"foo": "bar"}, "cannot be canonicalized"),
    ],
)
def test_malformed_proof_is_not_ok(change: dict[str, Any], reason: str) -> None:
    document = _ob_signed()
    document["proof"].update(change)
    result = proofs.verify(document, OB_PUBLIC)
    assert not result.ok
    assert reason in result.reason


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ([], "not a JSON object"),
        ({"@context": []}, "no proof"),
        ({"proof": "z5x9"}, "proof is not a JSON object"),
    ],
)
def test_document_without_usable_proof_is_not_ok(document: Any, reason: str) -> None:
    result = proofs.verify(document, OB_PUBLIC)
    assert not result.ok
    assert reason in result.reason


def test_proof_set_is_not_supported() -> None:
    document = _ob_signed()
    document["proof"] = [document["proof"], document["proof"]]
    assert "set of proofs" in proofs.verify(document, OB_PUBLIC).reason


@pytest.mark.parametrize("key", [b"", OB_PUBLIC[:31], OB_PUBLIC + b"\0", "z6Mk", None])
def test_public_key_must_be_32_raw_bytes(key: Any) -> None:
    result = proofs.verify(_ob_signed(), key)
    assert not result.ok
    assert "32-byte" in result.reason


def test_key_that_is_not_a_curve_point_is_not_ok() -> None:
    assert not proofs.verify(_ob_signed(), b"\xff" * 32).ok


def test_document_that_cannot_be_canonicalized_is_not_ok_with_the_reason() -> None:
    document = _ob_signed()
    document["name"] = "Teamwork\x01Badge"
    result = proofs.verify(document, OB_PUBLIC)
    assert not result.ok
    assert "name: control character U+0001" in result.reason
    document = _ob_signed()
    del document["@context"]
    assert "no @context" in proofs.verify(document, OB_PUBLIC).reason


# --- signing -----------------------------------------------------------------------------------


def _ob_unsigned() -> dict[str, Any]:
    return _load(OB / "unsigned-credential.json")


VM = "did:web:badges.example.org#key-1"


def test_sign_returns_a_new_document_and_leaves_the_input_alone() -> None:
    document = _ob_unsigned()
    before = copy.deepcopy(document)
    signed = proofs.sign(document, OB_SECRET, VM, "2025-01-31T12:00:00Z")
    assert document == before
    signed["issuer"]["name"] = "changed"
    assert document["issuer"]["name"] == "Example Corp"


def test_signed_document_verifies_and_carries_the_options() -> None:
    signed = proofs.sign(_ob_unsigned(), OB_SECRET, VM, "2025-01-31T12:00:00Z")
    assert signed["proof"] == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2025-01-31T12:00:00Z",
        "verificationMethod": VM,
        "proofPurpose": "assertionMethod",
        "proofValue": signed["proof"]["proofValue"],
    }
    assert proofs.verify(signed, OB_PUBLIC).ok


def test_created_from_an_aware_datetime_is_written_in_utc() -> None:
    created = datetime(2025, 1, 31, 13, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert proofs.proof_options(VM, created)["created"] == "2025-01-31T12:00:00Z"
    assert proofs.proof_options(VM, datetime(2025, 1, 31, tzinfo=UTC))["created"] == (
        "2025-01-31T00:00:00Z"
    )


def test_created_may_be_left_out() -> None:
    options = proofs.proof_options(VM, None)
    assert "created" not in options
    signed = proofs.sign(_ob_unsigned(), OB_SECRET, VM, None)
    assert "created" not in signed["proof"]
    assert proofs.verify(signed, OB_PUBLIC).ok


@pytest.mark.parametrize(
    "created", [datetime(2025, 1, 31), "2025-01-31", "2025-01-31T12:00:00", "yesterday"]
)
def test_created_without_time_zone_is_refused(created: Any) -> None:
    with pytest.raises(SigningError, match="time zone"):
        proofs.proof_options(VM, created)


@pytest.mark.parametrize("method", ["key-1", "#key-1", "", "did:web:x#a b", None])
def test_verification_method_must_be_an_absolute_iri(method: Any) -> None:
    with pytest.raises(SigningError, match="not an absolute IRI"):
        proofs.proof_options(method, None)


def test_sign_refuses_a_document_that_already_has_a_proof() -> None:
    with pytest.raises(SigningError, match="already has a proof"):
        proofs.sign(_ob_signed(), OB_SECRET, VM, None)


def test_sign_refuses_unsafe_text_naming_the_credential_and_path() -> None:
    document = _ob_unsigned()
    document["credentialSubject"]["achievement"]["name"] = "Team\x0cwork"
    with pytest.raises(SigningError) as caught:
        proofs.sign(document, OB_SECRET, VM, None)
    message = str(caught.value)
    assert message.startswith("cannot sign credential http://example.com/credentials/3527:")
    assert "credentialSubject.achievement.name: control character U+000C" in message
    assert isinstance(caught.value.__cause__, CanonicalizationError)


def test_sign_refuses_undefined_terms() -> None:
    document = _ob_unsigned()
    document["credentialSubject"]["grade"] = "A"
    with pytest.raises(SigningError, match=r"credentialSubject\.grade: 'grade' is not defined"):
        proofs.sign(document, OB_SECRET, VM, None)


def test_sign_wants_an_ed25519_key() -> None:
    with pytest.raises(TypeError, match="Ed25519PrivateKey"):
        proofs.sign(_ob_unsigned(), b"\0" * 32, VM, None)  # type: ignore[arg-type]


def test_proof_result_is_false_when_not_ok() -> None:
    assert not proofs.ProofResult(False, "nope")
    assert proofs.ProofResult(True, "fine")


# --- the issuer's two passes: hash the document first, sign later --------------------------------


def test_a_proof_from_the_document_hash_is_the_one_sign_makes() -> None:
    """``issue`` hashes each credential while it checks it and signs in a second pass; the proof
    must be byte for byte what ``sign`` makes in one go."""
    options = _load(OB / "proof-options.json")
    unsigned = _ob_unsigned()
    document_hash = proofs.document_hash(unsigned)
    assert document_hash.hex() == OB_VECTOR["documentHashHex"]
    proof = proofs.signed_proof(unsigned, options, document_hash, OB_SECRET)
    assert proof == _ob_signed()["proof"]


def test_a_proof_from_the_document_hash_wants_a_key_of_the_suite() -> None:
    options = _load(OB / "proof-options.json")
    with pytest.raises(TypeError, match="Ed25519PrivateKey"):
        proofs.signed_proof(_ob_unsigned(), options, b"\0" * 32, b"\0" * 32)
