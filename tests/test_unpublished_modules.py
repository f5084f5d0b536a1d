"""Draft and archived modules are in no output: not as pages, nor in the sitemap, the feeds,
catalogue.json, the OOAPI courses or the ELM specifications (README, "What the site contains":
"every published module").

The expectations are fixed lists, not the build's own ``is_published``: a small site with one
module of each status, and the example site's modules written out (tests/conftest.py). The one
file an archived module keeps is its badge image: credentials issued before it was archived
still show it (credsite/build/exports/open_badges.py).
"""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from credsite.build.builder import BuildOptions, build
from credsite.catalogue.content import load_content

from .conftest import (
    EXAMPLE_PUBLISHED_MODULES,
    EXAMPLE_UNPUBLISHED_MODULES,
    MODULE,
    REPO,
    SiteFolder,
)

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = {"a": "http://www.w3.org/2005/Atom"}
LANGS = ("nl", "en")


def _module(status: str, nl: str, en: str, code: str) -> str:
    return (
        MODULE.replace("status: published\n", f"status: {status}\ncourse_code: {code}\n")
        .replace("Testmodule", nl)
        .replace("Test module", en)
    )


# slug -> (status, what of it an output could name: titles and course code)
SMALL_SITE = {
    "visible-module": ("published", "Zichtbare module", "Visible module", "VIS-001"),
    "draft-module": ("draft", "Conceptmodule zonder weerga", "Unheard-of draft", "DRA-002"),
    "archived-module": ("archived", "Gearchiveerde module", "Archived course", "ARC-003"),
}


def _course_id(canonical_url: str, slug: str) -> str:
    """The OOAPI course id (docs/ooapi.md): UUID v5 of the site's address and the slug."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{canonical_url}modules/{slug}"))


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _naming(files: dict[str, bytes], markers: list[str]) -> set[str]:
    """The files whose path or content holds any of ``markers``."""
    return {
        path
        for path, data in files.items()
        if any(m in path or m.encode("utf-8") in data for m in markers)
    }


def _module_urls(out: Path) -> set[str]:
    root = ET.parse(out / "sitemap.xml").getroot()
    urls = {loc.text or "" for loc in root.iterfind("s:url/s:loc", SITEMAP)}
    return {url for url in urls if "/modules/" in url and not url.endswith("/modules/")}


def _feed_ids(out: Path, lang: str) -> list[str]:
    root = ET.parse(out / lang / "feed.xml").getroot()
    return [entry.findtext("a:id", "", ATOM) for entry in root.iterfind("a:entry", ATOM)]


def _module_pages(out: Path, lang: str) -> set[str]:
    return {page.parent.name for page in (out / lang / "modules").glob("*/index.html")}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = SiteFolder(tmp_path_factory.mktemp("statuses") / "src")
    for slug, (status, nl, en, code) in SMALL_SITE.items():
        site.module(slug, _module(status, nl, en, code))
    out = site.root.parent / "site"
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    return out


def test_only_the_published_module_is_listed_anywhere(small_site: Path) -> None:
    base = "https://mc.example.org/"
    for lang in LANGS:
        assert _module_pages(small_site, lang) == {"visible-module"}
        assert len(_feed_ids(small_site, lang)) == 1
    assert _module_urls(small_site) == {f"{base}{lang}/modules/visible-module/" for lang in LANGS}
    catalogue = json.loads((small_site / "catalogue.json").read_bytes())
    assert [m["slug"] for m in catalogue["modules"]] == ["visible-module"]
    courses = json.loads((small_site / "ooapi/v5/courses.json").read_bytes())
    assert [c["courseId"] for c in courses["items"]] == [_course_id(base, "visible-module")]
    assert sorted(p.name for p in (small_site / "ooapi/v5/courses").iterdir()) == [
        _course_id(base, "visible-module"),
        _course_id(base, "visible-module") + ".json",
    ]
    assert sorted(p.name for p in (small_site / "elm").iterdir()) == ["visible-module.json"]


@pytest.mark.parametrize("slug", ["visible-module", "draft-module", "archived-module"])
def test_an_unpublished_module_is_named_by_no_file(small_site: Path, slug: str) -> None:
    """Its slug, titles, course code and course id are in no file's path or bytes; the
    published one's are (the control: the search finds what is there)."""
    _, nl, en, code = SMALL_SITE[slug]
    markers = [slug, nl, en, code, _course_id("https://mc.example.org/", slug)]
    naming = _naming(_files(small_site), markers)
    if slug == "visible-module":
        assert {"catalogue.json", "sitemap.xml", "nl/feed.xml", "ooapi/v5/courses.json"} < naming
        assert {"elm/visible-module.json", "en/modules/index.html"} < naming
    elif slug == "archived-module":
        assert naming == {f"{lang}/modules/archived-module/badge.svg" for lang in LANGS}
    else:
        assert naming == set()


def test_the_example_modules_are_the_known_ones() -> None:
    """The fixed lists the example-site tests use are what content/modules/ says."""
    statuses = {m.slug: m.status for m in load_content(REPO).content.modules}
    published = dict.fromkeys(EXAMPLE_PUBLISHED_MODULES, "published")
    assert statuses == published | EXAMPLE_UNPUBLISHED_MODULES
    assert sorted(EXAMPLE_UNPUBLISHED_MODULES.values()) == ["archived", "draft"]


def test_the_example_site_lists_exactly_its_published_modules(example_site: Path) -> None:
    base = "https://microcredentials.hogeschool-voorbeeld.nl/"
    published = list(EXAMPLE_PUBLISHED_MODULES)
    for lang in LANGS:
        assert _module_pages(example_site, lang) == set(published)
        assert len(_feed_ids(example_site, lang)) == len(published)
    assert _module_urls(example_site) == {
        f"{base}{lang}/modules/{slug}/" for slug in published for lang in LANGS
    }
    catalogue = json.loads((example_site / "catalogue.json").read_bytes())
    assert [m["slug"] for m in catalogue["modules"]] == published
    courses = json.loads((example_site / "ooapi/v5/courses.json").read_bytes())
    assert sorted(c["courseId"] for c in courses["items"]) == sorted(
        _course_id(base, slug) for slug in published
    )
    assert sorted(p.stem for p in (example_site / "elm").iterdir()) == published


# What of the example's unpublished modules an output could name: titles and course code
# (content/modules/<slug>.md).
EXAMPLE_UNPUBLISHED_NAMES = {
    "ai-in-education": [
        "Generatieve AI in je onderwijspraktijk",
        "Generative AI in your teaching practice",
        "HV-EDU-AIO01",
    ],
    "lean-in-healthcare": ["Lean werken in de zorg", "Lean working in healthcare", "HV-GZH-LEA01"],
}


@pytest.mark.parametrize("slug", sorted(EXAMPLE_UNPUBLISHED_MODULES))
def test_the_example_sites_unpublished_modules_are_named_by_no_file(
    example_site: Path, slug: str
) -> None:
    """Not even by credential pages: the example site has issued none for these two."""
    base = "https://microcredentials.hogeschool-voorbeeld.nl/"
    markers = [slug, _course_id(base, slug), *EXAMPLE_UNPUBLISHED_NAMES[slug]]
    kept = set()
    if EXAMPLE_UNPUBLISHED_MODULES[slug] == "archived":
        kept = {f"{lang}/modules/{slug}/badge.svg" for lang in LANGS}
    assert _naming(_files(example_site), markers) == kept
