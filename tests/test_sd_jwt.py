"""SD-JWT VCs (credsite.standards.jose.sd_jwt_vc and the browser's jose/sd-jwt-vc.js): each case
of tests/sd_jwt_cases.py gets its verdict from the Python verifier, and the browser verifier
reaches the same verdict through the same checks; the Token Status List and issuer metadata rules
on their own."""

from __future__ import annotations

import json
import shutil
import subprocess
import zlib
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from credsite.base.errors import VerificationError
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.jose.issuer_metadata import metadata_url
from credsite.standards.jose.sd_jwt import DisclosureError, SdJwt, looks_like_sd_jwt, parse, process
from credsite.standards.jose.token_status import inflate, reference_of, status_value
from credsite.standards.reports import FetchError
from credsite.standards.verification import verify_text

from .sd_jwt_cases import NOW, Case, b64, cases, digest, disclosure
from .test_verifier_agreement import SHARED

TOOL = Path(__file__).resolve().parent.parent / "browser" / "tools" / "verify.mjs"


@cache
def _cases() -> tuple[Case, ...]:
    return tuple(cases())


def _python(case: Case) -> tuple[str, list[list[str]]]:
    def unreachable(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    fetch = mapping_fetcher(case.network, unreachable)
    report = verify_text(case.text, fetch, datetime.fromisoformat(NOW))
    return report.state, [[c.id, c.outcome] for c in report.checks if c.id in SHARED]


@pytest.mark.parametrize("index", range(len(_cases())), ids=[c.name for c in _cases()])
def test_python_verdict(index: int) -> None:
    case = _cases()[index]
    state, checks = _python(case)
    assert state == case.expected, checks


@pytest.mark.node
@pytest.mark.slow
def test_browser_agrees() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    items = [{"text": c.text, "network": c.network} for c in _cases()]
    done = subprocess.run(
        [node, str(TOOL)],
        input=json.dumps({"network": {}, "now": NOW, "cases": items}),
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(done.stdout)
    differ = []
    for case, result in zip(_cases(), results, strict=True):
        browser = (
            result.get("state", "refused"),
            [c for c in result.get("checks", []) if c[0] in SHARED],
        )
        if browser != _python(case):
            differ.append((case.name, _python(case), browser))
    assert differ == []


def test_sd_jwt_text_is_recognised() -> None:
    case = _cases()[0]
    assert looks_like_sd_jwt(case.text)
    assert not looks_like_sd_jwt(case.text.split("~")[0])
    assert not looks_like_sd_jwt('{"a": "x.y.z~"}')


# -- Token Status List (draft-ietf-oauth-status-list, "Status List" examples)


def test_status_list_examples_of_the_draft() -> None:
    one = {"bits": 1, "lst": b64(bytes.fromhex("78dadbb918000217015d"))}
    assert [status_value(one, i) for i in range(16)] == [
        1,
        0,
        0,
        1,
        1,
        1,
        0,
        1,
        1,
        1,
        0,
        0,
        0,
        1,
        0,
        1,
    ]
    two = {"bits": 2, "lst": b64(bytes.fromhex("78da3be9f2130003df0207"))}
    assert [status_value(two, i) for i in range(12)] == [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]


@pytest.mark.parametrize(
    "status_list",
    [
        {"bits": 3, "lst": b64(zlib.compress(b"\0"))},
        {"bits": 1, "lst": b64(zlib.compress(b"\0")) + "="},
        {"bits": 1, "lst": b64(zlib.compress(b"\0") + b"x")},
        {"bits": 1, "lst": b64(zlib.compress(b"\0")[:-1])},
        {"bits": 1, "lst": b64(b"\0")},
        {"bits": 1},
    ],
)
def test_malformed_status_lists_are_refused(status_list: dict[str, Any]) -> None:
    with pytest.raises(VerificationError):
        status_value(status_list, 0)


def test_an_index_beyond_the_list_is_refused() -> None:
    listed = {"bits": 1, "lst": b64(zlib.compress(b"\0"))}
    assert status_value(listed, 7) == 0
    with pytest.raises(VerificationError, match="beyond the end"):
        status_value(listed, 8)


def test_a_list_that_expands_beyond_the_limit_is_refused() -> None:
    with pytest.raises(VerificationError, match="more than"):
        inflate(zlib.compress(b"\0" * (16 * 1024 * 1024 + 1)))


@pytest.mark.parametrize(
    ("status", "problem"),
    [
        ({"status_list": {"idx": -1, "uri": "https://x.example/1"}}, "idx"),
        ({"status_list": {"idx": True, "uri": "https://x.example/1"}}, "idx"),
        ({"status_list": {"idx": 0, "uri": "http://x.example/1"}}, "uri"),
        ({"other": {}}, "names no status list"),
        ([], "not a JSON object"),
    ],
)
def test_malformed_status_references(status: object, problem: str) -> None:
    found = reference_of(status)
    assert isinstance(found, str) and problem in found


# -- JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc)


@pytest.mark.parametrize(
    ("iss", "url"),
    [
        ("https://example.com", "https://example.com/.well-known/jwt-vc-issuer"),
        ("https://example.com/", "https://example.com/.well-known/jwt-vc-issuer"),
        (
            "https://example.com/tenant/1234",
            "https://example.com/.well-known/jwt-vc-issuer/tenant/1234",
        ),
        ("https://example.com:8443/t/", "https://example.com:8443/.well-known/jwt-vc-issuer/t"),
    ],
)
def test_metadata_address(iss: str, url: str) -> None:
    assert metadata_url(iss) == url


@pytest.mark.parametrize(
    "iss", ["http://example.com", "https://example.com/?q=1", "https://example.com/#x", "did:web:x"]
)
def test_metadata_address_refused(iss: str) -> None:
    with pytest.raises(VerificationError):
        metadata_url(iss)


def test_the_learning_credential_checks_in_order() -> None:
    case = _cases()[0]
    fetch = mapping_fetcher(case.network)
    report = verify_text(case.text, fetch, datetime.fromisoformat(NOW))
    assert [c.id for c in report.checks] == [
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
    ]
    assert report.issuer == "https://issuer.example/tenant"


# -- the Disclosure rules of RFC 9901 section 7.1 (the browser's twin: browser/test/sd-jwt.test.js)


def _sd_jwt(payload: dict[str, Any], disclosures: list[str]) -> SdJwt:
    header = b64(json.dumps({"alg": "ES256", "typ": "dc+sd-jwt"}).encode())
    jwt = f"{header}.{b64(json.dumps(payload).encode())}.{b64(bytes(64))}"
    return parse("~".join([jwt, *disclosures]) + "~")


def test_disclosures_are_put_in_place() -> None:
    given, element, proto = (
        disclosure("s1", "given_name", "Ada"),
        disclosure("s2", "one"),
        disclosure("s3", "__proto__", {}),
    )
    payload = {
        "_sd": [digest(given), digest("decoy"), digest(proto)],
        "list": [{"...": digest(element)}, {"...": digest("decoy2")}, "two"],
        "_sd_alg": "sha-256",
    }
    claims = process(_sd_jwt(payload, [given, element, proto]), "sha-256")
    assert claims == {"given_name": "Ada", "list": ["one", "two"], "__proto__": {}}


def _refusals() -> list[tuple[dict[str, Any], list[str], str]]:
    given, element = disclosure("s1", "given_name", "Ada"), disclosure("s2", "one")
    reserved, status, inner = (
        disclosure("s4", "...", 1),
        disclosure("s5", "status", {}),
        disclosure("s6", "idx", 1),
    )
    return [
        ({"_sd": [digest(given), digest(given)]}, [given], "more than once"),
        ({"_sd": []}, [given], "not referenced"),
        ({"_sd": [digest(given)]}, [given, given], "twice"),
        ({"_sd": [digest(element)]}, [element], "no claim name"),
        ({"list": [{"...": digest(given)}]}, [given], "has a claim name"),
        ({"given_name": "Eve", "_sd": [digest(given)]}, [given], "already there"),
        ({"_sd": "x"}, [], "not a list of digests"),
        ({"_sd": [digest(reserved)]}, [reserved], "reserved"),
        ({"_sd": [digest(status)]}, [status], "does not allow"),
        ({"status": {"status_list": {"_sd": [digest(inner)]}}}, [inner], "does not allow"),
    ]


@pytest.mark.parametrize(("payload", "disclosures", "problem"), _refusals())
def test_disclosure_rules_refuse(
    payload: dict[str, Any], disclosures: list[str], problem: str
) -> None:
    with pytest.raises(DisclosureError, match=problem):
        process(_sd_jwt(payload, disclosures), "sha-256")
