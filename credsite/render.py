"""Turning planned outputs into bytes.

Renderers are pure: the same ``Output`` always gives the same bytes. Templates are compiled once
per process (the Jinja environment is cached), so parallel workers each pay that cost once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import jinja2
from markupsafe import Markup

from . import __version__
from .badges import badge_png, badge_svg
from .errors import BuildError
from .labels import LABELS
from .output import Output
from .pack import pack_file, page_parts
from .theme import DEFAULT_THEME, theme_dirs

Renderer = Callable[[Output], bytes]


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(template_dirs)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json_ld"] = json_for_script
    return env


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a <script type="application/ld+json"> element.

    Escaping '<', '>' and '&' means no text in the data can close the element early.
    """
    text = json.dumps(
        value, ensure_ascii=False, sort_keys=False, indent=None, separators=(",", ":")
    )
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def template_dirs(root: Path) -> tuple[str, ...]:
    return tuple(str(d) for d in theme_dirs(root, "templates"))


def render_page(output: Output, dirs: tuple[str, ...]) -> bytes:
    data = output.data
    try:
        template = environment(dirs).get_template(data["template"])
        html = template.render(**data, t=LABELS[data["lang"]])
    except jinja2.TemplateError as exc:
        where = (
            f" ({exc.filename}:{exc.lineno})" if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        )
        raise BuildError(f"{output.path}: template {data['template']}: {exc}{where}") from exc
    return html.encode("utf-8")


def render_json(output: Output) -> bytes:
    """Compact JSON: Python's indenting encoder is pure Python and five times slower, and
    browsers and tools pretty-print JSON for people anyway."""
    return (json.dumps(output.data, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
        "utf-8"
    )


def render_text(output: Output) -> bytes:
    return output.data["text"].encode("utf-8")


def render_copy(output: Output) -> bytes:
    try:
        return Path(output.data["source"]).read_bytes()
    except OSError as exc:
        raise BuildError(
            f"{output.path}: cannot read {output.data['source']}: {exc.strerror}"
        ) from exc


def render_sitemap(output: Output) -> bytes:
    data = output.data
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for group in data["groups"]:
        for _, path in sorted(group["paths"].items()):
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(data['base_url'] + path)}</loc>")
            if group["lastmod"]:
                lines.append(f"    <lastmod>{group['lastmod']}</lastmod>")
            for lang, other in sorted(group["paths"].items()):
                href = quoteattr(data["base_url"] + other)
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_feed(output: Output) -> bytes:
    """Atom (RFC 4287): dates are the content's own, at midnight UTC."""
    data = output.data
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{data["lang"]}">',
        f"  <id>{escape(data['id'])}</id>",
        f"  <title>{escape(data['title'])}</title>",
        f"  <updated>{data['updated']}T00:00:00Z</updated>",
        f"  <author><name>{escape(data['author'])}</name></author>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(data["link"])}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(data["id"])}/>',
    ]
    for entry in data["entries"]:
        lines += [
            "  <entry>",
            f"    <id>{escape(entry['id'])}</id>",
            f"    <title>{escape(entry['title'])}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry["id"])}/>',
            f"    <published>{entry['published']}T00:00:00Z</published>",
            f"    <updated>{entry['updated']}T00:00:00Z</updated>",
            f"    <summary>{escape(entry['summary'])}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_badge_svg(output: Output) -> bytes:
    return badge_svg(output.data).encode("utf-8")


def render_badge_png(output: Output) -> bytes:
    return badge_png(output.data)


def render_credential_page(output: Output, dirs: tuple[str, ...]) -> bytes:
    """A page whose data is made here, in the worker, from its ``shared`` maker."""
    assert output.shared is not None, "a credential page is planned with its shared settings"
    data = output.shared.value.page_data(output.data)
    return render_page(Output(output.path, "page", data), dirs)


def render_credential_pack(output: Output, dirs: tuple[str, ...]) -> bytes:
    """A pack of credential pages (build --pack): each rendered as on its own, then sealed."""
    assert output.shared is not None, "a pack is planned with its shared settings"
    pages = []
    for token, source, digest in output.data["members"]:
        data = output.shared.value.page_data({"token": token, "source": source, "digest": digest})
        path = f"c/{token}/index.html"
        html = render_page(Output(path, "page", data), dirs).decode("utf-8")
        pages.append((token, page_parts(html, path)))
    return pack_file(pages)


def renderers(dirs: tuple[str, ...]) -> dict[str, Renderer]:
    return {
        "credential-pack": lambda output: render_credential_pack(output, dirs),
        "credential-page": lambda output: render_credential_page(output, dirs),
        "badge-svg": render_badge_svg,
        "badge-png": render_badge_png,
        "page": lambda output: render_page(output, dirs),
        "json": render_json,
        "text": render_text,
        "copy": render_copy,
        "sitemap": render_sitemap,
        "feed": render_feed,
    }


def render(output: Output, dirs: tuple[str, ...]) -> bytes:
    try:
        renderer = renderers(dirs)[output.kind]
    except KeyError as exc:
        raise BuildError(f"{output.path}: no renderer for kind '{output.kind}'") from exc
    return renderer(output)


def code_version(dirs: Iterable[str]) -> str:
    """A digest of everything besides an output's data that shapes its bytes: the templates and
    credsite's own code. A change to either re-renders every page."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for directory in dirs:
        for path in sorted(Path(directory).rglob("*")):
            if path.is_file():
                digest.update(
                    path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes()
                )
    return digest.hexdigest()


def fingerprint(output: Output, version: str) -> str:
    """What an output is made from; equal fingerprints mean equal bytes."""
    payload = json.dumps(
        [output.kind, output.data, output.shared.digest if output.shared else None],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(f"{version}\0{output.path}\0{payload}".encode()).hexdigest()


__all__ = ["DEFAULT_THEME", "code_version", "fingerprint", "render", "template_dirs"]
