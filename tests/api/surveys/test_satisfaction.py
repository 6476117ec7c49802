"""GET /satisfaction: evaluations and survey results of a period, together."""

import pytest

from tests.api.surveys.conftest import local
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

URL = "/api/v1/satisfaction"


@pytest.fixture
def answers_2026(make_evaluation, make_survey_result):
    """Phường Hoa Lư: 4 land evaluations in March, 1 construction in January, and a Q1
    survey of 40 answers; Xã Gia Viễn: 1 investment evaluation in February. Outside 2026:
    one evaluation of 2025 and one survey of 2027."""
    for level in ("very_satisfied", "very_satisfied", "satisfied", "neutral"):
        make_evaluation(level=level, field="land", evaluated_at=local(2026, 3, 10, 8, 0))
    make_evaluation(level="dissatisfied", field="construction", evaluated_at=local(2026, 1, 5, 8))
    make_survey_result(period="2026Q1", field="land")  # 10 / 20 / 5 / 5
    make_evaluation(
        "X-GIAVIEN", level="satisfied", field="investment", evaluated_at=local(2026, 2, 2, 8)
    )
    make_evaluation(level="dissatisfied", evaluated_at=local(2025, 12, 31, 23, 0))
    make_survey_result(period="2027", dissatisfied=100)


def report(client, headers, **params):
    response = client.get(URL, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_year_counts_evaluations_and_survey_results_together(client, auth, answers_2026):
    body = report(client, auth("lanhdao"), period="2026")

    assert body["total"] == {
        "answers": 46,
        "satisfied": 34,
        "rate": round(34 / 46, 4),
        "levels": {"very_satisfied": 12, "satisfied": 22, "neutral": 6, "dissatisfied": 6},
    }
    assert (body["period"], body["starts_on"], body["ends_on"]) == (
        "2026",
        "2026-01-01",
        "2026-12-31",
    )
    assert body["groups"] == []
    assert report(client, auth("lanhdao"), year=2026)["total"] == body["total"]


def test_a_month_leaves_out_a_quarters_survey_result(client, auth, answers_2026):
    body = report(client, auth("sonv"), period="202603")

    assert body["total"]["answers"] == 4  # the March evaluations only
    assert body["total"]["satisfied"] == 3


def test_month_grouping_puts_a_survey_result_in_its_last_month(client, auth, answers_2026):
    body = report(client, auth("sonv"), period="2026Q1", group_by="month")

    months = {g["key"]: g for g in body["groups"]}
    assert list(months) == ["202601", "202602", "202603"]
    assert months["202601"]["label"] == "Tháng 1/2026"
    assert (months["202601"]["answers"], months["202601"]["rate"]) == (1, 0.0)
    assert months["202602"]["answers"] == 1
    assert months["202603"]["answers"] == 44  # 4 evaluations + the Q1 survey's 40
    assert sum(g["answers"] for g in body["groups"]) == body["total"]["answers"] == 46


def test_months_without_answers_are_listed_with_a_null_rate(client, auth, answers_2026):
    body = report(client, auth("sonv"), period="2026S2", group_by="month")

    assert [g["key"] for g in body["groups"]] == [f"2026{m:02d}" for m in range(7, 13)]
    assert all(g["answers"] == 0 and g["rate"] is None for g in body["groups"])
    assert body["total"]["rate"] is None and body["total"]["answers"] == 0


def test_evaluations_are_placed_in_months_by_the_province_clock(client, auth, make_evaluation):
    make_evaluation(evaluated_at=local(2026, 3, 31, 23, 30))  # 16:30 UTC, still March here
    make_evaluation(evaluated_at=local(2026, 4, 1, 0, 30))  # 17:30 UTC on 31 March

    body = report(client, auth("sonv"), period="2026", group_by="month")

    answers = {g["key"]: g["answers"] for g in body["groups"]}
    assert (answers["202603"], answers["202604"]) == (1, 1)


def test_grouping_by_unit_and_by_field(client, auth, db, answers_2026):
    by_unit = report(client, auth("sonv"), period="2026", group_by="unit")["groups"]
    hoalu, giavien = unit_by_code(db, "P-HOALU"), unit_by_code(db, "X-GIAVIEN")
    units = {g["key"]: (g["label"], g["answers"]) for g in by_unit}
    assert units == {
        str(hoalu.id): (hoalu.short_name, 45),
        str(giavien.id): (giavien.short_name, 1),
    }

    by_field = report(client, auth("sonv"), period="2026", group_by="field")["groups"]
    fields = {g["key"]: (g["label"], g["answers"], g["satisfied"]) for g in by_field}
    assert fields == {
        "land": ("Đất đai", 44, 33),
        "construction": ("Xây dựng", 1, 0),
        "investment": ("Đầu tư", 1, 1),
    }


def test_fields_and_field_filters(client, auth, answers_2026):
    ct3b = report(client, auth("sonv"), period="2026", fields="land,investment")
    assert ct3b["fields"] == ["land", "investment"]
    assert (ct3b["total"]["answers"], ct3b["total"]["satisfied"]) == (45, 34)

    land = report(client, auth("sonv"), period="2026", field="land")
    assert (land["total"]["answers"], land["fields"]) == (44, ["land"])


def test_unit_filter(client, auth, db, answers_2026):
    giavien = unit_by_code(db, "X-GIAVIEN")

    body = report(client, auth("sonv"), period="2026", unit_id=giavien.id)

    assert (body["unit_id"], body["total"]["answers"], body["total"]["rate"]) == (
        giavien.id,
        1,
        1.0,
    )


def test_a_unit_officer_sees_their_own_unit_only(client, auth, db, answers_2026):
    headers = auth("canbo.hoalu")
    hoalu, giavien = unit_by_code(db, "P-HOALU"), unit_by_code(db, "X-GIAVIEN")

    assert report(client, headers, period="2026")["total"]["answers"] == 45
    assert report(client, headers, period="2026", unit_id=hoalu.id)["total"]["answers"] == 45
    by_unit = report(client, headers, period="2026", group_by="unit")["groups"]
    assert [g["key"] for g in by_unit] == [str(hoalu.id)]
    assert_problem(
        client.get(URL, params={"period": "2026", "unit_id": giavien.id}, headers=headers), 404
    )


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({}, ["query", "period"]),
        ({"period": "2026", "year": 2026}, ["query", "period"]),
        ({"period": "2026Q7"}, ["query", "period"]),
        ({"year": 1800}, ["query", "year"]),
        ({"period": "2026", "fields": "land,moon"}, ["query", "fields"]),
        ({"period": "2026", "fields": "land", "field": "land"}, ["query", "fields"]),
        ({"period": "2026", "group_by": "week"}, ["query", "group_by"]),
    ],
)
def test_bad_queries_are_422_with_the_parameter(client, auth, params, loc):
    body = assert_problem(client.get(URL, params=params, headers=auth("sonv")), 422)
    assert loc in [e["loc"] for e in body["errors"]]
