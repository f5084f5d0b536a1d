"""The registry of machine-readable exports (credsite/build/exports/): what it lists is planned
and rendered, and an export added to it needs no other change to the build."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from credsite.base.errors import BuildError
from credsite.build import exports, render
from credsite.build.builder import BuildOptions, build
from credsite.build.exports import Export
from credsite.build.output import Output
from credsite.build.pages import plan_site
from credsite.build.planning import PlanContext
from credsite.build.theme import AssetSet, collect_assets
from credsite.catalogue.achievement import pick
from credsite.catalogue.content import load_content
from credsite.catalogue.model import Content

from .conftest import REPO


def modules_csv(context: PlanContext) -> list[Output]:
    """A spreadsheet of the published modules: slug, then the title in each language."""
    site = context.site
    rows = [["slug", *(f"title_{lang}" for lang in site.languages)]]
    rows += [
        [m.slug, *(pick(m.title, site, lang) for lang in site.languages)] for m in context.modules
    ]
    return [Output("modules.csv", "csv", {"rows": rows})]


def render_csv(output: Output) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(output.data["rows"])
    return text.getvalue().encode("utf-8")


MODULES_CSV = Export("modules.csv", modules_csv, {"csv": render_csv})


@pytest.fixture(scope="module")
def example() -> tuple[Content, AssetSet]:
    content = load_content(REPO).content
    assert content is not None
    return content, collect_assets(REPO)


def test_every_registered_export_is_planned_and_renderable(
    example: tuple[Content, AssetSet],
) -> None:
    content, assets = example
    first = content.published_modules()[0].slug
    pngs = frozenset({(first, content.site.default_language)})
    planned = {o.path: o for o in plan_site(content, assets, REPO, pngs)}
    context = PlanContext.of(content, assets, REPO, pngs)
    kinds = render.renderers(render.template_dirs(REPO)).keys()
    assert [e.name for e in exports.EXPORTS] == list(dict.fromkeys(e.name for e in exports.EXPORTS))
    for export in exports.EXPORTS:
        outputs = export.plan(context)
        assert outputs, f"export {export.name} plans nothing for the example site"
        for output in outputs:
            assert planned.get(output.path) == output, f"{export.name}: {output.path} not planned"
            assert output.kind in kinds, f"{export.name}: no renderer for {output.kind}"


def test_an_added_export_is_built_by_its_own_renderer(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    example: tuple[Content, AssetSet],
    example_source: Path,
) -> None:
    """Registered and nothing else: planned by plan_site, rendered in the build's (forked)
    workers by the renderer it brought."""
    monkeypatch.setattr(exports, "EXPORTS", (*exports.EXPORTS, MODULES_CSV))
    monkeypatch.setattr("credsite.build.writer.PARALLEL_THRESHOLD", 1)
    out = tmp_path / "site"
    build(BuildOptions(root=example_source, out_dir=out, jobs=2))
    rows = list(csv.reader(io.StringIO((out / "modules.csv").read_text(encoding="utf-8"))))
    content, _ = example
    assert rows[0] == ["slug", *(f"title_{lang}" for lang in content.site.languages)]
    assert [row[0] for row in rows[1:]] == [m.slug for m in content.published_modules()]
    assert len(rows) > 2
    assert (out / "sitemap.xml").is_file() and (out / "catalogue.json").is_file()


@pytest.mark.parametrize("kind", ["sitemap", "json"])
def test_a_kind_has_one_renderer(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """An export may not take over another export's kind (sitemap) or the build's own (json):
    which renderer makes a file must not depend on the order of the registry."""
    rival = Export("rival", lambda context: [], {kind: render_csv})
    monkeypatch.setattr(exports, "EXPORTS", (*exports.EXPORTS, rival))
    with pytest.raises(BuildError, match=kind):
        render.renderers(render.template_dirs(REPO))
