"""Revocation, suspension and take-down: the records in the repository and the signed lists.

``content/status/log.yaml`` records every revocation, suspension and reinstatement with its
reason; the signed Bitstring Status List credentials next to it (``revocation-<n>.json``,
``suspension-<n>.json``) are made from that log and re-signed on every change, because the build
has no key and publishes them as they are. ``content/status/unpublished.yaml`` lists credentials
whose public page a learner asked to take down; they stay valid and verifiable as files. It
lists learners' collection pages taken down too (``collection:`` entries).

Open Badges 3.0 allows one ``credentialStatus`` per credential. credsite uses it for revocation,
which every OB verifier checks. Suspension is published in a second list with the same index
(``suspension-<n>.json`` beside ``revocation-<n>.json``); credsite's verifiers check it, other
verifiers do not know it exists (docs/credential-mapping.md).

Each signed list is valid from its signing until ``status_list_validity_days`` (site.yaml) later
(``validFrom``/``validUntil``), and verifiers refuse it outside that period. Without an end, a copy
of a list kept from before a revocation could be served for ever to make the revoked credential
look valid; with one, that replay window is at most the validity period. So the lists must be
signed again before they end: every revoke, suspend, reinstate and keygen does that for the
lists it touches, and ``renew-lists`` for all of them (by staff, or by an opt-in scheduled CI job
that holds the key). The build cannot: it has no key. It only warns (``date_warnings``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from credsite.base import urls
from credsite.base.atomic import write_atomically
from credsite.base.errors import ConfigError, Diagnostic, Severity
from credsite.base.sourcefile import LineDict, LineList, parse_yaml, read_text
from credsite.catalogue.fields import Checker
from credsite.issuer.keys import SigningKey
from credsite.standards.statuslist import MIN_ENTRIES, Bitstring
from credsite.standards.timestamps import format_timestamp, parse_timestamp

STATUS_DIR = "content/status"
LOG_FILE = f"{STATUS_DIR}/log.yaml"
UNPUBLISHED_FILE = f"{STATUS_DIR}/unpublished.yaml"
PURPOSES = ("revocation", "suspension")
ACTIONS = ("revoked", "suspended", "reinstated")
TTL_MS = 3_600_000  # verifiers may cache a list for an hour; the host's headers say the same
FULL = 0.75  # above this share of used indexes a new list starts (random indexes stay cheap)
WARN_BEFORE = timedelta(days=14)  # check and build warn this long before a list ends...
WARN_SHARE = 3  # ...or, for lists valid for less than 42 days, in the last third of the period
RENEW_COMMAND = "credsite renew-lists"


@dataclass(frozen=True)
class Event:
    credential: str  # the credential's token
    action: str
    reason: str
    at: datetime


@dataclass(frozen=True)
class Unpublished:
    credential: str  # the credential's token, or with kind "collection" the collection's id
    at: datetime
    note: str = ""
    kind: str = "credential"  # or "collection": a learner's collection page (collections.py)


def list_url(base_url: str, purpose: str, number: int) -> str:
    return urls.absolute(base_url, urls.status_list(purpose, number))


def list_file(root: Path, purpose: str, number: int) -> Path:
    return root / STATUS_DIR / f"{purpose}-{number}.json"


# -- the log -------------------------------------------------------------------------------


def load_log(root: Path) -> tuple[list[Event], list[Diagnostic]]:
    return _load_entries(root, LOG_FILE, "events", _read_event)


def load_unpublished(root: Path) -> tuple[list[Unpublished], list[Diagnostic]]:
    return _load_entries(root, UNPUBLISHED_FILE, "credentials", _read_unpublished)


Entry = TypeVar("Entry", Event, Unpublished)
# Reads one entry of a list; None when it has errors (which it reports to the checker).
EntryReader = Callable[[Checker, LineDict, str], Entry | None]


def _load_entries(
    root: Path, relative: str, key: str, reader: EntryReader[Entry]
) -> tuple[list[Entry], list[Diagnostic]]:
    path = root / relative
    if not path.is_file():
        return [], []
    text, problem = read_text(path, relative)
    if problem:
        return [], [problem]
    parsed = parse_yaml(text or "", relative)
    checker = Checker(relative, ("nl", "en"), "nl")
    checker.diagnostics.extend(parsed.diagnostics)
    entries: list[Entry] = []
    data = checker.mapping(parsed.data, "", 1) if parsed.data is not None else None
    if data is not None:
        checker.known_keys(data, (key,))
        items = data.get(key) or LineList()
        if not isinstance(items, LineList):
            checker.error(data.line_of(key), key, "must be a list")
        else:
            for index, raw in enumerate(items):
                item = checker.mapping(raw, f"{key}[{index}]", items.line_of(index))
                if item is not None:
                    entry = reader(checker, item, f"{key}[{index}]")
                    if entry is not None:
                        entries.append(entry)
    return entries, checker.diagnostics


def _read_event(checker: Checker, item: LineDict, field: str) -> Event | None:
    checker.known_keys(item, ("credential", "action", "reason", "at"), f"{field}.")
    token = checker.string(item, "credential", f"{field}.credential", max_length=64)
    action = checker.choice(item, "action", f"{field}.action", ACTIONS)
    reason = checker.string(item, "reason", f"{field}.reason", max_length=1000) or ""
    at = _moment(checker, item, "at", f"{field}.at")
    if token is None or action is None or at is None:
        checker.error(item.line, field, "needs credential, action and at")
        return None
    return Event(token, action, reason, at)


def _read_unpublished(checker: Checker, item: LineDict, field: str) -> Unpublished | None:
    checker.known_keys(item, ("credential", "collection", "at", "note"), f"{field}.")
    kind = "collection" if "collection" in item and "credential" not in item else "credential"
    token = checker.string(item, kind, f"{field}.{kind}", max_length=64)
    at = _moment(checker, item, "at", f"{field}.at")
    if token is None or at is None or ("collection" in item and "credential" in item):
        checker.error(item.line, field, "needs credential (or collection) and at")
        return None
    note = checker.string(item, "note", f"{field}.note", max_length=1000) or ""
    return Unpublished(token, at, note, kind)


def _moment(checker: Checker, item: LineDict, key: str, field: str) -> datetime | None:
    if item.get(key) is None:
        return None
    try:
        return parse_timestamp(str(item[key]))
    except ValueError:
        checker.error(item.line_of(key), field, f"'{item[key]}' is not a date and time")
        return None


def current_status(events: list[Event]) -> dict[str, str]:
    """Each credential's status after all events: 'revoked' is final; suspension can be lifted."""
    state: dict[str, str] = {}
    for event in events:
        if state.get(event.credential) == "revoked":
            continue
        if event.action == "reinstated":
            state.pop(event.credential, None)
        else:
            state[event.credential] = event.action
    return state


def write_log(root: Path, events: list[Event]) -> None:
    lines = [
        "# Revocations, suspensions and reinstatements, oldest first.",
        "# Written by `credsite revoke|suspend|reinstate`; the signed lists beside it are made from it.",
        "events:",
    ]
    for event in events:
        lines += [
            f"  - credential: {event.credential}",
            f"    action: {event.action}",
            f"    reason: {json.dumps(event.reason, ensure_ascii=False)}",
            f"    at: {format_timestamp(event.at)}",
        ]
    write_atomically(root / LOG_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


def write_unpublished(root: Path, entries: list[Unpublished]) -> None:
    lines = [
        "# Credentials whose public page was taken down at the learner's request.",
        "# They stay valid and verifiable as files. Written by `credsite unpublish`.",
        "credentials:",
    ]
    for entry in entries:
        lines += [f"  - {entry.kind}: {entry.credential}", f"    at: {format_timestamp(entry.at)}"]
        if entry.note:
            lines.append(f"    note: {json.dumps(entry.note, ensure_ascii=False)}")
    write_atomically(root / UNPUBLISHED_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


# -- the signed lists ------------------------------------------------------------------------


def list_credential(
    base_url: str,
    purpose: str,
    number: int,
    bits: Bitstring,
    issued: datetime,
    validity_days: int,
) -> dict[str, Any]:
    """An unsigned BitstringStatusListCredential (VC 2.0; its terms are in the v2 context),
    valid from ``issued`` for ``validity_days`` (the module docstring says why it ends)."""
    url = list_url(base_url, purpose, number)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": urls.did_web(base_url),
        "validFrom": format_timestamp(issued),
        "validUntil": format_timestamp(issued + timedelta(days=validity_days)),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": bits.encode(),
            "ttl": TTL_MS,
        },
    }


def list_bits(
    credentials_by_token: dict[str, tuple[str, int]],
    state: dict[str, str],
    purpose: str,
    list_url_: str,
) -> Bitstring:
    """The bits of one list: an entry is set when its credential's status is that purpose's."""
    wanted = {"revocation": "revoked", "suspension": "suspended"}[purpose]
    bits = Bitstring.zeros(MIN_ENTRIES)
    revocation_url = list_url_.replace("/suspension-", "/revocation-")
    for token, status in state.items():
        slot = credentials_by_token.get(token)
        if status == wanted and slot is not None and slot[0] == revocation_url:
            bits.set(slot[1])
    return bits


def sign_list(document: dict[str, Any], key: SigningKey, base_url: str, created: datetime) -> bytes:
    method = f"{urls.did_web(base_url)}#{key.key_id}"
    # here: pyld and cryptography are not a build's to load
    from credsite.standards.cryptosuites import DEFAULT_SUITE
    from credsite.standards.proofs import sign

    signed = sign(document, key.private_key, method, created, suite=DEFAULT_SUITE)
    return (json.dumps(signed, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_lists(
    root: Path,
    base_url: str,
    numbers: set[int],
    slots: dict[str, tuple[str, int]],
    state: dict[str, str],
    key: SigningKey,
    now: datetime,
    validity_days: int,
) -> list[Path]:
    """Re-make and re-sign both lists of every number in ``numbers``, valid from ``now`` for
    ``validity_days``."""
    written = []
    for number in sorted(numbers):
        for purpose in PURPOSES:
            url = list_url(base_url, purpose, number)
            bits = list_bits(slots, state, purpose, url)
            document = list_credential(base_url, purpose, number, bits, now, validity_days)
            data = sign_list(document, key, base_url, now)
            path = list_file(root, purpose, number)
            write_atomically(path, data)
            written.append(path)
    return written


def existing_list_numbers(root: Path) -> set[int]:
    folder = root / STATUS_DIR
    numbers = set()
    for path in folder.glob("revocation-*.json") if folder.is_dir() else []:
        suffix = path.stem.removeprefix("revocation-")
        if suffix.isdigit():
            numbers.add(int(suffix))
    return numbers


def require_lists(root: Path) -> None:
    if not existing_list_numbers(root):
        raise ConfigError(f"no status lists in {STATUS_DIR}/ yet: issue a credential first")


# -- the lists' validity ---------------------------------------------------------------------


@dataclass(frozen=True)
class ListDates:
    """A signed list file's validity period as written in it; ``problem`` when unreadable."""

    path: str  # relative to the site's folder
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    problem: str | None = None


def list_dates(root: Path) -> list[ListDates]:
    """The validity of every status list file in content/status, in order. A file that is
    missing or not a list is the build's to report (published.py); here it is only skipped."""
    found = []
    for number in sorted(existing_list_numbers(root)):
        for purpose in PURPOSES:
            path = list_file(root, purpose, number)
            shown = path.relative_to(root).as_posix()
            try:
                document = json.loads(path.read_bytes())
            except (OSError, ValueError):
                continue
            if isinstance(document, dict):
                found.append(_dates_of(shown, document))
    return found


def _dates_of(shown: str, document: dict[str, Any]) -> ListDates:
    moments: dict[str, datetime | None] = {"validFrom": None, "validUntil": None}
    for key in moments:
        if key in document:
            try:
                moments[key] = parse_timestamp(str(document[key]))
            except ValueError:
                return ListDates(shown, problem=f"{key} {document[key]!r} is not a date and time")
    return ListDates(shown, moments["validFrom"], moments["validUntil"])


def due(dates: ListDates, moment: datetime) -> bool:
    """The list must be signed again by ``moment``: it ends by then, has no end, or no
    readable dates."""
    return dates.problem is not None or dates.valid_until is None or dates.valid_until <= moment


def date_warnings(root: Path, now: datetime) -> list[Diagnostic]:
    """What ``check`` and ``build`` say about the lists' validity at ``now``.

    Warnings, never errors, even with --strict: they depend on the date, not on the inputs,
    and the build cannot mend them (signing needs the key, which the build never has). An
    error would stop the catalogue from being published too, while a list that has ended only
    makes verifiers say 'status unknown'."""
    warnings = []
    for dates in list_dates(root):
        message = _date_message(dates, now)
        if message is not None:
            warnings.append(Diagnostic(dates.path, None, "", message, Severity.WARNING))
    return warnings


def _date_message(dates: ListDates, now: datetime) -> str | None:
    renew = f"run `{RENEW_COMMAND}` (it needs the signing key), commit content/status and publish"
    if dates.problem is not None:
        return f"{dates.problem}; verifiers cannot tell whether it is current: {renew}"
    until = dates.valid_until
    if until is None:
        return (
            "has no end date (validUntil), so a copy kept from before a later revocation "
            f"can be shown to verifiers for ever: {renew}"
        )
    if until <= now:
        return (
            f"EXPIRED on {format_timestamp(until)}: every verifier now shows 'status unknown' "
            f"for the credentials on this list: {renew}"
        )
    period = until - dates.valid_from if dates.valid_from is not None else WARN_BEFORE
    if until - now <= min(WARN_BEFORE, period / WARN_SHARE):
        left = (
            "within a day" if until - now < timedelta(days=1) else f"in {(until - now).days} days"
        )
        return (
            f"expires {left}, on {format_timestamp(until)}; then verifiers show 'status unknown' "
            f"for the credentials on this list: before then, {renew}"
        )
    return None
