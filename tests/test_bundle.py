"""Where a source checkout keeps its browser bundles (credsite/build/bundle.py): once per source
digest for the checkout, shared by every site it builds, so that a new site costs no esbuild run.
esbuild itself is replaced here by a stand-in that counts its runs; tests/test_wheel.py builds
the real bundles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credsite.build import bundle
from credsite.build.builder import BuildOptions, build

from .conftest import SiteFolder


def counted_builds(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[Path]:
    """Bundles built into ``folder`` by a stand-in for esbuild; returns the folders it filled."""
    built: list[Path] = []

    def fake_build(target: Path) -> None:
        built.append(target)
        for name in bundle.ENTRIES:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_text(f"export {{}}; // {target.name}", encoding="utf-8")
        (target / bundle.CHUNKS).mkdir()
        (target / bundle.CHUNKS / "shared-ABCDEFGH.js").write_text("export {};", encoding="utf-8")
        preloads = json.dumps({name: [] for name in bundle.ENTRIES})
        (target / bundle.PRELOADS).write_text(preloads, encoding="utf-8")

    monkeypatch.setattr(bundle, "CHECKOUT_BUNDLES", folder)
    monkeypatch.setattr(bundle, "_build", fake_build)
    return built


def digest_is(monkeypatch: pytest.MonkeyPatch, digest: str) -> None:
    monkeypatch.setattr(bundle, "checkout_digest", lambda: digest)


def test_a_checkouts_bundles_are_built_once_per_source_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = counted_builds(monkeypatch, tmp_path / "bundles")
    digest_is(monkeypatch, "a" * 64)
    first = bundle.bundles()
    assert bundle.bundles() == first
    assert built == [tmp_path / "bundles" / ("a" * 16)]
    assert first["chunks/shared-ABCDEFGH.js"] == built[0] / "chunks" / "shared-ABCDEFGH.js"
    assert {first[name] for name in bundle.ENTRIES} == {built[0] / n for n in bundle.ENTRIES}

    digest_is(monkeypatch, "b" * 64)  # a source changed: a new folder, the old one kept
    second = bundle.bundles()
    assert built == [tmp_path / "bundles" / ("a" * 16), tmp_path / "bundles" / ("b" * 16)]
    assert all(path.is_relative_to(built[1]) for path in second.values())
    assert all(path.is_file() for path in first.values())


def test_an_unfinished_bundle_folder_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = counted_builds(monkeypatch, tmp_path / "bundles")
    digest_is(monkeypatch, "c" * 64)
    (tmp_path / "bundles" / ("c" * 16)).mkdir(parents=True)  # no page scripts in it
    bundle.bundles()
    assert built == [tmp_path / "bundles" / ("c" * 16)]


def assets_of(out: Path, suffix: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (out / "assets").glob(f"*{suffix}")}


def test_every_site_a_checkout_builds_shares_its_bundles_and_keeps_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = counted_builds(monkeypatch, tmp_path / "bundles")
    digest_is(monkeypatch, "d" * 64)
    scripts = []
    for name in ("one", "two"):
        site = SiteFolder(tmp_path / name)
        site.module("module")
        out = tmp_path / f"{name}-out"
        build(BuildOptions(root=site.root, out_dir=out, jobs=1))
        assert not (site.root / ".credsite-cache" / "bundles").exists()
        scripts.append(assets_of(out, ".js"))
    assert built == [tmp_path / "bundles" / ("d" * 16)]
    assert scripts[0] == scripts[1]
    assert any(b"d" * 16 in data for data in scripts[0].values())
