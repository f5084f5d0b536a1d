"""The Python verifier (``verify``, the build) and the browser verifier reach the same verdict
through the same checks: for every case, the same state and the same sequence of (check id,
outcome), leaving out only what the rulebook says one of them alone makes (``schema``: the Python
verifier; ``internal``: the browser's own failure).

The cases: credentials of a site issued in every state, with the reshaped variants of
tests/test_reshaped.py, a boolean written as text, an inline context and JSON with a key given
twice (which both refuse as input); the example site's own credentials (content/credentials)
against its build; the published vectors (1EdTech's Open Badges credential with its controller
document, the Bitstring Status List REC's signed credential and list); tampered copies of all of
those; and the signed edge cases of tests/edge_credentials.py, each of which must also get the
verdict the rulebook requires (credsite/data/verifier-rules.json). The browser side runs in Node
through browser/tools/verify.mjs.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from credsite.base.jsonfile import JsonInputError, load_json
from credsite.standards import rulebook
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.verification import FetchError, verify_credential

from .edge_credentials import Case, edge_cases
from .edge_dates_and_lists import date_and_list_cases
from .edge_model import model_cases
from .edge_status_standing import standing_cases
from .issuer_site import BASE_URL
from .test_reshaped import variants
from .test_verify_cli import NOW, Verdicts, no_network, verdicts  # noqa: F401 - fixtures

pytestmark = [pytest.mark.node, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "browser" / "tools" / "verify.mjs"
VECTORS = REPO / "tests" / "vectors"
RESHAPED = {"revoked": "credentialStatus", "expired": "validUntil", "not-yet-valid": "validFrom"}
# The checks both verifiers make: the rest are one-sided by the rulebook's `by`.
SHARED = set(rulebook.check_ids("python")) & set(rulebook.check_ids("browser"))
EXAMPLE_URL = "https://microcredentials.hogeschool-voorbeeld.nl/"
EXAMPLE_NOW = "2026-12-01T00:00:00Z"


def _python(case: Case) -> dict[str, Any]:
    try:
        document = load_json(case.text)
    except JsonInputError:
        return {"refused": True}

    def elsewhere(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=not case.unreachable)

    fetch = mapping_fetcher(case.network, elsewhere)
    report = verify_credential(document, fetch, datetime.fromisoformat(case.now))
    return {
        "state": report.state,
        "checks": [[c.id, c.outcome] for c in report.checks if c.id in SHARED],
    }


def _browser(cases: list[Case]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    payload = {
        "network": {},
        "cases": [
            {"text": c.text, "network": c.network, "now": c.now, "unreachable": c.unreachable}
            for c in cases
        ],
    }
    done = subprocess.run(
        [node, str(TOOL)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return [
        {"refused": True}
        if "refused" in r
        else {"state": r["state"], "checks": [c for c in r["checks"] if c[0] in SHARED]}
        for r in json.loads(done.stdout)
    ]


def _both(cases: dict[str, Case]) -> dict[str, dict[str, Any]]:
    """Each case's result, after asserting that both verifiers give the same one."""
    browser = _browser(list(cases.values()))
    found = {
        name: (_python(case), js) for (name, case), js in zip(cases.items(), browser, strict=True)
    }
    disagree = {name: pair for name, pair in found.items() if pair[0] != pair[1]}
    assert disagree == {}, f"{len(disagree)} of {len(cases)} cases differ"
    return {name: pair[0] for name, pair in found.items()}


def _tampered(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Copies of a signed credential changed after signing, each in another part."""

    def other_value(d: dict[str, Any]) -> None:
        value = _proof(d)["proofValue"]
        _proof(d)["proofValue"] = value[:-1] + ("2" if value[-1] != "2" else "3")

    changes: dict[str, Callable[[dict[str, Any]], Any]] = {
        "name changed": lambda d: d.update(name=f"{d.get('name', '')} (changed)"),
        "validFrom moved": lambda d: d.update(validFrom="2000-01-01T00:00:00Z"),
        "validUntil added": lambda d: d.update(validUntil="2099-01-01T00:00:00Z"),
        "a digit of the signature changed": other_value,
        "proof created moved": lambda d: _proof(d).update(created="2001-01-01T00:00:00Z"),
        "issuer changed": lambda d: d.update(issuer="did:web:evil.example"),
    }
    if "credentialStatus" in document:
        changes["status removed"] = lambda d: d.pop("credentialStatus")
    out = {}
    for name, change in changes.items():
        copied = copy.deepcopy(document)
        change(copied)
        out[name] = copied
    return out


def _proof(document: dict[str, Any]) -> dict[str, Any]:
    proof = document["proof"]
    return proof[0] if isinstance(proof, list) else proof


# -- a site's credentials in every state -------------------------------------------------------


def _site_network(site: Path, base_url: str) -> dict[str, Any]:
    files = [site / ".well-known" / "did.json", *sorted((site / "status").glob("*.json"))]
    return {
        base_url + str(f.relative_to(site)): json.loads(f.read_text(encoding="utf-8"))
        for f in files
    }


def _issued_cases(verdicts: Verdicts) -> dict[str, str]:  # noqa: F811
    genuine = {
        state: json.loads(verdicts.file(state).read_bytes())
        for state in ("verified", "revoked", "suspended", "expired", "not-yet-valid")
    }
    cases = {f"genuine {state}": json.dumps(doc) for state, doc in genuine.items()}
    for state, key in RESHAPED.items():
        for name, document in variants(genuine[state], key).items():
            cases[f"{state}: {key} {name}"] = json.dumps(document)
    for name, document in _tampered(genuine["verified"]).items():
        cases[f"tampered: {name}"] = json.dumps(document)
    text_boolean = copy.deepcopy(genuine["verified"])
    identity = text_boolean["credentialSubject"]["identifier"][0]
    identity["hashed"] = json.dumps(identity["hashed"])  # true -> "true"
    cases["a boolean written as text"] = json.dumps(text_boolean)
    inline = copy.deepcopy(genuine["verified"])
    # Only "term": "IRI" may be added inline (credsite.standards.inlinecontext); a definition
    # in expanded form is refused, even one that changes nothing signed.
    inline["@context"] = [*inline["@context"], {"ex": {"@id": "https://example.org/vocab#"}}]
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


def test_both_verifiers_agree_on_a_sites_credentials(verdicts: Verdicts) -> None:  # noqa: F811
    network = _site_network(verdicts.out, BASE_URL)
    texts = _issued_cases(verdicts)
    found = _both({name: Case(text, "", network, NOW) for name, text in texts.items()})
    states = {name: result.get("state", "refused") for name, result in found.items()}
    for state in ("verified", "revoked", "suspended", "expired", "not-yet-valid"):
        assert states[f"genuine {state}"] == state
    assert "verified" not in {s for n, s in states.items() if n != "genuine verified"}
    assert all(s == "refused" for n, s in states.items() if "twice" in n)
    assert states["a boolean written as text"] == "invalid"
    assert states["an inline context that changes nothing"] == "invalid"
    assert all(s == "invalid" for n, s in states.items() if n.startswith("tampered"))


# -- the example site, the vectors, the edge cases ---------------------------------------------


def test_both_verifiers_agree_on_the_example_sites_credentials(example_site: Path) -> None:
    network = _site_network(example_site, EXAMPLE_URL)
    cases = {}
    for path in sorted((REPO / "content" / "credentials").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        cases[path.stem] = Case(text, "", network, EXAMPLE_NOW)
        for name, document in _tampered(json.loads(text)).items():
            cases[f"{path.stem}: {name}"] = Case(json.dumps(document), "", network, EXAMPLE_NOW)
    found = _both(cases)
    genuine = [found[p.stem]["state"] for p in (REPO / "content" / "credentials").glob("*.json")]
    assert {"verified", "revoked", "suspended", "expired"} <= set(genuine)
    assert all(r["state"] == "invalid" for n, r in found.items() if ": " in n)


def _vector_cases() -> dict[str, Case]:
    ob = json.loads((VECTORS / "ob-v3p0-eddsa-rdfc-2022" / "signed-credential.json").read_text())
    pair = json.loads((VECTORS / "ob-v3p0-eddsa-rdfc-2022" / "vector.json").read_text())["keyPair"]
    controller = {
        "@context": ["https://www.w3.org/ns/cid/v1"],
        "id": pair["controller"],
        "verificationMethod": [
            {
                "id": pair["verificationMethodId"],
                "type": "Multikey",
                "controller": pair["controller"],
                "publicKeyMultibase": pair["publicKeyMultibase"],
            }
        ],
        "assertionMethod": [pair["verificationMethodId"]],
    }
    network = {pair["controller"]: controller}
    folder = VECTORS / "bitstring-status-list"
    listed = json.loads(
        (folder / "signed-credential-with-status-entry.eddsa-rdfc-2022.json").read_text()
    )
    status_list = json.loads(
        (folder / "signed-status-list-credential.eddsa-rdfc-2022.json").read_text()
    )
    now = "2026-01-01T00:00:00Z"
    cases = {
        "1EdTech OB vector": Case(json.dumps(ob), "verified", network, now),
        "1EdTech OB vector, controller document unreachable": Case(
            json.dumps(ob), "error", {}, now
        ),
        "Bitstring REC credential": Case(
            json.dumps(listed), "invalid", {status_list["id"]: status_list}, now
        ),
    }
    for name, document in _tampered(ob).items():
        cases[f"1EdTech OB vector: {name}"] = Case(json.dumps(document), "invalid", network, now)
    return cases


def test_both_verifiers_agree_on_the_vectors_and_the_edge_cases() -> None:
    """And reach the verdict the rulebook requires of each."""
    cases = {
        **_vector_cases(),
        **edge_cases(),
        **date_and_list_cases(),
        **model_cases(),
        **standing_cases(),
    }
    found = _both(cases)
    wrong = {
        name: (found[name].get("state"), case.expected)
        for name, case in cases.items()
        if found[name].get("state") != case.expected
    }
    assert wrong == {}
    assert len(cases) > 100
