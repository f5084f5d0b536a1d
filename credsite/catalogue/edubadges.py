"""An Edubadges badge class (Open Badges 2.0 JSON from Edubadges' public API) as the front
matter of a credsite module.

Pure functions: the command (credsite/commands/import_.py) reads the files, the network and the
existing modules, and writes. Every field of the badge class is either mapped to a module key
or named in ``Imported.unmapped`` with the reason, so staff see what the import left behind;
values credsite cannot take (outside its vocabularies, out of range) are ``Problem``s, and a run
with any problem writes nothing.

Field names and value sets come from edubadges/edubadges-server (tests/vectors/edubadges/
README.md names the file of each): the extensions in ``apps/mainsite/static/extensions/``, the
``expand=micro`` fields in ``apps/public/public_api.py`` and their model in
``apps/issuer/models.py``. The mapping, field by field, is in docs/edubadges-import.md.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from credsite.catalogue.fields import did_you_mean, is_web_url
from credsite.catalogue.vocab import ASSESSMENT_TYPES, PARTICIPATION

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
MICRO_TYPE = "micro_credential"  # typeBadgeClass (BadgeClass.BADGE_CLASS_TYPE_MICRO)
LANGUAGES = {"nl_NL": "nl", "en_EN": "en"}  # LanguageExtension's values in Edubadges
ID_KEY = "edubadges_badge_class"  # the front-matter key that keeps the badge class's id

EXT = "extensions:"
ECTS = f"{EXT}ECTSExtension"
STUDY_LOAD = f"{EXT}StudyLoadExtension"
TIME_INVESTMENT = f"{EXT}TimeInvestmentExtension"
EQF = f"{EXT}EQFExtension"
LEARNING_OUTCOME = f"{EXT}LearningOutcomeExtension"
LANGUAGE = f"{EXT}LanguageExtension"
PROGRAMME = f"{EXT}EducationProgramIdentifierExtension"
# Each extension's value is the member of the extension object named after it.
EXTENSION_MEMBERS = {
    ECTS: "ECTS",
    STUDY_LOAD: "StudyLoad",
    TIME_INVESTMENT: "TimeInvestment",
    EQF: "EQF",
    LEARNING_OUTCOME: "LearningOutcome",
    LANGUAGE: "Language",
    PROGRAMME: "EducationProgramIdentifier",
}
MICRO_FIELDS = ("participation", "assessmentType")

# Limits of the module fields (credsite/catalogue/content.py), checked here so that a value
# that will not pass ``check`` is reported against the badge class, not the written module.
MAX_TITLE = 150
MAX_SUMMARY = 400
MAX_CRITERIA = 5000
MAX_OUTCOME = 2000
MAX_TAG = 60
MAX_CODE = 40
MAX_HOURS = 840
MAX_EC = Decimal(30)

# Members that are not the badge class's content: said once, not per badge class.
_SILENT = frozenset({"@context", "type", "id"})
_REASONS = {
    "issuer": "the issuer is the site's institution (site.yaml)",
    "alignment": "credsite has no alignments of its own",
    "eqfNlqfLevelVerified": "credsite has no field for a verified EQF/NLQF level",
    "sourceUrl": "not part of a module",
    "hostedUrl": "not part of a module",
}


@dataclass(frozen=True)
class Problem:
    """Why a badge class cannot be imported: the file, the JSON pointer, what is wrong."""

    source: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.pointer or '/'}: {self.message}"


@dataclass(frozen=True)
class Imported:
    """A badge class as a module: the front-matter values the import sets (texts per
    language), the description (the body in ``language``) and what could not be mapped."""

    badge_id: str
    source: str
    pointer: str
    name: str
    language: str
    values: dict[str, Any]
    description: str
    summary: str
    image: str | None  # the badge class's image: a URL or a path beside the saved file
    unmapped: tuple[tuple[str, str], ...] = field(default=())

    @property
    def entity_id(self) -> str:
        return entity_id(self.badge_id)


@dataclass
class _Reader:
    """Walks one badge class, collecting problems and unmapped fields with their pointers."""

    source: str
    base: str
    problems: list[Problem] = field(default_factory=list)
    unmapped: list[tuple[str, str]] = field(default_factory=list)

    def pointer(self, *parts: str | int) -> str:
        escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
        return "/".join((self.base, *escaped))

    def problem(self, message: str, *parts: str | int) -> None:
        self.problems.append(Problem(self.source, self.pointer(*parts), message))

    def leave(self, reason: str, *parts: str | int) -> None:
        self.unmapped.append((self.pointer(*parts), reason))


def badge_classes(document: Any) -> Iterator[tuple[str, Any]]:
    """The badge classes in a saved response, with their JSON pointers: one badge class
    (``/public/badges/{id}``), or an issuer's list (``/public/issuers/{id}/badges``)."""
    if isinstance(document, list):
        for index, item in enumerate(document):
            yield f"/{index}", item
    else:
        yield "", document


def has_micro_fields(data: Any) -> bool:
    """Whether a badge class was saved with ``expand=micro`` (an issuer's list never is)."""
    return isinstance(data, dict) and any(key in data for key in MICRO_FIELDS)


def entity_id(badge_id: str) -> str:
    """The last part of a badge class's id (``.../public/badges/<entity_id>``)."""
    path = urlsplit(badge_id).path.rstrip("/")
    return path.rsplit("/", 1)[-1].removesuffix(".json")


def map_badge_class(
    data: Any, source: str, pointer: str, site_languages: tuple[str, ...], ec_minimum: Decimal
) -> Imported | list[Problem]:
    """The module a badge class becomes, or every reason it cannot become one."""
    reader = _Reader(source, pointer)
    if not isinstance(data, dict):
        reader.problem(f"a badge class must be a JSON object, not {_kind(data)}")
        return reader.problems
    if not _is_badge_class(reader, data) or not _is_micro(reader, data):
        return reader.problems
    badge_id = data.get("id")
    if not isinstance(badge_id, str) or not is_web_url(badge_id):
        reader.problem("missing or not a URL (the import keeps the id to update later)", "id")
        badge_id = ""
    extensions = _extensions(reader, data)
    language = _language(reader, extensions, site_languages)
    values: dict[str, Any] = {}
    name = _text(reader, data, "name", MAX_TITLE, required=True)
    if name:
        values["title"] = {language: name}
    description = _text(reader, data, "description", 100_000) or ""
    values["language"] = [language]
    values.update(_study_load(reader, extensions, ec_minimum))
    values.update(_eqf(reader, extensions))
    outcomes = _outcomes(reader, extensions)
    if outcomes:
        values["learning_outcomes"] = {language: outcomes}
    values["participation"] = _choices(reader, data, "participation", PARTICIPATION)
    values["assessment_type"] = _choices(reader, data, "assessmentType", ASSESSMENT_TYPES)
    for key, member in (
        ("assessment_supervised", "assessmentSupervised"),
        ("assessment_id_verified", "assessmentIdVerified"),
        ("stackable", "stackable"),
        ("grade_achieved_required", "gradeAchievedRequired"),
    ):
        flag = _boolean(reader, data, member)
        if flag is not None:
            values[key] = flag
    values.update(_quality_assurance(reader, data, language))
    values.update(_criteria(reader, data, language))
    values.update(_tags(reader, data, language))
    values.update(_programme(reader, extensions))
    image = _image(reader, data)
    _leave_the_rest(reader, data, extensions)
    if reader.problems:
        return reader.problems
    values[ID_KEY] = badge_id
    return Imported(
        badge_id=badge_id,
        source=source,
        pointer=pointer,
        name=name or "",
        language=language,
        values=values,
        description=description.strip(),
        summary=summary_of(description, name or ""),
        image=image,
        unmapped=tuple(reader.unmapped),
    )


# -- what a badge class is -------------------------------------------------------------------


def _is_badge_class(reader: _Reader, data: dict[str, Any]) -> bool:
    kind = data.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "BadgeClass" not in kinds:
        reader.problem(f"{_shown(kind)} is not an Open Badges 2.0 BadgeClass", "type")
        return False
    context = data.get("@context")
    if context is not None and context != OB2_CONTEXT:
        reader.problem(f"{_shown(context)} is not the Open Badges 2.0 context", "@context")
        return False
    return True


def _is_micro(reader: _Reader, data: dict[str, Any]) -> bool:
    kind = data.get("typeBadgeClass")
    if kind is not None and kind != MICRO_TYPE:
        reader.problem(
            f"{_shown(kind)}: the badge class is not a micro-credential ({MICRO_TYPE})",
            "typeBadgeClass",
        )
        return False
    if not has_micro_fields(data):
        reader.problem(
            "no micro-credential fields (participation, assessmentType): not a micro-credential, "
            "or saved without them (save /public/badges/<id>?expand=micro)"
        )
        return False
    return True


def _extensions(reader: _Reader, data: dict[str, Any]) -> dict[str, Any]:
    """Each known extension's value (``{"ECTS": 5}`` → 5), by extension key."""
    found: dict[str, Any] = {}
    for key, member in EXTENSION_MEMBERS.items():
        extension = data.get(key)
        if extension is None:
            continue
        if not isinstance(extension, dict) or member not in extension:
            reader.problem(f"must be an object with '{member}'", key)
            continue
        found[key] = extension[member]
    return found


# -- the fields --------------------------------------------------------------------------------


def _language(reader: _Reader, extensions: dict[str, Any], site_languages: tuple[str, ...]) -> str:
    value = extensions.get(LANGUAGE)
    if value is None:
        reader.problem(f"missing (the language of instruction: {' or '.join(LANGUAGES)})", LANGUAGE)
        return site_languages[0]
    language = LANGUAGES.get(value) if isinstance(value, str) else None
    if language is None:
        reader.problem(
            f"{_shown(value)} is not one of {', '.join(LANGUAGES)}", LANGUAGE, "Language"
        )
        return site_languages[0]
    if language not in site_languages:
        reader.problem(
            f"{_shown(value)}: the site is in {', '.join(site_languages)} only (site.yaml languages)",
            LANGUAGE,
            "Language",
        )
        return site_languages[0]
    return language


def _study_load(reader: _Reader, extensions: dict[str, Any], ec_minimum: Decimal) -> dict[str, Any]:
    """EC from ECTSExtension, else hours from StudyLoad or TimeInvestment (both in hours);
    credsite keeps one study load, so any other is reported as left out."""
    given = [key for key in (ECTS, STUDY_LOAD, TIME_INVESTMENT) if key in extensions]
    if not given:
        reader.problem(
            f"no study load ({ECTS}, {STUDY_LOAD} or {TIME_INVESTMENT}; credsite requires one)"
        )
        return {}
    chosen, *others = given
    for other in others:
        reader.leave(f"credsite keeps one study load; {chosen} is used", other)
    member = EXTENSION_MEMBERS[chosen]
    number = _number(extensions[chosen])
    if chosen == ECTS:
        if number is None or not (ec_minimum <= number <= MAX_EC and (number * 2) % 1 == 0):
            reader.problem(
                f"{_shown(extensions[chosen])} is not allowed ({_plain(ec_minimum)}–30 EC in "
                "steps of 0.5; site.yaml's ec_minimum may lower 3 to 1)",
                chosen,
                member,
            )
            return {}
        return {"ec": int(number) if number == number.to_integral() else float(number)}
    if number is None or number != number.to_integral() or not 1 <= number <= MAX_HOURS:
        reader.problem(
            f"{_shown(extensions[chosen])} is not allowed (whole hours, 1 to {MAX_HOURS})",
            chosen,
            member,
        )
        return {}
    return {"hours": int(number)}


def _eqf(reader: _Reader, extensions: dict[str, Any]) -> dict[str, Any]:
    if EQF not in extensions:
        reader.problem("missing (the EQF level, 1 to 8; credsite requires it)", EQF)
        return {}
    number = _number(extensions[EQF])
    if number is None or number != number.to_integral() or not 1 <= number <= 8:
        reader.problem(f"{_shown(extensions[EQF])} is not an EQF level (1 to 8)", EQF, "EQF")
        return {}
    return {"eqf_level": int(number)}


def _outcomes(reader: _Reader, extensions: dict[str, Any]) -> list[str]:
    value = extensions.get(LEARNING_OUTCOME)
    if value is None:
        reader.problem("missing (the learning outcomes; credsite requires them)", LEARNING_OUTCOME)
        return []
    if not isinstance(value, str):
        reader.problem(f"must be text, not {_kind(value)}", LEARNING_OUTCOME, "LearningOutcome")
        return []
    outcomes, rest = outcomes_of(value)
    if not outcomes:
        reader.problem("empty (at least one learning outcome)", LEARNING_OUTCOME, "LearningOutcome")
    for index, outcome in enumerate(outcomes):
        if len(outcome) > MAX_OUTCOME:
            reader.problem(
                f"outcome {index + 1} is too long (at most {MAX_OUTCOME} characters)",
                LEARNING_OUTCOME,
                "LearningOutcome",
            )
    if rest:
        reader.leave(
            f"text outside the list of outcomes: {_short(rest)}",
            LEARNING_OUTCOME,
            "LearningOutcome",
        )
    return outcomes


def _choices(
    reader: _Reader, data: dict[str, Any], member: str, allowed: dict[str, Any]
) -> list[str]:
    """A value of Edubadges' closed list (one string, or several separated by commas)."""
    value = data.get(member)
    if value is None or value == "" or value == []:
        reader.problem(
            f"missing (one or more of {', '.join(allowed)}; credsite requires it)", member
        )
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    chosen: list[str] = []
    for item in items:
        text = str(item).strip() if isinstance(item, str) else item
        if not isinstance(text, str) or text not in allowed:
            hint = did_you_mean(str(text), allowed) if isinstance(text, str) else ""
            reader.problem(f"{_shown(item)} is not one of {', '.join(allowed)}{hint}", member)
        elif text not in chosen:
            chosen.append(text)
    return chosen


def _boolean(reader: _Reader, data: dict[str, Any], member: str) -> bool | None:
    value = data.get(member)
    if value is None or isinstance(value, bool):
        return value
    reader.problem(f"{_shown(value)} is not true or false", member)
    return None


def _quality_assurance(reader: _Reader, data: dict[str, Any], language: str) -> dict[str, Any]:
    name = _text(reader, data, "qualityAssuranceName", 300)
    url = data.get("qualityAssuranceUrl") or None
    description = _text(reader, data, "qualityAssuranceDescription", 2000)
    if url is not None and (not isinstance(url, str) or not is_web_url(url)):
        reader.problem(f"{_shown(url)} is not an http(s) address", "qualityAssuranceUrl")
        url = None
    if not name:
        for member, value in (
            ("qualityAssuranceUrl", url),
            ("qualityAssuranceDescription", description),
        ):
            if value:
                reader.leave(
                    "no qualityAssuranceName, so the site's quality assurance is used", member
                )
        return {}
    qa: dict[str, Any] = {"name": {language: name}}
    if url:
        qa["url"] = url
    if description:
        qa["description"] = {language: description}
    return {"quality_assurance": qa}


def _criteria(reader: _Reader, data: dict[str, Any], language: str) -> dict[str, Any]:
    criteria = data.get("criteria")
    if criteria is None:
        return {}
    if isinstance(criteria, str):  # OB 2.0 allows the criteria's URL alone
        reader.leave("a criteria URL: credsite's criteria are a text", "criteria")
        return {}
    if not isinstance(criteria, dict):
        reader.problem(f"must be an object, not {_kind(criteria)}", "criteria")
        return {}
    for member in sorted(set(criteria) - {"narrative", "type"}):
        reader.leave("credsite's criteria are a text (narrative)", "criteria", member)
    narrative = criteria.get("narrative")
    if narrative is None or (isinstance(narrative, str) and not narrative.strip()):
        return {}
    if not isinstance(narrative, str):
        reader.problem(f"must be text, not {_kind(narrative)}", "criteria", "narrative")
        return {}
    if len(narrative.strip()) > MAX_CRITERIA:
        reader.problem(f"too long (at most {MAX_CRITERIA} characters)", "criteria", "narrative")
        return {}
    return {"criteria": {language: narrative.strip()}}


def _tags(reader: _Reader, data: dict[str, Any], language: str) -> dict[str, Any]:
    tags = data.get("tags")
    if not tags:
        return {}
    if not isinstance(tags, list):
        reader.problem(f"must be a list, not {_kind(tags)}", "tags")
        return {}
    kept: list[str] = []
    for index, tag in enumerate(tags):
        if not isinstance(tag, str) or not tag.strip():
            reader.problem(f"{_shown(tag)} is not a text", "tags", index)
        elif len(tag.strip()) > MAX_TAG:
            reader.problem(f"too long (at most {MAX_TAG} characters)", "tags", index)
        elif tag.strip() not in kept:
            kept.append(tag.strip())
    return {"tags": {language: kept}} if kept else {}


def _programme(reader: _Reader, extensions: dict[str, Any]) -> dict[str, Any]:
    """The education programme identifier (RIO/CROHO code) becomes the course code; credsite
    has one code per module, so a second identifier is reported as left out."""
    value = extensions.get(PROGRAMME)
    if value is None:
        return {}
    codes = value if isinstance(value, list) else [value]
    member = "EducationProgramIdentifier"
    if not codes:
        return {}
    for index, code in enumerate(codes):
        if isinstance(code, bool) or not isinstance(code, int | float | str):
            reader.problem(f"{_shown(code)} is not a programme identifier", PROGRAMME, member)
            return {}
        if index:
            reader.leave(
                f"credsite keeps one code per module ({_code(codes[0])})", PROGRAMME, member, index
            )
    first = _code(codes[0])
    if not first or len(first) > MAX_CODE:
        reader.problem(f"{_shown(codes[0])} is not a programme identifier", PROGRAMME, member)
        return {}
    return {"course_code": first}


def _image(reader: _Reader, data: dict[str, Any]) -> str | None:
    image = data.get("image")
    if isinstance(image, dict):
        image = image.get("id")
    if image is None:
        return None
    if not isinstance(image, str) or not image.strip():
        reader.problem(f"{_shown(image)} is not an image address", "image")
        return None
    return image.strip()


_MAPPED = frozenset(
    {
        "name",
        "description",
        "image",
        "criteria",
        "tags",
        "typeBadgeClass",
        "participation",
        "assessmentType",
        "assessmentSupervised",
        "assessmentIdVerified",
        "stackable",
        "gradeAchievedRequired",
        "qualityAssuranceName",
        "qualityAssuranceUrl",
        "qualityAssuranceDescription",
        *EXTENSION_MEMBERS,
    }
)


def _leave_the_rest(reader: _Reader, data: dict[str, Any], extensions: dict[str, Any]) -> None:
    """Every other member with a value: reported, so nothing is lost without a word."""
    for key in sorted(set(data) - _MAPPED - _SILENT):
        value = data[key]
        if value in (None, False, "", [], {}):
            continue
        if key == "alignment" and isinstance(value, list):
            for index, _ in enumerate(value):
                reader.leave(_REASONS["alignment"], key, index)
            continue
        default = (
            "an extension credsite does not know" if key.startswith(EXT) else "no credsite field"
        )
        reader.leave(_REASONS.get(key, default), key)


# -- texts -------------------------------------------------------------------------------------

_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_MARKUP = re.compile(r"[*_`]+|^#+\s*|^>\s*", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def outcomes_of(markdown: str) -> tuple[list[str], str]:
    """Learning outcomes from Edubadges' Markdown: the items of its list, or, when it has no
    list, its paragraphs. Also the text that is neither (an introduction), which is reported."""
    items: list[list[str]] = []  # each item's lines
    rest: list[str] = []
    for line in markdown.replace("\r\n", "\n").split("\n"):
        match = _ITEM.match(line)
        if match:
            items.append([match.group(1).strip()])
        elif items and line.strip() and line.startswith((" ", "\t")):
            items[-1].append(line.strip())  # an item's next line
        else:
            rest.append(line)
            if not line.strip() and items:
                items.append([])  # a blank line ends the item
    outcomes = [" ".join(lines) for lines in items if lines]
    if outcomes:
        return outcomes, "\n".join(rest).strip()
    paragraphs = re.split(r"\n\s*\n", markdown.strip())
    return [" ".join(p.split()) for p in paragraphs if p.strip()], ""


def summary_of(description: str, name: str) -> str:
    """The catalogue's summary (Edubadges has none): the description's first paragraph that is
    not a heading, as plain text, cut at a word before MAX_SUMMARY characters."""
    for paragraph in re.split(r"\n\s*\n", description.strip()):
        text = paragraph.strip()
        if not text or text.startswith("#"):
            continue
        plain = " ".join(_MARKUP.sub("", _LINK.sub(r"\1", text)).split())
        if plain:
            return _cut(plain, MAX_SUMMARY)
    return _cut(name, MAX_SUMMARY)


def slug_of(name: str, badge_id: str) -> str:
    """A file name for the module: the badge class's name in lower-case ASCII with hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    if not slug:
        slug = "edubadge-" + re.sub(r"[^a-z0-9]+", "-", entity_id(badge_id).lower()).strip("-")
    return slug


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _text(
    reader: _Reader, data: dict[str, Any], member: str, limit: int, required: bool = False
) -> str | None:
    value = data.get(member)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            reader.problem("missing (credsite requires it)", member)
        return None
    if not isinstance(value, str):
        reader.problem(f"must be text, not {_kind(value)}", member)
        return None
    if len(value.strip()) > limit:
        reader.problem(f"too long (at most {limit} characters)", member)
        return None
    return value.strip()


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _code(value: Any) -> str:
    number = _number(value)
    if number is not None and number == number.to_integral() and not isinstance(value, str):
        return str(int(number))
    return str(value).strip()


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return f"'{flat[:60]}…'" if len(flat) > 60 else f"'{flat}'"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return _short(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return _short(json.dumps(value, ensure_ascii=False))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "null"
    return "text"
