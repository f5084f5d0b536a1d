"""The key checks of a proof (issuer-key, key-controller) with every kind of key: a did:web
document that embeds its key in assertionMethod (DCC's), and each refusal with its message: an
unknown DID method, a key not authorised for issuing, a key whose entry names another
controller, a key of a type the proof's suite does not sign with, an RSA key on a Data
Integrity proof."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from credsite.standards.authenticity import check_authenticity
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.multibase import base64url_encode
from credsite.standards.reports import FetchError, Report

CORPUS = Path(__file__).parent / "conformance"
P256 = "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169"
ISSUER = "https://issuer.example/issuers/1"
ED25519 = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
PRIVATE = {"kty": "OKP", "crv": "Ed25519", "x": base64url_encode(bytes(32)), "d": "AA"}
RSA_JWK = {"kty": "RSA", "n": base64url_encode((2**2047 + 1).to_bytes(256, "big")), "e": "AQAB"}


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
