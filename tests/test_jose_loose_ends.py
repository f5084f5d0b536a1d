"""What the first JOSE wave left open, in both verifiers where they have a side (issue 13):

- an encrypted JWT (JWE) is a format this verifier cannot read: ``unsupported``, saying so; five
  parts that are not a JWE stay ``invalid``;
- a JWT credential's endorsements are verified as a Data Integrity credential's are, to the same
  depth (an endorsement's own are not followed, whatever its form) and under the same count;
- an authentic SD-JWT VC's report carries its disclosed claims, which ``verify`` prints;
- ``verify URL`` reads a JWT or an SD-JWT served as text;
- a ``kid`` that is an https address serving a bare JWK or a JWK Set (OB 3.0 §8.2).

Where both verifiers judge, they are held to the same verdict by the same checks, and the same
endorsements (browser/tools/verify.mjs), as tests/test_jose_agreement.py does.
"""

from __future__ import annotations

import copy
import functools
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from credsite.commands.cli import main
from credsite.standards.endorsements import max_endorsements, verify_endorsements
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.reports import Report
from credsite.standards.verification import FetchError, endorsement_report, verify_text

from . import sd_jwt_cases as sd
from .edge_credentials import Signer
from .endorsement_credentials import UNREACHABLE_ENDORSER, endorsement
from .jose_tokens import NOW, credential, encode, payload, public_jwk, sign
from .test_verifier_agreement import SHARED

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "browser" / "tools" / "verify.mjs"
ISSUER = "https://issuer.example/profile"
KEYS_URL = "https://issuer.example/keys"
JWE_HEADER = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "typ": "JWT"}


class Case:
    """A text, its network, the verdict both verifiers must give, and the endorsements both must
    report as (where, endorser id, state, about), None where they are not the point."""

    def __init__(
        self,
        text: str,
        state: str,
        network: dict[str, Any] | None = None,
        endorsements: list[list[Any]] | None = None,
    ):
        self.text, self.state, self.network = text, state, network or {}
        self.endorsements = endorsements


def _python(case: Case, asked: list[str] | None = None) -> Report:
    def elsewhere(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    def fetch(url: str) -> Any:
        if asked is not None:
            asked.append(url)
        return mapping_fetcher(case.network, elsewhere)(url)

    return verify_text(case.text, fetch, datetime.fromisoformat(NOW))


def _browser(cases: list[Case]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    payload_ = {
        "network": {},
        "cases": [{"text": c.text, "network": c.network, "now": NOW} for c in cases],
    }
    done = subprocess.run(
        [node, str(TOOL)], input=json.dumps(payload_), capture_output=True, text=True, check=True
    )
    return list(json.loads(done.stdout))


def _checks(report: Report) -> list[list[str]]:
    return [[c.id, c.outcome] for c in report.checks if c.id in SHARED]


def _outcome(report: Report, check_id: str) -> str | None:
    return report.outcome(check_id)


# -- the cases ---------------------------------------------------------------------------------


def _es256() -> Any:
    return ec.generate_private_key(ec.SECP256R1())


def _jwe(header: dict[str, Any]) -> str:
    """Five parts as a JWE has them (the content is random bytes: nothing here can decrypt it)."""
    return ".".join(
        [encode(header), encode(b"k" * 32), encode(b"i" * 12), encode(b"c" * 40), encode(b"t" * 16)]
    )


def _endorsed_jwt(endorsements: dict[str, list[Any]]) -> tuple[str, dict[str, Any]]:
    """A JWT credential (key in its jwk header) with ``endorsement`` lists at the given places."""
    key = _es256()
    body = payload(ISSUER)
    places = {
        "credential": body,
        "issuer": body["issuer"],
        "achievement": body["credentialSubject"]["achievement"],
    }
    for place, items in endorsements.items():
        places[place]["endorsement"] = items
    return sign(key, "ES256", {"jwk": public_jwk(key), "typ": "JWT"}, body), body


def _endorsement_cases() -> dict[str, Case]:
    endorser, other = Signer(), Signer()
    body = payload(ISSUER)
    achievement = body["credentialSubject"]["achievement"]["id"]
    on_issuer = endorser.sign(endorsement(endorser, ISSUER, "Issuer Reviewers"))
    on_achievement = endorser.sign(endorsement(endorser, achievement, "Achievement Council"))
    on_credential = other.sign(endorsement(other, body["id"], "Credential Reviewers"))
    tampered = copy.deepcopy(on_issuer)
    tampered["credentialSubject"]["endorsementComment"] = "Meets no standard at all."
    text, _ = _endorsed_jwt(
        {
            "credential": [on_credential],
            "issuer": [on_issuer, tampered],
            "achievement": [on_achievement],
        }
    )
    cases = {
        "a JWT with endorsements at every place": Case(
            text,
            "verified",
            endorsements=[
                ["credential", other.did_key, "verified", True],
                ["issuer", endorser.did_key, "verified", True],
                ["issuer", endorser.did_key, "invalid", True],
                ["achievement", endorser.did_key, "verified", True],
            ],
        )
    }
    # The nested endorsement's endorser is a did:web that is never served: were it followed, its
    # document would be asked for.
    inner = endorser.sign(
        endorsement(endorser, ISSUER, issuer={"id": UNREACHABLE_ENDORSER, "type": "Profile"}),
        vm=UNREACHABLE_ENDORSER + "#key-1",
    )
    nested = endorser.sign(endorsement(endorser, ISSUER, "Nesting", endorsement=[inner]))
    text, _ = _endorsed_jwt({"issuer": [nested]})
    cases["a JWT whose endorsement carries its own"] = Case(
        text, "verified", endorsements=[["issuer", endorser.did_key, "verified", True]]
    )
    limit = max_endorsements()
    many = [endorser.sign(endorsement(endorser, ISSUER)) for _ in range(limit + 1)]
    text, _ = _endorsed_jwt({"issuer": many})
    expected: list[list[Any]] = [["issuer", endorser.did_key, "verified", True]] * limit
    cases["a JWT with more endorsements than are checked"] = Case(
        text, "verified", endorsements=[*expected, ["issuer", None, "error", True]]
    )
    return cases


def _served_key_cases() -> dict[str, Case]:
    """OB 3.0 §8.2: a kid that is an https address serving the key itself."""
    key, other = _es256(), _es256()
    jwk = {**public_jwk(key), "kid": "key-1"}
    body = payload(ISSUER)

    def token(kid: str) -> str:
        return sign(key, "ES256", {"kid": kid, "typ": "JWT"}, body)

    bare = {KEYS_URL: public_jwk(key)}
    key_set = {KEYS_URL: {"keys": [{**public_jwk(other), "kid": "key-0"}, jwk]}}
    return {
        "kid an address serving a bare JWK": Case(token(KEYS_URL), "verified", bare),
        "kid a key in a JWK Set": Case(token(KEYS_URL + "#key-1"), "verified", key_set),
        "kid a key a JWK Set lacks": Case(token(KEYS_URL + "#key-9"), "invalid", key_set),
        "kid a JWK Set of two keys, no fragment": Case(token(KEYS_URL), "invalid", key_set),
        "kid a JWK Set of one key, no fragment": Case(
            token(KEYS_URL), "verified", {KEYS_URL: {"keys": [jwk]}}
        ),
        "kid a bare JWK named otherwise": Case(
            token(KEYS_URL + "#key-2"), "invalid", {KEYS_URL: jwk}
        ),
        "kid a served key for encryption": Case(
            token(KEYS_URL), "invalid", {KEYS_URL: {**public_jwk(key), "use": "enc"}}
        ),
        "kid a served key of another": Case(
            token(KEYS_URL), "invalid", {KEYS_URL: public_jwk(other)}
        ),
        "kid an address that is not served": Case(token(KEYS_URL + "#key-1"), "error"),
    }


def _format_cases() -> dict[str, Case]:
    return {
        "a JWE": Case(_jwe(JWE_HEADER), "unsupported"),
        "five parts whose header is a JWS's": Case(_jwe({"alg": "ES256"}), "invalid"),
        "five parts whose header is not JSON": Case("e30x." + _jwe(JWE_HEADER)[5:], "invalid"),
    }


@functools.cache
def _cases() -> dict[str, Case]:
    return {**_format_cases(), **_endorsement_cases(), **_served_key_cases()}


# -- both verifiers ----------------------------------------------------------------------------


@pytest.mark.node
@pytest.mark.slow
def test_both_verifiers_give_every_case_its_verdict_by_the_same_checks() -> None:
    cases = _cases()
    browser = dict(zip(cases, _browser(list(cases.values())), strict=True))
    python = {name: _python(case) for name, case in cases.items()}
    differ = {
        name: (python[name].state, _checks(python[name]), browser[name])
        for name in cases
        if (python[name].state, _checks(python[name]))
        != (browser[name]["state"], [c for c in browser[name]["checks"] if c[0] in SHARED])
    }
    assert differ == {}
    assert {n: python[n].state for n in cases if python[n].state != cases[n].state} == {}
    endorsed = {n: c.endorsements for n, c in cases.items() if c.endorsements is not None}
    assert {n: browser[n]["endorsements"] for n in endorsed} == endorsed
    assert {
        n: [[e.where, e.endorser, e.state, e.about] for e in python[n].endorsements]
        for n in endorsed
    } == endorsed


# -- 1. an encrypted JWT -----------------------------------------------------------------------


def test_an_encrypted_jwt_is_unsupported_and_says_it_is_encrypted() -> None:
    report = _python(_cases()["a JWE"])
    assert report.state == "unsupported"
    structure = report.checks[0]
    assert (structure.id, structure.outcome) == ("structure", "unsupported")
    assert "encrypted" in structure.message and "holder" in structure.message
    assert "three" not in structure.message
    assert {c.outcome for c in report.checks[1:]} == {"not-checked"}


def test_five_parts_that_are_not_a_jwe_stay_invalid() -> None:
    for name in ("five parts whose header is a JWS's", "five parts whose header is not JSON"):
        report = _python(_cases()[name])
        assert (report.checks[0].outcome, report.state) == ("failed", "invalid"), name
        assert "a signed JWT has three" in report.checks[0].message


# -- 2. endorsements of a JWT credential -------------------------------------------------------


def test_the_endorsers_names_are_shown_only_for_authentic_endorsements() -> None:
    report = _python(_cases()["a JWT with endorsements at every place"])
    assert [e.name for e in report.endorsements] == [
        "Credential Reviewers",
        "Issuer Reviewers",
        None,
        "Achievement Council",
    ]
    assert "by Issuer Reviewers: verified" in report.endorsements[1].headline


def test_an_endorsements_own_endorsements_are_not_followed() -> None:
    asked: list[str] = []
    report = _python(_cases()["a JWT whose endorsement carries its own"], asked)
    assert [e.state for e in report.endorsements] == ["verified"]
    assert not any("endorser.example.net" in url for url in asked)


def test_a_jwt_endorsement_does_not_follow_its_own_endorsements() -> None:
    """The depth flag reaches the JOSE verifier: a JWT verified as an endorsement reports none
    of the endorsements it carries, and the same JWT verified alone reports them."""
    text = _cases()["a JWT whose endorsement carries its own"].text
    fetch = mapping_fetcher({})
    assert len(verify_text(text, fetch, datetime.fromisoformat(NOW)).endorsements) == 1
    assert endorsement_report(text, fetch, datetime.fromisoformat(NOW)).endorsements == []


def test_an_endorsement_jwt_is_named_by_its_signed_payload() -> None:
    """endorsementJwt entries: the JOSE verifier verifies each, and the endorser's name comes from
    the token's payload, only when it is authentic."""
    key = ed25519.Ed25519PrivateKey.generate()
    endorser = {"id": "https://endorser.example/org", "type": ["Profile"], "name": "Jwt Org"}
    body = {**payload("https://endorser.example/org"), "issuer": endorser}
    token = sign(key, "EdDSA", {"jwk": public_jwk(key)}, body)
    view = {"issuer": {"id": ISSUER, "endorsementJwt": [token, token]}}
    states = iter(["verified", "invalid"])

    def verify(item: Any) -> Report:
        report = Report()
        good = next(states) == "verified"
        for check_id in SHARED:
            report.add(check_id, "passed" if good else "failed", "m")
        report.issuer = endorser["id"]
        return report

    found = verify_endorsements(view, view, verify)
    assert [(e.name, e.state) for e in found] == [("Jwt Org", "verified"), (None, "invalid")]


# -- 3. the claims of an SD-JWT VC -------------------------------------------------------------


def _sd_jwt() -> str:
    holder = sd.Signer(kid=None)
    did = sd.did_jwk(holder)
    holder.kid = f"{did}#0"
    return sd.issue(sd.learning_claims(iss=did), holder)


def test_an_sd_jwt_report_carries_its_disclosed_claims() -> None:
    report = verify_text(_sd_jwt(), mapping_fetcher({}), datetime.fromisoformat(sd.NOW))
    assert report.state == "verified"
    assert report.claims is not None
    assert report.claims["given_name"] == "Ada" and report.claims["vct"] == sd.VCT
    assert report.claims["learning_outcomes"] == ["Weigh privacy risks", "Explain consent"]
    assert report.as_json()["claims"] == report.claims


def test_an_sd_jwt_that_is_not_authentic_carries_no_claims() -> None:
    text = _sd_jwt()
    head, rest = text.split(".", 1)
    forged = head + "." + rest[:40] + ("A" if rest[40] != "A" else "B") + rest[41:]
    report = verify_text(forged, mapping_fetcher({}), datetime.fromisoformat(sd.NOW))
    assert report.state == "invalid"
    assert report.claims is None and "claims" not in report.as_json()


@pytest.fixture
def at_now(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime.fromisoformat(NOW)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def test_verify_prints_an_sd_jwts_claims(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], at_now: None
) -> None:
    path = tmp_path / "learning.sd-jwt"
    path.write_text(_sd_jwt(), encoding="utf-8")
    assert main(["--root", str(tmp_path), "verify", "--offline", str(path)]) == 0
    out = capsys.readouterr().out
    for line in (
        "credential: Data Ethics",
        f"    kind (vct): {sd.VCT}",
        "    awarded to: Ada Lovelace",
        "    issued by: Hogeschool Voorbeeld, NL",
        "    assessment_grade: 8.5",
        '    learning_outcomes: ["Weigh privacy risks", "Explain consent"]',
        "    iat: 2026-11-30T00:00:00Z",
    ):
        assert line + "\n" in out, line
    assert "cnf" not in out and "_sd_alg" not in out
    assert main(["--root", str(tmp_path), "verify", "--offline", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["claims"]["family_name"] == "Lovelace"


# -- 4. verify URL -----------------------------------------------------------------------------


@contextmanager
def _serving(files: dict[str, tuple[str, str]]) -> Iterator[str]:
    """A loopback server answering each path with (media type, body)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = files.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body = found[1].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", found[0])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_verify_url_reads_a_jwt_or_an_sd_jwt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], at_now: None
) -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    jwt = sign(key, "EdDSA", {"jwk": public_jwk(key), "typ": "JWT"}, payload(ISSUER))
    files = {
        "/badge.jwt": ("application/vc+jwt", jwt + "\n"),
        "/plain.jwt": ("text/plain", jwt),
        "/any.jwt": ("application/jwt", jwt),
        "/learning": ("application/dc+sd-jwt", _sd_jwt()),
        "/sealed": ("application/jwt", _jwe(JWE_HEADER)),
        "/badge.json": ("application/json", json.dumps(credential(ISSUER))),
        "/page": ("text/html", "<html>no credential</html>"),
    }
    states = {}
    with _serving(files) as base:
        for name in files:
            code = main(["--root", str(tmp_path), "verify", "--json", base + name])
            out, err = capsys.readouterr()
            states[name] = (code, json.loads(out)["state"] if out.strip() else err.strip())
    assert states == {
        "/badge.jwt": (0, "verified"),
        "/plain.jwt": (0, "verified"),
        "/any.jwt": (0, "verified"),
        "/learning": (0, "verified"),
        "/sealed": (1, "unsupported"),
        "/badge.json": (1, "invalid"),  # JSON still read as JSON: this one has no proof
        "/page": (1, f"error: {base}/page: not JSON (Expecting value: line 1 column 1), nor a JWT"),
    }
