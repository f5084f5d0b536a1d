"""Module texts are staff input: pasted markup must never reach a page as anything but text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from credsite.build.builder import BuildOptions, build
from credsite.catalogue.markup import plain_text, render_markdown, sanitize

from .conftest import MODULE, SiteFolder

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "corpus" / "xss-payloads.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "body",
    "details",
}


class Tags(HTMLParser):
    """The elements and attributes a browser would build from the HTML: text is not markup."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def live_markup(html: str) -> list[str]:
    """Everything in ``html`` that could run script or make a request."""
    parser = Tags()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.found:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                problems.append(f"<{tag} {name}>")
            if (
                name in ("href", "src")
                and value
                and re.match(r"\s*(javascript|data|vbscript):", value, re.I)
            ):
                problems.append(f"<{tag} {name}={value}>")
            if name == "src" and value and re.match(r"\s*(https?:)?//", value):
                problems.append(f"<{tag} src={value}>")
    return problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_output_is_sanitized(payload: str) -> None:
    html = render_markdown(f"Intro\n\n{payload}\n\nOutro")
    assert live_markup(html) == [], html


def test_allowed_markup_survives() -> None:
    html = render_markdown(
        "## Heading\n\n**bold** [link](https://example.org) `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h3>Heading</h3>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<table>" in html and "<strong>bold</strong>" in html


def test_headings_are_shifted_below_the_page_sections() -> None:
    assert render_markdown("# A\n\n## B").startswith("<h3>A</h3>\n<h4>B</h4>")
    assert render_markdown("### C").startswith("<h3>C</h3>")


def test_local_images_keep_alt_text_and_remote_ones_go() -> None:
    assert (
        render_markdown("![Diagram](images/x.png)")
        == '<p><img alt="Diagram" src="images/x.png"></p>'
    )
    assert "<img" not in render_markdown("![x](https://tracker.example/p.png)")
    assert sanitize('<img src="a.png">') == '<img alt="" src="a.png">'


def test_plain_text_unescapes() -> None:
    assert plain_text("**Fish** &amp; <b>chips</b>") == "Fish & chips"


def test_payloads_in_every_module_field_stay_text(site: SiteFolder, tmp_path: Path) -> None:
    """Titles, summaries, outcomes and bodies with payloads: pages contain no live markup."""
    for number, payload in enumerate(PAYLOADS):
        quoted = payload.replace("\\", "\\\\").replace('"', '\\"')
        text = (
            MODULE.replace(
                "{nl: Testmodule, en: Test module}", f'{{nl: "{quoted}", en: "{quoted}"}}'
            )
            .replace("[Je kunt iets.]", f'["{quoted}"]')
            .replace("Beschrijving.", payload)
        )
        site.module(f"payload-{number:02d}", text)
    out = tmp_path / "out"
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    pages = sorted(out.glob("*/modules/payload-*/index.html"))
    assert len(pages) == 2 * len(PAYLOADS)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = html.split('<article class="module">', 1)[1].split("</article>", 1)[0]
        assert live_markup(article) == [], page
        head = html.split("</head>", 1)[0]
        assert all(
            'src="' in tag or "application/ld+json" in tag
            for tag in re.findall(r"<script\b[^>]*>", head)
        )
