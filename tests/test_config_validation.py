"""site.yaml: every rule, failing with its exact message, and the defaults when fields are left out."""

from __future__ import annotations

import pytest

from credsite.catalogue.config import NATIONAL_FRAMEWORK
from credsite.catalogue.content import load_content

from .conftest import SITE_YAML, SiteFolder


def problems(site: SiteFolder, text: str) -> list[str]:
    site.write("site.yaml", text)
    return [str(d) for d in load_content(site.root).diagnostics]


def test_defaults(site: SiteFolder) -> None:
    config = load_content(site.root).content.site
    assert config.languages == ("nl", "en")
    assert config.default_language == "nl"
    assert config.quality_assurance == NATIONAL_FRAMEWORK
    assert str(config.ec_minimum) == "3"
    assert config.base_url == "https://mc.example.org/"


def test_base_url_gets_a_trailing_slash(site: SiteFolder) -> None:
    assert (
        problems(site, SITE_YAML.replace("https://mc.example.org/", "https://example.org/mc")) == []
    )
    assert load_content(site.root).content.site.base_url == "https://example.org/mc/"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "base_url: https://mc.example.org/\n",
            "",
            [
                "site.yaml:1: base_url: missing (the address the site is published at, e.g. https://microcredentials.example.nl/)"
            ],
        ),
        (
            "https://mc.example.org/",
            "http://mc.example.org/",
            [
                "site.yaml:1: base_url: 'http://mc.example.org/' is not allowed (an https:// address; http:// only for localhost)"
            ],
        ),
        (
            "https://mc.example.org/",
            "https://mc.example.org/?x=1",
            [
                "site.yaml:1: base_url: 'https://mc.example.org/?x=1' must not have a query or fragment"
            ],
        ),
        (
            "country: NL",
            "country: XX",
            [
                "site.yaml:4: institution.country: 'XX' is not a known ISO 3166 country code (e.g. NL, BE, DE)"
            ],
        ),
        (
            "country: NL",
            "country: nl",
            [
                "site.yaml:4: institution.country: 'nl' is not a known ISO 3166 country code (e.g. NL, BE, DE); did you mean 'NL'?"
            ],
        ),
        (
            "  country: NL\n",
            "",
            ["site.yaml:3: institution.country: missing (ISO 3166 country code, e.g. NL)"],
        ),
        (
            "  name: {nl: Testhogeschool, en: Test University}\n",
            "",
            ["site.yaml:3: institution.name: missing (the awarding body's name, per language)"],
        ),
        (
            "institution:\n  name: {nl: Testhogeschool, en: Test University}\n  country: NL\n",
            "",
            [
                "site.yaml:1: institution: missing (name, country, website and contact of the awarding body)"
            ],
        ),
        (
            "  country: NL\n",
            "  country: NL\n  identifier: {type: BRIN}\n",
            [
                "site.yaml:5: institution.identifier: needs both type and value (e.g. type: BRIN, value: 99XX)"
            ],
        ),
        (
            "  country: NL\n",
            "  country: NL\n  contact: {email: not-an-address}\n",
            ["site.yaml:5: institution.contact.email: 'not-an-address' is not an e-mail address"],
        ),
        (
            "  country: NL\n",
            "  country: NL\n  logo: assets/nope.svg\n",
            [
                "site.yaml:5: institution.logo: 'assets/nope.svg' not found (a path relative to the site's root folder)"
            ],
        ),
        (
            "  country: NL\n",
            "  country: NL\n  website: www.example.org\n",
            [
                "site.yaml:5: institution.website: 'www.example.org' is not a web address (https:, http: URL)"
            ],
        ),
        (
            "  country: NL\n",
            "  country: NL\n  adress: Straat 1\n",
            ["site.yaml:5: institution.adress: unknown key"],
        ),
        (
            "base_url",
            "languages: [nl, de]\nbase_url",
            ["site.yaml:1: languages[1]: 'de' is not allowed (nl, en)"],
        ),
        (
            "base_url",
            "default_language: fr\nbase_url",
            ["site.yaml:1: default_language: 'fr' is not allowed (nl, en)"],
        ),
        (
            "base_url",
            "linkedin_organization_id: acme\nbase_url",
            [
                "site.yaml:1: linkedin_organization_id: 'acme' is not a LinkedIn organisation id (the digits in the company page's admin URL)"
            ],
        ),
        (
            "base_url",
            "ec_minimum: 0.5\nbase_url",
            ["site.yaml:1: ec_minimum: '0.5' is not allowed (1 to 3 in steps of 0.5)"],
        ),
        (
            "base_url",
            "starting_soon_days: 0\nbase_url",
            ["site.yaml:1: starting_soon_days: '0' is not allowed (a whole number from 1 to 365)"],
        ),
        (
            "base_url",
            "base_urls: x\nbase_url",
            ["site.yaml:1: base_urls: unknown key; did you mean 'base_url'?"],
        ),
        (
            "base_url",
            "quality_assurance: {url: https://x.example}\nbase_url",
            [
                "site.yaml:1: quality_assurance.name: missing (the name of the quality assurance, e.g. the NVAO accreditation)"
            ],
        ),
    ],
)
def test_invalid_site_yaml(site: SiteFolder, old: str, new: str, expected: list[str]) -> None:
    assert old in SITE_YAML
    assert problems(site, SITE_YAML.replace(old, new, 1)) == expected


def test_malformed_site_yaml(site: SiteFolder) -> None:
    assert problems(site, "base_url: [https://x\n") == [
        "site.yaml:2: invalid YAML: expected ',' or ']', but got '<stream end>'"
    ]


def test_empty_site_yaml(site: SiteFolder) -> None:
    assert problems(site, "") == ["site.yaml:1: is empty (see README: site.yaml)"]


def test_site_yaml_not_a_mapping(site: SiteFolder) -> None:
    assert problems(site, "- a\n- b\n") == [
        "site.yaml:1: must be a mapping of keys to values, not a list"
    ]


def test_missing_site_yaml(site: SiteFolder) -> None:
    (site.root / "site.yaml").unlink()
    assert [str(d) for d in load_content(site.root).diagnostics] == [
        "site.yaml: not found (every site needs a site.yaml at its root)"
    ]


def test_only_english(site: SiteFolder) -> None:
    text = SITE_YAML.replace("base_url", "languages: [en]\ndefault_language: en\nbase_url")
    assert problems(site, text) == []
    assert load_content(site.root).content.site.languages == ("en",)
