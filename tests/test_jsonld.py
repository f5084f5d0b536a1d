"""Static context loading and safe RDFC-1.0 canonicalization (credsite.standards.jsonld)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from credsite.base.errors import CanonicalizationError
from credsite.standards import jsonld

VECTORS = Path(__file__).parent / "vectors"
W3C = VECTORS / "w3c-vc-di-eddsa"
OB = VECTORS / "ob-v3p0-eddsa-rdfc-2022"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
UNSAFE_CONTROLS = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _ob_credential() -> dict[str, Any]:
    return _load(OB / "unsigned-credential.json")


def _refusal(document: dict[str, Any]) -> str:
    with pytest.raises(CanonicalizationError) as caught:
        jsonld.canonicalize(document)
    return str(caught.value)


# --- the loader --------------------------------------------------------------------------------


def test_loader_serves_every_bundled_context() -> None:
    index = _load(Path(jsonld.__file__).parents[1] / "data" / "contexts" / "index.json")
    assert jsonld.bundled_context_urls() == frozenset(index["contexts"])
    remote = jsonld.document_loader(OB_CONTEXT)
    assert remote["documentUrl"] == OB_CONTEXT
    assert remote["contextUrl"] is None
    assert "@context" in remote["document"]


def test_loader_hands_out_copies() -> None:
    jsonld.document_loader(VC_V2)["document"]["@context"]["injected"] = "https://evil.example/"
    assert "injected" not in jsonld.document_loader(VC_V2)["document"]["@context"]


@pytest.mark.parametrize(
    "url", ["https://example.org/context.json", "https://w3id.org/security/v2", ""]
)
def test_loader_refuses_unknown_urls_without_fetching(url: str) -> None:
    with pytest.raises(CanonicalizationError, match="unknown JSON-LD context URL") as caught:
        jsonld.document_loader(url)
    assert repr(url) in str(caught.value)


def test_contexts_are_resolved_once_across_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    real_loader = jsonld.document_loader

    def counting_loader(url: str, options: Any = None) -> dict[str, Any]:
        loads.append(url)
        return real_loader(url, options)

    monkeypatch.setattr(jsonld, "document_loader", counting_loader)
    monkeypatch.setattr(jsonld, "_RESOLVED_CONTEXTS", {})
    for number in range(5):
        document = _ob_credential()
        document["name"] = f"Badge {number}"
        jsonld.canonicalize(document)
    assert sorted(loads) == sorted([VC_V2, OB_CONTEXT])


# --- the standard vectors ----------------------------------------------------------------------


def test_w3c_document_canonical_form() -> None:
    expected = (W3C / "eddsa-rdfc-2022" / "canonDocDataInt.txt").read_text(encoding="utf-8")
    assert jsonld.canonicalize(_load(W3C / "unsigned.json")) == expected


def test_w3c_proof_config_canonical_form() -> None:
    config = _load(W3C / "eddsa-rdfc-2022" / "proofConfigDataInt.json")
    expected = (W3C / "eddsa-rdfc-2022" / "proofCanonDataInt.txt").read_text(encoding="utf-8")
    assert jsonld.canonicalize(config) == expected


def test_ob_document_canonical_form() -> None:
    expected = (OB / "document-canon.txt").read_text(encoding="utf-8")
    assert jsonld.canonicalize(_ob_credential()) == expected


def test_ob_proof_config_canonical_form() -> None:
    config = {**_load(OB / "proof-options.json"), "@context": _ob_credential()["@context"]}
    expected = (OB / "proof-canon.txt").read_text(encoding="utf-8")
    assert jsonld.canonicalize(config) == expected


def test_canonicalize_leaves_its_input_alone() -> None:
    document = _ob_credential()
    before = copy.deepcopy(document)
    jsonld.canonicalize(document)
    assert document == before


def test_key_order_and_whitespace_do_not_matter() -> None:
    document = _ob_credential()
    reordered = json.loads(json.dumps(document, sort_keys=True, indent=None))
    assert jsonld.canonicalize(reordered) == jsonld.canonicalize(document)


# --- what jsonld.js safe mode refuses ----------------------------------------------------------


def test_undefined_term_is_refused_with_its_path() -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["foo"] = "bar"
    message = _refusal(document)
    assert "credentialSubject.achievement.foo:" in message
    assert "'foo' is not defined" in message


def test_undefined_term_path_is_the_one_place_it_is_undefined() -> None:
    # 'humanCode' is defined inside Achievement (a type-scoped context), not at the top level.
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["humanCode"] = "TW-1"
    document["humanCode"] = "misplaced"
    message = _refusal(document)
    assert "humanCode: 'humanCode' is not defined" in message
    assert "achievement.humanCode" not in message


@pytest.mark.parametrize("misplaced", [[3], [0, 11], [5, 6, 7], list(range(12))])
def test_undefined_term_is_found_among_many_places_it_is_defined(misplaced: list[int]) -> None:
    # Twelve alignments, some with a misspelt type: their terms lose the type-scoped context.
    # Only those keys are named, however many alignments define the same terms correctly.
    document = _ob_credential()
    alignments = [
        {"type": ["Alignment"], "targetName": f"Skill {i}", "targetUrl": f"https://example.org/{i}"}
        for i in range(12)
    ]
    for index in misplaced:
        alignments[index]["type"] = ["Alignmnet"]
    document["credentialSubject"]["achievement"]["alignment"] = alignments
    first = f"credentialSubject.achievement.alignment[{misplaced[0]}].targetName:"
    assert _refusal(document).startswith(f"cannot canonicalize safely: {first}")
    for term in ("targetName", "targetUrl"):
        found = jsonld._locate_dropped(document, term, len(misplaced))
        assert found == [
            ("credentialSubject", "achievement", "alignment", index, term) for index in misplaced
        ]


def test_undefined_term_nested_in_itself_is_named_once_per_place() -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["alignment"] = [
        {"type": ["Alignment"], "targetName": f"Skill {i}"} for i in range(6)
    ]
    document["colour"] = {"colour": "blue"}
    message = _refusal(document)
    assert "colour: 'colour'" in message


def test_several_undefined_terms_are_all_named() -> None:
    document = _ob_credential()
    document["colour"] = "blue"
    document["issuer"]["shoeSize"] = 42
    message = _refusal(document)
    assert "colour: 'colour'" in message
    assert "issuer.shoeSize: 'shoeSize'" in message


def test_credential_schema_type_without_extensions_context_is_refused() -> None:
    document = _ob_credential()
    document["credentialSchema"] = [
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
            "ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        }
    ]
    message = _refusal(document)
    assert "credentialSchema[0].type:" in message
    assert "relative IRI" in message
    document["@context"].append(OB_EXTENSIONS)
    assert "v1p0/context.json#1EdTechJsonSchemaValidator2019>" in jsonld.canonicalize(document)


@pytest.mark.parametrize("identifier", ["relative/thing", "credential-1", ""])
def test_relative_id_is_refused(identifier: str) -> None:
    document = _ob_credential()
    document["id"] = identifier
    message = _refusal(document)
    assert "id: @id" in message
    assert "not an absolute IRI" in message


def test_relative_reference_in_a_nested_object_is_refused() -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["id"] = "achievements/teamwork"
    assert "credentialSubject.achievement.id:" in _refusal(document)


def test_direction_is_dropped_not_refused() -> None:
    """Not signed (rdfDirection unset, as jsonld.js leaves it for the browser verifier): the
    check signed-data names it (tests/test_honest_verdicts.py)."""
    document = _ob_credential()
    document["name"] = {"@value": "شارة", "@language": "ar"}
    plain = jsonld.canonicalize(document)
    document["name"] = {**document["name"], "@direction": "rtl"}
    assert jsonld.canonicalize(document) == plain


def test_malformed_language_tag_is_refused() -> None:
    document = _ob_credential()
    document["name"] = {"@value": "Teamwork", "@language": "en_US"}
    message = _refusal(document)
    assert "name.@language:" in message
    assert "not a well-formed language tag" in message


def test_well_formed_language_tag_is_lower_cased() -> None:
    document = _ob_credential()
    document["name"] = {"@value": "Teamwerk", "@language": "nl-NL"}
    assert '"Teamwerk"@nl-nl .' in jsonld.canonicalize(document)


@pytest.mark.parametrize(
    ("document", "where", "shape"),
    [
        ({}, "(document)", "an empty object"),
        ({"@context": [VC_V2]}, "(document)", "an empty object"),
        ({"@context": [VC_V2], "id": "urn:x:1"}, "id", "an object with only an id (urn:x:1)"),
    ],
)
def test_document_that_states_nothing_is_refused(
    document: dict[str, Any], where: str, shape: str
) -> None:
    assert f"{where}: {shape} where a node is expected" in _refusal(document)


@pytest.mark.parametrize("proof", ["urn:x:2", {}, {"id": "urn:x:2"}, 5])
def test_proof_graph_that_states_nothing_is_refused(proof: Any) -> None:
    # proof is a graph container: jsonld.js drops (and refuses) such items, pyld keeps them.
    document = _ob_credential()
    document["proof"] = proof
    assert "where a node is expected (at the top level or in a graph such as proof)" in (
        _refusal(document)
    )


def test_blank_node_property_is_refused() -> None:
    document = _ob_credential()
    document["_:b0"] = "x"
    assert "a blank node cannot be a property" in _refusal(document)


# --- contexts ----------------------------------------------------------------------------------


def test_unknown_context_url_is_refused_with_its_position() -> None:
    document = _ob_credential()
    document["@context"].append("https://example.org/my-context.json")
    message = _refusal(document)
    assert "@context[2]: unknown JSON-LD context URL 'https://example.org/my-context.json'" in (
        message
    )


def test_unknown_context_in_a_nested_object_is_refused() -> None:
    document = _ob_credential()
    document["issuer"]["@context"] = "https://example.org/other.jsonld"
    assert "issuer.@context: unknown JSON-LD context URL" in _refusal(document)


@pytest.mark.parametrize("inline", [None, 5, [{"foo": "https://example.org/foo"}]])
def test_inline_contexts_are_refused(inline: Any) -> None:
    document = _ob_credential()
    document["@context"].append(inline)
    assert "@context[2]: inline or null @context values are not supported" in _refusal(document)


def test_an_inline_context_inside_the_document_is_refused_even_if_it_only_adds() -> None:
    document = _ob_credential()
    document["credentialSubject"]["@context"] = [{"foo": "https://example.org/foo"}]
    message = _refusal(document)
    assert "credentialSubject.@context[0]: inline or null @context values are not supported" in (
        message
    )


def test_an_inline_context_that_only_adds_a_term_is_canonicalized() -> None:
    """The one inline context accepted (credsite.standards.inlinecontext): its term is signed."""
    document = _ob_credential()
    document["@context"].append({"foo": "https://example.org/foo"})
    document["credentialSubject"]["foo"] = "bar"
    assert '<https://example.org/foo> "bar" .' in jsonld.canonicalize(document)


def test_non_object_document_is_refused() -> None:
    with pytest.raises(CanonicalizationError, match="must be a JSON object, not list"):
        jsonld.canonicalize([_ob_credential()])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("type", 5, "invalid type value"),
        ("id", ["urn:a", "urn:b"], "invalid @id value"),
        ("name", {"@value": "x", "@type": "xsd:string", "@language": "en"}, "invalid value object"),
    ],
)
def test_json_ld_syntax_errors_become_canonicalization_errors(
    field: str, value: Any, code: str
) -> None:
    document = _ob_credential()
    document[field] = value
    assert code in _refusal(document)


def test_pyld_crashes_are_refused_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    # pyld 3.3 raised TypeError (sorting None against text) on a proof holding
    # {"@set": {"@included": []}}; that shape is now refused earlier, but a verifier reading
    # files from anywhere must turn any such crash into a refusal.
    def crash(*args: Any, **kwargs: Any) -> None:
        raise TypeError("'<' not supported between instances of 'str' and 'NoneType'")

    monkeypatch.setattr(jsonld.JsonLdProcessor, "_graph_to_rdf", crash)
    message = _refusal(_ob_credential())
    assert "JSON-LD processing failed on this document (TypeError: '<' not supported" in message


@pytest.mark.parametrize("keyword", ["@set", "@graph", "@included", "@nest", "@reverse"])
def test_keywords_credentials_do_not_need_are_refused(keyword: str) -> None:
    # Found by fuzzing: e.g. pyld keeps '@set' in a node and canonicalizes it to nothing at all.
    document = {"@context": [VC_V2], "type": "DataIntegrityProof", keyword: {"@included": []}}
    assert f"{keyword}: the keyword {keyword} is not supported" in _refusal(document)


def test_list_object_with_other_keys_is_refused() -> None:
    # Found by fuzzing: pyld turns the whole subject into an empty list and signs without it.
    document = _ob_credential()
    document["credentialSubject"]["@list"] = []
    assert "credentialSubject: an object with @list may hold nothing else" in _refusal(document)


def test_keywords_misplaced_in_a_node_are_refused() -> None:
    document = _ob_credential()
    document["issuer"]["@vocab"] = "https://example.org/"
    assert "the keyword @vocab cannot appear in an object that describes" in _refusal(document)


def test_deeply_nested_documents_are_refused_not_crashed() -> None:
    document = _ob_credential()
    document["name"] = json.loads("[" * 900 + "]" * 900)
    assert "RecursionError" in _refusal(document)


def test_non_json_values_are_refused() -> None:
    document = _ob_credential()
    document["name"] = b"bytes"
    assert "name: bytes is not a JSON value" in _refusal(document)


# --- text pyld writes differently from RDFC-1.0 ------------------------------------------------


@pytest.mark.parametrize("code_point", UNSAFE_CONTROLS, ids=lambda c: f"U+{c:04X}")
def test_control_characters_are_refused_with_path_and_code_point(code_point: int) -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["description"] = f"a{chr(code_point)}b"
    message = _refusal(document)
    assert f"credentialSubject.achievement.description: control character U+{code_point:04X}" in (
        message
    )


@pytest.mark.parametrize("text", ["tab\there", "line\nbreak", "carriage\rreturn", 'q"\\'])
def test_characters_both_libraries_escape_alike_are_accepted(text: str) -> None:
    document = _ob_credential()
    document["name"] = text
    assert jsonld.find_unsafe_text(document) == []
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    assert f'<https://schema.org/name> "{escaped}" .' in jsonld.canonicalize(document)


def test_find_unsafe_text_reports_every_place_and_code_point() -> None:
    document = {
        "name": "ok",
        "tag": ["fine", "bell\x07", "nul\x00 and del\x7f and bell\x07"],
        "nested": {"key\x1b": "escape\x1b"},
    }
    assert jsonld.find_unsafe_text(document) == [
        ("tag[1]", "U+0007"),
        ("tag[2]", "U+0000"),
        ("tag[2]", "U+007F"),
        ("tag[2]", "U+0007"),
        ("nested.key\\u001B", "U+001B"),
        ("nested.key\\u001B", "U+001B"),
    ]


def test_find_unsafe_text_reports_lone_surrogates() -> None:
    assert jsonld.find_unsafe_text({"name": "half \ud83d"}) == [("name", "U+D83D")]


def test_control_character_in_a_key_is_refused() -> None:
    document = _ob_credential()
    document["credentialSubject"]["na\x01me"] = "x"
    assert "credentialSubject.na\\u0001me: control character U+0001" in _refusal(document)


@pytest.mark.parametrize("character", ["<", ">", '"', "{", "}", "|", "^", "`", "\\", "\ufeff"])
def test_iris_with_characters_rdfc_escapes_are_refused(character: str) -> None:
    document = _ob_credential()
    document["id"] = f"https://example.com/credentials/35{character}27"
    message = _refusal(document)
    assert f"contains U+{ord(character):04X}" in message
    assert message.startswith("cannot canonicalize safely: id:")


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credits", "lexical"),
    [(3, "3"), (2.5, "2.5E0"), (0.1, "1.0E-1"), (12.75, "1.275E1"), (3.0, "3"), (1e21, "1.0E21")],
)
def test_credits_available_is_an_xsd_float(credits: float, lexical: str) -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["creditsAvailable"] = credits
    line = f'vocab.html#creditsAvailable> "{lexical}"^^<https://www.w3.org/2001/XMLSchema#float> .'
    assert line in jsonld.canonicalize(document)


@pytest.mark.parametrize("number", [2**53, -(2**53), 10**21, 2**64])
def test_integers_javascript_cannot_hold_are_refused(number: int) -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["creditsAvailable"] = number
    assert "beyond 2**53 - 1" in _refusal(document)


def test_largest_safe_integer_is_accepted() -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["creditsAvailable"] = 2**53 - 1
    assert '"9007199254740991"^^' in jsonld.canonicalize(document)


@pytest.mark.parametrize("number", [1234567890123456.5, -1234567890123456.5])
def test_doubles_that_round_differently_in_python_and_javascript_are_refused(
    number: float,
) -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["creditsAvailable"] = number
    assert "exactly halfway at 16 significant digits" in _refusal(document)


@pytest.mark.parametrize("number", [1e-7, -3e-9, 5e-324])
def test_one_digit_numbers_below_a_millionth_are_refused(number: float) -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["creditsAvailable"] = number
    assert "jsonld.js mistakes for an integer" in _refusal(document)


@pytest.mark.parametrize(("number", "lexical"), [(1.5e-7, "1.5E-7"), (1e-5, "1.0E-5")])
def test_small_numbers_javascript_writes_with_a_point_are_accepted(
    number: float, lexical: str
) -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["creditsAvailable"] = number
    assert f'"{lexical}"^^' in jsonld.canonicalize(document)


@pytest.mark.parametrize("number", [float("nan"), float("inf")])
def test_non_finite_numbers_are_refused(number: float) -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["creditsAvailable"] = number
    assert "is not a JSON number" in _refusal(document)


# --- sort order: code points (pyld) versus UTF-16 (jsonld.js) ----------------------------------


def _with_tags(*tags: str) -> dict[str, Any]:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["tag"] = list(tags)
    return document


def test_tags_that_sort_differently_in_utf16_are_refused() -> None:
    assert "sort differently" in _refusal(_with_tags("😀 fun", "！ loud"))


@pytest.mark.parametrize(
    "tags",
    [
        ("😀 fun", "ordinary"),
        ("！ loud", "ordinary"),
        ("❤️ and 😀 in one text",),
        ("😀 a", "😀 b", "plain ！"),
        ("abc 😀", "abd ！"),
    ],
)
def test_text_whose_order_is_the_same_in_both_is_accepted(tags: tuple[str, ...]) -> None:
    nquads = jsonld.canonicalize(_with_tags(*tags))
    for tag in tags:
        assert f'"{tag}"' in nquads


def test_text_on_a_blank_node_that_sorts_differently_is_refused() -> None:
    document = _ob_credential()
    document["credentialSubject"]["achievement"]["criteria"]["narrative"] = ["😀 x", "！ y"]
    assert "sort differently" in _refusal(document)


def test_order_check_covers_the_first_degree_hash_of_blank_nodes() -> None:
    # The final lines differ first at a blank node label, so their order is the same in both
    # libraries; but hashing _:c14n2 relabels both subjects to _:z, and then the literals decide.
    nquads = (
        '_:c14n0 <http://example.org/p> "\uff01" _:c14n2 .\n'
        '_:c14n1 <http://example.org/p> "\U0001f600" _:c14n2 .\n'
    )
    lines = nquads.splitlines(keepends=True)
    assert sorted(lines) == sorted(lines, key=lambda line: line.encode("utf-16-be"))
    assert jsonld._order_problems(nquads)


# --- blank-node work limit ---------------------------------------------------------------------


def _with_results(count: int, alignments: int) -> dict[str, Any]:
    alignment = {"type": ["Alignment"], "targetName": "x", "targetUrl": "https://example.org/x"}
    document = _ob_credential()
    document["credentialSubject"]["result"] = [
        {"type": ["Result"], "value": "A", "alignment": [alignment] * alignments}
    ] * count
    return document


@pytest.mark.parametrize(("count", "alignments"), [(3, 2), (2, 2), (2, 3)])
def test_nested_identical_objects_beyond_the_work_limit_are_refused(
    count: int, alignments: int
) -> None:
    assert "too many identical nested objects" in _refusal(_with_results(count, alignments))


@pytest.mark.parametrize(("count", "alignments"), [(2, 1), (4, 1), (1, 5)])
def test_identical_objects_within_the_work_limit_are_accepted(count: int, alignments: int) -> None:
    assert "_:c14n" in jsonld.canonicalize(_with_results(count, alignments))
