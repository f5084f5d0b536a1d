"""Whether a signed document is what its issuer signed: the checks ``proof-format``,
``contexts``, ``issuer-key``, ``key-controller``, ``key-status`` and ``signature`` of the
rulebook, in its order. A credential and the status lists that speak about it are held to them
alike.

Each check is tried when the checks it needs (rulebook ``needs``) passed, and reported
``not-checked`` otherwise; the proof's form and the vocabularies are judged before and without
the key, so a visibly broken credential is ``invalid`` even when its issuer's key cannot be
fetched. What every proof must satisfy is checked here, and what depends on the suite (the
signed bytes, the keys, the signature scheme) comes from the suite the proof names, through the
registry (``credsite.standards.cryptosuites``). A proof of a kind no suite is registered for,
or a vocabulary this verifier does not carry, is ``unsupported``: a format it does not know,
not a fault (``credsite.standards.contextscan``).

A proof set (``proof`` a list of several) is checked proof by proof, each by the six checks, and
the report gives one proof's results, chosen by the rulebook's rule (the first understood issuer
proof that failed a check, else the first that passed all); ``proof-format`` says how many there
were, which were checked and which skipped, and why. The rules are the browser verifier's
(``browser/src/verifier/data-integrity.js``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from credsite.base.errors import CanonicalizationError, CryptosuiteError
from credsite.standards import cryptosuites, rulebook
from credsite.standards.contextscan import unbundled_contexts
from credsite.standards.cryptosuites import Cryptosuite, KeyType
from credsite.standards.instants import parse_instant
from credsite.standards.jsonld import SharedSubtree, canonicalize
from credsite.standards.keyresolution import KeyProblemError, ResolvedKey, resolve_key
from credsite.standards.multibase import base58btc_decode
from credsite.standards.proofs import proof_config_hash
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
    """What the checks found about one proof, for the checks after them: the proof object, the
    suite it names (None when none is registered for it), its signature, the transformed
    document the suite hashes, and the key."""

    proof: dict[str, Any] | None = None
    suite: Cryptosuite | None = None
    signature: bytes | None = None
    transformed: bytes | None = None
    key: ResolvedKey | None = None
    key_unreachable: bool = False


@dataclass
class Document:
    """The document without its proofs, and its transforms: each made once per verification,
    whatever the number of proofs that need it (a proof set of two RDFC proofs canonicalizes
    the document once)."""

    unsigned: dict[str, Any]
    shared: SharedSubtree | None = None
    _done: dict[Any, bytes | CanonicalizationError] = field(default_factory=dict)

    def transformed(
        self, transform: Callable[[Mapping[str, Any], SharedSubtree | None], bytes]
    ) -> bytes:
        """The document as ``transform`` writes it; CanonicalizationError when it cannot."""
        if transform not in self._done:
            try:
                self._done[transform] = transform(self.unsigned, self.shared)
            except CanonicalizationError as error:
                self._done[transform] = error
        done = self._done[transform]
        if isinstance(done, CanonicalizationError):
            raise done
        return done


def _rdfc(document: Mapping[str, Any], shared: SharedSubtree | None) -> bytes:
    """RDFC-1.0 in safe mode: how the vocabularies are checked for a proof of no known suite."""
    return canonicalize(document, shared).encode("utf-8")


def check_authenticity(
    document: Mapping[str, Any],
    issuer: str | None,
    fetch: Fetcher,
    now: int | None,
    report: Report,
    shared: SharedSubtree | None = None,
) -> Found:
    """Add the six checks to ``report``, of the proof (or the chosen proof of a set), and return
    what they found. ``now`` (epoch milliseconds) is the moment a proof's ``expires`` is judged
    at; None judges no end (the build checking its own lists)."""
    proof = document.get("proof")
    unsigned = Document({key: value for key, value in document.items() if key != "proof"}, shared)
    if isinstance(proof, list) and len(proof) > 1:
        return _check_set(proof, unsigned, issuer, fetch, now, report)
    if isinstance(proof, list):
        proof = proof[0] if proof else None
    found, checks = _check_proof(proof, unsigned, issuer, fetch, now)
    _take(checks, report)
    return found


def _check_proof(
    proof: Any, document: Document, issuer: str | None, fetch: Fetcher, now: int | None
) -> tuple[Found, Report]:
    """The six checks of one proof, in a report of their own."""
    found, report = Found(), Report()
    _proof_format(proof, document, now, found, report)
    _contexts(document, found, report)
    _issuer_key(found, fetch, report)
    _key_controller(found, issuer, report)
    _key_status(found, report)
    _signature(document, found, report)
    return found, report


def _take(checks: Report, report: Report, proof_format: tuple[str, str] | None = None) -> None:
    """Copy one proof's checks into the credential's report (with ``proof_format``, the
    outcome and message of the set, in place of the proof's own)."""
    report.verification_method = checks.verification_method
    for check in checks.checks:
        if check.id == "proof-format" and proof_format is not None:
            report.add(check.id, proof_format[0], proof_format[1], check.detail)
        else:
            report.add(check.id, check.outcome, check.message, check.detail)


# -- proof-format ------------------------------------------------------------------------------


@dataclass
class Inspection:
    """A proof's form: its suite (or why none is registered for it) and its other faults."""

    suite: Cryptosuite | None
    suite_problem: str | None
    problems: list[str]
    signature: bytes | None

    @property
    def outcome(self) -> str:
        """failed for any fault beyond the suite; unsupported when the suite is the only one."""
        if self.problems:
            return "failed"
        return "unsupported" if self.suite is None else "passed"


def _proof_format(
    proof: Any, document: Document, now: int | None, found: Found, report: Report
) -> None:
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
    seen = inspect(proof, document.unsigned.get("@context"), now)
    found.suite, found.signature = seen.suite, seen.signature
    outcome = seen.outcome
    if outcome == "failed":
        problems = ([seen.suite_problem] if seen.suite_problem else []) + seen.problems
        report.add(
            "proof-format",
            "failed",
            "The signature cannot be accepted as it is: " + "; ".join(problems) + ".",
        )
    elif outcome == "unsupported":
        report.add(
            "proof-format",
            "unsupported",
            "The credential's signature is of a kind this verifier does not check "
            f"({seen.suite_problem}), so whether it is authentic cannot be checked here.",
        )
    elif found.suite is not None and found.suite.legacy_of:
        report.add("proof-format", "warning", _legacy_message(found.suite))
    else:
        assert found.suite is not None  # passed: only a proof of a registered suite passes
        report.add(
            "proof-format",
            "passed",
            "The credential carries a signature of a kind this verifier checks "
            f"({found.suite.name}).",
        )


def _legacy_message(suite: Cryptosuite) -> str:
    return (
        f"The credential carries a signature of a kind this verifier checks, under the name "
        f"{suite.name}, which its suite had before it was standardised: the standard name is "
        f"{suite.legacy_of}. Signatures should be made under that name."
    )


def inspect(proof: Mapping[str, Any], context: Any, now: int | None) -> Inspection:
    """What is wrong with a single proof object (the browser's ``inspectProof``): its suite, and
    its other faults. The proof is read as JSON, so it may hold only the fields a proof has (a
    field under another spelling, such as the full IRI of ``expires``, would hide what it says
    while the signature still verifies), and it must not have ended. A proof of a type no suite
    registers is judged no further: its fields are not ours to know."""
    suite, suite_problem = _suite(proof)
    signature = _signature_bytes(proof.get("proofValue"), suite)
    if suite is None and proof.get("type") not in _proof_types():
        return Inspection(None, suite_problem, [], None)
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
    if _value_unreadable(proof.get("proofValue"), suite, signature):
        problems.append("its proofValue is not a signature in the encoding its suite uses")
    if "created" in proof and parse_instant(proof["created"]) is None:
        problems.append(f"its created {proof['created']!r} is not a date and time with a time zone")
    problems += _end_problems(proof, now)
    if "@context" in proof and _json(proof["@context"]) != _json(context):
        problems.append("its own @context differs from the credential's")
    return Inspection(suite, suite_problem, problems, signature)


def _proof_types() -> frozenset[str]:
    """The proof types some registered suite makes: their fields are known."""
    return frozenset(cryptosuites.suite(name).proof_type for name in cryptosuites.names())


def _value_unreadable(value: object, suite: Cryptosuite | None, signature: bytes | None) -> bool:
    """A proofValue its suite cannot read; for a suite not registered, one that is not text at
    all (its encoding is that suite's to say)."""
    if suite is None:
        return not isinstance(value, str) or not value
    return signature is None


def _suite(proof: Mapping[str, Any]) -> tuple[Cryptosuite | None, str | None]:
    try:
        return cryptosuites.for_proof(proof), None
    except CryptosuiteError as error:
        return None, str(error)


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
    """A value as JSON text, keys in their order, for comparing two values as JavaScript's
    JSON.stringify texts compare (1 and true differ, and so do the same keys in another order);
    the spacing and escaping, the same on both sides, do not matter."""
    return json.dumps(value)


def _signature_bytes(proof_value: object, suite: Cryptosuite | None) -> bytes | None:
    """The signature in ``proofValue`` (multibase base58btc, the encoding of every suite
    credsite knows) when its length is a signature of the suite's keys; None otherwise, and
    for a suite not registered."""
    if suite is None or not isinstance(proof_value, str) or not proof_value.startswith("z"):
        return None
    try:
        signature = base58btc_decode(proof_value[1:])
    except ValueError:
        return None
    return signature if len(signature) in {k.signature_bytes for k in suite.key_types} else None


# -- a proof set -------------------------------------------------------------------------------


@dataclass
class _Checked:
    """One understood proof of a set, checked on its own (``number`` counts from 1)."""

    number: int
    found: Found
    report: Report

    @property
    def failed(self) -> bool:
        return any(c.outcome == "failed" for c in self.report.checks)

    @property
    def passed(self) -> bool:
        return self.report.all_good(CHECKS)

    def by_other(self, issuer: str | None) -> bool:
        """Made with a key that is established and controlled by another party than the
        issuer (an endorser's, a wallet's): not the issuer's proof."""
        key = self.found.key
        return key is not None and not key.controller_mismatch and key.controller != issuer


def _check_set(
    proofs: list[Any],
    document: Document,
    issuer: str | None,
    fetch: Fetcher,
    now: int | None,
    report: Report,
) -> Found:
    """Every proof checked on its own; the report gives the first understood issuer proof that
    failed any check, else the first that passed all (rulebook, check proof-format)."""
    count = len(proofs)
    broken = next((n for n, p in enumerate(proofs, 1) if not isinstance(p, dict)), None)
    if broken is not None:
        found, checks = _check_proof(proofs[broken - 1], document, issuer, fetch, now)
        message = f"The credential carries {count} signatures, and signature {broken} is not a JSON object."
        _take(checks, report, ("failed", message))
        return found
    seen = [inspect(p, document.unsigned.get("@context"), now) for p in proofs]
    understood = [n for n, s in enumerate(seen, 1) if s.suite is not None]
    if not understood:
        found, checks = _check_proof(proofs[0], document, issuer, fetch, now)
        _take(checks, report, _none_understood(seen))
        return found
    results = [
        _Checked(n, *_check_proof(proofs[n - 1], document, issuer, fetch, now)) for n in understood
    ]
    chosen = _choose(results, issuer)
    _take(chosen.report, report, _set_format(seen, results, chosen, issuer))
    return chosen.found


def _choose(results: list[_Checked], issuer: str | None) -> _Checked:
    ours = [r for r in results if not r.by_other(issuer)]
    return (
        next((r for r in ours if r.failed), None)
        or next((r for r in ours if r.passed), None)
        or (ours[0] if ours else results[0])
    )


def _none_understood(seen: list[Inspection]) -> tuple[str, str]:
    faults = [
        f"signature {n}: " + "; ".join(s.problems) for n, s in enumerate(seen, 1) if s.problems
    ]
    kinds = "; ".join(f"signature {n}: {s.suite_problem}" for n, s in enumerate(seen, 1))
    if faults:
        return (
            "failed",
            f"The credential carries {len(seen)} signatures, none of a kind this verifier "
            f"checks ({kinds}), and they cannot be accepted as they are: {'; '.join(faults)}.",
        )
    return (
        "unsupported",
        f"The credential carries {len(seen)} signatures, none of a kind this verifier checks "
        f"({kinds}), so whether it is authentic cannot be checked here.",
    )


def _set_format(
    seen: list[Inspection], results: list[_Checked], chosen: _Checked, issuer: str | None
) -> tuple[str, str]:
    """The set's proof-format: the chosen proof's outcome, a warning when it passed but a proof
    was skipped or could not be checked to the end; the message says what became of each."""
    notes, skipped = [], False
    by_number = {r.number: r for r in results}
    for number, inspection in enumerate(seen, 1):
        result = by_number.get(number)
        if result is None:
            notes.append(
                f"signature {number} was skipped: it is of a kind this verifier does not check "
                f"({inspection.suite_problem})"
            )
            skipped = True
        elif result is not chosen and result.by_other(issuer):
            assert result.found.key is not None
            notes.append(
                f"signature {number} was skipped: it was made with a key of "
                f"{result.found.key.controller}, not of the issuer"
            )
            skipped = True
        else:
            state = (
                "verifies"
                if result.passed
                else "does not verify"
                if result.failed
                else ("could not be checked to the end")
            )
            skipped = skipped or state == "could not be checked to the end"
            notes.append(f"signature {number} ({_suite_name(result)}) {state}")
    own = chosen.report.checks[0]
    outcome = "warning" if own.outcome == "passed" and skipped else own.outcome
    return (
        outcome,
        f"The credential carries {len(seen)} signatures: {'; '.join(notes)}. The checks below are "
        f"those of signature {chosen.number}. {own.message}",
    )


def _suite_name(result: _Checked) -> str:
    assert result.found.suite is not None  # only proofs of a registered suite are checked
    return result.found.suite.name


# -- contexts, key, signature ------------------------------------------------------------------


def _contexts(document: Document, found: Found, report: Report) -> None:
    """The proof configuration and the document, read with the bundled contexts only: the
    document as the proof's suite transforms it, or, for a proof of no registered suite, the
    document alone in RDFC-1.0 safe mode (its vocabularies are still checked, so the report says
    everything that is wrong; how its proof configuration is read is the unknown suite's to
    say). A credential naming a context this verifier does not carry is unsupported."""
    if found.proof is None:
        report.add(
            "contexts",
            "not-checked",
            "Not checked, because the credential carries no single signature to read it with.",
        )
        return
    options = _options(found.proof)
    try:
        if found.suite is not None:
            proof_config_hash(document.unsigned, options)  # raises when it cannot be read
            found.transformed = document.transformed(found.suite.transform)
        else:
            document.transformed(_rdfc)
    except CanonicalizationError as error:
        _contexts_refused(document, report, error)
        return
    report.add(
        "contexts",
        "passed",
        "All data in the credential uses vocabularies this verifier carries, so the signature "
        "covers every field.",
    )


def _contexts_refused(document: Document, report: Report, error: CanonicalizationError) -> None:
    unknown = unbundled_contexts(document.unsigned)
    if unknown:
        report.add(
            "contexts",
            "unsupported",
            "The credential uses vocabularies this verifier does not carry "
            f"({', '.join(unknown)}), so what its data means, and so its signature, cannot be "
            "checked here. Vocabularies are never fetched from the internet, because then "
            "someone else could change what the credential means.",
            str(error),
        )
        return
    report.add(
        "contexts",
        "failed",
        "The credential's data cannot be read exactly with the vocabularies this verifier "
        "carries, so its signature would not cover all of it.",
        str(error),
    )


def _options(proof: Mapping[str, Any]) -> dict[str, Any]:
    """The proof options: the proof without its value and its own @context."""
    return {k: v for k, v in proof.items() if k not in ("proofValue", "@context")}


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
    elif keyless_issuer(issuer):
        report.add(
            "key-controller",
            "warning",
            f"The credential was signed with the key {found.key.id}, but its issuer is named "
            f"{issuer}, a name that can publish no key, so nothing ties the key to the issuer: "
            "whoever holds the key signed it. Trust it only if you know this key is the issuer's.",
        )
    else:
        report.add(
            "key-controller",
            "failed",
            f"The key is controlled by {found.key.controller!r}, not by the issuer {issuer!r}: "
            "anyone can write a name in a credential; only the issuer's own key proves it.",
        )


def keyless_issuer(issuer: str | None) -> bool:
    """Whether the issuer is named by an identifier that can publish no key (a URN: rulebook
    ``keys.keylessIssuerPattern``), so that no key can be checked against it."""
    pattern = rulebook.section("keys")["keylessIssuerPattern"]
    return issuer is not None and re.match(pattern, issuer) is not None


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
    judge_key_standing(found.key.dates, found.proof.get("created"), report)


def judge_key_standing(
    dates: Mapping[str, Any], signed_at: object, report: Report, unknown: str = "an unknown moment"
) -> None:
    """The key-status check of a key that was established, from its ``revoked`` (compromised)
    and ``expires`` dates and the moment of signing (a proof's ``created``, a JWT's ``iat``):
    such a key no longer vouches for signatures made at or after that moment, and one made at
    an unknown moment cannot show it came before. ``unknown`` names that moment's absence."""
    created = parse_instant(signed_at)
    notes = []
    for key, what in (("revoked", "was marked compromised"), ("expires", "expired")):
        if key not in dates:
            continue
        value = dates[key]
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
            signed = f"on {signed_at}" if created is not None else f"at {unknown}"
            report.add(
                "key-status",
                "failed",
                f"The issuer's key {what} on {value}; this credential was signed {signed}, "
                "so the signature no longer counts.",
            )
            return
        notes.append(
            f"The issuer's key {what} on {value}, after this credential was signed on {signed_at}."
        )
    if notes:
        report.add("key-status", "warning", " ".join(notes))
    else:
        report.add("key-status", "passed", "The signing key is in good standing.")


def _signature(document: Document, found: Found, report: Report) -> None:
    if not report.needs_met("signature") or found.key is None or found.suite is None:
        report.add(
            "signature",
            "not-checked",
            "The signature could not be checked (see the checks above).",
        )
        return
    if _signature_matches(document, found):
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


def _signature_matches(document: Document, found: Found) -> bool:
    """The suite's signature over its hash data: the proof configuration's hash and the
    document's, both by the kind of key found (a suite may hash by it, as ecdsa-rdfc-2019)."""
    assert found.key is not None and found.suite is not None and found.proof is not None
    key_type: KeyType = found.key.public_key.key_type
    signature, transformed = found.signature, found.transformed
    if signature is None or transformed is None or len(signature) != key_type.signature_bytes:
        return False
    data = proof_config_hash(document.unsigned, _options(found.proof), key_type)
    data += found.suite.digest(transformed, key_type)
    return key_type.verify(found.key.public_key.raw, signature, data)
