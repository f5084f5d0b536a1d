"""A module as an Open Badges 3.0 ``Achievement``: the definition issued credentials embed.

Every EU Annex I element and Edubadges micro-credential field is expressed with OB 3.0's own
properties (``creditsAvailable``, ``fieldOfStudy``, ``inLanguage``, ``resultDescription``) or as
an ``alignment`` with an ``ext:`` target type, so the credential needs only the standard
contexts and any verifier canonicalizes it in safe mode. docs/credential-mapping.md lists where
each element lives.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from credsite.base import urls
from credsite.catalogue.markup import plain_text
from credsite.catalogue.model import Module, SiteConfig, Text
from credsite.catalogue.vocab import (
    ASSESSMENT_TYPES,
    COUNTRIES,
    EQF_URL,
    ISCED_F,
    ISCED_F_URL,
    LANGUAGES,
    NLQF_LEVELS,
    PARTICIPATION,
)

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language/{code}"
NLQF_URL = "https://www.nlqf.nl/"

_WORDS: dict[str, dict[str, str]] = {
    "eqf": {"nl": "EQF-niveau {n}", "en": "EQF level {n}"},
    "eqf_framework": {
        "nl": "Europees Kwalificatiekader (EQF)",
        "en": "European Qualifications Framework (EQF)",
    },
    "nlqf_framework": {
        "nl": "Nederlands Kwalificatieraamwerk (NLQF)",
        "en": "Dutch Qualifications Framework (NLQF)",
    },
    "isced": {
        "nl": "ISCED-F 2013 studiegebieden",
        "en": "ISCED-F 2013 fields of education and training",
    },
    "hours": {"nl": "{n} uur studiebelasting", "en": "{n} hours of study"},
    "ec": {"nl": "{n} EC (ECTS-studiepunten)", "en": "{n} EC (ECTS credits)"},
    "supervised": {"nl": "Toetsing onder toezicht", "en": "Supervised assessment"},
    "unsupervised": {"nl": "Toetsing zonder toezicht", "en": "Unsupervised assessment"},
    "id_verified": {
        "nl": "Identiteit gecontroleerd bij de toetsing",
        "en": "Identity verified at assessment",
    },
    "id_not_verified": {
        "nl": "Identiteit niet gecontroleerd bij de toetsing",
        "en": "Identity not verified at assessment",
    },
    "stackable": {"nl": "Stapelbaar", "en": "Stackable"},
    "standalone": {"nl": "Zelfstandig (niet stapelbaar)", "en": "Stand-alone (not stackable)"},
    "prerequisites": {"nl": "Toelatingseisen", "en": "Prerequisites"},
    "grade": {"nl": "Behaald cijfer", "en": "Grade achieved"},
    "credential_description": {
        "nl": "{name} heeft de microcredential {title} behaald.",
        "en": "{name} has earned the micro-credential {title}.",
    },
    "evidence": {"nl": "Bewijs", "en": "Evidence"},
    "criteria": {
        "nl": "De deelnemer heeft de leeruitkomsten van deze module aangetoond in de toetsing: {types}.",
        "en": "The learner demonstrated the learning outcomes of this module in the assessment: {types}.",
    },
}


def word(key: str, lang: str, **values: Any) -> str:
    return _WORDS[key][lang].format(**values)


def pick(text: Text | None, site: SiteConfig, lang: str) -> str:
    """The text in ``lang``, or the best fallback; credentials carry no language marks."""
    if text is None:
        return ""
    return text.get(lang, site.language_order(lang))[0]


def issuer_profile(site: SiteConfig, lang: str) -> dict[str, Any]:
    """The awarding body as an OB ``Profile``: name, country (Annex I) and identifiers."""
    inst = site.institution
    profile: dict[str, Any] = {
        "id": urls.did_web(site.canonical_url),
        "type": ["Profile"],
        "name": pick(inst.name, site, lang),
        "url": inst.website or site.canonical_url,
    }
    if inst.email:
        profile["email"] = inst.email
    if inst.phone:
        profile["phone"] = inst.phone
    address: dict[str, Any] = {
        "type": ["Address"],
        "addressCountry": COUNTRIES[inst.country][lang],
        "addressCountryCode": inst.country,
    }
    if inst.region:
        address["addressRegion"] = inst.region
    profile["address"] = address
    if inst.identifier and inst.identifier_type:
        profile["otherIdentifier"] = [
            {
                "type": "IdentifierEntry",
                "identifier": inst.identifier,
                "identifierType": f"ext:{_ext_name(inst.identifier_type)}",
            }
        ]
    if inst.logo:
        profile["image"] = {"id": urls.absolute(site.canonical_url, inst.logo), "type": "Image"}
    return profile


def credits_value(ec: Decimal) -> int | float:
    """``creditsAvailable`` is an xsd:float; whole numbers stay integers so '3' reads as 3."""
    return int(ec) if ec == ec.to_integral() else float(ec)


def build_achievement(
    module: Module, site: SiteConfig, lang: str, image_url: str | None = None
) -> dict[str, Any]:
    """The Achievement for one language (credentials in that language embed it)."""
    page = urls.absolute(site.canonical_url, urls.module_page(lang, module.slug))
    achievement: dict[str, Any] = {
        "id": urls.absolute(site.canonical_url, urls.achievement(lang, module.slug)),
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": pick(module.title, site, lang),
        "description": pick(module.summary, site, lang),
        "criteria": {"id": f"{page}#criteria", "narrative": _criteria(module, site, lang)},
        "inLanguage": lang,
        "creator": issuer_profile(site, lang),
    }
    if image_url:
        achievement["image"] = {"id": image_url, "type": "Image", "caption": achievement["name"]}
    if module.ec is not None:
        achievement["creditsAvailable"] = credits_value(module.ec)
    if module.field_of_study:
        achievement["fieldOfStudy"] = ISCED_F[module.field_of_study][lang]
    if module.course_code:
        achievement["humanCode"] = module.course_code
    tags = module.tags.get(lang, site.language_order(lang))[0] if module.tags else ()
    if tags:
        achievement["tag"] = list(tags)
    if module.grade_achieved_required:
        achievement["resultDescription"] = [
            {
                "id": f"{page}#grade",
                "type": ["ResultDescription"],
                "name": word("grade", lang),
                "resultType": "Result",
            }
        ]
    achievement["alignment"] = alignments(module, site, lang, page)
    return achievement


def standalone(achievement: dict[str, Any]) -> dict[str, Any]:
    """The Achievement as a JSON-LD document of its own, for its stable URL."""
    return {"@context": list(CONTEXTS), **achievement}


def alignments(module: Module, site: SiteConfig, lang: str, page: str) -> list[dict[str, Any]]:
    """The Annex I elements OB 3.0 has no property for, as ``ext:`` alignments."""
    items = [_level(module, lang)]
    if module.nlqf_level:
        items.append(
            _align(
                "NLQFLevel",
                NLQF_LEVELS[module.nlqf_level][lang],
                NLQF_URL,
                code=module.nlqf_level,
                framework=word("nlqf_framework", lang),
            )
        )
    items.append(_study_load(module, lang, page))
    outcomes = module.learning_outcomes.get(lang, site.language_order(lang))[0]
    for number, outcome in enumerate(outcomes, start=1):
        items.append(
            _align(
                "LearningOutcome", outcome, f"{page}#learning-outcome-{number}", code=f"LO{number}"
            )
        )
    for code in module.assessment_type:
        items.append(
            _align("AssessmentType", ASSESSMENT_TYPES[code][lang], f"{page}#assessment", code=code)
        )
    if module.assessment_supervised is not None:
        key = "supervised" if module.assessment_supervised else "unsupervised"
        items.append(
            _align("AssessmentSupervision", word(key, lang), f"{page}#assessment", code=key)
        )
    if module.assessment_id_verified is not None:
        key = "id_verified" if module.assessment_id_verified else "id_not_verified"
        code = "verified" if module.assessment_id_verified else "not-verified"
        items.append(
            _align("IdentityVerification", word(key, lang), f"{page}#assessment", code=code)
        )
    for code in module.participation:
        items.append(
            _align(
                "ParticipationForm", PARTICIPATION[code][lang], f"{page}#participation", code=code
            )
        )
    qa = module.quality_assurance
    items.append(
        _align(
            "QualityAssurance",
            pick(qa.name, site, lang),
            qa.url or f"{page}#quality-assurance",
            description=pick(qa.description, site, lang) or None,
        )
    )
    if module.stackable is not None:
        key = "stackable" if module.stackable else "standalone"
        items.append(
            _align(
                "Stackability",
                word(key, lang),
                f"{page}#stackability",
                code="stackable" if module.stackable else "stand-alone",
                description=pick(module.stacks_towards, site, lang) or None,
            )
        )
    if module.prerequisites:
        items.append(
            _align(
                "Prerequisites",
                word("prerequisites", lang),
                f"{page}#prerequisites",
                description=pick(module.prerequisites, site, lang),
            )
        )
    for code in module.language:
        items.append(
            _align(
                "LanguageOfInstruction",
                LANGUAGES[code][lang],
                LANGUAGE_AUTHORITY.format(code=LANGUAGE_CODES_639_3[code]),
                code=code,
            )
        )
    if module.field_of_study:
        items.append(
            _align(
                "ISCEDF",
                ISCED_F[module.field_of_study][lang],
                ISCED_F_URL.format(code=module.field_of_study),
                code=module.field_of_study,
                framework=word("isced", lang),
            )
        )
    return items


def _level(module: Module, lang: str) -> dict[str, Any]:
    return _align(
        "EQFLevel",
        word("eqf", lang, n=module.eqf_level),
        EQF_URL.format(level=module.eqf_level),
        code=str(module.eqf_level),
        framework=word("eqf_framework", lang),
    )


def _study_load(module: Module, lang: str, page: str) -> dict[str, Any]:
    if module.ec is not None:
        amount = format(module.ec.normalize(), "f")
        name = word("ec", lang, n=amount.replace(".", ",") if lang == "nl" else amount)
        return _align("StudyLoad", name, f"{page}#study-load", code=f"{amount} EC")
    return _align(
        "StudyLoad",
        word("hours", lang, n=module.hours),
        f"{page}#study-load",
        code=f"{module.hours} h",
    )


def _align(
    kind: str,
    name: str,
    url: str,
    code: str | None = None,
    framework: str | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    alignment: dict[str, Any] = {
        "type": ["Alignment"],
        "targetType": f"ext:{kind}",
        "targetName": name,
        "targetUrl": url,
    }
    if code is not None:
        alignment["targetCode"] = code
    if framework is not None:
        alignment["targetFramework"] = framework
    if description:
        alignment["targetDescription"] = description
    return alignment


def _ext_name(label: str) -> str:
    """``ext:`` names allow letters, digits, '.', '-' and '_' (the OB schema's pattern)."""
    return "".join(c for c in label if c.isalnum() or c in ".-_") or "Identifier"


def _criteria(module: Module, site: SiteConfig, lang: str) -> str:
    if module.criteria:
        return pick(module.criteria, site, lang)
    types = ", ".join(ASSESSMENT_TYPES[code][lang].lower() for code in module.assessment_type)
    return word("criteria", lang, types=types)


# ISO 639-3 codes of the languages in vocab.LANGUAGES, for the EU language authority URLs.
LANGUAGE_CODES_639_3 = {
    "ar": "ARA", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG", "es": "SPA",
    "fi": "FIN", "fr": "FRA", "fy": "FRY", "hu": "HUN", "it": "ITA", "ja": "JPN", "ko": "KOR",
    "nl": "NLD", "no": "NOR", "pap": "PAP", "pl": "POL", "pt": "POR", "ro": "RON", "ru": "RUS",
    "sv": "SWE", "tr": "TUR", "uk": "UKR", "zh": "ZHO",
}  # fmt: skip


def achievement_text(module: Module, site: SiteConfig, lang: str) -> str:
    """The module description as plain text (used where HTML is not allowed)."""
    return plain_text(pick(module.description, site, lang))
