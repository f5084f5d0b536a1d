"""The rules of the Python verifier's top level (credsite.standards.verification), with the
browser's twin (browser/test/verifier-rules.test.js) beside them: the validity instants under
their VC 2.0 and VC 1.1 names (validFrom inclusive, validUntil exclusive), the checks an
unreadable or unauthentic credential leaves not checked and why, the signed-data check (the
signed view against the JSON), the issuer shown, and which endorsements are followed; the
advisory Open Badges schema check (at most five faults named), the notes of what the schema or
the signature does not take, the build's shared-subtree cache, a URN issuer's own status list,
and text read as JSON, a JWT or an SD-JWT VC. Each credential is signed once for the module with
a throwaway key; the network, where one is needed, is a dictionary (``made``)."""

from __future__ import annotations

import json
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

from . import jose_tokens, sd_jwt_cases
from .edge_credentials import CREATED, DID_URL, DID_WEB, WEB_VM, Signer, _badge
from .edge_status_standing import PLAIN, _entry, _unsigned
from .endorsement_credentials import endorsement
from .recording_cache import RecordingSubtrees

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


# -- the Open Badges schema (advisory) ----------------------------------------------------------

# Six faults, one more than the schema check names in its detail.
SIX_PLACES = (
    ("credentialSubject", "achievement", "criteria", "narrative"),
    ("credentialSubject", "achievement", "description"),
    ("credentialSubject", "achievement", "name"),
    ("credentialSubject", "narrative"),
    ("description",),
    ("name",),
)


def _unsigned_badge(**changes: Any) -> dict[str, Any]:
    """The OB 3.0 example credential under a fixed issuer, without a proof."""
    return _badge(DID_WEB, **changes)


def _written_at_six_places(value: Any) -> dict[str, Any]:
    badge = _unsigned_badge()
    for *path, last in SIX_PLACES:
        node = badge
        for key in path:
            node = node[key]
        node[last] = value
    return badge


def test_an_open_badge_that_follows_the_schema_passes_it() -> None:
    report = verify_credential(_unsigned_badge(), FETCH, _at(NOW))
    assert [(c.id, c.outcome, c.message, c.detail) for c in report.checks[:2]] == [
        (
            "structure",
            "passed",
            "The file is an Open Badges 3.0 credential (W3C Verifiable Credentials 2.0).",
            "",
        ),
        ("schema", "passed", "The credential follows the Open Badges 3.0 schema.", ""),
    ]


def test_an_open_badge_breaking_the_schema_fails_it_naming_its_first_five_faults() -> None:
    report = verify_credential(_written_at_six_places(5), FETCH, _at(NOW))
    wrong = "5 is not valid under any of the schemas listed in the 'oneOf' keyword"
    assert [(c.outcome, c.message, c.detail) for c in report.checks if c.id == "schema"] == [
        (
            "failed",
            "The credential does not follow the Open Badges 3.0 schema.",
            f"credentialSubject/achievement/criteria/narrative: {wrong}; "
            f"credentialSubject/achievement/description: {wrong}; "
            f"credentialSubject/achievement/name: {wrong}; "
            f"credentialSubject/narrative: {wrong}; "
            f"description: {wrong}",
        )
    ]


def test_an_open_badge_breaking_only_the_strict_2024_schema_warns_naming_five_faults() -> None:
    report = verify_credential(_written_at_six_places({"en": "x"}), FETCH, _at(NOW))
    wrong = '{"en":"x"} is not of type "string"'
    assert [(c.outcome, c.message, c.detail) for c in report.checks if c.id == "schema"] == [
        (
            "warning",
            "The credential follows the Open Badges 3.0 schema, but not its stricter 2024 version.",
            f"credentialSubject/achievement/criteria/narrative: {wrong}; "
            f"credentialSubject/achievement/description: {wrong}; "
            f"credentialSubject/achievement/name: {wrong}; "
            f"credentialSubject/narrative: {wrong}; "
            f"description: {wrong}",
        )
    ]


# -- structure: what the Open Badges schema would refuse (verifier-proof-rules.test.js) --------


def test_value_objects_at_two_paths_are_one_note_naming_both_then_the_status_list_note() -> None:
    text = {"@value": "Data", "@language": "nl"}
    badge = _unsigned_badge(name=text, credentialStatus=[{"id": "urn:uuid:9", "type": "X"}])
    badge["credentialSubject"]["achievement"]["name"] = text
    report = verify_credential(badge, FETCH, _at(NOW))
    assert _checks(report, "structure") == [
        (
            "structure",
            "warning",
            "The file is an Open Badges 3.0 credential (W3C Verifiable Credentials 2.0). "
            "Verifiable Credentials allows what it writes, but the stricter Open Badges 3.0 JSON "
            "Schema does not: credentialSubject.achievement.name, name written as a value object "
            "(a text with its language, direction or type), where the schema wants plain text; "
            "its status (credentialStatus) written as a list, where the schema wants one entry. "
            "It is signed and read as written.",
        )
    ]


def test_a_credential_without_a_proof_has_signed_data_not_checked_for_want_of_vocabularies() -> (
    None
):
    report = verify_credential(_unsigned_badge(), FETCH, _at(NOW))
    assert _checks(report, "signed-data") == [
        (
            "signed-data",
            "not-checked",
            "Not checked, because the credential's data could not be read with its vocabularies.",
        )
    ]


# -- signed here: a did:web issuer on a network, a keyless issuer, tokens ----------------------

URN_ISSUER = "urn:uuid:7d2f3c1e-0000-4000-8000-000000000001"
KEYLESS_LIST = "https://issuer.example.org/lists/keyless"
SD_JWT_NOW = sd_jwt_cases.NOW
REVOCATION_PASSED = (
    "revocation",
    "passed",
    "The issuer has not revoked this credential (checked against its signed revocation list).",
)


@pytest.fixture(scope="module")
def made() -> dict[str, Any]:
    """Credentials whose checks need the network: the did:web issuer's key document and status
    list, a URN issuer's list signed by the credential's own did:key, an SD-JWT VC's metadata."""
    s = Signer()
    own_key = f"{s.did_key}#{s.multibase}"
    keyless_list = _unsigned(s.status_list(KEYLESS_LIST, "revocation"))
    keyless_list["issuer"] = URN_ISSUER
    inner = s.sign(endorsement(s, "urn:uuid:endorsed"))  # by did:key: no network needed
    outer = endorsement(s, "urn:uuid:endorsed", endorsement=[inner])
    outer["issuer"]["id"] = DID_WEB
    outer = s.sign(outer, vm=WEB_VM)
    sd_signer = sd_jwt_cases.Signer()
    network = {
        DID_URL: s.did_document(),
        PLAIN: s.status_list(PLAIN, "revocation"),
        KEYLESS_LIST: s.sign(keyless_list, vm=own_key, created=CREATED),
        sd_jwt_cases.METADATA_URL: sd_signer.metadata(),
    }
    web_token = jose_tokens.sign(
        s.key,
        "EdDSA",
        {"kid": WEB_VM},
        jose_tokens.payload(
            DID_WEB, credentialStatus=_entry("revocation", PLAIN), endorsement=[inner]
        ),
    )
    return {
        "did:key": s.did_key,
        "fetch": mapping_fetcher(network, _missing),
        "keyless": s.sign(
            _badge(URN_ISSUER, credentialStatus=_entry("revocation", KEYLESS_LIST)), vm=own_key
        ),
        "keyless token": jose_tokens.sign(
            s.key,
            "EdDSA",
            {"jwk": jose_tokens.public_jwk(s.key)},
            jose_tokens.payload(URN_ISSUER, credentialStatus=_entry("revocation", KEYLESS_LIST)),
        ),
        "inner": inner,
        "outer": outer,
        "endorsed by web": s.sign(_badge(s.did_key, endorsement=[outer])),
        "proof expired": s.sign_with(_badge(DID_WEB), expires="2026-02-01T00:00:00Z"),
        "web token": web_token,
        "broken token": web_token[:-4] + ("AAAA" if not web_token.endswith("AAAA") else "BBBB"),
        "sd-jwt": sd_jwt_cases.issue(sd_jwt_cases.learning_claims(), sd_signer),
        "text boolean": s.sign(
            _badge(
                s.did_key,
                credentialSubject={
                    **_badge(s.did_key)["credentialSubject"],
                    "identifier": [
                        {
                            "type": "IdentityObject",
                            "identityHash": "ada@example.org",
                            "identityType": "emailAddress",
                            "hashed": "true",
                        }
                    ],
                },
            )
        ),
        "unsigned notes": s.sign(
            _plain_vc(
                s.did_key,
                credentialSubject={
                    "id": "did:example:1",
                    "https://schema.org/name": {
                        "@value": "x",
                        "@language": "ar",
                        "@direction": "rtl",
                    },
                    "https://schema.org/description": {
                        "@value": "y",
                        "@language": "ar",
                        "@direction": "rtl",
                    },
                    "https://schema.org/alternateName": {"@value": "z", "@index": "a"},
                },
            )
        ),
        "two hidden": s.sign(
            _plain_vc(
                s.did_key,
                **{
                    f"https://www.w3.org/2018/credentials#{name}": {
                        "@value": "2020-01-01T00:00:00Z",
                        "@type": XSD_DATE_TIME,
                    }
                    for name in ("validUntil", "validFrom")
                },
            )
        ),
    }


def _endorsements(report: Report) -> list[tuple[str, str | None, str]]:
    return [(e.where, e.endorser, e.state) for e in report.endorsements]


def test_the_builds_shared_subtree_cache_serves_the_signature_and_the_signed_view(
    made: dict[str, Any],
) -> None:
    shared = RecordingSubtrees()
    report = verify_credential(
        made["keyless"], made["fetch"], _at(NOW), check_status=False, shared=shared
    )
    assert report.state == "verified"
    assert [document["issuer"]["id"] for document in shared.asked] == [URN_ISSUER]
    assert sorted(shared.derived) == ["signed-view"]
    assert len(shared.derived["signed-view"]) == 2  # the Achievement and the issuer


def test_a_proof_past_its_expires_fails_proof_format_at_the_moment_asked_for(
    made: dict[str, Any],
) -> None:
    report = verify_credential(made["proof expired"], made["fetch"], _at(NOW), check_status=False)
    assert report.state == "invalid"
    assert _checks(report, "proof-format") == [
        (
            "proof-format",
            "failed",
            "The signature cannot be accepted as it is: the signature itself stopped being valid "
            "on 2026-02-01T00:00:00Z.",
        )
    ]


def test_a_urn_issuers_list_signed_by_the_credentials_own_key_is_its_own(
    made: dict[str, Any],
) -> None:
    report = verify_credential(made["keyless"], made["fetch"], _at(NOW))
    assert report.state == "verified"
    assert _checks(report)[-1] == REVOCATION_PASSED


def test_a_true_false_value_written_as_text_fails_signed_data_with_the_reason(
    made: dict[str, Any],
) -> None:
    report = verify_credential(made["text boolean"], FETCH, _at(NOW))
    assert report.state == "invalid"
    assert [
        (c.id, c.outcome, c.message, c.detail)
        for c in report.checks
        if c.id in ("signature", "signed-data")
    ] == [
        (
            "signature",
            "passed",
            "The signature is valid: nothing in the credential was changed after it was signed.",
            "",
        ),
        (
            "signed-data",
            "failed",
            "The credential's data does not say plainly what its signature covers.",
            "a true/false value is written as text "
            "(https://purl.imsglobal.org/spec/vc/ob/vocab.html#hashed); JSON readers would take "
            "the text 'false' for true",
        ),
    ]


def test_what_the_signature_does_not_cover_warns_naming_each_kind_and_every_place(
    made: dict[str, Any],
) -> None:
    report = verify_credential(made["unsigned notes"], FETCH, _at(NOW))
    assert report.state == "verified"
    assert _checks(report, "signed-data") == [
        (
            "signed-data",
            "warning",
            "Every date, status and field was read from what the signature covers. But the "
            "signature does not cover all the credential writes: the writing direction "
            "(@direction) of credentialSubject.https://schema.org/description, "
            "credentialSubject.https://schema.org/name; the index labels (@index) of "
            "credentialSubject.https://schema.org/alternateName. That part could have been "
            "changed without breaking the signature.",
        )
    ]


def test_two_verdict_properties_under_their_full_iris_are_both_named_comma_separated(
    made: dict[str, Any],
) -> None:
    report = verify_credential(made["two hidden"], FETCH, _at(NOW))
    assert report.state == "invalid"
    assert _checks(report, "signed-data") == [
        (
            "signed-data",
            "failed",
            "The credential writes what its verdict depends on in a form its data does not show "
            "plainly (validFrom, validUntil): verifiers that read it as JSON would miss it.",
        )
    ]


# -- endorsements: followed once, with the network given --------------------------------------


def test_an_endorsement_is_verified_with_the_network_and_its_own_are_not_followed(
    made: dict[str, Any],
) -> None:
    report = verify_credential(made["endorsed by web"], made["fetch"], _at(NOW))
    assert report.state == "verified"
    assert _endorsements(report) == [("credential", DID_WEB, "verified")]
    alone = endorsement_report(made["outer"], made["fetch"], _at(NOW))
    assert (alone.state, alone.endorsements) == ("verified", [])


def test_an_endorsement_token_is_verified_with_the_network_and_its_own_are_not_followed(
    made: dict[str, Any],
) -> None:
    report = endorsement_report(made["web token"], made["fetch"], _at(NOW))
    assert (report.state, report.endorsements) == ("verified", [])


# -- credentials as text: JSON, a JWT, an SD-JWT VC --------------------------------------------


def test_a_jwt_credential_follows_its_endorsements_and_checks_its_status_on_the_network(
    made: dict[str, Any],
) -> None:
    report = verify_text(made["web token"], made["fetch"], _at(NOW))
    assert report.state == "verified"
    assert _checks(report)[-1] == REVOCATION_PASSED
    assert _endorsements(report) == [("credential", made["did:key"], "verified")]
    off = verify_text(made["web token"], made["fetch"], _at(NOW), endorsements=False)
    assert (off.state, off.endorsements) == ("verified", [])


def test_a_json_credential_as_text_keeps_endorsements_off_and_status_off_when_asked(
    made: dict[str, Any],
) -> None:
    text = json.dumps(made["endorsed by web"])
    on = verify_text(text, made["fetch"], _at(NOW))
    assert _endorsements(on) == [("credential", DID_WEB, "verified")]
    off = verify_text(text, made["fetch"], _at(NOW), endorsements=False)
    assert (off.state, off.endorsements) == ("verified", [])
    unasked = verify_text(json.dumps(made["keyless"]), made["fetch"], _at(NOW), check_status=False)
    assert [c.id for c in unasked.checks][-2:] == ["valid-from", "valid-until"]


def test_a_jwt_credential_has_the_open_badges_schema_checked(signed: dict[str, Any]) -> None:
    report = verify_text(signed["jwt"], FETCH, _at(NOW), check_status=False)
    assert _checks(report, "schema") == [
        ("schema", "passed", "The credential follows the Open Badges 3.0 schema.")
    ]


def test_an_unauthentic_jwt_credential_has_its_dates_and_status_not_checked(
    made: dict[str, Any],
) -> None:
    report = verify_text(made["broken token"], made["fetch"], _at(NOW))
    assert report.state == "invalid"
    assert _checks(report)[-4:] == [
        (
            "signed-data",
            "passed",
            "The token signs the credential's exact bytes, and its claims agree with it.",
        ),
        ("valid-from", "not-checked", UNAUTHENTIC),
        ("valid-until", "not-checked", UNAUTHENTIC),
        ("revocation", "not-checked", UNAUTHENTIC),
    ]


def test_a_token_whose_payload_is_not_json_leaves_its_revocation_unread_too() -> None:
    report = verify_text("e30.bm90IGpzb24.c2ln", FETCH, _at(NOW))
    assert _checks(report)[-2:] == [
        ("valid-until", "not-checked", UNREADABLE),
        ("revocation", "not-checked", UNREADABLE),
    ]


def test_a_urn_issuers_list_signed_by_the_key_a_token_carries_is_its_own(
    made: dict[str, Any],
) -> None:
    report = verify_text(made["keyless token"], made["fetch"], _at(NOW))
    assert report.state == "verified"
    assert _checks(report)[-1] == REVOCATION_PASSED


def test_a_byte_order_mark_before_a_jwt_credential_is_left_out(made: dict[str, Any]) -> None:
    report = verify_text("\ufeff" + made["web token"], made["fetch"], _at(NOW))
    assert report.state == "verified"


def test_an_sd_jwt_vc_is_verified_with_the_network_its_status_checked_unless_asked_not_to(
    made: dict[str, Any],
) -> None:
    report = verify_text("\ufeff" + made["sd-jwt"], made["fetch"], _at(SD_JWT_NOW))
    assert report.state == "verified"
    assert _checks(report)[-1] == (
        "revocation",
        "warning",
        "The issuer publishes no revocation status for this credential, so it cannot be revoked.",
    )
    unasked = verify_text(made["sd-jwt"], made["fetch"], _at(SD_JWT_NOW), check_status=False)
    assert unasked.state == "verified"
    assert _checks(unasked)[-1] == (
        "valid-until",
        "passed",
        "The credential has no end date: it is valid indefinitely.",
    )
