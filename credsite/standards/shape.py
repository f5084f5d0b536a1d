"""The shape rules a credential must meet before its signature means anything to a reader: VC
Data Model 2.0 (section 4) and Open Badges 3.0 (the @context order, the types), as the rulebook
states them (``credential`` in ``credsite/data/verifier-rules.json``).

They are the rules of the browser verifier's ``structure.js``, applied to the JSON as written and
again to the signed view, and each problem has the browser's code so that both name the same
fault: ``CONTEXT_V2``, ``CONTEXT_OB``, ``TYPE_VC``, ``ISSUER_MISSING``, ``SUBJECT_MISSING``,
``SUBJECT_MULTIPLE``, ``ACHIEVEMENT_NOT_ONE``, ``VALID_FROM_MALFORMED``, ``VALID_UNTIL_MALFORMED``,
``VALIDITY_ORDER``.

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
    "CONTEXT_V2": "its first @context must be {vc}",
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
    "VALIDITY_ORDER": "its validUntil lies before its validFrom",
}


@dataclass(frozen=True)
class Shape:
    """The problem codes (none: well formed), whether it claims to be an Open Badge, and its
    validity dates as instants (epoch milliseconds), so that they are parsed once."""

    problems: tuple[str, ...]
    open_badge: bool
    valid_from: int | None
    valid_until: int | None

    def sentence(self) -> str:
        """The problems, for a person: "its first @context must be …; it names no issuer"."""
        vc = rulebook.rules().vc_context
        return "; ".join(PROBLEMS[code].format(vc=vc) for code in self.problems)


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
    if not contexts or contexts[0] != book.vc_context:
        problems.append("CONTEXT_V2")
    badge = is_open_badge(document)
    if badge and not (len(contexts) > 1 and rulebook.is_ob_context(contexts[1])):
        problems.append("CONTEXT_OB")
    if book.required_type not in types_of(document):
        problems.append("TYPE_VC")
    if issuer_id(document) is None:
        problems.append("ISSUER_MISSING")
    problems.extend(_subject_problems(document.get("credentialSubject"), badge))
    start, end = _date(document, "validFrom"), _date(document, "validUntil")
    if "validFrom" in document and start is None:
        problems.append("VALID_FROM_MALFORMED")
    if "validUntil" in document and end is None:
        problems.append("VALID_UNTIL_MALFORMED")
    if start is not None and end is not None and end < start:
        problems.append("VALIDITY_ORDER")
    return Shape(tuple(problems), badge, start, end)


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


def _one_object(value: object) -> dict[str, Any] | None:
    """The object a property holds, written alone or as a list of one; None for anything else."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value if isinstance(value, dict) else None


def _date(document: Mapping[str, Any], key: str) -> int | None:
    return parse_instant(document[key]) if key in document else None
