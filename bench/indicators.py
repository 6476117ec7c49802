"""Latency of the indicator, dashboard and satisfaction endpoints, against plain SQL over the
raw tables, and checks that the API's figures equal the raw rows: satisfaction totals, CT3a, the
dashboard's petition figures, and the counts the triggers keep.

    python -m bench.indicators --database-url postgresql://postgres@127.0.0.1:5432/dvcq_bench \
        --year 2026 --requests 200

Starts the API on 127.0.0.1 (a free port), logs in as `sonv`, and stops the server at the end.
Exit status 1 when a check finds a mismatch; an endpoint not written yet (404) is reported.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as day_time
from typing import Any

import httpx
import psycopg
from sqlalchemy import create_engine

from api.config import PROVINCE_TZ
from api.db import normalise_url
from api.migrations_state import current_revision, head_revision, upgrade_to_head
from api.reception.timing import ACCEPT_PHASE, OPEN, SETTLED
from api.reception.timing import RESOLVE_PHASE as RESOLVE
from api.surveys.enums import SATISFIED_LEVELS
from api.units.enums import COUNTED_KINDS
from bench.generate import DEFAULT_URL, libpq_url
from bench.server import ServerError, running_api

USERNAME, PASSWORD = "sonv", "Demo@2026"
WARMUP = 3
REQUEST_TIMEOUT = 120.0
SATISFIED = tuple(level.value for level in SATISFIED_LEVELS)
COUNTED = tuple(kind.value for kind in COUNTED_KINDS)
OPEN_STATUSES = sorted(s.value for s in OPEN)
RUNNING_STATUSES = sorted(s.value for s in ACCEPT_PHASE | RESOLVE)
SETTLED_STATUSES = sorted(s.value for s in SETTLED)
PETITION_FIGURES = (
    "received",
    "resolved",
    "resolved_on_time",
    "open",
    "overdue",
    "prolonged",
    "over_level",
)
Params = Sequence[Any] | Mapping[str, Any]


@dataclass(frozen=True)
class Options:
    database_url: str
    year: int
    requests: int
    sql_runs: int
    budget: float


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--sql-runs", type=int, default=5, help="runs of each raw SQL query")
    parser.add_argument(
        "--budget", type=float, default=300.0, help="seconds at most per endpoint's timed requests"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 10_000 or not 1 <= args.sql_runs <= 100:
        parser.error("--requests must be 1..10000 and --sql-runs 1..100")
    return Options(args.database_url, args.year, args.requests, args.sql_runs, args.budget)


# --- the machine ------------------------------------------------------------------------------


def memory_gib() -> float:
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    return float("nan")


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def print_machine(conn: psycopg.Connection) -> None:
    cpus = len(os.sched_getaffinity(0))
    print(f"machine: {cpus} CPUs (nproc) — {cpu_model()}; {memory_gib():.1f} GiB memory")
    print(f"python: {platform.python_version()}; {platform.platform()}")
    print(f"load average before: {load_average()}")
    version = scalar(conn, "SELECT version()")
    settings = ", ".join(
        f"{name}={scalar(conn, f'SHOW {name}')}"
        for name in (
            "shared_buffers",
            "work_mem",
            "effective_cache_size",
            "max_parallel_workers_per_gather",
        )
    )
    print(f"postgresql: {version}\n  {settings}")
    size = scalar(conn, "SELECT pg_size_pretty(pg_database_size(current_database()))")
    counts = ", ".join(
        f"{table} {scalar(conn, f'SELECT count(*) FROM {table}'):,}"
        for table in ("evaluations", "petitions", "activities", "evaluation_monthly_counts")
    )
    print(f"database: {size}; {counts}\n")


def load_average() -> str:
    """Other work on the machine skews every figure: printed before and after the run."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg()) + " (1, 5, 15 min)"


def scalar(conn: psycopg.Connection, query: str, params: Params = ()) -> Any:
    row = conn.execute(query, params).fetchone()
    return None if row is None else row[0]


# --- HTTP -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    label: str
    path: str
    params: dict[str, Any]


@dataclass
class Timing:
    label: str
    latencies_ms: list[float]
    error: str | None = None


def login(client: httpx.Client) -> None:
    response = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": USERNAME, "password": PASSWORD},
    )
    if response.status_code != 200:
        raise ServerError(f"login as {USERNAME} failed: {response.status_code} {response.text}")
    client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"


def time_endpoint(client: httpx.Client, endpoint: Endpoint, options: Options) -> Timing:
    """Warm-up calls, then up to `requests` timed calls within the time budget."""
    timing = Timing(endpoint.label, [])
    for _ in range(WARMUP):
        response = client.get(endpoint.path, params=endpoint.params)
        if response.status_code != 200:
            timing.error = f"HTTP {response.status_code}: {response.text[:300]}"
            return timing
    deadline = time.monotonic() + options.budget
    for _ in range(options.requests):
        if time.monotonic() > deadline:
            timing.error = f"time budget of {options.budget:.0f} s spent"
            break
        started = time.perf_counter()
        response = client.get(endpoint.path, params=endpoint.params)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            timing.error = f"HTTP {response.status_code}: {response.text[:300]}"
            break
        timing.latencies_ms.append(elapsed)
    return timing


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def print_timings(timings: list[Timing]) -> None:
    print(f"\n{'endpoint':<46} {'n':>5} {'p50':>9} {'p95':>9} {'p99':>9} {'max':>9}  (ms)")
    for t in timings:
        if t.latencies_ms:
            v = t.latencies_ms
            figures = (statistics.median(v), percentile(v, 0.95), percentile(v, 0.99), max(v))
            print(f"{t.label:<46} {len(v):>5} " + " ".join(f"{f:>9.1f}" for f in figures))
        if t.error:
            print(f"{'':<46} stopped: {t.error}")


# --- plain SQL --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Year:
    number: int

    @property
    def first(self) -> date:
        return date(self.number, 1, 1)

    @property
    def next_first(self) -> date:
        return date(self.number + 1, 1, 1)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, day_time(), PROVINCE_TZ)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.next_first, day_time(), PROVINCE_TZ)


def raw_queries(year: Year) -> list[tuple[str, str, Params]]:
    """(label, SQL, parameters): the API's aggregates computed from the raw rows."""
    local = "evaluated_at AT TIME ZONE 'Asia/Ho_Chi_Minh'"
    per_level = ", ".join(
        f"sum({level})" for level in ("very_satisfied", "satisfied", "neutral", "dissatisfied")
    )
    days = (year.first, year.next_first)
    return [
        (
            "evaluations by unit, field, level (local-time filter)",
            f"SELECT unit_id, field, level, count(*) FROM evaluations "
            f"WHERE {local} >= %s AND {local} < %s GROUP BY 1, 2, 3",
            days,
        ),
        (
            "evaluations by unit, field, level (instant range)",
            "SELECT unit_id, field, level, count(*) FROM evaluations "
            "WHERE evaluated_at >= %s AND evaluated_at < %s GROUP BY 1, 2, 3",
            (year.start, year.end),
        ),
        (
            "evaluation_monthly_counts by unit, field",
            f"SELECT unit_id, field, {per_level} FROM evaluation_monthly_counts "
            "WHERE month >= %s AND month < %s GROUP BY 1, 2",
            days,
        ),
        (
            "petitions by unit, field, status (received in year)",
            "SELECT unit_id, field, status, count(*) FROM petitions "
            "WHERE received_on >= %s AND received_on < %s GROUP BY 1, 2, 3",
            days,
        ),
        (
            "petition_figure_counts by unit, field, case type (year)",
            "SELECT unit_id, field, case_type, sum(petitions) FROM petition_figure_counts "
            "WHERE year = %s GROUP BY 1, 2, 3",
            (year.number,),
        ),
        (
            "petitions overdue today by unit (stored due_on)",
            "SELECT unit_id, count(*) FROM petitions WHERE due_on < current_date GROUP BY 1",
            (),
        ),
        (
            "activities by unit, kind (held in year)",
            "SELECT unit_id, kind, count(*) FROM activities "
            "WHERE held_on >= %s AND held_on < %s GROUP BY 1, 2",
            days,
        ),
        (
            "plans by unit, kind, status (year)",
            "SELECT unit_id, kind, status, count(*) FROM plans WHERE year = %s GROUP BY 1, 2, 3",
            (year.number,),
        ),
    ]


def time_raw_queries(conn: psycopg.Connection, year: Year, runs: int) -> None:
    header = " ".join(f"{name:>9}" for name in ("min", "median", "max"))
    print(f"\n{'plain SQL over the raw tables':<56} {'rows':>7} {header}  (ms)")
    for label, query, params in raw_queries(year):
        elapsed, rows = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            rows = len(conn.execute(query, params).fetchall())
            elapsed.append((time.perf_counter() - started) * 1000)
        print(
            f"{label:<56} {rows:>7} {min(elapsed):>9.1f} {statistics.median(elapsed):>9.1f}"
            f" {max(elapsed):>9.1f}"
        )


# --- checks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    answers: int
    satisfied: int

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(self.answers + other.answers, self.satisfied + other.satisfied)

    def __str__(self) -> str:
        return f"answers={self.answers:,} satisfied={self.satisfied:,}"


def raw_satisfaction(
    conn: psycopg.Connection,
    year: Year,
    *,
    counted_only: bool = False,
    unit_id: int | None = None,
    with_surveys: bool = True,
) -> dict[str, Totals]:
    """(answers, satisfied) per field from evaluations (and survey results lying within the
    year), optionally over counted units only or one unit."""
    units = "TRUE"
    if counted_only:
        units = (
            "u.kind = ANY(%(kinds)s) AND u.is_active "
            "AND (u.established_on IS NULL OR u.established_on < %(next_first)s)"
        )
    if unit_id is not None:
        units += " AND u.id = %(unit_id)s"
    params = {
        "start": year.start,
        "end": year.end,
        "first": year.first,
        "next_first": year.next_first,
        "kinds": list(COUNTED),
        "satisfied": list(SATISFIED),
        "unit_id": unit_id,
    }
    evaluations = (
        "SELECT e.field, count(*), count(*) FILTER (WHERE e.level = ANY(%(satisfied)s)) "
        "FROM evaluations e JOIN units u ON u.id = e.unit_id "
        f"WHERE e.evaluated_at >= %(start)s AND e.evaluated_at < %(end)s AND {units} GROUP BY 1"
    )
    surveys = (
        "SELECT s.field, sum(s.very_satisfied + s.satisfied + s.neutral + s.dissatisfied), "
        "sum(s.very_satisfied + s.satisfied) "
        "FROM survey_results s JOIN units u ON u.id = s.unit_id "
        f"WHERE s.starts_on >= %(first)s AND s.ends_on < %(next_first)s AND {units} GROUP BY 1"
    )
    result: dict[str, Totals] = {}
    for query in (evaluations, surveys) if with_surveys else (evaluations,):
        for field, answers, satisfied in conn.execute(query, params).fetchall():
            result[field] = result.get(field, Totals(0, 0)) + Totals(int(answers), int(satisfied))
    return result


def total(per_field: dict[str, Totals]) -> Totals:
    return sum(per_field.values(), Totals(0, 0))


def verdict(label: str, api: Totals | None, raw: Totals) -> bool:
    ok = api == raw
    print(f"  {'OK' if ok else 'MISMATCH':<9}{label}: API {api or 'absent'}; raw {raw}")
    return ok


def check_satisfaction(client: httpx.Client, conn: psycopg.Connection, year: Year) -> bool:
    """GET /satisfaction counts every unit the coordinator may read: all of them."""
    response = client.get(
        "/api/v1/satisfaction", params={"period": str(year.number), "group_by": "field"}
    )
    response.raise_for_status()
    report = response.json()
    raw = raw_satisfaction(conn, year)
    ok = verdict(
        "satisfaction total",
        Totals(report["total"]["answers"], report["total"]["satisfied"]),
        total(raw),
    )
    groups = {g["key"]: Totals(g["answers"], g["satisfied"]) for g in report["groups"]}
    wrong = [f for f in raw.keys() | groups.keys() if groups.get(f) != raw.get(f)]
    print(
        f"  {'OK' if not wrong else 'MISMATCH':<9}satisfaction by field: {len(groups)} fields",
        end="",
    )
    print(f"; differ: {', '.join(sorted(wrong))}" if wrong else "")
    return ok and not wrong


def check_monthly_counts(conn: psycopg.Connection, year: Year) -> bool:
    """The trigger-kept monthly counts equal the raw evaluations of the year, key by key."""
    query = """
        WITH raw AS (
            SELECT unit_id,
                   date_trunc('month', evaluated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month,
                   field, count(*) FILTER (WHERE level = 'very_satisfied') AS vs,
                   count(*) FILTER (WHERE level = 'satisfied') AS s,
                   count(*) FILTER (WHERE level = 'neutral') AS n,
                   count(*) FILTER (WHERE level = 'dissatisfied') AS d
            FROM evaluations WHERE evaluated_at >= %(start)s AND evaluated_at < %(end)s
            GROUP BY 1, 2, 3),
        kept AS (
            SELECT unit_id, month, field, very_satisfied AS vs, satisfied AS s, neutral AS n,
                   dissatisfied AS d
            FROM evaluation_monthly_counts WHERE month >= %(first)s AND month < %(next_first)s)
        SELECT count(*) FROM raw FULL JOIN kept USING (unit_id, month, field)
        WHERE (raw.vs, raw.s, raw.n, raw.d) IS DISTINCT FROM (kept.vs, kept.s, kept.n, kept.d)"""
    params = {
        "start": year.start,
        "end": year.end,
        "first": year.first,
        "next_first": year.next_first,
    }
    differing = scalar(conn, query, params)
    keys = scalar(
        conn,
        "SELECT count(*) FROM evaluation_monthly_counts WHERE month >= %s AND month < %s",
        (year.first, year.next_first),
    )
    ok = differing == 0
    label = "evaluation_monthly_counts vs raw evaluations"
    print(f"  {'OK' if ok else 'MISMATCH':<9}{label}: {keys:,} keys, {differing} differ")
    return ok


def check_petition_counts(conn: psycopg.Connection) -> bool:
    """The trigger-kept petition counts equal the raw petitions, key by key (every year)."""
    query = """
        WITH raw AS (
            SELECT extract(year FROM received_on)::smallint AS year, unit_id, field, case_type,
                   CASE WHEN status = ANY(%(running)s) THEN 'running'
                        WHEN status = ANY(%(open)s) THEN 'stopped' ELSE 'done' END AS stage,
                   CASE WHEN status = ANY(%(open)s) THEN coalesce(due_on, 'infinity')
                        ELSE 'infinity' END AS due_on,
                   CASE WHEN status = ANY(%(running)s) THEN coalesce(resolution_due_on, 'infinity')
                        ELSE 'infinity' END AS resolution_due_on,
                   count(*) AS n, count(decision_date) AS resolved,
                   count(*) FILTER (WHERE decision_date <= coalesce(resolution_due_on,
                                                                    decision_date)) AS on_time,
                   count(*) FILTER (WHERE sent_to_level_above) AS over_level
            FROM petitions GROUP BY 1, 2, 3, 4, 5, 6, 7),
        kept AS (
            SELECT year, unit_id, field, case_type, stage,
                   CASE WHEN due_on = '9999-12-31' THEN 'infinity' ELSE due_on END AS due_on,
                   CASE WHEN resolution_due_on = '9999-12-31' THEN 'infinity'
                        ELSE resolution_due_on END AS resolution_due_on,
                   petitions AS n, resolved, resolved_on_time AS on_time, over_level
            FROM petition_figure_counts)
        SELECT count(*) FROM raw
        FULL JOIN kept USING (year, unit_id, field, case_type, stage, due_on, resolution_due_on)
        WHERE (raw.n, raw.resolved, raw.on_time, raw.over_level)
              IS DISTINCT FROM (kept.n, kept.resolved, kept.on_time, kept.over_level)"""
    params = {"open": OPEN_STATUSES, "running": RUNNING_STATUSES}
    differing = scalar(conn, query, params)
    keys = scalar(conn, "SELECT count(*) FROM petition_figure_counts")
    ok = differing == 0
    label = "petition_figure_counts vs raw petitions"
    print(f"  {'OK' if ok else 'MISMATCH':<9}{label}: {keys:,} keys, {differing} differ")
    return ok


def raw_petition_figures(conn: psycopg.Connection, year: Year) -> dict[str, tuple[int, ...]]:
    """The dashboard's petition figures by a plain GROUP BY over the raw petitions, each joined
    to the one it repeats: '' for the total, 'unit:<id>', 'field:<f>', 'case_type:<t>'."""
    per_petition = """
        SELECT p.unit_id::text AS unit, p.field, p.case_type,
               1 AS received, (p.decision_date IS NOT NULL)::int AS resolved,
               coalesce(p.decision_date <= coalesce(p.resolution_due_on, p.decision_date),
                        false)::int AS resolved_on_time,
               (p.status = ANY(%(open)s))::int AS open,
               coalesce(p.status = ANY(%(open)s) AND p.due_on < %(today)s, false)::int
                   AS overdue,
               (coalesce(p.status = ANY(%(running)s) AND p.resolution_due_on < %(today)s, false)
                OR coalesce(o.status = ANY(%(settled)s), false))::int AS prolonged,
               p.sent_to_level_above::int AS over_level
        FROM petitions p LEFT JOIN petitions o ON o.id = p.duplicate_of_id
        WHERE p.received_on >= %(first)s AND p.received_on < %(next_first)s"""
    sums = ", ".join(f"sum({name})" for name in PETITION_FIGURES)
    query = " UNION ALL ".join(
        f"SELECT {label} AS key, {sums} FROM ({per_petition}) AS p GROUP BY 1"
        for label in ("''", "'unit:' || unit", "'field:' || field", "'case_type:' || case_type")
    )
    params = {
        "open": OPEN_STATUSES,
        "running": RUNNING_STATUSES,
        "settled": SETTLED_STATUSES,
        "today": datetime.now(PROVINCE_TZ).date(),
        "first": year.first,
        "next_first": year.next_first,
    }
    return {key: tuple(int(n) for n in numbers) for key, *numbers in conn.execute(query, params)}


def check_dashboard_petitions(client: httpx.Client, conn: psycopg.Connection, year: Year) -> bool:
    """Every petition figure of GET /dashboard (total, by unit, field, case type) equals the
    plain SQL over the raw petitions."""
    response = client.get("/api/v1/dashboard", params={"year": year.number})
    response.raise_for_status()
    petitions = response.json()["petitions"]
    shown = {"": petitions["total"]}
    for prefix, name in (("unit", "by_unit"), ("field", "by_field"), ("case_type", "by_case_type")):
        shown |= {f"{prefix}:{group['key']}": group for group in petitions[name]}
    api = {key: tuple(g[name] for name in PETITION_FIGURES) for key, g in shown.items()}
    raw = raw_petition_figures(conn, year)
    wrong = sorted(key for key in api.keys() | raw.keys() if api.get(key) != raw.get(key))
    total = dict(zip(PETITION_FIGURES, raw.get("", ()), strict=False))
    label = f"dashboard petitions: {len(raw)} groups, total {total}"
    print(f"  {'OK' if not wrong else 'MISMATCH':<9}{label}", end="")
    print(f"; differ: {', '.join(wrong[:10])}" if wrong else "")
    return not wrong


def walk(document: Any) -> Iterator[dict[str, Any]]:
    if isinstance(document, dict):
        yield document
        for value in document.values():
            yield from walk(value)
    elif isinstance(document, list):
        for item in document:
            yield from walk(item)


def find_fraction(document: Any, code: str) -> Totals | None:
    """The numerator and denominator of the indicator `code` wherever the response holds it."""
    for entry in walk(document):
        names = {str(entry.get(key, "")).lower() for key in ("code", "id", "key", "indicator")}
        if code.lower() not in names:
            continue
        for candidate in walk(entry):
            if "numerator" in candidate and "denominator" in candidate:
                return Totals(int(candidate["denominator"] or 0), int(candidate["numerator"] or 0))
    return None


def check_ct3a(
    client: httpx.Client, conn: psycopg.Connection, year: Year, unit_id: int | None
) -> bool | None:
    """CT3a over counted units (or one unit): None when the endpoint does not exist yet."""
    params: dict[str, Any] = {"year": year.number} | ({"unit_id": unit_id} if unit_id else {})
    response = client.get("/api/v1/indicators", params=params)
    if response.status_code == 404:
        return None
    response.raise_for_status()
    label = "CT3a" + (f" of unit {unit_id}" if unit_id else " (counted units)")
    api = find_fraction(response.json(), "CT3a")
    raw = total(raw_satisfaction(conn, year, counted_only=True, unit_id=unit_id))
    if api is None:
        print(
            f"  MISMATCH {label}: no entry with code CT3a and numerator/denominator in the response"
        )
        return False
    ok = verdict(label, api, raw)
    if not ok:
        evaluations_only = total(
            raw_satisfaction(conn, year, counted_only=True, unit_id=unit_id, with_surveys=False)
        )
        hint = "equals" if api == evaluations_only else "differs from"
        print(f"{'':<11}(the API {hint} the evaluations alone: {evaluations_only})")
    return ok


# --- main -------------------------------------------------------------------------------------


def a_commune(conn: psycopg.Connection) -> int:
    """The active commune with the most evaluations: the heaviest single-unit request."""
    unit_id = scalar(
        conn,
        "SELECT u.id FROM units u JOIN evaluation_monthly_counts c ON c.unit_id = u.id "
        "WHERE u.kind = 'commune' AND u.is_active GROUP BY u.id "
        "ORDER BY sum(c.very_satisfied + c.satisfied + c.neutral + c.dissatisfied) DESC, u.id "
        "LIMIT 1",
    )
    if unit_id is None:
        raise ServerError("no commune with evaluations: generate the data first (bench.generate)")
    return int(unit_id)


def endpoints(year: int, commune: int) -> list[Endpoint]:
    return [
        # The floor: an authenticated request that reads one row (token, user, JSON).
        Endpoint("GET /auth/me (baseline)", "/api/v1/auth/me", {}),
        Endpoint(f"GET /indicators?year={year}", "/api/v1/indicators", {"year": year}),
        Endpoint(f"GET /dashboard?year={year}", "/api/v1/dashboard", {"year": year}),
        Endpoint(
            f"GET /indicators?year={year}&unit_id={commune}",
            "/api/v1/indicators",
            {"year": year, "unit_id": commune},
        ),
        Endpoint(
            f"GET /satisfaction?period={year}&group_by=field",
            "/api/v1/satisfaction",
            {"period": str(year), "group_by": "field"},
        ),
    ]


def ensure_migrated(url: str) -> None:
    """Bring the schema to the code's head first, as `dvcq serve` does: /readyz needs it."""
    engine = create_engine(normalise_url(url))
    try:
        current, head = current_revision(engine), head_revision()
    finally:
        engine.dispose()
    if current != head:
        print(f"database at migration {current}, code at {head}: upgrading to head")
        upgrade_to_head(url)


def run(options: Options) -> int:
    year = Year(options.year)
    ensure_migrated(options.database_url)
    with psycopg.connect(
        libpq_url(options.database_url), options=f"-c timezone={PROVINCE_TZ.key}"
    ) as conn:
        conn.autocommit = True
        print_machine(conn)
        commune = a_commune(conn)
        with (
            running_api(options.database_url) as server,
            httpx.Client(base_url=server.url, timeout=REQUEST_TIMEOUT) as client,
        ):
            print(f"API at {server.url} (uvicorn, one process), {WARMUP} warm-up calls first")
            login(client)
            timings = [time_endpoint(client, e, options) for e in endpoints(options.year, commune)]
            print_timings(timings)
            missing = [t.label for t in timings if t.error and t.error.startswith("HTTP 404")]
            for label in missing:
                print(f"NOT AVAILABLE YET: {label} answered 404 (endpoint not written yet)")
            time_raw_queries(conn, year, options.sql_runs)
            return checks(client, conn, year, commune)


def checks(client: httpx.Client, conn: psycopg.Connection, year: Year, commune: int) -> int:
    print(f"\nchecks for {year.number}:")
    results: list[bool | None] = [
        check_monthly_counts(conn, year),
        check_petition_counts(conn),
        check_dashboard_petitions(client, conn, year),
        check_satisfaction(client, conn, year),
        check_ct3a(client, conn, year, None),
        check_ct3a(client, conn, year, commune),
    ]
    if results[4] is None:
        print("  SKIPPED  CT3a: GET /api/v1/indicators answers 404 (not written yet)")
    failed = any(r is False for r in results)
    print(f"\nload average after: {load_average()}")
    print("\nresult:", "MISMATCH" if failed else "OK")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> None:
    options = parse_args(argv)
    try:
        sys.exit(run(options))
    except (ServerError, httpx.HTTPError, psycopg.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
