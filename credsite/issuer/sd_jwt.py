"""Issuing an SD-JWT (RFC 9901) as an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc), and the JWT VC
Issuer Metadata that lets a verifier find its key.

An SD-JWT is a JWS whose payload carries, instead of each selectively disclosable claim, the
digest of a Disclosure (``[salt, name, value]`` in base64url); the Disclosures follow the JWS,
each after a ``~``. The holder shows a verifier only the Disclosures it chooses. The salts are
the one random part (``os.urandom``: a guessable salt would let anyone test a guess of a hidden
value against its digest); everything else is a function of the claims and the key, so the same
salts give the same bytes (Ed25519 signatures are deterministic).

Who signs, and how a verifier finds the key (``Signer``): a site at the root of its host is the
issuer ``https://host``, with its keys in ``/.well-known/jwt-vc-issuer`` (which the build
writes, ``issuer_metadata``). A site under a path (``https://host/sub/``) cannot publish that
file, which belongs at the host's root, so there the issuer is its did:web and the ``kid`` a
DID URL, resolved through the ``did.json`` the build already publishes.

The checks a verifier makes are ``credsite.standards.jose.sd_jwt_vc``'s, which the tests hold
this module to.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from credsite.base import urls
from credsite.issuer.keys import KeyRegistry, PublicKey, SigningKey
from credsite.standards import cryptosuites
from credsite.standards.jose.sd_jwt import digest
from credsite.standards.jwk import public_jwk as standard_jwk
from credsite.standards.multibase import base64url_encode

TYP = "dc+sd-jwt"  # the media type of the current draft; our verifiers also read vc+sd-jwt
ALG = "EdDSA"  # credsite's keys are Ed25519 (keys.py); ES256 would need P-256 keys
SD_ALG = "sha-256"
METADATA_PATH = ".well-known/jwt-vc-issuer"
SALT_BYTES = 16  # 128 bits, as RFC 9901 section 9.3 recommends

Salt = Callable[[], str]


def random_salt() -> str:
    """A fresh salt for one Disclosure."""
    return base64url_encode(os.urandom(SALT_BYTES))


# -- who signs ---------------------------------------------------------------------------------


def at_host_root(base_url: str) -> bool:
    """Whether the site is the whole of its host (``https://host/``), where it can publish the
    JWT VC Issuer Metadata at the place verifiers look."""
    return not urlsplit(base_url).path.strip("/")


@dataclass(frozen=True)
class Signer:
    """The ``iss`` of an SD-JWT signed with ``key_id`` and the ``kid`` that names the key."""

    iss: str
    kid: str

    @classmethod
    def of(cls, base_url: str, key_id: str) -> Signer:
        if at_host_root(base_url):
            return cls(base_url.rstrip("/"), key_id)
        did = urls.did_web(base_url)
        return cls(did, f"{did}#{key_id}")


def public_jwk(key: PublicKey) -> dict[str, str]:
    """A key of keys.yaml as the JWK the metadata list (RFC 8037 OKP, for EdDSA only)."""
    jwk = standard_jwk(cryptosuites.decode_public_key(key.public_key_multibase))
    return {**jwk, "kid": key.id, "use": "sig", "alg": ALG}


def issuer_metadata(base_url: str, registry: KeyRegistry) -> dict[str, Any] | None:
    """The JWT VC Issuer Metadata of a site at its host's root (None under a path: see the
    module's docstring). Active and retired keys are listed, so what a retired key signed
    still verifies; a compromised key is left out, since a JWK can say nothing like the DID
    document's ``revoked`` and its forgeries would otherwise verify."""
    if not at_host_root(base_url):
        return None
    keys = [public_jwk(k) for k in registry.keys if k.status != "compromised"]
    return {"issuer": base_url.rstrip("/"), "jwks": {"keys": keys}}


# -- the SD-JWT ----------------------------------------------------------------------------------


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def disclosure(salt: str, name: str, value: object) -> str:
    """The Disclosure of an object property (RFC 9901 section 4.2.1)."""
    return base64url_encode(_json([salt, name, value]))


def sd_jwt_payload(
    plain: Mapping[str, Any], disclosable: Mapping[str, Any], salt: Salt = random_salt
) -> tuple[dict[str, Any], list[str]]:
    """The payload the issuer signs and the Disclosures of ``disclosable``'s claims, in their
    order. The digests are sorted, so that their order gives nothing away (section 4.2.4.1)."""
    disclosures = [disclosure(salt(), name, value) for name, value in disclosable.items()]
    payload = dict(plain)
    if disclosures:
        payload["_sd"] = sorted(digest(d, SD_ALG) for d in disclosures)
        payload["_sd_alg"] = SD_ALG
    return payload, disclosures


def sign_compact(header: Mapping[str, Any], payload: Mapping[str, Any], key: SigningKey) -> str:
    """A compact JWS of ``header`` and ``payload``, signed EdDSA (Ed25519) with ``key``."""
    signing_input = f"{base64url_encode(_json(header))}.{base64url_encode(_json(payload))}"
    signature = key.private_key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{base64url_encode(signature)}"


def issue_sd_jwt(
    plain: Mapping[str, Any],
    disclosable: Mapping[str, Any],
    signer: Signer,
    key: SigningKey,
    salt: Salt = random_salt,
) -> str:
    """The SD-JWT as issued: ``<JWS>~<Disclosure>~...~`` (no Key Binding JWT: that is the
    holder's to add when presenting). ``plain`` holds every claim always shown, ``iss`` and
    the dates among them."""
    payload, disclosures = sd_jwt_payload({"iss": signer.iss, **plain}, disclosable, salt)
    header = {"alg": ALG, "kid": signer.kid, "typ": TYP}
    return "~".join([sign_compact(header, payload, key), *disclosures]) + "~"
