"""Finding the public key behind a proof's verificationMethod, and whether its controller
authorises it for issuing (assertionMethod).

Supported: did:key (the key is in the identifier), did:web (its DID document over HTTPS at an
address the DID names) and https controller documents (W3C Controlled Identifiers 1.0; a key id
``https://…#key`` is read from its address, whose ``id`` must be that address, as in 1EdTech's
fixtures). The rules are the browser verifier's (``browser/src/verifier/key-resolution.js``),
so that both refuse the same identifiers: a did:web of an IP address or a malformed host, an
https key id that is not in normal form or has no ``#fragment``, a key listed twice.

A key is never taken from an identifier's fragment alone: only the issuer's published document
ties a key to the issuer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from credsite.base.errors import VerificationError
from credsite.standards import cryptosuites
from credsite.standards.reports import Fetcher, FetchError

_HOST = re.compile(
    r"(?=.{1,253}\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
    re.ASCII,
)
_IPV4 = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}")
_PATH_SEGMENT = re.compile(r"(?:[A-Za-z0-9._~!$&'()*+,;=@-]|%[0-9A-Fa-f]{2})+")
_AUTHORITY = re.compile(r"([^:]*)(?::([0-9]{1,5}))?")
# An https address as a WHATWG URL parser writes it back unchanged: lower-case host, no default
# port, a path, and no character it would percent-encode or rewrite.
_NORMAL_HTTPS = re.compile(
    r"https://(?P<host>[a-z0-9_.-]+)(?::(?P<port>0|[1-9][0-9]{0,4}))?"
    r"(?P<path>/[!$%&'()*+,\-./0-9:;=@A-Z\[\]^_a-z|~]*)(?:\?[!$%&()*+,\-./0-9:;=?@A-Z\[\]^_`a-z{|}~]*)?",
    re.ASCII,
)
_SPACE = re.compile(r"\s")


class KeyProblemError(Exception):
    """The verificationMethod does not lead to a usable key. ``retryable``: the document could
    not be fetched, so the answer is "could not check", not "not the issuer's key"."""

    def __init__(self, message: str, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class ResolvedKey:
    """A key its controller publishes for issuing, with the key's own dates (``revoked``,
    ``expires``) as its document writes them, and the notes a reader should see.

    ``controller`` is the id of the document the key was read from (the DID, or the https
    document's address): only that document's owner can publish it. ``listed_controller`` is
    the ``controller`` the key's entry writes; anyone can write any name there, so a key whose
    entry names another controller is refused by the key-controller check."""

    id: str
    method: str  # did:key, did:web or https
    controller: str
    public_key: cryptosuites.PublicKey
    document_url: str | None
    dates: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    listed_controller: str | None = None

    @property
    def controller_mismatch(self) -> bool:
        """The key's entry names a controller other than the document it was published in."""
        return self.listed_controller is not None and self.listed_controller != self.controller


def did_web_url(did: str) -> str:
    """The address of a did:web DID document (did:web method, "Read"): ``did:web:host`` is
    ``https://host/.well-known/did.json``, ``did:web:host:a:b`` is ``https://host/a/b/did.json``,
    with a percent-encoded port (``host%3A8443``). VerificationError for a DID that does not
    name a domain (an IP address, a malformed host) or a path segment that is not allowed."""
    if not did.startswith("did:web:"):
        raise VerificationError(f"'{did}' is not a did:web identifier")
    segments = did.removeprefix("did:web:").split(":")
    authority = re.sub("%3a", ":", segments[0], flags=re.IGNORECASE)
    found = _AUTHORITY.fullmatch(authority)
    if (
        found is None
        or not _HOST.fullmatch(found.group(1))
        or _IPV4.fullmatch(found.group(1))
        or (found.group(2) is not None and int(found.group(2)) > 65535)
    ):
        raise VerificationError(f"the did:web host of '{did}' is not a valid domain name")
    for segment in segments[1:]:
        if not _PATH_SEGMENT.fullmatch(segment) or segment in (".", ".."):
            raise VerificationError(f"the did:web path segment {segment!r} is not allowed")
    base = f"https://{authority}"
    return (
        f"{base}/{'/'.join(segments[1:])}/did.json"
        if segments[1:]
        else f"{base}/.well-known/did.json"
    )


def resolve_key(method_id: object, fetch: Fetcher) -> ResolvedKey:
    """The key a proof's verificationMethod names, authorised by its controller for issuing;
    KeyProblemError saying why not."""
    method, controller, fragment = _parse(method_id)
    assert isinstance(method_id, str)
    if method == "did:key":
        return _did_key(method_id, controller, fragment)
    if fragment is None:
        raise KeyProblemError(
            f"the verificationMethod must name a key with a #fragment ({method_id})"
        )
    try:
        url = did_web_url(controller) if method == "did:web" else controller
    except VerificationError as error:
        raise KeyProblemError(str(error)) from error
    try:
        document = fetch(url)
    except FetchError as error:
        raise KeyProblemError(str(error), retryable=True) from error
    vm = _listed_key(document, controller, method_id, url)
    warnings = _assertion(document, controller, method_id)
    return ResolvedKey(
        method_id,
        method,
        controller,
        _public_key(vm.get("publicKeyMultibase")),
        url,
        {k: vm[k] for k in ("revoked", "expires") if k in vm},
        warnings,
        vm["controller"],
    )


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
        for prefix in ("did:key", "did:web"):
            if controller.startswith(prefix + ":"):
                return prefix, controller, found
        kind = ":".join(controller.split(":")[:2])
        raise KeyProblemError(f"the DID method {kind} is not supported (only did:web and did:key)")
    if controller.startswith("https://"):
        if not _is_normal_https(controller):
            raise KeyProblemError(
                f"the verificationMethod is not an address in normal form ({method_id})"
            )
        return "https", controller, found
    scheme = controller.split(":")[0]
    raise KeyProblemError(
        f"keys named by '{scheme}:' identifiers are not supported "
        "(did:web, did:key and https controller documents are)"
    )


def _is_normal_https(url: str) -> bool:
    found = _NORMAL_HTTPS.fullmatch(url)
    if found is None or found.group("port") == "443":
        return False
    if found.group("port") is not None and int(found.group("port")) > 65535:
        return False
    host = found.group("host")
    labels = host.split(".")
    if not host or "" in labels[:-1] or (labels[-1].isdigit() and not _canonical_ipv4(host)):
        return False
    segments = urlsplit(url).path.split("/")
    return not any(s.lower() in (".", "..", "%2e", "%2e%2e", ".%2e", "%2e.") for s in segments)


def _canonical_ipv4(host: str) -> bool:
    parts = host.split(".")
    return len(parts) == 4 and all(p == str(int(p)) and int(p) <= 255 for p in parts)


def _did_key(method_id: str, controller: str, fragment: str | None) -> ResolvedKey:
    value = controller.removeprefix("did:key:")
    warnings: tuple[str, ...] = ()
    if fragment is None:
        # did:key gives its one key the id did:key:X#X. A bare did:key (the Bitstring Status
        # List examples) names the DID, not the key: its only key is used, and the report says so.
        warnings = ("VM_IS_DID",)
    elif fragment != value:
        raise KeyProblemError(f"a did:key fragment must repeat the key ({method_id})")
    return ResolvedKey(
        f"{controller}#{value}", "did:key", controller, _public_key(value), None, {}, warnings
    )


def _listed_key(document: Any, controller: str, method_id: str, url: str) -> dict[str, Any]:
    """The one entry of ``document`` that is the key ``method_id``, of a type a registered
    suite reads, with a controller."""
    if not isinstance(document, dict):
        raise KeyProblemError(f"the key document at {url} is not a JSON object")
    if document.get("id") != controller:
        raise KeyProblemError(f"the document at {url} is not the document of {controller}")
    methods = [m for m in _as_list(document.get("verificationMethod")) if isinstance(m, dict)]
    found = [m for m in methods if m.get("id") == method_id]
    fragment = method_id.partition("#")[2]
    if not found and any(m.get("id") == f"#{fragment}" for m in methods):
        raise KeyProblemError(
            f"the document at {url} lists the key as '#{fragment}'; key ids must be absolute"
        )
    if not found:
        raise KeyProblemError(f"the document at {url} does not list the key {method_id}")
    if len(found) > 1:
        raise KeyProblemError(f"the document at {url} lists the key {method_id} more than once")
    vm = found[0]
    if vm.get("type") not in cryptosuites.method_types():
        expected = " or ".join(cryptosuites.method_types())
        raise KeyProblemError(f"the key's type is {vm.get('type')!r}, not {expected}")
    _public_key(vm.get("publicKeyMultibase"))
    if not isinstance(vm.get("controller"), str):
        raise KeyProblemError(f"the key {method_id} does not name its controller")
    return vm


def _assertion(document: dict[str, Any], controller: str, method_id: str) -> tuple[str, ...]:
    """The notes on the key's authorisation for issuing; KeyProblemError when it has none."""
    listed = _as_list(document.get("assertionMethod"))
    if method_id in listed:
        return ()
    if any(
        isinstance(r, str) and r.startswith("#") and controller + r == method_id for r in listed
    ):
        return ("ASSERTION_RELATIVE",)
    raise KeyProblemError(
        "the issuer has not listed the key for issuing credentials (assertionMethod)"
    )


def _public_key(value: object) -> cryptosuites.PublicKey:
    if not isinstance(value, str) or not value:
        raise KeyProblemError("the key's publicKeyMultibase is missing")
    try:
        return cryptosuites.decode_public_key(value)
    except ValueError as error:
        accepted = cryptosuites.describe_key_types()
        raise KeyProblemError(f"the published key is not {accepted} Multikey ({error})") from error


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
