"""Spreadsheet import of evaluations: the time of a dry run and of the commit of one CSV, and
the API process's peak memory meanwhile.

    python -m bench.imports --database-url postgresql://postgres@127.0.0.1:5432/dvcq_imports \
        --rows 100000

The database is dropped and created again (it must be a scratch one). With `--in-process` the
same three imports run through the import service in this process, without HTTP, and print
wall and CPU seconds (CPU time tells more than wall time on a shared machine); `--profile
FILE` also writes a cProfile of each import to FILE.dry, FILE.commit and FILE.again.
"""

import argparse
import cProfile
import csv
import io
import time
from pathlib import Path
from typing import Any

import httpx

from bench.push import CLIENT_ID, FIELDS, LEVELS, machine, prepare, recreate
from bench.server import running_api

LEVEL_LABELS = {
    "very_satisfied": "Rất hài lòng",
    "satisfied": "Hài lòng",
    "neutral": "Bình thường",
    "dissatisfied": "Không hài lòng",
}


def evaluations_csv(rows: int, codes: list[str]) -> bytes:
    """A file as the office exports it: Vietnamese headers and labels, dd/mm/yyyy times."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["Mã đánh giá", "Đơn vị", "Mã hồ sơ", "Lĩnh vực", "Mức độ hài lòng", "Thời điểm đánh giá"]
    )
    for n in range(rows):
        writer.writerow(
            [
                f"IMP-{n:08d}",
                codes[n % len(codes)],
                f"H42.22-{n:08d}",
                FIELDS[n % len(FIELDS)],
                LEVEL_LABELS[LEVELS[n % len(LEVELS)]],
                f"{1 + n % 28:02d}/{1 + n % 12:02d}/2025 {8 + n % 9:02d}:{n % 60:02d}",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def timed_upload(client: httpx.Client, headers: dict[str, str], content: bytes, dry: bool):
    started = time.perf_counter()
    response = client.post(
        f"/api/v1/imports/evaluations?dry_run={str(dry).lower()}",
        headers=headers,
        files={"file": ("danh-gia.csv", content, "text/csv")},
    )
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    return response.json(), elapsed


def in_process(content: bytes, rows: int, profile: str | None) -> None:
    """The three imports through `run_import`, each in a transaction committed as a request's
    is; the database is the one `prepare` set up (DVCQ_DATABASE_URL)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from api.auth.models import Client
    from api.auth.policy import Actor
    from api.db import get_engine
    from api.imports.service import run_import

    def timed_import(name: str, dry: bool) -> dict[str, Any]:
        with Session(get_engine()) as db, db.begin():
            client = db.scalars(select(Client).where(Client.client_id == CLIENT_ID)).one()
            scopes = frozenset(client.scopes)
            actor = Actor(f"client:{CLIENT_ID}", client_id=client.id, scopes=scopes)

            def run() -> Any:
                return run_import(
                    db, actor, "evaluations", "danh-gia.csv", content, dry_run=dry, atomic=True
                )

            wall, cpu = time.perf_counter(), time.process_time()
            if profile:
                profiler = cProfile.Profile()
                report = profiler.runcall(run)
                profiler.dump_stats(f"{profile}.{name}")
            else:
                report = run()
        # The commit is part of the import's time, as in a request.
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{name}: {wall:.1f} s wall, {cpu:.1f} s CPU of this process", flush=True)
        return dict(report.model_dump())

    dry = timed_import("dry", True)
    done = timed_import("commit", False)
    again = timed_import("again", False)
    assert dry["created"] == done["created"] == rows and not dry["committed"], dry
    assert again["unchanged"] == rows, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgresql://postgres@127.0.0.1:5432/dvcq_imports"
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--in-process", action="store_true", help="no HTTP: the service itself")
    parser.add_argument("--profile", metavar="FILE", help="with --in-process: cProfile output")
    args = parser.parse_args()
    recreate(args.database_url)
    secret, codes = prepare(args.database_url)
    content = evaluations_csv(args.rows, codes)
    print(f"machine: {machine()}; file: {args.rows:,} rows, {len(content) / 2**20:.1f} MiB")
    if args.in_process:
        in_process(content, args.rows, args.profile)
        return
    with (
        running_api(args.database_url) as server,
        httpx.Client(base_url=server.url, timeout=600) as client,
    ):
        token = client.post(
            "/api/v1/auth/token",
            data={"grant_type": "client_credentials"},
            auth=(CLIENT_ID, secret),
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        before = peak_rss_mb(server.pid)
        dry, dry_seconds = timed_upload(client, headers, content, dry=True)
        done, commit_seconds = timed_upload(client, headers, content, dry=False)
        again, again_seconds = timed_upload(client, headers, content, dry=False)
        peak = peak_rss_mb(server.pid)
    assert dry["created"] == done["created"] == args.rows and not dry["committed"], dry
    assert again["unchanged"] == args.rows, again
    print(f"dry run: {dry_seconds:.1f} s ({dry['created']:,} would be created)")
    print(f"commit: {commit_seconds:.1f} s ({done['created']:,} created)")
    print(f"same file again: {again_seconds:.1f} s ({again['unchanged']:,} unchanged)")
    print(f"API peak RSS: {peak:.0f} MB (before the first upload {before:.0f} MB)")


if __name__ == "__main__":
    main()
