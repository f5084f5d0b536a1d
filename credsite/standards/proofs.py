"""Data Integrity proofs (VC Data Integrity 1.0, section 4), with a registered cryptosuite.

The steps are the same for every suite: proof options; a proof configuration, which is the
options with the document's ``@context``; both transformed and hashed, the configuration first,
into the hash data the key signs. What differs (the transform, the hash, the keys and the
signature scheme) comes from the suite in ``credsite.standards.cryptosuites``: a signer names
it, the verifier takes the one the proof names (``type`` and ``cryptosuite``).

Every suite credsite knows writes ``proofValue`` as base58btc multibase (``z``).

This module signs and computes hash data; checking a proof is the verifier's alone
(``credsite.standards.authenticity``, with the rulebook's rules), so that there is one set of
rules for what a valid proof is. The proof purpose and the form of ``created`` are the
rulebook's too, so that what is signed here is what the verifiers accept.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from credsite.base.errors import CanonicalizationError, SigningError
from credsite.standards import cryptosuites, rulebook
from credsite.standards.cryptosuites import DEFAULT_SUITE, Cryptosuite, KeyType
from credsite.standards.instants import parse_instant
from credsite.standards.jsonld import SharedSubtree
from credsite.standards.multibase import base58btc_encode

_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:\S+")


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
    options["proofPurpose"] = rulebook.rules().proof_purpose
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


def _created_text(created: datetime | str) -> str:
    if isinstance(created, datetime):
        if created.tzinfo is None or created.utcoffset() is None:
            raise SigningError("proof creation time must carry a time zone")
        return created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if parse_instant(created) is None:
        raise SigningError(
            f"proof created {created!r} is not a date-time with a time zone "
            "(xsd:dateTimeStamp, e.g. 2025-01-31T12:00:00Z)"
        )
    return created


def _label(document: Mapping[str, Any]) -> str:
    identifier = document.get("id")
    return f"credential {identifier}" if isinstance(identifier, str) else "the credential"
