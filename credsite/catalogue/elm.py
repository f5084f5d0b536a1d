"""A module as a European Learning Model (ELM v3) specification, the form Europass reads.

ELM describes what a learner achieves with a ``LearningAchievementSpecification``; its subclass
``Qualification`` is the one that carries an EQF level, and Europass's own Annex I
micro-credential sample uses it, so each module is a ``Qualification``. Every text is a language
map with only the languages the author wrote (ELM keeps the language of each text, unlike the
Open Badges credential, which falls back silently). Controlled values are ELM ``Concept``s from
the EU vocabularies (EQF, ISCED-F, the EU language and country authorities, the ECTS credit
framework, the mode of learning). docs/elm.md lists what has no place in ELM and is left out.

Pure functions: the build writes the result (credsite/build/exports/elm.py) and
``credsite export elm`` embeds it in a credential (credsite/issuer/elm.py).
"""

from __future__ import annotations

from typing import Any

from credsite.base import urls
from credsite.catalogue.achievement import LANGUAGE_CODES_639_3, credits_value
from credsite.catalogue.model import Module, SiteConfig, Text, TextList
from credsite.catalogue.vocab import COUNTRIES, EQF_URL, ISCED_F, ISCED_F_URL, LANGUAGES, Labels

# The contexts of an ELM v3 document: VC 1.1, then the EDC application profile's (a copy with
# its source is in credsite/data/elm/).
CONTEXTS = [
    "https://www.w3.org/2018/credentials/v1",
    "http://data.europa.eu/snb/model/context/edc-ap",
]

# Concept schemes of the EU vocabularies, as ELM's own samples write them.
EQF_SCHEME = "http://data.europa.eu/snb/eqf/25831c2"
ISCED_F_SCHEME = "http://data.europa.eu/snb/isced-f/25831c2"
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language"
COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country"
CREDIT_SCHEME = "http://data.europa.eu/snb/education-credit/25831c2"
ECTS = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
MODE_SCHEME = "http://data.europa.eu/snb/learning-assessment/25831c2"

# Participation forms with a concept in ELM's mode of learning and assessment. "onsite" and
# "work_experience" have concepts there too, but their identifiers were not in any source we
# could read, and a guessed IRI would be worse than none (docs/elm.md).
MODES: dict[str, str] = {
    "online": "http://data.europa.eu/snb/learning-assessment/920fbb3cbe",
    "blended": "http://data.europa.eu/snb/learning-assessment/e92d221e4d",
}
_MODE_LABELS: Labels = {
    "online": {"en": "Online", "nl": "Online"},
    "blended": {"en": "Blended", "nl": "Blended"},
}
_ECTS_LABELS = {"en": "European Credit Transfer System", "nl": "European Credit Transfer System"}
_EQF_LABELS = {"en": "Level {n}", "nl": "Niveau {n}"}

# ISO 3166-1 alpha-3 codes of the countries in vocab.COUNTRIES, for the EU country authority.
COUNTRY_CODES_ALPHA_3 = {
    "AT": "AUT", "AW": "ABW", "BE": "BEL", "BG": "BGR", "BQ": "BES", "CH": "CHE", "CW": "CUW",
    "CY": "CYP", "CZ": "CZE", "DE": "DEU", "DK": "DNK", "EE": "EST", "ES": "ESP", "FI": "FIN",
    "FR": "FRA", "GB": "GBR", "GR": "GRC", "HR": "HRV", "HU": "HUN", "IE": "IRL", "IS": "ISL",
    "IT": "ITA", "LI": "LIE", "LT": "LTU", "LU": "LUX", "LV": "LVA", "MT": "MLT", "NL": "NLD",
    "NO": "NOR", "PL": "POL", "PT": "PRT", "RO": "ROU", "SE": "SWE", "SI": "SVN", "SK": "SVK",
    "SX": "SXM",
}  # fmt: skip


def specification_id(module: Module, site: SiteConfig) -> str:
    """The specification's stable URL, which is also its identifier (credentials name it)."""
    return urls.absolute(site.canonical_url, urls.elm_specification(module.slug))


def standalone_specification(module: Module, site: SiteConfig) -> dict[str, Any]:
    """The specification as a JSON-LD document of its own, for its stable URL."""
    return {"@context": list(CONTEXTS), **specification(module, site)}


def specification(module: Module, site: SiteConfig) -> dict[str, Any]:
    """The module as an ELM ``Qualification`` (a ``LearningAchievementSpecification``).

    The long description is left out: it is Markdown, made plain text only at a cost a
    national build would pay on every plan, and the module page (``homepage``) shows it."""
    spec_id = specification_id(module, site)
    spec: dict[str, Any] = {
        "id": spec_id,
        "type": "Qualification",
        "title": language_map(module.title),
        "description": language_map(module.summary),
    }
    spec["homepage"] = [
        {
            "id": f"{spec_id}#page-{lang}",
            "type": "WebResource",
            "contentURL": urls.absolute(site.canonical_url, urls.module_page(lang, module.slug)),
            "language": language_concept(lang, site),
        }
        for lang in site.languages
    ]
    if outcomes := learning_outcomes(module.learning_outcomes, spec_id):
        spec["learningOutcome"] = outcomes
    if module.ec is not None:
        spec["creditPoint"] = [credit_point(f"{spec_id}#credit", module.ec, site)]
    if module.hours is not None:
        spec["volumeOfLearning"] = f"PT{module.hours}H"
    spec["eqfLevel"] = eqf_concept(module.eqf_level, site)
    if module.field_of_study:
        code = module.field_of_study
        spec["thematicArea"] = [
            concept(ISCED_F_URL.format(code=code), ISCED_F_SCHEME, labels(ISCED_F[code], site))
        ]
    spec["language"] = [language_concept(code, site) for code in module.language]
    modes = [code for code in module.participation if code in MODES]
    if modes:
        spec["mode"] = [
            concept(MODES[code], MODE_SCHEME, labels(_MODE_LABELS[code], site)) for code in modes
        ]
    if module.prerequisites:
        spec["entryRequirement"] = note(
            f"{spec_id}#prerequisites", language_map(module.prerequisites)
        )
    return spec


def language_map(text: Text | None) -> dict[str, str]:
    """Every language the author wrote, by language tag: ELM's texts are language maps."""
    return {lang: value for lang, value in text.values if value} if text else {}


def learning_outcomes(outcomes: TextList, spec_id: str) -> list[dict[str, Any]]:
    """One ``LearningOutcome`` per outcome, its translations paired by position (the module
    file lists them in the same order in each language)."""
    found = {lang: items for lang, items in outcomes.values if items}
    count = max((len(items) for items in found.values()), default=0)
    return [
        {
            "id": f"{spec_id}#learning-outcome-{number + 1}",
            "type": "LearningOutcome",
            "title": {lang: items[number] for lang, items in found.items() if number < len(items)},
        }
        for number in range(count)
    ]


def note(node_id: str, texts: dict[str, str]) -> dict[str, Any]:
    return {"id": node_id, "type": "Note", "noteLiteral": texts}


def credit_point(node_id: str, ec: Any, site: SiteConfig) -> dict[str, Any]:
    """ECTS credits; ELM writes the number as a string."""
    return {
        "id": node_id,
        "type": "CreditPoint",
        "framework": concept(ECTS, CREDIT_SCHEME, labels(_ECTS_LABELS, site)),
        "point": str(credits_value(ec)),
    }


def eqf_concept(level: int, site: SiteConfig) -> dict[str, Any]:
    names = {lang: label.format(n=level) for lang, label in _EQF_LABELS.items()}
    return concept(EQF_URL.format(level=level), EQF_SCHEME, labels(names, site))


def language_concept(code: str, site: SiteConfig) -> dict[str, Any]:
    """A language of the EU language authority (ISO 639-3 codes, upper case)."""
    return concept(
        f"{LANGUAGE_AUTHORITY}/{LANGUAGE_CODES_639_3[code]}",
        LANGUAGE_AUTHORITY,
        labels(LANGUAGES[code], site),
    )


def country_concept(code: str, site: SiteConfig) -> dict[str, Any]:
    """A country of the EU country authority (ISO 3166-1 alpha-3 codes)."""
    return concept(
        f"{COUNTRY_AUTHORITY}/{COUNTRY_CODES_ALPHA_3[code]}",
        COUNTRY_AUTHORITY,
        labels(COUNTRIES[code], site),
    )


def concept(iri: str, scheme: str, names: dict[str, str]) -> dict[str, Any]:
    """A SKOS concept as ELM writes one: its IRI, its scheme and its labels."""
    return {
        "id": iri,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
        "prefLabel": names,
    }


def labels(names: dict[str, str], site: SiteConfig) -> dict[str, str]:
    """A vocabulary's labels in the site's languages (English when it has none of them)."""
    chosen = {lang: names[lang] for lang in site.languages if lang in names}
    return chosen or {"en": names["en"]}
