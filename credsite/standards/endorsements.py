"""The endorsements embedded in a credential (Open Badges 3.0 §B.1.x), each verified on its own.

An Open Badges credential may carry ``endorsement``s: EndorsementCredentials, each signed by
its endorser, on the credential itself, on its issuer's Profile and on its Achievement (and
``endorsementJwt``: the same as compact JWS strings). A reader wants to know who endorses and
whether that is true, so each one is verified with the full verifier, under the same fetcher and
moment, and reported beside the credential's own verdict, which it never changes.

What is shown, and why:

- Only the endorsements of an AUTHENTIC credential, read from its signed view (what the
  issuer's signature means): a holder cannot add one without breaking that signature, and the
  page never lends a credential that is not authentic the standing of an endorsement.
- The JSON of each endorsement is verified as written in the credential, so that its own proof
  meets the bytes its endorser signed (a JCS proof signs the JSON, not its meaning; the view
  compacts under the outer credential's contexts). The view says which endorsements there are;
  the JSON at the same place stands for them when it lists the same ones (same number, same
  ids); otherwise (the JSON spells the property another way) the view's own entry is verified,
  under the credential's contexts: the meaning the issuer signed.
- Depth 1: an endorsement's own endorsements are not followed. At most ``maxEndorsements``
  (credsite/data/limits.json) are verified; the rest are reported as not checked.
- An endorsement whose subject is not the thing it is attached to is reported with its state
  and the note that it is not about it (``about``).
- The endorser's name is shown only when the endorsement is authentic and signed by a key tied
  to its endorser (key-controller passed): a name nobody's key vouches for is not a name to put
  beside "endorsed by" (for an ``endorsementJwt``, the name its signed payload gives). An
  endorsement whose key is not tied to its endorser (a urn endorser, a key in a JWT's ``jwk``
  header) is reported as by the holder of the key that signed it, naming the endorser it claims.
- A credential signed as a JWT carries endorsements the same way (its payload is the credential);
  the JOSE verifier verifies them with this module, at the same depth and under the same limit.

The browser verifier does the same (browser/src/verifier/endorsements.js), with the same states.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from credsite.base.credential_limits import LIMITS_FILE
from credsite.standards import rulebook
from credsite.standards.reports import Endorsement, Report

# Where endorsements are attached: the name reported, and the path from the credential.
PLACES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("credential", ()),
    ("issuer", ("issuer",)),
    ("achievement", ("credentialSubject", "achievement")),
)
KEYS = ("endorsement", "endorsementJwt")
UNKNOWN = "an endorser that could not be identified"
WHERE_TEXT = {
    "credential": "this credential",
    "issuer": "the issuer",
    "achievement": "the achievement",
}

# Verifies one endorsement (a JSON object or a compact JWS) with the full verifier, at depth 1.
Verify = Callable[[Any], Report]


@dataclass(frozen=True)
class Found:
    """One endorsement: where, the id of what it is attached to, its entry in the signed view
    and the JSON to verify."""

    where: str
    target: str | None
    entry: Any
    item: Any


@cache
def max_endorsements() -> int:
    """How many endorsements of one credential are verified (credsite/data/limits.json)."""
    return int(json.loads(LIMITS_FILE.read_text(encoding="utf-8"))["maxEndorsements"])


def verify_endorsements(
    view: dict[str, Any], document: dict[str, Any], verify: Verify
) -> list[Endorsement]:
    """Every endorsement of an authentic credential's signed ``view``, verified by ``verify``
    on the JSON of ``document`` that stands for it, in the order of PLACES and KEYS."""
    found = list(embedded(view, document))
    limit = max_endorsements()
    return [
        _verified(one, verify) if index < limit else _beyond(one, limit)
        for index, one in enumerate(found)
    ]


def embedded(view: dict[str, Any], document: dict[str, Any]) -> Iterator[Found]:
    """The endorsements the view holds, each with the JSON that stands for it."""
    context = view.get("@context", document.get("@context"))
    for where, path in PLACES:
        in_view, in_json = _nodes(view, path), _nodes(document, path)
        if len(in_json) != len(in_view):
            in_json = [{} for _ in in_view]
        for node, written in zip(in_view, in_json, strict=True):
            target = node.get("id") if isinstance(node.get("id"), str) else None
            for key in KEYS:
                entries, items = _as_list(node.get(key)), _as_list(written.get(key))
                if not _same_entries(entries, items):
                    items = [_standalone(entry, context) for entry in entries]
                for entry, item in zip(entries, items, strict=True):
                    yield Found(where, target, entry, item)


def _nodes(root: dict[str, Any], path: tuple[str, ...]) -> list[dict[str, Any]]:
    """The objects at ``path`` (a list on the way counts as each of its objects)."""
    nodes = [root]
    for key in path:
        nodes = [item for node in nodes for item in _as_list(node.get(key))]
    return [node for node in nodes if isinstance(node, dict)]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _same_entries(entries: list[Any], items: list[Any]) -> bool:
    """Whether the JSON lists the view's endorsements: as many, each with the same id (or the
    same text, for a JWT)."""
    return len(entries) == len(items) and all(
        _identity(entry) == _identity(item) for entry, item in zip(entries, items, strict=True)
    )


def _identity(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def _standalone(entry: Any, context: Any) -> Any:
    """A view entry as a document of its own, under the contexts it was compacted with."""
    return {"@context": context, **entry} if isinstance(entry, dict) else entry


def _verified(one: Found, verify: Verify) -> Endorsement:
    report = verify(one.item)
    # Only a key tied to the endorser (key-controller passed) vouches for who it is, and only
    # an authentic endorsement for the name it gives.
    tied = report.outcome("key-controller") == "passed"
    name = _issuer_name(one.entry if isinstance(one.entry, dict) else _jwt_credential(one.entry))
    name = name if tied and report.needs_met("valid-from") else None
    subject = _subject_id(one.entry)
    about = subject is not None and subject == one.target
    who = (name or report.issuer or UNKNOWN) if tied else _untied(report)
    headline = f"Endorsement of {WHERE_TEXT[one.where]} by {who}: {_verdict(report)}."
    if not about:
        headline += (
            f" It is not about {WHERE_TEXT[one.where]}: it endorses {subject or 'nothing named'}."
        )
    return Endorsement(one.where, report.issuer, name, report.state, headline, about)


def _untied(report: Report) -> str:
    """Who an endorsement whose key is not tied to its endorser is by: the holder of the key
    that signed it (when one was established), never the endorser it names."""
    key = report.verification_method
    if key is not None and report.outcome("issuer-key") in ("passed", "warning"):
        return f"the holder of the key {key}, which nothing ties to {report.issuer or UNKNOWN}"
    return f"{UNKNOWN} (it names {report.issuer})" if report.issuer else UNKNOWN


def _beyond(one: Found, limit: int) -> Endorsement:
    subject = _subject_id(one.entry)
    return Endorsement(
        one.where,
        None,
        None,
        "error",
        f"Endorsement of {WHERE_TEXT[one.where]}: not checked, because the credential carries "
        f"more than {limit} endorsements.",
        subject is not None and subject == one.target,
    )


def _verdict(report: Report) -> str:
    """ "verified", or the state's title and the check that says why not: the first that failed
    or is unsupported, else the first not done (the advisory schema check aside)."""
    if report.state == "verified":
        return "verified"
    title = rulebook.title(report.state, "en").lower()
    checks = [c for c in report.checks if c.id != "schema"]
    reason = next(
        (c for c in checks if c.outcome in ("failed", "unsupported")),
        next((c for c in checks if c.outcome == "not-checked"), None),
    )
    return f"{title}. {reason.message.rstrip('.')}" if reason else title


def _issuer_name(entry: Any) -> str | None:
    issuer = entry.get("issuer") if isinstance(entry, dict) else None
    name = issuer.get("name") if isinstance(issuer, dict) else None
    return name if isinstance(name, str) else None


def _subject_id(entry: Any) -> str | None:
    """The id of what the endorsement endorses: its credentialSubject's (for a JWT, read from
    its payload unverified: it only decides the note, never the state)."""
    credential = entry if isinstance(entry, dict) else _jwt_credential(entry)
    subjects = _as_list(credential.get("credentialSubject")) if credential else []
    ids = [s.get("id") for s in subjects if isinstance(s, dict)]
    return ids[0] if len(ids) == 1 and isinstance(ids[0], str) else None


def _jwt_credential(text: Any) -> dict[str, Any] | None:
    """The credential in a compact JWS's payload (its ``vc`` claim, or the payload itself)."""
    parts = text.split(".") if isinstance(text, str) else []
    if len(parts) != 3:
        return None
    try:
        padded = parts[1] + "=" * (-len(parts[1]) % 4)
        payload = json.loads(base64.b64decode(padded, altchars=b"-_", validate=True))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    credential = payload.get("vc", payload)
    return credential if isinstance(credential, dict) else None
