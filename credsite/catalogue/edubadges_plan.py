"""Which module file each imported badge class becomes, and its text: the plan of an
``import edubadges`` run, made before anything is written.

A badge class already imported (its id in a module's ``edubadges_badge_class``) updates that
module wherever it is and whatever its name; a new one gets a file named after the badge
class, never taking a name that is in use. Pure: the command reads the existing modules and the
images and writes the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from credsite.catalogue.edubadges import ID_KEY, PROGRAMME, Imported, slug_of
from credsite.catalogue.module_file import module_text

MODULES_DIR = "content/modules"
IMAGES_FOLDER = "images/edubadges"  # under content/, where imported images are kept

# The order of the keys in a new module file (docs/content.md's order).
KEY_ORDER = (
    "title",
    "summary",
    "status",
    "published_on",
    "course_code",
    "language",
    "ec",
    "hours",
    "eqf_level",
    "learning_outcomes",
    "participation",
    "assessment_type",
    "assessment_supervised",
    "assessment_id_verified",
    "quality_assurance",
    "stackable",
    "grade_achieved_required",
    "criteria",
    "tags",
    "image",
    ID_KEY,
)
# Written when the module is made; staff own them afterwards (Edubadges has no summary).
CREATE_ONLY = frozenset({"summary", "status", "published_on"})


@dataclass(frozen=True)
class ExistingModule:
    """A module file already in content/modules: where it is and what the import needs."""

    path: str  # from the site's root
    text: str
    badge_id: str | None
    course_code: str | None

    @property
    def slug(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")


@dataclass(frozen=True)
class ImageFile:
    """A badge class's image as it will be written: its path from content/ and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True)
class PlannedModule:
    imported: Imported
    path: str  # from the site's root
    text: str
    old_text: str | None
    image: ImageFile | None
    unmapped: tuple[tuple[str, str], ...]

    @property
    def slug(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def change(self) -> str:
        if self.old_text is None:
            return "new"
        return "unchanged" if self.old_text == self.text else "updated"


def image_path(imported: Imported, suffix: str) -> str:
    """Where a badge class's image is kept, from content/: named by the badge class's id, so
    that a renamed module keeps its image."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", imported.entity_id).strip("-") or "badge"
    return f"{IMAGES_FOLDER}/{name}{suffix}"


def plan_modules(
    imported: list[Imported],
    existing: list[ExistingModule],
    images: dict[str, ImageFile | str],
    languages: tuple[str, ...],
    published_on: date | None,
) -> list[PlannedModule]:
    """Every imported badge class's module file, in the order of their ids. ``images`` has,
    per badge id, the image to write or why there is none; ``published_on`` publishes new
    modules (None: they are drafts); ``languages`` are the site's, the default first."""
    by_id = {module.badge_id: module for module in existing if module.badge_id}
    taken = {module.slug for module in existing}
    codes = {m.course_code: m.path for m in existing if m.course_code}
    planned = []
    for item in sorted(imported, key=lambda i: i.badge_id):
        old = by_id.get(item.badge_id)
        path = old.path if old else f"{MODULES_DIR}/{_free_slug(item, taken)}.md"
        taken.add(path.rsplit("/", 1)[-1].removesuffix(".md"))
        values, unmapped = _values(item, images.get(item.badge_id), published_on, codes, path)
        text = module_text(
            old.text if old else None,
            values,
            CREATE_ONLY,
            (item.language, item.description),
            languages,
        )
        image = images.get(item.badge_id)
        planned.append(
            PlannedModule(
                item,
                path,
                text,
                old.text if old else None,
                image if isinstance(image, ImageFile) else None,
                (*item.unmapped, *unmapped),
            )
        )
    return planned


def _values(
    item: Imported,
    image: ImageFile | str | None,
    published_on: date | None,
    codes: dict[str, str],
    path: str,
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The keys the import writes, in KEY_ORDER, and what it had to leave out here."""
    given = dict(item.values)
    unmapped: list[tuple[str, str]] = []
    given["summary"] = {item.language: item.summary}
    given["status"] = "published" if published_on else "draft"
    if published_on:
        given["published_on"] = published_on
    if "ec" in given:
        given["hours"] = None  # one study load: the other goes
    elif "hours" in given:
        given["ec"] = None
    code = given.get("course_code")
    if code is not None and codes.setdefault(code, path) != path:
        del given["course_code"]
        where = f"{item.pointer}/{PROGRAMME}/EducationProgramIdentifier"
        unmapped.append((where, f"'{code}' is already the course code of {codes[code]}"))
    if isinstance(image, ImageFile):
        given["image"] = image.path
    elif isinstance(image, str):
        unmapped.append((f"{item.pointer}/image", image))
    return {key: given[key] for key in KEY_ORDER if key in given}, unmapped


def _free_slug(item: Imported, taken: set[str]) -> str:
    slug = slug_of(item.name, item.badge_id)
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
