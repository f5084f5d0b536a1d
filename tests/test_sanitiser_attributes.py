"""Which attributes staff markup keeps, tag by tag (credsite/catalogue/markup.py).

A module's text is rendered into pages whose own ids, classes and styles the theme and the page
scripts rely on: an ``id`` in a module text could take the place of one of the page's own
elements (``document.getElementById`` finds the first), and a ``class`` could dress text up as
part of the page (a verdict, a button). So no tag keeps ``id``, ``class``, ``style``, ``data-*``
or ``aria-*``; each keeps only the few attributes its meaning needs, and every tag may carry
``title`` and ``lang`` (the sanitiser's generic attributes: a tooltip, and the language of a
passage in the other language). ``rel`` on a link is always the sanitiser's own.

The table below is the rule, written out; the test feeds each tag every attribute and compares
what is left with it.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from credsite.catalogue.markup import render_markdown, sanitize

EVERY_TAG = {"lang", "title"}
ALLOWED = {
    "a": {"href", "hreflang", "rel"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height"},
    "td": {"align"},
    "th": {"align", "scope"},
    "ol": {"start"},
}
PLAIN_TAGS = [
    "b", "blockquote", "code", "dd", "del", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "i", "li", "p", "pre", "strong", "sub", "sup", "table", "tbody", "tfoot", "thead",
    "tr", "ul",
]  # fmt: skip
VOID_TAGS = {"br", "hr", "img"}
CONTEXT = {
    "td": "<table><tbody><tr>{}</tr></tbody></table>",
    "th": "<table><tbody><tr>{}</tr></tbody></table>",
    "tr": "<table><tbody>{}</tbody></table>",
    "tbody": "<table>{}</table>",
    "thead": "<table>{}</table>",
    "tfoot": "<table>{}</table>",
    "li": "<ul>{}</ul>",
    "dt": "<dl>{}</dl>",
    "dd": "<dl>{}</dl>",
}
OFFERED = {
    "id": "main",
    "class": "verdict verified",
    "style": "color: green",
    "data-state": "verified",
    "aria-hidden": "true",
    "role": "alert",
    "name": "x",
    "lang": "en",
    "title": "A note",
    "href": "https://example.org/",
    "hreflang": "en",
    "rel": "opener",
    "target": "_blank",
    "src": "images/diagram.png",
    "srcset": "images/big.png 2x",
    "alt": "Diagram",
    "width": "10",
    "height": "20",
    "align": "left",
    "scope": "col",
    "colspan": "2",
    "start": "3",
    "reversed": "",
    "value": "7",
    "cite": "https://example.org/",
    "datetime": "2026-01-01",
}


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, set[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name for name, _ in attrs}))


def _kept(tag: str) -> set[str]:
    """The attributes ``tag`` keeps when offered every one of OFFERED, in a context where the
    tag may stand (a cell in a row of a table, an item in a list)."""
    attributes = " ".join(f'{name}="{value}"' for name, value in OFFERED.items())
    element = f"<{tag} {attributes}>" + ("" if tag in VOID_TAGS else f"text</{tag}>")
    parser = _Attributes()
    parser.feed(sanitize(CONTEXT.get(tag, "{}").format(element)))
    [names] = [n for t, n in parser.found if t == tag]
    return names


@pytest.mark.parametrize("tag", sorted([*PLAIN_TAGS, *ALLOWED, "br", "hr"]))
def test_each_tag_keeps_only_its_own_attributes_and_title_and_lang(tag: str) -> None:
    assert _kept(tag) == EVERY_TAG | ALLOWED.get(tag, set())


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<p id="verification" class="verdict" data-state="verified">Verified</p>',
            "<p>Verified</p>",
        ),
        (
            '<h2 id="main" class="title">Intro</h2>',
            "<h2>Intro</h2>",
        ),
        (
            '<a href="https://example.org/" class="button" id="go" target="_blank">Go</a>',
            '<a href="https://example.org/" rel="noopener noreferrer">Go</a>',
        ),
        (
            '<img src="images/a.png" alt="A" class="wide" id="logo" loading="lazy">',
            '<img src="images/a.png" alt="A">',
        ),
        (
            '<table class="grid"><tr><th scope="col" class="c">H</th>'
            '<td align="right" colspan="2" id="d">D</td></tr></table>',
            '<table><tbody><tr><th scope="col">H</th><td align="right">D</td></tr></tbody></table>',
        ),
        (
            '<ol start="3" class="steps" reversed><li value="7" class="step">x</li></ol>',
            '<ol start="3"><li>x</li></ol>',
        ),
        (
            '<p lang="en" title="In English">Text</p>',
            '<p lang="en" title="In English">Text</p>',
        ),
    ],
)
def test_ids_classes_and_foreign_attributes_are_removed(html: str, expected: str) -> None:
    assert sanitize(html) == expected


def test_markdown_cannot_set_an_id_or_a_class() -> None:
    """The attribute-list syntax is not read: it stays text."""
    assert render_markdown("## Heading {#verification .verdict}\n\nText {: .lead}") == (
        "<h3>Heading {#verification .verdict}</h3>\n<p>Text {: .lead}</p>"
    )
