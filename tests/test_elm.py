"""European Learning Model v3: each published module's specification (``/elm/<slug>.json``,
part of every build) and ``credsite export elm ID`` (an issued credential as an unsigned
``EuropeanDigitalCredential``).

Both are checked with the ELM JSON-LD context (credsite/data/elm/): expanded with pyld, no key
may be dropped and every key, id and type must be an absolute IRI. Both are run through the ELM
SHACL shapes (tests/vectors/elm/, by tests/elm_shacl.py): the specification conforms; the
credential breaks exactly one constraint, the issuer's eIDAS legal identifier, which the
institution's sealing adds (docs/elm.md).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld
from pyld.jsonld import JsonLdProcessor

from credsite.base.errors import ConfigError
from credsite.catalogue.content import load_content
from credsite.catalogue.elm import CONTEXTS, specification, standalone_specification
from credsite.catalogue.model import Content
from credsite.issuer.elm import european_digital_credential

from .conftest import MODULE, REPO, SiteFolder
from .elm_shacl import Graph, data_graph, read_shapes, validate
from .issuer_site import BASE_URL, DID, GRADED_MODULE, ISSUED_AT, Issuer

ELM_DATA = REPO / "credsite" / "data" / "elm"
VECTORS = REPO / "tests" / "vectors" / "elm"
SPEC_URL = f"{BASE_URL}elm/test-module.json"
ABSOLUTE = re.compile(r"^(https?|urn|did|mailto):")
EIDAS_ONLY = "{edc}: issuer: {issuer} does not conform to IssuerNodeShape"


# -- the checks: the ELM context and the shapes ------------------------------------------------


def _contexts() -> dict[str, Any]:
    index = json.loads((ELM_DATA / "index.json").read_text(encoding="utf-8"))
    found = {
        url: json.loads((ELM_DATA / entry["file"]).read_text(encoding="utf-8"))
        for url, entry in index["contexts"].items()
    }
    vc1 = REPO / "credsite" / "data" / "contexts" / "credentials-v1.jsonld"
    found[CONTEXTS[0]] = json.loads(vc1.read_text(encoding="utf-8"))
    return found


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    """The bundled contexts only; never the network."""
    return {"contextUrl": None, "documentUrl": url, "document": _contexts()[url]}


def expand(document: dict[str, Any]) -> list[Any]:
    """The document expanded with the ELM context; fails on any key JSON-LD would drop and on
    any property, id or type that is not an absolute IRI."""
    dropped: list[Any] = []
    processor = JsonLdProcessor(on_property_dropped=dropped.append)
    expanded: list[Any] = processor.expand(document, {"documentLoader": _loader, "base": None})
    assert dropped == [], f"terms the ELM context does not define: {dropped}"
    _assert_absolute(expanded)
    return expanded


def _assert_absolute(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _assert_absolute(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@id":
                assert ABSOLUTE.match(value) or value.startswith("_:"), value
            elif key == "@type" and "@value" not in node:
                assert all(ABSOLUTE.match(t) for t in value), value
            elif not key.startswith("@"):
                assert ABSOLUTE.match(key), key
            _assert_absolute(value)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_shapes(VECTORS / "EDC-generic-no-cv.rdf")


def violations(shapes: Graph, document: dict[str, Any]) -> list[str]:
    dataset = jsonld.to_rdf(document, {"documentLoader": _loader, "base": None})
    return validate(shapes, data_graph(dataset))


def test_the_context_and_shapes_are_the_copies_their_index_names() -> None:
    index = json.loads((ELM_DATA / "index.json").read_text(encoding="utf-8"))
    for entry in index["contexts"].values():
        data = (ELM_DATA / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    readme = (VECTORS / "README.md").read_text(encoding="utf-8")
    for path in VECTORS.glob("*.*"):
        if path.name != "README.md":
            assert hashlib.sha256(path.read_bytes()).hexdigest() in readme, path.name


def test_the_elm_context_stays_out_of_the_verifiers_contexts() -> None:
    """contexts/index.json is what both verifiers load and the browser bundles embed."""
    index = json.loads((REPO / "credsite/data/contexts/index.json").read_text(encoding="utf-8"))
    assert CONTEXTS[1] not in index["contexts"]


def test_the_shape_check_finds_what_europass_own_sample_lacks(shapes: Graph) -> None:
    """The checker reads the shapes: on Europass's Annex I micro-credential sample it finds
    the two constraints the sample breaks (no ``issued``; no eIDAS legal identifier), and it
    finds a title taken out."""
    sample = json.loads((VECTORS / "Sample-MC-Annex1-unsigned.jsonld").read_text("utf-8"))
    subject = "urn:credential:3ef0ac26-9a1f-41c6-871b-2b82e670907b"
    assert violations(shapes, sample) == [
        f"{subject}: issued: fewer than 1 value(s)",
        f"{subject}: issuer: urn:epass:org:1 does not conform to IssuerNodeShape",
    ]
    del sample["credentialSubject"]["hasClaim"]["specifiedBy"]["title"]
    assert "urn:epass:qualification:1: title: fewer than 1 value(s)" in violations(shapes, sample)


# -- the specification of each module ----------------------------------------------------------


def test_every_published_module_is_a_conforming_specification(
    example_site: Path, shapes: Graph
) -> None:
    content = _content(REPO)
    for module in content.modules:
        path = example_site / "elm" / f"{module.slug}.json"
        if module.status != "published":
            assert not path.exists(), module.slug
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document == standalone_specification(module, content.site)
        expand(document)
        assert violations(shapes, document) == [], module.slug
        for page in document["homepage"]:
            local = page["contentURL"].removeprefix(content.site.canonical_url)
            assert (example_site / local / "index.html").is_file()


def test_the_specification_holds_every_mapped_field(site: SiteFolder) -> None:
    site.module(
        "mapped",
        MODULE.replace("ec: 3\n", "hours: 40\nfield_of_study: '0613'\n")
        .replace("language: [nl]", "language: [nl, en]")
        .replace("participation: [online]", "participation: [blended, onsite]")
        .replace(
            "learning_outcomes:\n  nl: [Je kunt iets.]\n  en: [You can do something.]",
            "learning_outcomes:\n  nl: [Eén., Twee.]\n  en: [One.]\n"
            "prerequisites: {nl: Havo., en: A diploma.}",
        ),
    )
    content = _content(site.root)
    [module] = content.modules
    spec = specification(module, content.site)
    assert spec["id"] == f"{BASE_URL}elm/mapped.json" and spec["type"] == "Qualification"
    assert spec["title"] == {"en": "Test module", "nl": "Testmodule"}
    assert spec["description"] == {"en": "A short summary.", "nl": "Een korte samenvatting."}
    assert [o["title"] for o in spec["learningOutcome"]] == [
        {"en": "One.", "nl": "Eén."},
        {"nl": "Twee."},  # no English second outcome: not filled in from Dutch
    ]
    assert spec["volumeOfLearning"] == "PT40H" and "creditPoint" not in spec
    assert spec["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/6"
    assert [a["id"] for a in spec["thematicArea"]] == ["http://data.europa.eu/snb/isced-f/0613"]
    assert [c["id"].rsplit("/", 1)[1] for c in spec["language"]] == ["NLD", "ENG"]
    # blended has an ELM mode; onsite's concept could not be sourced and is left out
    assert [m["prefLabel"]["en"] for m in spec["mode"]] == ["Blended"]
    assert spec["entryRequirement"]["noteLiteral"] == {"en": "A diploma.", "nl": "Havo."}
    assert [p["contentURL"] for p in spec["homepage"]] == [
        f"{BASE_URL}nl/modules/mapped/",
        f"{BASE_URL}en/modules/mapped/",
    ]
    expand(standalone_specification(module, content.site))


def test_credits_are_ects_points_as_text(site: SiteFolder) -> None:
    site.module("half", MODULE.replace("ec: 3\n", "ec: 7.5\n"))
    content = _content(site.root)
    [credit] = specification(content.modules[0], content.site)["creditPoint"]
    assert credit["point"] == "7.5"
    assert credit["framework"]["id"] == "http://data.europa.eu/snb/education-credit/6fcec5c5af"


# -- export elm: an issued credential ----------------------------------------------------------


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> tuple[Issuer, str]:
    tmp_path = tmp_path_factory.mktemp("elm")
    issuer = Issuer.with_key(
        SiteFolder(tmp_path / "site-src"), tmp_path, {"test-module": GRADED_MODULE}
    )
    [token] = issuer.issue([["Ada Lovelace", "ada@example.org", "8,5"]])
    return issuer, token


def _export(issuer: Issuer, *args: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(issuer.ok("export", "elm", *args).out)
    return document


def test_the_credential_is_a_european_digital_credential(
    issued: tuple[Issuer, str], shapes: Graph
) -> None:
    issuer, token = issued
    signed = json.loads((issuer.root / "content/credentials" / f"{token}.json").read_text())
    edc = _export(issuer, token)
    assert edc["@context"] == CONTEXTS and "proof" not in edc
    assert edc["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
    assert edc["issued"] == edc["validFrom"] == ISSUED_AT == signed["validFrom"]
    assert edc["issuer"]["id"] == DID and edc["issuer"]["legalName"] == {
        "en": "Test University",
        "nl": "Testhogeschool",
    }
    learner = edc["credentialSubject"]
    assert learner["type"] == "Person" and learner["fullName"] == {"nl": "Ada Lovelace"}
    email = signed["credentialSubject"]["identifier"][1]
    assert learner["identifier"][0]["notation"] == email["identityHash"]
    assert email["salt"] in learner["identifier"][0]["schemeName"]
    [claim] = learner["hasClaim"]
    assert claim["type"] == "LearningAchievement" and claim["title"] == {"nl": "Testmodule"}
    assert claim["awardedBy"]["awardingBody"] == [{"id": DID}]
    assert claim["awardedBy"]["awardingDate"] == ISSUED_AT
    assert claim["specifiedBy"]["id"] == SPEC_URL
    assert claim["creditReceived"][0]["point"] == "3"
    assert claim["provenBy"][0]["grade"]["noteLiteral"] == {"nl": "8,5"}
    image = edc["displayParameter"]["individualDisplay"][0]["displayDetail"][0]["image"]
    assert base64.b64decode(image["content"]).startswith(b"\x89PNG\r\n\x1a\n")
    expand(edc)
    assert violations(shapes, edc) == [EIDAS_ONLY.format(edc=edc["id"], issuer=DID)]


def test_the_specification_in_the_credential_is_the_published_one(
    issued: tuple[Issuer, str],
) -> None:
    issuer, token = issued
    built = issuer.build()
    published = json.loads((built / "elm" / "test-module.json").read_text(encoding="utf-8"))
    published.pop("@context")
    claim = _export(issuer, token)["credentialSubject"]["hasClaim"][0]
    assert claim["specifiedBy"] == published


def test_the_export_is_the_same_every_time_and_out_writes_it(issued: tuple[Issuer, str]) -> None:
    issuer, token = issued
    printed = issuer.ok("export", "elm", token).out
    assert issuer.ok("export", "elm", f"{BASE_URL}c/{token}/").out == printed
    out = issuer.outside / "elm" / "credential.json"
    run = issuer.ok("export", "elm", token[:10], "--out", out)
    assert out.read_text(encoding="utf-8") == printed and str(out) in run.out
    assert not list(out.parent.glob(".*"))  # no temporary file left


def test_a_credential_without_a_grade_has_no_assessment(site: SiteFolder, tmp_path: Path) -> None:
    issuer = Issuer.with_key(site, tmp_path)
    [token] = issuer.issue([["Grace Hopper", "grace@example.org"]])
    claim = _export(issuer, token)["credentialSubject"]["hasClaim"][0]
    assert "provenBy" not in claim and claim["creditReceived"][0]["point"] == "3"


# -- bad input: one line naming the problem, exit 1, nothing written ---------------------------


def _refused(issuer: Issuer, *args: Any) -> list[str]:
    out = issuer.outside / "refused.json"
    run = issuer.run("export", "elm", *args, "--out", out)
    assert run.code == 1, run.text
    assert not out.exists() and run.out == ""
    return run.error_lines()


def test_an_unknown_credential_is_refused(issued: tuple[Issuer, str]) -> None:
    [line] = _refused(issued[0], "nosuchcredential")
    assert "no credential 'nosuchcredential'" in line


def test_a_credential_whose_module_is_gone_is_refused(site: SiteFolder, tmp_path: Path) -> None:
    issuer = Issuer.with_key(site, tmp_path)
    [token] = issuer.issue([["Grace Hopper", "grace@example.org"]])
    (site.root / "content/modules/test-module.md").unlink()
    [line] = _refused(issuer, token)
    assert f"content/credentials/{token}.json" in line and "'test-module'" in line


def test_broken_content_is_refused_with_its_file(issued: tuple[Issuer, str]) -> None:
    issuer, token = issued
    module = issuer.root / "content/modules/test-module.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("eqf_level: 6", "eqf_level: 12"), encoding="utf-8")
    try:
        [line, summary] = _refused(issuer, token)
        assert line.startswith("content/modules/test-module.md:9: eqf_level:")
        assert "nothing was written" in summary
    finally:
        module.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        (lambda c: c.pop("validFrom"), "validFrom"),
        (lambda c: c["credentialSubject"]["identifier"].pop(0), "identityType 'name'"),
        (lambda c: c["credentialSubject"].pop("achievement"), "credentialSubject.achievement"),
    ],
)
def test_a_credential_credsite_did_not_make_is_refused(
    issued: tuple[Issuer, str], change: Any, missing: str
) -> None:
    issuer, token = issued
    signed = json.loads((issuer.root / "content/credentials" / f"{token}.json").read_text())
    change(signed)
    content = _content(issuer.root)
    spec = specification(content.modules[0], content.site)
    with pytest.raises(ConfigError, match=re.escape(missing)):
        european_digital_credential(signed, spec, content.site, b"")


def _content(root: Path) -> Content:
    result = load_content(root)
    assert result.content is not None, result.diagnostics
    return result.content
