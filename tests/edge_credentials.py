"""Signed edge cases for holding both verifiers to the rulebook (credsite/data/verifier-rules.json):
credentials and status lists signed here with a throwaway key, each with the network it is
checked against, the moment it is checked at and the verdict the rulebook requires.

They are the cases where the Python and the browser verifier used to disagree (issue 12, the
plan's D1-D35: dates at and around the edges of validity, lenient date forms, structure the VC
2.0 model allows, proofs and keys the browser refused, weak keys, status lists of every shape),
and their neighbours that must stay as they are. ``tests/test_verifier_agreement.py`` runs both
verifiers over them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credsite.standards.multibase import base58btc_encode, encode_public_key
from credsite.standards.proofs import hash_data, proof_options, sign
from credsite.standards.statuslist import Bitstring

NOW = "2026-11-01T00:00:00Z"
DID_WEB = "did:web:issuer.example.org"
WEB_VM = DID_WEB + "#key-1"
DID_URL = "https://issuer.example.org/.well-known/did.json"
REVOCATION = "https://issuer.example.org/status/revocation-1.json"
SUSPENSION = "https://issuer.example.org/status/suspension-1.json"
CREATED = "2026-01-01T00:00:00Z"
UNSIGNED = (
    Path(__file__).resolve().parent
    / "vectors"
    / "ob-v3p0-eddsa-rdfc-2022"
    / "unsigned-credential.json"
)


@dataclass
class Case:
    """One credential as text, what the network holds for it, and the verdict it must get.
    ``unreachable``: an address outside ``network`` fails to answer (a server error) rather than
    answering that there is no such document."""

    text: str
    expected: str
    network: dict[str, Any] = field(default_factory=dict)
    now: str = NOW
    unreachable: bool = False


class Signer:
    """A throwaway Ed25519 key, published as did:key and as the did:web of issuer.example.org."""

    def __init__(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.multibase = encode_public_key(self.key.public_key().public_bytes_raw())
        self.did_key = f"did:key:{self.multibase}"

    def did_document(
        self,
        extra: dict[str, Any] | None = None,
        key: str | None = None,
        twice: bool = False,
        relative: bool = False,
    ) -> dict[str, Any]:
        method = {
            "id": WEB_VM,
            "type": "Multikey",
            "controller": DID_WEB,
            "publicKeyMultibase": key or self.multibase,
            **(extra or {}),
        }
        return {
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": DID_WEB,
            "verificationMethod": [method, method] if twice else [method],
            "assertionMethod": ["#key-1" if relative else WEB_VM],
        }

    def sign(
        self, document: dict[str, Any], vm: str | None = None, created: str | None = CREATED
    ) -> dict[str, Any]:
        if vm is None:
            vm = (
                f"{self.did_key}#{self.multibase}"
                if self.did_key in json.dumps(document)
                else WEB_VM
            )
        return sign(document, self.key, vm, created)

    def sign_with(self, document: dict[str, Any], **extra: Any) -> dict[str, Any]:
        """Signed with proof options of its own (an ``expires``, a field under another name)."""
        options = {**proof_options(WEB_VM, CREATED), **extra}
        signature = self.key.sign(hash_data(document, options))
        return {**document, "proof": {**options, "proofValue": "z" + base58btc_encode(signature)}}

    def status_list(
        self,
        url: str,
        purpose: Any,
        set_index: int | None = None,
        size: int = 1,
        change: Callable[[dict[str, Any]], None] | None = None,
        **proof: Any,
    ) -> dict[str, Any]:
        bits = Bitstring.zeros(131072, size)
        if set_index is not None:
            bits.set(set_index, 1)
        document = {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": DID_WEB,
            "validFrom": "2026-01-01T00:00:00Z",
            "validUntil": "2027-01-01T00:00:00Z",
            "credentialSubject": {
                "id": url + "#list",
                "type": "BitstringStatusList",
                "statusPurpose": purpose,
                "encodedList": bits.encode(),
            },
        }
        if change is not None:
            change(document)
        return (
            self.sign_with(document, **proof)
            if proof
            else sign(document, self.key, WEB_VM, CREATED)
        )


def _badge(issuer: str, **changes: Any) -> dict[str, Any]:
    document = json.loads(UNSIGNED.read_text(encoding="utf-8"))
    document["issuer"]["id"] = issuer
    for key, value in changes.items():
        if value is None:
            document.pop(key, None)
        else:
            document[key] = value
    return document


def _text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False)


def edge_cases() -> dict[str, Case]:
    """Every edge case by name, signed now with a new key."""
    s = Signer()
    cases: dict[str, Case] = {}
    cases.update(_date_cases(s))
    cases.update(_structure_cases(s))
    cases.update(_proof_cases(s))
    cases.update(_proof_set_cases(s))
    cases.update(_key_cases(s))
    cases.update(_cross_controller_cases(s))
    cases.update(_status_cases(s))
    return cases


def _date_cases(s: Signer) -> dict[str, Case]:
    def dated(expected: str, **dates: Any) -> Case:
        return Case(_text(s.sign(_badge(s.did_key, **dates))), expected)

    return {
        "validUntil == now": dated("expired", validUntil=NOW),
        "validFrom == now": dated("verified", validFrom=NOW),
        "validUntil one ms after now": dated("verified", validUntil="2026-11-01T00:00:00.001Z"),
        "validUntil 0.5 ms after now": dated("expired", validUntil="2026-11-01T00:00:00.0005Z"),
        "validFrom 0.5 ms after now": dated("verified", validFrom="2026-11-01T00:00:00.0005Z"),
        "validFrom one ms after now": dated("not-yet-valid", validFrom="2026-11-01T00:00:00.001Z"),
        "validUntil < validFrom, both past": dated(
            "invalid", validFrom="2010-01-01T00:00:00Z", validUntil="2009-01-01T00:00:00Z"
        ),
        "validUntil < validFrom, both future": dated(
            "invalid", validFrom="2030-01-01T00:00:00Z", validUntil="2029-01-01T00:00:00Z"
        ),
        "OB credential without validFrom": dated("verified", validFrom=None),
        "validFrom without seconds": dated("invalid", validFrom="2010-01-01T00:00Z"),
        "validFrom without a time zone": dated("invalid", validFrom="2010-01-01T00:00:00"),
        "validFrom with a lower-case z": dated("invalid", validFrom="2010-01-01T00:00:00z"),
        "validFrom as an ISO week date": dated("invalid", validFrom="2010-W01-1T00:00:00Z"),
        "validFrom with a +0000 offset": dated("invalid", validFrom="2010-01-01T00:00:00+0000"),
        "validFrom with a comma fraction": dated("invalid", validFrom="2010-01-01T00:00:00,5Z"),
        "validFrom on 30 February": dated("invalid", validFrom="2010-02-30T00:00:00Z"),
        "validUntil not a date": dated("invalid", validUntil="soon"),
        "validFrom at hour 24": dated("verified", validFrom="2010-01-01T24:00:00Z"),
        "validFrom in year 0999": dated("verified", validFrom="0999-01-01T00:00:00Z"),
        "validUntil in year 10000": dated("verified", validUntil="10000-01-01T00:00:00Z"),
        "validUntil with offset +14:30": dated("verified", validUntil="2030-01-01T00:00:00+14:30"),
        "validUntil with offset +15:00": dated("invalid", validUntil="2030-01-01T00:00:00+15:00"),
        "validUntil with offset -14:00, already past": dated(
            "expired", validUntil="2026-10-31T10:00:00-14:00"
        ),
    }


def _structure_cases(s: Signer) -> dict[str, Case]:
    vc = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": ["VerifiableCredential"],
        "issuer": s.did_key,
        "validFrom": "2010-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:abc", "type": ["https://example.org/Person"]},
    }
    person = {"type": ["https://example.org/Person"]}
    two = {
        **vc,
        "@context": [vc["@context"]],
        "credentialSubject": [{"id": "did:example:a", **person}, {"id": "did:example:b", **person}],
    }
    no_criteria = _badge(s.did_key)
    del no_criteria["credentialSubject"]["achievement"]["criteria"]
    number_name = _badge(s.did_key)
    number_name["credentialSubject"]["achievement"]["name"] = 5
    baseline = s.sign(_badge(s.did_key))
    newline, arabic = copy.deepcopy(baseline), copy.deepcopy(baseline)
    newline["@context"][1] += "\n"
    arabic["@context"][1] = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.\u0663.3.json"
    relative_issuer = {**_badge("not-an-absolute-uri"), "proof": baseline["proof"]}
    ob_302 = [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    ]
    return {
        "baseline did:key": Case(_text(baseline), "verified"),
        "plain VC, @context a string": Case(_text(s.sign(vc)), "verified"),
        "plain VC, @context a list": Case(
            _text(s.sign({**vc, "@context": [vc["@context"]]})), "verified"
        ),
        "plain VC, a subject that is only an id": Case(
            _text(s.sign({**vc, "credentialSubject": {"id": "did:example:abc"}})), "verified"
        ),
        "plain VC, two subjects": Case(_text(s.sign(two)), "invalid"),
        "plain VC, no subject at all": Case(
            _text(s.sign({**two, "credentialSubject": []})), "invalid"
        ),
        "OB credential without a name": Case(
            _text(s.sign(_badge(s.did_key, name=None))), "verified"
        ),
        "OB achievement without criteria (schema)": Case(_text(s.sign(no_criteria)), "verified"),
        "OB achievement name a number (schema)": Case(_text(s.sign(number_name)), "verified"),
        "AchievementCredential type": Case(
            _text(
                s.sign(_badge(s.did_key, type=["VerifiableCredential", "AchievementCredential"]))
            ),
            "verified",
        ),
        "OB context 3.0.2": Case(
            _text(s.sign(_badge(s.did_key, **{"@context": ob_302}))), "verified"
        ),
        "OB context with a trailing newline": Case(_text(newline), "invalid"),
        "OB context with an Arabic-Indic digit": Case(_text(arabic), "invalid"),
        "issuer not an absolute URI": Case(_text(relative_issuer), "invalid"),
    }


def _proof_cases(s: Signer) -> dict[str, Case]:
    web = {DID_URL: s.did_document()}
    genuine = s.sign(_badge(DID_WEB))

    def changed(
        change: Callable[[dict[str, Any]], None], base: dict[str, Any] | None = None
    ) -> str:
        document = copy.deepcopy(base or genuine)
        change(document)
        return _text(document)

    one_list = changed(lambda d: d.update(proof=[d["proof"]]))
    unknown_context = changed(
        lambda d: d.update(
            {"@context": [*d["@context"], "https://example.org/unknown-context.json"]}
        )
    )
    return {
        "baseline did:web": Case(_text(genuine), "verified", web),
        "proof as a list of one": Case(one_list, "verified", web),
        "two proofs, the same twice": Case(
            changed(lambda d: d.update(proof=[d["proof"], d["proof"]])), "verified", web
        ),
        "no proof": Case(changed(lambda d: d.pop("proof")), "invalid", web),
        "proof expires == now": Case(
            changed(lambda d: d["proof"].update(expires=NOW)), "invalid", web
        ),
        "proof created without seconds": Case(
            changed(lambda d: d["proof"].update(created="2026-01-01T00:00Z")), "invalid", web
        ),
        "proof @context differs from the credential's": Case(
            changed(lambda d: d["proof"].update({"@context": [d["@context"][0]]})), "invalid", web
        ),
        "proof type wrong, key unreachable": Case(
            changed(lambda d: d["proof"].update(type="Ed25519Signature2020")),
            "unsupported",
            unreachable=True,
        ),
        "proof type unknown and purpose wrong, key unreachable": Case(
            changed(lambda d: d["proof"].update(type="Ed25519Signature2020", proofPurpose="x")),
            "invalid",
            unreachable=True,
        ),
        "proofPurpose wrong, key unreachable": Case(
            changed(lambda d: d["proof"].update(proofPurpose="authentication")),
            "invalid",
            unreachable=True,
        ),
        "proofValue damaged, key unreachable": Case(
            changed(lambda d: d["proof"].update(proofValue="zzz")), "invalid", unreachable=True
        ),
        "unknown cryptosuite": Case(
            changed(lambda d: d["proof"].update(cryptosuite="example-2099")), "unsupported", web
        ),
        "unknown cryptosuite and a damaged proofValue": Case(
            changed(lambda d: d["proof"].update(cryptosuite="example-2099", proofValue=5)),
            "invalid",
            web,
        ),
        "unknown context, key unreachable": Case(unknown_context, "unsupported", unreachable=True),
        "unknown context, key reachable": Case(unknown_context, "unsupported", web),
        "unknown context and an inline one": Case(
            changed(
                lambda d: d.update(
                    {
                        "@context": [
                            *json.loads(unknown_context)["@context"],
                            {"x": "https://example.org/x"},
                        ]
                    }
                )
            ),
            "invalid",
            web,
        ),
        "unknown context and a tampered name": Case(
            changed(lambda d: d.update(name="Changed"), json.loads(unknown_context)),
            "unsupported",
            web,
        ),
        "undefined term added, key unreachable": Case(
            changed(lambda d: d["credentialSubject"].update(undefinedTerm="x")),
            "invalid",
            unreachable=True,
        ),
        "name changed, key unreachable": Case(
            changed(lambda d: d.update(name="Changed")), "error", unreachable=True
        ),
        "name changed, key document 404": Case(
            changed(lambda d: d.update(name="Changed")), "error"
        ),
        "name changed, key reachable": Case(
            changed(lambda d: d.update(name="Changed")), "invalid", web
        ),
        "criteria removed (schema), key unreachable": Case(
            changed(lambda d: d["credentialSubject"]["achievement"].pop("criteria")),
            "error",
            unreachable=True,
        ),
        "genuine, key unreachable": Case(_text(genuine), "error", unreachable=True),
    }


def _proof_set_cases(s: Signer) -> dict[str, Case]:
    """Proof sets (rulebook, proof-format): each proof checked on its own; proofs of a kind no
    suite is registered for, and proofs by another party than the issuer, skipped."""
    badge = _badge(s.did_key)
    first = s.sign(badge)["proof"]
    second = s.sign(badge, created="2026-02-01T00:00:00Z")["proof"]
    tampered = {**second, "proofValue": first["proofValue"]}
    unknown = {"type": "SomeProofType", "created": CREATED, "proofPurpose": "assertionMethod"}
    unknown_suite = {**first, "cryptosuite": "example-2099"}
    other = Signer()
    third = other.sign(badge, vm=f"{other.did_key}#{other.multibase}")["proof"]

    def proofs(*items: Any) -> str:
        return _text({**badge, "proof": list(items)})

    return {
        "proof set: two good proofs": Case(proofs(first, second), "verified"),
        "proof set: unknown type, then a good proof": Case(proofs(unknown, first), "verified"),
        "proof set: a good proof, then a tampered one": Case(proofs(first, tampered), "invalid"),
        "proof set: a tampered proof, then a good one": Case(proofs(tampered, first), "invalid"),
        "proof set: two of unknown kinds": Case(proofs(unknown, unknown_suite), "unsupported"),
        "proof set: two of unknown kinds, one with a wrong purpose": Case(
            proofs(unknown, {**unknown_suite, "proofPurpose": "authentication"}), "invalid"
        ),
        "proof set: unknown kind and a tampered proof": Case(proofs(unknown, tampered), "invalid"),
        "proof set: issuer proof and a third party's": Case(proofs(third, first), "verified"),
        "proof set: only a third party's, beside an unknown kind": Case(
            proofs(unknown, third), "invalid"
        ),
        "proof set: a good proof and a non-object": Case(proofs(first, "proof"), "invalid"),
        "proof set: a good proof and null": Case(proofs(first, None), "invalid"),
        "legacy suite name eddsa-2022": Case(
            _text(sign(badge, s.key, f"{s.did_key}#{s.multibase}", CREATED, suite="eddsa-2022")),
            "verified",
        ),
    }


def _key_cases(s: Signer) -> dict[str, Case]:
    genuine = s.sign(_badge(DID_WEB))

    def with_key(expected: str, **document: Any) -> Case:
        return Case(_text(genuine), expected, {DID_URL: s.did_document(**document)})

    forged = {
        **_badge(DID_WEB),
        "proof": {
            **proof_options(WEB_VM, CREATED),
            "proofValue": "z" + base58btc_encode(bytes.fromhex("01" + "00" * 63)),
        },
    }
    cases = {
        "did:key verificationMethod without a fragment": Case(
            _text(s.sign(_badge(s.did_key), vm=s.did_key)), "verified"
        ),
        "did:key fragment that is not the key": Case(
            _text(s.sign(_badge(s.did_key), vm=f"{s.did_key}#key-1")), "invalid"
        ),
        "key revoked after created, expires before": with_key(
            "invalid", extra={"revoked": "2026-06-01T00:00:00Z", "expires": "2025-06-01T00:00:00Z"}
        ),
        "key expires after created": with_key(
            "verified", extra={"expires": "2026-06-01T00:00:00Z"}
        ),
        "key revoked before created": with_key(
            "invalid", extra={"revoked": "2025-06-01T00:00:00Z"}
        ),
        "key revoked at created": with_key("invalid", extra={"revoked": CREATED}),
        "key revoked date malformed": with_key("invalid", extra={"revoked": "2025-06-01"}),
        "key revoked, proof without created": Case(
            _text(s.sign(_badge(DID_WEB), created=None)),
            "invalid",
            {DID_URL: s.did_document({"revoked": "2025-06-01T00:00:00Z"})},
        ),
        "verificationMethod listed twice": with_key("invalid", twice=True),
        "relative assertionMethod": with_key("verified", relative=True),
        "key of another controller": Case(
            _text(genuine),
            "invalid",
            {
                DID_URL: {
                    **s.did_document(),
                    "verificationMethod": [
                        {
                            **s.did_document()["verificationMethod"][0],
                            "controller": "did:web:else.example.org",
                        }
                    ],
                }
            },
        ),
        "did:web of an IP address": Case(
            _text(s.sign(_badge("did:web:127.0.0.1"), vm="did:web:127.0.0.1#key-1")),
            "invalid",
            unreachable=True,
        ),
        "did:web with a bad host": Case(
            _text(s.sign(_badge("did:web:-bad-.example"), vm="did:web:-bad-.example#key-1")),
            "invalid",
            unreachable=True,
        ),
        "https key id without a fragment": Case(
            _text(
                s.sign(
                    _badge("https://issuer.example.org/issuer"),
                    vm="https://issuer.example.org/issuer",
                )
            ),
            "invalid",
            unreachable=True,
        ),
        "key not on the curve": with_key(
            "invalid", key=encode_public_key(bytes.fromhex("02" + "00" * 31))
        ),
    }
    for hex_key in (
        "01" + "00" * 31,
        "ee" + "ff" * 30 + "7f",
        "01" + "00" * 30 + "80",
        "ec" + "ff" * 30 + "7f",
        "00" * 31 + "80",
    ):
        name = f"weak key {hex_key[:4]}..{hex_key[-2:]}, forged signature"
        cases[name] = Case(
            _text(forged),
            "invalid",
            {DID_URL: s.did_document(key=encode_public_key(bytes.fromhex(hex_key)))},
        )
    return cases


def _cross_controller_cases(s: Signer) -> dict[str, Case]:
    """A document that lists a key under another controller's name: the key belongs to the
    document it was fetched from, whatever its entry claims, so it cannot sign for the victim."""
    victim = "did:web:victim.example"
    cases: dict[str, Case] = {}
    for name, document_id, url, context in (
        (
            "did:web document claiming a key for another DID",
            "did:web:evil.example",
            "https://evil.example/.well-known/did.json",
            ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        ),
        (
            "https controller document claiming a key for another DID",
            "https://evil.example/keys",
            "https://evil.example/keys",
            ["https://www.w3.org/ns/cid/v1"],
        ),
    ):
        key = f"{document_id}#k"
        method = {
            "id": key,
            "type": "Multikey",
            "controller": victim,
            "publicKeyMultibase": s.multibase,
        }
        document = {
            "@context": context,
            "id": document_id,
            "verificationMethod": [method],
            "assertionMethod": [key],
        }
        cases[name] = Case(_text(s.sign(_badge(victim), vm=key)), "invalid", {url: document})
    return cases


def _status_cases(s: Signer) -> dict[str, Case]:
    def credential(**entry: Any) -> str:
        document = _badge(DID_WEB)
        document["credentialStatus"] = {
            "id": REVOCATION + "#5",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "5",
            "statusListCredential": REVOCATION,
            **entry,
        }
        return _text(s.sign(document))

    def lists(
        revocation: dict[str, Any] | None = None,
        suspension: dict[str, Any] | None = None,
        **more: Any,
    ) -> dict[str, Any]:
        found = {DID_URL: s.did_document(), **more}
        if revocation is not None:
            found[REVOCATION] = revocation
        if suspension is not None:
            found[SUSPENSION] = suspension
        return found

    clear = s.status_list(REVOCATION, "revocation")
    no_suspension = s.status_list(SUSPENSION, "suspension")
    unsigned_list = {
        k: v for k, v in s.status_list(REVOCATION, "revocation", 5).items() if k != "proof"
    }
    other = _badge(DID_WEB)
    other["credentialStatus"] = {
        "id": "https://x.example/s#1",
        "type": "https://example.org/vocab#OtherStatus",
    }
    refresh = _badge(DID_WEB)
    refresh["credentialStatus"] = {
        "id": "https://x.example/s#1",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "refresh",
        "statusListIndex": "1",
        "statusListCredential": "https://x.example/s",
    }
    both = _badge(DID_WEB)
    both["credentialStatus"] = [
        {
            "id": REVOCATION + "#5",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "5",
            "statusListCredential": REVOCATION,
        },
        {
            "id": SUSPENSION + "#6",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "suspension",
            "statusListIndex": "6",
            "statusListCredential": SUSPENSION,
        },
    ]
    return {
        "status: clear": Case(credential(), "verified", lists(clear, no_suspension)),
        "status: revoked": Case(
            credential(),
            "revoked",
            lists(s.status_list(REVOCATION, "revocation", 5), no_suspension),
        ),
        "status: suspended in the companion list": Case(
            credential(), "suspended", lists(clear, s.status_list(SUSPENSION, "suspension", 5))
        ),
        "status: no companion list published": Case(credential(), "verified", lists(clear)),
        "status: companion list unreachable (500)": Case(
            credential(), "status-unknown", lists(clear), unreachable=True
        ),
        "status: revocation list 404": Case(
            credential(), "status-unknown", lists(None, no_suspension)
        ),
        "status: two entries, the second set": Case(
            _text(s.sign(both)),
            "suspended",
            lists(clear, s.status_list(SUSPENSION, "suspension", 6)),
        ),
        "status: list purpose as a list": Case(
            credential(),
            "revoked",
            lists(s.status_list(REVOCATION, ["revocation", "suspension"], 5), no_suspension),
        ),
        "status: list of another purpose": Case(
            credential(),
            "status-unknown",
            lists(s.status_list(REVOCATION, "suspension", 5), no_suspension),
        ),
        "status: statusSize 64": Case(
            credential(statusSize="64"),
            "status-unknown",
            lists(
                s.status_list(REVOCATION, "revocation", 5, size=64),
                s.status_list(SUSPENSION, "suspension", size=64),
            ),
        ),
        "status: statusSize 2": Case(
            credential(statusSize=2),
            "revoked",
            lists(
                s.status_list(REVOCATION, "revocation", 5, size=2),
                s.status_list(SUSPENSION, "suspension", size=2),
            ),
        ),
        "status: index with a leading zero": Case(
            credential(statusListIndex="05"), "status-unknown", lists(clear, no_suspension)
        ),
        "status: entry id equal to its list": Case(
            credential(id=REVOCATION), "status-unknown", lists(clear, no_suspension)
        ),
        "status: list proof changed after signing": Case(
            credential(),
            "status-unknown",
            lists(
                {**clear, "proof": {**clear["proof"], "expires": "2026-02-01T00:00:00Z"}},
                no_suspension,
            ),
        ),
        "status: list proof validly signed, expired": Case(
            credential(),
            "status-unknown",
            lists(s.sign_with(unsigned_list, expires="2026-02-01T00:00:00Z"), no_suspension),
        ),
        "status: list proof with an unknown property": Case(
            credential(),
            "status-unknown",
            lists(
                s.sign_with(
                    unsigned_list,
                    **{"https://w3id.org/security#expiration": "2026-02-01T00:00:00Z"},
                ),
                no_suspension,
            ),
        ),
        "status: list validUntil == now": Case(
            credential(),
            "status-unknown",
            lists(
                s.status_list(REVOCATION, "revocation", change=lambda d: d.update(validUntil=NOW)),
                no_suspension,
            ),
        ),
        "status: list whose first @context is not VC 2.0": Case(
            credential(),
            "status-unknown",
            lists(
                s.status_list(
                    REVOCATION,
                    "revocation",
                    5,
                    change=lambda d: d.update(
                        {
                            "@context": [
                                "https://www.w3.org/ns/credentials/examples/v2",
                                *d["@context"],
                            ]
                        }
                    ),
                ),
                no_suspension,
            ),
        ),
        "status: a companion that is not credsite's (no number)": Case(
            credential(
                statusListCredential="https://issuer.example.org/status/revocation-abc.json"
            ),
            "verified",
            lists(
                None,
                None,
                **{
                    "https://issuer.example.org/status/revocation-abc.json": s.status_list(
                        "https://issuer.example.org/status/revocation-abc.json", "revocation"
                    )
                },
            ),
            unreachable=True,
        ),
        "status: an unknown status type": Case(_text(s.sign(other)), "status-unknown", lists()),
        "status: a status of another purpose": Case(_text(s.sign(refresh)), "verified", lists()),
    }
