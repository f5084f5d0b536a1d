"""Proof sets and the ``unsupported`` outcome (issue 13, D1 and D2) in the Python verifier: what
each proof of a set becomes and how ``proof-format`` says it, a vocabulary or a proof of a kind
this verifier does not know, the command line's headline for it, and the build refusing it.
Both verifiers reach the same states on these cases (tests/edge_credentials.py,
tests/test_verifier_agreement.py); here are the Python side's messages and rules."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from credsite.build.published import REFUSED_CHECKS, REFUSED_OUTCOMES
from credsite.commands.verify import verdict_line
from credsite.standards.contextscan import unbundled_contexts
from credsite.standards.reports import FetchError, Report
from credsite.standards.verification import verify_credential

from .edge_credentials import CREATED, Signer, _badge

NOW = datetime(2026, 11, 1, tzinfo=UTC)
UNKNOWN = {"type": "SomeProofType", "created": CREATED, "proofPurpose": "assertionMethod"}


def _nowhere(url: str) -> Any:
    raise FetchError(f"{url} is not served here", missing=True)


def _verify(document: dict[str, Any]) -> Report:
    return verify_credential(json.loads(json.dumps(document)), _nowhere, NOW)


def _check(report: Report, check_id: str) -> tuple[str, str]:
    found = next(c for c in report.checks if c.id == check_id)
    return found.outcome, found.message


def _signed() -> tuple[Signer, dict[str, Any]]:
    signer = Signer()
    return signer, signer.sign(_badge(signer.did_key))


def test_a_skipped_proof_of_an_unknown_kind_is_named_with_the_count() -> None:
    _, signed = _signed()
    report = _verify({**signed, "proof": [UNKNOWN, signed["proof"]]})
    outcome, message = _check(report, "proof-format")
    assert (report.state, outcome) == ("verified", "warning")
    assert "2 signatures" in message
    assert "signature 1 was skipped" in message and "SomeProofType" in message
    assert "signature 2 (eddsa-rdfc-2022) verifies" in message
    assert "those of signature 2" in message


def test_two_good_proofs_pass_and_both_are_named() -> None:
    signer, signed = _signed()
    other = signer.sign(_badge(signer.did_key), created="2026-02-01T00:00:00Z")["proof"]
    report = _verify({**signed, "proof": [signed["proof"], other]})
    outcome, message = _check(report, "proof-format")
    assert (report.state, outcome) == ("verified", "passed")
    assert (
        "signature 1 (eddsa-rdfc-2022) verifies; signature 2 (eddsa-rdfc-2022) verifies" in message
    )


def test_the_failing_issuer_proof_is_the_one_reported() -> None:
    signer, signed = _signed()
    other = signer.sign(_badge(signer.did_key), created="2026-02-01T00:00:00Z")["proof"]
    tampered = {**other, "proofValue": signed["proof"]["proofValue"]}
    report = _verify({**signed, "proof": [signed["proof"], tampered]})
    assert report.state == "invalid"
    assert _check(report, "signature")[0] == "failed"
    assert "those of signature 2" in _check(report, "proof-format")[1]


def test_a_third_partys_proof_is_skipped_with_its_controller() -> None:
    _, signed = _signed()
    stranger = Signer()
    theirs = stranger.sign(
        {k: v for k, v in signed.items() if k != "proof"},
        vm=f"{stranger.did_key}#{stranger.multibase}",
    )["proof"]
    report = _verify({**signed, "proof": [theirs, signed["proof"]]})
    outcome, message = _check(report, "proof-format")
    assert (report.state, outcome) == ("verified", "warning")
    assert f"made with a key of {stranger.did_key}, not of the issuer" in message


def test_no_understood_proof_is_unsupported_and_the_rest_not_checked() -> None:
    _, signed = _signed()
    unknown_suite = {**signed["proof"], "cryptosuite": "example-2099"}
    report = _verify({**signed, "proof": [UNKNOWN, unknown_suite]})
    outcome, message = _check(report, "proof-format")
    assert (report.state, outcome) == ("unsupported", "unsupported")
    assert "none of a kind this verifier checks" in message
    assert _check(report, "signature")[0] == "not-checked"
    assert _check(report, "valid-from")[0] == "not-checked"


def test_unsupported_never_wins_over_a_failure() -> None:
    _, signed = _signed()
    unknown_suite = {**signed["proof"], "cryptosuite": "example-2099"}
    tampered = {**unknown_suite, "name": "Changed"}
    report = _verify({**tampered, "proof": unknown_suite, "@context": [*signed["@context"], 5]})
    assert report.state == "invalid"
    report = _verify({**signed, "proof": [unknown_suite, {**signed["proof"], "proofValue": "z1"}]})
    assert report.state == "invalid"


def test_a_list_with_a_non_object_is_invalid() -> None:
    _, signed = _signed()
    report = _verify({**signed, "proof": [signed["proof"], 7]})
    outcome, message = _check(report, "proof-format")
    assert (report.state, outcome) == ("invalid", "failed")
    assert "signature 2 is not a JSON object" in message


def test_the_legacy_suite_name_is_a_warning_naming_the_standard_one() -> None:
    from credsite.standards.proofs import sign

    signer = Signer()
    vm = f"{signer.did_key}#{signer.multibase}"
    signed = sign(_badge(signer.did_key), signer.key, vm, CREATED, suite="eddsa-2022")
    report = _verify(signed)
    outcome, message = _check(report, "proof-format")
    assert (report.state, outcome) == ("verified", "warning")
    assert "eddsa-2022" in message and "standard name is eddsa-rdfc-2022" in message


def test_an_unknown_vocabulary_is_unsupported_and_named() -> None:
    _, signed = _signed()
    url = "https://example.org/unknown-context.json"
    report = _verify({**signed, "@context": [*signed["@context"], url]})
    outcome, message = _check(report, "contexts")
    assert (report.state, outcome) == ("unsupported", "unsupported")
    assert url in message


def test_only_unbundled_urls_make_a_vocabulary_unsupported() -> None:
    vc = "https://www.w3.org/ns/credentials/v2"
    unknown = "https://example.org/terms.jsonld"
    assert unbundled_contexts({"@context": [vc], "a": {"@context": unknown}}) == [unknown]
    assert unbundled_contexts({"@context": [vc, unknown, unknown]}) == [unknown]
    assert unbundled_contexts({"@context": [vc]}) == []
    # an inline or null context, or a refused keyword, is a fault of the JSON: failed
    assert unbundled_contexts({"@context": [unknown, {"x": "https://example.org/x"}]}) == []
    assert unbundled_contexts({"@context": [unknown], "a": {"@context": None}}) == []
    assert unbundled_contexts({"@context": [unknown], "b": [{"@included": []}]}) == []


def test_the_headline_says_not_supported_never_changed_or_not_signed() -> None:
    _, signed = _signed()
    report = _verify({**signed, "proof": {**signed["proof"], "cryptosuite": "example-2099"}})
    line = verdict_line(report)
    assert line.startswith("NOT SUPPORTED: ")
    assert "changed" not in line and "not signed by this key" not in line


def test_the_build_refuses_an_unsupported_check() -> None:
    assert "unsupported" in REFUSED_OUTCOMES and "failed" in REFUSED_OUTCOMES
    assert {"proof-format", "contexts"} <= REFUSED_CHECKS
