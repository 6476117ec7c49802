"""Fill a database with several years of a realistic province, for benchmarks.

    python -m bench.generate --database-url postgresql://postgres@127.0.0.1:5432/dvcq_bench \
        --evaluations 10000000 --petitions 200000 --activities 50000 --years 2022-2026 --seed 2026

Quick check: --evaluations 100000 --petitions 5000 --activities 2000. The data depend only on
the arguments (seeded generators, no clock); `--recreate` drops the database first.
"""

import argparse
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from api import models  # noqa: F401  (every mapper registered before the first query)
from api.activities.models import Activity, Official, TrainingAttendance
from api.db import Base, normalise_url
from api.inspections.models import Finding, Inspection, Recommendation, RecommendationEvent
from api.migrations_state import upgrade_to_head
from api.plans.models import Plan, PlanTask
from api.reception.models import Petition, PetitionEvent, Reception
from api.reception.reference import load_calendar, refresh_due_dates
from api.seed import seed
from api.surveys.models import Evaluation, SurveyResult
from bench.activities import generate_activities, generate_attendance, generate_officials
from bench.bulk import columns_of, copy_rows, dict_rows, reset_sequence
from bench.citizens import generate_citizen_cases, petition_event_rows, petition_rows
from bench.common import fail, log, timed
from bench.inspections import generate_inspections
from bench.plans import generate_plans
from bench.province import Province, load_province, year_spans
from bench.surveys import EVALUATION_COLUMNS, evaluation_rows, survey_result_rows

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/dvcq_bench"
# The tables this script fills; they must be empty before it starts.
GENERATED = (
    Plan, PlanTask, Activity, Official, TrainingAttendance, Inspection, Finding,
    Recommendation, RecommendationEvent, Petition, PetitionEvent, Reception, SurveyResult,
    Evaluation,
)  # fmt: skip


@dataclass(frozen=True)
class Options:
    database_url: str
    evaluations: int
    petitions: int
    activities: int
    first_year: int
    last_year: int
    as_of: date
    seed: int
    recreate: bool


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--evaluations", type=int, default=10_000_000)
    parser.add_argument("--petitions", type=int, default=200_000)
    parser.add_argument("--activities", type=int, default=50_000)
    parser.add_argument("--years", default="2022-2026", help="first-last, e.g. 2022-2026")
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="nothing is dated after this day (default: December 31 of the last year)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--recreate", action="store_true", help="drop and create the database")
    args = parser.parse_args(argv)
    first, _, last = args.years.partition("-")
    if not (first.isdigit() and (last or first).isdigit()):
        parser.error("--years must look like 2022-2026")
    first_year, last_year = int(first), int(last or first)
    if first_year > last_year or min(args.evaluations, args.petitions, args.activities) < 0:
        parser.error("years must run forward and sizes must not be negative")
    return Options(
        database_url=args.database_url,
        evaluations=args.evaluations,
        petitions=args.petitions,
        activities=args.activities,
        first_year=first_year,
        last_year=last_year,
        as_of=args.as_of or date(last_year, 12, 31),
        seed=args.seed,
        recreate=args.recreate,
    )


def libpq_url(url: str) -> str:
    """The URL psycopg takes (no SQLAlchemy driver suffix)."""
    return normalise_url(url).replace("postgresql+psycopg://", "postgresql://", 1)


def prepare_database(url: str, recreate: bool) -> None:
    """Create the database (after dropping it with --recreate) when missing."""
    params = psycopg.conninfo.conninfo_to_dict(libpq_url(url))
    name = str(params.get("dbname") or "")
    if not name:
        fail("the database URL must name a database")
    admin = psycopg.conninfo.make_conninfo(libpq_url(url), dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if found is not None and recreate:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            log(f"dropped database {name}")
        if found is None or recreate:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            log(f"created database {name}")


def migrate_and_seed(engine: Engine, url: str) -> None:
    upgrade_to_head(url)
    with Session(engine) as db, db.begin():
        report = seed(db, demo_accounts=True)
    accounts = ", ".join(report.accounts_added) or "none"
    log(f"  units added: {report.units_added}; demo accounts added: {accounts}")


def ensure_empty(conn: psycopg.Connection) -> None:
    for model in GENERATED:
        table = model.__tablename__
        found = conn.execute(
            sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table))
        )
        if found.fetchone() == (True,):
            fail(f"table {table} already holds rows; run again with --recreate")


def write(conn: psycopg.Connection, model: type[Base], records: Iterable[dict[str, Any]]) -> int:
    """COPY records of `model` (explicit ids) and move its id sequence past them."""
    table = model.__tablename__
    started = time.perf_counter()
    columns = columns_of(model)
    written = copy_rows(conn, table, columns, dict_rows(columns, records))
    reset_sequence(conn, table)
    log(f"  {table}: {written:,} rows in {time.perf_counter() - started:.1f} s")
    return written


def fill(conn: psycopg.Connection, engine: Engine, p: Province, options: Options) -> None:
    with timed("plans, activities, officials"):
        plans = generate_plans(p)
        write(conn, Plan, plans.plans)
        write(conn, PlanTask, plans.tasks)
        activities = generate_activities(p, plans, options.activities)
        write(conn, Activity, activities.activities)
        official_rows, terms = generate_officials(p)
        write(conn, Official, official_rows)
        write(conn, TrainingAttendance, generate_attendance(p, activities, terms))
    with timed("inspections"):
        inspections = generate_inspections(p, plans)
        write(conn, Inspection, inspections.inspections)
        write(conn, Finding, inspections.findings)
        write(conn, Recommendation, inspections.recommendations)
        write(conn, RecommendationEvent, inspections.events)
    with timed("receptions and petitions"):
        with Session(engine) as db:
            calendar = load_calendar(db)
        cases = generate_citizen_cases(p, calendar, options.petitions)
        write(conn, Petition, petition_rows(cases.petitions))
        write(conn, PetitionEvent, petition_event_rows(p, cases.petitions))
        write(conn, Reception, cases.receptions)
    with timed("petition due dates (api.reception.reference.refresh_due_dates)"):
        with Session(engine) as db, db.begin():
            changed = refresh_due_dates(db)
        log(f"  due dates stored for {changed:,} petitions")
    with timed("survey results and evaluations"):
        write(conn, SurveyResult, survey_result_rows(p))
        write_evaluations(conn, p, options.evaluations)


def write_evaluations(conn: psycopg.Connection, p: Province, total: int) -> None:
    started = time.perf_counter()
    written = copy_rows(
        conn, Evaluation.__tablename__, EVALUATION_COLUMNS, evaluation_rows(p, total)
    )
    reset_sequence(conn, Evaluation.__tablename__)
    log(f"  evaluations: {written:,} rows in {time.perf_counter() - started:.1f} s")


def vacuum_analyze(url: str) -> None:
    # VACUUM as well: freshly loaded tables have no visibility map, which autovacuum would
    # otherwise build in the middle of a benchmark.
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("VACUUM (ANALYZE)")


def report(conn: psycopg.Connection) -> None:
    log("\nrows per table:")
    total_bytes = 0
    for table in sorted(Base.metadata.tables):
        rows = conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()
        size = conn.execute("SELECT pg_total_relation_size(%s)", (table,)).fetchone()
        assert rows is not None and size is not None
        total_bytes += size[0]
        log(f"  {table:<28} {rows[0]:>12,}  {size[0] / 2**20:>9.1f} MiB")
    log(f"  {'(all tables)':<28} {'':>12}  {total_bytes / 2**20:>9.1f} MiB")


def main(argv: list[str] | None = None) -> None:
    options = parse_args(argv)
    # The app's settings: development, so the demo accounts may be created.
    os.environ.setdefault("DVCQ_ENV", "development")
    started = time.perf_counter()
    url = normalise_url(options.database_url)
    spans = year_spans(options.first_year, options.last_year, options.as_of)
    if not spans:
        fail(f"no day of {options.first_year}-{options.last_year} is on or before {options.as_of}")
    with timed("database, migrations, seed"):
        prepare_database(url, options.recreate)
        engine = create_engine(url)
        migrate_and_seed(engine, url)
    with Session(engine) as db:
        province = load_province(db, options.seed, spans, options.as_of)
    years = f"{spans[0].year}-{spans[-1].year}"
    log(f"{len(province.counted)} counted units, years {years}, as of {options.as_of}")
    with psycopg.connect(libpq_url(url)) as conn:
        conn.execute("SET synchronous_commit = off")  # a lost last chunk is regenerated anyway
        conn.commit()
        ensure_empty(conn)
        fill(conn, engine, province, options)
    with timed("VACUUM (ANALYZE)"):
        vacuum_analyze(url)
    with psycopg.connect(libpq_url(url)) as conn:
        report(conn)
    engine.dispose()
    log(f"\ntotal: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
