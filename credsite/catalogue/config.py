"""Loading ``site.yaml``: the site's address, languages, institution and defaults."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from credsite.base.errors import Diagnostic
from credsite.base.sourcefile import LineDict, parse_yaml, read_text
from credsite.catalogue.fields import KNOWN_LANGUAGES, Checker, did_you_mean
from credsite.catalogue.images import checked_image
from credsite.catalogue.model import Institution, QualityAssurance, SiteConfig, Text
from credsite.catalogue.vocab import COUNTRIES

SUPPORTED_LANGUAGES = KNOWN_LANGUAGES
CONFIG_FILE = "site.yaml"
# The logo is a theme file (docs/theming.md) or a content image; nothing else is published.
LOGO_FOLDERS = ("assets", "content/images")

# The national framework Dutch micro-credentials are issued under (PRODUCT.md); used when
# site.yaml names no quality assurance of its own.
NATIONAL_FRAMEWORK = QualityAssurance(
    name=Text.of(
        {
            "nl": "Kwaliteitskader Microcredentials voor Professionals HBO en WO",
            "en": "Quality Framework for Micro-credentials for Professionals "
            "(Dutch universities and universities of applied sciences)",
        }
    ),
    url="https://npuls.nl/pilot-microcredentials/",
    description=Text.of(
        {
            "nl": "De instelling is geaccrediteerd door de NVAO en toetst haar microcredentials "
            "aan het landelijke kwaliteitskader voor microcredentials.",
            "en": "The institution is accredited by the NVAO (Accreditation Organisation of the "
            "Netherlands and Flanders) and assures its micro-credentials against the national "
            "quality framework for micro-credentials.",
        }
    ),
)

# A signed status list is valid this long (status.py): an older copy of it can be served to hide
# a later revocation for at most this long, and the lists must be signed again before it ends.
DEFAULT_LIST_VALIDITY_DAYS = 90
MAX_LIST_VALIDITY_DAYS = 366

_TOP_KEYS = (
    "base_url",
    "languages",
    "default_language",
    "institution",
    "quality_assurance",
    "linkedin_organization_id",
    "ec_minimum",
    "intro",
    "starting_soon_days",
    "status_list_validity_days",
    "private",
)
_INSTITUTION_KEYS = (
    "name",
    "country",
    "region",
    "identifier",
    "website",
    "logo",
    "contact",
)
_CONTACT_KEYS = ("email", "phone", "url")
_IDENTIFIER_KEYS = ("type", "value")
_QA_KEYS = ("name", "url", "description")


def load_config(
    root: Path, base_url_override: str | None = None, private_override: bool = False
) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """Read and validate ``site.yaml``; returns the config (None on errors) and all diagnostics.
    ``private_override`` (``build --private``) makes the site private whatever site.yaml says."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return None, [
            Diagnostic(
                CONFIG_FILE, None, "", "not found (every site needs a site.yaml at its root)"
            )
        ]
    text, problem = read_text(path, CONFIG_FILE)
    if problem:
        return None, [problem]
    parsed = parse_yaml(text or "", CONFIG_FILE)
    if parsed.data is None and not parsed.diagnostics:
        return None, [Diagnostic(CONFIG_FILE, 1, "", "is empty (see README: site.yaml)")]
    if parsed.diagnostics and parsed.data is None:
        return None, list(parsed.diagnostics)
    checker = Checker(CONFIG_FILE, SUPPORTED_LANGUAGES, "nl")
    checker.diagnostics.extend(parsed.diagnostics)
    data = checker.mapping(parsed.data, "", 1)
    if data is None:
        return None, checker.diagnostics
    config = _read_config(checker, data, root, base_url_override)
    if config is not None and private_override:
        config = replace(config, private=True)
    return (None if checker.has_errors else config), checker.diagnostics


def _read_config(
    checker: Checker, data: LineDict, root: Path, base_url_override: str | None
) -> SiteConfig | None:
    checker.known_keys(data, _TOP_KEYS)
    languages = _languages(checker, data)
    default = (
        checker.choice(data, "default_language", "default_language", languages) or languages[0]
    )
    checker.languages, checker.default_language = languages, default
    canonical_url = _base_url(checker, data, None)
    base_url = _base_url(checker, data, base_url_override) if base_url_override else canonical_url
    institution = _institution(checker, data, root)
    qa = read_quality_assurance(checker, data, "quality_assurance") or NATIONAL_FRAMEWORK
    linkedin = checker.string(data, "linkedin_organization_id", "linkedin_organization_id")
    if linkedin is not None and not linkedin.isdigit():
        checker.error(
            data.line_of("linkedin_organization_id"),
            "linkedin_organization_id",
            f"'{linkedin}' is not a LinkedIn organisation id (the digits in the company page's admin URL)",
        )
    ec_minimum = checker.decimal(data, "ec_minimum", "ec_minimum")
    if ec_minimum is not None and not (
        Decimal(1) <= ec_minimum <= Decimal(3) and (ec_minimum * 2) % 1 == 0
    ):
        checker.error(
            data.line_of("ec_minimum"),
            "ec_minimum",
            f"'{ec_minimum}' is not allowed (1 to 3 in steps of 0.5)",
        )
    soon = checker.integer(data, "starting_soon_days", "starting_soon_days", 1, 365)
    list_days = checker.integer(
        data, "status_list_validity_days", "status_list_validity_days", 1, MAX_LIST_VALIDITY_DAYS
    )
    intro = checker.text(data, "intro", "intro")
    private = checker.boolean(data, "private", "private")
    if checker.has_errors or base_url is None or canonical_url is None or institution is None:
        return None
    return SiteConfig(
        source=CONFIG_FILE,
        base_url=base_url,
        canonical_url=canonical_url,
        languages=languages,
        default_language=default,
        institution=institution,
        quality_assurance=qa,
        linkedin_organization_id=linkedin,
        ec_minimum=ec_minimum if ec_minimum is not None else Decimal(3),
        intro=intro,
        starting_soon_days=soon or 90,
        status_list_validity_days=list_days or DEFAULT_LIST_VALIDITY_DAYS,
        private=bool(private),
    )


def _languages(checker: Checker, data: LineDict) -> tuple[str, ...]:
    if data.get("languages") is None:
        return SUPPORTED_LANGUAGES
    errors_before = len(checker.diagnostics)
    languages = checker.choices(data, "languages", "languages", SUPPORTED_LANGUAGES)
    if len(checker.diagnostics) > errors_before:
        return SUPPORTED_LANGUAGES  # go on checking against both, so one typo gives one error
    return languages or SUPPORTED_LANGUAGES


def _base_url(checker: Checker, data: LineDict, override: str | None) -> str | None:
    if override is not None:
        value, line = override, None
    else:
        if not checker.required(
            data,
            "base_url",
            "base_url",
            "the address the site is published at, e.g. https://microcredentials.example.nl/",
        ):
            return None
        value, line = str(data["base_url"]).strip(), data.line_of("base_url")
    return normalise_base_url(checker, value, line)


def normalise_base_url(checker: Checker, value: str, line: int | None) -> str | None:
    """Base URLs end in '/', use https (http only for a local preview) and carry no query."""
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    local = parts.hostname in ("localhost", "127.0.0.1")
    if (
        parts.scheme not in ("https", "http")
        or not parts.netloc
        or (parts.scheme == "http" and not local)
    ):
        checker.error(
            line,
            "base_url",
            f"'{value}' is not allowed (an https:// address; http:// only for localhost)",
        )
        return None
    if parts.query or parts.fragment:
        checker.error(line, "base_url", f"'{value}' must not have a query or fragment")
        return None
    # Host names are case-insensitive, and the did:web identifier is derived from this one.
    value = parts._replace(netloc=parts.netloc.lower()).geturl()
    return value if value.endswith("/") else value + "/"


def _institution(checker: Checker, data: LineDict, root: Path) -> Institution | None:
    if not checker.required(
        data,
        "institution",
        "institution",
        "name, country, website and contact of the awarding body",
    ):
        return None
    inst = checker.mapping(data["institution"], "institution", data.line_of("institution"))
    if inst is None:
        return None
    checker.known_keys(inst, _INSTITUTION_KEYS, "institution.")
    checker.required(inst, "name", "institution.name", "the awarding body's name, per language")
    name = checker.text(inst, "name", "institution.name", max_length=200)
    checker.required(inst, "country", "institution.country", "ISO 3166 country code, e.g. NL")
    country = inst.get("country")
    if country is not None and str(country) not in COUNTRIES:
        hint = did_you_mean(str(country).upper(), COUNTRIES)
        checker.error(
            inst.line_of("country"),
            "institution.country",
            f"'{country}' is not a known ISO 3166 country code (e.g. NL, BE, DE){hint}",
        )
    id_type = id_value = None
    if inst.get("identifier") is not None:
        ident = checker.mapping(
            inst["identifier"], "institution.identifier", inst.line_of("identifier")
        )
        if ident is not None:
            checker.known_keys(ident, _IDENTIFIER_KEYS, "institution.identifier.")
            id_type = checker.string(ident, "type", "institution.identifier.type", max_length=40)
            id_value = checker.string(
                ident, "value", "institution.identifier.value", max_length=100
            )
            if bool(id_type) != bool(id_value):
                checker.error(
                    ident.line,
                    "institution.identifier",
                    "needs both type and value (e.g. type: BRIN, value: 99XX)",
                )
    email = phone = contact_url = None
    if inst.get("contact") is not None:
        contact = checker.mapping(inst["contact"], "institution.contact", inst.line_of("contact"))
        if contact is not None:
            checker.known_keys(contact, _CONTACT_KEYS, "institution.contact.")
            email = checker.email(contact, "email", "institution.contact.email")
            phone = checker.string(contact, "phone", "institution.contact.phone", max_length=40)
            contact_url = checker.url(contact, "url", "institution.contact.url")
    logo = checked_image(
        checker,
        root,
        inst,
        "logo",
        "institution.logo",
        base="",
        folders=LOGO_FOLDERS,
        hint="a path relative to the site's root folder",
    )
    if name is None or country is None:
        return None
    return Institution(
        name=name,
        country=str(country),
        region=checker.string(inst, "region", "institution.region", max_length=100),
        identifier_type=id_type,
        identifier=id_value,
        website=checker.url(inst, "website", "institution.website"),
        logo=logo,
        email=email,
        phone=phone,
        contact_url=contact_url,
    )


def read_quality_assurance(
    checker: Checker, data: LineDict, key: str, prefix: str = ""
) -> QualityAssurance | None:
    """The quality-assurance statement, in site.yaml or overriding it in a module."""
    if data.get(key) is None:
        return None
    field = f"{prefix}{key}"
    qa = checker.mapping(data[key], field, data.line_of(key))
    if qa is None:
        return None
    checker.known_keys(qa, _QA_KEYS, f"{field}.")
    checker.required(
        qa,
        "name",
        f"{field}.name",
        "the name of the quality assurance, e.g. the NVAO accreditation",
    )
    name = checker.text(qa, "name", f"{field}.name", max_length=300)
    url = checker.url(qa, "url", f"{field}.url")
    description = checker.text(qa, "description", f"{field}.description", max_length=2000)
    return QualityAssurance(name, url, description) if name else None
