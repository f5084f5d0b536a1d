"""The Python and browser verifiers judge JOSE-secured credentials alike (issue 13, D6): JWTs made
here with throwaway keys (RS256, ES256, ES384, EdDSA; the key in the jwk header, or named by a kid
that is a did:key, a did:jwk or a did:web key), their forgeries (tampered parts, another key, alg
none, HS256 with the public key as the secret, algorithm/key mismatches, a private key in the
header) and malformed tokens each get the verdict tests/jose_tokens.py gives them, by the same
sequence of checks in both; and the 1EdTech corpus's VC-JWTs baked in a PNG and an SVG verify."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from credsite.standards.baking import extract_text
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.verification import FetchError, verify_text

from .jose_tokens import NOW, JoseCase, jose_cases
from .test_verifier_agreement import SHARED

pytestmark = [pytest.mark.node, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "browser" / "tools" / "verify.mjs"
CORPUS = REPO / "tests" / "conformance" / "credentials"


def _python(case: JoseCase) -> tuple[str, list[list[str]]]:
    def elsewhere(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    report = verify_text(
        case.text, mapping_fetcher(case.network, elsewhere), datetime.fromisoformat(NOW)
    )
    return report.state, [[c.id, c.outcome] for c in report.checks if c.id in SHARED]


def _browser(cases: list[JoseCase]) -> list[tuple[str, list[list[str]]]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    payload = {
        "network": {},
        "cases": [{"text": c.text, "network": c.network, "now": NOW} for c in cases],
    }
    done = subprocess.run(
        [node, str(TOOL)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return [
        (r.get("state", "refused"), [c for c in r.get("checks", []) if c[0] in SHARED])
        for r in json.loads(done.stdout)
    ]


def test_both_verifiers_give_every_jwt_its_verdict_by_the_same_checks() -> None:
    cases = jose_cases()
    browser = dict(zip(cases, _browser(list(cases.values())), strict=True))
    python = {name: _python(case) for name, case in cases.items()}
    assert {n: (python[n], browser[n]) for n in cases if python[n] != browser[n]} == {}
    assert {n: python[n][0] for n in cases if python[n][0] != cases[n].state} == {}


def test_the_refusals_fail_the_check_that_names_them() -> None:
    cases = jose_cases()
    failed = {name: _failed(_python(case)[1]) for name, case in cases.items()}
    for name in (
        "alg none",
        "HS256 with the RSA public key as the secret",
        "a crit header",
        "an RSA key with ES256",
        "a P-384 key with ES256",
        "an EC key with EdDSA",
        "a private key in the jwk header",
        "a 1024-bit RSA key",
        "a header that is not JSON",
    ):
        assert failed[name] == ["proof-format"], name
    for name in (
        "tampered: a payload byte changed",
        "tampered: the header changed",
        "tampered: the signature truncated",
        "signed with another key than the jwk header's",
        "the kid's key is another than the signer's",
    ):
        assert failed[name] == ["signature"], name
    for name in (
        "iss disagrees with the issuer",
        "nbf disagrees with validFrom",
        "exp disagrees with validUntil",
        "a vc claim whose issuer disagrees with iss",
    ):
        assert failed[name] == ["signed-data"], name
    assert failed["a kid of another issuer"] == ["key-controller"]
    for name in ("two parts", "bad base64url", "a payload that is not a JSON object"):
        assert failed[name] == ["structure"], name


def _failed(checks: list[list[str]]) -> list[str]:
    return [check_id for check_id, outcome in checks if outcome == "failed"]


def test_the_1edtech_vc_jwts_baked_in_png_and_svg_verify_in_both() -> None:
    texts = [
        extract_text((CORPUS / name).read_bytes(), name)[0]
        for name in ("pub-1ed-simple-jwt.png", "pub-1ed-simple-jwt.svg")
    ]
    cases = [JoseCase(text, "verified") for text in texts]
    python = [_python(case) for case in cases]
    assert python == _browser(cases)
    assert [state for state, _ in python] == ["verified", "verified"]
    # The key came in the token: nothing ties it to the issuer, which the report says.
    assert ["key-controller", "warning"] in python[0][1]
