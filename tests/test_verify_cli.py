"""``python build.py verify FILE|URL``: every verdict, its exit code, the JSON report, and that a
check which could not be done is never shown as passed.

One site is issued and built for the whole module, with a credential in every state; tests that
damage the build work on a copy. The credential's own did:web and status list URLs resolve from
the local build (``--site``); a loopback server serves the build for ``verify URL``. The network is
never used: ``urlopen`` refuses every host but 127.0.0.1 here.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import gzip
import http.server
import json
import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credsite.commands.verify import print_report
from credsite.issuer.keys import (
    SigningKey,
    generate,
    load_registry,
    load_signing_key,
    parse_timestamp,
)
from credsite.issuer.status import list_credential, sign_list
from credsite.standards import fetch as fetch_module
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.instants import human_date, parse_instant
from credsite.standards.keyresolution import KeyProblemError, resolve_key
from credsite.standards.multibase import encode_public_key
from credsite.standards.proofs import sign
from credsite.standards.statuslist import Bitstring
from credsite.standards.verification import FetchError, Report, verify_credential

from .conftest import MODULE, SiteFolder
from .issuer_site import (
    BASE_URL,
    DID,
    EXPIRING_MODULE,
    Issuer,
    Run,
    epoch,
    run_cli,
)
from .static_host import serve_folder

NOW = "2026-11-01T00:00:00Z"
# The verdict lines: the rulebook's title and sentence (credsite/data/verifier-rules.json), as the
# verification pages show them; {date} is the date that decided an expired or not-yet-valid verdict.
VERDICT_LINES = {
    "verified": "VERIFIED: this credential is authentic and currently valid.",
    "revoked": "REVOKED: this credential is authentic, but the issuer has revoked it.",
    "suspended": "SUSPENDED: this credential is authentic, but the issuer has suspended it for the time being.",
    "expired": "EXPIRED: this credential is authentic, but its validity ended on {date}.",
    "not-yet-valid": "NOT YET VALID: this credential is authentic, but it only becomes valid on {date}.",
    "invalid": "NOT VALID: this credential is not authentic or not well formed; do not trust what it says. The failed check says why.",
    "status-unknown": "AUTHENTIC, BUT NOT FULLY CHECKED: this credential is in date, but whether the issuer has revoked or suspended it could not be checked.",
    "error": "COULD NOT CHECK: the check could not be completed (for example, the issuer's key could not be fetched), so whether this credential is authentic is unknown. This says nothing against the credential; try again later.",
}
# The rulebook's check ids, in its order, for a credential of this site (one status entry and
# its companion suspension list).
CHECK_IDS = [
    "structure",
    "schema",
    "proof-format",
    "contexts",
    "issuer-key",
    "key-controller",
    "key-status",
    "signature",
    "signed-data",
    "valid-from",
    "valid-until",
    "revocation",
    "suspension",
]
SYMBOL = {"passed": "✓", "failed": "✗", "warning": "!", "not-checked": "?"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback only: a test that would reach the internet fails instead."""
    real = urllib.request.urlopen

    def urlopen(request, *args, **kwargs):
        url = request.full_url if isinstance(request, urllib.request.Request) else request
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            raise urllib.error.URLError(f"network disabled in tests: {url}")
        return real(request, *args, **kwargs)

    monkeypatch.setattr(fetch_module.urllib.request, "urlopen", urlopen)


@dataclass
class Verdicts:
    issuer: Issuer
    out: Path
    tokens: dict[str, str]  # the state each credential is in -> its token

    def file(self, state: str) -> Path:
        return self.issuer.credential_path(self.tokens[state])

    def verify(self, source: object, *args: object, site: Path | None = None) -> Run:
        return self.issuer.run("verify", source, "--site", site or self.out, *args, at=NOW)

    def report(self, source: object, *args: object, site: Path | None = None) -> dict:
        result = self.verify(source, "--json", *args, site=site)
        return json.loads(result.out) | {"exit": result.code}

    def copy_of_build(self, tmp_path: Path) -> Path:
        copied = tmp_path / "build-copy"
        shutil.copytree(self.out, copied)
        return copied

    def signing_key(self) -> SigningKey:
        registry, _ = load_registry(self.issuer.root)
        return load_signing_key(self.issuer.root, BASE_URL, registry, self.issuer.key_file())

    def verify_path(self, tmp_path: Path, document: dict) -> Path:
        """A file of its own for each document written in one test."""
        self._written = getattr(self, "_written", 0) + 1
        return self.write(tmp_path, document, f"credential-{self._written}.json")

    def write(self, tmp_path: Path, document: dict, name: str = "credential.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        return path


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    tmp = tmp_path_factory.mktemp("verdicts")
    site = SiteFolder(tmp / "site-src")
    issuer = Issuer.with_key(site, tmp, {"test-module": MODULE, "expiring": EXPIRING_MODULE})
    verified, revoked, suspended, unpublished = issuer.issue(
        [
            ["Ada Lovelace", "ada@example.org"],
            ["Alan Turing", "alan@example.org"],
            ["Grace Hopper", "grace@example.org"],
            ["Barbara Liskov", "barbara@example.org"],
        ]
    )
    [expired] = issuer.issue(
        [["Edsger Dijkstra", "edsger@example.org"]], "--date", "2026-01-01", module="expiring"
    )
    [future] = issuer.issue(
        [["Donald Knuth", "donald@example.org"]], "--date", "2099-01-01", module="expiring"
    )
    issuer.ok("revoke", revoked, "--reason", "fraud", at="2026-03-03T10:00:00Z")
    issuer.ok("suspend", suspended, "--reason", "appeal", at="2026-03-03T10:01:00Z")
    issuer.ok("unpublish", unpublished, at="2026-03-03T10:02:00Z")
    out = issuer.build()
    tokens = {
        "verified": verified,
        "revoked": revoked,
        "suspended": suspended,
        "expired": expired,
        "not-yet-valid": future,
        "unpublished": unpublished,
    }
    return Verdicts(issuer, out, tokens)


def _human(moment: str) -> str:
    """A date as the verdict line writes it: "2026-01-01 00:00 UTC"."""
    parsed = parse_instant(moment)
    assert parsed is not None
    return human_date(parsed)


def _env(verdicts: Verdicts) -> dict[str, str | None]:
    return verdicts.issuer.env | {"SOURCE_DATE_EPOCH": str(epoch(NOW))}


def _assert_honest(result: Run, report: dict, date: str | None = None) -> None:
    """The text output says exactly what the JSON says; nothing not checked looks passed."""
    lines = result.out.splitlines()
    line = VERDICT_LINES[report["state"]]
    if "{date}" in line and date is None:
        assert re.fullmatch(
            re.escape(line).replace(r"\{date\}", r"-?\+?\d{4,6}-\d\d-\d\d \d\d:\d\d UTC"), lines[-1]
        ), lines[-1]
    else:
        assert lines[-1] == line.format(date=date)
    check_lines = [text for text in lines if text[:2] in {f"{s} " for s in SYMBOL.values()}]
    assert check_lines == [f"{SYMBOL[c['outcome']]} {c['message']}" for c in report["checks"]]
    for check in report["checks"]:
        if check["outcome"] != "passed":
            assert not check["message"].startswith("The issuer has not"), check
    if report["state"] != "verified":
        assert "VERIFIED" not in result.out


# -- every verdict ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "failed"),
    [
        ("verified", None),
        ("revoked", "revocation"),
        ("suspended", "suspension"),
        ("expired", "valid-until"),
        ("not-yet-valid", "valid-from"),
    ],
)
def test_verdict_of_a_credential_file(verdicts: Verdicts, state: str, failed: str | None) -> None:
    text = verdicts.verify(verdicts.file(state))
    report = verdicts.report(verdicts.file(state))
    exit_code = 0 if state == "verified" else 1
    assert (report["state"], report["exit"], text.code) == (state, exit_code, exit_code)
    assert [c["id"] for c in report["checks"]] == CHECK_IDS
    assert [c["id"] for c in report["checks"] if c["outcome"] == "failed"] == (
        [failed] if failed else []
    )
    assert all(c["outcome"] in ("passed", "failed") for c in report["checks"])
    assert report["issuer"] == DID
    assert report["verificationMethod"] == f"{DID}#key-2026-03-01"
    document = json.loads(verdicts.file(state).read_bytes())
    decided_by = {"expired": "validUntil", "not-yet-valid": "validFrom"}.get(state)
    _assert_honest(text, report, _human(document[decided_by]) if decided_by else None)
    assert text.out.splitlines()[:2] == [
        f"issuer: {DID}",
        "        (the web address mc.example.org)",
    ]


def test_json_report_shape(verdicts: Verdicts) -> None:
    report = verdicts.report(verdicts.file("verified"))
    assert set(report) == {"state", "issuer", "verificationMethod", "checks", "exit"}
    for check in report["checks"]:
        assert set(check) == {"id", "outcome", "message", "detail"}
        assert all(isinstance(value, str) for value in check.values())
        assert check["outcome"] in SYMBOL


def test_an_unpublished_credential_still_verifies_as_a_file(verdicts: Verdicts) -> None:
    assert not (verdicts.out / "c" / verdicts.tokens["unpublished"]).exists()
    assert verdicts.report(verdicts.file("unpublished"))["state"] == "verified"


def test_default_site_folder_is_the_build_in_site(verdicts: Verdicts, tmp_path: Path) -> None:
    """In a site's folder, site/ is used without --site (and without network)."""
    built = verdicts.issuer.root / "site"
    shutil.copytree(verdicts.out, built)
    try:
        result = verdicts.issuer.run("verify", verdicts.file("revoked"), "--offline", at=NOW)
        assert (result.code, result.out.splitlines()[-1]) == (1, VERDICT_LINES["revoked"])
    finally:
        shutil.rmtree(built)


# -- invalid -----------------------------------------------------------------------------------


def test_a_tampered_credential_is_invalid(verdicts: Verdicts, tmp_path: Path) -> None:
    document = json.loads(verdicts.file("verified").read_bytes())
    document["credentialSubject"]["achievement"]["creditsAvailable"] = 30
    path = verdicts.write(tmp_path, document)
    text = verdicts.verify(path)
    report = verdicts.report(path)
    assert (report["state"], report["exit"]) == ("invalid", 1)
    signature = next(c for c in report["checks"] if c["id"] == "signature")
    assert signature["outcome"] == "failed"
    outcomes = {c["id"]: c["outcome"] for c in report["checks"]}
    assert outcomes["revocation"] == "not-checked"  # not asked of a forgery
    assert "suspension" not in outcomes
    _assert_honest(text, report)


def test_a_tampered_revoked_credential_is_invalid_not_revoked(
    verdicts: Verdicts, tmp_path: Path
) -> None:
    document = json.loads(verdicts.file("revoked").read_bytes())
    document["validFrom"] = "2026-03-02T10:00:01Z"
    assert verdicts.report(verdicts.write(tmp_path, document))["state"] == "invalid"


def test_not_a_credential(verdicts: Verdicts, tmp_path: Path) -> None:
    cases = {
        "[1, 2, 3]": (
            "This is not a credential: it is not a JSON object.",
            "Not checked, because the file is not a credential that can be read.",
        ),
        '{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}': (
            "The credential is not well formed: it does not name its issuer with an absolute identifier; it does not say whom it is about (credentialSubject).",
            "The credential carries no signature (proof), so nothing proves who issued it.",
        ),
    }
    for text, (structure, second) in cases.items():
        path = tmp_path / "odd.json"
        path.write_text(text, encoding="utf-8")
        report = verdicts.report(path)
        assert (report["state"], report["exit"]) == ("invalid", 1)
        assert [c["id"] for c in report["checks"]] == CHECK_IDS[:-1]
        assert report["checks"][0] == {
            "id": "structure",
            "outcome": "failed",
            "message": structure,
            "detail": "",
        }
        assert report["checks"][2]["message"] == second
        assert all(c["outcome"] != "passed" for c in report["checks"])
    path = tmp_path / "not.json"
    path.write_text("{ not json", encoding="utf-8")
    result = verdicts.verify(path)
    assert result.code == 1 and result.out == ""
    assert result.error_lines()[0].startswith(f"error: {path}: ")
    assert "(Expecting property name enclosed in double quotes" in result.err
    missing = tmp_path / "missing.json"
    result = verdicts.verify(missing)
    assert result.error_lines() == [f"error: {missing}: cannot read (No such file or directory)"]


# -- status unknown ----------------------------------------------------------------------------


def _damaged(verdicts: Verdicts, tmp_path: Path, purpose: str, damage) -> Path:
    site = verdicts.copy_of_build(tmp_path)
    path = site / "status" / f"{purpose}-1.json"
    damage(path)
    return site


def _resign(verdicts: Verdicts, key: SigningKey, **changes) -> bytes:
    """A status list made and signed here: all bits clear, with ``changes`` applied."""
    number = changes.pop("number", 1)
    encoded = changes.pop("encoded", None)
    document = list_credential(
        BASE_URL, "revocation", number, Bitstring.zeros(), parse_timestamp(NOW), 90
    )
    if encoded is not None:
        document["credentialSubject"]["encodedList"] = encoded
    document.update(changes)
    return sign_list(document, key, BASE_URL, parse_timestamp(NOW))


def _short_list() -> str:
    """A validly encoded list with no entries: it cannot hold the credential's index. (A list
    that is merely shorter than the spec's minimum is read, with a warning: tests/edge_model.py.)"""
    compressed = gzip.compress(b"", mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def _status_unknown_cases(verdicts: Verdicts) -> dict:
    real = verdicts.signing_key()
    stranger = SigningKey(real.key_id, generate("x").private_key)
    return {
        "missing": (lambda p: p.unlink(), "is not in the built site"),
        "not-json": (lambda p: p.write_text("<html>Not found</html>"), "not JSON"),
        "truncated": (
            lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
            "not JSON",
        ),
        "edited-bits": (
            lambda p: p.write_text(
                p.read_text().replace(
                    json.loads(p.read_text())["credentialSubject"]["encodedList"],
                    Bitstring.zeros().encode(),
                )
            ),
            "its signature is not valid",
        ),
        "signed-by-someone-else": (
            lambda p: p.write_bytes(_resign(verdicts, stranger)),
            "its signature is not valid",
        ),
        "issued-by-someone-else": (  # but signed with the site's key: not by whom it names
            lambda p: p.write_bytes(_resign(verdicts, real, issuer="did:web:evil.example")),
            "its signing key could not be confirmed: The key is controlled by",
        ),
        "too-short": (
            lambda p: p.write_bytes(_resign(verdicts, real, encoded=_short_list())),
            "RANGE_ERROR",
        ),
    }


@pytest.mark.parametrize(
    "damage",
    [
        "missing",
        "not-json",
        "truncated",
        "edited-bits",
        "signed-by-someone-else",
        "issued-by-someone-else",
        "too-short",
    ],
)
def test_a_revocation_list_that_cannot_be_read_makes_the_status_unknown(
    verdicts: Verdicts, tmp_path: Path, damage: str
) -> None:
    change, detail = _status_unknown_cases(verdicts)[damage]
    site = _damaged(verdicts, tmp_path, "revocation", change)
    for state in ("revoked", "verified"):  # a revoked credential must not turn into a pass
        text = verdicts.verify(verdicts.file(state), site=site)
        report = verdicts.report(verdicts.file(state), site=site)
        assert (report["state"], report["exit"]) == ("status-unknown", 1), report
        revocation = next(c for c in report["checks"] if c["id"] == "revocation")
        assert revocation["outcome"] == "not-checked"
        assert detail in revocation["detail"]
        _assert_honest(text, report)
        assert f"? {revocation['message']}" in text.out


def test_another_list_of_the_issuer_at_the_lists_address_passes_with_a_warning(
    verdicts: Verdicts, tmp_path: Path
) -> None:
    """The issuer's signed list served at another list's address is read (third-party verifiers
    do not compare a list's id with its address, and real lists have moved): a clear bit passes,
    with a warning naming both addresses, since the host could be serving another of the
    issuer's lists there (docs/verification.md, "Status"). The build still refuses such a list
    of its own (tests/test_status.py)."""
    real = verdicts.signing_key()
    site = _damaged(
        verdicts, tmp_path, "revocation", lambda p: p.write_bytes(_resign(verdicts, real, number=2))
    )
    for state in ("revoked", "verified"):
        report = verdicts.report(verdicts.file(state), site=site)
        assert (report["state"], report["exit"]) == ("verified", 0), report
        revocation = next(c for c in report["checks"] if c["id"] == "revocation")
        assert revocation["outcome"] == "warning"
        assert (
            f"calls itself '{BASE_URL}status/revocation-2.json', not {BASE_URL}status/revocation-1.json"
            in revocation["message"]
        )


def test_a_suspension_list_that_is_not_published_means_not_suspended(
    verdicts: Verdicts, tmp_path: Path
) -> None:
    site = _damaged(verdicts, tmp_path, "suspension", lambda p: p.unlink())
    report = verdicts.report(verdicts.file("suspended"), site=site)
    suspension = next(c for c in report["checks"] if c["id"] == "suspension")
    assert suspension["message"] == (
        "The issuer publishes no suspension list for this credential, so it is not suspended."
    )
    assert report["state"] == "verified"


@pytest.mark.parametrize("damage", ["not-json", "truncated", "signed-by-someone-else"])
def test_a_suspension_list_that_cannot_be_read_makes_the_status_unknown(
    verdicts: Verdicts, tmp_path: Path, damage: str
) -> None:
    change = {
        "not-json": lambda p: p.write_text("<html>Server error</html>"),
        "truncated": lambda p: p.write_bytes(p.read_bytes()[:100]),
        "signed-by-someone-else": lambda p: p.write_bytes(
            sign_list(
                _unsigned(p),
                SigningKey("key-2026-03-01", generate("x").private_key),
                BASE_URL,
                parse_timestamp(NOW),
            )
        ),
    }[damage]
    site = _damaged(verdicts, tmp_path, "suspension", change)
    for state in ("suspended", "verified"):
        text = verdicts.verify(verdicts.file(state), site=site)
        report = verdicts.report(verdicts.file(state), site=site)
        assert (report["state"], report["exit"]) == ("status-unknown", 1), report
        assert next(c for c in report["checks"] if c["id"] == "suspension")["outcome"] == (
            "not-checked"
        )
        _assert_honest(text, report)


def _unsigned(path: Path) -> dict:
    document = json.loads(path.read_bytes())
    document.pop("proof")
    return document


def test_a_suspension_list_the_server_fails_to_give_is_not_a_pass(verdicts: Verdicts) -> None:
    """A server error or a timeout says nothing about suspension; only 'not found' does."""
    credential = json.loads(verdicts.file("suspended").read_bytes())
    documents = {
        f"{BASE_URL}.well-known/did.json": json.loads(
            (verdicts.out / ".well-known" / "did.json").read_bytes()
        ),
        f"{BASE_URL}status/revocation-1.json": json.loads(
            (verdicts.out / "status" / "revocation-1.json").read_bytes()
        ),
    }
    outcomes = {}
    for name, error in {
        "server-error": FetchError("the server answered 500 Internal Server Error"),
        "timeout": FetchError("could not be fetched (timed out)"),
        "not-found": FetchError("the server answered 404 Not Found", missing=True),
    }.items():

        def fail(url: str, error: FetchError = error):
            raise error

        report = verify_credential(
            credential, mapping_fetcher(documents, fail), parse_timestamp(NOW)
        )
        outcomes[name] = (report.state, report.outcome("suspension"))
    assert outcomes == {
        "server-error": ("status-unknown", "not-checked"),
        "timeout": ("status-unknown", "not-checked"),
        "not-found": ("verified", "passed"),
    }


@contextlib.contextmanager
def _server(directory: Path, failing: dict[str, int]) -> Iterator[str]:
    """A loopback server for a folder that answers ``failing`` paths with an HTTP error."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            for suffix, code in failing.items():
                if self.path.endswith(suffix):
                    self.send_error(code)
                    return
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serve_folder(directory, Handler) as address:
        yield address


def test_the_network_fetcher_tells_not_found_from_failure(verdicts: Verdicts) -> None:
    fetch = fetch_module.network_fetcher(allow_loopback_http=True)
    with _server(verdicts.out, {"gone.json": 410, "broken.json": 500}) as url:
        assert (
            fetch(url + "status/revocation-1.json")["id"] == f"{BASE_URL}status/revocation-1.json"
        )
        errors = {}
        for name in ("nothing-here.json", "gone.json", "broken.json", "c/"):
            with pytest.raises(FetchError) as caught:
                fetch(url + name)
            errors[name] = (caught.value.missing, str(caught.value).split(": ", 1)[1][:30])
    assert errors == {
        "nothing-here.json": (True, "the server answered 404 File n"),
        "gone.json": (True, "the server answered 410 Gone"),
        "broken.json": (False, "the server answered 500 Intern"),
        "c/": (False, "not JSON (Expecting value: lin"),
    }
    with pytest.raises(FetchError, match="only https:// addresses are fetched"):
        fetch_module.network_fetcher()(url + "did.json")


# -- could not check ---------------------------------------------------------------------------


def test_offline_without_a_local_build_could_not_check(verdicts: Verdicts, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args = ["--root", elsewhere, "verify", verdicts.file("verified"), "--offline"]
    text = run_cli(args, _env(verdicts))
    report = json.loads(run_cli([*args, "--json"], _env(verdicts)).out)
    assert (report["state"], text.code) == ("error", 1)
    key = next(c for c in report["checks"] if c["id"] == "issuer-key")
    assert key["outcome"] == "not-checked"
    assert key["detail"] == (
        f"{BASE_URL}.well-known/did.json is not part of this site and fetching from the network is off"
    )
    outcomes = {c["id"]: c["outcome"] for c in report["checks"]}
    assert [outcomes[i] for i in ("signature", "valid-from", "revocation")] == ["not-checked"] * 3
    assert "suspension" not in outcomes
    _assert_honest(text, report)


@pytest.mark.parametrize("damage", ["missing", "not-json"])
def test_an_unreadable_did_document_could_not_check(
    verdicts: Verdicts, tmp_path: Path, damage: str
) -> None:
    site = verdicts.copy_of_build(tmp_path)
    did = site / ".well-known" / "did.json"
    if damage == "missing":
        did.unlink()
    else:
        did.write_text("<html>", encoding="utf-8")
    report = verdicts.report(verdicts.file("revoked"), site=site)
    assert (report["state"], report["exit"]) == ("error", 1)
    assert next(c for c in report["checks"] if c["id"] == "issuer-key")["outcome"] == "not-checked"


def test_a_did_document_without_the_key_is_invalid(verdicts: Verdicts, tmp_path: Path) -> None:
    site = verdicts.copy_of_build(tmp_path)
    did = site / ".well-known" / "did.json"
    document = json.loads(did.read_bytes())
    document["verificationMethod"][0]["publicKeyMultibase"] = encode_public_key(
        Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    )
    did.write_text(json.dumps(document), encoding="utf-8")
    report = verdicts.report(verdicts.file("verified"), site=site)
    assert (report["state"], report["exit"]) == ("invalid", 1)
    assert next(c for c in report["checks"] if c["id"] == "signature")["outcome"] == "failed"


def test_site_option_must_name_a_usable_build(verdicts: Verdicts, tmp_path: Path) -> None:
    missing = tmp_path / "not-built"
    result = verdicts.verify(verdicts.file("verified"), site=missing)
    assert result.error_lines() == [
        f"error: --site {missing}: no such folder (build the site first)"
    ]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli(
        ["--root", elsewhere, "verify", verdicts.file("verified"), "--site", verdicts.out],
        _env(verdicts),
    )
    assert result.error_lines() == [
        f"error: --site needs the site's folder, for its address: run in it or pass --root (no site.yaml in {elsewhere})"
    ]


# -- verify URL --------------------------------------------------------------------------------


def test_verify_url_of_a_served_build(verdicts: Verdicts, serve_dir) -> None:
    url = serve_dir(verdicts.out)
    for state in ("verified", "revoked", "suspended", "expired", "not-yet-valid"):
        token = verdicts.tokens[state]
        for address in (f"{url}c/{token}/", f"{url}c/{token}/credential.json"):
            text = verdicts.verify(address)
            report = verdicts.report(address)
            assert (report["state"], text.code) == (state, int(state != "verified")), address
            _assert_honest(text, report)
    gone = f"{url}c/{verdicts.tokens['unpublished']}/"
    result = verdicts.verify(gone)
    assert result.error_lines() == [
        f"error: {gone}credential.json: the server answered 404 File not found"
    ]
    result = verdicts.issuer.run("verify", gone, "--offline", at=NOW)
    assert result.error_lines() == ["error: --offline: cannot fetch a URL"]


# -- did:key -----------------------------------------------------------------------------------


def _did_key_credential(verdicts: Verdicts, status: bool) -> tuple[dict, Ed25519PrivateKey]:
    private = Ed25519PrivateKey.generate()
    public = encode_public_key(private.public_key().public_bytes_raw())
    did = f"did:key:{public}"
    document = copy.deepcopy(json.loads(verdicts.file("verified").read_bytes()))
    document.pop("proof")
    document["issuer"]["id"] = did
    document["credentialSubject"]["achievement"]["creator"]["id"] = did
    if not status:
        document.pop("credentialStatus")
    return sign(
        document, private, f"{did}#{public}", parse_timestamp("2026-03-02T10:00:00Z")
    ), private


def test_a_did_key_credential_verifies_offline(verdicts: Verdicts, tmp_path: Path) -> None:
    credential, _ = _did_key_credential(verdicts, status=False)
    path = verdicts.write(tmp_path, credential)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args = ["--root", elsewhere, "verify", path, "--offline"]
    text = run_cli(args, _env(verdicts))
    report = json.loads(run_cli([*args, "--json"], _env(verdicts)).out)
    assert (report["state"], text.code) == ("verified", 0), report
    assert report["issuer"] == credential["issuer"]["id"]
    assert report["verificationMethod"] == credential["proof"]["verificationMethod"]
    revocation = next(c for c in report["checks"] if c["id"] == "revocation")
    assert revocation == {
        "id": "revocation",
        "outcome": "warning",
        "message": "The issuer publishes no revocation status for this credential, so it cannot be revoked.",
        "detail": "",
    }
    _assert_honest(text, report)

    credential["credentialSubject"]["achievement"]["name"] = "Something else"
    tampered = verdicts.write(tmp_path, credential, "tampered.json")
    report = json.loads(
        run_cli(
            ["--root", elsewhere, "verify", tampered, "--offline", "--json"], _env(verdicts)
        ).out
    )
    assert report["state"] == "invalid"


def test_a_did_key_credential_with_a_status_offline_is_status_unknown(
    verdicts: Verdicts, tmp_path: Path
) -> None:
    credential, _ = _did_key_credential(verdicts, status=True)
    path = verdicts.write(tmp_path, credential)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli(["--root", elsewhere, "verify", path, "--offline", "--json"], _env(verdicts))
    report = json.loads(result.out)
    assert (report["state"], result.code) == ("status-unknown", 1)


def test_a_did_key_that_is_not_the_issuer_is_invalid(verdicts: Verdicts, tmp_path: Path) -> None:
    """Signed with some did:key, claiming the site's did:web as issuer."""
    credential, private = _did_key_credential(verdicts, status=False)
    credential.pop("proof")
    credential["issuer"]["id"] = DID
    public = encode_public_key(private.public_key().public_bytes_raw())
    forged = sign(credential, private, f"did:key:{public}#{public}", parse_timestamp(NOW))
    report = verdicts.report(verdicts.write(tmp_path, forged))
    assert (report["state"], report["exit"]) == ("invalid", 1)
    controller = next(c for c in report["checks"] if c["id"] == "key-controller")
    assert controller["outcome"] == "failed"
    assert f"not by the issuer '{DID}'" in controller["message"]


def test_an_issuer_under_a_path_is_named_with_its_path(
    verdicts: Verdicts, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """did:web:<host>:<path> is whoever publishes under that path of the host, not the host's
    owner: the command line names the whole address (issue 11, item 8)."""
    print_report(Report(issuer="did:web:org.github.io:evil"))
    assert "(the web address org.github.io/evil)" in capsys.readouterr().out


@pytest.mark.parametrize("bad_type", [{"x": 1}, ["VerifiableCredential", ["x"]], 7])
def test_a_type_that_is_not_text_is_a_verdict_not_a_crash(
    verdicts: Verdicts, tmp_path: Path, bad_type: object
) -> None:
    document = json.loads(verdicts.file("verified").read_bytes())
    document["type"] = bad_type
    result = verdicts.verify(verdicts.write(tmp_path, document))
    assert result.code == 1
    assert "Traceback" not in result.err
    assert verdicts.report(verdicts.write(tmp_path, document))["state"] == "invalid"


def test_an_https_key_is_read_from_its_controller_document() -> None:
    """An https key id names its controller document (VC Controller Documents), as in
    1EdTech's fixtures; the document must be that controller's, else the key is not the issuer's."""
    controller = "https://issuer.example/issuers/1"
    public = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    method = {
        "id": f"{controller}#key-1",
        "type": "Multikey",
        "controller": controller,
        "publicKeyMultibase": encode_public_key(public),
    }
    document = {"id": controller, "verificationMethod": [method], "assertionMethod": [method["id"]]}
    fetch = mapping_fetcher({controller: document})
    key = resolve_key(f"{controller}#key-1", fetch)
    assert (key.id, key.method, key.controller, key.document_url) == (
        method["id"],
        "https",
        controller,
        controller,
    )
    assert key.public_key.raw == public
    wrong = mapping_fetcher({controller: {**document, "id": "https://elsewhere.example/"}})
    with pytest.raises(
        KeyProblemError, match=r"is not the document of https://issuer\.example/issuers/1$"
    ):
        resolve_key(f"{controller}#key-1", wrong)
    with pytest.raises(KeyProblemError, match="keys named by 'urn:' identifiers are not supported"):
        resolve_key("urn:x#k", fetch)


@pytest.mark.parametrize(
    ("document_id", "url"),
    [
        ("did:web:evil.example", "https://evil.example/.well-known/did.json"),
        ("https://evil.example/keys", "https://evil.example/keys"),
    ],
)
def test_a_key_listed_under_another_controller_is_nobodys(
    verdicts: Verdicts, document_id: str, url: str
) -> None:
    """A document can only publish its own keys: one that lists a key with the site's DID as
    its ``controller`` cannot sign for the site, nor for itself."""
    private = Ed25519PrivateKey.generate()
    key_id = f"{document_id}#k"
    method = {
        "id": key_id,
        "type": "Multikey",
        "controller": DID,
        "publicKeyMultibase": encode_public_key(private.public_key().public_bytes_raw()),
    }
    fetch = mapping_fetcher(
        {url: {"id": document_id, "verificationMethod": [method], "assertionMethod": [key_id]}}
    )
    unsigned = json.loads(verdicts.file("verified").read_bytes())
    unsigned.pop("proof")
    for issuer in (DID, document_id):
        unsigned["issuer"]["id"] = issuer
        forged = sign(unsigned, private, key_id, parse_timestamp("2026-03-02T10:00:00Z"))
        report = verify_credential(forged, fetch, parse_timestamp(NOW))
        outcomes = {c.id: c for c in report.checks}
        assert report.state == "invalid"
        assert outcomes["issuer-key"].outcome == "passed"
        assert outcomes["key-controller"].outcome == "failed"
        assert outcomes["key-controller"].message == (
            f"The key was published by {document_id}, but names {DID} as its owner. A document "
            "can only publish its own keys, so this key does not show who issued the credential."
        )
