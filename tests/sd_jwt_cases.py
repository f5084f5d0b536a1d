"""SD-JWT VCs made for the tests with throwaway keys: the OWF reference library (``sd_jwt``, on
jwcrypto) issues them, and a few are signed by hand where a case needs a payload no honest
issuer library would write (a digest twice, a disclosed ``status``). ``cases()`` is the table both
verifiers are held to (tests/test_sd_jwt.py): each case's text, the documents its network serves
and the verdict it must get."""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from jwcrypto.jwk import JWK
from jwcrypto.jws import JWS
from sd_jwt.common import SDObj
from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer

NOW = "2026-12-01T00:00:00Z"
NOW_S = 1796083200  # NOW in seconds
ISS = "https://issuer.example/tenant"
METADATA_URL = "https://issuer.example/.well-known/jwt-vc-issuer/tenant"
STATUS_URL = "https://issuer.example/status/1"
VCT = "urn:eu.europa.ec.eudi:learning:credential:1"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _key(kind: str) -> JWK:
    if kind == "EdDSA":
        return JWK.generate(kty="OKP", crv="Ed25519")
    if kind == "RS256":
        return JWK.generate(kty="RSA", size=2048)
    return JWK.generate(kty="EC", crv={"ES256": "P-256", "ES384": "P-384"}[kind])


@dataclass
class Signer:
    """A throwaway issuer key and how its credentials name it."""

    alg: str = "ES256"
    kid: str | None = "key-1"
    key: JWK = field(init=False)

    def __post_init__(self) -> None:
        self.key = _key(self.alg)

    def public(self) -> dict[str, Any]:
        jwk = self.key.export_public(as_dict=True)
        jwk.pop("kid", None)
        if self.kid is not None and not self.kid.startswith(("did:", "#")):
            jwk["kid"] = self.kid
        return jwk

    def metadata(self, iss: str = ISS) -> dict[str, Any]:
        return {"issuer": iss, "jwks": {"keys": [self.public()]}}

    def header(self, typ: str = "dc+sd-jwt", **extra: Any) -> dict[str, Any]:
        header: dict[str, Any] = {"typ": typ}
        if self.kid is not None:
            header["kid"] = self.kid
        return {**header, **extra}


def learning_claims(iss: str = ISS, **extra: Any) -> dict[Any, Any]:
    """An EU Learning Credential (urn:eu.europa.ec.eudi:learning:credential:1), with the learner's
    names, the grade and the outcomes selectively disclosable, as the EUDI issuer makes it."""
    return {
        "iss": iss,
        "vct": VCT,
        "iat": NOW_S - 86400,
        "issuing_authority": "Hogeschool Voorbeeld",
        "issuing_country": "NL",
        "date_of_issuance": "2026-11-30",
        SDObj("family_name"): "Lovelace",
        SDObj("given_name"): "Ada",
        "achievement_title": "Data Ethics",
        SDObj("assessment_grade"): "8.5",
        "learning_outcomes": [SDObj("Weigh privacy risks"), SDObj("Explain consent")],
        "language_of_classes": "en",
        SDObj("expected_study_time"): "84 hours",
        **extra,
    }


def issue(claims: dict[Any, Any], signer: Signer, **header: Any) -> str:
    """An SD-JWT issued by the reference library (ending in '~': no Key Binding JWT)."""
    issuer = SDJWTIssuer(
        claims,
        signer.key,
        sign_alg=signer.alg,
        extra_header_parameters=signer.header(**header),
    )
    return str(issuer.sd_jwt_issuance)


def sign(payload: dict[str, Any], signer: Signer, header: dict[str, Any]) -> str:
    """A compact JWS of exactly this header and payload."""
    jws = JWS(json.dumps(payload).encode())
    jws.add_signature(signer.key, alg=header["alg"], protected=json.dumps(header))
    return str(jws.serialize(compact=True))


def disclosure(*items: Any) -> str:
    return b64(json.dumps(list(items)).encode())


def digest(text: str, algorithm: str = "sha256") -> str:
    return b64(hashlib.new(algorithm, text.encode("ascii")).digest())


def by_hand(payload: dict[str, Any], disclosures: list[str], signer: Signer, **header: Any) -> str:
    jwt = sign(payload, signer, {"alg": signer.alg, **signer.header(**header)})
    return "~".join([jwt, *disclosures]) + "~"


def status_token(
    signer: Signer, values: list[int], bits: int, uri: str = STATUS_URL, **claims: Any
) -> str:
    """A Status List Token holding ``values`` at indexes 0, 1, ... with ``bits`` per entry."""
    data = bytearray((len(values) * bits + 7) // 8)
    for index, value in enumerate(values):
        position = index * bits
        data[position // 8] |= value << (position % 8)
    payload = {
        "sub": uri,
        "iat": NOW_S - 3600,
        "status_list": {"bits": bits, "lst": b64(zlib.compress(bytes(data), 9))},
        **claims,
    }
    header = {
        "alg": signer.alg,
        "typ": "statuslist+jwt",
        **({"kid": signer.kid} if signer.kid else {}),
    }
    return sign(payload, signer, header)


def status_claim(idx: int, uri: str = STATUS_URL) -> dict[str, Any]:
    return {"status_list": {"idx": idx, "uri": uri}}


def did_jwk(signer: Signer) -> str:
    jwk = signer.key.export_public(as_dict=True)
    jwk.pop("kid", None)
    return "did:jwk:" + b64(json.dumps(jwk, separators=(",", ":")).encode())


def present(issuance: str, holder: JWK, alg: str = "ES256") -> str:
    """The credential presented with every Disclosure and a Key Binding JWT."""
    holder_view = SDJWTHolder(issuance)
    holder_view.create_presentation(
        {"given_name": True, "family_name": True},
        nonce="n-1",
        aud="https://verifier.example",
        holder_key=holder,
        sign_alg=alg,
    )
    return str(holder_view.sd_jwt_presentation)


def replace_disclosure(text: str, index: int, new: str) -> str:
    parts = text.split("~")
    parts[1 + index] = new
    return "~".join(parts)


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    network: dict[str, Any]
    expected: str


def cases() -> list[Case]:
    """Every situation both verifiers must judge alike."""
    signer = Signer()
    net = {METADATA_URL: signer.metadata()}
    valid = issue(learning_claims(), signer)
    out = [Case("valid", valid, net, "verified")]
    parts = valid.split("~")
    for index, text in enumerate(parts[1:-1]):
        salt, *rest = json.loads(base64.urlsafe_b64decode(text + "==="))
        changed = disclosure(salt, *rest[:-1], "tampered")
        out.append(
            Case(
                f"disclosure {index} tampered",
                replace_disclosure(valid, index, changed),
                net,
                "invalid",
            )
        )
    out.append(
        Case(
            "disclosure not in _sd",
            valid + disclosure("salt-x", "extra", "added") + "~",
            net,
            "invalid",
        )
    )
    out.append(Case("same disclosure twice", valid + parts[1] + "~", net, "invalid"))
    out += (
        _crafted(signer, net)
        + _keys(signer)
        + _dates_and_status(signer, net)
        + _binding(signer, net)
    )
    return out


def _crafted(signer: Signer, net: dict[str, Any]) -> list[Case]:
    given = disclosure("s1", "given_name", "Ada")
    base = {"iss": ISS, "vct": VCT, "_sd_alg": "sha-256"}
    status = disclosure("s2", "status", status_claim(0))
    name_sd = disclosure("s3", "_sd", ["x"])
    element = disclosure("s4", "one")
    return [
        Case(
            "duplicate digest",
            by_hand({**base, "_sd": [digest(given), digest(given)]}, [given], signer),
            net,
            "invalid",
        ),
        Case(
            "decoys only", by_hand({**base, "_sd": [digest("decoy")]}, [], signer), net, "verified"
        ),
        Case(
            "status disclosed",
            by_hand({**base, "_sd": [digest(status)]}, [status], signer),
            net,
            "invalid",
        ),
        Case(
            "disclosure named _sd",
            by_hand({**base, "_sd": [digest(name_sd)]}, [name_sd], signer),
            net,
            "invalid",
        ),
        Case(
            "array element",
            by_hand({**base, "list": [{"...": digest(element)}, "two"]}, [element], signer),
            net,
            "verified",
        ),
        Case(
            "element disclosure in _sd",
            by_hand({**base, "_sd": [digest(element)]}, [element], signer),
            net,
            "invalid",
        ),
        Case(
            "sha-384 digests",
            by_hand(
                {**base, "_sd_alg": "sha-384", "_sd": [digest(given, "sha384")]}, [given], signer
            ),
            net,
            "verified",
        ),
        Case(
            "unknown _sd_alg", by_hand({**base, "_sd_alg": "md5"}, [], signer), net, "unsupported"
        ),
        Case("no vct", by_hand({"iss": ISS}, [], signer), net, "invalid"),
        Case(
            "older typ vc+sd-jwt",
            issue(learning_claims(), signer, typ="vc+sd-jwt"),
            net,
            "verified",
        ),
        Case("typ JWT", issue(learning_claims(), signer, typ="JWT"), net, "invalid"),
        Case("alg none", _unsigned(learning_claims(), "none"), net, "invalid"),
        Case("alg HS256", _unsigned(learning_claims(), "HS256"), net, "invalid"),
        Case("not base64url disclosure", by_hand(base, [], signer)[:-1] + "~A~", net, "invalid"),
    ]


def _unsigned(claims: dict[Any, Any], alg: str) -> str:
    issuance = issue(claims, Signer())
    jwt, rest = issuance.split("~", 1)
    payload = jwt.split(".")[1]
    header = b64(json.dumps({"alg": alg, "typ": "dc+sd-jwt", "kid": "key-1"}).encode())
    return f"{header}.{payload}.{b64(b'x' * 32) if alg != 'none' else ''}~{rest}"


def _keys(signer: Signer) -> list[Case]:
    other = Signer()
    out = [
        Case(
            "wrong key",
            issue(learning_claims(), signer),
            {METADATA_URL: other.metadata()},
            "invalid",
        ),
        Case(
            "metadata of another issuer",
            issue(learning_claims(), signer),
            {METADATA_URL: signer.metadata("https://other.example")},
            "invalid",
        ),
        Case("metadata unreachable", issue(learning_claims(), signer), {}, "error"),
        Case(
            "x5c chain", issue(learning_claims(), Signer(kid=None), x5c=["MIIB"]), {}, "unsupported"
        ),
    ]
    jwks_uri = "https://keys.example/jwks.json"
    out.append(
        Case(
            "metadata jwks_uri",
            issue(learning_claims(), signer),
            {
                METADATA_URL: {"issuer": ISS, "jwks_uri": jwks_uri},
                jwks_uri: {"keys": [signer.public()]},
            },
            "verified",
        )
    )
    for alg in ("EdDSA", "ES384", "RS256"):
        kind = Signer(alg=alg)
        out.append(
            Case(
                f"metadata key {alg}",
                issue(learning_claims(), kind),
                {METADATA_URL: kind.metadata()},
                "verified",
            )
        )
    mismatch = Signer(alg="ES256")
    wrong_kind = Signer(alg="EdDSA")
    both = {**signer.metadata(), "jwks_uri": jwks_uri}
    out.append(
        Case(
            "metadata with jwks and jwks_uri",
            issue(learning_claims(), signer),
            {METADATA_URL: both},
            "invalid",
        )
    )
    two = {"issuer": ISS, "jwks": {"keys": [Signer(kid=None).public(), Signer(kid=None).public()]}}
    no_kid = Signer(kid=None)
    out.append(
        Case("no kid, two keys", issue(learning_claims(), no_kid), {METADATA_URL: two}, "invalid")
    )
    one = {"issuer": ISS, "jwks": {"keys": [no_kid.public()]}}
    out.append(
        Case("no kid, one key", issue(learning_claims(), no_kid), {METADATA_URL: one}, "verified")
    )
    out.append(
        Case(
            "alg/key mismatch",
            issue(learning_claims(), mismatch),
            {METADATA_URL: wrong_kind.metadata()},
            "invalid",
        )
    )
    holder = Signer(kid=None)
    did = did_jwk(holder)
    holder.kid = f"{did}#0"
    out.append(Case("did:jwk key", issue(learning_claims(iss=did), holder), {}, "verified"))
    out.append(
        Case(
            "did:jwk of another issuer",
            issue(learning_claims(iss=did_jwk(Signer())), holder),
            {},
            "invalid",
        )
    )
    bare = Signer(kid=None)
    out.append(
        Case(
            "key only in the header",
            issue(learning_claims(iss="urn:example:issuer"), bare, jwk=bare.public()),
            {},
            "invalid",
        )
    )
    return out


def _dates_and_status(signer: Signer, net: dict[str, Any]) -> list[Case]:
    out = [
        Case("expired", issue(learning_claims(exp=NOW_S - 60), signer), net, "expired"),
        Case(
            "not yet valid", issue(learning_claims(nbf=NOW_S + 3600), signer), net, "not-yet-valid"
        ),
        Case(
            "in date",
            issue(learning_claims(nbf=NOW_S - 60, exp=NOW_S + 3600), signer),
            net,
            "verified",
        ),
    ]
    for bits, values in ((1, [0, 1]), (2, [0, 1, 2, 3])):
        token = {**net, STATUS_URL: status_token(signer, values, bits)}
        for idx, state in enumerate(
            ("verified", "revoked", "suspended", "verified")[: len(values)]
        ):
            claims = learning_claims(status=status_claim(idx))
            out.append(
                Case(f"status bits {bits} value {values[idx]}", issue(claims, signer), token, state)
            )
    eight = {**net, STATUS_URL: status_token(signer, [0, 7], 8)}
    out.append(
        Case(
            "status bits 8 value 7",
            issue(learning_claims(status=status_claim(1)), signer),
            eight,
            "verified",
        )
    )
    claims = learning_claims(status=status_claim(0))
    out += [
        Case("status list unreachable", issue(claims, signer), net, "status-unknown"),
        Case(
            "status list of another key",
            issue(claims, signer),
            {**net, STATUS_URL: status_token(Signer(), [0], 1)},
            "status-unknown",
        ),
        Case(
            "status list of another address",
            issue(claims, signer),
            {**net, STATUS_URL: status_token(signer, [0], 1, uri="https://x.example/2")},
            "status-unknown",
        ),
        Case(
            "status list expired",
            issue(claims, signer),
            {**net, STATUS_URL: status_token(signer, [0], 1, exp=NOW_S - 1)},
            "status-unknown",
        ),
        Case(
            "status index beyond the list",
            issue(learning_claims(status=status_claim(4000)), signer),
            {**net, STATUS_URL: status_token(signer, [0], 1)},
            "status-unknown",
        ),
        Case(
            "status list as JSON",
            issue(claims, signer),
            {**net, STATUS_URL: {"status_list": {"bits": 1, "lst": "eNoDAAAAAAE"}}},
            "status-unknown",
        ),
        Case(
            "other status mechanism",
            issue(learning_claims(status={"other": {}}), signer),
            net,
            "status-unknown",
        ),
    ]
    return out


def _binding(signer: Signer, net: dict[str, Any]) -> list[Case]:
    holder = JWK.generate(kty="EC", crv="P-256")
    issuance = SDJWTIssuer(
        learning_claims(),
        signer.key,
        holder_key=holder,
        sign_alg=signer.alg,
        extra_header_parameters=signer.header(),
    ).sd_jwt_issuance
    presented = present(issuance, holder)
    jwt, *disclosures, kb = presented.split("~")
    kb_header, kb_payload, _ = kb.split(".")
    claims = json.loads(base64.urlsafe_b64decode(kb_payload + "==="))
    claims["sd_hash"] = digest("wrong")
    resigned = sign(claims, Signer(), json.loads(base64.urlsafe_b64decode(kb_header + "===")))
    wrong_hash_jws = JWS(json.dumps(claims).encode())
    wrong_hash_jws.add_signature(
        holder, alg="ES256", protected=json.dumps({"alg": "ES256", "typ": "kb+jwt"})
    )
    wrong_hash = "~".join([jwt, *disclosures, wrong_hash_jws.serialize(compact=True)])
    return [
        Case("issued with cnf, no key binding", issuance, net, "verified"),
        Case("key binding", presented, net, "verified"),
        Case("key binding wrong sd_hash", wrong_hash, net, "invalid"),
        Case("key binding by another key", "~".join([jwt, *disclosures, resigned]), net, "invalid"),
    ]
