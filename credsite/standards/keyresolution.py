"""Finding the public key behind a proof's verificationMethod (or a JWT's ``kid``), and whether
its controller authorises it for issuing (assertionMethod).

Supported, by the rulebook's ``keys`` section: did:key (the key is in the identifier: Ed25519,
P-256, P-384 as the registered key types read them), did:jwk (the identifier is a JWK; its one
key is ``#0``), did:web (its DID document over HTTPS at an address the DID names) and https
controller documents (W3C Controlled Identifiers 1.0; a key id ``https://…#key`` is read from
its address, whose ``id`` must be that address, as in 1EdTech's fixtures). A key is a Multikey,
an Ed25519VerificationKey2020 (publicKeyMultibase, Ed25519 only) or a JsonWebKey /
JsonWebKey2020 (publicKeyJwk, read by ``credsite.standards.jwk``), listed in the document's
``verificationMethod`` or embedded in its ``assertionMethod`` (DCC's did:web documents).

The rules are the browser verifier's (``browser/src/verifier/key-resolution.js``), step for
step and with the same problem codes, so that both refuse the same identifiers and documents:
a did:web of an IP address or a malformed host, an https key id that is not in normal form or
has no ``#fragment``, a key listed twice with two meanings, a key not authorised for issuing.
tests/test_keys_agreement.py holds the two to one table of situations.

A key is never taken from an identifier's fragment alone: only the issuer's published document
ties a key to the issuer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from credsite.base.errors import VerificationError
from credsite.base.jsonfile import JsonInputError, load_json
from credsite.standards import cryptosuites, rulebook
from credsite.standards.jwk import JwkError, JwkKey, read_jwk
from credsite.standards.multibase import base64url_decode
from credsite.standards.reports import Fetcher, FetchError

_SPACE = re.compile(r"\s")
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
_DIGITS = re.compile(r"[0-9]+")
_DOT_SEGMENTS = (".", "..", "%2e", "%2e%2e", ".%2e", "%2e.")


class KeyProblemError(Exception):
    """The verificationMethod does not lead to a usable key. ``code`` is the browser's code
    for the same refusal; ``retryable``: the document could not be fetched, so the answer is
    "could not check", not "not the issuer's key"."""

    def __init__(self, message: str, retryable: bool = False, code: str = "VM_SYNTAX"):
        super().__init__(message)
        self.retryable = retryable
        self.code = code


@dataclass(frozen=True, kw_only=True)
class PublishedKey:
    """A key its controller publishes for issuing, with the key's own dates (``revoked``,
    ``expires``) as its document writes them, and the notes a reader should see.

    ``controller`` is the id of the document the key was read from (the DID, or the https
    document's address): only that document's owner can publish it. ``listed_controller`` is
    the ``controller`` the key's entry writes; anyone can write any name there, so a key whose
    entry names another controller is refused by the key-controller check. ``key_type`` names
    the kind of key ('Ed25519', 'P-256', 'P-384', 'RSA'); ``public_key`` is None for a key only
    JOSE uses (RSA); ``jwk`` is the method's publicKeyJwk (or the did:jwk's JWK), if it had one.
    """

    id: str
    method: str  # did:key, did:web, did:jwk or https
    controller: str
    key_type: str
    public_key: cryptosuites.PublicKey | None
    document_url: str | None = None
    dates: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    listed_controller: str | None = None
    jwk: dict[str, Any] | None = None

    @property
    def controller_mismatch(self) -> bool:
        """The key's entry names a controller other than the document it was published in."""
        return self.listed_controller is not None and self.listed_controller != self.controller


@dataclass(frozen=True, kw_only=True)
class ResolvedKey(PublishedKey):
    """A published key a cryptosuite can verify with (Data Integrity proofs)."""

    public_key: cryptosuites.PublicKey


def did_web_url(did: str) -> str:
    """The address of a did:web DID document (did:web method, "Read"): ``did:web:host`` is
    ``https://host/.well-known/did.json``, ``did:web:host:a:b`` is ``https://host/a/b/did.json``,
    with a percent-encoded port (``host%3A8443``). VerificationError for a DID that does not
    name a domain (an IP address, a malformed host) or a path segment that is not allowed."""
    if not did.startswith("did:web:"):
        raise VerificationError(f"'{did}' is not a did:web identifier")
    rules = _patterns()
    segments = did.removeprefix("did:web:").split(":")
    authority = re.sub("%3a", ":", segments[0], flags=re.IGNORECASE)
    found = rules["authority"].fullmatch(authority)
    if (
        found is None
        or len(found.group(1)) > _rules()["didWeb"]["maxHostLength"]
        or not rules["host"].fullmatch(found.group(1))
        or rules["ipv4"].fullmatch(found.group(1))
        or (found.group(2) is not None and int(found.group(2)) > 65535)
    ):
        raise VerificationError(f"the did:web host of '{did}' is not a valid domain name")
    for segment in segments[1:]:
        if not rules["segment"].fullmatch(segment) or segment in (".", ".."):
            raise VerificationError(f"the did:web path segment {segment!r} is not allowed")
    base = f"https://{authority}"
    return (
        f"{base}/{'/'.join(segments[1:])}/did.json"
        if segments[1:]
        else f"{base}/.well-known/did.json"
    )


def resolve_key(method_id: object, fetch: Fetcher) -> ResolvedKey:
    """The key a proof's verificationMethod names, authorised by its controller for issuing,
    of a key type a cryptosuite verifies with; KeyProblemError saying why not."""
    key = resolve_published_key(method_id, fetch)
    if key.public_key is None:
        raise KeyProblemError(
            f"the published key is an {key.key_type} key, which only JOSE (JWT) signatures use",
            code="JWK_JOSE_ONLY",
        )
    return ResolvedKey(**{f.name: getattr(key, f.name) for f in fields(key)})


def resolve_published_key(method_id: object, fetch: Fetcher) -> PublishedKey:
    """The key ``method_id`` (a verificationMethod, or a JWT's ``kid``) names, authorised by
    its controller for issuing, whatever its key type (RSA too: JOSE verifies with ``jwk``);
    KeyProblemError saying why not."""
    method, controller, fragment = _parse(method_id)
    assert isinstance(method_id, str)
    if method == "did:key":
        return _did_key(method_id, controller, fragment)
    if method == "did:jwk":
        return _did_jwk(method_id, controller, fragment)
    if fragment is None:
        raise KeyProblemError(
            f"the verificationMethod must name a key with a #fragment ({method_id})"
        )
    try:
        url = did_web_url(controller) if method == "did:web" else controller
    except VerificationError as error:
        raise KeyProblemError(str(error), code="DID_WEB_SYNTAX") from error
    try:
        document = fetch(url)
    except FetchError as error:
        raise KeyProblemError(str(error), True, "KEY_DOCUMENT_UNREACHABLE") from error
    return _published(document, method, controller, method_id, url)


def assertion_keys(did: str, fetch: Fetcher) -> tuple[PublishedKey, ...]:
    """The keys the DID ``did`` authorises for issuing (assertionMethod): a did:key's or
    did:jwk's own key, every usable assertion key of a did:web document (a listed entry that is
    not a usable key is left out). A key that came with a credential rather than from its issuer
    (a JWT's ``jwk`` header) is that DID's only when it is one of these. KeyProblemError when the
    DID or its document cannot be read (``retryable`` when the document could not be fetched)."""
    method, controller, _ = _parse(did)
    if method != "did:web":
        return (replace(resolve_published_key(controller, fetch), warnings=()),)
    try:
        url = did_web_url(controller)
    except VerificationError as error:
        raise KeyProblemError(str(error), code="DID_WEB_SYNTAX") from error
    try:
        document = _controller_document(fetch(url), controller, url)
    except FetchError as error:
        raise KeyProblemError(str(error), True, "KEY_DOCUMENT_UNREACHABLE") from error
    keys = []
    for entry in _as_list(document.get("assertionMethod")):
        listed = entry.get("id") if isinstance(entry, dict) else entry
        key_id = controller + listed if isinstance(listed, str) and listed[:1] == "#" else listed
        if not isinstance(key_id, str) or not key_id.startswith(controller + "#"):
            continue  # only this DID's own keys
        try:
            _parse(key_id)  # a key id the resolver would refuse is no usable key
            keys.append(_published(document, method, controller, key_id, url))
        except KeyProblemError:
            continue
    return tuple(keys)


def parse_key_id(method_id: object) -> tuple[str, str, str | None]:
    """(resolution method, controller id or address, fragment or None) of a key id, checked as
    ``resolve_published_key`` checks it; KeyProblemError when it is not usable. For JOSE, whose
    ``kid`` may name an https address serving the key itself (credsite.standards.jose.kid_url)."""
    return _parse(method_id)


def _parse(method_id: object) -> tuple[str, str, str | None]:
    """(resolution method, controller id, fragment or None) of a verificationMethod. Query
    strings and DID paths are refused: "the key" would depend on services not implemented."""
    if not isinstance(method_id, str) or not method_id or _SPACE.search(method_id):
        raise KeyProblemError("the verificationMethod is not a usable identifier")
    controller, hash_sign, fragment = method_id.partition("#")
    if hash_sign and (not fragment or "#" in fragment):
        raise KeyProblemError(
            f"the verificationMethod has an empty or repeated fragment ({method_id})"
        )
    found = fragment if hash_sign else None
    if controller.startswith("did:"):
        if "/" in controller or "?" in controller:
            raise KeyProblemError(f"DID URLs with a path or query are not supported ({method_id})")
        dids = [m for m in _rules()["methods"] if m.startswith("did:")]
        for prefix in dids:
            if controller.startswith(prefix + ":"):
                return prefix, controller, found
        kind = ":".join(controller.split(":")[:2])
        raise KeyProblemError(
            f"the DID method {kind} is not supported (only {', '.join(dids)})",
            code="UNSUPPORTED_DID_METHOD",
        )
    if controller.startswith("https://"):
        if not _is_normal_https(controller):
            raise KeyProblemError(
                f"the verificationMethod is not an address in normal form ({method_id})"
            )
        return "https", controller, found
    scheme = controller.split(":")[0]
    raise KeyProblemError(
        f"keys named by '{scheme}:' identifiers are not supported "
        "(did:key, did:web, did:jwk and https controller documents are)",
        code="UNSUPPORTED_DID_METHOD",
    )


def _is_normal_https(url: str) -> bool:
    """The rulebook's ``httpsPattern``, a port up to 65535 other than 443, no empty host label,
    a host ending in a number only as a canonical IPv4 address, and no dot segment."""
    found = _patterns()["https"].fullmatch(url)
    if found is None or found.group(2) == "443":
        return False
    if found.group(2) is not None and int(found.group(2)) > 65535:
        return False
    host = found.group(1)
    labels = host.split(".")
    if "" in labels[:-1] or (labels[-1].isdigit() and not _canonical_ipv4(host)):
        return False
    return not has_dot_segment(urlsplit(url).path)


def has_dot_segment(path: str) -> bool:
    """Whether a URL path has a ``.`` or ``..`` segment in any spelling (percent-encoded, in any
    case, after a ``/`` or a ``\\``, which WHATWG URL reads as ``/`` in an https address):
    fetched, such an address names another path than it reads as."""
    return any(s.lower() in _DOT_SEGMENTS for s in re.split(r"[/\\]", path))


def _canonical_ipv4(host: str) -> bool:
    """Four decimal numbers up to 255 without leading zeros, as the browser's canonicalIpv4
    (a label such as ``-1`` or ``1e-7`` is no number of an IPv4 address)."""
    parts = host.split(".")
    return len(parts) == 4 and all(
        _DIGITS.fullmatch(p) and p == str(int(p)) and int(p) <= 255 for p in parts
    )


def _did_key(method_id: str, controller: str, fragment: str | None) -> PublishedKey:
    value = controller.removeprefix("did:key:")
    warnings: tuple[str, ...] = ()
    if fragment is None:
        # did:key gives its one key the id did:key:X#X. A bare did:key (the Bitstring Status
        # List examples) names the DID, not the key: its only key is used, and the report says so.
        warnings = ("VM_IS_DID",)
    elif fragment != value:
        raise KeyProblemError(
            f"a did:key fragment must repeat the key ({method_id})", code="VM_NOT_FOUND"
        )
    public_key = _multikey(value)
    return PublishedKey(
        id=f"{controller}#{value}",
        method="did:key",
        controller=controller,
        key_type=public_key.key_type.name,
        public_key=public_key,
        warnings=warnings,
        listed_controller=controller,
    )


def _did_jwk(method_id: str, controller: str, fragment: str | None) -> PublishedKey:
    """did:jwk: the identifier is the base64url of a JWK, whose DID document lists it as ``#0``
    under assertionMethod unless its ``use`` is "enc" (then only under keyAgreement)."""
    key_id = _rules()["didJwkFragment"]
    warnings: tuple[str, ...] = ()
    if fragment is None:
        warnings = ("VM_IS_DID",)
    elif fragment != key_id:
        raise KeyProblemError(
            f"a did:jwk has one key, '#{key_id}' ({method_id})", code="VM_NOT_FOUND"
        )
    key = _jwk(_did_jwk_value(controller.removeprefix("did:jwk:")))
    if key.jwk.get("use") == "enc":
        raise KeyProblemError(
            "the issuer has not listed the key for issuing credentials (a did:jwk key with "
            "use 'enc' is only for encryption)",
            code="VM_NOT_ASSERTION",
        )
    return PublishedKey(
        id=f"{controller}#{key_id}",
        method="did:jwk",
        controller=controller,
        key_type=key.key_type,
        public_key=key.public_key,
        warnings=warnings,
        listed_controller=controller,
        jwk=key.jwk,
    )


def _did_jwk_value(value: str) -> object:
    try:
        if not _BASE64URL.fullmatch(value):
            raise ValueError("not base64url")
        return load_json(base64url_decode(value))
    except (ValueError, JsonInputError) as error:
        raise KeyProblemError(
            f"the did:jwk identifier is not the base64url of a JSON Web Key ({error})",
            code="JWK_MALFORMED",
        ) from error


def _published(
    document: Any, method: str, controller: str, method_id: str, url: str
) -> PublishedKey:
    """The key ``method_id`` as the document at ``url`` publishes it, authorised for issuing."""
    document = _controller_document(document, controller, url)
    vm = _listed_key(document, method_id, url)
    key_type, public_key, jwk = _key_material(vm)
    if not isinstance(vm.get("controller"), str):
        raise KeyProblemError(
            f"the key {method_id} does not name its controller", code="VM_CONTROLLER_MISSING"
        )
    return PublishedKey(
        id=method_id,
        method=method,
        controller=controller,
        key_type=key_type,
        public_key=public_key,
        document_url=url,
        dates={k: vm[k] for k in _rules()["keyDates"] if k in vm},
        warnings=_assertion(document, controller, method_id),
        listed_controller=vm["controller"],
        jwk=jwk,
    )


def _controller_document(document: Any, controller: str, url: str) -> dict[str, Any]:
    """``document`` as the document of ``controller``; KeyProblemError when it is not."""
    if not isinstance(document, dict):
        raise KeyProblemError(
            f"the key document at {url} is not a JSON object", code="KEY_DOCUMENT_MALFORMED"
        )
    if document.get("id") != controller:
        raise KeyProblemError(
            f"the document at {url} is not the document of {controller}",
            code="KEY_DOCUMENT_ID_MISMATCH",
        )
    return document


def _listed_key(document: dict[str, Any], method_id: str, url: str) -> dict[str, Any]:
    """The one entry of ``document`` that is the key ``method_id``: in ``verificationMethod``
    or embedded in ``assertionMethod``; listed in both, the two must be the same."""
    listed = [m for m in _as_list(document.get("verificationMethod")) if isinstance(m, dict)]
    embedded = [m for m in _as_list(document.get("assertionMethod")) if isinstance(m, dict)]
    found = [[m for m in entries if m.get("id") == method_id] for entries in (listed, embedded)]
    fragment = method_id.partition("#")[2]
    if not any(found):
        if any(m.get("id") == f"#{fragment}" for m in listed + embedded):
            raise KeyProblemError(
                f"the document at {url} lists the key as '#{fragment}'; key ids must be absolute",
                code="VM_RELATIVE_ID",
            )
        raise KeyProblemError(
            f"the document at {url} does not list the key {method_id}", code="VM_NOT_FOUND"
        )
    if any(len(f) > 1 for f in found) or (all(found) and not _same_json(found[0][0], found[1][0])):
        raise KeyProblemError(
            f"the document at {url} lists the key {method_id} more than once",
            code="VM_DUPLICATE",
        )
    return (found[0] or found[1])[0]


def _key_material(
    vm: dict[str, Any],
) -> tuple[str, cryptosuites.PublicKey | None, dict[str, Any] | None]:
    """(key type, suite key or None, JWK or None) of a verification method, by its type."""
    types = _rules()["methodTypes"]
    kind = vm.get("type")
    if not isinstance(kind, str) or kind not in types:
        raise KeyProblemError(
            f"the key's type is {kind!r}, not {' or '.join(types)}", code="VM_TYPE"
        )
    value = vm.get(types[kind]["property"])
    if types[kind]["property"] == "publicKeyJwk":
        key = _jwk(value)
        return key.key_type, key.public_key, key.jwk
    public_key = _multikey(value)
    allowed = types[kind].get("keyTypes")
    if allowed and public_key.key_type.name not in allowed:
        raise KeyProblemError(
            f"an {kind} holds {' or '.join(allowed)} keys, not {public_key.key_type.name}",
            code="VM_TYPE",
        )
    return public_key.key_type.name, public_key, None


def _assertion(document: dict[str, Any], controller: str, method_id: str) -> tuple[str, ...]:
    """The notes on the key's authorisation for issuing; KeyProblemError when it has none."""
    listed = _as_list(document.get("assertionMethod"))
    if any(r == method_id or (isinstance(r, dict) and r.get("id") == method_id) for r in listed):
        return ()
    # method_id is controller + "#fragment", so a string r with controller + r == method_id
    # is that "#fragment"
    if any(isinstance(r, str) and controller + r == method_id for r in listed):
        return ("ASSERTION_RELATIVE",)
    raise KeyProblemError(
        "the issuer has not listed the key for issuing credentials (assertionMethod)",
        code="VM_NOT_ASSERTION",
    )


def _multikey(value: object) -> cryptosuites.PublicKey:
    if not isinstance(value, str) or not value:
        raise KeyProblemError("the key's publicKeyMultibase is missing", code="MULTIKEY_MISSING")
    try:
        return cryptosuites.decode_public_key(value)
    except ValueError as error:
        accepted = cryptosuites.describe_key_types()
        raise KeyProblemError(
            f"the published key is not {accepted} Multikey ({error})", code="MULTIKEY"
        ) from error


def _jwk(value: object) -> JwkKey:
    try:
        return read_jwk(value)
    except JwkError as error:
        raise KeyProblemError(str(error), code=error.code) from error


def _same_json(a: Any, b: Any) -> bool:
    """Equal as JSON values, as the browser compares them: true is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_json(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@cache
def _rules() -> dict[str, Any]:
    keys: dict[str, Any] = rulebook.section("keys")
    return keys


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The rulebook's patterns, compiled as the browser reads them (whole string, ASCII)."""
    did_web = _rules()["didWeb"]
    sources = {
        "authority": did_web["authorityPattern"],
        "host": did_web["hostPattern"],
        "ipv4": did_web["ipv4Pattern"],
        "segment": did_web["segmentPattern"],
        "https": _rules()["httpsPattern"],
    }
    return {name: re.compile(source, re.ASCII) for name, source in sources.items()}
