"""``issue``: from a results CSV to signed credentials in ``content/credentials/``.

Every row is checked before anything is written; then credentials are built, signed on all
cores and written one file at a time, each atomically. A run killed half-way leaves complete
credentials and nothing else; running the same CSV again issues the rest (learners who already
hold the module's credential are skipped unless ``--again``), and status indexes are taken only
from files that exist, so none is ever used twice.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import secrets
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from credsite.base import urls
from credsite.base.atomic import remove_stale_temporaries, write_atomically
from credsite.base.errors import (
    CanonicalizationError,
    ConfigError,
    ContentError,
    Diagnostic,
    Severity,
)
from credsite.base.limits import MAX_CSV_CELL
from credsite.base.workers import worker_pool
from credsite.catalogue.fields import did_you_mean, is_email, is_web_url
from credsite.catalogue.model import Module, SiteConfig
from credsite.issuer.credential import (
    Recipient,
    StatusEntry,
    build_credential,
    new_salt,
    new_token,
    normalise_email,
)
from credsite.issuer.keys import SigningKey
from credsite.issuer.status import FULL, existing_list_numbers, list_url, write_lists
from credsite.issuer.store import CREDENTIALS_DIR, StoredCredential, list_number, used_indexes
from credsite.standards import proofs
from credsite.standards.cryptosuites import DEFAULT_SUITE
from credsite.standards.jsonld import SharedSubtree, find_unsafe_text
from credsite.standards.schema import schema_errors
from credsite.standards.statuslist import MIN_ENTRIES

COLUMNS = ("name", "email", "grade", "evidence_url", "narrative", "language")
ALIASES = {
    "e-mail": "email",
    "mail": "email",
    "evidence": "evidence_url",
    "evidence url": "evidence_url",
    "naam": "name",
    "cijfer": "grade",
    "taal": "language",
}
REQUIRED = ("name", "email")
# Edubadges' bulk-award CSV (apps/mainsite/static/sample_direct_award*.csv in
# edubadges/edubadges-server), told by its first column's name as Edubadges itself does: its
# columns, "(optional)" left off, and what credsite makes of each (None: not used, and why).
EDUBADGES_COLUMNS: dict[str, str | tuple[None, str]] = {
    "recipient mailadres": "email",
    "recipient first name": "first_name",
    "recipient surname": "surname",
    "recipient eppn": (None, "credsite identifies learners by e-mail address"),
    "narrative": "narrative",
    "evidence url": "evidence_url",
    "evidence name": (None, "credsite names the evidence 'Evidence'"),
    "evidence description": (None, "credsite's evidence has no description"),
    "grade": "grade",
}
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Row:
    line: int
    recipient: Recipient


@dataclass
class IssuePlan:
    """What an issue run will do, known before anything is written (``--dry-run`` shows it)."""

    new: list[Row] = field(default_factory=list)
    already: list[tuple[Row, StoredCredential]] = field(default_factory=list)


@dataclass(frozen=True)
class Issued:
    row: Row
    token: str
    url: str
    path: Path


# -- reading the results CSV -----------------------------------------------------------------


def read_results(
    path: Path, module: Module, site: SiteConfig, shown: str
) -> tuple[list[Row], list[Diagnostic]]:
    """Validate every row; raise ContentError listing every bad row with its line number.
    Returns the rows and the warnings (columns that are not used)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{shown}: cannot read the results file ({error.strerror})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ContentError(
            [Diagnostic(shown, line, "", "not UTF-8 text (save the CSV as UTF-8)")]
        ) from error
    problems: list[Diagnostic] = []
    csv.field_size_limit(MAX_CSV_CELL)  # Python's default; named so that docs can state it
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise ContentError([Diagnostic(shown, 1, "", _unreadable_row(error))]) from error
    if not header or not any(cell.strip() for cell in header):
        raise ContentError(
            [
                Diagnostic(
                    shown,
                    1,
                    "",
                    f"empty file (the first line names the columns: {', '.join(COLUMNS)})",
                )
            ]
        )
    columns = (_edubadges_columns if _is_edubadges(header) else _columns)(header, shown, problems)
    if any(name not in columns for name in REQUIRED):
        raise ContentError(problems)  # every row would repeat the header's problem
    ignored = [p for p in problems if not p.is_error]
    problems = [p for p in problems if p.is_error]
    named = {i for i, cell in enumerate(header) if cell.strip()}
    rows: list[Row] = []
    seen: dict[str, int] = {}
    open_quote = _open_quote_line(text, _dialect(text))
    while True:
        line = reader.line_num + 1  # where the row starts (a quoted value may span lines)
        if line == open_quote:
            problems.append(Diagnostic(shown, line, "", _OPEN_QUOTE))
            break
        try:
            cells = next(reader, None)
        except csv.Error as error:  # a value over MAX_CSV_CELL: the rest cannot be read
            problems.append(Diagnostic(shown, line, "", _unreadable_row(error)))
            break
        if cells is None:
            break
        if not any(cell.strip() for cell in cells):
            continue
        unnamed = next((i for i, c in enumerate(cells) if c.strip() and i not in named), None)
        if unnamed is not None:
            problems.append(
                Diagnostic(
                    shown,
                    line,
                    "",
                    f"a value in column {unnamed + 1}, which has no name in the first line (name the column or remove the value)",
                )
            )
            continue
        if len(rows) >= MAX_ROWS:
            problems.append(
                Diagnostic(shown, line, "", f"more than {MAX_ROWS} rows; split the file")
            )
            break
        row = _row(cells, columns, line, module, site, shown, problems)
        if row is None:
            continue
        if row.recipient.email in seen:
            problems.append(
                Diagnostic(
                    shown,
                    line,
                    "email",
                    f"'{row.recipient.email}' is also on line {seen[row.recipient.email]} (one credential per learner)",
                )
            )
            continue
        seen[row.recipient.email] = line
        rows.append(row)
    if not rows and not problems:
        problems.append(
            Diagnostic(shown, 2, "", "no learners (one row per learner after the header line)")
        )
    if problems:
        raise ContentError(problems)
    return rows, ignored


_OPEN_QUOTE = (
    'a quote (") opens a value on this line that is never closed, so the rest of the file '
    "would be read as that one value; close it or remove it"
)


def _unreadable_row(error: csv.Error) -> str:
    """Python's csv module fails only on a value over its limit (MAX_CSV_CELL)."""
    if "field larger than field limit" in str(error):
        return (
            f"a value longer than {MAX_CSV_CELL:,} characters starts on this line; most likely "
            'a quote (") opens a value here that is not closed where it should be'
        )
    return f"cannot be read as CSV ({error})"


def _open_quote_line(text: str, dialect: type[csv.Dialect]) -> int | None:
    """The line of a row whose quoted value runs to the end of the file, if there is one.

    The csv module reads such a value silently as everything up to the end; only the last row
    can hold one, and only a row of more than one line. Reading that row again strictly tells
    an unclosed quote from a value that spans lines on purpose."""
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    start = end = 1
    try:
        while True:
            begin = reader.line_num + 1
            if next(reader, None) is None:
                break
            start, end = begin, reader.line_num
    except csv.Error:
        return None  # reported where the main pass stops
    if end == start:
        return None

    class Strict(dialect):  # type: ignore[misc, valid-type]
        strict = True

    lines = io.StringIO(text, newline="")  # the lines as the reader counts them: \n, \r\n, \r
    offset = sum(len(next(lines)) for _ in range(start - 1))
    try:
        for _ in csv.reader(io.StringIO(text[offset:], newline=""), Strict):
            pass
    except csv.Error as error:
        return start if "unexpected end of data" in str(error) else None
    return None


# Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and invisible marks
# reorder or hide text on screen ("Trojan Source"); a name on a credential must read as it is.
_INVISIBLE = {
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x200B,
    0x200E,
    0x200F,
    0x2060,
    0xFEFF,
}


def _invisible_controls(text: str) -> list[str]:
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in text if ord(c) in _INVISIBLE))


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma or semicolon: Dutch spreadsheet programs export with ';'. Judged by the header line
    alone, ended as the csv reader ends lines (LF, CRLF, or a lone CR as Excel's "Macintosh
    CSV" writes): the rows' values may hold either."""
    first = next(io.StringIO(text, newline=""), "")
    return _Semicolon if first.count(";") > first.count(",") else csv.excel


class _Semicolon(csv.excel):
    delimiter = ";"


def _columns(header: list[str], shown: str, problems: list[Diagnostic]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = cell.strip().lower()
        if not name:
            continue  # spreadsheets add empty columns; a value in one is reported per row
        name = ALIASES.get(name, name.replace(" ", "_"))
        if name not in COLUMNS:
            hint = did_you_mean(name, COLUMNS)
            if hint:  # most likely a typo of a column we use: an error, or it would be lost
                problems.append(
                    Diagnostic(
                        shown, 1, cell.strip(), f"unknown column ({', '.join(COLUMNS)}){hint}"
                    )
                )
            else:  # another column of a results export (a student number): left out
                problems.append(
                    Diagnostic(
                        shown,
                        1,
                        cell.strip(),
                        "column not used; its values are left out of the credentials",
                        Severity.WARNING,
                    )
                )
        elif name in columns:
            problems.append(Diagnostic(shown, 1, name, "column given twice"))
        else:
            columns[name] = index
    for name in REQUIRED:
        if name not in columns:
            problems.append(
                Diagnostic(shown, 1, name, "column missing (the first line must name it)")
            )
    return columns


def _is_edubadges(header: list[str]) -> bool:
    return header[0].strip().lower().startswith("recipient ")


def _edubadges_columns(header: list[str], shown: str, problems: list[Diagnostic]) -> dict[str, int]:
    """An Edubadges bulk-award header; the learner's name is its first name and surname
    columns (its e-mail form), which the EPPN form lacks."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        label = " ".join(cell.strip().lower().removesuffix("(optional)").split())
        use = EDUBADGES_COLUMNS.get(label)
        if not label:
            continue
        if use is None or isinstance(use, tuple):
            why = use[1] if use else "not an Edubadges bulk-award column"
            problems.append(
                Diagnostic(shown, 1, cell.strip(), f"column not used ({why})", Severity.WARNING)
            )
        elif use in columns:
            problems.append(Diagnostic(shown, 1, cell.strip(), "column given twice"))
        else:
            columns[use] = index
    if "first_name" in columns and "surname" in columns:
        columns["name"] = -1  # made of the two (``_row``)
    else:
        problems.append(
            Diagnostic(
                shown,
                1,
                "name",
                "missing: credsite puts the learner's name on the credential; use Edubadges' "
                "e-mail form (Recipient First name;Recipient Surname columns)",
            )
        )
    if "email" not in columns:
        problems.append(Diagnostic(shown, 1, "email", "column missing (Recipient mailadres)"))
    return columns


def _row(
    cells: list[str],
    columns: dict[str, int],
    line: int,
    module: Module,
    site: SiteConfig,
    shown: str,
    problems: list[Diagnostic],
) -> Row | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        if index == -1:  # Edubadges: first name and surname
            return f"{cell('first_name')} {cell('surname')}"
        return cells[index].strip() if index is not None and index < len(cells) else ""

    before = len(problems)
    name, email = " ".join(cell("name").split()), normalise_email(cell("email"))
    if not name:
        problems.append(
            Diagnostic(
                shown,
                line,
                "name",
                "missing (the learner's name as it should appear on the credential)",
            )
        )
    elif len(name) > 200:
        problems.append(Diagnostic(shown, line, "name", "too long (at most 200 characters)"))
    if not email:
        problems.append(Diagnostic(shown, line, "email", "missing"))
    elif not is_email(email):
        problems.append(
            Diagnostic(shown, line, "email", f"{_quoted(cell('email'))} is not an e-mail address")
        )
    grade = cell("grade") or None
    if grade and not module.grade_achieved_required:
        problems.append(
            Diagnostic(
                shown,
                line,
                "grade",
                f"'{grade}' given, but module '{module.slug}' records no grade (grade_achieved_required is false)",
            )
        )
    elif not grade and module.grade_achieved_required:
        problems.append(
            Diagnostic(
                shown, line, "grade", f"missing (module '{module.slug}' records the grade achieved)"
            )
        )
    elif grade and len(grade) > 50:
        problems.append(Diagnostic(shown, line, "grade", "too long (at most 50 characters)"))
    evidence = cell("evidence_url") or None
    evidence_problem = _evidence_problem(evidence) if evidence else None
    if evidence_problem:
        problems.append(Diagnostic(shown, line, "evidence_url", evidence_problem))
    narrative = cell("narrative") or None
    if narrative and len(narrative) > 2000:
        problems.append(Diagnostic(shown, line, "narrative", "too long (at most 2000 characters)"))
    language = cell("language").lower() or site.default_language
    if language not in site.languages:
        problems.append(
            Diagnostic(
                shown,
                line,
                "language",
                f"'{language}' is not allowed ({', '.join(site.languages)})",
            )
        )
    for column, value in (
        ("name", name),
        ("grade", grade),
        ("narrative", narrative),
        ("email", email),
    ):
        for code in _invisible_controls(value or ""):
            problems.append(
                Diagnostic(
                    shown,
                    line,
                    column,
                    f"contains the invisible character {code}, which can make text read differently from what it says; remove it",
                )
            )
        for _, code in find_unsafe_text(value or ""):
            problems.append(
                Diagnostic(
                    shown,
                    line,
                    column,
                    f"contains the control character {code}, which signatures cannot cover reliably; remove it",
                )
            )
    if len(problems) > before:
        return None
    return Row(line, Recipient(name, email, language, grade, evidence, narrative))


MAX_URL = 2000  # characters of an evidence URL (what browsers and servers reliably accept)
# What an IRI may not hold as it is (RFC 3987): canonicalization would refuse it at signing.
_NOT_IN_URL = frozenset('<>"{}|\\^`')
_NOT_IN_URL_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


def _evidence_problem(url: str) -> str | None:
    """Everything about an evidence URL that would stop the credential from being signed,
    found here so that a run never stops half-way on it."""
    if len(url) > MAX_URL:
        return f"too long (at most {MAX_URL} characters)"
    if not url.lower().startswith("https://"):
        return f"{_quoted(url)} is not an https:// address"
    bad = next((c for c in url if c in _NOT_IN_URL or _category(c) in _NOT_IN_URL_CATEGORIES), "")
    if bad:
        return (
            f"{_quoted(url)} contains {_character(bad)}, which a web address cannot hold as it "
            f"is; write it as {quote(bad, safe='')}"
        )
    if not is_web_url(url, ("https",)):
        return f"{_quoted(url)} is not an https:// address"
    return None


def _category(char: str) -> str:
    return unicodedata.category(char)


def _character(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == " ":
        return f"a space ({code})"
    if char.isprintable():
        return f"'{char}' ({code})"
    return f"the invisible character {code}"


def _quoted(value: str, limit: int = 80) -> str:
    """A CSV value in a message: in quotes, invisible characters as \\uXXXX (a line
    separator would break the message in two), and shortened (a stray quote can make a
    value huge)."""
    shown = value[:limit]
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in shown)
    return f"'{shown}'" if len(value) <= limit else f"'{shown}…' ({len(value)} characters)"


# -- planning ------------------------------------------------------------------------------


def plan_issue(
    rows: list[Row], module: Module, store: list[StoredCredential], again: bool
) -> IssuePlan:
    """Split rows into learners to issue to and learners who already hold this credential."""
    held = [c for c in store if c.module == module.slug]
    plan = IssuePlan()
    for row in rows:
        existing = next((c for c in held if c.holds(row.recipient.email)), None)
        if existing is not None and not again:
            plan.already.append((row, existing))
        else:
            plan.new.append(row)
    return plan


def allocate(count: int, store: list[StoredCredential], base_url: str) -> list[StatusEntry]:
    """Random, never-used status indexes; a new list starts when the current one is 3/4 full.

    The used indexes of a list are collected once: at national scale the store holds a
    hundred thousand credentials, and looking through it for every new index took minutes."""
    entries: list[StatusEntry] = []
    numbers = [n for n in (list_number(c.status_list or "") for c in store) if n is not None]
    number = max(numbers, default=1)
    url = list_url(base_url, "revocation", number)
    taken = used_indexes(store, url)
    while len(entries) < count:
        if len(taken) >= FULL * MIN_ENTRIES:
            number += 1
            url = list_url(base_url, "revocation", number)
            taken = used_indexes(store, url)
            continue
        index = secrets.randbelow(MIN_ENTRIES)
        if index not in taken:
            taken.add(index)
            entries.append(StatusEntry(url, index))
    return entries


# -- building, checking, signing and writing -----------------------------------------------------
#
# Two passes, so that a run is all or nothing: the first builds every credential and makes
# every check signing could fail (the schema, canonicalization), naming the CSV line of each
# problem, and writes nothing; --dry-run stops there. The second only signs what the first
# canonicalized, and writes. Canonicalization, most of the work, is done once.


@dataclass(frozen=True)
class Draft:
    """What every credential of one run shares before a key is at hand (a dry run has none)."""

    module: Module
    site: SiteConfig
    issued: datetime
    shown: str  # the results CSV, as messages name it


@dataclass(frozen=True)
class Batch:
    """What every credential of one run shares; forked workers inherit it."""

    root: Path
    module: Module
    site: SiteConfig
    issued: datetime
    key: SigningKey
    method: str
    created: str


@dataclass(frozen=True)
class Job:
    """One credential to make: the per-learner and random parts."""

    row: Row
    token: str
    salt: str
    entry: StatusEntry


_DRAFT: Draft | None = None  # inherited by forked workers, so only Jobs cross processes
_BATCH: Batch | None = None
# One run's credentials share their Achievement and issuer: expanded once per process.
_SHARED = SharedSubtree()

# Where in a credential each CSV column's value goes, for naming the column of a problem.
_COLUMN_PATHS = (
    ("evidence", "evidence_url"),
    ("credentialSubject.narrative", "narrative"),
    ("credentialSubject.result", "grade"),
    ("credentialSubject.identifier[1]", "email"),
    ("credentialSubject.identifier", "name"),
    ("description", "name"),
)


def unsigned_credential(
    module: Module, site: SiteConfig, issued: datetime, job: Job
) -> dict[str, Any]:
    """The credential of one row, as the first pass checks it and the second signs it (the
    same inputs give the same document)."""
    return build_credential(
        module,
        site,
        job.row.recipient,
        job.token,
        job.salt,
        issued,
        job.entry,
        badge_url(site, module, job.row.recipient.language),
    )


def check_credential(job: Job) -> bytes | Diagnostic:
    """The first pass for one row: the SHA-256 of its credential's canonical form, which the
    second pass signs, or the problem, on the row's CSV line. Runs in a worker."""
    draft = _DRAFT
    assert draft is not None, "worker started without a draft"
    document = unsigned_credential(draft.module, draft.site, draft.issued, job)
    for strict in (False, True):
        errors = schema_errors(document, strict=strict)
        if errors:
            return Diagnostic(
                draft.shown,
                job.row.line,
                "",
                f"the credential would not follow the Open Badges 3.0 schema ({errors[0]})",
            )
    try:
        return proofs.document_hash(document, DEFAULT_SUITE, _SHARED)
    except CanonicalizationError as error:
        column = _column(str(error))
        if not column:  # the module's or the site's text, the same on every row: said once
            return Diagnostic(
                draft.module.source,
                None,
                "",
                f"its credential cannot be signed (text from this module or site.yaml): {error}",
            )
        return Diagnostic(draft.shown, job.row.line, column, f"cannot be signed: {error}")


def _column(message: str) -> str:
    """The CSV column whose value a canonicalization message is about ('' when none is)."""
    where = message.removeprefix("cannot canonicalize safely: ")
    return next((column for path, column in _COLUMN_PATHS if where.startswith(path)), "")


def check_all(draft: Draft, jobs: list[Job], processes: int) -> list[bytes]:
    """Build and check every credential; raise ContentError naming the CSV line of every
    problem. Writes nothing. Returns each job's document hash, for ``make_all``."""
    global _DRAFT
    _DRAFT = draft
    try:
        results = _map(check_credential, jobs, processes)
    finally:
        _DRAFT = None
    problems = [result for result in results if isinstance(result, Diagnostic)]
    if problems:
        raise ContentError(dict.fromkeys(problems))
    return [result for result in results if isinstance(result, bytes)]


def make_credential(item: tuple[Job, bytes]) -> Issued:
    """Sign and write one credential the first pass checked. Runs in a worker."""
    job, document_hash = item
    batch = _BATCH
    assert batch is not None, "worker started without a batch"
    document = unsigned_credential(batch.module, batch.site, batch.issued, job)
    signed = _signed(batch, document, document_hash)
    data = (json.dumps(signed, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    path = batch.root / CREDENTIALS_DIR / f"{job.token}.json"
    try:
        write_atomically(path, data, exclusive=True)
    except FileExistsError as error:  # 160 random bits: only a copy of this run beside it
        raise ConfigError(
            f"{path}: already exists; an issued credential is never overwritten (run again)"
        ) from error
    return Issued(
        job.row,
        job.token,
        urls.absolute(
            batch.site.canonical_url, urls.credential_link(job.token, batch.site.private)
        ),
        path,
    )


def _signed(batch: Batch, document: dict[str, Any], document_hash: bytes) -> dict[str, Any]:
    """``document`` with its proof (the default suite's), from the hash of its canonical form
    the first pass made: what proofs.sign does, without canonicalizing the document again."""
    options = proofs.proof_options(batch.method, batch.created, DEFAULT_SUITE)
    proof = proofs.signed_proof(document, options, document_hash, batch.key.private_key)
    return {**document, "proof": [proof]}  # an array: what the strict OB 3.0 schema demands


def badge_url(site: SiteConfig, module: Module, lang: str) -> str:
    """The credential's image: the module's generated badge in the credential's language."""
    return urls.absolute(site.canonical_url, urls.badge(lang, module.slug, "png"))


def make_all(
    batch: Batch, jobs: list[Job], document_hashes: list[bytes], processes: int
) -> list[Issued]:
    """Sign and write every credential ``check_all`` passed, on ``processes`` cores."""
    global _BATCH
    remove_stale_temporaries(batch.root / CREDENTIALS_DIR)
    _BATCH = batch
    try:
        return _map(make_credential, list(zip(jobs, document_hashes, strict=True)), processes)
    finally:
        _BATCH = None


Item = TypeVar("Item")
Result = TypeVar("Result")


def _map(work: Callable[[Item], Result], items: list[Item], processes: int) -> list[Result]:
    """``work`` over ``items`` in order, in forked workers when there is enough to share."""
    if processes <= 1 or len(items) < 8:
        return [work(item) for item in items]
    chunk = max(1, min(32, len(items) // (processes * 4)))
    with worker_pool(processes) as pool:  # workers that end with the run: see workers.py
        return list(pool.map(work, items, chunksize=chunk))


def plan_jobs(plan: IssuePlan, entries: list[StatusEntry]) -> list[Job]:
    return [
        Job(row, new_token(), new_salt(), entry)
        for row, entry in zip(plan.new, entries, strict=True)
    ]


# -- the whole run ---------------------------------------------------------------------------


@contextmanager
def issue_lock(root: Path) -> Iterator[None]:
    """Two issue runs at once could pick the same random index; one at a time per site."""
    lock_dir = root / ".credsite-cache"
    lock_dir.mkdir(exist_ok=True)
    with (lock_dir / "issue.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise ConfigError(
                "another issue, revoke or keygen command is running for this site; wait for it"
            ) from error
        yield


def issued_at(day: date | None, now: datetime) -> datetime:
    """The award moment: the given date at 00:00 UTC, or now."""
    return datetime.combine(day, time(0), UTC) if day else now


def _spreadsheet_safe(text: str) -> str:
    """A cell that starts with = + - @ is a formula to Excel and LibreOffice (CSV injection);
    a leading apostrophe makes it text. Only the mail-merge copy is changed, not the credential."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_mail_merge(
    path: Path,
    issued: list[Issued],
    already: list[tuple[Row, StoredCredential]],
    site: SiteConfig,
    collections: Mapping[str, str] | None = None,
) -> None:
    """Name, e-mail and page for every learner of the CSV, new or issued before, so a re-run
    after an interruption still gives one complete list. With ``collections`` (``issue
    --collection``: the address of each learner's collection page by e-mail address, '' for
    one taken down), a last column ``collection_url``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    extra = ["collection_url"] if collections is not None else []
    writer.writerow(["name", "email", "verification_url", "status", *extra])
    rows = [(i.row, i.url, "issued") for i in issued]
    rows += [
        (
            row,
            urls.absolute(site.canonical_url, urls.credential_link(c.token, site.private)),
            "issued before",
        )
        for row, c in already
    ]
    for row, url, state in sorted(rows, key=lambda item: item[0].line):
        email = row.recipient.email
        writer.writerow(
            [
                _spreadsheet_safe(row.recipient.name),
                _spreadsheet_safe(email),
                url,
                state,
                *([collections.get(email, "")] if collections is not None else []),
            ]
        )
    write_atomically(path, buffer.getvalue().encode("utf-8"), mode=0o600)


def collection_members(
    issued: list[Issued], already: list[tuple[Row, StoredCredential]], ids: Mapping[str, str]
) -> dict[str, set[str]]:
    """The credentials an issue run puts in each learner's collection (``ids``: collection id
    by e-mail address): the new ones, and those the learner already held, so that a run killed
    before it wrote the collections is mended by running it again."""
    members: dict[str, set[str]] = {}
    held = [(i.row, i.token) for i in issued] + [(row, c.token) for row, c in already]
    for row, token in held:
        members.setdefault(ids[row.recipient.email], set()).add(token)
    return members


def ensure_lists(
    root: Path,
    site: SiteConfig,
    store: list[StoredCredential],
    new_entries: list[StatusEntry],
    state: dict[str, str],
    key: SigningKey,
    now: datetime,
) -> None:
    """Sign the lists new credentials point to, when they do not exist yet."""
    have = existing_list_numbers(root)
    wanted = {n for n in (list_number(e.list_url) for e in new_entries) if n is not None} - have
    if wanted:
        slots = {c.token: (c.status_list or "", c.status_index or 0) for c in store}
        validity = site.status_list_validity_days
        write_lists(root, site.canonical_url, wanted, slots, state, key, now, validity)
