"""What a signed document means, in the shape a JSON reader expects: its signed view.

A Data Integrity signature covers the document's meaning (its RDF statements), not its JSON
spelling. The same statements can be written with a property under its full IRI, a keyword
spelled out (``@type`` for ``type``), or a value wrapped in ``{"@value": …, "@type": …}``; a
verifier that reads ``document["credentialStatus"]`` would miss a revocation entry written any
of those ways while the signature still verifies. So the verifier reads every field it judges
or shows from the signed view: the document expanded under its bundled contexts and compacted
again under the same contexts, which puts each property back under the one term the contexts
define for it. The browser verifier does the same (browser/src/verifier/canonicalize.js, canonicalizeWithView),
and both refuse what the view cannot make plain:

- an inline ``@context`` anywhere (it could define a term of its own for a checked property, or
  make one nest under a key of its choice); ``jsonld.canonicalize`` refuses it already, except
  one that only adds terms (credsite.standards.inlinecontext), which the view is not compacted
  under: what it adds shows under its full IRI;
- a yes/no value written as text (``"hashed": "false"``): it means ``false`` to RDF, so the
  signature covers it, but ``true`` to a JSON reader.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from pyld.jsonld import JsonLdError, JsonLdProcessor

from credsite.base.errors import CanonicalizationError
from credsite.standards.inlinecontext import inline_terms, url_contexts
from credsite.standards.jsonld import SharedSubtree, canonicalization_options

# OB contexts 3.0.2 and later spell xsd:boolean with https (kept by every implementation, since
# it is what they sign); earlier ones with http. Both are booleans here.
_BOOLEAN_TYPES = frozenset(
    {
        "http://www.w3.org/2001/XMLSchema#boolean",
        "https://www.w3.org/2001/XMLSchema#boolean",
    }
)


def signed_view(document: dict[str, Any], shared: SharedSubtree | None = None) -> dict[str, Any]:
    """The document without ``proof``, compacted under its own contexts after expansion.

    Raises ``CanonicalizationError`` for a document that cannot be expanded with the bundled
    contexts, or that writes a boolean as text. Call it only after the signature verified: the
    view then holds exactly what was signed, in the spelling the contexts define. ``shared``
    (the build's cache for a site's credentials) keeps the view of each shared subtree, the
    Achievement and the issuer, and splices it into the view of the rest: a third of the cost.
    """
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    stubs = shared.stubs(unsecured) if shared is not None else None
    if shared is None or stubs is None:
        return _view(unsecured, [])
    views = shared.derived.setdefault("signed-view", {})
    if all(key in views for _, _, key in stubs.values()):
        cut_out = [pair for _, _, key in stubs.values() for pair in views[key][1]]
        view = _view(shared.stubbed(unsecured, stubs), cut_out)
        if all(
            _splice(view, path, stub_id, views[key][0]) for stub_id, (path, _, key) in stubs.items()
        ):
            return view
        return _view(unsecured, [])  # a stub moved (an odd document): the long way
    view = _view(unsecured, [])
    for path, subtree, key in stubs.values():
        node = _at(view, path)
        if isinstance(node, dict) and node.get("id") == subtree["id"]:
            views[key] = (copy.deepcopy(node), _descriptions(subtree, unsecured))
    return view


def _descriptions(subtree: dict[str, Any], document: dict[str, Any]) -> list[tuple[str, str]]:
    """(node id, description) of every node a shared subtree describes, in expanded form: what
    the stubbed document no longer shows, for the described-once rule."""
    expanded = JsonLdProcessor().expand(
        {"@context": document.get("@context"), **subtree}, canonicalization_options()
    )
    return list(_node_descriptions(expanded))


def _view(unsecured: dict[str, Any], cut_out: list[tuple[str, str]]) -> dict[str, Any]:
    """Expand, check, compact. ``cut_out`` holds the node descriptions of the shared subtrees
    that stubs stand in for, so the described-once rule sees the whole document."""
    options = canonicalization_options()
    try:
        expanded = JsonLdProcessor().expand(unsecured, options)
        twice = _described_twice(expanded, cut_out)
        if twice is not None:
            raise CanonicalizationError(
                f"it describes {twice} in two places, differently: "
                "a reader of one place would miss what the other says"
            )
        where = _text_boolean(expanded)
        if where is not None:
            raise CanonicalizationError(
                f"a true/false value is written as text ({where}); "
                "JSON readers would take the text 'false' for true"
            )
        # Under the context URLs alone: a term an inline context adds shows as its full IRI,
        # so the verdict reads only what the bundled vocabularies name.
        view = JsonLdProcessor().compact(
            expanded,
            {"@context": url_contexts(unsecured.get("@context"))},
            {**options, "skipExpansion": True, "compactToRelative": False},
        )
    except JsonLdError as error:
        raise CanonicalizationError(f"its data cannot be read as linked data ({error})") from error
    if not isinstance(view, dict):
        raise CanonicalizationError("its data does not describe one credential")
    return _subject_objects(_property_terms(view, unsecured.get("@context")))


def _subject_objects(view: dict[str, Any]) -> dict[str, Any]:
    """The view with a subject that says nothing but its id written as ``{"id": …}`` again, as
    the JSON writes it: ``credentialSubject`` is an ``@id``-typed term, so compaction writes such
    a subject as the bare identifier, which the shape rules (and a page) would take for no
    subject at all. The browser writes it back the same (canonicalize.js)."""
    subject = view.get("credentialSubject")
    if isinstance(subject, str):
        view["credentialSubject"] = {"id": subject}
    elif isinstance(subject, list):
        view["credentialSubject"] = [{"id": s} if isinstance(s, str) else s for s in subject]
    return view


def _property_terms(view: dict[str, Any], context: Any) -> dict[str, Any]:
    """The view with each property under its own term where a context gives a property and a
    type one IRI (signed-view.json, ``propertyTerms``): compaction picks the shorter, then the
    alphabetically first term, so the OB 3.0.0 context writes ``achievement`` as
    ``Achievement``. Both spellings and the full IRI expand to the one IRI, so they are one
    list here, and a second achievement stays a second value of the one key."""
    urls = url_contexts(context)
    names = set(urls) if isinstance(urls, list) else {urls}
    renames: dict[str, str] = {}
    for url, table in _rules()["propertyTerms"]["contexts"].items():
        if url in names:
            renames.update(table)
    if not renames:
        return view
    for node, _ in _objects(view):
        for written, term in renames.items():
            if written in node:
                if term in node:
                    raise CanonicalizationError(
                        f"its data names both {written} and {term}, which its vocabulary "
                        "writes alike"
                    )
                items = list(node.items())
                node.clear()
                node.update((term if key == written else key, value) for key, value in items)
    return view


def _at(view: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        view = view.get(key) if isinstance(view, dict) else None
    return view


def _splice(view: dict[str, Any], path: tuple[str, ...], stub_id: str, node: Any) -> bool:
    """Put a copy of ``node`` where the stub ``stub_id`` stands at ``path``; False if it does not."""
    parent = _at(view, path[:-1])
    if not isinstance(parent, dict):
        return False
    stub = parent.get(path[-1])
    if not isinstance(stub, dict) or stub.get("id") != stub_id:
        return False
    parent[path[-1]] = copy.deepcopy(node)
    return True


@cache
def _rules() -> dict[str, Any]:
    """``credsite/data/signed-view.json``, which the browser verifier reads too."""
    path = resources.files("credsite") / "data" / "signed-view.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def proof_properties() -> frozenset[str]:
    """The only keys a proof may have (the browser verifier reads the same list)."""
    return frozenset(_rules()["proofProperties"])


def refused_keywords() -> frozenset[str]:
    """The JSON-LD keywords no credential may use (the browser verifier reads the same list)."""
    return frozenset(_rules()["refusedKeywords"])


def plain_properties() -> tuple[str, ...]:
    """The properties that must read the same in the JSON as in the view."""
    return tuple(_rules()["plainProperties"])


def hidden_properties(document: dict[str, Any], view: dict[str, Any]) -> list[str]:
    """The verdict's properties that the JSON spells differently from the signed view: a
    verifier reading the JSON would miss or misread them, so the credential is refused. A
    property name an inline context defines (a VC 2.0 credential may add ``issuanceDate``) is
    another property than the verdict's, shown in the view under its full IRI: the view must not
    have the verdict's property of that name at all."""
    added = inline_terms(document.get("@context"))
    return [
        key
        for key in plain_properties()
        if (key in view if key in added else _differs(key, document, view))
    ]


def _differs(key: str, document: dict[str, Any], view: dict[str, Any]) -> bool:
    return (key in document) != (key in view) or _plain(document.get(key)) != _plain(view.get(key))


def _plain(value: Any) -> Any:
    """A list of one as its value, ``{"id": x}`` as ``x``: what compaction may write either way."""
    if isinstance(value, list):
        return _plain(value[0]) if len(value) == 1 else [_plain(item) for item in value]
    if isinstance(value, dict):
        if value.keys() == {"id"}:
            return value["id"]
        return {key: _plain(item) for key, item in value.items()}
    return value


def _described_twice(expanded: Any, cut_out: list[tuple[str, str]]) -> str | None:
    """The credential, or a node under its status or subject, if the document describes it in
    two places differently; else None.

    A reader of the JSON (or of the compacted view) looks at one place only, so a statement
    about the credential written at a second place that names its id would be signed but not
    seen. Other nodes may be described twice (an image with two captions), and the same node
    twice identically is fine. The browser applies the same rule (browser/src/verifier/canonicalize.js,
    nodeDescribedTwice), with the properties of credsite/data/signed-view.json.
    """
    protected = _protected_ids(expanded)
    seen: dict[str, str] = {}
    self_issued = _issuer_as_subject(expanded)
    for node_id, text in itertools.chain(
        _node_descriptions(expanded, protected, self_issued), cut_out
    ):
        if node_id in protected and seen.setdefault(node_id, text) != text:
            return node_id
    return None


def _protected_ids(expanded: Any) -> set[str]:
    top = expanded[0] if isinstance(expanded, list) and len(expanded) == 1 else None
    if not isinstance(top, dict):
        return set()
    ids = {top["@id"]} if isinstance(top.get("@id"), str) else set()
    for prop in _rules()["describedOnce"]:
        ids |= {v["@id"] for v in top.get(prop, []) if isinstance(v, dict) and "@id" in v}
    return ids


def _issuer_as_subject(expanded: Any) -> int | None:
    """The ``id()`` of the issuer's node object when the credential is self-issued (its issuer
    is its subject) and that description shares no property but @id and @type with the
    subject's (signed-view.json, ``selfIssued``): a second description the described-once rule
    allows, since no property of the subject is then split over two places. The browser allows
    the same (canonicalize.js, issuerAsSubject)."""
    top = expanded[0] if isinstance(expanded, list) and len(expanded) == 1 else None
    names = _rules()["selfIssued"]
    if not isinstance(top, dict):
        return None
    issuers, subjects = top.get(names["issuer"]), top.get(names["subject"])
    if not (isinstance(issuers, list) and len(issuers) == 1 and isinstance(subjects, list)):
        return None
    issuer = issuers[0]
    if not isinstance(issuer, dict) or not isinstance(issuer.get("@id"), str):
        return None
    own = issuer.keys() - {"@id", "@type"}
    same = [s for s in subjects if isinstance(s, dict) and s.get("@id") == issuer["@id"]]
    if not same or any(own & (s.keys() - {"@id", "@type"}) for s in same):
        return None
    return id(issuer)


def _node_descriptions(
    expanded: Any, only: set[str] | None = None, skip: int | None = None
) -> Iterator[tuple[str, str]]:
    """(id, description) of each node object that says more than its id (of those in ``only``,
    if given; the object whose ``id()`` is ``skip`` left out)."""
    for node, _ in _objects(expanded):
        node_id = node.get("@id")
        if (
            id(node) != skip
            and isinstance(node_id, str)
            and (only is None or node_id in only)
            and node.keys() - {"@id"}
            and not _endorsement_subject(node)
        ):
            yield node_id, json.dumps(node, sort_keys=True)


def _endorsement_subject(node: dict[str, Any]) -> bool:
    """Whether a node says only what an Open Badges endorsement says of what it endorses (its
    type EndorsementSubject and a comment; signed-view.json, ``endorsementSubject``): an
    endorsement of the credential names the credential's id there, and says nothing a verdict
    reads."""
    allowed = _rules()["endorsementSubject"]
    types = node.get("@type")
    return (
        isinstance(types, list)
        and bool(types)
        and set(types) <= set(allowed["types"])
        and node.keys() - {"@id", "@type"} <= set(allowed["properties"])
    )


def _objects(expanded: Any) -> Iterator[tuple[dict[str, Any], str]]:
    """Every object of an expanded document with the key it stands under, literal values
    (``@value``) not entered, without recursion: documents come from anywhere, and their depth
    is not ours to choose."""
    stack: list[tuple[Any, str]] = [(expanded, "(document)")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, list):
            stack.extend((item, where) for item in value)
        elif isinstance(value, dict):
            yield value, where
            stack.extend((item, key) for key, item in value.items() if key != "@value")


def _text_boolean(expanded: Any) -> str | None:
    """The IRI of the first property whose boolean value is written as text, or None."""
    for value, where in _objects(expanded):
        if isinstance(value.get("@value"), str) and value.get("@type") in _BOOLEAN_TYPES:
            return where
    return None
