"""Helpers shared by the benchmark scripts: seeded randomness, timing, folded search text."""

import random
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from time import perf_counter
from typing import Any, TypeVar

from api.common.text import fold
from api.config import PROVINCE_TZ

T = TypeVar("T")

# A fixed UTC offset: the province has had no daylight saving since 1975.
OFFSET = "+07"


def rng_for(seed: int, name: str) -> random.Random:
    """One generator per table, so changing one table's size leaves the others unchanged."""
    return random.Random(f"{seed}:{name}")


def log(message: str) -> None:
    print(message, flush=True)


@contextmanager
def timed(label: str) -> Iterator[None]:
    started = perf_counter()
    yield
    log(f"  {label}: {perf_counter() - started:.1f} s")


def pick(rng: random.Random, weighted: Mapping[T, float]) -> T:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def search_text(fields: Sequence[str], values: Mapping[str, Any]) -> str:
    """`search_text` as the ORM computes it (`api.common.search.folded_search_text`)."""
    parts = (values.get(name) for name in fields)
    return fold(" ".join(str(p) for p in parts if p))


def is_working_day(day: date, holidays: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def working_day(rng: random.Random, first: date, last: date, holidays: frozenset[date]) -> date:
    """A random working day in [first, last]; `first` itself when the span has none."""
    for _ in range(20):
        day = random_day(rng, first, last)
        if is_working_day(day, holidays):
            return day
    return first


def office_time(rng: random.Random, day: date) -> datetime:
    """An instant within office hours (7:30–11:30, 13:30–17:00) of `day` in the province."""
    minutes = rng.choice((rng.randint(450, 690), rng.randint(810, 1020)))
    moment = datetime.combine(day, time(), PROVINCE_TZ) + timedelta(minutes=minutes)
    return moment + timedelta(seconds=rng.randint(0, 59))


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr, flush=True)
    raise SystemExit(2)
