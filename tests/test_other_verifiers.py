"""What a verifier that is not credsite's makes of credsite's credentials.

The Digital Credentials Consortium's verifier-core (npm ``@digitalcredentials/verifier-core``,
pinned in browser/package.json; the library behind VerifierPlus and the Learner Credential
Wallet) runs over credentials issued, revoked and suspended by a throwaway site, and over the
example site's credentials, with the built sites served on 127.0.0.1. browser/tools/verifier-core.mjs
sends every did:web, status-list and schema request to these local servers and refuses the rest.

Open Badges 3.0 allows one ``credentialStatus`` per credential, so credsite's credentials carry
their revocation entry only and suspension lives in a companion list that only credsite's
verifiers know (docs/credential-mapping.md). These tests pin both halves of what the docs say:
other verifiers see revocations, and they do not see suspensions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from credsite.commands.status import SUSPENSION_NOTE
from credsite.standards.fetch import site_fetcher
from credsite.standards.verification import verify_credential

from .conftest import REPO, SiteFolder
from .issuer_site import BASE_URL, Issuer, schema_errors

RUNNER = REPO / "browser" / "tools" / "verifier-core.mjs"
PACKAGE = REPO / "browser" / "node_modules" / "@digitalcredentials" / "verifier-core"
SCHEMAS = REPO / "credsite" / "data" / "schemas"
# verifier-core guesses the Open Badges schema from the context and fetches it from here.
SCHEMA_URL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
EXAMPLE_URL = "https://microcredentials.hogeschool-voorbeeld.nl/"
LEARNERS = [
    ["Ada Lovelace", "ada@example.org"],
    ["Alan Turing", "alan@example.org"],
    ["Grace Hopper", "grace@example.org"],
]
# Steps of verifier-core's log that judge the credential (registered_issuer is about trust lists).
JUDGING = ("valid_signature", "expiration", "revocation_status", "suspension_status")

Serve = Callable[[Path], str]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not PACKAGE.is_dir():
        pytest.fail(
            "browser/node_modules lacks @digitalcredentials/verifier-core: run `npm ci` in browser/"
        )
    return node


def run_verifier_core(
    credentials: Mapping[str, Any], routes: Mapping[str, str]
) -> dict[str, dict[str, Any]]:
    """verifier-core's summary per credential; fails if it asked for anything not served here."""
    completed = subprocess.run(
        [_node(), str(RUNNER)],
        input=json.dumps({"routes": dict(routes), "credentials": dict(credentials)}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    answer = json.loads(completed.stdout)
    assert answer["blocked"] == [], f"verifier-core reached for the network: {answer['blocked']}"
    return answer["results"]


def failed_steps(result: Mapping[str, Any]) -> list[str]:
    """The judging steps verifier-core did not pass, or its fatal errors (a signature it could
    not check is a fatal error, not a log step)."""
    if result["errors"]:
        return [f"error:{e['name']}" for e in result["errors"]]
    steps = {step["id"]: step for step in result["log"]}
    assert "valid_signature" in steps and "expiration" in steps, result
    return [name for name in JUDGING if name in steps and steps[name]["valid"] is not True]


def _credsite_state(document: Mapping[str, Any], out: Path, base_url: str) -> str:
    now = datetime.now(UTC)
    return verify_credential(dict(document), site_fetcher(out, base_url), now).state


@pytest.fixture
def issued(site: SiteFolder, tmp_path: Path) -> tuple[Issuer, dict[str, str], Path]:
    """Three credentials from a throwaway site: one left alone, one revoked, one suspended, and
    the site built with the lists that say so. Revoke and suspend run at the real time, so the
    lists are as fresh as a site's would be when a verifier reads them."""
    issuer = Issuer.with_key(site, tmp_path)
    issued_, revoked, suspended = issuer.issue(LEARNERS)
    issuer.ok("revoke", revoked, "--reason", "Issued in error")
    issuer.ok("suspend", suspended, "--reason", "Appeal under review")
    tokens = {"issued": issued_, "revoked": revoked, "suspended": suspended}
    return issuer, tokens, issuer.build()


@pytest.mark.slow
@pytest.mark.node
def test_verifier_core_sees_revocation_but_not_suspension(
    issued: tuple[Issuer, dict[str, str], Path], serve_dir: Serve
) -> None:
    issuer, tokens, out = issued
    credentials = {label: issuer.credential(token) for label, token in tokens.items()}
    routes = {BASE_URL: serve_dir(out), SCHEMA_URL: serve_dir(SCHEMAS)}
    results = run_verifier_core(credentials, routes)

    # credsite's own verifier, for comparison: all three states are seen
    states = {label: _credsite_state(c, out, BASE_URL) for label, c in credentials.items()}
    assert states == {"issued": "verified", "revoked": "revoked", "suspended": "suspended"}

    assert failed_steps(results["issued"]) == []
    assert failed_steps(results["revoked"]) == ["revocation_status"]
    # The gap that docs/publishing.md §6 and the page state: a suspended credential looks valid
    # elsewhere, because its one status entry is for revocation.
    assert failed_steps(results["suspended"]) == []
    for label, result in results.items():
        logged = [step["id"] for step in result["log"]]
        assert logged.count("revocation_status") == 1, (label, logged)
        assert "suspension_status" not in logged, (label, logged)
        # verifier-core also checks the Open Badges schema it guesses; ours passes it
        assert result["schema"] == [
            {"schema": SCHEMA_URL + "ob_v3p0_achievementcredential_schema.json", "valid": True}
        ], label


def _with_both_entries(issuer: Issuer, token: str) -> dict[str, Any]:
    """The credential as it would be if it carried its suspension entry too (a list of two),
    signed again with the site's key."""
    from credsite.issuer.keys import load_registry, load_signing_key
    from credsite.standards.proofs import sign

    document = issuer.credential(token)
    proof = document.pop("proof")[0]
    revocation = document["credentialStatus"]
    list_url = revocation["statusListCredential"].replace("/revocation-", "/suspension-")
    suspension = {
        **revocation,
        "id": f"{list_url}#{revocation['statusListIndex']}",
        "statusPurpose": "suspension",
        "statusListCredential": list_url,
    }
    document["credentialStatus"] = [revocation, suspension]
    registry, _ = load_registry(issuer.root)
    key = load_signing_key(issuer.root, BASE_URL, registry, issuer.key_file())
    signed = sign(document, key.private_key, proof["verificationMethod"], proof["created"])
    signed["proof"] = [signed["proof"]]
    return signed


@pytest.mark.slow
@pytest.mark.node
def test_two_status_entries_would_break_the_open_badges_schema(
    issued: tuple[Issuer, dict[str, str], Path], serve_dir: Serve
) -> None:
    """Why credsite does not carry both entries: verifier-core would see the suspension, but the
    credential would no longer follow the Open Badges 3.0 JSON Schema (credentialStatus is one
    object), which the 1EdTech validator checks before the signature and refuses."""
    issuer, tokens, out = issued
    both = _with_both_entries(issuer, tokens["suspended"])
    routes = {BASE_URL: serve_dir(out), SCHEMA_URL: serve_dir(SCHEMAS)}
    result = run_verifier_core({"both": both}, routes)["both"]

    assert failed_steps(result) == ["suspension_status"]
    assert result["schema"] == [
        {"schema": SCHEMA_URL + "ob_v3p0_achievementcredential_schema.json", "valid": False}
    ]
    for name, errors in schema_errors(both).items():
        assert errors and all(e.startswith("credentialStatus: ") for e in errors), (name, errors)


@pytest.mark.slow
@pytest.mark.node
def test_verifier_core_agrees_on_the_example_credentials(
    example_site: Path, serve_dir: Serve
) -> None:
    folder = REPO / "content" / "credentials"
    credentials = {p.stem: json.loads(p.read_bytes()) for p in sorted(folder.glob("*.json"))}
    routes = {EXAMPLE_URL: serve_dir(example_site), SCHEMA_URL: serve_dir(SCHEMAS)}
    results = run_verifier_core(credentials, routes)

    expected = {
        "verified": [],
        "revoked": ["revocation_status"],
        "suspended": [],  # not seen elsewhere: see the test above
        "expired": ["expiration"],
    }
    seen: dict[str, list[str]] = {}
    for token, document in credentials.items():
        state = _credsite_state(document, example_site, EXAMPLE_URL)
        assert state in expected, (token, state)
        assert failed_steps(results[token]) == expected[state], (token, state, results[token])
        seen.setdefault(state, []).append(token)
    assert {"verified", "revoked", "suspended"} <= seen.keys(), seen


def test_staff_are_told_that_other_verifiers_do_not_see_a_suspension(
    site: SiteFolder, tmp_path: Path
) -> None:
    issuer = Issuer.with_key(site, tmp_path)
    token, other = issuer.issue(LEARNERS[:2])
    revoked = issuer.ok("revoke", other, "--reason", "Issued in error")
    assert SUSPENSION_NOTE not in revoked.out  # every verifier sees a revocation
    result = issuer.ok("suspend", token, "--reason", "Appeal under review")
    assert result.out.splitlines() == [
        f"credential {token} suspended; status lists re-signed. Commit content/status, then build and publish.",
        "note: only credsite's verifiers (the credential's page, /verify/ and `verify`) see a"
        " suspension; wallets and other verifiers keep showing the credential as valid."
        " Revoke it if every verifier must refuse it.",
    ]
    assert result.err == ""
