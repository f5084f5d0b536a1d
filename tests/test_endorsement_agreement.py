"""The Python and the browser verifier report the same endorsements of a credential: the same
list, in the same order, each with the same place, endorser, state and note that it is not about
what it is attached to (credsite/standards/endorsements.py, browser/src/verifier/endorsements.js),
and the same verdict for the credential itself. The browser side runs in Node through
browser/tools/verify.mjs, as in tests/test_verifier_agreement.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .endorsement_credentials import endorsed_cases
from .test_endorsements import _verify

pytestmark = [pytest.mark.node, pytest.mark.slow]

TOOL = Path(__file__).resolve().parent.parent / "browser" / "tools" / "verify.mjs"


def _browser(cases: list[Any]) -> list[dict[str, Any]]:
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
    return list(json.loads(done.stdout))


def test_both_verifiers_report_the_same_endorsements() -> None:
    cases = endorsed_cases()
    browser = _browser([c.case for c in cases.values()])
    found = {}
    for (name, endorsed), js in zip(cases.items(), browser, strict=True):
        report = _verify(endorsed.case)
        python = {
            "state": report.state,
            "endorsements": [[e.where, e.endorser, e.state, e.about] for e in report.endorsements],
        }
        found[name] = (python, {"state": js["state"], "endorsements": js["endorsements"]})
    disagree = {name: pair for name, pair in found.items() if pair[0] != pair[1]}
    assert disagree == {}, f"{len(disagree)} of {len(cases)} cases differ"
    states = {e[2] for python, _ in found.values() for e in python["endorsements"]}
    assert {"verified", "invalid", "error"} <= states
    assert any(not e[3] for python, _ in found.values() for e in python["endorsements"])
