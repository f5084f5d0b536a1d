"""Endorsements embedded in a credential are verified and reported beside its verdict, never
changing it (credsite/standards/endorsements.py): each by the full verifier, from the signed
view of an authentic credential only, its own endorsements not followed, at most
``maxEndorsements`` of them, with a note when it is not about what it is attached to."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

import pytest

from credsite.commands.verify import print_report
from credsite.standards import endorsements
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.reports import Report
from credsite.standards.verification import FetchError, verify_credential

from .edge_credentials import Case
from .endorsement_credentials import EndorsedCase, endorsed_cases


@pytest.fixture(scope="module")
def cases() -> dict[str, EndorsedCase]:
    return endorsed_cases()


def _verify(case: Case, **options: Any) -> Report:
    def elsewhere(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=not case.unreachable)

    fetch = mapping_fetcher(case.network, elsewhere)
    return verify_credential(
        json.loads(case.text), fetch, datetime.fromisoformat(case.now), **options
    )


def test_each_endorsement_gets_its_own_verdict(cases: dict[str, EndorsedCase]) -> None:
    for name, endorsed in cases.items():
        report = _verify(endorsed.case)
        assert report.state == endorsed.case.expected, name
        found = [(e.where, e.endorser, e.state, e.about) for e in report.endorsements]
        expected = list(endorsed.endorsements)
        if endorsed.alone is not None:  # embedded, as verified alone
            alone = verify_credential(
                endorsed.alone,
                mapping_fetcher(endorsed.case.network, _missing),
                datetime.fromisoformat(endorsed.case.now),
            )
            expected = [(w, i, alone.state, a) for w, i, _, a in expected]
        assert found == expected, name
        if endorsed.names:
            assert [e.name for e in report.endorsements] == endorsed.names, name


def _missing(url: str) -> Any:
    raise FetchError(f"{url} is not served in this test", missing=True)


def test_the_corpus_endorsements_verify_embedded(cases: dict[str, EndorsedCase]) -> None:
    """The 1EdTech validator's EndorsementCredential (its own test expects it valid) verifies
    embedded under the issuer it endorses, with the endorser's name."""
    report = _verify(cases["corpus pub-1ed-endorsement-valid.json"].case)
    assert [(e.state, e.name) for e in report.endorsements] == [
        ("verified", "State Department of Education")
    ]
    assert report.endorsements[0].headline == (
        "Endorsement of the issuer by State Department of Education: verified."
    )


def test_an_endorsement_never_changes_the_credentials_verdict(
    cases: dict[str, EndorsedCase],
) -> None:
    for name, endorsed in cases.items():
        with_them, without = _verify(endorsed.case), _verify(endorsed.case, endorsements=False)
        assert without.endorsements == [], name
        assert (with_them.state, with_them.checks) == (without.state, without.checks), name


def test_the_build_verifies_no_endorsements(cases: dict[str, EndorsedCase]) -> None:
    """The build asks for no status checks, and gets no endorsements either."""
    report = _verify(cases["endorsed issuer"].case, check_status=False)
    assert report.state == "verified" and report.endorsements == []


def test_an_endorsement_added_after_signing_is_not_shown(
    cases: dict[str, EndorsedCase],
) -> None:
    """It is signed by its endorser, but the credential no longer is by its issuer: nothing the
    credential says is shown, its endorsements included."""
    report = _verify(cases["endorsement added after signing"].case)
    assert report.outcome("signature") == "failed"
    assert report.endorsements == []


def test_an_endorsement_may_name_the_credential_but_say_no_more_of_it(
    cases: dict[str, EndorsedCase],
) -> None:
    assert _verify(cases["endorsed credential"].case).state == "verified"
    report = _verify(cases["an endorsement's subject saying more of the credential"].case)
    assert report.outcome("signed-data") == "failed"
    assert "in two places" in next(c.detail for c in report.checks if c.id == "signed-data")


def test_why_an_endorsement_is_not_verified_is_said(cases: dict[str, EndorsedCase]) -> None:
    tampered = _verify(cases["tampered endorsement"].case).endorsements[0]
    assert tampered.name is None  # a name no key vouches for is not shown
    assert tampered.headline.startswith(f"Endorsement of the issuer by {tampered.endorser}: ")
    assert "not valid. The signature" in tampered.headline
    unreachable = _verify(cases["endorser's key unreachable"].case).endorsements[0]
    assert "could not check" in unreachable.headline and "schema" not in unreachable.headline
    elsewhere = _verify(cases["endorsement not about the issuer"].case).endorsements[0]
    assert elsewhere.headline.endswith(
        "It is not about the issuer: it endorses https://elsewhere.example/org."
    )
    beyond = _verify(cases["more endorsements than verified"].case).endorsements[-1]
    assert "not checked, because the credential carries more than" in beyond.headline


def test_depth_one_and_the_count_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each endorsement is handed to the verifier once (which does not follow its own), and no
    more of them than the limit."""
    monkeypatch.setattr(endorsements, "max_endorsements", lambda: 2)
    entries = [_entry("urn:a", subject="did:example:issuer") for _ in range(3)]
    view = {"id": "urn:c", "issuer": {"id": "did:example:issuer", "endorsement": entries}}
    seen: list[Any] = []

    def verify(item: Any) -> Report:
        seen.append(item)
        return Report()

    found = endorsements.verify_endorsements(view, view, verify)
    assert seen == entries[:2]
    assert [e.state for e in found][2] == "error"


def _entry(endorser: str, subject: str) -> dict[str, Any]:
    return {
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "issuer": {"id": endorser, "name": "A"},
        "credentialSubject": {"id": subject},
    }


def test_the_json_stands_for_the_view_only_when_it_lists_the_same_endorsements() -> None:
    entry = {**_entry("urn:e", "urn:i"), "id": "urn:x"}
    view = {"@context": ["urn:ctx"], "issuer": {"id": "urn:i", "endorsement": [entry]}}
    written = {"@context": ["urn:ctx"], "issuer": {"id": "urn:i", "endorsement": [entry]}}
    (same,) = endorsements.embedded(view, written)
    assert same.item is entry
    other = {"issuer": {"id": "urn:i", "endorsement": [{**entry, "id": "urn:y"}]}}
    (fallback,) = endorsements.embedded(view, other)
    assert fallback.item == {"@context": ["urn:ctx"], **entry}
    assert (fallback.where, fallback.target) == ("issuer", "urn:i")


def test_a_jwt_endorsements_subject_is_read_for_the_note() -> None:
    def jwt(payload: Any) -> str:
        body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
        return f"eyJhbGciOiJFZERTQSJ9.{body}.c2ln"

    about = jwt({"vc": {"credentialSubject": {"id": "urn:i"}}})
    elsewhere = jwt({"credentialSubject": {"id": "urn:other"}})
    view = {"issuer": {"id": "urn:i", "endorsementJwt": [about, elsewhere, "not.a+jwt.x"]}}
    found = endorsements.verify_endorsements(view, view, lambda item: Report())
    assert [e.about for e in found] == [True, False, False]


def test_verify_prints_a_line_per_endorsement(
    cases: dict[str, EndorsedCase], capsys: pytest.CaptureFixture[str]
) -> None:
    report = _verify(cases["all three places"].case)
    print_report(report)
    lines = capsys.readouterr().out.splitlines()
    shown = [line for line in lines if line.startswith("endorsement: ")]
    assert [line.split(" by ")[0] for line in shown] == [
        "endorsement: Endorsement of this credential",
        "endorsement: Endorsement of the issuer",
        "endorsement: Endorsement of the achievement",
    ]
    assert lines[-1].startswith("VERIFIED")
    assert [e["state"] for e in report.as_json()["endorsements"]] == ["verified"] * 3
