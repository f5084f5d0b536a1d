"""Data Integrity proofs (VC Data Integrity 1.0, section 4), with a registered cryptosuite.

The steps are the same for every suite: proof options; a proof configuration, which is the
options with the document's ``@context``; both transformed and hashed, the configuration first,
into the hash data the key signs. What differs (the transform, the hash, the keys and the
signature scheme) comes from the suite in ``credsite.standards.cryptosuites``: a signer names
it, a verifier takes the one the proof names (``type`` and ``cryptosuite``), so a proof of a kind
no module registered is refused with its reason.

Every suite credsite knows writes ``proofValue`` as base58btc multibase (``z``).

Key resolution (DID documents, controller checks) lives elsewhere: ``verify`` takes the public
key the caller resolved from ``proof.verificationMethod``.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from credsite.base.errors import CanonicalizationError, CryptosuiteError, SigningError
from credsite.standards import cryptosuites
from credsite.standards.cryptosuites import DEFAULT_SUITE, Cryptosuite, KeyType, PublicKey
from credsite.standards.jsonld import SharedSubtree
from credsite.standards.multibase import base58btc_decode, base58btc_encode

PROOF_PURPOSE = "assertionMethod"

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


def proof_options(
    verification_method: str, created: datetime | str | None, suite: str = DEFAULT_SUITE
) -> dict[str, str]:
    """The proof options of a new proof with ``suite`` (everything but ``proofValue``).

    ``created`` may be an aware datetime (written in UTC to the second), an xsd:dateTimeStamp
    string, or None to leave it out (it is optional).
    """
    chosen = cryptosuites.suite(suite)
    if not isinstance(verification_method, str) or not _ABSOLUTE_IRI.fullmatch(verification_method):
        raise SigningError(
            f"verificationMethod {verification_method!r} is not an absolute IRI "
            "(expected e.g. did:web:example.org#key-1)"
        )
    options = {"type": chosen.proof_type}
    if chosen.cryptosuite is not None:
        options["cryptosuite"] = chosen.cryptosuite
    if created is not None:
        options["created"] = _created_text(created)
    options["verificationMethod"] = verification_method
    options["proofPurpose"] = PROOF_PURPOSE
    return options


def hash_data(
    unsigned_document: Mapping[str, Any],
    proof_options: Mapping[str, Any],
    shared: SharedSubtree | None = None,
    key_type: KeyType | None = None,
) -> bytes:
    """The hash of the proof configuration followed by the hash of the document, with the suite
    the options name (and its first key type unless ``key_type`` says otherwise)."""
    suite = cryptosuites.for_proof(proof_options)
    key_type = key_type or suite.key_types[0]
    config_hash = proof_config_hash(unsigned_document, proof_options, key_type)
    return config_hash + document_hash(unsigned_document, suite.name, shared, key_type)


def proof_config_hash(
    unsigned_document: Mapping[str, Any],
    proof_options: Mapping[str, Any],
    key_type: KeyType | None = None,
) -> bytes:
    """The hash of the proof configuration: the options with the document's ``@context``.

    Cached, because a signing run uses the same options for every credential.
    """
    if "@context" not in unsigned_document:
        raise CanonicalizationError("the document has no @context")
    config = {**proof_options, "@context": unsigned_document["@context"]}
    try:
        config_key = json.dumps(config, sort_keys=True, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise CanonicalizationError(f"the proof options are not JSON: {error}") from error
    suite = cryptosuites.for_proof(proof_options)
    return _config_hash(suite, key_type or suite.key_types[0], config_key)


def document_hash(
    unsigned_document: Mapping[str, Any],
    suite: str = DEFAULT_SUITE,
    shared: SharedSubtree | None = None,
    key_type: KeyType | None = None,
) -> bytes:
    """The hash of the document as ``suite`` transforms it: the half of the hash data that an
    issuer can make while it checks a credential, and sign later (``signed_proof``)."""
    chosen = cryptosuites.suite(suite)
    return chosen.digest_of(unsigned_document, key_type or chosen.key_types[0], shared)


def signed_proof(
    document: Mapping[str, Any],
    proof_options: Mapping[str, Any],
    document_hash: bytes,
    private_key: Any,
) -> dict[str, Any]:
    """The proof of ``document``, from the hash of the document made before
    (``document_hash``): what ``sign`` does, without transforming the document a second time."""
    suite = cryptosuites.for_proof(proof_options)
    key_type = suite.signing_key_type(private_key)
    data = proof_config_hash(document, proof_options, key_type) + document_hash
    return _proof(suite, document, proof_options, key_type.sign(private_key, data))


def sign(
    document: Mapping[str, Any],
    private_key: Any,
    verification_method: str,
    created: datetime | str | None,
    shared: SharedSubtree | None = None,
    suite: str = DEFAULT_SUITE,
) -> dict[str, Any]:
    """A signed copy of ``document`` with a proof made with ``suite``; the input is not changed.

    Raises ``SigningError`` when the document cannot be signed safely, with the reason from
    canonicalization (JSON path and what is wrong), and TypeError for a key the suite cannot
    sign with.
    """
    chosen = cryptosuites.suite(suite)
    key_type = chosen.signing_key_type(private_key)
    if "proof" in document:
        raise SigningError(f"{_label(document)} already has a proof; sign the unsigned document")
    options = proof_options(verification_method, created, suite)
    try:
        data = hash_data(document, options, shared, key_type)
    except CanonicalizationError as error:
        raise SigningError(f"cannot sign {_label(document)}: {error}") from error
    signed = copy.deepcopy(dict(document))
    signed["proof"] = _proof(chosen, document, options, key_type.sign(private_key, data))
    return signed


def verify(
    signed_document: Mapping[str, Any],
    public_key: bytes | PublicKey,
    shared: SharedSubtree | None = None,
) -> ProofResult:
    """Check the proof of ``signed_document`` with the suite it names, against ``public_key``:
    a ``PublicKey`` as key resolution reads it, or the raw bytes of a key of the suite's kind.

    Never raises for a bad document: every failure is a ``ProofResult`` with ok False and the
    reason, because verification runs on files from anywhere.
    """
    if not isinstance(signed_document, Mapping):
        return _fail("the credential is not a JSON object")
    proof = signed_document.get("proof")
    if not isinstance(proof, Mapping):
        return _fail(_shape_problem(proof))
    try:
        suite = cryptosuites.for_proof(proof)
    except CryptosuiteError as error:
        return _fail(str(error))
    key_type, raw = _key(suite, public_key)
    problem = (
        _proof_problem(proof, key_type)
        or _key_problem(suite, key_type, raw)
        or _context_problem(suite, proof, signed_document)
    )
    if problem:
        return _fail(problem)
    signature = base58btc_decode(proof["proofValue"][1:])
    unsigned = {k: v for k, v in signed_document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    try:
        data = hash_data(unsigned, options, shared, key_type)
    except CanonicalizationError as error:
        return _fail(f"the credential cannot be canonicalized: {error}")
    if not key_type.verify(bytes(raw), signature, data):
        return _fail(
            "the signature does not match: the credential was changed after signing, "
            "or it was signed with another key"
        )
    return ProofResult(True, f"valid {suite.name} signature")


@functools.lru_cache(maxsize=128)
def _config_hash(suite: Cryptosuite, key_type: KeyType, config_json: str) -> bytes:
    return suite.digest_of(json.loads(config_json), key_type)


def _proof(
    suite: Cryptosuite, document: Mapping[str, Any], options: Mapping[str, Any], signature: bytes
) -> dict[str, Any]:
    """The proof as a document carries it: the options, the document's ``@context`` when the
    suite repeats it there, and the signature."""
    carried = {"@context": document["@context"]} if suite.proof_carries_context else {}
    return {**options, **carried, "proofValue": "z" + base58btc_encode(signature)}


def _key(suite: Cryptosuite, public_key: Any) -> tuple[KeyType, Any]:
    if isinstance(public_key, PublicKey):
        return public_key.key_type, public_key.raw
    return suite.key_type_for(public_key), public_key


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


def _shape_problem(proof: Any) -> str:
    """Why a ``proof`` that is not one JSON object cannot be checked."""
    if proof is None:
        return "the credential has no proof"
    if isinstance(proof, list):
        return "the credential has a set of proofs; only a single proof is supported"
    return "the proof is not a JSON object"


def _proof_problem(proof: Mapping[str, Any], key_type: KeyType) -> str | None:
    """What is wrong with a proof of a registered suite, whatever the suite."""
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        return f"proof proofPurpose is {proof.get('proofPurpose')!r}, expected {PROOF_PURPOSE!r}"
    if not isinstance(proof.get("verificationMethod"), str):
        return "the proof has no verificationMethod"
    if "created" in proof and _created_problem(proof["created"]):
        return _created_problem(proof["created"])
    return _proof_value_problem(proof.get("proofValue"), key_type)


def _proof_value_problem(proof_value: Any, key_type: KeyType) -> str | None:
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        return "proofValue must be a base58btc multibase string (starting with 'z')"
    try:
        signature = base58btc_decode(proof_value[1:])
    except ValueError as error:
        return f"proofValue is not valid base58btc: {error}"
    if len(signature) != key_type.signature_bytes:
        return (
            f"proofValue holds {len(signature)} bytes; "
            f"{key_type.with_article} signature has {key_type.signature_bytes}"
        )
    return None


def _key_problem(suite: Cryptosuite, key_type: KeyType, raw: Any) -> str | None:
    if key_type not in suite.key_types:
        accepted = " or ".join(k.name for k in suite.key_types)
        return f"the key is {key_type.with_article} key; {suite.name} proofs need {accepted}"
    if not isinstance(raw, bytes | bytearray) or len(raw) != key_type.public_key_bytes:
        return (
            f"the public key must be the raw {key_type.public_key_bytes}-byte {key_type.name} key"
        )
    return None


def _context_problem(
    suite: Cryptosuite, proof: Mapping[str, Any], document: Mapping[str, Any]
) -> str | None:
    """A suite whose proof repeats the ``@context`` signs the proof's copy: it must be the start
    of the document's own (VC-DI-EdDSA 3.2.2), or the proof speaks of another vocabulary."""
    if not suite.proof_carries_context or "@context" not in proof:
        return None
    mine, theirs = _as_list(proof["@context"]), _as_list(document.get("@context"))
    if theirs[: len(mine)] != mine:
        return "the proof's @context is not the start of the credential's @context"
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _fail(reason: str) -> ProofResult:
    return ProofResult(False, reason)


def _label(document: Mapping[str, Any]) -> str:
    identifier = document.get("id")
    return f"credential {identifier}" if isinstance(identifier, str) else "the credential"
