"""Credentials beyond credsite/data/limits.json are refused before any expensive work (issue 11,
item 7), and the linear node map (credsite.standards.nodemap) builds exactly pyld's.

A credential of 8,000 ``identifier`` entries took minutes to verify: pyld's node map compares
each new value of a property with all earlier ones. Timing is not asserted here (see
bench/pathological.py for the figures); what is asserted is the refusal, with its message, and
that the replacement node map equals pyld's on every document the JSON-LD tests know.
"""

from __future__ import annotations

import copy
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pyld.identifier_issuer import IdentifierIssuer
from pyld.jsonld import JsonLdProcessor

from credsite.base.credential_limits import document_problem, limits, size_problem
from credsite.base.errors import CanonicalizationError
from credsite.standards import jsonld
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.nodemap import create_node_map
from credsite.standards.verification import verify_credential

from . import test_jsonld_agreement as agreement
from .conftest import REPO
from .issuer_site import run_cli

NOW = datetime(2026, 11, 1, tzinfo=UTC)
EXAMPLES = sorted((REPO / "content" / "credentials").glob("*.json"))


def _largest_example() -> dict[str, Any]:
    return json.loads(max(EXAMPLES, key=lambda p: p.stat().st_size).read_text(encoding="utf-8"))


def _with_identifiers(count: int) -> dict[str, Any]:
    document = _largest_example()
    document["credentialSubject"]["identifier"] += [
        {
            "type": "IdentityObject",
            "identityHash": f"learner{i}@example.org",
            "identityType": "emailAddress",
            "hashed": False,
        }
        for i in range(count)
    ]
    return document


def _structure_check(document: Any) -> dict[str, str]:
    report = verify_credential(document, mapping_fetcher({}), NOW)
    assert report.state == "invalid"
    # nothing else was attempted: every later check is reported, not checked
    assert {c.outcome for c in report.checks[1:]} == {"not-checked"}
    return {"outcome": report.checks[0].outcome, "message": report.checks[0].message}


# -- the limits -----------------------------------------------------------------------------------


def test_the_limits_come_from_the_data_file_the_browser_bundles() -> None:
    data = json.loads((REPO / "credsite" / "data" / "limits.json").read_text(encoding="utf-8"))
    limit = limits()
    assert (limit.max_bytes, limit.max_values, limit.max_depth, limit.max_array_length) == (
        data["maxCredentialBytes"],
        data["maxJsonValues"],
        data["maxJsonDepth"],
        data["maxArrayLength"],
    )
    source = (REPO / "browser" / "src" / "verifier" / "limits.js").read_text(encoding="utf-8")
    assert "from '../../../credsite/data/limits.json'" in source


def test_every_example_credential_is_far_within_the_limits() -> None:
    assert EXAMPLES
    for path in EXAMPLES:
        assert size_problem(path.stat().st_size * 20) is None, path
        assert document_problem(json.loads(path.read_text(encoding="utf-8"))) is None, path


TOO_MANY = (
    "The credential is too large to check: it holds more than 5,000 JSON values (real "
    "credentials hold a few hundred)."
)


def test_8000_identifier_entries_are_refused_before_any_jsonld_work() -> None:
    assert _structure_check(_with_identifiers(8000)) == {"outcome": "failed", "message": TOO_MANY}


def test_a_credential_at_the_limits_is_checked_as_usual() -> None:
    document = _largest_example()
    document["credentialSubject"]["identifier"] += [
        "x" for _ in range(limits().max_array_length - 2)
    ]
    document["credentialSubject"]["extra"] = [[0] * 999] * 3 + [[[[[[[[[[[]]]]]]]]]]]
    assert document_problem(document) is None
    report = verify_credential(document, mapping_fetcher({}), NOW)
    assert report.checks[0].id == "structure" and report.checks[0].outcome == "passed"


def test_a_list_longer_than_the_limit_is_refused() -> None:
    document = _largest_example()
    document["credentialSubject"]["identifier"] += ["x" for _ in range(limits().max_array_length)]
    assert _structure_check(document) == {
        "outcome": "failed",
        "message": "The credential is too large to check: it has a list of 1,002 entries, "
        "more than the 1,000 allowed.",
    }


def test_too_many_values_are_refused() -> None:
    document = _largest_example()
    per_list = limits().max_array_length
    document["credentialSubject"]["extra"] = [
        list(range(per_list)) for _ in range(limits().max_values // per_list)
    ]
    assert _structure_check(document) == {"outcome": "failed", "message": TOO_MANY}


def test_too_deep_nesting_is_refused_without_recursion() -> None:
    document = _largest_example()
    nested: Any = "bottom"
    for _ in range(100_000):  # far past Python's recursion limit
        nested = {"n": nested}
    document["credentialSubject"]["deep"] = nested
    assert _structure_check(document) == {
        "outcome": "failed",
        "message": "The credential is too large to check: it is nested more than 32 levels deep.",
    }


def test_over_size_is_refused() -> None:
    document = _largest_example()
    document["description"] = "x" * limits().max_bytes
    size = len(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
    assert _structure_check(document) == {
        "outcome": "failed",
        "message": f"The credential is too large to check: it is {size:,} bytes, more than "
        "the 2 MB (2,097,152 bytes) a credential may have.",
    }


def test_verify_command_refuses_an_over_limit_file(tmp_path: Path) -> None:
    path = tmp_path / "padded.json"
    path.write_text(json.dumps(_with_identifiers(8000)), encoding="utf-8")
    before = path.read_bytes()
    result = run_cli(["--root", tmp_path, "verify", path, "--offline", "--json"], {})
    assert result.code == 1, result.text
    report = json.loads(result.out)
    assert report["state"] == "invalid"
    assert report["checks"][0] == {
        "id": "structure",
        "outcome": "failed",
        "message": TOO_MANY,
        "detail": "",
    }
    assert {c["outcome"] for c in report["checks"][1:]} == {"not-checked"}
    assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == [path]


# -- the linear node map equals pyld's -----------------------------------------------------------


def _pyld_node_map(expanded: list[Any]) -> dict[str, Any]:
    node_map: dict[str, Any] = {"@default": {}}
    JsonLdProcessor()._create_node_map(expanded, node_map, "@default", IdentifierIssuer("_:b"))
    return node_map


def _assert_same_node_map(expanded: list[Any]) -> None:
    """Both builders on their own copy (pyld relabels in place); any exception must match too."""
    outcomes = []
    for build in (_pyld_node_map, lambda e: create_node_map(e, IdentifierIssuer("_:b"))):
        try:
            outcomes.append(("map", build(copy.deepcopy(expanded))))
        except Exception as error:  # noqa: BLE001 - the two must fail alike, whatever the error
            outcomes.append(("error", f"{type(error).__name__}: {error}"))
    assert outcomes[0] == outcomes[1]
    # == treats 1, 1.0 and True alike; the kept values must also have pyld's types.
    assert repr(outcomes[0]) == repr(outcomes[1])


def _known_documents() -> list[Any]:
    documents: list[Any] = list(agreement._agreeing_documents().values())
    documents += [doc for doc, _ in agreement._refused_by_both().values()]
    documents += list(agreement._refused_by_python_only().values())
    documents += [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    documents += [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((REPO / "tests" / "vectors").rglob("*.json"))
    ]
    return documents


def test_node_map_equals_pyld_on_every_known_document() -> None:
    compared = 0
    for document in _known_documents():
        try:
            expanded, _ = jsonld._expand(document)
        except CanonicalizationError:
            continue
        _assert_same_node_map(expanded)
        compared += 1
    assert compared > 50


S = "https://ex.org/s"
P = "https://ex.org/p"
Q = "https://ex.org/q"
CRAFTED = {
    "duplicate references": [{"@id": S, P: [{"@id": "https://a"}, {"@id": "https://a"}]}],
    "duplicate blank node labels": [{"@id": S, P: [{"@id": "_:x"}, {"@id": "_:x", Q: [{}]}]}],
    "numbers and booleans": [
        {
            "@id": S,
            P: [
                {"@value": 1},
                {"@value": 1.0},
                {"@value": True},
                {"@value": True},
                {"@value": False},
                {"@value": 0},
                {"@value": "1"},
            ],
        }
    ],
    "typed, language and indexed values": [
        {
            "@id": S,
            P: [
                {"@value": "a", "@type": "https://t"},
                {"@value": "a", "@type": "https://t"},
                {"@value": "a", "@type": "https://u"},
                {"@value": "a", "@language": "en"},
                {"@value": "a", "@language": "en"},
                {"@value": "a", "@language": "nl"},
                {"@value": "a", "@index": "i"},
                {"@value": "a"},
                {"@value": "a", "@type": "_:dt"},
                {"@value": "a", "@type": "_:dt"},
            ],
        }
    ],
    "json literals": [
        {
            "@id": S,
            P: [
                {"@value": {"a": [1, {"b": True}]}, "@type": "@json"},
                {"@value": {"a": [1.0, {"b": 1}]}, "@type": "@json"},
                {"@value": [1, 2], "@type": "@json"},
                {"@value": [2, 1], "@type": "@json"},
                {"@value": None, "@type": "@json"},
                {"@value": None, "@type": "@json"},
            ],
        }
    ],
    "lists are never merged": [
        {"@id": S, P: [{"@list": [{"@value": 1}]}, {"@list": [{"@value": 1}]}, {"@list": []}]}
    ],
    "references inside lists": [{"@id": S, P: [{"@list": [{"@id": "https://a"}, {"@id": S}]}]}],
    "a node described twice": [
        {"@id": S, P: [{"@value": "x"}, {"@id": "https://a"}]},
        {"@id": S, P: [{"@value": "x"}, {"@id": "https://a"}, {"@value": "y"}]},
    ],
    "types, blank types and empty properties": [
        {"@id": S, "@type": ["https://T", "https://T", "_:t", "_:t"], P: [], Q: [{"@value": 1}]},
        {"@id": S, P: [{"@value": 2}], Q: []},
    ],
    "reverse properties": [
        {
            "@id": S,
            "@reverse": {P: [{"@id": "https://a"}, {"@id": "https://a"}, {Q: [{"@value": 1}]}]},
        },
        {"@id": "https://a", P: [{"@id": S}]},
    ],
    "named graphs and included": [
        {
            "@id": "https://g",
            "@graph": [{"@id": S, P: [{"@value": 1}, {"@value": 1}]}],
            "@included": [{"@id": S, P: [{"@value": 1}, {"@value": 2}]}],
        }
    ],
    "blank node properties": [{"@id": S, "_:p": [{"@value": 1}, {"@value": 1}]}],
    "self references": [
        {"@id": S, P: [{"@id": "https://a", P: [{"@id": S, P: [{"@id": "https://a"}]}]}]}
    ],
    "indexes": [
        {"@id": S, "@index": "i", P: [{"@id": "https://a", "@index": "j"}]},
        {"@id": S, "@index": "k"},
    ],
    "many values of one property": [
        {
            "@id": S,
            P: [{"@value": i % 300} for i in range(800)]
            + [{"@id": f"_:n{i % 30}"} for i in range(100)],
        }
    ],
}


@pytest.mark.parametrize("name", list(CRAFTED))
def test_node_map_equals_pyld_on_crafted_input(name: str) -> None:
    _assert_same_node_map(CRAFTED[name])


# -- both verifiers refuse the same documents, for the same reason --------------------------------

NODE_CHECK = """
import { checkJsonText } from './src/verifier/limits.js';
let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const texts = JSON.parse(input);
  console.log(JSON.stringify(texts.map((text) => checkJsonText(text)?.code ?? null)));
});
"""
PYTHON_CODES = {
    "it holds more than": "TOO_MANY_VALUES",
    "it is nested more than": "TOO_DEEP",
    "it has a list of": "ARRAY_TOO_LONG",
    "it is ": "TOO_LARGE",
}


def _python_code(document: Any) -> str | None:
    problem = document_problem(document)
    if problem is None:
        return None
    return next(code for start, code in PYTHON_CODES.items() if problem.startswith(start))


def _boundary_documents() -> list[Any]:
    limit = limits()
    base = _largest_example()

    def nested(levels: int) -> Any:
        value: Any = []
        for _ in range(levels - 1):
            value = [value]
        return value

    def padded_values(total: int) -> dict[str, Any]:
        document = copy.deepcopy(base)
        document["extra"] = []  # counts one value itself
        missing = total - count_values(document)
        document["extra"] = [[0] * 999 for _ in range(missing // 1000)]
        document["extra"] += [[0] * (missing % 1000 - 1)] if missing % 1000 else []
        return document

    def count_values(document: Any) -> int:
        count, stack = 0, [document]
        while stack:
            item = stack.pop()
            count += 1
            if isinstance(item, dict | list):
                stack.extend(item.values() if isinstance(item, dict) else item)
        return count

    def sized(total: int) -> dict[str, Any]:
        document = copy.deepcopy(base)
        document["description"] = ""
        size = len(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
        document["description"] = "é" * ((total - size) // 2) + "x" * ((total - size) % 2)
        return document

    return [
        base,
        _with_identifiers(8000),
        {"a": nested(limit.max_depth - 1)},
        {"a": nested(limit.max_depth)},
        {"a": [0] * limit.max_array_length},
        {"a": [0] * (limit.max_array_length + 1)},
        padded_values(limit.max_values),
        padded_values(limit.max_values + 1),
        sized(limit.max_bytes),
        sized(limit.max_bytes + 1),
    ]


@pytest.mark.node
def test_python_and_the_browser_refuse_the_same_documents() -> None:
    node = agreement._node()
    documents = _boundary_documents()
    texts = [json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in documents]
    completed = subprocess.run(
        [node, "--input-type=module", "-e", NODE_CHECK],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO / "browser",
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    browser = json.loads(completed.stdout)
    python = [_python_code(d) for d in documents]
    assert python == browser
    assert python == [
        None,
        "TOO_MANY_VALUES",
        None,
        "TOO_DEEP",
        None,
        "ARRAY_TOO_LONG",
        None,
        "TOO_MANY_VALUES",
        None,
        "TOO_LARGE",
    ]
