"""The credentials credsite issues are standard, complete and tamper-evident.

Covered here: the example site's 20 credentials, and a credential for every published example
module in both languages (grades, evidence, a personal note, EC and hours, a validity period),
issued with a throwaway key into a copy of the example site. Every credential issued anywhere
through ``tests/issuer_site.Issuer.issue`` is also checked against both schemas when it is made.

- both Open Badges 3.0 JSON Schemas (the current one and the stricter 2024 copy), proof included;
- pyld (credsite.standards.jsonld) and jsonld.js (browser/tools/canonize.mjs) give the same canonical
  N-Quads for everything that is hashed: the credential, its proof configuration, the lists;
- every EU Annex I element is in the signed credential, with the module's values;
- changing any single value, adding or removing any field, signing with another key or naming
  another issuer makes verification fail.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credsite.catalogue.content import load_content
from credsite.catalogue.model import Module, SiteConfig
from credsite.catalogue.vocab import ASSESSMENT_TYPES, PARTICIPATION
from credsite.issuer.keys import load_registry, load_signing_key
from credsite.standards import jsonld
from credsite.standards.fetch import site_fetcher
from credsite.standards.proofs import sign
from credsite.standards.timestamps import parse_timestamp
from credsite.standards.verification import Fetcher, verify_credential

from .conftest import REPO, copy_example
from .issuer_site import SCHEMA_FILES, Issuer, run_cli, schema_errors

EXAMPLE_URL = "https://microcredentials.hogeschool-voorbeeld.nl/"
EXAMPLE_DID = "did:web:microcredentials.hogeschool-voorbeeld.nl"
EXAMPLE_CREDENTIALS = sorted((REPO / "content" / "credentials").glob("*.json"))
NOW = parse_timestamp("2026-12-01T00:00:00Z")
CANONIZE = REPO / "browser" / "tools" / "canonize.mjs"


@dataclass
class Issued:
    """Credentials issued into a copy of the example site, and its build."""

    issuer: Issuer
    out: Path
    site: SiteConfig
    modules: dict[str, Module]
    credentials: dict[str, dict[str, Any]]  # "<slug>/<lang>" -> credential

    def fetcher(self) -> Fetcher:
        return site_fetcher(self.out, EXAMPLE_URL)

    def private_key(self) -> Ed25519PrivateKey:
        registry, _ = load_registry(self.issuer.root)
        environ = {"XDG_CONFIG_HOME": str(self.issuer.config)}  # never the user's own folder
        return load_signing_key(self.issuer.root, EXAMPLE_URL, registry, None, environ).private_key

    def method(self) -> str:
        registry, _ = load_registry(self.issuer.root)
        active = registry.active()
        assert active is not None
        return f"{EXAMPLE_DID}#{active.id}"


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Issued]:
    tmp = tmp_path_factory.mktemp("standard")
    root = copy_example(tmp / "example")
    for name in ("keys.yaml", "content/credentials", "content/status"):
        target = root / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    issuer = Issuer(root, tmp)
    issuer.ok("keygen", at="2026-03-01T09:00:00Z")
    content = load_content(root).content
    assert content is not None
    modules = {m.slug: m for m in content.modules if m.status == "published"}
    credentials = {}
    for number, (slug, module) in enumerate(sorted(modules.items())):
        grade = ["8", "7,5"] if module.grade_achieved_required else ["", ""]
        rows = [
            ["Anouk de Vries", f"anouk.{number}@example.org", grade[0],
             "https://portfolio.example.org/anouk", "Met lof.\nTweede regel.", "nl"],
            ["Daan van den Berg", f"daan.{number}@example.org", grade[1], "", "", "en"],
        ]  # fmt: skip
        nl, en = issuer.issue(rows, module=slug, at="2026-03-02T10:00:00Z")
        credentials[f"{slug}/nl"] = issuer.credential(nl)
        credentials[f"{slug}/en"] = issuer.credential(en)
    out = issuer.build()
    yield Issued(issuer, out, content.site, modules, credentials)


def _example(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes())


def _unsigned(credential: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in credential.items() if k != "proof"}


def _proof(credential: dict[str, Any]) -> dict[str, Any]:
    proof = credential["proof"]
    return proof[0] if isinstance(proof, list) else proof


def _proof_config(credential: dict[str, Any]) -> dict[str, Any]:
    """What eddsa-rdfc-2022 hashes first: the proof options with the document's @context."""
    options = {k: v for k, v in _proof(credential).items() if k != "proofValue"}
    return {**options, "@context": credential["@context"]}


# -- both schemas ------------------------------------------------------------------------------


def test_there_are_twenty_example_credentials() -> None:
    assert len(EXAMPLE_CREDENTIALS) == 20


@pytest.mark.parametrize("path", EXAMPLE_CREDENTIALS, ids=lambda p: p.stem[:8])
def test_example_credentials_follow_both_schemas(path: Path) -> None:
    errors = schema_errors(_example(path))
    assert errors == {name: [] for name in SCHEMA_FILES}


def test_issued_credentials_follow_both_schemas(issued: Issued) -> None:
    assert len(issued.credentials) == 2 * len(issued.modules) >= 20
    for label, credential in issued.credentials.items():
        assert isinstance(credential["proof"], list)  # the strict schema wants an array
        assert schema_errors(credential) == {name: [] for name in SCHEMA_FILES}, label


@pytest.mark.parametrize("folder", ["schemas", "contexts"])
def test_the_data_files_are_the_recorded_standard_copies(folder: str) -> None:
    """Each schema and context is byte for byte the public file its index.json records (by
    SHA-256): a changed byte would change what signatures and checks mean."""
    base = REPO / "credsite" / "data" / folder
    index = json.loads((base / "index.json").read_text(encoding="utf-8"))
    entries = {
        **index.get("files", {}),
        **{v["file"]: v for v in index.get("contexts", {}).values()},
    }
    entries |= index.get("variants", {})
    assert entries
    for name, entry in entries.items():
        digest = hashlib.sha256((base / name).read_bytes()).hexdigest()
        assert digest == entry["sha256"], name


def test_the_schemas_do_reject_what_they_should() -> None:
    """A schema check that cannot fail proves nothing: break a credential the schemas' way."""
    credential = _example(EXAMPLE_CREDENTIALS[0])
    broken = copy.deepcopy(credential)
    broken["image"] = broken["image"]["id"]  # a bare string: both schemas refuse it
    assert all(schema_errors(broken).values())
    single_proof = copy.deepcopy(credential)
    single_proof["proof"] = _proof(credential)  # fine for the current schema only
    errors = schema_errors(single_proof)
    assert errors["current"] == [] and errors["strict-2024-09"]


# -- pyld and jsonld.js agree ------------------------------------------------------------------


def _hashed_documents(issued: Issued) -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    everything = {
        **{f"example/{p.stem}": _example(p) for p in EXAMPLE_CREDENTIALS},
        **{f"issued/{label}": c for label, c in issued.credentials.items()},
    }
    for label, credential in everything.items():
        documents[f"{label}/document"] = _unsigned(credential)
        documents[f"{label}/proof"] = _proof_config(credential)
    lists = [
        *(REPO / "content" / "status").glob("*.json"),
        *(issued.issuer.root / "content" / "status").glob("*.json"),
    ]
    for path in lists:
        status_list = json.loads(path.read_bytes())
        label = f"{path.parent.parent.parent.name}/{path.stem}"
        documents[f"{label}/document"] = _unsigned(status_list)
        documents[f"{label}/proof"] = _proof_config(status_list)
    return documents


@pytest.mark.node
def test_pyld_and_jsonld_js_canonicalize_every_credential_alike(issued: Issued) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed, so pyld cannot be compared with jsonld.js")
    if not (REPO / "browser" / "node_modules" / "jsonld").is_dir():
        pytest.fail("browser/node_modules/jsonld is missing: run `npm ci` in browser/")
    documents = _hashed_documents(issued)
    completed = subprocess.run(
        [node, str(CANONIZE)],
        input=json.dumps(list(documents.values())),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(completed.stdout)
    # two hashed documents per credential (example and issued) and per list (two sites)
    assert len(results) == len(documents) == 2 * (20 + len(issued.credentials)) + 2 * 4
    for (label, document), result in zip(documents.items(), results, strict=True):
        assert "nquads" in result, f"jsonld.js refused {label}: {result}"
        assert jsonld.canonicalize(document) == result["nquads"], label


# -- the EU Annex I elements -------------------------------------------------------------------


def _alignments(credential: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    achievement = credential["credentialSubject"]["achievement"]
    return [a for a in achievement["alignment"] if a["targetType"] == f"ext:{kind}"]


def _assert_annex_one(credential: dict[str, Any]) -> None:
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    identities = {i["identityType"]: i for i in subject["identifier"]}
    # identification of the learner
    assert identities["name"]["hashed"] is False and identities["name"]["identityHash"].strip()
    assert identities["emailAddress"]["hashed"] is True
    assert identities["emailAddress"]["identityHash"].startswith("sha256$")
    assert len(identities["emailAddress"]["salt"]) >= 16
    # title; awarding body; its country
    assert credential["name"] == achievement["name"] and achievement["name"].strip()
    assert credential["issuer"]["type"] == ["Profile"] and credential["issuer"]["name"].strip()
    assert credential["issuer"]["id"].startswith("did:web:")
    assert credential["issuer"]["address"]["addressCountryCode"] == "NL"
    assert credential["issuer"]["address"]["addressCountry"] in ("Nederland", "the Netherlands")
    # date of issuing
    assert parse_timestamp(credential["validFrom"])
    assert achievement["achievementType"] == "MicroCredential"
    # learning outcomes, workload, level, assessment, participation, quality assurance
    outcomes = _alignments(credential, "LearningOutcome")
    assert outcomes and all(o["targetName"].strip() for o in outcomes)
    assert [o["targetCode"] for o in outcomes] == [f"LO{n}" for n in range(1, len(outcomes) + 1)]
    [load] = _alignments(credential, "StudyLoad")
    assert load["targetCode"].endswith((" EC", " h"))
    if load["targetCode"].endswith(" EC"):
        assert achievement["creditsAvailable"] == subject["creditsEarned"] > 0
    [level] = _alignments(credential, "EQFLevel")
    assert level["targetUrl"] == f"http://data.europa.eu/snb/eqf/{level['targetCode']}"
    assert 1 <= int(level["targetCode"]) <= 8
    assessments = _alignments(credential, "AssessmentType")
    assert assessments and {a["targetCode"] for a in assessments} <= set(ASSESSMENT_TYPES)
    participation = _alignments(credential, "ParticipationForm")
    assert participation and {p["targetCode"] for p in participation} <= set(PARTICIPATION)
    [quality] = _alignments(credential, "QualityAssurance")
    assert quality["targetName"].strip() and quality["targetUrl"].startswith("http")
    # further information: the module's page and definition
    assert achievement["criteria"]["id"].startswith("https://")
    assert achievement["id"].endswith("/achievement.json")


@pytest.mark.parametrize("path", EXAMPLE_CREDENTIALS, ids=lambda p: p.stem[:8])
def test_example_credentials_state_every_annex_one_element(path: Path) -> None:
    _assert_annex_one(_example(path))


def test_issued_credentials_state_the_modules_annex_one_elements(issued: Issued) -> None:
    for label, credential in issued.credentials.items():
        slug, lang = label.split("/")
        module = issued.modules[slug]
        _assert_annex_one(credential)
        achievement = credential["credentialSubject"]["achievement"]
        assert achievement["inLanguage"] == lang
        outcomes, _ = module.learning_outcomes.get(lang, issued.site.language_order(lang))
        assert [o["targetName"] for o in _alignments(credential, "LearningOutcome")] == list(
            outcomes
        ), label
        [level] = _alignments(credential, "EQFLevel")
        assert level["targetCode"] == str(module.eqf_level)
        [load] = _alignments(credential, "StudyLoad")
        if module.ec is not None:
            assert achievement["creditsAvailable"] == float(module.ec)
            assert load["targetCode"] == f"{format(module.ec.normalize(), 'f')} EC"
        else:
            assert "creditsAvailable" not in achievement
            assert load["targetCode"] == f"{module.hours} h"
        assert [a["targetCode"] for a in _alignments(credential, "AssessmentType")] == list(
            module.assessment_type
        )
        assert [p["targetCode"] for p in _alignments(credential, "ParticipationForm")] == list(
            module.participation
        )
        optional = {
            "AssessmentSupervision": module.assessment_supervised is not None,
            "IdentityVerification": module.assessment_id_verified is not None,
            "Stackability": module.stackable is not None,
            "Prerequisites": bool(module.prerequisites),
            "NLQFLevel": bool(module.nlqf_level),
        }
        for kind, present in optional.items():
            assert len(_alignments(credential, kind)) == int(present), (label, kind)
        result = credential["credentialSubject"].get("result")
        if module.grade_achieved_required:
            assert result[0]["value"] == ("8" if lang == "nl" else "7,5")
            assert result[0]["resultDescription"] == achievement["resultDescription"][0]["id"]
        else:
            assert result is None and "resultDescription" not in achievement
        if module.validity.months is not None:
            assert parse_timestamp(credential["validUntil"]) > parse_timestamp(
                credential["validFrom"]
            )
        else:
            assert "validUntil" not in credential


# -- tampering ---------------------------------------------------------------------------------


def _leaves(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _containers(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, dict | list):
        yield path, value
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _containers(item, (*path, key))


def _at(document: Any, path: tuple) -> Any:
    for part in path:
        document = document[part]
    return document


def _changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + "x" if not value.endswith("x") else value[:-1] + "y"
    raise AssertionError(f"unexpected leaf {value!r}")


def _mutations(credential: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every single change: each leaf value, each field removed, a field added to each object,
    each list item removed."""
    for path, value in _leaves(credential):
        changed = copy.deepcopy(credential)
        *parents, last = path
        _at(changed, tuple(parents))[last] = _changed(value)
        yield f"change {path}", changed
    for path, container in _containers(credential):
        if isinstance(container, dict):
            for key in container:
                changed = copy.deepcopy(credential)
                del _at(changed, path)[key]
                yield f"remove {(*path, key)}", changed
            for key, value in (("description", "Added afterwards."), ("tampered", "x")):
                if key not in container:
                    changed = copy.deepcopy(credential)
                    _at(changed, path)[key] = value
                    yield f"add {(*path, key)}", changed
        else:
            for index in range(len(container)):
                changed = copy.deepcopy(credential)
                del _at(changed, path)[index]
                yield f"remove item {(*path, index)}", changed


def _richest(issued: Issued) -> dict[str, Any]:
    """The graded Dutch credential: grade, evidence, a personal note, every alignment kind."""
    return max(
        (c for label, c in issued.credentials.items() if label.endswith("/nl")),
        key=lambda c: len(json.dumps(c)),
    )


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    for _, container in _containers(value):
        if isinstance(container, dict):
            yield container


def _removes_a_duplicate(credential: dict[str, Any], label: str) -> bool:
    """Whether a 'remove' mutation took away a property that another copy of the same node
    (an object with the same id) still states: the signed graph is then unchanged."""
    if label.startswith("remove item ("):
        # one value of a list, e.g. the 'Profile' in creator.type, that the node's other copy
        # also states
        *path, key, index = ast.literal_eval(label.removeprefix("remove item "))
        owner = _at(credential, tuple(path))
        if not isinstance(owner, dict) or "id" not in owner:
            return False
        value = owner[key][index]
        copies = [o for o in _objects(credential) if o is not owner and o.get("id") == owner["id"]]
        return any(
            value in (o.get(key) if isinstance(o.get(key), list) else [o.get(key)]) for o in copies
        )
    if not label.startswith("remove ("):
        return False
    *path, key = ast.literal_eval(label.removeprefix("remove "))
    owner = _at(credential, tuple(path))
    if not isinstance(owner, dict) or "id" not in owner:
        return False
    copies = [o for o in _objects(credential) if o is not owner and o.get("id") == owner["id"]]
    return any(o.get(key) == owner[key] for o in copies)


def _assert_rejected(
    fetch: Fetcher, credential: dict[str, Any], sample: int | None, shard: int = 0, shards: int = 1
) -> tuple[int, list[str]]:
    """Every mutation fails verification, except removing one copy of a property the same
    node states twice (RDF has it once either way). Returns (mutations, such removals).
    ``shard`` of ``shards`` takes every shards-th mutation, so a sweep can spread over workers."""
    assert verify_credential(copy.deepcopy(credential), fetch, NOW).state == "verified"
    mutations = list(_mutations(credential))
    if sample is not None:
        mutations = mutations[:: max(1, len(mutations) // sample)]
    mutations = mutations[shard::shards]
    wrong, duplicates = [], []
    for label, changed in mutations:
        report = verify_credential(changed, fetch, NOW)
        if report.outcome("signature") == "passed" and _removes_a_duplicate(credential, label):
            duplicates.append(label)
            continue
        unresolvable = "verificationMethod" in label  # another key id: fetching it fails
        # Another (or no) proof type or cryptosuite names a kind of proof no suite checks: that is
        # `unsupported` (not verified, and honest about why), never a pass.
        other_kind = re.fullmatch(r"(change|remove) \('proof',( 0,)? '(type|cryptosuite)'\)", label)
        allowed = ("invalid", "error") if unresolvable else ("invalid",)
        if report.state not in (("unsupported",) if other_kind else allowed):
            wrong.append((label, report.state))
    assert wrong == []
    return len(mutations), duplicates


def test_tampering_with_a_sample_of_fields_is_detected(issued: Issued) -> None:
    count, _ = _assert_rejected(issued.fetcher(), _richest(issued), sample=15)
    assert count >= 15


SWEEP_SHARDS = 4  # the full sweep is the suite's longest test: spread over the xdist workers


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SWEEP_SHARDS))
def test_tampering_with_any_single_field_is_detected(issued: Issued, shard: int) -> None:
    credential = _richest(issued)
    count, duplicates = _assert_rejected(issued.fetcher(), credential, None, shard, SWEEP_SHARDS)
    labels = [label for label, _ in _mutations(credential)]
    assert len(labels) > 500
    assert count == len(labels[shard::SWEEP_SHARDS])
    # Each fact is stated once (test_no_fact_is_stated_twice_...): the only removals the signed
    # graph cannot see are of the `type` both copies of a node must carry (the schema then
    # refuses all but the emptied creator type, which states nothing the issuer does not).
    unseen = {
        "remove ('credentialSubject', 'achievement', 'creator', 'type')",
        "remove ('image', 'type')",
        "remove item ('credentialSubject', 'achievement', 'creator', 'type', 0)",
    }
    assert unseen <= set(labels)
    assert sorted(duplicates) == sorted(unseen.intersection(labels[shard::SWEEP_SHARDS]))


def test_no_fact_is_stated_twice_so_no_copy_can_be_dropped(issued: Issued) -> None:
    """RDF (and so the signature) sees the issuer and the achievement's creator as one node, and
    the credential's and the achievement's image as another. credsite states each fact once:
    the creator is only a reference, the caption only in the achievement's image. So dropping
    a field breaks the signature, and the one fact that is in two places (the image's `type`)
    cannot go unnoticed either: the Open Badges schema requires it (an advisory check, which
    the build and issue enforce on their own credentials)."""
    credential = copy.deepcopy(_richest(issued))
    assert set(credential["credentialSubject"]["achievement"]["creator"]) == {"id", "type"}
    del credential["issuer"]["url"]
    assert verify_credential(credential, issued.fetcher(), NOW).state == "invalid"
    credential = copy.deepcopy(_richest(issued))
    del credential["image"]["type"]  # the same triple as the achievement image's type
    report = verify_credential(credential, issued.fetcher(), NOW)
    # The schema is advisory (the browser cannot check it): the verdict stands, the schema
    # check says what is missing, and the build refuses such a credential of its own.
    assert (report.state, report.outcome("schema"), report.outcome("signature")) == (
        "verified",
        "failed",
        "passed",
    )
    credential = copy.deepcopy(_richest(issued))
    credential["credentialSubject"]["achievement"]["creator"]["url"] = "https://evil.example/"
    assert verify_credential(credential, issued.fetcher(), NOW).state == "invalid"


@pytest.mark.slow
def test_tampering_with_any_field_of_an_example_credential_is_detected(example_site: Path) -> None:
    """The example site's credentials, against the example build (the key there is gone): the
    session's build (conftest.example_site), which other tests share, rather than one more."""
    count, duplicates = _assert_rejected(
        site_fetcher(example_site, EXAMPLE_URL), _example(EXAMPLE_CREDENTIALS[0]), sample=120
    )
    assert count >= 120  # a sample; the full sweep runs on an issued credential above
    assert all(
        label.startswith(("remove (", "remove item (")) and "'type'" in label
        for label in duplicates
    )


def test_build_py_verify_rejects_a_tampered_file(issued: Issued, tmp_path: Path) -> None:
    credential = copy.deepcopy(_richest(issued))
    credential["credentialSubject"]["result"][0]["value"] = "10"
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(credential), encoding="utf-8")
    args = ["--root", issued.issuer.root, "verify", path, "--site", issued.out, "--json"]
    result = run_cli(args, issued.issuer.env)
    assert result.code == 1
    assert json.loads(result.out)["state"] == "invalid"


def test_a_credential_signed_with_another_key_is_invalid(issued: Issued) -> None:
    credential = _richest(issued)
    forged = sign(
        _unsigned(credential),
        Ed25519PrivateKey.generate(),
        _proof(credential)["verificationMethod"],
        _proof(credential)["created"],
    )
    report = verify_credential(forged, issued.fetcher(), NOW)
    assert (report.state, report.outcome("issuer-key"), report.outcome("signature")) == (
        "invalid",
        "passed",
        "failed",
    )


@pytest.mark.parametrize("issuer_form", ["profile", "string"])
def test_an_issuer_that_does_not_control_the_key_is_invalid(
    issued: Issued, issuer_form: str
) -> None:
    """Signed with the site's real key, but claiming another issuer."""
    unsigned = _unsigned(_richest(issued))
    other = "did:web:other-university.example"
    if issuer_form == "profile":
        unsigned["issuer"] = {**unsigned["issuer"], "id": other}
    else:
        unsigned["issuer"] = other
    forged = sign(unsigned, issued.private_key(), issued.method(), "2026-03-02T10:00:00Z")
    report = verify_credential(forged, issued.fetcher(), NOW)
    assert report.state == "invalid"
    [controller] = [c for c in report.checks if c.id == "key-controller"]
    assert controller.outcome == "failed"
    assert (
        f"key is controlled by '{EXAMPLE_DID}', not by the issuer '{other}'" in controller.message
    )


def test_a_correctly_resigned_copy_still_verifies(issued: Issued) -> None:
    """The control for the tests above: re-signing with the real key and issuer verifies."""
    unsigned = _unsigned(_richest(issued))
    again = sign(unsigned, issued.private_key(), issued.method(), "2026-03-02T10:00:00Z")
    again["proof"] = [again["proof"]]
    assert verify_credential(again, issued.fetcher(), NOW).state == "verified"


def test_example_credentials_have_the_states_the_script_made(example_site: Path) -> None:
    fetch = site_fetcher(example_site, EXAMPLE_URL)
    states: dict[str, int] = {}
    for path in EXAMPLE_CREDENTIALS:
        state = verify_credential(_example(path), fetch, NOW).state
        states[state] = states.get(state, 0) + 1
    assert states == {"verified": 16, "revoked": 1, "suspended": 1, "expired": 2}


def _schema_mutations(credential: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Ways to break a credential that one schema or both refuse, and one that both accept."""
    cases: dict[str, dict[str, Any]] = {"as issued": copy.deepcopy(credential)}
    image = cases["image string"] = copy.deepcopy(credential)
    image["image"] = image["image"]["id"]
    single = cases["single proof"] = copy.deepcopy(credential)
    single["proof"] = _proof(credential)
    criteria = cases["criteria number"] = copy.deepcopy(credential)
    criteria["credentialSubject"]["achievement"]["criteria"] = 5
    issuer = cases["issuer without id"] = copy.deepcopy(credential)
    del issuer["issuer"]["id"]
    subject = cases["no achievement"] = copy.deepcopy(credential)
    del subject["credentialSubject"]["achievement"]
    dates = cases["validFrom a number"] = copy.deepcopy(credential)
    dates["validFrom"] = 20260101
    return cases


@pytest.mark.parametrize("path", EXAMPLE_CREDENTIALS[:3], ids=lambda p: p.stem[:8])
def test_the_verifier_schema_check_agrees_with_the_reference_validator(path: Path) -> None:
    """credsite checks schemas with jsonschema-rs (fast enough for every credential of a
    national site); the tests' oracle is the reference Python validator. Both must find the
    same credentials wrong, for the current schema and the strict one, at the same places."""
    from credsite.standards.schema import schema_errors as verifier_errors

    for label, document in _schema_mutations(_example(path)).items():
        oracle = schema_errors(document)
        for strict, name in ((False, "current"), (True, "strict-2024-09")):
            ours = verifier_errors(document, strict=strict)
            assert bool(ours) == bool(oracle[name]), f"{label} ({name}): {ours} vs {oracle[name]}"
            where = lambda errors: sorted({e.split(":")[0] for e in errors})  # noqa: E731
            assert where(ours) == where(oracle[name]), f"{label} ({name})"
