"""The OOAPI v5 export, validated against the specification's own schemas.

tests/vectors/ooapi-v5/ holds byte copies of the published OpenAPI document (the bundled
``v5/ooapi.yaml``) and of the RIO consumer's schema (README.md there names the commit and each
file's sha256). Each file the build writes is checked against the response schema of the path it
stands for (``GET /``, ``GET /courses``, ``GET /courses/{courseId}``,
``GET /courses/{courseId}/offerings``), after turning OpenAPI 3.0's schema dialect into JSON
Schema (``nullable``), with every ``$ref`` resolved inside the document and formats checked.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from credsite.build.exports import EXPORTS, ooapi
from credsite.build.planning import PlanContext
from credsite.build.render import render_json
from credsite.build.theme import collect_assets
from credsite.catalogue import ooapi as mapping
from credsite.catalogue.content import load_content
from credsite.catalogue.model import Content, Module, Offering, Text, TextList
from credsite.catalogue.vocab import LANGUAGES

from .conftest import EXAMPLE_PUBLISHED_MODULES, EXAMPLE_UNPUBLISHED_MODULES, REPO

VECTORS = Path(__file__).parent / "vectors" / "ooapi-v5"
DOCUMENT = "urn:ooapi-v5"
RESPONSES = {
    "service": "/",
    "courses": "/courses",
    "course": "/courses/{courseId}",
    "offerings": "/courses/{courseId}/offerings",
}


# --- the specification's schemas ---------------------------------------------------------------


def openapi_to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0's ``nullable: true`` is JSON Schema's ``null`` among the types; the rest of
    the dialect the OOAPI document uses (``readOnly``, ``example``, ``x-`` keys) is annotation."""
    if isinstance(node, list):
        return [openapi_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: openapi_to_json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False) is True:
        if "type" in converted:
            kinds = (
                converted["type"] if isinstance(converted["type"], list) else [converted["type"]]
            )
            converted["type"] = [*kinds, "null"]
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
    return converted


@cache
def specification() -> dict[str, Any]:
    document = yaml.safe_load((VECTORS / "ooapi.yaml").read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.0") and document["info"]["version"] == "5.0.0"
    converted: dict[str, Any] = openapi_to_json_schema(document)
    return converted


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    """The ``uri`` format, checked here: jsonschema checks it only with rfc3987 installed."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and " " not in value


@cache
def response_validator(path: str) -> jsonschema.protocols.Validator:
    """A validator for the 200 response of ``GET <path>`` in the OOAPI v5 document."""
    registry: Registry[Any] = Registry().with_resource(
        DOCUMENT, Resource(contents=specification(), specification=DRAFT4)
    )
    where = _pointer("paths", path, "get", "responses", "200", "content", "application/json")
    schema = {"$ref": f"{DOCUMENT}#/{where}/schema"}
    return jsonschema.Draft4Validator(schema, registry=registry, format_checker=FORMATS)


def consumer_validator(name: str) -> jsonschema.protocols.Validator:
    schema = yaml.safe_load((VECTORS / name).read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(openapi_to_json_schema(schema), format_checker=FORMATS)


def problems(validator: jsonschema.protocols.Validator, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def test_the_copied_schemas_are_the_published_bytes() -> None:
    """README.md names each copy's sha256; a changed copy is a different specification."""
    listed = {}
    for line in (VECTORS / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip(" `") for c in line.split("|")]
        if len(cells) > 3 and len(cells[-2]) == 64:
            listed[cells[1]] = cells[-2]
    files = sorted(p.name for p in VECTORS.iterdir() if p.name != "README.md")
    assert sorted(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((VECTORS / name).read_bytes()).hexdigest() == digest, name


def test_the_validator_refuses_what_the_schema_forbids() -> None:
    """The oracle bites: a course without its required fields, with a two-letter teaching
    language, an unknown level or a page without ``hasNextPage`` is refused."""
    course = response_validator("/courses/{courseId}")
    good = _example_files()[ooapi.course_path(_first_id())]
    assert problems(course, good) == []
    for key, value in (
        ("teachingLanguage", "nl"),
        ("level", "EQF 6"),
        ("courseId", "not-a-uuid"),
        ("link", "not a url"),
        ("modeOfDelivery", ["onsite"]),
    ):
        assert problems(course, {**good, key: value}), key
    assert problems(course, {k: v for k, v in good.items() if k != "abbreviation"})
    page = {k: v for k, v in _example_files()[ooapi.courses_path()].items() if k != "hasNextPage"}
    assert problems(response_validator("/courses"), page)


# --- the example site's export ------------------------------------------------------------------


@cache
def _example() -> PlanContext:
    content = load_content(REPO).content
    assert content is not None
    return PlanContext.of(content, collect_assets(REPO), REPO)


def _files(context: PlanContext) -> dict[str, Any]:
    """Each planned file as a consumer reads it: rendered, then parsed."""
    return {o.path: json.loads(render_json(o)) for o in ooapi.plan(context)}


@cache
def _example_files() -> dict[str, Any]:
    return _files(_example())


def _first_id() -> str:
    courses: dict[str, Any] = _example_files()[ooapi.courses_path()]
    first: str = courses["items"][0]["courseId"]
    return first


def _response_of(path: str) -> str:
    if path == ooapi.service_path():
        return RESPONSES["service"]
    if path == ooapi.courses_path():
        return RESPONSES["courses"]
    return RESPONSES["offerings" if path.endswith("/offerings.json") else "course"]


def test_the_export_is_registered() -> None:
    assert ooapi.EXPORT in EXPORTS


def test_every_file_validates_against_its_path_in_the_specification() -> None:
    files = _example_files()
    kinds = {_response_of(path) for path in files}
    assert kinds == set(RESPONSES.values())
    for path, data in files.items():
        assert problems(response_validator(_response_of(path)), data) == [], path


def test_one_course_file_and_one_offerings_file_per_published_module() -> None:
    context = _example()
    files = _example_files()
    assert [m.slug for m in context.modules] == list(EXAMPLE_PUBLISHED_MODULES)
    ids = [mapping.course_id(context.site, m) for m in context.modules]
    assert len(set(ids)) == len(ids) == len(context.modules) > 0
    expected = {ooapi.service_path(), ooapi.courses_path()}
    expected |= {ooapi.course_path(i) for i in ids} | {ooapi.offerings_path(i) for i in ids}
    assert set(files) == expected
    drafts = [m for m in context.content.modules if m.slug in EXAMPLE_UNPUBLISHED_MODULES]
    assert len(drafts) == len(EXAMPLE_UNPUBLISHED_MODULES), "a draft and an archived module"
    for module in drafts:
        assert ooapi.course_path(mapping.course_id(context.site, module)) not in files


def test_the_collection_is_one_page_of_every_course_ordered_by_name() -> None:
    files = _example_files()
    page = files[ooapi.courses_path()]
    items = page["items"]
    assert (page["pageNumber"], page["pageSize"], page["totalPages"]) == (1, len(items), 1)
    assert page["hasPreviousPage"] is False and page["hasNextPage"] is False
    names = [item["name"][0]["value"].casefold() for item in items]
    assert names == sorted(names)
    for item in items:
        assert files[ooapi.course_path(item["courseId"])] == item


def test_ids_are_uuid5_of_the_canonical_url_and_slug_and_survive_a_preview_address() -> None:
    context = _example()
    site = context.site
    module = context.modules[0]
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"{site.canonical_url}modules/{module.slug}")
    assert mapping.course_id(site, module) == str(expected)
    preview = replace(site, base_url="https://preview.example.net/pr-7/")
    assert mapping.course_id(preview, module) == str(expected)
    course = mapping.course(module, preview)
    assert course["link"].startswith("https://preview.example.net/pr-7/")


def test_a_course_carries_every_field_of_its_module() -> None:
    context = _example()
    site = context.site
    module = next(m for m in context.modules if m.slug == "it-web-development")
    course = _example_files()[ooapi.course_path(mapping.course_id(site, module))]
    assert course["primaryCode"] == {"codeType": "identifier", "code": module.course_code}
    assert course["abbreviation"] == module.course_code
    titles = dict(module.title.values)
    assert course["name"] == [
        {"language": "nl-NL", "value": titles["nl"]},
        {"language": "en-GB", "value": titles["en"]},
    ]
    assert [d["language"] for d in course["description"]] == ["nl-NL", "en-GB"]
    assert course["teachingLanguage"] == "nld"
    assert course["level"] == "associate degree" and module.eqf_level == 5
    assert course["studyLoad"] == {"studyLoadUnit": "ects", "value": float(module.ec or 0)}
    assert course["modeOfDelivery"] == ["hybrid"]  # blended; work-based learning is in ext
    assert course["fieldsOfStudy"] == module.field_of_study
    outcomes = dict(module.learning_outcomes.values)
    assert course["learningOutcomes"][0] == [
        {"language": "nl-NL", "value": outcomes["nl"][0]},
        {"language": "en-GB", "value": outcomes["en"][0]},
    ]
    assert len(course["learningOutcomes"]) == len(outcomes["nl"])
    assert course["assessment"][1]["value"].startswith("Professional product, Oral exam.")
    assert course["link"] == f"{site.base_url}nl/modules/it-web-development/"
    assert course["firstStartDate"] == min(o.start for o in module.offerings).isoformat()
    ext = course["ext"]
    assert ext["participation"] == ["blended", "work_experience"]
    assert ext["eqfLevelUri"] == "http://data.europa.eu/snb/eqf/5"
    assert ext["achievement"]["en-GB"].endswith("/en/modules/it-web-development/achievement.json")
    assert "consumers" not in course  # the example institution names a BRIN, not a RIO code


def test_offerings_carry_dates_price_place_and_enrolment() -> None:
    context = _example()
    site = context.site
    module = next(m for m in context.modules if m.slug == "it-web-development")
    course_id = mapping.course_id(site, module)
    page = _example_files()[ooapi.offerings_path(course_id)]
    offerings = page["items"]
    assert len(offerings) == len(module.offerings) == page["pageSize"]
    assert [o["startDate"] for o in offerings] == sorted(o["startDate"] for o in offerings)
    first = min(module.offerings, key=lambda o: o.start)
    item = offerings[0]
    assert item["course"] == course_id and item["offeringType"] == "course"
    assert item["endDate"] == (first.end.isoformat() if first.end else None)
    assert item["priceInformation"] == [
        {"costType": "total costs", "amount": format(first.price, "f"), "currency": "EUR"}
    ]
    assert item["link"] == first.enrol_url
    assert item["addresses"][0]["additional"][0]["value"] == first.location
    assert len({o["offeringId"] for o in offerings}) == len(offerings)


def test_a_module_without_start_dates_has_an_empty_page_of_offerings() -> None:
    context = _example()
    module = next(m for m in context.modules if not m.offerings)
    course_id = mapping.course_id(context.site, module)
    page = _example_files()[ooapi.offerings_path(course_id)]
    assert page["items"] == [] and page["hasNextPage"] is False
    assert "firstStartDate" not in _example_files()[ooapi.course_path(course_id)]


# --- cases the example site does not have -------------------------------------------------------


def _with(context: PlanContext, content: Content) -> PlanContext:
    return PlanContext.of(content, context.assets, context.root)


def _offering(start: date, end: date | None, location: str | None = None) -> Offering:
    return Offering(start, end, None, location, Decimal("100.50"), "EUR", None, None)


def test_offerings_without_an_end_date_are_left_out_and_same_day_ones_kept_apart() -> None:
    """CourseOffering requires ``endDate``; two runs starting the same day get distinct ids."""
    context = _example()
    module = replace(
        context.modules[0],
        offerings=(
            _offering(date(2027, 9, 1), None),
            _offering(date(2027, 2, 1), date(2027, 6, 30), "Utrecht"),
            _offering(date(2027, 2, 1), date(2027, 6, 30), "Utrecht"),
        ),
    )
    offerings = mapping.course_offerings(module, context.site)
    assert [o["startDate"] for o in offerings] == ["2027-02-01", "2027-02-01"]
    assert len({o["offeringId"] for o in offerings}) == 2
    assert offerings[0]["priceInformation"][0]["amount"] == "100.50"
    assert mapping.course(module, context.site)["firstStartDate"] == "2027-02-01"
    validator = response_validator("/courses/{courseId}/offerings")
    assert problems(validator, json.loads(json.dumps(mapping.page(offerings)))) == []


def test_hours_unequal_outcomes_and_many_languages_still_validate() -> None:
    context = _example()
    site = context.site
    module: Module = replace(
        context.modules[0],
        ec=None,
        hours=84,
        language=("pap", "en", "de", "fy"),
        participation=("work_experience",),
        learning_outcomes=TextList((("en", ("One", "Two")), ("nl", ("Een",)))),
        prerequisites=None,
        criteria=None,
    )
    course = mapping.course(module, site)
    assert course["studyLoad"] == {"studyLoadUnit": "hour", "value": 84}
    assert course["teachingLanguage"] == "pap"
    assert "modeOfDelivery" not in course
    assert course["learningOutcomes"] == [
        [{"language": "en-GB", "value": "One"}],
        [{"language": "en-GB", "value": "Two"}],
        [{"language": "nl-NL", "value": "Een"}],
    ]
    assert problems(response_validator("/courses/{courseId}"), course) == []


def test_every_language_of_instruction_has_an_iso_639_2_code() -> None:
    assert set(mapping.ISO_639_2) == set(LANGUAGES)
    assert all(len(code) == 3 and code.isalpha() for code in mapping.ISO_639_2.values())


def test_a_rio_code_in_site_yaml_gives_the_rio_consumer() -> None:
    context = _example()
    institution = replace(context.site.institution, identifier_type="RIO", identifier="123A321")
    site = replace(context.site, institution=institution)
    module = replace(context.modules[0], language=("nl", "en"))
    course = mapping.course(module, site)
    consumer = course["consumers"][0]
    assert consumer == {
        "consumerKey": "rio",
        "educationOffererCode": "123A321",
        "teachingLanguages": ["nld", "eng"],
    }
    assert problems(consumer_validator("consumer-rio-course.yaml"), consumer) == []
    assert problems(response_validator("/courses/{courseId}"), course) == []
    wrong = replace(site, institution=replace(institution, identifier="99VB"))
    assert "consumers" not in mapping.course(module, wrong)


def test_without_a_contact_address_there_is_no_service_root() -> None:
    """Service.yaml requires ``contactEmail``: without one the root is not written, the
    courses still are."""
    context = _example()
    site = replace(context.site, institution=replace(context.site.institution, email=None))
    paths = {o.path for o in ooapi.plan(_with(context, replace(context.content, site=site)))}
    assert ooapi.service_path() not in paths and ooapi.courses_path() in paths


def test_names_are_given_only_in_the_languages_they_are_written_in() -> None:
    context = _example()
    module = replace(context.modules[0], title=Text.of({"en": "Only English"}))
    assert mapping.course(module, context.site)["name"] == [
        {"language": "en-GB", "value": "Only English"}
    ]


def test_the_files_are_the_same_bytes_on_every_plan() -> None:
    first = [(o.path, render_json(o)) for o in ooapi.plan(_example())]
    again = [(o.path, render_json(o)) for o in ooapi.plan(_with(_example(), _example().content))]
    assert first == again


def test_the_build_writes_the_files(example_site: Path) -> None:
    root = example_site / "ooapi" / "v5"
    service = json.loads((root / "index.json").read_text(encoding="utf-8"))
    assert problems(response_validator("/"), service) == []
    courses = json.loads((root / "courses.json").read_text(encoding="utf-8"))
    for item in courses["items"]:
        assert (root / "courses" / f"{item['courseId']}.json").is_file()
        assert (root / "courses" / item["courseId"] / "offerings.json").is_file()
