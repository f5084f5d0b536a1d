"""JWT credentials for the JOSE tests, made with throwaway keys: every algorithm and key source
the verifiers accept, and the forgeries and malformed tokens they must refuse, each with the
verdict it must get (tests/test_jose_agreement.py holds both verifiers to it)."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwcrypto import jwk, jws

from credsite.standards.multibase import base64url_encode, multibase_encode

NOW = "2026-12-01T00:00:00Z"
ISSUER_WEB = "did:web:issuer.example"
WEB_DOCUMENT = "https://issuer.example/.well-known/did.json"
SUBJECT = "did:example:learner"


@dataclass(frozen=True)
class JoseCase:
    text: str
    state: str
    network: dict[str, Any] = field(default_factory=dict)


def _keys() -> dict[str, Any]:
    return {
        "RS256": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ES256": ec.generate_private_key(ec.SECP256R1()),
        "ES384": ec.generate_private_key(ec.SECP384R1()),
        "EdDSA": ed25519.Ed25519PrivateKey.generate(),
    }


def public_jwk(private: Any) -> dict[str, Any]:
    exported: dict[str, Any] = jwk.JWK.from_pyca(private.public_key()).export_public(as_dict=True)
    return {k: v for k, v in exported.items() if k != "kid"}


def did_key(private: Any) -> str:
    public = private.public_key()
    if isinstance(public, ed25519.Ed25519PublicKey):
        raw, codec = public.public_bytes_raw(), "ed01"
    else:
        raw = public.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
        )
        codec = "8024" if public.curve.name == "secp256r1" else "8124"
    return "did:key:" + multibase_encode(bytes.fromhex(codec) + raw)


def did_jwk(private: Any) -> str:
    text = json.dumps(public_jwk(private), separators=(",", ":"))
    return "did:jwk:" + base64url_encode(text.encode())


def credential(issuer: str) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:2c4d1c3e-6c55-4d3a-9a43-1f1e0f4ab001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Example Issuer"},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "id": SUBJECT,
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://issuer.example/achievements/teamwork",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "Works well in a team.",
                "criteria": {"narrative": "Nominated by peers."},
            },
        },
    }


def payload(issuer: str, **claims: Any) -> dict[str, Any]:
    """OB 3.0 §8.2: the credential, with iss, sub, jti and nbf beside it."""
    body = credential(issuer)
    return {
        **body,
        "iss": issuer,
        "sub": SUBJECT,
        "jti": body["id"],
        "nbf": 1704067200,
        "iat": 1704067200,
        **claims,
    }


def sign(private: Any, alg: str, header: dict[str, Any], body: dict[str, Any]) -> str:
    token = jws.JWS(json.dumps(body).encode())
    key = jwk.JWK.from_pyca(private)
    token.add_signature(key, alg=alg, protected=json.dumps({"alg": alg, **header}))
    return str(token.serialize(compact=True))


def es256(private: Any, header: dict[str, Any], body: dict[str, Any]) -> str:
    """An ES256 token whatever its header says (jwcrypto refuses to make some of them)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    signing_input = f"{encode(header)}.{encode(body)}"
    r, s = decode_dss_signature(private.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{base64url_encode(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def encode(part: dict[str, Any] | bytes | list[Any]) -> str:
    data = part if isinstance(part, bytes) else json.dumps(part).encode()
    return base64url_encode(data)


def unsigned(header: dict[str, Any], body: dict[str, Any], signature: bytes = b"") -> str:
    return f"{encode(header)}.{encode(body)}.{base64url_encode(signature)}"


def web_document(keys: dict[str, Any]) -> dict[str, Any]:
    methods = [
        {
            "id": f"{ISSUER_WEB}#{alg}",
            "type": "JsonWebKey",
            "controller": ISSUER_WEB,
            "publicKeyJwk": public_jwk(private),
        }
        for alg, private in keys.items()
    ]
    return {
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": ISSUER_WEB,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def jose_cases() -> dict[str, JoseCase]:
    keys = _keys()
    cases: dict[str, JoseCase] = {}
    issuer = "https://issuer.example/profile"
    for alg, private in keys.items():
        cases[f"{alg}, key in the jwk header"] = JoseCase(
            sign(private, alg, {"jwk": public_jwk(private), "typ": "JWT"}, payload(issuer)),
            "verified",
        )
    for alg in ("ES256", "ES384", "EdDSA"):
        did = did_key(keys[alg])
        kid = f"{did}#{did.removeprefix('did:key:')}"
        cases[f"{alg}, kid a did:key"] = JoseCase(
            sign(keys[alg], alg, {"kid": kid}, payload(did)), "verified"
        )
    for alg in ("ES256", "EdDSA"):
        did = did_jwk(keys[alg])
        cases[f"{alg}, kid a did:jwk"] = JoseCase(
            sign(keys[alg], alg, {"kid": f"{did}#0"}, payload(did)), "verified"
        )
    network = {WEB_DOCUMENT: web_document(keys)}
    for alg in ("RS256", "ES256"):
        cases[f"{alg}, kid a did:web key"] = JoseCase(
            sign(keys[alg], alg, {"kid": f"{ISSUER_WEB}#{alg}"}, payload(ISSUER_WEB)),
            "verified",
            network,
        )
    cases["ES256, kid a fragment of the did:web issuer"] = JoseCase(
        sign(keys["ES256"], "ES256", {"kid": "ES256"}, payload(ISSUER_WEB)), "verified", network
    )
    cases["vc+jwt, the payload is the credential"] = JoseCase(
        sign(
            keys["ES256"],
            "ES256",
            {"typ": "vc+jwt", "jwk": public_jwk(keys["ES256"])},
            credential(issuer),
        ),
        "verified",
    )
    vc_form = {"vc": credential(issuer), "iss": issuer, "sub": SUBJECT, "nbf": 1704067200}
    cases["the credential in a vc claim"] = JoseCase(
        sign(keys["EdDSA"], "EdDSA", {"jwk": public_jwk(keys["EdDSA"])}, vc_form), "verified"
    )
    cases.update(_refusals(keys, issuer, network))
    return cases


def _refusals(keys: dict[str, Any], issuer: str, network: dict[str, Any]) -> dict[str, JoseCase]:
    rsa_key, es_key = keys["RS256"], keys["ES256"]
    good = sign(es_key, "ES256", {"jwk": public_jwk(es_key)}, payload(issuer))
    head, body, sig = good.split(".")
    changed = json.loads(_decode(body))
    changed["name"] = "Teamwork (changed)"
    other_header = {"alg": "ES256", "jwk": public_jwk(es_key), "typ": "JWT"}
    rsa_jwk = public_jwk(rsa_key)
    pem = rsa_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    hs_head = {"alg": "HS256", "jwk": rsa_jwk}
    signing_input = f"{encode(hs_head)}.{encode(payload(issuer))}".encode()
    hs_token = f"{signing_input.decode()}.{base64url_encode(hmac.new(pem, signing_input, hashlib.sha256).digest())}"
    wrong = ec.generate_private_key(ec.SECP256R1())
    private_jwk = jwk.JWK.from_pyca(es_key).export_private(as_dict=True)
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)

    def with_claims(**claims: Any) -> str:
        return sign(es_key, "ES256", {"jwk": public_jwk(es_key)}, payload(issuer, **claims))

    undated = payload(issuer, nbf=4102444800)
    del undated["validFrom"]
    refusals: dict[str, tuple[str | Callable[[], str], str]] = {
        "tampered: a payload byte changed": (f"{head}.{encode(changed)}.{sig}", "invalid"),
        "tampered: the header changed": (f"{encode(other_header)}.{body}.{sig}", "invalid"),
        "tampered: the signature truncated": (
            f"{head}.{body}.{base64url_encode(_decode(sig)[:-8])}",
            "invalid",
        ),
        "signed with another key than the jwk header's": (
            sign(wrong, "ES256", {"jwk": public_jwk(es_key)}, payload(issuer)),
            "invalid",
        ),
        "alg none": (
            unsigned({"alg": "none", "jwk": public_jwk(es_key)}, payload(issuer)),
            "invalid",
        ),
        "HS256 with the RSA public key as the secret": (hs_token, "invalid"),
        "an RSA key with ES256": (
            unsigned({"alg": "ES256", "jwk": rsa_jwk}, payload(issuer), b"\0" * 64),
            "invalid",
        ),
        "a P-384 key with ES256": (
            sign(
                keys["ES384"], "ES384", {"jwk": public_jwk(keys["ES384"])}, payload(issuer)
            ).replace(
                encode({"alg": "ES384", "jwk": public_jwk(keys["ES384"])}),
                encode({"alg": "ES256", "jwk": public_jwk(keys["ES384"])}),
            ),
            "invalid",
        ),
        "an EC key with EdDSA": (
            unsigned({"alg": "EdDSA", "jwk": public_jwk(es_key)}, payload(issuer), b"\0" * 64),
            "invalid",
        ),
        "a private key in the jwk header": (
            sign(es_key, "ES256", {"jwk": private_jwk}, payload(issuer)),
            "invalid",
        ),
        "a 1024-bit RSA key": (
            sign(weak, "RS256", {"jwk": public_jwk(weak)}, payload(issuer)),
            "invalid",
        ),
        "a crit header": (
            es256(
                es_key,
                {"alg": "ES256", "jwk": public_jwk(es_key), "crit": ["exp"]},
                payload(issuer),
            ),
            "invalid",
        ),
        "PS512, not implemented": (
            unsigned({"alg": "PS512", "jwk": rsa_jwk}, payload(issuer), b"\1" * 256),
            "unsupported",
        ),
        "ES512, not implemented": (
            unsigned({"alg": "ES512", "jwk": public_jwk(es_key)}, payload(issuer), b"\1" * 132),
            "unsupported",
        ),
        "iss disagrees with the issuer": (with_claims(iss="https://other.example"), "invalid"),
        "nbf disagrees with validFrom": (with_claims(nbf=1704067201), "invalid"),
        "exp disagrees with validUntil": (
            sign(
                es_key,
                "ES256",
                {"jwk": public_jwk(es_key)},
                {**payload(issuer, exp=4102444800), "validUntil": "2099-01-01T00:00:00Z"},
            ),
            "invalid",
        ),
        "a vc claim whose issuer disagrees with iss": (
            sign(
                es_key,
                "ES256",
                {"jwk": public_jwk(es_key)},
                {"vc": credential(issuer), "iss": "https://other.example"},
            ),
            "invalid",
        ),
        "expired by its exp": (with_claims(exp=1735689600), "expired"),
        "not yet valid by its nbf": (
            sign(es_key, "ES256", {"jwk": public_jwk(es_key)}, undated),
            "not-yet-valid",
        ),
        "the kid's key is another than the signer's": (
            sign(wrong, "ES256", {"kid": f"{ISSUER_WEB}#ES256"}, payload(ISSUER_WEB)),
            "invalid",
        ),
        "a kid of another issuer": (
            sign(es_key, "ES256", {"kid": f"{ISSUER_WEB}#ES256"}, payload(issuer)),
            "invalid",
        ),
        "two parts": (f"{head}.{body}", "invalid"),
        "bad base64url": (f"{head}.{body}=.{sig}", "invalid"),
        "a header that is not JSON": (f"{base64url_encode(b'not json')}.{body}.{sig}", "invalid"),
        "a payload that is not a JSON object": (f"{head}.{encode([1, 2])}.{sig}", "invalid"),
    }
    return {
        name: JoseCase(text if isinstance(text, str) else text(), state, copy.deepcopy(network))
        for name, (text, state) in refusals.items()
    }


def _decode(part: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
