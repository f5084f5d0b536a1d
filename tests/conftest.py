"""Shared fixtures: throwaway sites in temporary folders, a built example site, a loopback server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from credsite.build.builder import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent

# The example site's modules, written out rather than computed with the build's own
# ``is_published``: a test that takes its expectation from the code under test passes when
# that code is wrong (an archived module counted as published). In catalogue order.
EXAMPLE_PUBLISHED_MODULES = (
    "business-administration-finance",
    "clinical-reasoning-complex-care",
    "computer-science-secure-software",
    "data-driven-care-improvement",
    "interview-techniques-nursing",
    "it-databases-and-data",
    "it-programming-fundamentals",
    "it-web-development",
    "management-in-care",
    "value-case-business-cases",
)
EXAMPLE_UNPUBLISHED_MODULES = {"ai-in-education": "draft", "lean-in-healthcare": "archived"}

SITE_YAML = """\
base_url: https://mc.example.org/
institution:
  name: {nl: Testhogeschool, en: Test University}
  country: NL
"""

MODULE = """\
---
title: {nl: Testmodule, en: Test module}
summary: {nl: Een korte samenvatting., en: A short summary.}
status: published
published_on: 2026-01-15
language: [nl]
ec: 3
eqf_level: 6
learning_outcomes:
  nl: [Je kunt iets.]
  en: [You can do something.]
participation: [online]
assessment_type: [written_exam]
---
Beschrijving.

<!-- lang: en -->
Description.
"""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI (``CI=true``, as .ci/run sets it) a skipped test is a failure, unless it carries
    ``@pytest.mark.may_skip("why it may")``: a test skipped for want of a tool (node, a Python
    package on PATH) checks nothing, and a green run would hide it."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") != "true" or not report.skipped or hasattr(report, "wasxfail"):
        return
    allowed = item.get_closest_marker("may_skip")
    if allowed is not None and allowed.args and str(allowed.args[0]).strip():
        if isinstance(report.longrepr, tuple):  # the summary says the skip was allowed
            path, line, reason = report.longrepr
            report.longrepr = (path, line, f"{reason} (may skip: {allowed.args[0]})")
        return
    _fail_the_skip(report)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules that hold a ``slow`` test run first, in their collected order, then the
    rest: xdist (``-n auto``, as CI runs) hands out tests in this order, so the long ones start
    early and the last to start are short, instead of one worker idling while the other ends a
    long test begun last. A module's tests stay together and in order, so that its
    module-scoped fixtures are made no more often than before."""
    slow = {item.nodeid.partition("::")[0] for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.nodeid.partition("::")[0] not in slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """The same for a whole module skipped while collected (``allow_module_level``)."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped:
        _fail_the_skip(report)


def _fail_the_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
    report.outcome = "failed"
    report.longrepr = (
        f"skipped in CI ({reason}): a test may skip in CI only when it is marked "
        '@pytest.mark.may_skip("the reason it may")'
    )


class SiteFolder:
    """A throwaway site: site.yaml plus whatever modules and tracks a test writes."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content" / "modules").mkdir(parents=True)
        (root / "content" / "tracks").mkdir(parents=True)
        self.write("site.yaml", SITE_YAML)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def module(self, slug: str, text: str = MODULE) -> Path:
        return self.write(f"content/modules/{slug}.md", text)

    def track(self, slug: str, text: str) -> Path:
        return self.write(f"content/tracks/{slug}.md", text)


@pytest.fixture
def site(tmp_path: Path) -> SiteFolder:
    return SiteFolder(tmp_path / "site-src")


@pytest.fixture(scope="session")
def example_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example site's sources, for the tests that build it and change nothing:
    a build writes its caches into its site's ``.credsite-cache/``, and a test leaves no file
    in the repository. Shared, since a copy is made once per session (and the browser bundles
    are the checkout's, not a site's: a copy costs no esbuild run)."""
    return copy_example(tmp_path_factory.mktemp("example-source") / "example")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory, example_source: Path) -> Path:
    """The repository's example site, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("example") / "site"
    build(BuildOptions(root=example_source, out_dir=out, jobs=1))
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve_dir() -> Iterator:
    """Start a loopback HTTP server for a folder; stopped at the end of the session."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(directory: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def copy_example(destination: Path) -> Path:
    """A copy of the example site's sources, for tests that change them."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("site.yaml", "keys.yaml", "content", "assets", "templates"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination
