"""The rules of credsite.standards.keyresolution one by one, each refusal with its exact code,
whole message and retryability: did:web and https controller addresses, verificationMethod
syntax, did:key and did:jwk, the controller document's checks (id, listing, duplicates, type,
controller, assertionMethod), the key's dates, and the assertion keys of a DID. The browser's
twin is browser/test/key-resolution-rules.test.js; tests/keys/situations.json holds the cases
both must answer alike (codes only)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from credsite.base.errors import VerificationError
from credsite.standards import cryptosuites
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.keyresolution import (
    KeyProblemError,
    PublishedKey,
    ResolvedKey,
    assertion_keys,
    did_web_url,
    has_dot_segment,
    parse_key_id,
    resolve_key,
    resolve_published_key,
)
from credsite.standards.multibase import base64url_encode
from credsite.standards.reports import Fetcher

ED1 = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
ED2 = "z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"  # the public key of seed 00 01 .. 1f
P256 = "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169"
SPEC_P256_MULTIKEY = "zDnaepnC2eBkx4oZkNLGDnVK8ofKzoGk1Yui8fzC6FLoV1F1e"  # SPEC_P256 as a Multikey
SECP256K1 = "zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"
# The P-256 example of the did:jwk method specification.
SPEC_P256 = {
    "crv": "P-256",
    "kty": "EC",
    "x": "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0",
    "y": "_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE",
}
RSA_JWK = {"kty": "RSA", "n": base64url_encode((2**2047 + 1).to_bytes(256, "big")), "e": "AQAB"}
DID = "did:web:rules.example"
DOC_URL = "https://rules.example/.well-known/did.json"
VM = f"{DID}#k1"
OTHER_DID = "did:web:other.example"
HTTPS_DOC = "https://rules.example/issuer"
TYPES = "Multikey or Ed25519VerificationKey2020 or JsonWebKey or JsonWebKey2020"


def _did_jwk(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return "did:jwk:" + base64url_encode(text.encode())


def _key(fragment: str, multibase: str = ED1, did: str = DID) -> dict[str, Any]:
    return {
        "id": f"{did}#{fragment}",
        "type": "Multikey",
        "controller": did,
        "publicKeyMultibase": multibase,
    }


def _doc(**extra: Any) -> dict[str, Any]:
    """The DID document of DID with one key, k1, listed for issuing."""
    return {"id": DID, "verificationMethod": [_key("k1")], "assertionMethod": [VM], **extra}


def _fetcher(network: dict[str, Any]) -> Fetcher:
    return mapping_fetcher(network)


def _in(document: Any, vm: str = VM) -> PublishedKey:
    return resolve_published_key(vm, _fetcher({DOC_URL: document}))


def _refused(call: Callable[[], object], code: str, message: str, retryable: bool = False) -> None:
    with pytest.raises(KeyProblemError) as caught:
        call()
    assert (caught.value.code, str(caught.value), caught.value.retryable) == (
        code,
        message,
        retryable,
    )


def _refused_in(document: Any, code: str, message: str, vm: str = VM) -> None:
    _refused(lambda: _in(document, vm), code, message)


# -- did:web addresses --------------------------------------------------------------------------


def test_a_did_web_names_a_domain_of_at_most_253_characters_and_a_port_up_to_65535() -> None:
    host253 = ".".join(["a" * 63, "a" * 63, "a" * 63, "b" * 61])
    assert len(host253) == 253
    assert did_web_url(f"did:web:{host253}") == f"https://{host253}/.well-known/did.json"
    assert did_web_url("did:web:ex.org%3A65535") == "https://ex.org:65535/.well-known/did.json"
    assert did_web_url("did:web:ex.org%3a8443") == "https://ex.org:8443/.well-known/did.json"
    for bad in (
        f"did:web:{host253}c",
        "did:web:ex.org%3A65536",
        "did:web:ex.org%3Aabc",
        "did:web:1.2.3.4",
        "did:web:a_b.example",
        "did:web:-a.example",
        "did:web:",
    ):
        with pytest.raises(VerificationError) as caught:
            did_web_url(bad)
        assert str(caught.value) == f"the did:web host of '{bad}' is not a valid domain name"


def test_a_did_web_with_a_path_is_read_from_that_path_and_a_dot_segment_is_refused() -> None:
    assert did_web_url("did:web:ex.org:a:b") == "https://ex.org/a/b/did.json"
    assert did_web_url("did:web:ex.org%3A8443:u") == "https://ex.org:8443/u/did.json"
    assert did_web_url("did:web:ex.org:a.b:%7Eu") == "https://ex.org/a.b/%7Eu/did.json"
    for did, segment in (
        ("did:web:ex.org:.", "'.'"),
        ("did:web:ex.org:a:..", "'..'"),
        ("did:web:ex.org::a", "''"),
        ("did:web:ex.org:a%2", "'a%2'"),
        ("did:web:ex.org:a/b", "'a/b'"),
    ):
        with pytest.raises(VerificationError) as caught:
            did_web_url(did)
        assert str(caught.value) == f"the did:web path segment {segment} is not allowed"


def test_only_a_did_web_has_a_did_web_address() -> None:
    with pytest.raises(VerificationError) as caught:
        did_web_url("did:key:z6Mk")
    assert str(caught.value) == "'did:key:z6Mk' is not a did:web identifier"


def test_a_did_web_that_names_no_domain_is_did_web_syntax_when_resolving() -> None:
    did = "did:web:1.2.3.4"
    message = f"the did:web host of '{did}' is not a valid domain name"
    _refused(lambda: resolve_key(f"{did}#k", _fetcher({})), "DID_WEB_SYNTAX", message)
    _refused(lambda: assertion_keys(did, _fetcher({})), "DID_WEB_SYNTAX", message)


# -- https controller addresses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key_id", "controller", "fragment"),
    [
        ("https://ex.org:65535/k#a", "https://ex.org:65535/k", "a"),
        ("https://ex.org:0/k#a", "https://ex.org:0/k", "a"),
        ("https://example.org./k#a", "https://example.org./k", "a"),
        ("https://ex.a1/k#a", "https://ex.a1/k", "a"),
        ("https://ex.1a/k#a", "https://ex.1a/k", "a"),
        ("https://a.1.example/k#a", "https://a.1.example/k", "a"),  # only the last label decides
        ("https://255.1.1.1/k#a", "https://255.1.1.1/k", "a"),
        ("https://1.2.3.4/k", "https://1.2.3.4/k", None),
        ("https://ex.org/a/.b/k#a", "https://ex.org/a/.b/k", "a"),
        ("https://ex.org/k?q=1#a", "https://ex.org/k?q=1", "a"),
    ],
)
def test_an_https_key_id_in_normal_form_names_its_address(
    key_id: str, controller: str, fragment: str | None
) -> None:
    assert parse_key_id(key_id) == ("https", controller, fragment)


@pytest.mark.parametrize(
    "bad",
    [
        "https://ex.org:65536/k#a",
        "https://ex.org:443/k#a",
        "https://a..b/k#a",
        "https://.a/k#a",
        "https://1.2.3/k#a",
        "https://1.2.3.4.5/k#a",
        "https://256.1.1.1/k#a",
        "https://1.256.1.1/k#a",
        "https://-1.2.3.4/k#a",
        "https://1e-7.2.3.4/k#a",
        "https://a.2.3.4/k#a",
        "https://01.2.3.4/k#a",
        "https://ex.org/a/../k#a",
        "https://ex.org/a/%2E/k#a",
        "https://EX.org/k#a",
        "https://ex.org#a",
    ],
)
def test_an_https_key_id_not_in_normal_form_is_vm_syntax(bad: str) -> None:
    message = f"the verificationMethod is not an address in normal form ({bad})"
    _refused(lambda: parse_key_id(bad), "VM_SYNTAX", message)


def test_a_dot_segment_is_found_in_any_spelling_after_a_slash_or_a_backslash() -> None:
    for path in ("/a/./b", "/a/../b", "/a\\..\\b", "/%2e", "/a/%2E%2e/b", "/.%2E", "/%2e./"):
        assert has_dot_segment(path), path
    for path in ("/a/.b", "/a/.../b", "/a/b.", "/%2f", ""):
        assert not has_dot_segment(path), path


# -- verificationMethod syntax ------------------------------------------------------------------


def test_a_verificationmethod_that_is_no_string_empty_or_with_a_space_is_not_usable() -> None:
    for bad in (42, None, "", f"{VM} ", "did:web:a\tb#k"):
        _refused(
            lambda bad=bad: parse_key_id(bad),
            "VM_SYNTAX",
            "the verificationMethod is not a usable identifier",
        )


def test_a_verificationmethod_with_an_empty_or_repeated_fragment_is_vm_syntax() -> None:
    for bad in (f"{DID}#", f"{VM}#b", "https://ex.org/k##a"):
        message = f"the verificationMethod has an empty or repeated fragment ({bad})"
        _refused(lambda bad=bad: parse_key_id(bad), "VM_SYNTAX", message)


def test_a_did_url_with_a_path_or_a_query_is_vm_syntax() -> None:
    for bad in (f"{DID}/p#k", f"{DID}?q=1#k", f"{DID}/p"):
        message = f"DID URLs with a path or query are not supported ({bad})"
        _refused(lambda bad=bad: parse_key_id(bad), "VM_SYNTAX", message)


def test_a_supported_did_names_its_method_controller_and_fragment() -> None:
    assert parse_key_id(VM) == ("did:web", DID, "k1")
    assert parse_key_id(DID) == ("did:web", DID, None)
    assert parse_key_id(f"did:key:{ED1}") == ("did:key", f"did:key:{ED1}", None)
    assert parse_key_id("did:jwk:e30#0") == ("did:jwk", "did:jwk:e30", "0")


def test_an_unsupported_did_method_is_named_with_the_supported_ones() -> None:
    for bad, kind in (
        ("did:ion:abc:def#k", "did:ion"),
        ("did:keyx:abc#k", "did:keyx"),
        ("did:web", "did:web"),
    ):
        message = f"the DID method {kind} is not supported (only did:key, did:web, did:jwk)"
        _refused(lambda bad=bad: parse_key_id(bad), "UNSUPPORTED_DID_METHOD", message)


def test_an_identifier_of_another_scheme_is_unsupported_did_method_naming_the_scheme() -> None:
    for bad, scheme in (
        ("http://x.example/issuer#k", "http"),
        ("urn:uuid:1234#k", "urn"),
        ("key-1", "key-1"),
    ):
        message = (
            f"keys named by '{scheme}:' identifiers are not supported "
            "(did:key, did:web, did:jwk and https controller documents are)"
        )
        _refused(lambda bad=bad: parse_key_id(bad), "UNSUPPORTED_DID_METHOD", message)


def test_a_did_web_or_https_key_must_name_a_key_by_its_fragment() -> None:
    for bare in (DID, HTTPS_DOC):
        message = f"the verificationMethod must name a key with a #fragment ({bare})"
        _refused(
            lambda bare=bare: resolve_published_key(bare, _fetcher({DOC_URL: _doc()})),
            "VM_SYNTAX",
            message,
        )


def test_a_problem_is_not_retryable_and_vm_syntax_unless_told() -> None:
    problem = KeyProblemError("why")
    assert (str(problem), problem.retryable, problem.code) == ("why", False, "VM_SYNTAX")


# -- did:key and did:jwk ------------------------------------------------------------------------


def test_a_did_key_resolves_without_the_network_to_its_one_key() -> None:
    did = f"did:key:{P256}"
    key = resolve_key(f"{did}#{P256}", _fetcher({}))
    assert key == ResolvedKey(
        id=f"{did}#{P256}",
        method="did:key",
        controller=did,
        key_type="P-256",
        public_key=cryptosuites.decode_public_key(P256),
        listed_controller=did,
    )
    assert (key.document_url, key.dates, key.warnings, key.jwk) == (None, {}, (), None)


def test_a_bare_did_key_names_its_one_key_with_the_note_vm_is_did() -> None:
    did = f"did:key:{ED1}"
    key = resolve_key(did, _fetcher({}))
    assert (key.id, key.key_type, key.warnings) == (f"{did}#{ED1}", "Ed25519", ("VM_IS_DID",))


def test_a_did_key_fragment_must_repeat_the_key() -> None:
    did = f"did:key:{ED1}"
    message = f"a did:key fragment must repeat the key ({did}#other)"
    _refused(lambda: resolve_key(f"{did}#other", _fetcher({})), "VM_NOT_FOUND", message)


def test_a_did_key_that_is_no_registered_multikey_is_refused_with_the_reader_reason() -> None:
    message = (
        "the published key is not an Ed25519, a P-256 or a P-384 Multikey (publicKeyMultibase "
        "has multicodec prefix 0xe701, not 0xed01 (Ed25519 public key) or 0x8024 (P-256 public "
        "key) or 0x8124 (P-384 public key))"
    )
    _refused(lambda: resolve_key(f"did:key:{SECP256K1}", _fetcher({})), "MULTIKEY", message)
    _refused(
        lambda: resolve_key("did:key:", _fetcher({})),
        "MULTIKEY_MISSING",
        "the key's publicKeyMultibase is missing",
    )


def test_a_did_jwk_has_one_key_0() -> None:
    did = _did_jwk(SPEC_P256)
    key = resolve_key(f"{did}#0", _fetcher({}))
    assert key == ResolvedKey(
        id=f"{did}#0",
        method="did:jwk",
        controller=did,
        key_type="P-256",
        public_key=cryptosuites.decode_public_key(SPEC_P256_MULTIKEY),
        listed_controller=did,
        jwk=SPEC_P256,
    )
    assert resolve_key(did, _fetcher({})).warnings == ("VM_IS_DID",)
    message = f"a did:jwk has one key, '#0' ({did}#1)"
    _refused(lambda: resolve_key(f"{did}#1", _fetcher({})), "VM_NOT_FOUND", message)


def test_a_did_jwk_key_whose_use_is_enc_is_not_for_issuing() -> None:
    assert resolve_key(_did_jwk({**SPEC_P256, "use": "sig"}), _fetcher({})).key_type == "P-256"
    message = (
        "the issuer has not listed the key for issuing credentials (a did:jwk key with "
        "use 'enc' is only for encryption)"
    )
    enc = _did_jwk({**SPEC_P256, "use": "enc"})
    _refused(lambda: resolve_key(f"{enc}#0", _fetcher({})), "VM_NOT_ASSERTION", message)


@pytest.mark.parametrize(
    ("did", "why"),
    [
        ("did:jwk:", "not base64url"),
        ("did:jwk:a+b", "not base64url"),
        ("did:jwk:" + base64url_encode(b"\xff"), "not UTF-8 text (byte 0) (line 1)"),
        (
            _did_jwk('{"kty":"EC","kty":"EC"}'),
            'the key "kty" is given twice in one object (readers disagree on which value '
            "counts, so JSON with duplicate keys is refused) (line 1)",
        ),
    ],
)
def test_a_did_jwk_that_is_not_the_base64url_of_json_is_jwk_malformed(did: str, why: str) -> None:
    message = f"the did:jwk identifier is not the base64url of a JSON Web Key ({why})"
    _refused(lambda: resolve_key(did, _fetcher({})), "JWK_MALFORMED", message)


def test_a_did_jwk_whose_json_is_no_object_is_refused_by_the_jwk_reader() -> None:
    _refused(
        lambda: resolve_key(_did_jwk([SPEC_P256]), _fetcher({})),
        "JWK_MALFORMED",
        "the publicKeyJwk is not a JSON object",
    )


def test_a_jose_only_key_is_refused_for_a_data_integrity_proof_but_published_for_jose() -> None:
    message = "the published key is an RSA key, which only JOSE (JWT) signatures use"
    _refused(lambda: resolve_key(f"{_did_jwk(RSA_JWK)}#0", _fetcher({})), "JWK_JOSE_ONLY", message)
    rsa = _doc(verificationMethod=[{**_key("k1"), "type": "JsonWebKey", "publicKeyJwk": RSA_JWK}])
    _refused(lambda: resolve_key(VM, _fetcher({DOC_URL: rsa})), "JWK_JOSE_ONLY", message)
    published = _in(rsa)
    assert (published.key_type, published.public_key, published.jwk) == ("RSA", None, RSA_JWK)


# -- controller documents -----------------------------------------------------------------------


def test_a_did_web_key_is_read_from_its_document_with_every_field() -> None:
    document = _doc(verificationMethod=[{**_key("k1"), "controller": OTHER_DID}])
    key = resolve_key(VM, _fetcher({DOC_URL: document}))
    assert key == ResolvedKey(
        id=VM,
        method="did:web",
        controller=DID,
        key_type="Ed25519",
        public_key=cryptosuites.decode_public_key(ED1),
        document_url=DOC_URL,
        listed_controller=OTHER_DID,
    )
    assert key.controller_mismatch


def test_an_https_key_is_read_from_its_address() -> None:
    key_id = f"{HTTPS_DOC}#k1"
    document = {
        "id": HTTPS_DOC,
        "verificationMethod": [{**_key("k1"), "id": key_id, "controller": HTTPS_DOC}],
        "assertionMethod": [key_id],
    }
    key = resolve_key(key_id, _fetcher({HTTPS_DOC: document}))
    assert (key.method, key.controller, key.document_url, key.listed_controller) == (
        "https",
        HTTPS_DOC,
        HTTPS_DOC,
        HTTPS_DOC,
    )
    assert not key.controller_mismatch


def test_a_document_that_cannot_be_fetched_is_retryable_with_the_reason() -> None:
    message = f"{DOC_URL} is not available"
    _refused(lambda: resolve_key(VM, _fetcher({})), "KEY_DOCUMENT_UNREACHABLE", message, True)
    _refused(lambda: assertion_keys(DID, _fetcher({})), "KEY_DOCUMENT_UNREACHABLE", message, True)


def test_the_document_must_be_a_json_object_whose_id_is_the_controller() -> None:
    message = f"the key document at {DOC_URL} is not a JSON object"
    _refused_in([_doc()], "KEY_DOCUMENT_MALFORMED", message)
    for document in (_doc(id=OTHER_DID), {k: v for k, v in _doc().items() if k != "id"}):
        message = f"the document at {DOC_URL} is not the document of {DID}"
        _refused_in(document, "KEY_DOCUMENT_ID_MISMATCH", message)
        _refused(
            lambda document=document: assertion_keys(DID, _fetcher({DOC_URL: document})),
            "KEY_DOCUMENT_ID_MISMATCH",
            message,
        )


def test_a_key_the_document_does_not_list_is_vm_not_found() -> None:
    message = f"the document at {DOC_URL} does not list the key {VM}"
    _refused_in(_doc(verificationMethod=[]), "VM_NOT_FOUND", message)
    _refused_in({"id": DID, "assertionMethod": [VM]}, "VM_NOT_FOUND", message)
    _refused_in(_doc(verificationMethod=[_key("k2")]), "VM_NOT_FOUND", message)


def test_a_key_listed_only_by_a_relative_id_is_vm_relative_id() -> None:
    message = f"the document at {DOC_URL} lists the key as '#k1'; key ids must be absolute"
    listed = _doc(verificationMethod=[_key("k2"), {**_key("k1"), "id": "#k1"}])
    _refused_in(listed, "VM_RELATIVE_ID", message)
    embedded = _doc(verificationMethod=[], assertionMethod=[{**_key("k1"), "id": "#k1"}])
    _refused_in(embedded, "VM_RELATIVE_ID", message)


def test_entries_that_are_not_objects_are_passed_over() -> None:
    document = _doc(verificationMethod=[None, f"{DID}#k0", _key("k1")], assertionMethod=[None, VM])
    key = _in(document)
    assert (key.public_key, key.warnings) == (cryptosuites.decode_public_key(ED1), ())


def test_a_key_embedded_in_assertionmethod_alone_is_used() -> None:
    embedded = _key("k1", ED2)
    key = _in(_doc(verificationMethod=[_key("k2")], assertionMethod=[embedded]))
    assert (key.public_key, key.warnings) == (cryptosuites.decode_public_key(ED2), ())


def test_a_key_listed_twice_in_one_list_is_vm_duplicate() -> None:
    message = f"the document at {DOC_URL} lists the key {VM} more than once"
    _refused_in(_doc(verificationMethod=[_key("k1"), _key("k1")]), "VM_DUPLICATE", message)
    twice = _doc(verificationMethod=[], assertionMethod=[_key("k1"), _key("k1")])
    _refused_in(twice, "VM_DUPLICATE", message)


def _both(listed: dict[str, Any], embedded: dict[str, Any]) -> dict[str, Any]:
    """A document listing k1 with ``listed`` and embedding it in assertionMethod with
    ``embedded`` (each added to the same key)."""
    return _doc(
        verificationMethod=[{**_key("k1"), **listed}],
        assertionMethod=[{**_key("k1"), **embedded}],
    )


def test_a_key_both_listed_and_embedded_the_same_as_json_is_one_key() -> None:
    same = {"alsoKnownAs": ["a", "b"], "nested": {"x": [1, {"y": None}]}, "b": True, "n": 1}
    copied = {**copy.deepcopy(same), "n": 1.0}
    key = _in(_both(same, copied))
    assert (key.public_key, key.warnings) == (cryptosuites.decode_public_key(ED1), ())
    assert _in(_both({"b": False}, {"b": False})).key_type == "Ed25519"


@pytest.mark.parametrize(
    ("listed", "embedded"),
    [
        ({"f": True}, {"f": 1}),
        ({"f": 1}, {"f": True}),
        ({"f": True}, {"f": False}),
        ({"f": 1}, {"f": 2}),
        ({"f": "a"}, {"f": "b"}),
        ({"f": "1"}, {"f": 1}),
        ({"f": ["a"]}, {"f": "a"}),
        ({"f": ["a"]}, {"f": ["a", "b"]}),
        ({"f": ["a", "b"]}, {"f": ["a", "c"]}),
        ({"f": {}}, {"f": 5}),
        ({"f": {"x": 1}}, {"f": {"y": 1}}),
        ({"f": {"x": 1}}, {"f": {"x": 2}}),
        ({}, {"f": 1}),
        ({"publicKeyMultibase": ED2}, {}),
    ],
)
def test_a_key_listed_and_embedded_with_two_meanings_is_vm_duplicate(
    listed: dict[str, Any], embedded: dict[str, Any]
) -> None:
    message = f"the document at {DOC_URL} lists the key {VM} more than once"
    _refused_in(_both(listed, embedded), "VM_DUPLICATE", message)


def test_a_key_type_must_be_a_type_the_rulebook_names() -> None:
    for kind, shown in ((["Multikey"], "['Multikey']"), ("Foo", "'Foo'"), (None, "None")):
        document = _doc(verificationMethod=[{**_key("k1"), "type": kind}])
        _refused_in(document, "VM_TYPE", f"the key's type is {shown}, not {TYPES}")


def test_an_ed25519verificationkey2020_holds_only_ed25519_keys() -> None:
    def typed(multibase: str) -> dict[str, Any]:
        key = {**_key("k1", multibase), "type": "Ed25519VerificationKey2020"}
        return _doc(verificationMethod=[key])

    assert _in(typed(ED1)).key_type == "Ed25519"
    message = "an Ed25519VerificationKey2020 holds Ed25519 keys, not P-256"
    _refused_in(typed(P256), "VM_TYPE", message)
    assert _in(_doc(verificationMethod=[_key("k1", P256)])).key_type == "P-256"


def test_a_key_whose_multibase_is_missing_or_no_string_is_multikey_missing() -> None:
    for value in (42, "", None):
        document = _doc(verificationMethod=[{**_key("k1"), "publicKeyMultibase": value}])
        _refused_in(document, "MULTIKEY_MISSING", "the key's publicKeyMultibase is missing")


def test_a_json_web_key_in_a_document_is_read_as_its_key() -> None:
    for kind in ("JsonWebKey", "JsonWebKey2020"):
        entry = {"id": VM, "type": kind, "controller": DID, "publicKeyJwk": SPEC_P256}
        key = resolve_key(VM, _fetcher({DOC_URL: _doc(verificationMethod=[entry])}))
        assert (key.key_type, key.public_key, key.jwk) == (
            "P-256",
            cryptosuites.decode_public_key(SPEC_P256_MULTIKEY),
            SPEC_P256,
        )
    entry = {"id": VM, "type": "JsonWebKey", "controller": DID, "publicKeyJwk": [SPEC_P256]}
    message = "the publicKeyJwk is not a JSON object"
    _refused_in(_doc(verificationMethod=[entry]), "JWK_MALFORMED", message)


def test_a_key_that_does_not_name_its_controller_is_vm_controller_missing() -> None:
    for controller in ({}, {"controller": 42}, {"controller": None}):
        entry = {k: v for k, v in _key("k1").items() if k != "controller"} | controller
        message = f"the key {VM} does not name its controller"
        _refused_in(_doc(verificationMethod=[entry]), "VM_CONTROLLER_MISSING", message)


def test_a_key_is_usable_only_when_assertionmethod_names_it() -> None:
    assert _in(_doc(assertionMethod=VM)).warnings == ()
    assert _in(_doc(assertionMethod=["#k1", VM])).warnings == ()
    assert _in(_doc(assertionMethod=["#k1"])).warnings == ("ASSERTION_RELATIVE",)
    assert _in(_doc(assertionMethod=[42, "#k1"])).warnings == ("ASSERTION_RELATIVE",)
    message = "the issuer has not listed the key for issuing credentials (assertionMethod)"
    for listed in (
        [f"{DID}#other"],
        [{"id": f"{DID}#other"}],
        [{"id": "#k1"}],
        ["#other"],
        ["k1"],
        [["#k1"]],
        [],
        None,
    ):
        _refused_in(_doc(assertionMethod=listed), "VM_NOT_ASSERTION", message)


def test_a_keys_own_revoked_and_expires_dates_are_kept_as_written_and_no_others() -> None:
    assert _in(_doc()).dates == {}
    dated = {
        **_key("k1"),
        "expires": "2030-01-01T00:00:00Z",
        "revoked": "soon",
        "created": "2020-01-01T00:00:00Z",
    }
    key = _in(_doc(verificationMethod=[dated]))
    assert key.dates == {"revoked": "soon", "expires": "2030-01-01T00:00:00Z"}


# -- the assertion keys of a DID ----------------------------------------------------------------


def test_a_did_keys_or_did_jwks_assertion_key_is_its_own_key_without_notes() -> None:
    did = f"did:key:{ED1}"
    assert [(k.method, k.id, k.warnings) for k in assertion_keys(did, _fetcher({}))] == [
        ("did:key", f"{did}#{ED1}", ())
    ]
    jwk = _did_jwk(SPEC_P256)
    assert [(k.method, k.id, k.warnings) for k in assertion_keys(jwk, _fetcher({}))] == [
        ("did:jwk", f"{jwk}#0", ())
    ]


def test_an_https_document_has_no_assertion_keys_without_a_fragment() -> None:
    message = f"the verificationMethod must name a key with a #fragment ({HTTPS_DOC})"
    _refused(lambda: assertion_keys(HTTPS_DOC, _fetcher({})), "VM_SYNTAX", message)


def test_a_did_webs_assertion_keys_are_its_own_usable_keys_under_assertionmethod() -> None:
    k3 = _key("k3", P256)
    document = {
        "id": DID,
        "verificationMethod": [_key("k1"), _key("k2", ED2), _key("k4"), _key("k5")],
        "assertionMethod": [
            f"{OTHER_DID}#k",
            f"{DID}.evil#k",
            "#k1",
            42,
            {"type": "Multikey"},
            f"{DID}#gone",
            f"{DID}#k5#x",
            f"{DID}#k2",
            k3,
            {"id": "#k4"},  # a relative id is not a listing for issuing: k4 is no assertion key
        ],
    }
    network = {DOC_URL: document, "https://other.example/.well-known/did.json": _doc()}
    keys = assertion_keys(DID, _fetcher(network))
    assert [(k.id, k.method, k.key_type, k.document_url, k.warnings) for k in keys] == [
        (f"{DID}#k1", "did:web", "Ed25519", DOC_URL, ("ASSERTION_RELATIVE",)),
        (f"{DID}#k2", "did:web", "Ed25519", DOC_URL, ()),
        (f"{DID}#k3", "did:web", "P-256", DOC_URL, ()),
    ]
    assert keys[1].public_key == cryptosuites.decode_public_key(ED2)


def test_a_did_web_without_assertion_keys_has_none() -> None:
    assert assertion_keys(DID, _fetcher({DOC_URL: _doc(assertionMethod=[])})) == ()
    assert assertion_keys(DID, _fetcher({DOC_URL: {"id": DID}})) == ()


def test_a_published_key_made_elsewhere_has_no_dates_notes_or_listed_controller() -> None:
    key = PublishedKey(id=VM, method="https", controller=DID, key_type="RSA", public_key=None)
    assert (key.document_url, key.dates, key.warnings, key.listed_controller, key.jwk) == (
        None,
        {},
        (),
        None,
        None,
    )
    assert not key.controller_mismatch
