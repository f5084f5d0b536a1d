"""The validated content model: what a module, a track and the site configuration hold.

Everything here is immutable and already checked, so later stages (the Open Badges mapping, the
pages) never need to second-guess their input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache


@dataclass(frozen=True)
class Text:
    """A text in one or more languages, as the author gave it.

    ``get`` falls back to another language when a translation is missing and says which language
    it returned, so pages can mark the fallback visibly and with a ``lang`` attribute.
    """

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, mapping: dict[str, str]) -> Text:
        return cls(tuple(sorted(mapping.items())))

    def get(self, lang: str, order: tuple[str, ...]) -> tuple[str, str]:
        found = dict(self.values)
        for candidate in (lang, *order):
            if found.get(candidate):
                return found[candidate], candidate
        return "", lang

    def languages(self) -> set[str]:
        return {lang for lang, value in self.values if value}


@dataclass(frozen=True)
class TextList:
    """A list of texts per language (learning outcomes, tags)."""

    values: tuple[tuple[str, tuple[str, ...]], ...]

    def get(self, lang: str, order: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
        found = dict(self.values)
        for candidate in (lang, *order):
            if found.get(candidate):
                return found[candidate], candidate
        return (), lang

    def languages(self) -> set[str]:
        return {lang for lang, items in self.values if items}


@dataclass(frozen=True)
class QualityAssurance:
    name: Text
    url: str | None
    description: Text | None


@dataclass(frozen=True)
class Offering:
    start: date
    end: date | None
    mode: str | None
    location: str | None
    price: Decimal | None
    currency: str
    enrol_url: str | None
    note: Text | None


@dataclass(frozen=True)
class Validity:
    """How long an issued credential stays valid; ``None`` months means indefinitely."""

    months: int | None = None

    @property
    def indefinite(self) -> bool:
        return self.months is None


@dataclass(frozen=True)
class Module:
    slug: str
    source: str
    status: str
    title: Text
    summary: Text
    description: Text
    learning_outcomes: TextList
    ec: Decimal | None
    hours: int | None
    eqf_level: int
    nlqf_level: str | None
    participation: tuple[str, ...]
    assessment_type: tuple[str, ...]
    assessment_supervised: bool | None
    assessment_id_verified: bool | None
    quality_assurance: QualityAssurance
    stackable: bool | None
    stacks_towards: Text | None
    prerequisites: Text | None
    grade_achieved_required: bool
    language: tuple[str, ...]
    field_of_study: str | None
    course_code: str | None
    faculty: Text | None
    tags: TextList | None
    image: str | None
    criteria: Text | None
    validity: Validity
    published_on: date | None
    updated_on: date | None
    offerings: tuple[Offering, ...]

    @property
    def is_published(self) -> bool:
        return self.status == "published"


@dataclass(frozen=True)
class Track:
    slug: str
    source: str
    status: str
    title: Text
    summary: Text
    description: Text
    modules: tuple[str, ...]
    stacks_towards: Text | None
    image: str | None
    published_on: date | None
    module_lines: tuple[int, ...] = ()  # where each module is named, for reference errors

    @property
    def is_published(self) -> bool:
        return self.status == "published"


@dataclass(frozen=True)
class Institution:
    name: Text
    country: str
    region: str | None
    identifier_type: str | None
    identifier: str | None
    website: str | None
    logo: str | None
    email: str | None
    phone: str | None
    contact_url: str | None


@dataclass(frozen=True)
class SiteConfig:
    source: str
    base_url: str  # where this build is published (site.yaml, or --base-url for a preview)
    canonical_url: str  # site.yaml's base_url: the issuer's identity (did:web) and credential URLs
    languages: tuple[str, ...]
    default_language: str
    institution: Institution
    quality_assurance: QualityAssurance
    linkedin_organization_id: str | None
    ec_minimum: Decimal
    intro: Text | None
    starting_soon_days: int = 90
    status_list_validity_days: int = 90  # how long a signed status list is valid (status.py)
    # Private mode (docs/publishing.md): credential and collection pages only in encrypted packs,
    # their links carrying the id in the URL fragment, which the browser never sends to the host.
    private: bool = False

    def language_order(self, lang: str) -> tuple[str, ...]:
        """The fallback order for a page in ``lang``: that language, the default, the rest."""
        return _language_order(self.languages, self.default_language, lang)


@cache
def _language_order(languages: tuple[str, ...], default: str, lang: str) -> tuple[str, ...]:
    rest = [other for other in languages if other not in (lang, default)]
    return (lang, default, *rest)


@dataclass(frozen=True)
class Content:
    """Everything loaded from the content folder, already validated."""

    site: SiteConfig
    modules: tuple[Module, ...] = field(default_factory=tuple)
    tracks: tuple[Track, ...] = field(default_factory=tuple)

    def published_modules(self) -> tuple[Module, ...]:
        return tuple(m for m in self.modules if m.is_published)

    def published_tracks(self) -> tuple[Track, ...]:
        return tuple(t for t in self.tracks if t.is_published)
