"""A site's own templates and assets override credsite's theme, file by file (docs/theming.md):
"put a file with the same name in your own site's templates/ or assets/ folder: your file is
used instead of credsite's, and everything you do not override still comes from credsite."

A throwaway site overrides one template (the footer) and one stylesheet (theme.css); the built
pages use those two and credsite's own files for everything else.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from credsite.build.builder import BuildOptions, build

from .conftest import REPO, SiteFolder
from .test_pages import parse

FOOTER = """\
<footer class="own-footer">
  <p>OWN-FOOTER of {{ site.name }}</p>
</footer>
"""
THEME_CSS = ":root { --brand: #7a1f5c; } /* OWN-THEME */\n"
PAGES = ["nl/index.html", "en/modules/index.html", "en/modules/module/index.html"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = SiteFolder(tmp_path_factory.mktemp("theme") / "src")
    site.module("module")
    site.write("templates/partials/footer.html", FOOTER)
    site.write("assets/theme.css", THEME_CSS)
    out = site.root.parent / "site"
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    return out


def _stylesheets(page: Path) -> list[str]:
    return [a["href"] or "" for a in parse(page).find("link", rel="stylesheet")]


@pytest.mark.parametrize("page", PAGES)
def test_the_sites_own_footer_replaces_the_themes(built: Path, page: str) -> None:
    html = (built / page).read_text(encoding="utf-8")
    assert '<footer class="own-footer">' in html
    name = "Testhogeschool" if page.startswith("nl/") else "Test University"
    assert f"<p>OWN-FOOTER of {name}</p>" in html  # its variables, in the page's language
    assert 'class="site-footer"' not in html  # credsite's footer is not there as well


@pytest.mark.parametrize("page", PAGES)
def test_the_sites_own_theme_css_is_linked_after_credsites_stylesheet(
    built: Path, page: str
) -> None:
    own = f"theme.{hashlib.sha256(THEME_CSS.encode()).hexdigest()[:10]}.css"
    default = hashlib.sha256((REPO / "assets" / "style.css").read_bytes()).hexdigest()[:10]
    names = [href.rsplit("/", 1)[-1] for href in _stylesheets(built / page)]
    assert names[:2] == [f"style.{default}.css", own]  # theme.css last, so it wins


def test_the_overridden_files_are_the_sites_and_the_rest_credsites(built: Path) -> None:
    (theme,) = (built / "assets").glob("theme.*.css")
    assert theme.read_text(encoding="utf-8") == THEME_CSS
    for name in ("style.css", "site.js", "catalogue.js"):
        stem, suffix = name.rsplit(".", 1)
        (copy,) = (built / "assets").glob(f"{stem}.*.{suffix}")
        assert copy.read_bytes() == (REPO / "assets" / name).read_bytes(), name
    page = parse(built / "en/modules/module/index.html")
    assert page.find("meta", name="generator"), "base.html is still credsite's"
