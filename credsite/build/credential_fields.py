"""The fields a credential page shows, read from the credential by the rules of one data file.

``credsite/data/credential-fields.json`` lists the fields in order, keyed as the page's
``data-field`` attributes, and says where each is read: a path of properties (with fallbacks),
an alignment kind (its first or every entry), or a named computation. This module interprets it
for the static HTML; browser/src/pages/credential-fields.js interprets the same file on the
verified credential in the browser, and writes the result over the HTML. So a field read from a
path or an alignment is one entry in that file (plus its place in templates/credential.html),
not two functions in two languages that must be kept alike by hand; what is genuinely computed
(the recipient's name, the issuer's web address) is a function here and there, named in the file.

Values are read the way the browser reads them (``text_of``): the credentials credsite writes
hold plain strings, and for those both sides give exactly the same text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from credsite.base import urls
from credsite.base.errors import BuildError
from credsite.catalogue.views import format_date
from credsite.standards.timestamps import parse_timestamp

RULES_FILE = resources.files("credsite") / "data" / "credential-fields.json"
KINDS = ("text", "list", "date")

Step = str | int
FieldValue = str | list[str] | None


@dataclass(frozen=True)
class Source:
    """Where a value is read: a path from the credential's top level, or a property of the
    alignments of one targetType."""

    path: tuple[Step, ...] | None = None
    alignment: str | None = None
    property: str = ""


@dataclass(frozen=True)
class FieldRule:
    """One shown field: its key, its kind of value and how it is found (exactly one of
    ``sources`` (fallbacks), ``parts`` (joined with ``separator``) and ``computed``)."""

    key: str
    kind: str
    sources: tuple[Source, ...] = ()
    parts: tuple[Source, ...] = ()
    separator: str = ""
    computed: str | None = None
    in_template: bool = True


@dataclass(frozen=True)
class FieldRules:
    """The whole file: where the alignments are, and the fields in the order a page has them."""

    alignments: tuple[Step, ...]
    fields: tuple[FieldRule, ...]


def _path(value: Any, where: str) -> tuple[Step, ...]:
    if not isinstance(value, list) or not all(
        isinstance(step, str) or (type(step) is int and step >= 0) for step in value
    ):
        raise BuildError(f"{where}: a path is a list of property names and list positions")
    return tuple(value)


def _source(data: Any, where: str) -> Source:
    if isinstance(data, dict) and set(data) == {"path"}:
        return Source(path=_path(data["path"], where))
    if (
        isinstance(data, dict)
        and set(data) == {"alignment", "property"}
        and all(isinstance(data[k], str) for k in data)
    ):
        return Source(alignment=data["alignment"], property=data["property"])
    raise BuildError(f"{where}: a source is {{path}} or {{alignment, property}}, not {data!r}")


def _check_field(data: Any, where: str) -> None:
    """Refuse a field entry that does not say exactly one way of finding its value."""
    if not isinstance(data.get("key"), str) or data.get("kind") not in KINDS:
        raise BuildError(f"{where}: a field needs a key and a kind ({', '.join(KINDS)})")
    if len([w for w in ("from", "join", "computed") if w in data]) != 1:
        raise BuildError(f"{where}: give exactly one of from, join and computed")
    if "computed" in data and data["computed"] not in COMPUTED:
        raise BuildError(f"{where}: no computation named {data['computed']!r}")
    if "join" in data and (data["kind"] != "text" or not isinstance(data.get("separator"), str)):
        raise BuildError(f"{where}: a joined field is a text with a separator")
    for way in ("from", "join"):
        if way in data and (not isinstance(data[way], list) or not data[way]):
            raise BuildError(f"{where}: {way} is a list of one or more sources")
    if not isinstance(data.get("inTemplate", True), bool):
        raise BuildError(f"{where}: inTemplate is true or false")


def _field(data: Any) -> FieldRule:
    if not isinstance(data, dict):
        raise BuildError(f"credential-fields.json: a field is an object, not {data!r}")
    where = f"credential-fields.json, field {data.get('key')!r}"
    _check_field(data, where)
    return FieldRule(
        key=data["key"],
        kind=data["kind"],
        sources=tuple(_source(s, where) for s in data.get("from", ())),
        parts=tuple(_source(s, where) for s in data.get("join", ())),
        separator=data.get("separator", ""),
        computed=data.get("computed"),
        in_template=data.get("inTemplate", True),
    )


def read_rules(data: Any) -> FieldRules:
    """The rules of a credential-fields.json document, checked (BuildError if malformed)."""
    if not isinstance(data, dict) or not isinstance(data.get("fields"), list):
        raise BuildError("credential-fields.json: expected an object with a list of fields")
    fields = tuple(_field(f) for f in data["fields"])
    keys = [f.key for f in fields]
    if len(set(keys)) != len(keys):
        raise BuildError("credential-fields.json: a key is listed twice")
    return FieldRules(_path(data.get("alignments"), "credential-fields.json, alignments"), fields)


@cache
def field_rules() -> FieldRules:
    """The rules of credsite/data/credential-fields.json."""
    return read_rules(json.loads(RULES_FILE.read_text(encoding="utf-8")))


def _js_number(number: float) -> str:
    """A finite number as JavaScript's String() writes it, for integers and plain decimals."""
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    return repr(number)


def text_of(value: Any) -> str | None:
    """One displayable text from a JSON-LD value, or None, as textOf in credential-fields.js:
    a string, a finite number, an ``@value`` object or a one-element list of those."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _js_number(value) if math.isfinite(value) else None
    if isinstance(value, list):
        return text_of(value[0]) if len(value) == 1 else None
    if isinstance(value, dict) and "@value" in value:
        return text_of(value["@value"])
    return None


def _as_list(value: Any) -> list[Any]:
    """A list as it is, one object as a list of one, anything else as empty."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, dict) else []


def value_at(document: Any, path: tuple[Step, ...]) -> Any:
    """The value at a path: a name reads a property of an object, a number n the n-th object
    of a list (a lone object is a list of one); None where the path leads nowhere."""
    value = document
    for step in path:
        if isinstance(step, int):
            objects = [item for item in _as_list(value) if isinstance(item, dict)]
            value = objects[step] if step < len(objects) else None
        else:
            value = value.get(step) if isinstance(value, dict) else None
    return value


def _entries(value: Any) -> list[Any]:
    """The entries of a list value; a single value is a list of one, none is empty."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _date(text: Any, lang: str) -> str | None:
    """The UTC calendar day of a credential date-time, as the page script shows it."""
    try:
        moment: datetime = parse_timestamp(str(text))
    except ValueError:
        return None
    return format_date(moment.astimezone(UTC).date(), lang)


class _Reader:
    """One credential, read source by source."""

    def __init__(self, document: Any, rules: FieldRules, lang: str) -> None:
        self.document = document
        self.lang = lang
        found = _as_list(value_at(document, rules.alignments))
        self.alignments = [a for a in found if isinstance(a, dict)]

    def _raw(self, source: Source) -> list[Any]:
        """The raw values a source names: an alignment kind's property, entry by entry; a path's
        value as a list of one."""
        if source.path is not None:
            return [value_at(self.document, source.path)]
        kind = [a for a in self.alignments if a.get("targetType") == source.alignment]
        return [a.get(source.property) for a in kind]

    def read(self, source: Source, kind: str) -> FieldValue:
        raw = self._raw(source)
        if kind == "list":
            items = _entries(raw[0]) if source.path is not None else raw
            return [text_of(item) or "" for item in items]
        first = raw[0] if raw else None
        return _date(first, self.lang) if kind == "date" else text_of(first)

    def field(self, rule: FieldRule) -> FieldValue:
        if rule.computed is not None:
            return COMPUTED[rule.computed](self.document, self.lang)
        if rule.parts:
            texts = [self.read(part, "text") for part in rule.parts]
            return rule.separator.join(t for t in texts if isinstance(t, str) and t) or None
        value: FieldValue = None
        for source in rule.sources:
            value = self.read(source, rule.kind)
            if value:
                break
        return value


def credential_fields(
    document: dict[str, Any], lang: str, rules: FieldRules | None = None
) -> dict[str, FieldValue]:
    """The displayed fields, keyed as the page's ``data-field`` attributes, from the credential,
    by ``rules`` (default: credsite/data/credential-fields.json).

    browser/src/pages/credential-fields.js computes the same from the verified credential; a
    browser test checks that both give the same text, for the shipped rules and for added ones.
    """
    chosen = rules if rules is not None else field_rules()
    reader = _Reader(document, chosen, lang)
    return {rule.key: reader.field(rule) for rule in chosen.fields}


def recipient_name(document: Any, lang: str) -> str:
    """The learner's name: the first ``identifier`` entry of type name that is not hashed."""
    subject = value_at(document, ("credentialSubject", 0)) or {}
    for identity in subject.get("identifier") or []:
        if (
            isinstance(identity, dict)
            and identity.get("identityType") == "name"
            and not identity.get("hashed")
        ):
            return str(identity.get("identityHash", ""))
    return ""


def issuer_web_address(document: Any, lang: str) -> str | None:
    """The issuer's web address, from its id (see ``issuer_domain``)."""
    given = document.get("issuer") if isinstance(document, dict) else None
    issuer: dict[str, Any] = given if isinstance(given, dict) else {"id": given}
    return issuer_domain(issuer.get("id"), issuer.get("url"))


def issuer_domain(issuer_id: Any, issuer_url: Any) -> str | None:
    """The web address that vouches for the issuer's key: the did:web host and path (a DID
    under a path of a shared host is not the host's). A profile ``url`` is only the issuer's
    own claim, so it is never shown as the address."""
    if isinstance(issuer_id, str) and issuer_id.startswith("did:web:"):
        return urls.did_web_address(issuer_id)
    return None


# The computed fields, by the names credential-fields.json gives them (the browser has the same).
COMPUTED: dict[str, Callable[[Any, str], FieldValue]] = {
    "recipient-name": recipient_name,
    "issuer-web-address": issuer_web_address,
}
