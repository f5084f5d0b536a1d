"""Date-times as both verifiers read them: instants in epoch milliseconds.

A credential's ``validFrom`` and ``validUntil``, a proof's ``created`` and ``expires``, a key's
``revoked`` and ``expires`` and a status list's dates are xsd:dateTimeStamp: the pattern of the
rulebook (``credsite/data/verifier-rules.json``, ``dates``), a real calendar date, hours 00-23 or
24:00:00 exactly (the end of the day), offsets up to 14:59, years of at most six digits (the
pattern's bound, which keeps ``int`` within Python's limit on long digit strings) and an instant
within JavaScript's ``Date`` range. This is the browser verifier's
parser (``browser/src/verifier/dates.js``) step for step, so that the same text is the same
instant, or malformed, in both: ``datetime.fromisoformat`` reads more forms (no seconds, week
dates, ``+0000``) and fewer years (none after 9999), and would make the verifiers disagree.

Instants are compared to the millisecond; further digits are dropped, as JavaScript's ``Date``
keeps none. ``timestamps.parse_timestamp`` stays the reader of dates a person types (the command
line, site.yaml).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from credsite.standards import rulebook

MS_PER_DAY = 86_400_000
# The instants JavaScript's Date can hold: 100,000,000 days either side of 1970 (ECMA-262, "Time
# Values and Time Range"). A date beyond them is malformed in the browser, so here too: its day
# (which Date's calendar arithmetic refuses) and its final instant after the time and offset
# (which a Date cannot hold: -271821-04-20T00:00:00+01:00 is an hour before the first instant).
MAX_DAYS = 100_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)


def parse_instant(value: object) -> int | None:
    """Milliseconds since 1970 for an xsd:dateTimeStamp text, or None when ``value`` is not one
    (another type, another form, no time zone, an impossible date such as 31 February)."""
    if not isinstance(value, str):
        return None
    found = rulebook.rules().date_time.fullmatch(value)
    if found is None:
        return None
    fraction, zone = found.group(2) or "", found.group(3)  # group 1 is the year
    head = value[: len(value) - len(fraction) - len(zone)]
    negative = head.startswith("-")
    date, time = head.removeprefix("-").split("T")
    year_text, month_text, day_text = date.split("-")  # at most six digits: the pattern's bound
    year = -int(year_text) if negative else int(year_text)
    month, day = int(month_text), int(day_text)
    hour, minute, second = (int(part) for part in time.split(":"))
    if not _is_time(hour, minute, second, fraction) or not 1 <= month <= 12:
        return None
    if not 1 <= day <= _days_in_month(year, month):
        return None
    days = _days_from_civil(year, month, day)
    if abs(days) > MAX_DAYS:
        return None
    moment = days * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000
    if fraction:
        moment += math.floor(float("0" + fraction) * 1000)  # as dates.js: Number("0.xyz") * 1000
    offset = _offset_ms(zone)
    if offset is None or abs(moment - offset) > MAX_DAYS * MS_PER_DAY:
        return None  # the day is in range but the time or offset takes the instant out of it
    return moment - offset


def epoch_ms(moment: datetime) -> int:
    """An aware datetime as epoch milliseconds (microseconds dropped, as a Date would)."""
    return (moment - _EPOCH) // _ONE_MS


def human_date(moment: int) -> str:
    """An instant as the verdicts write it, "2025-01-31 12:00 UTC" (browser ``humanDate``);
    years beyond 0-9999 as JavaScript writes them, with a sign and six digits."""
    days, rest = divmod(moment, MS_PER_DAY)
    year, month, day = _civil_from_days(days)
    minutes = rest // 60_000
    year_text = f"{year:04d}" if 0 <= year <= 9999 else f"{'-' if year < 0 else '+'}{abs(year):06d}"
    return f"{year_text}-{month:02d}-{day:02d} {minutes // 60:02d}:{minutes % 60:02d} UTC"


def _is_time(hour: int, minute: int, second: int, fraction: str) -> bool:
    if minute > 59 or second > 59 or hour > 24:
        return False
    return hour < 24 or (minute == 0 and second == 0 and not fraction.strip(".0"))


def _offset_ms(zone: str) -> int | None:
    """The offset of ``Z`` or ``±hh:mm`` in milliseconds; None beyond ±14:59."""
    if zone == "Z":
        return 0
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    if hours > 14 or minutes > 59:
        return None
    return (-1 if zone[0] == "-" else 1) * (hours * 60 + minutes) * 60_000


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (year 0 is 1 BC), for any year:
    Howard Hinnant's algorithm, whose floor divisions Python does natively."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _civil_from_days(days: int) -> tuple[int, int, int]:
    """The inverse of ``_days_from_civil``."""
    days += 719468
    era = days // 146097
    day_of_era = days - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + (3 if shifted_month < 10 else -9)
    return year_of_era + era * 400 + (month <= 2), month, day
