"""The Markdown sanitiser: the rules the mutation survivors of ``markup.py`` showed untested.

Each test states one rule and pins the whole output, so that a sanitiser that lets a little
more through (or drops a little more) fails it.
"""

from __future__ import annotations

from credsite.catalogue.markup import plain_text, render_markdown, sanitize


def test_a_remote_image_is_removed_without_a_trace() -> None:
    assert render_markdown("a ![x](https://tracker.example/p.png) b") == "<p>a  b</p>"


def test_a_protocol_relative_image_is_removed() -> None:
    assert render_markdown("![x](//tracker.example/p.png)") == "<p></p>"
    assert sanitize('<img src="//tracker.example/p.png" alt="x">') == ""


def test_a_local_image_path_may_contain_a_colon_after_its_first_slash() -> None:
    assert render_markdown("![x](img/2024-01-01T10:00.png)") == (
        '<p><img alt="x" src="img/2024-01-01T10:00.png"></p>'
    )


def test_headings_shifted_beyond_h6_stay_h6() -> None:
    assert render_markdown("# A\n\n##### E\n\n###### F") == ("<h3>A</h3>\n<h6>E</h6>\n<h6>F</h6>")


def test_a_body_placed_at_the_top_keeps_its_top_heading_h1() -> None:
    assert render_markdown("# A\n\n## B", top_heading=1) == "<h1>A</h1>\n<h2>B</h2>"
    assert render_markdown("### C\n\n#### D", top_heading=1) == "<h1>C</h1>\n<h2>D</h2>"


def test_plain_text_collapses_every_run_of_white_space_into_one_space() -> None:
    assert plain_text("First  line\nsecond\tline\n\n- item\n- other") == (
        "First line second line item other"
    )


def test_links_keep_only_http_https_and_mailto_targets() -> None:
    html = render_markdown(
        "[h](http://example.org/) [s](https://example.org/) [m](mailto:staff@example.org) "
        "[H](HTTP://EXAMPLE.ORG/) [f](ftp://example.org/f) [t](tel:+31000) [i](irc://example.org)"
    )
    rel = 'rel="noopener noreferrer"'
    assert html == (
        f'<p><a href="http://example.org/" {rel}>h</a> '
        f'<a href="https://example.org/" {rel}>s</a> '
        f'<a href="mailto:staff@example.org" {rel}>m</a> '
        f'<a href="HTTP://EXAMPLE.ORG/" {rel}>H</a> '
        f"<a {rel}>f</a> <a {rel}>t</a> <a {rel}>i</a></p>"
    )


def test_html_comments_never_reach_the_page() -> None:
    assert render_markdown("a <!-- draft note --> b\n\n<!-- block note -->\n\nc") == (
        "<p>a  b</p>\n\n\n<p>c</p>"
    )
    assert sanitize("x<!-- note -->y") == "xy"
