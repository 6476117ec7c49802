"""Who may do what with evaluations, survey results and the satisfaction figures.

Every record below belongs to Phường Hoa Lư: `canbo.hoalu` is its officer, `canbo.snv` an
officer of another unit (404: the record is not revealed). `portal` is an integration client
with the `evaluations:write` scope, `reader` one with `units:read` only.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.surveys.models import Evaluation, SurveyResult
from tests.factories import unit_by_code

EVALUATIONS = "/api/v1/evaluations"
RESULTS = "/api/v1/survey-results"

ACTORS = (
    "admin",
    "sonv",
    "vanphong",
    "thanhtra",
    "lanhdao",
    "canbo.hoalu",
    "canbo.snv",
    "portal",
    "reader",
)
CLIENT_SCOPES = {"portal": ("evaluations:write",), "reader": ("units:read",)}
ACTIONS = (
    "evaluations.list",
    "evaluations.get",
    "evaluations.create",
    "evaluations.update",
    "evaluations.delete",
    "evaluations.batch",
    "survey_results.list",
    "survey_results.get",
    "survey_results.create",
    "survey_results.update",
    "survey_results.delete",
    "satisfaction.get",
)

# role × action → expected status, in the order of ACTIONS.
EXPECTED = {
    "admin":       (200, 200, 201, 200, 204, 200, 200, 200, 201, 200, 204, 200),
    "sonv":        (200, 200, 403, 403, 403, 403, 200, 200, 201, 200, 204, 200),
    "vanphong":    (200, 200, 201, 200, 204, 200, 200, 200, 201, 200, 204, 200),
    "thanhtra":    (200, 200, 403, 403, 403, 403, 200, 200, 403, 403, 403, 200),
    "lanhdao":     (200, 200, 403, 403, 403, 403, 200, 200, 403, 403, 403, 200),
    "canbo.hoalu": (200, 200, 403, 403, 403, 403, 200, 200, 201, 200, 204, 200),
    "canbo.snv":   (200, 404, 403, 404, 404, 403, 200, 404, 403, 404, 404, 404),
    "portal":      (403, 403, 201, 200, 204, 200, 403, 403, 403, 403, 403, 403),
    "reader":      (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
}  # fmt: skip


@dataclass(frozen=True)
class Records:
    unit_id: int
    evaluation_id: int
    result_id: int


def count(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model))


def evaluation_body(unit_id: int) -> dict:
    return {
        "source": "manual",
        "external_id": "PERM-1",
        "unit_id": unit_id,
        "dossier_code": "H42-PERM",
        "field": "land",
        "level": "neutral",
        "evaluated_at": "2026-03-01T09:15:00+07:00",
        "channel": "paper",
    }


def result_body(unit_id: int) -> dict:
    return {
        "unit_id": unit_id,
        "period": "2026Q3",
        "field": "land",
        "source": "survey",
        "very_satisfied": 1,
        "satisfied": 2,
        "neutral": 3,
        "dissatisfied": 4,
    }


CALLS: dict[str, Callable[[object, dict, Records], object]] = {
    "evaluations.list": lambda c, h, r: c.get(EVALUATIONS, headers=h),
    "evaluations.get": lambda c, h, r: c.get(f"{EVALUATIONS}/{r.evaluation_id}", headers=h),
    "evaluations.create": lambda c, h, r: c.post(
        EVALUATIONS, json=evaluation_body(r.unit_id), headers=h
    ),
    "evaluations.update": lambda c, h, r: c.patch(
        f"{EVALUATIONS}/{r.evaluation_id}", json={"level": "very_satisfied"}, headers=h
    ),
    "evaluations.delete": lambda c, h, r: c.delete(f"{EVALUATIONS}/{r.evaluation_id}", headers=h),
    "evaluations.batch": lambda c, h, r: c.post(
        f"{EVALUATIONS}/batch", json={"items": [evaluation_body(r.unit_id)]}, headers=h
    ),
    "survey_results.list": lambda c, h, r: c.get(RESULTS, headers=h),
    "survey_results.get": lambda c, h, r: c.get(f"{RESULTS}/{r.result_id}", headers=h),
    "survey_results.create": lambda c, h, r: c.post(
        RESULTS, json=result_body(r.unit_id), headers=h
    ),
    "survey_results.update": lambda c, h, r: c.patch(
        f"{RESULTS}/{r.result_id}", json={"neutral": 99}, headers=h
    ),
    "survey_results.delete": lambda c, h, r: c.delete(f"{RESULTS}/{r.result_id}", headers=h),
    "satisfaction.get": lambda c, h, r: c.get(
        "/api/v1/satisfaction", params={"period": "2026", "unit_id": r.unit_id}, headers=h
    ),
}


def database_shows(db: Session, action: str, records: Records, allowed: bool) -> None:
    """The write happened exactly when it was allowed."""
    db.expire_all()
    evaluation = db.get(Evaluation, records.evaluation_id)
    result = db.get(SurveyResult, records.result_id)
    match action:
        case "evaluations.create" | "evaluations.batch":
            assert count(db, Evaluation) == (2 if allowed else 1)
        case "evaluations.update":
            assert evaluation.level == ("very_satisfied" if allowed else "satisfied")
        case "evaluations.delete":
            assert (evaluation is None) == allowed
        case "survey_results.create":
            assert count(db, SurveyResult) == (2 if allowed else 1)
        case "survey_results.update":
            assert result.neutral == (99 if allowed else 5)
        case "survey_results.delete":
            assert (result is None) == allowed
        case _:  # reads change nothing
            assert evaluation is not None and result is not None
            assert (evaluation.version, result.version) == (1, 1)


@pytest.fixture
def records(db, make_evaluation, make_survey_result) -> Records:
    evaluation = make_evaluation(level="satisfied")
    result = make_survey_result(period="2026Q1")
    return Records(unit_by_code(db, "P-HOALU").id, evaluation.id, result.id)


@pytest.mark.parametrize(
    ("actor", "action", "expected"),
    [(a, action, EXPECTED[a][i]) for a in ACTORS for i, action in enumerate(ACTIONS)],
)
def test_permission_matrix(client, auth, client_auth, db, records, actor, action, expected):
    headers = client_auth(*CLIENT_SCOPES[actor]) if actor in CLIENT_SCOPES else auth(actor)

    response = CALLS[action](client, headers, records)

    assert response.status_code == expected, response.text
    database_shows(db, action, records, allowed=expected in (200, 201, 204))
    if action.endswith(".list") and expected == 200:
        listed = {item["id"] for item in response.json()["items"]}
        own = records.evaluation_id if action.startswith("evaluations") else records.result_id
        assert (own in listed) == (actor != "canbo.snv")


def test_a_unit_officer_without_unit_id_gets_their_own_units_figures(client, auth, make_evaluation):
    make_evaluation("P-HOALU")
    make_evaluation("SNV", level="very_satisfied")

    own = client.get("/api/v1/satisfaction", params={"period": "2026"}, headers=auth("canbo.snv"))

    assert own.status_code == 200
    assert own.json()["total"]["answers"] == 1 and own.json()["total"]["rate"] == 1.0
