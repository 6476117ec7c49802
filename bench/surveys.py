"""Citizens' evaluations of administrative procedures, and quarterly survey results."""

import random
from bisect import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, count
from typing import Any

from api.common.text import fold
from api.surveys.enums import (
    CT3B_FIELDS,
    EvaluationChannel,
    EvaluationSource,
    ProcedureField,
    SatisfactionLevel,
    SurveySource,
)
from api.surveys.models import SurveyResult
from bench.common import OFFSET, chance, pick, search_text
from bench.province import Province, UnitInfo

F = ProcedureField
# What a commune's or ward's one-stop shop handles: civil status and land above all.
LOCAL_FIELDS = {
    F.justice: 0.34,
    F.land: 0.2,
    F.labor_social: 0.12,
    F.construction: 0.06,
    F.agriculture_environment: 0.06,
    F.education: 0.03,
    F.finance: 0.03,
    F.home_affairs: 0.03,
    F.culture_tourism: 0.02,
    F.health: 0.02,
    F.transport: 0.02,
    F.industry_trade: 0.02,
    F.investment: 0.01,
    F.other: 0.04,
}
# A department's own fields (85 % of its dossiers; the rest spread over every field).
DEPARTMENT_FIELDS = {
    "SNV": (F.home_affairs, F.labor_social),
    "STP": (F.justice,),
    "STC": (F.finance, F.investment),
    "SCT": (F.industry_trade,),
    "SNNMT": (F.agriculture_environment, F.land),
    "SXD": (F.construction, F.transport),
    "SKHCN": (F.science_technology,),
    "SVHTTDL": (F.culture_tourism,),
    "SGDDT": (F.education,),
    "SYT": (F.health,),
    "TTT": (F.other,),
    "VPUBND": (F.investment, F.other),
}
OWN_FIELDS_SHARE = 0.85
# Shares of the levels: about 90 % satisfied overall, land, construction and investment lower.
LEVELS = (0.6, 0.3, 0.07, 0.03)
HARD_FIELD_LEVELS = (0.5, 0.32, 0.11, 0.07)
LEVEL_VALUES = tuple(level.value for level in SatisfactionLevel)
CHANNELS = {
    EvaluationChannel.portal: 0.55,
    EvaluationChannel.kiosk: 0.25,
    EvaluationChannel.sms: 0.08,
    EvaluationChannel.paper: 0.08,
    EvaluationChannel.other: 0.04,
}
# Dossiers grow each year as more procedures go online; index 0 is the first year.
YEAR_GROWTH = 0.15
WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 1.0, 0.95, 0.25, 0.05)  # Monday … Sunday
HOLIDAY_WEIGHT = 0.05
PROCEDURES_PER_FIELD = 8
SURVEY_FIELDS_PER_UNIT = 3
SURVEY_SOURCES = {
    SurveySource.survey: 0.5,
    SurveySource.portal_report: 0.3,
    SurveySource.spreadsheet: 0.2,
}
SURVEY_NOTES = ("Khảo sát trực tiếp tại Bộ phận một cửa", "Phiếu khảo sát gửi qua Zalo", None)


@dataclass(frozen=True)
class UnitProfile:
    """How one unit's evaluations are drawn: cumulative weights of fields, and for each field
    the cumulative shares of the levels."""

    unit: UnitInfo
    number: int  # the unit's place in the list: part of its dossier codes
    fields: tuple[ProcedureField, ...]
    field_cum: tuple[float, ...]
    level_cum: dict[ProcedureField, tuple[float, float, float]]


def field_weights(unit: UnitInfo) -> dict[ProcedureField, float]:
    if unit.is_local:
        return dict(LOCAL_FIELDS)
    own = DEPARTMENT_FIELDS.get(unit.code, (F.other,))
    spread = (1 - OWN_FIELDS_SHARE) / len(F)
    return {f: spread + (OWN_FIELDS_SHARE / len(own) if f in own else 0.0) for f in F}


def unit_profiles(p: Province) -> list[UnitProfile]:
    """The same for evaluations and survey results: a unit serves as well in both."""
    rng = p.rng("unit_quality")
    profiles = []
    for number, unit in enumerate(p.counted, start=1):
        weights = field_weights(unit)
        quality = rng.uniform(-0.06, 0.04)  # some units serve better than others
        level_cum = {f: _level_cum(f, quality) for f in weights}
        fields = tuple(weights)
        profiles.append(
            UnitProfile(unit, number, fields, tuple(accumulate(weights.values())), level_cum)
        )
    return profiles


def _level_cum(procedure_field: ProcedureField, quality: float) -> tuple[float, float, float]:
    """Cumulative shares of very satisfied, satisfied, neutral; `quality` moves very
    satisfied against dissatisfied."""
    shares = HARD_FIELD_LEVELS if procedure_field in CT3B_FIELDS else LEVELS
    very, satisfied, neutral, _dissatisfied = shares
    very = min(max(very + quality, 0.0), 1.0)
    return very, very + satisfied, min(very + satisfied + neutral - quality / 2, 1.0)


def daily_counts(rng: random.Random, p: Province, total: int) -> list[tuple[date, int]]:
    """Evaluations per day: weekdays busy, weekends and holidays quiet, more each year."""
    weighted = []
    for index, span in enumerate(p.years):
        growth = 1 + YEAR_GROWTH * index
        for offset in range(span.days):
            day = span.first + timedelta(days=offset)
            weight = HOLIDAY_WEIGHT if day in p.holidays else WEEKDAY_WEIGHT[day.weekday()]
            weighted.append((day, weight * growth))
    scale = total / sum(w for _, w in weighted)
    counts = []
    for day, weight in weighted:
        expected = weight * scale
        counts.append((day, int(expected) + chance(rng, expected % 1)))
    return counts


def minute_weights() -> list[float]:
    """Per minute of the day: office hours most, evenings some (the portal is always open)."""
    weights = []
    for minute in range(24 * 60):
        if 450 <= minute < 690 or 810 <= minute < 1020:
            weights.append(10.0)
        elif 1020 <= minute < 1320:
            weights.append(1.5)
        else:
            weights.append(0.2)
    return weights


@dataclass(frozen=True)
class _Draws:
    """Cumulative weight tables, drawn from with `bisect` for speed (10 million rows)."""

    unit_cum: tuple[float, ...]
    minute_cum: tuple[float, ...]
    minute_text: tuple[str, ...]
    channel_cum: tuple[float, ...]
    channels: tuple[str, ...]


def _draws(profiles: list[UnitProfile]) -> _Draws:
    return _Draws(
        unit_cum=tuple(accumulate(pr.unit.weight for pr in profiles)),
        minute_cum=tuple(accumulate(minute_weights())),
        minute_text=tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)),
        channel_cum=tuple(accumulate(CHANNELS.values())),
        channels=tuple(c.value for c in CHANNELS),
    )


def procedure_codes(rng: random.Random) -> dict[ProcedureField, tuple[str, ...]]:
    """A few procedure codes of the national catalogue per field ('1.004227')."""
    return {
        f: tuple(f"1.{rng.randint(1000, 13000):06d}" for _ in range(PROCEDURES_PER_FIELD))
        for f in F
    }


EVALUATION_COLUMNS = (
    "source",
    "external_id",
    "unit_id",
    "dossier_code",
    "procedure_code",
    "field",
    "level",
    "evaluated_at",
    "channel",
    "search_text",
    "version",
)


def evaluation_rows(p: Province, total: int) -> Iterator[tuple[Any, ...]]:
    """Rows in EVALUATION_COLUMNS order, day by day, so the indexes grow at their end."""
    rng = p.rng("evaluations")
    profiles = unit_profiles(p)
    draws = _draws(profiles)
    codes = procedure_codes(rng)
    source = EvaluationSource.portal.value
    numbers: dict[int, int] = {}
    for day, n in daily_counts(rng, p, total):
        prefix, stamp = day.isoformat(), day.strftime("%y%m%d")
        for daily in range(1, n + 1):
            numbers[day.year] = number = numbers.get(day.year, 0) + 1
            profile = profiles[bisect(draws.unit_cum, rng.random() * draws.unit_cum[-1])]
            field = profile.fields[bisect(profile.field_cum, rng.random() * profile.field_cum[-1])]
            external_id = f"DG-{day.year}-{number:07d}"
            dossier = f"H42.{profile.number:03d}-{stamp}-{daily:05d}"
            procedure = rng.choice(codes[field]) if rng.random() < 0.95 else None
            minute = bisect(draws.minute_cum, rng.random() * draws.minute_cum[-1])
            seconds = int(rng.random() * 60)
            channel = draws.channels[
                bisect(draws.channel_cum, rng.random() * draws.channel_cum[-1])
            ]
            yield (
                source,
                external_id,
                profile.unit.id,
                dossier,
                procedure,
                field.value,
                _level(profile.level_cum[field], rng.random()),
                f"{prefix} {draws.minute_text[minute]}:{seconds:02d}{OFFSET}",
                channel,
                fold(f"{external_id} {dossier} {procedure or ''}"),
                1,
            )


def _level(cum: tuple[float, float, float], roll: float) -> str:
    if roll < cum[0]:
        return LEVEL_VALUES[0]
    if roll < cum[1]:
        return LEVEL_VALUES[1]
    return LEVEL_VALUES[2] if roll < cum[2] else LEVEL_VALUES[3]


def survey_result_rows(p: Province) -> Iterator[dict[str, Any]]:
    """Per unit and quarter, counts for the unit's main fields from one survey source."""
    rng = p.rng("survey_results")
    ids = count(1)
    for profile in unit_profiles(p):
        weights = field_weights(profile.unit)
        main = sorted(weights, key=weights.__getitem__, reverse=True)[:SURVEY_FIELDS_PER_UNIT]
        for span in p.years:
            for quarter in range(1, 5):
                starts_on = date(span.year, 3 * quarter - 2, 1)
                ends_on = _quarter_end(span.year, quarter)
                if ends_on > p.as_of:
                    continue
                for procedure_field in main:
                    yield _survey_result(
                        rng,
                        profile,
                        procedure_field,
                        span.year,
                        quarter,
                        starts_on,
                        ends_on,
                        next(ids),
                    )


def _quarter_end(year: int, quarter: int) -> date:
    if quarter == 4:
        return date(year, 12, 31)
    return date(year, 3 * quarter + 1, 1) - timedelta(days=1)


def _survey_result(
    rng: random.Random,
    profile: UnitProfile,
    procedure_field: ProcedureField,
    year: int,
    quarter: int,
    starts_on: date,
    ends_on: date,
    result_id: int,
) -> dict[str, Any]:
    cum = profile.level_cum[procedure_field]
    levels = Counter(_level(cum, rng.random()) for _ in range(rng.randint(20, 150)))
    values = {
        "id": result_id,
        "unit_id": profile.unit.id,
        "period": f"{year}Q{quarter}",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "field": procedure_field.value,
        "source": pick(rng, SURVEY_SOURCES).value,
        **{level: levels[level] for level in LEVEL_VALUES},
        "note": rng.choice(SURVEY_NOTES),
        "version": 1,
    }
    values["search_text"] = search_text(SurveyResult.__search_fields__, values)
    return values
