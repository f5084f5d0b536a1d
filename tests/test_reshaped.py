"""Reshaped genuine credentials: the property that makes a credential revoked, expired or not yet
valid is renamed, aliased, nested or wrapped without changing what its signature covers, so a
verifier reading the JSON as written would not find it (issue 11, item 1). None may verify; the
Python verifier reads every fact from the signed view (credsite/standards/signedview.py), as the browser's
does (browser/test/reshape.test.js holds the same cases)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from credsite.base.errors import CanonicalizationError
from credsite.standards.jsonld import SharedSubtree, canonicalize
from credsite.standards.multibase import base58btc_encode
from credsite.standards.proofs import hash_data, proof_options
from credsite.standards.signedview import signed_view

from .issuer_site import DID, run_cli
from .test_verify_cli import Verdicts, no_network, verdicts  # noqa: F401 - fixtures

CRED = "https://www.w3.org/2018/credentials#"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
OUTCOME = {"credentialStatus": "revoked", "validUntil": "expired", "validFrom": "not-yet-valid"}
TOKEN = {"credentialStatus": "revoked", "validUntil": "expired", "validFrom": "not-yet-valid"}


def _rename(document: dict[str, Any], key: str, new_key: str, wrap=None, context=None) -> dict:
    out = {
        (new_key if k == key else k): (wrap(v) if wrap and k == key else v)
        for k, v in document.items()
    }
    if context is not None:
        out["@context"] = [*document["@context"], context]
    return out


def _nest(document: dict[str, Any], key: str, context: Any) -> dict:
    out = {k: v for k, v in document.items() if k != key}
    out["@context"] = [*document["@context"], context]
    out["nm"] = {key: document[key]}
    return out


def _typed(value: Any) -> Any:
    return {"@value": value, "@type": XSD_DATETIME}


def variants(document: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    iri = CRED + key
    status = key == "credentialStatus"
    alias = {"@id": iri, "@type": "@id" if status else XSD_DATETIME}
    found = {
        "nested under an inline @nest alias": _nest(document, key, {"nm": "@nest"}),
        "nested under an inline @nest term": _nest(document, key, {"nm": {"@id": "@nest"}}),
        "under an inline alias": _rename(document, key, "cs", context={"cs": alias}),
        "under its full IRI": _rename(document, key, iri, wrap=None if status else _typed),
    }
    if not status:
        found["as a typed value object"] = _rename(document, key, key, wrap=_typed)
    return found


def _unsigned(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "proof"}


@pytest.mark.parametrize("key", sorted(OUTCOME))
def test_no_reshaped_variant_verifies(verdicts: Verdicts, tmp_path: Path, key: str) -> None:  # noqa: F811
    genuine = json.loads(verdicts.file(TOKEN[key]).read_bytes())
    assert verdicts.report(verdicts.verify_path(tmp_path, genuine))["state"] == OUTCOME[key]
    for name, document in variants(genuine, key).items():
        if document["@context"] == genuine["@context"]:  # same signed meaning, so a real attack
            assert canonicalize(_unsigned(document)) == canonicalize(_unsigned(genuine)), name
        report = verdicts.report(verdicts.verify_path(tmp_path, document))
        assert report["state"] in (OUTCOME[key], "invalid"), f"{key} {name}: {report['state']}"
        assert report["exit"] == 1


def test_a_status_under_its_full_iri_is_invalid(verdicts: Verdicts, tmp_path: Path) -> None:  # noqa: F811
    """Read from the signed view, the status would be found; but a verifier that reads the JSON
    would miss it, so the credential is refused, by the browser verifier too."""
    genuine = json.loads(verdicts.file("revoked").read_bytes())
    document = _rename(genuine, "credentialStatus", CRED + "credentialStatus")
    report = verdicts.report(verdicts.verify_path(tmp_path, document))
    assert report["state"] == "invalid"
    failed = {c["id"]: c for c in report["checks"] if c["outcome"] == "failed"}
    assert list(failed) == ["signed-data"]
    assert "(credentialStatus)" in failed["signed-data"]["message"]
    revocation = [c["outcome"] for c in report["checks"] if c["id"] == "revocation"]
    assert revocation == ["not-checked"]  # a credential that is not authentic has no status


def test_an_end_date_under_its_full_iri_is_invalid(verdicts: Verdicts, tmp_path: Path) -> None:  # noqa: F811
    genuine = json.loads(verdicts.file("expired").read_bytes())
    document = _rename(genuine, "validUntil", CRED + "validUntil", wrap=_typed)
    report = verdicts.report(verdicts.verify_path(tmp_path, document))
    assert report["state"] == "invalid"
    assert any("(validUntil)" in c["message"] for c in report["checks"] if c["outcome"] == "failed")


def test_shown_fields_come_from_the_signed_view(verdicts: Verdicts) -> None:  # noqa: F811
    """A field written under its full IRI is read under its own name from the view."""
    genuine = json.loads(verdicts.file("verified").read_bytes())
    document = copy.deepcopy(genuine)
    achievement = document["credentialSubject"]["achievement"]
    achievement["https://schema.org/name"] = achievement.pop("name")
    assert canonicalize(_unsigned(document)) == canonicalize(_unsigned(genuine))
    view = signed_view(document)
    assert (
        view["credentialSubject"]["achievement"]["name"]
        == genuine["credentialSubject"]["achievement"]["name"]
    )


def test_a_boolean_written_as_text_is_refused(verdicts: Verdicts, tmp_path: Path) -> None:  # noqa: F811
    genuine = json.loads(verdicts.file("verified").read_bytes())
    document = copy.deepcopy(genuine)
    identity = document["credentialSubject"]["identifier"][0]
    identity["hashed"] = "true" if identity["hashed"] is True else "false"
    assert canonicalize(_unsigned(document)) == canonicalize(_unsigned(genuine))
    report = verdicts.report(verdicts.verify_path(tmp_path, document))
    assert report["state"] == "invalid"
    failed = {c["id"] for c in report["checks"] if c["outcome"] == "failed"}
    assert "signed-data" in failed and failed <= {"schema", "signed-data"}
    with pytest.raises(CanonicalizationError, match="written as text"):
        signed_view(document)


def _one_or_many(value: Any) -> Any:
    """JSON-LD's compaction writes a list of one as the value alone; readers take either."""
    if isinstance(value, list):
        return _one_or_many(value[0]) if len(value) == 1 else [_one_or_many(v) for v in value]
    if isinstance(value, dict):
        return {k: _one_or_many(v) for k, v in value.items()}
    return value


def test_the_signed_view_of_an_issued_credential_is_the_credential(verdicts: Verdicts) -> None:  # noqa: F811
    """Credentials credsite issues are already plain: the view changes nothing but the proof
    (and lists of one, which compaction writes as the value alone)."""
    for token in verdicts.tokens.values():
        genuine = json.loads(verdicts.issuer.credential_path(token).read_bytes())
        assert _one_or_many(signed_view(genuine)) == _one_or_many(_unsigned(genuine))


def _resigned(verdicts: Verdicts, document: dict[str, Any], **proof: Any) -> dict[str, Any]:  # noqa: F811
    """``document`` signed again by the issuer's key, with ``proof`` fields added to the proof
    (and to what the signature covers): a genuine credential of another shape."""
    key = verdicts.signing_key()
    created = document["proof"][0]["created"]  # credsite writes the proof as a list of one
    options = {**proof_options(f"{DID}#{key.key_id}", created), **proof}
    unsigned = _unsigned(document)
    signature = key.private_key.sign(hash_data(unsigned, options))
    return {**unsigned, "proof": {**options, "proofValue": "z" + base58btc_encode(signature)}}


def test_a_statement_about_the_credential_made_elsewhere_is_refused(
    verdicts: Verdicts,  # noqa: F811
) -> None:
    """A credential that refers to its own id: its end date moved into that reference keeps the
    signed meaning (the two are one node), but a reader of the JSON finds no end date. The view
    refuses it, as the browser does (nodeDescribedTwice); a mere reference is fine. (The Open
    Badges schema would also refuse this evidence, which lacks a type; the rule does not rely
    on that.)"""
    genuine = json.loads(verdicts.file("expired").read_bytes())
    referring = copy.deepcopy(genuine)
    referring["evidence"] = [{"id": genuine["id"]}]  # a mere reference to itself
    assert signed_view(referring)["validUntil"] == genuine["validUntil"]
    moved = copy.deepcopy(referring)
    moved["evidence"][0][CRED + "validUntil"] = _typed(moved.pop("validUntil"))
    assert canonicalize(_unsigned(moved)) == canonicalize(_unsigned(referring))
    with pytest.raises(CanonicalizationError, match="in two places, differently"):
        signed_view(moved)
    shared = SharedSubtree()  # the build's path: the shared subtrees' views come from a cache
    signed_view(referring, shared)
    with pytest.raises(CanonicalizationError, match="in two places, differently"):
        signed_view(moved, shared)


@pytest.mark.parametrize("keyword", ["@included", "@reverse"])
def test_a_status_inside_another_node_is_refused(
    verdicts: Verdicts,  # noqa: F811
    tmp_path: Path,
    keyword: str,
) -> None:
    genuine = json.loads(verdicts.file("revoked").read_bytes())
    moved = {k: v for k, v in genuine.items() if k != "credentialStatus"}
    node = {"id": genuine["id"], "credentialStatus": genuine["credentialStatus"]}
    moved[keyword] = [node] if keyword == "@included" else {"credentialStatus": node}
    report = verdicts.report(verdicts.verify_path(tmp_path, moved))
    assert report["state"] == "invalid"
    assert keyword in json.dumps(report["checks"])


def test_a_proof_expiry_under_another_name_is_refused(verdicts: Verdicts, tmp_path: Path) -> None:  # noqa: F811
    genuine = json.loads(verdicts.file("verified").read_bytes())
    expired = _resigned(verdicts, genuine, expires="2026-06-01T00:00:00Z")
    report = verdicts.report(verdicts.verify_path(tmp_path, expired))
    assert report["state"] == "invalid"
    assert "stopped being valid on 2026-06-01T00:00:00Z" in json.dumps(report["checks"])
    hidden = copy.deepcopy(expired)
    hidden["proof"]["https://w3id.org/security#expiration"] = {
        "@value": hidden["proof"].pop("expires"),
        "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
    }
    report = verdicts.report(verdicts.verify_path(tmp_path, hidden))
    assert report["state"] == "invalid"
    assert "https://w3id.org/security#expiration" in json.dumps(report["checks"])


def test_the_build_refuses_a_reshaped_credential(verdicts: Verdicts, tmp_path: Path) -> None:  # noqa: F811
    """The build checks every credential it publishes with the same rules: a reshaped one in
    content/credentials fails the build, naming the file, and nothing is published."""
    site = tmp_path / "site"
    shutil.copytree(verdicts.issuer.root, site, ignore=shutil.ignore_patterns(".credsite-cache"))
    path = site / "content" / "credentials" / f"{verdicts.tokens['expired']}.json"
    genuine = json.loads(path.read_bytes())
    reshaped = _rename(genuine, "validUntil", CRED + "validUntil", wrap=_typed)
    path.write_text(json.dumps(reshaped, indent=2), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["--root", site, "build", "--out", out], verdicts.issuer.env)
    assert result.code == 1
    assert f"{path.name}" in result.err and "(validUntil)" in result.err
    assert not out.exists()
