"""Status lists end: a signed list is valid for site.yaml's ``status_list_validity_days``
(default 90), so an old copy of a list, from before a revocation, cannot be served for ever to
make the revoked credential look valid (a replay). What is signed, what the verdict is when a
list has ended or is replayed, ``renew-lists``, and the warnings of ``check`` and ``build``.

The browser verifier's side of the same rules is in browser/test/status-list.test.js.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from credsite.issuer.keys import SigningKey, load_registry, load_signing_key
from credsite.issuer.status import list_credential, sign_list
from credsite.standards.statuslist import Bitstring
from credsite.standards.timestamps import parse_timestamp

from .conftest import REPO, SiteFolder
from .issuer_site import BASE_URL, ISSUED_AT, Issuer, tree_files

LEARNERS = [["Ada Lovelace", "ada@example.org"], ["Alan Turing", "alan@example.org"]]
ENDS = "2026-05-31T10:00:00Z"  # ISSUED_AT + 90 days: when the lists issue signs end
RENEW = "run `credsite renew-lists` (it needs the signing key), commit content/status and publish"


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    """A site with the default validity (no status_list_validity_days in site.yaml)."""
    return Issuer.with_key(site, tmp_path, list_validity_days=None)


@pytest.fixture
def two(issuer: Issuer) -> list[str]:
    return issuer.issue(LEARNERS)


def _list(root: Path, purpose: str = "revocation") -> dict[str, Any]:
    return json.loads((root / "content" / "status" / f"{purpose}-1.json").read_bytes())


def _status_files(root: Path) -> dict[str, bytes]:
    return {
        k: v for k, v in tree_files(root, cache=False).items() if k.startswith("content/status")
    }


def _revocation_check(report) -> dict[str, str]:
    return next(c.__dict__ for c in report.checks if c.id == "revocation")


# -- what is signed --------------------------------------------------------------------------


def test_lists_are_signed_valid_for_90_days_by_default(issuer: Issuer, two: list[str]) -> None:
    for purpose in ("revocation", "suspension"):
        status_list = _list(issuer.root, purpose)
        assert (status_list["validFrom"], status_list["validUntil"]) == (ISSUED_AT, ENDS)
        assert status_list["credentialSubject"]["ttl"] == 3_600_000  # caching stays as it was


def test_site_yaml_sets_the_validity(site: SiteFolder, tmp_path: Path) -> None:
    issuer = Issuer.with_key(site, tmp_path, list_validity_days=7)
    issuer.issue(LEARNERS[:1])
    assert _list(issuer.root)["validUntil"] == "2026-03-09T10:00:00Z"


@pytest.mark.parametrize("value", ["0", "367", "ninety", "30.5"])
def test_a_bad_validity_is_refused_with_its_line(site: SiteFolder, value: str) -> None:
    text = (site.root / "site.yaml").read_text(encoding="utf-8")
    site.write("site.yaml", f"{text}status_list_validity_days: {value}\n")
    line = text.count("\n") + 1
    issuer = Issuer(site, site.root.parent / "issuer", list_validity_days=None)
    result = issuer.run("check")
    assert result.code == 1
    assert result.error_lines()[0] == (
        f"site.yaml:{line}: status_list_validity_days: '{value}' is not allowed "
        "(a whole number from 1 to 366)"
    )


# -- the verdict -----------------------------------------------------------------------------


def test_a_list_counts_until_its_end_and_not_at_it(issuer: Issuer, two: list[str]) -> None:
    out = issuer.build()
    assert issuer.verify(two[0], out, "2026-05-31T09:59:59Z").state == "verified"
    report = issuer.verify(two[0], out, ENDS)
    assert report.state == "status-unknown"
    check = _revocation_check(report)
    assert check["outcome"] == "not-checked"
    assert check["message"] == (
        "The revocation list is not valid at this moment, so it is unknown whether the "
        "credential was revoked."
    )
    assert check["detail"].startswith(f"LIST_EXPIRED: the list was valid until {ENDS}")


def test_a_list_signed_after_the_moment_of_checking_does_not_count(
    issuer: Issuer, two: list[str]
) -> None:
    issuer.ok("revoke", two[1], "--reason", "fraud", at="2026-04-01T08:00:00Z")
    report = issuer.verify(two[0], issuer.build(), "2026-03-15T00:00:00Z")
    assert report.state == "status-unknown"
    assert _revocation_check(report)["detail"] == (
        "LIST_NOT_YET_VALID: the list is valid only from 2026-04-01T08:00:00Z"
    )


def test_a_replayed_list_from_before_the_revocation_never_verifies(
    issuer: Issuer, two: list[str], tmp_path: Path
) -> None:
    """The list published before the revocation keeps a valid signature; served after its end
    in place of the current one, it must not make the revoked credential look valid."""
    ada = two[0]
    before = issuer.build()
    issuer.ok("revoke", ada, "--reason", "fraud", at="2026-04-01T08:00:00Z")
    after = issuer.build()
    assert issuer.verify(ada, after, "2026-04-02T00:00:00Z").state == "revoked"
    # the replay: the current build, with the old lists served in place of the new ones
    replay = tmp_path / "replay"
    shutil.copytree(after, replay)
    shutil.copytree(before / "status", replay / "status", dirs_exist_ok=True)
    report = issuer.verify(ada, replay, "2026-06-01T00:00:00Z")
    assert report.state == "status-unknown"
    assert _revocation_check(report)["detail"].startswith("LIST_EXPIRED")
    # within the old list's own validity the replay works: that is the window site.yaml sets
    assert issuer.verify(ada, replay, "2026-04-02T00:00:00Z").state == "verified"
    # the command line says the same
    result = issuer.run(
        "verify", issuer.credential_path(ada), "--site", replay, at="2026-06-01T00:00:00Z"
    )
    assert result.code == 1
    assert result.out.splitlines()[-1].startswith("AUTHENTIC, BUT NOT FULLY CHECKED: ")
    assert f"LIST_EXPIRED: the list was valid until {ENDS}" in result.out


def _reshape_nested(document: dict[str, Any]) -> None:
    document["@nest"] = {"validUntil": document.pop("validUntil")}


def _reshape_iri(document: dict[str, Any]) -> None:
    document["https://www.w3.org/2018/credentials#validUntil"] = {
        "@value": document.pop("validUntil"),
        "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
    }


def _reshape_id(document: dict[str, Any]) -> None:
    document["@id"] = document.pop("id")


@pytest.mark.parametrize("reshape", [_reshape_nested, _reshape_iri, _reshape_id])
def test_an_old_list_reshaped_to_hide_its_end_is_refused(
    issuer: Issuer, two: list[str], tmp_path: Path, reshape
) -> None:
    """The same signed meaning with the end date (or id) where a JSON reader does not look."""
    ada = two[0]
    before = issuer.build()
    issuer.ok("revoke", ada, "--reason", "fraud", at="2026-04-01T08:00:00Z")
    replay = tmp_path / "replay"
    shutil.copytree(issuer.build(), replay)
    document = json.loads((before / "status" / "revocation-1.json").read_bytes())
    reshape(document)
    (replay / "status" / "revocation-1.json").write_text(json.dumps(document), encoding="utf-8")
    report = issuer.verify(ada, replay, "2026-06-01T00:00:00Z")
    assert report.state == "status-unknown"
    detail = _revocation_check(report)["detail"]
    assert detail.startswith("LIST_MALFORMED: the list uses JSON-LD keywords or IRIs as keys ("), (
        detail
    )


def test_a_list_without_dates_is_still_read(issuer: Issuer, two: list[str]) -> None:
    """The spec makes a list's dates optional: another issuer's list without them works."""
    _sign_legacy_list(issuer)
    out = issuer.build()
    assert issuer.verify(two[0], out, "2030-01-01T00:00:00Z").state == "verified"


def _signing_key(issuer: Issuer) -> SigningKey:
    registry, _ = load_registry(issuer.root)
    return load_signing_key(issuer.root, BASE_URL, registry, issuer.key_file())


def _sign_legacy_list(issuer: Issuer) -> None:
    """Lists as credsite signed them before they had an end (nothing revoked or suspended)."""
    moment = parse_timestamp(ISSUED_AT)
    for purpose in ("revocation", "suspension"):
        document = list_credential(BASE_URL, purpose, 1, Bitstring.zeros(), moment, 90)
        del document["validUntil"]
        path = issuer.root / "content" / "status" / f"{purpose}-1.json"
        path.write_bytes(sign_list(document, _signing_key(issuer), BASE_URL, moment))


# -- renew-lists -----------------------------------------------------------------------------


def test_renew_lists_signs_every_list_again_with_a_new_end(issuer: Issuer, two: list[str]) -> None:
    ada, alan = two
    issuer.ok("revoke", ada, "--reason", "fraud", at="2026-03-03T10:00:00Z")
    bits = {
        p: _list(issuer.root, p)["credentialSubject"]["encodedList"]
        for p in ("revocation", "suspension")
    }
    result = issuer.ok("renew-lists", at="2026-05-20T00:00:00Z")
    assert result.out.splitlines() == [
        "signed content/status/revocation-1.json",
        "signed content/status/suspension-1.json",
        "2 status list(s) signed, valid until 2026-08-18T00:00:00Z. Commit content/status, then build and publish.",
    ]
    for purpose in ("revocation", "suspension"):
        status_list = _list(issuer.root, purpose)
        assert status_list["validFrom"] == "2026-05-20T00:00:00Z"
        assert status_list["validUntil"] == "2026-08-18T00:00:00Z"
        assert status_list["credentialSubject"]["encodedList"] == bits[purpose]
    out = issuer.build()
    assert issuer.verify(ada, out, "2026-08-01T00:00:00Z").state == "revoked"
    assert issuer.verify(alan, out, "2026-08-01T00:00:00Z").state == "verified"


def test_renew_lists_within_days_writes_only_when_a_list_ends_soon(
    issuer: Issuer, two: list[str]
) -> None:
    before = _status_files(issuer.root)
    result = issuer.ok("renew-lists", "--within", "30", at="2026-04-30T00:00:00Z")
    assert result.out.splitlines() == [
        f"every status list is valid for more than 30 days (the first ends on {ENDS}); nothing was written"
    ]
    assert _status_files(issuer.root) == before
    issuer.ok("renew-lists", "--within", "30", at="2026-05-02T00:00:00Z")
    assert _list(issuer.root)["validUntil"] == "2026-07-31T00:00:00Z"


def test_renew_lists_renews_a_list_without_an_end(issuer: Issuer, two: list[str]) -> None:
    _sign_legacy_list(issuer)
    issuer.ok("renew-lists", "--within", "30", at="2026-04-01T00:00:00Z")
    assert _list(issuer.root)["validUntil"] == "2026-06-30T00:00:00Z"


def test_renew_lists_without_the_key_writes_nothing(issuer: Issuer, two: list[str]) -> None:
    before = _status_files(issuer.root)
    issuer.key_file().rename(issuer.outside / "elsewhere.json")
    result = issuer.run("renew-lists", at="2026-05-20T00:00:00Z")
    assert result.code == 1
    assert len(result.error_lines()) == 1 and "key" in result.error_lines()[0], result.err
    assert result.out == ""
    assert _status_files(issuer.root) == before
    result = issuer.run(
        "renew-lists",
        "--key-file",
        issuer.outside / "elsewhere.json",
        at="2026-05-20T00:00:00Z",
    )
    assert result.code == 0, result.text


def test_renew_lists_before_any_list_exists(issuer: Issuer) -> None:
    result = issuer.run("renew-lists")
    assert result.code == 1
    assert result.error_lines() == [
        "error: no status lists in content/status/ yet: issue a credential first"
    ]
    assert not (issuer.root / "content" / "status").exists()


@pytest.mark.parametrize("days", ["soon", "-1", "3661"])
def test_renew_lists_refuses_a_bad_number_of_days(issuer: Issuer, days: str) -> None:
    result = issuer.run_process("renew-lists", "--within", days)
    assert result.returncode == 2
    assert f"argument --within: '{days}' is not a number of days (0 to 3660)" in result.stderr


def test_renew_lists_help_says_what_it_needs() -> None:
    from .issuer_site import run_cli

    result = run_cli(["renew-lists", "--help"], {})
    text = " ".join(result.out.split())
    assert "status_list_validity_days" in text and "Needs the signing key" in text
    assert "the build never does" in text and "--within DAYS" in text


# -- check and build warn ---------------------------------------------------------------------


def _list_warnings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("content/status/")]


def test_check_and_build_warn_when_a_list_ends_soon(issuer: Issuer, two: list[str]) -> None:
    assert _list_warnings(issuer.ok("check", at="2026-05-16T00:00:00Z").err) == []
    soon = [
        f"content/status/{purpose}-1.json: warning: expires in 11 days, on {ENDS}; then "
        f"verifiers show 'status unknown' for the credentials on this list: before then, {RENEW}"
        for purpose in ("revocation", "suspension")
    ]
    result = issuer.ok("check", at="2026-05-20T00:00:00Z")
    assert _list_warnings(result.err) == soon
    assert result.err.splitlines()[:2] == soon  # first, before any other warning
    result = issuer.ok("build", "--out", issuer.builds / "soon", at="2026-05-20T00:00:00Z")
    assert result.err.splitlines()[:2] == soon


def test_the_build_says_loudly_when_a_list_has_expired_and_still_publishes(
    issuer: Issuer, two: list[str]
) -> None:
    out = issuer.builds / "late"
    expired = [
        f"content/status/{purpose}-1.json: warning: EXPIRED on {ENDS}: every verifier now shows "
        f"'status unknown' for the credentials on this list: {RENEW}"
        for purpose in ("revocation", "suspension")
    ]
    for strict in ((), ("--strict",)):  # the date never fails a build: it cannot mend it
        result = issuer.ok("build", "--out", out, *strict, at="2026-06-01T00:00:00Z")
        assert result.err.splitlines()[:2] == expired
        assert (out / "status" / "revocation-1.json").is_file()
    # a rebuild with nothing changed still says it (the warning is not cached with the others)
    result = issuer.ok("build", "--out", out, "--strict", at="2026-06-01T00:00:00Z")
    assert "read: nothing" in result.out
    assert result.err.splitlines()[:2] == expired


def test_check_warns_about_a_list_without_an_end(issuer: Issuer, two: list[str]) -> None:
    _sign_legacy_list(issuer)
    result = issuer.ok("check", at="2026-04-01T00:00:00Z")
    assert _list_warnings(result.err) == [
        f"content/status/{purpose}-1.json: warning: has no end date (validUntil), so a copy kept "
        f"from before a later revocation can be shown to verifiers for ever: {RENEW}"
        for purpose in ("revocation", "suspension")
    ]


def test_a_short_validity_warns_in_its_last_third(site: SiteFolder, tmp_path: Path) -> None:
    issuer = Issuer.with_key(site, tmp_path, list_validity_days=6)
    issuer.issue(LEARNERS[:1])  # valid 2026-03-02T10:00 to 2026-03-08T10:00
    assert _list_warnings(issuer.ok("check", at="2026-03-06T09:00:00Z").err) == []
    assert len(_list_warnings(issuer.ok("check", at="2026-03-06T11:00:00Z").err)) == 2


# -- the documentation ------------------------------------------------------------------------


def test_the_docs_explain_the_end_of_a_list_and_the_trade_off() -> None:
    for name in ("publishing.md", "publishing.nl.md"):
        text = (REPO / "docs" / name).read_text(encoding="utf-8")
        assert "renew-lists" in text and "status_list_validity_days" in text, name
        assert "renew-status-lists.yml" in text, name
    verification = (REPO / "docs" / "verification.md").read_text(encoding="utf-8")
    assert "LIST_EXPIRED" in verification and "replay" in verification
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "python build.py renew-lists" in readme
    content = (REPO / "docs" / "content.md").read_text(encoding="utf-8")
    assert "`status_list_validity_days`" in content
