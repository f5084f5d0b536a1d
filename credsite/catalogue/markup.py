"""Markdown to safe HTML.

Module texts are written by staff, but a pasted ``<script>`` or ``onerror=`` from a web page must
never reach a visitor, so every rendered fragment passes an allow-list sanitizer (nh3, the Rust
ammonia sanitizer) before it is marked safe for the templates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

import markdown
import nh3

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align", "scope"},
    "ol": {"start"},
}
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_IMG = re.compile(r"<img\b[^>]*>")
# No attr_list (it lets text set ids and classes that could clash with the page's own) and no
# footnotes (their links need ids).
_EXTENSIONS = ["tables", "fenced_code", "def_list", "abbr", "sane_lists"]


def _keep_local_images(tag: str, attribute: str, value: str) -> str | None:
    """Images must come from the site itself: no request may leave it (privacy, CSP)."""
    if (
        tag == "img"
        and attribute == "src"
        and (":" in value.split("/")[0] or value.startswith("//"))
    ):
        return None
    return value


def sanitize(html: str) -> str:
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_keep_local_images,
        strip_comments=True,
    )
    return _IMG.sub(_fix_image, cleaned)


def _fix_image(match: re.Match[str]) -> str:
    """Drop images whose source was removed; give the rest an alt text attribute."""
    tag = match.group(0)
    if " src=" not in tag:
        return ""
    return tag if " alt=" in tag else tag.replace("<img", '<img alt=""', 1)


_converter: markdown.Markdown | None = None


def _markdown_to_html(text: str) -> str:
    """One converter, reset between texts: building one costs more than converting a page."""
    global _converter
    if _converter is None:
        _converter = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    return _converter.reset().convert(text)


@lru_cache(maxsize=4096)
def render_markdown(text: str, top_heading: int = 3) -> str:
    """Render Markdown, sanitize it, and shift its headings so the page outline stays in order.

    A body's own ``#`` headings sit under the page's section headings; shifting them so the
    highest becomes ``top_heading`` keeps screen-reader navigation (and axe) happy.
    """
    return sanitize(_shift_headings(_markdown_to_html(text), top_heading))


def _shift_headings(html: str, top_heading: int) -> str:
    levels = [int(level) for _, level in _HEADING.findall(html)]
    if not levels:
        return html
    shift = top_heading - min(levels)

    def replace(match: re.Match[str]) -> str:
        level = min(6, max(1, int(match.group(2)) + shift))
        return f"<{match.group(1)}h{level}"

    return _HEADING.sub(replace, html)


def plain_text(text: str) -> str:
    """Markdown reduced to plain text, for meta descriptions and JSON-LD."""
    stripped = nh3.clean(_markdown_to_html(text), tags=set())
    return re.sub(r"\s+", " ", unescape(stripped)).strip()
