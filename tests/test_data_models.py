"""VC Data Model 1.1 credentials, Status List 2021 and the status methods credsite does not read
(issue 13, design D5), in the Python verifier: the problem codes and messages, which name the
property the credential used. That both verifiers reach the same verdict on these inputs is
tests/test_verifier_agreement.py's (the cases of tests/edge_model.py)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from credsite.standards import jsonld, rulebook
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.shape import check_shape, problem_code
from credsite.standards.statuslist import Bitstring
from credsite.standards.verification import FetchError, Report, verify_credential

from .edge_credentials import NOW, Case
from .edge_model import VC1, model_cases

CASES = model_cases()


def _report(case: Case) -> Report:
    def elsewhere(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    fetch = mapping_fetcher(case.network, elsewhere)
    return verify_credential(json.loads(case.text), fetch, datetime.fromisoformat(NOW))


def _check(report: Report, check_id: str) -> Any:
    return next(c for c in report.checks if c.id == check_id)


def _v11(**dates: str) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": [VC1],
        "type": ["VerifiableCredential"],
        "issuer": "did:web:issuer.example.org",
        "credentialSubject": {"id": "did:example:1"},
    }
    return {**document, **dates}


def test_the_vc_contexts_are_bundled_and_vc_1_1_is_the_published_one() -> None:
    assert {url for url, _ in rulebook.rules().vc_contexts} <= jsonld.bundled_context_urls()
    assert rulebook.rules().data_model(VC1) == "1.1"
    for url in (
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "https://w3id.org/security/suites/x25519-2020/v1",
        "https://w3id.org/vc/status-list/2021/v1",
        "https://w3id.org/dcc/v1",
    ):
        assert jsonld.document_loader(url)["document"]["@context"]


@pytest.mark.parametrize(
    ("dates", "problems"),
    [
        ({"issuanceDate": "2010-01-01T00:00:00Z"}, []),
        ({}, ["ISSUANCE_DATE_MISSING"]),
        ({"issuanceDate": "2010-01-01"}, ["ISSUANCE_DATE_MALFORMED"]),
        (
            {"issuanceDate": "2010-01-01T00:00:00Z", "validFrom": "2011-01-01T00:00:00Z"},
            ["ISSUANCE_DATE_DISAGREES"],
        ),
        (
            {"issuanceDate": "2010-01-01T00:00:00Z", "expirationDate": "2009-01-01T00:00:00Z"},
            ["VALIDITY_ORDER"],
        ),
        (
            {
                "issuanceDate": "2010-01-01T00:00:00Z",
                "validUntil": "2030-01-01T00:00:00Z",
                "expirationDate": "2030-01-01T01:00:00+01:00",
            },
            [],
        ),
    ],
)
def test_vc_1_1_dates(dates: dict[str, str], problems: list[str]) -> None:
    assert list(check_shape(_v11(**dates)).problems) == problems


def test_the_vc_2_0_names_win_and_the_sentence_names_what_was_used() -> None:
    shape = check_shape(
        _v11(
            issuanceDate="2010-01-01T00:00:00Z",
            validUntil="2030-01-01T00:00:00Z",
            expirationDate="2030-01-01T00:00:00Z",
        )
    )
    assert (shape.start.name, shape.end.name, shape.version) == (
        "issuanceDate",
        "validUntil",
        "1.1",
    )
    order = check_shape(
        _v11(issuanceDate="2010-01-01T00:00:00Z", expirationDate="2000-01-01T00:00:00Z")
    )
    assert order.sentence() == "its expirationDate lies before its issuanceDate"
    assert problem_code("expirationDate", "DISAGREES") == "EXPIRATION_DATE_DISAGREES"


def test_messages_name_the_property_the_credential_used() -> None:
    expired = _report(CASES["VC 1.1: expirationDate past"])
    assert expired.state == "expired"
    assert _check(expired, "valid-until").message == (
        "The credential expired on 2020-01-01T00:00:00Z (expirationDate)."
    )
    assert _check(expired, "valid-from").message == (
        "The credential is valid from 2010-01-01T00:00:00Z (issuanceDate)."
    )
    assert "(W3C Verifiable Credentials 1.1)" in _check(expired, "structure").message
    assert expired.valid_until == "2020-01-01T00:00:00Z"
    both = _report(CASES["VC 1.1: validFrom and issuanceDate disagree"])
    assert (
        "its validFrom and issuanceDate name different moments" in _check(both, "structure").message
    )


def test_a_short_list_is_read_with_a_privacy_warning() -> None:
    clear = _report(CASES["StatusList2021: 100,000 entries, clear (a warning)"])
    revocation = _check(clear, "revocation")
    assert (clear.state, revocation.outcome) == ("verified", "warning")
    assert "only 100,000 entries, fewer than the 131,072" in revocation.message
    revoked = _report(CASES["StatusList2021: 100,000 entries, revoked"])
    assert (revoked.state, _check(revoked, "revocation").outcome) == ("revoked", "failed")
    assert "100,000 entries" in _check(revoked, "revocation").detail


def test_status_list_2021_reads_the_list_with_and_without_its_prefix() -> None:
    bits = Bitstring.zeros()
    bits.set(3)
    text = bits.encode()
    assert Bitstring.read_list(text[1:], prefix_required=False).get(3) == 1
    assert Bitstring.read_list(text, prefix_required=False).get(3) == 1
    for case in ("StatusList2021: revoked, no 'u'", "StatusList2021: revoked, with 'u'"):
        assert _report(CASES[case]).state == "revoked"


def test_the_1edtech_revocation_list_is_not_read_and_says_why() -> None:
    report = _report(CASES["1EdTech Revocation List"])
    other = _check(report, "other-status")
    assert (report.state, other.outcome) == ("status-unknown", "not-checked")
    assert other.message.startswith(
        "The credential's status uses 1EdTechRevocationList, a status method that Open Badges "
        "3.0 has deprecated"
    )
