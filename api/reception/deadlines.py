"""Statutory time limits of citizen petitions (DESIGN section 6): pick a rule, count the days.

Pure standard-library code with no database: the app keeps the rules and the holiday calendar
in tables seeded from ``data/time_limits.json`` and ``data/holidays.json`` (read by
:func:`load_rules` and :func:`load_holidays`) and passes them in.

**Rule keys.** A rule is found by ``(step, case_type, level, variant)``, matched exactly;
``None`` means "the rule does not depend on this key" and the caller passes ``None`` too.

- ``reception_reply``: case_type ``None`` (any), level ``None``, variant ``normal``.
- ``accept``: ``complaint`` with level ``first`` or ``second``, variant ``normal``;
  ``denunciation`` (level ``None``), variant ``normal`` or ``verification``;
  ``recommendation`` and ``feedback`` (level ``None``), variant ``normal``.
- ``transfer``: ``denunciation`` (level ``None``), variant ``normal``.
- ``resolve``: ``complaint`` with level ``first`` or ``second``, variant ``normal``,
  ``complex``, ``remote`` or ``remote_complex``; ``denunciation`` (level ``None``), variant
  ``normal``, ``complex`` or ``especially_complex``.

Denunciation complexity does not lengthen the base period: it caps how many extensions
(``extension_days`` each) may be granted, ``max_extensions`` (0, 1 or 2; Law on Denunciations
2018, art. 30). The number actually granted is a fact of the case, passed to :func:`due_date`.

**Which rule.** The one in force on the day the petition was *received*:
``effective_from <= received_on < effective_to`` (``effective_to`` exclusive, ``None`` = open).

**Counting** (Civil Code 2015, art. 147-148). The start day is not counted. Working days skip
Saturdays, Sundays and holidays. A period whose last day is a day off ends on the next working
day (for working-day periods the last day is already a working day).

**Suspension** (tạm đình chỉ, e.g. Law on Denunciations 2018 art. 36: "thời gian tạm đình chỉ
không tính vào thời hạn"). A suspension is a closed pair ``(suspended_on, resumed_on)`` of the two
decisions' dates. Days counted from the clock's start up to and including ``suspended_on`` are
used up; counting restarts from ``resumed_on`` like a new period (the resume day itself is not
counted) for the days that remain. In calendar days this pushes the last day back by exactly
``resumed_on - suspended_on`` days (before it is moved off a day off). Several suspensions are
applied in date order and must not overlap. A suspension decided after the due date had passed
changes nothing (the petition was overdue); one decided on the due date leaves 0 days, so the
due date becomes the resume day. While a suspension is still open there is no due date: the
caller shows the petition as suspended and calls :func:`due_date` once it is resumed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
RULES_FILE = DATA_DIR / "time_limits.json"
HOLIDAYS_FILE = DATA_DIR / "holidays.json"

RuleKey = tuple[str, str | None, str | None, str]
Suspension = tuple[date, date]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class CountMode(StrEnum):
    working_days = "working_days"
    calendar_days = "calendar_days"


@dataclass(frozen=True)
class TimeLimitRule:
    """One statutory time limit, valid for petitions received in [effective_from, effective_to)."""

    step: str
    case_type: str | None
    level: str | None
    variant: str
    days: int
    count: CountMode
    effective_from: date
    effective_to: date | None
    source: str
    note: str = ""
    extension_days: int = 0
    max_extensions: int = 0

    def __post_init__(self) -> None:
        # Rules come from an admin-editable table: refuse nonsense at construction, not at use.
        object.__setattr__(self, "count", CountMode(self.count))
        if not self.step or not self.variant:
            raise ValueError("step and variant must not be empty")
        if self.days < 1:
            raise ValueError(f"days must be at least 1, got {self.days}")
        if self.extension_days < 0 or self.max_extensions < 0:
            raise ValueError("extension_days and max_extensions must not be negative")
        if self.max_extensions and not self.extension_days:
            raise ValueError("max_extensions > 0 needs extension_days > 0")
        if self.effective_to is not None and self.effective_to <= self.effective_from:
            raise ValueError("effective_to must be after effective_from")
        if not self.source.strip():
            raise ValueError("source must not be empty")

    @property
    def key(self) -> RuleKey:
        return (self.step, self.case_type, self.level, self.variant)

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class RuleNotFoundError(LookupError):
    """No rule for this key is in force on the day the petition was received."""

    def __init__(self, key: RuleKey, received_on: date) -> None:
        step, case_type, level, variant = key
        super().__init__(
            f"no time-limit rule in force on {received_on.isoformat()} for step={step!r}, "
            f"case_type={case_type!r}, level={level!r}, variant={variant!r}"
        )
        self.key = key
        self.received_on = received_on


class AmbiguousRuleError(LookupError):
    """More than one rule for this key is in force on that day (overlapping data)."""


def select_rule(
    rules: Iterable[TimeLimitRule],
    *,
    step: str,
    case_type: str | None,
    level: str | None = None,
    variant: str = "normal",
    received_on: date,
) -> TimeLimitRule:
    """Return the rule for the key in force on ``received_on`` (the law of the day of receipt)."""
    key: RuleKey = (step, case_type, level, variant)
    matches = [r for r in rules if r.key == key and r.in_force(received_on)]
    if not matches:
        raise RuleNotFoundError(key, received_on)
    if len(matches) > 1:
        # Overlaps are refused by validate_rules; reaching this means unchecked data was passed.
        raise AmbiguousRuleError(
            f"{len(matches)} rules in force on {received_on.isoformat()} for {key!r}"
        )
    return matches[0]


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def working_day_on_or_after(day: date, holidays: Collection[date]) -> date:
    """``day`` itself when it is a working day, else the next one (Civil Code art. 148.5)."""
    while not is_working_day(day, holidays):
        day += timedelta(days=1)
    return day


def add_days(start: date, days: int, count: CountMode, holidays: Collection[date]) -> date:
    """Last day of a period of ``days`` starting on ``start`` (which is not counted)."""
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    holidays = _day_set(holidays)
    if CountMode(count) is CountMode.calendar_days:
        end = start + timedelta(days=days)
    else:
        end, remaining = start, days
        while remaining:
            end += timedelta(days=1)
            if is_working_day(end, holidays):
                remaining -= 1
    # Calendar periods may end on a day off; a zero-day period may start on one.
    return working_day_on_or_after(end, holidays)


def count_days(start: date, end: date, count: CountMode, holidays: Collection[date]) -> int:
    """How many days of a period starting on ``start`` have been used by the end of ``end``.

    That is the counted days in ``(start, end]``: the inverse of :func:`add_days` before its
    move off a day off.
    """
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    holidays = _day_set(holidays)
    if CountMode(count) is CountMode.calendar_days:
        return (end - start).days
    return sum(
        is_working_day(start + timedelta(days=i), holidays)
        for i in range(1, (end - start).days + 1)
    )


def due_date(
    start: date,
    rule: TimeLimitRule,
    holidays: Collection[date],
    *,
    extensions: int = 0,
    suspensions: Sequence[Suspension] = (),
) -> date:
    """Due date of ``rule``'s step whose clock starts on ``start``.

    ``start`` is the day the clock starts: the day of receipt for ``reception_reply``, ``accept``
    and ``transfer``, the day of acceptance (thụ lý) for ``resolve``. ``extensions`` is the
    number of extensions granted (at most ``rule.max_extensions``); an extension lengthens the
    period, so only the final last day is moved off a day off. ``suspensions`` are closed
    ``(suspended_on, resumed_on)`` pairs, handled as the module docstring says.
    """
    if not 0 <= extensions <= rule.max_extensions:
        raise ValueError(
            f"{extensions} extension(s) requested; the rule allows at most {rule.max_extensions}"
        )
    off = _day_set(holidays)  # one hash set for the whole computation, whatever was passed
    periods = sorted(suspensions)
    clock = start
    for suspended_on, resumed_on in periods:
        if suspended_on < clock:
            raise ValueError(
                f"suspension on {suspended_on.isoformat()} is before the clock started or "
                f"resumed ({clock.isoformat()}); suspensions must not overlap"
            )
        if resumed_on < suspended_on:
            raise ValueError(
                f"resumed on {resumed_on.isoformat()}, before suspended on "
                f"{suspended_on.isoformat()}"
            )
        clock = resumed_on

    remaining = rule.days + extensions * rule.extension_days
    clock = start
    for suspended_on, resumed_on in periods:
        if add_days(clock, remaining, rule.count, off) < suspended_on:
            break  # already overdue when suspended: the suspension cannot revive the period
        used = count_days(clock, suspended_on, rule.count, off)
        remaining = max(remaining - used, 0)
        clock = resumed_on
    return add_days(clock, remaining, rule.count, off)


def validate_rules(rules: Iterable[TimeLimitRule]) -> None:
    """Raise ``ValueError`` when two rules with the same key are in force on a common day."""
    by_key: dict[RuleKey, list[TimeLimitRule]] = {}
    for rule in rules:
        by_key.setdefault(rule.key, []).append(rule)
    for key, group in by_key.items():
        group.sort(key=lambda r: r.effective_from)
        for earlier, later in pairwise(group):
            if earlier.effective_to is None or earlier.effective_to > later.effective_from:
                raise ValueError(
                    f"overlapping rules for {key!r}: from {earlier.effective_from.isoformat()} "
                    f"and from {later.effective_from.isoformat()}"
                )


def load_rules(path: str | Path | None = None) -> list[TimeLimitRule]:
    """Read and check ``time_limits.json`` (default: the one shipped next to this module)."""
    path = Path(path) if path is not None else RULES_FILE
    items = _read_json_list(path)
    rules = []
    for index, item in enumerate(items):
        try:
            rules.append(_rule_from_json(item))
        except (TypeError, ValueError, KeyError) as exc:
            raise ValueError(f"{path.name}, item {index}: {exc}") from exc
    validate_rules(rules)
    return rules


def load_holidays(path: str | Path | None = None) -> list[tuple[date, str]]:
    """Read ``holidays.json``: ``(date, name)`` sorted by date, names in Unicode NFC."""
    path = Path(path) if path is not None else HOLIDAYS_FILE
    items = _read_json_list(path)
    seen: dict[date, str] = {}
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict) or set(item) - {"date", "name", "note"}:
                raise ValueError("expected an object with date, name and optional note")
            day = _parse_date(item["date"])
            name = item["name"]
            if not isinstance(name, str) or not name.strip():
                raise ValueError("name must be a non-empty string")
            if day in seen:
                raise ValueError(f"{day.isoformat()} is listed twice")
        except (TypeError, ValueError, KeyError) as exc:
            raise ValueError(f"{path.name}, item {index}: {exc}") from exc
        # An NFD name (typed on some keyboards) must compare equal to the NFC one in the table.
        seen[day] = unicodedata.normalize("NFC", name.strip())
    return sorted(seen.items())


_RULE_FIELDS = {
    "step": True,
    "case_type": True,
    "level": True,
    "variant": True,
    "days": True,
    "count": True,
    "effective_from": True,
    "effective_to": True,
    "source": True,
    "note": False,
    "extension_days": False,
    "max_extensions": False,
}


def _day_set(holidays: Collection[date]) -> frozenset[date]:
    days = frozenset(holidays)  # frozenset(a_frozenset) is the same object: no copy
    # load_holidays() returns (date, name) pairs; passed as they are they would match no day.
    if not all(isinstance(day, date) for day in days):
        raise TypeError("holidays must be dates, e.g. {day for day, _name in load_holidays()}")
    return days


def _read_json_list(path: Path) -> list[Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path.name}: expected a JSON list at the top level")
    return data


def _parse_date(value: object) -> date:
    # date.fromisoformat also takes week dates and compact forms; the files use YYYY-MM-DD only.
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")
    return date.fromisoformat(value)


def _optional_str(item: dict[str, Any], name: str) -> str | None:
    value = item[name]
    if value is not None and (not isinstance(value, str) or not value):
        raise ValueError(f"{name} must be a non-empty string or null")
    return value


def _int(item: dict[str, Any], name: str, default: int | None = None) -> int:
    value = item.get(name, default)
    # bool is an int in Python; true/false in a days field is a typo, not 1/0.
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be an integer")
    return value


def _rule_from_json(item: object) -> TimeLimitRule:
    if not isinstance(item, dict):
        raise ValueError("expected an object")
    unknown = set(item) - set(_RULE_FIELDS)
    missing = {name for name, required in _RULE_FIELDS.items() if required} - set(item)
    if unknown or missing:
        raise ValueError(f"unknown fields {sorted(unknown)}, missing fields {sorted(missing)}")
    for name in ("step", "variant", "source", "count"):
        if not isinstance(item[name], str):
            raise ValueError(f"{name} must be a string")
    note = item.get("note", "")
    if not isinstance(note, str):
        raise ValueError("note must be a string")
    return TimeLimitRule(
        step=item["step"],
        case_type=_optional_str(item, "case_type"),
        level=_optional_str(item, "level"),
        variant=item["variant"],
        days=_int(item, "days"),
        count=CountMode(item["count"]),
        effective_from=_parse_date(item["effective_from"]),
        effective_to=None if item["effective_to"] is None else _parse_date(item["effective_to"]),
        source=item["source"],
        note=note,
        extension_days=_int(item, "extension_days", 0),
        max_extensions=_int(item, "max_extensions", 0),
    )
