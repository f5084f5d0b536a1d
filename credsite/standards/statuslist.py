"""Bitstring Status List v1.0: the revocation list a static site publishes as a signed file.

The list is a bitstring of at least 131,072 entries (16 KiB for one bit per entry; the
rulebook's ``status.minEntries``), so that one credential's index says little about who holds
it. Entry ``i`` with ``statusSize`` bits starts at bit ``i * statusSize``, and bit 0 is the most
significant bit of byte 0. On the wire it is GZIP, base64url without padding, prefixed with 'u'.

``decode`` holds a list to all of that (the build checks credsite's own lists with it);
``read_list`` is what the verifier reads from other issuers' lists: also Status List 2021's,
which has the same bits but may omit the 'u', and also a list shorter than the minimum, which
the verifier reports with a warning rather than refusing (``credsite.standards.statuscheck``).

Decoding raises ``VerificationError`` whose message starts with the spec's error name
(STATUS_LIST_LENGTH_ERROR, RANGE_ERROR) where the spec defines one, because a verifier must
report those distinctly. Misuse by the caller (a bad index when building a list) is a
``ValueError``.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Mapping
from typing import Any

from credsite.base.errors import VerificationError
from credsite.standards import rulebook
from credsite.standards.multibase import BASE64URL_PREFIX, base64url_decode, base64url_encode

# The rulebook's status.minEntries, which the browser verifier holds lists to as well.
MIN_ENTRIES = rulebook.rules().min_status_entries
STATUS_LIST_LENGTH_ERROR = "STATUS_LIST_LENGTH_ERROR"
RANGE_ERROR = "RANGE_ERROR"
# A gzip bomb of a few kilobytes could otherwise expand to gigabytes; 16 MiB is 128 times the
# minimum list and far beyond any list a static site publishes.
MAX_DECODED_BYTES = 16 * 1024 * 1024
_GZIP_WBITS = 16 + zlib.MAX_WBITS


class Bitstring:
    """A mutable status list; entries hold ``status_size`` bits each, MSB first."""

    def __init__(self, data: bytes | bytearray, status_size: int = 1) -> None:
        _check_status_size(status_size)
        self._bits = bytearray(data)
        self.status_size = status_size

    @classmethod
    def zeros(cls, entries: int = MIN_ENTRIES, status_size: int = 1) -> Bitstring:
        """A list in which no entry is set (nothing revoked)."""
        _check_status_size(status_size)
        if entries < MIN_ENTRIES:
            raise ValueError(f"a status list needs at least {MIN_ENTRIES} entries, not {entries}")
        return cls(bytes(-(-entries * status_size // 8)), status_size)

    @classmethod
    def decode(cls, encoded_list: str, status_size: int = 1) -> Bitstring:
        """Decode an ``encodedList``, with the spec's length check for ``status_size``."""
        return cls(decode(encoded_list, status_size), status_size)

    @classmethod
    def read_list(
        cls, encoded_list: object, status_size: int = 1, *, prefix_required: bool = True
    ) -> Bitstring:
        """Decode an ``encodedList`` of any length, with the 'u' prefix or, when
        ``prefix_required`` is false (Status List 2021), without it."""
        _check_status_size(status_size)
        return cls(_bits(encoded_list, prefix_required), status_size)

    @property
    def entries(self) -> int:
        return len(self._bits) * 8 // self.status_size

    def get(self, index: int) -> int:
        """The status value of entry ``index``; RANGE_ERROR if the list has no such entry."""
        start = self._start(index)
        if start is None:
            raise VerificationError(
                f"{RANGE_ERROR}: index {index} is outside the status list "
                f"(entries 0 to {self.entries - 1})"
            )
        value = 0
        for position in range(start, start + self.status_size):
            value = (value << 1) | (self._bits[position >> 3] >> (7 - (position & 7))) & 1
        return value

    def set(self, index: int, value: int = 1) -> None:
        """Give entry ``index`` the status ``value`` (1 = revoked/suspended for one bit)."""
        if not 0 <= value < 1 << self.status_size:
            raise ValueError(f"status value {value} does not fit in {self.status_size} bit(s)")
        start = self._start(index)
        if start is None:
            raise ValueError(f"index {index} is outside the list (entries 0 to {self.entries - 1})")
        for offset in range(self.status_size):
            position = start + offset
            mask = 0x80 >> (position & 7)
            bit = (value >> (self.status_size - 1 - offset)) & 1
            if bit:
                self._bits[position >> 3] |= mask
            else:
                self._bits[position >> 3] &= ~mask & 0xFF

    def clear(self, index: int) -> None:
        """Reset entry ``index`` to 0 (only meaningful for suspension; revocation is final)."""
        self.set(index, 0)

    def set_indexes(self) -> list[int]:
        """Indexes of all entries whose status is not 0, in ascending order."""
        if self.status_size == 1:
            return [
                byte_index * 8 + bit
                for byte_index, byte in enumerate(self._bits)
                if byte
                for bit in range(8)
                if byte & (0x80 >> bit)
            ]
        return [index for index in range(self.entries) if self.get(index)]

    def to_bytes(self) -> bytes:
        return bytes(self._bits)

    def encode(self) -> str:
        return encode(self._bits, self.status_size)

    def _start(self, index: int) -> int | None:
        """First bit of entry ``index``, or None if the entry lies (partly) beyond the list."""
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError(f"status list index must be an int, not {type(index).__name__}")
        start = index * self.status_size
        if index < 0 or start + self.status_size > len(self._bits) * 8:
            return None
        return start


def encode(bits: bytes | bytearray, status_size: int = 1) -> str:
    """The ``encodedList`` of ``bits``: 'u' + base64url (no padding) of GZIP.

    The GZIP header's time is fixed at 0 so that the same list always gives the same text,
    which keeps rebuilds byte-identical and the signed list file unchanged when nothing changed.
    """
    _check_status_size(status_size)
    entries = len(bits) * 8 // status_size
    if entries < MIN_ENTRIES:
        raise ValueError(f"a status list needs at least {MIN_ENTRIES} entries, not {entries}")
    return BASE64URL_PREFIX + base64url_encode(gzip.compress(bytes(bits), mtime=0))


def decode(encoded_list: str, status_size: int = 1) -> bytes:
    """The bitstring of an ``encodedList``; ``VerificationError`` for anything malformed."""
    _check_status_size(status_size)
    bits = _bits(encoded_list, prefix_required=True)
    entries = len(bits) * 8 // status_size
    if entries < MIN_ENTRIES:
        raise VerificationError(
            f"{STATUS_LIST_LENGTH_ERROR}: the status list has {entries} entries; "
            f"the minimum is {MIN_ENTRIES}"
        )
    return bits


def _bits(encoded_list: object, prefix_required: bool) -> bytes:
    """The bytes of an ``encodedList``: GZIP of base64url (no padding) after the prefix 'u',
    which may be left out when not ``prefix_required`` (GZIP's base64 starts 'H4sI', never 'u')."""
    if not isinstance(encoded_list, str):
        raise VerificationError("encodedList must be text")
    if encoded_list.startswith(BASE64URL_PREFIX):
        encoded_list = encoded_list[len(BASE64URL_PREFIX) :]
    elif prefix_required:
        raise VerificationError("encodedList must start with 'u' (multibase base64url)")
    try:
        compressed = base64url_decode(encoded_list)
    except ValueError as error:
        raise VerificationError(f"encodedList is not valid base64url: {error}") from error
    return _gunzip(compressed)


def _gunzip(compressed: bytes) -> bytes:
    inflater = zlib.decompressobj(wbits=_GZIP_WBITS)
    try:
        bits = inflater.decompress(compressed, MAX_DECODED_BYTES)
    except zlib.error as error:
        raise VerificationError(f"encodedList is not valid GZIP: {error}") from error
    if inflater.unconsumed_tail:
        raise VerificationError(
            f"encodedList expands to more than {MAX_DECODED_BYTES} bytes; refused"
        )
    if not inflater.eof:
        raise VerificationError("encodedList is not valid GZIP: the data is truncated")
    if inflater.unused_data:
        raise VerificationError("encodedList has data after the end of the GZIP stream")
    return bits


def list_shape_problem(status_list: Mapping[str, Any]) -> str | None:
    """Why the JSON keys of a status list might not mean what they say, or None.

    A verifier reads the list's dates, id, purpose and bits as plain JSON keys, but its
    signature covers the JSON-LD meaning: an inline context that aliases ``validUntil``, an
    ``@nest`` or ``@id`` key, or a full IRI as a key keep the meaning (and the signature) while
    hiding the key from such a reading, which would undo the end date (a replay) or the id
    check. The known contexts protect their terms, so only those shapes need refusing."""
    context = status_list.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if not all(isinstance(entry, str) for entry in contexts):
        return "LIST_MALFORMED: the list's @context must be context URLs only (no inline context)"
    subject = status_list.get("credentialSubject")
    for where, node, allowed in (
        ("the list", status_list, {"@context"}),
        ("its credentialSubject", subject, set()),
    ):
        odd = sorted(
            key
            for key in (node if isinstance(node, Mapping) else {})
            if key not in allowed and (key.startswith("@") or ":" in key)
        )
        if odd:
            return (
                f"LIST_MALFORMED: {where} uses JSON-LD keywords or IRIs as keys ({', '.join(odd)})"
            )
    return None


def _check_status_size(status_size: int) -> None:
    if isinstance(status_size, bool) or not isinstance(status_size, int) or status_size < 1:
        raise ValueError(f"statusSize must be a positive integer, not {status_size!r}")
