"""``import edubadges SOURCE``: modules from Edubadges badge classes, all or nothing.

The I/O of an import: reading saved files or Edubadges' public API, the existing modules and
the badge images; checking every module as ``check`` will; writing. The mapping itself is
credsite/catalogue/edubadges.py, the files' text credsite/catalogue/edubadges_plan.py and
module_file.py. Nothing is written while any input is bad; then every problem is one line naming
the file and the JSON pointer.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from credsite.base import clock
from credsite.base.atomic import write_atomically
from credsite.base.errors import ConfigError, ContentError, Diagnostic
from credsite.base.jsonfile import JsonInputError, load_json
from credsite.base.sourcefile import parse_front_matter
from credsite.catalogue.config import load_config
from credsite.catalogue.content import IMAGES_DIR, MODULES_DIR, read_module_text
from credsite.catalogue.edubadges import (
    ID_KEY,
    Imported,
    Problem,
    badge_classes,
    has_micro_fields,
    map_badge_class,
)
from credsite.catalogue.edubadges_plan import (
    ExistingModule,
    ImageFile,
    PlannedModule,
    image_path,
    plan_modules,
)
from credsite.catalogue.images import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, check_image
from credsite.catalogue.model import SiteConfig
from credsite.commands.common import Commands, site_root

TIMEOUT = 20


@dataclass(frozen=True)
class Document:
    """One saved or fetched JSON document; ``folder`` is where a saved one's images are."""

    shown: str
    data: Any
    folder: Path | None


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "import",
        help="import modules from another system (Edubadges)",
        description="Import modules from another system's data. Each format is a subcommand.",
    )

    def usage(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(run=usage)
    formats = parser.add_subparsers(title="formats", metavar="FORMAT")
    edubadges = formats.add_parser(
        "edubadges",
        help="modules from Edubadges badge classes",
        description="Write content/modules/<slug>.md for every micro-credential badge class in SOURCE: a badge class saved from Edubadges' public API (/public/badges/<id>?expand=micro), an issuer's badge list (/public/issuers/<id>/badges), a folder of such .json files, or an https:// address of that API. A badge class imported before updates its module (found by edubadges_badge_class), keeping what staff wrote in fields the import does not set. Prints what could not be mapped; writes nothing if any input is bad.",
    )
    edubadges.add_argument("source", metavar="SOURCE", help="a .json file, a folder, or a URL")
    edubadges.add_argument(
        "--publish",
        action="store_true",
        help="new modules get status: published and today as published_on (default: draft)",
    )
    edubadges.add_argument(
        "--dry-run", action="store_true", help="check and report everything; write nothing"
    )
    edubadges.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    root = site_root(args)
    config, diagnostics = load_config(root)
    if config is None:
        raise ContentError(diagnostics)
    documents, problems = read_source(args.source)
    imported, problems = map_documents(documents, config, problems)
    if problems:
        raise ContentError(problems)
    by_shown = {document.shown: document for document in documents}
    published_on = clock.now().date() if args.publish else None
    others = (lang for lang in config.languages if lang != config.default_language)
    languages = (config.default_language, *others)
    with tempfile.TemporaryDirectory() as temporary:
        staged = Path(temporary)  # the images and modules as they will be, for checking
        images = {item.badge_id: _image(item, by_shown[item.source], staged) for item in imported}
        plan = plan_modules(imported, existing_modules(root), images, languages, published_on)
        problems = check_plan(plan, root, config, staged)
    if problems:
        raise ContentError(problems)
    print_report(plan)
    if args.dry_run:
        print("dry run: nothing was written")
        return 0
    write_plan(plan, root)
    if not args.publish and any(p.change == "new" for p in plan):
        print("new modules are drafts: read them, set status: published, then build")
    return 0


# -- reading -----------------------------------------------------------------------------------


def read_source(source: str) -> tuple[list[Document], list[Diagnostic]]:
    """The documents of SOURCE: a file, every .json file in a folder (sorted), or a URL."""
    if urlsplit(source).scheme in ("http", "https"):
        return _fetch_all(source)
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        if not files:
            raise ConfigError(f"{source}: no .json files in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise ConfigError(f"{source}: no such file or folder")
    documents, problems = [], []
    for file in files:
        shown = file.as_posix()
        try:
            data = load_json(file.read_bytes())
        except JsonInputError as error:
            problems.append(Diagnostic(shown, error.line, "", f"malformed JSON: {error.reason}"))
            continue
        except OSError as error:
            problems.append(Diagnostic(shown, None, "", f"cannot read ({error.strerror})"))
            continue
        documents.append(Document(shown, data, file.parent))
    return documents, problems


def _fetch_all(url: str) -> tuple[list[Document], list[Diagnostic]]:
    """A URL of the public API; each badge class of an issuer's list is fetched again with
    ``expand=micro``, which the list leaves out."""
    first = _fetch_json(url)
    documents = [Document(url, first, None)]
    for _pointer, item in badge_classes(first):
        badge_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(badge_id, str) and not has_micro_fields(item):
            micro = f"{badge_id}?expand=micro"
            documents.append(Document(micro, _fetch_json(micro), None))
    return documents, []


def _fetch_json(url: str) -> Any:
    try:
        return load_json(_download(url, "application/json"))
    except JsonInputError as error:
        raise ConfigError(f"{url}: malformed JSON: {error}") from error


def _download(url: str, accept: str, limit: int = 10 * 1024 * 1024) -> bytes:
    if urlsplit(url).scheme != "https":
        raise ConfigError(f"{url}: only https:// addresses are fetched")
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "credsite"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data: bytes = response.read(limit + 1)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        raise ConfigError(f"{url}: could not be fetched ({error})") from error
    if len(data) > limit:
        raise ConfigError(f"{url}: larger than {limit:,} bytes")
    return data


def map_documents(
    documents: list[Document], config: SiteConfig, problems: list[Diagnostic]
) -> tuple[list[Imported], list[Diagnostic]]:
    """Every badge class mapped. A badge class found twice (a list and its own file) is
    imported once: from the copy with the micro-credential fields."""
    found: dict[str, tuple[str, Any]] = {}  # badge id: where, data
    entries = [(d.shown, p, item) for d in documents for p, item in badge_classes(d.data)]
    with_micro = {item.get("id") for _s, _p, item in entries if has_micro_fields(item)}
    imported: list[Imported] = []
    problems = list(problems)
    for shown, pointer, item in entries:
        badge_id = item.get("id") if isinstance(item, dict) else None
        if badge_id in with_micro and not has_micro_fields(item):
            continue  # the copy saved with expand=micro is imported instead
        if isinstance(badge_id, str) and badge_id in found:
            where, data = found[badge_id]
            if data != item:
                problems.append(
                    _diagnostic(
                        Problem(
                            shown, pointer, f"the same badge class as {where}, with other values"
                        )
                    )
                )
            continue
        if isinstance(badge_id, str):
            found[badge_id] = (f"{shown} {pointer or '/'}", item)
        result = map_badge_class(item, shown, pointer, config.languages, config.ec_minimum)
        if isinstance(result, list):
            problems += [_diagnostic(problem) for problem in result]
        else:
            imported.append(result)
    return imported, problems


def _diagnostic(problem: Problem) -> Diagnostic:
    return Diagnostic(problem.source, None, problem.pointer or "/", problem.message)


def existing_modules(root: Path) -> list[ExistingModule]:
    """The modules already there, with the badge class each was imported from."""
    folder = root / MODULES_DIR
    modules = []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        shown = path.relative_to(root).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # ``check`` reports it; the import only needs the modules it can read
        meta = parse_front_matter(text, shown).meta
        meta = meta if isinstance(meta, dict) else {}
        badge_id, code = meta.get(ID_KEY), meta.get("course_code")
        modules.append(
            ExistingModule(
                shown,
                text,
                badge_id if isinstance(badge_id, str) else None,
                str(code) if code is not None else None,
            )
        )
    return modules


# -- images ------------------------------------------------------------------------------------


def _image(item: Imported, document: Document, staged: Path) -> ImageFile | str:
    """The badge class's image to write, or why there is none (said in the report)."""
    if item.image is None:
        return "the badge class has no image"
    try:
        data = _image_bytes(item, document)
    except ConfigError as error:
        return f"image not available ({error}); add one to content/images/ by hand"
    if data is None:
        return (
            f"image not available: {item.image} was not saved beside {document.shown} "
            f"(as {item.entity_id}.png or images/{item.entity_id}.png); add one by hand"
        )
    suffix = image_suffix(data)
    if suffix is None:
        return f"image {item.image} is not a PNG, JPEG, WebP or SVG image"
    if len(data) > MAX_IMAGE_BYTES:
        return f"image {item.image} is larger than 2 MB (credsite's limit)"
    image = ImageFile(image_path(item, suffix), data)
    problem = _image_problem(image, staged)
    return f"image {item.image} {problem}" if problem else image


def _image_bytes(item: Imported, document: Document) -> bytes | None:
    assert item.image is not None
    remote = urlsplit(item.image).scheme in ("http", "https")
    if document.folder is None:  # fetched from the API: so is its image
        return _download(item.image, "image/*", MAX_IMAGE_BYTES) if remote else None
    folder = document.folder.resolve()
    if remote:
        names = [f"{item.entity_id}{s}" for s in IMAGE_SUFFIXES]
        candidates = [folder / n for n in names] + [folder / "images" / n for n in names]
    else:
        candidates = [(folder / item.image).resolve()]
    for candidate in candidates:
        if candidate.is_relative_to(folder) and candidate.is_file():
            return candidate.read_bytes()[: MAX_IMAGE_BYTES + 1]
    return None


def image_suffix(data: bytes) -> str | None:
    """The file type by its first bytes (the name of a saved image may say another)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if data.lstrip()[:5] in (b"<svg ", b"<?xml"):
        return ".svg"
    return None


def _image_problem(image: ImageFile, staged: Path) -> str | None:
    """What ``check`` would say of the image (an SVG with a script, a renamed file), found
    with the image in place in ``staged``, a site folder of its own; a refused one is removed."""
    target = staged / "content" / image.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(image.data)
    problems = check_image(staged, "content", image.path, (IMAGES_DIR,), "")
    if problems:
        target.unlink()
    return "; ".join(p.message for p in problems) or None


# -- checking and writing ------------------------------------------------------------------------


def check_plan(
    plan: list[PlannedModule], root: Path, config: SiteConfig, staged: Path
) -> list[Diagnostic]:
    """Every planned module read as ``check`` reads it, with its image in place in
    ``staged``; its errors name the badge class it comes from."""
    problems: list[Diagnostic] = []
    for planned in plan:
        if planned.image is None:
            _stage_kept_image(planned, root, staged)
        _module, found = read_module_text(planned.text, planned.slug, planned.path, staged, config)
        source = f"{planned.imported.source} {planned.imported.pointer or '/'}"
        problems += [
            Diagnostic(d.path, d.line, d.field, f"{d.message} (imported from {source})")
            for d in found
            if d.is_error
        ]
    return problems


def _stage_kept_image(planned: PlannedModule, root: Path, staged: Path) -> None:
    meta = parse_front_matter(planned.text, planned.path).meta
    kept = meta.get("image") if isinstance(meta, dict) else None
    if not isinstance(kept, str):
        return
    source, target = root / "content" / kept, staged / "content" / kept
    if source.is_file() and not target.exists():  # staff's own image, kept by the import
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def write_plan(plan: list[PlannedModule], root: Path) -> None:
    """The images first, then the modules that name them; each file whole or not at all, and
    only files whose bytes change. One flush to disk at the end instead of one per file
    (two thousand modules would wait on the disk four thousand times)."""
    for planned in plan:
        image = planned.image
        if image is not None:
            target = root / "content" / image.path
            if not target.is_file() or target.read_bytes() != image.data:
                write_atomically(target, image.data, durable=False)
    for planned in plan:
        if planned.change != "unchanged":
            write_atomically(root / planned.path, planned.text, durable=False)
    os.sync()


def print_report(plan: list[PlannedModule]) -> None:
    """Per badge class: the module it became, then each field that could not be mapped."""
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    left = 0
    for planned in plan:
        item = planned.imported
        counts[planned.change] += 1
        where = f"{item.source} {item.pointer}" if item.pointer else item.source
        print(f"{where}: {planned.path} ({planned.change})")
        for pointer, reason in planned.unmapped:
            print(f"  not mapped: {pointer}: {reason}")
            left += 1
    summary = ", ".join(f"{count} {change}" for change, count in counts.items())
    print(
        f"imported {len(plan)} badge class(es): {summary}; {left} field(s) not mapped",
        file=sys.stdout,
    )
