"""The edges of validity, as the rulebook draws them (docs/verification.md, the checks
``valid-from``, ``valid-until``, ``revocation``; credsite/data/verifier-rules.json) and the
browser verifier keeps them (``browser/src/verifier/verifier.js``, ``status.js``): a credential
is expired from the very instant of its validUntil on and valid from the instant of its
validFrom on; its status list speaks for it only by the same rule, within the list's own
validFrom and validUntil; and a credential that is both withdrawn and out of date is called
withdrawn, because the issuer's act outranks the date.

Each case goes through the whole Python verifier with a credential and lists signed here with a
throwaway key (tests/edge_credentials.py). The expected states, outcomes and messages are
written out, never computed by the code under test. Both verifiers' verdicts on neighbouring
cases are compared in tests/test_verifier_agreement.py (slow, with Node).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from credsite.standards.fetch import mapping_fetcher
from credsite.standards.reports import Report
from credsite.standards.verification import FetchError, verify_credential

from .edge_credentials import DID_URL, DID_WEB, REVOCATION, SUSPENSION, Signer, _badge
from .edge_status_standing import INDEX, _entry

NOW = "2026-11-01T00:00:00Z"
ONE_MS_AFTER = "2026-11-01T00:00:00.001Z"
PAST = "2026-06-01T00:00:00Z"
UNKNOWN_REVOCATION = (
    "The revocation list is not valid at this moment, so it is unknown whether the credential "
    "was revoked."
)


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer()


def _verify(document: dict[str, Any], network: dict[str, Any] | None = None) -> Report:
    def not_served(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    fetch = mapping_fetcher(network or {}, not_served)
    return verify_credential(document, fetch, datetime.fromisoformat(NOW))


def _outcome(report: Report, check_id: str) -> tuple[str, str]:
    [check] = [c for c in report.checks if c.id == check_id]
    return check.outcome, check.message


def _dated(signer: Signer, **dates: str) -> dict[str, Any]:
    """An Open Badges credential of the signer's did:key, with these dates."""
    return signer.sign(_badge(signer.did_key, **dates))


def _listed(signer: Signer, valid_until: str | None = None) -> dict[str, Any]:
    """A did:web credential at index INDEX of the issuer's revocation list."""
    changes: dict[str, Any] = {"credentialStatus": _entry("revocation", REVOCATION)}
    if valid_until is not None:
        changes["validUntil"] = valid_until
    return signer.sign(_badge(DID_WEB, **changes))


def _network(
    signer: Signer, revoked: bool = False, suspended: bool = False, **list_dates: str
) -> dict[str, Any]:
    """The issuer's DID document, its revocation list (dated ``list_dates``, else 2026 to 2027)
    and the companion suspension list; the credential's bit set where asked."""
    change = (lambda document: document.update(list_dates)) if list_dates else None
    return {
        DID_URL: signer.did_document(),
        REVOCATION: signer.status_list(
            REVOCATION, "revocation", INDEX if revoked else None, 1, change
        ),
        SUSPENSION: signer.status_list(SUSPENSION, "suspension", INDEX if suspended else None),
    }


# -- the credential's own dates --------------------------------------------------------------


def test_a_credential_is_expired_at_exactly_its_valid_until(signer: Signer) -> None:
    report = _verify(_dated(signer, validUntil=NOW))
    assert report.state == "expired"
    assert _outcome(report, "valid-until") == (
        "failed",
        "The credential expired on 2026-11-01T00:00:00Z.",
    )


def test_a_credential_is_valid_until_the_millisecond_before_its_valid_until(
    signer: Signer,
) -> None:
    report = _verify(_dated(signer, validUntil=ONE_MS_AFTER))
    assert report.state == "verified"
    assert _outcome(report, "valid-until") == (
        "passed",
        "The credential is valid until 2026-11-01T00:00:00.001Z.",
    )


def test_a_credential_is_valid_from_exactly_its_valid_from(signer: Signer) -> None:
    report = _verify(_dated(signer, validFrom=NOW))
    assert report.state == "verified"
    assert _outcome(report, "valid-from") == (
        "passed",
        "The credential is valid from 2026-11-01T00:00:00Z.",
    )


def test_a_credential_is_not_yet_valid_the_millisecond_before_its_valid_from(
    signer: Signer,
) -> None:
    report = _verify(_dated(signer, validFrom=ONE_MS_AFTER))
    assert report.state == "not-yet-valid"
    assert _outcome(report, "valid-from") == (
        "failed",
        "The credential is not valid yet: it is valid from 2026-11-01T00:00:00.001Z.",
    )


# -- which fact decides ----------------------------------------------------------------------


def test_revoked_outranks_expired(signer: Signer) -> None:
    report = _verify(_listed(signer, valid_until=PAST), _network(signer, revoked=True))
    assert _outcome(report, "valid-until")[0] == "failed"
    assert _outcome(report, "revocation") == ("failed", "The issuer has revoked this credential.")
    assert report.state == "revoked"


def test_suspended_outranks_expired(signer: Signer) -> None:
    report = _verify(_listed(signer, valid_until=PAST), _network(signer, suspended=True))
    assert _outcome(report, "valid-until")[0] == "failed"
    assert _outcome(report, "suspension")[0] == "failed"
    assert report.state == "suspended"


# -- the status list's own dates -------------------------------------------------------------


def test_a_status_list_no_longer_counts_at_exactly_its_valid_until(signer: Signer) -> None:
    report = _verify(_listed(signer), _network(signer, validUntil=NOW))
    assert report.state == "status-unknown"
    [check] = [c for c in report.checks if c.id == "revocation"]
    assert (check.outcome, check.message) == ("not-checked", UNKNOWN_REVOCATION)
    assert check.detail.startswith("LIST_EXPIRED: the list was valid until 2026-11-01T00:00:00Z")


def test_a_status_list_counts_until_the_millisecond_before_its_valid_until(
    signer: Signer,
) -> None:
    report = _verify(_listed(signer), _network(signer, validUntil=ONE_MS_AFTER))
    assert report.state == "verified"
    assert _outcome(report, "revocation")[0] == "passed"


def test_a_status_list_counts_from_exactly_its_valid_from(signer: Signer) -> None:
    report = _verify(_listed(signer), _network(signer, validFrom=NOW))
    assert report.state == "verified"
    assert _outcome(report, "revocation")[0] == "passed"


def test_a_status_list_does_not_count_before_its_valid_from(signer: Signer) -> None:
    report = _verify(_listed(signer), _network(signer, validFrom=ONE_MS_AFTER))
    assert report.state == "status-unknown"
    [check] = [c for c in report.checks if c.id == "revocation"]
    assert (check.outcome, check.message) == ("not-checked", UNKNOWN_REVOCATION)
    assert (
        check.detail == "LIST_NOT_YET_VALID: the list is valid only from 2026-11-01T00:00:00.001Z"
    )


def test_an_out_of_date_list_that_shows_the_credential_revoked_is_not_read(
    signer: Signer,
) -> None:
    """A list past its end is not read at all, whatever its bit says: the browser does the
    same (status.js), so both give status-unknown rather than one of them revoked."""
    report = _verify(_listed(signer), _network(signer, revoked=True, validUntil=PAST))
    assert report.state == "status-unknown"
    assert _outcome(report, "revocation") == ("not-checked", UNKNOWN_REVOCATION)
