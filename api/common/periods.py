"""Reporting periods written as short codes: `2026` (year), `2026S1`/`2026S2` (half year),
`2026Q1`..`2026Q4` (quarter), `202603` (month). Each knows its first and last day, and the
instants that bound it in the province's time zone."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, StringConstraints

from api.common.enums import LabeledEnum, register
from api.config import PROVINCE_TZ

MIN_YEAR, MAX_YEAR = 2000, 2100
_ROMAN = ("I", "II", "III", "IV")


@register("period_kind")
class PeriodKind(LabeledEnum):
    year = "year", "Năm"
    half = "half", "6 tháng"
    quarter = "quarter", "Quý"
    month = "month", "Tháng"


# Months in one period of each kind, and how many such periods make a year.
_MONTHS = {PeriodKind.year: 12, PeriodKind.half: 6, PeriodKind.quarter: 3, PeriodKind.month: 1}
_PATTERNS = (
    (re.compile(r"^(\d{4})$"), PeriodKind.year),
    (re.compile(r"^(\d{4})S([12])$"), PeriodKind.half),
    (re.compile(r"^(\d{4})Q([1-4])$"), PeriodKind.quarter),
    (re.compile(r"^(\d{4})(0[1-9]|1[0-2])$"), PeriodKind.month),
)


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    year: int
    index: int = 1  # the half, quarter or month within the year; 1 for a year

    @property
    def code(self) -> str:
        suffix = {
            PeriodKind.year: "",
            PeriodKind.half: f"S{self.index}",
            PeriodKind.quarter: f"Q{self.index}",
            PeriodKind.month: f"{self.index:02d}",
        }[self.kind]
        return f"{self.year}{suffix}"

    @property
    def label(self) -> str:
        match self.kind:
            case PeriodKind.year:
                return f"Năm {self.year}"
            case PeriodKind.half:
                return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
            case PeriodKind.quarter:
                return f"Quý {_ROMAN[self.index - 1]}/{self.year}"
            case PeriodKind.month:
                return f"Tháng {self.index}/{self.year}"

    @property
    def first_month(self) -> int:
        return (self.index - 1) * _MONTHS[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.first_month + _MONTHS[self.kind] - 1

    @property
    def starts_on(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def ends_on(self) -> date:
        """The last day of the period (inclusive)."""
        return self.next_start - timedelta(days=1)

    @property
    def next_start(self) -> date:
        if self.last_month == 12:
            return date(self.year + 1, 1, 1)
        return date(self.year, self.last_month + 1, 1)

    def bounds(self, tz: ZoneInfo = PROVINCE_TZ) -> tuple[datetime, datetime]:
        """[start, end) as instants: midnight of the first day to midnight after the last."""
        return (
            datetime.combine(self.starts_on, time(), tz),
            datetime.combine(self.next_start, time(), tz),
        )

    def contains(self, other: "Period") -> bool:
        return self.starts_on <= other.starts_on and other.ends_on <= self.ends_on

    def months(self) -> list["Period"]:
        return [
            Period(PeriodKind.month, self.year, m)
            for m in range(self.first_month, self.last_month + 1)
        ]

    def __str__(self) -> str:
        return self.code


def year_period(year: int) -> Period:
    return Period(PeriodKind.year, year)


def parse_period(text: str) -> Period:
    """`2026`, `2026S1`, `2026Q3`, `202603` (case-insensitive) → Period; ValueError otherwise."""
    cleaned = text.strip().upper()
    for pattern, kind in _PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        year = int(match.group(1))
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"Năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
        index = int(match.group(2)) if kind is not PeriodKind.year else 1
        return Period(kind, year, index)
    raise ValueError(
        f"Kỳ '{text}' không hợp lệ: dùng 2026 (năm), 2026S1/2026S2 (6 tháng), "
        "2026Q1..2026Q4 (quý) hoặc 202603 (tháng)"
    )


def _canonical_code(text: str) -> str:
    return parse_period(text).code


# A period code in a request body or query: validated and written in its canonical form.
PeriodCode = Annotated[
    str, StringConstraints(min_length=4, max_length=8), AfterValidator(_canonical_code)
]
