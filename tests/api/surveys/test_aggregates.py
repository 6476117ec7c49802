"""The monthly evaluation counts the triggers keep agree with a recomputation from the raw
rows, after any mix of writes: the API's single and batch writes, PATCH and DELETE, and
plain SQL as an operator or a script would send it."""

import random

from sqlalchemy import func, select, text
from typer.testing import CliRunner

from api.cli import app
from api.surveys.aggregates import (
    count_differences,
    maintained_counts,
    rebuild_evaluation_counts,
)
from api.surveys.enums import ProcedureField, SatisfactionLevel
from api.surveys.models import Evaluation, EvaluationMonthlyCount
from tests.api.surveys.conftest import local

UNITS = ("P-HOALU", "X-GIAVIEN", "SNV")
FIELDS = [ProcedureField.land, ProcedureField.justice, ProcedureField.construction]
LEVELS = list(SatisfactionLevel)


def _moment(rng: random.Random):
    # Around midnight of a month's end, where the province's day differs from UTC's.
    month = rng.choice([1, 2, 12])
    day = {1: 31, 2: 1, 12: 31}[month]
    return local(2025, month, day, rng.choice([0, 6, 23]), rng.choice([0, 59]))


def test_maintained_counts_agree_with_the_raw_rows_after_random_writes(
    client, auth, db, make_evaluation
):
    rng = random.Random(20261202)
    admin = auth("admin")
    stored: list[int] = []
    for step in range(120):
        choice = rng.random()
        if choice < 0.35 or not stored:
            evaluation = make_evaluation(
                rng.choice(UNITS),
                field=rng.choice(FIELDS),
                level=rng.choice(LEVELS),
                evaluated_at=_moment(rng),
            )
            stored.append(evaluation.id)
        elif choice < 0.5:
            items = [
                {
                    "source": "portal",
                    "external_id": f"RND-{step}-{i % 3}",  # repeats inside the batch
                    "unit_code": rng.choice(UNITS),
                    "dossier_code": f"HS-{step}-{i}",
                    "field": rng.choice(FIELDS).value,
                    "level": rng.choice(LEVELS).value,
                    "evaluated_at": _moment(rng).isoformat(),
                    "channel": "portal",
                }
                for i in range(5)
            ]
            body = client.post("/api/v1/evaluations/batch", headers=admin, json={"items": items})
            assert body.status_code == 200, body.text
            stored += [i["id"] for i in body.json()["items"] if i["status"] == "created"]
        elif choice < 0.7:
            change = rng.choice(
                [
                    {"level": rng.choice(LEVELS).value},
                    {"field": rng.choice(FIELDS).value},
                    {"evaluated_at": _moment(rng).isoformat()},
                    {"unit_code": rng.choice(UNITS)},
                ]
            )
            patched = client.patch(
                f"/api/v1/evaluations/{rng.choice(stored)}", headers=admin, json=change
            )
            assert patched.status_code == 200, patched.text
        elif choice < 0.85:
            gone = stored.pop(rng.randrange(len(stored)))
            assert client.delete(f"/api/v1/evaluations/{gone}", headers=admin).status_code == 204
        else:
            # One statement touching many rows, as a script would send it.
            db.execute(
                text(
                    "UPDATE evaluations SET level = 'dissatisfied', "
                    "evaluated_at = evaluated_at + interval '1 hour' WHERE id % 3 = :r"
                ),
                {"r": step % 3},
            )
            db.commit()
        if step % 20 == 19:
            assert count_differences(db) == {}, f"after step {step}"
    assert count_differences(db) == {}
    total = db.scalar(select(func.count()).select_from(Evaluation))
    counted = db.scalar(
        select(
            func.sum(
                EvaluationMonthlyCount.very_satisfied
                + EvaluationMonthlyCount.satisfied
                + EvaluationMonthlyCount.neutral
                + EvaluationMonthlyCount.dissatisfied
            )
        )
    )
    assert total > 0 and counted == total
    # No row left with four zeros once its evaluations moved away.
    assert all(any(counts) for counts in maintained_counts(db).values())


def test_a_month_is_the_provinces_month(db, make_evaluation):
    make_evaluation("P-HOALU", evaluated_at=local(2026, 1, 31, 23, 59))  # 16:59 UTC, January
    make_evaluation("P-HOALU", evaluated_at=local(2026, 2, 1, 0, 30))  # 17:30 UTC on 31 January
    months = {key[1] for key in maintained_counts(db)}
    assert {"2026-01-01", "2026-02-01"} <= months


def test_rebuild_replaces_drifted_counts(db, make_evaluation):
    make_evaluation("P-HOALU", level=SatisfactionLevel.neutral)
    db.execute(text("UPDATE evaluation_monthly_counts SET neutral = neutral + 5"))
    assert count_differences(db) != {}
    assert rebuild_evaluation_counts(db) >= 1
    assert count_differences(db) == {}


def test_the_rebuild_command(engine):
    result = CliRunner().invoke(app, ["rebuild-aggregates"])
    assert result.exit_code == 0, result.output
    assert "Monthly evaluation counts:" in result.output
    assert "petition due dates changed: 0" in result.output
