"""Bitstring status lists: the rules the mutation survivors of ``statuslist.py`` showed untested.

Each test states one rule. The texts of refusals are pinned whole: the CLI and the verification
report print them, so a changed word is a changed output.
"""

from __future__ import annotations

import base64
import gzip
from typing import Any

import pytest

from credsite.base.errors import VerificationError
from credsite.standards import statuslist as sl

CONTEXT = "https://www.w3.org/ns/credentials/v2"
ENCODED_LIST_IRI = "https://www.w3.org/ns/credentials/status#encodedList"


def _encoded(raw: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _gzip_header(encoded_list: str) -> bytes:
    body = encoded_list.removeprefix("u")
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))[:10]


def _refusal(error: type[Exception], call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(error) as caught:
        call(*args, **kwargs)
    return str(caught.value)


# --- encoding --------------------------------------------------------------------------------


def test_the_gzip_header_time_is_zero_so_rebuilds_give_the_same_bytes() -> None:
    header = _gzip_header(sl.Bitstring.zeros().encode())
    assert header[:4] == b"\x1f\x8b\x08\x00"  # magic, deflate, no flags
    assert header[4:8] == bytes(4)  # MTIME: 0, not the time of the build
    assert _gzip_header(sl.encode(bytes(16384))) == header


def test_a_list_one_byte_short_of_the_minimum_cannot_be_encoded() -> None:
    message = _refusal(ValueError, sl.encode, bytes(sl.MIN_ENTRIES // 8 - 1))
    assert message == "a status list needs at least 131072 entries, not 131064"


def test_the_refusal_of_a_short_list_counts_whole_entries() -> None:
    message = _refusal(ValueError, sl.encode, bytes(10), 3)
    assert message == "a status list needs at least 131072 entries, not 26"


def test_a_multi_bit_list_is_encoded_only_with_enough_entries_of_its_size() -> None:
    two_bit_half_list = sl.Bitstring(bytes(sl.MIN_ENTRIES // 8), status_size=2)
    message = _refusal(ValueError, two_bit_half_list.encode)
    assert message == "a status list needs at least 131072 entries, not 65536"


# --- decoding --------------------------------------------------------------------------------


def test_a_multi_bit_list_is_decoded_only_with_enough_entries_of_its_size() -> None:
    one_bit_minimum = sl.Bitstring.zeros().encode()
    message = _refusal(VerificationError, sl.Bitstring.decode, one_bit_minimum, 2)
    assert message == (
        "STATUS_LIST_LENGTH_ERROR: the status list has 65536 entries; the minimum is 131072"
    )


@pytest.mark.parametrize("reader", [sl.decode, sl.Bitstring.read_list])
@pytest.mark.parametrize("value", [None, 12, b"uH4sI", ["uH4sI"]])
def test_an_encoded_list_that_is_not_text_is_refused_in_those_words(
    reader: Any, value: object
) -> None:
    assert _refusal(VerificationError, reader, value) == "encodedList must be text"


def test_an_encoded_list_without_its_u_is_refused_in_those_words() -> None:
    unprefixed = sl.Bitstring.zeros().encode()[1:]
    message = _refusal(VerificationError, sl.decode, unprefixed)
    assert message == "encodedList must start with 'u' (multibase base64url)"


def test_read_list_requires_the_u_unless_told_the_method_omits_it() -> None:
    unprefixed = sl.Bitstring.zeros().encode()[1:]
    refusal = "encodedList must start with 'u' (multibase base64url)"
    assert _refusal(VerificationError, sl.Bitstring.read_list, unprefixed) == refusal
    assert (
        _refusal(VerificationError, sl.Bitstring.read_list, unprefixed, prefix_required=True)
        == refusal
    )
    assert sl.Bitstring.read_list(unprefixed, prefix_required=False).entries == sl.MIN_ENTRIES


def test_read_list_reads_entries_of_the_given_status_size() -> None:
    bits = sl.Bitstring.zeros(status_size=2)
    bits.set(1, 0b11)
    bits.set(2, 0b10)
    read = sl.Bitstring.read_list(bits.encode(), 2)
    assert read.status_size == 2
    assert read.entries == sl.MIN_ENTRIES
    assert [read.get(i) for i in range(4)] == [0, 3, 2, 0]
    assert read.set_indexes() == [1, 2]


def test_a_truncated_gzip_stream_is_refused_in_those_words() -> None:
    truncated = _encoded(gzip.compress(bytes(16384), mtime=0)[:-12])
    message = _refusal(VerificationError, sl.decode, truncated)
    assert message == "encodedList is not valid GZIP: the data is truncated"


def test_data_after_the_gzip_stream_is_refused_in_those_words() -> None:
    padded = _encoded(gzip.compress(bytes(16384), mtime=0) + b"junk")
    message = _refusal(VerificationError, sl.decode, padded)
    assert message == "encodedList has data after the end of the GZIP stream"


# --- indexes ---------------------------------------------------------------------------------


def test_a_range_error_names_the_last_entry_of_the_list() -> None:
    message = _refusal(VerificationError, sl.Bitstring.zeros().get, sl.MIN_ENTRIES)
    assert message == ("RANGE_ERROR: index 131072 is outside the status list (entries 0 to 131071)")


def test_setting_beyond_the_list_names_the_last_entry_of_the_list() -> None:
    message = _refusal(ValueError, sl.Bitstring.zeros().set, sl.MIN_ENTRIES)
    assert message == "index 131072 is outside the list (entries 0 to 131071)"


@pytest.mark.parametrize("index", [True, False])
def test_a_boolean_is_not_an_index(index: bool) -> None:
    bits = sl.Bitstring.zeros()
    refusal = "status list index must be an int, not bool"
    assert _refusal(TypeError, bits.get, index) == refusal
    assert _refusal(TypeError, bits.set, index) == refusal
    assert bits.set_indexes() == []


def test_an_index_of_another_type_is_refused_naming_that_type() -> None:
    message = _refusal(TypeError, sl.Bitstring.zeros().get, 1.0)
    assert message == "status list index must be an int, not float"


# --- the list's JSON shape -------------------------------------------------------------------


def test_a_lone_inline_context_is_refused_like_one_in_a_list() -> None:
    refusal = "LIST_MALFORMED: the list's @context must be context URLs only (no inline context)"
    inline = {"validUntil": {"@id": "https://example.org/hidden"}}
    assert sl.list_shape_problem({"@context": inline}) == refusal
    assert sl.list_shape_problem({"@context": [CONTEXT, inline]}) == refusal
    assert sl.list_shape_problem({"@context": CONTEXT}) is None


def test_an_iri_key_in_the_list_subject_is_refused_naming_the_subject() -> None:
    status_list = {
        "@context": [CONTEXT],
        "credentialSubject": {"id": "https://example.org/status/1#list", ENCODED_LIST_IRI: "u"},
    }
    assert sl.list_shape_problem(status_list) == (
        "LIST_MALFORMED: its credentialSubject uses JSON-LD keywords or IRIs as keys "
        f"({ENCODED_LIST_IRI})"
    )


def test_a_keyword_key_in_the_list_subject_is_refused() -> None:
    status_list = {"@context": [CONTEXT], "credentialSubject": {"@nest": {}}}
    assert sl.list_shape_problem(status_list) == (
        "LIST_MALFORMED: its credentialSubject uses JSON-LD keywords or IRIs as keys (@nest)"
    )


def test_every_odd_key_is_named_sorted_and_comma_separated() -> None:
    status_list = {"@context": [CONTEXT], "@nest": {}, "@id": "x", "ex:validUntil": "2000"}
    assert sl.list_shape_problem(status_list) == (
        "LIST_MALFORMED: the list uses JSON-LD keywords or IRIs as keys (@id, @nest, ex:validUntil)"
    )


@pytest.mark.parametrize("subject", ["missing", None, "urn:example:list", ["@id", "a:b"]])
def test_a_subject_that_is_not_an_object_has_no_keys_to_refuse(subject: object) -> None:
    """The shape check is about keys; a subject without keys is left to the other checks."""
    status_list: dict[str, object] = {"@context": [CONTEXT], "type": ["VerifiableCredential"]}
    if subject != "missing":
        status_list["credentialSubject"] = subject
    assert sl.list_shape_problem(status_list) is None
