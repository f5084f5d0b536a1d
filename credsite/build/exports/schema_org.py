"""The schema.org ``Course`` of a module, as JSON-LD for search engines (Google's course rich
results): its offerings as ``CourseInstance`` and ``Offer``, and the credential it leads to.

It is embedded in each module page (templates/module.html), not written as a file of its own,
so it is not in the registry: ``pages.py`` calls ``course_json_ld`` for the page it plans.
"""

from __future__ import annotations

from typing import Any

from credsite.base import urls
from credsite.catalogue.achievement import pick
from credsite.catalogue.model import Module, SiteConfig
from credsite.catalogue.vocab import ISCED_F


def course_json_ld(module: Module, site: SiteConfig, lang: str) -> dict[str, Any]:
    """schema.org Course for search engines, with its offerings and the credential it leads to."""
    page = urls.absolute(site.base_url, urls.module_page(lang, module.slug))
    provider = {
        "@type": "CollegeOrUniversity",
        "name": pick(site.institution.name, site, lang),
        "url": site.institution.website or site.base_url,
    }
    course: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": page,
        "url": page,
        "name": pick(module.title, site, lang),
        "description": pick(module.summary, site, lang),
        "inLanguage": list(module.language),
        "provider": provider,
        "educationalLevel": f"EQF {module.eqf_level}",
        "teaches": list(module.learning_outcomes.get(lang, site.language_order(lang))[0]),
        "educationalCredentialAwarded": {
            "@type": "EducationalOccupationalCredential",
            "name": pick(module.title, site, lang),
            "credentialCategory": "Micro-credential",
            "url": urls.absolute(site.base_url, urls.achievement(lang, module.slug)),
            "recognizedBy": {
                "@type": "Organization",
                "name": pick(module.quality_assurance.name, site, lang),
            },
        },
    }
    if module.course_code:
        course["courseCode"] = module.course_code
    if module.ec is not None:
        course["numberOfCredits"] = {
            "@type": "StructuredValue",
            "value": float(module.ec),
            "unitText": "ECTS",
        }
    else:
        course["timeRequired"] = f"PT{module.hours}H"
    if module.prerequisites:
        course["coursePrerequisites"] = pick(module.prerequisites, site, lang)
    if module.field_of_study:
        course["about"] = ISCED_F[module.field_of_study][lang]
    instances, offers = [], []
    for offering in module.offerings:
        instance: dict[str, Any] = {
            "@type": "CourseInstance",
            "startDate": offering.start.isoformat(),
            "courseMode": offering.mode or module.participation[0],
        }
        if offering.end:
            instance["endDate"] = offering.end.isoformat()
        if offering.location:
            instance["location"] = {"@type": "Place", "name": offering.location}
        instances.append(instance)
        if offering.price is not None:
            offer = {
                "@type": "Offer",
                "price": format(offering.price, "f"),
                "priceCurrency": offering.currency,
                "category": "Paid" if offering.price else "Free",
            }
            if offering.enrol_url:
                offer["url"] = offering.enrol_url
            offers.append(offer)
    if instances:
        course["hasCourseInstance"] = instances
    if offers:
        course["offers"] = offers
    return course
