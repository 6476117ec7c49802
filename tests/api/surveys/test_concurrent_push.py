"""The portal's push from several connections at once, each request its own committed
transaction (as the API runs them), on a database of its own: the same batch twice at the
same moment stores each evaluation once, and the monthly counts stay exact while concurrent
batches, updates and deletes touch the same unit, month and field."""

import random
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, func, make_url, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api.auth.models import Client
from api.auth.policy import Actor
from api.migrations_state import upgrade_to_head
from api.seed import seed_units
from api.surveys.aggregates import count_differences, maintained_counts
from api.surveys.evaluations import record_evaluation_batch
from api.surveys.models import Evaluation, EvaluationCountsPending
from api.surveys.schemas import EvaluationBatch

UNITS = ("P-HOALU", "X-GIAVIEN", "SNV")
FIELDS = ("land", "justice")
LEVELS = ("very_satisfied", "satisfied", "neutral", "dissatisfied")
# Either side of the end of January in the province (17:00 UTC), so two months.
MOMENTS = ("2026-01-31T23:30:00+07:00", "2026-02-01T00:30:00+07:00")


@pytest.fixture(scope="module")
def scratch(database_url: str) -> Iterator[tuple[Engine, Actor]]:
    """A database of the test's own: what these tests commit stays out of the others'."""
    server = make_url(database_url)
    name = f"{server.database}_push_{uuid.uuid4().hex[:6]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    engine = create_engine(url, pool_size=8)
    try:
        upgrade_to_head(url)
        with Session(engine) as db, db.begin():
            seed_units(db)
            client = Client(
                client_id="portal-concurrent",
                name="Cổng dịch vụ công",
                secret_hash="not-used",
                scopes=["evaluations:write"],
            )
            db.add(client)
            db.flush()
            actor = Actor(
                name=client.name, client_id=client.id, scopes=frozenset({"evaluations:write"})
            )
        yield engine, actor
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def item(external_id: str, rng: random.Random) -> dict[str, Any]:
    return {
        "source": "portal",
        "external_id": external_id,
        "unit_code": rng.choice(UNITS),
        "dossier_code": f"HS-{external_id}",
        "field": rng.choice(FIELDS),
        "level": rng.choice(LEVELS),
        "evaluated_at": rng.choice(MOMENTS),
        "channel": "portal",
    }


def in_transaction(engine: Engine, work: Callable[[Session], Any]) -> Any:
    """One request: its own transaction, committed; tried again after a deadlock, which
    PostgreSQL resolves by failing one side."""
    for _ in range(5):
        with Session(engine) as db:
            try:
                result = work(db)
                db.commit()
                return result
            except (OperationalError, psycopg.errors.DeadlockDetected) as exc:
                db.rollback()
                if "deadlock" not in str(exc):
                    raise
    raise AssertionError("five deadlocks in a row")


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(i: int, job: Callable[[], Any]) -> None:
        try:
            results[i] = job()
        except BaseException as exc:  # reported by the test thread below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    return results


def stored(engine: Engine, prefix: str) -> int:
    with Session(engine) as db:
        return db.scalar(select(func.count()).where(Evaluation.external_id.startswith(prefix)))


def assert_counts_exact(engine: Engine) -> None:
    with Session(engine) as db:
        assert count_differences(db) == {}
        assert db.scalar(select(func.count()).select_from(EvaluationCountsPending)) == 0
        total = db.scalar(select(func.count()).select_from(Evaluation))
        assert sum(sum(counts) for counts in maintained_counts(db).values()) == total


def test_the_same_batch_twice_at_the_same_moment_is_stored_once(scratch):
    engine, actor = scratch
    rng = random.Random(1)
    items = [item(f"SAME-{i:04d}", rng) for i in range(300)]
    together = threading.Barrier(2)

    def push() -> dict[str, Any]:
        def work(db: Session) -> dict[str, Any]:
            together.wait()
            outcome = record_evaluation_batch(db, actor, EvaluationBatch(items=items))
            return outcome.model_dump(mode="json")

        return in_transaction(engine, work)

    first, second = run_together(push, push)
    assert first["created"] + second["created"] == 300
    assert first["duplicate"] + second["duplicate"] == 300
    assert first["conflict"] == second["conflict"] == first["rejected"] == second["rejected"] == 0
    # Each item answered once as created and once as a duplicate of that same evaluation.
    for a, b in zip(first["items"], second["items"], strict=True):
        assert {a["status"], b["status"]} == {"created", "duplicate"}
        assert a["id"] == b["id"] is not None
    assert stored(engine, "SAME-") == 300
    assert_counts_exact(engine)


def test_counts_stay_exact_under_concurrent_batches_updates_and_deletes(scratch):
    engine, actor = scratch
    shared = [f"MIX-S-{i:04d}" for i in range(150)]  # sent by every client: duplicates race

    batches = {
        worker: [
            [f"MIX-{worker}-{batch}-{i:03d}" for i in range(120)]
            + random.Random(worker * 10 + batch).sample(shared, 40)
            for batch in range(6)
        ]
        for worker in range(4)
    }
    sent_shared = {i for ids in batches.values() for batch in ids for i in batch if "-S-" in i}

    def client(worker: int) -> Callable[[], list[int]]:
        def job() -> list[int]:
            created: list[int] = []
            for ids in batches[worker]:
                # The shared ids carry the same content for every client: no conflicts.
                items = [item(external_id, random.Random(external_id)) for external_id in ids]

                def work(db: Session, items: list[dict[str, Any]] = items) -> list[int]:
                    outcome = record_evaluation_batch(db, actor, EvaluationBatch(items=items))
                    return [i.id for i in outcome.items if i.status.value == "created"]

                created += in_transaction(engine, work)
            return created

        return job

    def editor() -> list[int]:
        """Single-row updates and deletes: -1 for a delete, 1 for an update."""
        rng = random.Random(99)
        edits: list[int] = []
        for _ in range(60):

            def work(db: Session) -> int:
                ids = db.scalars(
                    select(Evaluation.id).where(Evaluation.external_id.startswith("MIX-"))
                ).all()
                if not ids:
                    return 0
                target = rng.choice(ids)
                if rng.random() < 0.3:
                    db.execute(text("DELETE FROM evaluations WHERE id = :id"), {"id": target})
                    return -1
                else:
                    db.execute(
                        text(
                            "UPDATE evaluations SET level = :level, field = :field,"
                            " evaluated_at = :at WHERE id = :id"
                        ),
                        {
                            "id": target,
                            "level": rng.choice(LEVELS),
                            "field": rng.choice(FIELDS),
                            "at": rng.choice(MOMENTS),
                        },
                    )
                return 1

            edits.append(in_transaction(engine, work))
        return edits

    results = run_together(*(client(w) for w in range(4)), editor)
    created = [i for r in results[:4] for i in r]
    deleted = results[4].count(-1)
    assert deleted > 0 and results[4].count(1) > 0
    # Every id created once, whichever client sent it first; a shared one the editor deleted
    # may be created again by a later batch.
    assert len(created) == len(set(created)) >= 4 * 6 * 120 + len(sent_shared)
    assert stored(engine, "MIX-") == len(created) - deleted
    assert_counts_exact(engine)
