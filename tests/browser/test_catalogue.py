"""The catalogue in real Chromium: filters, shareable filter URLs, no-JS reading, languages, axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from credsite.build.builder import BuildOptions, build
from credsite.catalogue import filters
from credsite.catalogue.content import load_content
from credsite.catalogue.filters import FILTERS, CheckboxFilter, codes, in_order_of, named_in
from credsite.catalogue.labels import label
from credsite.catalogue.vocab import NLQF_LEVELS

from ..conftest import EXAMPLE_PUBLISHED_MODULES, MODULE, REPO, SiteFolder
from .conftest import Guarded, GuardedBrowser, axe_violations

pytestmark = pytest.mark.browser

CONTENT = load_content(REPO).content
# The published modules by the fixed list, not by the build's is_published: with an archived
# module wrongly counted as published, build and expectation would agree.
PUBLISHED = tuple(m for m in CONTENT.modules if m.slug in EXAMPLE_PUBLISHED_MODULES)
ALL = set(EXAMPLE_PUBLISHED_MODULES)


def visible_cards(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "#modules > .card:not([hidden]) .card-title a",
        "links => links.map(a => a.textContent.trim())",
    )


def test_without_javascript_the_list_is_complete(browser: GuardedBrowser, example_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + "nl/modules/")
    assert page.locator("#modules > .card").count() == len(EXAMPLE_PUBLISHED_MODULES)
    assert page.locator("#filters").is_hidden()
    assert visible_slugs(page) == ALL
    assert page.locator("#modules > .card:visible").count() == len(EXAMPLE_PUBLISHED_MODULES)
    context.close()


def test_filters_narrow_the_list_and_live_in_the_url(page: Page, example_url: str) -> None:
    page.goto(example_url + "en/modules/")
    expect(page.locator("#filters")).to_be_visible()
    total = len(PUBLISHED)
    expect(page.locator("#result-count")).to_have_text(f"{total} of {total} modules")

    page.get_by_role("group", name="EQF level").get_by_label("7", exact=True).check()
    expected = {"data-driven-care-improvement"}
    assert visible_slugs(page) == expected
    expect(page.locator("#result-count")).to_have_text(f"{len(expected)} of {total} modules")
    assert re.search(r"[?&]eqf=7\b", page.url)

    shared = page.url
    page.goto(shared)
    expect(
        page.get_by_role("group", name="EQF level").get_by_label("7", exact=True)
    ).to_be_checked()
    assert visible_slugs(page) == expected

    page.get_by_role("button", name="Clear all filters").click()
    expect(page.locator("#result-count")).to_have_text(f"{total} of {total} modules")
    assert "?" not in page.url


def test_each_filter_matches_the_content(page: Page, example_url: str) -> None:
    """Each filter against the example modules' known answers (content/modules/*.md)."""
    page.goto(example_url + "en/modules/")
    assert visible_slugs(page) == ALL
    online = page.get_by_role("group", name="Form of participation").get_by_label(
        "Online", exact=True
    )
    online.check()
    assert visible_slugs(page) == {
        "computer-science-secure-software",
        "it-programming-fundamentals",
        "value-case-business-cases",
    }
    online.uncheck()

    page.get_by_label("Stackable modules only").check()
    assert visible_slugs(page) == ALL - {
        "business-administration-finance",
        "data-driven-care-improvement",
    }
    page.get_by_label("Stackable modules only").uncheck()

    page.get_by_label("Minimum").fill("5")
    page.get_by_label("Maximum").fill("10")
    assert visible_slugs(page) == ALL - {
        "business-administration-finance",
        "interview-techniques-nursing",
        "value-case-business-cases",
    }
    page.get_by_label("Minimum").fill("")
    page.get_by_label("Maximum").fill("")
    assert visible_slugs(page) == ALL

    page.get_by_role("group", name="Field of study").get_by_label("Health and welfare").check()
    assert visible_slugs(page) == {
        "clinical-reasoning-complex-care",
        "data-driven-care-improvement",
        "interview-techniques-nursing",
    }


def visible_slugs(page: Page) -> set[str]:
    return set(
        page.eval_on_selector_all(
            "#modules > .card:not([hidden]) .card-title a",
            "links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())",
        )
    )


def ticked(page: Page, name: str) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get(name, [])


@pytest.mark.parametrize("entry", FILTERS, ids=lambda entry: entry.name)
def test_every_checkbox_filter_narrows_the_list_and_is_shared(
    page: Page, example_url: str, entry: CheckboxFilter
) -> None:
    """Each definition in filters.py is a fieldset whose options narrow the list to the modules
    that have one of the ticked values, under its own URL parameter."""
    page.goto(example_url + "en/modules/")
    boxes = page.get_by_role("group", name=label("en", entry.label), exact=True).get_by_role(
        "checkbox"
    )
    values = [boxes.nth(i).get_attribute("value") or "" for i in range(boxes.count())]
    having = {
        value: {m.slug for m in PUBLISHED if value in entry.values(m, CONTENT.site, "en")}
        for value in values
    }
    assert values and all(having.values()), "only values some module has"
    first, last = values[0], values[-1]
    boxes.nth(0).check()
    assert visible_slugs(page) == having[first]
    boxes.nth(len(values) - 1).check()
    assert visible_slugs(page) == having[first] | having[last]
    assert ticked(page, entry.name) == list(dict.fromkeys([first, last]))

    page.goto(page.url)
    expect(boxes.nth(0)).to_be_checked()
    assert visible_slugs(page) == having[first] | having[last]


NLQF = CheckboxFilter(
    "nlqf",
    "nlqf_level",
    codes(lambda m: (m.nlqf_level,) if m.nlqf_level else ()),
    named_in(NLQF_LEVELS),
    in_order_of(NLQF_LEVELS),
)


def test_a_filter_defined_only_in_filters_py_works(
    page: Page,
    site: SiteFolder,
    tmp_path: Path,
    serve_dir: Callable[[Path], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new checkbox filter is one entry in FILTERS (and its legend): the template, the cards
    and catalogue.js pick it up with no other change. Values that need escaping (a faculty's
    name) survive the trip from card to URL."""
    monkeypatch.setattr(filters, "FILTERS", (*FILTERS, NLQF))
    for slug, level in (("a", "6"), ("b", "6"), ("c", "4+"), ("d", None)):
        text = MODULE.replace("Test module", f"Test module {slug}")
        if level:
            text = text.replace("eqf_level: 6\n", f'eqf_level: 6\nnlqf_level: "{level}"\n')
        if slug == "c":
            text = text.replace(
                "eqf_level: 6\n", 'eqf_level: 6\nfaculty: "Children\'s <Care> & Zoë"\n'
            )
        site.module(slug, text)
    build(BuildOptions(root=site.root, out_dir=tmp_path / "out", jobs=1))

    page.goto(serve_dir(tmp_path / "out") + "en/modules/")
    group = page.get_by_role("group", name="NLQF level", exact=True)
    expect(group.locator("label")).to_have_text(["NLQF level 4+", "NLQF level 6"])
    group.get_by_label("NLQF level 6").check()
    assert visible_slugs(page) == {"a", "b"}
    group.get_by_label("NLQF level 4+").check()
    assert visible_slugs(page) == {"a", "b", "c"}
    assert ticked(page, "nlqf") == ["4+", "6"]

    page.goto(page.url)
    expect(group.get_by_label("NLQF level 4+")).to_be_checked()
    assert visible_slugs(page) == {"a", "b", "c"}
    expect(page.locator("#result-count")).to_have_text("3 of 4 modules")

    page.get_by_role("button", name="Clear all filters").click()
    page.get_by_role("group", name="Faculty", exact=True).get_by_label(
        "Children's <Care> & Zoë"
    ).check()
    assert visible_slugs(page) == {"c"}
    assert ticked(page, "faculty") == ["Children's <Care> & Zoë"]


def test_search_matches_title_and_code(page: Page, example_url: str) -> None:
    page.goto(example_url + "nl/modules/")
    page.get_by_label("Zoeken").fill("HV-VPK-GES01")
    assert visible_cards(page) == ["Gespreksvoering en interviewtechnieken voor verpleegkundigen"]
    page.get_by_label("Zoeken").fill("zzzz-no-such-module")
    assert visible_cards(page) == []
    expect(page.locator("#no-results")).to_be_visible()


# The modules with a start date in the 90 days (site.yaml) after the visitor's date.
STARTING_SOON = {
    "2026-12-01": {
        "clinical-reasoning-complex-care",  # 2027-02-01
        "computer-science-secure-software",  # 2027-02-15
        "interview-techniques-nursing",  # 2027-02-08
        "it-programming-fundamentals",  # 2027-01-11
        "value-case-business-cases",  # 2027-03-01 (day 90)
    },
    "2027-06-01": set(),  # the next start is 2027-09-06, day 97
}


@pytest.mark.parametrize("today", sorted(STARTING_SOON))
def test_starting_soon_uses_the_visitors_date(page: Page, example_url: str, today: str) -> None:
    page.clock.set_fixed_time(f"{today}T12:00:00Z")
    page.goto(example_url + "en/modules/?soon=1")
    soon = page.get_by_label("Starts within 90 days")
    expect(soon).to_be_checked()
    assert visible_slugs(page) == STARTING_SOON[today]
    expect(page.locator("#no-results")).to_be_visible(visible=not STARTING_SOON[today])
    # The control: the same page with the filter off shows every module, so what the filter
    # hid (everything, on the later date) it hid by the date, not because the list is broken.
    soon.uncheck()
    assert visible_slugs(page) == ALL
    expect(page.locator("#no-results")).to_be_hidden()


def test_keyboard_operates_the_filters(page: Page, example_url: str) -> None:
    page.goto(example_url + "en/modules/")
    page.get_by_label("Search").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # EC minimum, maximum, then the first EQF box
    focused = page.evaluate("document.activeElement.name")
    assert focused == "eqf"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    assert "eqf=" in page.url
    expect(page.locator("#result-count")).to_have_attribute("role", "status")


@pytest.mark.parametrize("guarded", [{"locale": "en-GB"}], indirect=True)
def test_root_sends_english_browsers_to_english(guarded: Guarded, example_url: str) -> None:
    page = guarded.page()
    page.goto(example_url)
    page.wait_for_url(re.compile(r"/en/$"))


@pytest.mark.parametrize("guarded", [{"locale": "en-GB"}], indirect=True)
def test_language_choice_is_remembered(guarded: Guarded, example_url: str) -> None:
    page = guarded.page()
    page.goto(example_url + "en/")
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_url(re.compile(r"/nl/$"))
    page.goto(example_url)
    page.wait_for_url(re.compile(r"/nl/$"))


def test_language_switch_keeps_the_page(page: Page, example_url: str) -> None:
    page.goto(example_url + "nl/modules/interview-techniques-nursing/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/modules/interview-techniques-nursing/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_past_offerings_are_marked(page: Page, example_url: str) -> None:
    page.clock.set_fixed_time("2027-05-01T12:00:00Z")
    page.goto(example_url + "en/modules/interview-techniques-nursing/")
    offerings = page.locator(".offering")
    expect(offerings.nth(0)).to_have_class(re.compile(r"\bpast\b"))
    expect(offerings.nth(0).locator(".past-note")).to_be_visible()
    expect(offerings.nth(1)).not_to_have_class(re.compile(r"\bpast\b"))


AXE_PAGES = ["", "nl/", "en/", "nl/modules/", "en/modules/", "404.html"]
AXE_PAGES += [f"{lang}/modules/{m.slug}/" for m in PUBLISHED for lang in ("nl", "en")]
AXE_PAGES += [
    f"{lang}/tracks/{t.slug}/" for t in CONTENT.published_tracks() for lang in ("nl", "en")
]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_axe_violations(browser: GuardedBrowser, example_url: str, path: str) -> None:
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    # The root page redirects; check it as it is, before the redirect.
    if path == "":
        page.route(
            "**/assets/language.*.js",
            lambda route: route.fulfill(body="", content_type="text/javascript"),
        )
    page.goto(example_url + path)
    assert axe_violations(page) == []
    context.close()


def test_phone_layout_has_no_horizontal_scroll(browser: GuardedBrowser, example_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in ("nl/", "nl/modules/", "nl/modules/interview-techniques-nursing/"):
        page.goto(example_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    context.close()
