"""JSON-LD context loading and RDFC-1.0 canonicalization that the browser verifier agrees with.

The signer canonicalizes with pyld; the verifier in the browser canonicalizes with jsonld.js in
safe mode. A signature only verifies if both produce the same N-Quads, so ``canonicalize``
refuses every document on which they could differ instead of signing something no verifier
accepts. The cases, each found by running both libraries on the same input:

- terms no context defines, relative ``@id`` and ``@type`` values, malformed language tags and
  documents JSON-LD drops entirely: jsonld.js safe mode refuses them, pyld silently drops or
  keeps them (``@direction`` is accepted: both drop it, the browser verifier letting jsonld.js
  do so, and the check signed-data names it as not signed);
- control characters in text and ``<>"{}|^`\\`` in IRIs: RDFC-1.0 (and jsonld.js) escapes them,
  pyld writes them raw;
- integers beyond 2**53 - 1, which JavaScript reads as a different number; the rare doubles
  whose 16-digit rounding is an exact tie (Python rounds half to even, JavaScript away from
  zero); and one-digit numbers below 1e-6 such as 1e-7, which jsonld.js writes as "0";
- text mixing characters above U+FFFF with characters U+E000-U+FFFF where that changes the order
  of N-Quads: pyld sorts by code point (as RDFC-1.0 says), jsonld.js by UTF-16 code unit;
- identical nested objects without ids beyond jsonld.js's blank-node work limit.

Contexts come only from the files bundled in ``credsite/data/contexts``; nothing is fetched.
"""

from __future__ import annotations

import copy
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

from pyld.canon import URDNA2015
from pyld.context_resolver import ContextResolver
from pyld.identifier_issuer import IdentifierIssuer
from pyld.jsonld import JsonLdError, JsonLdProcessor
from pyld.jsonld import _is_absolute_iri as _is_absolute_iri

from credsite.base.errors import CanonicalizationError
from credsite.standards.inlinecontext import inline_problems
from credsite.standards.nodemap import create_node_map

Path = tuple[str | int, ...]
Problem = tuple[str, str]

_CONTEXTS_DIR = resources.files("credsite") / "data" / "contexts"

# Characters RDFC-1.0 escapes in literals but pyld writes raw (tab, LF, CR are escaped by both),
# plus lone surrogates, which cannot be encoded as UTF-8 at all.
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Characters RDFC-1.0 escapes inside IRIs (jsonld.js does, pyld does not), and whitespace in
# either language's sense, which makes one of them treat the IRI as relative.
_UNSAFE_IRI = re.compile(
    r'[\x00-\x20<>"{}|^`\\\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029'
    r"\u202f\u205f\u3000\ufeff]"
)
_ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s]*$")
_BCP47 = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_KEYWORD_LIKE = re.compile(r"^@[a-zA-Z]+$")
_ABOVE_BMP = re.compile("[\U00010000-\U0010ffff]")
_HIGH_BMP = re.compile("[\ue000-\uffff]")
_QUAD = re.compile(
    r'(?P<s>\S+) (?P<p><[^>]*>) (?P<o><[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@\S+)?)'
    r"(?: (?P<g>\S+))? \.\n?"
)

# Keywords whose edge cases (bare values, empty objects) pyld drops silently or mishandles where
# jsonld.js refuses, found by fuzzing both; credentials are written without them.
_UNSUPPORTED_KEYWORDS = frozenset(
    json.loads(
        (resources.files("credsite") / "data" / "signed-view.json").read_text(encoding="utf-8")
    )["refusedKeywords"]
)  # the browser verifier refuses the same keywords (browser/src/verifier/canonicalize.js)
MAX_SAFE_INTEGER = 2**53 - 1
# What pyld raises instead of a JsonLdError on some malformed JSON-LD (found by fuzzing: a proof
# holding {"@set": {"@included": []}} made it sort None against text; that shape is refused
# earlier now). The verifier reads files from anywhere, so such a crash is a finding about the
# document, reported with its cause.
_PYLD_CRASHES = (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError)
_MAX_PROBLEMS_SHOWN = 5
_INLINE_CONTEXT_REFUSED = (
    "inline or null @context values are not supported here: bundle the context and refer to "
    "it by URL (the one inline context accepted is an object after every URL in the top-level "
    '@context list that only adds "term": "absolute IRI" members)'
)
_MAX_DROP_CANDIDATES = 50

# pyld's resolved-context cache, private to credsite so that other pyld users (with other
# loaders) cannot feed it different contexts for the same URL. pyld also keeps each inline
# context there, keyed by its text: the bundled contexts and their scoped contexts make a few
# hundred entries, and the additive inline contexts of documents (credsite.standards.
# inlinecontext) would add one each, so it is emptied when it grows past the bound.
_RESOLVED_CONTEXTS: dict[str, Any] = {}
_RESOLVED_CONTEXTS_BOUND = 2000


@functools.cache
def _bundled_contexts() -> dict[str, Any]:
    index = json.loads((_CONTEXTS_DIR / "index.json").read_text(encoding="utf-8"))
    return {
        url: json.loads((_CONTEXTS_DIR / entry["file"]).read_text(encoding="utf-8"))
        for url, entry in index["contexts"].items()
    }


def bundled_context_urls() -> frozenset[str]:
    """The context URLs credsite can resolve: exactly those listed in ``index.json``."""
    return frozenset(_bundled_contexts())


def bundled_context(url: str) -> Any:
    """The bundled context document at ``url`` (shared: do not change it); raises
    ``CanonicalizationError`` for any other URL."""
    try:
        return _bundled_contexts()[url]
    except (KeyError, TypeError):
        raise CanonicalizationError(_unknown_context_message(url)) from None


def document_loader(url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """pyld document loader that serves only the bundled contexts and never the network.

    The result is tagged 'static', which is what lets pyld keep the resolved context between
    calls; without the tag it re-resolves every context for every document.
    """
    try:
        document = _bundled_contexts()[url]
    except (KeyError, TypeError):
        raise CanonicalizationError(_unknown_context_message(url)) from None
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": copy.deepcopy(document),
        "tag": "static",
    }


def find_unsafe_text(document: Any) -> list[tuple[str, str]]:
    """Every (JSON path, 'U+XXXX') where a key or string holds a character pyld mis-serializes.

    Each code point is reported once per string, in order of first appearance.
    """
    found = []
    for path, value in _walk(document):
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str):
                    found += [(_format_path((*path, key)), code) for code in _unsafe_codes(key)]
        elif isinstance(value, str):
            found += [(_format_path(path), code) for code in _unsafe_codes(value)]
    return found


class SharedSubtree:
    """Canonicalizing many documents that share large subtrees, such as a run of credentials for
    one module: all carry the same Achievement and the same issuer Profile.

    JSON-LD expansion, two thirds of the work, depends only on a subtree and the active context
    around it. So each shared subtree is expanded once (in a full, fully checked expansion of the
    first document) and spliced into the expansion of each later document, where a small stub
    stands in for it. The canonical form is the same as without the cache (tests hold it to
    that); only the time differs. The spliced expansions are shared, not copied: pyld's node map
    and RDF steps only read their input (a test checks that they stay unchanged).
    """

    STUB = "urn:credsite:shared-subtree:"

    def __init__(
        self,
        paths: tuple[tuple[str, ...], ...] = (("credentialSubject", "achievement"), ("issuer",)),
    ):
        self.paths = paths
        self._expanded: dict[str, dict[str, Any]] = {}  # cache key: expanded node
        # What other steps over the same documents keep per subtree key (credsite.standards.signedview
        # keeps each subtree's signed view here), so that one object carries a run's caches.
        self.derived: dict[str, dict[str, Any]] = {}

    def stubs(
        self, document: dict[str, Any]
    ) -> dict[str, tuple[tuple[str, ...], dict[str, Any], str]] | None:
        """Per stub id, (path, subtree, cache key) of each shared subtree; None when one is
        missing or has no id, and the document must be processed whole."""
        found = {}
        for number, path in enumerate(self.paths):
            parent = _at_path(document, path[:-1])
            subtree = parent.get(path[-1]) if isinstance(parent, dict) else None
            if not isinstance(subtree, dict) or not isinstance(subtree.get("id"), str):
                return None
            # Everything that sets the active context at the subtree: the document's context,
            # the parent's own context and type (either spelling), the path.
            around = [parent.get(k) for k in ("@context", "type", "@type")]
            key = json.dumps([document.get("@context"), path, around, subtree], sort_keys=True)
            found[f"{self.STUB}{number}"] = (path, subtree, key)
        return found

    def stubbed(
        self,
        document: dict[str, Any],
        stubs: dict[str, tuple[tuple[str, ...], dict[str, Any], str]],
    ) -> dict[str, Any]:
        """A copy of ``document`` with a small stub (id and type) in place of each subtree."""
        stubbed = copy.copy(document)
        for stub_id, (path, subtree, _) in stubs.items():
            _replace_path(stubbed, path[:-1])[path[-1]] = {
                "id": stub_id,
                "type": subtree.get("type"),
            }
        return stubbed

    def expand(self, document: dict[str, Any]) -> tuple[list[Any], list[str | None]]:
        stubs = self.stubs(document)
        if stubs is None:
            return _expand(document)
        if not all(key in self._expanded for _, _, key in stubs.values()):
            expanded, dropped = _expand(document)
            if not dropped:
                for _, subtree, key in stubs.values():
                    node = _expanded_node(expanded, subtree["id"])
                    if node is not None:
                        self._expanded[key] = copy.deepcopy(node)
            return expanded, dropped
        expanded, dropped = _expand(self.stubbed(document, stubs))
        for stub_id, (_, _, key) in stubs.items():
            if not _splice(expanded, stub_id, self._expanded[key]):
                return _expand(document)  # a stub vanished (an odd document): the long way
        return expanded, dropped


def _at_path(document: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        document = document.get(key) if isinstance(document, dict) else None
    return document


def _replace_path(document: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """Shallow-copy the dicts along ``path`` so the caller's document stays as it was."""
    node = document
    for key in path:
        node[key] = dict(node[key])
        node = node[key]
    return node


def _expanded_node(value: Any, node_id: str) -> dict[str, Any] | None:
    """The expanded node object with ``@id`` ``node_id`` that carries properties."""
    if isinstance(value, list):
        return next((n for n in (_expanded_node(v, node_id) for v in value) if n is not None), None)
    if isinstance(value, dict):
        if value.get("@id") == node_id and len(value) > 2:
            return value
        return next(
            (n for n in (_expanded_node(v, node_id) for v in value.values()) if n is not None), None
        )
    return None


def _splice(value: Any, stub_id: str, replacement: dict[str, Any]) -> bool:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict) and item.get("@id") == stub_id:
                value[index] = replacement
                return True
            if _splice(item, stub_id, replacement):
                return True
    elif isinstance(value, dict):
        return any(_splice(v, stub_id, replacement) for v in value.values())
    return False


def canonicalize(document: Mapping[str, Any], shared: SharedSubtree | None = None) -> str:
    """RDFC-1.0 canonical N-Quads of ``document``, identical to jsonld.js safe mode's output.

    Raises ``CanonicalizationError`` naming the JSON path and the reason for anything jsonld.js
    would refuse or serialize differently (see the module docstring). ``shared`` speeds up runs
    of documents with one large subtree in common (see SharedSubtree).
    """
    if not isinstance(document, Mapping):
        raise CanonicalizationError(
            f"a JSON-LD document must be a JSON object, not {type(document).__name__}"
        )
    document = dict(document)
    try:
        _raise_if(_json_problems(document))
    except RecursionError as error:
        raise CanonicalizationError("the document is nested too deeply to process") from error
    expanded, dropped = shared.expand(document) if shared is not None else _expand(document)
    problems = _dropped_term_problems(document, dropped) if dropped else []
    problems += _expanded_problems(document, expanded)
    _raise_if(problems)
    nquads = _normalize(expanded)
    if not nquads:
        _raise_if([("(document)", "the document has no statements to sign")])
    _raise_if(_order_problems(nquads))
    return nquads


# --- checks on the JSON as written -------------------------------------------------------------


def _json_problems(document: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for path, value in _walk(document):
        if isinstance(value, dict):
            problems += _key_problems(path, value) + _keyword_problems(path, value)
            if "@context" in value:
                problems += _context_problems((*path, "@context"), value["@context"], document)
        elif isinstance(value, str):
            problems += [(_format_path(path), _unsafe_text_reason(c)) for c in _unsafe_codes(value)]
        elif isinstance(value, bool) or value is None or isinstance(value, list):
            continue
        elif isinstance(value, int):
            problems += _integer_problems(path, value)
        elif isinstance(value, float):
            problems += _float_problems(path, value)
        else:
            problems.append((_format_path(path), f"{type(value).__name__} is not a JSON value"))
    return problems


def _key_problems(path: Path, mapping: dict[Any, Any]) -> list[Problem]:
    problems = []
    for key in mapping:
        if not isinstance(key, str):
            problems.append((_format_path(path), f"key {key!r} is not text"))
            continue
        where = _format_path((*path, key))
        problems += [
            (where, _unsafe_text_reason(code) + " (in the key)") for code in _unsafe_codes(key)
        ]
    return problems


def _keyword_problems(path: Path, mapping: dict[str, Any]) -> list[Problem]:
    """Shapes pyld drops without a word before we can see them, and jsonld.js refuses."""
    where = _format_path(path)
    problems = [
        (
            _format_path((*path, key)),
            f"the keyword {key} is not supported (pyld and jsonld.js "
            "treat it differently in edge cases, and credentials do not need it)",
        )
        for key in mapping
        if key in _UNSUPPORTED_KEYWORDS
    ]
    if "@list" in mapping and mapping.keys() - {"@list", "@index"}:
        # pyld quietly turns such an object into the list and loses the rest.
        problems.append((where, "an object with @list may hold nothing else"))
    if "@value" in mapping and mapping["@value"] is None:
        problems.append((where, "an object with a null @value is dropped"))
    language = mapping.get("@language")
    if isinstance(language, str) and not _BCP47.match(language):
        problems.append((where + ".@language", f"{language!r} is not a well-formed language tag"))
    if mapping.keys() == {"@language"}:
        problems.append((where, "an object with only @language is dropped"))
    return problems


def _context_problems(path: Path, context: Any, document: dict[str, Any]) -> list[Problem]:
    if isinstance(context, str):
        entries: list[tuple[Path, Any]] = [(path, context)]
    elif isinstance(context, list):
        entries = [((*path, index), item) for index, item in enumerate(context)]
    else:
        entries = [(path, context)]
    known = _bundled_contexts()
    # Only the top-level @context list may hold an inline context, and only one that adds
    # terms (credsite.standards.inlinecontext); anywhere else, every inline context is refused.
    additive = path == ("@context",) and isinstance(context, list)
    problems = []
    for where, item in entries:
        if isinstance(item, str):
            if item not in known:
                problems.append((_format_path(where), _unknown_context_message(item)))
        elif not (additive and isinstance(item, dict)):
            problems.append((_format_path(where), _INLINE_CONTEXT_REFUSED))
    if additive and any(isinstance(item, dict) for item in context):
        problems += [
            (_format_path((*path, p.index, *([p.term] if p.term is not None else []))), p.message)
            for p in inline_problems(context, document, bundled_context, known)
        ]
    return problems


def _integer_problems(path: Path, value: int) -> list[Problem]:
    if abs(value) <= MAX_SAFE_INTEGER:
        return []
    return [
        (
            _format_path(path),
            f"integer {value} is beyond 2**53 - 1: a JavaScript verifier "
            "reads it as a different number; write it as a string",
        )
    ]


def _float_problems(path: Path, value: float) -> list[Problem]:
    if not math.isfinite(value):
        return [(_format_path(path), f"{value} is not a JSON number")]
    if _javascript_reads_as_integer(value):
        return [
            (
                _format_path(path),
                f"number {value!r} is below 0.000001 with one significant "
                "digit, which jsonld.js mistakes for an integer and writes as 0; use a decimal "
                "with more digits or another unit",
            )
        ]
    if (value.is_integer() and abs(value) < 1e21) or not _rounding_is_tie(value):
        return []
    return [
        (
            _format_path(path),
            f"number {value!r} lies exactly halfway at 16 significant "
            "digits, where pyld and jsonld.js round it differently; use fewer digits",
        )
    ]


def _javascript_reads_as_integer(value: float) -> bool:
    """jsonld.js calls a number a double only if String(n) has a '.', and JavaScript writes
    non-integers below 1e-6 in exponent form: 1e-7 becomes "1e-7" and is serialized as "0".
    Python's repr also uses exponent form there, with the same shortest digits."""
    return not value.is_integer() and abs(value) < 1e-6 and "." not in repr(value)


def _rounding_is_tie(value: float) -> bool:
    """True if ties-to-even (pyld's '%.15E') and ties-away (JS toExponential) disagree."""
    exact = Decimal(value)
    if not exact:
        return False
    quantum = Decimal(1).scaleb(exact.adjusted() - 15)
    return exact.quantize(quantum, ROUND_HALF_EVEN) != exact.quantize(quantum, ROUND_HALF_UP)


def _unsafe_codes(text: str) -> list[str]:
    return list(dict.fromkeys(f"U+{ord(m.group()):04X}" for m in _UNSAFE_TEXT.finditer(text)))


def _unsafe_text_reason(code: str) -> str:
    return (
        f"control character {code} is not allowed: pyld writes it raw where RDFC-1.0 and "
        "jsonld.js escape it, so the signature would not verify"
    )


# --- expansion and the checks on its result ----------------------------------------------------


def _processor_options() -> dict[str, Any]:
    # base None keeps relative references relative, as jsonld.js does; with pyld's default ('')
    # they are resolved against http://example.org/base/ and would pass as absolute IRIs.
    # Free-floating nodes are kept so that _scan_graph can refuse them (pyld drops them
    # silently); a document that passes has none, so keeping them changes nothing.
    if len(_RESOLVED_CONTEXTS) > _RESOLVED_CONTEXTS_BOUND:
        _RESOLVED_CONTEXTS.clear()
    return {
        "base": None,
        "keepFreeFloatingNodes": True,
        "documentLoader": document_loader,
        "contextResolver": ContextResolver(_RESOLVED_CONTEXTS, document_loader),
    }


def canonicalization_options() -> dict[str, Any]:
    """pyld options that resolve only the bundled contexts, as canonicalization uses them; for
    other JSON-LD steps on the same documents (credsite.standards.signedview)."""
    return _processor_options()


def _expand(document: dict[str, Any]) -> tuple[list[Any], list[str | None]]:
    """Expand, recording every property pyld drops (jsonld.js safe mode refuses those)."""
    dropped: list[str | None] = []
    processor = JsonLdProcessor(on_property_dropped=dropped.append)
    try:
        expanded = processor.expand(document, _processor_options())
    except JsonLdError as error:
        raise CanonicalizationError(_pyld_error_message(error)) from error
    except _PYLD_CRASHES as error:
        raise CanonicalizationError(_pyld_crash_message(error)) from error
    return expanded, dropped


def _normalize(expanded: list[Any]) -> str:
    try:
        dataset = _to_rdf(expanded)
        nquads: str = _BoundedURDNA2015().main(dataset, {"format": "application/n-quads"})
        return nquads
    except JsonLdError as error:
        raise CanonicalizationError(_pyld_error_message(error)) from error
    except _PYLD_CRASHES as error:
        raise CanonicalizationError(_pyld_crash_message(error)) from error


def rdf_options() -> dict[str, Any]:
    """The options pyld's to_rdf would use, for its graph-to-RDF step (and bench/pathological.py)."""
    return {
        **_processor_options(),
        "produceGeneralizedRdf": False,
        "processingMode": "json-ld-1.1",
        "extractAllScripts": True,
    }


def _to_rdf(expanded: list[Any]) -> dict[str, Any]:
    """pyld's to_rdf, minus its first step: it would expand the already expanded document again,
    which costs a quarter of a credential's canonicalization. The steps below are to_rdf's own
    (node map, then each graph to RDF), with the options it would use; the node map is
    credsite.standards.nodemap's, which equals pyld's but takes linear time (pyld's is quadratic in the
    number of values of one property)."""
    processor = JsonLdProcessor()
    options = rdf_options()
    issuer = IdentifierIssuer("_:b")
    node_map = create_node_map(expanded, issuer)
    dataset: dict[str, Any] = {}
    for graph_name, graph in sorted(node_map.items()):
        if graph_name == "@default" or _is_absolute_iri(graph_name):
            dataset[graph_name] = processor._graph_to_rdf(graph, issuer, options)
    return dataset


class _BoundedURDNA2015(URDNA2015):  # type: ignore[misc]  # pyld has no types: its classes are Any
    """pyld's RDFC-1.0 with the work limit jsonld.js applies (rdf-canonize maxWorkFactor 1).

    jsonld.js allows as many runs of Hash N-Degree Quads as there are blank nodes without a
    unique first-degree hash, and refuses the document beyond that; pyld has no limit. Counting
    the same runs keeps the two in agreement (nested identical objects such as repeated results
    with repeated alignments hit it) and bounds the factorial work a hostile document can cause.
    """

    def __init__(self) -> None:
        super().__init__()
        self._remaining_deep_iterations: int | None = None

    def hash_n_degree_quads(self, id_: str, issuer: IdentifierIssuer) -> dict[str, Any]:
        if self._remaining_deep_iterations is None:
            # First call: step 5 is done and only the non-unique groups are left.
            groups = self.hash_to_blank_nodes.values()
            self._remaining_deep_iterations = sum(len(ids) for ids in groups)
        if self._remaining_deep_iterations <= 0:
            raise CanonicalizationError(
                "cannot canonicalize safely: (document): too many identical nested objects "
                "without an id (jsonld.js stops canonicalizing at this work limit); give them "
                "ids or make them differ"
            )
        self._remaining_deep_iterations -= 1
        result: dict[str, Any] = super().hash_n_degree_quads(id_, issuer)
        return result


def _dropped_term_problems(document: dict[str, Any], dropped: list[str | None]) -> list[Problem]:
    problems = []
    for term, count in Counter(dropped).items():
        reason = (
            f"{term!r} is not defined by any @context of this document: JSON-LD would drop it "
            "(jsonld.js safe mode refuses it); remove or rename it, or bundle a context that "
            "defines it"
            if term
            else "this key expands to nothing (an unknown @keyword or a term mapped to null)"
        )
        paths = _locate_dropped(document, term, count)
        problems += [(_format_path(path), reason) for path in paths] or [("(document)", reason)]
    return problems


def _locate_dropped(document: dict[str, Any], term: str | None, count: int) -> list[Path]:
    """Find which keys pyld dropped; pyld reports only the term, not where it was.

    When the same key name occurs in several places (defined in one scope, not in another),
    each candidate is removed in turn to see whether the drop goes away.
    """

    def matches(key: str) -> bool:
        return key == term if term else bool(_KEYWORD_LIKE.match(key))

    candidates = [path for path in _key_paths(document) if matches(str(path[-1]))]
    if len(candidates) <= count or len(candidates) > _MAX_DROP_CANDIDATES:
        return candidates
    return _culprits(document, term, count, candidates, count)


def _culprits(
    document: dict[str, Any], term: str | None, count: int, paths: list[Path], inside: int
) -> list[Path]:
    """The keys among ``paths`` that pyld drops, ``inside`` of them, by halving.

    Removing a group of keys lowers the drop count by the number of dropped keys in the group,
    so about ``inside × log2(len(paths))`` expansions find them where trying each key took one
    per candidate: a credential with twenty alignments and one misspelt type was expanded
    eighty times. Where the counts do not add up (a removal breaks expansion, or a key holds
    more than one drop), each key is tried on its own.
    """
    if inside == 0:
        return []
    if inside == len(paths):
        return paths
    half, rest = paths[: len(paths) // 2], paths[len(paths) // 2 :]
    in_half = count - _drop_count(_without(document, *half), term)
    in_rest = inside - in_half
    if not (0 <= in_half <= len(half) and 0 <= in_rest <= len(rest)):
        return [path for path in paths if _drop_count(_without(document, path), term) < count]
    return _culprits(document, term, count, half, in_half) + _culprits(
        document, term, count, rest, in_rest
    )


def _drop_count(document: dict[str, Any], term: str | None) -> int:
    try:
        return _expand(document)[1].count(term)
    except CanonicalizationError:
        # Removing the key broke expansion; treat the key as the culprit rather than hide it.
        return -1


def _expanded_problems(document: dict[str, Any], expanded: list[Any]) -> list[Problem]:
    if not expanded:
        return [
            (
                "(document)",
                "JSON-LD keeps nothing of this document (an empty object or one "
                "with only an id is dropped; jsonld.js safe mode refuses it)",
            )
        ]
    found: list[tuple[str, str]] = []
    _scan_graph(expanded, found)
    problems = []
    for value, reason in dict.fromkeys(found):
        paths = _locate_value(document, value)
        problems += [(_format_path(path), reason) for path in paths] or [("(document)", reason)]
    return problems


def _scan_expanded(node: Any, found: list[tuple[str, str]]) -> None:
    """Collect (offending string, reason) for what safe mode refuses in the expanded form."""
    if isinstance(node, list):
        for item in node:
            _scan_expanded(item, found)
    elif isinstance(node, dict):
        if "@value" in node:
            _scan_value_object(node, found)
        elif "@list" in node:
            _scan_expanded(node["@list"], found)
        else:
            _scan_node_object(node, found)


def _scan_graph(items: list[Any], found: list[tuple[str, str]]) -> None:
    """Items of the document or of a graph (such as proof): jsonld.js drops, and in safe mode
    refuses, the ones that state nothing; pyld keeps those of graph containers and drops the
    others silently (expansion keeps them here, with keepFreeFloatingNodes, to find them)."""
    for item in items:
        if isinstance(item, dict):
            shape = _statement_free_shape(item)
            if shape:
                node_id = item.get("@id")
                needle = node_id if isinstance(node_id, str) else ""
                found.append(
                    (
                        needle,
                        f"{shape} where a node is expected (at the top level or in "
                        "a graph such as proof) states nothing and is dropped",
                    )
                )
        _scan_expanded(item, found)


def _statement_free_shape(item: dict[str, Any]) -> str | None:
    if not item:
        return "an empty object"
    if "@value" in item:
        return "a bare value"
    if "@list" in item:
        return "a bare list"
    if item.keys() == {"@id"}:
        return f"an object with only an id ({item['@id']})"
    return None


def _scan_value_object(node: dict[str, Any], found: list[tuple[str, str]]) -> None:
    datatype = node.get("@type")
    if isinstance(datatype, str) and datatype != "@json":
        _check_iri(datatype, "datatype", found)
    language = node.get("@language")
    if isinstance(language, str) and not _BCP47.match(language):
        found.append((language, f"{language!r} is not a well-formed language tag"))
    # @direction is allowed: RDFC-1.0 drops it (rdfDirection unset, as in jsonld.js with the
    # browser verifier's handler), and the check signed-data names it as not signed.


def _scan_node_object(node: dict[str, Any], found: list[tuple[str, str]]) -> None:
    for key, value in node.items():
        if key == "@id":
            _check_iri(value, "@id", found)
        elif key == "@type":
            for type_iri in value:
                _check_iri(type_iri, "@type", found)
        elif key == "@reverse":
            _scan_node_object(value, found)
        elif key == "@graph":
            _scan_graph(value, found)
        elif key == "@included":
            _scan_expanded(value, found)
        elif key.startswith("@"):
            if key != "@index":
                found.append(
                    (
                        key,
                        f"the keyword {key} cannot appear in an object that describes "
                        "something (pyld keeps it there, jsonld.js ignores it)",
                    )
                )
        else:
            if key.startswith("_:"):
                found.append(
                    (key, "a blank node cannot be a property (jsonld.js safe mode refuses it)")
                )
            _check_iri(key, "property", found)
            _scan_expanded(value, found)


def _check_iri(iri: Any, role: str, found: list[tuple[str, str]]) -> None:
    if not isinstance(iri, str):
        return
    if not _ABSOLUTE_IRI.match(iri):
        found.append((iri, _relative_reason(iri, role)))
        return
    bad = _UNSAFE_IRI.search(iri)
    if bad:
        found.append(
            (
                iri,
                f"{role} IRI {iri!r} contains U+{ord(bad.group()):04X}, which "
                "RDFC-1.0 escapes and pyld does not; percent-encode it",
            )
        )


def _relative_reason(iri: str, role: str) -> str:
    if role == "@type":
        return (
            f"type {iri!r} is not defined by any @context of this document, so it is a "
            "relative IRI (jsonld.js safe mode: 'relative @type reference'); add the context "
            "that defines it or remove it"
        )
    return (
        f"{role} {iri!r} is not an absolute IRI (jsonld.js safe mode refuses relative "
        "references); use a full URL, urn: or did:"
    )


# --- order of N-Quads: code points (pyld, RDFC-1.0) versus UTF-16 code units (jsonld.js) --------


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be", "surrogatepass")


def _order_problems(nquads: str) -> list[Problem]:
    """Refuse output whose order would differ under jsonld.js's UTF-16 string sort.

    The orders differ only between a character above U+FFFF and one in U+E000-U+FFFF, so the
    check is skipped unless the output has both. Besides the final sort, the first-degree hash
    of every blank node sorts that node's quads, so those lists are checked as well.
    """
    if not (_ABOVE_BMP.search(nquads) and _HIGH_BMP.search(nquads)):
        return []
    lines = nquads.splitlines(keepends=True)
    groups = [lines] + [_first_degree_quads(lines, label) for label in _blank_labels(lines)]
    for group in groups:
        if sorted(group) != sorted(group, key=_utf16):
            return [
                (
                    "(document)",
                    "the text mixes characters above U+FFFF (e.g. emoji) with "
                    "characters U+E000-U+FFFF in a way that pyld and jsonld.js sort "
                    "differently (code points versus UTF-16); change one of the two texts",
                )
            ]
    return []


def _blank_labels(lines: list[str]) -> set[str]:
    labels: set[str] = set()
    for line in lines:
        quad = _parse_quad(line)
        labels.update(v for v in quad.values() if v and v.startswith("_:"))
    return labels


def _first_degree_quads(lines: list[str], label: str) -> list[str]:
    quads = []
    for line in lines:
        quad = _parse_quad(line)
        if label not in quad.values():
            continue
        terms = (quad[k] for k in ("s", "p", "o", "g"))
        parts = [_relabel(term, label) for term in terms if term]
        quads.append(" ".join(parts) + " .\n")
    return quads


def _relabel(term: str, label: str) -> str:
    if not term.startswith("_:"):
        return term
    return "_:a" if term == label else "_:z"


def _parse_quad(line: str) -> dict[str, str | None]:
    match = _QUAD.fullmatch(line)
    if match is None:
        raise CanonicalizationError(f"cannot check the order of canonical N-Quads line {line!r}")
    return match.groupdict()


# --- paths and messages ------------------------------------------------------------------------


def _walk(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def _outside_contexts(document: Any) -> Iterator[tuple[Path, Any]]:
    return ((p, v) for p, v in _walk(document) if "@context" not in p)


def _key_paths(document: dict[str, Any]) -> list[Path]:
    return [
        (*path, key)
        for path, value in _outside_contexts(document)
        if isinstance(value, dict)
        for key in value
        if key != "@context"
    ]


def _locate_value(document: dict[str, Any], needle: str) -> list[Path]:
    values = [
        (path, value) for path, value in _outside_contexts(document) if isinstance(value, str)
    ]
    paths = [path for path, value in values if value == needle]
    # pyld lower-cases language tags, so fall back to a case-insensitive match.
    paths = paths or [path for path, value in values if value.lower() == needle.lower()]
    return paths or [p for p in _key_paths(document) if p[-1] == needle]


def _without(document: dict[str, Any], *paths: Path) -> dict[str, Any]:
    """A copy of ``document`` without the object keys at ``paths`` (keys, never list items,
    so removing one does not move another; a key inside one removed before is gone with it)."""
    trimmed = copy.deepcopy(document)
    for index, path in enumerate(paths):
        if any(path[: len(gone)] == gone for gone in paths[:index]):
            continue
        parent: Any = trimmed
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
    return trimmed


def _format_path(path: Path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = _UNSAFE_TEXT.sub(lambda m: f"\\u{ord(m.group()):04X}", str(part))
            text += f".{name}" if text else name
    return text or "(document)"


def _raise_if(problems: list[Problem]) -> None:
    if not problems:
        return
    unique = list(dict.fromkeys(problems))
    shown = "; ".join(f"{path}: {reason}" for path, reason in unique[:_MAX_PROBLEMS_SHOWN])
    more = len(unique) - _MAX_PROBLEMS_SHOWN
    suffix = f"; and {more} more problem(s)" if more > 0 else ""
    raise CanonicalizationError(f"cannot canonicalize safely: {shown}{suffix}")


def _unknown_context_message(url: Any) -> str:
    return (
        f"unknown JSON-LD context URL {url!r}: only the contexts bundled in "
        "credsite/data/contexts are allowed, and contexts are never fetched from the network"
    )


def _pyld_crash_message(error: Exception) -> str:
    return f"JSON-LD processing failed on this document ({type(error).__name__}: {error})"


def _pyld_error_message(error: JsonLdError) -> str:
    """Our own loader's message if it caused the failure, else pyld's innermost message."""
    messages = []
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, CanonicalizationError):
            return str(cause)
        if isinstance(cause, JsonLdError):
            code = f" ({cause.code})" if cause.code else ""
            messages.append(f"{cause.args[0]}{code}")
        cause = cause.__cause__
    return "JSON-LD processing failed: " + ": ".join(messages)
