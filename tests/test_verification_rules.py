"""The rules of the Python verifier's top level (credsite.standards.verification), with the
browser's twin (browser/test/verifier-rules.test.js) beside them: the validity instants under
their VC 2.0 and VC 1.1 names (validFrom inclusive, validUntil exclusive), the checks an
unreadable or unauthentic credential leaves not checked and why, the signed-data check (the
signed view against the JSON), the issuer shown, and which endorsements are followed. Each
credential is signed once for the module with a throwaway did:key, so no network is needed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from credsite.standards.fetch import mapping_fetcher
from credsite.standards.verification import (
    FetchError,
    Report,
    endorsement_report,
    verify_credential,
    verify_text,
)

from . import jose_tokens
from .edge_credentials import Signer, _badge
from .endorsement_credentials import endorsement

NOW = "2026-11-01T00:00:00Z"
UNAUTHENTIC = "Not checked, because the credential's authenticity could not be established."
UNREADABLE = "Not checked, because the file is not a credential that can be read."
PROOF_CHECKS = ("proof-format", "contexts", "issuer-key", "key-controller", "key-status")
AFTER_STRUCTURE = (
    "schema",
    *PROOF_CHECKS,
    "signature",
    "signed-data",
    "valid-from",
    "valid-until",
)
XSD_DATE_TIME = "http://www.w3.org/2001/XMLSchema#dateTime"


def _missing(url: str) -> Any:
    raise FetchError(f"{url} is not served in this test", missing=True)


FETCH = mapping_fetcher({}, _missing)


def _at(instant: str) -> datetime:
    return datetime.fromisoformat(instant)


def _checks(report: Report, *ids: str) -> list[tuple[str, str, str]]:
    return [(c.id, c.outcome, c.message) for c in report.checks if not ids or c.id in ids]


def _plain_vc(issuer: str, **more: Any) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:2",
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "credentialSubject": {"id": "did:example:1", "https://schema.org/name": "x"},
        **more,
    }


@pytest.fixture(scope="module")
def signed() -> dict[str, Any]:
    s = Signer()
    badge = s.sign(_badge(s.did_key, validUntil="2027-01-01T00:00:00Z"))
    endorsed = s.sign(_badge(s.did_key, endorsement=[s.sign(endorsement(s, badge["id"]))]))
    key = ed25519.Ed25519PrivateKey.generate()
    did = jose_tokens.did_key(key)
    kid = f"{did}#{did.removeprefix('did:key:')}"
    return {
        "issuer": s.did_key,
        "badge": badge,
        "v11": s.sign(
            {
                "@context": [
                    "https://www.w3.org/2018/credentials/v1",
                    "https://w3id.org/security/data-integrity/v2",
                ],
                "id": "urn:uuid:1",
                "type": ["VerifiableCredential"],
                "issuer": s.did_key,
                "issuanceDate": "2025-01-01T00:00:00Z",
                "expirationDate": "2027-01-01T00:00:00Z",
                "credentialSubject": {"id": "did:example:1"},
            }
        ),
        "ob undated": s.sign(_badge(s.did_key, validFrom=None)),
        "vc": s.sign(_plain_vc(s.did_key)),
        "keyword issuer": s.sign({**_plain_vc(s.did_key), "issuer": {"@id": s.did_key}}),
        "hidden validUntil": s.sign(
            _plain_vc(
                s.did_key,
                **{
                    "https://www.w3.org/2018/credentials#validUntil": {
                        "@value": "2020-01-01T00:00:00Z",
                        "@type": XSD_DATE_TIME,
                    }
                },
            )
        ),
        "endorsed": endorsed,
        "jwt issuer": did,
        "jwt": jose_tokens.sign(key, "EdDSA", {"kid": kid}, jose_tokens.payload(did)),
    }


# -- valid-from and valid-until ----------------------------------------------------------------


def test_dates_under_their_vc_2_names_pass_with_the_date_and_no_property_named(
    signed: dict[str, Any],
) -> None:
    report = verify_credential(signed["badge"], FETCH, _at(NOW))
    assert report.state == "verified"
    assert _checks(report, "valid-from", "valid-until") == [
        ("valid-from", "passed", "The credential is valid from 2010-01-01T00:00:00Z."),
        ("valid-until", "passed", "The credential is valid until 2027-01-01T00:00:00Z."),
    ]
    assert (report.valid_from, report.valid_until) == (
        "2010-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
    )


def test_a_credential_is_valid_from_the_very_instant_of_its_valid_from(
    signed: dict[str, Any],
) -> None:
    at = verify_credential(signed["v11"], FETCH, _at("2025-01-01T00:00:00Z"))
    assert at.state == "verified"
    assert _checks(at, "valid-from") == [
        (
            "valid-from",
            "passed",
            "The credential is valid from 2025-01-01T00:00:00Z (issuanceDate).",
        )
    ]
    before = verify_credential(signed["v11"], FETCH, _at("2024-12-31T23:59:59.999Z"))
    assert before.state == "not-yet-valid"
    assert _checks(before, "valid-from") == [
        (
            "valid-from",
            "failed",
            "The credential is not valid yet: it is valid from 2025-01-01T00:00:00Z (issuanceDate).",
        )
    ]


def test_at_the_instant_of_its_valid_until_a_credential_is_expired(signed: dict[str, Any]) -> None:
    at = verify_credential(signed["badge"], FETCH, _at("2027-01-01T00:00:00Z"))
    assert at.state == "expired"
    assert _checks(at, "valid-until") == [
        ("valid-until", "failed", "The credential expired on 2027-01-01T00:00:00Z.")
    ]
    before = verify_credential(signed["badge"], FETCH, _at("2026-12-31T23:59:59.999Z"))
    assert before.state == "verified"


def test_vc_1_1_dates_name_issuance_date_and_expiration_date(signed: dict[str, Any]) -> None:
    report = verify_credential(signed["v11"], FETCH, _at(NOW))
    assert _checks(report, "valid-from", "valid-until") == [
        (
            "valid-from",
            "passed",
            "The credential is valid from 2025-01-01T00:00:00Z (issuanceDate).",
        ),
        (
            "valid-until",
            "passed",
            "The credential is valid until 2027-01-01T00:00:00Z (expirationDate).",
        ),
    ]
    late = verify_credential(signed["v11"], FETCH, _at("2027-01-01T00:00:00Z"))
    assert late.state == "expired"
    assert _checks(late, "valid-until") == [
        (
            "valid-until",
            "failed",
            "The credential expired on 2027-01-01T00:00:00Z (expirationDate).",
        )
    ]


def test_an_open_badge_without_a_start_date_warns_and_no_end_date_passes(
    signed: dict[str, Any],
) -> None:
    report = verify_credential(signed["ob undated"], FETCH, _at(NOW))
    assert _checks(report, "valid-from", "valid-until") == [
        (
            "valid-from",
            "warning",
            "The credential names no start of validity (validFrom), which Open Badges 3.0 "
            "requires.",
        ),
        ("valid-until", "passed", "The credential has no end date: it is valid indefinitely."),
    ]
    assert (report.valid_from, report.valid_until) == (None, None)


def test_a_plain_vc_without_a_start_date_passes_valid_from_saying_so(
    signed: dict[str, Any],
) -> None:
    report = verify_credential(signed["vc"], FETCH, _at(NOW))
    assert report.state == "verified"
    assert _checks(report, "structure", "schema", "signed-data", "valid-from") == [
        (
            "structure",
            "passed",
            "The file is a W3C Verifiable Credential (W3C Verifiable Credentials 2.0).",
        ),
        (
            "schema",
            "not-checked",
            "Not an Open Badges credential, so the Open Badges schema does not apply.",
        ),
        (
            "signed-data",
            "passed",
            "Every date, status and field was read from what the signature covers.",
        ),
        ("valid-from", "passed", "The credential names no start of validity (validFrom)."),
    ]


# -- what is not checked, and the issuer shown --------------------------------------------------


def test_an_unauthentic_credential_has_its_dates_and_status_not_checked(
    signed: dict[str, Any],
) -> None:
    report = verify_credential({**signed["badge"], "name": "Forged"}, FETCH, _at(NOW))
    assert report.state == "invalid"
    assert report.issuer == signed["issuer"]
    assert _checks(report)[7:] == [
        (
            "signature",
            "failed",
            "The signature is not valid: the credential was changed, or not signed by this key.",
        ),
        (
            "signed-data",
            "passed",
            "Every date, status and field was read from what the signature covers.",
        ),
        ("valid-from", "not-checked", UNAUTHENTIC),
        ("valid-until", "not-checked", UNAUTHENTIC),
        ("revocation", "not-checked", UNAUTHENTIC),
    ]
    assert (report.valid_from, report.valid_until) == (None, None)
    assert report.endorsements == []


def test_without_the_status_an_unauthentic_credential_has_no_revocation_check(
    signed: dict[str, Any],
) -> None:
    report = verify_credential(
        {**signed["badge"], "name": "Forged"}, FETCH, _at(NOW), check_status=False
    )
    assert [c.id for c in report.checks][-3:] == ["signed-data", "valid-from", "valid-until"]


def test_what_is_not_a_json_object_fails_structure_and_nothing_else_is_checked() -> None:
    report = verify_credential([1], FETCH, _at(NOW))
    assert report.state == "invalid"
    assert report.issuer is None
    assert _checks(report) == [
        ("structure", "failed", "This is not a credential: it is not a JSON object."),
        *[(i, "not-checked", UNREADABLE) for i in (*AFTER_STRUCTURE, "revocation")],
    ]


def test_a_credential_too_large_to_check_fails_structure_naming_its_size() -> None:
    report = verify_credential("x" * (3 * 1024 * 1024), FETCH, _at(NOW), check_status=False)
    assert _checks(report) == [
        (
            "structure",
            "failed",
            "The credential is too large to check: it is 3,145,730 bytes, more than the 2 MB "
            "(2,097,152 bytes) a credential may have.",
        ),
        *[(i, "not-checked", UNREADABLE) for i in AFTER_STRUCTURE],
    ]


def test_a_token_whose_payload_is_not_json_leaves_everything_after_structure_unread() -> None:
    report = verify_text("e30.bm90IGpzb24.c2ln", FETCH, _at(NOW), check_status=False)
    assert _checks(report) == [
        (
            "structure",
            "failed",
            "The token carries no credential: its payload is not JSON (Expecting value: line 1 "
            "column 1).",
        ),
        *[(i, "not-checked", UNREADABLE) for i in AFTER_STRUCTURE],
    ]


# -- signed-data: the signed view against the JSON ----------------------------------------------


def test_an_issuer_the_json_does_not_name_plainly_fails_signed_data(
    signed: dict[str, Any],
) -> None:
    report = verify_credential(signed["keyword issuer"], FETCH, _at(NOW))
    assert report.state == "invalid"
    assert report.issuer is None
    assert _checks(report, "signed-data", "valid-from", "valid-until", "revocation") == [
        (
            "signed-data",
            "failed",
            "The issuer in the credential's data is not the issuer its signature covers.",
        ),
        ("valid-from", "not-checked", UNAUTHENTIC),
        ("valid-until", "not-checked", UNAUTHENTIC),
        ("revocation", "not-checked", UNAUTHENTIC),
    ]


def test_a_verdict_property_written_under_its_full_iri_fails_signed_data_naming_it(
    signed: dict[str, Any],
) -> None:
    report = verify_credential(signed["hidden validUntil"], FETCH, _at(NOW))
    assert report.state == "invalid"
    assert _checks(report, "signature", "signed-data", "valid-until") == [
        (
            "signature",
            "passed",
            "The signature is valid: nothing in the credential was changed after it was signed.",
        ),
        (
            "signed-data",
            "failed",
            "The credential writes what its verdict depends on in a form its data does not show "
            "plainly (validUntil): verifiers that read it as JSON would miss it.",
        ),
        ("valid-until", "not-checked", UNAUTHENTIC),
    ]


# -- JWT credentials: validity read from the payload --------------------------------------------


def test_an_authentic_jwt_credential_without_the_status_ends_with_its_dates(
    signed: dict[str, Any],
) -> None:
    report = verify_text(signed["jwt"], FETCH, _at(NOW), check_status=False)
    assert report.state == "verified"
    assert report.issuer == signed["jwt issuer"]
    assert _checks(report)[-2:] == [
        ("valid-from", "passed", "The credential is valid from 2024-01-01T00:00:00Z."),
        ("valid-until", "passed", "The credential has no end date: it is valid indefinitely."),
    ]
    with_status = verify_text(signed["jwt"], FETCH, _at(NOW))
    assert _checks(with_status)[-1] == (
        "revocation",
        "warning",
        "The issuer publishes no revocation status for this credential, so it cannot be revoked.",
    )


# -- endorsements -------------------------------------------------------------------------------


def test_an_authentic_credentials_endorsement_is_verified_unless_endorsements_are_off(
    signed: dict[str, Any],
) -> None:
    report = verify_credential(signed["endorsed"], FETCH, _at(NOW))
    assert report.state == "verified"
    assert [
        (e.where, e.endorser, e.name, e.state, e.headline, e.about) for e in report.endorsements
    ] == [
        (
            "credential",
            signed["issuer"],
            "Endorser Org",
            "verified",
            "Endorsement of this credential by Endorser Org: verified.",
            True,
        )
    ]
    off = verify_credential(signed["endorsed"], FETCH, _at(NOW), endorsements=False)
    assert off.state == "verified"
    assert off.endorsements == []
    no_status = verify_credential(signed["endorsed"], FETCH, _at(NOW), check_status=False)
    assert no_status.endorsements == []
    assert [c.id for c in no_status.checks][-1] == "valid-until"


def test_an_endorsement_written_as_a_jose_token_is_verified_as_a_token(
    signed: dict[str, Any],
) -> None:
    report = endorsement_report(signed["jwt"], FETCH, _at(NOW))
    assert report.state == "verified"
    assert _checks(report, "proof-format") == [
        (
            "proof-format",
            "passed",
            "The credential is signed as a JWT of a kind this verifier checks (VC-JWT, EdDSA).",
        )
    ]


def test_an_endorsement_text_that_is_no_token_is_not_a_credential() -> None:
    report = endorsement_report("not a token", FETCH, _at(NOW))
    assert _checks(report, "structure") == [
        ("structure", "failed", "This is not a credential: it is not a JSON object.")
    ]
