"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (VC-DI-EdDSA 1.0, section 3.3).

Signing hashes two canonical N-Quads documents, the proof configuration first and the credential
second, and signs the 64 concatenated bytes with Ed25519. Both the Python signer and the browser
verifier must arrive at the same bytes, which is why canonicalization goes through
``credsite.standards.jsonld.canonicalize`` and refuses whatever jsonld.js would treat differently.

Key resolution (DID documents, controller checks) lives elsewhere: ``verify`` takes the raw
32-byte public key the caller resolved from ``proof.verificationMethod``.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from credsite.base.errors import CanonicalizationError, SigningError
from credsite.standards.jsonld import SharedSubtree, canonicalize
from credsite.standards.multibase import base58btc_decode, base58btc_encode

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"
SIGNATURE_BYTES = 64
PUBLIC_KEY_BYTES = 32

# xsd:dateTimeStamp, the form Data Integrity requires for `created`: a time zone is mandatory.
_DATE_TIME_STAMP = re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:\S+")


@dataclass(frozen=True)
class ProofResult:
    """Outcome of a verification, with a reason a person can read in a report or the CLI."""

    ok: bool
    reason: str

    def __bool__(self) -> bool:
        # A dataclass instance is always truthy; `if verify(...)` must not pass a bad proof.
        return self.ok


def proof_options(verification_method: str, created: datetime | str | None) -> dict[str, str]:
    """The proof options of a new eddsa-rdfc-2022 proof (everything but ``proofValue``).

    ``created`` may be an aware datetime (written in UTC to the second), an xsd:dateTimeStamp
    string, or None to leave it out (it is optional).
    """
    if not isinstance(verification_method, str) or not _ABSOLUTE_IRI.fullmatch(verification_method):
        raise SigningError(
            f"verificationMethod {verification_method!r} is not an absolute IRI "
            "(expected e.g. did:web:example.org#key-1)"
        )
    options = {"type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE}
    if created is not None:
        options["created"] = _created_text(created)
    options["verificationMethod"] = verification_method
    options["proofPurpose"] = PROOF_PURPOSE
    return options


def hash_data(
    unsigned_document: Mapping[str, Any],
    proof_options: Mapping[str, Any],
    shared: SharedSubtree | None = None,
) -> bytes:
    """SHA-256 of the canonical proof configuration followed by SHA-256 of the document.

    The proof configuration is the options with the document's ``@context``; its hash is cached
    because a signing run uses the same options for every credential.
    """
    if "@context" not in unsigned_document:
        raise CanonicalizationError("the document has no @context")
    config = {**proof_options, "@context": unsigned_document["@context"]}
    try:
        config_key = json.dumps(config, sort_keys=True, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise CanonicalizationError(f"the proof options are not JSON: {error}") from error
    config_hash = _config_hash(config_key)
    document_hash = hashlib.sha256(canonicalize(unsigned_document, shared).encode("utf-8")).digest()
    return config_hash + document_hash


def sign(
    document: Mapping[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime | str | None,
    shared: SharedSubtree | None = None,
) -> dict[str, Any]:
    """A signed copy of ``document`` with an eddsa-rdfc-2022 proof; the input is not changed.

    Raises ``SigningError`` when the document cannot be signed safely, with the reason from
    canonicalization (JSON path and what is wrong).
    """
    if not isinstance(private_key, Ed25519PrivateKey):
        raise TypeError(f"private_key must be an Ed25519PrivateKey, not {type(private_key)}")
    if "proof" in document:
        raise SigningError(f"{_label(document)} already has a proof; sign the unsigned document")
    options = proof_options(verification_method, created)
    try:
        data = hash_data(document, options, shared)
    except CanonicalizationError as error:
        raise SigningError(f"cannot sign {_label(document)}: {error}") from error
    signed = copy.deepcopy(dict(document))
    signed["proof"] = {**options, "proofValue": "z" + base58btc_encode(private_key.sign(data))}
    return signed


def verify(
    signed_document: Mapping[str, Any],
    public_key: bytes,
    shared: SharedSubtree | None = None,
) -> ProofResult:
    """Check the eddsa-rdfc-2022 proof of ``signed_document`` against a raw Ed25519 key.

    Never raises for a bad document: every failure is a ``ProofResult`` with ok False and the
    reason, because verification runs on files from anywhere.
    """
    if not isinstance(signed_document, Mapping):
        return _fail("the credential is not a JSON object")
    proof = signed_document.get("proof")
    problem = _proof_problem(proof) or _key_problem(public_key)
    if problem:
        return _fail(problem)
    signature = base58btc_decode(proof["proofValue"][1:])
    unsigned = {k: v for k, v in signed_document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    try:
        data = hash_data(unsigned, options, shared)
    except CanonicalizationError as error:
        return _fail(f"the credential cannot be canonicalized: {error}")
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(signature, data)
    except InvalidSignature:
        return _fail(
            "the signature does not match: the credential was changed after signing, "
            "or it was signed with another key"
        )
    return ProofResult(True, f"valid {CRYPTOSUITE} signature")


@functools.lru_cache(maxsize=128)
def _config_hash(config_json: str) -> bytes:
    return hashlib.sha256(canonicalize(json.loads(config_json)).encode("utf-8")).digest()


def _created_text(created: datetime | str) -> str:
    if isinstance(created, datetime):
        if created.tzinfo is None or created.utcoffset() is None:
            raise SigningError("proof creation time must carry a time zone")
        return created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    problem = _created_problem(created)
    if problem:
        raise SigningError(problem)
    return created


def _created_problem(created: Any) -> str | None:
    if isinstance(created, str) and _DATE_TIME_STAMP.fullmatch(created) and _is_date(created):
        return None
    return (
        f"proof created {created!r} is not a date-time with a time zone "
        "(xsd:dateTimeStamp, e.g. 2025-01-31T12:00:00Z)"
    )


def _is_date(text: str) -> bool:
    """The pattern admits 2025-02-30; the calendar does not."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _proof_problem(proof: Any) -> str | None:
    if proof is None:
        return "the credential has no proof"
    if isinstance(proof, list):
        return "the credential has a set of proofs; only a single proof is supported"
    if not isinstance(proof, Mapping):
        return "the proof is not a JSON object"
    expected = {"type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE, "proofPurpose": PROOF_PURPOSE}
    for field, value in expected.items():
        if proof.get(field) != value:
            return f"proof {field} is {proof.get(field)!r}, expected {value!r}"
    if not isinstance(proof.get("verificationMethod"), str):
        return "the proof has no verificationMethod"
    if "created" in proof and _created_problem(proof["created"]):
        return _created_problem(proof["created"])
    return _proof_value_problem(proof.get("proofValue"))


def _proof_value_problem(proof_value: Any) -> str | None:
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        return "proofValue must be a base58btc multibase string (starting with 'z')"
    try:
        signature = base58btc_decode(proof_value[1:])
    except ValueError as error:
        return f"proofValue is not valid base58btc: {error}"
    if len(signature) != SIGNATURE_BYTES:
        return f"proofValue holds {len(signature)} bytes; an Ed25519 signature has 64"
    return None


def _key_problem(public_key: Any) -> str | None:
    if not isinstance(public_key, bytes | bytearray) or len(public_key) != PUBLIC_KEY_BYTES:
        return "the public key must be the raw 32-byte Ed25519 key"
    return None


def _fail(reason: str) -> ProofResult:
    return ProofResult(False, reason)


def _label(document: Mapping[str, Any]) -> str:
    identifier = document.get("id")
    return f"credential {identifier}" if isinstance(identifier, str) else "the credential"
