"""The released package: the wheel and the sdist carry everything a site needs, reproducibly, and
an installed wheel runs a site from ``init`` to a credential verified in Chromium, with no Node.
First, fast, the rule by which a running credsite finds its theme and bundles (resources.py).

The sdist and the wheel are built once per test run (tests/package_index.py: xdist's workers
share them, as do the tests that run the guide and the CI files).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from credsite import __version__
from credsite.base.errors import BuildError
from credsite.build import bundle, resources
from credsite.build.bundle import ENTRIES, bundles, checkout_digest, source_digest
from credsite.build.theme import theme_dirs

from .browser.conftest import CHROMIUM, FLAGS, Guarded
from .conftest import REPO
from .package_index import NAME, Dist, package, release
from .serving import fetch, free_port, wait_for

# Where credsite finds its own files (credsite/build/resources.py): fast, without a build.


def fake_package(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """credsite's own files as a wheel lays them out, in ``folder``, with no checkout beside it."""
    package = folder / "site-packages" / "credsite"
    for name in ("templates/base.html", "assets/style.css"):
        (package / "theme" / name).parent.mkdir(parents=True, exist_ok=True)
        (package / "theme" / name).write_text("packaged", encoding="utf-8")
    for name in (*ENTRIES, "chunks/chunk-ABC.js"):
        (package / "bundles" / name).parent.mkdir(parents=True, exist_ok=True)
        (package / "bundles" / name).write_text("export {};", encoding="utf-8")
    manifest = package / "bundles" / resources.BUNDLE_MANIFEST
    manifest.write_text('{"source_digest": "d1g357"}', encoding="utf-8")
    monkeypatch.setattr(resources, "PACKAGED_THEME", package / "theme")
    monkeypatch.setattr(resources, "PACKAGED_BUNDLES", package / "bundles")
    monkeypatch.setattr(resources, "CHECKOUT", package.parent)
    monkeypatch.setattr(bundle, "CHECKOUT_BUNDLES", folder / "checkout-bundles")
    return package


def test_an_installed_credsite_uses_its_packaged_theme_and_bundles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = fake_package(tmp_path, monkeypatch)
    assert resources.default_theme() == package / "theme"
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    assert theme_dirs(site, "templates") == [site / "templates", package / "theme" / "templates"]
    found = bundles()
    assert found == {
        **{name: package / "bundles" / name for name in ENTRIES},
        "chunks/chunk-ABC.js": package / "bundles" / "chunks" / "chunk-ABC.js",
    }
    assert source_digest() == "d1g357"
    assert not (tmp_path / "checkout-bundles").exists()  # nothing built, no Node asked for


def test_without_packaged_files_or_a_checkout_the_build_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = fake_package(tmp_path, monkeypatch)
    shutil.rmtree(package / "theme")
    shutil.rmtree(package / "bundles")
    for missing in (
        lambda: theme_dirs(tmp_path, "templates"),
        bundles,
        source_digest,
    ):
        with pytest.raises(BuildError, match="reinstall credsite"):
            missing()


def test_a_checkout_uses_its_own_theme_and_browser_sources() -> None:
    assert resources.default_theme() == REPO
    assert resources.packaged_bundles() is None
    assert resources.browser_sources() == REPO / "browser"


# The sdist and the wheel, built and installed.


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    return release(tmp_path_factory)


def wheel_files(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def tree_files(folder: Path, prefix: str) -> dict[str, bytes]:
    """Every file under ``folder`` as it would sit in a package under ``prefix``, without
    bytecode."""
    return {
        f"{prefix}/{path.relative_to(folder).as_posix()}": path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.mark.slow
def test_the_wheel_built_twice_is_the_same_bytes(dist: Dist, tmp_path: Path) -> None:
    package(REPO, tmp_path, "--wheel")
    again = tmp_path / dist.wheel.name
    assert sorted(wheel_files(again)) == sorted(wheel_files(dist.wheel))
    assert again.read_bytes() == dist.wheel.read_bytes()


@pytest.mark.slow
def test_the_wheel_holds_the_package_theme_data_scaffold_and_bundles(dist: Dist) -> None:
    files = wheel_files(dist.wheel)
    # The checkout's own bundles, which build.py builds with Node: the wheel carries the same.
    built = bundles()[ENTRIES[0]].parent
    expected = (
        tree_files(REPO / "credsite", "credsite")  # the code, credsite/data, credsite/scaffold
        | tree_files(REPO / "templates", "credsite/theme/templates")
        | tree_files(REPO / "assets", "credsite/theme/assets")
        | tree_files(built, "credsite/bundles")
    )
    manifest = files.pop("credsite/bundles/manifest.json")
    assert manifest.decode() == f'{{\n  "source_digest": "{checkout_digest()}"\n}}\n'
    metadata = {name for name in files if name.startswith(f"{NAME}.dist-info/")}
    assert metadata == {
        f"{NAME}.dist-info/{name}" for name in ("METADATA", "WHEEL", "RECORD", "entry_points.txt")
    }
    assert sorted(files.keys() - metadata) == sorted(expected)
    assert {name: data for name, data in files.items() if name not in metadata} == expected
    assert f"Version: {__version__}\n" in files[f"{NAME}.dist-info/METADATA"].decode()
    assert not [n for n in files if "node_modules" in n or n.startswith(("tests/", "browser/"))]


def sdist_files(sdist: Path) -> dict[str, bytes]:
    """The sdist's files, by their path below its top folder."""
    files = {}
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            content = archive.extractfile(member) if member.isfile() else None
            if content is not None:
                files[member.name.split("/", 1)[1]] = content.read()
    return files


@pytest.mark.slow
def test_the_sdist_has_what_a_wheel_build_needs_and_no_tests(dist: Dist) -> None:
    files = sdist_files(dist.sdist)
    needed = {"pyproject.toml", "hatch_build.py", "PKG-INFO", "README.md", "credsite/__init__.py"}
    needed |= {"browser/build.mjs", "browser/package.json", "browser/package-lock.json"}
    needed |= {"credsite/bundles/manifest.json"} | {f"credsite/bundles/{n}" for n in ENTRIES}
    needed |= {"templates/base.html", "assets/style.css"}
    assert needed <= files.keys()
    tops = {"PKG-INFO", "pyproject.toml", "hatch_build.py", "README.md", "CHANGELOG.md"}
    tops |= {".gitignore", "credsite", "templates", "assets", "browser"}
    assert {name.split("/", 1)[0] for name in files} <= tops
    browser = {n for n in files if n.startswith("browser/") and not n.startswith("browser/src/")}
    assert browser == {"browser/build.mjs", "browser/package.json", "browser/package-lock.json"}
    unwanted = ("tests", "node_modules", "site", ".venv", "__pycache__", ".credsite-cache")
    unwanted += (".bundles",)  # a checkout's own bundles (bundle.py): the sdist carries its own
    assert not [n for n in files if set(n.split("/")) & set(unwanted) or n.endswith(".pyc")]
    wheel = wheel_files(dist.wheel)
    carried = {n: data for n, data in files.items() if n.startswith("credsite/bundles/")}
    assert carried == {n: data for n, data in wheel.items() if n.startswith("credsite/bundles/")}


@pytest.mark.slow
def test_a_wheel_from_the_sdist_needs_no_node_and_equals_the_checkouts(
    dist: Dist, tmp_path: Path
) -> None:
    with tarfile.open(dist.sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    no_node = tmp_path / "bin"
    no_node.mkdir()
    assert shutil.which("node", path=str(no_node)) is None
    package(tmp_path / "unpacked" / NAME, tmp_path / "out", "--wheel", path=str(no_node))
    again = wheel_files(tmp_path / "out" / dist.wheel.name)
    original = wheel_files(dist.wheel)
    assert sorted(again) == sorted(original)
    assert again == original


@pytest.fixture(scope="session")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed, its dependencies from the package
    index (and pip's cache); returns its bin folder."""
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    result = subprocess.run(
        [*pip, "install", "--quiet", "--no-compile", str(dist.wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return venv / "bin"


class Installed:
    """The installed ``credsite`` command, run with a PATH that has no node and no npm."""

    def __init__(self, bin_folder: Path, home: Path):
        self.command = bin_folder / "credsite"
        self.env = {
            "PATH": str(bin_folder),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "LANG": "C.UTF-8",
        }
        for tool in ("node", "npm"):
            assert shutil.which(tool, path=self.env["PATH"]) is None

    def __call__(self, *args: str, cwd: Path) -> str:
        result = subprocess.run(
            [str(self.command), *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    @contextmanager
    def serving(self, cwd: Path) -> Iterator[str]:
        """``credsite serve`` in ``cwd``, until the block ends; yields its URL."""
        port = free_port()
        process = subprocess.Popen(
            [str(self.command), "serve", "--port", str(port)],
            cwd=cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        url = f"http://127.0.0.1:{port}/"

        def up() -> bool:
            try:
                return fetch(url + "nl/")[0] == 200
            except OSError:
                return process.poll() is not None

        try:
            wait_for(up, seconds=120)
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.mark.slow
@pytest.mark.browser
def test_an_installed_wheel_runs_a_site_without_node(
    installed: Path, tmp_path: Path, serve_dir: Callable[[Path], str]
) -> None:
    credsite = Installed(installed, tmp_path / "home")
    assert credsite("--version", cwd=tmp_path) == f"credsite {__version__}\n"
    credsite("init", "institution", cwd=tmp_path)
    root = tmp_path / "institution"
    # Theming against the installed package: the site's own footer replaces the default one.
    footer = root / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<p>OWN-FOOTER</p>\n", "utf-8")
    credsite("check", cwd=root)
    credsite("keygen", cwd=root)
    results = tmp_path / "results.csv"
    results.write_text("name,email\nNoor Bakker,noor.bakker@example.org\n", encoding="utf-8")
    mail = tmp_path / "mail.csv"
    output = credsite(
        "issue", "--module", "example-module", "--csv", str(results), "--mail-merge", str(mail),
        cwd=root,
    )  # fmt: skip
    token = output.split("/c/", 1)[1].split("/", 1)[0]
    credsite("build", cwd=root)

    site = root / "site"
    assert "OWN-FOOTER" in (site / "nl" / "index.html").read_text(encoding="utf-8")
    assert list((site / "assets").glob("style.*.css")), "the default theme's stylesheet"
    assert not list(installed.parent.rglob(".bundles")), "bundles built, not packaged"
    verified_in_chromium(serve_dir(site) + f"c/{token}/")

    with credsite.serving(root) as url:
        status, body = fetch(url + f"c/{token}/")
        assert status == 200 and "Noor Bakker" in body


def verified_in_chromium(url: str) -> None:
    """The credential page at ``url`` reaches ``verified`` in Chromium, launched as
    tests/browser/conftest.py launches it. In a thread of its own: the browser tests' Playwright,
    when this process runs them too, keeps this thread's event loop to itself."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"this test needs Debian's chromium at {CHROMIUM}")
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(_verified_in_chromium, url).result()


def _verified_in_chromium(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            guard = Guarded(browser.new_context())
            page = guard.page()
            page.goto(url)
            expect(page.locator("#verification")).to_have_attribute(
                "data-state", "verified", timeout=15000
            )
            expect(page.locator("#credential-content [data-field=recipient]")).to_have_text(
                "Noor Bakker"
            )
            assert guard.blocked == [] and guard.errors == []
        finally:
            browser.close()
