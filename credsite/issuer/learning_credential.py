"""An issued credential as the EU Digital Identity Wallet's Learning Credential: an SD-JWT VC of
type ``urn:eu.europa.ec.eudi:learning:credential:1`` (eudi-web-verifier #203, eudi-srv-pid-issuer
#452 and its ``learningcredential`` encoder), for ``credsite export sd-jwt``.

The claims are read from the signed Open Badges credential as it is stored, not from the module
as it is now: the wallet's copy says what the learner was awarded, even when the module has
changed since. Which claims are selectively disclosable follows the EUDI reference issuer: the
learner's names, the grade and the module's details are; the issuer, the dates, the title, the
description and the language are always shown. docs/eu-wallet.md has the mapping and what is
left out.

The learner's name: credsite records one display name. The Learning Credential wants
``family_name`` (mandatory) and ``given_name`` (optional), and no rule splits a name reliably
("Anna Maria de Vries"), so the whole name goes in ``family_name`` and ``given_name`` is left
out, unless staff give both parts (``LearnerName.of``), which must spell the recorded name.

``export_credential`` is the operation behind the command: it finds the credential in the store,
refuses one that is withdrawn, and signs with the site's active key (``sd_jwt``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from credsite.base.errors import ConfigError, ContentError
from credsite.catalogue.config import load_config
from credsite.issuer.keys import load_registry, load_signing_key
from credsite.issuer.operations import find_credential
from credsite.issuer.sd_jwt import Signer, issue_sd_jwt, random_salt
from credsite.issuer.status import current_status, load_log, load_unpublished
from credsite.issuer.store import CACHE_DIR, StoredCredential, load_store
from credsite.standards.timestamps import parse_timestamp

VCT = "urn:eu.europa.ec.eudi:learning:credential:1"


@dataclass(frozen=True)
class LearnerName:
    """The learner's name as the Learning Credential splits it."""

    family: str
    given: str | None = None

    @classmethod
    def of(cls, recorded: str, given: str | None, family: str | None) -> LearnerName:
        """The recorded name whole, or split as staff say; ConfigError when only one part is
        given or the parts do not spell the name on the credential."""
        if given is None and family is None:
            return cls(recorded)
        if given is None or family is None:
            raise ConfigError("give both --given-name and --family-name, or neither")
        if " ".join(f"{given} {family}".split()) != " ".join(recorded.split()):
            raise ConfigError(
                f"--given-name {given!r} and --family-name {family!r} do not spell the name on "
                f"the credential, {recorded!r}"
            )
        return cls(family.strip(), given.strip())


class CredentialFacts:
    """The parts of a stored credential the mapping reads; ConfigError naming the file when
    one is missing (a credential credsite did not write)."""

    def __init__(self, credential: Mapping[str, Any], shown: str) -> None:
        self.credential, self.shown = credential, shown
        self.subject = _object(credential.get("credentialSubject"))
        self.achievement = _object(self.subject.get("achievement"))

    def text(self, where: Mapping[str, Any], name: str, pointer: str) -> str:
        value = where.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{self.shown}: {pointer} is missing; not a credential credsite issued"
            )
        return value

    def moment(self, name: str) -> datetime | None:
        if name not in self.credential:
            return None
        try:
            return parse_timestamp(str(self.credential[name]))
        except ValueError as error:
            raise ConfigError(f"{self.shown}: /{name} is not a date and time") from error

    def aligned(self, kind: str, field: str = "targetName") -> list[str]:
        """The ``field`` of every alignment of type ``ext:<kind>``, in order."""
        found = self.achievement.get("alignment")
        return [
            str(a[field])
            for a in (found if isinstance(found, list) else [])
            if isinstance(a, dict) and a.get("targetType") == f"ext:{kind}" and a.get(field)
        ]

    def recorded_name(self) -> str:
        identifiers = self.subject.get("identifier")
        for identity in identifiers if isinstance(identifiers, list) else []:
            if isinstance(identity, dict) and identity.get("identityType") == "name":
                return self.text(identity, "identityHash", "/credentialSubject/identifier (name)")
        raise ConfigError(f"{self.shown}: the credential names no learner")


def _day(moment: datetime) -> str:
    return moment.date().isoformat()


def learning_claims(
    reader: CredentialFacts, name: LearnerName
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the claims always shown, the selectively disclosable ones) of the Learning Credential."""
    return _plain(reader), _disclosable(reader, name)


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _plain(reader: CredentialFacts) -> dict[str, Any]:
    issued = reader.moment("validFrom")
    if issued is None:
        raise ConfigError(
            f"{reader.shown}: /validFrom is missing; not a credential credsite issued"
        )
    until = reader.moment("validUntil")
    issuer = _object(reader.credential.get("issuer"))
    plain: dict[str, Any] = {"vct": VCT, "iat": int(issued.timestamp())}
    plain["nbf"] = plain["iat"]
    if until is not None:
        plain["exp"] = int(until.timestamp())
    plain["issuing_authority"] = reader.text(issuer, "name", "/issuer/name")
    plain["issuing_country"] = reader.text(
        _object(issuer.get("address")), "addressCountryCode", "/issuer/address/addressCountryCode"
    )
    plain["date_of_issuance"] = _day(issued)
    if until is not None:
        plain["date_of_expiry"] = _day(until)
    achievement = reader.achievement
    plain["achievement_title"] = reader.text(
        achievement, "name", "/credentialSubject/achievement/name"
    )
    if isinstance(achievement.get("description"), str) and achievement["description"]:
        plain["achievement_description"] = achievement["description"]
    languages = reader.aligned("LanguageOfInstruction", "targetCode")
    if languages:
        plain["language_of_classes"] = ", ".join(languages)
    return plain


def _disclosable(reader: CredentialFacts, name: LearnerName) -> dict[str, Any]:
    claims: dict[str, Any] = {"family_name": name.family}
    if name.given is not None:
        claims["given_name"] = name.given
    outcomes = reader.aligned("LearningOutcome")
    if outcomes:
        claims["learning_outcomes"] = outcomes
    results = reader.subject.get("result")
    grades = [
        r.get("value")
        for r in (results if isinstance(results, list) else [])
        if isinstance(r, dict)
    ]
    if grades and isinstance(grades[0], str):
        claims["assessment_grade"] = grades[0]
    _put(claims, "expected_study_time", reader.aligned("StudyLoad"))
    levels = reader.aligned("EQFLevel", "targetCode")
    if levels and levels[0].isdigit():
        claims["level_of_learning_experience"] = int(levels[0])
    _put(claims, "form_of_participation", reader.aligned("ParticipationForm"), joined=True)
    qa = reader.aligned("QualityAssurance")
    if qa:
        claims["types_of_quality_assurance"] = qa
    prerequisites = reader.aligned("Prerequisites", "targetDescription")
    if prerequisites:
        claims["prerequisites_to_enroll"] = prerequisites
    stackability = reader.aligned("Stackability", "targetCode")
    if stackability:
        claims["integration_stackability_options"] = stackability[0] == "stackable"
    return claims


def _put(claims: dict[str, Any], name: str, values: list[str], joined: bool = False) -> None:
    if values:
        claims[name] = ", ".join(values) if joined else values[0]


# -- the operation behind ``credsite export sd-jwt`` ------------------------------------------


def export_sd_jwt(
    root: Path,
    base_url: str,
    credential: StoredCredential,
    name_parts: tuple[str | None, str | None] = (None, None),
    key_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The credential as a Learning Credential SD-JWT VC, signed with the site's active key.
    ConfigError for a credential that is revoked, suspended or taken down (the SD-JWT can carry
    no status a verifier could check: docs/eu-wallet.md); KeyFileError without the key."""
    _refuse_withdrawn(root, credential)
    reader = CredentialFacts(credential.document, credential.path)
    name = LearnerName.of(reader.recorded_name(), *name_parts)
    plain, disclosable = learning_claims(reader, name)
    registry, problems = load_registry(root)
    if any(p.is_error for p in problems):
        raise ContentError([p for p in problems if p.is_error])
    key = load_signing_key(root, base_url, registry, key_file, environ)
    return issue_sd_jwt(plain, disclosable, Signer.of(base_url, key.key_id), key, random_salt)


def _refuse_withdrawn(root: Path, credential: StoredCredential) -> None:
    events, problems = load_log(root)
    taken_down, more = load_unpublished(root)
    if any(p.is_error for p in problems + more):
        raise ContentError([p for p in problems + more if p.is_error])
    status = current_status(events).get(credential.token)
    if status in ("revoked", "suspended"):
        raise ConfigError(
            f"{credential.path} is {status}: a wallet's copy could not show that, so it is not "
            "exported"
        )
    if any(t.credential == credential.token for t in taken_down):
        raise ConfigError(f"{credential.path} was taken down (unpublish); it is not exported")


def export_credential(
    root: Path,
    reference: str,
    name_parts: tuple[str | None, str | None] = (None, None),
    key_file: Path | None = None,
) -> str:
    """``credsite export sd-jwt``: the stored credential ``reference`` names (its token, URL or
    a unique prefix) as a signed Learning Credential."""
    site, problems = load_config(root)
    if site is None or any(p.is_error for p in problems):
        raise ContentError([p for p in problems if p.is_error])
    store, stored_problems = load_store(root, root / CACHE_DIR)
    if stored_problems:
        raise ContentError(stored_problems)
    credential = find_credential(store, reference)
    return export_sd_jwt(root, site.canonical_url, credential, name_parts, key_file)
