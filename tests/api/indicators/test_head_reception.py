"""The heads' duty to receive citizens in person, at the edges of weeks, months, years and a
unit's life: a week belongs to the month of its Thursday, counts once it is over, days fall in
the province's time zone, and weeks before a unit existed are neither asked for nor counted."""

from datetime import date
from typing import Any

import pytest

from api.indicators.head_reception import head_reception
from api.reception.enums import SessionType
from api.units.enums import UnitKind
from tests.api.indicators.province import local
from tests.api.reception.helpers import make_reception
from tests.factories import make_unit

IN_PERSON = {"session_type": SessionType.head_periodic, "head_in_person": True}


def everything(stmt: Any, _perm: Any, _column: Any) -> Any:
    return stmt


def shortfalls(db, year: int, day: date) -> dict[str, dict[str, tuple[int, int, int]]]:
    """month -> unit code -> (required, held, days), for the units of these tests only."""
    return {
        month["month"]: {
            s["code"]: (s["required"], s["held"], s["days"])
            for s in month["falling_short"]
            if s["code"].startswith("T-HR-")
        }
        for month in head_reception(db, everything, year, day)
    }


@pytest.fixture
def units(db) -> None:
    make_unit(db, code="T-HR-A", kind=UnitKind.commune)
    make_unit(db, code="T-HR-B", kind=UnitKind.commune)
    make_unit(db, code="T-HR-C", kind=UnitKind.department)
    make_unit(db, code="T-HR-D", kind=UnitKind.ward, established_on=date(2025, 12, 10))
    db.commit()
    # A: every Tuesday of December 2025; the last one (30/12) lies in the week of Thursday 1/1.
    for day in (2, 9, 16, 23, 30):
        make_reception(db, "T-HR-A", **IN_PERSON, received_at=local(2025, 12, day, 8))
    make_reception(db, "T-HR-A", received_at=local(2025, 12, 3, 8))  # not the head in person
    # B: 23:30 on Sunday 28/12 (week of 22/12) and 00:30 on Monday 29/12 local time, which is
    # still Sunday in UTC: the week of Thursday 1/1, so January's.
    make_reception(db, "T-HR-B", **IN_PERSON, received_at=local(2025, 12, 28, 23, 30))
    make_reception(db, "T-HR-B", **IN_PERSON, received_at=local(2025, 12, 29, 0, 30))
    # C, a department: one day a month is enough; 23:30 on 31/12 is still December.
    make_reception(db, "T-HR-C", **IN_PERSON, received_at=local(2025, 12, 31, 23, 30))
    # D, established Wednesday 10/12: the week of Monday 8/12 began before it and is not asked
    # for, so its reception on 9/12 does not count either (but is a day of December).
    make_reception(db, "T-HR-D", **IN_PERSON, received_at=local(2025, 12, 9, 8))
    make_reception(db, "T-HR-D", **IN_PERSON, received_at=local(2025, 12, 16, 8))


def test_december_2025(db, units):
    december = shortfalls(db, 2025, date(2026, 1, 20))["202512"]
    # A held every week of December (Mondays 1, 8, 15, 22); C held its month.
    assert december == {"T-HR-B": (4, 1, 2), "T-HR-D": (2, 1, 2)}


def test_january_2026_while_it_runs(db, units):
    """On Tuesday 20/1 the weeks of Thursdays 1, 8 and 15 January are over, that of the 22nd
    is not; the month is not over, so the department is not judged yet."""
    months = shortfalls(db, 2026, date(2026, 1, 20))
    assert list(months) == ["202601"]
    assert months["202601"] == {
        "T-HR-A": (3, 1, 0),
        "T-HR-B": (3, 1, 0),
        "T-HR-D": (3, 0, 0),
    }


def test_a_week_counts_on_its_sunday(db, units):
    """Sunday 25/1 ends the week of Thursday 22/1: it is asked for from that day."""
    assert shortfalls(db, 2026, date(2026, 1, 24))["202601"]["T-HR-A"] == (3, 1, 0)
    assert shortfalls(db, 2026, date(2026, 1, 25))["202601"]["T-HR-A"] == (4, 1, 0)
