"""Baked badges: credsite writes what the Open Badges 3.0 baking rules say and reads it back."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from credsite.base.errors import ConfigError
from credsite.build.badges import badge_facts, badge_png, badge_svg
from credsite.standards.baking import (
    bake_png,
    bake_svg,
    extract_credential,
    png_credential_text,
    svg_credential_text,
)

from .conftest import REPO

FACTS = badge_facts(
    "Klinisch redeneren in complexe verpleegkundige zorg", "Hogeschool Voorbeeld", "5 EC", "EQF 6"
)
CREDENTIAL = json.dumps(
    {"name": "Anna ]]> de Vries <b>&amp;", "id": "urn:uuid:1"}, ensure_ascii=False
)


def itxt_chunks(png: bytes) -> list[bytes]:
    found, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        if kind == b"iTXt":
            found.append(png[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return found


def test_png_chunk_is_what_the_spec_says() -> None:
    baked = bake_png(badge_png(FACTS), CREDENTIAL)
    chunks = itxt_chunks(baked)
    assert len(chunks) == 1
    assert chunks[0] == b"openbadgecredential\0\0\0\0\0" + CREDENTIAL.encode("utf-8")
    # right after IHDR
    assert baked[8 + 25 + 4 : 8 + 25 + 8] == b"iTXt"


def test_png_round_trip_and_rebaking_replaces() -> None:
    baked = bake_png(bake_png(badge_png(FACTS), '{"old": true}'), CREDENTIAL)
    assert png_credential_text(baked) == CREDENTIAL
    assert len(itxt_chunks(baked)) == 1


def test_svg_round_trip_with_cdata_terminator_in_the_text() -> None:
    baked = bake_svg(badge_svg(FACTS), CREDENTIAL)
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in baked
    assert baked.index("<openbadges:credential>") < baked.index("<title>")
    assert svg_credential_text(baked.encode("utf-8")) == CREDENTIAL


def test_badges_are_deterministic() -> None:
    assert badge_png(FACTS) == badge_png(FACTS)
    assert badge_svg(FACTS) == badge_svg(FACTS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0\0\0\0", "x.png: cannot read it (truncated PNG chunk)"),
        (badge_png(FACTS), "x.png: this PNG image carries no baked credential"),
        (badge_svg(FACTS).encode(), "x.png: this SVG image carries no baked credential"),
        (b"<svg><unclosed></svg>", "x.png: cannot read it (not well-formed SVG"),
        (b"{not json", "x.png: not a credential: not valid JSON"),
    ],
)
def test_files_without_a_credential(data: bytes, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        extract_credential(data, "x.png")
    assert str(caught.value).startswith(message)


def test_bad_crc_is_refused() -> None:
    baked = bytearray(bake_png(badge_png(FACTS), CREDENTIAL))
    baked[60] ^= 0xFF
    with pytest.raises(ConfigError, match="bad CRC"):
        extract_credential(bytes(baked), "x.png")


def test_verify_accepts_baked_files(tmp_path: Path, example_site: Path) -> None:
    """python build.py verify reads a credential baked into a PNG and into an SVG."""
    credential = next((REPO / "content/credentials").glob("*.json"))
    text = credential.read_text(encoding="utf-8")
    png, svg = tmp_path / "badge.png", tmp_path / "badge.svg"
    png.write_bytes(bake_png(badge_png(FACTS), text))
    svg.write_text(bake_svg(badge_svg(FACTS), text), encoding="utf-8")
    for path in (png, svg, credential):
        result = subprocess.run(
            [
                sys.executable,
                str(REPO / "build.py"),
                "verify",
                str(path),
                "--site",
                str(example_site),
                "--json",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        report = json.loads(result.stdout)
        assert report["state"] not in ("invalid", "error"), (path, report)
        signature = next(c for c in report["checks"] if c["id"] == "signature")
        assert signature["outcome"] == "passed"


def test_crc_helper_matches_zlib() -> None:
    assert zlib.crc32(b"IEND") == 0xAE426082
