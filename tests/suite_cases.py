"""What the tests of each cryptosuite share (tests/test_suites_*.py): one proof checked at the
suite level by both verifiers, and the single-field changes of a signed document.

The suite level is the part of verification a suite decides, with the key given rather than
resolved: which suite the proof names, whether its own @context is the document's, the key's
kind, the hash data (canonicalization), the proof value's encoding and the signature. Python
runs it with ``credsite.standards`` (``cryptosuites``, ``proofs``); Node with the browser
verifier's registry (``cryptosuiteForProof``), ``createVerifyData`` and ``decodeMultikey``. Both
answer with the first step that failed, or ``valid``, so that the two can be compared case by
case; the whole verifiers (key resolution, issuer, dates) are compared in
tests/test_verifier_agreement.py and tests/test_conformance_agreement.py.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from credsite.base.errors import CanonicalizationError, CryptosuiteError
from credsite.standards import cryptosuites, proofs
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.multibase import base58btc_decode, base58btc_encode, base64url_encode
from credsite.standards.verification import verify_credential

REPO = Path(__file__).resolve().parent.parent
BROWSER = REPO / "browser"

# The browser verifier's side of ``python_outcome``, step for step: the Node tests' own
# suiteOutcome (browser/test/helpers/suite-check.js), so that both test suites check one thing.
_NODE_SCRIPT = """
import { suiteOutcome } from './test/helpers/suite-check.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const results = [];
for (const item of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
  results.push(await suiteOutcome(item.document, item.publicKeyMultibase));
}
process.stdout.write(JSON.stringify(results));
"""


def python_outcome(document: dict[str, Any], public_key_multibase: str) -> str:
    """The first suite-level step that fails for ``document`` under this key, or ``valid``."""
    proof = document.get("proof")
    try:
        suite = cryptosuites.for_proof(proof if isinstance(proof, dict) else {})
    except CryptosuiteError:
        return "suite"
    assert isinstance(proof, dict)
    if "@context" in proof and _json(proof["@context"]) != _json(document.get("@context")):
        return "proof-context"
    try:
        key = cryptosuites.decode_public_key(public_key_multibase)
    except ValueError:
        return "key"
    if key.key_type not in suite.key_types:
        return "key-type"
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k not in ("proofValue", "@context")}
    try:
        data = proofs.hash_data(unsigned, options, key_type=key.key_type)
    except CanonicalizationError:
        return "contexts"
    signature = _signature(proof.get("proofValue"), {k.signature_bytes for k in suite.key_types})
    if signature is None:
        return "proof-value"
    good = len(signature) == key.key_type.signature_bytes
    return "valid" if good and key.key_type.verify(key.raw, signature, data) else "signature"


def node_outcomes(cases: list[tuple[dict[str, Any], str]]) -> list[str]:
    """``python_outcome`` of each (document, publicKeyMultibase), as the browser verifier's
    modules find it in Node."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    payload = [{"document": d, "publicKeyMultibase": k} for d, k in cases]
    done = subprocess.run(
        [node, "--input-type=module", "-e", _NODE_SCRIPT],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        cwd=BROWSER,
    )
    result: list[str] = json.loads(done.stdout)
    return result


def both_outcomes(cases: dict[str, tuple[dict[str, Any], str]]) -> dict[str, str]:
    """Each case's outcome, after asserting that Python and Node find the same one."""
    node = node_outcomes(list(cases.values()))
    found = {
        name: (python_outcome(*case), js)
        for (name, case), js in zip(cases.items(), node, strict=True)
    }
    disagree = {name: pair for name, pair in found.items() if pair[0] != pair[1]}
    assert disagree == {}, f"Python and Node differ on {len(disagree)} of {len(cases)}"
    return {name: pair[0] for name, pair in found.items()}


def single_field_changes(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """A copy of ``document`` for each single change of one field: every value (in the proof
    too, but for ``proofValue``) changed, and every property removed. Each must break the
    signature, or be refused before it is checked."""
    for path, value in _leaves(document, ()):
        if path == ("proof", "proofValue"):
            continue
        changed = copy.deepcopy(document)
        _set(changed, path, _other(value))
        yield "changed " + ".".join(map(str, path)), changed
    for path in _properties(document, ()):
        if path in (("proof",), ("proof", "proofValue")):
            continue
        removed = copy.deepcopy(document)
        parent = _get(removed, path[:-1])
        del parent[path[-1]]
        yield "removed " + ".".join(map(str, path)), removed


def malformed_proof_values(signature_bytes: int) -> dict[str, str]:
    """proofValue spellings no suite reads: wrong length, not base58, another multibase."""
    signature = bytes(range(1, signature_bytes + 1))
    return {
        "one byte short": "z" + base58btc_encode(signature[:-1]),
        "one byte long": "z" + base58btc_encode(signature + b"\1"),
        "not base58": "z" + base58btc_encode(signature)[:-1] + "0",
        "base64url multibase": "u" + base64url_encode(signature),
        "no multibase prefix": base58btc_encode(signature),
        "empty": "",
    }


def _signature(value: object, sizes: set[int]) -> bytes | None:
    if not isinstance(value, str) or not value.startswith("z"):
        return None
    try:
        signature = base58btc_decode(value[1:])
    except ValueError:
        return None
    return signature if len(signature) in sizes else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _leaves(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, (*path, index))
    else:
        yield path, value


def _properties(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key)
            yield from _properties(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _properties(child, (*path, index))


def _other(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value[:-1] + ("Y" if value[-1:] != "Y" else "Z") if value else "x"
    return "x"


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(document, path[:-1])[path[-1]] = value


# --- the whole verifiers ------------------------------------------------------------------------

ISSUER = "https://example.edu/issuers/565049"
NOW = "2026-01-01T00:00:00Z"
_TOOL = BROWSER / "tools" / "verify.mjs"


def controller_document(method_id: str, public_key_multibase: str) -> dict[str, Any]:
    """The issuer's controller document publishing one Multikey for issuing."""
    key = {"id": method_id, "type": "Multikey", "controller": ISSUER}
    return {
        "id": ISSUER,
        "verificationMethod": [{**key, "publicKeyMultibase": public_key_multibase}],
        "assertionMethod": [method_id],
    }


def whole_verdicts(cases: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, str]:
    """Each (document, network) case's state, after asserting that the Python verifier and the
    browser verifier (browser/tools/verify.mjs) reach it through the same check outcomes."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    payload = {
        "network": {},
        "now": NOW,
        "cases": [{"text": json.dumps(d), "network": n} for d, n in cases.values()],
    }
    done = subprocess.run(
        [node, str(_TOOL)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    browser = json.loads(done.stdout)
    found = {}
    for (name, (document, network)), js in zip(cases.items(), browser, strict=True):
        report = verify_credential(
            copy.deepcopy(document), mapping_fetcher(network), datetime.fromisoformat(NOW)
        )
        shared = {c[0] for c in js["checks"]}
        python = [[c.id, c.outcome] for c in report.checks if c.id in shared]
        js_checks = [c for c in js["checks"] if c[0] in {c.id for c in report.checks}]
        found[name] = ((report.state, python), (js["state"], js_checks))
    disagree = {name: pair for name, pair in found.items() if pair[0] != pair[1]}
    assert disagree == {}, f"the verifiers differ on {len(disagree)} of {len(cases)}"
    return {name: pair[0][0] for name, pair in found.items()}
