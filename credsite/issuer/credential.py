"""An issued micro-credential as an Open Badges 3.0 ``OpenBadgeCredential`` (VC Data Model 2.0).

Pure functions: the caller supplies the random parts (identifier, salt, status index) and the
time, so a credential can be rebuilt exactly in tests. docs/credential-mapping.md lists where each
EU Annex I element and micro-credential field lives.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from credsite.base import urls
from credsite.catalogue.achievement import (
    CONTEXTS,
    build_achievement,
    credits_value,
    issuer_profile,
    pick,
    word,
)
from credsite.catalogue.model import Module, SiteConfig
from credsite.standards.timestamps import format_timestamp

TOKEN_BYTES = 20  # 160 random bits: pages are unguessable (OWASP asks for at least 64)
SALT_BYTES = 16


@dataclass(frozen=True)
class Recipient:
    """One learner from the results CSV, already validated."""

    name: str
    email: str  # normalised with normalise_email
    language: str
    grade: str | None = None
    evidence_url: str | None = None
    narrative: str | None = None


@dataclass(frozen=True)
class StatusEntry:
    list_url: str
    index: int
    purpose: str = "revocation"

    def as_json(self) -> dict[str, str]:
        return {
            "id": f"{self.list_url}#{self.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": self.purpose,
            "statusListIndex": str(self.index),
            "statusListCredential": self.list_url,
        }


def new_token() -> str:
    """The unguessable part of a credential's URL: 160 random bits, lower-case base32."""
    return b32encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii").lower().rstrip("=")


def new_salt() -> str:
    return secrets.token_hex(SALT_BYTES)


def normalise_email(email: str) -> str:
    """The form an e-mail address is hashed in (Open Badges defines none, so we document ours):
    Unicode NFC, surrounding white space removed, lower-cased. A verifier who knows the address
    applies the same rule before hashing."""
    return unicodedata.normalize("NFC", email).strip().lower()


def hash_identity(value: str, salt: str) -> str:
    """OB 3.0 IdentityHash: ``sha256$`` + hex SHA-256 of the value followed by the salt."""
    return "sha256$" + hashlib.sha256((value + salt).encode("utf-8")).hexdigest()


def credential_url(site: SiteConfig, token: str) -> str:
    return urls.absolute(site.canonical_url, urls.credential_page(token))


def build_credential(
    module: Module,
    site: SiteConfig,
    recipient: Recipient,
    token: str,
    salt: str,
    issued: datetime,
    status: StatusEntry,
    image_url: str | None = None,
) -> dict[str, Any]:
    """The unsigned credential. ``issued`` is the award moment (``validFrom``)."""
    lang = recipient.language
    achievement = build_achievement(module, site, lang, image_url)
    # The issuer's profile is in `issuer`; a full copy in `creator` would be the same RDF node, so
    # a field removed from one copy would leave the signature valid. Only the reference stays.
    achievement["creator"] = {"id": achievement["creator"]["id"], "type": ["Profile"]}
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": recipient.name,
                "identityType": "name",
                "hashed": False,
            },
            {
                "type": "IdentityObject",
                "identityHash": hash_identity(recipient.email, salt),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            },
        ],
        "achievement": achievement,
    }
    if module.ec is not None:
        subject["creditsEarned"] = credits_value(module.ec)
    if recipient.grade is not None:
        subject["result"] = [
            {
                "type": ["Result"],
                "resultDescription": achievement["resultDescription"][0]["id"],
                "value": recipient.grade,
            }
        ]
    if recipient.narrative:
        subject["narrative"] = recipient.narrative
    credential: dict[str, Any] = {
        "@context": list(CONTEXTS),
        "id": credential_url(site, token),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": pick(module.title, site, lang),
        "description": word(
            "credential_description",
            lang,
            name=recipient.name,
            title=pick(module.title, site, lang),
        ),
        "issuer": issuer_profile(site, lang),
        "validFrom": format_timestamp(issued),
    }
    if module.validity.months is not None:
        credential["validUntil"] = format_timestamp(add_months(issued, module.validity.months))
    if image_url:  # the caption is in the achievement's copy of the same image (see creator)
        credential["image"] = {"id": image_url, "type": "Image"}
    credential["credentialSubject"] = subject
    if recipient.evidence_url:
        credential["evidence"] = [
            {"id": recipient.evidence_url, "type": ["Evidence"], "name": word("evidence", lang)}
        ]
    credential["credentialStatus"] = status.as_json()
    return credential


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar months later; the 31st becomes the last day of a shorter month."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))
