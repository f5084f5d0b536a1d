"""Which vocabularies a credential names that this verifier does not carry: what turns the
``contexts`` check from ``failed`` into ``unsupported``.

A credential whose ``@context`` names a URL that is not bundled (``credsite/data/contexts``)
cannot be read at all, so nothing else about its data can be judged: that is a format this
verifier does not know, not a fault of the credential. A credential that also defines a context
inline or uses a refused keyword (``signed-view.json`` ``refusedKeywords``) shows a fault in its
JSON alone, and stays ``failed``. The browser verifier applies the same rule
(``browser/src/verifier/context-scan.js``) over the same walk: every JSON object outside
``@context`` values, at any depth.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from credsite.standards.jsonld import bundled_context_urls
from credsite.standards.signedview import refused_keywords


def unbundled_contexts(document: Any) -> list[str]:
    """The @context URLs of ``document`` that are not bundled, each once in document order;
    empty when there are none, or when the document has an inline (or null) context or a
    refused keyword anywhere, which make it ``failed`` whatever its vocabularies."""
    known, refused = bundled_context_urls(), refused_keywords()
    urls: list[str] = []
    for mapping in _objects(document):
        if refused & mapping.keys():
            return []
        if "@context" not in mapping:
            continue
        context = mapping["@context"]
        entries = context if isinstance(context, list) else [context]
        if not all(isinstance(entry, str) for entry in entries):
            return []
        urls += [entry for entry in entries if entry not in known]
    return list(dict.fromkeys(urls))


def _objects(root: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``root`` without entering ``@context`` values, without recursion
    (a document's depth is not ours to choose)."""
    stack = [root]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            yield value
            stack.extend(reversed([v for k, v in value.items() if k != "@context"]))
