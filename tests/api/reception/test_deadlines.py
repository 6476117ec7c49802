"""Statutory due dates of petitions (DESIGN section 6): the pure engine and its shipped data.

Every expected date below was counted by hand; the comment of each case says how. Calendar
facts used: 2026-03-02 and 2026-06-01 are Mondays; the shipped calendar has 2026 days off
01-02/01, 16-20/02 (Tết), 27/04 (Hùng Kings, compensated), 30/04, 01/05, 31/08, 01-02/09.
No database is needed.
"""

import json
import unicodedata
from datetime import date

import pytest

from api.reception.deadlines import (
    HOLIDAYS_FILE,
    AmbiguousRuleError,
    CountMode,
    RuleNotFoundError,
    TimeLimitRule,
    add_days,
    count_days,
    due_date,
    is_working_day,
    load_holidays,
    load_rules,
    select_rule,
    validate_rules,
)

D = date.fromisoformat
W = CountMode.working_days
C = CountMode.calendar_days
RULES = load_rules()
HOLIDAYS = frozenset(day for day, _ in load_holidays())


def _rule(days: int, count: CountMode, **overrides: object) -> TimeLimitRule:
    fields: dict = {
        "step": "resolve",
        "case_type": "complaint",
        "level": "first",
        "variant": "normal",
        "days": days,
        "count": count,
        "effective_from": D("2012-07-01"),
        "effective_to": None,
        "source": "test",
    }
    fields.update(overrides)
    return TimeLimitRule(**fields)


# --- counting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "count", "expected"),
    [
        # Mon 02/03 + 10 calendar days = Thu 12/03, a working day.
        pytest.param("2026-03-02", 10, C, "2026-03-12", id="calendar-10"),
        # Working: 03,04,05,06 (4), skip Sat/Sun 07-08, 09..13 (9), skip 14-15, Mon 16 (10).
        pytest.param("2026-03-02", 10, W, "2026-03-16", id="working-10-over-two-weekends"),
        # Wed 04/03 + 10 = Sat 14/03, a day off: moves to Mon 16/03.
        pytest.param("2026-03-04", 10, C, "2026-03-16", id="calendar-ends-saturday-to-monday"),
        # Thu 05/03 + 10 = Sun 15/03: moves to Mon 16/03.
        pytest.param("2026-03-05", 10, C, "2026-03-16", id="calendar-ends-sunday-to-monday"),
        # Fri 06 (1), skip Sat 07/Sun 08, Mon 09 (2), Tue 10 (3), Wed 11 (4), Thu 12 (5).
        pytest.param("2026-03-05", 5, W, "2026-03-12", id="working-5-across-weekend"),
        # The start day Fri 06/03 is not counted; Sat and Sun are skipped: Mon 09 (1).
        pytest.param("2026-03-06", 1, W, "2026-03-09", id="working-1-from-friday"),
        # Received on Sat 07/03: Sun skipped, Mon 09 (1).
        pytest.param("2026-03-07", 1, W, "2026-03-09", id="working-1-from-saturday"),
        # Tết 2026: Sat 14 - Sun 22/02 off. Mon 23 (1) .. Fri 27 (5), Mon 02/03 (6), Tue 03 (7).
        pytest.param("2026-02-13", 7, W, "2026-03-03", id="working-7-across-tet-2026"),
        # Fri 06/02 + 10 = Mon 16/02, first Tết day off; 16-20 Tết, 21-22 weekend: Mon 23/02.
        pytest.param("2026-02-06", 10, C, "2026-02-23", id="calendar-ends-in-tet-2026"),
        # Calendar days run through Tết: Fri 06/02 + 20 = Thu 26/02, a working day.
        pytest.param("2026-02-06", 20, C, "2026-02-26", id="calendar-runs-through-tet-2026"),
        # Start Mon 16/02 (Tết), 17-20 Tết: Mon 23 (1) .. Fri 27 (5), Mon 02/03 (6) .. Fri 06 (10).
        pytest.param("2026-02-16", 10, W, "2026-03-06", id="working-10-starting-in-tet-2026"),
        # Tết 2025 = Mon 27 - Fri 31/01: from Fri 24/01, Mon 03/02 (1) .. Fri 07/02 (5).
        pytest.param("2025-01-24", 5, W, "2025-02-07", id="working-5-across-tet-2025"),
        # Sat 25, Sun 26, Mon 27/04/2026 (compensatory day for Hùng Kings on Sun 26): Tue 28 (1).
        pytest.param("2026-04-24", 1, W, "2026-04-28", id="working-1-over-hung-kings-2026"),
        # Wed 01/04 + 30 = Fri 01/05 (Labour Day), Sat 02, Sun 03: Mon 04/05.
        pytest.param("2026-04-01", 30, C, "2026-05-04", id="calendar-ends-on-labour-day"),
        # Thu 31/12 (1), Fri 01/01/2027 off, weekend, Mon 04/01 (2), Tue 05/01 (3).
        pytest.param("2026-12-30", 3, W, "2027-01-05", id="working-3-across-new-year-2027"),
        # Zero days: the start day itself when it is a working day...
        pytest.param("2026-03-02", 0, W, "2026-03-02", id="zero-days-working-day"),
        # ...else the next working day.
        pytest.param("2026-03-07", 0, C, "2026-03-09", id="zero-days-saturday"),
    ],
)
def test_add_days(start: str, days: int, count: CountMode, expected: str) -> None:
    assert add_days(D(start), days, count, HOLIDAYS) == D(expected)


def test_add_days_without_holidays_only_skips_weekends() -> None:
    # Same as "working-10-starting-in-tet-2026" with an empty calendar: Tue 17/02 (1) ..
    # Fri 20 (4), Mon 23 (5) .. Fri 27 (9), Mon 02/03 (10).
    assert add_days(D("2026-02-16"), 10, W, ()) == D("2026-03-02")


def test_add_days_refuses_negative_days() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_days(D("2026-03-02"), -1, C, HOLIDAYS)


def test_add_days_refuses_holiday_pairs_instead_of_dates() -> None:
    # load_holidays() gives (date, name) pairs: a calendar of pairs would silently skip nothing.
    with pytest.raises(TypeError, match="dates"):
        add_days(D("2026-02-13"), 7, W, load_holidays())


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param("2026-03-02", True, id="monday"),
        pytest.param("2026-03-07", False, id="saturday"),
        pytest.param("2026-03-08", False, id="sunday"),
        pytest.param("2026-02-17", False, id="tet-2026-first-day"),
        pytest.param("2026-04-27", False, id="compensatory-day"),
    ],
)
def test_is_working_day(day: str, expected: bool) -> None:
    assert is_working_day(D(day), HOLIDAYS) is expected


@pytest.mark.parametrize(
    ("start", "end", "count", "expected"),
    [
        # (02/03, 10/03]: 03..10 = 8 calendar days.
        pytest.param("2026-03-02", "2026-03-10", C, 8, id="calendar"),
        # (Mon 02, Thu 05]: Tue, Wed, Thu = 3 working days.
        pytest.param("2026-03-02", "2026-03-05", W, 3, id="working"),
        # (Fri 13/02, Mon 23/02]: weekends and Tết off, only Mon 23 counts.
        pytest.param("2026-02-13", "2026-02-23", W, 1, id="working-across-tet"),
        pytest.param("2026-03-02", "2026-03-02", W, 0, id="same-day"),
    ],
)
def test_count_days(start: str, end: str, count: CountMode, expected: int) -> None:
    assert count_days(D(start), D(end), count, HOLIDAYS) == expected


def test_count_days_refuses_end_before_start() -> None:
    with pytest.raises(ValueError, match="before start"):
        count_days(D("2026-03-02"), D("2026-03-01"), C, HOLIDAYS)


# --- statutory due dates from the shipped rules and calendar -------------------------------


def _case(
    case_id: str, key: str, start: str, expected: str, extensions: int = 0
) -> pytest.ParameterSet:
    """A petition received on ``start`` whose step's clock starts on ``start`` too.

    ``key`` is ``step/case_type/level/variant`` with ``-`` for ``None``.
    """
    return pytest.param(key, start, extensions, expected, id=case_id)


@pytest.mark.parametrize(
    ("key", "start", "extensions", "expected"),
    [
        # 10 working days from Wed 31/12/2025: Thu 01 and Fri 02/01 off (the make-up Saturday
        # 10/01 is not modelled), Mon 05 (1) .. Fri 09 (5), Mon 12 (6) .. Fri 16/01 (10).
        _case("reception-reply", "reception_reply/-/-/normal", "2025-12-31", "2026-01-16"),
        # Old rule, 10 calendar days: Fri 06/02 + 10 = Mon 16/02 (Tết) -> Mon 23/02.
        _case(
            "complaint-accept-in-tet", "accept/complaint/first/normal", "2026-02-06", "2026-02-23"
        ),
        # Old rule: Fri 26/06 + 10 calendar days = Mon 06/07.
        _case(
            "complaint-accept-june", "accept/complaint/second/normal", "2026-06-26", "2026-07-06"
        ),
        # New rule, 7 working days from Thu 02/07: Fri 03 (1), Mon 06 (2) .. Fri 10 (6), Mon 13.
        _case(
            "complaint-accept-july", "accept/complaint/second/normal", "2026-07-02", "2026-07-13"
        ),
        # First level, accepted Mon 02/03: + 30 = Wed 01/04.
        _case("complaint-1st-30", "resolve/complaint/first/normal", "2026-03-02", "2026-04-01"),
        # + 45 = Thu 16/04.
        _case(
            "complaint-1st-complex-45",
            "resolve/complaint/first/complex",
            "2026-03-02",
            "2026-04-16",
        ),
        # + 45 = Thu 16/04.
        _case(
            "complaint-1st-remote-45", "resolve/complaint/first/remote", "2026-03-02", "2026-04-16"
        ),
        # + 60 = Fri 01/05 (Labour Day), weekend -> Mon 04/05.
        _case(
            "complaint-1st-remote-complex-60",
            "resolve/complaint/first/remote_complex",
            "2026-03-02",
            "2026-05-04",
        ),
        # Second level, accepted Tue 09/06: + 45 = Fri 24/07.
        _case("complaint-2nd-45", "resolve/complaint/second/normal", "2026-06-09", "2026-07-24"),
        # + 60 = Sat 08/08 -> Mon 10/08.
        _case(
            "complaint-2nd-complex-60",
            "resolve/complaint/second/complex",
            "2026-06-09",
            "2026-08-10",
        ),
        # + 60 = Sat 08/08 -> Mon 10/08.
        _case(
            "complaint-2nd-remote-60", "resolve/complaint/second/remote", "2026-06-09", "2026-08-10"
        ),
        # + 70 = Tue 18/08.
        _case(
            "complaint-2nd-remote-complex-70",
            "resolve/complaint/second/remote_complex",
            "2026-06-09",
            "2026-08-18",
        ),
        # 7 working days from Fri 13/02 across Tết: Mon 23 (1) .. Fri 27 (5), Mon 02 (6), Tue 03.
        _case(
            "denunciation-accept-tet", "accept/denunciation/-/normal", "2026-02-13", "2026-03-03"
        ),
        # 10 working days: as above, then Wed 04 (8), Thu 05 (9), Fri 06/03 (10).
        _case(
            "denunciation-accept-verification",
            "accept/denunciation/-/verification",
            "2026-02-13",
            "2026-03-06",
        ),
        # 5 working days from Thu 05/03: Fri 06 (1), Mon 09 (2) .. Thu 12 (5).
        _case(
            "denunciation-transfer", "transfer/denunciation/-/normal", "2026-03-05", "2026-03-12"
        ),
        # Accepted Mon 02/03: + 30 = Wed 01/04.
        _case("denunciation-30", "resolve/denunciation/-/normal", "2026-03-02", "2026-04-01"),
        # Complex before any extension: still 30 -> Wed 01/04.
        _case(
            "denunciation-complex-0", "resolve/denunciation/-/complex", "2026-03-02", "2026-04-01"
        ),
        # One extension: 30 + 30 = 60 -> Fri 01/05 (Labour Day), weekend -> Mon 04/05.
        _case(
            "denunciation-complex-1-extension",
            "resolve/denunciation/-/complex",
            "2026-03-02",
            "2026-05-04",
            extensions=1,
        ),
        # Two extensions: 30 + 30 + 30 = 90 -> Sun 31/05 -> Mon 01/06.
        _case(
            "denunciation-especially-complex-2-extensions",
            "resolve/denunciation/-/especially_complex",
            "2026-03-02",
            "2026-06-01",
            extensions=2,
        ),
        # 10 working days from Mon 02/03 -> Mon 16/03 (two weekends skipped).
        _case("recommendation", "accept/recommendation/-/normal", "2026-03-02", "2026-03-16"),
        # From Fri 24/04: Mon 27 (comp.) off, Tue 28 (1), Wed 29 (2), Thu 30 and Fri 01/05 off,
        # Mon 04 (3) .. Fri 08 (7), Mon 11 (8), Tue 12 (9), Wed 13/05 (10).
        _case("feedback-april-holidays", "accept/feedback/-/normal", "2026-04-24", "2026-05-13"),
    ],
)
def test_statutory_due_date(key: str, start: str, extensions: int, expected: str) -> None:
    step, case_type, level, variant = (None if part == "-" else part for part in key.split("/"))
    assert step is not None and variant is not None
    rule = select_rule(
        RULES, step=step, case_type=case_type, level=level, variant=variant, received_on=D(start)
    )
    assert due_date(D(start), rule, HOLIDAYS, extensions=extensions) == D(expected)


@pytest.mark.parametrize(
    ("level", "variant", "days"),
    [
        pytest.param("first", "normal", 30, id="first-normal"),
        pytest.param("first", "complex", 45, id="first-complex"),
        pytest.param("first", "remote", 45, id="first-remote"),
        pytest.param("first", "remote_complex", 60, id="first-remote-complex"),
        pytest.param("second", "normal", 45, id="second-normal"),
        pytest.param("second", "complex", 60, id="second-complex"),
        pytest.param("second", "remote", 60, id="second-remote"),
        pytest.param("second", "remote_complex", 70, id="second-remote-complex"),
    ],
)
def test_complaint_resolution_limits(level: str, variant: str, days: int) -> None:
    # Law on Complaints 2011, art. 28 (first level) and art. 37 (second level), calendar days.
    rule = select_rule(
        RULES,
        step="resolve",
        case_type="complaint",
        level=level,
        variant=variant,
        received_on=D("2026-03-02"),
    )
    assert (rule.days, rule.count) == (days, C)


@pytest.mark.parametrize("level", ["first", "second"])
def test_complaint_acceptance_changes_on_1_july_2026(level: str) -> None:
    before = select_rule(
        RULES, step="accept", case_type="complaint", level=level, received_on=D("2026-06-30")
    )
    after = select_rule(
        RULES, step="accept", case_type="complaint", level=level, received_on=D("2026-07-01")
    )
    assert (before.days, before.count) == (10, C)
    assert (after.days, after.count) == (7, W)
    # Tue 30/06 + 10 calendar days = Fri 10/07.
    assert due_date(D("2026-06-30"), before, HOLIDAYS) == D("2026-07-10")
    # Wed 01/07, 7 working days: Thu 02 (1), Fri 03 (2), Mon 06 (3) .. Fri 10/07 (7).
    assert due_date(D("2026-07-01"), after, HOLIDAYS) == D("2026-07-10")
    # The old rule would have given the 1 July petition Sat 11/07 -> Mon 13/07: the rule is the
    # one of the day of receipt, not of the day of computation.
    assert due_date(D("2026-07-01"), before, HOLIDAYS) == D("2026-07-13")


@pytest.mark.parametrize(
    ("variant", "extensions"),
    [
        pytest.param("normal", 1, id="normal-cannot-be-extended"),
        pytest.param("complex", 2, id="complex-only-once"),
        pytest.param("especially_complex", 3, id="especially-complex-only-twice"),
        pytest.param("complex", -1, id="negative"),
    ],
)
def test_denunciation_extensions_are_capped(variant: str, extensions: int) -> None:
    rule = select_rule(
        RULES,
        step="resolve",
        case_type="denunciation",
        variant=variant,
        received_on=D("2026-03-02"),
    )
    with pytest.raises(ValueError, match="extension"):
        due_date(D("2026-03-02"), rule, HOLIDAYS, extensions=extensions)


# --- suspension (tạm đình chỉ) ----------------------------------------------------------------

COMPLAINT_30 = _rule(30, C)
DENUNCIATION_COMPLEX = _rule(
    30,
    C,
    case_type="denunciation",
    level=None,
    variant="complex",
    extension_days=30,
    max_extensions=1,
)
WORKING_10 = _rule(10, W, step="reception_reply", case_type=None, level=None)


@pytest.mark.parametrize(
    ("rule", "extensions", "suspensions", "expected"),
    [
        # No suspension: Mon 02/03 + 30 = Wed 01/04 (the baseline of the cases below).
        pytest.param(COMPLAINT_30, 0, [], "2026-04-01", id="baseline"),
        # Used (02/03, 10/03] = 8 days, 22 left, restart from resume Fri 20/03: + 22 = Sat 11/04
        # -> Mon 13/04. (= baseline 01/04 + (20 - 10) days = 11/04, moved off the weekend.)
        pytest.param(COMPLAINT_30, 0, [("2026-03-10", "2026-03-20")], "2026-04-13", id="calendar"),
        # Working days: used Tue 03, Wed 04, Thu 05 = 3, 7 left from Wed 11/03: Thu 12 (1),
        # Fri 13 (2), Mon 16 (3) .. Fri 20/03 (7).
        pytest.param(
            WORKING_10, 0, [("2026-03-05", "2026-03-11")], "2026-03-20", id="working-days"
        ),
        # Two suspensions: after the first 22 days are left from Fri 20/03; by Wed 25/03 5 more
        # are used (21..25), 17 left from Fri 03/04: + 17 = Mon 20/04.
        pytest.param(
            COMPLAINT_30,
            0,
            [("2026-03-10", "2026-03-20"), ("2026-03-25", "2026-04-03")],
            "2026-04-20",
            id="two-suspensions",
        ),
        # Same periods given out of order: sorted first, same result.
        pytest.param(
            COMPLAINT_30,
            0,
            [("2026-03-25", "2026-04-03"), ("2026-03-10", "2026-03-20")],
            "2026-04-20",
            id="two-suspensions-unsorted",
        ),
        # Suspended on Fri 10/04, after the due date Wed 01/04 had passed: nothing changes.
        pytest.param(
            COMPLAINT_30,
            0,
            [("2026-04-10", "2026-04-20")],
            "2026-04-01",
            id="after-due-date-changes-nothing",
        ),
        # Suspended on the due date Wed 01/04 itself: all 30 days used, 0 left -> resume day
        # Mon 06/04.
        pytest.param(
            COMPLAINT_30, 0, [("2026-04-01", "2026-04-06")], "2026-04-06", id="on-due-date"
        ),
        # Suspended and resumed the same day: the clock does not move, baseline Wed 01/04.
        pytest.param(
            COMPLAINT_30, 0, [("2026-03-10", "2026-03-10")], "2026-04-01", id="zero-length"
        ),
        # With one extension (60 days): 8 used by Tue 10/03, 52 left from Fri 20/03:
        # 11 days to 31/03, 30 in April, 11 in May -> Mon 11/05.
        pytest.param(
            DENUNCIATION_COMPLEX,
            1,
            [("2026-03-10", "2026-03-20")],
            "2026-05-11",
            id="with-extension",
        ),
    ],
)
def test_suspension(
    rule: TimeLimitRule, extensions: int, suspensions: list[tuple[str, str]], expected: str
) -> None:
    periods = [(D(a), D(b)) for a, b in suspensions]
    got = due_date(D("2026-03-02"), rule, HOLIDAYS, extensions=extensions, suspensions=periods)
    assert got == D(expected)


@pytest.mark.parametrize(
    "suspensions",
    [
        pytest.param([("2026-03-20", "2026-03-10")], id="resumed-before-suspended"),
        pytest.param([("2026-03-01", "2026-03-10")], id="before-the-clock-started"),
        pytest.param(
            [("2026-03-10", "2026-03-20"), ("2026-03-15", "2026-03-25")], id="overlapping"
        ),
    ],
)
def test_invalid_suspensions_are_refused(suspensions: list[tuple[str, str]]) -> None:
    periods = [(D(a), D(b)) for a, b in suspensions]
    with pytest.raises(ValueError):
        due_date(D("2026-03-02"), COMPLAINT_30, HOLIDAYS, suspensions=periods)


# --- rule selection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "case_type", "level", "variant", "received"),
    [
        # The Law on Complaints 2011 is in force from 01/07/2012; nothing earlier is shipped.
        pytest.param("accept", "complaint", "first", "normal", "2012-06-30", id="before-any-rule"),
        pytest.param("resolve", "complaint", "first", "urgent", "2026-03-02", id="unknown-variant"),
        pytest.param("accept", "complaint", None, "normal", "2026-03-02", id="complaint-no-level"),
        pytest.param(
            "resolve", "denunciation", "first", "normal", "2026-03-02", id="denunciation-level"
        ),
        pytest.param("resolve", "feedback", None, "normal", "2026-03-02", id="no-such-step"),
    ],
)
def test_select_rule_raises_when_none_in_force(
    step: str, case_type: str | None, level: str | None, variant: str, received: str
) -> None:
    with pytest.raises(RuleNotFoundError, match=received) as info:
        select_rule(
            RULES,
            step=step,
            case_type=case_type,
            level=level,
            variant=variant,
            received_on=D(received),
        )
    assert isinstance(info.value, LookupError)
    assert info.value.key == (step, case_type, level, variant)


def test_select_rule_refuses_overlapping_rules() -> None:
    rules = [_rule(30, C), _rule(45, C, effective_from=D("2020-01-01"))]
    with pytest.raises(AmbiguousRuleError):
        select_rule(
            rules,
            step="resolve",
            case_type="complaint",
            level="first",
            received_on=D("2026-03-02"),
        )


def test_select_rule_uses_exclusive_effective_to() -> None:
    old = _rule(10, C, effective_to=D("2026-07-01"))
    new = _rule(7, W, effective_from=D("2026-07-01"))
    pick = {"step": "resolve", "case_type": "complaint", "level": "first"}
    assert select_rule([old, new], **pick, received_on=D("2026-06-30")) is old
    assert select_rule([old, new], **pick, received_on=D("2026-07-01")) is new


# --- the shipped data -----------------------------------------------------------------------

# Every key DESIGN section 6 asks for, in force both before and after 1 July 2026.
EXPECTED_KEYS = [
    ("reception_reply", None, None, "normal"),
    *[("accept", "complaint", level, "normal") for level in ("first", "second")],
    ("accept", "denunciation", None, "normal"),
    ("accept", "denunciation", None, "verification"),
    ("accept", "recommendation", None, "normal"),
    ("accept", "feedback", None, "normal"),
    ("transfer", "denunciation", None, "normal"),
    *[
        ("resolve", "complaint", level, variant)
        for level in ("first", "second")
        for variant in ("normal", "complex", "remote", "remote_complex")
    ],
    *[
        ("resolve", "denunciation", None, variant)
        for variant in ("normal", "complex", "especially_complex")
    ],
]


def test_every_shipped_rule_loads_with_a_source() -> None:
    assert RULES
    for rule in RULES:
        assert rule.source.strip(), rule
        assert rule.note.strip(), rule
        assert rule.days > 0


@pytest.mark.parametrize("on", ["2026-06-30", "2026-07-01"])
@pytest.mark.parametrize("key", EXPECTED_KEYS, ids=lambda key: "/".join(map(str, key)))
def test_every_designed_rule_is_in_force(key: tuple, on: str) -> None:
    step, case_type, level, variant = key
    select_rule(
        RULES, step=step, case_type=case_type, level=level, variant=variant, received_on=D(on)
    )


def test_shipped_effective_ranges_never_overlap() -> None:
    by_key: dict[tuple, list[TimeLimitRule]] = {}
    for rule in RULES:
        by_key.setdefault(rule.key, []).append(rule)
    for key, group in by_key.items():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                a_end, b_end = a.effective_to or date.max, b.effective_to or date.max
                assert a_end <= b.effective_from or b_end <= a.effective_from, key


def test_the_1_july_2026_change_is_two_adjacent_rules() -> None:
    for level in ("first", "second"):
        group = sorted(
            (r for r in RULES if r.key == ("accept", "complaint", level, "normal")),
            key=lambda r: r.effective_from,
        )
        assert len(group) == 2
        assert group[0].effective_to == group[1].effective_from == D("2026-07-01")
        assert group[1].effective_to is None
        assert "to be confirmed" in group[1].note.lower()


def test_design_uncertainties_are_marked_in_the_data() -> None:
    for rule in RULES:
        if rule.case_type in ("recommendation", "feedback"):
            assert "to be confirmed" in rule.note.lower()
            assert "05/2021/TT-TTCP" in rule.source


def test_denunciation_complexity_caps_extensions() -> None:
    caps = {
        r.variant: (r.days, r.extension_days, r.max_extensions)
        for r in RULES
        if r.key[:3] == ("resolve", "denunciation", None)
    }
    assert caps == {
        "normal": (30, 0, 0),
        "complex": (30, 30, 1),
        "especially_complex": (30, 30, 2),
    }


def test_validate_rules_refuses_overlap() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        validate_rules([_rule(10, C), _rule(7, W, effective_from=D("2026-07-01"))])
    validate_rules(
        [_rule(10, C, effective_to=D("2026-07-01")), _rule(7, W, effective_from=D("2026-07-01"))]
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"days": 0}, "days", id="zero-days"),
        pytest.param({"count": "hours"}, "hours", id="unknown-count"),
        pytest.param({"source": " "}, "source", id="blank-source"),
        pytest.param(
            {"effective_from": D("2026-07-01"), "effective_to": D("2026-07-01")},
            "effective_to",
            id="empty-range",
        ),
        pytest.param({"max_extensions": 1}, "extension_days", id="extension-without-days"),
    ],
)
def test_rule_construction_refuses_nonsense(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _rule(**{"days": 30, "count": C, **overrides})


def _rule_json(**overrides: object) -> dict:
    item = {
        "step": "accept",
        "case_type": "complaint",
        "level": "first",
        "variant": "normal",
        "days": 10,
        "count": "calendar_days",
        "effective_from": "2012-07-01",
        "effective_to": None,
        "source": "Luật Khiếu nại 2011, Điều 27",
        "note": "",
    }
    item.update(overrides)
    return item


@pytest.mark.parametrize(
    ("items", "message"),
    [
        pytest.param([_rule_json(dayz=10)], "unknown fields", id="unknown-field"),
        pytest.param([{**_rule_json(), "source": None}], "source", id="null-source"),
        pytest.param([_rule_json(days=True)], "days", id="boolean-days"),
        pytest.param([_rule_json(count="hours")], "hours", id="bad-count"),
        pytest.param([_rule_json(effective_from="01/07/2012")], "YYYY-MM-DD", id="bad-date"),
        pytest.param(
            [_rule_json(), _rule_json(effective_from="2026-07-01")], "overlapping", id="overlap"
        ),
    ],
)
def test_load_rules_refuses_bad_files(tmp_path, items: list, message: str) -> None:
    path = tmp_path / "time_limits.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_rules(path)


def test_shipped_holidays() -> None:
    holidays = load_holidays()
    days = [day for day, _ in holidays]
    assert days == sorted(set(days))
    assert {day.year for day in days} == {2025, 2026, 2027}
    for year in (2025, 2026, 2027):
        for month, day in ((1, 1), (4, 30), (5, 1), (9, 2)):
            assert date(year, month, day) in HOLIDAYS
    # Tết Bính Ngọ: 16-20/02/2026 (Mon-Fri), as decided by the Prime Minister.
    tet = [name for day, name in holidays if D("2026-02-16") <= day <= D("2026-02-20")]
    assert len(tet) == 5
    assert all(name.startswith("Tết Nguyên đán") for name in tet)


def test_shipped_holiday_file_is_nfc_with_notes() -> None:
    raw = json.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    for item in raw:
        assert unicodedata.is_normalized("NFC", item["name"]), item
        assert item["note"].strip(), item


def test_load_holidays_normalises_nfd_and_refuses_duplicates(tmp_path) -> None:
    path = tmp_path / "holidays.json"
    nfd = unicodedata.normalize("NFD", "Tết Dương lịch")
    path.write_text(json.dumps([{"date": "2030-01-01", "name": nfd}]), encoding="utf-8")
    assert load_holidays(path) == [(D("2030-01-01"), "Tết Dương lịch")]

    twice = [{"date": "2030-01-01", "name": "A"}, {"date": "2030-01-01", "name": "B"}]
    path.write_text(json.dumps(twice), encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        load_holidays(path)
