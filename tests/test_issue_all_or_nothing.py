"""An issue run is all or nothing (issue 11, item 5).

Every check signing can fail runs in the first pass over the CSV, which ``--dry-run`` is, with
the CSV line in its message; a real run then either writes every credential or none. Before,
an evidence URL with '<' on row 302 passed the dry run, and the real run wrote 300 credentials
before stopping with a message about a credential URL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from credsite.base.errors import ContentError
from credsite.catalogue.content import load_content
from credsite.issuer import issuing
from credsite.issuer.credential import Recipient, StatusEntry, new_salt, new_token

from .conftest import SiteFolder
from .issuer_site import BASE_URL, GRADED_MODULE, ISSUED_AT, Issuer, Run, tree_files

SUMMARY = "error: 1 error(s) in content; nothing was written"


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    return Issuer.with_key(site, tmp_path)


def _run_both(issuer: Issuer, csv_path: Path) -> list[Run]:
    """The dry run, then the real run (on two cores, as staff run it)."""
    merge = issuer.outside / "mail.csv"
    common = ["issue", "--module", "test-module", "--csv", csv_path, "--mail-merge", merge]
    return [
        issuer.run(*common, "--jobs", "2", *extra, at=ISSUED_AT) for extra in (["--dry-run"], [])
    ]


@pytest.mark.slow
def test_a_bad_evidence_url_on_row_302_fails_the_dry_run_and_the_real_run_writes_nothing(
    issuer: Issuer,
) -> None:
    rows = [["name", "email", "evidence_url"]]
    rows += [
        [f"Learner {n}", f"learner{n}@example.org", f"https://example.org/p/{n}"]
        for n in range(300)
    ]
    rows.append(["Last Learner", "last@example.org", "https://example.org/<script>"])  # line 302
    path = issuer.write_csv(rows)
    before = tree_files(issuer.root, cache=False)
    expected = [
        f"{path}:302: evidence_url: 'https://example.org/<script>' contains '<' (U+003C), which "
        "a web address cannot hold as it is; write it as %3C",
        SUMMARY,
    ]
    for result in _run_both(issuer, path):
        assert (result.code, result.error_lines(), result.out) == (1, expected, "")
        assert "Traceback" not in result.err
        assert tree_files(issuer.root, cache=False) == before
        assert issuer.tokens() == set()
        assert not (issuer.outside / "mail.csv").exists()


@pytest.mark.parametrize(
    ("url", "what", "written"),
    [
        ("https://example.org/a>b", "'>' (U+003E)", "%3E"),
        ('https://example.org/a"b', "'\"' (U+0022)", "%22"),
        ("https://example.org/{x}", "'{' (U+007B)", "%7B"),
        ("https://example.org/a|b", "'|' (U+007C)", "%7C"),
        ("https://example.org/a\\b", "'\\' (U+005C)", "%5C"),
        ("https://example.org/a^b", "'^' (U+005E)", "%5E"),
        ("https://example.org/a`b", "'`' (U+0060)", "%60"),
        ("https://example.org/a b", "a space (U+0020)", "%20"),
        ("https://example.org/a\u00a0b", "the invisible character U+00A0", "%C2%A0"),
        ("https://example.org/a\u2028b", "the invisible character U+2028", "%E2%80%A8"),
        ("https://example.org/a\u200bb", "the invisible character U+200B", "%E2%80%8B"),
        ("https://example.org/a\u202eb", "the invisible character U+202E", "%E2%80%AE"),
    ],
)
def test_an_evidence_url_that_cannot_be_signed_is_refused_on_its_line(
    issuer: Issuer, url: str, what: str, written: str
) -> None:
    path = issuer.write_csv(
        [
            ["name", "email", "evidence_url"],
            ["Ada", "ada@example.org", ""],
            ["Alan", "alan@example.org", url],
        ]
    )
    dry, real = _run_both(issuer, path)
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in url)
    message = f"{path}:3: evidence_url: '{shown}' contains {what}, which a web address cannot hold as it is; write it as {written}"
    assert (dry.code, dry.error_lines()) == (1, [message, SUMMARY])
    assert (real.code, real.error_lines()) == (1, [message, SUMMARY])
    assert issuer.tokens() == set()


def test_a_long_evidence_url_is_refused_and_a_long_value_is_shortened_in_messages(
    issuer: Issuer,
) -> None:
    long_url = "https://example.org/" + "a" * issuing.MAX_URL
    path = issuer.write_csv(
        [
            ["name", "email", "evidence_url"],
            ["Ada", "ada@example.org", long_url],
            ["Alan", "x" * 500, ""],
        ]
    )
    dry, _ = _run_both(issuer, path)
    assert dry.error_lines() == [
        f"{path}:2: evidence_url: too long (at most {issuing.MAX_URL} characters)",
        f"{path}:3: email: '{'x' * 80}…' (500 characters) is not an e-mail address",
        "error: 2 error(s) in content; nothing was written",
    ]


def test_a_url_that_is_allowed_still_issues(issuer: Issuer) -> None:
    """Non-ASCII letters are allowed in an IRI, and percent-encoded characters anywhere."""
    urls = ["https://example.org/bestand-é.pdf", "https://example.org/a%3Cb%20c?q=1#top"]
    tokens = issuer.issue(
        [["Ada", "ada@example.org", "", urls[0]], ["Alan", "alan@example.org", "", urls[1]]]
    )
    assert [issuer.credential(t)["evidence"][0]["id"] for t in tokens] == urls


# -- the first pass itself: what the row checks do not know about is still caught -------------


def _draft_and_job(
    site: SiteFolder, recipient: Recipient, line: int
) -> tuple[issuing.Draft, issuing.Job]:
    content = load_content(site.root).content
    assert content is not None
    module = next(m for m in content.modules if m.slug == "test-module")
    issued = datetime(2026, 3, 2, 10, tzinfo=UTC)
    draft = issuing.Draft(module, content.site, issued, "results.csv")
    entry = StatusEntry(f"{BASE_URL}status/revocation-1.json", 7)
    return draft, issuing.Job(issuing.Row(line, recipient), new_token(), new_salt(), entry)


@pytest.mark.parametrize(
    ("recipient", "column", "reason"),
    [
        (
            Recipient("Ada", "ada@example.org", "nl", evidence_url="https://example.org/<x>"),
            "evidence_url",
            "@id IRI 'https://example.org/<x>' contains U+003C",
        ),
        (Recipient("Ada\x07", "ada@example.org", "nl"), "name", "control character U+0007"),
        (
            Recipient("Ada", "ada@example.org", "nl", grade="8\x1b"),
            "grade",
            "control character U+001B",
        ),
        (
            Recipient("Ada", "ada@example.org", "nl", narrative="\x0b"),
            "narrative",
            "control character U+000B",
        ),
    ],
    ids=["evidence-url", "name", "grade", "narrative"],
)
def test_the_first_pass_canonicalizes_every_credential_and_names_the_row(
    site: SiteFolder, recipient: Recipient, column: str, reason: str
) -> None:
    """Rows made here skip the CSV checks: what canonicalization refuses is reported on the
    row's line before anything is signed or written, not by the signer half-way."""
    site.module("test-module", GRADED_MODULE)
    draft, job = _draft_and_job(site, recipient, 41)
    good_draft, good = _draft_and_job(
        site, Recipient("Alan", "alan@example.org", "nl", grade="8"), 40
    )
    with pytest.raises(ContentError) as caught:
        issuing.check_all(draft, [good, job], processes=1)
    [problem] = caught.value.diagnostics
    assert (problem.path, problem.line, problem.field) == ("results.csv", 41, column)
    assert problem.message.startswith("cannot be signed: cannot canonicalize safely: ")
    assert reason in problem.message
    assert len(issuing.check_all(good_draft, [good], processes=1)) == 1


def test_module_text_that_cannot_be_signed_is_said_once_and_nothing_is_issued(
    site: SiteFolder, tmp_path: Path
) -> None:
    """A control character written as a YAML escape ("\\v") in a module's title reaches every
    credential of the module: one message naming the module, not one per CSV row."""
    module = GRADED_MODULE.replace("title: {nl: Testmodule,", 'title: {nl: "Test\\vmodule",')
    issuer = Issuer.with_key(site, tmp_path, {"test-module": module})
    path = issuer.write_csv(
        [
            ["name", "email", "grade"],
            ["Ada", "ada@example.org", "8"],
            ["Alan", "alan@example.org", "7"],
        ]
    )
    before = tree_files(issuer.root, cache=False)
    for result in _run_both(issuer, path):
        assert result.code == 1, result.text
        [problem, summary] = result.error_lines()
        assert problem.startswith(
            "content/modules/test-module.md: its credential cannot be signed (text from this "
            "module or site.yaml): cannot canonicalize safely: "
        )
        assert "control character U+000B" in problem
        assert summary == SUMMARY
        assert tree_files(issuer.root, cache=False) == before
