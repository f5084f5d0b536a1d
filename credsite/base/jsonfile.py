"""Reading JSON from files and the network: one loader, one set of rules, everywhere.

Credentials, status lists, DID documents and key files come from staff, learners and strangers.
Python's ``json`` module accepts what other readers do not, or reads it differently:

- duplicate keys (it keeps the last value; a browser's reader may be written to keep the
  first, and a signature covers only one reading), so a document with one is refused;
- ``NaN``, ``Infinity`` and numbers too large for a float (which it reads as infinity), none
  of which is JSON;
- nesting deep enough to exhaust the interpreter's recursion limit, which surfaces as a
  ``RecursionError`` traceback here or later, in whatever walks the document.

``load_json`` refuses all of these, and anything over the sizes in ``credsite.base.limits``, with a
``JsonInputError`` that names the line where the reader can find it. The fast C parser does the
work; positions are looked for only when something is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from credsite.base.limits import MAX_JSON_BYTES, MAX_JSON_DEPTH, MAX_JSON_NUMBER_DIGITS

# A JSON string (valid JSON has no raw line breaks in one); blanking them keeps every bracket,
# number and NaN outside strings at its place, so positions can be found with plain searches.
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


class JsonInputError(ValueError):
    """A JSON document refused, with the (1-based) line where the problem is, when known.

    ``syntax`` is true when the text is not JSON at all; ``reason`` then is the parser's
    message, which names line and column itself. A ValueError, so code that already handles
    ``json``'s own errors handles these too."""

    def __init__(self, reason: str, line: int | None = None, syntax: bool = False):
        super().__init__(reason if line is None or syntax else f"{reason} (line {line})")
        self.reason = reason
        self.line = line
        self.syntax = syntax

    def located(self, source: str) -> str:
        """``source:line: reason``, the form every message about a file takes."""
        where = source if self.line is None else f"{source}:{self.line}"
        return f"{where}: {self.reason}"


class _RefusedError(Exception):
    """Raised inside the parser's hooks; carries what to look for to find the line."""

    def __init__(self, reason: str, token: str | None = None, key: str | None = None):
        super().__init__(reason)
        self.reason, self.token, self.key = reason, token, key


def load_json(data: bytes | str, max_bytes: int = MAX_JSON_BYTES) -> Any:
    """Parse one JSON document under credsite's rules (see the module docstring).

    Raises JsonInputError; never RecursionError, whatever the input."""
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise JsonInputError(f"larger than {_size(max_bytes)} (the limit for a JSON document)")
    text = _decode(data) if isinstance(data, bytes | bytearray) else data
    try:
        value = json.loads(
            text,
            object_pairs_hook=_object,
            parse_constant=_constant,
            parse_int=_integer,
            parse_float=_float,
        )
    except RecursionError:
        raise JsonInputError(_too_deep(), _deep_line(_blanked(text))) from None
    except _RefusedError as refused:
        raise JsonInputError(refused.reason, _refused_line(text, refused)) from None
    except json.JSONDecodeError as error:
        where = f"{error.msg}: line {error.lineno} column {error.colno}"
        raise JsonInputError(where, error.lineno, syntax=True) from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise JsonInputError(_too_deep(), _deep_line(_blanked(text)))
    return value


def _decode(data: bytes | bytearray) -> str:
    try:
        return bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise JsonInputError(f"not UTF-8 text (byte {error.start})", line) from None


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{count} bytes"


def _too_deep() -> str:
    return f"nested more than {MAX_JSON_DEPTH} levels deep (arrays and objects within each other)"


# -- the parser's hooks ------------------------------------------------------------------------


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RefusedError(
                    f"the key {json.dumps(key, ensure_ascii=False)} is given twice in one object "
                    "(readers disagree on which value counts, so JSON with duplicate keys is "
                    "refused)",
                    key=key,
                )
            seen.add(key)
    return result


def _constant(name: str) -> Any:
    raise _RefusedError(f"{name} is not a JSON number", token=name)


def _integer(literal: str) -> int:
    _check_digits(literal)
    return int(literal)


def _float(literal: str) -> float:
    _check_digits(literal)
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise _RefusedError(f"the number {literal} is too large to read", token=literal)
    return value


def _check_digits(literal: str) -> None:
    digits = sum(c.isdigit() for c in literal)
    if digits > MAX_JSON_NUMBER_DIGITS:
        raise _RefusedError(
            f"a number of {digits} digits (at most {MAX_JSON_NUMBER_DIGITS} are read)",
            token=literal,
        )


# -- depth, without recursion --------------------------------------------------------------------


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest (a bare value: 0), stopping past the limit.

    Level by level rather than recursively; each level's values are filtered in one
    comprehension, which keeps this well under the cost of the parse itself."""
    depth, level = 0, [value]
    while depth <= MAX_JSON_DEPTH:
        containers = [item for item in level if isinstance(item, dict | list)]
        if not containers:
            break
        depth += 1
        level = []
        for container in containers:
            level.extend(container.values() if isinstance(container, dict) else container)
    return depth


# -- finding the line of a refused document (only on the error path) ---------------------------


def _blanked(text: str) -> str:
    """``text`` with every string's content replaced by spaces: same length, same lines."""
    return _STRING.sub(lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _deep_line(blanked: str) -> int | None:
    depth = 0
    for match in _BRACKET.finditer(blanked):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            return _line(blanked, match.start())
    return None


def _refused_line(text: str, refused: _RefusedError) -> int | None:
    blanked = _blanked(text)
    if refused.token is not None:
        token = re.escape(refused.token)
        match = re.search(rf"(?<![\w.+-]){token}(?![\w.+-])", blanked)
        return _line(blanked, match.start()) if match else None
    if refused.key is not None:
        return _duplicate_line(text, blanked, refused.key)
    return None


def _duplicate_line(text: str, blanked: str, key: str) -> int | None:
    """The line of the second ``key`` in the first object (in reading order) that has it twice."""
    for match in re.finditer(r"\{", blanked):
        seen = False
        try:
            for member, position in _members(text, match.start()):
                if member == key and seen:
                    return _line(text, position)
                seen = seen or member == key
        except (ValueError, IndexError, RecursionError):
            continue
    return None


_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _skip_whitespace(text: str, position: int) -> int:
    """The position of the first non-whitespace character at or after ``position``."""
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position  # the pattern matches the empty string too


def _members(text: str, start: int) -> Iterator[tuple[str, int]]:
    """(key, position) of each member of the object whose ``{`` is at ``start``."""
    decoder = json.JSONDecoder()
    position = _skip_whitespace(text, start + 1)
    while text[position] == '"':
        key, end = decoder.raw_decode(text, position)  # a JSON string: the key
        yield key, position
        position = _skip_whitespace(text, end)
        if text[position] != ":":
            return
        _, end = decoder.raw_decode(text, _skip_whitespace(text, position + 1))
        position = _skip_whitespace(text, end)
        if text[position] != ",":
            return
        position = _skip_whitespace(text, position + 1)
