"""Key resolution gives the same answer in Python as in the browser: every situation of
tests/keys/situations.json (a small network map and a verificationMethod) resolves, or is refused
with its problem code, as the table says. browser/test/key-resolution-agreement.test.js runs the
same table through the browser's resolver, and the last test here runs it in Node and compares
the two answers directly."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from credsite.standards.fetch import mapping_fetcher
from credsite.standards.keyresolution import (
    KeyProblemError,
    resolve_key,
    resolve_published_key,
)
from credsite.standards.reports import FetchError

TABLE = Path(__file__).parent / "keys" / "situations.json"
SITUATIONS = json.loads(TABLE.read_text(encoding="utf-8"))["situations"]
BROWSER = Path(__file__).resolve().parent.parent / "browser"
RUNNER = """
import { readFileSync } from 'node:fs';
import { resolveVerificationMethod } from './src/verifier/key-resolution.js';
const table = JSON.parse(readFileSync(process.argv[1], 'utf8'));
const out = [];
for (const s of table.situations) {
  const fetchJson = async (url) => {
    if (!Object.hasOwn(s.network, url)) throw new Error(`${url} is not served`);
    return s.network[url];
  };
  try {
    const vm = await resolveVerificationMethod(s.verificationMethod, { fetchJson, jose: s.jose === true });
    out.push({ outcome: 'resolved', keyType: vm.keyType, warnings: vm.warnings, id: vm.id });
  } catch (e) {
    out.push({ outcome: e.retryable ? 'unreachable' : 'refused', code: e.code });
  }
}
console.log(JSON.stringify(out));
"""


def _problem_code(code: str) -> str:
    """The code both verifiers give: the browser names the Multikey rule a key broke
    (MULTIKEY_LENGTH, MULTIKEY_WEAK...), Python's key types say it in words."""
    return "MULTIKEY" if code.startswith("MULTIKEY_") and code != "MULTIKEY_MISSING" else code


def _resolve(situation: dict[str, Any]) -> dict[str, Any]:
    def unreachable(url: str) -> Any:
        raise FetchError(f"{url} is not served", missing=True)

    fetch = mapping_fetcher(situation["network"], unreachable)
    resolver = resolve_published_key if situation.get("jose") else resolve_key
    try:
        key = resolver(situation["verificationMethod"], fetch)
    except KeyProblemError as problem:
        outcome = "unreachable" if problem.retryable else "refused"
        return {"outcome": outcome, "code": _problem_code(problem.code)}
    return {
        "outcome": "resolved",
        "keyType": key.key_type,
        "warnings": list(key.warnings),
        "id": key.id,
        "controller": key.controller,
        "listedController": key.listed_controller,
        "documentUrl": key.document_url,
        "dates": key.dates,
        "hasJwk": key.jwk is not None,
    }


@pytest.mark.parametrize("situation", SITUATIONS, ids=[s["name"] for s in SITUATIONS])
def test_python_resolver_answers_as_the_table_says(situation: dict[str, Any]) -> None:
    found = _resolve(situation)
    expected = situation["expect"]
    assert {k: found.get(k) for k in expected} == expected


def test_the_table_covers_every_problem_code_and_method() -> None:
    codes = {s["expect"].get("code") for s in SITUATIONS}
    assert {
        "VM_SYNTAX",
        "DID_WEB_SYNTAX",
        "UNSUPPORTED_DID_METHOD",
        "VM_NOT_FOUND",
        "VM_RELATIVE_ID",
        "VM_DUPLICATE",
        "VM_TYPE",
        "VM_CONTROLLER_MISSING",
        "VM_NOT_ASSERTION",
        "KEY_DOCUMENT_MALFORMED",
        "KEY_DOCUMENT_ID_MISMATCH",
        "KEY_DOCUMENT_UNREACHABLE",
        "MULTIKEY",
        "MULTIKEY_MISSING",
        "JWK_MALFORMED",
        "JWK_PRIVATE",
        "JWK_UNSUPPORTED",
        "JWK_NOT_ON_CURVE",
        "JWK_JOSE_ONLY",
    } <= codes
    refs = [s["verificationMethod"] for s in SITUATIONS if s["expect"]["outcome"] == "resolved"]
    for method in ("did:key:", "did:web:", "did:jwk:", "https://"):
        assert any(r.startswith(method) for r in refs), method


@pytest.mark.node
def test_the_browser_resolver_gives_the_same_answers() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    done = subprocess.run(
        [node, "--input-type=module", "-e", RUNNER, str(TABLE)],
        cwd=BROWSER,
        capture_output=True,
        text=True,
        check=True,
    )
    browser = json.loads(done.stdout)
    for situation, answer in zip(SITUATIONS, browser, strict=True):
        python = _resolve(situation)
        if "code" in answer:
            answer["code"] = _problem_code(answer["code"])
        assert {k: python.get(k) for k in answer} == answer, situation["name"]
