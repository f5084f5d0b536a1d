"""Credentials inside image files: baked PNG and SVG badges (Open Badges 3.0 §Baked Badge).

PNG: one uncompressed ``iTXt`` chunk with keyword ``openbadgecredential`` (empty language tag
and translated keyword), right after ``IHDR``. SVG: an ``openbadges:credential`` element with
the JSON in CDATA directly after the opening ``<svg>`` tag. Reading takes the first such chunk or
element. A credential signed as a JWT (OB 3.0 §5.3) is baked as its compact JWS: the PNG chunk's
text, or the SVG element's ``verify`` attribute; ``extract_text`` returns it as it is, for
``verification.verify_text`` to tell from JSON. The verification page bakes in the browser (browser/src/pages/bake.js); this module is used
by ``verify`` and the tests, and both must agree.
"""

from __future__ import annotations

import re
import struct
import zlib
from typing import Any
from xml.etree import ElementTree

from credsite.base.errors import ConfigError
from credsite.base.jsonfile import JsonInputError, load_json

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"openbadgecredential"
SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
MAX_CHUNK = 16 * 1024 * 1024


def _chunks(data: bytes) -> list[tuple[bytes, bytes, int]]:
    """(type, body, offset) of every chunk; raises ValueError on a malformed PNG."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    chunks: list[tuple[bytes, bytes, int]] = []
    offset = len(PNG_SIGNATURE)
    while offset < len(data):
        if offset + 12 > len(data):
            raise ValueError("truncated PNG chunk")
        length: int
        kind: bytes
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if length > MAX_CHUNK or offset + 12 + length > len(data):
            raise ValueError("PNG chunk longer than the file")
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"bad CRC in PNG chunk {kind.decode('latin-1')}")
        chunks.append((kind, body, offset))
        offset += 12 + length
        if kind == b"IEND":
            break
    return chunks


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bake_png(png: bytes, credential_text: str) -> bytes:
    """The PNG with the credential in an iTXt chunk after IHDR (any earlier one replaced)."""
    chunks = _chunks(png)
    if not chunks or chunks[0][0] != b"IHDR":
        raise ValueError("a PNG must start with IHDR")
    body = KEYWORD + b"\0" + b"\0\0" + b"\0" + b"\0" + credential_text.encode("utf-8")
    out = [PNG_SIGNATURE, _chunk(b"IHDR", chunks[0][1]), _chunk(b"iTXt", body)]
    for kind, chunk_body, _ in chunks[1:]:
        if kind == b"iTXt" and chunk_body.startswith(KEYWORD + b"\0"):
            continue
        out.append(_chunk(kind, chunk_body))
    return b"".join(out)


def png_credential_text(png: bytes) -> str | None:
    for kind, body, _ in _chunks(png):
        if kind != b"iTXt" or not body.startswith(KEYWORD + b"\0"):
            continue
        rest = body[len(KEYWORD) + 1 :]
        if len(rest) < 2:
            raise ValueError("truncated iTXt chunk")
        compressed, method, rest = rest[0], rest[1], rest[2:]
        _language, _, rest = rest.partition(b"\0")
        _translated, _, text = rest.partition(b"\0")
        if compressed:
            if method != 0:
                raise ValueError("unknown iTXt compression method")
            text = zlib.decompress(text)  # not allowed by the spec, but readable
        return text.decode("utf-8")
    return None


def bake_svg(svg: str, credential_text: str) -> str:
    """The SVG with the credential as the first child of <svg> (CDATA, ']]>' split safely)."""
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        raise ValueError("not an SVG file (no <svg> element)")
    opening = match.group(0)
    if "xmlns:openbadges" not in opening:
        opening = opening[:-1].rstrip("/") + f' xmlns:openbadges="{SVG_NAMESPACE}">'
    cdata = credential_text.replace("]]>", "]]]]><![CDATA[>")
    element = f"<openbadges:credential><![CDATA[{cdata}]]></openbadges:credential>"
    return svg[: match.start()] + opening + element + svg[match.end() :]


def svg_credential_text(svg: bytes) -> str | None:
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise ValueError(f"not well-formed SVG ({error})") from error
    element = root.find(f"{{{SVG_NAMESPACE}}}credential")
    if element is None:
        element = root.find(f".//{{{SVG_NAMESPACE}}}credential")
    if element is None:
        return None
    verify = element.get("verify")
    if verify is not None:  # a VC-JWT: the compact JWS is the attribute's value
        return verify
    return element.text or ""


def extract_credential(data: bytes, source: str) -> Any:
    """The credential in a file's bytes: JSON, or the one baked into a PNG or SVG."""
    text, kind = extract_text(data, source)
    try:
        return load_json(text)
    except JsonInputError as error:
        what = "not a credential" if kind == "JSON" else f"the {kind}'s baked credential"
        if error.syntax:
            raise ConfigError(f"{source}: {what}: not valid JSON ({error.reason})") from error
        if kind == "JSON":
            raise ConfigError(error.located(source)) from error
        raise ConfigError(f"{source}: {what}: {error}") from error


def extract_text(data: bytes, source: str) -> tuple[str, str]:
    """The credential text in a file's bytes (JSON, or a compact JWS), and where it was found:
    the file itself ("JSON", also for a JWT file), or a baked "PNG" or "SVG"."""
    try:
        if data.startswith(PNG_SIGNATURE):
            text = png_credential_text(data)
            kind = "PNG"
        elif data.lstrip()[:1] == b"<":
            text = svg_credential_text(data)
            kind = "SVG"
        else:
            text, kind = data.decode("utf-8-sig"), "JSON"
    except (ValueError, UnicodeDecodeError) as error:
        raise ConfigError(f"{source}: cannot read it ({error})") from error
    if text is None:
        raise ConfigError(f"{source}: this {kind} image carries no baked credential")
    return text, kind
