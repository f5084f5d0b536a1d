"""``credsite export sd-jwt ID``: an issued credential as the EU wallet's Learning Credential, an
SD-JWT VC signed with the site's key, whose key the build publishes in its JWT VC Issuer
Metadata (credsite/issuer/sd_jwt.py, learning_credential.py; docs/eu-wallet.md).

It must verify with credsite's own verifiers (``verify`` in Python, the browser verifier in
Node) against the build's documents only, and with two independent SD-JWT libraries (the OWF
reference library ``sd_jwt`` in Python, ``@sd-jwt/core`` in Node); a changed Disclosure or
payload must not verify; bad input fails in one line, writing nothing."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from jwcrypto.jwk import JWK
from sd_jwt.verifier import SDJWTVerifier

from credsite.base.errors import ConfigError
from credsite.issuer.keys import KeyRegistry, PublicKey
from credsite.issuer.learning_credential import VCT, CredentialFacts, LearnerName, learning_claims
from credsite.issuer.sd_jwt import Signer, issue_sd_jwt, issuer_metadata, random_salt
from credsite.standards.jose.sd_jwt import parse, process
from credsite.standards.verification import verify_text

from .conftest import REPO, SiteFolder
from .issuer_site import BASE_URL, DID, GRADED_MODULE, Issuer
from .test_verifier_agreement import SHARED

ISS = BASE_URL.rstrip("/")
METADATA_URL = f"{ISS}/.well-known/jwt-vc-issuer"
NOW = "2026-11-01T00:00:00Z"
BROWSER = REPO / "browser"
TOOL = BROWSER / "tools" / "verify.mjs"
LEARNING_CLAIMS = (
    "issuing_authority",
    "issuing_country",
    "date_of_issuance",
    "family_name",
    "achievement_title",
    "achievement_description",
    "learning_outcomes",
    "assessment_grade",
)


class Exported:
    """A site with one graded credential, its build, and the credential exported."""

    def __init__(self, issuer: Issuer, token: str, site: Path, text: str) -> None:
        self.issuer, self.token, self.site, self.text = issuer, token, site, text

    @property
    def metadata(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads((self.site / ".well-known/jwt-vc-issuer").read_text())
        return document

    def network(self) -> dict[str, Any]:
        return {METADATA_URL: self.metadata}


@pytest.fixture
def exported(site: SiteFolder, tmp_path: Path) -> Exported:
    issuer = Issuer.with_key(site, tmp_path, {"test-module": GRADED_MODULE})
    [token] = issuer.issue([["Ada Lovelace", "ada@example.org", "8,5"]])
    built = issuer.build()
    out = issuer.outside / "ada.sd-jwt"
    issuer.ok("export", "sd-jwt", token, "--out", out)
    return Exported(issuer, token, built, out.read_text(encoding="utf-8"))


def _python(text: str, exported: Exported) -> tuple[str, list[list[str]]]:
    report = verify_text(text, exported.issuer.fetcher(exported.site), _now())
    return report.state, [[c.id, c.outcome] for c in report.checks if c.id in SHARED]


def _now() -> datetime:
    return datetime.fromisoformat(NOW.replace("Z", "+00:00")).astimezone(UTC)


def _claims(text: str) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(the header, the claims, the names disclosed by Disclosure) of an SD-JWT."""
    sd_jwt = parse(text)
    return sd_jwt.jwt.header or {}, process(sd_jwt, "sha-256"), [d[1] for d in sd_jwt.decoded]


def _tampered(text: str) -> dict[str, str]:
    """The SD-JWT with one Disclosure's value changed, and with one payload claim changed."""
    jwt, *disclosures = text.split("~")
    salt, name, _ = json.loads(base64.urlsafe_b64decode(disclosures[0] + "=="))
    forged = base64.urlsafe_b64encode(json.dumps([salt, name, "Eve"]).encode()).rstrip(b"=")
    header, payload, signature = jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["achievement_title"] = "Something grander"
    changed = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return {
        "disclosure": "~".join([jwt, forged.decode(), *disclosures[1:]]),
        "payload": "~".join([f"{header}.{changed}.{signature}", *disclosures]),
    }


# -- what is exported ------------------------------------------------------------------------


def test_the_learning_credential_shape(exported: Exported) -> None:
    header, claims, disclosed = _claims(exported.text)
    assert header == {"alg": "EdDSA", "kid": exported.issuer.active_key_id(), "typ": "dc+sd-jwt"}
    assert claims["vct"] == VCT and claims["iss"] == ISS
    assert set(LEARNING_CLAIMS) <= set(claims)
    credential = exported.issuer.credential(exported.token)
    assert claims["family_name"] == "Ada Lovelace" and "given_name" not in claims
    assert claims["assessment_grade"] == "8,5"
    assert claims["achievement_title"] == credential["credentialSubject"]["achievement"]["name"]
    assert claims["issuing_country"] == "NL"
    assert claims["date_of_issuance"] == "2026-03-02"
    assert claims["learning_outcomes"] == ["Je kunt iets."]
    # personal claims are selectively disclosable; what the credential is, is always shown
    assert {"family_name", "assessment_grade", "learning_outcomes"} <= set(disclosed)
    assert not {"achievement_title", "issuing_authority", "iss", "vct"} & set(disclosed)
    assert exported.text.endswith("~") and "status" not in claims and "cnf" not in claims


def test_the_build_publishes_the_issuer_metadata(exported: Exported) -> None:
    [key] = exported.metadata["jwks"]["keys"]
    assert exported.metadata["issuer"] == ISS
    assert key["kid"] == exported.issuer.active_key_id()
    assert (key["kty"], key["crv"], key["alg"], key["use"]) == ("OKP", "Ed25519", "EdDSA", "sig")
    headers = (exported.site / "_headers").read_text(encoding="utf-8")
    assert "/.well-known/jwt-vc-issuer\n  Access-Control-Allow-Origin: *" in headers


def test_compromised_keys_are_left_out_of_the_metadata() -> None:
    made = datetime(2026, 1, 1, tzinfo=UTC)
    multikey = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    keys = (
        PublicKey("old", multikey, made, "compromised", made),
        PublicKey("new", "z6MkfrQREJ6fBJmPCnm6u9d6YDbWwsq9H5XkZBJRGFKkAMqN", made, "active"),
    )
    metadata = issuer_metadata(BASE_URL, KeyRegistry(keys))
    assert metadata is not None
    assert [k["kid"] for k in metadata["jwks"]["keys"]] == ["new"]
    assert issuer_metadata("https://host.example/sub/", KeyRegistry(keys)) is None


def test_an_end_of_validity_becomes_exp_and_date_of_expiry(exported: Exported) -> None:
    credential = exported.issuer.credential(exported.token)
    credential["validUntil"] = "2027-03-02T10:00:00Z"
    plain, hidden = learning_claims(CredentialFacts(credential, "c.json"), LearnerName("X"))
    assert (plain["exp"], plain["date_of_expiry"]) == (1803981600, "2027-03-02")
    assert plain["nbf"] == plain["iat"] == 1772445600 and hidden["family_name"] == "X"


@pytest.mark.parametrize(
    ("remove", "pointer"),
    [(("issuer", "name"), "/issuer/name"), (("validFrom",), "/validFrom")],
)
def test_a_credential_credsite_did_not_write(
    exported: Exported, remove: tuple[str, ...], pointer: str
) -> None:
    credential = exported.issuer.credential(exported.token)
    *path, last = remove
    target = credential
    for step in path:
        target = target[step]
    del target[last]
    with pytest.raises(ConfigError, match=f"c.json: {pointer} is missing"):
        learning_claims(CredentialFacts(credential, "c.json"), LearnerName("X"))


def test_only_the_salts_vary(exported: Exported) -> None:
    """The same claims, key and salts give the same bytes; fresh salts give other Disclosures."""
    from credsite.issuer.keys import load_registry, load_signing_key

    registry, _ = load_registry(exported.issuer.root)
    key = load_signing_key(
        exported.issuer.root, BASE_URL, registry, exported.issuer.key_file(), environ={}
    )
    signer = Signer.of(BASE_URL, key.key_id)
    plain, hidden = {"vct": VCT}, {"family_name": "Lovelace", "given_name": "Ada"}
    counter = iter(range(100))

    def fixed() -> str:
        return f"salt-{next(counter) % 2}"

    assert issue_sd_jwt(plain, hidden, signer, key, fixed) == issue_sd_jwt(
        plain, hidden, signer, key, fixed
    )
    assert issue_sd_jwt(plain, hidden, signer, key, random_salt) != issue_sd_jwt(
        plain, hidden, signer, key, random_salt
    )


def test_printed_without_out(exported: Exported) -> None:
    printed = exported.issuer.ok("export", "sd-jwt", exported.token).out.strip()
    assert _claims(printed)[1] == _claims(exported.text)[1]  # same claims, other salts


def test_the_learner_name_can_be_split(exported: Exported) -> None:
    run = exported.issuer.ok(
        "export", "sd-jwt", exported.token, "--given-name", "Ada", "--family-name", "Lovelace"
    )
    claims = _claims(run.out.strip())[1]
    assert (claims["given_name"], claims["family_name"]) == ("Ada", "Lovelace")
    assert LearnerName.of("Anna  Maria de Vries", "Anna Maria", "de Vries").family == "de Vries"


# -- verified by credsite's verifiers and by independent libraries -----------------------------


def test_credsite_verify_accepts_it(exported: Exported) -> None:
    path = exported.issuer.outside / "ada.sd-jwt"
    run = exported.issuer.run("verify", path, "--site", exported.site, "--offline")
    assert run.code == 0, run.text
    assert "awarded to: Ada Lovelace" in run.out
    assert f"listed in the issuer metadata at {METADATA_URL}" in run.out
    assert _python(exported.text, exported)[0] == "verified"


@pytest.mark.parametrize("part", ["disclosure", "payload"])
def test_a_changed_credential_does_not_verify(exported: Exported, part: str) -> None:
    state, checks = _python(_tampered(exported.text)[part], exported)
    assert state == "invalid", checks


def test_an_independent_library_verifies_it(exported: Exported) -> None:
    """The OWF reference implementation (``sd_jwt``), with the key read from the published
    metadata by the test itself."""

    def key(iss: str, header: dict[str, Any]) -> JWK:
        assert iss == exported.metadata["issuer"]
        [jwk] = [k for k in exported.metadata["jwks"]["keys"] if k["kid"] == header["kid"]]
        return JWK(**jwk)

    claims = SDJWTVerifier(exported.text, key).get_verified_payload()
    assert claims["family_name"] == "Ada Lovelace" and claims["vct"] == VCT
    forged = _tampered(exported.text)
    with pytest.raises(Exception):  # noqa: B017 - the library raises what jwcrypto raises
        SDJWTVerifier(forged["payload"], key)
    # This library ignores a Disclosure no digest names rather than refusing it (RFC 9901
    # section 7.1 refuses it; credsite's verifiers do): the forged value is never shown.
    changed = SDJWTVerifier(forged["disclosure"], key).get_verified_payload()
    assert "family_name" not in changed and "Eve" not in json.dumps(changed)


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    return node


@pytest.mark.node
def test_the_browser_verifier_agrees(exported: Exported) -> None:
    texts = [exported.text, *_tampered(exported.text).values()]
    cases = [{"text": t, "network": exported.network()} for t in texts]
    done = subprocess.run(
        [_node(), str(TOOL)],
        input=json.dumps({"network": {}, "now": NOW, "cases": cases}),
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(done.stdout)
    browser = [(r["state"], [c for c in r["checks"] if c[0] in SHARED]) for r in results]
    assert browser == [_python(t, exported) for t in texts]
    assert [state for state, _ in browser] == ["verified", "invalid", "invalid"]


# @sd-jwt/core (not what the browser verifier uses to check: it only splits with @sd-jwt/decode),
# given Node's own Ed25519 and SHA-256, and the key from the metadata.
NODE_CHECK = """
import { createHash, createPublicKey, verify } from 'node:crypto';
import { SDJwtInstance } from '@sd-jwt/core';
const input = JSON.parse(process.argv[1]);
const key = createPublicKey({ key: input.jwk, format: 'jwk' });
const sdjwt = new SDJwtInstance({
  hasher: (data, alg) => new Uint8Array(createHash(alg.replace('-', '')).update(data).digest()),
  hashAlg: 'sha-256',
  verifier: (data, signature) =>
    verify(null, Buffer.from(data), key, Buffer.from(signature, 'base64url')),
});
const results = [];
for (const text of input.texts) {
  try {
    const { payload } = await sdjwt.verify(text);
    const claims = await sdjwt.getClaims(text);
    results.push({ ok: true, family_name: claims.family_name, vct: payload.vct });
  } catch (error) {
    results.push({ ok: false, error: String(error.message) });
  }
}
process.stdout.write(JSON.stringify(results));
"""


@pytest.mark.node
def test_sd_jwt_core_in_node_verifies_it(exported: Exported) -> None:
    [jwk] = exported.metadata["jwks"]["keys"]
    texts = [exported.text, *_tampered(exported.text).values()]
    argument = json.dumps({"jwk": {k: jwk[k] for k in ("kty", "crv", "x")}, "texts": texts})
    done = subprocess.run(
        [_node(), "--input-type=module", "-e", NODE_CHECK, argument],
        cwd=BROWSER,
        capture_output=True,
        text=True,
        check=True,
    )
    good, disclosure, payload = json.loads(done.stdout)
    assert good == {"ok": True, "family_name": "Ada Lovelace", "vct": VCT}
    assert not payload["ok"]
    # Like ``sd_jwt``, it ignores a Disclosure no digest names: the forged value is not shown.
    assert disclosure == {"ok": True, "vct": VCT}


def test_a_site_under_a_path_signs_as_its_did(tmp_path: Path) -> None:
    """Its metadata would belong at the host's root, which it cannot publish: the issuer is its
    did:web, and the kid a DID URL resolved through its did.json."""
    site = SiteFolder(tmp_path / "site")
    config = (site.root / "site.yaml").read_text(encoding="utf-8")
    site.write("site.yaml", config.replace(BASE_URL, f"{BASE_URL}sub/"))
    issuer = Issuer.with_key(site, tmp_path)
    [token] = issuer.issue([["Ada Lovelace", "ada@example.org"]])
    built = issuer.build()
    assert not (built / ".well-known" / "jwt-vc-issuer").exists()
    text = issuer.ok("export", "sd-jwt", token).out.strip()
    header, claims, _ = _claims(text)
    assert claims["iss"] == f"{DID}:sub" and header["kid"] == f"{DID}:sub#{issuer.active_key_id()}"
    from credsite.standards.fetch import site_fetcher

    report = verify_text(text, site_fetcher(built, f"{BASE_URL}sub/"), _now())
    assert report.state == "verified", [(c.id, c.outcome, c.message) for c in report.checks]


# -- bad input: one line, exit 1, nothing written --------------------------------------------


def _refused(issuer: Issuer, *args: Any, env: dict[str, str | None] | None = None) -> str:
    out = issuer.outside / "refused.sd-jwt"
    run = issuer.run("export", "sd-jwt", *args, "--out", out, env=env or {})
    assert run.code == 1, run.text
    assert not out.exists() and run.out == ""
    [line] = run.error_lines()
    return line


def test_an_unknown_credential(exported: Exported) -> None:
    assert "no credential 'nosuchcredential'" in _refused(exported.issuer, "nosuchcredential")


def test_no_signing_key(exported: Exported) -> None:
    exported.issuer.key_file().unlink()
    assert "no signing key" in _refused(exported.issuer, exported.token)


def test_a_revoked_credential(exported: Exported) -> None:
    exported.issuer.ok("revoke", exported.token, "--reason", "fraud")
    assert "is revoked" in _refused(exported.issuer, exported.token)


@pytest.mark.parametrize(
    "names",
    [["--given-name", "Ada"], ["--given-name", "Eve", "--family-name", "Lovelace"]],
)
def test_names_that_do_not_spell_the_learner(exported: Exported, names: list[str]) -> None:
    assert "name" in _refused(exported.issuer, exported.token, *names)
