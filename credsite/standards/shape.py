"""The shape rules a credential must meet before its signature means anything to a reader: VC
Data Model 2.0 (section 4) or 1.1, and Open Badges 3.0 (the @context order, the types), as the
rulebook states them (``credential`` in ``credsite/data/verifier-rules.json``).

They are the rules of the browser verifier's ``structure.js``, applied to the JSON as written and
again to the signed view, and each problem has the browser's code so that both name the same
fault: ``CONTEXT_V2`` (the first @context is not a VC context), ``CONTEXT_OB``, ``TYPE_VC``,
``ISSUER_MISSING``, ``SUBJECT_MISSING``, ``SUBJECT_MULTIPLE``, ``ACHIEVEMENT_NOT_ONE``, the
property's name in capitals with ``_MALFORMED`` (``VALID_FROM_MALFORMED``,
``ISSUANCE_DATE_MALFORMED``), with ``_MISSING`` for what VC 1.1 requires
(``ISSUANCE_DATE_MISSING``) and with ``_DISAGREES`` for a VC 1.1 date that names another instant
than its VC 2.0 name (``EXPIRATION_DATE_DISAGREES``), and ``VALIDITY_ORDER``.

VC 1.1 names the validity dates ``issuanceDate`` and ``expirationDate``: each stands for its VC
2.0 name when that is absent, so that a 1.1 credential has the same validity checks. When both
are present the VC 2.0 name wins, and the two must agree: a credential saying two things about
when it is valid would be judged differently by verifiers that read one name or the other.

A credential is about exactly one subject, and an Open Badge's subject holds exactly one
achievement: the signature covers RDF statements, in which a JSON list has no order, so of two
subjects the holder can put either first, and a page that shows the first would show the one the
holder chose. Applied to the signed view too, this also refuses a second subject or achievement
written under the property's full IRI (the view merges both spellings into one list).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from credsite.standards import rulebook
from credsite.standards.instants import parse_instant

# JavaScript's \s, spelled out: Python's \s is another set (it has \x1c-\x1f, not \ufeff), and
# the issuer's identifier must be absolute to the same verifiers alike.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_ABSOLUTE_URI = re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]*:[^{_JS_SPACE}]+")

PROBLEMS = {
    "CONTEXT_V2": "its first @context must be a W3C Verifiable Credentials context ({vc})",
    "CONTEXT_OB": "an Open Badges credential must name an Open Badges 3.0 context second",
    "TYPE_VC": "its type must include VerifiableCredential",
    "ISSUER_MISSING": "it does not name its issuer with an absolute identifier",
    "SUBJECT_MISSING": "it does not say whom it is about (credentialSubject)",
    "SUBJECT_MULTIPLE": (
        "it is about more than one subject (credentialSubject), "
        "and its signature does not say which comes first"
    ),
    "ACHIEVEMENT_NOT_ONE": "an Open Badges credential's subject must name exactly one achievement",
    "VALID_FROM_MALFORMED": "its validFrom is not a date and time with a time zone",
    "VALID_UNTIL_MALFORMED": "its validUntil is not a date and time with a time zone",
    "ISSUANCE_DATE_MALFORMED": "its issuanceDate is not a date and time with a time zone",
    "EXPIRATION_DATE_MALFORMED": "its expirationDate is not a date and time with a time zone",
    "ISSUANCE_DATE_MISSING": (
        "it is a VC 1.1 credential (credentials/v1 first), which must have an issuanceDate"
    ),
    "ISSUANCE_DATE_DISAGREES": "its validFrom and issuanceDate name different moments",
    "EXPIRATION_DATE_DISAGREES": "its validUntil and expirationDate name different moments",
    "VALIDITY_ORDER": "its {until} lies before its {start}",
}


@dataclass(frozen=True)
class Date:
    """A validity date as the credential gives it: the property it used (``validFrom`` or its
    VC 1.1 name), its text, and its instant (epoch milliseconds; None when absent or malformed)."""

    name: str
    text: str | None = None
    instant: int | None = None

    def named(self) -> str:
        """The property it was read under, in brackets, when that is a VC 1.1 name (so that a
        reader finds it in the credential); nothing for the VC 2.0 names."""
        return "" if self.name in ("validFrom", "validUntil") else f" ({self.name})"


@dataclass(frozen=True)
class Shape:
    """The problem codes (none: well formed), whether it claims to be an Open Badge, the VC Data
    Model version its first @context makes it ("2.0", "1.1"; None for neither), and its validity
    dates, parsed once."""

    problems: tuple[str, ...]
    open_badge: bool
    start: Date
    end: Date
    version: str | None = None

    @property
    def valid_from(self) -> int | None:
        return self.start.instant

    @property
    def valid_until(self) -> int | None:
        return self.end.instant

    def sentence(self) -> str:
        """The problems, for a person: "its first @context must be …; it names no issuer"."""
        vc = " or ".join(url for url, _ in rulebook.rules().vc_contexts)
        names = {"vc": vc, "start": self.start.name, "until": self.end.name}
        return "; ".join(PROBLEMS[code].format(**names) for code in self.problems)


def problem_code(name: str, fault: str) -> str:
    """A date problem's code: the property in capitals, then the fault (``issuanceDate``,
    ``MALFORMED``: ``ISSUANCE_DATE_MALFORMED``), as the browser verifier writes it."""
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).upper() + "_" + fault


def types_of(node: object) -> list[str]:
    """The ``type`` values of a node that are text (one string, or the strings of a list)."""
    value = node.get("type") if isinstance(node, Mapping) else None
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def issuer_id(document: object) -> str | None:
    """The issuer's identifier (``issuer`` as a string or ``{"id": …}``) if it is absolute."""
    issuer = document.get("issuer") if isinstance(document, Mapping) else None
    found = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    return found if isinstance(found, str) and _ABSOLUTE_URI.fullmatch(found) else None


def is_open_badge(document: object) -> bool:
    return bool(rulebook.rules().open_badge_types & set(types_of(document)))


def check_shape(document: Mapping[str, Any]) -> Shape:
    """The shape rules of a credential (a JSON object), in the browser's order."""
    book = rulebook.rules()
    problems = []
    context = document.get("@context")
    contexts = (
        context if isinstance(context, list) else [context] if isinstance(context, str) else []
    )
    version = book.data_model(contexts[0]) if contexts else None
    if version is None:
        problems.append("CONTEXT_V2")
    badge = is_open_badge(document)
    if badge and not (len(contexts) > 1 and rulebook.is_ob_context(contexts[1])):
        problems.append("CONTEXT_OB")
    if book.required_type not in types_of(document):
        problems.append("TYPE_VC")
    if issuer_id(document) is None:
        problems.append("ISSUER_MISSING")
    problems.extend(_subject_problems(document.get("credentialSubject"), badge))
    if version == "1.1":
        problems += [problem_code(k, "MISSING") for k in book.v11_required if k not in document]
    (start, start_problems), (end, end_problems) = (
        validity_date(document, name, legacy) for name, legacy in book.v11_dates
    )
    problems += start_problems + end_problems
    if start.instant is not None and end.instant is not None and end.instant < start.instant:
        problems.append("VALIDITY_ORDER")
    return Shape(tuple(problems), badge, start, end, version)


def _subject_problems(subject: object, badge: bool) -> list[str]:
    """One subject object (a list of one reads the same in JSON-LD), and for an Open Badge one
    achievement object in it: of several, a reader cannot tell which one the issuer meant."""
    subjects: list[Any] = subject if isinstance(subject, list) else [subject]
    if not subjects or not all(isinstance(s, dict) for s in subjects):
        return ["SUBJECT_MISSING"]
    if len(subjects) > 1:
        return ["SUBJECT_MULTIPLE"]
    if badge and _one_object(subjects[0].get("achievement")) is None:
        return ["ACHIEVEMENT_NOT_ONE"]
    return []


def schema_notes(document: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """Where an Open Badges credential is stricter in the OB 3.0 JSON Schema than VC 2.0 allows
    (the browser's ``schemaNotes``): (``VALUE_OBJECT``, the properties, as dotted paths, written
    as JSON-LD value objects: a text with its ``@language``, ``@direction`` or ``@type``, where
    the schema wants plain text) and (``STATUS_LIST``, []) for ``credentialStatus`` written as a
    list, where the schema wants one object. Both are signed and read correctly, so they are a
    warning, not a fault; nothing for a credential that is not an Open Badge."""
    if not is_open_badge(document):
        return []
    notes: list[tuple[str, list[str]]] = []
    paths = value_object_paths(document)
    if paths:
        notes.append(("VALUE_OBJECT", paths))
    if isinstance(document.get("credentialStatus"), list):
        notes.append(("STATUS_LIST", []))
    return notes


def value_object_paths(document: Mapping[str, Any], keyword: str = "@value") -> list[str]:
    """The dotted paths (list positions left out) of the properties holding an object with
    ``keyword`` (``@value``: a JSON-LD value object), ``@context`` and ``proof`` not entered,
    sorted; without recursion, as the document's depth is not ours to choose. The browser's
    ``valueObjectPaths``."""
    found: set[str] = set()
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, list):
            stack.extend((item, path) for item in value)
        elif isinstance(value, dict):
            if keyword in value and path:
                found.add(path)
            if "@value" in value:
                continue
            stack.extend(
                (item, f"{path}.{key}" if path else key)
                for key, item in value.items()
                if key not in ("@context", "proof")
            )
    return sorted(found)


def unsigned_notes(document: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """What the credential writes that its Data Integrity signature does not cover, as
    (code, dotted paths): ``DIRECTION``, a text's writing direction (``@direction``: RDFC-1.0
    over JSON-LD's RDF, with ``rdfDirection`` unset as the VC 2.0 suites leave it, keeps the
    text and its language and drops the direction, in pyld and jsonld.js alike), and ``INDEX``
    (``@index``, which JSON-LD's RDF has no place for). The browser's ``unsignedNotes``."""
    notes = []
    for code, keyword in (("DIRECTION", "@direction"), ("INDEX", "@index")):
        paths = value_object_paths(document, keyword)
        if paths:
            notes.append((code, paths))
    return notes


def _one_object(value: object) -> dict[str, Any] | None:
    """The object a property holds, written alone or as a list of one; None for anything else."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value if isinstance(value, dict) else None


def validity_date(document: Mapping[str, Any], name: str, legacy: str) -> tuple[Date, list[str]]:
    """The date under ``name`` (VC 2.0), else under its VC 1.1 name ``legacy``; and the problems
    of both spellings: each present one well-formed, and both, when present, one instant. Also
    how a status list's dates are read (credsite.standards.statuscheck)."""
    found = {key: parse_instant(document[key]) for key in (name, legacy) if key in document}
    problems = [problem_code(key, "MALFORMED") for key, at in found.items() if at is None]
    both = (found.get(name), found.get(legacy))
    if None not in both and both[0] != both[1]:
        problems.append(problem_code(legacy, "DISAGREES"))
    used = name if name in found or legacy not in found else legacy
    text = document.get(used)
    return Date(used, text if isinstance(text, str) else None, found.get(used)), problems
