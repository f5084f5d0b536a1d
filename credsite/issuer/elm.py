"""An issued credential as an unsigned ELM v3 ``EuropeanDigitalCredential``, for Europass.

Europass accepts a European Digital Credential only when the awarding institution has sealed it
with its qualified eIDAS e-seal (the EDCI issuer does that, and adds the institution's eIDAS
legal identifier from the seal's certificate). credsite holds no such seal, so it prepares the
credential and the institution seals it; nothing here signs.

The learner, the dates, the title and the grade are read from the signed Open Badges
credential, as issued; the specification the achievement is ``specifiedBy`` is the module's
(credsite/catalogue/elm.py), embedded whole because Europass reads the credential alone. The
module is the current one: a module changed after the award shows its new text here, as its
published ``achievement.json`` does. docs/elm.md lists where each element goes.
"""

from __future__ import annotations

import base64
import uuid
from decimal import Decimal
from typing import Any

from credsite.base import urls
from credsite.base.errors import ConfigError
from credsite.catalogue.achievement import LANGUAGE_CODES_639_3
from credsite.catalogue.elm import (
    CONTEXTS,
    concept,
    country_concept,
    credit_point,
    language_concept,
    language_map,
    note,
)
from credsite.catalogue.model import SiteConfig

# The EDC application profile the credential follows, as the EDCI names it for its validator.
SHACL_PROFILE = "http://data.europa.eu/snb/model/ap/edc-generic-full"
GENERIC_PROFILE = "http://data.europa.eu/snb/credential/e34929035b"
PROFILE_SCHEME = "http://data.europa.eu/snb/credential/25831c2"
BASE64 = "http://data.europa.eu/snb/encoding/6146cde7dd"
ENCODING_SCHEME = "http://data.europa.eu/snb/encoding/25831c2"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type"
EMAIL_SCHEME = "Open Badges 3.0 identityHash of the e-mail address (sha256 of the address + salt)"

_ASSESSMENT = {"nl": "Toetsing", "en": "Assessment"}


def european_digital_credential(
    credential: dict[str, Any],
    specification: dict[str, Any],
    site: SiteConfig,
    badge_png: bytes,
) -> dict[str, Any]:
    """The unsigned ELM credential of one issued Open Badges credential.

    ``badge_png`` is the module's badge in the credential's language: ELM requires an image of
    the credential (``displayParameter``), and the badge is the one credsite draws."""
    facts = _facts(credential)
    lang = facts["lang"]
    issuer = organisation(site)
    claim: dict[str, Any] = {
        "id": f"{facts['id']}#achievement",
        "type": "LearningAchievement",
        "title": {lang: facts["name"]},
        "awardedBy": _awarding(issuer["id"], facts["issued"]),
        "specifiedBy": specification,
    }
    if facts["description"]:
        claim["description"] = {lang: facts["description"]}
    if isinstance(facts["credits"], int | float) and not isinstance(facts["credits"], bool):
        credits = Decimal(str(facts["credits"]))
        claim["creditReceived"] = [credit_point(f"{facts['id']}#credit", credits, site)]
    if facts["grade"] is not None:
        claim["provenBy"] = [_assessment(facts, issuer["id"])]
    edc: dict[str, Any] = {
        "@context": list(CONTEXTS),
        "id": credential_urn(facts["id"]),
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialProfiles": [
            concept(GENERIC_PROFILE, PROFILE_SCHEME, {"en": "Generic"}),
        ],
        "credentialSchema": {"id": SHACL_PROFILE, "type": "ShaclValidator2017"},
        "identifier": [
            {
                "id": f"{facts['id']}#identifier",
                "type": "Identifier",
                "notation": facts["id"],
                "schemeName": "Open Badges 3.0 credential",
            }
        ],
        "issuer": issuer,
        "issued": facts["issued"],
        "validFrom": facts["issued"],
    }
    if facts["until"]:
        edc["validUntil"] = facts["until"]
    edc["credentialSubject"] = _learner(facts, claim)
    edc["displayParameter"] = _display(facts, site, badge_png)
    return edc


def credential_urn(credential_id: str) -> str:
    """A stable identifier of the ELM credential, derived from the Open Badges one (the same
    credential exported twice has one id; the sealing tool may give it its own)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, credential_id + '#elm')}"


def organisation(site: SiteConfig) -> dict[str, Any]:
    """The awarding institution as an ELM ``Organisation`` (issuer and awarding body)."""
    inst = site.institution
    org_id = urls.did_web(site.canonical_url)
    org: dict[str, Any] = {
        "id": org_id,
        "type": "Organisation",
        "legalName": language_map(inst.name),
        "location": [
            {
                "id": f"{org_id}#location",
                "type": "Location",
                "address": [
                    {
                        "id": f"{org_id}#address",
                        "type": "Address",
                        "countryCode": country_concept(inst.country, site),
                    }
                ],
            }
        ],
        "homepage": [
            {
                "id": f"{org_id}#homepage",
                "type": "WebResource",
                "contentURL": inst.website or site.canonical_url,
            }
        ],
    }
    if inst.identifier and inst.identifier_type:
        org["identifier"] = [
            {
                "id": f"{org_id}#identifier",
                "type": "Identifier",
                "notation": inst.identifier,
                "schemeName": inst.identifier_type,
            }
        ]
    if inst.email:
        org["contactPoint"] = [
            {
                "id": f"{org_id}#contact",
                "type": "ContactPoint",
                "emailAddress": [{"id": f"mailto:{inst.email}", "type": "Mailbox"}],
            }
        ]
    return org


def _facts(credential: dict[str, Any]) -> dict[str, Any]:
    """What the ELM credential takes from the signed one; a credential credsite did not make
    (or one edited by hand) is refused with what is missing."""
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    if not isinstance(subject, dict) or not isinstance(achievement, dict):
        raise ConfigError("the credential has no credentialSubject.achievement")
    identities = subject.get("identifier")
    identities = identities if isinstance(identities, list) else []
    names = [i.get("identityHash") for i in identities if _is(i, "name", hashed=False)]
    emails = [i for i in identities if _is(i, "emailAddress", hashed=True)]
    facts = {
        "id": credential.get("id"),
        "name": credential.get("name") or achievement.get("name"),
        "description": credential.get("description"),
        "issued": credential.get("validFrom"),
        "until": credential.get("validUntil"),
        "lang": achievement.get("inLanguage"),
        "learner": names[0] if names else None,
        "email": emails[0] if emails else None,
        "grade": _grade(subject),
        "credits": subject.get("creditsEarned"),
    }
    missing = [key for key in ("id", "name", "issued", "lang", "learner") if not facts[key]]
    if facts["lang"] and facts["lang"] not in LANGUAGE_CODES_639_3:
        raise ConfigError(f"the credential's language {facts['lang']!r} is not one credsite knows")
    if missing:
        where = {
            "id": "id",
            "name": "name",
            "issued": "validFrom",
            "lang": "credentialSubject.achievement.inLanguage",
            "learner": "credentialSubject.identifier (identityType 'name')",
        }
        raise ConfigError(
            "the credential lacks " + ", ".join(where[key] for key in missing),
        )
    return facts


def _is(identity: Any, kind: str, hashed: bool) -> bool:
    return (
        isinstance(identity, dict)
        and identity.get("identityType") == kind
        and identity.get("hashed") is hashed
        and isinstance(identity.get("identityHash"), str)
    )


def _grade(subject: dict[str, Any]) -> str | None:
    results = subject.get("result")
    for result in results if isinstance(results, list) else []:
        if isinstance(result, dict) and isinstance(result.get("value"), str):
            return str(result["value"])
    return None


def _learner(facts: dict[str, Any], claim: dict[str, Any]) -> dict[str, Any]:
    """The learner as the Open Badges credential names them: the full name as written, and the
    salted hash of the e-mail address (the address itself is not in the credential)."""
    person: dict[str, Any] = {
        "id": f"{facts['id']}#learner",
        "type": "Person",
        "fullName": {facts["lang"]: facts["learner"]},
    }
    email = facts["email"]
    if email is not None:
        person["identifier"] = [
            {
                "id": f"{facts['id']}#learner-email",
                "type": "Identifier",
                "notation": email["identityHash"],
                "schemeName": f"{EMAIL_SCHEME}; salt {email.get('salt', '')}",
            }
        ]
    person["hasClaim"] = [claim]
    return person


def _awarding(body: str, date: str) -> dict[str, Any]:
    return {
        "id": f"{body}#awarding",
        "type": "AwardingProcess",
        "awardingBody": [{"id": body}],
        "awardingDate": date,
    }


def _assessment(facts: dict[str, Any], body: str) -> dict[str, Any]:
    """The grade: ELM keeps it on the assessment that proves the achievement."""
    lang = facts["lang"]
    return {
        "id": f"{facts['id']}#assessment",
        "type": "LearningAssessment",
        "title": {lang: _ASSESSMENT.get(lang, _ASSESSMENT["en"])},
        "grade": note(f"{facts['id']}#grade", {lang: facts["grade"]}),
        "awardedBy": _awarding(body, facts["issued"]),
    }


def _display(facts: dict[str, Any], site: SiteConfig, png: bytes) -> dict[str, Any]:
    """How a wallet shows the credential: its title and one page, the module's badge."""
    lang = facts["lang"]
    language = language_concept(lang, site)
    return {
        "id": f"{facts['id']}#display",
        "type": "DisplayParameter",
        "title": {lang: facts["name"]},
        "primaryLanguage": language,
        "language": [language],
        "individualDisplay": [
            {
                "id": f"{facts['id']}#display-{lang}",
                "type": "IndividualDisplay",
                "language": language,
                "displayDetail": [
                    {
                        "id": f"{facts['id']}#display-{lang}-1",
                        "type": "DisplayDetail",
                        "page": 1,
                        "image": {
                            "id": f"{facts['id']}#badge",
                            "type": "MediaObject",
                            "content": base64.b64encode(png).decode("ascii"),
                            "contentEncoding": concept(BASE64, ENCODING_SCHEME, {"en": "base64"}),
                            "contentType": concept(f"{FILE_TYPES}/PNG", FILE_TYPES, {"en": "PNG"}),
                        },
                    }
                ],
            }
        ],
    }
