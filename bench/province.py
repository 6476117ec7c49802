"""The province as the generators see it: its units, the years to fill and the holidays."""

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.reception.models import Holiday
from api.units.enums import COUNTED_KINDS, LOCAL_KINDS, UnitKind
from api.units.models import Unit
from bench.common import rng_for

# Relative workload by kind: a commune of the merged province serves the most people.
KIND_WEIGHT = {UnitKind.commune: 1.0, UnitKind.ward: 0.9, UnitKind.department: 0.6}


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    short_name: str
    kind: UnitKind
    weight: float  # workload relative to an average commune

    @property
    def is_local(self) -> bool:
        return self.kind in LOCAL_KINDS

    @property
    def issuer(self) -> str:
        """The issuing body in a document number: 'KH-UBND' for a commune, 'KH-SNV'."""
        return "UBND" if self.is_local else self.code


@dataclass(frozen=True)
class YearSpan:
    year: int
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Province:
    seed: int
    as_of: date
    years: tuple[YearSpan, ...]
    counted: tuple[UnitInfo, ...]
    local: tuple[UnitInfo, ...]  # the communes and wards among them
    by_id: dict[int, UnitInfo]
    holidays: frozenset[date]
    unit_ids: dict[str, int]  # every unit by code, the uncounted ones too (province, Front)

    def rng(self, name: str) -> random.Random:
        return rng_for(self.seed, name)


def year_spans(first_year: int, last_year: int, as_of: date) -> tuple[YearSpan, ...]:
    """Each year from January 1 to December 31, or to `as_of` in its year; none after it."""
    spans = []
    for year in range(first_year, last_year + 1):
        start, end = date(year, 1, 1), min(date(year, 12, 31), as_of)
        if start <= end:
            spans.append(YearSpan(year, start, end))
    return tuple(spans)


def load_province(db: Session, seed: int, spans: tuple[YearSpan, ...], as_of: date) -> Province:
    rng = rng_for(seed, "units")
    units = db.scalars(select(Unit).order_by(Unit.id)).all()
    counted = tuple(
        UnitInfo(
            id=u.id,
            code=u.code,
            name=u.name,
            short_name=u.short_name,
            kind=u.kind,
            # Sizes vary: a lognormal factor around the kind's weight.
            weight=KIND_WEIGHT[u.kind] * rng.lognormvariate(0, 0.35),
        )
        for u in units
        if u.kind in COUNTED_KINDS and u.is_active
    )
    return Province(
        seed=seed,
        as_of=as_of,
        years=spans,
        counted=counted,
        local=tuple(u for u in counted if u.is_local),
        by_id={u.id: u for u in counted},
        holidays=frozenset(db.scalars(select(Holiday.date))),
        unit_ids={u.code: u.id for u in units},
    )
