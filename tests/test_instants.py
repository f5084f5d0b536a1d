"""Date-times as both verifiers read them (credsite/standards/instants.py, the twin of the
browser's dates.js): the forms the rulebook allows and no other, real calendar dates, the end of
a day as 24:00, years beyond 9999 (at most six digits), offsets up to 14:59, instants within
JavaScript's Date range, compared to the millisecond."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from credsite.standards.instants import epoch_ms, human_date, parse_instant

EPOCH_2026 = 1_767_225_600_000  # 2026-01-01T00:00:00Z


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-01-01T00:00:00Z", EPOCH_2026),
        ("2026-01-01T01:00:00+01:00", EPOCH_2026),
        ("2025-12-31T10:00:00-14:00", EPOCH_2026),
        ("2025-12-31T09:01:00-14:59", EPOCH_2026),
        ("2025-12-31T24:00:00Z", EPOCH_2026),
        ("2025-12-31T24:00:00.000Z", EPOCH_2026),
        ("2026-01-01T00:00:00.001Z", EPOCH_2026 + 1),
        ("2026-01-01T00:00:00.0019Z", EPOCH_2026 + 1),  # further digits are dropped
        ("2026-01-01T00:00:00.0005Z", EPOCH_2026),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("1970-01-01T00:00:00Z", 0),
        ("0000-01-01T00:00:00Z", -62_167_219_200_000),
        ("-0001-12-31T00:00:00Z", -62_167_305_600_000),
        ("10000-01-01T00:00:00Z", 253_402_300_800_000),
        ("275760-09-13T00:00:00Z", 8_640_000_000_000_000),  # the last day a Date can hold
        ("275760-09-13T01:00:00+01:00", 8_640_000_000_000_000),  # the same instant
        ("-271821-04-20T00:00:00Z", -8_640_000_000_000_000),  # the first
    ],
)
def test_a_date_time_is_an_instant(text: str, moment: int) -> None:
    assert parse_instant(text) == moment


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-01T00:00:00",  # no time zone: refused, not read as local time or UTC
        "2026-01-01T00:00Z",
        "2026-01-01t00:00:00Z",
        "2026-01-01T00:00:00z",
        "2026-01-01 00:00:00Z",
        "2026-01-01T00:00:00+0000",
        "2026-01-01T00:00:00,5Z",
        "2026-W01-1T00:00:00Z",
        "2026-01-01T00:00:00+15:00",
        "2026-01-01T00:00:00+14:60",
        "2026-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-01-01T24:00:01Z",
        "2026-01-01T24:00:00.5Z",
        "2026-01-01T23:60:00Z",
        "2026-01-01T23:59:60Z",
        "275760-09-14T00:00:00Z",
        # on a day a Date can hold, but the time or offset takes the instant beyond it
        "275760-09-13T00:00:00.001Z",
        "275760-09-13T24:00:00Z",
        "275760-09-13T00:00:00-00:01",
        "-271821-04-20T00:00:00+01:00",
        "-271821-04-19T23:59:59Z",
        "-271821-04-19T23:00:00-01:00",  # the first instant, but on a day a Date cannot hold
        # a year of more than four digits with a leading zero, or of more than six
        "02026-01-01T00:00:00Z",
        "002026-01-01T00:00:00Z",
        "1000000-01-01T00:00:00Z",
        "1" * 5000 + "-01-01T00:00:00Z",  # int() refuses text beyond 4,300 digits: not reached
        "-" + "1" * 5000 + "-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z\n",
        "2026-01-01T00:00:00\u0663Z",
        "soon",
        "",
    ],
)
def test_anything_else_is_not(text: str) -> None:
    assert parse_instant(text) is None


@pytest.mark.parametrize("value", [None, 1767225600000, ["2026-01-01T00:00:00Z"], {"@value": "x"}])
def test_only_text_is_read(value: object) -> None:
    assert parse_instant(value) is None


def test_now_and_the_verdicts_date() -> None:
    assert epoch_ms(datetime(2026, 1, 1, 0, 0, 0, 1999, tzinfo=UTC)) == EPOCH_2026 + 1
    assert human_date(EPOCH_2026 + 90_061_000) == "2026-01-02 01:01 UTC"
    assert human_date(253_402_300_800_000) == "+010000-01-01 00:00 UTC"
    assert human_date(-62_167_305_600_000) == "-000001-12-31 00:00 UTC"
