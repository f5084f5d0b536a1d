"""The status rules of ``credsite/standards/statuscheck.py``, one per test, with the exact checks
``check_status`` reports: how an entry's index, size and list address are read, which lists are
read and why the others are refused, how a bit becomes an outcome, and when credsite's companion
suspension list is consulted. Their browser twin is browser/test/status-rules.test.js.

Lists are signed here with a throwaway key and served from memory by a stub fetch: no site is
built. Texts are pinned whole: the report and the command line print them.
"""

from __future__ import annotations

import base64
import functools
import gzip
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from credsite.standards.cryptosuites import KeyType, PublicKey, key_types
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.instants import epoch_ms
from credsite.standards.keyresolution import resolve_key
from credsite.standards.reports import FetchError, Report
from credsite.standards.statuscheck import check_status, status_list_problem, suspension_companion
from credsite.standards.statuslist import Bitstring

from .edge_credentials import CREATED, DID_URL, DID_WEB, REVOCATION, SUSPENSION, WEB_VM, Signer

NOW = epoch_ms(datetime(2026, 11, 1, tzinfo=UTC))
PLAIN = "https://issuer.example.org/lists/revocation"  # no companion list beside it
PLAIN_SUSPENSION = "https://issuer.example.org/lists/suspension"
SL2021 = "https://issuer.example.org/lists/2021"
URN = "urn:uuid:7d2f3c1e-0000-4000-8000-000000000001"
INDEX = 5
FROM, UNTIL = "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"
NOT_A_LIST = "it is not a BitstringStatusListCredential or StatusList2021Credential"
MALFORMED_DETAIL = "its statusListIndex, statusSize or statusListCredential is not usable"
SHORT = (
    "the list holds only {:,} entries, fewer than the 131,072 that keep a credential's place in "
    "it from narrowing down whose credential it is"
)
Row = tuple[str, str, str, str]


def _passed(purpose: str = "revocation") -> Row:
    done = {"revocation": "revoked", "suspension": "suspended"}[purpose]
    return (
        purpose,
        "passed",
        f"The issuer has not {done} this credential (checked against its signed {purpose} list).",
        "",
    )


def _failed(purpose: str = "revocation", detail: str = "") -> Row:
    done = {"revocation": "revoked", "suspension": "suspended"}[purpose]
    return (purpose, "failed", f"The issuer has {done} this credential.", detail)


def _untrusted(detail: str, purpose: str = "revocation") -> Row:
    done = {"revocation": "revoked", "suspension": "suspended"}[purpose]
    return (
        purpose,
        "not-checked",
        f"The {purpose} list could not be trusted, so it is unknown whether the credential was "
        f"{done}.",
        detail,
    )


def _outdated(detail: str) -> Row:
    return (
        "revocation",
        "not-checked",
        "The revocation list is not valid at this moment, so it is unknown whether the "
        "credential was revoked.",
        detail,
    )


def _unfetched(detail: str, purpose: str = "revocation") -> Row:
    done = {"revocation": "revoked", "suspension": "suspended"}[purpose]
    return (
        purpose,
        "not-checked",
        f"The {purpose} list could not be fetched, so it is unknown whether the credential was "
        f"{done}.",
        detail,
    )


def _malformed(purpose: str = "revocation") -> Row:
    return (
        purpose,
        "not-checked",
        f"The credential's {purpose} entry is malformed.",
        MALFORMED_DETAIL,
    )


@functools.cache
def _signer() -> Signer:
    return Signer()


@functools.cache
def _other() -> Signer:
    return Signer()


def _unsigned(
    url: str | None = PLAIN,
    purpose: Any = "revocation",
    bits: Bitstring | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """A plain Bitstring status list of the issuer; ``changes`` replace (None: remove) keys."""
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": DID_WEB,
        "validFrom": FROM,
        "validUntil": UNTIL,
        "credentialSubject": {
            "id": f"{url or PLAIN}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": _encoded(bits or _bits()),
        },
    }
    for key, value in changes.items():
        if value is None:
            document.pop(key, None)
        else:
            document[key] = value
    if url is None:
        del document["id"]
    return document


def _encoded(bits: Bitstring) -> str:
    """An ``encodedList`` of any length (``Bitstring.encode`` refuses a short one)."""
    raw = base64.urlsafe_b64encode(gzip.compress(bits.to_bytes(), mtime=0))
    return "u" + raw.decode().rstrip("=")


def _signed(document: dict[str, Any], signer: Signer | None = None) -> dict[str, Any]:
    return (signer or _signer()).sign(document, vm=WEB_VM, created=CREATED)


def _bits(*set_indexes: int, entries: int = 131072, size: int = 1, value: int = 1) -> Bitstring:
    bits = Bitstring(bytes(entries * size // 8), size)
    for index in set_indexes:
        bits.set(index, value)
    return bits


@functools.cache
def _clear_list() -> dict[str, Any]:
    return _signed(_unsigned())


@functools.cache
def _set_list() -> dict[str, Any]:
    return _signed(_unsigned(bits=_bits(INDEX)))


def _entry(url: str = PLAIN, purpose: Any = "revocation", **changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": f"{url}#{INDEX}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(INDEX),
        "statusListCredential": url,
    }
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    return entry


class _Network:
    """The documents a stub fetch serves, and the addresses it was asked for. An address not
    served answers 404 (the publisher says there is no such document); a FetchError value is
    raised as it is."""

    def __init__(self, lists: dict[str, Any] | None = None) -> None:
        self.documents: dict[str, Any] = {DID_URL: _signer().did_document(), PLAIN: _clear_list()}
        self.documents.update(lists or {})
        self.calls: list[str] = []

    def fetch(self, url: str) -> Any:
        self.calls.append(url)
        found = self.documents.get(url)
        if isinstance(found, FetchError):
            raise found
        if url not in self.documents:
            raise FetchError(f"HTTP 404 for {url}", missing=True)
        return found


def _checks(
    status: Any,
    lists: dict[str, Any] | None = None,
    *,
    now: int = NOW,
    issuer: str | None = DID_WEB,
    signing_key: PublicKey | None = None,
    network: _Network | None = None,
) -> list[Row]:
    """The status checks ``check_status`` reports for a view whose credentialStatus is
    ``status`` (a view without one when ``status`` is ``...``)."""
    net = network or _Network(lists)
    view = {} if status is ... else {"credentialStatus": status}
    report = Report()
    check_status(view, issuer, net.fetch, now, report, signing_key)
    return [(c.id, c.outcome, c.message, c.detail) for c in report.checks]


def _one(entry: Any, lists: dict[str, Any] | None = None, **kwargs: Any) -> Row:
    rows = _checks(entry, lists, **kwargs)
    assert len(rows) == 1, rows
    return rows[0]


# -- no status -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [..., []], ids=["absent", "empty list"])
def test_a_credential_without_status_entries_warns_that_it_cannot_be_revoked(status: Any) -> None:
    assert _checks(status) == [
        (
            "revocation",
            "warning",
            "The issuer publishes no revocation status for this credential, so it cannot be "
            "revoked.",
            "",
        )
    ]


def test_a_single_entry_object_and_a_list_of_one_are_read_alike() -> None:
    assert _checks(_entry()) == [_passed()]
    assert _checks([_entry()]) == [_passed()]


# -- the entry -------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", [None, "text", [_entry()], 5])
def test_an_entry_that_is_not_an_object_is_malformed_under_other_status(entry: Any) -> None:
    assert _checks([entry]) == [
        ("other-status", "not-checked", "The credential's status entry is malformed.", "")
    ]


@pytest.mark.parametrize("purpose", [None, 5, ["revocation"]])
def test_an_entry_without_a_text_purpose_names_no_purpose(purpose: Any) -> None:
    assert _one(_entry(purpose=purpose)) == (
        "other-status",
        "not-checked",
        "The credential's status entry names no purpose.",
        "",
    )


def test_a_purpose_not_understood_is_only_a_warning_under_other_status() -> None:
    assert _one(_entry(purpose="refresh")) == (
        "other-status",
        "warning",
        "A status of purpose 'refresh' is not checked.",
        "",
    )


def test_the_1edtech_revocation_list_is_not_read_and_says_why() -> None:
    entry = _entry(type=["1EdTechRevocationList"])
    assert _one(entry) == (
        "revocation",
        "not-checked",
        "The credential's status uses 1EdTechRevocationList, a status method that Open Badges "
        "3.0 has deprecated (in favour of the Bitstring Status List) and whose list is not "
        "signed, so this verifier does not read it.",
        "its type is ['1EdTechRevocationList']",
    )


def test_an_unknown_status_method_is_not_checked_before_its_purpose_is_looked_at() -> None:
    unknown = (
        "not-checked",
        "The credential uses a status method this verifier does not know.",
        "its type is 'OtherList'",
    )
    assert _one(_entry(type="OtherList")) == ("revocation", *unknown)
    assert _one(_entry(type="OtherList", purpose=None)) == ("other-status", *unknown)


@pytest.mark.parametrize(
    "index",
    ["5x", "05", "-1", -1, 1.5, [5], None, True, "", " 5", "10000000000000000", 2**53],
    ids=repr,
)
def test_status_list_index_is_a_decimal_string_or_a_safe_whole_number(index: Any) -> None:
    assert _one(_entry(statusListIndex=index)) == _malformed()


@pytest.mark.parametrize("index", [INDEX, "5", 5.0], ids=repr)
def test_status_list_index_may_be_a_number_a_decimal_string_or_a_whole_float(index: Any) -> None:
    lists = {PLAIN: _set_list()}
    assert _one(_entry(statusListIndex=index), lists) == _failed()


@pytest.mark.parametrize("index", [0, "0"], ids=repr)
def test_status_list_index_0_reads_the_first_entry(index: Any) -> None:
    lists = {PLAIN: _signed(_unsigned(bits=_bits(0)))}
    assert _one(_entry(statusListIndex=index), lists) == _failed()


def test_the_largest_safe_index_is_read_and_is_past_the_list() -> None:
    assert _one(_entry(statusListIndex=2**53 - 1)) == (
        "revocation",
        "not-checked",
        "The revocation list could not be read.",
        "RANGE_ERROR: index 9007199254740991 is outside the status list (entries 0 to 131071)",
    )
    assert _one(_entry(statusListIndex="9007199254740991"))[3].startswith("RANGE_ERROR: index 9")


@pytest.mark.parametrize(
    "size",
    ["abc", 0, "0", 33, "33", 1.5, "02", " 2", "2.0", "+2", [2], True, -1, None],
    ids=repr,
)
def test_status_size_is_1_to_32_as_a_number_or_a_decimal_string(size: Any) -> None:
    entry = _entry(statusSize=size) if size is not None else {**_entry(), "statusSize": None}
    assert _one(entry) == _malformed()


@pytest.mark.parametrize("size", [float("inf"), float("-inf"), float("nan")], ids=repr)
def test_a_status_size_or_index_that_is_not_a_finite_number_is_malformed(size: float) -> None:
    assert _one(_entry(statusSize=size)) == _malformed()
    assert _one(_entry(statusListIndex=size)) == _malformed()


def test_status_size_defaults_to_1() -> None:
    assert _one(_entry(), {PLAIN: _set_list()}) == _failed()


@pytest.mark.parametrize("size", [2, "2", 2.0], ids=repr)
def test_a_given_status_size_reads_that_many_bits_per_entry(size: Any) -> None:
    two = _signed(_unsigned(bits=_bits(INDEX, size=2, value=2)))
    assert _one(_entry(statusSize=size), {PLAIN: two}) == _failed()
    assert _one(_entry(statusSize=size, statusListIndex="4"), {PLAIN: two}) == _passed()


@pytest.mark.parametrize("size", [1, "1", 32, "32"], ids=repr)
def test_both_ends_of_status_size_are_read(size: Any) -> None:
    wide = int(size)
    short = _signed(_unsigned(bits=_bits(INDEX, entries=4096, size=wide, value=1)))
    assert _one(_entry(statusSize=size), {PLAIN: short}) == _failed(detail=SHORT.format(4096))


@pytest.mark.parametrize(
    "url",
    [5, [PLAIN], None, "not a url", " https://x.example/l", "https:///lists/1", "http:///lists/1"],
    ids=repr,
)
def test_the_list_address_must_be_a_url_with_a_host_when_it_is_http(url: Any) -> None:
    entry = _entry(statusListCredential=url) if url is not None else _entry(statusListCredential=5)
    assert _one(entry) == _malformed()


def test_a_list_address_of_another_scheme_needs_no_host() -> None:
    url = "urn:example:status-list"
    assert _one(_entry(url)) == _unfetched(f"HTTP 404 for {url}")


def test_an_entry_whose_id_is_its_list_address_is_malformed() -> None:
    assert _one(_entry(id=PLAIN)) == _malformed()
    assert _one(_entry(id=None)) == _passed()


def test_a_malformed_suspension_entry_says_suspension() -> None:
    assert _one(_entry(PLAIN_SUSPENSION, "suspension", statusSize=0)) == _malformed("suspension")


# -- fetching, once per address --------------------------------------------------------------


def test_a_list_that_cannot_be_fetched_is_not_checked_with_the_fetch_error() -> None:
    lists = {PLAIN: FetchError("HTTP 500 for the list")}
    assert _one(_entry(), lists) == _unfetched("HTTP 500 for the list")
    suspension = _entry(PLAIN_SUSPENSION, "suspension")
    assert _one(suspension) == _unfetched(f"HTTP 404 for {PLAIN_SUSPENSION}", "suspension")


def test_two_entries_on_one_list_fetch_it_once_and_each_is_read() -> None:
    net = _Network({PLAIN: _set_list()})
    entries = [_entry(), _entry(id=None, statusListIndex="7")]
    assert _checks(entries, network=net) == [_failed(), _passed()]
    assert net.calls.count(PLAIN) == 1


def test_two_entries_on_one_unreachable_list_both_say_why() -> None:
    lists = {PLAIN: FetchError("offline")}
    assert _checks([_entry(), _entry(id=None)], lists) == [_unfetched("offline")] * 2


# -- which lists are read ---------------------------------------------------------------------


@pytest.mark.parametrize("document", [None, "text", [], 5], ids=repr)
def test_a_list_that_is_not_a_json_object_is_not_a_status_list(document: Any) -> None:
    assert _one(_entry(), {PLAIN: document}) == _untrusted(NOT_A_LIST)


def _reshaped(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = _clear_list()
    changed = {**document, "credentialSubject": dict(document["credentialSubject"])}
    change(changed)
    return changed


def _set(key: str, value: Any, subject: bool = False) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        (document["credentialSubject"] if subject else document)[key] = value

    return change


def _drop(key: str, subject: bool = False) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        del (document["credentialSubject"] if subject else document)[key]

    return change


@pytest.mark.parametrize(
    "change",
    [
        _set("@context", []),
        _set("@context", ["https://example.org/other"]),
        _set("@context", "https://example.org/other"),
        _set("@context", [["https://www.w3.org/ns/credentials/v2"]]),
        _set("@context", [{"@vocab": "https://example.org/"}]),
        _drop("@context"),
        _set("type", ["BitstringStatusListCredential"]),
        _set("type", ["VerifiableCredential", "StatusList2021Credential"]),
        _set("credentialSubject", None),
        _set("credentialSubject", "text"),
        _set("credentialSubject", [{"type": "BitstringStatusList", "encodedList": "u"}]),
        _set("type", "StatusList2021", subject=True),
        _set("encodedList", 123, subject=True),
        _drop("encodedList", subject=True),
    ],
    ids=[
        "no context",
        "other context",
        "other lone context",
        "nested context",
        "object context",
        "context absent",
        "no VC type",
        "other list type",
        "null subject",
        "text subject",
        "array subject",
        "other subject type",
        "number encodedList",
        "no encodedList",
    ],
)
def test_a_list_needs_a_vc_context_first_the_vc_type_and_a_subject_of_its_method(
    change: Callable[[dict[str, Any]], None],
) -> None:
    assert _one(_entry(), {PLAIN: _reshaped(change)}) == _untrusted(NOT_A_LIST)


def test_a_list_whose_context_is_the_vc_context_written_alone_is_read() -> None:
    alone = _signed(_unsigned(**{"@context": "https://www.w3.org/ns/credentials/v2"}))
    assert _one(_entry(), {PLAIN: alone}) == _passed()


def test_a_list_with_an_inline_context_or_json_ld_keys_is_refused_naming_them() -> None:
    inline = _reshaped(
        _set("@context", ["https://www.w3.org/ns/credentials/v2", {"x": "https://x.example/x"}])
    )
    assert _one(_entry(), {PLAIN: inline}) == _untrusted(
        "LIST_MALFORMED: the list's @context must be context URLs only (no inline context)"
    )
    keys = _reshaped(_set("z:b", 1))
    keys["@nest"] = {}
    assert _one(_entry(), {PLAIN: keys}) == _untrusted(
        "LIST_MALFORMED: the list uses JSON-LD keywords or IRIs as keys (@nest, z:b)"
    )


def test_a_list_naming_no_issuer_is_not_trusted() -> None:
    nameless = _signed(_unsigned(issuer=None))
    assert _one(_entry(), {PLAIN: nameless}) == _untrusted("it names no issuer")


def test_a_list_changed_after_signing_or_under_another_key_is_not_trusted() -> None:
    changed = {**_clear_list(), "name": "changed after signing"}
    assert _one(_entry(), {PLAIN: changed}) == _untrusted("its signature is not valid")
    other_key = {DID_URL: _other().did_document()}
    assert _one(_entry(), other_key) == _untrusted("its signature is not valid")


def test_a_list_whose_key_cannot_be_fetched_is_not_trusted_saying_so() -> None:
    lists = {DID_URL: FetchError("HTTP 503 for the DID document")}
    assert _one(_entry(), lists) == _untrusted(
        "its signing key could not be confirmed: The issuer's public key could not be fetched, "
        "so the signature could not be checked."
    )


def test_a_list_signed_by_a_key_its_issuer_does_not_publish_for_issuing_is_not_trusted() -> None:
    document = _signer().did_document()
    document["assertionMethod"] = []
    assert _one(_entry(), {DID_URL: document}) == _untrusted(
        "its signing key could not be confirmed: The key that signed the credential is not a "
        "published key of the issuer."
    )


def test_a_list_naming_the_issuer_but_signed_by_another_partys_key_is_not_trusted() -> None:
    other = _other()
    claimed = other.sign(_unsigned(), vm=f"{other.did_key}#{other.multibase}", created=CREATED)
    assert _one(_entry(), {PLAIN: claimed}) == _untrusted(
        f"its signing key could not be confirmed: The key is controlled by {other.did_key!r}, "
        f"not by the issuer {DID_WEB!r}: anyone can write a name in a credential; only the "
        "issuer's own key proves it."
    )


def test_a_list_signed_after_its_key_was_marked_compromised_is_not_trusted() -> None:
    lists = {DID_URL: _signer().did_document(extra={"revoked": "2025-06-01T00:00:00Z"})}
    assert _one(_entry(), lists) == _untrusted("it was signed after its key was marked compromised")


def test_a_list_whose_proof_has_expired_by_now_is_not_trusted() -> None:
    expiring = _signer().sign_with(_unsigned(), expires="2026-06-01T00:00:00Z")
    lists = {PLAIN: expiring}
    assert _one(_entry(), lists) == _untrusted("its signature is not valid")
    assert _one(_entry(), lists, now=epoch_ms(datetime(2026, 5, 31, tzinfo=UTC))) == _passed()


def test_a_list_of_another_purpose_is_not_read_for_the_entry() -> None:
    lists = {PLAIN: _signed(_unsigned(purpose="suspension"))}
    assert _one(_entry(), lists) == _untrusted("it is not a list of purpose revocation")


def test_a_list_of_several_purposes_is_read_for_each() -> None:
    both = _signed(_unsigned(purpose=["suspension", "revocation"], bits=_bits(INDEX)))
    lists = {PLAIN: both}
    assert _one(_entry(), lists) == _failed()
    assert _one(_entry(purpose="suspension"), lists) == _failed("suspension")


def _sl2021(bits: Bitstring, prefix: bool) -> dict[str, Any]:
    encoded = bits.encode()
    return _signed(
        {
            "@context": [
                "https://www.w3.org/2018/credentials/v1",
                "https://w3id.org/vc/status-list/2021/v1",
                "https://w3id.org/security/data-integrity/v2",
            ],
            "id": SL2021,
            "type": ["VerifiableCredential", "StatusList2021Credential"],
            "issuer": DID_WEB,
            "issuanceDate": FROM,
            "credentialSubject": {
                "id": f"{SL2021}#list",
                "type": "StatusList2021",
                "statusPurpose": "revocation",
                "encodedList": encoded if prefix else encoded.removeprefix("u"),
            },
        }
    )


def test_a_status_list_2021_list_is_read_for_its_entry_with_or_without_the_prefix() -> None:
    entry = _entry(SL2021, type="StatusList2021Entry")
    for prefix in (True, False):
        assert _one(entry, {SL2021: _sl2021(_bits(INDEX), prefix)}) == _failed()


def test_a_bitstring_entry_pointing_at_a_status_list_2021_list_is_not_read() -> None:
    assert _one(_entry(SL2021), {SL2021: _sl2021(_bits(), True)}) == _untrusted(
        "it is a StatusList2021Credential, not the BitstringStatusListCredential a "
        "BitstringStatusListEntry points at"
    )


def test_a_bitstring_list_must_carry_the_multibase_prefix_u() -> None:
    bare = _unsigned()
    bare["credentialSubject"]["encodedList"] = Bitstring.zeros().encode().removeprefix("u")
    assert _one(_entry(), {PLAIN: _signed(bare)}) == (
        "revocation",
        "not-checked",
        "The revocation list could not be read.",
        "encodedList must start with 'u' (multibase base64url)",
    )


def test_an_index_past_the_list_at_the_entrys_status_size_cannot_be_read() -> None:
    entry = _entry(statusSize=2, statusListIndex="131072")
    assert _one(entry, {PLAIN: _signed(_unsigned(bits=_bits(size=2)))}) == (
        "revocation",
        "not-checked",
        "The revocation list could not be read.",
        "RANGE_ERROR: index 131072 is outside the status list (entries 0 to 131071)",
    )


# -- validity dates of a list -----------------------------------------------------------------

START, END = epoch_ms(datetime(2026, 1, 1, tzinfo=UTC)), epoch_ms(datetime(2027, 1, 1, tzinfo=UTC))


def test_a_list_counts_from_its_valid_from_inclusive() -> None:
    assert _one(_entry(), now=START) == _passed()
    assert _one(_entry(), now=START - 1) == _outdated(
        "LIST_NOT_YET_VALID: the list is valid only from 2026-01-01T00:00:00Z"
    )


def test_a_list_counts_until_its_valid_until_exclusive() -> None:
    assert _one(_entry(), now=END - 1) == _passed()
    assert _one(_entry(), now=END) == _outdated(
        "LIST_EXPIRED: the list was valid until 2027-01-01T00:00:00Z; an out-of-date list can "
        "hide a later revocation or suspension"
    )


def test_a_list_without_dates_is_read_at_any_time() -> None:
    undated = {PLAIN: _signed(_unsigned(validFrom=None, validUntil=None))}
    for now in (-1, NOW, END + 10**12):
        assert _one(_entry(), undated, now=now) == _passed()


def test_a_vc_11_lists_issuance_and_expiration_date_are_its_dates_named_as_such() -> None:
    legacy = _unsigned(validFrom=None, validUntil=None)
    legacy["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://www.w3.org/ns/credentials/status/v1",
        "https://w3id.org/security/data-integrity/v2",
    ]
    legacy.update(issuanceDate=FROM, expirationDate=UNTIL)
    lists = {PLAIN: _signed(legacy)}
    assert _one(_entry(), lists) == _passed()
    assert _one(_entry(), lists, now=START - 1) == _outdated(
        "LIST_NOT_YET_VALID: the list is valid only from 2026-01-01T00:00:00Z (issuanceDate)"
    )
    assert _one(_entry(), lists, now=END) == _outdated(
        "LIST_EXPIRED: the list was valid until 2027-01-01T00:00:00Z (expirationDate); an "
        "out-of-date list can hide a later revocation or suspension"
    )


def test_a_list_with_malformed_dates_names_them() -> None:
    lists = {PLAIN: _signed(_unsigned(validFrom="today", validUntil="next week"))}
    assert _one(_entry(), lists) == _outdated(
        "LIST_MALFORMED: the list's dates are malformed (VALID_FROM_MALFORMED, "
        "VALID_UNTIL_MALFORMED)"
    )
    only_end = {PLAIN: _signed(_unsigned(validUntil="next week"))}
    assert _one(_entry(), only_end) == _outdated(
        "LIST_MALFORMED: the list's dates are malformed (VALID_UNTIL_MALFORMED)"
    )


# -- reading the bit ---------------------------------------------------------------------------


def test_a_set_bit_of_the_issuers_list_revokes_and_a_clear_one_passes() -> None:
    assert _one(_entry(), {PLAIN: _set_list()}) == _failed()
    assert _one(_entry()) == _passed()


def test_a_suspension_entry_says_suspended() -> None:
    lists = {
        PLAIN_SUSPENSION: _signed(_unsigned(PLAIN_SUSPENSION, "suspension", _bits(INDEX))),
    }
    entry = _entry(PLAIN_SUSPENSION, "suspension")
    assert _one(entry, lists) == _failed("suspension")
    entry["statusListIndex"] = "6"
    assert _one(entry, lists) == _passed("suspension")


def test_a_list_of_exactly_the_minimum_length_gives_no_privacy_warning() -> None:
    exact = _signed(_unsigned(bits=_bits(entries=131072)))
    assert _one(_entry(), {PLAIN: exact}) == _passed()


def test_a_short_list_is_read_a_clear_bit_warning_of_the_privacy_risk() -> None:
    short = {PLAIN: _signed(_unsigned(bits=_bits(entries=131064)))}
    assert _one(_entry(), short) == (
        "revocation",
        "warning",
        "The issuer has not revoked this credential (checked against its signed revocation "
        f"list); but {SHORT.format(131064)}.",
        "",
    )


def test_a_short_list_still_revokes_with_a_set_bit_naming_the_risk() -> None:
    short = {PLAIN: _signed(_unsigned(bits=_bits(INDEX, entries=8)))}
    assert _one(_entry(), short) == _failed(detail=SHORT.format(8))


def test_a_list_without_an_id_is_read_as_the_one_at_its_address() -> None:
    assert _one(_entry(), {PLAIN: _signed(_unsigned(url=None))}) == _passed()


MOVED = "https://lists.example.net/status/3"
MOVED_NOTE = (
    f"the list calls itself {MOVED!r}, not {PLAIN}, the address the credential names and it "
    "was fetched from, so the host could be serving another of the issuer's lists there"
)


def test_the_issuers_list_under_another_id_passes_a_clear_bit_with_a_warning() -> None:
    moved = _signed(_unsigned(url=MOVED))
    assert _one(_entry(), {PLAIN: moved}) == (
        "revocation",
        "warning",
        "The issuer has not revoked this credential (checked against its signed revocation "
        f"list); but {MOVED_NOTE}.",
        "",
    )


def test_a_moved_short_list_names_both_faults_joined_by_and() -> None:
    moved = _signed(_unsigned(url=MOVED, bits=_bits(entries=64)))
    assert _one(_entry(), {PLAIN: moved}) == (
        "revocation",
        "warning",
        "The issuer has not revoked this credential (checked against its signed revocation "
        f"list); but {MOVED_NOTE}; and {SHORT.format(64)}.",
        "",
    )


def test_the_issuers_list_under_another_id_revokes_with_a_set_bit() -> None:
    moved = _signed(_unsigned(url=MOVED, bits=_bits(INDEX)))
    assert _one(_entry(), {PLAIN: moved}) == _failed()


# -- a list signed by another party ------------------------------------------------------------


def _others_list(bits: Bitstring, url: str = PLAIN, purpose: str = "revocation") -> dict[str, Any]:
    other = _other()
    return other.sign(
        _unsigned(url, purpose, bits, issuer=other.did_key),
        vm=f"{other.did_key}#{other.multibase}",
        created=CREATED,
    )


def _mismatch(signer: str) -> str:
    return (
        f"LIST_ISSUER_MISMATCH: it was issued and signed by {signer!r}, not by the credential's "
        "issuer"
    )


def _cannot_vouch(signer: str, url: str = PLAIN, purpose: str = "revocation") -> Row:
    done = {"revocation": "revoked", "suspension": "suspended"}[purpose]
    return (
        purpose,
        "not-checked",
        f"The {purpose} list at {url} is signed by {signer!r}, not by the credential's issuer, "
        f"so it is unknown whether the credential was {done}: a list signed by someone else can "
        "withdraw a credential but cannot vouch for it.",
        _mismatch(signer),
    )


def test_another_partys_clear_bit_cannot_vouch_for_the_credential() -> None:
    other = _other().did_key
    assert _one(_entry(), {PLAIN: _others_list(_bits())}) == _cannot_vouch(other)


def test_another_partys_set_bit_revokes_naming_who_signed_it() -> None:
    other = _other().did_key
    assert _one(_entry(), {PLAIN: _others_list(_bits(INDEX))}) == (
        "revocation",
        "failed",
        f"The credential has been revoked, according to a revocation list signed by {other!r}, "
        "not by the credential's issuer.",
        _mismatch(other),
    )


def test_another_partys_short_list_names_the_risk_after_the_mismatch() -> None:
    other = _other().did_key
    found = _one(_entry(), {PLAIN: _others_list(_bits(INDEX, entries=16))})
    assert found[3] == f"{_mismatch(other)}; {SHORT.format(16)}"
    assert found[1] == "failed"


# -- an issuer that can publish no key (a urn) -------------------------------------------------


@functools.cache
def _urn_list() -> dict[str, Any]:
    signer = _signer()
    return signer.sign(
        _unsigned(issuer=URN), vm=f"{signer.did_key}#{signer.multibase}", created=CREATED
    )


def _key_of(signer: Signer) -> PublicKey:
    return resolve_key(f"{signer.did_key}#{signer.multibase}", mapping_fetcher({})).public_key


def _another_type(key: PublicKey) -> KeyType:
    return next(k for k in key_types() if k.name != key.key_type.name)


def test_a_keyless_issuers_list_is_its_own_when_signed_by_the_credentials_key() -> None:
    lists = {PLAIN: _urn_list()}
    assert _one(_entry(), lists, issuer=URN, signing_key=_key_of(_signer())) == _passed()


def test_a_keyless_issuers_list_signed_by_another_key_cannot_vouch_naming_the_key() -> None:
    signer = _signer()
    vm = f"{signer.did_key}#{signer.multibase}"
    lists = {PLAIN: _urn_list()}
    mine = _key_of(signer)
    others = {
        "no key": None,
        "another key": _key_of(_other()),
        "another key type": PublicKey(_another_type(mine), mine.raw),
    }
    for how, key in others.items():
        found = _one(_entry(), lists, issuer=URN, signing_key=key)
        assert found == _cannot_vouch(vm), how


# -- credsite's companion suspension list -------------------------------------------------------


def _companion_network(**lists: Any) -> dict[str, Any]:
    return {REVOCATION: _signed(_unsigned(REVOCATION)), **lists}


def _suspension_list(bits: Bitstring) -> dict[str, Any]:
    return _signed(_unsigned(SUSPENSION, "suspension", bits))


def test_a_lone_revocation_entry_on_a_credsite_list_reads_the_companion_at_the_same_index() -> None:
    lists = _companion_network(**{SUSPENSION: _suspension_list(_bits(INDEX))})
    assert _checks(_entry(REVOCATION), lists) == [_passed(), _failed("suspension")]
    clear = _companion_network(**{SUSPENSION: _suspension_list(_bits(INDEX + 1))})
    assert _checks(_entry(REVOCATION), clear) == [_passed(), _passed("suspension")]


def test_an_absent_companion_list_means_not_suspended() -> None:
    assert _checks(_entry(REVOCATION), _companion_network()) == [
        _passed(),
        (
            "suspension",
            "passed",
            "The issuer publishes no suspension list for this credential, so it is not suspended.",
            f"HTTP 404 for {SUSPENSION}",
        ),
    ]


def test_only_an_absent_companion_counts_as_none_a_failing_or_bad_one_stays_unknown() -> None:
    failing = _companion_network(**{SUSPENSION: FetchError("HTTP 500 for the list")})
    assert _checks(_entry(REVOCATION), failing) == [
        _passed(),
        _unfetched("HTTP 500 for the list", "suspension"),
    ]
    bad = _companion_network(**{SUSPENSION: "text"})
    assert _checks(_entry(REVOCATION), bad) == [
        _passed(),
        _untrusted(NOT_A_LIST, "suspension"),
    ]


def test_a_malformed_lone_entry_on_a_credsite_list_makes_a_malformed_companion_too() -> None:
    assert _checks(_entry(REVOCATION, statusListIndex="x"), _companion_network()) == [
        _malformed(),
        _malformed("suspension"),
    ]


def test_the_companion_entry_drops_the_entrys_id() -> None:
    """An entry whose id happens to be the companion's address: the companion is still read."""
    entry = _entry(REVOCATION, id=SUSPENSION)
    lists = _companion_network(**{SUSPENSION: _suspension_list(_bits(INDEX))})
    assert _checks(entry, lists) == [_passed(), _failed("suspension")]


@pytest.mark.parametrize(
    "entries",
    [
        [_entry(REVOCATION), _entry(PLAIN, id=None)],
        [_entry(REVOCATION, "suspension")],
        [_entry(REVOCATION, statusListCredential=5)],
        [_entry(REVOCATION, statusPurpose=None)],
        ["text"],
        [_entry(PLAIN)],
        [_entry(REVOCATION + "x")],
    ],
    ids=[
        "two entries",
        "suspension entry",
        "url not text",
        "no purpose",
        "not an object",
        "not a credsite list",
        "not at the end",
    ],
)
def test_no_companion_unless_one_revocation_entry_on_a_credsite_list(entries: Any) -> None:
    assert suspension_companion(entries) is None


def test_the_companion_entry_is_the_revocation_entry_on_the_suspension_list() -> None:
    entry = _entry(REVOCATION, statusSize=2)
    assert suspension_companion([entry]) == {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "suspension",
        "statusListIndex": "5",
        "statusListCredential": SUSPENSION,
        "statusSize": 2,
    }


def test_a_credential_with_two_entries_gets_no_companion_check() -> None:
    lists = _companion_network(**{SUSPENSION: _suspension_list(_bits(INDEX))})
    entries = [_entry(REVOCATION), _entry(REVOCATION, id=None, statusListIndex="6")]
    assert _checks(entries, lists) == [_passed(), _passed()]


# -- the build's strict rule for credsite's own lists -------------------------------------------


def _strict(document: Any, purpose: str = "revocation", now: datetime | None = None) -> Any:
    fetch = mapping_fetcher({DID_URL: _signer().did_document()})
    return status_list_problem(document, purpose, DID_WEB, fetch, PLAIN, now)


def test_the_build_accepts_its_own_list_of_the_purpose() -> None:
    assert _strict(_clear_list()) is None
    assert _strict(_signed(_unsigned(url=None))) is None


def test_the_build_refuses_a_list_of_another_purpose() -> None:
    assert _strict(_clear_list(), "suspension") == "it is not a list of purpose suspension"


def test_the_build_refuses_a_list_under_another_id() -> None:
    assert _strict(_signed(_unsigned(url=MOVED))) == f"it is the list {MOVED!r}, not {PLAIN}"


def test_the_build_refuses_a_list_of_another_issuer_naming_it() -> None:
    other = "did:web:other.example"
    named = _strict(_signed(_unsigned(issuer={"id": other, "name": "Other"})))
    assert named == f"it was issued by {other!r}, not by the credential's issuer"
    assert _strict(_signed(_unsigned(issuer=other))) == (
        f"it was issued by {other!r}, not by the credential's issuer"
    )
    assert _strict(_signed(_unsigned(issuer=None))) == (
        "it was issued by None, not by the credential's issuer"
    )


def test_the_build_refuses_what_is_not_a_list_or_not_signed() -> None:
    assert _strict("text") == NOT_A_LIST
    inline = _reshaped(_set("@context", ["https://www.w3.org/ns/credentials/v2", {"x": "y"}]))
    assert _strict(inline) == (
        "LIST_MALFORMED: the list's @context must be context URLs only (no inline context)"
    )
    assert _strict({**_clear_list(), "name": "changed"}) == "its signature is not valid"


def test_the_build_judges_a_proofs_expires_only_when_given_a_moment() -> None:
    expiring = _signer().sign_with(_unsigned(), expires="2026-06-01T00:00:00Z")
    assert _strict(expiring) is None
    assert _strict(expiring, now=datetime(2026, 5, 31, tzinfo=UTC)) is None
    assert _strict(expiring, now=datetime(2026, 6, 2, tzinfo=UTC)) == "its signature is not valid"


def test_the_build_judges_no_proof_end_unless_given_a_moment() -> None:
    expiring = _signer().sign_with(_unsigned(), expires="2020-01-01T00:00:00Z")
    fetch = mapping_fetcher({DID_URL: _signer().did_document()})
    assert status_list_problem(expiring, "revocation", DID_WEB, fetch, PLAIN) is None


def test_without_the_credentials_signing_key_a_keyless_issuers_list_cannot_vouch() -> None:
    signer = _signer()
    report = Report()
    net = _Network({PLAIN: _urn_list()})
    check_status({"credentialStatus": _entry()}, URN, net.fetch, NOW, report)
    (check,) = report.checks
    vm = f"{signer.did_key}#{signer.multibase}"
    assert (check.id, check.outcome, check.message, check.detail) == _cannot_vouch(vm)
