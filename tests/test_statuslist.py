"""Bitstring Status List v1.0: bit order, encoding and the verifier's error conditions."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from credsite.base.errors import VerificationError
from credsite.standards import statuslist as sl

EXAMPLES = json.loads(
    (Path(__file__).parent / "vectors" / "bitstring-status-list" / "examples.json").read_text()
)["examples"]


def _independent_decode(encoded_list: str) -> bytes:
    """The stdlib reading of an encodedList, to check the vectors without our decoder."""
    body = encoded_list.removeprefix("u")
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _encoded(raw: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


# --- the recorded examples ---------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['bits']}bits-{e['setIndexes']}")
def test_recorded_sizes_and_set_indexes(example: dict[str, Any]) -> None:
    bits = _independent_decode(example["encodedList"])
    assert len(bits) == example["uncompressedBytes"]
    assert len(bits) * 8 == example["bits"]
    assert sl.Bitstring(bits).set_indexes() == example["setIndexes"]
    if "byteAtIndex6250" in example:
        assert bits[6250] == int(example["byteAtIndex6250"], 16)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['bits']}bits-{e['setIndexes']}")
def test_decoder_accepts_full_lists_and_refuses_short_ones(example: dict[str, Any]) -> None:
    if example["bits"] >= sl.MIN_ENTRIES:
        decoded = sl.Bitstring.decode(example["encodedList"])
        assert decoded.entries == example["bits"]
        assert decoded.set_indexes() == example["setIndexes"]
    else:
        with pytest.raises(
            VerificationError, match=r"^STATUS_LIST_LENGTH_ERROR: .* 100000 entries"
        ):
            sl.decode(example["encodedList"])


def test_spec_example_is_the_empty_minimum_list() -> None:
    spec_list = EXAMPLES[0]["encodedList"]
    assert sl.decode(spec_list) == sl.Bitstring.zeros().to_bytes() == bytes(16384)


def test_index_50000_is_the_most_significant_bit_of_byte_6250() -> None:
    bits = sl.Bitstring.zeros()
    bits.set(50000)
    raw = bits.to_bytes()
    assert raw[6250] == 0x80
    assert sum(raw) == 0x80


# --- building and reading lists ----------------------------------------------------------------


@pytest.mark.parametrize(
    "indexes", [[], [0], [7, 8], [0, 1, 2, 3, 4, 5, 6, 7], [94567, 131071], [50000, 50007]]
)
def test_round_trip(indexes: list[int]) -> None:
    bits = sl.Bitstring.zeros()
    for index in indexes:
        bits.set(index)
    decoded = sl.Bitstring.decode(bits.encode())
    assert decoded.set_indexes() == sorted(indexes)
    assert _independent_decode(bits.encode()) == bits.to_bytes()
    for index in indexes:
        assert decoded.get(index) == 1
    assert decoded.get(1000) == 0


def test_encoding_is_deterministic() -> None:
    first, second = sl.Bitstring.zeros(), sl.Bitstring.zeros()
    for bits in (first, second):
        bits.set(12345)
    assert first.encode() == second.encode()
    assert first.encode().startswith("uH4sI")  # 'u' + base64url of the gzip magic bytes
    assert "=" not in first.encode()


def test_clear_undoes_set() -> None:
    bits = sl.Bitstring.zeros()
    bits.set(9)
    bits.set(10)
    bits.clear(9)
    assert bits.set_indexes() == [10]
    assert bits.to_bytes()[1] == 0b0010_0000


def test_larger_lists_keep_their_size() -> None:
    bits = sl.Bitstring.zeros(200_000)
    bits.set(199_999)
    decoded = sl.Bitstring.decode(bits.encode())
    assert decoded.entries == 200_000
    assert decoded.set_indexes() == [199_999]


def test_encode_function_matches_the_method() -> None:
    bits = sl.Bitstring.zeros()
    bits.set(3)
    assert sl.encode(bits.to_bytes()) == bits.encode()
    assert sl.decode(bits.encode()) == bits.to_bytes()


# --- statusSize greater than one ---------------------------------------------------------------


def test_multi_bit_entries_are_msb_first() -> None:
    bits = sl.Bitstring.zeros(sl.MIN_ENTRIES, status_size=2)
    bits.set(0, 0b10)
    bits.set(1, 0b01)
    bits.set(3, 0b11)
    assert bits.to_bytes()[0] == 0b10_01_00_11
    assert [bits.get(i) for i in range(5)] == [2, 1, 0, 3, 0]
    assert bits.set_indexes() == [0, 1, 3]
    decoded = sl.Bitstring.decode(bits.encode(), status_size=2)
    assert [decoded.get(i) for i in range(4)] == [2, 1, 0, 3]


def test_status_value_must_fit() -> None:
    bits = sl.Bitstring.zeros(status_size=2)
    with pytest.raises(ValueError, match="does not fit in 2 bit"):
        bits.set(0, 4)
    with pytest.raises(ValueError, match="does not fit"):
        bits.set(0, -1)


def test_length_check_counts_entries_not_bits() -> None:
    one_bit_minimum = sl.Bitstring.zeros().encode()
    with pytest.raises(VerificationError, match=r"^STATUS_LIST_LENGTH_ERROR: .* 65536 entries"):
        sl.decode(one_bit_minimum, status_size=2)
    assert sl.Bitstring.decode(sl.Bitstring.zeros(status_size=2).encode(), 2).entries == (
        sl.MIN_ENTRIES
    )


@pytest.mark.parametrize("size", [0, -1, True, 1.5])
def test_status_size_must_be_a_positive_integer(size: Any) -> None:
    with pytest.raises(ValueError, match="statusSize"):
        sl.Bitstring.zeros(status_size=size)


# --- error conditions --------------------------------------------------------------------------


@pytest.mark.parametrize("index", [sl.MIN_ENTRIES, sl.MIN_ENTRIES + 7, 10**9, -1])
def test_reading_outside_the_list_is_a_range_error(index: int) -> None:
    with pytest.raises(VerificationError, match=f"^RANGE_ERROR: index {index} "):
        sl.Bitstring.zeros().get(index)


def test_last_multi_bit_entry_must_fit_entirely() -> None:
    bits = sl.Bitstring(bytes(16384 * 3), status_size=3)  # 131072 entries of 3 bits
    assert bits.get(sl.MIN_ENTRIES - 1) == 0
    with pytest.raises(VerificationError, match="RANGE_ERROR"):
        bits.get(sl.MIN_ENTRIES)


def test_writing_outside_the_list_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="outside the list"):
        sl.Bitstring.zeros().set(sl.MIN_ENTRIES)


def test_index_must_be_an_int() -> None:
    with pytest.raises(TypeError):
        sl.Bitstring.zeros().get("5")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("encoded", "message"),
    [
        ("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA", "start with 'u'"),
        ("zH4sIAAAAAAAAA", "start with 'u'"),
        ("", "start with 'u'"),
        ("uH4sI+AAA", "not valid base64url"),
        ("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA==", "base64url"),
        (_encoded(b"this is not gzip at all"), "not valid GZIP"),
        (_encoded(gzip.compress(bytes(16384), mtime=0)[:-12]), "truncated"),
        (
            _encoded(gzip.compress(bytes(16384), mtime=0) + b"junk"),
            "after the end of the GZIP stream",
        ),
    ],
)
def test_malformed_encoded_lists_are_refused(encoded: str, message: str) -> None:
    with pytest.raises(VerificationError, match=message):
        sl.decode(encoded)


def test_gzip_bomb_is_refused() -> None:
    bomb = _encoded(gzip.compress(bytes(sl.MAX_DECODED_BYTES + 1), mtime=0))
    with pytest.raises(VerificationError, match="expands to more than"):
        sl.decode(bomb)


def test_list_of_exactly_the_maximum_size_is_accepted() -> None:
    assert len(sl.decode(_encoded(gzip.compress(bytes(sl.MAX_DECODED_BYTES))))) == (
        sl.MAX_DECODED_BYTES
    )


def test_signer_cannot_build_or_encode_a_short_list() -> None:
    with pytest.raises(ValueError, match="at least 131072 entries"):
        sl.Bitstring.zeros(100_000)
    with pytest.raises(ValueError, match="at least 131072 entries"):
        sl.encode(bytes(12500))
