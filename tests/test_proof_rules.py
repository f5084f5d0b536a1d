"""The rules of ``credsite.standards.proofs`` that the vector tests (tests/test_proofs.py) do not
reach, one test per rule: the exact messages a signer sees, ``created`` written in UTC whatever
the machine's time zone, the key type reaching every hash (ecdsa-rdfc-2019 hashes with SHA-384
for a P-384 key), the caller's expansion cache reaching canonicalization, and the proof of a
suite that repeats the document's ``@context``.

Expected hashes are computed here independently, from ``canonicalize`` and ``hashlib``, so that a
key type or cache dropped on the way shows as a wrong hash or an unverifiable signature.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from credsite.base.errors import CanonicalizationError, SigningError
from credsite.standards import proofs
from credsite.standards.cryptosuites.ecdsa import P384
from credsite.standards.jsonld import canonicalize
from credsite.standards.multibase import base58btc_decode

from .recording_cache import RecordingSubtrees

METHOD = "did:web:example.org#key-1"
ECDSA = "ecdsa-rdfc-2019"
DOCUMENT: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:web:example.org",
    "credentialSubject": {"id": "did:example:1"},
}


class _NoOffset(tzinfo):
    """A time zone that does not know its offset: the datetime is as good as naive."""

    def utcoffset(self, moment: datetime | None) -> timedelta | None:
        return None

    def dst(self, moment: datetime | None) -> timedelta | None:
        return None

    def tzname(self, moment: datetime | None) -> str | None:
        return None


@pytest.fixture
def india_local_time() -> Iterator[None]:
    """The process's local time zone set to UTC+05:30 for the test (POSIX TZ, no tz data)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "IST-5:30")
        time.tzset()
        yield
    time.tzset()


def _sha384(document: dict[str, Any]) -> bytes:
    return hashlib.sha384(canonicalize(document).encode("utf-8")).digest()


def _p384_hash_data(document: dict[str, Any], options: dict[str, Any]) -> bytes:
    """The hash data of ecdsa-rdfc-2019 with a P-384 key (VC-DI-ECDSA 3.2.4), made here."""
    return _sha384({**options, "@context": document["@context"]}) + _sha384(document)


def _p384_public(private_key: ec.EllipticCurvePrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)


def _signature(proof: dict[str, Any]) -> bytes:
    value = proof["proofValue"]
    assert value.startswith("z")
    return base58btc_decode(value[1:])


def test_a_verification_method_that_is_not_an_absolute_iri_is_refused_with_an_example() -> None:
    with pytest.raises(SigningError) as raised:
        proofs.proof_options("key-1", None)
    assert str(raised.value) == (
        "verificationMethod 'key-1' is not an absolute IRI (expected e.g. did:web:example.org#key-1)"
    )


def test_a_created_datetime_whose_zone_has_no_offset_is_refused() -> None:
    created = datetime(2025, 1, 31, 12, 0, tzinfo=_NoOffset())
    with pytest.raises(SigningError) as raised:
        proofs.proof_options(METHOD, created)
    assert str(raised.value) == "proof creation time must carry a time zone"


def test_created_is_written_in_utc_whatever_the_local_time_zone(india_local_time: None) -> None:
    created = datetime(2025, 1, 31, 12, 0, 30, tzinfo=timezone(timedelta(hours=2)))
    assert proofs.proof_options(METHOD, created)["created"] == "2025-01-31T10:00:30Z"


def test_a_created_text_without_time_zone_is_refused_naming_the_form() -> None:
    with pytest.raises(SigningError) as raised:
        proofs.proof_options(METHOD, "2025-01-31T12:00:00")
    assert str(raised.value) == (
        "proof created '2025-01-31T12:00:00' is not a date-time with a time zone "
        "(xsd:dateTimeStamp, e.g. 2025-01-31T12:00:00Z)"
    )


@pytest.mark.parametrize("identifier", [None, 7])
def test_a_credential_without_a_text_id_is_called_the_credential(identifier: Any) -> None:
    document = {**DOCUMENT, "proof": {}}
    if identifier is not None:
        document["id"] = identifier
    with pytest.raises(SigningError) as raised:
        proofs.sign(document, Ed25519PrivateKey.generate(), METHOD, None)
    assert str(raised.value) == "the credential already has a proof; sign the unsigned document"


def test_a_credential_with_a_text_id_is_called_by_its_id() -> None:
    document = {**DOCUMENT, "id": "urn:uuid:1", "proof": {}}
    with pytest.raises(SigningError) as raised:
        proofs.sign(document, Ed25519PrivateKey.generate(), METHOD, None)
    assert str(raised.value) == (
        "credential urn:uuid:1 already has a proof; sign the unsigned document"
    )


def test_a_document_without_context_has_no_proof_configuration() -> None:
    options = proofs.proof_options(METHOD, None)
    without = {k: v for k, v in DOCUMENT.items() if k != "@context"}
    with pytest.raises(CanonicalizationError) as raised:
        proofs.proof_config_hash(without, options)
    assert str(raised.value) == "the document has no @context"


def test_proof_options_that_are_not_json_are_refused_saying_why() -> None:
    options = {**proofs.proof_options(METHOD, None), "created": {1}}
    with pytest.raises(CanonicalizationError) as raised:
        proofs.proof_config_hash(DOCUMENT, options)
    assert str(raised.value) == (
        "the proof options are not JSON: Object of type set is not JSON serializable"
    )


def test_proof_options_holding_nan_are_not_json() -> None:
    options = {**proofs.proof_options(METHOD, None), "created": float("nan")}
    with pytest.raises(CanonicalizationError, match=r"^the proof options are not JSON: Out of"):
        proofs.proof_config_hash(DOCUMENT, options)


def test_proof_options_with_a_key_that_is_not_text_are_not_json() -> None:
    """JSON object keys are text; the options' own keys are, so another kind cannot be sorted
    among them and the options are refused before any canonicalization."""
    options: dict[Any, str] = {**proofs.proof_options(METHOD, None), 1: "x"}
    with pytest.raises(CanonicalizationError) as raised:
        proofs.proof_config_hash(DOCUMENT, options)
    assert str(raised.value).startswith(
        "the proof options are not JSON: '<' not supported between instances of "
    )


def test_the_proof_configuration_is_hashed_with_the_p384_hash() -> None:
    options = proofs.proof_options(METHOD, None, ECDSA)
    config = {**options, "@context": DOCUMENT["@context"]}
    assert proofs.proof_config_hash(DOCUMENT, options, P384) == _sha384(config)


def test_the_document_is_hashed_with_the_p384_hash() -> None:
    assert proofs.document_hash(DOCUMENT, ECDSA, key_type=P384) == _sha384(DOCUMENT)


def test_the_hash_data_of_a_p384_key_is_both_sha384_hashes() -> None:
    options = proofs.proof_options(METHOD, None, ECDSA)
    data = proofs.hash_data(DOCUMENT, options, key_type=P384)
    assert len(data) == 96
    assert data == _p384_hash_data(DOCUMENT, options)


def test_a_p384_key_signs_the_sha384_hash_data() -> None:
    private_key = ec.generate_private_key(ec.SECP384R1())
    signed = proofs.sign(DOCUMENT, private_key, METHOD, None, suite=ECDSA)
    options = {k: v for k, v in signed["proof"].items() if k != "proofValue"}
    data = _p384_hash_data(DOCUMENT, options)
    assert P384.verify(_p384_public(private_key), _signature(signed["proof"]), data)


def test_a_p384_proof_from_the_document_hash_signs_the_sha384_hash_data() -> None:
    private_key = ec.generate_private_key(ec.SECP384R1())
    options = proofs.proof_options(METHOD, None, ECDSA)
    proof = proofs.signed_proof(DOCUMENT, options, _sha384(DOCUMENT), private_key)
    data = _p384_hash_data(DOCUMENT, options)
    assert P384.verify(_p384_public(private_key), _signature(proof), data)


def test_a_proof_from_the_document_hash_repeats_the_context_when_the_suite_does() -> None:
    options = proofs.proof_options(METHOD, None, "eddsa-jcs-2022")
    document_hash = proofs.document_hash(DOCUMENT, "eddsa-jcs-2022")
    proof = proofs.signed_proof(DOCUMENT, options, document_hash, Ed25519PrivateKey.generate())
    assert proof["@context"] == ["https://www.w3.org/ns/credentials/v2"]


def test_the_document_hash_expands_with_the_callers_cache() -> None:
    shared = RecordingSubtrees()
    proofs.document_hash(DOCUMENT, shared=shared)
    assert shared.asked == [DOCUMENT]


def test_the_hash_data_expands_the_document_with_the_callers_cache() -> None:
    shared = RecordingSubtrees()
    proofs.hash_data(DOCUMENT, proofs.proof_options(METHOD, None), shared)
    assert shared.asked == [DOCUMENT]


def test_sign_expands_the_document_with_the_callers_cache() -> None:
    shared = RecordingSubtrees()
    proofs.sign(DOCUMENT, Ed25519PrivateKey.generate(), METHOD, None, shared)
    assert shared.asked == [DOCUMENT]
