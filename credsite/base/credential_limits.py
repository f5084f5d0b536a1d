"""The size limits both verifiers apply to a credential before any expensive work.

Canonicalizing a credential (JSON-LD expansion, node map, RDFC-1.0) costs about a millisecond per
entry of a list such as ``credentialSubject.identifier``, and jsonld.js in the browser still
compares each new value of a property with all earlier ones. A credential of thousands of
entries therefore kept a verifier busy for seconds to minutes (issue 11, item 7). Real
credentials are tiny by comparison (the largest example: 12.6 KB, 251 values, 6 levels, 20
array entries; the largest conformance fixture: 7.4 KB, 101 values), so documents far beyond them
are refused outright, with the reason, before anything is expanded.

The numbers live in ``credsite/data/limits.json``, which the browser bundle embeds too
(browser/src/verifier/limits.js), so both verifiers refuse the same documents. Definitions (the browser
counts the same way over the JSON text): every JSON value counts once (objects, arrays, strings,
numbers, true, false, null; keys are not values); depth counts nested objects and arrays, the
outer object being depth 1; bytes are the UTF-8 JSON text (here, of a parsed document, its
compact serialization).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LIMITS_FILE = resources.files("credsite") / "data" / "limits.json"


@dataclass(frozen=True)
class Limits:
    """The limits of ``credsite/data/limits.json``."""

    max_bytes: int
    max_values: int
    max_depth: int
    max_array_length: int


@cache
def limits() -> Limits:
    data = json.loads(LIMITS_FILE.read_text(encoding="utf-8"))
    return Limits(
        max_bytes=data["maxCredentialBytes"],
        max_values=data["maxJsonValues"],
        max_depth=data["maxJsonDepth"],
        max_array_length=data["maxArrayLength"],
    )


def size_problem(byte_count: int) -> str | None:
    """Why JSON text of ``byte_count`` bytes is refused unread, or None (for loaders)."""
    maximum = limits().max_bytes
    if byte_count > maximum:
        return (
            f"it is {byte_count:,} bytes, more than the {_size(maximum)} ({maximum:,} bytes) "
            "a credential may have"
        )
    return None


def document_problem(document: Any) -> str | None:
    """Why a parsed credential is beyond the limits, or None.

    Walks the document without recursion and stops at the first limit passed, so a hostile
    document costs no more than the limits allow; only then is its serialized size measured.
    """
    problem = _shape_problem(document, limits())
    if problem is None:
        problem = size_problem(_compact_size(document))
    return problem


_END = object()


def _shape_problem(document: Any, limit: Limits) -> str | None:
    """The first limit passed, in document order (as browser/src/verifier/limits.js scans the text, so
    that both verifiers name the same limit)."""
    values = 0
    # One frame per open object or list: its children, and for a list its length and entries seen.
    frames: list[tuple[Iterator[Any], int | None, list[int]]] = []
    item: Any = document
    while True:
        values += 1
        if values > limit.max_values:
            return (
                f"it holds more than {limit.max_values:,} JSON values (real credentials hold a "
                "few hundred)"
            )
        if frames and frames[-1][1] is not None:
            seen = frames[-1][2]
            seen[0] += 1
            if seen[0] > limit.max_array_length:
                return (
                    f"it has a list of {frames[-1][1]:,} entries, more than the "
                    f"{limit.max_array_length:,} allowed"
                )
        if isinstance(item, dict | list):
            if len(frames) + 1 > limit.max_depth:
                return f"it is nested more than {limit.max_depth} levels deep"
            children = iter(item.values() if isinstance(item, dict) else item)
            frames.append((children, len(item) if isinstance(item, list) else None, [0]))
        item = _END
        while frames and item is _END:
            item = next(frames[-1][0], _END)
            if item is _END:
                frames.pop()
        if item is _END:
            return None


def _compact_size(document: Any) -> int:
    """UTF-8 bytes of the compact JSON text (lone surrogates counted as their 3 bytes)."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8", "surrogatepass"))


def _size(byte_count: int) -> str:
    megabytes = byte_count / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{byte_count / 1024:g} KB"
