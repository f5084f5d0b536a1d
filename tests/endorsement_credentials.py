"""Credentials with embedded endorsements (Open Badges 3.0 §B.1.x), signed here with throwaway
keys, for holding both verifiers to one reading of them (credsite/standards/endorsements.py,
browser/src/verifier/endorsements.js): each case is a credential, its network, the credential's
verdict, and the endorsements either verifier must report as (where, endorser, state, about).

The endorsements of the third-party corpus (tests/conformance) are embedded too, as their
endorsers signed them: the 1EdTech validator's, under the issuer it endorses, and DCC's (two
proofs, one of them Ed25519Signature2020), whose verdict embedded must be its verdict alone.
"""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from credsite.standards import cryptosuites
from credsite.standards.endorsements import max_endorsements

from .edge_credentials import NOW, Case, Signer, _badge

CORPUS = Path(__file__).resolve().parent / "conformance"
OB_CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ENDORSEMENT_IRI = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsement"
UNREACHABLE_ENDORSER = "did:web:endorser.example.net"


@dataclass
class EndorsedCase:
    """A credential with endorsements, and what both verifiers must say of it. ``endorsements``:
    (where, endorser id, state, about) in the order reported; None where the state is the
    corpus's to decide (the same state as the endorsement verified alone, ``alone``)."""

    case: Case
    endorsements: list[tuple[str, str | None, str | None, bool]]
    alone: dict[str, Any] | None = None
    names: list[str | None] = field(default_factory=list)


def endorsement(
    endorser: Signer, subject: str, name: str = "Endorser Org", **changes: Any
) -> dict[str, Any]:
    """An EndorsementCredential of ``subject`` by ``endorser``'s did:key, unsigned."""
    document: dict[str, Any] = {
        "@context": OB_CONTEXTS,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "issuer": {"id": endorser.did_key, "type": ["Profile"], "name": name},
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "Endorsement",
        "credentialSubject": {
            "id": subject,
            "type": ["EndorsementSubject"],
            "endorsementComment": "Meets our standards.",
        },
    }
    document.update(changes)
    return document


def _text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False)


def _corpus(name: str) -> dict[str, Any]:
    return dict(json.loads((CORPUS / "credentials" / name).read_text(encoding="utf-8")))


def _corpus_network() -> dict[str, Any]:
    table = json.loads((CORPUS / "support" / "network.json").read_text(encoding="utf-8"))
    return {url: json.loads((CORPUS / f).read_text(encoding="utf-8")) for url, f in table.items()}


def endorsed_cases() -> dict[str, EndorsedCase]:
    """Every case by name, signed now with new keys."""
    issuer, endorser, other = Signer(), Signer(), Signer()
    cases = _own_cases(issuer, endorser, other)
    cases.update(_changed_cases(issuer, endorser))
    cases.update(_corpus_cases(issuer))
    return cases


def _signed_badge(issuer: Signer, change: Any) -> dict[str, Any]:
    badge = _badge(issuer.did_key)
    change(badge)
    return issuer.sign(badge)


def _own_cases(issuer: Signer, endorser: Signer, other: Signer) -> dict[str, EndorsedCase]:
    badge = _badge(issuer.did_key)
    achievement = badge["credentialSubject"]["achievement"]["id"]
    on_issuer = endorser.sign(endorsement(endorser, issuer.did_key))
    on_achievement = endorser.sign(endorsement(endorser, achievement, "Achievement Council"))
    on_credential = other.sign(endorsement(other, badge["id"], "Credential Reviewers"))
    tampered = copy.deepcopy(on_issuer)
    tampered["credentialSubject"]["endorsementComment"] = "Meets no standard at all."
    unreachable = endorser.sign(
        endorsement(
            endorser, issuer.did_key, issuer={"id": UNREACHABLE_ENDORSER, "type": "Profile"}
        ),
        vm=UNREACHABLE_ENDORSER + "#key-1",
    )
    elsewhere = endorser.sign(endorsement(endorser, "https://elsewhere.example/org"))
    nested = endorser.sign(
        endorsement(endorser, issuer.did_key, "Nested Endorser", endorsement=[on_credential])
    )

    limit = max_endorsements()
    many = [endorser.sign(endorsement(endorser, issuer.did_key)) for _ in range(limit + 1)]
    # An endorsement may name the credential in its subject, and say no more of it than that it
    # endorses it (credsite/data/signed-view.json, endorsementSubject): here it gives it a name.
    telling = endorsement(other, badge["id"])
    telling["credentialSubject"]["name"] = "Another name for the credential"
    telling = other.sign(telling)

    def on(place: str, *items: dict[str, Any]) -> Any:
        def change(d: dict[str, Any]) -> None:
            node = {"credential": d, "issuer": d["issuer"]}.get(place)
            node = node if node is not None else d["credentialSubject"]["achievement"]
            node["endorsement"] = list(items)

        return change

    def case(change: Any, expected: list[Any], names: list[str | None]) -> EndorsedCase:
        return EndorsedCase(
            Case(_text(_signed_badge(issuer, change)), "verified"), expected, None, names
        )

    e, o = endorser.did_key, other.did_key
    return {
        "endorsed issuer": case(
            on("issuer", on_issuer), [("issuer", e, "verified", True)], ["Endorser Org"]
        ),
        "endorsed achievement": case(
            on("achievement", on_achievement),
            [("achievement", e, "verified", True)],
            ["Achievement Council"],
        ),
        "endorsed credential": case(
            on("credential", on_credential),
            [("credential", o, "verified", True)],
            ["Credential Reviewers"],
        ),
        "all three places": case(
            lambda d: [
                on("credential", on_credential)(d),
                on("issuer", on_issuer)(d),
                on("achievement", on_achievement)(d),
            ],
            [
                ("credential", o, "verified", True),
                ("issuer", e, "verified", True),
                ("achievement", e, "verified", True),
            ],
            ["Credential Reviewers", "Endorser Org", "Achievement Council"],
        ),
        "tampered endorsement": case(
            on("issuer", tampered), [("issuer", e, "invalid", True)], [None]
        ),
        "endorser's key unreachable": EndorsedCase(
            Case(
                _text(_signed_badge(issuer, on("issuer", unreachable))),
                "verified",
                unreachable=True,
            ),
            [("issuer", UNREACHABLE_ENDORSER, "error", True)],
            None,
            [None],
        ),
        "endorsement not about the issuer": case(
            on("issuer", elsewhere), [("issuer", e, "verified", False)], ["Endorser Org"]
        ),
        "an endorsement's own endorsement is not followed": case(
            on("issuer", nested), [("issuer", e, "verified", True)], ["Nested Endorser"]
        ),
        "one valid, one tampered": case(
            on("issuer", on_issuer, tampered),
            [("issuer", e, "verified", True), ("issuer", e, "invalid", True)],
            ["Endorser Org", None],
        ),
        "more endorsements than verified": case(
            on("issuer", *many),
            [("issuer", e, "verified", True)] * limit + [("issuer", None, "error", True)],
            ["Endorser Org"] * limit + [None],
        ),
        "an endorsement's subject saying more of the credential": EndorsedCase(
            Case(_text(_signed_badge(issuer, on("credential", telling))), "invalid"), []
        ),
        **_jcs_cases(issuer, endorser, case, on),
    }


def _jcs_cases(issuer: Signer, endorser: Signer, case: Any, on: Any) -> dict[str, EndorsedCase]:
    """An endorsement signed with eddsa-jcs-2022 (its signature covers the JSON as written, not
    its meaning), once that suite is registered."""
    try:
        cryptosuites.suite("eddsa-jcs-2022")
    except Exception:  # noqa: BLE001 - not registered yet: no such case
        return {}
    from credsite.standards.proofs import sign

    document = endorsement(endorser, issuer.did_key, "JCS Endorser")
    vm = f"{endorser.did_key}#{endorser.multibase}"
    signed = sign(document, endorser.key, vm, "2026-01-01T00:00:00Z", suite="eddsa-jcs-2022")
    return {
        "endorsement signed with eddsa-jcs-2022": case(
            on("issuer", signed),
            [("issuer", endorser.did_key, "verified", True)],
            ["JCS Endorser"],
        )
    }


def _changed_cases(issuer: Signer, endorser: Signer) -> dict[str, EndorsedCase]:
    """An endorsement added after the issuer signed (the issuer's signature no longer holds, and
    nothing of the credential, its endorsements included, is shown), and one written under the
    property's full IRI (signed, but not where a JSON reader looks: the view's entry is verified)."""
    on_issuer = endorser.sign(endorsement(endorser, issuer.did_key))
    added = issuer.sign(_badge(issuer.did_key))
    added["issuer"]["endorsement"] = [on_issuer]

    def full_iri(d: dict[str, Any]) -> None:
        d["issuer"][ENDORSEMENT_IRI] = [on_issuer]

    spelled = _signed_badge(issuer, full_iri)
    return {
        "endorsement added after signing": EndorsedCase(Case(_text(added), "invalid"), []),
        "endorsement under the full IRI": EndorsedCase(
            Case(_text(spelled), "verified"),
            [("issuer", endorser.did_key, "verified", True)],
            None,
            ["Endorser Org"],
        ),
    }


def _corpus_cases(issuer: Signer) -> dict[str, EndorsedCase]:
    """The corpus's EndorsementCredentials, embedded as their endorsers signed them."""
    network = _corpus_network()
    out = {}
    for name in ("pub-1ed-endorsement-valid.json", "pub-dcc-v2-both-didkey-endorsement.json"):
        endorsed = _corpus(name)
        subject = endorsed["credentialSubject"]["id"]  # an issuer: credentials it issues
        controller = {
            **issuer.did_document(),
            "@context": ["https://www.w3.org/ns/cid/v1"],
            "id": subject,
        }
        vm = subject + "#key-1"
        controller["verificationMethod"] = [
            {**controller["verificationMethod"][0], "id": vm, "controller": subject}
        ]
        controller["assertionMethod"] = [vm]
        badge = _badge(subject)
        badge["issuer"]["endorsement"] = [endorsed]
        signed = issuer.sign(badge, vm=vm)
        own = {**network, subject: controller}
        out[f"corpus {name}"] = EndorsedCase(
            Case(_text(signed), "verified", own, NOW),
            [("issuer", endorsed["issuer"]["id"], None, True)],
            endorsed,
        )
    return out
