"""The Python verifier (``verify``, the build) and the browser verifier reach the same verdict on
the same text: genuine credentials in every state, the reshaped variants of tests/test_reshaped.py,
a boolean written as text, an inline context, and JSON with a key given twice, which both refuse
as input (issue 11, item 10). The browser side runs in Node through browser/tools/verify.mjs,
with the built site's DID document and status lists as its network."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from credsite.base.jsonfile import JsonInputError, load_json
from credsite.standards.fetch import site_fetcher
from credsite.standards.timestamps import parse_timestamp
from credsite.standards.verification import verify_credential

from .issuer_site import BASE_URL
from .test_reshaped import variants
from .test_verify_cli import NOW, Verdicts, no_network, verdicts  # noqa: F401 - fixtures

pytestmark = [pytest.mark.node, pytest.mark.slow]

TOOL = Path(__file__).resolve().parent.parent / "browser" / "tools" / "verify.mjs"
RESHAPED = {"revoked": "credentialStatus", "expired": "validUntil", "not-yet-valid": "validFrom"}


def _network(site: Path) -> dict[str, Any]:
    files = [site / ".well-known" / "did.json", *sorted((site / "status").glob("*.json"))]
    return {
        BASE_URL + str(f.relative_to(site)): json.loads(f.read_text(encoding="utf-8"))
        for f in files
    }


def _cases(verdicts: Verdicts) -> dict[str, str]:  # noqa: F811
    genuine = {
        state: json.loads(verdicts.file(state).read_bytes())
        for state in ("verified", "revoked", "suspended", "expired", "not-yet-valid")
    }
    cases = {f"genuine {state}": json.dumps(doc) for state, doc in genuine.items()}
    for state, key in RESHAPED.items():
        for name, document in variants(genuine[state], key).items():
            cases[f"{state}: {key} {name}"] = json.dumps(document)
    text_boolean = copy.deepcopy(genuine["verified"])
    identity = text_boolean["credentialSubject"]["identifier"][0]
    identity["hashed"] = json.dumps(identity["hashed"])  # true -> "true"
    cases["a boolean written as text"] = json.dumps(text_boolean)
    inline = copy.deepcopy(genuine["verified"])
    inline["@context"] = [*inline["@context"], {"ex": "https://example.org/vocab#"}]
    cases["an inline context that changes nothing"] = json.dumps(inline)
    revoked = genuine["revoked"]
    hidden = {k: v for k, v in revoked.items() if k != "credentialStatus"}
    node = {"id": revoked["id"], "credentialStatus": revoked["credentialStatus"]}
    cases["the status inside @included"] = json.dumps({**hidden, "@included": [node]})
    cases["the status via the issuer with @reverse"] = json.dumps(
        {**hidden, "issuer": {**revoked["issuer"], "@reverse": {"issuer": node}}}
    )
    text = json.dumps(revoked, indent=1)
    cases["a key given twice, the first one hiding the status"] = text.replace(
        '\n "credentialStatus":', '\n "credentialStatus": [],\n "credentialStatus":', 1
    )
    cases["a key given twice, one spelled with an escape"] = text.replace(
        '\n "validFrom":', '\n "valid\\u0046rom": "2000-01-01T00:00:00Z",\n "validFrom":', 1
    )
    cases["a key given twice inside the subject"] = text.replace(
        '"identityType":', '"identityType": "name",\n "identityType":', 1
    )
    return cases


def _python(verdicts: Verdicts, text: str) -> dict[str, Any]:  # noqa: F811
    try:
        document = load_json(text)
    except JsonInputError:
        return {"refused": True}
    fetch = site_fetcher(verdicts.out, BASE_URL)
    return {"state": verify_credential(document, fetch, parse_timestamp(NOW)).state}


def _browser(verdicts: Verdicts, texts: list[str]) -> list[dict[str, Any]]:  # noqa: F811
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    payload = {"network": _network(verdicts.out), "now": NOW, "cases": texts}
    done = subprocess.run(
        [node, str(TOOL)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return [
        {"refused": True} if "refused" in r else {"state": r["state"]}
        for r in json.loads(done.stdout)
    ]


def test_both_verifiers_reach_the_same_verdict(verdicts: Verdicts) -> None:  # noqa: F811
    cases = _cases(verdicts)
    browser = _browser(verdicts, list(cases.values()))
    found = {
        name: (_python(verdicts, text), js)
        for (name, text), js in zip(cases.items(), browser, strict=True)
    }
    disagree = {name: pair for name, pair in found.items() if pair[0] != pair[1]}
    assert disagree == {}
    states = {name: pair[0].get("state", "refused") for name, pair in found.items()}
    assert states["genuine verified"] == "verified"
    assert states["genuine revoked"] == "revoked"
    assert "verified" not in {s for n, s in states.items() if n != "genuine verified"}
    assert all(s == "refused" for n, s in states.items() if "twice" in n)
    assert states["a boolean written as text"] == "invalid"
    assert states["an inline context that changes nothing"] == "invalid"
