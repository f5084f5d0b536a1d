"""The JOSE header of a JWT credential, judged before any key is fetched: which form of credential
it announces (``typ``), whether its algorithm is one that can prove who signed (``alg``), whether
it asks for extensions this verifier does not implement (``crit``), and where its key is.

Refused (the proof-format check fails): ``alg: none`` and the HMAC algorithms (a shared secret
proves nothing about who signed, and a verifier tricked into using the issuer's public key as the
secret accepts a forgery), an algorithm that is not a JWS signature algorithm, a ``crit`` the
verifier does not understand, no key at all, and a key of another kind than the algorithm's (an
RSA key with ES256: the algorithm/key confusion behind known JWT forgeries). A registered
signature algorithm this verifier does not implement (PS256, ES512...) and a ``typ`` of another
kind of token are ``unsupported``: nothing says they are wrong, only that they were not checked.
The browser's twin is ``browser/src/verifier/jose/header.js``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from credsite.standards.multibase import base64url_decode

# The algorithms verified here, with the kind of key each is made with (jwk.py's key types).
ALGORITHMS = {"RS256": "RSA", "ES256": "P-256", "ES384": "P-384", "EdDSA": "Ed25519"}
HMAC = frozenset({"HS256", "HS384", "HS512"})
# RFC 7518 §3.1 and RFC 8037, RFC 8812, RFC 9864: signature algorithms others may use.
OTHER_SIGNATURE_ALGORITHMS = frozenset(
    {"RS384", "RS512", "PS256", "PS384", "PS512", "ES512", "ES256K", "Ed25519", "Ed448"}
)
MIN_RSA_BITS = 2048
# typ (RFC 7515 §4.1.9: compared without "application/", case-insensitively) -> form.
FORMS = {"jwt": "VC-JWT", "vc+jwt": "vc+jwt", "vc+ld+jwt": "vc+jwt"}
KEY_SOURCES_NOT_READ = ("x5c", "x5u", "jku")


@dataclass
class Header:
    """What the header says and what is wrong with it. ``failed`` and ``unsupported`` hold
    (code, message) pairs; a fault in ``failed`` makes the token invalid whatever else is true."""

    form: str = "VC-JWT"
    alg: str | None = None
    jwk: object = None
    kid: str | None = None
    failed: list[tuple[str, str]] = field(default_factory=list)
    unsupported: list[tuple[str, str]] = field(default_factory=list)

    @property
    def key_kind(self) -> str | None:
        """The kind of key the algorithm is made with, when it is one verified here."""
        return ALGORITHMS.get(self.alg) if self.alg else None


def read_header(header: dict[str, Any]) -> Header:
    """Every fault of the header, in the order the browser finds them."""
    found = Header()
    _typ(header.get("typ"), found)
    _alg(header.get("alg"), found)
    if "crit" in header:
        names = header["crit"]
        shown = ", ".join(map(str, names)) if isinstance(names, list) else repr(names)
        found.failed.append(
            (
                "CRIT",
                f"it marks header parameters as critical ({shown}), which this verifier does "
                "not understand, so it may not accept the token",
            )
        )
    _key_source(header, found)
    return found


def form_of(header: dict[str, Any] | None) -> str | None:
    """The form of credential a header's ``typ`` announces (VC-JWT when it has none), or None
    for a type of token that is not a credential this verifier reads."""
    typ = header.get("typ") if header is not None else None
    if typ is None:
        return "VC-JWT"
    name = typ.lower().removeprefix("application/") if isinstance(typ, str) else None
    return FORMS.get(name) if name is not None else None


def _typ(typ: object, found: Header) -> None:
    form = form_of({"typ": typ})
    if form is not None:
        found.form = form
    else:
        found.unsupported.append(
            ("TYP", f"it is a token of type {typ!r}, not a credential this verifier reads")
        )


def _alg(alg: object, found: Header) -> None:
    if not isinstance(alg, str) or not alg:
        found.failed.append(("ALG_MISSING", "it does not name its signature algorithm (alg)"))
    elif alg.lower() == "none":
        found.failed.append(
            ("ALG_NONE", "it is not signed at all (alg 'none'): anyone could have written it")
        )
    elif alg in HMAC:
        found.failed.append(
            (
                "ALG_HMAC",
                f"it uses {alg}, a shared-secret code, not a signature: it cannot show who "
                "issued the credential",
            )
        )
    elif alg in ALGORITHMS:
        found.alg = alg
    elif alg in OTHER_SIGNATURE_ALGORITHMS:
        found.unsupported.append(
            ("ALG_UNSUPPORTED", f"it is signed with {alg}, which this verifier does not check")
        )
    else:
        found.failed.append(("ALG_UNKNOWN", f"{alg!r} is not a signature algorithm of JOSE"))


def _key_source(header: dict[str, Any], found: Header) -> None:
    kid, jwk = header.get("kid"), header.get("jwk")
    if "kid" in header and (not isinstance(kid, str) or not kid):
        found.failed.append(("KID_MALFORMED", "its key identifier (kid) is not text"))
    elif isinstance(kid, str):
        found.kid = kid
    if "jwk" in header:
        found.jwk = jwk
    if "kid" in header or "jwk" in header:
        return
    others = [name for name in KEY_SOURCES_NOT_READ if name in header]
    if others:
        found.unsupported.append(
            (
                "KEY_SOURCE",
                f"it names its key only by {others[0]}, which this verifier does not read "
                "(only jwk and kid)",
            )
        )
    else:
        found.failed.append(("KEY_MISSING", "it names no key (neither jwk nor kid)"))


def key_problem(alg: str | None, key_type: str, jwk: dict[str, Any]) -> tuple[str, str] | None:
    """Why a key of ``key_type`` cannot verify ``alg``: another kind of key than the algorithm's,
    or an RSA key too short to be safe."""
    if alg is None:
        return None
    wanted = ALGORITHMS[alg]
    if key_type != wanted:
        return (
            "ALG_KEY_MISMATCH",
            f"it says {alg}, which needs a key of kind {wanted}, but the key is of kind {key_type}",
        )
    if key_type == "RSA" and rsa_bits(jwk) < MIN_RSA_BITS:
        return (
            "RSA_SHORT",
            f"its RSA key has {rsa_bits(jwk)} bits, fewer than the {MIN_RSA_BITS} that make it safe",
        )
    return None


def rsa_bits(jwk: dict[str, Any]) -> int:
    """The length of an RSA key's modulus in bits (read_jwk has checked ``n``)."""
    return int.from_bytes(base64url_decode(str(jwk["n"])), "big").bit_length()
