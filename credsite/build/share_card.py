"""The link preview image a page names for social sites and chat apps (``og:image``): a card of
1200×630 pixels (1.91:1, the shape LinkedIn, Facebook, Mastodon and X show large), drawn with
Pillow as a PNG.

A card has a white header band with the institution's logo and name, a stripe in the accent
colour, and on the brand colour below it a title in large type and a line of facts. The
drawing is deterministic, like every output: Pillow's built-in font (no font file to find, the
same glyphs wherever the same Pillow runs), and no metadata in the PNG, so the same card gives
the same bytes.

A full build draws one card per module and language, so each must be cheap: what all cards of
a site share (the background with its header band, and the palette the cards are mapped onto)
is drawn once per process and language; a card adds its two texts on the brand colour, is
mapped onto that fixed palette and compressed for speed (``RUN_LENGTH``). That takes about
12 ms of CPU a card on this project's machine, where quantizing each card on its own and
compressing it hard, as the badges are, took 77 ms.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from credsite.base.errors import BuildError

if TYPE_CHECKING:  # Pillow is loaded when a card is drawn, not by every build
    from PIL import Image, ImageFont

RGB = tuple[int, int, int]

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
HEADER = 128  # the header band's height
STRIPE = 10  # the accent stripe under it
BODY_TOP = HEADER + STRIPE  # below it, each card draws its own texts on the brand colour
LOGO_BOX = 88  # the logo is fitted into a square this size
HEADER_SIZE = 36
TITLE_SIZES = (72, 62, 52)  # the largest at which the title fits in TITLE_LINES is used
TITLE_LINES = 3
TITLE_TOP = BODY_TOP + 56
FACTS_SIZE = 40
FACTS_TOP = HEIGHT - MARGIN - FACTS_SIZE
TEXT_WIDTH = WIDTH - 2 * MARGIN
WHITE: RGB = (255, 255, 255)
RAMP = 24  # shades from the brand colour to white, for the smooth edges of the card's text
BACKGROUND_COLOURS = 96  # the header band's colours (logo and name) in the fixed palette
NEAR = 4  # a colour this close to one in the palette is that one (the header's white stays white)
# zlib's run-length strategy: a card is mostly runs of one colour, and it takes two thirds of
# the default strategy's time (8 ms a card instead of 12) for a third more bytes (24 kB, not 17).
COMPRESSION = 6
RUN_LENGTH = 3  # zlib's Z_RLE
MAX_LOGO_PIXELS = 4096 * 4096  # a larger logo is not drawn (a 2 MB PNG can hold a billion)

# Letters the built-in font lacks that are better spelled out than left off; accents are
# dropped (é → e) by Unicode decomposition.
_SPELLED = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "–": "-",
        "—": "-",
    }
)


@dataclass(frozen=True)
class CardStyle:
    """What every card of a site shares: its colours and logo. ``logo`` is a raster logo's
    file (PNG, JPEG, WebP) or None: Pillow draws no SVG, and a card is made without one.
    ``logo_digest`` names the logo's bytes, so a process that draws again after the logo
    changed (``serve``) does not draw it from memory."""

    brand: RGB
    dark: RGB
    accent: RGB
    logo: str | None = None
    logo_digest: str = ""


def card_png(header: str, title: str, facts: str, style: CardStyle) -> bytes:
    """The card as PNG bytes: ``header`` (the institution) beside the logo, ``title`` in large
    type (wrapped, with an ellipsis after TITLE_LINES lines) and ``facts`` under it.

    The built-in font has the ASCII letters only: a text is drawn without its accents
    (``drawable``), and a text in another script is left off the card rather than drawn as
    boxes (the page's own preview texts carry it in full)."""
    from PIL import Image, ImageDraw

    background, palette = _background(style, header)
    body = Image.new("RGB", (WIDTH, HEIGHT - BODY_TOP), style.brand)
    draw = ImageDraw.Draw(body)
    shown = drawable(title)
    if shown:
        size, lines = title_lines(shown)
        for index, line in enumerate(lines):
            top = TITLE_TOP - BODY_TOP + index * size * 6 // 5
            draw.text((MARGIN, top), line, font=_font(size), fill=WHITE)
    shown = drawable(facts)
    if shown:
        font = _font(FACTS_SIZE)
        draw.text(
            (MARGIN, FACTS_TOP - BODY_TOP), fit(shown, font, TEXT_WIDTH), font=font, fill=WHITE
        )
    card = background.copy()
    card.paste(body.quantize(palette=palette, dither=Image.Dither.NONE), (0, BODY_TOP))
    buffer = io.BytesIO()
    card.save(buffer, format="PNG", compress_level=COMPRESSION, compress_type=RUN_LENGTH)
    return buffer.getvalue()


def drawable(text: str) -> str | None:
    """``text`` as the built-in font can draw it (accents dropped, a few letters spelled out,
    runs of white space made one space), or None when it has a character the font lacks."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).translate(_SPELLED))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return folded if all(_has_glyph(char) for char in folded) else None


def title_lines(text: str) -> tuple[int, list[str]]:
    """The type size and lines of a title: the largest size at which it fits in TITLE_LINES
    lines; at the smallest, the lines after the last are cut off with an ellipsis."""
    for size in TITLE_SIZES:
        lines = wrap(text, _font(size), TEXT_WIDTH)
        if len(lines) <= TITLE_LINES:
            return size, lines
    rest = " ".join(lines[TITLE_LINES - 1 :])
    return size, [*lines[: TITLE_LINES - 1], fit(rest + "…", _font(size), TEXT_WIDTH)]


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by drawn width; a word wider than a line is broken where it fills one."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:
            cut = max(1, _fitting_prefix(word, font, width))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    return [*lines, line] if line else lines or [""]


def fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """``text`` on one line of ``width``: as it is when it fits, else cut with an ellipsis."""
    if font.getlength(text) <= width:
        return text
    stem = text.removesuffix("…")
    while stem and font.getlength(stem.rstrip() + "…") > width:
        stem = stem[:-1]
    return stem.rstrip() + "…"


def _fitting_prefix(word: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    count = 0
    while count < len(word) and font.getlength(word[: count + 1]) <= width:
        count += 1
    return count


@lru_cache(maxsize=8)
def _background(style: CardStyle, header: str) -> tuple[Image.Image, Image.Image]:
    """The card without its title and facts, the same for every card of a site in one
    language, mapped onto the palette of its cards: a ramp from the brand colour to white, for
    the text drawn on it, the accent and dark colours, then the colours of the header band
    (logo and name) that are not already there."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), style.brand)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH - 1, HEADER - 1), fill=WHITE)
    draw.rectangle((0, HEADER, WIDTH - 1, HEADER + STRIPE - 1), fill=style.accent)
    left = MARGIN
    logo = _logo(style.logo) if style.logo else None
    if logo is not None:
        top = (HEADER - logo.height) // 2
        image.paste(logo, (MARGIN + (LOGO_BOX - logo.width) // 2, top), logo)
        left += LOGO_BOX + 28
    name = drawable(header)
    if name:
        font = _font(HEADER_SIZE)
        draw.text((left, HEADER // 2), fit(name, font, WIDTH - MARGIN - left), font=font,
                  fill=style.dark, anchor="lm")  # fmt: skip
    colours = [_mix(style.brand, WHITE, step / (RAMP - 1)) for step in range(RAMP)]
    colours += [style.accent, style.dark]
    for colour in _colours(image):  # but for those next to one already there
        if len(colours) < 256 and all(_distance(colour, other) > NEAR for other in colours):
            colours.append(colour)
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return image.quantize(palette=palette, dither=Image.Dither.NONE), palette


def _colours(image: Image.Image) -> list[RGB]:
    """The colours of ``image`` reduced to BACKGROUND_COLOURS, most frequent first."""
    from PIL import Image

    reduced = image.quantize(colors=BACKGROUND_COLOURS, method=Image.Quantize.FASTOCTREE)
    flat = reduced.getpalette() or []
    counted = [(-n, i) for n, i in reduced.getcolors(256) or [] if isinstance(i, int)]
    return [(flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]) for _, i in sorted(counted)]


def _logo(path: str) -> Image.Image | None:
    """The logo fitted into LOGO_BOX, or None when it cannot be drawn (not an image Pillow
    reads, or too large to decode safely): the card is made without it."""
    from PIL import Image

    try:
        with Image.open(path) as opened:
            if opened.width * opened.height > MAX_LOGO_PIXELS:
                return None
            logo = opened.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    logo.thumbnail((LOGO_BOX, LOGO_BOX), Image.Resampling.LANCZOS)
    return logo


def _distance(a: RGB, b: RGB) -> int:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[2] - b[2]))


def _mix(a: RGB, b: RGB, share: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * share),
        round(a[1] + (b[1] - a[1]) * share),
        round(a[2] + (b[2] - a[2]) * share),
    )


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's own scalable font (Aileron, ASCII and a few signs) at ``size``."""
    from PIL import ImageFont

    font = ImageFont.load_default(size=size)
    if not isinstance(font, ImageFont.FreeTypeFont):
        raise BuildError("the share images need Pillow with FreeType (pip install pillow)")
    return font


@lru_cache(maxsize=1024)
def _has_glyph(char: str) -> bool:
    """Whether the built-in font draws ``char`` as itself, not as the box it draws for every
    character it lacks (a code point no font has shows that box)."""
    return char == " " or _glyph(char) != _glyph("\U0010ffff")


@lru_cache(maxsize=1024)
def _glyph(char: str) -> tuple[tuple[int, int], bytes]:
    mask = _font(HEADER_SIZE).getmask(char)
    return mask.size, bytes(mask)
