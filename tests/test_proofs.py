"""eddsa-rdfc-2022 signing, reproduced byte for byte from the standard vectors, and the same
vectors verified by the verifier the build and ``verify`` use (``verify_credential``): a proof
is checked in one place only, so these tests check it there."""

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
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.jsonld import canonicalize
from credsite.standards.multibase import (
    base58btc_encode,
    decode_public_key,
    decode_secret_key,
    encode_public_key,
)
from credsite.standards.verification import Fetcher, Report, verify_credential

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


# The 1EdTech vector's key is an https key id: its issuer's controller document publishes it.
OB_METHOD = _load(OB / "signed-credential.json")["proof"]["verificationMethod"]
ISSUER = OB_METHOD.split("#", 1)[0]
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _publishing(public_key_multibase: Any) -> Fetcher:
    """The vector issuer's controller document, publishing ``public_key_multibase`` (left out
    when None) as the key ``OB_METHOD``."""
    method = {"id": OB_METHOD, "type": "Multikey", "controller": ISSUER}
    if public_key_multibase is not None:
        method["publicKeyMultibase"] = public_key_multibase
    document = {"id": ISSUER, "verificationMethod": [method], "assertionMethod": [OB_METHOD]}
    return mapping_fetcher({ISSUER: document})


OB_KEY = _publishing(encode_public_key(OB_PUBLIC))


def _verify(document: Any, fetch: Fetcher = OB_KEY) -> Report:
    """The verifier's checks; a did:key needs no document, the vector's https key ``fetch``."""
    return verify_credential(copy.deepcopy(document), fetch, NOW, check_status=False)


def _valid(document: Any, fetch: Fetcher = OB_KEY) -> bool:
    return _verify(document, fetch).outcome("signature") == "passed"


def _refusal(report: Report) -> str:
    """What the failed (or unsupported) checks say, to find the reason in."""
    refused = ("failed", "unsupported")
    return " ".join(f"{c.message} {c.detail}" for c in report.checks if c.outcome in refused)


def _refused(report: Report) -> dict[str, str]:
    """The checks that failed (or found something unsupported), by id: which check refused a
    credential, so a test cannot pass because some other check did."""
    return {c.id: c.outcome for c in report.checks if c.outcome in ("failed", "unsupported")}


MISMATCH = "the signature does not match"  # the signature check's detail when the bytes differ


def _signature_detail(report: Report) -> str:
    return next(c.detail for c in report.checks if c.id == "signature")


def _multikey(raw: bytes) -> str:
    """``raw`` as an Ed25519 Multikey, whatever its length."""
    return "z" + base58btc_encode(b"\xed\x01" + raw)


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
    report = _verify(_w3c_signed())
    assert report.outcome("signature") == "passed", _refusal(report)
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
    report = _verify(_ob_signed())
    assert (report.state, report.outcome("signature")) == ("verified", "passed"), report.as_json()


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
    report = _verify(document)
    assert report.outcome("signature") == "passed", _refusal(report)
    # The examples name did:example:12345 as issuer, which their did:key does not belong to.
    assert _refused(report) == {"key-controller": "failed"}
    document["validFrom"] = "2021-04-05T14:27:41Z"
    report = _verify(document)
    assert _refused(report) == {"key-controller": "failed", "signature": "failed"}
    assert MISMATCH in _signature_detail(report)


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


# Which checks refuse the 1EdTech credential with one string changed (its last character), when
# it is not the signature alone: a changed type is a term no context defines (and the schema
# wants the type); a changed issuer id is another issuer than the key's controller; a changed
# validFrom is no date; the proof's own fields are refused before the signature is computed.
OB_TAMPERED = {
    ("type", 0): {"structure": "failed", "schema": "failed", "contexts": "failed"},
    ("type", 1): {"contexts": "failed"},
    ("issuer", "id"): {"key-controller": "failed", "signature": "failed"},
    ("issuer", "type", 0): {"schema": "failed", "contexts": "failed"},
    ("validFrom",): {"structure": "failed", "signature": "failed", "signed-data": "failed"},
    ("credentialSubject", "type", 0): {"schema": "failed", "contexts": "failed"},
    ("credentialSubject", "achievement", "type", 0): {"schema": "failed", "contexts": "failed"},
    ("proof", "type"): {"proof-format": "unsupported"},
    ("proof", "created"): {"proof-format": "failed"},
    ("proof", "verificationMethod"): {"issuer-key": "failed"},
    ("proof", "cryptosuite"): {"proof-format": "unsupported"},
    ("proof", "proofPurpose"): {"proof-format": "failed", "contexts": "failed"},
}
OB_LEAVES = list(_string_leaves(_load(OB / "signed-credential.json")))


@pytest.mark.parametrize("path", OB_LEAVES, ids=str)
def test_changing_any_field_of_the_ob_credential_breaks_the_proof(path: tuple[Any, ...]) -> None:
    report = _verify(_changed(_ob_signed(), path))
    assert report.state != "verified"
    expected = OB_TAMPERED.get(path, {"signature": "failed"})
    assert _refused(report) == expected
    if "signature" in expected:
        assert MISMATCH in _signature_detail(report)


# The W3C vector's issuer (https://vc.example/issuers/5678) does not control its did:key, so
# key-controller refuses it even untouched; a change adds the check it breaks (a changed key id
# leaves no key, so no controller to compare).
W3C_REFUSED = {"key-controller": "failed"}
W3C_TAMPERED = {
    ("type", 0): {
        **W3C_REFUSED,
        "structure": "failed",
        "signature": "failed",
        "signed-data": "failed",
    },
    ("validFrom",): {
        **W3C_REFUSED,
        "structure": "failed",
        "signature": "failed",
        "signed-data": "failed",
    },
    ("proof", "type"): {**W3C_REFUSED, "proof-format": "unsupported"},
    ("proof", "cryptosuite"): {**W3C_REFUSED, "proof-format": "unsupported"},
    ("proof", "created"): {**W3C_REFUSED, "proof-format": "failed"},
    ("proof", "proofPurpose"): {**W3C_REFUSED, "proof-format": "failed"},
    ("proof", "verificationMethod"): {"issuer-key": "failed"},
}
W3C_LEAVES = list(_string_leaves(_load(RDFC / "signedDataInt.json")))


def test_the_tampering_tables_name_fields_the_vectors_have() -> None:
    assert set(OB_TAMPERED) < set(OB_LEAVES) and set(W3C_TAMPERED) < set(W3C_LEAVES)
    assert _refused(_verify(_ob_signed())) == {}
    assert _refused(_verify(_w3c_signed())) == W3C_REFUSED


@pytest.mark.parametrize("path", W3C_LEAVES, ids=str)
def test_changing_any_field_of_the_w3c_credential_breaks_the_proof(
    path: tuple[Any, ...],
) -> None:
    report = _verify(_changed(_w3c_signed(), path))
    expected = W3C_TAMPERED.get(path, {**W3C_REFUSED, "signature": "failed"})
    assert _refused(report) == expected
    if "signature" in expected:
        assert MISMATCH in _signature_detail(report)


def test_changed_text_is_reported_as_a_signature_mismatch() -> None:
    document = _ob_signed()
    document["name"] = "Teamwork Badge!"
    report = _verify(document)
    assert report.outcome("signature") == "failed"
    assert "signature does not match" in _refusal(report)


@pytest.mark.parametrize(
    ("field", "refused"),
    [
        ("name", {"signature": "failed"}),
        ("validFrom", {"schema": "failed", "signature": "failed"}),
        (
            "issuer",
            {
                "structure": "failed",
                "schema": "failed",
                "key-controller": "failed",
                "signature": "failed",
                "signed-data": "failed",
            },
        ),
        (
            "credentialSubject",
            {
                "structure": "failed",
                "schema": "failed",
                "signature": "failed",
                "signed-data": "failed",
            },
        ),
    ],
)
def test_removing_a_field_breaks_the_proof(field: str, refused: dict[str, str]) -> None:
    """The signature fails on the bytes in every case; a field the model needs fails its own
    checks too."""
    document = _ob_signed()
    del document[field]
    report = _verify(document)
    assert _refused(report) == refused
    assert MISMATCH in _signature_detail(report)


def test_adding_a_field_breaks_the_proof() -> None:
    document = _ob_signed()
    document["description"] = "Added after signing."
    report = _verify(document)
    assert _refused(report) == {"signature": "failed"}
    assert MISMATCH in _signature_detail(report)


def test_reordering_types_does_not_matter_but_dropping_a_context_does() -> None:
    # The signature covers the RDF statements, not the JSON: order in a set is not signed
    # (nor is the order of @context entries, so conformance checks on it live elsewhere).
    document = _ob_signed()
    document["type"] = list(reversed(document["type"]))
    assert _valid(document)
    document["@context"] = document["@context"][:1]
    report = _verify(document)
    assert (report.outcome("contexts"), report.outcome("signature")) == ("failed", "not-checked")


def test_whitespace_and_key_order_do_not_matter() -> None:
    text = json.dumps(_ob_signed(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    assert _valid(json.loads(text))


def test_wrong_key_is_refused() -> None:
    """The issuer publishes another key under the id the proof names; or the proof names the
    issuer's key and another key made it."""
    report = _verify(_ob_signed(), _publishing(encode_public_key(W3C_PUBLIC)))
    assert (report.outcome("issuer-key"), report.outcome("signature")) == ("passed", "failed")
    assert "signature does not match" in _refusal(report)
    signed_by_another = proofs.sign(_load(W3C / "unsigned.json"), W3C_SECRET, OB_METHOD, None)
    assert _verify(signed_by_another).outcome("signature") == "failed"


def test_signature_from_another_document_is_refused() -> None:
    document = _ob_signed()
    document["proof"]["proofValue"] = _w3c_signed()["proof"]["proofValue"]
    assert _verify(document).outcome("signature") == "failed"


# --- malformed proofs: always a report, never an exception -------------------------------------


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"proofPurpose": "authentication"}, "its proofPurpose is 'authentication'"),
        ({"verificationMethod": None}, "does not say which key made it"),
        ({"created": "2010-01-01 19:23:24"}, "not a date and time with a time zone"),
        ({"created": "2010-02-30T19:23:24Z"}, "not a date and time with a time zone"),
        ({"created": "2010-01-01T19:23:24"}, "not a date and time with a time zone"),
        ({"proofValue": None}, "proofValue is not a signature"),
        ({"proofValue": "u" + "A" * 86}, "proofValue is not a signature"),
        ({"proofValue": "z0OIl"}, "proofValue is not a signature"),
        ({"proofValue": "z3yQ"}, "proofValue is not a signature"),
        ({"foo": "bar"}, "fields a signature of this kind does not have (foo)"),
    ],
)
def test_malformed_proof_is_not_ok(change: dict[str, Any], reason: str) -> None:
    document = _ob_signed()
    document["proof"].update(change)
    report = _verify(document)
    assert (report.outcome("proof-format"), report.outcome("signature")) == (
        "failed",
        "not-checked",
    )
    assert reason in _refusal(report)


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ([], "not a JSON object"),
        ({"@context": []}, "carries no signature (proof)"),
        ({"proof": "z5x9"}, "signature (proof) is not a JSON object"),
    ],
)
def test_document_without_usable_proof_is_not_ok(document: Any, reason: str) -> None:
    report = _verify(document)
    assert report.outcome("signature") == "not-checked"
    assert reason in _refusal(report)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"type": "ExampleProof2099"}, "proof type is 'ExampleProof2099'"),
        ({"cryptosuite": "example-2099"}, "proof cryptosuite is 'example-2099'"),
        ({"cryptosuite": None}, "proof cryptosuite is None"),
    ],
)
def test_proof_of_an_unknown_kind_is_unsupported(change: dict[str, Any], reason: str) -> None:
    document = _ob_signed()
    document["proof"].update(change)
    report = _verify(document)
    assert (report.outcome("proof-format"), report.outcome("signature")) == (
        "unsupported",
        "not-checked",
    )
    assert reason in _refusal(report)


def test_a_proof_set_is_checked_proof_by_proof() -> None:
    document = _ob_signed()
    document["proof"] = [document["proof"], document["proof"]]
    report = _verify(document)
    assert report.outcome("signature") == "passed"
    assert "carries 2 signatures" in next(
        c.message for c in report.checks if c.id == "proof-format"
    )


@pytest.mark.parametrize(
    "published",
    [
        _multikey(b""),
        _multikey(OB_PUBLIC[:31]),
        _multikey(OB_PUBLIC + b"\0"),
        "z6Mk",
        None,
        _multikey(b"\xff" * 32),  # 32 bytes, but not a point on the curve
    ],
)
def test_a_published_key_that_is_not_an_ed25519_key_is_refused(published: Any) -> None:
    report = _verify(_ob_signed(), _publishing(published))
    assert (report.outcome("issuer-key"), report.outcome("signature")) == (
        "failed",
        "not-checked",
    )


def test_document_that_cannot_be_canonicalized_is_not_ok_with_the_reason() -> None:
    document = _ob_signed()
    document["name"] = "Teamwork\x01Badge"
    report = _verify(document)
    assert (report.outcome("contexts"), report.outcome("signature")) == ("failed", "not-checked")
    assert "name: control character U+0001" in _refusal(report)
    document = _ob_signed()
    del document["@context"]
    assert "no @context" in _refusal(_verify(document))


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
    signed = proofs.sign(_ob_unsigned(), OB_SECRET, OB_METHOD, "2025-01-31T12:00:00Z")
    assert signed["proof"] == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2025-01-31T12:00:00Z",
        "verificationMethod": OB_METHOD,
        "proofPurpose": "assertionMethod",
        "proofValue": signed["proof"]["proofValue"],
    }
    assert _verify(signed).state == "verified"


def test_created_from_an_aware_datetime_is_written_in_utc() -> None:
    created = datetime(2025, 1, 31, 13, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert proofs.proof_options(VM, created)["created"] == "2025-01-31T12:00:00Z"
    assert proofs.proof_options(VM, datetime(2025, 1, 31, tzinfo=UTC))["created"] == (
        "2025-01-31T00:00:00Z"
    )


def test_created_may_be_left_out() -> None:
    options = proofs.proof_options(VM, None)
    assert "created" not in options
    signed = proofs.sign(_ob_unsigned(), OB_SECRET, OB_METHOD, None)
    assert "created" not in signed["proof"]
    assert _valid(signed)


@pytest.mark.parametrize(
    "created",
    [
        datetime(2025, 1, 31),
        "2025-01-31",
        "2025-01-31T12:00:00",
        "yesterday",
        "2025-02-30T12:00:00Z",
        "2025-01-31T12:00Z",  # the verifiers read only the rulebook's form
        "\u0662\u0660\u0662\u0665-01-31T12:00:00Z",  # digits, but not ASCII ones
    ],
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
