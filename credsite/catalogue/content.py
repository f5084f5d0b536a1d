"""Loading and validating modules and tracks from ``content/``.

Every problem in every file is collected in one run, so staff see the whole list at once; the
caller decides whether warnings count (``--strict``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from credsite.base.errors import Diagnostic
from credsite.base.sourcefile import LineDict, LineList, parse_front_matter, read_text
from credsite.catalogue.config import load_config, read_quality_assurance
from credsite.catalogue.fields import Checker, did_you_mean
from credsite.catalogue.images import checked_image
from credsite.catalogue.model import Content, Module, Offering, SiteConfig, Text, Track, Validity
from credsite.catalogue.vocab import (
    ASSESSMENT_TYPES,
    CURRENCIES,
    ISCED_F,
    LANGUAGES,
    NLQF_LEVELS,
    PARTICIPATION,
    STATUSES,
)

MODULES_DIR = "content/modules"
TRACKS_DIR = "content/tracks"
IMAGES_DIR = "content/images"
MAX_EC = Decimal(30)
MAX_HOURS = 840

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG_MARKER = re.compile(r"^<!--\s*lang:\s*([a-z]{2,3})\s*-->\s*$")

MODULE_KEYS = (
    "title",
    "summary",
    "status",
    "published_on",
    "updated_on",
    "course_code",
    "faculty",
    "field_of_study",
    "language",
    "ec",
    "hours",
    "eqf_level",
    "nlqf_level",
    "learning_outcomes",
    "participation",
    "assessment_type",
    "assessment_supervised",
    "assessment_id_verified",
    "quality_assurance",
    "stackable",
    "stacks_towards",
    "prerequisites",
    "grade_achieved_required",
    "criteria",
    "tags",
    "image",
    "validity",
    "offerings",
    "edubadges_badge_class",  # the Edubadges badge class it was imported from (import edubadges)
)
OFFERING_KEYS = ("start", "end", "mode", "location", "price", "currency", "enrol_url", "note")
TRACK_KEYS = ("title", "summary", "status", "published_on", "modules", "stacks_towards", "image")
VALIDITY_KEYS = ("years", "months")

_Item = TypeVar("_Item", Module, Track)
ItemReader = Callable[[Checker, LineDict, str, str, Text, Path, SiteConfig], _Item | None]
"""Reads a module or a track from its front matter (checker, meta, slug, shown path, body,
site root, config); None when it has errors."""


@dataclass(frozen=True)
class LoadResult:
    content: Content | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


def load_content(
    root: Path, base_url_override: str | None = None, private_override: bool = False
) -> LoadResult:
    """Load site.yaml, every module and every track; validate them and their references."""
    config, diagnostics = load_config(root, base_url_override, private_override)
    if config is None:
        return LoadResult(None, tuple(diagnostics))
    modules, module_problems = _load_all(root, MODULES_DIR, config, _read_module)
    tracks, track_problems = _load_all(root, TRACKS_DIR, config, _read_track)
    diagnostics += module_problems + track_problems
    diagnostics += _check_references(modules, tracks)
    content = Content(site=config, modules=tuple(modules), tracks=tuple(tracks))
    has_errors = any(d.is_error for d in diagnostics)
    return LoadResult(None if has_errors else content, tuple(sorted(diagnostics)))


def _load_all(
    root: Path, folder: str, config: SiteConfig, reader: ItemReader[_Item]
) -> tuple[list[_Item], list[Diagnostic]]:
    directory = root / folder
    items: list[_Item] = []
    diagnostics: list[Diagnostic] = []
    seen: dict[str, str] = {}  # slug: the file that has it
    if not directory.is_dir():
        return items, diagnostics
    for path in sorted(directory.rglob("*.md")):
        shown = path.relative_to(root).as_posix()
        item, problems = _load_one(path, shown, root, config, reader)
        diagnostics += problems
        if item is None:
            continue
        if item.slug in seen:
            diagnostics.append(
                Diagnostic(
                    shown,
                    None,
                    "slug",
                    f"'{item.slug}' is also the slug of {seen[item.slug]} (file names must be unique)",
                )
            )
            continue
        seen[item.slug] = shown
        items.append(item)
    return sorted(items, key=lambda i: i.slug), diagnostics


def _load_one(
    path: Path, shown: str, root: Path, config: SiteConfig, reader: ItemReader[_Item]
) -> tuple[_Item | None, list[Diagnostic]]:
    slug = path.stem
    if not _SLUG.match(slug):
        return None, [
            Diagnostic(
                shown,
                None,
                "slug",
                f"file name '{path.name}' is not a valid slug (lower-case letters, digits and hyphens, e.g. clinical-reasoning.md)",
            )
        ]
    text, problem = read_text(path, shown)
    if problem:
        return None, [problem]
    return _read_text(text or "", slug, shown, root, config, reader)


def read_module_text(
    text: str, slug: str, shown: str, root: Path, config: SiteConfig
) -> tuple[Module | None, list[Diagnostic]]:
    """A module file's text as ``check`` reads it, before it is written (``import``)."""
    return _read_text(text, slug, shown, root, config, _read_module)


def _read_text(
    text: str, slug: str, shown: str, root: Path, config: SiteConfig, reader: ItemReader[_Item]
) -> tuple[_Item | None, list[Diagnostic]]:
    document = parse_front_matter(text, shown)
    if document.meta is None:
        return None, list(document.diagnostics)
    checker = Checker(shown, config.languages, config.default_language)
    checker.diagnostics.extend(document.diagnostics)
    meta = checker.mapping(document.meta, "", 2)
    if meta is None:
        return None, checker.diagnostics
    description = _split_body(checker, document.body, document.body_line, config)
    item = reader(checker, meta, slug, shown, description, root, config)
    return (None if checker.has_errors else item), checker.diagnostics


def _split_body(checker: Checker, body: str, first_line: int, config: SiteConfig) -> Text:
    """The Markdown body, optionally split per language by ``<!-- lang: en -->`` lines."""
    sections: dict[str, list[str]] = {}
    current = config.default_language
    for offset, line in enumerate(body.splitlines()):
        marker = _LANG_MARKER.match(line.strip())
        if marker:
            current = marker.group(1)
            if current not in config.languages:
                checker.error(
                    first_line + offset,
                    "body",
                    f"unknown language '{current}' in language marker ({', '.join(config.languages)})",
                )
            elif current in sections and "".join(sections[current]).strip():
                checker.error(
                    first_line + offset,
                    "body",
                    f"a second '{current}' section (one section per language)",
                )
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    texts = {
        lang: "\n".join(lines).strip()
        for lang, lines in sections.items()
        if lang in config.languages
    }
    texts = {lang: text for lang, text in texts.items() if text}
    if texts:
        for lang in config.languages:
            if lang not in texts:
                checker.warning(
                    first_line,
                    "body",
                    f"no {lang} section; the other language is shown with a language mark (add a '<!-- lang: {lang} -->' line)",
                )
    return Text.of(texts)


def _status(checker: Checker, meta: LineDict) -> str:
    checker.required(meta, "status", "status", f"one of {', '.join(STATUSES)}")
    return checker.choice(meta, "status", "status", STATUSES) or "draft"


def _read_module(
    checker: Checker,
    meta: LineDict,
    slug: str,
    shown: str,
    description: Text,
    root: Path,
    config: SiteConfig,
) -> Module | None:
    checker.known_keys(meta, MODULE_KEYS)
    status = _status(checker, meta)
    checker.required(meta, "title", "title", "the module's name, per language")
    title = checker.text(meta, "title", "title", max_length=150)
    checker.required(
        meta, "summary", "summary", "one or two sentences for the catalogue, per language"
    )
    summary = checker.text(meta, "summary", "summary", max_length=400)
    published_on = checker.date(meta, "published_on", "published_on")
    if status == "published" and meta.get("published_on") is None:
        checker.error(
            meta.line_of("published_on"),
            "published_on",
            "missing (the date the module was first published, YYYY-MM-DD; the news feed uses it)",
        )
    updated_on = checker.date(meta, "updated_on", "updated_on")
    if published_on and updated_on and updated_on < published_on:
        checker.error(meta.line_of("updated_on"), "updated_on", "is before published_on")
    ec, hours = _study_load(checker, meta, config)
    checker.required(meta, "eqf_level", "eqf_level", "the EQF level, a whole number from 1 to 8")
    eqf = checker.integer(meta, "eqf_level", "eqf_level", 1, 8)
    nlqf = None
    if meta.get("nlqf_level") is not None:
        nlqf = checker._one_choice(
            str(meta["nlqf_level"]), meta.line_of("nlqf_level"), "nlqf_level", list(NLQF_LEVELS)
        )
    outcomes = None
    if checker.required(
        meta,
        "learning_outcomes",
        "learning_outcomes",
        "at least one learning outcome, per language",
    ):
        outcomes = checker.text_list(meta, "learning_outcomes", "learning_outcomes")
        if outcomes is None and not checker.has_errors:
            checker.error(
                meta.line_of("learning_outcomes"),
                "learning_outcomes",
                "empty (at least one learning outcome, per language)",
            )
    checker.required(
        meta, "participation", "participation", f"one or more of {', '.join(PARTICIPATION)}"
    )
    participation = checker.choices(meta, "participation", "participation", PARTICIPATION)
    checker.required(
        meta, "assessment_type", "assessment_type", f"one or more of {', '.join(ASSESSMENT_TYPES)}"
    )
    assessment = checker.choices(meta, "assessment_type", "assessment_type", ASSESSMENT_TYPES)
    checker.required(
        meta, "language", "language", "the language(s) of instruction, e.g. nl or [nl, en]"
    )
    language = checker.choices(meta, "language", "language", LANGUAGES)
    field_of_study = _field_of_study(checker, meta)
    stackable = checker.boolean(meta, "stackable", "stackable")
    stacks_towards = checker.text(meta, "stacks_towards", "stacks_towards", max_length=500)
    if stacks_towards is not None and stackable is not True:
        checker.error(
            meta.line_of("stacks_towards"),
            "stacks_towards",
            "given, but stackable is not true (set stackable: true, or remove it)",
        )
    grade = checker.boolean(meta, "grade_achieved_required", "grade_achieved_required")
    image = _image(checker, meta, root)
    validity = _validity(checker, meta)
    offerings = _offerings(checker, meta)
    qa = read_quality_assurance(checker, meta, "quality_assurance") or config.quality_assurance
    if description.values == ():
        checker.warning(
            None, "body", "the module has no description (write it below the front matter)"
        )
    criteria = checker.text(meta, "criteria", "criteria", max_length=5000)
    checker.url(meta, "edubadges_badge_class", "edubadges_badge_class")  # kept, shown nowhere
    if checker.has_errors or title is None or summary is None or eqf is None or outcomes is None:
        return None
    return Module(
        slug=slug,
        source=shown,
        status=status,
        title=title,
        summary=summary,
        description=description,
        learning_outcomes=outcomes,
        ec=ec,
        hours=hours,
        eqf_level=eqf,
        nlqf_level=nlqf,
        participation=participation,
        assessment_type=assessment,
        assessment_supervised=checker.boolean(
            meta, "assessment_supervised", "assessment_supervised"
        ),
        assessment_id_verified=checker.boolean(
            meta, "assessment_id_verified", "assessment_id_verified"
        ),
        quality_assurance=qa,
        stackable=stackable,
        stacks_towards=stacks_towards,
        prerequisites=checker.text(meta, "prerequisites", "prerequisites", max_length=2000),
        grade_achieved_required=bool(grade),
        language=language,
        field_of_study=field_of_study,
        course_code=checker.string(meta, "course_code", "course_code", max_length=40),
        faculty=checker.text(meta, "faculty", "faculty", max_length=150),
        tags=checker.text_list(meta, "tags", "tags", max_length=60),
        image=image,
        criteria=criteria,
        validity=validity,
        published_on=published_on,
        updated_on=updated_on,
        offerings=offerings,
    )


def _study_load(
    checker: Checker, meta: LineDict, config: SiteConfig
) -> tuple[Decimal | None, int | None]:
    has_ec, has_hours = meta.get("ec") is not None, meta.get("hours") is not None
    if has_ec and has_hours:
        checker.error(
            meta.line_of("hours"),
            "hours",
            "both ec and hours are given (give the study load once: ec for EC, hours for hours)",
        )
        return None, None
    if has_hours:
        return None, checker.integer(meta, "hours", "hours", 1, MAX_HOURS)
    if not has_ec:
        checker.error(
            meta.line,
            "ec",
            f"missing (the study load: ec from {_plain(config.ec_minimum)} to 30 in steps of 0.5, or hours)",
        )
        return None, None
    ec = checker.decimal(meta, "ec", "ec")
    if ec is None:
        return None, None
    minimum = config.ec_minimum
    if not (minimum <= ec <= MAX_EC and (ec * 2) % 1 == 0):
        checker.error(
            meta.line_of("ec"),
            "ec",
            f"'{meta['ec']}' is not allowed ({_plain(minimum)}–30 EC in steps of 0.5)",
        )
        return None, None
    return ec.normalize() if ec == ec.to_integral() else ec, None


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _field_of_study(checker: Checker, meta: LineDict) -> str | None:
    value = meta.get("field_of_study")
    if value is None:
        return None
    code = str(value).strip()
    if code not in ISCED_F:
        checker.error(
            meta.line_of("field_of_study"),
            "field_of_study",
            f"'{value}' is not an ISCED-F 2013 field code (e.g. '0913' for nursing; quote it so the leading zero stays)",
        )
        return None
    return code


def _image(checker: Checker, meta: LineDict, root: Path) -> str | None:
    return checked_image(
        checker,
        root,
        meta,
        "image",
        "image",
        base="content",
        folders=(IMAGES_DIR,),
        hint="a path relative to content/, e.g. images/nursing.png",
    )


def _validity(checker: Checker, meta: LineDict) -> Validity:
    value = meta.get("validity")
    if value is None or value == "indefinite":
        return Validity()
    if not isinstance(value, LineDict):
        checker.error(
            meta.line_of("validity"),
            "validity",
            f"'{value}' is not allowed (indefinite, or e.g. {{years: 5}} or {{months: 18}})",
        )
        return Validity()
    checker.known_keys(value, VALIDITY_KEYS, "validity.")
    years = checker.integer(value, "years", "validity.years", 1, 50) or 0
    months = checker.integer(value, "months", "validity.months", 1, 600) or 0
    if not years and not months:
        checker.error(value.line, "validity", "needs years or months (e.g. {years: 5})")
        return Validity()
    return Validity(months=years * 12 + months)


def _offerings(checker: Checker, meta: LineDict) -> tuple[Offering, ...]:
    value = meta.get("offerings")
    if value is None:
        return ()
    if not isinstance(value, LineList):
        checker.error(
            meta.line_of("offerings"),
            "offerings",
            "must be a list (each item starting with '- start: YYYY-MM-DD')",
        )
        return ()
    offerings = []
    for index, raw in enumerate(value):
        name = f"offerings[{index}]"
        item = checker.mapping(raw, name, value.line_of(index))
        if item is None:
            continue
        offering = _offering(checker, item, name)
        if offering is not None:
            offerings.append(offering)
    return tuple(sorted(offerings, key=lambda o: (o.start, o.end or o.start, o.location or "")))


def _offering(checker: Checker, item: LineDict, name: str) -> Offering | None:
    checker.known_keys(item, OFFERING_KEYS, f"{name}.")
    checker.required(item, "start", f"{name}.start", "the start date, YYYY-MM-DD")
    start = checker.date(item, "start", f"{name}.start")
    end = checker.date(item, "end", f"{name}.end")
    if start and end and end < start:
        checker.error(item.line_of("end"), f"{name}.end", f"{end} is before the start date {start}")
    mode = checker.choice(item, "mode", f"{name}.mode", PARTICIPATION)
    price = checker.decimal(item, "price", f"{name}.price")
    if price is not None and price < 0:
        checker.error(item.line_of("price"), f"{name}.price", "must not be negative")
    currency = checker.choice(item, "currency", f"{name}.currency", CURRENCIES) or "EUR"
    enrol = checker.url(item, "enrol_url", f"{name}.enrol_url", ("https", "http", "mailto"))
    location = checker.string(item, "location", f"{name}.location", max_length=200)
    note = checker.text(item, "note", f"{name}.note", max_length=500)
    if start is None:
        return None
    return Offering(start, end, mode, location, price, currency, enrol, note)


def _read_track(
    checker: Checker,
    meta: LineDict,
    slug: str,
    shown: str,
    description: Text,
    root: Path,
    config: SiteConfig,
) -> Track | None:
    checker.known_keys(meta, TRACK_KEYS)
    status = _status(checker, meta)
    checker.required(meta, "title", "title", "the track's name, per language")
    title = checker.text(meta, "title", "title", max_length=150)
    checker.required(meta, "summary", "summary", "one or two sentences, per language")
    summary = checker.text(meta, "summary", "summary", max_length=400)
    published_on = checker.date(meta, "published_on", "published_on")
    checker.required(meta, "modules", "modules", "the slugs of its modules, in order")
    modules = meta.get("modules")
    slugs: list[str] = []
    if modules is not None and not isinstance(modules, LineList):
        checker.error(meta.line_of("modules"), "modules", "must be a list of module slugs")
    elif modules is not None:
        for index, item in enumerate(modules):
            text = str(item).strip()
            if text in slugs:
                checker.error(
                    modules.line_of(index), f"modules[{index}]", f"'{text}' is listed twice"
                )
            slugs.append(text)
        if len(slugs) < 2:
            checker.error(meta.line_of("modules"), "modules", "a track needs at least two modules")
    image = _image(checker, meta, root)
    stacks_towards = checker.text(meta, "stacks_towards", "stacks_towards", max_length=500)
    if checker.has_errors or title is None or summary is None:
        return None
    lines = tuple(modules.item_lines) if isinstance(modules, LineList) else ()
    return Track(
        slug,
        shown,
        status,
        title,
        summary,
        description,
        tuple(slugs),
        stacks_towards,
        image,
        published_on,
        lines,
    )


def _check_references(modules: list[Module], tracks: list[Track]) -> list[Diagnostic]:
    by_slug = {m.slug: m for m in modules}
    problems = []
    codes: dict[str, str] = {}
    for module in modules:
        if module.course_code:
            if module.course_code in codes:
                problems.append(
                    Diagnostic(
                        module.source,
                        None,
                        "course_code",
                        f"'{module.course_code}' is also used by {codes[module.course_code]}",
                    )
                )
            codes.setdefault(module.course_code, module.source)
    for track in tracks:
        for index, slug in enumerate(track.modules):
            line = track.module_lines[index] if index < len(track.module_lines) else None
            named = by_slug.get(slug)
            if named is None:
                hint = did_you_mean(slug, by_slug)
                problems.append(
                    Diagnostic(
                        track.source,
                        line,
                        f"modules[{index}]",
                        f"unknown module '{slug}' (no content/modules/{slug}.md){hint}",
                    )
                )
            elif track.is_published and not named.is_published:
                problems.append(
                    Diagnostic(
                        track.source,
                        line,
                        f"modules[{index}]",
                        f"module '{slug}' is {named.status}, but the track is published (publish the module or the track as draft)",
                    )
                )
    return problems
