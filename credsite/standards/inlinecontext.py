"""The one kind of inline ``@context`` a credential may carry: terms it adds, and nothing else.

An inline context can change what a credential's words mean: redefine ``validUntil``, alias
the IRI of ``credentialStatus`` under a name a reader of the JSON does not look at, set a
``@vocab`` that turns any unknown word into a property, coerce a value's type. So both
verifiers refuse inline contexts, with one exception that issuers do write (DCC's test
credentials add a term for a field their vocabularies lack): an object in the credential's
top-level ``@context`` list, after every context URL, whose every member is
``"term": "absolute IRI"``, where

- the term is a plain name (letters, digits, ``_``, ``-``, ``.``): not a keyword, nothing that
  looks like one, not a compact IRI or an IRI;
- no context before it defines the term, at any scope (type- and property-scoped contexts
  included: the VC 2.0 context defines ``validUntil`` only inside ``VerifiableCredential``);
- the IRI is absolute, its scheme is not a term (else JSON-LD would read it as a compact IRI),
  and no bundled context maps a term to it, so it cannot alias a known property or type;
- the term is used nowhere as a prefix (``term:…`` as a key or a value), which would change
  what other keys and values mean.

What is added this way is signed like any other data, but the signed view is compacted under
the context URLs alone (credsite.standards.signedview), so an added term never reads as a
property a verdict depends on. The browser verifier applies the same rule, with the same rule
names, in ``browser/src/verifier/inline-context.js``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from credsite.base.errors import CanonicalizationError

Load = Callable[[str], Any]
Scope = tuple[dict[str, Any], ...]

PLAIN_TERM = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+\-.]*:[^\s<>\"{}|^`\\]*$")
_MAX_REFERENCE_DEPTH = 8


@dataclass(frozen=True)
class InlineProblem:
    """Why an inline context is refused: where (the index in the top-level @context list and
    the term, if one), which rule (named the same in the browser verifier) and in words."""

    index: int
    term: str | None
    rule: str
    message: str


def url_contexts(context: Any) -> Any:
    """The document's @context without its inline objects: what the signed view is compacted
    under, so that added terms show as full IRIs and never as a property the verdict reads."""
    if isinstance(context, list):
        return [entry for entry in context if isinstance(entry, str)]
    return context


def inline_terms(context: Any) -> frozenset[str]:
    """The terms the inline objects of a top-level @context list add."""
    entries = context if isinstance(context, list) else []
    return frozenset(term for entry in entries if isinstance(entry, dict) for term in entry)


def without_added_terms(document: dict[str, Any]) -> dict[str, Any]:
    """The document without the top-level properties its inline context adds: how a verifier
    that reads a credential as written (a JOSE token's payload, whose every byte is signed)
    keeps an added ``issuanceDate`` from feeding the validity checks, as the signed view does."""
    added = inline_terms(document.get("@context"))
    return {key: value for key, value in document.items() if key not in added}


def inline_problems(
    context: list[Any], document: Any, load: Load, bundled: Iterable[str]
) -> list[InlineProblem]:
    """Why each inline object in the top-level @context list ``context`` of ``document`` is not
    purely additive; empty when every one is. ``load`` gives a bundled context document by URL
    (raising for any other), ``bundled`` is every URL it serves."""
    last_url = max((i for i, entry in enumerate(context) if isinstance(entry, str)), default=-1)
    urls = [entry for entry in context if isinstance(entry, str)]
    before = defined_terms(tuple(urls), load)
    known = _known_iris(tuple(sorted(bundled)), load)
    added = {term for entry in context if isinstance(entry, dict) for term in entry}
    problems: list[InlineProblem] = []
    seen: set[str] = set()
    for index, entry in enumerate(context):
        if not isinstance(entry, dict):
            continue
        if index < last_url:
            problems.append(
                InlineProblem(
                    index,
                    None,
                    "position",
                    "an inline context must come after every context URL, so that it can only "
                    "add terms",
                )
            )
            continue
        for term, value in entry.items():
            reason = _member_problem(term, value, before | seen, added, known)
            if reason is not None:
                problems.append(InlineProblem(index, term, *reason))
            seen.add(term)
    used = _prefixes_used(document, added)
    for index, entry in enumerate(context):
        if isinstance(entry, dict):
            problems += [
                InlineProblem(
                    index,
                    term,
                    "prefix",
                    f'the term "{term}" is used as a prefix ({term}:…), which would change '
                    "what other keys or values mean",
                )
                for term in entry
                if term in used
            ]
    return problems


def _member_problem(
    term: str, value: Any, before: set[str] | frozenset[str], added: set[str], known: dict[str, str]
) -> tuple[str, str] | None:
    """(rule, message) for one member of an inline context, or None when it only adds a term."""
    if term.startswith("@"):
        return "keyword", f"the keyword {term} is not accepted in an inline context"
    if not PLAIN_TERM.match(term):
        return "term-name", (
            f'"{term}" is not a plain term (letters, digits, _, - and . only): '
            "a compact IRI or IRI as a term could stand for another property"
        )
    if term in before:
        return "defined", f'"{term}" is already defined by a context before it'
    if not isinstance(value, str):
        keys = ", ".join(sorted(value)) if isinstance(value, dict) else type(value).__name__
        return "definition", (
            f'"{term}" has an expanded definition ({keys or "empty"}): '
            'only "term": "absolute IRI" is accepted'
        )
    if value.startswith("@") or not _ABSOLUTE_IRI.match(value) or value.startswith("_:"):
        return "not-iri", f'"{term}" must name an absolute IRI, not {value!r}'
    scheme = value.split(":", 1)[0]
    if scheme in before or scheme in added:
        return "prefix", (
            f'"{term}" names {value!r}, whose "{scheme}:" is a term: it would be read as a '
            "compact IRI"
        )
    if value in known:
        return "known-iri", (
            f'"{term}" names {value}, which a bundled vocabulary defines as "{known[value]}": '
            "it would be a second name for a known property or type"
        )
    return None


def _prefixes_used(document: Any, terms: set[str]) -> set[str]:
    """The terms in ``terms`` that some key or text in ``document`` uses as a prefix."""
    if not terms:
        return set()
    used: set[str] = set()
    for text in _texts(document):
        head, colon, _ = text.partition(":")
        if colon and head in terms:
            used.add(head)
    return used


def _texts(root: Any) -> Iterator[str]:
    """Every key and string in ``root``, including those in @context values, without recursion
    (a document's depth is not ours to choose)."""
    stack = [root]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    yield key
                stack.append(item)


@functools.cache
def defined_terms(urls: tuple[str, ...], load: Load) -> frozenset[str]:
    """Every term the contexts at ``urls`` define, at any scope; URLs ``load`` refuses (unknown
    contexts, reported elsewhere) define nothing here."""
    return frozenset(term for term, _, _ in _definitions(list(urls), load))


@functools.cache
def _known_iris(urls: tuple[str, ...], load: Load) -> dict[str, str]:
    """IRI -> the first term that maps to it, over every term the contexts at ``urls`` define."""
    known: dict[str, str] = {}
    for term, definition, scope in _definitions(list(urls), load):
        iri = term_iri(term, definition, scope)
        if iri is not None:
            known.setdefault(iri, term)
    return known


def known_iris(urls: Iterable[str], load: Load) -> dict[str, str]:
    """IRI -> term for every term the contexts at ``urls`` define (for tests and the scan of
    IRIs that two terms share)."""
    return dict(_known_iris(tuple(sorted(urls)), load))


def term_definitions(urls: Iterable[str], load: Load) -> Iterator[tuple[str, str | None, Scope]]:
    """(term, IRI, scope) of every term the contexts at ``urls`` define, in order."""
    for term, definition, scope in _definitions(list(urls), load):
        yield term, term_iri(term, definition, scope), scope


def _definitions(
    context: Any, load: Load, scope: Scope = (), seen: frozenset[str] = frozenset()
) -> Iterator[tuple[str, Any, Scope]]:
    """(term, definition, scope) of every term definition in ``context`` and its scoped
    contexts; ``scope`` holds the context objects in effect, innermost last."""
    pending: list[tuple[Any, Scope, frozenset[str]]] = [(context, scope, seen)]
    while pending:
        value, outer, visited = pending.pop(0)
        if isinstance(value, list):
            pending[0:0] = [(item, outer, visited) for item in value]
        elif isinstance(value, str) and value not in visited:
            try:
                loaded = load(value)
            except CanonicalizationError:  # an unknown URL: refused elsewhere, defines nothing
                continue
            inner = loaded.get("@context") if isinstance(loaded, dict) else None
            pending.insert(0, (inner, outer, visited | {value}))
        elif isinstance(value, dict):
            here = (*outer, value)
            for term, definition in value.items():
                if term.startswith("@"):
                    continue
                yield term, definition, here
                if isinstance(definition, dict) and "@context" in definition:
                    pending.append((definition["@context"], here, visited))


def term_iri(term: str, definition: Any, scope: Scope, depth: int = 0) -> str | None:
    """The IRI a term definition maps its term to; None for keywords, null mappings and what
    cannot be expanded."""
    if depth > _MAX_REFERENCE_DEPTH or definition is None:
        return None
    target = definition
    if isinstance(definition, dict):
        if "@id" not in definition and "@reverse" not in definition:
            return _expand_term_itself(term, scope, depth)
        target = definition.get("@id", definition.get("@reverse"))
    if target == term:
        return _expand_term_itself(term, scope, depth)
    return _expand(target, scope, depth) if isinstance(target, str) else None


def _expand_term_itself(term: str, scope: Scope, depth: int) -> str | None:
    """A definition without an @id: the term as a compact IRI or IRI, or under @vocab."""
    if ":" in term:
        return _expand(term, scope, depth)
    vocab = _vocab(scope)
    return vocab + term if vocab else None


def _expand(value: str, scope: Scope, depth: int) -> str | None:
    if value.startswith("@"):
        return None
    prefix, colon, suffix = value.partition(":")
    if colon:
        definition = _lookup(prefix, scope)
        if prefix != "_" and not suffix.startswith("//") and definition is not None:
            base = term_iri(prefix, definition, scope, depth + 1)
            if base is not None:
                return base + suffix
        return value
    definition = _lookup(value, scope)
    if definition is not None:
        return term_iri(value, definition, scope, depth + 1)
    vocab = _vocab(scope)
    return vocab + value if vocab else None


def _lookup(term: str, scope: Scope) -> Any:
    for context in reversed(scope):
        if term in context:
            return context[term]
    return None


def _vocab(scope: Scope) -> str | None:
    for context in reversed(scope):
        if "@vocab" in context:
            vocab = context["@vocab"]
            return vocab if isinstance(vocab, str) and ":" in vocab else None
    return None
