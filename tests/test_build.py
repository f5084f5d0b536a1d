"""The build as a whole: deterministic, atomic and incremental."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from credsite.base.errors import BuildError, ContentError
from credsite.build import builder
from credsite.build.builder import BuildOptions, build

from .conftest import MODULE, REPO, SiteFolder, copy_example


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path, example_source: Path) -> None:
    build(BuildOptions(root=example_source, out_dir=tmp_path / "a", jobs=1))
    build(BuildOptions(root=example_source, out_dir=tmp_path / "b", jobs=2))
    first, second = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert first == second
    assert len(first) > 20


def test_the_page_scripts_find_their_chunks_and_every_script_is_cached_for_good(
    example_site: Path,
) -> None:
    """The page scripts import their chunks by relative URL (browser/build.mjs splits them): each
    import resolves to a file of the site, the chunks keep their content-hashed names, and
    ``_headers`` lets a browser keep every script, chunks too, forever."""
    assets = example_site / "assets"
    pages = sorted(assets.glob("credential-page.*.js")) + sorted(assets.glob("verify-page.*.js"))
    chunks = sorted((assets / "chunks").glob("*.js"))
    assert len(pages) == 2 and len(chunks) > 5
    pattern = re.compile(r'(?:\bfrom|\bimport\(?)\s*"(\./[^"]+)"')
    imported: set[Path] = set()
    for script in pages + chunks:
        for target in pattern.findall(script.read_text(encoding="utf-8")):
            found = (script.parent / target).resolve()
            assert found.is_file(), f"{script.name} imports {target}"
            imported.add(found)
    assert {c.resolve() for c in chunks} <= imported, "no chunk is left over"
    assert all(re.fullmatch(r"[a-z0-9-]+-[A-Z0-9]{8}\.js", c.name) for c in chunks)
    headers = (example_site / "_headers").read_text(encoding="utf-8")
    for script in pages + chunks:
        path = "/" + script.relative_to(example_site).as_posix()
        assert f"{path}\n  Cache-Control: public, max-age=31536000, immutable" in headers, path


def test_output_does_not_depend_on_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_source: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    build(BuildOptions(root=example_source, out_dir=tmp_path / "a", jobs=1))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    build(BuildOptions(root=example_source, out_dir=tmp_path / "b", jobs=1))
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_parallel_rendering_gives_the_same_bytes(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("credsite.build.writer.PARALLEL_THRESHOLD", 1)
    for number in range(12):
        site.module(f"module-{number:02d}", MODULE.replace("Testmodule", f"Testmodule {number}"))
    build(BuildOptions(root=site.root, out_dir=tmp_path / "serial", jobs=1))
    build(BuildOptions(root=site.root, out_dir=tmp_path / "parallel", jobs=2))
    assert tree_digest(tmp_path / "serial") == tree_digest(tmp_path / "parallel")


def test_failed_build_leaves_the_previous_site_untouched(site: SiteFolder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.module("module")
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    before = tree_digest(out)
    inode = out.stat().st_ino
    site.module("broken", MODULE.replace("ec: 3", "ec: 300"))
    with pytest.raises(ContentError):
        build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    assert tree_digest(out) == before
    assert out.stat().st_ino == inode
    assert list(out.parent.glob("out.tmp-*")) == []


def test_render_error_leaves_the_previous_site_untouched(site: SiteFolder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.module("module")
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    before = tree_digest(out)
    site.write(
        "templates/module.html",
        "{% extends 'base.html' %}{% block main %}{{ no_such_variable }}{% endblock %}",
    )
    with pytest.raises(BuildError, match="no_such_variable"):
        build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    assert tree_digest(out) == before
    assert list(out.parent.glob("out.tmp-*")) == []


def test_nothing_changed_renders_nothing(site: SiteFolder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.module("module")
    first = build(BuildOptions(root=site.root, out_dir=out, jobs=1)).stats
    again = build(BuildOptions(root=site.root, out_dir=out, jobs=1)).stats
    assert first.rendered == first.outputs
    assert (again.rendered, again.written) == (0, False)


# What shows module beta's Dutch title (MODULE's "Testmodule"), and so what a new Dutch title
# must render again: beta's Dutch page, its achievement, badge and link preview images, its ELM
# and OOAPI records (both languages' names), and the Dutch lists that name it. Nothing English,
# nothing of alpha's.
SHOWS_BETAS_DUTCH_TITLE = {
    "catalogue.json",
    "elm/beta.json",
    "nl/feed.xml",
    "nl/index.html",
    "nl/modules/beta/achievement.json",
    "nl/modules/beta/badge.svg",
    "nl/modules/beta/index.html",
    "nl/modules/beta/share.png",
    "nl/modules/index.html",
    "ooapi/v5/courses.json",
    "ooapi/v5/courses/8b87eba7-c986-5528-98f8-d7e87773d77b.json",  # beta's course id
}


def _inodes(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_ino
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_editing_one_module_rerenders_only_what_shows_it(site: SiteFolder, tmp_path: Path) -> None:
    """Exactly the outputs that show the edited title are rendered and replaced (a rendered
    file is renamed into place, so it gets a new inode); every other file stays as it was."""
    out = tmp_path / "out"
    site.module("alpha")
    site.module("beta", MODULE.replace("Testmodule", "Betamodule"))
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    before, inodes = tree_digest(out), _inodes(out)
    site.module("beta", MODULE.replace("Testmodule", "Betamodule twee"))
    stats = build(BuildOptions(root=site.root, out_dir=out, jobs=1)).stats
    after = tree_digest(out)
    assert set(after) == set(before)
    assert {path for path in after if after[path] != before[path]} == SHOWS_BETAS_DUTCH_TITLE
    replaced = {path for path, inode in _inodes(out).items() if inode != inodes[path]}
    assert replaced == SHOWS_BETAS_DUTCH_TITLE
    assert (stats.rendered, stats.outputs) == (len(SHOWS_BETAS_DUTCH_TITLE), len(after))


def test_removed_module_disappears(site: SiteFolder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.module("alpha")
    gone = site.module("beta")
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    gone.unlink()
    stats = build(BuildOptions(root=site.root, out_dir=out, jobs=1)).stats
    assert not (out / "nl/modules/beta").exists()
    assert stats.removed > 0


def test_a_file_deleted_from_the_output_is_made_again(site: SiteFolder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.module("alpha")
    site.module("beta")
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    (out / "nl/modules/alpha/index.html").unlink()
    site.module("beta", MODULE.replace("Testmodule", "Anders"))
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    assert (out / "nl/modules/alpha/index.html").is_file()


def test_strict_turns_warnings_into_errors(site: SiteFolder, tmp_path: Path) -> None:
    site.module(
        "module", MODULE.replace("title: {nl: Testmodule, en: Test module}", "title: Testmodule")
    )
    build(BuildOptions(root=site.root, out_dir=tmp_path / "lenient", jobs=1))
    with pytest.raises(ContentError) as caught:
        build(BuildOptions(root=site.root, out_dir=tmp_path / "strict", strict=True, jobs=1))
    assert caught.value.lines()[0].startswith(
        "content/modules/module.md:2: title: no English (en) text"
    )
    assert not (tmp_path / "strict").exists()


def test_base_url_override(site: SiteFolder, tmp_path: Path) -> None:
    site.module("module")
    build(
        BuildOptions(
            root=site.root,
            out_dir=tmp_path / "out",
            base_url="https://preview.example.org/pr-12",
            jobs=1,
        )
    )
    page = (tmp_path / "out/en/modules/module/index.html").read_text()
    assert 'href="https://preview.example.org/pr-12/en/modules/module/"' in page
    assert "Disallow: /pr-12/c/" in (tmp_path / "out/robots.txt").read_text()


@pytest.mark.slow
def test_killed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    """SIGKILL in the middle of rendering: the old site stays and the next build cleans up."""
    root = copy_example(tmp_path / "src")
    # Enough pages that the template change is too large to go in place (a new tree is staged)
    # and that seconds of rendering are left when the first module page appears (about 4.5 s
    # on a loaded 2-core machine, against a 10 ms poll): the kill lands mid-render.
    for number in range(200):
        (root / "content/modules" / f"generated-{number:03d}.md").write_text(
            MODULE.replace("Testmodule", f"Module {number}"), encoding="utf-8"
        )
    out = tmp_path / "out"
    build(BuildOptions(root=root, out_dir=out, jobs=1))
    before = tree_digest(out)
    (root / "templates/base.html").write_text(
        (root / "templates/base.html").read_text() + "<!-- changed -->\n"
    )
    process = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "build.py"),
            "--root",
            str(root),
            "build",
            "--out",
            str(out),
            "--jobs",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob("out.tmp-*/nl/modules/*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_digest(out) == before
    build(BuildOptions(root=root, out_dir=out, jobs=1))
    assert list(tmp_path.glob("out.tmp-*")) == []
    assert "<!-- changed -->" in (out / "nl/index.html").read_text()


def test_with_nothing_changed_the_build_stops_before_reading_the_content(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The input snapshot: same files (size, time, inode), code and options as the build that
    wrote this folder, so nothing is checked, planned or compared; the warnings are repeated."""
    out = tmp_path / "out"
    site.module("module", MODULE.replace("title: {nl: Testmodule, en: Test module}", "title: T"))
    first = build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    assert first.warnings

    def no_check(*args: object, **kwargs: object) -> None:
        raise AssertionError("the content was read again")

    monkeypatch.setattr("credsite.build.builder.check", no_check)
    again = build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    assert again.warnings == first.warnings
    assert (again.stats.rendered, again.stats.written) == (0, False)
    assert again.stats.outputs == first.stats.outputs
    with pytest.raises(AssertionError, match="read again"):  # another option: a real build
        build(BuildOptions(root=site.root, out_dir=out, jobs=1, strict=True))


@pytest.mark.parametrize("change", ["edit", "new file", "new folder", "output replaced"])
def test_any_change_to_the_inputs_or_the_output_folder_builds_again(
    site: SiteFolder, tmp_path: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    module = site.module("module")
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    checks = []
    real_load = builder.load_content
    monkeypatch.setattr(
        "credsite.build.builder.load_content",
        lambda *a, **k: checks.append(a) or real_load(*a, **k),
    )
    if change == "edit":
        module.write_text(MODULE.replace("Testmodule", "Andere module"), encoding="utf-8")
    elif change == "new file":
        site.write("content/images/extra.txt", "x")
    elif change == "new folder":
        site.module("deeper/second", MODULE.replace("Testmodule", "Tweede"))
    else:
        out.rename(tmp_path / "moved")
        (tmp_path / "moved" / "nl").rename(out)  # another folder where the site was
    stats = build(BuildOptions(root=site.root, out_dir=out, jobs=1)).stats
    assert checks  # the content was read again
    assert stats.rendered > 0 or change == "new file"  # an unused file changes no page
    if change == "edit":
        assert "Andere module" in (out / "nl/modules/module/index.html").read_text()


@pytest.mark.slow
def test_an_edited_module_carries_the_credential_half_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the credential inputs unchanged, their pages are neither read, checked nor planned
    again (carry.py); anything about credentials changing builds everything."""
    root = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    first = build(BuildOptions(root=root, out_dir=out, jobs=1))
    before = tree_digest(out)
    module = next(root.glob("content/modules/*.md"))
    real_check = builder.check
    checks = []
    monkeypatch.setattr(
        "credsite.build.builder.check", lambda *a, **k: checks.append(a) or real_check(*a, **k)
    )
    module.write_text(
        module.read_text(encoding="utf-8").replace("## ", "## Bewerkt: ", 1), encoding="utf-8"
    )
    carried = build(BuildOptions(root=root, out_dir=out, jobs=1))
    assert checks == [] and carried.warnings == first.warnings
    after = tree_digest(out)
    assert sorted(after) == sorted(before)
    changed = [path for path in after if after[path] != before[path]]
    assert changed and not any(
        path.startswith(("c/", "status/", ".well-known/")) for path in changed
    )

    log = root / "content/status/log.yaml"
    log.write_text(log.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(BuildOptions(root=root, out_dir=out, jobs=1))
    assert len(checks) == 1  # a credential input changed: everything is checked again

    fresh = tmp_path / "fresh"
    build(BuildOptions(root=root, out_dir=fresh, jobs=1))
    assert tree_digest(fresh) == tree_digest(out)


@pytest.mark.parametrize("cache", ["inputs-*.json", "credentials-*.txt", "build-record-*.txt"])
@pytest.mark.parametrize(
    "garbage", ["", "not json\n", '{"digest": 5}\n', "credsite-build-record 2\n"]
)
def test_a_damaged_build_cache_only_costs_time(
    site: SiteFolder, tmp_path: Path, cache: str, garbage: str
) -> None:
    """The snapshot, the carried credential half and the build record are caches: damaged,
    they are ignored and the build makes what a fresh build makes."""
    out = tmp_path / "out"
    site.module("module")
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    files = list((site.root / ".credsite-cache").glob(cache))
    assert files
    for file in files:
        file.write_text(garbage, encoding="utf-8")
    site.module("module", MODULE.replace("Testmodule", "Gewijzigd"))
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    build(BuildOptions(root=site.root, out_dir=tmp_path / "fresh", jobs=1))
    assert tree_digest(out) == tree_digest(tmp_path / "fresh")


def test_links_in_the_inputs_are_followed_and_a_dangling_one_is_no_crash(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The input snapshot looks at what a link points to (the build reads that), records a
    link to nothing as missing, and never follows a link to a folder (a loop would not end)."""
    out = tmp_path / "out"
    site.module("module")
    images = site.root / "content/images"
    images.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "elsewhere.txt"
    (images / "linked.txt").symlink_to(target)
    (images / "loop").symlink_to(images)
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    reads = []
    real_load = builder.load_content
    monkeypatch.setattr(
        "credsite.build.builder.load_content", lambda *a, **k: reads.append(a) or real_load(*a, **k)
    )
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    assert reads == []  # nothing changed
    target.write_text("now it points somewhere", encoding="utf-8")
    build(BuildOptions(root=site.root, out_dir=out, jobs=1))
    assert len(reads) == 1  # what the link points to changed: the content is read again
