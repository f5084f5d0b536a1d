"""The cryptosuite seam: the registry, a second suite checked by the same proof code, and no suite
named in the package outside its own module.

The second suite is eddsa-jcs-2022 (VC-DI-EdDSA 1.0, section 3.4), registered by the package. It
reproduces its W3C vector byte for byte through ``credsite.standards.proofs``, so a proof layer
that still assumed RDFC or left the proof's ``@context`` out would fail here, and the verifier
(``verify_credential``) checks its proofs through the same registry. Suites registered only for a
test (a renamed copy, a legacy proof type) are removed again. Each suite's own tests are in
tests/test_suites_*.py.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import credsite
from credsite.base.errors import CredsiteError, CryptosuiteError
from credsite.standards import cryptosuites, proofs
from credsite.standards.cryptosuites import DEFAULT_SUITE, Cryptosuite, PublicKey
from credsite.standards.cryptosuites.ed25519 import ED25519
from credsite.standards.cryptosuites.suite import KeyType
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.multibase import base58btc_encode, decode_public_key, decode_secret_key
from credsite.standards.verification import Fetcher, Report, verify_credential

VECTORS = Path(__file__).parent / "vectors"
W3C = VECTORS / "w3c-vc-di-eddsa"
JCS = W3C / "eddsa-jcs-2022"
OB = VECTORS / "ob-v3p0-eddsa-rdfc-2022"
PACKAGE = Path(credsite.__file__).resolve().parent
SUITES_DIR = PACKAGE / "standards" / "cryptosuites"
JCS_NAME = "eddsa-jcs-2022"
NOW = datetime.fromisoformat("2026-01-01T00:00:00+00:00")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


W3C_KEYS = _load(W3C / "keyPair.json")
W3C_SECRET = Ed25519PrivateKey.from_private_bytes(
    decode_secret_key(W3C_KEYS["privateKeyMultibase"])
)
W3C_PUBLIC = decode_public_key(W3C_KEYS["publicKeyMultibase"])
# The 1EdTech vector's issuer and key, published in a controller document of its own.
ISSUER = "https://example.edu/issuers/565049"
OB_SECRET = Ed25519PrivateKey.from_private_bytes(
    decode_secret_key(_load(OB / "vector.json")["keyPair"]["secretKeyMultibase"])
)
OB_MULTIKEY = _load(OB / "signed-credential.json")["proof"]["verificationMethod"].split("#")[1]
VM = f"{ISSUER}#{OB_MULTIKEY}"
CONTROLLER = {
    "id": ISSUER,
    "verificationMethod": [
        {"id": VM, "type": "Multikey", "controller": ISSUER, "publicKeyMultibase": OB_MULTIKEY}
    ],
    "assertionMethod": [VM],
}


# --- a second suite ------------------------------------------------------------------------------

JCS_SUITE = cryptosuites.suite(JCS_NAME)
UNREGISTERED = "test-unregistered-2099"


def _renamed(name: str, **changes: Any) -> Cryptosuite:
    """eddsa-jcs-2022 under another name, for a test that registers (or never registers) it."""
    return dataclasses.replace(JCS_SUITE, name=name, **changes)


def _jcs_signed() -> dict[str, Any]:
    return _load(JCS / "signedJCS.json")


def _verify(document: dict[str, Any], fetch: Fetcher | None = None) -> Report:
    """The verifier's checks (the W3C vectors' did:key needs no document)."""
    fetch = fetch or mapping_fetcher({ISSUER: CONTROLLER})
    return verify_credential(copy.deepcopy(document), fetch, NOW, check_status=False)


def _valid(document: dict[str, Any]) -> bool:
    return _verify(document).outcome("signature") == "passed"


def _refusal(report: Report) -> str:
    """What the failed checks say, to find the reason in."""
    return " ".join(f"{c.message} {c.detail}" for c in report.checks if c.outcome == "failed")


def test_a_second_suite_reproduces_its_w3c_vector() -> None:
    vector = _jcs_signed()
    proof = vector["proof"]
    signed = proofs.sign(
        _load(W3C / "unsigned.json"),
        W3C_SECRET,
        proof["verificationMethod"],
        proof["created"],
        suite=JCS_NAME,
    )
    assert json.dumps(signed, indent=2) == json.dumps(vector, indent=2)  # key order too
    options = {k: v for k, v in proof.items() if k not in ("proofValue", "@context")}
    data = proofs.hash_data(_load(W3C / "unsigned.json"), options)
    assert data.hex() == (JCS / "combinedHashJCS.txt").read_text().strip()


def test_a_second_suite_verifies_through_the_same_proof_code() -> None:
    report = _verify(_jcs_signed())
    assert report.outcome("signature") == "passed", _refusal(report)
    proof_format = next(c for c in report.checks if c.id == "proof-format")
    assert (proof_format.outcome, f"({JCS_NAME})" in proof_format.message) == ("passed", True)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(name="Changed"), "signature does not match"),
        (lambda d: d["proof"].update(created="2024-02-24T23:36:38Z"), "signature does not match"),
        (lambda d: d["proof"]["@context"].reverse(), "own @context differs from the credential's"),
        (lambda d: d["proof"].update(cryptosuite=DEFAULT_SUITE), "signature does not match"),
        (lambda d: d.update(count=1), "signature does not match"),
    ],
)
def test_a_changed_second_suite_proof_fails(change: Any, reason: str) -> None:
    document = _jcs_signed()
    change(document)
    report = _verify(document)
    assert report.outcome("signature") != "passed"
    assert reason in _refusal(report)


def test_the_first_suite_is_untouched_by_a_second() -> None:
    rdfc = _load(W3C / "eddsa-rdfc-2022" / "signedDataInt.json")
    assert _valid(rdfc)
    assert (
        "@context" not in proofs.sign(_load(W3C / "unsigned.json"), W3C_SECRET, VM, None)["proof"]
    )


def _renamed_signed(name: str) -> dict[str, Any]:
    """The JCS vector's document signed by a copy of eddsa-jcs-2022 named ``name``."""
    cryptosuites.register(_renamed(name))
    try:
        return proofs.sign(
            _load(W3C / "unsigned.json"),
            W3C_SECRET,
            _jcs_signed()["proof"]["verificationMethod"],
            None,
            suite=name,
        )
    finally:
        cryptosuites.unregister(name)


def test_a_suite_no_longer_registered_is_refused() -> None:
    signed = _renamed_signed(UNREGISTERED)
    cryptosuites.register(_renamed(UNREGISTERED))
    try:
        assert _valid(signed)
    finally:
        cryptosuites.unregister(UNREGISTERED)
    report = _verify(signed)
    assert report.outcome("signature") == "not-checked"
    proof = next(c for c in report.checks if c.id == "proof-format")
    assert f"proof cryptosuite is {UNREGISTERED!r}, expected {DEFAULT_SUITE!r}" in proof.message


# --- the verifier reaches suites through the registry -------------------------------------------


def _checks(document: dict[str, Any]) -> tuple[str, dict[str, str]]:
    report = _verify(document)
    return report.state, {c.id: c.outcome for c in report.checks}


def test_the_verifier_checks_a_credential_of_a_second_suite() -> None:
    signed = proofs.sign(
        _load(OB / "unsigned-credential.json"),
        OB_SECRET,
        VM,
        "2025-01-31T12:00:00Z",
        suite=JCS_NAME,
    )
    state, checks = _checks(signed)
    assert (state, checks["issuer-key"], checks["signature"]) == ("verified", "passed", "passed")
    signed["name"] = "Changed"
    assert _checks(signed)[0] == "invalid"


def test_the_verifier_refuses_a_suite_not_registered() -> None:
    """The key is the issuer's, the proof is of a kind not checked: unsupported (issue 13, D1),
    and nothing after the proof's form is checked."""
    cryptosuites.register(_renamed(UNREGISTERED))
    try:
        signed = proofs.sign(
            _load(OB / "unsigned-credential.json"), OB_SECRET, VM, None, suite=UNREGISTERED
        )
    finally:
        cryptosuites.unregister(UNREGISTERED)
    report = verify_credential(signed, mapping_fetcher({ISSUER: CONTROLLER}), NOW)
    assert report.state == "unsupported"
    proof = next(c for c in report.checks if c.id == "proof-format")
    assert proof.outcome == "unsupported"
    assert f"proof cryptosuite is {UNREGISTERED!r}, expected {DEFAULT_SUITE!r}" in proof.message
    assert report.outcome("signature") == "not-checked"


# --- the registry -------------------------------------------------------------------------------


def test_the_default_suite_is_registered_first_and_signs_by_default() -> None:
    assert cryptosuites.names()[0] == DEFAULT_SUITE
    chosen = cryptosuites.suite(DEFAULT_SUITE)
    assert chosen.name == chosen.cryptosuite == DEFAULT_SUITE
    assert proofs.proof_options(VM, None)["cryptosuite"] == DEFAULT_SUITE
    assert cryptosuites.for_proof(proofs.proof_options(VM, None)) is chosen


@pytest.mark.parametrize("name", ["ecdsa-sd-2023", "", None, ["x"]])
def test_an_unknown_suite_is_refused_naming_it(name: Any) -> None:
    with pytest.raises(CryptosuiteError) as caught:
        cryptosuites.suite(name)
    message = str(caught.value)
    assert message.startswith(f"unknown cryptosuite {name!r} (registered: ")
    assert DEFAULT_SUITE in message
    assert isinstance(caught.value, CredsiteError)  # the CLI prints it without a traceback


def test_signing_with_an_unknown_suite_is_refused() -> None:
    with pytest.raises(CryptosuiteError, match="unknown cryptosuite 'ecdsa-sd-2023'"):
        proofs.proof_options(VM, None, "ecdsa-sd-2023")
    with pytest.raises(CryptosuiteError, match="unknown cryptosuite 'ecdsa-sd-2023'"):
        proofs.sign(_load(W3C / "unsigned.json"), W3C_SECRET, VM, None, suite="ecdsa-sd-2023")


@pytest.mark.parametrize(
    ("proof", "message"),
    [
        ({"type": "Ed25519Signature2018"}, "proof type is 'Ed25519Signature2018', expected "),
        ({"type": "DataIntegrityProof"}, "proof cryptosuite is None, expected "),
        ({"type": "DataIntegrityProof", "cryptosuite": [1]}, "proof cryptosuite is [1], expected "),
    ],
)
def test_a_proof_of_an_unknown_kind_is_refused_with_what_was_expected(
    proof: dict[str, Any], message: str
) -> None:
    with pytest.raises(CryptosuiteError, match=re.escape(message)):
        cryptosuites.for_proof(proof)


def test_a_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="already registered"):
        cryptosuites.register(dataclasses.replace(cryptosuites.suite(DEFAULT_SUITE)))
    with pytest.raises(TypeError, match="at least one key type"):
        cryptosuites.register(_renamed(UNREGISTERED, key_types=()))
    with pytest.raises(CryptosuiteError):
        cryptosuites.unregister("never-registered")
    assert UNREGISTERED not in cryptosuites.names()


def test_the_suites_are_registered_in_the_order_of_the_design() -> None:
    """Issue 13, D3: the order messages list them in, the legacy name last."""
    assert cryptosuites.names() == (
        DEFAULT_SUITE,
        JCS_NAME,
        "ecdsa-rdfc-2019",
        "Ed25519Signature2020",
        "eddsa-2022",
    )
    legacy = {name: cryptosuites.suite(name).legacy_of for name in cryptosuites.names()}
    assert legacy == {**dict.fromkeys(cryptosuites.names()), "eddsa-2022": DEFAULT_SUITE}


def test_a_legacy_proof_type_is_found_by_its_type_and_has_no_cryptosuite() -> None:
    legacy = _renamed("TestSignature2099", proof_type="TestSignature2099")
    cryptosuites.register(legacy)
    try:
        options = proofs.proof_options(VM, None, "TestSignature2099")
        assert options == {
            "type": "TestSignature2099",
            "verificationMethod": VM,
            "proofPurpose": "assertionMethod",
        }
        assert cryptosuites.for_proof(options) is legacy
        with pytest.raises(CryptosuiteError, match="proof cryptosuite is 'x', expected None"):
            cryptosuites.for_proof({**options, "cryptosuite": "x"})
        signed = proofs.sign(
            _load(W3C / "unsigned.json"), OB_SECRET, VM, None, suite="TestSignature2099"
        )
        assert _valid(signed)
    finally:
        cryptosuites.unregister("TestSignature2099")


# --- key types ----------------------------------------------------------------------------------


def test_keys_are_read_by_the_registered_key_types() -> None:
    key = cryptosuites.decode_public_key(W3C_KEYS["publicKeyMultibase"])
    assert key == PublicKey(ED25519, W3C_PUBLIC)
    assert cryptosuites.describe_key_types() == "an Ed25519, a P-256 or a P-384"
    assert cryptosuites.method_types() == ("Multikey", "Ed25519VerificationKey2020")
    with pytest.raises(ValueError, match=r"prefix 0x8026, not 0xed01 \(Ed25519 public key\)"):
        cryptosuites.decode_public_key(W3C_KEYS["privateKeyMultibase"])


OTHER_PREFIX = b"\xee\x01"
OTHER_MULTIBASE = "z" + base58btc_encode(OTHER_PREFIX + W3C_PUBLIC)


def _other_decode(public_key_multibase: str) -> bytes:
    """The other kind of key's Multikey form (its own multicodec prefix), whose bytes are an
    Ed25519 key."""
    if public_key_multibase != OTHER_MULTIBASE:
        raise ValueError("not the other kind of key")
    return W3C_PUBLIC


def test_a_key_of_a_kind_the_suite_does_not_take_is_refused() -> None:
    """The bytes would verify: only the suite's list of key types refuses them. Another suite
    registers the other kind of key, so that the issuer's document can publish one."""
    other = dataclasses.replace(
        ED25519,
        name="Ed25519-other",
        with_article="an Ed25519-other",
        decode=_other_decode,
        multicodec=OTHER_PREFIX,
    )
    method = f"{ISSUER}#other"
    signed = proofs.sign(_load(W3C / "unsigned.json"), W3C_SECRET, method, None)

    def publishing(multibase: str) -> Fetcher:
        key = {"id": method, "type": "Multikey", "controller": ISSUER}
        document = {"id": ISSUER, "verificationMethod": [{**key, "publicKeyMultibase": multibase}]}
        return mapping_fetcher({ISSUER: {**document, "assertionMethod": [method]}})

    cryptosuites.register(_renamed("test-other", key_types=(other,)))
    try:
        assert cryptosuites.decode_public_key(OTHER_MULTIBASE) == PublicKey(other, W3C_PUBLIC)
        report = _verify(signed, publishing(OTHER_MULTIBASE))
    finally:
        cryptosuites.unregister("test-other")
    assert (report.outcome("issuer-key"), report.outcome("signature")) == ("failed", "not-checked")
    assert f"an Ed25519-other key, which {DEFAULT_SUITE} signatures" in _refusal(report)
    assert _verify(signed, publishing(W3C_KEYS["publicKeyMultibase"])).outcome("signature") == (
        "passed"
    )


def test_a_suite_signs_only_with_its_kind_of_key() -> None:
    with pytest.raises(TypeError, match="private_key must be an Ed25519PrivateKey"):
        cryptosuites.suite(DEFAULT_SUITE).signing_key_type(b"\0" * 32)


def test_a_suite_may_pick_its_hash_by_the_key() -> None:
    """ecdsa-rdfc-2019 hashes with SHA-384 for P-384 keys: the digest sees the key type."""
    wide = dataclasses.replace(ED25519, name="Ed25519-wide")

    def by_key(data: bytes, key_type: KeyType) -> bytes:
        algorithm = "sha384" if key_type is wide else "sha256"
        return hashlib.new(algorithm, data).digest()

    chosen = _renamed(UNREGISTERED, key_types=(ED25519, wide), digest=by_key)
    document = _load(W3C / "unsigned.json")
    assert len(chosen.digest_of(document, ED25519)) == 32
    assert len(chosen.digest_of(document, wide)) == 48


# --- nothing outside a suite's module names it ------------------------------------------------


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _literals(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal that is not a docstring, f-string parts included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def _suite_imports(path: Path) -> Iterator[tuple[int, str]]:
    """Imports of a suite's own module (not the registry package) in ``path``."""
    modules = {p.stem for p in SUITES_DIR.glob("*.py") if p.stem != "__init__"}
    package = "credsite.standards.cryptosuites"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == package:
            names = [a.name for a in node.names if a.name in modules]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package + "."):
            names = [node.module or ""]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith(package + ".")]
        else:
            continue
        yield from ((node.lineno, name) for name in names)


def _python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_checks_see_literals_f_strings_and_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""Doc eddsa-x."""\nfrom credsite.standards.cryptosuites import eddsa_rdfc_2022\n'
        'A = "eddsa-x"\ndef f(s):\n    """eddsa-x doc."""\n    return f"{s} eddsa-x"\n',
        encoding="utf-8",
    )
    assert [line for line, text in _literals(module) if "eddsa-x" in text] == [3, 6]
    assert list(_suite_imports(module)) == [(2, "eddsa_rdfc_2022")]


@pytest.mark.parametrize("name", cryptosuites.names())
def test_only_its_own_module_names_a_suite(name: str) -> None:
    """Docstrings may name a suite (they explain), and so may the --help prose in
    credsite/commands; a literal that is the name itself is code that picks a suite, wherever
    it is, and any other literal outside the suite's module is a message that hard-wires it."""
    found: dict[Path, list[int]] = {}
    for path in _python_files():
        for line, text in _literals(path):
            prose = path.is_relative_to(PACKAGE / "commands") and text.strip() != name
            if name in text and not prose:
                found.setdefault(path, []).append(line)
    homes = [path for path in found if path.parent == SUITES_DIR and path.name != "__init__.py"]
    assert len(homes) == 1, f"{name!r} must be defined in one module of {SUITES_DIR}: {found}"
    del found[homes[0]]
    assert found == {}, f"{name!r} is named outside {homes[0].name}: {found}"


def test_only_the_registry_imports_a_suite_module() -> None:
    found = {
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in _python_files()
        if path.parent != SUITES_DIR
        for line, name in _suite_imports(path)
    }
    assert found == set()
