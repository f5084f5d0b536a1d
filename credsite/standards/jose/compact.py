"""Reading a compact JWS (RFC 7515 §7.1): three base64url parts, a JSON header, a JSON payload.

Nothing here judges the token: a part that cannot be read is reported with the reason, and the
verifier decides which check it fails. The encoding is read strictly, as the browser verifier
reads it: the base64url alphabet without padding, and only the canonical encoding of the bytes
(the unused low bits of the last character zero), so that one token has one spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from credsite.base.jsonfile import JsonInputError, load_json
from credsite.standards.multibase import base64url_decode

# Text that is meant as a JOSE token rather than JSON: base64url characters (and the padding
# some encoders add) in parts separated by dots. The same pattern as the browser's extract.js.
JOSE_TEXT = re.compile(r"[A-Za-z0-9_=-]*(?:\.[A-Za-z0-9_=-]*)+", re.ASCII)
PART_NAMES = ("header", "payload", "signature")


class TokenError(ValueError):
    """The text is not a compact JWS at all (``code`` PARTS or ENCODING, or ENCRYPTED for a JWE):
    nothing in it can be read, so every check after structure is not-checked."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Token:
    """A compact JWS split and decoded. ``header`` / ``payload`` are None when that part is not
    a JSON object, and ``header_problem`` / ``payload_problem`` then say why."""

    text: str
    signing_input: bytes
    signature: bytes
    header: dict[str, Any] | None
    header_problem: str | None
    payload: dict[str, Any] | None
    payload_problem: str | None


def looks_like_jose(text: str) -> bool:
    """Whether ``text`` (trimmed) is written as a JOSE token, not as JSON."""
    return JOSE_TEXT.fullmatch(text) is not None


def parse_token(text: str) -> Token:
    """The token's parts, or TokenError when it does not have three readable parts."""
    parts = text.split(".")
    if is_encrypted(parts):
        raise TokenError(
            "ENCRYPTED",
            "it is an encrypted JWT (a JWE), which cannot be read without its holder's key",
        )
    if len(parts) != 3:
        raise TokenError(
            "PARTS",
            f"it has {len(parts)} parts separated by dots, where a signed JWT has three "
            "(header, payload, signature)",
        )
    decoded = []
    for name, part in zip(PART_NAMES, parts, strict=True):
        value = _decode(part)
        if value is None:
            raise TokenError("ENCODING", f"its {name} is not base64url text")
        decoded.append(value)
    header, header_problem = _json_object(decoded[0], "header")
    payload, payload_problem = _json_object(decoded[1], "payload")
    return Token(
        text=text,
        signing_input=f"{parts[0]}.{parts[1]}".encode("ascii"),
        signature=decoded[2],
        header=header,
        header_problem=header_problem,
        payload=payload,
        payload_problem=payload_problem,
    )


def is_encrypted(parts: list[str]) -> bool:
    """Whether the parts are a JWE in compact form (RFC 7516 §7.1): five parts, the first a
    JSON header naming a content encryption (``enc``). Any other five parts are a malformed
    token, not an encrypted one."""
    if len(parts) != 5:
        return False
    header = _decode(parts[0])
    if header is None:
        return False
    value, _ = _json_object(header, "header")
    return value is not None and isinstance(value.get("enc"), str)


def _decode(text: str) -> bytes | None:
    """The bytes of canonical unpadded base64url text, or None."""
    try:
        return base64url_decode(text)
    except ValueError:
        return None


def _json_object(data: bytes, name: str) -> tuple[dict[str, Any] | None, str | None]:
    """The part as a JSON object under credsite's JSON rules (the same limits as a credential's
    JSON: size, depth, values, duplicate keys), or the reason it is not one."""
    try:
        value = load_json(data)
    except JsonInputError as error:
        return None, f"its {name} is not JSON ({error.reason})"
    if not isinstance(value, dict):
        return None, f"its {name} is not a JSON object"
    return value, None
