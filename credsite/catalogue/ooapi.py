"""A module as an Open Education API (OOAPI) v5 ``Course``, its offerings as ``CourseOffering``s,
and the service's metadata: the objects eduXchange and SURFeduhub (for RIO) read.

Pure mapping, no files: ``credsite/build/exports/ooapi.py`` places the objects at their URLs.
Every module field OOAPI has a property for goes there (names and texts as ``{language,
value}`` per language, the teaching language as ISO 639-2, the EQF level as OOAPI's ``level``,
the study load, the ISCED-F field, learning outcomes, mode of delivery, assessment); the
micro-credential facts OOAPI has no property for go in ``ext`` under documented names
(docs/ooapi.md). Ids are UUIDs derived from the site's canonical URL and the module's slug, so
they stay the same from build to build and on a preview under another address.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from html import unescape
from typing import Any

import nh3

from credsite.base import urls
from credsite.catalogue.achievement import credits_value, pick, word
from credsite.catalogue.markup import render_markdown
from credsite.catalogue.model import Module, Offering, SiteConfig, Text, TextList
from credsite.catalogue.vocab import ASSESSMENT_TYPES, EQF_URL

SPECIFICATION = (
    "https://raw.githubusercontent.com/open-education-api/specification/release/5.0/v5/ooapi.yaml"
)
DOCUMENTATION = "https://openonderwijsapi.nl/v5/"

# BCP 47 tags in the form the OOAPI examples use (``nl-NL``, ``en-GB``) for the site's languages.
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}

# ISO 639-2 (terminology codes, as OOAPI's example ``nld``) of every language of instruction
# credsite knows (vocab.LANGUAGES); ``pap`` is ISO 639-2 already.
ISO_639_2 = {
    "ar": "ara",
    "cs": "ces",
    "da": "dan",
    "de": "deu",
    "el": "ell",
    "en": "eng",
    "es": "spa",
    "fi": "fin",
    "fr": "fra",
    "fy": "fry",
    "hu": "hun",
    "it": "ita",
    "ja": "jpn",
    "ko": "kor",
    "nl": "nld",
    "no": "nor",
    "pap": "pap",
    "pl": "pol",
    "pt": "por",
    "ro": "ron",
    "ru": "rus",
    "sv": "swe",
    "tr": "tur",
    "uk": "ukr",
    "zh": "zho",
}

# OOAPI's ``level`` names levels of Dutch education, each "corresponding to levelOfQualification
# N" (v5/enumerations/level.yaml); the NLQF and EQF numbers are those levels of qualification.
LEVELS = {
    1: "secondary vocational education 1",
    2: "secondary vocational education 2",
    3: "secondary vocational education 3",
    4: "secondary vocational education 4",
    5: "associate degree",
    6: "bachelor",
    7: "master",
    8: "doctoral",
}

# Edubadges' participation forms as OOAPI modes of delivery (v5/enumerations/modesOfDelivery.yaml:
# situated is "op locatie"). Work-based learning has no mode of its own: it stays in ``ext``.
MODES = {"online": "online", "onsite": "situated", "blended": "hybrid"}

# The RIO consumer (v5/consumers/RIO/V1/Course.yaml) needs the institution's RIO code of its
# education provider ("onderwijsaanbiedercode"), given in site.yaml as the identifier of one of
# these types.
RIO_IDENTIFIER_TYPES = ("rio", "onderwijsaanbiedercode", "educationofferercode")
RIO_CODE_LENGTH = 7  # three digits, "A", three digits


def course_id(site: SiteConfig, module: Module) -> str:
    """The course's stable id: UUID v5 in the URL namespace over the site's canonical URL and
    ``modules/<slug>`` (a module keeps its id while its slug and the site's address stay)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site.canonical_url}modules/{module.slug}"))


def offering_ids(site: SiteConfig, module: Module) -> list[str]:
    """Each offering's stable id: UUID v5 over the course's name and the offering's start date
    (and its location and mode, then a count, when two start the same day)."""
    seen: dict[str, int] = {}
    ids = []
    for offering in module.offerings:
        key = "/".join([offering.start.isoformat(), offering.location or "", offering.mode or ""])
        seen[key] = seen.get(key, 0) + 1
        name = f"{site.canonical_url}modules/{module.slug}/offerings/{key}/{seen[key]}"
        ids.append(str(uuid.uuid5(uuid.NAMESPACE_URL, name)))
    return ids


def language_tag(lang: str) -> str:
    return LANGUAGE_TAGS.get(lang, lang)


def typed_strings(site: SiteConfig, texts: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """``[{language, value}]`` in the site's language order (default first), empty values
    left out: a language is named only for a text written in it, never for a fallback."""
    found = {lang: value for lang, value in texts if value}
    order = dict.fromkeys(site.language_order(site.default_language))
    return [
        {"language": language_tag(lang), "value": found[lang]} for lang in order if lang in found
    ]


def plain_text(markdown: str) -> str:
    """A Markdown body as plain text. From the module page's rendering of the same text
    (``render_markdown`` keeps it), so the build converts each description once, not twice."""
    stripped = nh3.clean(render_markdown(markdown), tags=set())
    return re.sub(r"\s+", " ", unescape(stripped)).strip()


def _text(site: SiteConfig, text: Text | None, plain: bool = False) -> list[dict[str, str]]:
    if text is None:
        return []
    return typed_strings(site, ((k, plain_text(v) if plain else v) for k, v in text.values))


def learning_outcomes(site: SiteConfig, outcomes: TextList) -> list[list[dict[str, str]]]:
    """One entry per outcome, each in every language it is written in. Outcomes are paired by
    position only when every language lists as many; otherwise each stands in its own language."""
    lists = {lang: items for lang, items in outcomes.values if items}
    if len({len(items) for items in lists.values()}) == 1:
        count = len(next(iter(lists.values())))
        return [
            typed_strings(site, ((lang, items[n]) for lang, items in lists.items()))
            for n in range(count)
        ]
    return [typed_strings(site, [(lang, item)]) for lang, items in lists.items() for item in items]


def assessment(site: SiteConfig, module: Module) -> list[dict[str, str]]:
    """The assessment in words, per language: its types, then supervision and identity check."""
    texts = []
    for lang in site.languages:
        parts = [", ".join(ASSESSMENT_TYPES[t][lang] for t in module.assessment_type)]
        if module.assessment_supervised is not None:
            parts.append(
                word("supervised" if module.assessment_supervised else "unsupervised", lang)
            )
        if module.assessment_id_verified is not None:
            key = "id_verified" if module.assessment_id_verified else "id_not_verified"
            parts.append(word(key, lang))
        texts.append((lang, ". ".join(p for p in parts if p) + "."))
    return typed_strings(site, texts)


def modes_of_delivery(participation: Iterable[str]) -> list[str]:
    modes = [MODES[p] for p in participation if p in MODES]
    return list(dict.fromkeys(modes))


def teaching_languages(module: Module) -> list[str]:
    return [ISO_639_2[lang] for lang in module.language if lang in ISO_639_2]


def _abbreviation(module: Module) -> str:
    return module.course_code or module.slug


def _page(site: SiteConfig, module: Module) -> str:
    return urls.absolute(site.base_url, urls.module_page(site.default_language, module.slug))


def course(module: Module, site: SiteConfig) -> dict[str, Any]:
    """The OOAPI v5 ``Course`` of a published module (v5/schemas/Course.yaml)."""
    languages = teaching_languages(module)
    result: dict[str, Any] = {
        "courseId": course_id(site, module),
        "primaryCode": {"codeType": "identifier", "code": _abbreviation(module)},
        "name": _text(site, module.title),
        "abbreviation": _abbreviation(module),
        "description": _text(site, module.description, plain=True) or _text(site, module.summary),
        "teachingLanguage": languages[0],
        "level": LEVELS[module.eqf_level],
        "link": _page(site, module),
    }
    if module.ec is not None:
        result["studyLoad"] = {"studyLoadUnit": "ects", "value": credits_value(module.ec)}
    elif module.hours is not None:
        result["studyLoad"] = {"studyLoadUnit": "hour", "value": module.hours}
    if modes := modes_of_delivery(module.participation):
        result["modeOfDelivery"] = modes
    if starts := sorted(o.start for o in module.offerings):
        result["firstStartDate"] = starts[0].isoformat()
    if module.field_of_study:
        result["fieldsOfStudy"] = module.field_of_study
    if outcomes := learning_outcomes(site, module.learning_outcomes):
        result["learningOutcomes"] = outcomes
    if prerequisites := _text(site, module.prerequisites):
        result["admissionRequirements"] = prerequisites
    if criteria := _text(site, module.criteria):
        result["qualificationRequirements"] = criteria
    if module.assessment_type:
        result["assessment"] = assessment(site, module)
    if consumer := rio_consumer(site, languages):
        result["consumers"] = [consumer]
    result["ext"] = course_ext(module, site)
    return result


def rio_consumer(site: SiteConfig, languages: list[str]) -> dict[str, Any] | None:
    """RIO's consumer object when site.yaml gives the RIO code of the education provider."""
    inst = site.institution
    if not (inst.identifier_type and inst.identifier):
        return None
    if inst.identifier_type.lower() not in RIO_IDENTIFIER_TYPES:
        return None
    code = inst.identifier
    if len(code) != RIO_CODE_LENGTH or code[3] != "A" or not (code[:3] + code[4:]).isdigit():
        return None
    consumer: dict[str, Any] = {"consumerKey": "rio", "educationOffererCode": code}
    if languages:
        consumer["teachingLanguages"] = languages[:3]
    return consumer


def course_ext(module: Module, site: SiteConfig) -> dict[str, Any]:
    """What a micro-credential states that OOAPI has no property for (docs/ooapi.md, ``ext``)."""
    ext: dict[str, Any] = {
        "microCredential": True,
        "slug": module.slug,
        "eqfLevel": module.eqf_level,
        "eqfLevelUri": EQF_URL.format(level=module.eqf_level),
        "participation": list(module.participation),
        "assessmentType": list(module.assessment_type),
        "teachingLanguages": teaching_languages(module),
        "qualityAssurance": {
            "name": _text(site, module.quality_assurance.name),
            **({"url": module.quality_assurance.url} if module.quality_assurance.url else {}),
        },
        "gradeAchievedRequired": module.grade_achieved_required,
        "achievement": {
            language_tag(lang): urls.absolute(site.base_url, urls.achievement(lang, module.slug))
            for lang in site.languages
        },
    }
    if module.nlqf_level:
        ext["nlqfLevel"] = module.nlqf_level
    if module.hours is not None:
        ext["hours"] = module.hours
    for key, value in (
        ("assessmentSupervised", module.assessment_supervised),
        ("assessmentIdVerified", module.assessment_id_verified),
        ("stackable", module.stackable),
    ):
        if value is not None:
            ext[key] = value
    if module.stacks_towards:
        ext["stacksTowards"] = _text(site, module.stacks_towards)
    if module.faculty:
        ext["faculty"] = _text(site, module.faculty)
    if module.validity.months is not None:
        ext["validityMonths"] = module.validity.months
    return ext


def course_offerings(module: Module, site: SiteConfig) -> list[dict[str, Any]]:
    """The module's offerings with an end date, first start first (v5/schemas/CourseOffering.yaml
    requires ``endDate``: an offering without one is left out, and the course keeps its start
    in ``firstStartDate``)."""
    ids = offering_ids(site, module)
    pairs = sorted(
        ((o, i) for o, i in zip(module.offerings, ids, strict=True) if o.end is not None),
        key=lambda pair: (pair[0].start, pair[1]),
    )
    return [_offering(module, site, o, i) for o, i in pairs]


def _offering(
    module: Module, site: SiteConfig, offering: Offering, offering_id: str
) -> dict[str, Any]:
    assert offering.end is not None, "course_offerings keeps offerings with an end date"
    languages = teaching_languages(module)
    result: dict[str, Any] = {
        "offeringId": offering_id,
        "primaryCode": {
            "codeType": "offeringCode",
            "code": f"{_abbreviation(module)}-{offering.start.isoformat()}",
        },
        "offeringType": "course",
        "name": _text(site, module.title),
        "abbreviation": _abbreviation(module),
        "description": _text(site, offering.note) or _text(site, module.summary),
        "teachingLanguage": languages[0],
        "resultExpected": True,
        "startDate": offering.start.isoformat(),
        "endDate": offering.end.isoformat(),
        "course": course_id(site, module),
        "link": offering.enrol_url or _page(site, module),
    }
    modes = modes_of_delivery([offering.mode] if offering.mode else module.participation)
    if modes:
        result["modeOfDelivery"] = modes
    if not module.grade_achieved_required:
        result["resultValueType"] = "pass-or-fail"
    if offering.price is not None:
        result["priceInformation"] = [
            {
                "costType": "total costs",
                "amount": format(offering.price, "f"),
                "currency": offering.currency,
            }
        ]
    if offering.location:
        result["addresses"] = [
            {
                "addressType": "teaching",
                "additional": typed_strings(
                    site, [(lang, offering.location) for lang in site.languages]
                ),
            }
        ]
    return result


def page(items: list[dict[str, Any]]) -> dict[str, Any]:
    """A whole collection as its one page: a static file answers every ``pageNumber`` and
    ``pageSize`` alike, so a page that promised a next one would send a consumer round in a
    loop over the same items (docs/ooapi.md, "What a static host cannot do")."""
    return {
        "pageSize": len(items),
        "pageNumber": 1,
        "hasPreviousPage": False,
        "hasNextPage": False,
        "totalPages": 1,
        "items": items,
    }


def service(site: SiteConfig) -> dict[str, Any] | None:
    """The service's metadata (v5/schemas/Service.yaml), or None when site.yaml gives no
    contact e-mail address, which the schema requires."""
    email = site.institution.email
    if not email:
        return None
    home = urls.absolute(site.base_url, urls.home(site.default_language))
    return {
        "contactEmail": email,
        "specification": SPECIFICATION,
        "documentation": site.institution.website or home,
        "ext": {"catalogue": home, "courses": "courses.json"},
    }


def sort_key(site: SiteConfig, module: Module) -> tuple[str, str]:
    """Courses are listed by name, as ``GET /courses`` orders them, in the default language."""
    return (pick(module.title, site, site.default_language).casefold(), module.slug)
