"""Whether a signed document is what its issuer signed: the checks ``proof-format``,
``contexts``, ``issuer-key``, ``key-controller``, ``key-status`` and ``signature`` of the
rulebook, in its order. A credential and the status lists that speak about it are held to them
alike.

Each check is tried when the checks it needs (rulebook ``needs``) passed, and reported
``not-checked`` otherwise; the proof's form and the vocabularies are judged before and without
the key, so a visibly broken credential is ``invalid`` even when its issuer's key cannot be
fetched. The rules are the browser verifier's (``browser/src/verifier/data-integrity.js``):
what every Data Integrity proof must satisfy is checked here, and what depends on the suite (the
signed bytes, the keys, the signature scheme) comes from the suite the proof names, through the
registry (``credsite.standards.cryptosuites``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from credsite.base.errors import CanonicalizationError, CryptosuiteError
from credsite.standards import cryptosuites, rulebook
from credsite.standards.cryptosuites import Cryptosuite
from credsite.standards.instants import parse_instant
from credsite.standards.jsonld import SharedSubtree, canonicalize
from credsite.standards.keyresolution import KeyProblemError, ResolvedKey, resolve_key
from credsite.standards.multibase import base58btc_decode
from credsite.standards.proofs import hash_data
from credsite.standards.reports import Fetcher, Report
from credsite.standards.signedview import proof_properties

CHECKS = ("proof-format", "contexts", "issuer-key", "key-controller", "key-status", "signature")
KEY_NOTES = {
    "ASSERTION_RELATIVE": "the issuer authorises the key with a relative reference (#…) "
    "instead of its full identifier",
    "VM_IS_DID": "the signature names the identifier, not the key within it; its only key was used",
}


@dataclass
class Found:
    """What the checks found, for the checks after them: the single proof object, the suite
    it names, its signature, the hash data the suite signs, and the key."""

    proof: dict[str, Any] | None = None
    suite: Cryptosuite | None = None
    signature: bytes | None = None
    hash_data: bytes | None = None
    key: ResolvedKey | None = None
    key_unreachable: bool = False


def check_authenticity(
    document: Mapping[str, Any],
    issuer: str | None,
    fetch: Fetcher,
    now: int | None,
    report: Report,
    shared: SharedSubtree | None = None,
) -> Found:
    """Add the six checks to ``report``. ``now`` (epoch milliseconds) is the moment a proof's
    ``expires`` is judged at; None judges no end (the build checking its own lists)."""
    found = Found()
    _proof_format(document, now, found, report)
    _contexts(document, found, report, shared)
    _issuer_key(found, fetch, report)
    _key_controller(found, issuer, report)
    _key_status(found, report)
    _signature(document, found, report, shared)
    return found


def _proof_format(
    document: Mapping[str, Any], now: int | None, found: Found, report: Report
) -> None:
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) > 1:
        report.add(
            "proof-format",
            "failed",
            f"The credential carries {len(proof)} signatures; only a credential with exactly "
            "one can be checked.",
        )
        return
    if isinstance(proof, list):
        proof = proof[0] if proof else None
    if not isinstance(proof, dict):
        report.add(
            "proof-format",
            "failed",
            "The credential carries no signature (proof), so nothing proves who issued it."
            if proof is None
            else "The credential's signature (proof) is not a JSON object.",
        )
        return
    found.proof = proof
    found.suite, suite_problem = _suite(proof)
    found.signature = _signature_bytes(proof.get("proofValue"), found.suite)
    problems = ([suite_problem] if suite_problem else []) + _problems(document, proof, found, now)
    if problems:
        report.add(
            "proof-format",
            "failed",
            "The signature cannot be accepted as it is: " + "; ".join(problems) + ".",
        )
    else:
        name = found.suite.name if found.suite else ""
        report.add(
            "proof-format",
            "passed",
            f"The credential carries a signature of a kind this verifier checks ({name}).",
        )


def _suite(proof: Mapping[str, Any]) -> tuple[Cryptosuite | None, str | None]:
    try:
        return cryptosuites.for_proof(proof), None
    except CryptosuiteError as error:
        return None, str(error)


def _problems(
    document: Mapping[str, Any], proof: dict[str, Any], found: Found, now: int | None
) -> list[str]:
    """What is wrong with a single proof object, whatever its suite (the browser's
    ``inspectProof``): the proof is read as JSON, so it may hold only the fields a proof has (a
    field under another spelling, such as the full IRI of ``expires``, would hide what it says
    while the signature still verifies), and it must not have ended."""
    problems = []
    unknown = sorted(str(key) for key in proof if key not in proof_properties())
    if unknown:
        problems.append(
            f"it carries fields a signature of this kind does not have ({', '.join(unknown)}), "
            "which could hide when it stops being valid"
        )
    purpose = rulebook.rules().proof_purpose
    if proof.get("proofPurpose") != purpose:
        problems.append(f"its proofPurpose is {proof.get('proofPurpose')!r}, not {purpose!r}")
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or not method:
        problems.append("it does not say which key made it (verificationMethod)")
    if found.signature is None:
        problems.append("its proofValue is not a signature in the encoding its suite uses")
    if "created" in proof and parse_instant(proof["created"]) is None:
        problems.append(f"its created {proof['created']!r} is not a date and time with a time zone")
    problems += _end_problems(proof, now)
    if "@context" in proof and _json(proof["@context"]) != _json(document.get("@context")):
        problems.append("its own @context differs from the credential's")
    return problems


def _end_problems(proof: Mapping[str, Any], now: int | None) -> list[str]:
    if "expires" not in proof:
        return []
    expires = parse_instant(proof["expires"])
    if expires is None:
        return [f"its expires {proof['expires']!r} is not a date and time with a time zone"]
    if now is not None and expires <= now:
        return [f"the signature itself stopped being valid on {proof['expires']}"]
    return []


def _json(value: Any) -> str:
    """A value as JavaScript's JSON.stringify writes it (keys in their order), for comparing."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _signature_bytes(proof_value: object, suite: Cryptosuite | None) -> bytes | None:
    """The signature in ``proofValue`` (multibase base58btc, the encoding of every suite
    credsite knows) when its length is a signature of the suite's keys; for a suite not
    registered, of any registered suite's, so that a proof with two faults names both."""
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        return None
    try:
        signature = base58btc_decode(proof_value[1:])
    except ValueError:
        return None
    suites = [suite] if suite else [cryptosuites.suite(name) for name in cryptosuites.names()]
    sizes = {k.signature_bytes for s in suites for k in s.key_types}
    return signature if len(signature) in sizes else None


def _contexts(
    document: Mapping[str, Any], found: Found, report: Report, shared: SharedSubtree | None
) -> None:
    """The proof configuration and the document, read with the bundled contexts only: the
    hash data of the proof's suite, or RDFC-1.0 in safe mode for a suite not registered (its
    vocabularies are still checked, so the report says everything that is wrong)."""
    if found.proof is None:
        report.add(
            "contexts",
            "not-checked",
            "Not checked, because the credential carries no single signature to read it with.",
        )
        return
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    options = {k: v for k, v in found.proof.items() if k not in ("proofValue", "@context")}
    try:
        if found.suite is not None:
            found.hash_data = hash_data(unsigned, options, shared)
        else:
            canonicalize({**options, "@context": unsigned.get("@context")})
            canonicalize(unsigned, shared)
    except CanonicalizationError as error:
        report.add(
            "contexts",
            "failed",
            "The credential's data cannot be read exactly with the vocabularies this verifier "
            "carries, so its signature would not cover all of it.",
            str(error),
        )
        return
    report.add(
        "contexts",
        "passed",
        "All data in the credential uses vocabularies this verifier carries, so the signature "
        "covers every field.",
    )


def _issuer_key(found: Found, fetch: Fetcher, report: Report) -> None:
    method = found.proof.get("verificationMethod") if found.proof else None
    if not isinstance(method, str) or not method:
        report.add("issuer-key", "not-checked", "Not checked, because the signature names no key.")
        return
    report.verification_method = method
    try:
        key = resolve_key(method, fetch)
    except KeyProblemError as problem:
        found.key_unreachable = problem.retryable
        report.add(
            "issuer-key",
            "not-checked" if problem.retryable else "failed",
            "The issuer's public key could not be fetched, so the signature could not be checked."
            if problem.retryable
            else "The key that signed the credential is not a published key of the issuer.",
            str(problem),
        )
        return
    suite, key_type = found.suite, key.public_key.key_type
    if suite is not None and key_type not in suite.key_types:
        report.add(
            "issuer-key",
            "failed",
            f"The published key is {key_type.with_article} key, which {suite.name} signatures "
            "are not made with.",
        )
        return
    found.key = key
    message = f"The credential was signed with a key the issuer publishes ({key.id})."
    notes = [KEY_NOTES[w] for w in key.warnings]
    if notes:
        report.add("issuer-key", "warning", message + " Note: " + "; ".join(notes) + ".")
    else:
        report.add("issuer-key", "passed", message)


def _key_controller(found: Found, issuer: str | None, report: Report) -> None:
    if found.key is None or not report.needs_met("key-controller"):
        report.add(
            "key-controller",
            "not-checked",
            "Not checked, because the issuer's key could not be established.",
        )
    elif found.key.controller_mismatch:
        report.add(
            "key-controller",
            "failed",
            f"The key was published by {found.key.controller}, but names "
            f"{found.key.listed_controller} as its owner. A document can only publish its own "
            "keys, so this key does not show who issued the credential.",
            f"key controller {found.key.listed_controller} is not the document it was fetched "
            f"from ({found.key.controller})",
        )
    elif found.key.controller == issuer:
        report.add(
            "key-controller",
            "passed",
            f"The key belongs to the issuer named in the credential ({issuer}).",
        )
    else:
        report.add(
            "key-controller",
            "failed",
            f"The key is controlled by {found.key.controller!r}, not by the issuer {issuer!r}: "
            "anyone can write a name in a credential; only the issuer's own key proves it.",
        )


def _key_status(found: Found, report: Report) -> None:
    """A key marked ``revoked`` (compromised) or ``expires`` no longer vouches for proofs made at
    or after that moment; a proof without ``created`` cannot show it came before."""
    if found.key is None or found.proof is None or not report.needs_met("key-status"):
        report.add(
            "key-status",
            "not-checked",
            "Not checked, because the issuer's key could not be established.",
        )
        return
    created_text = found.proof.get("created")
    created = parse_instant(created_text) if "created" in found.proof else None
    notes = []
    for key, what in (("revoked", "was marked compromised"), ("expires", "expired")):
        if key not in found.key.dates:
            continue
        value = found.key.dates[key]
        limit = parse_instant(value)
        if limit is None:
            report.add(
                "key-status",
                "failed",
                f"The issuer's key {what} at a moment that is not a date and time ({value!r}), "
                "so the moment of signing cannot be compared with it.",
            )
            return
        if created is None or created >= limit:
            signed = f"on {created_text}" if created is not None else "at an unknown moment"
            report.add(
                "key-status",
                "failed",
                f"The issuer's key {what} on {value}; this credential was signed {signed}, "
                "so the signature no longer counts.",
            )
            return
        notes.append(
            f"The issuer's key {what} on {value}, after this credential was signed on {created_text}."
        )
    if notes:
        report.add("key-status", "warning", " ".join(notes))
    else:
        report.add("key-status", "passed", "The signing key is in good standing.")


def _signature(
    document: Mapping[str, Any], found: Found, report: Report, shared: SharedSubtree | None
) -> None:
    if not report.needs_met("signature") or found.key is None or found.suite is None:
        report.add(
            "signature",
            "not-checked",
            "The signature could not be checked (see the checks above).",
        )
        return
    if _signature_matches(document, found, shared):
        report.add(
            "signature",
            "passed",
            "The signature is valid: nothing in the credential was changed after it was signed.",
        )
    else:
        report.add(
            "signature",
            "failed",
            "The signature is not valid: the credential was changed, or not signed by this key.",
            "the signature does not match: the credential was changed after signing, "
            "or it was signed with another key",
        )


def _signature_matches(
    document: Mapping[str, Any], found: Found, shared: SharedSubtree | None
) -> bool:
    assert found.key is not None and found.suite is not None and found.proof is not None
    key_type, signature = found.key.public_key.key_type, found.signature
    data = found.hash_data
    if signature is None or data is None or len(signature) != key_type.signature_bytes:
        return False
    if key_type != found.suite.key_types[0]:  # a suite may hash by the kind of key
        unsigned = {key: value for key, value in document.items() if key != "proof"}
        options = {k: v for k, v in found.proof.items() if k not in ("proofValue", "@context")}
        data = hash_data(unsigned, options, shared, key_type)
    return key_type.verify(found.key.public_key.raw, signature, data)
