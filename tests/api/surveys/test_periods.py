"""api.common.periods: the period codes every report and indicator uses."""

from datetime import date, datetime

import pytest

from api.common.periods import Period, PeriodKind, parse_period, year_period
from api.config import PROVINCE_TZ


@pytest.mark.parametrize(
    ("code", "kind", "starts_on", "ends_on", "label"),
    [
        ("2026", PeriodKind.year, date(2026, 1, 1), date(2026, 12, 31), "Năm 2026"),
        ("2026S1", PeriodKind.half, date(2026, 1, 1), date(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("2026S2", PeriodKind.half, date(2026, 7, 1), date(2026, 12, 31), "6 tháng cuối năm 2026"),
        ("2026Q1", PeriodKind.quarter, date(2026, 1, 1), date(2026, 3, 31), "Quý I/2026"),
        ("2026Q4", PeriodKind.quarter, date(2026, 10, 1), date(2026, 12, 31), "Quý IV/2026"),
        ("202602", PeriodKind.month, date(2026, 2, 1), date(2026, 2, 28), "Tháng 2/2026"),
        ("202802", PeriodKind.month, date(2028, 2, 1), date(2028, 2, 29), "Tháng 2/2028"),
        ("202612", PeriodKind.month, date(2026, 12, 1), date(2026, 12, 31), "Tháng 12/2026"),
    ],
)
def test_a_period_code_gives_its_first_and_last_day(code, kind, starts_on, ends_on, label):
    period = parse_period(code)
    assert (period.kind, period.starts_on, period.ends_on) == (kind, starts_on, ends_on)
    assert period.code == code
    assert period.label == label
    assert str(period) == code


def test_codes_are_read_case_insensitively_and_trimmed():
    assert parse_period(" 2026q3 ").code == "2026Q3"
    assert parse_period("2026s2") == Period(PeriodKind.half, 2026, 2)


@pytest.mark.parametrize(
    "code", ["", "26", "2026Q5", "2026Q0", "2026S3", "202613", "202600", "2026-03", "1999", "x2026"]
)
def test_malformed_codes_are_refused(code):
    with pytest.raises(ValueError, match=r"không hợp lệ|nằm ngoài"):
        parse_period(code)


def test_bounds_are_midnights_in_the_province_time_zone():
    start, end = parse_period("2026").bounds()
    assert start == datetime(2026, 1, 1, tzinfo=PROVINCE_TZ)
    assert end == datetime(2027, 1, 1, tzinfo=PROVINCE_TZ)
    # 31 Dec 23:59 in Ninh Bình is 16:59 UTC, still inside 2026.
    assert start <= datetime(2026, 12, 31, 23, 59, tzinfo=PROVINCE_TZ) < end


def test_containment_and_months():
    year = year_period(2026)
    q1 = parse_period("2026Q1")
    assert year.contains(q1) and q1.contains(parse_period("202603"))
    assert not q1.contains(parse_period("202604"))
    assert not parse_period("202603").contains(q1)
    assert not year.contains(parse_period("2027Q1"))
    assert [m.code for m in parse_period("2026S2").months()] == [
        "202607",
        "202608",
        "202609",
        "202610",
        "202611",
        "202612",
    ]
    assert len(year.months()) == 12
