"""Days as the province counts them: "today" is the date in Asia/Ho_Chi_Minh."""

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator

from api.config import PROVINCE_TZ


def province_today() -> date:
    return datetime.now(PROVINCE_TZ).date()


def _not_in_future(day: date) -> date:
    if day > province_today():
        raise ValueError("Ngày không được ở tương lai")
    return day


# A day that has already come in the province: issue dates, activity dates.
PastDate = Annotated[date, AfterValidator(_not_in_future)]


def year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of a calendar year."""
    return date(year, 1, 1), date(year, 12, 31)
