"""Revoke, suspend, reinstate and unpublish: the log, the signed Bitstring Status Lists, what the
build publishes and checks, and the verdict that follows."""

from __future__ import annotations

import base64
import gzip
import json
import secrets
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from credsite.issuer import issuing
from credsite.issuer.keys import did_document, load_registry
from credsite.issuer.status import write_lists
from credsite.issuer.store import load_store
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.keyresolution import did_web_url
from credsite.standards.statuscheck import status_list_problem
from credsite.standards.timestamps import parse_timestamp

from .conftest import SiteFolder
from .issuer_site import BASE_URL, DID, ISSUED_AT, Issuer, tree_files

REVOCATION = f"{BASE_URL}status/revocation-1.json"
SUSPENSION = f"{BASE_URL}status/suspension-1.json"
LEARNERS = [
    ["Ada Lovelace", "ada@example.org"],
    ["Alan Turing", "alan@example.org"],
    ["Grace Hopper", "grace@example.org"],
]
OUT_OF_STEP = "does not match content/status/log.yaml (was a revoke, suspend or reinstate interrupted? run it again)"


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    return Issuer.with_key(site, tmp_path)


@pytest.fixture
def three(issuer: Issuer) -> list[str]:
    return issuer.issue(LEARNERS)


def _status_file(issuer: Issuer, purpose: str) -> Path:
    return issuer.root / "content" / "status" / f"{purpose}-1.json"


def _list(issuer: Issuer, purpose: str) -> dict:
    return json.loads(_status_file(issuer, purpose).read_bytes())


def _bits(status_list: dict) -> bytes:
    """The list's bytes, decoded here with the standard library alone."""
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    body = encoded[1:]
    assert "=" not in body and set(body) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )
    compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    assert compressed[:2] == b"\x1f\x8b"  # GZIP (RFC 1952)
    return gzip.decompress(compressed)


def _set_bits(data: bytes) -> list[int]:
    """Indexes of set bits, index 0 being the most significant bit of byte 0."""
    return [
        byte_index * 8 + bit
        for byte_index, byte in enumerate(data)
        if byte
        for bit in range(8)
        if byte & (0x80 >> bit)
    ]


def _index(issuer: Issuer, token: str) -> int:
    return int(issuer.credential(token)["credentialStatus"]["statusListIndex"])


def _events(issuer: Issuer) -> list[dict[str, str]]:
    text = (issuer.root / "content" / "status" / "log.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)["events"]


def _list_problem(issuer: Issuer, purpose: str) -> str | None:
    """Why a verifier would not trust the list against the issuer's published keys: the
    verifier's own status-list check (``status_list_problem``), as the build makes it."""
    registry, _ = load_registry(issuer.root)
    fetch = mapping_fetcher({did_web_url(DID): did_document(BASE_URL, registry)})
    url = f"{BASE_URL}status/{purpose}-1.json"
    return status_list_problem(_list(issuer, purpose), purpose, DID, fetch, url)


def _state(issuer: Issuer, token: str, out: Path) -> str:
    return issuer.verify(token, out).state


# -- revoke, suspend, reinstate --------------------------------------------------------------


def test_revoke_records_resigns_publishes_and_changes_the_verdict(
    issuer: Issuer, three: list[str]
) -> None:
    ada, alan, _ = three
    before = issuer.build()
    assert _state(issuer, ada, before) == "verified"
    issued_lists = _list(issuer, "revocation")

    result = issuer.ok(
        "revoke", ada, "--reason", "Fraud in the assessment", at="2026-04-01T08:00:00Z"
    )
    assert result.out == (
        f"credential {ada} revoked; status lists re-signed. Commit content/status, then build and publish.\n"
    )
    assert _events(issuer) == [
        {
            "credential": ada,
            "action": "revoked",
            "reason": "Fraud in the assessment",
            "at": "2026-04-01T08:00:00Z",
        }
    ]
    for purpose in ("revocation", "suspension"):
        status_list = _list(issuer, purpose)
        assert status_list["validFrom"] == "2026-04-01T08:00:00Z"
        assert status_list["proof"]["created"] == "2026-04-01T08:00:00Z"
        assert _list_problem(issuer, purpose) is None
    assert issued_lists["proof"]["created"] == ISSUED_AT
    assert _set_bits(_bits(_list(issuer, "revocation"))) == [_index(issuer, ada)]
    assert _set_bits(_bits(_list(issuer, "suspension"))) == []

    # the old build still says verified: only a new build publishes the revocation
    assert _state(issuer, ada, before) == "verified"
    after = issuer.build()
    for purpose in ("revocation", "suspension"):
        assert (after / "status" / f"{purpose}-1.json").read_bytes() == (
            _status_file(issuer, purpose).read_bytes()
        )
    report = issuer.verify(ada, after)
    assert (report.state, report.outcome("revocation")) == ("revoked", "failed")
    assert _state(issuer, alan, after) == "verified"


def test_suspend_reinstate_and_revoke_a_suspended_credential(
    issuer: Issuer, three: list[str]
) -> None:
    _, alan, _ = three
    issuer.ok("suspend", alan, "--reason", "Appeal under review", at="2026-04-01T08:00:00Z")
    assert _set_bits(_bits(_list(issuer, "suspension"))) == [_index(issuer, alan)]
    assert _set_bits(_bits(_list(issuer, "revocation"))) == []
    out = issuer.build()
    report = issuer.verify(alan, out)
    assert (report.state, report.outcome("suspension"), report.outcome("revocation")) == (
        "suspended",
        "failed",
        "passed",
    )

    result = issuer.ok("reinstate", alan, at="2026-04-02T08:00:00Z")  # no reason needed
    assert f"credential {alan} reinstated" in result.out
    assert _set_bits(_bits(_list(issuer, "suspension"))) == []
    assert _state(issuer, alan, issuer.build()) == "verified"

    issuer.ok("suspend", alan, "--reason", "Second appeal", at="2026-04-03T08:00:00Z")
    issuer.ok("revoke", alan, "--reason", "Appeal rejected", at="2026-04-04T08:00:00Z")
    assert [(e["action"], e["reason"], e["at"]) for e in _events(issuer)] == [
        ("suspended", "Appeal under review", "2026-04-01T08:00:00Z"),
        ("reinstated", "", "2026-04-02T08:00:00Z"),
        ("suspended", "Second appeal", "2026-04-03T08:00:00Z"),
        ("revoked", "Appeal rejected", "2026-04-04T08:00:00Z"),
    ]
    assert _set_bits(_bits(_list(issuer, "revocation"))) == [_index(issuer, alan)]
    assert _set_bits(_bits(_list(issuer, "suspension"))) == []
    assert _state(issuer, alan, issuer.build()) == "revoked"


def test_revocation_is_final(issuer: Issuer, three: list[str]) -> None:
    ada = three[0]
    issuer.ok("revoke", ada, "--reason", "Fraud", at="2026-04-01T08:00:00Z")
    before = tree_files(issuer.root / "content")
    for command, verb in (
        ("suspend", "suspended"),
        ("reinstate", "reinstated"),
        ("revoke", "revoked"),
    ):
        result = issuer.run(command, ada, "--reason", "again", at="2026-04-02T08:00:00Z")
        assert (result.code, result.error_lines()) == (
            1,
            [f"error: credential {ada} is revoked; it cannot be {verb} (revocation is final)"],
        )
    assert tree_files(issuer.root / "content") == before


def test_impossible_transitions_are_refused(issuer: Issuer, three: list[str]) -> None:
    ada, alan, _ = three
    result = issuer.run("reinstate", ada)
    assert result.error_lines() == [f"error: credential {ada} is valid; it cannot be reinstated"]
    issuer.ok("suspend", alan, "--reason", "appeal")
    result = issuer.run("suspend", alan, "--reason", "appeal again")
    assert result.error_lines() == [
        f"error: credential {alan} is suspended; it cannot be suspended"
    ]
    assert len(_events(issuer)) == 1


def test_reasons_are_required_kept_exactly_and_limited(issuer: Issuer, three: list[str]) -> None:
    ada, alan, grace = three
    result = issuer.run("revoke", ada)
    assert result.code == 2
    assert "the following arguments are required: --reason" in result.err
    result = issuer.run("revoke", ada, "--reason", "   ")
    assert result.error_lines() == [
        "error: give a reason (--reason TEXT); it is recorded in content/status/log.yaml"
    ]
    before = tree_files(issuer.root / "content")
    result = issuer.run("revoke", ada, "--reason", "x" * 1001)
    assert result.error_lines() == ["error: --reason is too long (1001 characters; at most 1000)"]
    result = issuer.run("unpublish", ada, "--note", "y" * 1001)
    assert result.error_lines() == ["error: --note is too long (1001 characters; at most 1000)"]
    assert tree_files(issuer.root / "content") == before

    tricky = 'Fraude: "kopie" van \\ werk #2\nzie dossier 🎓'
    issuer.ok("revoke", ada, "--reason", tricky)
    issuer.ok("revoke", alan, "--reason", "x" * 1000)
    issuer.ok("unpublish", grace, "--note", "z" * 1000)
    assert [e["reason"] for e in _events(issuer)] == [tricky, "x" * 1000]
    issuer.build()  # the log and the take-down list read back without complaint


def test_finding_a_credential_by_token_url_path_or_prefix(issuer: Issuer, three: list[str]) -> None:
    ada = three[0]
    references = [
        f"{BASE_URL}c/{ada}/",
        ada[:8].upper(),
        f"content/credentials/{ada}.json",
        ada[:12],
    ]
    for number, reference in enumerate(references):
        command = "suspend" if number % 2 == 0 else "reinstate"
        result = issuer.ok(command, reference, "--reason", "test")
        assert result.out.startswith(f"credential {ada} ")
    # The last character is replaced by one that differs from it, so the URL never names ada.
    wrong_last = "x" if ada[-1] != "x" else "y"
    for reference in (ada[:7], "zzzzzzzzzz", f"{BASE_URL}c/{ada[:-1]}{wrong_last}/"):
        result = issuer.run("suspend", reference, "--reason", "test")
        assert result.error_lines() == [
            f"error: no credential '{reference}' in content/credentials"
        ]


def test_an_ambiguous_prefix_is_refused(issuer: Issuer, monkeypatch: pytest.MonkeyPatch) -> None:
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    monkeypatch.setattr(
        issuing,
        "new_token",
        lambda: "sameprefix" + "".join(secrets.choice(alphabet) for _ in range(22)),
    )
    first, second = issuer.issue(LEARNERS[:2])
    assert first[:10] == second[:10] == "sameprefix"
    result = issuer.run("revoke", "sameprefix", "--reason", "test")
    assert result.error_lines() == [
        "error: 'sameprefix' matches 2 credentials; give more of its id"
    ]
    unique = first[: next(i for i in range(32) if first[i] != second[i]) + 1]
    issuer.ok("revoke", unique, "--reason", "test")
    assert [e["credential"] for e in _events(issuer)] == [first]


def test_status_changes_need_the_key_and_write_nothing_without_it(
    issuer: Issuer, three: list[str]
) -> None:
    issuer.key_file().rename(issuer.outside / "away.json")
    before = tree_files(issuer.root / "content")
    for command in (("revoke", three[0], "--reason", "x"), ("suspend", three[1], "--reason", "x")):
        result = issuer.run(*command)
        assert result.code == 1
        assert result.error_lines()[0].startswith("error: no signing key: ")
    assert tree_files(issuer.root / "content") == before


# -- lists out of step with the log ----------------------------------------------------------


def _slots(issuer: Issuer) -> dict[str, tuple[str, int]]:
    store, _ = load_store(issuer.root)
    return {c.token: (c.status_list or "", c.status_index or 0) for c in store}


def _signing_key(issuer: Issuer):
    from credsite.issuer.keys import load_registry, load_signing_key

    registry, _ = load_registry(issuer.root)
    return load_signing_key(issuer.root, BASE_URL, registry, issuer.key_file())


def _build_errors(issuer: Issuer) -> list[str]:
    result = issuer.run("build", "--out", issuer.builds / "failing", "--jobs", "1")
    assert result.code == 1
    assert not (issuer.builds / "failing").exists()
    return result.error_lines()


def test_an_interrupted_revoke_fails_the_build_until_it_is_run_again(
    issuer: Issuer, three: list[str]
) -> None:
    """revoke writes the lists, then the log: killed in between, the lists are ahead."""
    ada = three[0]
    write_lists(
        issuer.root, BASE_URL, {1}, _slots(issuer), {ada: "revoked"}, _signing_key(issuer),
        parse_timestamp("2026-04-01T08:00:00Z"), 90,
    )  # fmt: skip
    assert _build_errors(issuer) == [
        f"content/status/revocation-1.json: {OUT_OF_STEP}",
        "error: 1 error(s) in content; nothing was written",
    ]
    issuer.ok("revoke", ada, "--reason", "Fraud", at="2026-04-01T08:01:00Z")  # as the build says
    assert _state(issuer, ada, issuer.build()) == "revoked"


def test_a_log_ahead_of_the_lists_fails_the_build(issuer: Issuer, three: list[str]) -> None:
    alan = three[1]
    issuer.site.write(
        "content/status/log.yaml",
        f"events:\n  - credential: {alan}\n    action: suspended\n    reason: by hand\n    at: 2026-04-01T08:00:00Z\n",
    )
    assert _build_errors(issuer) == [
        f"content/status/suspension-1.json: {OUT_OF_STEP}",
        "error: 1 error(s) in content; nothing was written",
    ]
    # reinstating (the log says suspended) signs lists that agree with the log again
    issuer.ok("reinstate", alan, at="2026-04-01T09:00:00Z")
    assert _state(issuer, alan, issuer.build()) == "verified"


def _edit_list(issuer: Issuer, purpose: str, change) -> None:
    path = _status_file(issuer, purpose)
    document = json.loads(path.read_bytes())
    change(document)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _reencode(document: dict, flip: int | None = None, level: int = 9) -> None:
    data = bytearray(_bits(document))
    if flip is not None:
        data[flip // 8] ^= 0x80 >> (flip % 8)
    compressed = gzip.compress(bytes(data), compresslevel=level, mtime=0)
    document["credentialSubject"]["encodedList"] = "u" + base64.urlsafe_b64encode(
        compressed
    ).decode().rstrip("=")


UNTRUSTED = "verifiers would not trust this list: {} (status lists are written by revoke, suspend and reinstate; never edit them by hand)"


def test_a_hand_revoked_list_fails_the_build(issuer: Issuer, three: list[str]) -> None:
    ada = three[0]
    _edit_list(issuer, "revocation", lambda d: _reencode(d, flip=_index(issuer, ada)))
    assert _build_errors(issuer) == [
        f"content/status/revocation-1.json: {OUT_OF_STEP}",
        "content/status/revocation-1.json: " + UNTRUSTED.format("its signature is not valid"),
        "error: 2 error(s) in content; nothing was written",
    ]


@pytest.mark.parametrize(
    "edit",
    ["same-bits-other-gzip", "validFrom", "ttl", "proof-created", "proofValue"],
)
def test_a_list_edited_by_hand_fails_the_build(issuer: Issuer, three: list[str], edit: str) -> None:
    """The bits still agree with the log, but every verifier would distrust the list."""
    changes = {
        "same-bits-other-gzip": lambda d: _reencode(d, level=1),
        "validFrom": lambda d: d.update(validFrom="2020-01-01T00:00:00Z"),
        "ttl": lambda d: d["credentialSubject"].update(ttl=1),
        "proof-created": lambda d: d["proof"].update(created="2026-03-02T10:00:01Z"),
        "proofValue": lambda d: d["proof"].update(
            proofValue=d["proof"]["proofValue"][:-2]
            + ("11" if not d["proof"]["proofValue"].endswith("11") else "22")
        ),
    }
    _edit_list(issuer, "suspension", changes[edit])
    assert _build_errors(issuer) == [
        "content/status/suspension-1.json: " + UNTRUSTED.format("its signature is not valid"),
        "error: 1 error(s) in content; nothing was written",
    ]
    assert issuer.run("check").code == 1


def test_a_list_signed_by_another_key_fails_the_build(issuer: Issuer, three: list[str]) -> None:
    from credsite.issuer.keys import SigningKey, generate

    stranger = generate("key-2026-03-01")  # the right key id, the wrong key
    write_lists(
        issuer.root, BASE_URL, {1}, _slots(issuer), {}, stranger, parse_timestamp(ISSUED_AT), 90
    )
    errors = _build_errors(issuer)
    assert errors == [
        "content/status/revocation-1.json: " + UNTRUSTED.format("its signature is not valid"),
        "content/status/suspension-1.json: " + UNTRUSTED.format("its signature is not valid"),
        "error: 2 error(s) in content; nothing was written",
    ]
    unknown = SigningKey("key-elsewhere", stranger.private_key)
    write_lists(
        issuer.root, BASE_URL, {1}, _slots(issuer), {}, unknown, parse_timestamp(ISSUED_AT), 90
    )
    errors = _build_errors(issuer)
    assert len(errors) == 3
    assert errors[0].startswith(
        "content/status/revocation-1.json: verifiers would not trust this list: its signing key could not be confirmed: The key that signed the credential is not a published key of the issuer."
    )


def test_missing_or_unreadable_lists_fail_the_build(issuer: Issuer, three: list[str]) -> None:
    _status_file(issuer, "suspension").unlink()
    assert _build_errors(issuer) == [
        "content/status/suspension-1.json: missing (revoke, suspend or issue writes it)",
        "error: 1 error(s) in content; nothing was written",
    ]
    _status_file(issuer, "suspension").write_text("not json", encoding="utf-8")
    errors = _build_errors(issuer)
    assert errors[0].startswith("content/status/suspension-1.json: not a readable status list (")
    # the lists are re-made by the next status change, whatever state they are in
    issuer.ok("suspend", three[0], "--reason", "test", at="2026-04-01T08:00:00Z")
    assert _state(issuer, three[0], issuer.build()) == "suspended"


def test_the_log_must_name_issued_credentials(issuer: Issuer, three: list[str]) -> None:
    issuer.site.write(
        "content/status/log.yaml",
        f"events:\n  - credential: {'q' * 32}\n    action: revoked\n    reason: typo\n    at: 2026-04-01T08:00:00Z\n",
    )
    assert _build_errors(issuer) == [
        f"content/status/log.yaml: credential: '{'q' * 32}' is not in content/credentials",
        "error: 1 error(s) in content; nothing was written",
    ]


# -- unpublish -------------------------------------------------------------------------------


def test_unpublished_credentials_leave_the_site_but_still_verify(
    issuer: Issuer, three: list[str]
) -> None:
    ada, alan, grace = three
    issuer.key_file().rename(issuer.outside / "away.json")  # taking a page down needs no key
    result = issuer.ok(
        "unpublish", f"{BASE_URL}c/{grace}/", "--note", "asked by e-mail", at="2026-04-01T08:00:00Z"
    )
    assert result.out == (
        f"credential {grace} will no longer be published; it stays valid as a file. Commit content/status, then build and publish.\n"
    )
    text = (issuer.root / "content" / "status" / "unpublished.yaml").read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.BaseLoader)["credentials"] == [
        {"credential": grace, "at": "2026-04-01T08:00:00Z", "note": "asked by e-mail"}
    ]
    result = issuer.run("unpublish", grace)
    assert result.error_lines() == [f"error: credential {grace} is already unpublished"]

    out = issuer.build()
    assert not (out / "c" / grace).exists()
    for token in (ada, alan):
        assert (out / "c" / token / "credential.json").is_file()
    for relative, data in tree_files(out).items():
        assert grace.encode() not in data, relative  # no link, no sitemap entry, nothing
    assert _state(issuer, grace, out) == "verified"  # the learner's own file still verifies


# -- the list format -------------------------------------------------------------------------


def test_status_list_format(issuer: Issuer, monkeypatch: pytest.MonkeyPatch) -> None:
    """131,072 entries, MSB first, GZIP, base64url without padding, multibase 'u'."""
    draws = iter([50001, 7, 131071])
    monkeypatch.setattr(issuing.secrets, "randbelow", lambda _: next(draws))
    ada, alan, grace = issuer.issue(LEARNERS)
    assert [_index(issuer, t) for t in (ada, alan, grace)] == [50001, 7, 131071]
    assert issuer.credential(ada)["credentialStatus"] == {
        "id": f"{REVOCATION}#50001",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "50001",
        "statusListCredential": REVOCATION,
    }
    for token in (ada, alan, grace):
        issuer.ok("revoke", token, "--reason", "format test")

    status_list = _list(issuer, "revocation")
    data = _bits(status_list)
    assert len(data) * 8 == 131_072
    assert data[6250] == 0x40  # index 50001 = byte 6250, second bit from the left
    assert data[0] == 0x01  # index 7 = the last bit of byte 0
    assert data[16383] == 0x01  # index 131071, the very last entry
    assert _set_bits(data) == [7, 50001, 131071]
    assert _set_bits(_bits(_list(issuer, "suspension"))) == []
    assert len(_bits(_list(issuer, "suspension"))) * 8 == 131_072

    signed = parse_timestamp(status_list["validFrom"])
    assert parse_timestamp(status_list["validUntil"]) - signed == timedelta(days=366)
    assert {
        k: v for k, v in status_list.items() if k not in ("proof", "validFrom", "validUntil")
    } == {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": REVOCATION,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": DID,
        "credentialSubject": {
            "id": f"{REVOCATION}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status_list["credentialSubject"]["encodedList"],
            "ttl": 3_600_000,
        },
    }
    assert _list(issuer, "suspension")["id"] == SUSPENSION
    assert _list_problem(issuer, "revocation") is None
    assert _list_problem(issuer, "suspension") is None


def test_a_second_list_when_the_first_is_full(
    issuer: Issuer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new list starts at 3/4 use; here 'full' is made tiny so that it happens at once."""
    monkeypatch.setattr(issuing, "FULL", 2 / 131_072)
    first = issuer.issue(LEARNERS[:2])
    [third] = issuer.issue(LEARNERS[2:])
    lists = sorted(p.name for p in (issuer.root / "content" / "status").iterdir())
    assert lists == [
        "revocation-1.json",
        "revocation-2.json",
        "suspension-1.json",
        "suspension-2.json",
    ]
    urls = [issuer.credential(t)["credentialStatus"]["statusListCredential"] for t in first]
    assert urls == [REVOCATION, REVOCATION]
    second = f"{BASE_URL}status/revocation-2.json"
    assert issuer.credential(third)["credentialStatus"]["statusListCredential"] == second
    list_one = _status_file(issuer, "revocation").read_bytes()
    issuer.ok("revoke", third, "--reason", "test", at="2026-04-01T08:00:00Z")
    assert _status_file(issuer, "revocation").read_bytes() == list_one  # only list 2 re-signed
    second_list = json.loads(
        (issuer.root / "content" / "status" / "revocation-2.json").read_bytes()
    )
    assert second_list["id"] == second
    assert _set_bits(_bits(second_list)) == [_index(issuer, third)]
    out = issuer.build()
    assert (out / "status" / "revocation-2.json").is_file()
    assert _state(issuer, third, out) == "revoked"
    assert [_state(issuer, t, out) for t in first] == ["verified", "verified"]
