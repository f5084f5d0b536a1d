"""Each module's badge image, generated (SVG and PNG) in each language.

Credentials point to the PNG as their image, and the verification page bakes the credential into
either one for download (Open Badges 3.0 §Baked Badge). Both are drawn from the same few facts —
institution, title, study load and level — and are deterministic: same facts, same bytes.
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:  # Pillow is loaded when a PNG is drawn, not by every build
    from PIL import Image, ImageDraw, ImageFont

SIZE = 400
BRAND = (11, 79, 108)
ACCENT = (242, 169, 0)


def badge_facts(title: str, issuer: str, load: str, level: str) -> dict[str, str]:
    return {"title": title, "issuer": issuer, "load": load, "level": level}


def _lines(title: str, width: int = 20, most: int = 4) -> list[str]:
    lines = textwrap.wrap(title, width=width) or [""]
    if len(lines) > most:
        lines = [
            *lines[: most - 1],
            textwrap.shorten(" ".join(lines[most - 1 :]), width=width, placeholder="…"),
        ]
    return lines


def badge_svg(facts: dict[str, str]) -> str:
    lines = _lines(facts["title"])
    top = 185 - (len(lines) - 1) * 16
    title = "".join(
        f'<text x="200" y="{top + i * 32}" font-size="26" font-weight="700" text-anchor="middle" fill="#fff">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    colour, accent = _hex(BRAND), _hex(ACCENT)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" '
        f'aria-label="{escape(facts["title"])}">'
        f"<title>{escape(facts['title'])}</title>"
        f'<circle cx="200" cy="200" r="190" fill="{colour}"/>'
        f'<circle cx="200" cy="200" r="176" fill="none" stroke="{accent}" stroke-width="6"/>'
        f'<text x="200" y="88" font-size="18" text-anchor="middle" fill="#fff" font-family="system-ui, sans-serif">{escape(_short(facts["issuer"], 30))}</text>'
        f'<g font-family="system-ui, sans-serif">{title}</g>'
        f'<text x="200" y="318" font-size="22" text-anchor="middle" fill="{accent}" font-weight="700" font-family="system-ui, sans-serif">'
        f"{escape(facts['load'])} · {escape(facts['level'])}</text>"
        "</svg>\n"
    )


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _short(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="…")


@lru_cache(maxsize=1)
def _disc() -> Image.Image:
    """The badge without its text, drawn large and scaled down once: smooth edges for every
    badge at the price of one."""
    from PIL import Image, ImageDraw

    scale = 4
    image = Image.new("RGBA", (SIZE * scale, SIZE * scale), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    c, r, inner = SIZE * scale // 2, 190 * scale, 176 * scale
    draw.ellipse((c - r, c - r, c + r, c + r), fill=BRAND)
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=ACCENT, width=6 * scale)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def badge_png(facts: dict[str, str]) -> bytes:
    """The same badge as a PNG (Pillow's built-in FreeType font: no font files needed; FreeType
    smooths the text itself). A 64-colour palette keeps it near 8 kB."""
    from PIL import Image, ImageDraw

    image = _disc().copy()
    draw = ImageDraw.Draw(image)
    _centred(draw, _short(facts["issuer"], 30), 82, 18, (255, 255, 255))
    lines = _lines(facts["title"])
    top = 185 - (len(lines) - 1) * 16 - 22
    for index, line in enumerate(lines):
        _centred(draw, line, top + index * 32, 26, (255, 255, 255))
    _centred(draw, f"{facts['load']} · {facts['level']}", 298, 22, ACCENT)
    image = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=9)
    return buffer.getvalue()


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's own scalable font at ``size``; a Pillow built without FreeType gives its
    fixed-size bitmap ``ImageFont`` instead."""
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def _centred(
    draw: ImageDraw.ImageDraw, text: str, y: int, size: int, fill: tuple[int, int, int]
) -> None:
    font = _font(size)
    width = draw.textlength(text, font=font)
    draw.text(((SIZE - width) / 2, y), text, font=font, fill=fill)
