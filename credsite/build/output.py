"""The unit of work of a build: one file of the site and the data it is made from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Shared:
    """Input that many outputs share (the site's settings and assets for every credential
    page): named by a digest of what it holds, so an output's fingerprint includes the digest
    instead of hashing the same data a hundred thousand times."""

    digest: str
    value: Any


class Output(NamedTuple):
    """One file: where it goes, how it is made (``kind``) and from what (``data``).

    ``data`` is plain JSON-like data; with ``shared`` it is the page's whole input, so their
    hash tells whether the file must be made again. Workers are forked, so neither is copied.
    A named tuple: a national site plans 200,000 of them on every build, and a frozen
    dataclass takes four times as long to make.
    """

    path: str
    kind: str
    data: Any
    shared: Shared | None = None
