"""A credential is about exactly one subject, and an Open Badge's subject holds exactly one
achievement, in both verifiers (credsite/standards/shape.py, browser/src/verifier/structure.js).

The signature covers RDF statements, in which a JSON list has no order: of two subjects a holder
can put either first after signing, and the credential page shows the first. So a credential of
several subjects or achievements is invalid, on the JSON (``structure``) and on the signed view
(``signed-data``), where a second one written under the property's full IRI shows up as a list.
A list of one reads the same as the object alone and is accepted.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from functools import cache
from typing import Any

import pytest

from credsite.standards.fetch import mapping_fetcher
from credsite.standards.reports import Report
from credsite.standards.verification import verify_credential

from .edge_credentials import NOW, Case, Signer, _badge, _text
from .test_verifier_agreement import _both

CREDENTIALS = "https://www.w3.org/2018/credentials#credentialSubject"
ACHIEVEMENT = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement"


def _other_subject(subject: dict[str, Any]) -> dict[str, Any]:
    """The same subject for someone else, with a grander achievement."""
    other = copy.deepcopy(subject)
    other["id"] = "did:example:mallory"
    other["achievement"]["id"] += "-doctorate"
    other["achievement"]["name"] = "Doctorate of Everything"
    return other


def _other_achievement(subject: dict[str, Any]) -> dict[str, Any]:
    achievement: dict[str, Any] = _other_subject(subject)["achievement"]
    return achievement


def one_subject_cases() -> dict[str, Case]:
    """Each case by name, signed now with a new key, with the verdict both verifiers must give."""
    s = Signer()
    badge = _badge(s.did_key)
    subject = badge["credentialSubject"]
    two = s.sign({**badge, "credentialSubject": [subject, _other_subject(subject)]})
    swapped = copy.deepcopy(two)
    swapped["credentialSubject"].reverse()
    two_achievements = {
        **subject,
        "achievement": [subject["achievement"], _other_achievement(subject)],
    }
    iri_subject = {**badge, CREDENTIALS: _other_subject(subject)}
    iri_achievement = {**subject, ACHIEVEMENT: _other_achievement(subject)}
    no_achievement = {key: value for key, value in subject.items() if key != "achievement"}
    lists_of_one = {
        **badge,
        "credentialSubject": [{**subject, "achievement": [subject["achievement"]]}],
    }
    vc = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": s.did_key,
        "validFrom": "2010-01-01T00:00:00Z",
    }
    person = {"type": ["https://example.org/Person"]}
    people = [{"id": "did:example:a", **person}, {"id": "did:example:b", **person}]
    return {
        "OB, two subjects": Case(_text(two), "invalid"),
        "OB, two subjects swapped after signing": Case(_text(swapped), "invalid"),
        "OB, two achievements": Case(
            _text(s.sign({**badge, "credentialSubject": two_achievements})), "invalid"
        ),
        "OB, a second subject under the full IRI": Case(_text(s.sign(iri_subject)), "invalid"),
        "OB, a second achievement under the full IRI": Case(
            _text(s.sign({**badge, "credentialSubject": iri_achievement})), "invalid"
        ),
        "OB, no achievement": Case(
            _text(s.sign({**badge, "credentialSubject": no_achievement})), "invalid"
        ),
        "OB, subject and achievement as lists of one": Case(
            _text(s.sign(lists_of_one)), "verified"
        ),
        "plain VC, two subjects": Case(
            _text(s.sign({**vc, "credentialSubject": people})), "invalid"
        ),
        "plain VC, a subject as a list of one": Case(
            _text(s.sign({**vc, "credentialSubject": people[:1]})), "verified"
        ),
    }


def _python(case: Case) -> Report:
    def elsewhere(url: str) -> Any:
        raise AssertionError(f"{url} is not fetched for a did:key credential")

    fetch = mapping_fetcher(case.network, elsewhere)
    return verify_credential(json.loads(case.text), fetch, datetime.fromisoformat(NOW))


def _check(report: Report, check_id: str) -> tuple[str, str]:
    found = [c for c in report.checks if c.id == check_id]
    assert len(found) == 1, check_id
    return found[0].outcome, found[0].message


@cache
def _cases() -> dict[str, Case]:
    return one_subject_cases()


def test_the_python_verifier_gives_the_required_verdict() -> None:
    found = {name: _python(case).state for name, case in _cases().items()}
    assert found == {name: case.expected for name, case in _cases().items()}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("OB, two subjects", "more than one subject"),
        ("OB, two subjects swapped after signing", "more than one subject"),
        ("OB, two achievements", "exactly one achievement"),
        ("OB, no achievement", "exactly one achievement"),
        ("plain VC, two subjects", "more than one subject"),
    ],
)
def test_the_json_fails_the_structure_check_and_says_why(name: str, words: str) -> None:
    outcome, message = _check(_python(_cases()[name]), "structure")
    assert outcome == "failed"
    assert words in message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("OB, a second subject under the full IRI", "more than one subject"),
        ("OB, a second achievement under the full IRI", "exactly one achievement"),
    ],
)
def test_a_second_one_under_the_full_iri_fails_on_what_is_signed(name: str, words: str) -> None:
    """The JSON shows one, so ``structure`` passes; the signed view shows both."""
    report = _python(_cases()[name])
    assert _check(report, "structure")[0] == "passed"
    assert _check(report, "signature")[0] == "passed"
    outcome, message = _check(report, "signed-data")
    assert outcome == "failed"
    assert words in message


@pytest.mark.node
@pytest.mark.slow
def test_both_verifiers_agree_and_give_the_required_verdict() -> None:
    found = _both(_cases())
    assert {name: result["state"] for name, result in found.items()} == {
        name: case.expected for name, case in _cases().items()
    }
