"""A static host that reads the site's ``_headers`` file, as Netlify and Cloudflare Pages do, for
tests of what those hosts send: every rule whose path matches a request applies (``*`` matches
any characters, ``:name`` one path segment), on top of the type the file's extension gives."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from .conftest import QuietHandler

Rules = list[tuple[re.Pattern[str], list[tuple[str, str]]]]


def header_rules(text: str) -> Rules:
    """The rules of a ``_headers`` file: a path pattern, then its indented ``Name: value`` lines."""
    rules: Rules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            parts = re.split(r"(\*|:[A-Za-z]\w*)", line.strip())
            source = "".join(
                ".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts
            )
            rules.append((re.compile(f"^{source}$"), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: Rules, path: str) -> dict[str, str]:
    """The headers every matching rule gives ``path``; a name that several give gets their
    values joined by commas, as Cloudflare Pages does (so a test sees a clash)."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if pattern.match(path):
            for name, value in headers:
                key = name.lower()
                found[key] = f"{found[key]}, {value}" if key in found else value
    return found


class HeadersHost(QuietHandler):
    """Serves a folder with the headers its ``_headers`` file gives each path."""

    rules: ClassVar[Rules] = []

    def send_header(self, keyword: str, value: str) -> None:
        extra = headers_for(self.rules, urlsplit(self.path).path)
        if keyword.lower() in extra:  # the file's value replaces the default one
            return
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, urlsplit(self.path).path).items():
            super().send_header(name, value)
        super().end_headers()


@contextmanager
def serve_folder(
    directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 with ``handler`` while the block runs; yields the
    address, ending in ``/``."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def headers_host(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 with its ``_headers``; yields the address, ending in ``/``."""
    rules = header_rules((site / "_headers").read_text(encoding="utf-8"))
    with serve_folder(site, type("SiteHeadersHost", (HeadersHost,), {"rules": rules})) as address:
        yield address


# A learner's old link to a credential or collection page: what a host with rewrites sends to the
# folder's router page on a packed or private site (hosting.redirects).
OLD_LINK = re.compile(r"^/([cl])/[a-z2-7]{26,64}/$")


class RouterHost(QuietHandler):
    """A static host for packed and private sites: with ``rewrite`` (Netlify, Cloudflare Pages:
    ``_redirects``), /c/<id>/ and /l/<id>/ are answered with the folder's router page (status
    200); without (GitHub Pages, a plain server), a missing page is answered with /404.html
    (status 404). A folder without index.html is missing: hosts list no folders."""

    rewrite: ClassVar[bool] = False

    def do_GET(self) -> None:  # noqa: N802 (http.server names it so)
        path = urlsplit(self.path).path
        if self.rewrite and (old := OLD_LINK.match(path)):
            self.path = f"/{old.group(1)}/index.html"
            return super().do_GET()
        local = Path(self.translate_path(self.path))
        if not (local.is_file() or (local / "index.html").is_file()):
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().do_GET()


@contextmanager
def router_host(site: Path, rewrite: bool) -> Iterator[str]:
    """Serve ``site`` as a host with or without rewrites (RouterHost); yields the address."""
    handler = type(
        "RewriteHost" if rewrite else "FallbackHost", (RouterHost,), {"rewrite": rewrite}
    )
    with serve_folder(site, handler) as address:
        yield address
