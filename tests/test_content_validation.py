"""Every validation rule: a failing case with its exact message, and a passing case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from credsite.base.errors import Severity
from credsite.catalogue.content import load_content

from .conftest import MODULE, REPO, SiteFolder

CORPUS = Path(__file__).parent / "corpus" / "invalid-modules"
EXPECTED: dict[str, list[str]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)


def messages(root: Path) -> list[str]:
    return [str(d) for d in load_content(root).diagnostics]


def test_every_corpus_file_has_expectations() -> None:
    files = {p.name for p in CORPUS.glob("*.md")}
    assert files == set(EXPECTED), "corpus files and expected.yaml must list the same modules"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_module_reports_exactly_its_problems(site: SiteFolder, name: str) -> None:
    site.write("content/images/notes.txt", "not an image")
    shutil.copy(CORPUS / name, site.root / "content" / "modules" / name)
    result = load_content(site.root)
    assert [str(d) for d in result.diagnostics] == EXPECTED[name]
    if any(d.is_error for d in result.diagnostics):
        assert result.content is None


def test_the_example_site_is_valid() -> None:
    result = load_content(REPO)
    assert result.errors == ()
    assert result.content is not None
    assert len(result.content.published_modules()) >= 9


def test_minimal_module_is_valid(site: SiteFolder) -> None:
    site.module("test-module")
    result = load_content(site.root)
    assert result.diagnostics == ()
    module = result.content.modules[0]
    assert (module.slug, module.ec, module.eqf_level) == ("test-module", 3, 6)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("ec: 3", "ec: 30"),
        ("ec: 3", "ec: 7.5"),
        ("ec: 3", "hours: 84"),
        ("eqf_level: 6", "eqf_level: 1"),
        ("eqf_level: 6", "eqf_level: 8\nnlqf_level: 4+"),
        ("eqf_level: 6", "eqf_level: 6\nnlqf_level: entry"),
        ("ec: 3", "ec: 3\nfield_of_study: 0413"),
        ("ec: 3", "ec: 3\nfield_of_study: '06'"),
        ("ec: 3", "ec: 3\nstackable: true\nstacks_towards: {nl: Bachelor, en: Bachelor}"),
        ("ec: 3", "ec: 3\nvalidity: {years: 5}"),
        ("ec: 3", "ec: 3\nvalidity: indefinite"),
        ("ec: 3", "ec: 3\nassessment_supervised: false\nassessment_id_verified: true"),
        ("participation: [online]", "participation: online"),
        ("language: [nl]", "language: [nl, en, pap]"),
        (
            "ec: 3",
            "ec: 3\nofferings:\n  - start: 2027-01-11\n    end: 2027-01-11\n    price: 0\n    enrol_url: mailto:enrol@example.org",
        ),
        ("status: published\npublished_on: 2026-01-15", "status: draft"),
    ],
)
def test_allowed_values_pass(site: SiteFolder, old: str, new: str) -> None:
    assert old in MODULE
    site.module("module", MODULE.replace(old, new, 1))
    assert messages(site.root) == []


def test_field_of_study_with_leading_zero_keeps_it(site: SiteFolder) -> None:
    site.module("module", MODULE.replace("ec: 3", "ec: 3\nfield_of_study: 0413"))
    assert load_content(site.root).content.modules[0].field_of_study == "0413"


def test_ec_minimum_can_be_lowered_to_one(site: SiteFolder) -> None:
    site.write("site.yaml", (site.root / "site.yaml").read_text() + "ec_minimum: 1\n")
    site.module("module", MODULE.replace("ec: 3", "ec: 1.5"))
    assert messages(site.root) == []


def test_missing_translation_is_a_warning_with_fallback(site: SiteFolder) -> None:
    site.module(
        "module", MODULE.replace("title: {nl: Testmodule, en: Test module}", "title: Testmodule")
    )
    result = load_content(site.root)
    assert [str(d) for d in result.diagnostics] == [
        "content/modules/module.md:2: warning: title: no English (en) text; the Dutch text is shown with a language mark"
    ]
    assert result.diagnostics[0].severity is Severity.WARNING
    assert result.content is not None


def test_missing_body_section_is_a_warning(site: SiteFolder) -> None:
    site.module("module", MODULE.split("<!-- lang: en -->")[0])
    assert messages(site.root) == [
        "content/modules/module.md:15: warning: body: no en section; the other language is shown with a language mark (add a '<!-- lang: en -->' line)"
    ]


def test_all_problems_of_all_files_are_reported_at_once(site: SiteFolder) -> None:
    site.module("one", MODULE.replace("ec: 3", "ec: 99"))
    site.module("two", MODULE.replace("eqf_level: 6", "eqf_level: 0"))
    found = messages(site.root)
    assert any(m.startswith("content/modules/one.md:7: ec:") for m in found)
    assert any(m.startswith("content/modules/two.md:8: eqf_level:") for m in found)


def test_duplicate_slugs_in_subfolders(site: SiteFolder) -> None:
    site.write("content/modules/health/same.md", MODULE)
    site.write("content/modules/it/same.md", MODULE.replace("Testmodule", "Andere"))
    assert messages(site.root) == [
        "content/modules/it/same.md: slug: 'same' is also the slug of content/modules/health/same.md (file names must be unique)"
    ]


def test_duplicate_course_codes(site: SiteFolder) -> None:
    site.module("a", MODULE.replace("ec: 3", "ec: 3\ncourse_code: HV-1"))
    site.module("b", MODULE.replace("ec: 3", "ec: 3\ncourse_code: HV-1"))
    assert messages(site.root) == [
        "content/modules/b.md: course_code: 'HV-1' is also used by content/modules/a.md"
    ]


TRACK = """\
---
title: {nl: Route, en: Track}
summary: {nl: Samen., en: Together.}
status: published
modules:
  - alpha
  - beta
---
"""


def test_valid_track(site: SiteFolder) -> None:
    site.module("alpha")
    site.module("beta")
    site.track("route", TRACK)
    result = load_content(site.root)
    assert result.errors == ()
    assert result.content.tracks[0].modules == ("alpha", "beta")


@pytest.mark.parametrize(
    ("track", "expected"),
    [
        (
            TRACK.replace("  - beta", "  - betta"),
            "content/tracks/route.md:7: modules[1]: unknown module 'betta' (no content/modules/betta.md); did you mean 'beta'?",
        ),
        (
            TRACK.replace("  - beta", "  - alpha"),
            "content/tracks/route.md:7: modules[1]: 'alpha' is listed twice",
        ),
        (
            TRACK.replace("  - beta\n", ""),
            "content/tracks/route.md:5: modules: a track needs at least two modules",
        ),
        (
            TRACK.replace("modules:\n  - alpha\n  - beta\n", ""),
            "content/tracks/route.md:2: modules: missing (the slugs of its modules, in order)",
        ),
        (
            TRACK.replace("status: published", "status: live"),
            "content/tracks/route.md:4: status: 'live' is not allowed (draft, published, archived)",
        ),
        (
            TRACK.replace("modules:", "modules:\n  - alpha\nmodule: x\nmodules2:").replace(
                "modules2:\n  - alpha\n  - beta\n", ""
            ),
            None,
        ),
    ],
)
def test_invalid_tracks(site: SiteFolder, track: str, expected: str | None) -> None:
    site.module("alpha")
    site.module("beta")
    site.track("route", track)
    found = messages(site.root)
    if expected is None:
        assert any("unknown key" in m for m in found)
    else:
        assert expected in found


def test_published_track_with_draft_module(site: SiteFolder) -> None:
    site.module("alpha")
    site.module("beta", MODULE.replace("status: published", "status: draft"))
    site.track("route", TRACK)
    assert messages(site.root) == [
        "content/tracks/route.md:7: modules[1]: module 'beta' is draft, but the track is published (publish the module or the track as draft)"
    ]
