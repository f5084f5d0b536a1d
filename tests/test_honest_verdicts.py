"""Honest verdicts (issue 13): what VC 2.0 allows but the Open Badges 3.0 JSON Schema does not
(language value objects, a list of status entries) verifies with a structure warning; what the
signature does not cover (a text's @direction) verifies with a signed-data warning naming it; an
issuer named by a URN, which can publish no key, makes key-controller a warning naming the key;
and a self-issued credential (issuer = subject) is not "described twice". Both verifiers reach
the same state through the same checks (tests/test_verifier_agreement.py's runner); the Python
messages are checked here, the browser's by the same codes in browser/test."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from typing import Any

import pytest

from credsite.standards.fetch import mapping_fetcher
from credsite.standards.verification import FetchError, Report, verify_credential

from .edge_credentials import (
    DID_URL,
    DID_WEB,
    NOW,
    REVOCATION,
    SUSPENSION,
    Case,
    Signer,
    _badge,
)
from .test_verifier_agreement import _both

pytestmark = [pytest.mark.node, pytest.mark.slow]

LANG = {"@value": "Naam", "@language": "nl"}


def _entry(url: str, purpose: str, index: str) -> dict[str, str]:
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": index,
        "statusListCredential": url,
    }


def _documents(s: Signer) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """(unsigned document, network) by name."""
    lang_name = _badge(s.did_key, name=LANG)
    lang_list = _badge(s.did_key)
    lang_list["credentialSubject"]["achievement"]["description"] = [
        LANG,
        {"@value": "Name", "@language": "en"},
    ]
    direction = _badge(s.did_key)
    direction["credentialSubject"]["achievement"]["name"] = {**LANG, "@direction": "rtl"}
    network = {
        DID_URL: s.did_document(),
        REVOCATION: s.status_list(REVOCATION, "revocation"),
        SUSPENSION: s.status_list(SUSPENSION, "suspension", 6),
    }
    statuses = _badge(DID_WEB)
    statuses["credentialStatus"] = [
        _entry(REVOCATION, "revocation", "5"),
        _entry(SUSPENSION, "suspension", "6"),
    ]
    self_issued = _badge("urn:uuid:6f2e33e5-7a29-4155-840a-59483ba10164")
    self_issued["credentialSubject"]["id"] = self_issued["issuer"]["id"]
    return {
        "language value object": (lang_name, {}),
        "list of language value objects": (lang_list, {}),
        "@direction": (direction, {}),
        "two status entries, the second set": (statuses, network),
        "urn issuer, self-issued": (self_issued, {}),
    }


@pytest.fixture(scope="module")
def signed() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    s = Signer()
    key = f"{s.did_key}#{s.multibase}"  # the urn issuer's documents name no key: name it
    return {
        name: (s.sign(doc, vm=key if name.startswith("urn") else None), net)
        for name, (doc, net) in _documents(s).items()
    }


def _report(document: dict[str, Any], network: dict[str, Any]) -> Report:
    def missing(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    return verify_credential(
        document, mapping_fetcher(network, missing), datetime.fromisoformat(NOW)
    )


def _outcomes(report: Report) -> dict[str, str]:
    return {c.id: c.outcome for c in report.checks}


def _message(report: Report, check_id: str) -> str:
    return next(c.message for c in report.checks if c.id == check_id)


def test_both_verifiers_agree(signed: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> None:
    cases = {name: Case(json.dumps(doc), "", net) for name, (doc, net) in signed.items()}
    states = {name: found["state"] for name, found in _both(cases).items()}
    assert states == {
        "language value object": "verified",
        "list of language value objects": "verified",
        "@direction": "verified",
        "two status entries, the second set": "suspended",
        "urn issuer, self-issued": "verified",
    }


def test_what_the_schema_refuses_is_a_structure_warning(
    signed: dict[str, tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    for name, path in (
        ("language value object", "name"),
        ("list of language value objects", "credentialSubject.achievement.description"),
    ):
        report = _report(*signed[name])
        assert _outcomes(report)["structure"] == "warning"
        assert f"{path} written as a value object" in _message(report, "structure")
    report = _report(*signed["two status entries, the second set"])
    assert _outcomes(report)["structure"] == "warning"
    assert "credentialStatus) written as a list" in _message(report, "structure")
    # Each entry is checked: the second one's list has its bit set.
    assert _outcomes(report)["revocation"] == "passed"
    assert _outcomes(report)["suspension"] == "failed"


def test_a_plain_vc_may_write_value_objects_without_a_warning() -> None:
    s = Signer()
    vc = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": ["VerifiableCredential"],
        "issuer": s.did_key,
        "name": LANG,
        "credentialSubject": {"id": "did:example:abc", "type": ["https://example.org/Person"]},
    }
    report = _report(s.sign(vc), {})
    assert report.state == "verified"
    assert _outcomes(report)["structure"] == "passed"


def test_the_direction_is_named_as_not_signed(
    signed: dict[str, tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    document, network = signed["@direction"]
    report = _report(document, network)
    assert _outcomes(report)["signed-data"] == "warning"
    assert "(@direction) of credentialSubject.achievement.name" in _message(report, "signed-data")
    flipped = copy.deepcopy(document)
    flipped["credentialSubject"]["achievement"]["name"]["@direction"] = "ltr"
    assert _report(flipped, network).state == "verified", "the direction is not signed"
    changed = copy.deepcopy(document)
    changed["credentialSubject"]["achievement"]["name"]["@value"] = "Andere naam"
    assert _report(changed, network).state == "invalid", "the text and language are"
    relabelled = copy.deepcopy(document)
    relabelled["credentialSubject"]["achievement"]["name"]["@language"] = "en"
    assert _report(relabelled, network).state == "invalid"


def test_an_issuer_named_by_a_urn_is_signed_by_its_key(
    signed: dict[str, tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    report = _report(*signed["urn issuer, self-issued"])
    assert report.state == "verified"
    outcomes = _outcomes(report)
    assert outcomes["key-controller"] == "warning"
    assert outcomes["signed-data"] == "passed", "issuer = subject is not described twice"
    message = _message(report, "key-controller")
    assert report.verification_method is not None
    assert report.verification_method in message
    assert "can publish no key" in message


def test_a_self_issued_credential_may_not_split_a_subject_property() -> None:
    s = Signer()
    document = _badge("urn:uuid:6f2e33e5-7a29-4155-840a-59483ba10164")
    document["credentialSubject"]["id"] = document["issuer"]["id"]
    document["issuer"]["https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement"] = {
        "id": "https://example.org/other"
    }
    report = _report(s.sign(document, vm=f"{s.did_key}#{s.multibase}"), {})
    assert _outcomes(report)["signed-data"] == "failed"
