"""The signer (pyld, via credsite.standards.jsonld) and the browser verifier (jsonld.js) agree.

Every document goes through ``browser/tools/canonize.mjs`` (jsonld.js 9, RDFC-1.0, safe mode,
the bundled contexts) in one Node process, and through ``credsite.standards.jsonld.canonicalize``:

- documents Python accepts must give byte-identical N-Quads in both;
- documents jsonld.js safe mode refuses must be refused by Python too;
- documents Python refuses although jsonld.js accepts them are the ones where raw pyld and
  jsonld.js really disagree, which the test shows, so that a fix in pyld gets noticed.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld as pyld_jsonld

from credsite.base.errors import CanonicalizationError
from credsite.standards import jsonld

pytestmark = pytest.mark.node

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "browser" / "tools" / "canonize.mjs"
VECTORS = Path(__file__).parent / "vectors"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
SITE = "https://badges.example.org"

TRICKY_TEXTS = {
    "quotes": "Quotes \"double\" and 'single' and „low‟",
    "backslashes": "Back\\slash, \\n that is not a newline, and a trailing \\",
    "tabs": "Tab\tseparated\tvalues\t",
    "newlines": "Line one\nLine two\n\nLine four\n",
    "carriage-returns": "Windows\r\nline end and a lone \r carriage return",
    "emoji": "🎓 Graduate 👩🏽‍🎓 with a ZWJ sequence and 🇳🇱",
    "emoji-with-variation-selector": "Heart ❤️ and 😀 in one text",
    "combining": "e\u0301 versus é, a\u0308 versus ä, Z\u0364\u0311a\u0308\u0347l\u036eg\u0315o",
    "rtl": "مرحبا بالعالم and עולם שלום with \u200f marks \u200e",
    "cjk": "微证书 and マイクロクレデンシャル and 마이크로",
    "fullwidth-and-bom": "Fullwidth ！ and a \ufeff inside text",
    "unicode-line-breaks": "NEL\u0085 LINE SEPARATOR\u2028 PARAGRAPH SEPARATOR\u2029",
    "spaces": "No-break\u00a0space, thin\u2009space, ideographic\u3000space",
    "markup": '<script>alert("x")</script> &amp; <b>bold</b>',
    "empty": "",
    "long": "Long text. " * 500,
}
CREDITS = [
    3,
    2.5,
    0.1,
    12.75,
    0,
    -2.5,
    1.5e-7,
    1e-5,
    123456.789,
    0.30000000000000004,
    1e21,
    1.7976931348623157e308,
    2**53 - 1,
]


def _badge(text: str = "Interview techniques", credits: float = 3) -> dict[str, Any]:
    """An OpenBadgeCredential shaped like the ones credsite issues, with ``text`` everywhere."""
    slug = f"{SITE}/modules/interview-techniques"
    return {
        "@context": [VC_V2, OB_CONTEXT],
        "id": f"{SITE}/c/8f0c5f0e-2b7a-4d33-9a64-0f6f7a1c2e11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": text,
        "description": text,
        "issuer": {
            "id": "did:web:badges.example.org",
            "type": ["Profile"],
            "name": text,
            "url": f"{SITE}/",
            "image": {"id": f"{SITE}/logo.png", "type": "Image", "caption": text},
        },
        "validFrom": "2025-01-31T12:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": "sha256$"
                    "b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399",
                    "salt": "Kosher",
                }
            ],
            "achievement": {
                "id": slug,
                "type": ["Achievement"],
                "name": text,
                "description": text,
                "criteria": {"narrative": text},
                "image": {"id": f"{slug}.png", "type": "Image", "caption": text},
                "creditsAvailable": credits,
                "tag": [text, "nursing"],
                "humanCode": "NUR-IT-1",
                "fieldOfStudy": "0913",
                "inLanguage": "nl",
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": text,
                        "targetUrl": f"{slug}#learning-outcome-1",
                        "targetCode": "LO1",
                    }
                ],
            },
        },
        "credentialStatus": {
            "id": f"{SITE}/status/1#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": f"{SITE}/status/1",
        },
    }


def _results(count: int, alignments: int) -> list[dict[str, Any]]:
    """Identical Results holding identical Alignments: blank nodes only their place tells apart."""
    alignment = {"type": ["Alignment"], "targetName": "x", "targetUrl": f"{SITE}/x"}
    return [{"type": ["Result"], "value": "A", "alignment": [alignment] * alignments}] * count


def _vector(path: str) -> dict[str, Any]:
    return json.loads((VECTORS / path).read_text(encoding="utf-8"))


def _with(document: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    change(changed)
    return changed


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value

    return change


def _agreeing_documents() -> dict[str, dict[str, Any]]:
    w3c_config = _vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json")
    ob_unsigned = _vector("ob-v3p0-eddsa-rdfc-2022/unsigned-credential.json")
    ob_config = {**_vector("ob-v3p0-eddsa-rdfc-2022/proof-options.json")}
    ob_config["@context"] = ob_unsigned["@context"]
    status = "bitstring-status-list/"
    documents = {
        "w3c-unsigned": _vector("w3c-vc-di-eddsa/unsigned.json"),
        "w3c-proof-config": w3c_config,
        "w3c-signed": _vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json"),
        "ob-unsigned": ob_unsigned,
        "ob-proof-config": ob_config,
        "ob-signed": _vector("ob-v3p0-eddsa-rdfc-2022/signed-credential.json"),
        "status-list-credential": _vector(
            status + "signed-status-list-credential.eddsa-rdfc-2022.json"
        ),
        "credential-with-status": _vector(
            status + "signed-credential-with-status-entry.eddsa-rdfc-2022.json"
        ),
    }
    documents |= {f"text-{name}": _badge(text=text) for name, text in TRICKY_TEXTS.items()}
    documents |= {f"credits-{credits!r}": _badge(credits=credits) for credits in CREDITS}
    badge = _badge()
    documents |= {
        "subject-with-id": _with(badge, _set("credentialSubject.id", "did:example:learner")),
        "language-tagged-name": _with(
            badge, _set("name", {"@value": "Teamwerk", "@language": "nl-NL"})
        ),
        "two-identical-alignments": _with(
            badge,
            _set(
                "credentialSubject.achievement.alignment",
                [badge["credentialSubject"]["achievement"]["alignment"][0]] * 2,
            ),
        ),
        "two-identical-identifiers": _with(
            badge,
            _set("credentialSubject.identifier", badge["credentialSubject"]["identifier"] * 2),
        ),
        "credential-schema-with-extensions": _with(
            badge,
            lambda d: d.update(
                {
                    "@context": [VC_V2, OB_CONTEXT, OB_EXTENSIONS],
                    "credentialSchema": [
                        {
                            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
                            "ob_v3p0_achievementcredential_schema.json",
                            "type": "1EdTechJsonSchemaValidator2019",
                        }
                    ],
                }
            ),
        ),
        "non-ascii-iri": _with(badge, _set("id", f"{SITE}/c/café-ü")),
        "repeated-results-within-the-work-limit": _with(
            badge, _set("credentialSubject.result", _results(count=4, alignments=1))
        ),
        "emoji-and-fullwidth-in-different-subjects": _with(
            _badge(text="😀 smile"), _set("issuer.name", "！ loud")
        ),
    }
    return documents


def _refused_by_both() -> dict[str, tuple[dict[str, Any], str]]:
    badge = _badge()
    return {
        "undefined-term": (
            _with(badge, _set("credentialSubject.achievement.foo", "bar")),
            "invalid property",
        ),
        "credential-schema-without-extensions": (
            _with(
                badge,
                _set(
                    "credentialSchema",
                    [{"id": f"{SITE}/schema.json", "type": "1EdTechJsonSchemaValidator2019"}],
                ),
            ),
            "relative @type reference",
        ),
        "relative-id": (_with(badge, _set("id", "c/1")), "relative @id reference"),
        "relative-image-id": (
            _with(badge, _set("credentialSubject.achievement.image.id", "logo.png")),
            "relative @id reference",
        ),
        "bad-language-tag": (
            _with(badge, _set("name", {"@value": "Badge", "@language": "en_GB"})),
            "invalid @language value",
        ),
        "unknown-context": (
            _with(badge, _set("@context", [VC_V2, OB_CONTEXT, f"{SITE}/context.json"])),
            "jsonld.InvalidUrl",
        ),
        "only-an-id": ({"@context": [VC_V2], "id": f"{SITE}/c/1"}, "object with only @id"),
        "empty": ({"@context": [VC_V2]}, "empty object"),
        "proof-with-only-an-id": (_with(badge, _set("proof", "urn:x:2")), "object with only @id"),
        "empty-proof": (_with(badge, _set("proof", {})), "empty object"),
        "bare-set": (_with(badge, _set("@set", "")), "free-floating scalar"),
        "repeated-results-beyond-the-work-limit": (
            _with(badge, _set("credentialSubject.result", _results(count=3, alignments=2))),
            "Maximum deep iterations exceeded",
        ),
    }


def _refused_by_python_only() -> dict[str, dict[str, Any]]:
    """jsonld.js accepts these, but raw pyld writes different N-Quads for them."""
    badge = _badge()
    return {
        "control-characters": _badge(text="bell\x07 escape\x1b delete\x7f form\x0c"),
        "tie-rounding-double": _badge(credits=1234567890123456.5),
        "one-digit-below-a-millionth": _badge(credits=1e-7),
        "smallest-double": _badge(credits=5e-324),
        "iri-with-angle-bracket": _with(badge, _set("id", f"{SITE}/c/a>b")),
        "iri-with-backslash": _with(badge, _set("id", f"{SITE}/c/a\\b")),
        "emoji-and-fullwidth-in-one-list": _with(
            badge, _set("credentialSubject.achievement.tag", ["😀 smile", "！ loud"])
        ),
    }


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed, so pyld cannot be compared with jsonld.js")
    if not (ROOT / "browser" / "node_modules" / "jsonld").is_dir():
        pytest.fail("browser/node_modules/jsonld is missing: run `npm ci` in browser/")
    return node


@pytest.fixture(scope="module")
def jsonld_js() -> dict[str, dict[str, Any]]:
    """jsonld.js results for every document of this module, from a single Node process."""
    node = _node()
    documents = {
        **_agreeing_documents(),
        **{name: doc for name, (doc, _) in _refused_by_both().items()},
        **_refused_by_python_only(),
    }
    completed = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps(list(documents.values())),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    if completed.returncode != 0:
        pytest.fail(f"canonize.mjs failed ({completed.returncode}): {completed.stderr}")
    results = json.loads(completed.stdout)
    assert len(results) == len(documents)
    return dict(zip(documents, results, strict=True))


@pytest.mark.parametrize("name", list(_agreeing_documents()))
def test_pyld_and_jsonld_js_give_identical_nquads(
    name: str, jsonld_js: dict[str, dict[str, Any]]
) -> None:
    expected = jsonld_js[name]
    assert "nquads" in expected, f"jsonld.js refused {name}: {expected}"
    assert jsonld.canonicalize(_agreeing_documents()[name]) == expected["nquads"]


def test_agreement_covers_the_tricky_cases(jsonld_js: dict[str, dict[str, Any]]) -> None:
    nquads = jsonld_js["text-tabs"]["nquads"] + jsonld_js["credits-0.1"]["nquads"]
    assert "\\t" in nquads
    assert '"1.0E-1"^^<https://www.w3.org/2001/XMLSchema#float>' in nquads
    assert "_:c14n" in jsonld_js["two-identical-identifiers"]["nquads"]


@pytest.mark.parametrize("name", list(_refused_by_both()))
def test_both_refuse_what_safe_mode_refuses(
    name: str, jsonld_js: dict[str, dict[str, Any]]
) -> None:
    document, code = _refused_by_both()[name]
    result = jsonld_js[name]
    assert "nquads" not in result
    assert result["code"] == code or code in result["error"], result
    with pytest.raises(CanonicalizationError):
        jsonld.canonicalize(document)


def _raw_pyld(document: dict[str, Any]) -> str:
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": jsonld.document_loader,
    }
    return pyld_jsonld.normalize(document, options)


@pytest.mark.parametrize("name", list(_refused_by_python_only()))
def test_python_refuses_where_raw_pyld_and_jsonld_js_differ(
    name: str, jsonld_js: dict[str, dict[str, Any]]
) -> None:
    document = _refused_by_python_only()[name]
    assert "nquads" in jsonld_js[name], jsonld_js[name]
    assert _raw_pyld(document) != jsonld_js[name]["nquads"], (
        f"pyld now agrees with jsonld.js on {name}; the refusal may no longer be needed"
    )
    with pytest.raises(CanonicalizationError):
        jsonld.canonicalize(document)


def test_raw_pyld_misses_what_safe_mode_refuses(jsonld_js: dict[str, dict[str, Any]]) -> None:
    """Why the checks exist: unchecked pyld signs documents no jsonld.js verifier accepts."""
    document, _ = _refused_by_both()["credential-schema-without-extensions"]
    assert "<http://example.org/base/1EdTechJsonSchemaValidator2019>" in _raw_pyld(document)
    document, _ = _refused_by_both()["undefined-term"]
    assert _raw_pyld(document) == _raw_pyld(_badge())


# --- differential fuzz -------------------------------------------------------------------------

FUZZ_KEYS = [
    *("@id", "@type", "@context", "@graph", "@list", "@set", "@value", "@reverse", "@included"),
    *("@nest", "@index", "@language", "@direction", "@json", "@vocab", "@base"),
    *("id", "type", "name", "achievement", "credentialSubject", "proof", "_:b", "x:y", "@foo", ""),
]
FUZZ_VALUES = [
    *(None, True, False, 0, -1, 1.5, 1e-7, "", "x", "http://a/b", "_:b0", "@id", "@json"),
    *("did:x:y", "en", "rtl", "😀", "！", "tab\t", [], {}),
]


def _fuzz_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 2 or roll < 0.5:
        return copy.deepcopy(rng.choice(FUZZ_VALUES))
    if roll < 0.75:
        return [_fuzz_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(FUZZ_KEYS): _fuzz_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def _containers(value: Any) -> list[Any]:
    found = []
    if isinstance(value, dict | list):
        found.append(value)
        items = value.values() if isinstance(value, dict) else value
        for item in items:
            found += _containers(item)
    return found


def _mutated(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    mutated = copy.deepcopy(document)
    for _ in range(rng.choice([1, 1, 2, 3])):
        target = rng.choice(_containers(mutated))
        if isinstance(target, dict):
            key = rng.choice([*target, *FUZZ_KEYS]) if target else rng.choice(FUZZ_KEYS)
            target[key] = _fuzz_value(rng)
        elif target:
            target[rng.randrange(len(target))] = _fuzz_value(rng)
    return mutated


@pytest.mark.slow
def test_no_mutated_document_is_accepted_by_python_alone() -> None:
    """Random damage to real credentials: whatever Python signs, jsonld.js must read alike."""
    node = _node()
    rng = random.Random(20260623)
    seeds = [
        _vector("ob-v3p0-eddsa-rdfc-2022/signed-credential.json"),
        _badge(text=TRICKY_TEXTS["emoji"]),
        _badge(credits=2.5),
    ]
    documents = [_mutated(rng.choice(seeds), rng) for _ in range(1000)]
    completed = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps(documents),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=True,
    )
    accepted = 0
    for document, result in zip(documents, json.loads(completed.stdout), strict=True):
        try:
            nquads = jsonld.canonicalize(document)
        except CanonicalizationError:
            continue
        accepted += 1
        assert result.get("nquads") == nquads, (json.dumps(document), result)
    assert accepted > 50, "the fuzz should leave enough documents intact to compare"
