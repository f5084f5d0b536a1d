"""``python build.py issue``: from a results CSV to signed, immutable credential files.

One file per learner, never issued twice (unless --again), nothing written while any row is
wrong, the mail-merge file private and outside the site, e-mail addresses nowhere in the site,
unguessable ids, random and never reused status indexes, a killed run that leaves only complete
credentials, and one issue run at a time."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from credsite.base.errors import ConfigError
from credsite.issuer import issuing
from credsite.issuer.credential import StatusEntry, new_salt, new_token
from credsite.issuer.store import StoredCredential, load_store
from credsite.standards.statuslist import MIN_ENTRIES

from .conftest import MODULE, REPO, SiteFolder
from .issuer_site import (
    BASE_URL,
    DID,
    DRAFT_MODULE,
    EXPIRING_MODULE,
    GRADED_MODULE,
    ISSUED_AT,
    Issuer,
    tree_files,
)

CORPUS = Path(__file__).parent / "corpus" / "bad-csv"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
TOKEN = re.compile(r"^[a-z2-7]{32}$")
LEARNERS = [
    ["Ada Lovelace", "ada@example.org"],
    ["Alan Turing", "alan@example.org"],
    ["Grace Hopper", "grace@example.org"],
]


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    return Issuer.with_key(site, tmp_path, {"test-module": MODULE, "graded-module": GRADED_MODULE})


def _mail_merge(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _email_identity(credential: dict) -> dict:
    return next(
        i
        for i in credential["credentialSubject"]["identifier"]
        if i["identityType"] == "emailAddress"
    )


def _name_identity(credential: dict) -> str:
    return next(
        i["identityHash"]
        for i in credential["credentialSubject"]["identifier"]
        if i["identityType"] == "name"
    )


def _slots(issuer: Issuer) -> list[tuple[str, int]]:
    slots = []
    for token in issuer.tokens():
        status = issuer.credential(token)["credentialStatus"]
        slots.append((status["statusListCredential"], int(status["statusListIndex"])))
    return slots


# -- issuing ---------------------------------------------------------------------------------


def test_issue_writes_one_signed_file_per_learner(issuer: Issuer) -> None:
    csv_path = issuer.write_csv([["name", "email"], *LEARNERS])
    result = issuer.ok(
        "issue", "--module", "test-module", "--csv", csv_path, "--jobs", "1", at=ISSUED_AT
    )
    lines = result.out.splitlines()
    tokens = [line.rsplit("/c/", 1)[1].rstrip("/") for line in lines if " issued to " in line]
    assert lines[:3] == [
        f"line {n + 2}: issued to {name}: {BASE_URL}c/{token}/"
        for n, ((name, _), token) in enumerate(zip(LEARNERS, tokens, strict=True))
    ]
    assert lines[3] == (
        f"issued 3 credential(s) for 'test-module'; mail merge: {issuer.outside / 'results-1.mailmerge.csv'}"
    )
    assert issuer.tokens() == set(tokens)
    assert sorted(p.name for p in (issuer.root / "content" / "status").iterdir()) == [
        "revocation-1.json",
        "suspension-1.json",
    ]
    for (name, email), token in zip(LEARNERS, tokens, strict=True):
        raw = issuer.credential_path(token).read_bytes()
        assert raw.endswith(b"}\n")
        credential = json.loads(raw)
        assert credential["id"] == f"{BASE_URL}c/{token}/"
        assert credential["issuer"]["id"] == DID
        assert credential["validFrom"] == ISSUED_AT
        assert "validUntil" not in credential
        assert _name_identity(credential) == name
        identity = _email_identity(credential)
        expected_hash = hashlib.sha256((email + identity["salt"]).encode()).hexdigest()
        assert identity["identityHash"] == f"sha256${expected_hash}"
        assert identity["hashed"] is True
        [proof] = credential["proof"]
        assert proof["created"] == ISSUED_AT
        assert proof["verificationMethod"] == f"{DID}#key-2026-03-01"
        assert credential["credentialSubject"]["achievement"]["id"] == (
            f"{BASE_URL}nl/modules/test-module/achievement.json"
        )
    out = issuer.build()
    for token in tokens:
        assert issuer.verify(token, out).state == "verified"
        assert (out / "c" / token / "credential.json").read_bytes() == issuer.credential_path(
            token
        ).read_bytes()


def test_issued_credentials_are_immutable_and_never_issued_twice(issuer: Issuer) -> None:
    tokens = issuer.issue(LEARNERS)
    before = tree_files(issuer.root / "content")

    # the same learners again, with their addresses written differently: nobody is issued
    again = [["Ada Lovelace", "  ADA@example.org "], ["Alan M. Turing", "Alan@Example.org"]]
    csv_path = issuer.write_csv([["name", "email"], *again])
    result = issuer.ok(
        "issue", "--module", "test-module", "--csv", csv_path, "--jobs", "1",
        "--mail-merge", issuer.outside / "again.csv", at="2026-03-03T10:00:00Z",
    )  # fmt: skip
    assert result.out.splitlines()[:2] == [
        f"line 2: Ada Lovelace already holds this credential ({tokens[0]}); skipped (use --again to issue anyway)",
        f"line 3: Alan M. Turing already holds this credential ({tokens[1]}); skipped (use --again to issue anyway)",
    ]
    assert "issued 0 credential(s)" in result.out
    assert tree_files(issuer.root / "content") == before
    assert [row["status"] for row in _mail_merge(issuer.outside / "again.csv")] == [
        "issued before",
        "issued before",
    ]

    # holding another module's credential does not count
    [graded] = issuer.issue([["Ada Lovelace", "ada@example.org", "8"]], module="graded-module")

    # --again issues new credentials and leaves the old ones as they were
    renewed = issuer.issue(LEARNERS[:2], "--again", at="2026-03-04T10:00:00Z")
    assert len(renewed) == 2
    assert not set(renewed) & {*tokens, graded}
    for token, data in before.items():
        assert (issuer.root / "content" / token).read_bytes() == data
    assert len(issuer.tokens()) == 6


def test_mixed_run_issues_only_the_new_learners(issuer: Issuer) -> None:
    [ada] = issuer.issue(LEARNERS[:1])
    merge = issuer.outside / "merge.csv"
    new = issuer.issue(LEARNERS, "--mail-merge", merge)
    assert len(new) == 2
    rows = _mail_merge(merge)
    assert [(r["name"], r["email"], r["status"]) for r in rows] == [
        ("Ada Lovelace", "ada@example.org", "issued before"),
        ("Alan Turing", "alan@example.org", "issued"),
        ("Grace Hopper", "grace@example.org", "issued"),
    ]
    assert [r["verification_url"] for r in rows] == [f"{BASE_URL}c/{t}/" for t in [ada, *new]]


def test_dry_run_writes_nothing(issuer: Issuer) -> None:
    issuer.issue(LEARNERS[:1])
    csv_path = issuer.write_csv([["name", "email"], *LEARNERS])
    issuer.key_file().rename(issuer.outside.parent / "key-away.json")  # no key needed for this
    root_before, outside_before = tree_files(issuer.root, cache=False), tree_files(issuer.outside)
    result = issuer.ok(
        "issue", "--module", "test-module", "--csv", csv_path, "--dry-run", at=ISSUED_AT
    )
    assert result.out.splitlines()[-1] == (
        "dry run: would issue 2 credential(s) for 'test-module'; nothing was written"
    )
    assert "line 2: Ada Lovelace already holds this credential" in result.out
    assert tree_files(issuer.root, cache=False) == root_before
    assert tree_files(issuer.outside) == outside_before


def test_award_date(issuer: Issuer) -> None:
    [token] = issuer.issue(LEARNERS[:1], "--date", "2026-02-14")
    credential = issuer.credential(token)
    assert credential["validFrom"] == "2026-02-14T00:00:00Z"
    assert credential["proof"][0]["created"] == ISSUED_AT  # when it was really signed
    for bad in ("2026-02-30", "14-02-2026", "yesterday"):
        result = issuer.run(
            "issue", "--module", "test-module", "--csv", issuer.write_csv([["name", "email"]]),
            "--date", bad,
        )  # fmt: skip
        assert result.code == 2
        assert f"argument --date: '{bad}' is not a date (YYYY-MM-DD)" in result.err


def test_validity_ends_in_calendar_months(site: SiteFolder, tmp_path: Path) -> None:
    issuer = Issuer.with_key(site, tmp_path, {"expiring": EXPIRING_MODULE})
    [token] = issuer.issue(LEARNERS[:1], "--date", "2026-01-31", module="expiring")
    credential = issuer.credential(token)
    assert (credential["validFrom"], credential["validUntil"]) == (
        "2026-01-31T00:00:00Z",
        "2026-02-28T00:00:00Z",
    )


def test_what_the_csv_says_goes_into_the_credential(issuer: Issuer) -> None:
    rows = [
        ["  Ada   Lovelace ", " Ada@Example.ORG ", "7,5", "https://example.org/portfolio/ada",
         "Ook met \"aanhalingstekens\", komma's\nen twee regels.", "en"],
        ["Alan Turing", "alan@example.org", "8", "", "", ""],
    ]  # fmt: skip
    merge = issuer.outside / "merge.csv"
    ada, alan = issuer.issue(rows, "--mail-merge", merge, module="graded-module")
    credential = issuer.credential(ada)
    subject = credential["credentialSubject"]
    assert _name_identity(credential) == "Ada Lovelace"
    identity = _email_identity(credential)
    digest = hashlib.sha256(("ada@example.org" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${digest}"
    achievement = subject["achievement"]
    assert subject["result"] == [
        {
            "type": ["Result"],
            "resultDescription": achievement["resultDescription"][0]["id"],
            "value": "7,5",
        }
    ]
    assert subject["narrative"] == 'Ook met "aanhalingstekens", komma\'s\nen twee regels.'
    assert credential["evidence"][0]["id"] == "https://example.org/portfolio/ada"
    assert (credential["name"], achievement["inLanguage"]) == ("Test module", "en")
    assert achievement["id"] == f"{BASE_URL}en/modules/graded-module/achievement.json"

    other = issuer.credential(alan)
    assert (other["name"], other["credentialSubject"]["achievement"]["inLanguage"]) == (
        "Testmodule",
        "nl",
    )
    assert "evidence" not in other and "narrative" not in other["credentialSubject"]
    assert [(r["name"], r["email"]) for r in _mail_merge(merge)] == [
        ("Ada Lovelace", "ada@example.org"),
        ("Alan Turing", "alan@example.org"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '\ufeffNaam;E-mail;Taal\r\nAda Lovelace;ada@example.org;EN\r\n\r\n"Turing, Alan";alan@example.org;nl\r\n',
        'name;email\nAda Lovelace;ada@example.org\n"Turing, Alan";alan@example.org\n',
        'Name,Email,Language\n\nAda Lovelace,ada@example.org,en\n"Turing, Alan",alan@example.org,\n\n',
        'mail,naam,,\nada@example.org,Ada Lovelace,,\nalan@example.org,"Turing, Alan",,\n',
    ],
    ids=[
        "semicolons-bom-crlf-dutch-headers",
        "semicolons",
        "blank-lines",
        "empty-spreadsheet-columns",
    ],
)
def test_spreadsheet_csv_variants_are_accepted(issuer: Issuer, text: str) -> None:
    ada, alan = issuer.issue(issuer.write_csv(text))
    assert _name_identity(issuer.credential(ada)) == "Ada Lovelace"
    assert _name_identity(issuer.credential(alan)) == "Turing, Alan"


def test_unknown_or_draft_module_and_other_refusals(site: SiteFolder, tmp_path: Path) -> None:
    issuer = Issuer.with_key(site, tmp_path, {"test-module": MODULE, "draft-module": DRAFT_MODULE})
    csv_path = issuer.write_csv([["name", "email"], *LEARNERS])
    cases = {
        (
            "--module",
            "test-modul",
        ): "error: no module 'test-modul' in content/modules; did you mean 'test-module'?",
        (
            "--module",
            "draft-module",
        ): "error: module 'draft-module' is a draft; publish it before issuing its credential",
        ("--module", "test-module", "--jobs", "0"): "error: --jobs must be at least 1",
    }
    for args, message in cases.items():
        result = issuer.run("issue", "--csv", csv_path, *args)
        assert (result.code, result.error_lines()) == (1, [message])
    missing = issuer.outside / "missing.csv"
    result = issuer.run("issue", "--module", "test-module", "--csv", missing)
    assert result.error_lines() == [
        f"error: {missing.as_posix()}: cannot read the results file (No such file or directory)"
    ]
    assert not (issuer.root / "content" / "credentials").exists()


# -- the mail-merge file ---------------------------------------------------------------------


def test_mail_merge_file_is_private_and_complete(issuer: Issuer) -> None:
    csv_path = issuer.write_csv([["name", "email"], *LEARNERS], name="cohort.csv")
    stale = issuer.outside / "cohort.mailmerge.csv"
    stale.write_text("an old, readable file\n", encoding="utf-8")
    stale.chmod(0o644)
    tokens = issuer.issue(csv_path, "--mail-merge", stale)
    assert stale.stat().st_mode & 0o777 == 0o600
    assert _mail_merge(stale) == [
        {"name": name, "email": email, "verification_url": f"{BASE_URL}c/{t}/", "status": "issued"}
        for (name, email), t in zip(LEARNERS, tokens, strict=True)
    ]
    # by default the file goes next to the results CSV
    default = issuer.outside / "cohort2.mailmerge.csv"
    issuer.ok(
        "issue", "--module", "graded-module", "--csv",
        issuer.write_csv([["name", "email", "grade"], ["Ada Lovelace", "ada@example.org", "9"]], name="cohort2.csv"),
        "--jobs", "1",
    )  # fmt: skip
    assert default.stat().st_mode & 0o777 == 0o600
    assert [r["email"] for r in _mail_merge(default)] == ["ada@example.org"]
    assert not list(issuer.outside.glob(".*.tmp-*"))


@pytest.mark.parametrize("where", ["explicit", "next-to-csv", "through-a-link"])
def test_mail_merge_inside_the_site_is_refused(issuer: Issuer, where: str) -> None:
    if where == "explicit":
        csv_path = issuer.write_csv([["name", "email"], *LEARNERS])
        target = issuer.root / "mail.csv"
        args = ["--mail-merge", target]
    elif where == "next-to-csv":
        csv_path = issuer.site.write("results.csv", "name,email\nAda Lovelace,ada@example.org\n")
        target = issuer.root / "results.mailmerge.csv"
        args = []
    else:
        csv_path = issuer.write_csv([["name", "email"], *LEARNERS])
        (issuer.outside / "link").symlink_to(issuer.root / "content", target_is_directory=True)
        target = (issuer.root / "content" / "mail.csv").resolve()
        args = ["--mail-merge", issuer.outside / "link" / "mail.csv"]
    before = tree_files(issuer.root, cache=False)
    result = issuer.run("issue", "--module", "test-module", "--csv", csv_path, *args)
    assert result.error_lines() == [
        f"error: the mail-merge file would be written to {target.resolve()}, inside the site's folder; it holds e-mail addresses, which never enter git: pass --mail-merge PATH outside {issuer.root}"
    ]
    assert tree_files(issuer.root, cache=False) == before


def test_no_email_address_anywhere_in_the_site_or_its_build(issuer: Issuer) -> None:
    learners = [
        ["Ada Lovelace", "Ada.Lovelace+MC@Analytical-Engine.example", "7", "", "Well done.", "en"],
        ["Alan Turing", "alan.turing@bletchley.example", "8", "", "", "nl"],
        ["Grace Hopper", "grace.hopper@cobol.example", "9", "https://example.org/e/1", "", ""],
    ]
    tokens = issuer.issue(learners, module="graded-module")
    issuer.issue([[name, email] for name, email, *_ in learners])
    issuer.ok("revoke", tokens[0], "--reason", "test", at="2026-03-05T10:00:00Z")
    issuer.ok("suspend", tokens[1], "--reason", "test", at="2026-03-05T10:01:00Z")
    issuer.ok("unpublish", tokens[2], at="2026-03-05T10:02:00Z")
    issuer.ok("build", "--jobs", "1")  # into the site's own folder: site/
    out = issuer.build()
    assert (issuer.root / "site" / "c").is_dir()

    needles = []
    for _, email, *_ in learners:
        normal = email.strip().lower()
        needles += [normal.encode(), normal.split("@")[0].encode(), normal.split("@")[1].encode()]
        needles.append(hashlib.sha256(normal.encode()).hexdigest().encode())  # unsalted
    for folder in (issuer.root, out):
        files = tree_files(folder)
        assert len(files) > 20
        for relative, data in files.items():
            lowered = data.lower()
            for needle in needles:
                assert needle not in lowered, f"{needle!r} in {folder}/{relative}"


# -- every bad CSV ---------------------------------------------------------------------------


def test_every_corpus_csv_has_expectations() -> None:
    assert {p.name for p in CORPUS.glob("*.csv")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_csv_reports_every_problem_and_writes_nothing(
    issuer: Issuer, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = EXPECTED[name]
    summary = f"error: {len(case['errors'])} error(s) in content; nothing was written"
    monkeypatch.chdir(CORPUS)  # so that the file is shown by its name
    corpus_before = sorted(p.name for p in CORPUS.iterdir())
    root_before = tree_files(issuer.root, cache=False)
    merge = issuer.outside / "mail.csv"
    for extra in ([], ["--dry-run"]):
        result = issuer.run(
            "issue", "--module", case["module"], "--csv", name, "--mail-merge", merge, *extra,
            at=ISSUED_AT,
        )  # fmt: skip
        assert (result.code, result.error_lines()) == (1, [*case["errors"], summary])
        assert result.out == ""
        assert tree_files(issuer.root, cache=False) == root_before
        assert not merge.exists()
    assert sorted(p.name for p in CORPUS.iterdir()) == corpus_before


def test_other_columns_of_a_results_export_are_left_out_with_a_warning(issuer: Issuer) -> None:
    """A student number or remark column is common in exports; it is not a typo of ours."""
    path = issuer.write_csv(
        [["name", "email", "student number"], ["Ada Lovelace", "ada@example.org", "500123"]]
    )
    result = issuer.run(
        "issue",
        "--module",
        "test-module",
        "--csv",
        path,
        "--mail-merge",
        issuer.outside / "m.csv",
        at=ISSUED_AT,
    )
    assert result.code == 0, result.err
    assert (
        f"{path.as_posix()}:1: warning: student number: column not used; its values are left out of the credentials"
        in result.err
    )
    assert "500123" not in "".join(
        p.read_text() for p in (issuer.root / "content/credentials").glob("*.json")
    )


def test_a_mail_merge_cell_that_looks_like_a_formula_is_made_text(issuer: Issuer) -> None:
    merge = issuer.outside / "m.csv"
    issuer.issue([['=HYPERLINK("http://evil")', "ada@example.org"]], "--mail-merge", merge)
    assert "'=HYPERLINK" in merge.read_text()


def test_invisible_direction_marks_in_a_name_are_refused(issuer: Issuer) -> None:
    path = issuer.write_csv([["name", "email"], ["Ada \u202eecalevoL", "ada@example.org"]])
    result = issuer.run(
        "issue",
        "--module",
        "test-module",
        "--csv",
        path,
        "--mail-merge",
        issuer.outside / "m.csv",
        at=ISSUED_AT,
    )
    assert result.code == 1
    assert "name: contains the invisible character U+202E" in result.err


# -- identifiers and status indexes ----------------------------------------------------------


def test_ids_are_unguessable() -> None:
    tokens = [new_token() for _ in range(20_000)]
    assert len(set(tokens)) == len(tokens)
    assert all(TOKEN.match(t) for t in tokens)  # 32 base32 characters: 160 random bits
    # every position takes every value: no fixed prefix, counter or timestamp inside
    for position in range(32):
        assert len({t[position] for t in tokens}) == 32
    salts = [new_salt() for _ in range(20_000)]
    assert len(set(salts)) == len(salts)
    assert all(re.fullmatch(r"[0-9a-f]{32}", s) for s in salts)  # 128 bits


def test_issued_ids_and_salts_never_repeat(issuer: Issuer) -> None:
    learners = [[f"Learner {n}", f"learner{n}@example.org"] for n in range(20)]
    tokens = issuer.issue(learners)
    tokens += issuer.issue(learners, "--again")
    tokens += issuer.issue(learners[:10], "--again", "--jobs", "2")
    assert len(tokens) == len(set(tokens)) == 50
    credentials = [issuer.credential(t) for t in tokens]
    assert all(TOKEN.match(t) for t in tokens)
    assert len({c["id"] for c in credentials}) == 50
    assert len({_email_identity(c)["salt"] for c in credentials}) == 50
    assert len({_email_identity(c)["identityHash"] for c in credentials}) == 50
    out = issuer.build()
    for token in tokens[-10:]:  # the ones signed in parallel
        assert issuer.verify(token, out).state == "verified"


def test_status_indexes_are_random_and_never_reused(issuer: Issuer) -> None:
    for run in range(4):
        batch = [[f"Learner {run}-{n}", f"l{run}.{n}@example.org"] for n in range(15)]
        issuer.issue(batch, at=f"2026-03-0{run + 2}T10:00:00Z")
    slots = _slots(issuer)
    assert len(slots) == len(set(slots)) == 60
    assert {url for url, _ in slots} == {f"{BASE_URL}status/revocation-1.json"}
    indexes = sorted(index for _, index in slots)
    assert all(0 <= i < MIN_ENTRIES for i in indexes)
    # not a counter: spread over the list, with gaps (60 random draws from 131,072 values
    # ending up this tight or this regular has a negligible probability)
    assert indexes[-1] - indexes[0] > MIN_ENTRIES // 2
    assert len({b - a for a, b in itertools.pairwise(indexes)}) > 40


def _stored(token: str, url: str, index: int) -> StoredCredential:
    return StoredCredential(
        token,
        f"content/credentials/{token}.json",
        "/nowhere",
        "0" * 64,
        f"{BASE_URL}c/{token}/",
        "m",
        "nl",
        url,
        index,
    )


def test_allocation_skips_taken_indexes(monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"{BASE_URL}status/revocation-1.json"
    store = [_stored("a" * 32, url, 5), _stored("b" * 32, url, 7)]
    draws = iter([5, 7, 5, 9, 9, 7, 11])
    monkeypatch.setattr(issuing.secrets, "randbelow", lambda _: next(draws))
    entries = issuing.allocate(2, store, BASE_URL)
    assert entries == [StatusEntry(url, 9), StatusEntry(url, 11)]


def test_a_new_status_list_starts_when_three_quarters_are_used() -> None:
    first = f"{BASE_URL}status/revocation-1.json"
    used = int(0.75 * MIN_ENTRIES)
    store = [_stored(f"{n:032d}", first, n) for n in range(used)]
    entries = issuing.allocate(50, store, BASE_URL)
    assert {e.list_url for e in entries} == {f"{BASE_URL}status/revocation-2.json"}
    assert len({e.index for e in entries}) == 50
    fewer = issuing.allocate(50, store[:-1], BASE_URL)
    assert {e.list_url for e in fewer} <= {first, f"{BASE_URL}status/revocation-2.json"}
    assert fewer[0].list_url == first


# -- a killed run, and one run at a time -----------------------------------------------------


def _count(folder: Path) -> int:
    try:
        return sum(1 for e in os.scandir(folder) if e.name.endswith(".json") and e.name[0] != ".")
    except FileNotFoundError:
        return 0


def _lock_is_free(root: Path) -> bool:
    try:
        with issuing.issue_lock(root):
            return True
    except ConfigError:
        return False


LEARNERS_KILLED = 160


@pytest.mark.slow
@pytest.mark.parametrize("kill", ["process-group", "main-process-only"])
def test_a_killed_issue_run_leaves_only_complete_credentials(issuer: Issuer, kill: str) -> None:
    """SIGKILL in the middle of writing: by Ctrl+C-like group kill, or of the main process only
    (an out-of-memory kill, ``kill PID``), whose signing workers must then end too."""
    # The kill comes once 20 files are written; the other 140 take about 0.4 s more to write
    # on a loaded 2-core machine (some 3 ms a file), against a 0.5 ms poll: the run is still
    # writing when it is killed, and the test fails loudly ("ended before it could be killed")
    # if it ever is not.
    learners = [[f"Learner {n}", f"learner{n}@example.org"] for n in range(LEARNERS_KILLED)]
    csv_path = issuer.write_csv([["name", "email"], *learners])
    folder = issuer.root / "content" / "credentials"
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(issuer.root), "issue",
         "--module", "test-module", "--csv", str(csv_path), "--jobs", "2",
         "--mail-merge", str(issuer.outside / "killed.csv")],
        env=issuer.process_env(at=ISSUED_AT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the run and its workers form a process group of their own
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while _count(folder) < 20 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        assert process.poll() is None, "the run ended before it could be killed"
        if kill == "process-group":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while not _lock_is_free(issuer.root) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _lock_is_free(issuer.root), "workers outlived their run and hold the issue lock"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the group we started
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    written = issuer.tokens()
    assert 20 <= len(written) < LEARNERS_KILLED, len(written)
    assert not (issuer.outside / "killed.csv").exists()

    # what is there is complete: the build accepts it and every credential verifies
    out = issuer.build()
    assert {p.name for p in (out / "c").iterdir()} == written
    for token in written:
        assert issuer.verify(token, out).state == "verified"
    slots = _slots(issuer)
    assert len(slots) == len(set(slots))

    # the same CSV again completes the set: nobody twice, no index twice, no leftovers
    merge = issuer.outside / "completed.csv"
    new = issuer.issue(csv_path, "--mail-merge", merge, "--jobs", "2", at="2026-03-02T11:00:00Z")
    assert len(new) == LEARNERS_KILLED - len(written)
    assert len(issuer.tokens()) == LEARNERS_KILLED
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]
    store, problems = load_store(issuer.root)
    assert problems == []
    for _, email in learners:
        assert sum(c.holds(email) for c in store) == 1, email
    slots = _slots(issuer)
    assert len(slots) == len(set(slots)) == LEARNERS_KILLED
    rows = _mail_merge(merge)
    assert [r["email"] for r in rows] == [email for _, email in learners]
    assert sum(r["status"] == "issued before" for r in rows) == len(written)
    issuer.build()  # verifies them all


def _hold_the_lock(root: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\nfrom pathlib import Path\nfrom credsite.issuer.issuing import issue_lock\n"
         "with issue_lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n    sys.stdin.read()\n",
         str(root)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_concurrent_runs_are_refused_by_the_lock(issuer: Issuer) -> None:
    [token] = issuer.issue(LEARNERS[:1])
    csv_path = issuer.write_csv([["name", "email"], *LEARNERS[1:]])
    before = tree_files(issuer.root / "content"), (issuer.root / "keys.yaml").read_bytes()
    message = "error: another issue, revoke or keygen command is running for this site; wait for it"
    holder = _hold_the_lock(issuer.root)
    try:
        commands = [
            ("issue", "--module", "test-module", "--csv", csv_path, "--jobs", "1"),
            ("revoke", token, "--reason", "test"),
            ("keygen", "--key-file", issuer.outside / "second.json"),
            ("key", "compromised", "key-2026-03-01", "--since", "2026-03-05T00:00:00Z"),
        ]
        for command in commands:
            result = issuer.run(*command, at=ISSUED_AT)
            assert (result.code, result.error_lines()) == (1, [message]), command
        assert (
            tree_files(issuer.root / "content"),
            (issuer.root / "keys.yaml").read_bytes(),
        ) == before
        assert not (issuer.outside / "second.json").exists()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
    assert len(issuer.issue(csv_path)) == 2  # free again once the other run ends


# -- issued files are never edited ---------------------------------------------------------


def test_an_edited_credential_fails_the_build(issuer: Issuer) -> None:
    [token] = issuer.issue(LEARNERS[:1])
    path = issuer.credential_path(token)
    path.write_text(path.read_text("utf-8").replace('"Testmodule"', '"Testmodule (cum laude)"'))
    result = issuer.run("build", "--out", issuer.builds / "edited", "--jobs", "1")
    assert (result.code, result.error_lines()) == (
        1,
        [
            f"content/credentials/{token}.json: does not verify: The signature is not valid: the credential was changed, or not signed by this key. the signature does not match: the credential was changed after signing, or it was signed with another key",
            "error: 1 error(s) in content; nothing was written",
        ],
    )
    assert not (issuer.builds / "edited").exists()


def test_a_renamed_credential_fails_the_build(issuer: Issuer) -> None:
    """Published under its file name, a renamed credential would sit at a page that is not its
    id, and the link the learner received would break."""
    [token] = issuer.issue(LEARNERS[:1])
    other = "a" * 32
    issuer.credential_path(token).rename(issuer.credential_path(other))
    result = issuer.run("build", "--out", issuer.builds / "renamed", "--jobs", "1")
    assert (result.code, result.error_lines()) == (
        1,
        [
            f"content/credentials/{other}.json: id: '{BASE_URL}c/{token}/' does not match the file name; issued credentials must never be renamed or edited",
            "error: 1 error(s) in content; nothing was written",
        ],
    )
