"""What the Python verifier says of a status list that cannot show it is the list the credential
names (tests/edge_status_standing.py; the browser's twin: browser/test/states.test.js): who
signed it, both addresses, and that such a list can withdraw a credential but cannot vouch for
it. Both verifiers' verdicts on the same cases: tests/test_verifier_agreement.py."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from credsite.standards.fetch import mapping_fetcher
from credsite.standards.reports import Check
from credsite.standards.verification import FetchError, verify_credential

from .edge_credentials import Case
from .edge_status_standing import ELSEWHERE, PLAIN, standing_cases

CASES = standing_cases()


def _status(name: str, check_id: str = "revocation") -> tuple[str, Check]:
    case: Case = CASES[name]

    def elsewhere(url: str) -> object:
        raise FetchError(f"{url} is not served in this test", missing=True)

    fetch = mapping_fetcher(case.network, elsewhere)
    report = verify_credential(json.loads(case.text), fetch, datetime.fromisoformat(case.now))
    assert report.state == case.expected
    return report.state, next(c for c in report.checks if c.id == check_id)


def test_the_issuers_list_under_another_id_revokes_with_a_set_bit() -> None:
    _, check = _status("list standing: the issuer's list under another id, set")
    assert (check.outcome, check.message) == ("failed", "The issuer has revoked this credential.")


def test_the_issuers_list_under_another_id_passes_a_clear_bit_with_both_addresses() -> None:
    state, check = _status("list standing: the issuer's list under another id, clear (a warning)")
    assert (state, check.outcome) == ("verified", "warning")
    assert f"calls itself {ELSEWHERE!r}, not {PLAIN}" in check.message
    assert "could be serving another of the issuer's lists" in check.message


def test_another_partys_list_revokes_naming_who_signed_it() -> None:
    for name in (
        "list standing: signed by another party, set",
        "list standing: another party's list under another id, set",
    ):
        _, check = _status(name)
        assert check.outcome == "failed"
        assert "according to a revocation list signed by 'did:key:z" in check.message
        assert check.detail.startswith("LIST_ISSUER_MISMATCH: ")


@pytest.mark.parametrize(
    ("name", "check_id"),
    [
        ("list standing: signed by another party, clear", "revocation"),
        ("list standing: another party's list under another id, clear", "revocation"),
        ("list standing: companion suspension list signed by another party, clear", "suspension"),
    ],
)
def test_another_partys_clear_bit_cannot_vouch_for_the_credential(name: str, check_id: str) -> None:
    _, check = _status(name, check_id)
    assert check.outcome == "not-checked"
    assert "cannot vouch for it" in check.message
    assert check.detail.startswith("LIST_ISSUER_MISMATCH: it was issued and signed by 'did:key:z")


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        (
            "list standing: the issuer's list under another id, changed after signing, set",
            "its signature is not valid",
        ),
        (
            "list standing: another party's list, changed after signing, set",
            "its signature is not valid",
        ),
        (
            "list standing: naming the issuer, signed with another party's key, set",
            "its signing key could not be confirmed",
        ),
        (
            "list standing: another party whose key cannot be found, set",
            "its signing key could not be confirmed",
        ),
        ("list standing: a list naming no issuer, set", "it names no issuer"),
    ],
)
def test_a_list_whose_signature_does_not_hold_is_not_read(name: str, detail: str) -> None:
    _, check = _status(name)
    assert check.outcome == "not-checked"
    assert check.message.startswith("The revocation list could not be trusted")
    assert check.detail.startswith(detail)
