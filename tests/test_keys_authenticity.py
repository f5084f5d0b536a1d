"""The key checks of a proof (issuer-key, key-controller) with every kind of key: a did:web
document that embeds its key in assertionMethod (DCC's), and each refusal with its message: an
unknown DID method, a key not authorised for issuing, a method type that holds no key of its
kind, a DID document that is another DID's, a weak (small-order) Ed25519 key, a key whose entry
names another controller, a key of a type the proof's suite does not sign with, an RSA key on a
Data Integrity proof. The resolver's answers alone are in tests/keys/situations.json; these are
what reaches the report."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from credsite.standards.authenticity import check_authenticity
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.multibase import base58btc_encode, base64url_encode, encode_public_key
from credsite.standards.reports import FetchError, Report
from credsite.standards.verification import verify_credential

CORPUS = Path(__file__).parent / "conformance"
P256 = "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169"
ISSUER = "https://issuer.example/issuers/1"
ED25519 = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
PRIVATE = {"kty": "OKP", "crv": "Ed25519", "x": base64url_encode(bytes(32)), "d": "AA"}
RSA_JWK = {"kty": "RSA", "n": base64url_encode((2**2047 + 1).to_bytes(256, "big")), "e": "AQAB"}
# The identity point, a small-order key: OpenSSL accepts the signature R = identity, S = 0 under
# it for any message, so a key check that let it through would verify a forgery.
WEAK = encode_public_key(bytes([1]) + bytes(31))
FORGED = "z" + base58btc_encode(bytes([1]) + bytes(63))
DID_WEB = "did:web:issuer.example"
NOW = "2026-11-01T00:00:00Z"
DID_WEB_URL = "https://issuer.example/.well-known/did.json"


def _network() -> dict[str, Any]:
    table = json.loads((CORPUS / "support" / "network.json").read_text(encoding="utf-8"))
    return {url: json.loads((CORPUS / f).read_text(encoding="utf-8")) for url, f in table.items()}


def _checks(document: dict[str, Any], network: dict[str, Any]) -> dict[str, tuple[str, str]]:
    def unreachable(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    issuer = document["issuer"]
    issuer_id = issuer["id"] if isinstance(issuer, dict) else issuer
    report = Report()
    check_authenticity(document, issuer_id, mapping_fetcher(network, unreachable), None, report)
    return {c.id: (c.outcome, f"{c.message} {c.detail}") for c in report.checks}


def _credential(name: str = "pub-dcc-v2-rdfc-didkey-basicOBv3.json") -> dict[str, Any]:
    document: dict[str, Any] = json.loads((CORPUS / "credentials" / name).read_text("utf-8"))
    return document


def _signed_by(method: str, issuer: str | None = None) -> dict[str, Any]:
    document = copy.deepcopy(_credential())
    document["proof"]["verificationMethod"] = method
    if issuer is not None:
        document["issuer"] = {**document["issuer"], "id": issuer}
    return document


def test_a_did_web_key_embedded_in_assertion_method_is_the_issuers() -> None:
    checks = _checks(_credential("pub-dcc-v2-rdfc-didweb-legacy-revoked.json"), _network())
    assert checks["issuer-key"][0] == "passed"
    assert checks["key-controller"][0] == "passed"


def test_a_p256_key_on_an_eddsa_proof_is_the_wrong_kind_of_key() -> None:
    did = f"did:key:{P256}"
    checks = _checks(_signed_by(f"{did}#{P256}", did), {})
    assert checks["issuer-key"] == (
        "failed",
        "The published key is a P-256 key, which eddsa-rdfc-2022 signatures are not made with. ",
    )


def test_an_rsa_key_cannot_sign_a_data_integrity_proof() -> None:
    did = "did:jwk:" + base64url_encode(json.dumps(RSA_JWK).encode())
    outcome, message = _checks(_signed_by(f"{did}#0", did), {})["issuer-key"]
    assert outcome == "failed"
    assert "the published key is an RSA key, which only JOSE (JWT) signatures use" in message


@pytest.mark.parametrize(
    ("method", "document", "detail"),
    [
        ("did:example:123#key-1", None, "the DID method did:example is not supported"),
        (
            f"{ISSUER}#k",
            {"verificationMethod": [{"controller": ISSUER}], "assertionMethod": []},
            "the issuer has not listed the key for issuing credentials (assertionMethod)",
        ),
        (
            f"{ISSUER}#k",
            {"verificationMethod": [{"controller": ISSUER, "type": "Ed25519VerificationKey2018"}]},
            "the key's type is 'Ed25519VerificationKey2018', not Multikey or",
        ),
        (
            f"{ISSUER}#k",
            {
                "verificationMethod": [
                    {
                        "controller": ISSUER,
                        "type": "Ed25519VerificationKey2020",
                        "publicKeyMultibase": P256,
                    }
                ]
            },
            "an Ed25519VerificationKey2020 holds Ed25519 keys, not P-256",
        ),
        (
            f"{ISSUER}#k",
            {
                "verificationMethod": [
                    {"controller": ISSUER, "type": "JsonWebKey", "publicKeyJwk": PRIVATE}
                ]
            },
            "the JWK holds a private key (member 'd')",
        ),
    ],
)
def test_a_key_the_issuer_does_not_publish_for_issuing_is_refused(
    method: str, document: dict[str, Any] | None, detail: str
) -> None:
    network = {}
    if document is not None:
        entry = {"id": method, "type": "Multikey", "publicKeyMultibase": ED25519}
        entry.update(document["verificationMethod"][0])
        network[ISSUER] = {
            "id": ISSUER,
            "verificationMethod": [entry],
            "assertionMethod": document.get("assertionMethod", [method]),
        }
    outcome, message = _checks(_signed_by(method, ISSUER), network)["issuer-key"]
    assert outcome == "failed"
    assert message.startswith("The key that signed the credential is not a published key")
    assert detail in message, message


def test_a_key_whose_entry_names_another_controller_does_not_speak_for_it() -> None:
    method = f"{ISSUER}#k"
    entry = {"id": method, "type": "Multikey", "controller": "https://victim.example/i"}
    entry["publicKeyMultibase"] = ED25519
    network = {ISSUER: {"id": ISSUER, "verificationMethod": [entry], "assertionMethod": [method]}}
    checks = _checks(_signed_by(method, "https://victim.example/i"), network)
    assert checks["issuer-key"][0] == "passed"
    outcome, message = checks["key-controller"]
    assert outcome == "failed"
    assert message.startswith(f"The key was published by {ISSUER}, but names https://victim")


def test_a_did_document_that_is_another_dids_publishes_no_key_for_the_issuer() -> None:
    """Whoever serves a document at the issuer's address decides nothing unless it is the
    issuer's own: its ``id`` must be the DID that named it."""
    method = f"{DID_WEB}#key-1"
    entry = {"id": method, "type": "Multikey", "controller": DID_WEB, "publicKeyMultibase": ED25519}
    document = {"verificationMethod": [entry], "assertionMethod": [method]}
    network = {DID_WEB_URL: {"id": "did:web:other.example", **document}}
    checks = _checks(_signed_by(method, DID_WEB), network)
    assert checks["issuer-key"] == (
        "failed",
        "The key that signed the credential is not a published key of the issuer. the document "
        f"at {DID_WEB_URL} is not the document of {DID_WEB}",
    )
    assert checks["signature"][0] == "not-checked"


def test_a_signature_forged_under_a_weak_ed25519_key_is_invalid() -> None:
    did = f"did:key:{WEAK}"
    document = _signed_by(f"{did}#{WEAK}", did)
    document["proof"]["proofValue"] = FORGED
    report = verify_credential(document, mapping_fetcher({}), datetime.fromisoformat(NOW))
    assert report.state == "invalid"
    [issuer_key] = [c for c in report.checks if c.id == "issuer-key"]
    assert issuer_key.outcome == "failed"
    assert issuer_key.detail.endswith(
        "(it is a weak (small-order) Ed25519 key, under which any signature can be forged)"
    )
    assert [c.outcome for c in report.checks if c.id == "signature"] == ["not-checked"]
