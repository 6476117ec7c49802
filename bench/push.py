"""Portal push: evaluations per second through `POST /api/v1/evaluations/batch` from several
concurrent clients against one API process, and a plain COPY of the same rows into the same
table as the upper bound.

    python -m bench.push --database-url postgresql://postgres@127.0.0.1:5432/dvcq_push \
        --evaluations 1000000 --clients 4 --batch 1000

The database is dropped and created again (it must be a scratch one).
"""

import argparse
import json
import multiprocessing
import os
import secrets
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import psycopg
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from api.config import PROVINCE_TZ
from bench.server import running_api

LEVELS = ("very_satisfied", "satisfied", "satisfied", "neutral", "dissatisfied")
FIELDS = ("land", "construction", "justice", "health", "education", "other")
CLIENT_ID = "bench-portal"


def recreate(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def prepare(url: str) -> tuple[str, list[str]]:
    """Migrate, seed the units, add an integration client; its secret and the unit codes."""
    os.environ["DVCQ_DATABASE_URL"] = url
    from api.auth.models import Client
    from api.auth.passwords import hash_secret
    from api.db import get_engine, normalise_url
    from api.migrations_state import upgrade_to_head
    from api.seed import seed
    from api.units.models import Unit

    upgrade_to_head(normalise_url(url))
    secret = secrets.token_urlsafe(24)
    with Session(get_engine()) as db, db.begin():
        seed(db, demo_accounts=True)
        db.add(
            Client(
                client_id=CLIENT_ID,
                name="Benchmark portal",
                secret_hash=hash_secret(secret),
                scopes=["evaluations:write"],
            )
        )
        codes = [code for (code,) in db.query(Unit.code).filter(Unit.kind.in_(["commune", "ward"]))]
    get_engine().dispose()
    return secret, codes


def batch_items(worker: int, batch: int, size: int, codes: list[str]) -> list[dict[str, str]]:
    start = datetime(2025, 1, 1, 7, tzinfo=PROVINCE_TZ)
    items = []
    for n in range(size):
        serial = (worker * 10_000_000) + batch * size + n
        items.append(
            {
                "source": "portal",
                "external_id": f"DG-B-{serial:09d}",
                "unit_code": codes[serial % len(codes)],
                "dossier_code": f"H42.{serial:09d}",
                "procedure_code": "1.004227",
                "field": FIELDS[serial % len(FIELDS)],
                "level": LEVELS[serial % len(LEVELS)],
                "evaluated_at": (start + timedelta(minutes=serial % 500_000)).isoformat(),
                "channel": "portal",
            }
        )
    return items


def worker_run(args: tuple[str, str, int, int, int, list[str], "multiprocessing.Barrier"]) -> dict:
    base_url, secret, worker, batches, size, codes, barrier = args
    bodies = [
        json.dumps({"items": batch_items(worker, b, size, codes)}).encode() for b in range(batches)
    ]
    with httpx.Client(base_url=base_url, timeout=120) as client:
        token = client.post(
            "/api/v1/auth/token",
            data={"grant_type": "client_credentials"},
            auth=(CLIENT_ID, secret),
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        barrier.wait()
        started = time.perf_counter()
        created = 0
        latencies = []
        for body in bodies:
            sent = time.perf_counter()
            response = client.post("/api/v1/evaluations/batch", content=body, headers=headers)
            latencies.append(time.perf_counter() - sent)
            response.raise_for_status()
            created += response.json()["created"]
        return {
            "created": created,
            "seconds": time.perf_counter() - started,
            "latencies": latencies,
        }


def push(base_url: str, secret: str, codes: list[str], total: int, clients: int, size: int) -> dict:
    batches = total // (clients * size)
    with multiprocessing.Manager() as manager:
        barrier = manager.Barrier(clients + 1)
        with multiprocessing.Pool(clients) as pool:
            jobs = pool.map_async(
                worker_run,
                [(base_url, secret, w, batches, size, codes, barrier) for w in range(clients)],
            )
            barrier.wait()  # every worker has built its bodies and holds a token
            started = time.perf_counter()
            results = jobs.get()
            elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r["latencies"])
    return {
        "created": sum(r["created"] for r in results),
        "seconds": elapsed,
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
    }


def copy_upper_bound(url: str) -> tuple[int, float]:
    """COPY the pushed rows back into the table (after emptying it), triggers and indexes on."""
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("CREATE TEMP TABLE pushed AS SELECT * FROM evaluations")
        with connection.cursor() as cursor, cursor.copy("COPY pushed TO STDOUT") as out:
            data = b"".join(bytes(chunk) for chunk in out)
        connection.execute("TRUNCATE evaluations, evaluation_monthly_counts")
        rows = connection.execute("SELECT count(*) FROM pushed").fetchone()[0]
        started = time.perf_counter()
        with (
            connection.transaction(),
            connection.cursor() as cursor,
            cursor.copy("COPY evaluations FROM STDIN") as copy,
        ):
            copy.write(data)
        return rows, time.perf_counter() - started


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.0f} GiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/dvcq_push")
    parser.add_argument("--evaluations", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    recreate(args.database_url)
    secret, codes = prepare(args.database_url)
    print(f"machine: {machine()}; {args.clients} clients, batches of {args.batch}", flush=True)
    with running_api(args.database_url) as server:
        cpu_before = process_cpu_seconds(server.pid)
        result = push(server.url, secret, codes, args.evaluations, args.clients, args.batch)
        api_cpu = process_cpu_seconds(server.pid) - cpu_before
    rate = result["created"] / result["seconds"]
    print(
        f"push: {result['created']:,} evaluations in {result['seconds']:.1f} s = {rate:,.0f}/s;"
        f" batch latency p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms",
        flush=True,
    )
    # The API's own CPU time does not depend on what else the machine runs: one process
    # holds one core at most, so 1000 / (ms per 1000) bounds its rate.
    per_thousand = api_cpu * 1000 / (result["created"] / 1000)
    print(
        f"API process CPU: {api_cpu:.1f} s = {per_thousand:.1f} ms per 1000 evaluations"
        f" ({api_cpu / result['seconds']:.0%} of one core; at most"
        f" {1_000_000 / per_thousand:,.0f} evaluations/s on one core)",
        flush=True,
    )
    rows, seconds = copy_upper_bound(args.database_url)
    print(f"COPY of the same rows: {rows:,} in {seconds:.1f} s = {rows / seconds:,.0f}/s")
    print(f"push / COPY: {rate / (rows / seconds):.2f}")


if __name__ == "__main__":
    main()
