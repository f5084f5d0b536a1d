"""``credsite import edubadges``: Edubadges badge classes become modules, every mapped field
reaches the module page and the Achievement, a second import changes nothing, staff's own
edits stay, and bad input writes nothing. Also the Edubadges bulk-award CSV in ``issue``.

The fixtures in tests/vectors/edubadges/ are built from the field names in Edubadges' sources
(their README names the file of each); the network is never used."""

from __future__ import annotations

import html
import json
import shutil
import uuid
from pathlib import Path

import pytest

from credsite.base.errors import ContentError
from credsite.build.builder import BuildOptions, build
from credsite.catalogue.achievement import word
from credsite.catalogue.content import load_content
from credsite.catalogue.edubadges import outcomes_of, slug_of, summary_of
from credsite.catalogue.module_file import module_text
from credsite.catalogue.vocab import ASSESSMENT_TYPES, PARTICIPATION
from credsite.issuer.issuing import read_results

from .conftest import MODULE, SiteFolder, copy_example
from .issuer_site import run_cli, tree_files

VECTORS = Path(__file__).parent / "vectors" / "edubadges"
GOOD, BAD = VECTORS / "good", VECTORS / "bad"
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}  # 2026-09-21
NL_MODULE = "content/modules/farmacotherapie-bij-ouderen.md"
HOURS_MODULE = "content/modules/data-literacy-for-policy-makers.md"
NO_IMAGE_MODULE = "content/modules/sustainable-supply-chains.md"


def _import(root: Path, *args: str | Path) -> tuple[int, str, str]:
    run = run_cli(["--root", root, "import", "edubadges", *args], EPOCH)
    return run.code, run.out, run.err


def _content(root: Path) -> dict[str, bytes]:
    return tree_files(root / "content")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The example site with the good badge classes imported and published, built."""
    root = copy_example(tmp_path_factory.mktemp("import") / "src")
    code, out, err = _import(root, "--publish", GOOD)
    assert code == 0, err
    site = root.parent / "site"
    build(BuildOptions(root=root, out_dir=site, jobs=1))
    return root, site, out


def _page(site: Path, lang: str, slug: str) -> str:
    return html.unescape((site / lang / "modules" / slug / "index.html").read_text("utf-8"))


def _achievement(site: Path, lang: str, slug: str) -> dict:
    return json.loads((site / lang / "modules" / slug / "achievement.json").read_text("utf-8"))


def _alignments(achievement: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for item in achievement["alignment"]:
        found.setdefault(item["targetType"].removeprefix("ext:"), []).append(item)
    return found


def test_every_mapped_field_is_on_the_page_and_in_the_achievement(imported) -> None:
    root, site, _ = imported
    slug = "farmacotherapie-bij-ouderen"
    page, achievement = _page(site, "nl", slug), _achievement(site, "nl", slug)
    outcomes = [
        "Je beoordeelt een medicatieoverzicht op risico's.",
        "Je stelt een deprescribing-plan op samen met de patiënt.",
        "Je legt je advies vast in het dossier.",
    ]
    for text in (
        "Farmacotherapie bij ouderen",  # name
        "Je leert veilig voorschrijven bij kwetsbare ouderen",  # description (and summary)
        "56823",  # EducationProgramIdentifier → course_code
        *outcomes,  # LearningOutcome (Markdown list)
        PARTICIPATION["blended"]["nl"],
        ASSESSMENT_TYPES["professional_product"]["nl"],
        "Kwaliteitskader Microcredentials",  # qualityAssuranceName
        "https://www.versnellingsplan.nl/kwaliteitskader",  # qualityAssuranceUrl
        "Getoetst volgens het landelijke kwaliteitskader.",  # qualityAssuranceDescription
        "medicatiereview",  # criteria.narrative
        "farmacie",  # tags
        "images/edubadges/Xq8cTt4YS7m0fZ3uVbLtpA",  # image
    ):
        assert text in page, text
    assert "4,5" in page and "EQF" in page
    assert achievement["name"] == "Farmacotherapie bij ouderen"
    assert achievement["inLanguage"] == "nl"
    assert achievement["creditsAvailable"] == 4.5
    assert achievement["humanCode"] == "56823"
    assert achievement["tag"] == ["farmacie", "ouderenzorg"]
    assert "medicatiereview" in achievement["criteria"]["narrative"]
    assert achievement["image"]["id"].endswith(f"/nl/modules/{slug}/badge.svg")  # credsite's
    assert (site / "images/edubadges/Xq8cTt4YS7m0fZ3uVbLtpA.png").is_file()  # the page's image
    assert achievement["resultDescription"]  # gradeAchievedRequired
    found = _alignments(achievement)
    assert found["EQFLevel"][0]["targetCode"] == "6"
    assert found["StudyLoad"][0]["targetCode"] == "4.5 EC"
    assert [a["targetName"] for a in found["LearningOutcome"]] == outcomes
    assert found["AssessmentType"][0]["targetCode"] == "professional_product"
    assert found["AssessmentSupervision"][0]["targetCode"] == "supervised"
    assert found["IdentityVerification"][0]["targetCode"] == "verified"
    assert found["ParticipationForm"][0]["targetCode"] == "blended"
    assert found["Stackability"][0]["targetCode"] == "stackable"
    qa = found["QualityAssurance"][0]
    assert qa["targetName"] == "Kwaliteitskader Microcredentials"
    assert qa["targetUrl"] == "https://www.versnellingsplan.nl/kwaliteitskader"
    assert qa["targetDescription"] == "Getoetst volgens het landelijke kwaliteitskader."
    # the badge class's id is kept in the module, and shown nowhere
    assert "edubadges_badge_class:" in (root / NL_MODULE).read_text("utf-8")
    assert "Xq8cTt4YS7m0fZ3uVbLtpA" not in page.replace(
        "images/edubadges/Xq8cTt4YS7m0fZ3uVbLtpA", ""
    )


def test_hours_english_and_the_other_flags(imported) -> None:
    _, site, _ = imported
    slug = "data-literacy-for-policy-makers"
    page, achievement = _page(site, "en", slug), _achievement(site, "en", slug)
    for text in (
        "Data Literacy for Policy Makers",
        "You interpret common charts and statistics critically.",  # paragraphs as outcomes
        "You present data to a non-specialist audience.",
        PARTICIPATION["online"]["en"],
        ASSESSMENT_TYPES["report_paper"]["en"],
        "84",
    ):
        assert text in page, text
    found = _alignments(achievement)
    assert found["StudyLoad"][0]["targetCode"] == "84 h"  # TimeInvestment → hours
    assert found["EQFLevel"][0]["targetCode"] == "5"
    assert found["AssessmentSupervision"][0]["targetCode"] == "unsupervised"
    assert found["IdentityVerification"][0]["targetCode"] == "not-verified"
    assert found["Stackability"][0]["targetCode"] == "stand-alone"
    assert "resultDescription" not in achievement
    assert achievement["inLanguage"] == "en"


def _course(root: Path, site: Path, slug: str) -> dict:
    """The module's OOAPI course at ``/ooapi/v5/courses/<courseId>.json``, its id the UUID v5
    over the site's canonical URL and ``modules/<slug>`` (docs/ooapi.md, Ids); the same object
    is listed in ``courses.json``."""
    content = load_content(root).content
    assert content is not None
    course_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{content.site.canonical_url}modules/{slug}"))
    course = json.loads((site / f"ooapi/v5/courses/{course_id}.json").read_text("utf-8"))
    listed = json.loads((site / "ooapi/v5/courses.json").read_text("utf-8"))["items"]
    assert [c for c in listed if c["courseId"] == course_id] == [course]
    assert course["courseId"] == course_id and course["ext"]["slug"] == slug
    return course


def _dutch(value: str) -> list[dict[str, str]]:
    """An OOAPI text written in Dutch only."""
    return [{"language": "nl-NL", "value": value}]


def _elm(site: Path, slug: str) -> dict:
    return json.loads((site / "elm" / f"{slug}.json").read_text("utf-8"))


@pytest.mark.slow
def test_every_mapped_field_is_in_the_ooapi_course(imported) -> None:
    """docs/edubadges-import.md's mapping, then docs/ooapi.md's: each Edubadges field where the
    OOAPI course puts it, texts only in the badge class's language (no fallback)."""
    root, site, _ = imported
    course = _course(root, site, "farmacotherapie-bij-ouderen")
    ext = course["ext"]
    assert course["name"] == _dutch("Farmacotherapie bij ouderen")  # name
    assert course["description"] == _dutch(  # description (Markdown) → the body, plain text
        "Over deze micro-credential Je leert veilig voorschrijven bij kwetsbare ouderen met "
        "polyfarmacie. De module bestaat uit vier bijeenkomsten en een praktijkopdracht."
    )
    assert course["qualificationRequirements"] == _dutch(  # criteria.narrative, as written
        "Je rondt de praktijkopdracht voldoende af en toont dit aan in een **medicatiereview**."
    )
    assert course["teachingLanguage"] == "nld"  # LanguageExtension nl_NL
    assert ext["teachingLanguages"] == ["nld"]
    assert course["studyLoad"] == {"studyLoadUnit": "ects", "value": 4.5}  # ECTSExtension
    assert "hours" not in ext
    assert course["level"] == "bachelor"  # EQFExtension 6
    assert (ext["eqfLevel"], ext["eqfLevelUri"]) == (6, "http://data.europa.eu/snb/eqf/6")
    # EducationProgramIdentifier (the first) → course_code
    assert course["primaryCode"] == {"codeType": "identifier", "code": "56823"}
    assert course["abbreviation"] == "56823"
    assert course["learningOutcomes"] == [  # LearningOutcomeExtension, one entry per item
        _dutch("Je beoordeelt een medicatieoverzicht op risico's."),
        _dutch("Je stelt een deprescribing-plan op samen met de patiënt."),
        _dutch("Je legt je advies vast in het dossier."),
    ]
    assert course["modeOfDelivery"] == ["hybrid"]  # participation blended
    assert ext["participation"] == ["blended"]
    assert ext["assessmentType"] == ["professional_product"]  # assessmentType
    assert ext["assessmentSupervised"] is True  # assessmentSupervised
    assert ext["assessmentIdVerified"] is True  # assessmentIdVerified
    # the three in words, in every language of the site
    words = {a["language"]: a["value"] for a in course["assessment"]}
    for lang, tag in (("nl", "nl-NL"), ("en", "en-GB")):
        for part in (
            ASSESSMENT_TYPES["professional_product"][lang],
            word("supervised", lang),
            word("id_verified", lang),
        ):
            assert part in words[tag], (tag, part)
    # qualityAssuranceName, qualityAssuranceUrl; qualityAssuranceDescription has no place in
    # OOAPI (ext.qualityAssurance holds a name and a URL only, docs/ooapi.md)
    assert ext["qualityAssurance"] == {
        "name": _dutch("Kwaliteitskader Microcredentials"),
        "url": "https://www.versnellingsplan.nl/kwaliteitskader",
    }
    assert "Getoetst volgens" not in json.dumps(course, ensure_ascii=False)
    assert ext["stackable"] is True  # stackable
    assert ext["gradeAchievedRequired"] is True  # gradeAchievedRequired
    # tags, image and the badge class's id: OOAPI's Course has no place for them and ext does
    # not carry them (docs/ooapi.md lists what ext holds). The tag "farmacie" is also a word
    # of the description ("polyfarmacie"): the other tag stands for both.
    text = json.dumps(course, ensure_ascii=False)
    for absent in ("ouderenzorg", "Xq8cTt4YS7m0fZ3uVbLtpA", "edubadges"):
        assert absent not in text, absent

    course = _course(root, site, "data-literacy-for-policy-makers")
    ext = course["ext"]
    assert course["name"] == [{"language": "en-GB", "value": "Data Literacy for Policy Makers"}]
    assert course["teachingLanguage"] == "eng"  # LanguageExtension en_EN
    assert course["qualificationRequirements"] == [  # criteria.narrative
        {"language": "en-GB", "value": "Submit a data brief that meets the rubric."}
    ]
    # TimeInvestmentExtension (hours, there is no ECTS)
    assert course["studyLoad"] == {"studyLoadUnit": "hour", "value": 84}
    assert ext["hours"] == 84
    assert course["level"] == "associate degree" and ext["eqfLevel"] == 5
    assert [o[0]["value"] for o in course["learningOutcomes"]] == [
        "You interpret common charts and statistics critically.",
        "You present data to a non-specialist audience.",
    ]
    assert course["modeOfDelivery"] == ["online"] and ext["participation"] == ["online"]
    assert ext["assessmentType"] == ["report_paper"]
    assert ext["assessmentSupervised"] is False
    assert ext["assessmentIdVerified"] is False
    assert ext["stackable"] is False
    assert ext["gradeAchievedRequired"] is False
    # no EducationProgramIdentifier: the slug is the code
    assert course["primaryCode"]["code"] == "data-literacy-for-policy-makers"


@pytest.mark.slow
def test_every_mapped_field_is_in_the_elm_specification(imported) -> None:
    """docs/edubadges-import.md's mapping, then docs/elm.md's: each Edubadges field where the
    ELM ``Qualification`` at ``/elm/<slug>.json`` puts it; the fields ELM has no place for
    are nowhere in the file."""
    root, site, _ = imported
    content = load_content(root).content
    assert content is not None
    slug = "farmacotherapie-bij-ouderen"
    spec = _elm(site, slug)
    assert spec["id"] == f"{content.site.canonical_url}elm/{slug}.json"
    assert spec["type"] == "Qualification"
    assert spec["title"] == {"nl": "Farmacotherapie bij ouderen"}  # name, its language only
    # description: ELM leaves the long description out (docs/elm.md) and carries the summary,
    # which the import made from the description's first paragraph
    assert spec["description"] == {
        "nl": "Je leert veilig voorschrijven bij kwetsbare ouderen met polyfarmacie."
    }
    assert [o["title"] for o in spec["learningOutcome"]] == [  # LearningOutcomeExtension
        {"nl": "Je beoordeelt een medicatieoverzicht op risico's."},
        {"nl": "Je stelt een deprescribing-plan op samen met de patiënt."},
        {"nl": "Je legt je advies vast in het dossier."},
    ]
    [credit] = spec["creditPoint"]  # ECTSExtension
    assert credit["point"] == "4.5"
    assert credit["framework"]["id"] == "http://data.europa.eu/snb/education-credit/6fcec5c5af"
    assert "volumeOfLearning" not in spec
    assert spec["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/6"  # EQFExtension
    # LanguageExtension nl_NL
    language = "http://publications.europa.eu/resource/authority/language/"
    assert [c["id"] for c in spec["language"]] == [f"{language}NLD"]
    # participation blended
    modes = [c["id"] for c in spec["mode"]]
    assert modes == ["http://data.europa.eu/snb/learning-assessment/e92d221e4d"]
    # No place in an ELM specification (docs/elm.md, "Left out"): EducationProgramIdentifier
    # (course code), assessmentType, assessmentSupervised, assessmentIdVerified, the three
    # qualityAssurance fields (ELM: an Accreditation of the awarding body), stackable, tags,
    # image. Not in docs/elm.md's list but left out as well: criteria.narrative and
    # gradeAchievedRequired (a grade goes in the credential's LearningAssessment, not the
    # specification); and the badge class's id, which is shown nowhere.
    text = json.dumps(spec, ensure_ascii=False)
    for absent in (
        "56823",
        "professional_product",
        ASSESSMENT_TYPES["professional_product"]["nl"],
        word("supervised", "nl"),
        "Kwaliteitskader",
        "versnellingsplan",
        "Getoetst volgens",
        "stackable",
        "ouderenzorg",  # tags ("farmacie" is in the summary's "polyfarmacie")
        "Xq8cTt4YS7m0fZ3uVbLtpA",
        "medicatiereview",
        "grade",
    ):
        assert absent not in text, absent

    slug = "data-literacy-for-policy-makers"
    spec = _elm(site, slug)
    assert spec["title"] == {"en": "Data Literacy for Policy Makers"}
    assert spec["volumeOfLearning"] == "PT84H"  # TimeInvestmentExtension, in hours
    assert "creditPoint" not in spec
    assert spec["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/5"
    assert [c["id"] for c in spec["language"]] == [f"{language}ENG"]  # en_EN
    assert [o["title"] for o in spec["learningOutcome"]] == [
        {"en": "You interpret common charts and statistics critically."},
        {"en": "You present data to a non-specialist audience."},
    ]
    # participation online
    modes = [c["id"] for c in spec["mode"]]
    assert modes == ["http://data.europa.eu/snb/learning-assessment/920fbb3cbe"]


def test_the_report_names_what_could_not_be_mapped(imported) -> None:
    _, _, out = imported
    assert (
        "farmacotherapie-bij-ouderen.json: content/modules/farmacotherapie-bij-ouderen.md (new)"
        in out
    )
    for line in (
        "not mapped: /alignment/0: credsite has no alignments of its own",
        "not mapped: /extensions:EducationProgramIdentifierExtension/EducationProgramIdentifier/1",
        "not mapped: /extensions:LearningOutcomeExtension/LearningOutcome: text outside the list of outcomes: 'Na afloop:'",
        "not mapped: /extensions:TimeInvestmentExtension: credsite keeps one study load; extensions:StudyLoadExtension is used",
        "not mapped: /image: image not available: https://api.edubadges.nl/public/badges/Cw5kP8sLT0yJ6dY2fX1mAh/image",
        "not mapped: /eqfNlqfLevelVerified",
    ):
        assert line in out, line
    assert "imported 3 badge class(es): 3 new, 0 updated, 0 unchanged" in out


def test_a_second_import_and_build_change_nothing(imported, tmp_path: Path) -> None:
    root, site, _ = imported
    copy = tmp_path / "src"
    shutil.copytree(root, copy)
    before = _content(copy)
    code, out, err = _import(copy, "--publish", GOOD)
    assert code == 0, err
    assert "0 new, 0 updated, 3 unchanged" in out
    assert _content(copy) == before
    again = tmp_path / "site"
    build(BuildOptions(root=copy, out_dir=again, jobs=1))
    assert tree_files(again, cache=False) == tree_files(site, cache=False)


def test_the_result_passes_check_as_written(imported) -> None:
    root, _, _ = imported
    result = load_content(root)
    assert result.content is not None, [str(d) for d in result.errors]
    slugs = {m.slug for m in result.content.modules}
    assert {"farmacotherapie-bij-ouderen", "sustainable-supply-chains"} <= slugs
    module = next(m for m in result.content.modules if m.slug == "sustainable-supply-chains")
    assert module.hours == 56 and module.ec is None and module.image is None


def test_staff_edits_are_kept_and_a_changed_badge_class_updates_its_module(
    site: SiteFolder, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    shutil.copytree(GOOD, source)
    assert _import(site.root, source)[0] == 0
    path = site.root / NL_MODULE
    text = path.read_text("utf-8")
    text = text.replace(
        "title:\n  nl: Farmacotherapie bij ouderen\n",
        "# ours\ntitle:\n  nl: Farmacotherapie bij ouderen\n  en: Pharmacotherapy in older people\n"
        "faculty: {nl: Gezondheid, en: Health}  # ours too\n",
    )
    text = text.replace("status: draft\n", "status: published\npublished_on: 2026-11-02\n")
    path.write_text(text + "\n<!-- lang: en -->\nWritten by staff.\n", encoding="utf-8")
    edited = path.read_bytes()
    assert _import(site.root, source)[0] == 0
    assert path.read_bytes() == edited  # nothing the import sets changed
    badge = source / "farmacotherapie-bij-ouderen.json"
    badge.write_text(badge.read_text("utf-8").replace('"EQF": 6', '"EQF": 7'), encoding="utf-8")
    code, out, _ = _import(site.root, source)
    assert code == 0 and "1 updated" in out
    after = path.read_text("utf-8")
    assert "eqf_level: 7" in after
    for kept in (
        "# ours\n",
        "  en: Pharmacotherapy in older people\n",
        "faculty: {nl: Gezondheid, en: Health}  # ours too\n",
        "status: published\npublished_on: 2026-11-02\n",
        "<!-- lang: en -->\nWritten by staff.\n",
    ):
        assert kept in after, kept
    assert len(list((site.root / "content/modules").glob("*.md"))) == 3  # updated, not added


def test_a_module_of_staff_keeps_its_name(site: SiteFolder) -> None:
    site.module("sustainable-supply-chains", MODULE)
    site.module("other", MODULE.replace("ec: 3", "ec: 3\ncourse_code: '56823'"))
    code, out, err = _import(site.root, GOOD)
    assert code == 0, err
    assert "content/modules/sustainable-supply-chains-2.md (new)" in out
    assert (site.root / "content/modules/sustainable-supply-chains.md").read_text() == MODULE
    assert "'56823' is already the course code of content/modules/other.md" in out
    assert "course_code" not in (site.root / NL_MODULE).read_text("utf-8")
    assert load_content(site.root).content is not None


def test_an_image_beside_the_file_by_its_path(site: SiteFolder, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    badge = json.loads((GOOD / "sustainable-supply-chains.json").read_text("utf-8"))
    badge["image"] = {"id": "pictures/chain.png", "caption": "chain"}
    (source / "pictures").mkdir()
    shutil.copy(GOOD / "Xq8cTt4YS7m0fZ3uVbLtpA.png", source / "pictures" / "chain.png")
    (source / "badge.json").write_text(json.dumps(badge), encoding="utf-8")
    code, _, err = _import(site.root, source / "badge.json")
    assert code == 0, err
    written = site.root / "content/images/edubadges/Cw5kP8sLT0yJ6dY2fX1mAh.png"
    assert written.read_bytes() == (GOOD / "Xq8cTt4YS7m0fZ3uVbLtpA.png").read_bytes()
    assert "image: images/edubadges/Cw5kP8sLT0yJ6dY2fX1mAh.png" in (
        site.root / NO_IMAGE_MODULE
    ).read_text("utf-8")


CUT_OFF = '{\n  "type": "BadgeClass",\n  "name": "Half a file",\n'

BAD_CASES = {
    "malformed.json": ["malformed.json:4: malformed JSON"],
    "regular-badge.json": [
        "regular-badge.json: /typeBadgeClass: 'regular': the badge class is not a micro-credential"
    ],
    "not-a-badge-class.json": [
        "not-a-badge-class.json: /type: '[\"Achievement\"]' is not an Open Badges 2.0 BadgeClass"
    ],
    "outside-vocabularies.json": [
        "outside-vocabularies.json: /assessmentType: 'testing' is not one of written_exam,",
        "outside-vocabularies.json: /participation: 'hybrid' is not one of online, onsite,",
        "outside-vocabularies.json: /extensions:EQFExtension/EQF: 9 is not an EQF level (1 to 8)",
        "outside-vocabularies.json: /extensions:LanguageExtension/Language: 'de_DE' is not one of nl_NL, en_EN",
    ],
    "list-without-micro.json": [
        "list-without-micro.json: /0: no micro-credential fields (participation, assessmentType)"
    ],
    "ects-below-minimum.json": [
        "ects-below-minimum.json: /extensions:ECTSExtension/ECTS: 2.5 is not allowed (3–30 EC"
    ],
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_input_names_file_and_pointer_and_writes_nothing(
    site: SiteFolder, tmp_path: Path, name: str
) -> None:
    source = tmp_path / "in"
    shutil.copytree(GOOD, source)  # good badge classes beside the bad one: still nothing
    if name == "malformed.json":  # made here: every JSON file under tests/vectors/ parses
        (source / name).write_text(CUT_OFF, encoding="utf-8")
    else:
        shutil.copy(BAD / name, source / name)
    before = _content(site.root)
    code, out, err = _import(site.root, source)
    assert code == 1
    for line in BAD_CASES[name]:
        assert any(line in printed for printed in err.splitlines()), (line, err)
    assert "nothing was written" in err
    assert _content(site.root) == before
    assert out == ""


def test_the_same_badge_class_twice_with_other_values_is_refused(
    site: SiteFolder, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    badge = json.loads((GOOD / "data-literacy.json").read_text("utf-8"))
    (source / "a.json").write_text(json.dumps(badge), encoding="utf-8")
    badge["name"] = "Another name"
    (source / "b.json").write_text(json.dumps(badge), encoding="utf-8")
    code, _, err = _import(site.root, source)
    assert code == 1 and "b.json: /: the same badge class as" in err


def test_dry_run_writes_nothing(site: SiteFolder) -> None:
    before = _content(site.root)
    code, out, _ = _import(site.root, "--dry-run", GOOD)
    assert code == 0 and "dry run: nothing was written" in out and "3 new" in out
    assert _content(site.root) == before


# -- the mapping's texts -------------------------------------------------------------------------


def test_learning_outcomes_from_markdown() -> None:
    assert outcomes_of("Na afloop:\n\n- Je a.\n- Je b\n  samen.\n* c") == (
        ["Je a.", "Je b samen.", "c"],
        "Na afloop:",
    )
    assert outcomes_of("1. x\n2) y") == (["x", "y"], "")
    assert outcomes_of("One line\ngoes on.\n\nTwo.") == (["One line goes on.", "Two."], "")


def test_summary_and_slug() -> None:
    assert summary_of("# Title\n\nA **bold** [link](https://x.org) text.\n\nMore.", "N") == (
        "A bold link text."
    )
    assert summary_of("", "The name") == "The name"
    long = summary_of("word " * 200, "N")
    assert len(long) <= 400 and long.endswith("…")
    assert slug_of("Zorg & Welzijn: één", "https://x/public/badges/Ab_1") == "zorg-welzijn-een"
    assert slug_of("???", "https://x/public/badges/Ab_1") == "edubadge-ab-1"


def test_module_text_merges_languages_and_keeps_other_keys() -> None:
    existing = (
        "---\ntitle: Oud\nfaculty: X  # staff\nhours: 3\n---\nTekst.\n\n<!-- lang: en -->\nText.\n"
    )
    text = module_text(
        existing,
        {"title": {"en": "New"}, "ec": 3, "hours": None},
        frozenset(),
        ("en", "New body"),
        ("nl", "en"),
    )
    assert text == (
        "---\ntitle:\n  nl: Oud\n  en: New\nfaculty: X  # staff\nec: 3\n---\n"
        "Tekst.\n\n<!-- lang: en -->\nNew body\n"
    )


# -- the Edubadges bulk-award CSV in ``issue`` ---------------------------------------------------

GRADED = MODULE.replace("ec: 3", "ec: 3\ngrade_achieved_required: true")


def test_an_edubadges_bulk_award_csv_is_read_from_its_header(site: SiteFolder) -> None:
    site.module("graded", GRADED)
    content = load_content(site.root).content
    assert content is not None
    rows, warnings = read_results(
        VECTORS / "bulk-award-email.csv", content.modules[0], content.site, "award.csv"
    )
    first = rows[0].recipient
    assert (first.name, first.email, first.grade) == ("Anna de Vries", "anna@example.org", "8")
    assert first.narrative == "Beoordeeld als voldoende."
    assert first.evidence_url == "https://evidence.example.org/anna"
    assert rows[1].recipient.name == "Bram Jansen" and rows[1].recipient.evidence_url is None
    assert {w.field for w in warnings} == {
        "Evidence NAME (optional)",
        "Evidence Description (optional)",
    }


def test_the_eppn_form_without_names_is_refused_at_its_header(site: SiteFolder) -> None:
    site.module("graded", GRADED)
    content = load_content(site.root).content
    assert content is not None
    with pytest.raises(ContentError) as caught:
        read_results(VECTORS / "bulk-award-eppn.csv", content.modules[0], content.site, "award.csv")
    lines = caught.value.lines()
    assert any(
        line.startswith("award.csv:1: name: missing: credsite puts the learner's name")
        for line in lines
    )
    assert any("Recipient EPPN: column not used" in line for line in lines)


def test_a_url_of_the_public_api_fetches_each_badge_class_with_its_micro_fields(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The network stands in for the saved files: an issuer's list, then each badge class with
    ``?expand=micro``, then its image."""
    from credsite.commands import import_

    api = "https://api.edubadges.nl/public"
    served = {
        f"{api}/issuers/Wm9vbG9neUlzc3Vlcg/badges": GOOD / "issuer-badges.json",
        f"{api}/badges/Xq8cTt4YS7m0fZ3uVbLtpA?expand=micro": GOOD
        / "farmacotherapie-bij-ouderen.json",
        f"{api}/badges/Bv7hQ2oKR1uH9cX4eW3nZg?expand=micro": GOOD / "data-literacy.json",
        f"{api}/badges/Xq8cTt4YS7m0fZ3uVbLtpA/image": GOOD / "Xq8cTt4YS7m0fZ3uVbLtpA.png",
        f"{api}/badges/Bv7hQ2oKR1uH9cX4eW3nZg/image": GOOD / "images/Bv7hQ2oKR1uH9cX4eW3nZg.png",
    }
    asked: list[str] = []

    def download(url: str, accept: str, limit: int = 0) -> bytes:
        asked.append(url)
        return served[url].read_bytes()

    monkeypatch.setattr(import_, "_download", download)
    code, out, err = _import(site.root, f"{api}/issuers/Wm9vbG9neUlzc3Vlcg/badges")
    assert code == 0, err
    assert sorted(asked) == sorted(served)
    assert "2 new" in out
    assert (site.root / "content/images/edubadges/Bv7hQ2oKR1uH9cX4eW3nZg.png").is_file()
    assert load_content(site.root).content is not None


TRICKY = [
    "plain",
    "Yes",
    "no",
    "56823",
    "a: b",
    "a #b",
    "ends:",
    "- dash",
    "'q'",
    "x\ny\n\nz",
    "  lead\nx",
    "tab\tin",
    "é accent",
    "4+",
    "[x]",
    "@at",
    "null",
    "~",
    "",
    "trailing ",
    "x\n  indented\ny",
    "ends in a newline\n",
    "!tag",
    "*alias",
    "%p",
    "|pipe",
    ">gt",
    "a:b",
]


@pytest.mark.parametrize("text", TRICKY)
def test_written_yaml_reads_back_as_the_same_text(text: str) -> None:
    import yaml

    from credsite.catalogue.module_file import dump_key

    for value in (text, [text], {"nl": text}):
        assert yaml.safe_load(dump_key("k", value))["k"] == value
