"""``serve``: a local preview that rebuilds on every save and reloads the open page.

The server only ever listens on 127.0.0.1. A failed rebuild keeps the last good site on disk
(builds are atomic) but every page request gets an error page listing the problems, so the author
sees them where they are looking; the next good save brings the site back.
"""

from __future__ import annotations

import argparse
import html
import mimetypes
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from credsite.base.errors import CredsiteError
from credsite.build.builder import BuildOptions, build
from credsite.build.theme import DEFAULT_THEME
from credsite.commands.common import Commands, site_root

if TYPE_CHECKING:
    from livereload import Server

# livereload and tornado are imported by ``serve`` only: every command builds the parser from
# this module, and they would add a third of a second to each.

HOST = "127.0.0.1"
WATCHED = ("content", "templates", "assets", "site.yaml")
StartResponse = Callable[[str, list[tuple[str, str]]], object]
WsgiApp = Callable[[dict[str, Any], StartResponse], list[bytes]]
# what a static host sends, where the system's MIME table may say otherwise
MIME_TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".xml": "application/atom+xml",
    ".svg": "image/svg+xml",
}


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "serve",
        help="build, serve on 127.0.0.1 and reload the browser on changes",
        description="Build the site, serve it on 127.0.0.1 and rebuild when content, templates, assets or site.yaml change; the open page reloads itself. A build error is shown in the browser until the next good save.",
    )
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: site/ in the site's folder)"
    )
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    out = (args.out or root / "site").resolve()
    return serve(root, out, args.port)


@dataclass
class PreviewState:
    """What the preview shows: the site on disk, or the last build's errors."""

    errors: list[str] = field(default_factory=list)


def rebuild(root: Path, out: Path, state: PreviewState) -> None:
    try:
        report = build(BuildOptions(root=root, out_dir=out))
    except CredsiteError as error:
        state.errors = error.lines()
        print("\n".join(state.errors), file=sys.stderr)
        return
    state.errors = []
    if report.warnings:
        print(
            f"{len(report.warnings)} warning(s); 'credsite check' lists them",
            file=sys.stderr,
        )
    stats = report.stats
    print(
        f"rebuilt: {stats.rendered} rendered, {stats.reused} unchanged in {stats.seconds:.2f} s",
        file=sys.stderr,
    )


def error_page(lines: Iterable[str]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed · credsite</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
</head><body style="font-family: system-ui, sans-serif; margin: 2rem; line-height: 1.5">
<h1 style="color: #a1161b">The build failed</h1>
<p>Fix these problems and save; this page reloads by itself.</p>
<ul id="build-errors">{items}</ul>
</body></html>"""
    return page.encode("utf-8")


def make_app(out: Path, state: PreviewState) -> WsgiApp:
    """A small WSGI app serving the output folder the way a static host would."""

    def app(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = unquote(environ.get("PATH_INFO", "/"))
        if state.errors and _wants_page(path):
            return _respond(
                start_response,
                "500 Internal Server Error",
                "text/html; charset=utf-8",
                error_page(state.errors),
            )
        target = _resolve(out, path)
        if target is None:
            return _respond(start_response, "403 Forbidden", "text/plain", b"forbidden")
        if target.is_dir():
            if not path.endswith("/"):
                start_response("301 Moved Permanently", [("Location", path + "/")])
                return [b""]
            target = target / "index.html"
        if not target.is_file():
            missing = out / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"not found"
            return _respond(start_response, "404 Not Found", "text/html; charset=utf-8", body)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in (
            "application/json",
            "application/atom+xml",
            "image/svg+xml",
        ):
            kind += "; charset=utf-8"
        return _respond(start_response, "200 OK", kind, target.read_bytes())

    return app


def _wants_page(path: str) -> bool:
    return path.endswith("/") or path.endswith(".html") or "." not in path.rsplit("/", 1)[-1]


def _resolve(out: Path, path: str) -> Path | None:
    candidate = (out / path.lstrip("/")).resolve()
    return (
        candidate if candidate == out.resolve() or candidate.is_relative_to(out.resolve()) else None
    )


def _respond(start_response: StartResponse, status: str, kind: str, body: bytes) -> list[bytes]:
    start_response(
        status,
        [("Content-Type", kind), ("Cache-Control", "no-store"), ("Content-Length", str(len(body)))],
    )
    return [body]


def preview_server(app: WsgiApp) -> Server:
    """livereload's server, but its reload script is loaded as a file: the pages' Content
    Security Policy forbids inline scripts, and the preview must obey the same policy."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.server import LiveScriptContainer
    from tornado import web

    class PreviewServer(Server):  # type: ignore[misc]  # livereload has no type hints
        def get_web_handlers(self, script: bytes) -> list[Any]:
            external = (
                b'<script src="/livereload.js?port=' + str(self.port).encode() + b'"></script>'
            )
            fallback = LiveScriptContainer(self.app, external)
            return [(r".*", web.FallbackHandler, {"fallback": fallback})]

        def serve(self, port: int = 8000, **kwargs: Any) -> None:
            self.port = port
            # livereload ignores changes within 3 s of the previous reload; an author who saves
            # a fix right after a mistake must see the fix.
            LiveReloadHandler.DEFAULT_RELOAD_TIME = 0.5
            super().serve(port=port, **kwargs)

    return PreviewServer(app=app)


def serve(root: Path, out: Path, port: int) -> int:
    for extension, kind in MIME_TYPES.items():
        mimetypes.add_type(kind, extension)
    state = PreviewState()
    rebuild(root, out, state)
    server = preview_server(make_app(out, state))
    for name in WATCHED:
        for base in {root, DEFAULT_THEME}:
            if (base / name).exists():
                server.watch(str(base / name), lambda: rebuild(root, out, state))
    print(f"serving {out} on http://{HOST}:{port}/ (Ctrl+C stops)", file=sys.stderr)
    server.serve(port=port, host=HOST, debug=False, restart_delay=0)
    return 0
