"""The unit of work of a build: one file of the site and the data it is made from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Output:
    """One file: where it goes, how it is made (``kind``) and from what (``data``).

    ``data`` is plain JSON-like data: it is the page's whole input, so its hash tells whether
    the file must be made again, and it can be sent to another process to be rendered.
    """

    path: str
    kind: str
    data: Any
