"""The rules of reading a results CSV and of the first pass of ``issue``, pinned message by
message (issue 17): each refusal as the command prints it, with the file and line it names.

Rows are read with ``issuing.read_results`` on a throwaway site; no key is needed for that.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credsite.base.errors import CanonicalizationError, ConfigError, ContentError, Diagnostic
from credsite.catalogue.content import load_content
from credsite.catalogue.model import Module, SiteConfig
from credsite.issuer import issuing
from credsite.issuer.credential import Recipient, StatusEntry, hash_identity
from credsite.issuer.keys import SigningKey
from credsite.issuer.store import StoredCredential

from .conftest import MODULE, SiteFolder
from .issuer_site import BASE_URL, GRADED_MODULE
from .recording_cache import RecordingSubtrees

SHOWN = "results.csv"


def _site_and_module(site: SiteFolder, text: str | None = None) -> tuple[SiteConfig, Module]:
    site.module("test-module", MODULE if text is None else text)
    content = load_content(site.root).content
    assert content is not None
    return content.site, next(m for m in content.modules if m.slug == "test-module")


def _read(site: SiteFolder, tmp_path: Path, text: str, module: str | None = None) -> list[str]:
    """What reading ``text`` as the results CSV reports, as the command prints it: the
    warnings when it is accepted, else every error."""
    config, mod = _site_and_module(site, module)
    path = tmp_path / "in.csv"
    path.write_bytes(text.encode("utf-8"))
    try:
        _, warnings = issuing.read_results(path, mod, config, SHOWN)
    except ContentError as error:
        return [str(d) for d in error.diagnostics]
    return [str(w) for w in warnings]


def _rows(site: SiteFolder, tmp_path: Path, text: str, module: str | None = None) -> list:
    config, mod = _site_and_module(site, module)
    path = tmp_path / "in.csv"
    path.write_bytes(text.encode("utf-8"))
    rows, _ = issuing.read_results(path, mod, config, SHOWN)
    return rows


# -- values that cannot be read ---------------------------------------------------------------

TOO_LONG = (
    'a value longer than 131,072 characters starts on this line; most likely a quote (") '
    "opens a value here that is not closed where it should be"
)


def test_a_header_value_over_the_cell_limit_is_refused_on_line_1(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = '"' + "x" * (128 * 1024 + 1) + '",email\nAda,ada@example.org\n'
    assert _read(site, tmp_path, text) == [f"{SHOWN}:1: {TOO_LONG}"]


def test_a_row_value_over_the_cell_limit_stops_reading_on_its_line(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = (
        "name,email\nAda,ada@example.org\n"
        + '"'
        + "x" * (128 * 1024 + 1)
        + '",alan@example.org\nGrace,bad\n'
    )
    assert _read(site, tmp_path, text) == [f"{SHOWN}:3: {TOO_LONG}"]


def test_another_csv_error_is_said_with_its_own_text() -> None:
    assert (
        issuing._unreadable_row(csv.Error("line contains NUL"))
        == "cannot be read as CSV (line contains NUL)"
    )


def test_a_quote_never_closed_on_the_last_row_is_refused_on_that_row(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = 'name,email\nAda,ada@example.org\n"Alan,alan@example.org\nGrace,grace@example.org\n'
    assert _read(site, tmp_path, text) == [
        f'{SHOWN}:3: a quote (") opens a value on this line that is never closed, so the rest '
        "of the file would be read as that one value; close it or remove it"
    ]


def test_a_value_that_spans_lines_on_purpose_is_read_whole(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = 'name,email,narrative\nAda,ada@example.org,"two\nlines"\n'
    [row] = _rows(site, tmp_path, text)
    assert (row.line, row.recipient.narrative) == (2, "two\nlines")


def test_a_last_row_spanning_lines_with_a_stray_quote_is_not_an_open_quote(
    site: SiteFolder, tmp_path: Path
) -> None:
    """Read strictly, ``"two\\nlines"x`` fails for the stray ``x``, not for an unclosed quote."""
    text = 'name,email,narrative\nAda,ada@example.org,"two\nlines"x\n'
    [row] = _rows(site, tmp_path, text)
    assert (row.line, row.recipient.narrative) == (2, "two\nlinesx")


def test_the_open_quote_line_is_that_of_the_row_where_the_quote_opens() -> None:
    text = 'name,email\nAda,a@x.org\nAlan,b@x.org\n"Grace,c@x.org\nmore\n'
    assert issuing._open_quote_line(text, csv.excel) == 4
    assert issuing._open_quote_line('name,email\n"a\nb",c\n', csv.excel) is None
    assert issuing._open_quote_line("name,email\nAda,a@x.org\n", csv.excel) is None


def test_an_unreadable_value_leaves_the_open_quote_check_to_the_main_pass() -> None:
    text = 'name\n"' + "x" * (128 * 1024 + 1) + '"\nmore\n'
    assert issuing._open_quote_line(text, csv.excel) is None


@pytest.mark.parametrize("text", ["", "\n\n", " ,  ,\nAda,ada@example.org\n"])
def test_a_file_whose_first_line_names_no_column_is_empty(
    site: SiteFolder, tmp_path: Path, text: str
) -> None:
    assert _read(site, tmp_path, text) == [
        f"{SHOWN}:1: empty file (the first line names the columns: name, email, grade, "
        "evidence_url, narrative, language)"
    ]


def test_an_unreadable_file_is_refused_with_the_reason(site: SiteFolder, tmp_path: Path) -> None:
    config, module = _site_and_module(site)
    with pytest.raises(ConfigError) as caught:
        issuing.read_results(tmp_path / "absent.csv", module, config, SHOWN)
    assert str(caught.value) == f"{SHOWN}: cannot read the results file (No such file or directory)"


def test_text_that_is_not_utf8_is_refused_on_the_line_of_the_first_bad_byte(
    site: SiteFolder, tmp_path: Path
) -> None:
    config, module = _site_and_module(site)
    path = tmp_path / "in.csv"
    path.write_bytes(b"name,email\nAda,ada@example.org\nJos\xe9,jose@example.org\n")
    with pytest.raises(ContentError) as caught:
        issuing.read_results(path, module, config, SHOWN)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{SHOWN}:3: not UTF-8 text (save the CSV as UTF-8)"
    ]


# -- how many rows ---------------------------------------------------------------------------


def test_a_file_of_exactly_max_rows_learners_is_read(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(issuing, "MAX_ROWS", 2)
    text = "name,email\nAda,ada@example.org\nAlan,alan@example.org\n"
    assert [r.line for r in _rows(site, tmp_path, text)] == [2, 3]


def test_a_file_of_more_than_max_rows_learners_is_refused_on_the_first_row_too_many(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(issuing, "MAX_ROWS", 2)
    text = (
        "name,email\nAda,ada@example.org\nAlan,alan@example.org\n"
        "Grace,grace@example.org\nEdsger,edsger@example.org\n"
    )
    assert _read(site, tmp_path, text) == [f"{SHOWN}:4: more than 2 rows; split the file"]


def test_blank_rows_are_skipped_and_lines_keep_their_numbers(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = "name,email\n,\nAda,ada@example.org\n  ,  \nAlan,bad\n"
    assert _read(site, tmp_path, text) == [f"{SHOWN}:5: email: 'bad' is not an e-mail address"]


def test_a_value_in_an_unnamed_column_is_refused_with_its_column_number(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = "name,,email\nAda,,ada@example.org\nAlan,x,alan@example.org\n"
    assert _read(site, tmp_path, text) == [
        f"{SHOWN}:3: a value in column 2, which has no name in the first line (name the "
        "column or remove the value)"
    ]


# -- header --------------------------------------------------------------------------------


def test_a_typo_of_a_column_is_an_error_that_names_the_columns(
    site: SiteFolder, tmp_path: Path
) -> None:
    [message] = _read(site, tmp_path, "name,email,grdae\nAda,ada@example.org,8\n")
    assert message.startswith(
        f"{SHOWN}:1: grdae: unknown column (name, email, grade, evidence_url, narrative, language)"
    )
    assert "grade" in message.removeprefix(f"{SHOWN}:1: grdae: unknown column (")


def test_a_missing_required_column_stops_before_any_row(site: SiteFolder, tmp_path: Path) -> None:
    assert _read(site, tmp_path, "name\nAda\n\x00bad\n") == [
        f"{SHOWN}:1: email: column missing (the first line must name it)"
    ]


def test_aliases_and_semicolons_are_read(site: SiteFolder, tmp_path: Path) -> None:
    text = "Naam;E-mail;Taal;Evidence URL\nAda;ADA@Example.org;EN;https://example.org/p\n"
    [row] = _rows(site, tmp_path, text)
    assert row.recipient == Recipient(
        "Ada", "ada@example.org", "en", None, "https://example.org/p", None
    )


def test_an_unused_column_only_warns(site: SiteFolder, tmp_path: Path) -> None:
    assert _read(site, tmp_path, "name,email,student number\nAda,ada@example.org,5\n") == [
        f"{SHOWN}:1: warning: student number: column not used; its values are left out of "
        "the credentials"
    ]


# -- Edubadges' bulk-award CSV ----------------------------------------------------------------

EDUBADGES_HEADER = (
    "Recipient mailadres;Recipient First name;Recipient Surname;Narrative (optional);"
    "Evidence URL (optional);Evidence NAME (optional);Evidence Description (optional);"
    "Grade (optional)\n"
)


def test_an_edubadges_bulk_award_csv_is_read_with_first_name_and_surname_as_the_name(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = EDUBADGES_HEADER + (
        "anna@example.org;Anna;de  Vries;Goed.;https://evidence.example.org/anna;Opdracht;Verslag;8\n"
        "bram@example.org;Bram;Jansen;;;;;7\n"
    )
    rows = _rows(site, tmp_path, text, GRADED_MODULE)
    assert [(r.line, r.recipient) for r in rows] == [
        (
            2,
            Recipient(
                "Anna de Vries",
                "anna@example.org",
                "nl",
                "8",
                "https://evidence.example.org/anna",
                "Goed.",
            ),
        ),
        (3, Recipient("Bram Jansen", "bram@example.org", "nl", "7", None, None)),
    ]


def test_edubadges_columns_credsite_does_not_use_are_warned_with_the_reason(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = (
        EDUBADGES_HEADER.rstrip("\n")
        + ";Recipient EPPN;Remarks;\n"
        + ("anna@example.org;Anna;Vries;;;Naam;Tekst;8;anna@uni.example.org;x\n")
    )
    assert _read(site, tmp_path, text, GRADED_MODULE) == [
        f"{SHOWN}:1: warning: Evidence NAME (optional): column not used (credsite names the "
        "evidence 'Evidence')",
        f"{SHOWN}:1: warning: Evidence Description (optional): column not used (credsite's "
        "evidence has no description)",
        f"{SHOWN}:1: warning: Recipient EPPN: column not used (credsite identifies learners by "
        "e-mail address)",
        f"{SHOWN}:1: warning: Remarks: column not used (not an Edubadges bulk-award column)",
    ]


def test_the_edubadges_eppn_form_is_refused_for_lacking_the_name(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = (
        "Recipient mailadres;Recipient EPPN;Grade (optional)\n"
        "anna@example.org;anna@uni.example.org;8\n"
    )
    assert _read(site, tmp_path, text, GRADED_MODULE) == [
        f"{SHOWN}:1: warning: Recipient EPPN: column not used (credsite identifies learners "
        "by e-mail address)",
        f"{SHOWN}:1: name: missing: credsite puts the learner's name on the credential; use "
        "Edubadges' e-mail form (Recipient First name;Recipient Surname columns)",
    ]


def test_an_edubadges_csv_with_only_a_surname_lacks_the_name(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = "Recipient mailadres;Recipient Surname\nanna@example.org;Vries\n"
    assert _read(site, tmp_path, text) == [
        f"{SHOWN}:1: name: missing: credsite puts the learner's name on the credential; use "
        "Edubadges' e-mail form (Recipient First name;Recipient Surname columns)"
    ]


def test_an_edubadges_csv_without_the_mail_address_is_refused(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = "Recipient First name;Recipient Surname\nAnna;Vries\n"
    assert _read(site, tmp_path, text) == [
        f"{SHOWN}:1: email: column missing (Recipient mailadres)"
    ]


def test_an_edubadges_column_given_twice_is_refused(site: SiteFolder, tmp_path: Path) -> None:
    text = (
        "Recipient mailadres;Recipient First name;Recipient Surname;Grade;grade (optional)\n"
        "anna@example.org;Anna;Vries;8;8\n"
    )
    assert _read(site, tmp_path, text, GRADED_MODULE) == [
        f"{SHOWN}:1: grade (optional): column given twice"
    ]


def test_an_empty_edubadges_header_cell_is_skipped(site: SiteFolder, tmp_path: Path) -> None:
    text = "Recipient mailadres;;Recipient First name;Recipient Surname\nanna@example.org;;A;B\n"
    [row] = _rows(site, tmp_path, text)
    assert (row.recipient.name, row.recipient.email) == ("A B", "anna@example.org")


# -- row values ------------------------------------------------------------------------------


def test_row_limits_hold_at_their_boundaries(site: SiteFolder, tmp_path: Path) -> None:
    name, grade, narrative = "n" * 200, "g" * 50, "t" * 2000
    text = f"name,email,grade,narrative\n{name},ada@example.org,{grade},{narrative}\n"
    [row] = _rows(site, tmp_path, text, GRADED_MODULE)
    assert row.recipient == Recipient(name, "ada@example.org", "nl", grade, None, narrative)


def test_row_values_one_over_their_limits_are_refused(site: SiteFolder, tmp_path: Path) -> None:
    text = f"name,email,grade,narrative\n{'n' * 201},ada@example.org,{'g' * 51},{'t' * 2001}\n"
    assert _read(site, tmp_path, text, GRADED_MODULE) == [
        f"{SHOWN}:2: grade: too long (at most 50 characters)",
        f"{SHOWN}:2: name: too long (at most 200 characters)",
        f"{SHOWN}:2: narrative: too long (at most 2000 characters)",
    ]


def test_a_missing_name_and_email_are_refused(site: SiteFolder, tmp_path: Path) -> None:
    assert _read(site, tmp_path, "name,email,language\n ,,en\n") == [
        f"{SHOWN}:2: email: missing",
        f"{SHOWN}:2: name: missing (the learner's name as it should appear on the credential)",
    ]


def test_an_invisible_character_is_refused_in_every_checked_column(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = "name,email,grade,narrative\nA\u200bda,ada@example.org,8\u2066,n\ufeff\n"
    tail = "which can make text read differently from what it says; remove it"
    assert _read(site, tmp_path, text, GRADED_MODULE) == [
        f"{SHOWN}:2: grade: contains the invisible character U+2066, {tail}",
        f"{SHOWN}:2: name: contains the invisible character U+200B, {tail}",
        f"{SHOWN}:2: narrative: contains the invisible character U+FEFF, {tail}",
    ]


def test_a_control_character_in_a_grade_is_refused(site: SiteFolder, tmp_path: Path) -> None:
    text = "name,email,grade\nAda,ada@example.org,8\x07\n"
    assert _read(site, tmp_path, text, GRADED_MODULE) == [
        f"{SHOWN}:2: grade: contains the control character U+0007, which signatures cannot "
        "cover reliably; remove it"
    ]


def test_a_language_is_read_in_lower_case_and_defaults_to_the_sites(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = "name,email,language\nAda,ada@example.org,EN\nAlan,alan@example.org,\n"
    assert [r.recipient.language for r in _rows(site, tmp_path, text)] == ["en", "nl"]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org/" + "p" * 1981, "too long (at most 2000 characters)"),
        (
            "https://example.org/a b",
            "'https://example.org/a b' contains a space (U+0020), which a web address cannot "
            "hold as it is; write it as %20",
        ),
        (
            "https://example.org/a\u200eb",
            "'https://example.org/a\\u200eb' contains the invisible character U+200E, which a "
            "web address cannot hold as it is; write it as %E2%80%8E",
        ),
        (
            "https://example.org/{x}",
            "'https://example.org/{x}' contains '{' (U+007B), which a web address cannot hold "
            "as it is; write it as %7B",
        ),
        ("https://", "'https://' is not an https:// address"),
    ],
    ids=["too-long", "space", "invisible", "brace", "no-host"],
)
def test_an_evidence_url_that_could_not_be_signed_is_refused_on_its_line(
    site: SiteFolder, tmp_path: Path, url: str, problem: str
) -> None:
    text = f'name,email,evidence_url\nAda,ada@example.org,"{url}"\n'
    assert _read(site, tmp_path, text) == [f"{SHOWN}:2: evidence_url: {problem}"]


def test_an_evidence_url_of_exactly_the_limit_in_upper_case_https_is_accepted(
    site: SiteFolder, tmp_path: Path
) -> None:
    url = "HTTPS://example.org/" + "p" * 1980
    text = f"name,email,evidence_url\nAda,ada@example.org,{url}\n"
    assert [r.recipient.evidence_url for r in _rows(site, tmp_path, text)] == [url]


def test_a_long_value_is_shortened_to_80_characters_in_messages() -> None:
    assert issuing._quoted("x" * 80) == "'" + "x" * 80 + "'"
    assert issuing._quoted("x" * 81) == "'" + "x" * 80 + "…' (81 characters)"
    assert issuing._quoted("a\u2028b") == "'a\\u2028b'"


# -- the first pass and the rest of the run ---------------------------------------------------


def test_a_credential_the_schema_refuses_is_refused_on_its_row(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, module = _site_and_module(site)
    draft = issuing.Draft(module, config, datetime(2026, 3, 2, 10, tzinfo=UTC), SHOWN)
    entry = StatusEntry(f"{BASE_URL}status/revocation-1.json", 7)
    job = issuing.Job(
        issuing.Row(9, Recipient("Ada", "ada@example.org", "nl")), "t" * 32, "s" * 32, entry
    )
    seen: list[bool] = []

    def strict_only(document: object, strict: bool) -> list[str]:
        seen.append(strict)
        return ["proof: required"] if strict else []

    monkeypatch.setattr(issuing, "schema_errors", strict_only)
    with pytest.raises(ContentError) as caught:
        issuing.check_all(draft, [job], processes=1)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{SHOWN}:9: the credential would not follow the Open Badges 3.0 schema (proof: required)"
    ]
    assert seen == [False, True]


def test_a_canonicalization_message_names_the_csv_column_of_its_value() -> None:
    prefix = "cannot canonicalize safely: "
    assert issuing._column(prefix + "evidence[0].id: x") == "evidence_url"
    assert issuing._column(prefix + "credentialSubject.narrative: x") == "narrative"
    assert issuing._column(prefix + "credentialSubject.result[0]: x") == "grade"
    assert issuing._column(prefix + "credentialSubject.identifier[1].identityHash") == "email"
    assert issuing._column(prefix + "credentialSubject.identifier[0].identityHash") == "name"
    assert issuing._column(prefix + "description: x") == "name"
    assert issuing._column(prefix + "issuer.name: x") == ""


def test_a_collection_holds_the_new_and_the_earlier_credentials_of_its_learner(
    tmp_path: Path,
) -> None:
    def row(line: int, email: str) -> issuing.Row:
        return issuing.Row(line, Recipient(email.split("@")[0], email, "nl"))

    issued = [
        issuing.Issued(row(2, "ada@example.org"), "tok-a", "https://x/a", tmp_path / "a"),
        issuing.Issued(row(3, "alan@example.org"), "tok-b", "https://x/b", tmp_path / "b"),
    ]
    earlier = StoredCredential(
        "tok-old", "content/credentials/tok-old.json", str(tmp_path), "", "", "test-module",
        "nl", None, None,
    )  # fmt: skip
    already = [(row(4, "ada@example.org"), earlier)]
    ids = {"ada@example.org": "col-1", "alan@example.org": "col-2"}
    assert issuing.collection_members(issued, already, ids) == {
        "col-1": {"tok-a", "tok-old"},
        "col-2": {"tok-b"},
    }


def test_an_award_date_is_midnight_utc_and_without_one_it_is_now() -> None:
    now = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    assert issuing.issued_at(None, now) == now
    assert issuing.issued_at(datetime(2026, 1, 5).date(), now) == datetime(2026, 1, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+31", "'+31"),
        ("-x", "'-x"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ada", "Ada"),
        ("", ""),
    ],
)
def test_a_mail_merge_cell_that_a_spreadsheet_would_run_is_made_text(cell: str, safe: str) -> None:
    assert issuing._spreadsheet_safe(cell) == safe


def test_the_mail_merge_lists_new_and_earlier_learners_in_csv_order_with_collections(
    site: SiteFolder, tmp_path: Path
) -> None:
    config, _ = _site_and_module(site)
    ada = issuing.Row(3, Recipient("=Ada", "ada@example.org", "nl"))
    alan = issuing.Row(2, Recipient("Alan", "alan@example.org", "nl"))
    issued = [issuing.Issued(ada, "a" * 32, "https://x.example.org/c/a/", tmp_path / "a")]
    earlier = StoredCredential(
        "b" * 32, "content/credentials/b.json", str(tmp_path), "", "", "test-module",
        "nl", None, None,
    )  # fmt: skip
    merge = tmp_path / "merge.csv"
    issuing.write_mail_merge(merge, issued, [(alan, earlier)], config)
    link = f"https://mc.example.org/c/{'b' * 32}/"
    assert merge.read_bytes().decode("utf-8") == (
        "name,email,verification_url,status\r\n"
        f"Alan,alan@example.org,{link},issued before\r\n"
        "'=Ada,ada@example.org,https://x.example.org/c/a/,issued\r\n"
    )
    issuing.write_mail_merge(
        merge, issued, [(alan, earlier)], config, {"ada@example.org": "https://x/l/1/"}
    )
    assert merge.read_bytes().decode("utf-8") == (
        "name,email,verification_url,status,collection_url\r\n"
        f"Alan,alan@example.org,{link},issued before,\r\n"
        "'=Ada,ada@example.org,https://x.example.org/c/a/,issued,https://x/l/1/\r\n"
    )
    assert merge.stat().st_mode & 0o777 == 0o600


def test_a_row_shorter_than_the_header_has_empty_values(site: SiteFolder, tmp_path: Path) -> None:
    [row] = _rows(site, tmp_path, "name,email,narrative\nAda,ada@example.org\n")
    assert row.recipient == Recipient("Ada", "ada@example.org", "nl", None, None, None)


def test_semicolons_are_the_separator_only_when_the_header_has_more_of_them() -> None:
    assert issuing._dialect("name;email;grade,x\nA,b,c,d") is issuing._Semicolon
    assert issuing._dialect("name;email,grade\nA;b;c;d") is csv.excel


def test_the_open_quote_check_starts_at_the_last_row_not_before() -> None:
    """A stray quote on an earlier row, which the lenient reader accepts, is not read again."""
    text = 'name,email\nAda,a@x.org\n"Alan"x,b@x.org\n"Grace,c@x.org\nmore\n'
    assert issuing._open_quote_line(text, csv.excel) == 4


def _held(token: str, module: str, email: str | None, status_list: str | None) -> StoredCredential:
    salt = "s" * 32
    return StoredCredential(
        token, f"content/credentials/{token}.json", "/nowhere", "0" * 64, "", module, "nl",
        status_list, 1 if status_list else None,
        hash_identity(email, salt) if email else None, salt,
    )  # fmt: skip


def test_a_learner_who_holds_the_modules_credential_is_skipped_unless_again(
    site: SiteFolder,
) -> None:
    _, module = _site_and_module(site)
    ada = issuing.Row(2, Recipient("Ada", "ada@example.org", "nl"))
    alan = issuing.Row(3, Recipient("Alan", "alan@example.org", "nl"))
    adas = _held("a" * 32, "test-module", "ada@example.org", None)
    store = [adas, _held("b" * 32, "other-module", "alan@example.org", None)]
    plan = issuing.plan_issue([ada, alan], module, store, again=False)
    assert (plan.new, plan.already) == ([alan], [(ada, adas)])
    plan = issuing.plan_issue([ada, alan], module, store, again=True)
    assert (plan.new, plan.already) == ([ada, alan], [])


def test_indexes_are_taken_from_the_highest_list_and_list_1_when_there_is_none() -> None:
    third = f"{BASE_URL}status/revocation-3.json"
    assert {e.list_url for e in issuing.allocate(3, [], BASE_URL)} == {
        f"{BASE_URL}status/revocation-1.json"
    }
    store = [_held("a" * 32, "m", None, None), _held("b" * 32, "m", None, third)]
    assert {e.list_url for e in issuing.allocate(3, store, BASE_URL)} == {third}


def test_only_the_lists_new_credentials_point_to_that_do_not_exist_yet_are_signed(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, _ = _site_and_module(site)
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(issuing, "existing_list_numbers", lambda root: {1})
    monkeypatch.setattr(issuing, "write_lists", lambda *args: calls.append(args))
    first, second = (f"{BASE_URL}status/revocation-{n}.json" for n in (1, 2))
    store = [_held("a" * 32, "m", None, first), _held("b" * 32, "m", None, None)]
    now = datetime(2026, 3, 2, 10, tzinfo=UTC)
    key = object()
    entries = [StatusEntry(first, 4), StatusEntry(second, 9), StatusEntry("https://x/", 1)]
    issuing.ensure_lists(tmp_path, config, store, entries, {"a": "revoked"}, key, now)  # type: ignore[arg-type]
    assert calls == [
        (
            tmp_path, BASE_URL, {2}, {"a" * 32: (first, 1), "b" * 32: ("", 0)},
            {"a": "revoked"}, key, now, 90,
        )
    ]  # fmt: skip
    calls.clear()
    issuing.ensure_lists(tmp_path, config, store, entries[:1], {}, key, now)  # type: ignore[arg-type]
    assert calls == []


# -- the second pass: the credential file, its link, the workers ------------------------------

KEY = SigningKey("key-1", Ed25519PrivateKey.from_private_bytes(bytes(range(32))))
ISSUED = datetime(2026, 3, 2, 10, tzinfo=UTC)
FIRST_LIST = f"{BASE_URL}status/revocation-1.json"


@pytest.fixture(scope="module")
def private_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteConfig, Module]:
    """A site with ``private: true``: a learner's link carries the id in its fragment."""
    folder = SiteFolder(tmp_path_factory.mktemp("private") / "site")
    folder.write("site.yaml", (folder.root / "site.yaml").read_text() + "private: true\n")
    return _site_and_module(folder)


def _job(line: int, name: str, email: str, language: str, token: str) -> issuing.Job:
    row = issuing.Row(line, Recipient(name, email, language))
    return issuing.Job(row, token, "s" * 32, StatusEntry(FIRST_LIST, line))


def _batch(root: Path, site: tuple[SiteConfig, Module]) -> issuing.Batch:
    config, module = site
    method = "did:web:mc.example.org#key-1"
    return issuing.Batch(root, module, config, ISSUED, KEY, method, "2026-03-02T10:00:00Z")


def _issue(root: Path, site: tuple[SiteConfig, Module], jobs: list[issuing.Job]) -> list:
    config, module = site
    hashes = issuing.check_all(issuing.Draft(module, config, ISSUED, SHOWN), jobs, processes=1)
    return issuing.make_all(_batch(root, site), jobs, hashes, processes=1)


ZOE = _job(2, "Zoë Ÿ", "zoe@example.org", "en", "t" * 32)


@pytest.fixture(scope="module")
def zoe(
    tmp_path_factory: pytest.TempPathFactory, private_site: tuple[SiteConfig, Module]
) -> tuple[Path, list]:
    """Zoë's credential, issued in English on the private site: the site root and the result."""
    root = tmp_path_factory.mktemp("issued")
    return root, _issue(root, private_site, [ZOE])


# The start of Zoë's credential file, as the repository stores it (two-space indent, her name in
# UTF-8), up to the credential's image: her language's badge.
ZOE_HEAD = """\
{
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
  ],
  "id": "https://mc.example.org/c/tttttttttttttttttttttttttttttttt/",
  "type": [
    "VerifiableCredential",
    "OpenBadgeCredential"
  ],
  "name": "Test module",
  "description": "Zoë Ÿ has earned the micro-credential Test module.",
  "issuer": {
    "id": "did:web:mc.example.org",
    "type": [
      "Profile"
    ],
    "name": "Test University",
    "url": "https://mc.example.org/",
    "address": {
      "type": [
        "Address"
      ],
      "addressCountry": "the Netherlands",
      "addressCountryCode": "NL"
    }
  },
  "validFrom": "2026-03-02T10:00:00Z",
  "image": {
    "id": "https://mc.example.org/en/modules/test-module/badge.png",
    "type": "Image"
  },
  "credentialSubject": {
"""

ZOE_TAIL = """\
  "proof": [
    {
      "type": "DataIntegrityProof",
      "cryptosuite": "eddsa-rdfc-2022",
      "created": "2026-03-02T10:00:00Z",
      "verificationMethod": "did:web:mc.example.org#key-1",
      "proofPurpose": "assertionMethod",
      "proofValue": "z"""


def test_a_credential_file_is_json_indented_by_two_with_its_text_in_utf8(
    zoe: tuple[Path, list],
) -> None:
    root, _ = zoe
    data = (root / "content" / "credentials" / f"{'t' * 32}.json").read_bytes()
    text = data.decode("utf-8")
    assert text.startswith(ZOE_HEAD)
    assert text[: text.rindex('"proofValue": "z') + len('"proofValue": "z')].endswith(ZOE_TAIL)
    assert text.endswith('"\n    }\n  ]\n}\n')
    assert data.count("Zoë Ÿ".encode()) == 2  # the description and the name identifier


def test_the_credentials_image_is_the_badge_in_the_learners_language(
    private_site: tuple[SiteConfig, Module],
) -> None:
    config, module = private_site
    assert issuing.badge_url(config, module, "nl") == (
        "https://mc.example.org/nl/modules/test-module/badge.png"
    )
    document = issuing.unsigned_credential(module, config, ISSUED, ZOE)
    assert document["image"] == {
        "id": "https://mc.example.org/en/modules/test-module/badge.png",
        "type": "Image",
    }


def test_an_issued_credential_is_given_with_its_private_link_and_its_file(
    zoe: tuple[Path, list],
) -> None:
    root, issued = zoe
    assert issued == [
        issuing.Issued(
            ZOE.row,
            "t" * 32,
            f"https://mc.example.org/c/#{'t' * 32}",
            root / "content" / "credentials" / f"{'t' * 32}.json",
        )
    ]


def test_the_mail_merge_of_a_private_site_gives_earlier_credentials_private_links(
    private_site: tuple[SiteConfig, Module], tmp_path: Path
) -> None:
    config, _ = private_site
    alan = issuing.Row(2, Recipient("Alan", "alan@example.org", "nl"))
    earlier = StoredCredential(
        "b" * 32, "content/credentials/b.json", str(tmp_path), "", "", "test-module",
        "nl", None, None,
    )  # fmt: skip
    merge = tmp_path / "merge.csv"
    issuing.write_mail_merge(merge, [], [(alan, earlier)], config, {})
    assert merge.read_bytes() == (
        b"name,email,verification_url,status,collection_url\r\n"
        b"Alan,alan@example.org,https://mc.example.org/c/#" + b"b" * 32 + b",issued before,\r\n"
    )


def test_the_first_pass_expands_each_credential_with_the_runs_shared_subtrees(
    private_site: tuple[SiteConfig, Module], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, module = private_site
    shared = RecordingSubtrees()
    monkeypatch.setattr(issuing, "_SHARED", shared)
    ada = _job(3, "Ada", "ada@example.org", "nl", "a" * 32)
    issuing.check_all(issuing.Draft(module, config, ISSUED, SHOWN), [ZOE, ada], processes=1)
    assert [asked["id"] for asked in shared.asked] == [
        f"https://mc.example.org/c/{'t' * 32}/",
        f"https://mc.example.org/c/{'a' * 32}/",
    ]


def test_the_schemas_refusal_names_no_column(
    private_site: tuple[SiteConfig, Module], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, module = private_site
    monkeypatch.setattr(issuing, "schema_errors", lambda document, strict: ["proof: required"])
    with pytest.raises(ContentError) as caught:
        issuing.check_all(issuing.Draft(module, config, ISSUED, SHOWN), [ZOE], processes=1)
    assert caught.value.diagnostics == [
        Diagnostic(
            SHOWN,
            2,
            "",
            "the credential would not follow the Open Badges 3.0 schema (proof: required)",
        )
    ]


def test_text_of_the_module_that_cannot_be_signed_is_said_once_per_problem_naming_no_row(
    private_site: tuple[SiteConfig, Module], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, module = private_site

    def refuse(document: dict, suite: str, shared: object) -> bytes:
        language = document["credentialSubject"]["achievement"]["inLanguage"]
        raise CanonicalizationError(f"cannot canonicalize safely: issuer.name: bad {language}")

    monkeypatch.setattr(issuing.proofs, "document_hash", refuse)
    jobs = [
        ZOE,
        _job(3, "Ada", "ada@example.org", "nl", "a" * 32),
        _job(4, "Alan", "alan@example.org", "nl", "b" * 32),
    ]
    with pytest.raises(ContentError) as caught:
        issuing.check_all(issuing.Draft(module, config, ISSUED, SHOWN), jobs, processes=1)
    said = "its credential cannot be signed (text from this module or site.yaml): "
    said += "cannot canonicalize safely: issuer.name: bad "
    assert caught.value.diagnostics == [
        Diagnostic(module.source, None, "", said + "en"),
        Diagnostic(module.source, None, "", said + "nl"),
    ]


def test_a_worker_used_after_its_run_has_ended_refuses_to_work(
    zoe: tuple[Path, list], private_site: tuple[SiteConfig, Module]
) -> None:
    """The run's draft and batch (which holds the signing key) are gone when it ends."""
    with pytest.raises(AssertionError) as caught:
        issuing.check_credential(ZOE)
    assert str(caught.value) == "worker started without a draft"
    with pytest.raises(AssertionError) as caught:
        issuing.make_credential((ZOE, bytes(32)))
    assert str(caught.value) == "worker started without a batch"


def test_signing_refuses_jobs_and_hashes_that_do_not_pair_up_and_writes_nothing(
    private_site: tuple[SiteConfig, Module], tmp_path: Path
) -> None:
    ada = _job(3, "Ada", "ada@example.org", "nl", "a" * 32)
    with pytest.raises(ValueError, match=r"^zip\(\) argument 2 is shorter than argument 1$"):
        issuing.make_all(_batch(tmp_path, private_site), [ZOE, ada], [bytes(32)], processes=1)
    assert list(tmp_path.rglob("*.json")) == []


def test_jobs_are_planned_only_with_one_status_entry_per_new_learner() -> None:
    plan = issuing.IssuePlan(new=[ZOE.row, issuing.Row(3, Recipient("A", "a@x.org", "nl"))])
    with pytest.raises(ValueError, match=r"^zip\(\) argument 2 is shorter than argument 1$"):
        issuing.plan_jobs(plan, [StatusEntry(FIRST_LIST, 1)])


def test_a_list_three_quarters_full_is_followed_by_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With lists of 4 entries, 3 taken make list 1 full. Credentials whose status names an
    index but no list (a hand-edited file) take no index of the new list."""
    monkeypatch.setattr(issuing, "MIN_ENTRIES", 4)

    def stored(n: int, status_list: str | None, index: int | None) -> StoredCredential:
        return StoredCredential(str(n) * 32, "", "", "", "", "m", "nl", status_list, index)

    store = [stored(n, FIRST_LIST, n) for n in range(3)]
    store += [stored(3, None, 0), stored(4, None, 1)]
    entries = issuing.allocate(2, store, BASE_URL)
    assert [e.list_url for e in entries] == [f"{BASE_URL}status/revocation-2.json"] * 2
    assert len({e.index for e in entries}) == 2


class _RecordingPool:
    def __init__(self, calls: list[tuple[object, ...]], processes: int | None) -> None:
        self.calls, self.processes = calls, processes

    def map(
        self, work: Callable[[int], int], items: list[int], chunksize: int = 1
    ) -> Iterator[int]:
        self.calls.append((self.processes, len(items), chunksize))
        return map(work, items)


@pytest.mark.parametrize(
    ("processes", "count", "pool"),
    [
        (1, 8, None),
        (2, 7, None),
        (2, 8, (2, 8, 1)),
        (3, 40, (3, 40, 3)),
        (2, 264, (2, 264, 32)),
    ],
    ids=["one-process", "seven-items", "eight-items", "a-quarter-share", "at-most-32"],
)
def test_work_is_shared_in_workers_from_8_items_in_chunks_of_a_quarter_share_at_most_32(
    monkeypatch: pytest.MonkeyPatch, processes: int, count: int, pool: tuple[int, ...] | None
) -> None:
    calls: list[tuple[object, ...]] = []

    @contextlib.contextmanager
    def worker_pool(processes: int | None) -> Iterator[_RecordingPool]:
        yield _RecordingPool(calls, processes)

    monkeypatch.setattr(issuing, "worker_pool", worker_pool)
    assert issuing._map(lambda n: n * 2, list(range(count)), processes) == list(
        range(0, 2 * count, 2)
    )
    assert calls == ([] if pool is None else [pool])


def test_exactly_the_bidirectional_controls_and_invisible_marks_are_refused_in_names() -> None:
    refused = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200E, 0x200F, 0x2060]
    neighbours = [0x2029, 0x202F, 0x2065, 0x206A, 0x200A, 0x200C, 0x200D, 0x2010, 0x205F, 0x2061]
    text = "".join(chr(c) for c in [*neighbours, *refused, 0xFEFE, 0xFEFF, 0xFF00, 0x200B])
    assert issuing._invisible_controls(text) == [
        "U+202A", "U+202B", "U+202C", "U+202D", "U+202E", "U+2066", "U+2067", "U+2068",
        "U+2069", "U+200B", "U+200E", "U+200F", "U+2060", "U+FEFF",
    ]  # fmt: skip


# -- reading: what the second half of the first mutation run left ------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"name,email\nJos\xe9,jose@example.org\n",
        b'"' + b"x" * (128 * 1024 + 1) + b'",email\n',
        b"\n",
        b'name,email\n"Ada,ada@example.org\nmore\n',
        b'name,email\n"' + b"x" * (128 * 1024 + 1) + b'",a@x.org\n',
        b"name,,email\nAda,x,ada@example.org\n",
        b"name,email\nAda,ada@example.org\nAlan,alan@example.org\nGrace,grace@example.org\n",
        b"name,email\n",
    ],
    ids=["not-utf8", "long-header", "empty", "open-quote", "long-value", "unnamed", "rows", "none"],
)
def test_a_problem_of_a_whole_line_or_file_names_no_column(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    monkeypatch.setattr(issuing, "MAX_ROWS", 2)
    config, module = _site_and_module(site)
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    with pytest.raises(ContentError) as caught:
        issuing.read_results(path, module, config, SHOWN)
    assert [d.field for d in caught.value.diagnostics] == [""]


def test_a_bad_byte_is_placed_counting_a_blank_first_line(site: SiteFolder, tmp_path: Path) -> None:
    config, module = _site_and_module(site)
    path = tmp_path / "in.csv"
    path.write_bytes(b"\nname,email\nJos\xe9,jose@example.org\n")
    with pytest.raises(ContentError) as caught:
        issuing.read_results(path, module, config, SHOWN)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{SHOWN}:3: not UTF-8 text (save the CSV as UTF-8)"
    ]


def test_line_ends_inside_a_quoted_value_are_kept_as_they_are(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = 'name,email,narrative\r\nAda,ada@example.org,"two\r\nlines\rthree"\r\n'
    [row] = _rows(site, tmp_path, text)
    assert (row.line, row.recipient.narrative) == (2, "two\r\nlines\rthree")


def test_rows_after_a_learner_given_twice_are_still_checked(
    site: SiteFolder, tmp_path: Path
) -> None:
    text = "name,email\nAda,ada@example.org\nAda L,ada@example.org\nAlan,bad\n"
    assert _read(site, tmp_path, text) == [
        f"{SHOWN}:3: email: 'ada@example.org' is also on line 2 (one credential per learner)",
        f"{SHOWN}:4: email: 'bad' is not an e-mail address",
    ]


def test_the_separator_is_chosen_by_the_first_line_alone() -> None:
    assert issuing._dialect("name;email\nA,b,c,d\n") is issuing._Semicolon


def test_an_open_quote_is_found_with_the_files_own_separator() -> None:
    """Read with commas, ``Ada;"x,`` holds no quoted value; with semicolons it opens one."""
    text = 'name;email\nAda;"x,\nmore\n'
    assert issuing._open_quote_line(text, issuing._Semicolon) == 2


def test_a_header_whose_quote_is_never_closed_is_an_open_quote_on_line_1() -> None:
    assert issuing._open_quote_line('"name,email\nAda\n', csv.excel) == 1


def test_a_near_miss_of_a_column_with_a_space_is_an_error_with_a_hint(
    site: SiteFolder, tmp_path: Path
) -> None:
    assert _read(site, tmp_path, "name,email,grade nl\nAda,ada@example.org,8\n") == [
        f"{SHOWN}:1: grade nl: unknown column (name, email, grade, evidence_url, narrative, "
        "language); did you mean 'grade'?"
    ]
    assert _read(site, tmp_path, "name,email,ev. url\nAda,ada@example.org,x\n") == [
        f"{SHOWN}:1: ev. url: unknown column (name, email, grade, evidence_url, narrative, "
        "language); did you mean 'evidence_url'?"
    ]


def test_a_file_with_old_mac_line_ends_is_read(site: SiteFolder, tmp_path: Path) -> None:
    text = "name,email\rAda,ada@example.org\rAlan,alan@example.org\r"
    assert [(r.line, r.recipient.name) for r in _rows(site, tmp_path, text)] == [
        (2, "Ada"),
        (3, "Alan"),
    ]


def test_a_header_with_old_mac_line_ends_whose_quote_is_never_closed_is_an_open_quote() -> None:
    assert issuing._open_quote_line('"name,email\rmore\r', csv.excel) == 1


def test_a_quote_never_closed_in_a_file_with_old_mac_line_ends_is_refused_on_its_row(
    site: SiteFolder, tmp_path: Path
) -> None:
    """Lines end in a lone carriage return (old Mac Excel): the row is found as in any file,
    not a traceback."""
    text = 'name,email\rAda,ada@example.org\r"Alan,alan@example.org\rmore\r'
    assert _read(site, tmp_path, text) == [
        f'{SHOWN}:3: a quote (") opens a value on this line that is never closed, so the rest '
        "of the file would be read as that one value; close it or remove it"
    ]
    assert (
        issuing._open_quote_line('name,email\r\nAda,a@x.org\r\n"Al,b\r\nmore\r\n', csv.excel) == 3
    )


def test_the_separator_of_a_file_with_old_mac_line_ends_is_judged_by_its_header_alone(
    site: SiteFolder, tmp_path: Path
) -> None:
    """Excel's "Macintosh CSV" ends lines with a lone CR: its first line is the header, not the
    whole file, so commas in the values cannot outvote the header's semicolons."""
    text = (
        "name;email;narrative\r"
        "Ada;ada@example.org;wrote, tested, shipped, and, more, commas\r"
        "Alan;alan@example.org;a, b, c\r"
    )
    assert [
        (r.line, r.recipient.name, r.recipient.narrative) for r in _rows(site, tmp_path, text)
    ] == [
        (2, "Ada", "wrote, tested, shipped, and, more, commas"),
        (3, "Alan", "a, b, c"),
    ]
