"""Date-times as credentials write them: RFC 3339 with a time zone, in UTC, to the second.

``validFrom``, ``validUntil``, a key's ``created`` and a status list's dates all use this form;
one parser and one formatter keep what is signed and what is compared the same everywhere.
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse_timestamp(text: str) -> datetime:
    """An RFC 3339 date-time with a time zone (what credentials use), as an aware datetime."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None or "T" not in text:
        raise ValueError(text)
    return moment


def format_timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
