"""Verifying a credential the way a careful verifier would, and saying what could not be checked.

Used by ``python build.py verify`` and by the build (which checks every issued credential).
Every check ends ``passed``, ``failed``, ``warning`` or ``not-checked``; a check that could not
be done is never reported as passed. The verdict follows a fixed precedence: a credential that is
not authentic is ``invalid`` whatever else is true; then ``error`` (the key could not be
fetched, so authenticity is unknown); then the facts about a genuine credential: ``revoked``,
``suspended``, ``expired``, ``not-yet-valid``; then ``status-unknown`` (genuine and in date, but
its status list could not be read); else ``verified``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import jsonschema_rs

from credsite.base.credential_limits import document_problem
from credsite.base.errors import CanonicalizationError, VerificationError
from credsite.standards import cryptosuites
from credsite.standards.jsonld import SharedSubtree
from credsite.standards.proofs import verify as verify_proof
from credsite.standards.signedview import hidden_properties, proof_properties, signed_view
from credsite.standards.statuslist import (
    Bitstring,
    list_shape_problem,
    list_validity_problem,
    parse_index,
)
from credsite.standards.timestamps import parse_timestamp

OB_CONTEXT = re.compile(r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$")
VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "schemas"
STATES = (
    "verified",
    "revoked",
    "suspended",
    "expired",
    "not-yet-valid",
    "invalid",
    "status-unknown",
    "error",
)
# Ed25519 public keys of small order: a signature check against them proves nothing.
SMALL_ORDER_KEYS = {
    bytes.fromhex(h)
    for h in (
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    )
}


class FetchError(Exception):
    """A document could not be fetched or read; the check that needed it is 'not-checked'.

    ``missing`` says the publisher answered that there is no such document (HTTP 404 or 410,
    or a file absent from a local build), as opposed to a failure to find out (network,
    server error, unreadable content)."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


class Fetcher(Protocol):
    def __call__(self, url: str) -> Any: ...


@dataclass(frozen=True)
class Check:
    id: str
    outcome: str  # passed, failed, warning, not-checked
    message: str
    detail: str = ""


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    issuer: str | None = None
    verification_method: str | None = None

    def add(self, check_id: str, outcome: str, message: str, detail: str = "") -> None:
        self.checks.append(Check(check_id, outcome, message, detail))

    def outcome(self, check_id: str) -> str | None:
        return next((c.outcome for c in self.checks if c.id == check_id), None)

    @property
    def state(self) -> str:
        outcomes = {c.id: c.outcome for c in self.checks}
        if any(
            outcomes.get(i) == "failed"
            for i in ("structure", "schema", "key", "proof", "key-status", "signed-data")
        ):
            return "invalid"
        if outcomes.get("proof") != "passed":
            return "error"
        for check_id, state in (
            ("revocation", "revoked"),
            ("suspension", "suspended"),
            ("expiry", "expired"),
            ("start", "not-yet-valid"),
        ):
            if outcomes.get(check_id) == "failed":
                return state
        if any(outcomes.get(i) == "not-checked" for i in ("revocation", "suspension")):
            return "status-unknown"
        return "verified"

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "issuer": self.issuer,
            "verificationMethod": self.verification_method,
            "checks": [c.__dict__ for c in self.checks],
        }


# -- key resolution --------------------------------------------------------------------------


def did_web_url(did: str) -> str:
    """did:web method: host (with a percent-encoded port) and ':'-separated path segments."""
    parts = did.removeprefix("did:web:").split(":")
    host = parts[0].replace("%3A", ":").replace("%3a", ":")
    if not host or "/" in host:
        raise FetchError(f"'{did}' is not a valid did:web identifier")
    path = "/".join(parts[1:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def did_key_document(did: str) -> dict[str, Any]:
    """did:key: the key is the identifier itself (z6Mk... for Ed25519)."""
    value = did.removeprefix("did:key:").split("#")[0]
    cryptosuites.decode_public_key(value)  # ValueError for a key no registered suite accepts
    method = f"did:key:{value}#{value}"
    return {
        "id": f"did:key:{value}",
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": f"did:key:{value}",
                "publicKeyMultibase": value,
            }
        ],
        "assertionMethod": [method],
    }


def resolve_method(method_id: str, fetch: Fetcher) -> tuple[dict[str, Any], dict[str, Any]]:
    """(DID document, verification method) for a verificationMethod id."""
    did = method_id.split("#")[0]
    if did.startswith("did:key:"):
        try:
            document = did_key_document(did)
        except ValueError as error:
            accepted = cryptosuites.describe_key_types()
            raise VerificationError(f"'{did}' is not {accepted} did:key ({error})") from error
    elif did.startswith(("did:web:", "https://")):
        # A did:web names where its document is; an https key id is its controller document's
        # own address (VC Controller Documents), as the browser verifier reads it.
        url = did_web_url(did) if did.startswith("did:web:") else did
        document = fetch(url)
        if not isinstance(document, dict) or document.get("id") != did:
            raise VerificationError(f"the document at {url} is not the document of {did}")
    else:
        raise VerificationError(
            f"unsupported key identifier '{method_id}' "
            "(did:web, did:key and https controller documents are supported)"
        )
    methods = document.get("verificationMethod") or []
    method = next((m for m in methods if isinstance(m, dict) and m.get("id") == method_id), None)
    if method is None:
        raise VerificationError(f"the issuer's DID document has no key '{method_id}'")
    return document, method


# -- the checks ------------------------------------------------------------------------------


def verify_credential(
    document: Any,
    fetch: Fetcher,
    now: datetime,
    *,
    check_status: bool = True,
    shared: SharedSubtree | None = None,
) -> Report:
    """Every check a verifier makes, in order. The build passes ``check_status=False`` (it
    checks the lists once, not once per credential) and a ``shared`` expansion cache for the
    Achievement and issuer that a site's credentials have in common."""
    report = Report()
    beyond = document_problem(
        document
    )  # before any expensive work (credsite.base.credential_limits)
    if beyond:
        report.add("structure", "failed", f"The credential is too large to check: {beyond}.")
        return report
    if not _structure(document, report):
        return report
    _schema(document, report)
    issuer = (
        document["issuer"]["id"] if isinstance(document["issuer"], dict) else document["issuer"]
    )
    report.issuer = issuer
    proof = _single_proof(document, report)
    if proof is None or not _proof_fields(proof, now, report):
        return report
    key = _key(proof, issuer, fetch, report)
    if key is not None:
        public_key, method = key
        _proof(document, proof, public_key, report, shared)
        _key_status(method, proof, report)
    if report.outcome("proof") == "passed":
        # From here on every fact comes from what the signature means, not the JSON as written.
        view = _signed_data(document, issuer, report, shared)
        if view is None:
            return report
        document = view
    _validity(document, now, report)
    if check_status and report.outcome("proof") == "passed":
        _status(document, issuer, fetch, now, report)
    return report


def _signed_data(
    document: dict[str, Any], issuer: str, report: Report, shared: SharedSubtree | None = None
) -> dict[str, Any] | None:
    """The signed view of a credential whose proof verified (see credsite.standards.signedview), after
    the shape rules again and one more: it names the issuer whose key was checked."""
    try:
        view = signed_view(document, shared)
    except CanonicalizationError as error:
        report.add(
            "signed-data",
            "failed",
            "The credential's data does not say plainly what its signature covers.",
            str(error),
        )
        return None
    shape = Report()
    # The view's @context is the one it was compacted under (the document's), which JSON-LD
    # writes as a string when it holds one URL: the shape rules read the document's own.
    if not _structure(
        {**view, "@context": document["@context"], "proof": document["proof"]}, shape
    ):
        report.add("signed-data", "failed", shape.checks[0].message)
        return None
    hidden = hidden_properties(document, view)
    if hidden:
        report.add(
            "signed-data",
            "failed",
            "The credential writes what its verdict depends on in a form its data does not "
            f"show plainly ({', '.join(hidden)}): verifiers that read it as JSON would miss it.",
        )
        return None
    if _issuer_id(view) != issuer:
        report.add(
            "signed-data",
            "failed",
            "The issuer in the credential's data is not the issuer its signature covers.",
        )
        return None
    report.add(
        "signed-data",
        "passed",
        "Every date, status and field was read from what the signature covers.",
    )
    return view


def _issuer_id(document: dict[str, Any]) -> Any:
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _structure(document: Any, report: Report) -> bool:
    if not isinstance(document, dict):
        report.add("structure", "failed", "This is not a credential: it is not a JSON object.")
        return False
    problems = []
    context = document.get("@context")
    if not isinstance(context, list) or not context or context[0] != VC2_CONTEXT:
        problems.append(f"its first @context must be {VC2_CONTEXT}")
    types = _types(document)
    if "VerifiableCredential" not in types:
        problems.append("its type must include VerifiableCredential")
    is_badge = {"OpenBadgeCredential", "AchievementCredential"} & set(types)
    if is_badge and (
        not isinstance(context, list) or len(context) < 2 or not OB_CONTEXT.match(str(context[1]))
    ):
        problems.append("an Open Badges credential must name the OB 3.0 context second")
    issuer = document.get("issuer")
    if not (
        isinstance(issuer, str) or (isinstance(issuer, dict) and isinstance(issuer.get("id"), str))
    ):
        problems.append("it names no issuer")
    if not isinstance(document.get("credentialSubject"), dict):
        problems.append("it has no credentialSubject")
    if "proof" not in document:
        problems.append("it carries no proof (it is not signed)")
    if problems:
        report.add(
            "structure", "failed", "The credential is not well formed: " + "; ".join(problems) + "."
        )
        return False
    kind = "an Open Badges 3.0 credential" if is_badge else "a W3C Verifiable Credential"
    report.add("structure", "passed", f"The file is {kind} (W3C Verifiable Credentials 2.0).")
    return True


@cache
def _validators() -> tuple[jsonschema_rs.Draft201909Validator, jsonschema_rs.Draft201909Validator]:
    """The OB 3.0 schema and its strict 2024 variant, compiled once (jsonschema-rs: a build
    checks every issued credential, and the pure-Python validator took 9 ms for each)."""
    load = lambda name: json.loads((SCHEMAS / name).read_text(encoding="utf-8"))  # noqa: E731
    current = load("ob_v3p0_achievementcredential_schema.json")
    strict = load("variants/ob_v3p0_achievementcredential_schema.strict-2024-09.json")
    return jsonschema_rs.Draft201909Validator(current), jsonschema_rs.Draft201909Validator(strict)


def schema_errors(document: Any, strict: bool = False) -> list[str]:
    validator = _validators()[1 if strict else 0]
    return sorted(
        f"{'/'.join(map(str, e.instance_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(document)
    )


def _types(document: dict[str, Any]) -> list[str]:
    """The ``type`` values that are text: anything else in ``type`` (an object, a list) is for
    the schema and the canonicalization to refuse, never a crash here."""
    value = document.get("type")
    values = value if isinstance(value, list) else [value]
    return [item for item in values if isinstance(item, str)]


def _schema(document: dict[str, Any], report: Report) -> None:
    types = _types(document)
    if not {"OpenBadgeCredential", "AchievementCredential"} & set(types):
        report.add(
            "schema",
            "not-checked",
            "Not an Open Badges credential, so the Open Badges schema does not apply.",
        )
        return
    errors = schema_errors(document)
    if errors:
        report.add(
            "schema",
            "failed",
            "The credential does not follow the Open Badges 3.0 schema.",
            "; ".join(errors[:5]),
        )
        return
    strict = schema_errors(document, strict=True)
    if strict:
        report.add(
            "schema",
            "warning",
            "The credential follows the Open Badges 3.0 schema, but not its stricter 2024 version.",
            "; ".join(strict[:5]),
        )
    else:
        report.add("schema", "passed", "The credential follows the Open Badges 3.0 schema.")


def _single_proof(document: dict[str, Any], report: Report) -> dict[str, Any] | None:
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    if not isinstance(proof, dict):
        report.add("proof", "failed", "The credential must carry exactly one signature (proof).")
        return None
    return proof


def _proof_fields(proof: dict[str, Any], now: datetime, report: Report) -> bool:
    """The proof is read as JSON: it may hold only the fields a proof has (a field under another
    spelling, such as the full IRI of ``expires``, would hide what it says while the signature
    still verifies), and it must not have expired."""
    unknown = sorted(str(key) for key in proof if key not in proof_properties())
    if unknown:
        report.add(
            "proof",
            "failed",
            "The signature carries fields a signature of this kind does not have "
            f"({', '.join(unknown)}); they could hide when it stops being valid.",
        )
        return False
    if "expires" in proof:
        try:
            expires = parse_timestamp(str(proof["expires"]))
        except ValueError:
            report.add("proof", "failed", "The signature's end date (expires) is not a date.")
            return False
        if expires <= now:
            report.add(
                "proof",
                "failed",
                f"The signature itself stopped being valid on {proof['expires']}.",
            )
            return False
    return True


def _key(
    proof: dict[str, Any], issuer: str, fetch: Fetcher, report: Report
) -> tuple[cryptosuites.PublicKey, dict[str, Any]] | None:
    method_id = proof.get("verificationMethod")
    if not isinstance(method_id, str):
        report.add("key", "failed", "The signature does not say which key made it.")
        return None
    report.verification_method = method_id
    try:
        document, method = resolve_method(method_id, fetch)
    except FetchError as error:
        report.add(
            "key",
            "not-checked",
            "The issuer's public key could not be fetched, so the signature could not be checked.",
            str(error),
        )
        return None
    except VerificationError as error:
        report.add(
            "key",
            "failed",
            "The key that signed the credential is not a published key of the issuer.",
            str(error),
        )
        return None
    problems = []
    if method.get("type") not in cryptosuites.method_types():
        expected = " or ".join(cryptosuites.method_types())
        problems.append(f"the key's type is {method.get('type')!r}, not {expected}")
    if method.get("controller") != issuer:
        problems.append(
            f"the key is controlled by {method.get('controller')!r}, not by the issuer {issuer!r}"
        )
    assertion = document.get("assertionMethod") or []
    if (
        method_id not in assertion
        and method_id.replace(document.get("id", ""), "") not in assertion
    ):
        problems.append(
            "the issuer has not listed the key for issuing credentials (assertionMethod)"
        )
    public_key = None
    try:
        public_key = cryptosuites.decode_public_key(str(method.get("publicKeyMultibase", "")))
    except ValueError as error:
        accepted = cryptosuites.describe_key_types()
        problems.append(f"the published key is not {accepted} Multikey ({error})")
    if public_key is not None and public_key.raw in SMALL_ORDER_KEYS:
        problems.append("the published key is a weak (small-order) Ed25519 key")
    if problems:
        report.add(
            "key",
            "failed",
            "The signing key does not belong to the issuer: " + "; ".join(problems) + ".",
        )
        return None
    report.add(
        "key", "passed", f"The credential was signed with a key the issuer publishes ({method_id})."
    )
    return public_key, method


def _proof(
    document: dict[str, Any],
    proof: dict[str, Any],
    public_key: cryptosuites.PublicKey,
    report: Report,
    shared: SharedSubtree | None = None,
) -> None:
    signed = {**document, "proof": proof}
    result = verify_proof(signed, public_key, shared)
    if result:
        report.add(
            "proof",
            "passed",
            "The signature is valid: nothing in the credential was changed after it was signed.",
        )
    else:
        report.add(
            "proof",
            "failed",
            "The signature is not valid: the credential was changed, or not signed by this key.",
            result.reason,
        )


def _key_status(method: dict[str, Any], proof: dict[str, Any], report: Report) -> None:
    """A key marked ``revoked`` (compromised) or ``expires`` no longer vouches for proofs made at
    or after that moment; a proof without ``created`` cannot show it came before."""
    created_text = proof.get("created")
    for key, what in (("revoked", "was marked compromised"), ("expires", "expired")):
        if key not in method:
            continue
        try:
            limit = parse_timestamp(str(method[key]))
            created = parse_timestamp(str(created_text)) if created_text else None
        except ValueError:
            report.add(
                "key-status",
                "failed",
                f"The issuer's key {what}, and the moment of signing cannot be compared with it.",
            )
            return
        if created is None or created >= limit:
            report.add(
                "key-status",
                "failed",
                f"The issuer's key {what} on {method[key]}; this credential was signed {('on ' + created_text) if created else 'at an unknown moment'}, so the signature no longer counts.",
            )
            return
        report.add(
            "key-status",
            "warning",
            f"The issuer's key {what} on {method[key]}, after this credential was signed on {created_text}.",
        )
        return
    report.add("key-status", "passed", "The signing key is in good standing.")


def _validity(document: dict[str, Any], now: datetime, report: Report) -> None:
    for key, check_id in (("validFrom", "start"), ("validUntil", "expiry")):
        if key not in document:
            if key == "validUntil":
                report.add(
                    "expiry", "passed", "The credential has no end date: it is valid indefinitely."
                )
            else:
                report.add(
                    "start", "warning", "The credential names no start of validity (validFrom)."
                )
            continue
        try:
            moment = parse_timestamp(str(document[key]))
        except ValueError:
            report.add(check_id, "failed", f"The credential's {key} is not a valid date and time.")
            continue
        if key == "validFrom" and moment > now:
            report.add(
                "start",
                "failed",
                f"The credential is not valid yet: it is valid from {document[key]}.",
            )
        elif key == "validUntil" and moment < now:
            report.add("expiry", "failed", f"The credential expired on {document[key]}.")
        elif key == "validFrom":
            report.add("start", "passed", f"The credential is valid from {document[key]}.")
        else:
            report.add("expiry", "passed", f"The credential is valid until {document[key]}.")


def _status(
    document: dict[str, Any], issuer: str, fetch: Fetcher, now: datetime, report: Report
) -> None:
    entries = document.get("credentialStatus")
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    if not entries:
        report.add(
            "revocation",
            "warning",
            "The issuer publishes no revocation status for this credential, so it cannot be revoked.",
        )
        return
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            report.add(
                "revocation",
                "not-checked",
                "The credential uses a status method this verifier does not know.",
            )
            continue
        purpose = entry.get("statusPurpose")
        if purpose not in ("revocation", "suspension"):
            report.add("status", "warning", f"A status of purpose {purpose!r} is not checked.")
            continue
        _status_entry(entry, purpose, issuer, fetch, now, report)
        url = str(entry.get("statusListCredential", ""))
        if purpose == "revocation" and "/status/revocation-" in url and len(entries) == 1:
            companion = {
                **entry,
                "statusPurpose": "suspension",
                "statusListCredential": url.replace("/status/revocation-", "/status/suspension-"),
            }
            _status_entry(companion, "suspension", issuer, fetch, now, report, optional=True)


def _status_entry(
    entry: dict[str, Any],
    purpose: str,
    issuer: str,
    fetch: Fetcher,
    now: datetime,
    report: Report,
    optional: bool = False,
) -> None:
    url = entry.get("statusListCredential")
    names = {"revocation": ("revoked", "revocation"), "suspension": ("suspended", "suspension")}[
        purpose
    ]
    try:
        index = parse_index(entry.get("statusListIndex"))
        status_list = fetch(str(url))
    except FetchError as error:
        if optional and error.missing:
            report.add(
                purpose,
                "passed",
                "The issuer publishes no suspension list for this credential, so it is not suspended.",
                str(error),
            )
        else:  # a list that exists but could not be read says nothing either way
            report.add(
                purpose,
                "not-checked",
                f"The {names[1]} list could not be fetched, so it is unknown whether the credential was {names[0]}.",
                str(error),
            )
        return
    except (ValueError, VerificationError) as error:
        report.add(
            purpose, "not-checked", f"The credential's {names[1]} entry is malformed.", str(error)
        )
        return
    problem = status_list_problem(status_list, purpose, issuer, fetch, str(url))
    if problem:
        report.add(
            purpose,
            "not-checked",
            f"The {names[1]} list could not be trusted, so it is unknown whether the credential was {names[0]}.",
            problem,
        )
        return
    outdated = list_validity_problem(status_list, now)
    if outdated:  # an old list, signed before a later change, must not count as current
        report.add(
            purpose,
            "not-checked",
            f"The {names[1]} list is not valid at this moment, so it is unknown whether the credential was {names[0]}.",
            outdated,
        )
        return
    try:
        size = int(entry.get("statusSize", 1))
        bits = Bitstring.decode(status_list["credentialSubject"]["encodedList"], size)
        value = bits.get(index)
    except (VerificationError, ValueError, KeyError, TypeError) as error:
        report.add(purpose, "not-checked", f"The {names[1]} list could not be read.", str(error))
        return
    if value:
        report.add(purpose, "failed", f"The issuer has {names[0]} this credential.")
    else:
        report.add(
            purpose,
            "passed",
            f"The issuer has not {names[0]} this credential (checked against its signed {names[1]} list).",
        )


def status_list_problem(
    status_list: Any, purpose: str, issuer: str, fetch: Fetcher, url: str
) -> str | None:
    """Why the list fetched from ``url`` cannot be believed for ``issuer``'s credentials, or
    None: it must be that list (a signed list of another number or site says nothing about
    this one), of the right purpose, issued and validly signed by the issuer, and in the plain
    shape whose JSON keys mean what they say (``list_shape_problem``)."""
    if not isinstance(status_list, dict) or "BitstringStatusListCredential" not in (
        status_list.get("type") or []
    ):
        return "it is not a BitstringStatusListCredential"
    shape = list_shape_problem(status_list)
    if shape:
        return shape
    if "id" in status_list and status_list["id"] != url:
        return f"it is the list {status_list['id']!r}, not {url}"
    subject = status_list.get("credentialSubject")
    if not isinstance(subject, dict) or subject.get("statusPurpose") != purpose:
        return f"it is not a list of purpose {purpose}"
    list_issuer = status_list.get("issuer")
    list_issuer = list_issuer.get("id") if isinstance(list_issuer, dict) else list_issuer
    if list_issuer != issuer:
        return f"it was issued by {list_issuer!r}, not by the credential's issuer"
    inner = Report()
    proof = _single_proof(status_list, inner)
    key = _key(proof, issuer, fetch, inner) if proof else None
    if key is None:
        return "its signing key could not be confirmed: " + "; ".join(
            c.message for c in inner.checks
        )
    _proof(status_list, proof, key[0], inner)
    if inner.outcome("proof") != "passed":
        return "its signature is not valid"
    _key_status(key[1], proof, inner)
    if inner.outcome("key-status") == "failed":
        return "it was signed after its key was marked compromised"
    return None


# -- fetching --------------------------------------------------------------------------------


def mapping_fetcher(
    documents: Mapping[str, Any], fallback: Callable[[str], Any] | None = None
) -> Fetcher:
    """Documents known in advance (the build's own DID document and lists), then ``fallback``."""

    def fetch(url: str) -> Any:
        if url in documents:
            return documents[url]
        if fallback is not None:
            return fallback(url)
        raise FetchError(f"{url} is not available", missing=True)

    return fetch
