"""Images from site.yaml and the content: only image files, inside the image folders, and SVGs
that hold drawing only. Each bad input fails ``check`` and ``build`` with its message and leaves
the built site as it was (issue 11, items 3 and 4)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from credsite.build.builder import BuildOptions, build
from credsite.catalogue.content import load_content
from credsite.catalogue.images import MAX_IMAGE_BYTES, check_svg

from .conftest import MODULE, REPO, SiteFolder

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n{}\n</svg>\n'
GOOD_SVG = SVG.format('<rect width="10" height="10" fill="#0b4f6c"/>')
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
IMAGE_MODULE = MODULE.replace("ec: 3\n", "ec: 3\nimage: images/pic.svg\n")  # line 8
IMAGE_LINE = "content/modules/module.md:8"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def with_image_svg(body: str) -> Callable[[SiteFolder], None]:
    def change(site: SiteFolder) -> None:
        site.write("content/images/pic.svg", body)

    return change


def with_module_image(
    name: str, make: Callable[[SiteFolder], None]
) -> Callable[[SiteFolder], None]:
    def change(site: SiteFolder) -> None:
        make(site)
        site.module("module", IMAGE_MODULE.replace("images/pic.svg", name))

    return change


def with_logo(name: str, make: Callable[[SiteFolder], None]) -> Callable[[SiteFolder], None]:
    def change(site: SiteFolder) -> None:
        make(site)
        site.write("site.yaml", (site.root / "site.yaml").read_text() + f"  logo: {name}\n")

    return change


def write_bytes(relative: str, data: bytes) -> Callable[[SiteFolder], None]:
    def make(site: SiteFolder) -> None:
        path = site.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return make


def link(relative: str, target: str) -> Callable[[SiteFolder], None]:
    """A symbolic link at ``relative`` to ``target`` (relative to the link), with a PNG there."""

    def make(site: SiteFolder) -> None:
        path = site.root / relative
        (path.parent / target).resolve().parent.mkdir(parents=True, exist_ok=True)
        (path.parent / target).resolve().write_bytes(PNG)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)

    return make


SVG_FOOTER = f" (the image of {IMAGE_LINE})"
CASES: dict[str, tuple[Callable[[SiteFolder], None], list[str]]] = {
    "svg-script": (
        with_image_svg(SVG.format("<rect/>\n<script>alert(document.domain)</script>")),
        [
            "content/images/pic.svg:3: has a <script>: scripts are not allowed in images"
            + SVG_FOOTER
        ],
    ),
    "svg-onload": (
        with_image_svg(SVG.format('<rect width="1"\n onload="alert(1)"/>')),
        [
            "content/images/pic.svg:2: has an event handler onload= on <rect>: scripts are not "
            "allowed" + SVG_FOOTER
        ],
    ),
    "svg-external-href": (
        with_image_svg(
            SVG.format('<use href="https://evil.example/x.svg#a"/>\n<rect style="fill:#fff"/>')
        ),
        [
            "content/images/pic.svg:2: <use> links to 'https://evil.example/x.svg#a': an image "
            "may refer only to its own parts ('#id')" + SVG_FOOTER
        ],
    ),
    "svg-xxe": (
        with_image_svg(
            '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            + SVG.format("<text>&x;</text>")
        ),
        [
            "content/images/pic.svg:2: has a <!DOCTYPE> (its entities could expand without end "
            "or read other files; export the SVG without it)" + SVG_FOOTER
        ],
    ),
    "logo-git-config": (
        with_logo(".git/config", write_bytes(".git/config", b"[remote]\n")),
        [
            "site.yaml:5: institution.logo: '.git/config' is not allowed: '.git' is a hidden "
            "name (images live in assets/ or content/images/)"
        ],
    ),
    "logo-outside-root": (
        with_logo("../secret.png", write_bytes("../secret.png", PNG)),
        [
            "site.yaml:5: institution.logo: '../secret.png' is not allowed: '..' leads out of "
            "the folder (a path inside assets/ or content/images/)"
        ],
    ),
    "logo-in-root": (
        with_logo("passport.png", write_bytes("passport.png", PNG)),
        [
            "site.yaml:5: institution.logo: 'passport.png' is not in assets/ or content/images/ "
            "(images must be kept there)"
        ],
    ),
    "logo-link-out-of-assets": (
        with_logo("assets/logo.png", link("assets/logo.png", "../private/passport.png")),
        [
            "site.yaml:5: institution.logo: 'assets/logo.png' is a link to a file outside "
            "assets/ (copy the image there)"
        ],
    ),
    "image-link-out-of-site": (
        with_module_image("images/x.png", link("content/images/x.png", "../../../outside.png")),
        [
            f"{IMAGE_LINE}: image: 'images/x.png' is a link to a file outside content/images/ "
            "(copy the image there)"
        ],
    ),
    "image-outside-images": (
        with_module_image("modules/x.png", write_bytes("content/modules/x.png", PNG)),
        [
            f"{IMAGE_LINE}: image: 'modules/x.png' is not in content/images/ (images must be "
            "kept there)"
        ],
    ),
    "text-renamed-png": (
        with_module_image("images/notes.png", write_bytes("content/images/notes.png", b"notes\n")),
        [f"{IMAGE_LINE}: image: 'images/notes.png' is not a PNG image (was another file renamed?)"],
    ),
    "too-big": (
        with_module_image(
            "images/big.jpg",
            write_bytes("content/images/big.jpg", b"\xff\xd8\xff" + b"\0" * MAX_IMAGE_BYTES),
        ),
        [
            f"{IMAGE_LINE}: image: 'images/big.jpg' is too large (2,097,155 bytes; at most "
            "2,097,152, i.e. 2 MB: make it smaller, e.g. 1200 pixels wide)"
        ],
    ),
}


@pytest.fixture
def built(site: SiteFolder) -> SiteFolder:
    """A site with a module image (a good SVG), built once into site/."""
    site.write("content/images/pic.svg", GOOD_SVG)
    site.module("module", IMAGE_MODULE)
    build(BuildOptions(root=site.root, out_dir=site.root / "site", jobs=1))
    assert (site.root / "site/images/pic.svg").is_file()
    return site


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_image_fails_check_and_build_and_writes_nothing(built: SiteFolder, case: str) -> None:
    change, expected = CASES[case]
    before = tree(built.root / "site")
    change(built)
    footer = "error: 1 error(s) in content; nothing was written"
    for command in ("check", "build"):
        result = run("--root", built.root, command)
        assert result.returncode == 1, (command, result.stdout)
        assert result.stderr.splitlines() == [*expected, footer], command
    assert tree(built.root / "site") == before


def messages(root: Path) -> list[str]:
    return [str(d) for d in load_content(root).diagnostics]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<foreignObject width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml"/>'
            "</foreignObject>",
            [
                "2: has a <foreignObject>: it can hold HTML, which is not allowed",
                "2: the element <div> (from http://www.w3.org/1999/xhtml) is not allowed; an "
                "image may hold static drawing only; see docs/content.md, 'Images'",
            ],
        ),
        (
            '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
            [
                "2: the element <script> (from http://www.w3.org/1999/xhtml) is not allowed; an "
                "image may hold static drawing only; see docs/content.md, 'Images'"
            ],
        ),
        (
            '<set attributeName="href" to="javascript:alert(1)"/>',
            [
                "2: the element <set> is not allowed; an image may hold static drawing only; "
                "see docs/content.md, 'Images'"
            ],
        ),
        (
            '<use xmlns:x="http://www.w3.org/1999/xlink" x:href="data:image/svg+xml,&lt;svg/&gt;"/>',
            [
                "2: <use> links to 'data:image/svg+xml,<svg/>': an image may refer only to its "
                "own parts ('#id')"
            ],
        ),
        (
            "<style><![CDATA[@import url(https://evil.example/x.css);]]></style>",
            [
                "2: <style> has '@import', which images may not use",
                "2: <style> loads a url(...): an image may refer only to its own parts (url(#id))",
            ],
        ),
        (
            '<rect fill="url(https://evil.example/p.svg#g)"/>',
            [
                "2: fill= on <rect> loads a url(...): an image may refer only to its own parts "
                "(url(#id))"
            ],
        ),
        (
            '<rect style="background:image-set(&quot;https://evil.example/a.png&quot; 1x)"/>',
            ["2: style= on <rect> has 'image-set(', which images may not use"],
        ),
        (
            '<iframe src="https://evil.example/"/>',
            [
                "2: the element <iframe> is not allowed; an image may hold static drawing only; "
                "see docs/content.md, 'Images'"
            ],
        ),
        (
            '<rect xml:base="https://evil.example/"/>',
            [
                "2: the attribute base (from http://www.w3.org/XML/1998/namespace)= on <rect> is "
                "not allowed; an image may hold static drawing only; see docs/content.md, 'Images'"
            ],
        ),
    ],
)
def test_svg_refusals(body: str, expected: list[str]) -> None:
    problems = check_svg(SVG.format(body).encode(), "pic.svg")
    assert [f"{p.line}: {p.message}" for p in problems] == expected
    assert all(p.file == "pic.svg" for p in problems)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY a "aaaaaaaaaa">\n'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<svg>&b;</svg>',
            "2: has a <!DOCTYPE> (its entities could expand without end or read other files; "
            "export the SVG without it)",
        ),
        (
            b'<?xml-stylesheet href="https://evil.example/x.css"?>\n' + SVG.format("").encode(),
            "1: has a processing instruction <?xml-stylesheet ...?> (remove it)",
        ),
        (
            b'<?xml version="1.0" encoding="UTF-16"?>\n' + SVG.format("").encode(),
            "1: declares the encoding UTF-16 (save it as UTF-8)",
        ),
        (
            b"<svg><script>alert(1)</script></svg>",
            '1: is not an SVG image (it must start with <svg xmlns="http://www.w3.org/2000/svg">)',
        ),
        (PNG, "1: is not well-formed SVG (XML: not well-formed (invalid token))"),
        (b"", "1: is not well-formed SVG (XML: no element found)"),
    ],
)
def test_svg_documents_refused(data: bytes, expected: str) -> None:
    assert [f"{p.line}: {p.message}" for p in check_svg(data, "pic.svg")] == [expected]


def test_example_and_editor_svgs_pass() -> None:
    """Static drawing as editors save it: metadata, editor namespaces, styles with local urls."""
    for path in [REPO / "assets/logo.svg", *sorted((REPO / "content/images").glob("*.svg"))]:
        assert check_svg(path.read_bytes(), path.name) == [], path
    inkscape = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
        ' xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' width="64" height="64" viewBox="0 0 64 64" version="1.1" inkscape:version="1.3">'
        '<sodipodi:namedview pagecolor="#ffffff" inkscape:zoom="1"/>'
        '<metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>'
        "</cc:Work></rdf:RDF></metadata>"
        "<defs><style>.a{fill:url(#g)} .b { stroke: url( '#g' ) }</style>"
        '<linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<linearGradient id="h" xlink:href="#g"/><clipPath id="c"><circle r="4"/></clipPath>'
        '<filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>'
        '<g inkscape:label="Layer 1" inkscape:groupmode="layer" clip-path="url(#c)"'
        ' data-name="x" aria-hidden="true"><path class="a" d="M0 0h9v9z" filter="url(#f)"/>'
        '<use href="#c" xml:space="preserve"/><text x="1" y="9">Logo<tspan>!</tspan></text></g>'
        "</svg>\n"
    )
    assert check_svg(inkscape.encode(), "logo.svg") == []


@pytest.mark.parametrize(
    ("logo", "make"),
    [
        ("assets/logo.svg", lambda s: s.write("assets/logo.svg", GOOD_SVG)),
        ("content/images/logo.png", lambda s: write_bytes("content/images/logo.png", PNG)(s)),
        (
            "assets/brand/logo.webp",
            lambda s: write_bytes("assets/brand/logo.webp", b"RIFF\0\0\0\0WEBPVP8 ")(s),
        ),
    ],
)
def test_logo_in_an_image_folder_passes(site: SiteFolder, logo: str, make) -> None:
    with_logo(logo, make)(site)
    assert messages(site.root) == []
    assert load_content(site.root).content.site.institution.logo == logo


def test_svg_problems_name_every_user(site: SiteFolder) -> None:
    """One bad SVG used by a module and a track: each is told, at the SVG's line."""
    site.write("content/images/pic.svg", SVG.format('<rect onclick="x()"/>'))
    site.module("module", IMAGE_MODULE)
    site.module("other")
    site.track(
        "track",
        "---\ntitle: {nl: T, en: T}\nsummary: {nl: S, en: S}\nstatus: draft\n"
        "modules: [module, other]\nimage: images/pic.svg\n---\n",
    )
    problem = (
        "content/images/pic.svg:2: has an event handler onclick= on <rect>: scripts are not allowed"
    )
    assert messages(site.root) == [
        f"{problem} (the image of {IMAGE_LINE})",
        f"{problem} (the image of content/tracks/track.md:6)",
    ]


@pytest.mark.may_skip("as root every file is readable, so no file can be made unreadable")
def test_unreadable_image_is_a_message(site: SiteFolder) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = site.write("content/images/pic.svg", GOOD_SVG)
    path.chmod(0)
    site.module("module", IMAGE_MODULE)
    try:
        assert messages(site.root) == [
            f"{IMAGE_LINE}: image: 'images/pic.svg' cannot be read (Permission denied)"
        ]
    finally:
        path.chmod(0o644)


def test_a_folder_named_like_an_image_is_refused(site: SiteFolder) -> None:
    (site.root / "content/images/pic.svg").mkdir(parents=True)
    site.module("module", IMAGE_MODULE)
    assert messages(site.root) == [f"{IMAGE_LINE}: image: 'images/pic.svg' is not a regular file"]


def test_many_problems_are_capped(site: SiteFolder) -> None:
    body = "\n".join(f'<rect onclick="x{i}()"/>' for i in range(50))
    problems = check_svg(SVG.format(body).encode(), "pic.svg")
    assert [p.line for p in problems] == list(range(2, 12))


@pytest.mark.slow
def test_the_example_site_publishes_its_images(example_site: Path) -> None:
    assert (example_site / "assets/logo.svg").read_bytes() == (
        REPO / "assets/logo.svg"
    ).read_bytes()
    for path in (REPO / "content/images").glob("*.svg"):
        assert (example_site / "images" / path.name).read_bytes() == path.read_bytes()
