"""Link previews (issue 16, "Sharing a credential"): the OpenGraph and Twitter card tags of every
public page and of credential pages, and the 1200×630 share images they name, drawn at build
time in the page's language, incrementally and byte for byte the same from the same input.

A credential page's preview shows the module and the institution, never the learner's name or
grade (docs/verification.md, Link previews)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from credsite.build.builder import BuildOptions, build
from credsite.build.exports.share_images import plan as share_images_plan
from credsite.build.exports.share_images import root_colours
from credsite.build.planning import PlanContext
from credsite.build.share_card import (
    TITLE_LINES,
    CardStyle,
    card_png,
    drawable,
    title_lines,
)
from credsite.build.theme import collect_assets
from credsite.catalogue.content import load_content

from .conftest import MODULE, REPO, SiteFolder

BASE = "https://microcredentials.hogeschool-voorbeeld.nl/"
NL_NAME = "Hogeschool Voorbeeld"
EN_NAME = "Voorbeeld University of Applied Sciences"
MODULE_SLUG = "clinical-reasoning-complex-care"
MODULE_TITLE = "Klinisch redeneren in complexe verpleegkundige zorg"
# Esra Yılmaz's credential for that module, in Dutch, with the grade 7,5.
GRADED = "2uv3yphaywh7ukfk266iemhppzj3sps2"
STYLE = CardStyle((11, 79, 108), (7, 53, 72), (179, 38, 30))


class HeadTags(HTMLParser):
    """The ``<meta>`` tags of a page's head, as (property or name, content) pairs in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self.canonical: str | None = None
        self.in_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "body":
            self.in_head = False
        elif self.in_head and tag == "meta" and (found.get("property") or found.get("name")):
            key = found.get("property") or found.get("name") or ""
            self.tags.append((key, found.get("content") or ""))
        elif self.in_head and tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href")


def head(page: Path) -> HeadTags:
    parser = HeadTags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def preview(page: Path) -> dict[str, str]:
    """The preview tags of a page (og:locale:alternate joined by spaces: there may be several)."""
    tags: dict[str, str] = {}
    for key, content in head(page).tags:
        if key.startswith(("og:", "twitter:")):
            tags[key] = f"{tags[key]} {content}" if key in tags else content
    return tags


def image_at(site: Path, url: str) -> Image.Image:
    assert url.startswith(BASE), f"{url} is not on the site's canonical address"
    data = (site / url.removeprefix(BASE)).read_bytes()
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image


def assert_previewed(site: Path, tags: dict[str, str], url: str, locale: str, other: str) -> None:
    """The tags every previewed page has, with the same text for OpenGraph and Twitter."""
    assert tags["og:type"] == "website"
    assert tags["og:url"] == url
    assert (tags["og:locale"], tags["og:locale:alternate"]) == (locale, other)
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:type"] == "image/png"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:title"] == tags["og:title"]
    assert tags["twitter:description"] == tags["og:description"] != ""
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["twitter:image:alt"] == tags["og:image:alt"] != ""
    assert image_at(site, tags["og:image"]).size == (1200, 630)


def test_a_module_page_is_previewed_with_its_own_card(example_site: Path) -> None:
    page = example_site / f"nl/modules/{MODULE_SLUG}/index.html"
    tags = preview(page)
    url = f"{BASE}nl/modules/{MODULE_SLUG}/"
    assert head(page).canonical == url
    assert_previewed(example_site, tags, url, "nl_NL", "en_GB")
    assert tags["og:title"] == f"{MODULE_TITLE} · {NL_NAME}"
    assert tags["og:site_name"] == NL_NAME
    assert tags["og:description"].startswith("Herken tijdig dat de toestand van een patiënt")
    assert tags["og:image"] == f"{BASE}nl/modules/{MODULE_SLUG}/share.png"
    assert tags["og:image:alt"] == f"{MODULE_TITLE} · 5 EC · EQF 6 · {NL_NAME}"


def test_the_english_module_page_names_the_english_card(example_site: Path) -> None:
    tags = preview(example_site / f"en/modules/{MODULE_SLUG}/index.html")
    assert_previewed(example_site, tags, f"{BASE}en/modules/{MODULE_SLUG}/", "en_GB", "nl_NL")
    assert tags["og:image"] == f"{BASE}en/modules/{MODULE_SLUG}/share.png"
    assert tags["og:site_name"] == EN_NAME
    assert tags["og:title"].endswith(f" · {EN_NAME}")
    nl = (example_site / f"nl/modules/{MODULE_SLUG}/share.png").read_bytes()
    assert (example_site / f"en/modules/{MODULE_SLUG}/share.png").read_bytes() != nl


@pytest.mark.parametrize(
    ("page", "url", "title", "locales"),
    [
        ("index.html", "", f"{NL_NAME} · Microcredentials", ("nl_NL", "en_GB")),
        ("nl/index.html", "nl/", f"Microcredentials voor professionals · {NL_NAME}", ("nl_NL", "en_GB")),
        ("en/modules/index.html", "en/modules/", f"All modules · {EN_NAME}", ("en_GB", "nl_NL")),
        ("nl/tracks/it-retraining/index.html", "nl/tracks/it-retraining/", None, ("nl_NL", "en_GB")),
        ("en/verify/index.html", "en/verify/", f"Verify a micro-credential · {EN_NAME}", ("en_GB", "nl_NL")),
    ],
)  # fmt: skip
def test_pages_without_a_module_are_previewed_with_the_site_card(
    example_site: Path, page: str, url: str, title: str | None, locales: tuple[str, str]
) -> None:
    tags = preview(example_site / page)
    assert_previewed(example_site, tags, BASE + url, *locales)
    lang = "nl" if locales[0] == "nl_NL" else "en"
    assert tags["og:image"] == f"{BASE}{lang}/share.png"
    assert tags["og:site_name"] == (NL_NAME if lang == "nl" else EN_NAME)
    if title is not None:
        assert tags["og:title"] == title


def test_the_404_page_has_no_preview(example_site: Path) -> None:
    assert preview(example_site / "404.html") == {}


def test_a_credential_page_previews_the_module_never_the_learner(example_site: Path) -> None:
    page = example_site / f"c/{GRADED}/index.html"
    tags = preview(page)
    assert_previewed(example_site, tags, f"{BASE}c/{GRADED}/", "nl_NL", "en_GB")
    assert tags["og:title"] == f"{MODULE_TITLE} · {NL_NAME}"
    assert tags["og:image"] == f"{BASE}nl/modules/{MODULE_SLUG}/share.png"
    assert tags["og:description"].startswith("Herken tijdig dat de toestand van een patiënt")
    said = " ".join(tags.values())
    for private in ("Esra", "Yılmaz", "7,5"):
        assert private not in said
    assert "Esra Yılmaz" in page.read_text(encoding="utf-8")  # the page itself shows it


def test_no_credential_page_preview_names_its_learner(example_site: Path) -> None:
    pages = sorted((example_site / "c").glob("*/index.html"))
    assert len(pages) >= 10
    for page in pages:
        document = json.loads((page.parent / "credential.json").read_text(encoding="utf-8"))
        name = next(
            i["identityHash"]
            for i in document["credentialSubject"]["identifier"]
            if i["identityType"] == "name"
        )
        tags = preview(page)
        assert name not in " ".join(tags.values()), page
        assert image_at(example_site, tags["og:image"]).size == (1200, 630)


def test_same_card_same_bytes_in_another_process() -> None:
    here = card_png(NL_NAME, MODULE_TITLE, "5 EC · EQF 6", STYLE)
    script = (
        "import sys; from credsite.build.share_card import CardStyle, card_png; "
        "sys.stdout.buffer.write(card_png(*sys.argv[1:4], "
        "CardStyle((11, 79, 108), (7, 53, 72), (179, 38, 30))))"
    )
    there = subprocess.run(
        [sys.executable, "-c", script, NL_NAME, MODULE_TITLE, "5 EC · EQF 6"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    assert here == there
    assert b"tIME" not in here and b"tEXt" not in here  # no timestamp, no metadata


def test_a_long_title_is_wrapped_and_cut_with_an_ellipsis() -> None:
    long_title = " ".join(["Verpleegkundig leiderschap in de wijk"] * 8)
    size, lines = title_lines(long_title)
    assert len(lines) == TITLE_LINES
    assert lines[-1].endswith("…")
    assert " ".join(line.removesuffix("…") for line in lines) in long_title
    short_size, short = title_lines("Kort")
    assert (short, short_size > size) == (["Kort"], True)


def test_text_the_font_cannot_draw_is_folded_or_left_off() -> None:
    assert drawable("Cliënt en coöperatie in de Straße") == "Client en cooperatie in de Strasse"
    assert drawable("Łódź — ontwerp") == "Lodz - ontwerp"
    assert drawable("Εισαγωγή στην νοσηλευτική") is None
    greek = Image.open(io.BytesIO(card_png(NL_NAME, "Εισαγωγή", "3 EC · EQF 5", STYLE)))
    plain = Image.open(io.BytesIO(card_png(NL_NAME, "", "3 EC · EQF 5", STYLE)))
    assert greek.size == (1200, 630)
    assert greek.tobytes() == plain.tobytes()  # left off, not drawn as boxes


def test_the_card_takes_the_theme_colours_and_a_raster_logo(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), (250, 200, 0)).save(logo)
    style = CardStyle((120, 20, 60), (60, 10, 30), (0, 128, 0), str(logo), "digest")
    card = Image.open(io.BytesIO(card_png(NL_NAME, "Titel", "3 EC · EQF 5", style))).convert("RGB")
    assert card.getpixel((1100, 400)) == (120, 20, 60)  # the brand colour below the header
    assert card.getpixel((600, 132)) == (0, 128, 0)  # the accent stripe
    assert card.getpixel((1150, 10)) == (255, 255, 255)  # the header band
    assert card.getpixel((64 + 44, 64)) == (250, 200, 0)  # the logo, fitted into its box


def test_theme_colours_are_read_from_top_level_root_rules() -> None:
    css = """
    /* :root { --brand: #111111; } */
    :root { --brand: #0B4F6C; --accent: var(--other); --brand-dark: #abc }
    @media (prefers-color-scheme: dark) { :root { --brand: #000000; } }
    .card { --brand: #222222; }
    :root { --accent: #b3261e; }
    """
    assert root_colours(css) == {"brand": "#0b4f6c", "dark": "#abc", "accent": "#b3261e"}


def test_unpublished_modules_have_a_card_only_where_a_credential_shows_one(
    site: SiteFolder,
) -> None:
    """A module page is previewed in every language; an archived module's card is made in the
    languages its credentials are in (their pages name it), a draft's never."""
    site.module("live")
    site.module("old", MODULE.replace("status: published", "status: archived"))
    site.module("idea", MODULE.replace("status: published", "status: draft"))
    content = load_content(site.root).content
    assert content is not None
    with_credentials = frozenset({("old", "en"), ("idea", "en")})
    context = PlanContext.of(content, collect_assets(site.root), site.root, with_credentials)
    assert sorted(o.path for o in share_images_plan(context)) == [
        "en/modules/live/share.png",
        "en/modules/old/share.png",
        "en/share.png",
        "nl/modules/live/share.png",
        "nl/share.png",
    ]


def share_images(out: Path) -> dict[str, tuple[int, bytes]]:
    """Each share image of a built site: its inode (a file drawn again is a new one) and bytes."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.read_bytes())
        for p in sorted(out.rglob("share.png"))
    }


def test_share_images_are_drawn_again_only_when_what_they_show_changed(
    site: SiteFolder, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    site.module("alpha")
    site.module("beta", MODULE.replace("Testmodule", "Betamodule"))
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    first = share_images(out)
    assert sorted(first) == [
        "en/modules/alpha/share.png",
        "en/modules/beta/share.png",
        "en/share.png",
        "nl/modules/alpha/share.png",
        "nl/modules/beta/share.png",
        "nl/share.png",
    ]
    stats = build(BuildOptions(root=site.root, out_dir=out, jobs=1)).stats
    assert stats.rendered == 0 and share_images(out) == first

    summary = "summary: {nl: Een korte samenvatting., en: A short summary.}"
    changed_summary = "summary: {nl: Anders., en: Other.}"
    site.module(
        "beta", MODULE.replace("Testmodule", "Betamodule").replace(summary, changed_summary)
    )
    stats = build(BuildOptions(root=site.root, out_dir=out, jobs=1)).stats
    assert stats.rendered > 0 and share_images(out) == first  # the summary is not on the card

    title = "title: {nl: Testmodule, en: Test module}"
    site.module("beta", MODULE.replace(title, "title: {nl: Betamodule twee, en: Beta module two}"))
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    after = share_images(out)
    changed = sorted(path for path in first if after[path] != first[path])
    assert changed == ["en/modules/beta/share.png", "nl/modules/beta/share.png"]
    assert all(after[path][1] != first[path][1] for path in changed)


def test_preview_crawlers_may_read_credential_pages_and_search_crawlers_may_not() -> None:
    """robots.txt read by Python's own parser (an oracle independent of how we write it)."""
    from urllib.robotparser import RobotFileParser

    from credsite.build.hosting import robots

    content = load_content(REPO).content
    assert content is not None
    site = content.site
    parser = RobotFileParser()
    parser.parse(robots(site).splitlines())
    page = f"{site.base_url}c/abcdefghijklmnopqrstuvwxyz234567/"
    collection = f"{site.base_url}l/abcdefghijklmnopqrstuvwxyz234567/"
    assert parser.can_fetch("LinkedInBot/1.0 (compatible; Mozilla/5.0)", page)
    assert parser.can_fetch("Twitterbot/1.0", page)
    assert not parser.can_fetch("Googlebot/2.1", page)
    assert not parser.can_fetch("LinkedInBot/1.0", collection)
    assert parser.can_fetch("Googlebot/2.1", f"{site.base_url}nl/modules/")
