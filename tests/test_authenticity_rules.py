"""The rules of one Data Integrity proof and of a proof set in the Python verifier
(credsite/standards/authenticity.py), pinned with whole messages: what a proof object may hold
(proof-format), unreadable data and unknown vocabularies (contexts), what becomes of the key
(issuer-key, key-controller, key-status) and of each proof of a set. The browser twin is
browser/test/data-integrity-rules.test.js. One small credential is signed once; most cases change
a field of its proof, which the check under test judges before (or without) the signature."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from credsite.base.errors import CanonicalizationError
from credsite.standards.authenticity import (
    Document,
    Found,
    Inspection,
    check_authenticity,
    inspect,
    judge_key_standing,
    keyless_issuer,
)
from credsite.standards.cryptosuites.ecdsa import decode_secret_key
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.instants import parse_instant
from credsite.standards.multibase import base58btc_encode
from credsite.standards.proofs import sign
from credsite.standards.reports import FetchError, Report

from .edge_credentials import CREATED, DID_URL, DID_WEB, WEB_VM, Signer
from .recording_cache import RecordingSubtrees

NOW = parse_instant("2026-03-01T12:00:00Z")
ECDSA_VECTORS = Path(__file__).parent / "vectors" / "w3c-vc-di-ecdsa"
UNSIGNED: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": DID_WEB,
    "validFrom": "2025-06-30T10:00:00Z",
    "credentialSubject": {"id": "did:example:learner"},
}
SIGNER = Signer()
SIGNED = SIGNER.sign(UNSIGNED)
PROOF: dict[str, Any] = SIGNED["proof"]
LEGACY = sign(UNSIGNED, SIGNER.key, WEB_VM, CREATED, suite="eddsa-2022")
OTHER = Signer()
OTHER_DID = "did:web:endorser.example.org"
OTHER_URL = "https://endorser.example.org/.well-known/did.json"
THEIRS = OTHER.sign(UNSIGNED, vm=OTHER_DID + "#key-1")["proof"]
UNKNOWN = {"type": "SomeProofType", "proofPurpose": "assertionMethod"}

NOT_CHECKED = {
    "contexts": (
        "not-checked",
        "Not checked, because the credential carries no single signature to read it with.",
    ),
    "issuer-key": ("not-checked", "Not checked, because the signature names no key."),
    "key-controller": (
        "not-checked",
        "Not checked, because the issuer's key could not be established.",
    ),
    "key-status": (
        "not-checked",
        "Not checked, because the issuer's key could not be established.",
    ),
    "signature": ("not-checked", "The signature could not be checked (see the checks above)."),
}
PASSED = {
    "proof-format": (
        "passed",
        "The credential carries a signature of a kind this verifier checks (eddsa-rdfc-2022).",
    ),
    "contexts": (
        "passed",
        "All data in the credential uses vocabularies this verifier carries, so the signature "
        "covers every field.",
    ),
    "issuer-key": (
        "passed",
        f"The credential was signed with a key the issuer publishes ({WEB_VM}).",
    ),
    "key-controller": (
        "passed",
        f"The key belongs to the issuer named in the credential ({DID_WEB}).",
    ),
    "key-status": ("passed", "The signing key is in good standing."),
    "signature": (
        "passed",
        "The signature is valid: nothing in the credential was changed after it was signed.",
    ),
}
SIGNATURE_FAILED = (
    "failed",
    "The signature is not valid: the credential was changed, or not signed by this key.",
)
PUBLISHED = "The credential was signed with a key the issuer publishes"


def _other_document() -> dict[str, Any]:
    document = OTHER.did_document()
    method = {**document["verificationMethod"][0], "id": OTHER_DID + "#key-1"}
    method["controller"] = OTHER_DID
    return {
        **document,
        "id": OTHER_DID,
        "verificationMethod": [method],
        "assertionMethod": [method["id"]],
    }


def _network(extra: dict[str, Any] | None = None, **document: Any) -> dict[str, Any]:
    return {DID_URL: SIGNER.did_document(extra, **document), OTHER_URL: _other_document()}


def _run(
    document: dict[str, Any],
    now: int | None = NOW,
    issuer: str | None = DID_WEB,
    network: dict[str, Any] | None = None,
) -> Report:
    def down(url: str) -> Any:
        raise FetchError(f"{url} is down", missing=False)

    report = Report()
    fetch = mapping_fetcher(_network() if network is None else network, down)
    check_authenticity(document, issuer, fetch, now, report)
    return report


def _checks(document: dict[str, Any], **options: Any) -> dict[str, tuple[str, str]]:
    return {c.id: (c.outcome, c.message) for c in _run(document, **options).checks}


def _with(**changes: Any) -> dict[str, Any]:
    proof = {**PROOF, **changes}
    return {**SIGNED, "proof": {k: v for k, v in proof.items() if v is not None}}


def _format(document: dict[str, Any], **options: Any) -> tuple[str, str]:
    return _checks(document, **options)["proof-format"]


def _refused(*problems: str) -> tuple[str, str]:
    return (
        "failed",
        "The signature cannot be accepted as it is: " + "; ".join(problems) + ".",
    )


# -- proof-format: one proof ------------------------------------------------------------------


def test_no_proof_or_a_null_or_empty_list_proof_fails_and_leaves_every_other_check_unchecked() -> (
    None
):
    missing = (
        "failed",
        "The credential carries no signature (proof), so nothing proves who issued it.",
    )
    for document in (UNSIGNED, {**UNSIGNED, "proof": None}, {**UNSIGNED, "proof": []}):
        report = _run(document)
        assert _checks(document) == {"proof-format": missing, **NOT_CHECKED}
        assert report.verification_method is None


def test_a_proof_that_is_text_or_a_number_is_not_a_json_object() -> None:
    malformed = ("failed", "The credential's signature (proof) is not a JSON object.")
    for proof in ("proof", 5, ["proof"]):
        assert _checks({**UNSIGNED, "proof": proof}) == {"proof-format": malformed, **NOT_CHECKED}


def test_a_good_proof_passes_all_six_checks_and_a_single_proof_in_a_list_is_that_proof() -> None:
    assert _checks(SIGNED) == PASSED
    assert _checks({**SIGNED, "proof": [PROOF]}) == PASSED
    assert _run(SIGNED).verification_method == WEB_VM


def test_fields_a_proof_may_not_have_are_named_in_sorted_order() -> None:
    assert _format(_with(zeta=1, alpha=2)) == _refused(
        "it carries fields a signature of this kind does not have (alpha, zeta), which could "
        "hide when it stops being valid"
    )


def test_a_proof_purpose_other_than_assertion_method_is_refused_with_the_purpose() -> None:
    assert _format(_with(proofPurpose="authentication")) == _refused(
        "its proofPurpose is 'authentication', not 'assertionMethod'"
    )
    assert _format(_with(proofPurpose=None)) == _refused(
        "its proofPurpose is None, not 'assertionMethod'"
    )


def test_an_empty_or_non_text_verification_method_names_no_key_and_nothing_is_resolved() -> None:
    problem = "it does not say which key made it (verificationMethod)"
    for method in ("", 5, None):
        report = _run(_with(verificationMethod=method))
        checks = {c.id: (c.outcome, c.message) for c in report.checks}
        assert checks["proof-format"] == _refused(problem)
        assert checks["issuer-key"] == NOT_CHECKED["issuer-key"]
        assert report.verification_method is None


def test_a_proof_value_not_in_its_suites_encoding_is_refused() -> None:
    problem = "its proofValue is not a signature in the encoding its suite uses"
    short = "z" + base58btc_encode(bytes(63))
    for value in ("u" + PROOF["proofValue"][1:], "z0OIl", short, 5, None):
        assert _format(_with(proofValue=value)) == _refused(problem)


def test_a_created_that_is_not_a_date_time_is_refused_with_the_value() -> None:
    assert _format(_with(created="yesterday")) == _refused(
        "its created 'yesterday' is not a date and time with a time zone"
    )
    assert _format(_with(created="2026-01-01T00:00:00")) == _refused(
        "its created '2026-01-01T00:00:00' is not a date and time with a time zone"
    )


def test_a_proof_without_created_is_well_formed() -> None:
    assert _format(_with(created=None))[0] == "passed"


def test_an_expires_malformed_is_refused_at_or_before_now_expired_and_after_now_accepted() -> None:
    assert _format(_with(expires="soon")) == _refused(
        "its expires 'soon' is not a date and time with a time zone"
    )
    for moment in ("2026-03-01T12:00:00Z", "2026-03-01T11:59:59Z"):
        assert _format(_with(expires=moment)) == _refused(
            f"the signature itself stopped being valid on {moment}"
        )
    assert _format(_with(expires="2026-03-01T12:00:01Z"))[0] == "passed"


def test_an_expires_already_past_is_not_judged_when_no_moment_is_given() -> None:
    assert _format(_with(expires="2020-01-01T00:00:00Z"), now=None)[0] == "passed"
    assert _format(_with(expires="soon"), now=None) == _refused(
        "its expires 'soon' is not a date and time with a time zone"
    )


def test_a_proofs_own_context_must_equal_the_credentials() -> None:
    same = inspect({**PROOF, "@context": UNSIGNED["@context"]}, UNSIGNED["@context"], NOW)
    assert same.problems == []
    other = ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/security/data-integrity/v2"]
    assert inspect({**PROOF, "@context": other}, UNSIGNED["@context"], NOW).problems == [
        "its own @context differs from the credential's"
    ]
    assert inspect({**PROOF, "@context": "x"}, ["x"], NOW).problems == [
        "its own @context differs from the credential's"
    ]


def test_every_fault_of_a_proof_is_listed_in_order() -> None:
    document = _with(
        extra=1, proofPurpose="x", verificationMethod="", proofValue="", created="c", expires="e"
    )
    assert _format(document) == _refused(
        "it carries fields a signature of this kind does not have (extra), which could hide "
        "when it stops being valid",
        "its proofPurpose is 'x', not 'assertionMethod'",
        "it does not say which key made it (verificationMethod)",
        "its proofValue is not a signature in the encoding its suite uses",
        "its created 'c' is not a date and time with a time zone",
        "its expires 'e' is not a date and time with a time zone",
    )


def test_a_proof_of_an_unregistered_type_is_unsupported_and_judged_no_further() -> None:
    checks = _checks({**SIGNED, "proof": {**UNKNOWN, "proofValue": 5, "stray": 1}})
    assert checks["proof-format"] == (
        "unsupported",
        "The credential's signature is of a kind this verifier does not check (proof type is "
        "'SomeProofType', expected 'DataIntegrityProof' or 'Ed25519Signature2020'), so whether "
        "it is authentic cannot be checked here.",
    )
    assert checks["contexts"] == PASSED["contexts"]
    assert checks["issuer-key"] == NOT_CHECKED["issuer-key"]
    assert checks["signature"] == NOT_CHECKED["signature"]


def test_an_unregistered_cryptosuite_is_unsupported_but_its_proof_value_must_be_text() -> None:
    kind = (
        "proof cryptosuite is 'rules-2099', expected 'eddsa-rdfc-2022' or 'eddsa-jcs-2022' or "
        "'ecdsa-rdfc-2019' or 'eddsa-2022'"
    )
    checks = _checks(_with(cryptosuite="rules-2099"))
    assert checks["proof-format"] == (
        "unsupported",
        f"The credential's signature is of a kind this verifier does not check ({kind}), so "
        "whether it is authentic cannot be checked here.",
    )
    assert checks["issuer-key"][1].startswith(PUBLISHED)
    assert checks["signature"] == NOT_CHECKED["signature"]
    for value in ("", 5):
        assert _format(_with(cryptosuite="rules-2099", proofValue=value)) == _refused(
            kind, "its proofValue is not a signature in the encoding its suite uses"
        )


def test_a_proof_under_a_legacy_suite_name_passes_only_as_a_warning_naming_the_standard() -> None:
    checks = _checks(LEGACY)
    assert checks["proof-format"] == (
        "warning",
        "The credential carries a signature of a kind this verifier checks, under the name "
        "eddsa-2022, which its suite had before it was standardised: the standard name is "
        "eddsa-rdfc-2022. Signatures should be made under that name.",
    )
    assert checks["signature"] == PASSED["signature"]


# -- contexts ----------------------------------------------------------------------------------


def test_a_vocabulary_this_verifier_does_not_carry_makes_contexts_unsupported() -> None:
    url = "https://example.org/rules-unknown/v1"
    document = {**SIGNED, "@context": [*UNSIGNED["@context"], url]}
    report = _run(document)
    contexts = next(c for c in report.checks if c.id == "contexts")
    assert (contexts.outcome, contexts.message) == (
        "unsupported",
        f"The credential uses vocabularies this verifier does not carry ({url}), so what its "
        "data means, and so its signature, cannot be checked here. Vocabularies are never "
        "fetched from the internet, because then someone else could change what the "
        "credential means.",
    )
    assert contexts.detail != ""


def test_data_that_cannot_be_read_with_known_vocabularies_fails_contexts() -> None:
    for proof in (PROOF, {**UNKNOWN}):
        report = _run({**SIGNED, "undefinedTerm": 1, "proof": proof})
        contexts = next(c for c in report.checks if c.id == "contexts")
        assert (contexts.outcome, contexts.message) == (
            "failed",
            "The credential's data cannot be read exactly with the vocabularies this verifier "
            "carries, so its signature would not cover all of it.",
        )
        assert "undefinedTerm" in contexts.detail
    checks = _checks({**SIGNED, "undefinedTerm": 1})
    assert checks["issuer-key"] == PASSED["issuer-key"]
    assert checks["signature"] == NOT_CHECKED["signature"]


# -- issuer-key, key-controller -----------------------------------------------------------------


def test_a_key_document_that_cannot_be_fetched_leaves_the_key_unchecked_a_key_not_in_it_fails() -> (
    None
):
    report = _run(SIGNED, network={})
    key = next(c for c in report.checks if c.id == "issuer-key")
    assert (key.outcome, key.message, key.detail) == (
        "not-checked",
        "The issuer's public key could not be fetched, so the signature could not be checked.",
        f"{DID_URL} is down",
    )
    assert report.verification_method == WEB_VM
    checks = _checks(_with(verificationMethod=DID_WEB + "#key-9"))
    assert checks["issuer-key"] == (
        "failed",
        "The key that signed the credential is not a published key of the issuer.",
    )
    assert checks["key-controller"] == NOT_CHECKED["key-controller"]
    assert checks["key-status"] == NOT_CHECKED["key-status"]
    assert checks["signature"] == NOT_CHECKED["signature"]


def test_a_key_authorised_by_a_relative_reference_is_a_warning_with_a_note() -> None:
    checks = _checks(SIGNED, network=_network(relative=True))
    assert checks["issuer-key"] == (
        "warning",
        f"{PUBLISHED} ({WEB_VM}). Note: the issuer authorises the key with a relative reference "
        "(#…) instead of its full identifier.",
    )
    assert checks["key-controller"] == PASSED["key-controller"]


def test_a_key_whose_entry_names_another_controller_fails_key_controller() -> None:
    report = _run(SIGNED, network=_network({"controller": OTHER_DID}))
    controller = next(c for c in report.checks if c.id == "key-controller")
    assert (controller.outcome, controller.message, controller.detail) == (
        "failed",
        f"The key was published by {DID_WEB}, but names {OTHER_DID} as its owner. A document "
        "can only publish its own keys, so this key does not show who issued the credential.",
        f"key controller {OTHER_DID} is not the document it was fetched from ({DID_WEB})",
    )


def test_a_key_of_another_issuer_fails_key_controller_naming_both() -> None:
    for issuer in ("did:web:someone.example", None):
        assert _checks(SIGNED, issuer=issuer)["key-controller"] == (
            "failed",
            f"The key is controlled by {DID_WEB!r}, not by the issuer {issuer!r}: anyone can "
            "write a name in a credential; only the issuer's own key proves it.",
        )


def test_a_urn_issuer_can_publish_no_key_so_its_key_is_a_warning() -> None:
    issuer = "urn:uuid:2f1c7bde-0b3a-4f55-9d55-0b7b0c2a1c11"
    assert _checks(SIGNED, issuer=issuer)["key-controller"] == (
        "warning",
        f"The credential was signed with the key {WEB_VM}, but its issuer is named {issuer}, a "
        "name that can publish no key, so nothing ties the key to the issuer: whoever holds the "
        "key signed it. Trust it only if you know this key is the issuer's.",
    )


def test_only_a_urn_issuer_is_keyless() -> None:
    assert keyless_issuer("urn:uuid:1") and keyless_issuer("URN:x")
    assert not keyless_issuer(None)
    assert not keyless_issuer("did:web:x")
    assert not keyless_issuer("https://x/urn:uuid:1")


# -- key-status -------------------------------------------------------------------------------


def test_a_key_date_that_is_not_a_date_time_fails_key_status() -> None:
    for field, what in (("revoked", "was marked compromised"), ("expires", "expired")):
        checks = _checks(SIGNED, network=_network({field: "never"}))
        assert checks["key-status"] == (
            "failed",
            f"The issuer's key {what} at a moment that is not a date and time ('never'), so the "
            "moment of signing cannot be compared with it.",
        )
        assert checks["signature"] == PASSED["signature"]


def test_a_key_revoked_or_expired_at_or_before_the_proof_was_created_fails_key_status() -> None:
    for field, what in (("revoked", "was marked compromised"), ("expires", "expired")):
        for moment in (CREATED, "2025-12-31T23:59:59Z"):
            assert _checks(SIGNED, network=_network({field: moment}))["key-status"] == (
                "failed",
                f"The issuer's key {what} on {moment}; this credential was signed on {CREATED}, "
                "so the signature no longer counts.",
            )


def test_a_key_revoked_or_expiring_after_the_proof_was_created_is_a_warning_per_date() -> None:
    later = "2026-01-01T00:00:01Z"
    network = _network({"revoked": later, "expires": "2027-01-01T00:00:00Z"})
    checks = _checks(SIGNED, network=network)
    assert checks["key-status"] == (
        "warning",
        f"The issuer's key was marked compromised on {later}, after this credential was signed "
        f"on {CREATED}. The issuer's key expired on 2027-01-01T00:00:00Z, after this credential "
        f"was signed on {CREATED}.",
    )
    assert checks["signature"] == PASSED["signature"]


def test_a_proof_without_created_cannot_show_it_came_before_a_key_date() -> None:
    document = SIGNER.sign(UNSIGNED, created=None)
    checks = _checks(document, network=_network({"expires": "2027-01-01T00:00:00Z"}))
    assert checks["key-status"] == (
        "failed",
        "The issuer's key expired on 2027-01-01T00:00:00Z; this credential was signed at an "
        "unknown moment, so the signature no longer counts.",
    )
    assert _checks(document)["key-status"] == PASSED["key-status"]


def test_judge_key_standing_names_the_unknown_moment_it_is_given() -> None:
    report = Report()
    judge_key_standing({"revoked": "2027-01-01T00:00:00Z"}, None, report, "an unknown iat")
    assert [(c.id, c.outcome, c.message) for c in report.checks] == [
        (
            "key-status",
            "failed",
            "The issuer's key was marked compromised on 2027-01-01T00:00:00Z; this credential "
            "was signed at an unknown iat, so the signature no longer counts.",
        )
    ]


# -- signature --------------------------------------------------------------------------------


def test_a_changed_credential_fails_the_signature_though_the_other_checks_pass() -> None:
    document = {**SIGNED, "validFrom": "2025-06-30T10:00:01Z"}
    report = _run(document)
    checks = {c.id: (c.outcome, c.message) for c in report.checks}
    assert checks == {**PASSED, "signature": SIGNATURE_FAILED}
    assert report.checks[-1].detail == (
        "the signature does not match: the credential was changed after signing, or it was "
        "signed with another key"
    )


def test_a_signature_of_the_suites_other_key_length_fails_the_signature() -> None:
    p256 = "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169"
    did = f"did:key:{p256}"
    proof = {
        **PROOF,
        "cryptosuite": "ecdsa-rdfc-2019",
        "verificationMethod": f"{did}#{p256}",
        "proofValue": "z" + base58btc_encode(bytes(96)),
    }
    checks = _checks({**SIGNED, "issuer": did, "proof": proof}, issuer=did)
    assert checks["proof-format"][0] == "passed"
    assert checks["issuer-key"][0] == "passed"
    assert checks["signature"] == SIGNATURE_FAILED


# -- proof sets -------------------------------------------------------------------------------


def _set(*proofs: Any, **options: Any) -> dict[str, tuple[str, str]]:
    return _checks({**SIGNED, "proof": list(proofs)}, **options)


def test_a_proof_set_holding_something_other_than_an_object_fails_naming_its_number() -> None:
    checks = _set(PROOF, "text", 5)
    assert checks["proof-format"] == (
        "failed",
        "The credential carries 3 signatures, and signature 2 is not a JSON object.",
    )
    assert checks["contexts"] == NOT_CHECKED["contexts"]


def test_a_set_none_of_which_is_understood_is_unsupported_naming_each_kind() -> None:
    kind = "proof type is 'SomeProofType', expected 'DataIntegrityProof' or 'Ed25519Signature2020'"
    assert _set(UNKNOWN, UNKNOWN)["proof-format"] == (
        "unsupported",
        f"The credential carries 2 signatures, none of a kind this verifier checks (signature "
        f"1: {kind}; signature 2: {kind}), so whether it is authentic cannot be checked here.",
    )


def test_a_set_none_of_which_is_understood_but_one_is_malformed_fails_with_its_faults() -> None:
    suite = {**PROOF, "cryptosuite": "rules-2099"}
    kind = (
        "proof cryptosuite is 'rules-2099', expected 'eddsa-rdfc-2022' or 'eddsa-jcs-2022' or "
        "'ecdsa-rdfc-2019' or 'eddsa-2022'"
    )
    unknown = (
        "proof type is 'SomeProofType', expected 'DataIntegrityProof' or 'Ed25519Signature2020'"
    )
    assert _set(UNKNOWN, {**suite, "proofValue": "", "created": "c"})["proof-format"] == (
        "failed",
        f"The credential carries 2 signatures, none of a kind this verifier checks (signature "
        f"1: {unknown}; signature 2: {kind}), and they cannot be accepted as they are: "
        "signature 2: its proofValue is not a signature in the encoding its suite uses; its "
        "created 'c' is not a date and time with a time zone.",
    )


def test_a_skipped_unknown_proof_and_a_passing_one_give_a_warning() -> None:
    checks = _set(UNKNOWN, PROOF)
    assert checks["proof-format"] == (
        "warning",
        "The credential carries 2 signatures: signature 1 was skipped: it is of a kind this "
        "verifier does not check (proof type is 'SomeProofType', expected 'DataIntegrityProof' "
        "or 'Ed25519Signature2020'); signature 2 (eddsa-rdfc-2022) verifies. The checks below "
        "are those of signature 2. " + PASSED["proof-format"][1],
    )
    assert {k: v for k, v in checks.items() if k != "proof-format"} == {
        k: v for k, v in PASSED.items() if k != "proof-format"
    }


def test_a_third_partys_proof_is_skipped_naming_its_controller() -> None:
    checks = _set(THEIRS, PROOF)
    assert checks["proof-format"] == (
        "warning",
        f"The credential carries 2 signatures: signature 1 was skipped: it was made with a key "
        f"of {OTHER_DID}, not of the issuer; signature 2 (eddsa-rdfc-2022) verifies. The checks "
        "below are those of signature 2. " + PASSED["proof-format"][1],
    )


def test_a_third_partys_proof_that_is_the_only_understood_one_is_chosen_and_fails_its_controller() -> (
    None
):
    checks = _set(UNKNOWN, THEIRS)
    assert checks["proof-format"] == (
        "warning",
        "The credential carries 2 signatures: signature 1 was skipped: it is of a kind this "
        "verifier does not check (proof type is 'SomeProofType', expected "
        "'DataIntegrityProof' or 'Ed25519Signature2020'); signature 2 (eddsa-rdfc-2022) does "
        "not verify. The checks below are those of signature 2. " + PASSED["proof-format"][1],
    )
    assert checks["key-controller"] == (
        "failed",
        f"The key is controlled by {OTHER_DID!r}, not by the issuer {DID_WEB!r}: anyone can "
        "write a name in a credential; only the issuer's own key proves it.",
    )


def test_a_failed_issuer_proof_is_chosen_before_a_passing_one() -> None:
    broken = {**PROOF, "created": "2026-01-02T00:00:00Z"}
    checks = _set(PROOF, broken)
    assert checks["proof-format"] == (
        "passed",
        "The credential carries 2 signatures: signature 1 (eddsa-rdfc-2022) verifies; signature "
        "2 (eddsa-rdfc-2022) does not verify. The checks below are those of signature 2. "
        + PASSED["proof-format"][1],
    )
    assert checks["signature"] == SIGNATURE_FAILED


def test_a_proof_that_could_not_be_checked_to_the_end_makes_a_passing_set_a_warning() -> None:
    unreachable = {**PROOF, "verificationMethod": "did:web:down.example#key-1"}
    checks = _set(unreachable, PROOF)
    assert checks["proof-format"] == (
        "warning",
        "The credential carries 2 signatures: signature 1 (eddsa-rdfc-2022) could not be "
        "checked to the end; signature 2 (eddsa-rdfc-2022) verifies. The checks below are "
        "those of signature 2. " + PASSED["proof-format"][1],
    )


def test_a_failed_proof_format_stays_failed_in_a_set_with_a_skipped_proof() -> None:
    checks = _set(UNKNOWN, {**PROOF, "proofPurpose": "authentication"})
    assert checks["proof-format"] == (
        "failed",
        "The credential carries 2 signatures: signature 1 was skipped: it is of a kind this "
        "verifier does not check (proof type is 'SomeProofType', expected 'DataIntegrityProof' "
        "or 'Ed25519Signature2020'); signature 2 (eddsa-rdfc-2022) does not verify. The checks "
        "below are those of signature 2. The signature cannot be accepted as it is: its "
        "proofPurpose is 'authentication', not 'assertionMethod'.",
    )


def test_a_key_of_a_kind_the_suite_does_not_sign_with_fails_issuer_key() -> None:
    p256 = "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169"
    did = f"did:key:{p256}"
    checks = _checks(_with(verificationMethod=f"{did}#{p256}"), issuer=did)
    assert checks["issuer-key"] == (
        "failed",
        "The published key is a P-256 key, which eddsa-rdfc-2022 signatures are not made with.",
    )
    assert checks["key-controller"] == NOT_CHECKED["key-controller"]


def test_unreadable_data_fails_contexts_for_every_proof_of_a_set() -> None:
    checks = _checks({**SIGNED, "undefinedTerm": 1, "proof": [PROOF, PROOF]})
    assert checks["contexts"] == (
        "failed",
        "The credential's data cannot be read exactly with the vocabularies this verifier "
        "carries, so its signature would not cover all of it.",
    )
    assert checks["proof-format"][1].startswith(
        "The credential carries 2 signatures: signature 1 (eddsa-rdfc-2022) does not verify; "
        "signature 2 (eddsa-rdfc-2022) does not verify. The checks below are those of "
        "signature 1."
    )


def test_when_no_proof_of_a_set_finished_the_first_is_given() -> None:
    down = {**PROOF, "verificationMethod": "did:web:down.example#key-1"}
    checks = _set(down, down)
    assert checks["proof-format"] == (
        "warning",
        "The credential carries 2 signatures: signature 1 (eddsa-rdfc-2022) could not be "
        "checked to the end; signature 2 (eddsa-rdfc-2022) could not be checked to the end. "
        "The checks below are those of signature 1. " + PASSED["proof-format"][1],
    )


def test_when_every_proof_of_a_set_is_a_third_partys_the_first_is_given() -> None:
    checks = _set(THEIRS, {**THEIRS, "proofValue": PROOF["proofValue"]})
    assert checks["proof-format"][1].startswith(
        "The credential carries 2 signatures: signature 1 (eddsa-rdfc-2022) does not verify; "
        f"signature 2 was skipped: it was made with a key of {OTHER_DID}, not of the issuer. "
        "The checks below are those of signature 1."
    )


def test_a_key_whose_entry_names_the_issuer_from_another_document_is_not_a_third_partys() -> None:
    other = _other_document()
    other["verificationMethod"][0]["controller"] = DID_WEB
    checks = _set(THEIRS, PROOF, network={**_network(), OTHER_URL: other})
    assert checks["proof-format"][1].startswith(
        "The credential carries 2 signatures: signature 1 (eddsa-rdfc-2022) does not verify; "
        "signature 2 (eddsa-rdfc-2022) verifies. The checks below are those of signature 1."
    )
    assert checks["key-controller"][0] == "failed"


def test_an_unfinished_issuer_proof_is_given_before_a_third_partys() -> None:
    down = {**PROOF, "verificationMethod": "did:web:down.example#key-1"}
    checks = _set(THEIRS, down)
    assert checks["proof-format"] == (
        "warning",
        f"The credential carries 2 signatures: signature 1 was skipped: it was made with a key "
        f"of {OTHER_DID}, not of the issuer; signature 2 (eddsa-rdfc-2022) could not be "
        "checked to the end. The checks below are those of signature 2. "
        + PASSED["proof-format"][1],
    )


def test_a_document_is_transformed_once_however_many_proofs_need_it_even_when_it_fails() -> None:
    calls: list[str] = []

    def transform(document: Any, shared: Any) -> bytes:
        calls.append("done")
        return b"once"

    def refuse(document: Any, shared: Any) -> bytes:
        calls.append("refused")
        raise CanonicalizationError("unreadable")

    document = Document({"a": 1})
    assert [document.transformed(transform) for _ in range(2)] == [b"once", b"once"]
    for _ in range(2):
        with pytest.raises(CanonicalizationError, match=r"^unreadable$"):
            document.transformed(refuse)
    assert calls == ["done", "refused"]


# -- the proof's own @context, ECDSA key types, vocabularies, key reachability ------------------


def test_a_proof_whose_own_context_equals_the_credentials_passes_all_six_checks() -> None:
    assert _checks({**SIGNED, "proof": {**PROOF, "@context": UNSIGNED["@context"]}}) == PASSED


def test_a_proof_of_an_unregistered_type_has_no_faults_of_its_own() -> None:
    assert inspect(UNKNOWN, UNSIGNED["@context"], NOW) == Inspection(
        None,
        "proof type is 'SomeProofType', expected 'DataIntegrityProof' or 'Ed25519Signature2020'",
        [],
        None,
    )


@pytest.fixture(scope="module")
def ecdsa_signed() -> dict[str, tuple[str, dict[str, Any]]]:
    """Per curve, the did:key of the W3C vector key pair and the credential it signed."""
    signed = {}
    for curve in ("p256", "p384"):
        pair = json.loads((ECDSA_VECTORS / f"{curve}KeyPair.json").read_text(encoding="utf-8"))
        did = f"did:key:{pair['publicKeyMultibase']}"
        vm = f"{did}#{pair['publicKeyMultibase']}"
        key = decode_secret_key(pair["secretKeyMultibase"])
        document = {**UNSIGNED, "issuer": did}
        signed[curve] = (did, sign(document, key, vm, CREATED, suite="ecdsa-rdfc-2019"))
    return signed


@pytest.mark.parametrize(
    ("curve", "multikey"),
    [
        ("p256", "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP"),
        ("p384", "z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ"),
    ],
)
def test_an_ecdsa_proof_is_hashed_by_its_keys_curve_and_verifies_with_a_p256_or_p384_key(
    ecdsa_signed: dict[str, tuple[str, dict[str, Any]]], curve: str, multikey: str
) -> None:
    did, document = ecdsa_signed[curve]
    assert _checks(document, issuer=did) == {
        **PASSED,
        "proof-format": (
            "passed",
            "The credential carries a signature of a kind this verifier checks (ecdsa-rdfc-2019).",
        ),
        "issuer-key": (
            "passed",
            f"The credential was signed with a key the issuer publishes (did:key:{multikey}#"
            f"{multikey}).",
        ),
        "key-controller": (
            "passed",
            f"The key belongs to the issuer named in the credential (did:key:{multikey}).",
        ),
    }


def test_every_vocabulary_not_carried_is_named_and_the_detail_gives_the_reason() -> None:
    first, second = "https://example.org/rules-unknown/v1", "https://example.org/rules-unknown/v2"
    report = _run({**SIGNED, "@context": [*UNSIGNED["@context"], first, second]})
    contexts = next(c for c in report.checks if c.id == "contexts")
    refusal = (
        "unknown JSON-LD context URL '{}': only the contexts bundled in credsite/data/contexts "
        "are allowed, and contexts are never fetched from the network"
    )
    assert (contexts.outcome, contexts.message, contexts.detail) == (
        "unsupported",
        f"The credential uses vocabularies this verifier does not carry ({first}, {second}), so "
        "what its data means, and so its signature, cannot be checked here. Vocabularies are "
        "never fetched from the internet, because then someone else could change what the "
        "credential means.",
        f"cannot canonicalize safely: @context[1]: {refusal.format(first)}; @context[2]: "
        f"{refusal.format(second)}",
    )


def _found(document: dict[str, Any], network: dict[str, Any]) -> Found:
    def down(url: str) -> Any:
        raise FetchError(f"{url} is down", missing=False)

    return check_authenticity(document, DID_WEB, mapping_fetcher(network, down), NOW, Report())


def test_only_a_key_document_that_could_not_be_fetched_makes_the_key_unreachable() -> None:
    assert _found(SIGNED, {}).key_unreachable is True
    assert _found(_with(verificationMethod=DID_WEB + "#key-9"), _network()).key_unreachable is False
    assert _found(SIGNED, _network()).key_unreachable is False


def test_the_shared_subtree_cache_given_is_used_for_the_one_transform_of_the_document() -> None:
    unregistered = {**PROOF, "cryptosuite": "rules-2099"}
    for proof in (PROOF, [PROOF, PROOF], unregistered):
        shared, report = RecordingSubtrees(), Report()
        fetch = mapping_fetcher(_network())
        check_authenticity({**SIGNED, "proof": proof}, DID_WEB, fetch, NOW, report, shared)
        assert [asked["issuer"] for asked in shared.asked] == [DID_WEB]
        assert report.outcome("contexts") == "passed"


# -- proof sets: expiry, faults, the proof given when none is understood -----------------------


def test_a_proof_of_a_set_that_has_expired_is_judged_at_now_and_fails_the_set() -> None:
    expired = SIGNER.sign_with(UNSIGNED, expires="2026-02-01T00:00:00Z")["proof"]
    report = _run({**SIGNED, "proof": [UNKNOWN, expired]})
    own = report.checks[0]
    assert (own.id, own.outcome, own.message, own.detail) == (
        "proof-format",
        "failed",
        "The credential carries 2 signatures: signature 1 was skipped: it is of a kind this "
        "verifier does not check (proof type is 'SomeProofType', expected "
        "'DataIntegrityProof' or 'Ed25519Signature2020'); signature 2 (eddsa-rdfc-2022) does "
        "not verify. The checks below are those of signature 2. The signature cannot be "
        "accepted as it is: the signature itself stopped being valid on "
        "2026-02-01T00:00:00Z.",
        "",
    )
    assert report.outcome("signature") == "not-checked"
    unjudged = _checks({**SIGNED, "proof": [UNKNOWN, expired]}, now=None)
    assert (unjudged["proof-format"][0], unjudged["signature"]) == ("warning", PASSED["signature"])


def test_a_set_none_of_which_is_understood_lists_every_proofs_faults_and_gives_the_first() -> None:
    suite = "proof cryptosuite is 'rules-2099', expected 'eddsa-rdfc-2022' or 'eddsa-jcs-2022' or "
    suite += "'ecdsa-rdfc-2019' or 'eddsa-2022'"
    first = {
        **PROOF,
        "cryptosuite": "rules-2099",
        "@context": UNSIGNED["@context"],
        "expires": "2026-02-01T00:00:00Z",
    }
    second = {
        **PROOF,
        "cryptosuite": "rules-2099",
        "proofPurpose": "authentication",
        "verificationMethod": "did:web:down.example#key-1",
    }
    report = _run({**SIGNED, "proof": [first, second]})
    assert {c.id: (c.outcome, c.message) for c in report.checks} == {
        **PASSED,
        "proof-format": (
            "failed",
            f"The credential carries 2 signatures, none of a kind this verifier checks (signature "
            f"1: {suite}; signature 2: {suite}), and they cannot be accepted as they are: "
            "signature 1: the signature itself stopped being valid on 2026-02-01T00:00:00Z; "
            "signature 2: its proofPurpose is 'authentication', not 'assertionMethod'.",
        ),
        "issuer-key": (
            "passed",
            f"The credential was signed with a key the issuer publishes ({WEB_VM}).",
        ),
        "signature": NOT_CHECKED["signature"],
    }
    assert report.verification_method == WEB_VM
