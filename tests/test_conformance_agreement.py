"""The Python and browser verifiers reach the same verdict on every credential other
implementations' test suites publish (tests/conformance, with their sources) — the same state by
the same sequence of checks, as the rulebook names them — and, by state, on reshaped
copies of them: a status or date renamed, aliased, nested or wrapped (tests/test_reshaped.py).
None of the reshaped copies verifies.

Which verdict is right for each third-party credential (the ``expected`` of the manifest) is
issue 13's; this test holds the two verifiers to one answer, whatever it is. Dates are judged
on 2026-12-01, when the corpus was checked."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from credsite.base.jsonfile import JsonInputError, load_json
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.verification import FetchError, verify_credential

from .test_reshaped import variants
from .test_verifier_agreement import SHARED

pytestmark = [pytest.mark.node, pytest.mark.slow]

CORPUS = Path(__file__).resolve().parent / "conformance"
TOOL = CORPUS.parent.parent / "browser" / "tools" / "verify.mjs"
NOW = "2026-12-01T00:00:00Z"
# The property each verdict hangs on: reshaped copies of credentials in these states.
RESHAPE = {
    "revoked": ["credentialStatus"],
    "expired": ["validUntil"],
    "not-yet-valid": ["validFrom"],
    "verified": ["credentialStatus", "validFrom", "validUntil"],
}


def _network() -> dict[str, Any]:
    table = json.loads((CORPUS / "support" / "network.json").read_text(encoding="utf-8"))
    return {url: json.loads((CORPUS / f).read_text(encoding="utf-8")) for url, f in table.items()}


def _python_checks(text: str, network: dict[str, Any]) -> tuple[str, list[list[str]]]:
    """(state, [check id, outcome] of the checks both verifiers make) by the Python verifier."""

    def unreachable(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    try:
        document = load_json(text)
    except JsonInputError:
        return "refused", []
    fetch = mapping_fetcher(network, unreachable)
    report = verify_credential(document, fetch, datetime.fromisoformat(NOW))
    return report.state, [[c.id, c.outcome] for c in report.checks if c.id in SHARED]


def _python(text: str, network: dict[str, Any]) -> str:
    return _python_checks(text, network)[0]


def _browser_checks(texts: list[str], network: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    payload = {"network": network, "now": NOW, "cases": texts}
    done = subprocess.run(
        [node, str(TOOL)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return [
        (r.get("state", "refused"), [c for c in r.get("checks", []) if c[0] in SHARED])
        for r in json.loads(done.stdout)
    ]


def _browser(texts: list[str], network: dict[str, Any]) -> list[str]:
    return [state for state, _ in _browser_checks(texts, network)]


def _cases() -> dict[str, str]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    files = [m["file"] for m in manifest if m["file"].endswith(".json")]
    return {f: (CORPUS / f).read_text(encoding="utf-8") for f in files}


def test_the_corpus_is_whole() -> None:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == 52
    assert all((CORPUS / m["file"]).is_file() for m in manifest)


def test_both_verifiers_agree_on_every_corpus_credential_and_its_reshaped_copies() -> None:
    network = _network()
    cases = _cases()
    first = dict(zip(cases, _browser_checks(list(cases.values()), network), strict=True))
    checked = {name: _python_checks(text, network) for name, text in cases.items()}
    # The same verdict by the same checks: state and (check id, outcome) sequence.
    assert {n: (checked[n], first[n]) for n in cases if checked[n] != first[n]} == {}
    python = {name: state for name, (state, _) in checked.items()}
    # Agreement alone would pass if both refused everything: some must reach a verdict.
    assert sum(state != "invalid" for state in python.values()) >= 10

    reshaped: dict[str, str] = {}
    for name, text in cases.items():
        document = json.loads(text)
        for key in RESHAPE.get(python[name], []):
            if key in document:
                for how, variant in variants(document, key).items():
                    reshaped[f"{name}: {key} {how}"] = json.dumps(variant)
    assert len(reshaped) > 20, "the corpus must give reshaped copies to test"
    browser = dict(zip(reshaped, _browser(list(reshaped.values()), network), strict=True))
    python_reshaped = {name: _python(text, network) for name, text in reshaped.items()}
    assert {
        n: (python_reshaped[n], browser[n]) for n in reshaped if python_reshaped[n] != browser[n]
    } == {}
    assert "verified" not in python_reshaped.values()
