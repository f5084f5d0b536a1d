"""What the built catalogue contains: pages, alternates, machine-readable files, privacy rules."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from credsite import __version__
from credsite.catalogue.content import load_content
from credsite.catalogue.filters import FILTERS
from credsite.catalogue.labels import LABELS
from credsite.catalogue.vocab import ASSESSMENT_TYPES, PARTICIPATION
from credsite.standards import jsonld

from .conftest import EXAMPLE_PUBLISHED_MODULES, REPO

SCHEMAS = REPO / "credsite" / "data" / "schemas"


class Collector(HTMLParser):
    """Collects the tags and attributes of a page, to check links and metadata."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def find(self, tag: str, **match: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in match.items())
        ]


def parse(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_published_module_has_a_page_per_language(example_site: Path) -> None:
    """By the fixed list (a draft and an archived module have none: test_unpublished_modules)."""
    content = load_content(REPO).content
    for module in content.modules:
        for lang in ("nl", "en"):
            page = example_site / lang / "modules" / module.slug / "index.html"
            assert page.is_file() == (module.slug in EXAMPLE_PUBLISHED_MODULES), module.slug


def test_no_request_leaves_the_site(example_site: Path) -> None:
    """Styles, scripts, images and icons are all local: no tracker, no CDN, no font service."""
    for page in html_pages(example_site):
        doc = parse(page)
        for tag, attrs in doc.tags:
            for attribute in ("src", "srcset"):
                value = attrs.get(attribute) or ""
                assert not re.match(r"^(https?:)?//", value), f"{page}: <{tag} {attribute}={value}>"
            if tag == "link" and attrs.get("rel") in (
                "stylesheet",
                "icon",
                "preload",
                "modulepreload",
            ):
                assert not re.match(r"^(https?:)?//", attrs.get("href") or ""), f"{page}: {attrs}"


def test_pages_carry_a_strict_content_security_policy(example_site: Path) -> None:
    for page in html_pages(example_site):
        doc = parse(page)
        policies = doc.find("meta", **{"http-equiv": "Content-Security-Policy"})
        assert len(policies) == 1, page
        policy = policies[0]["content"]
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy
            and "unsafe-eval" not in policy
        )
        for attrs, text in doc.scripts:
            is_data = attrs.get("type") in ("application/ld+json", "application/json")
            assert attrs.get("src") or is_data, f"{page}: inline script"
            if is_data:
                assert "</" not in text


def test_every_page_names_the_credsite_that_built_it(example_site: Path) -> None:
    """<meta name="generator">: which credsite (and so which verifier) made a site is visible
    in any of its pages, the catalogue's and the credentials' alike."""
    pages = html_pages(example_site)
    assert {"index.html", "404.html"} <= {p.name for p in pages}
    assert any(p.relative_to(example_site).parts[0] == "c" for p in pages)  # credential pages
    for page in pages:
        found = parse(page).find("meta", name="generator")
        assert found == [{"name": "generator", "content": f"credsite {__version__}"}], page


def test_catalogue_pages_link_their_translations(example_site: Path) -> None:
    base = "https://microcredentials.hogeschool-voorbeeld.nl/"
    page = parse(example_site / "nl/modules/interview-techniques-nursing/index.html")
    alternates = {
        a["hreflang"]: a["href"] for a in page.find("link", rel="alternate") if a.get("hreflang")
    }
    assert alternates == {
        "nl": f"{base}nl/modules/interview-techniques-nursing/",
        "en": f"{base}en/modules/interview-techniques-nursing/",
        "x-default": base,
    }
    switch = page.find("a", hreflang="en")
    assert switch and switch[0]["href"] == "../../../en/modules/interview-techniques-nursing/"
    assert page.find("html")[0]["lang"] == "nl"


@pytest.mark.parametrize(("lang", "other"), [("nl", "en"), ("en", "nl")])
def test_verify_pages_switch_to_the_other_language(
    example_site: Path, lang: str, other: str
) -> None:
    page = parse(example_site / lang / "verify" / "index.html")
    switch = page.find("a", hreflang=other)
    assert [a.get("class") for a in switch] == ["lang-switch"]
    assert switch[0]["href"] == f"../../{other}/verify/"
    assert switch[0]["lang"] == other


def test_relative_links_resolve_to_files(example_site: Path) -> None:
    for page in html_pages(example_site):
        if page.name == "404.html":
            continue
        for tag, attrs in parse(page).tags:
            target = attrs.get("href") if tag in ("a", "link") else attrs.get("src")
            if not target or re.match(r"^[a-z]+:|^//|^#", target):
                continue
            resolved = (page.parent / target.split("#")[0]).resolve()
            if target.split("#")[0].endswith("/") or resolved.is_dir():
                resolved = resolved / "index.html"
            assert resolved.is_file(), f"{page.relative_to(example_site)}: <{tag}> {target}"


def test_schema_org_course_on_module_pages(example_site: Path) -> None:
    doc = parse(example_site / "en/modules/interview-techniques-nursing/index.html")
    blocks = [
        json.loads(text)
        for attrs, text in doc.scripts
        if attrs.get("type") == "application/ld+json"
    ]
    assert len(blocks) == 1
    course = blocks[0]
    assert course["@type"] == "Course"
    assert course["educationalCredentialAwarded"]["@type"] == "EducationalOccupationalCredential"
    assert course["hasCourseInstance"][0]["@type"] == "CourseInstance"
    assert course["offers"][0]["priceCurrency"] == "EUR"
    assert course["numberOfCredits"]["value"] == 3


def achievement_schemas() -> list[jsonschema.Draft201909Validator]:
    validators = []
    for name in (
        "ob_v3p0_achievementcredential_schema.json",
        "variants/ob_v3p0_achievementcredential_schema.strict-2024-09.json",
    ):
        schema = json.loads((SCHEMAS / name).read_text())
        wrapper = {
            "$schema": schema["$schema"],
            "$defs": schema["$defs"],
            "$ref": "#/$defs/Achievement",
        }
        validators.append(jsonschema.Draft201909Validator(wrapper))
    return validators


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_achievements_are_valid_open_badges(example_site: Path, lang: str) -> None:
    files = sorted(example_site.glob(f"{lang}/modules/*/achievement.json"))
    assert len(files) >= 9
    for path in files:
        achievement = json.loads(path.read_text())
        assert achievement["@context"][0] == "https://www.w3.org/ns/credentials/v2"
        assert achievement["id"].endswith(path.relative_to(example_site).as_posix())
        assert achievement["inLanguage"] == lang
        for validator in achievement_schemas():
            body = {k: v for k, v in achievement.items() if k != "@context"}
            errors = [e.message for e in validator.iter_errors(body)]
            assert errors == [], f"{path}: {errors}"
        assert jsonld.canonicalize(achievement)  # safe: no undefined term, no relative IRI


def test_achievement_carries_every_annex_element(example_site: Path) -> None:
    achievement = json.loads(
        (example_site / "en/modules/interview-techniques-nursing/achievement.json").read_text()
    )
    kinds = {a["targetType"] for a in achievement["alignment"]}
    assert {
        "ext:EQFLevel",
        "ext:LearningOutcome",
        "ext:StudyLoad",
        "ext:AssessmentType",
        "ext:ParticipationForm",
        "ext:QualityAssurance",
        "ext:AssessmentSupervision",
        "ext:IdentityVerification",
        "ext:Stackability",
        "ext:Prerequisites",
        "ext:LanguageOfInstruction",
        "ext:ISCEDF",
        "ext:NLQFLevel",
    } <= kinds
    assert achievement["creditsAvailable"] == 3
    assert achievement["achievementType"] == "MicroCredential"
    assert achievement["creator"]["address"]["addressCountryCode"] == "NL"
    outcomes = [a for a in achievement["alignment"] if a["targetType"] == "ext:LearningOutcome"]
    assert outcomes[0]["targetUrl"].endswith(
        "/en/modules/interview-techniques-nursing/#learning-outcome-1"
    )


def test_catalogue_json_lists_published_modules_only(example_site: Path) -> None:
    data = json.loads((example_site / "catalogue.json").read_text())
    assert [m["slug"] for m in data["modules"]] == list(EXAMPLE_PUBLISHED_MODULES)
    assert data["issuer"]["id"] == "did:web:microcredentials.hogeschool-voorbeeld.nl"


def test_sitemap_lists_catalogue_pages_with_alternates(example_site: Path) -> None:
    tree = ET.parse(example_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = [u.find("s:loc", ns).text for u in tree.getroot()]
    assert (
        "https://microcredentials.hogeschool-voorbeeld.nl/en/modules/interview-techniques-nursing/"
        in urls
    )
    assert all("/c/" not in url for url in urls)
    for entry in tree.getroot():
        assert {link.get("hreflang") for link in entry.findall("x:link", ns)} == {"nl", "en"}


def test_robots_keeps_credential_pages_out(example_site: Path) -> None:
    robots = (example_site / "robots.txt").read_text()
    assert "Disallow: /c/" in robots
    assert "Sitemap: https://microcredentials.hogeschool-voorbeeld.nl/sitemap.xml" in robots


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_atom_feed(example_site: Path, lang: str) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(example_site / lang / "feed.xml").getroot()
    entries = root.findall("a:entry", ns)
    published = [e.find("a:published", ns).text for e in entries]
    assert published == sorted(published, reverse=True)
    assert len(entries) == len(EXAMPLE_PUBLISHED_MODULES)
    assert root.find("a:updated", ns).text == max(e.find("a:updated", ns).text for e in entries)


def test_root_page_offers_both_languages(example_site: Path) -> None:
    doc = parse(example_site / "index.html")
    choices = {a["hreflang"]: a["href"] for a in doc.find("a") if a.get("data-lang")}
    assert choices == {"nl": "nl/", "en": "en/"}


def test_not_found_page_uses_root_relative_links(example_site: Path) -> None:
    doc = parse(example_site / "404.html")
    assert doc.find("meta", name="robots")
    stylesheet = doc.find("link", rel="stylesheet")[0]["href"]
    assert stylesheet.startswith("/assets/style.")


def test_fallback_text_is_marked(example_site: Path) -> None:
    """The English-only module shows its English text on Dutch pages, marked as such."""
    english_only = [
        m for m in load_content(REPO).content.published_modules() if m.title.languages() == {"en"}
    ]
    assert english_only, "the example site should have one module without Dutch text"
    page = (example_site / "nl/modules" / english_only[0].slug / "index.html").read_text()
    assert '<span lang="en">' in page
    assert 'class="lang-mark"' in page
    assert "Niet vertaald; in het Engels" in page


# The special filters' form fields in templates/catalogue.html, which no checkbox filter may take.
SPECIAL_FIELDS = {"q", "ec_min", "ec_max", "stackable", "soon"}


def test_filter_definitions_have_legends_and_usable_names() -> None:
    names = [entry.name for entry in FILTERS]
    assert len(set(names)) == len(names)
    assert not set(names) & SPECIAL_FIELDS
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in names)
    assert all(entry.label in LABELS[lang] for entry in FILTERS for lang in LABELS)


def _cards(doc: Collector) -> dict[str, dict[str, str | None]]:
    """Each catalogue card's attributes, by the slug its title links to."""
    cards: dict[str, dict[str, str | None]] = {}
    card: dict[str, str | None] | None = None
    for tag, attrs in doc.tags:
        if tag == "li" and attrs.get("class") == "card":
            card = attrs
        elif tag == "a" and card is not None:
            cards[(attrs["href"] or "").rstrip("/").rsplit("/", 1)[-1]] = card
            card = None
    return cards


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_catalogue_filters_offer_what_the_modules_have(example_site: Path, lang: str) -> None:
    """The checkbox filters keep their URL parameters and order, offer only values some module
    has (in the order visitors know), and every card carries its values for each of them."""
    content = load_content(REPO).content
    modules = content.published_modules()
    order = content.site.language_order(lang)
    doc = parse(example_site / lang / "modules" / "index.html")
    groups = [a["data-filter"] for a in doc.find("fieldset") if a.get("data-filter")]
    assert groups == ["eqf", "language", "participation", "assessment", "field", "faculty"]
    boxes = {name: [a["value"] for a in doc.find("input", name=name)] for name in groups}
    faculty = {m.slug: m.faculty.get(lang, order)[0] for m in modules if m.faculty}
    assert boxes == {
        "eqf": [str(n) for n in sorted({m.eqf_level for m in modules})],
        "language": sorted({c for m in modules for c in m.language}),
        "participation": [c for c in PARTICIPATION if any(c in m.participation for m in modules)],
        "assessment": [c for c in ASSESSMENT_TYPES if any(c in m.assessment_type for m in modules)],
        "field": sorted({m.field_of_study[:2] for m in modules if m.field_of_study}),
        "faculty": sorted(set(faculty.values())),
    }
    cards = _cards(doc)
    assert sorted(cards) == sorted(m.slug for m in modules)
    for m in modules:
        marks = {name: json.loads(cards[m.slug][f"data-filter-{name}"] or "") for name in groups}
        assert marks == {
            "eqf": [str(m.eqf_level)],
            "language": list(m.language),
            "participation": list(m.participation),
            "assessment": list(m.assessment_type),
            "field": [m.field_of_study[:2]] if m.field_of_study else [],
            "faculty": [faculty[m.slug]] if m.faculty else [],
        }, m.slug
