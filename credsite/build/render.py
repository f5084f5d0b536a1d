"""Turning planned outputs into bytes: pages (Jinja2), JSON, text and copied files here; the
kinds of the machine-readable exports (sitemap, feed, badge images) in their own modules.

Renderers are pure: the same ``Output`` always gives the same bytes. Templates are compiled once
per process (the Jinja environment is cached), so parallel workers each pay that cost once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
from markupsafe import Markup
from markupsafe import escape as escape_html

from credsite import __version__
from credsite.base.errors import BuildError
from credsite.build import exports
from credsite.build.exports import Export, Renderer
from credsite.build.output import Output
from credsite.build.pack import pack_file, page_parts
from credsite.build.theme import DEFAULT_THEME, theme_dirs
from credsite.catalogue.labels import LABELS


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
    env.globals["data_field"] = data_field
    env.globals["data_list_field"] = data_list_field
    # Every page names the credsite that built it (<meta name="generator">); the version is part
    # of code_version, so a new version renders every page again.
    env.globals["generator"] = f"credsite {__version__}"
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


class Texts:
    """The interface labels of one language, for templates: ``t.key`` finds an attribute at
    once (Jinja tries attributes first, and a mapping made it raise and catch an exception for
    every label of every page), and ``t[key]`` works too."""

    def __init__(self, table: Mapping[str, str]):
        self.__dict__.update(table)

    def __getitem__(self, key: str) -> str:
        text: str = self.__dict__[key]  # the labels the table put there
        return text


TEXTS = {lang: Texts(table) for lang, table in LABELS.items()}


def data_field(fields: Mapping[str, Any], name: str, tag: str = "span") -> Markup:
    """``<span data-field="name">value</span>``: a credential page's value that the page script
    renders again from the verified credential (a function: a Jinja macro call costs 15 µs,
    and a credential page has twenty)."""
    value = fields[name]
    text = escape_html(value) if value is not None else ""
    return Markup(f'<{tag} data-field="{escape_html(name)}">{text}</{tag}>')


def data_list_field(fields: Mapping[str, Any], name: str) -> Markup:
    items = "".join(f"<li>{escape_html(item)}</li>" for item in fields[name] or ())
    return Markup(f'<ul data-field="{escape_html(name)}" data-kind="list">{items}</ul>')


def render_page(output: Output, dirs: tuple[str, ...]) -> bytes:
    data = output.data
    try:
        template = environment(dirs).get_template(data["template"])
        html = template.render(**data, t=TEXTS[data["lang"]])
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
    text: str = output.data["text"]
    return text.encode("utf-8")


def render_copy(output: Output) -> bytes:
    try:
        return Path(output.data["source"]).read_bytes()
    except OSError as exc:
        raise BuildError(
            f"{output.path}: cannot read {output.data['source']}: {exc.strerror}"
        ) from exc


def render_credential_page(output: Output, dirs: tuple[str, ...]) -> bytes:
    """A page whose data is made here, in the worker, from its ``shared`` maker."""
    assert output.shared is not None, "a credential page is planned with its shared settings"
    data = output.shared.value.page_data(output.data)
    return render_page(Output(output.path, "page", data), dirs)


def render_credential_pack(output: Output, dirs: tuple[str, ...]) -> bytes:
    """A pack of pages (build --pack: credential pages; a private site's collection pages too):
    each rendered as on its own, then sealed under its id. ``members``: [id, the page's data as
    its shared maker takes it]; ``folder``: where the page would be on its own (c or l)."""
    assert output.shared is not None, "a pack is planned with its shared settings"
    pages = []
    for key, member in output.data["members"]:
        data = output.shared.value.page_data(member)
        path = f"{output.data['folder']}/{key}/index.html"
        html = render_page(Output(path, "page", data), dirs).decode("utf-8")
        pages.append((key, page_parts(html, path)))
    return pack_file(pages)


def renderers(dirs: tuple[str, ...]) -> Mapping[str, Renderer]:
    """Kind → renderer: the kinds any build has, rendered here, and those the exports bring
    (exports/), each rendered by its export's module. Made once per process for a registry
    (every output asks), so a test that registers an export gets a table with it."""
    return _renderers(dirs, exports.EXPORTS)


@lru_cache(maxsize=8)
def _renderers(dirs: tuple[str, ...], registry: tuple[Export, ...]) -> Mapping[str, Renderer]:
    own: dict[str, Renderer] = {
        "credential-pack": lambda output: render_credential_pack(output, dirs),
        "credential-page": lambda output: render_credential_page(output, dirs),
        "page": lambda output: render_page(output, dirs),
        "json": render_json,
        "text": render_text,
        "copy": render_copy,
    }
    brought = exports.renderers(registry)
    if clash := sorted(own.keys() & brought.keys()):
        raise BuildError(f"an export renders a kind the build renders itself: {', '.join(clash)}")
    return MappingProxyType(own | brought)


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
    package = Path(__file__).resolve().parents[1]
    _add_files(digest, package, package.rglob("*.py"))
    for directory in dirs:
        _add_files(digest, Path(directory), Path(directory).rglob("*"))
    return digest.hexdigest()


def _add_files(digest: hashlib._Hash, folder: Path, paths: Iterable[Path]) -> None:
    """Each file's name within ``folder`` and its bytes, in name order."""
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())


def fingerprint(output: Output, version: str) -> str:
    """What an output is made from; equal fingerprints mean equal bytes (for the same path:
    the build record is keyed by path).

    An output made from one file (``data`` holds its ``digest``: a credential page, a copied
    file; a national site has a hundred thousand of each, fingerprinted on every build) is
    a function of the code, its kind, what it shares with others and that file's bytes; the
    file's name does not matter. So its fingerprint is a hash of the first three, made once,
    and the digest, without encoding anything per output."""
    data = output.data
    if isinstance(data, dict) and isinstance(digest := data.get("digest"), str):
        shared = output.shared.digest if output.shared else ""
        return _prefix(version, output.kind, shared) + digest[:32]
    payload = json.dumps(
        [output.kind, data, output.shared.digest if output.shared else None],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(f"{version}\0{output.path}\0{payload}".encode()).hexdigest()[:32]


@lru_cache(maxsize=64)
def _prefix(version: str, kind: str, shared: str) -> str:
    return hashlib.sha256(f"{version}\0{kind}\0{shared}".encode()).hexdigest()[:16]


__all__ = ["DEFAULT_THEME", "code_version", "fingerprint", "render", "template_dirs"]
