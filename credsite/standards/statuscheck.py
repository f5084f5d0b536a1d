"""A credential's status through Bitstring Status List v1.0 (W3C REC, 3.2 "Validate Algorithm")
and its predecessor Status List 2021 (the same bits; the rulebook's ``status.methods``): one
``revocation``, ``suspension`` or ``other-status`` check per status entry, in entry order, then
one for credsite's companion suspension list.

A list is a credential of its own. It is read only when it is in the plain shape whose JSON keys
mean what they say, authentic by the same checks as a credential
(``credsite.standards.authenticity``) for the issuer it names, of the entry's purpose, and valid
now: a list signed before a later revocation keeps its good signature, and its ``validUntil`` is
what stops an old copy from being served for ever (a replay). Anything that stops a trustworthy
bit from being read is ``not-checked``, which the verdict turns into ``status-unknown``: a list
that cannot be read must never look like "not revoked". The rules, and the order they are
applied in, are the browser verifier's (``browser/src/verifier/status.js``).

A list that cannot show it is the one the credential names can withdraw the credential, but
cannot vouch for it (docs/verification.md): a list signed by someone other than the credential's
issuer (for an issuer that can publish no key, a urn: by another key than the credential's)
revokes or suspends with a set bit (naming who signed it), and leaves the status unknown
with a clear one; a list of the issuer whose ``id`` is not the address it was fetched from
(third-party verifiers do not compare them, and real lists have moved) revokes or suspends with
a set bit, and passes with a warning naming both addresses with a clear one, since the host
could be serving another of the issuer's lists there. The build holds credsite's own lists to
both strictly (``status_list_problem``).

A list shorter than Bitstring Status List's minimum (herd privacy: DCC's lists hold 100,000
entries) is still read: a set bit still revokes, since refusing the list would make a revoked
credential look merely unknown, and a clear bit is a warning that names the privacy risk. The
1EdTech Revocation List (``status.unreadEntryTypes``) is not read, and says why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from credsite.base.errors import VerificationError
from credsite.standards import rulebook
from credsite.standards.authenticity import CHECKS, check_authenticity, keyless_issuer
from credsite.standards.instants import epoch_ms
from credsite.standards.reports import Fetcher, FetchError, Report
from credsite.standards.shape import issuer_id, types_of, validity_date
from credsite.standards.statuslist import Bitstring, list_shape_problem

if TYPE_CHECKING:
    from credsite.standards.cryptosuites import PublicKey
    from credsite.standards.keyresolution import ResolvedKey
    from credsite.standards.rulebook import StatusMethod

# At most 16 digits, as many as JavaScript's largest safe integer has: a longer number is out of
# range anyway, and int() refuses text beyond 4,300 digits with an exception.
_INDEX = re.compile(r"0|[1-9][0-9]{0,15}", re.ASCII)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")
_MAX_SAFE_INTEGER = 2**53 - 1
_WHAT = {"revocation": ("revoked", "revocation"), "suspension": ("suspended", "suspension")}


@dataclass
class _List:
    """A status list fetched once per address: the document and its purposes when it can be
    believed, else why not (``missing``: the publisher says there is no such list)."""

    document: dict[str, Any] | None = None
    method: StatusMethod | None = None
    purposes: tuple[object, ...] = ()
    message: str = ""
    problem: str = ""
    missing: bool = False
    url: str = ""
    # Why a believed list cannot show it is the one the credential names: it is another address's
    # list (its own id), or signed by someone other than the credential's issuer.
    moved: str | None = None
    signer: str | None = None


@dataclass(frozen=True)
class _Owner:
    """Whose list can vouch for the credential: its issuer's, and for an issuer that can publish
    no key (``keyless_issuer``: a urn, a name anyone can write into a list), only one signed by
    the key that signed the credential (``signing_key``)."""

    issuer: str | None
    signing_key: PublicKey | None = None

    def foreign_signer(self, list_issuer: str | None, list_key: ResolvedKey | None) -> str | None:
        """Who signed a list, when that is not the credential's issuer; None when it is."""
        if list_issuer != self.issuer:
            return list_issuer
        if keyless_issuer(self.issuer) and not _same_key(list_key, self.signing_key):
            return list_key.id if list_key is not None else list_issuer
        return None


def _same_key(key: ResolvedKey | None, other: PublicKey | None) -> bool:
    if key is None or other is None:
        return False
    mine = key.public_key
    return (mine.key_type.name, mine.raw) == (other.key_type.name, other.raw)


@dataclass
class _Entry:
    """The outcome of one status entry, as its check reports it."""

    purpose: str | None
    outcome: str
    message: str
    detail: str = ""


def check_status(
    view: Mapping[str, Any],
    issuer: str | None,
    fetch: Fetcher,
    now: int,
    report: Report,
    signing_key: PublicKey | None = None,
) -> None:
    """The status checks of an authentic credential, read from its signed view; ``signing_key``
    is the key that signed it (what ties a list to an issuer that can publish no key)."""
    owner = _Owner(issuer, signing_key)
    status = view.get("credentialStatus")
    if "credentialStatus" not in view or status == []:
        report.add(
            "revocation",
            "warning",
            "The issuer publishes no revocation status for this credential, so it cannot be revoked.",
        )
        return
    entries = status if isinstance(status, list) else [status]
    lists: dict[str, _List] = {}
    for entry in entries:
        _report(report, _entry(entry, owner, fetch, now, lists))
    companion = suspension_companion(entries)
    if companion is not None:
        result = _entry(companion, owner, fetch, now, lists)
        url = companion["statusListCredential"]
        if result.outcome == "not-checked" and lists.get(url, _List()).missing:
            result = _Entry(
                "suspension",
                "passed",
                "The issuer publishes no suspension list for this credential, so it is not suspended.",
                result.detail,
            )
        _report(report, result)


def suspension_companion(entries: list[Any]) -> dict[str, Any] | None:
    """Open Badges 3.0 allows one credentialStatus, which credsite uses for revocation; it
    publishes suspension in a companion list beside it, at the same index
    (docs/credential-mapping.md). The entry for it, when a credential has one revocation entry
    pointing at such a list, else None."""
    if len(entries) != 1 or not isinstance(entries[0], dict):
        return None
    entry = entries[0]
    url = entry.get("statusListCredential")
    if entry.get("statusPurpose") != "revocation" or not isinstance(url, str):
        return None
    companion = rulebook.suspension_companion(url)
    if companion is None:
        return None
    found = {k: v for k, v in entry.items() if k != "id"}
    return {**found, "statusPurpose": "suspension", "statusListCredential": companion}


def status_list_problem(
    status_list: Any,
    purpose: str,
    issuer: str,
    fetch: Fetcher,
    url: str,
    now: datetime | None = None,
) -> str | None:
    """Why the list fetched from ``url`` cannot be believed for ``issuer``'s credentials of
    ``purpose``, or None: it must be that list (a signed list of another number or site says
    nothing about this one), in the plain shape, issued and validly signed by the issuer, and
    of the purpose. ``now`` is when its proof's ``expires`` is judged (None: not at all, as the
    build checks its own lists, whose proofs never end); its validity dates are the caller's."""
    problem = _strict_problem(
        status_list, issuer, fetch, url, None if now is None else epoch_ms(now)
    )
    if problem:
        return problem
    if purpose not in _purposes(status_list):
        return f"it is not a list of purpose {purpose}"
    return None


def _report(report: Report, entry: _Entry) -> None:
    purpose = entry.purpose
    check_id = purpose if purpose in rulebook.rules().understood_purposes else "other-status"
    report.add(check_id, entry.outcome, entry.message, entry.detail)


def _entry(entry: Any, owner: _Owner, fetch: Fetcher, now: int, lists: dict[str, _List]) -> _Entry:
    """The check of one status entry (the browser's ``checkEntry``)."""
    book = rulebook.rules()
    if not isinstance(entry, dict):
        return _Entry(None, "not-checked", "The credential's status entry is malformed.")
    purpose = entry.get("statusPurpose")
    purpose = purpose if isinstance(purpose, str) else None
    method = book.status_method(types_of(entry))
    if method is None:
        return _unread(entry, purpose)
    if purpose is None:
        return _Entry(None, "not-checked", "The credential's status entry names no purpose.")
    if purpose not in book.understood_purposes:
        return _Entry(purpose, "warning", f"A status of purpose {purpose!r} is not checked.")
    done, what = _WHAT[purpose]
    index, size, url = (
        _index(entry.get("statusListIndex")),
        _size(entry.get("statusSize", 1)),
        entry.get("statusListCredential"),
    )
    if index is None or size is None or not _is_url(url) or entry.get("id") == url:
        return _Entry(
            purpose,
            "not-checked",
            f"The credential's {what} entry is malformed.",
            "its statusListIndex, statusSize or statusListCredential is not usable",
        )
    assert isinstance(url, str)
    if url not in lists:
        lists[url] = _load(url, owner, fetch, now)
    found = lists[url]
    if found.document is None:
        return _Entry(
            purpose, "not-checked", found.message.format(what=what, done=done), found.problem
        )
    assert found.method is not None
    if found.method != method:
        return _Entry(
            purpose,
            "not-checked",
            f"The {what} list could not be trusted, so it is unknown whether the credential was {done}.",
            f"it is a {found.method.list_type}, not the {method.list_type} a {method.entry_type} "
            "points at",
        )
    if purpose not in found.purposes:
        return _Entry(
            purpose,
            "not-checked",
            f"The {what} list could not be trusted, so it is unknown whether the credential was {done}.",
            f"it is not a list of purpose {purpose}",
        )
    return _read(found, method, index, size, purpose)


def _unread(entry: dict[str, Any], purpose: str | None) -> _Entry:
    """An entry of a status method that is not read: one known and deliberately left alone
    (the 1EdTech Revocation List), or one this verifier does not know."""
    found = rulebook.rules().unread_status_types.intersection(types_of(entry))
    if found:
        return _Entry(
            purpose,
            "not-checked",
            f"The credential's status uses {min(found)}, a status method that Open Badges 3.0 "
            "has deprecated (in favour of the Bitstring Status List) and whose list is not "
            "signed, so this verifier does not read it.",
            f"its type is {entry.get('type')!r}",
        )
    return _Entry(
        purpose,
        "not-checked",
        "The credential uses a status method this verifier does not know.",
        f"its type is {entry.get('type')!r}",
    )


def _read(found: _List, method: StatusMethod, index: int, size: int, purpose: str) -> _Entry:
    done, what = _WHAT[purpose]
    assert found.document is not None
    try:
        bits = Bitstring.read_list(
            found.document["credentialSubject"]["encodedList"],
            size,
            prefix_required=method.prefix_required,
        )
        value = bits.get(index)
    except VerificationError as error:
        return _Entry(purpose, "not-checked", f"The {what} list could not be read.", str(error))
    short = _short_list(bits.entries)
    if found.signer is not None:
        return _foreign(found, found.signer, purpose, bool(value), short)
    if value:
        return _Entry(purpose, "failed", f"The issuer has {done} this credential.", short or "")
    checked = f"The issuer has not {done} this credential (checked against its signed {what} list)"
    notes = [n for n in (_moved_note(found), short) if n]
    if notes:
        return _Entry(purpose, "warning", f"{checked}; but {'; and '.join(notes)}.")
    return _Entry(purpose, "passed", f"{checked}.")


def _foreign(found: _List, signer: str, purpose: str, value: bool, short: str | None) -> _Entry:
    """A list signed by another party than the credential's issuer: a set bit withdraws the
    credential, a clear one cannot vouch for it."""
    done, what = _WHAT[purpose]
    detail = f"LIST_ISSUER_MISMATCH: it was issued and signed by {signer!r}, not by the credential's issuer"
    if value:
        return _Entry(
            purpose,
            "failed",
            f"The credential has been {done}, according to a {what} list signed by {signer!r}, "
            "not by the credential's issuer.",
            f"{detail}; {short}" if short else detail,
        )
    return _Entry(
        purpose,
        "not-checked",
        f"The {what} list at {found.url} is signed by {signer!r}, not by the credential's issuer, "
        f"so it is unknown whether the credential was {done}: a list signed by someone else can "
        "withdraw a credential but cannot vouch for it.",
        detail,
    )


def _moved_note(found: _List) -> str | None:
    """The warning for an issuer's list whose own id is not the address it was fetched from."""
    if found.moved is None:
        return None
    return (
        f"the list calls itself {found.moved!r}, not {found.url}, the address the credential "
        "names and it was fetched from, so the host could be serving another of the issuer's "
        "lists there"
    )


def _short_list(entries: int) -> str | None:
    """The privacy warning for a list shorter than the minimum, or None."""
    minimum = rulebook.rules().min_status_entries
    if entries >= minimum:
        return None
    return (
        f"the list holds only {entries:,} entries, fewer than the {minimum:,} that keep a "
        "credential's place in it from narrowing down whose credential it is"
    )


def _load(url: str, owner: _Owner, fetch: Fetcher, now: int) -> _List:
    """The list at ``url``, and whether it can be believed now."""
    try:
        document = fetch(url)
    except FetchError as error:
        return _List(
            message="The {what} list could not be fetched, so it is unknown whether the credential was {done}.",
            problem=str(error),
            missing=error.missing,
        )
    problem = _list_problem(document)
    list_key = None
    if not problem:
        problem, list_key = _own_proof(document, fetch, now)
    if problem:
        return _List(
            message="The {what} list could not be trusted, so it is unknown whether the credential was {done}.",
            problem=problem,
        )
    outdated = _dates_problem(document, now)
    if outdated:
        return _List(
            message="The {what} list is not valid at this moment, so it is unknown whether the credential was {done}.",
            problem=outdated,
        )
    return _List(
        document,
        _list_method(document),
        _purposes(document),
        url=url,
        moved=None if document.get("id", url) == url else str(document["id"]),
        signer=owner.foreign_signer(issuer_id(document), list_key),
    )


def _own_proof(
    document: dict[str, Any], fetch: Fetcher, now: int
) -> tuple[str | None, ResolvedKey | None]:
    """Whether the list is what the issuer it names signed (who that is, is the caller's), and
    the key that signed it."""
    list_issuer = issuer_id(document)
    if list_issuer is None:
        return "it names no issuer", None
    return _proof_check(document, list_issuer, fetch, now)


def _strict_problem(
    document: Any, issuer: str | None, fetch: Fetcher, url: str, now: int | None
) -> str | None:
    """Why a list cannot be believed as ``issuer``'s list at ``url`` (purpose and dates aside):
    the build's rule for credsite's own lists, which always name their address and issuer."""
    problem = _list_problem(document)
    if problem:
        return problem
    if "id" in document and document["id"] != url:
        return f"it is the list {document['id']!r}, not {url}"
    list_issuer = issuer_id(document)
    if list_issuer != issuer:
        return f"it was issued by {_issuer_of(document)!r}, not by the credential's issuer"
    return _proof_problem(document, list_issuer, fetch, now)


def _list_problem(document: Any) -> str | None:
    """Why a fetched document is not a status list in the plain shape (who issued it aside)."""
    book = rulebook.rules()
    context = document.get("@context") if isinstance(document, dict) else None
    contexts = context if isinstance(context, list) else [context]
    if (
        not isinstance(document, dict)
        or not contexts
        or book.data_model(contexts[0]) is None
        or book.required_type not in types_of(document)
        or _list_method(document) is None
    ):
        names = " or ".join(m.list_type for m in book.status_methods)
        return f"it is not a {names}"
    return list_shape_problem(document)


def _proof_problem(
    document: dict[str, Any], issuer: str | None, fetch: Fetcher, now: int | None
) -> str | None:
    """Whether the list is what its issuer signed, by the checks a credential passes."""
    return _proof_check(document, issuer, fetch, now)[0]


def _proof_check(
    document: dict[str, Any], issuer: str | None, fetch: Fetcher, now: int | None
) -> tuple[str | None, ResolvedKey | None]:
    """``_proof_problem``, and the key that signed the list when there is none."""
    inner = Report()
    found = check_authenticity(document, issuer, fetch, now, inner)
    unsure = [
        c
        for c in inner.checks
        if c.id in ("issuer-key", "key-controller")
        and (c.outcome == "failed" or found.key_unreachable)
    ]
    if unsure:
        return "its signing key could not be confirmed: " + unsure[0].message, None
    if not inner.all_good(("proof-format", "contexts", "issuer-key", "signature")):
        return "its signature is not valid", None
    if not inner.all_good(CHECKS):
        return "it was signed after its key was marked compromised", None
    return None, found.key


def _list_method(document: Mapping[str, Any]) -> StatusMethod | None:
    """The status method whose list this is: its list credential type, and its subject of the
    method's subject type with an ``encodedList`` that is text."""
    subject = document.get("credentialSubject")
    if not isinstance(subject, dict) or not isinstance(subject.get("encodedList"), str):
        return None
    types, subject_types = set(types_of(document)), types_of(subject)
    return next(
        (
            m
            for m in rulebook.rules().status_methods
            if m.list_type in types and m.subject_type in subject_types
        ),
        None,
    )


def _issuer_of(document: Mapping[str, Any]) -> Any:
    found = document.get("issuer")
    return found.get("id") if isinstance(found, dict) else found


def _purposes(document: Mapping[str, Any]) -> tuple[object, ...]:
    """A list's purposes: ``statusPurpose`` may be one or a list (the REC allows either)."""
    subject = document.get("credentialSubject")
    value = subject.get("statusPurpose") if isinstance(subject, dict) else None
    return tuple(value) if isinstance(value, list) else (value,)


def _dates_problem(document: Mapping[str, Any], now: int) -> str | None:
    """Why a believed list does not speak for ``now``: at or past its end, before its start, or
    with a date that is not one. A list without dates is accepted, as the spec makes them
    optional (credsite's own lists always have both). A VC 1.1 list's issuanceDate and
    expirationDate count as its validFrom and validUntil, as a credential's do."""
    (start, start_problems), (end, end_problems) = (
        validity_date(document, name, legacy) for name, legacy in rulebook.rules().v11_dates
    )
    if start_problems or end_problems:
        return f"LIST_MALFORMED: the list's dates are malformed ({', '.join(start_problems + end_problems)})"
    if start.instant is not None and now < start.instant:
        return f"LIST_NOT_YET_VALID: the list is valid only from {start.text}{start.named()}"
    if end.instant is not None and now >= end.instant:
        return (
            f"LIST_EXPIRED: the list was valid until {end.text}{end.named()}; an out-of-date "
            "list can hide a later revocation or suspension"
        )
    return None


def _index(value: object) -> int | None:
    """A ``statusListIndex``, up to JavaScript's largest safe integer (the browser reads it as a
    number)."""
    number = _whole(value)
    return number if number is not None and 0 <= number <= _MAX_SAFE_INTEGER else None


def _size(value: object) -> int | None:
    """A ``statusSize``: 1 to the rulebook's maximum."""
    number = _whole(value)
    return (
        number if number is not None and 1 <= number <= rulebook.rules().max_status_size else None
    )


def _whole(value: object) -> int | None:
    """A whole number written as a decimal string without leading zeros, or as a JSON number."""
    if isinstance(value, str):
        return int(value) if _INDEX.fullmatch(value) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return int(value) if value == int(value) else None


def _is_url(value: object) -> bool:
    if not isinstance(value, str) or not _SCHEME.fullmatch(value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() not in ("http", "https") or bool(parts.hostname)
