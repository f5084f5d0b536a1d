"""Shared fixtures: throwaway sites in temporary folders, a built example site, a loopback server."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from credsite.build.builder import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent

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
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example site, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("example") / "site"
    build(BuildOptions(root=REPO, out_dir=out, jobs=1))
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
