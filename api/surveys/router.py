"""HTTP for evaluations, survey results and the satisfaction figures."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import AfterValidator

from api.auth.deps import CurrentActor
from api.common.csv_export import CSV_RESPONSE, Column, csv_response
from api.common.listing import list_params
from api.common.periods import PeriodCode, parse_period, year_period
from api.common.problems import Invalid
from api.common.schemas import Page, PathId, QueryId, json_response
from api.common.versioning import IfMatch, set_etag
from api.db import Db
from api.surveys import evaluations, satisfaction, survey_results
from api.surveys.enums import (
    EvaluationSource,
    ProcedureField,
    SatisfactionGrouping,
    SatisfactionLevel,
    SurveySource,
)
from api.surveys.evaluations import EvaluationFilters
from api.surveys.models import Evaluation, SurveyResult
from api.surveys.satisfaction import SatisfactionQuery, parse_fields
from api.surveys.schemas import (
    BatchOutcome,
    EvaluationBatch,
    EvaluationCreate,
    EvaluationRead,
    EvaluationUpdate,
    SatisfactionReport,
    SurveyResultCreate,
    SurveyResultRead,
    SurveyResultUpdate,
)
from api.surveys.survey_results import SurveyResultFilters

Year = Annotated[int, Query(ge=2000, le=2100, description="Năm dương lịch, giờ Việt Nam")]
Format = Annotated[Literal["json", "csv"], Query(description="csv: toàn bộ danh sách đã lọc")]

evaluations_router = APIRouter(prefix="/evaluations", tags=["evaluations"])
survey_results_router = APIRouter(prefix="/survey-results", tags=["survey-results"])
satisfaction_router = APIRouter(prefix="/satisfaction", tags=["satisfaction"])
EvaluationListParams = list_params(evaluations.SORTS)
SurveyResultListParams = list_params(survey_results.SORTS)


def _unit_name(record: Evaluation | SurveyResult) -> str:
    return record.unit.name


EVALUATION_COLUMNS = [
    Column("Mã số", lambda e: e.id),
    Column("Nguồn", lambda e: e.source),
    Column("Mã đánh giá gốc", lambda e: e.external_id),
    Column("Đơn vị", _unit_name),
    Column("Mã hồ sơ", lambda e: e.dossier_code),
    Column("Mã thủ tục", lambda e: e.procedure_code),
    Column("Lĩnh vực", lambda e: e.field),
    Column("Mức độ hài lòng", lambda e: e.level),
    Column("Thời điểm đánh giá", lambda e: e.evaluated_at),
    Column("Kênh đánh giá", lambda e: e.channel),
]

SURVEY_RESULT_COLUMNS = [
    Column("Mã số", lambda r: r.id),
    Column("Đơn vị", _unit_name),
    Column("Kỳ", lambda r: parse_period(r.period).label),
    Column("Lĩnh vực", lambda r: r.field),
    Column("Nguồn", lambda r: r.source),
    Column("Rất hài lòng", lambda r: r.very_satisfied),
    Column("Hài lòng", lambda r: r.satisfied),
    Column("Bình thường", lambda r: r.neutral),
    Column("Không hài lòng", lambda r: r.dissatisfied),
    Column("Tổng số ý kiến", lambda r: r.answers),
    Column("Ghi chú", lambda r: r.note),
]


def _query_invalid(name: str, message: str) -> Invalid:
    return Invalid(
        message, errors=[{"loc": ["query", name], "msg": message, "type": "value_error"}]
    )


# --- evaluations ---------------------------------------------------------------------------


def evaluation_filters(
    unit_id: QueryId = None,
    field: ProcedureField | None = None,
    level: SatisfactionLevel | None = None,
    source: EvaluationSource | None = None,
    from_: Annotated[date | None, Query(alias="from", description="Từ ngày (giờ VN)")] = None,
    to: Annotated[date | None, Query(description="Đến hết ngày (giờ VN)")] = None,
    year: Year | None = None,
) -> EvaluationFilters:
    if from_ is not None and to is not None and from_ > to:
        raise _query_invalid("to", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu")
    return EvaluationFilters(unit_id, field, level, source, from_, to, year)


@evaluations_router.get("", response_model=Page[EvaluationRead], responses=CSV_RESPONSE)
def list_evaluations(
    db: Db,
    actor: CurrentActor,
    lq: EvaluationListParams,
    filters: Annotated[EvaluationFilters, Depends(evaluation_filters)],
    format: Format = "json",
) -> Page[EvaluationRead] | Response:
    """`q` searches the dossier, procedure and external codes."""
    if format == "csv":
        rows = evaluations.export_evaluations(db, actor, lq, filters)
        return csv_response(rows, EVALUATION_COLUMNS, "danh-gia-hai-long.csv")
    items, total = evaluations.list_evaluations(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@evaluations_router.post("", response_model=EvaluationRead, status_code=201)
def create_evaluation(
    body: EvaluationCreate, response: Response, db: Db, actor: CurrentActor
) -> EvaluationRead:
    evaluation = evaluations.create_evaluation(db, actor, body)
    set_etag(response, evaluation.version)
    return evaluation


@evaluations_router.post("/batch", response_model=BatchOutcome)
def record_evaluation_batch(body: EvaluationBatch, db: Db, actor: CurrentActor) -> Response:
    """The portal's push: up to 1000 evaluations, answered item by item; safe to resend."""
    return json_response(evaluations.record_evaluation_batch(db, actor, body))


@evaluations_router.get("/{evaluation_id}", response_model=EvaluationRead)
def get_evaluation(
    evaluation_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> EvaluationRead:
    evaluation = evaluations.get_evaluation(db, actor, evaluation_id)
    set_etag(response, evaluation.version)
    return evaluation


@evaluations_router.patch("/{evaluation_id}", response_model=EvaluationRead)
def update_evaluation(
    evaluation_id: PathId,
    body: EvaluationUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> EvaluationRead:
    evaluation = evaluations.update_evaluation(db, actor, evaluation_id, body, expected)
    set_etag(response, evaluation.version)
    return evaluation


@evaluations_router.delete("/{evaluation_id}", status_code=204)
def delete_evaluation(
    evaluation_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    evaluations.delete_evaluation(db, actor, evaluation_id, expected)
    return Response(status_code=204)


# --- survey results ------------------------------------------------------------------------


def survey_result_filters(
    unit_id: QueryId = None,
    year: Year | None = None,
    period: Annotated[
        PeriodCode | None, Query(description="Kết quả có kỳ nằm trong kỳ này (2026, 2026Q1…)")
    ] = None,
    field: ProcedureField | None = None,
    source: SurveySource | None = None,
) -> SurveyResultFilters:
    return SurveyResultFilters(
        unit_id, year, parse_period(period) if period else None, field, source
    )


@survey_results_router.get("", response_model=Page[SurveyResultRead], responses=CSV_RESPONSE)
def list_survey_results(
    db: Db,
    actor: CurrentActor,
    lq: SurveyResultListParams,
    filters: Annotated[SurveyResultFilters, Depends(survey_result_filters)],
    format: Format = "json",
) -> Page[SurveyResultRead] | Response:
    if format == "csv":
        rows = survey_results.export_survey_results(db, actor, lq, filters)
        return csv_response(rows, SURVEY_RESULT_COLUMNS, "ket-qua-khao-sat.csv")
    items, total = survey_results.list_survey_results(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@survey_results_router.post("", response_model=SurveyResultRead, status_code=201)
def create_survey_result(
    body: SurveyResultCreate, response: Response, db: Db, actor: CurrentActor
) -> SurveyResultRead:
    result = survey_results.create_survey_result(db, actor, body)
    set_etag(response, result.version)
    return result


@survey_results_router.get("/{result_id}", response_model=SurveyResultRead)
def get_survey_result(
    result_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> SurveyResultRead:
    result = survey_results.get_survey_result(db, actor, result_id)
    set_etag(response, result.version)
    return result


@survey_results_router.patch("/{result_id}", response_model=SurveyResultRead)
def update_survey_result(
    result_id: PathId,
    body: SurveyResultUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> SurveyResultRead:
    result = survey_results.update_survey_result(db, actor, result_id, body, expected)
    set_etag(response, result.version)
    return result


@survey_results_router.delete("/{result_id}", status_code=204)
def delete_survey_result(
    result_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    survey_results.delete_survey_result(db, actor, result_id, expected)
    return Response(status_code=204)


# --- satisfaction --------------------------------------------------------------------------


def _canonical_fields(text: str) -> str:
    return ",".join(parse_fields(text))


def satisfaction_query(
    period: Annotated[
        PeriodCode | None, Query(description="Kỳ: 2026, 2026S1, 2026Q1, 202603")
    ] = None,
    year: Annotated[Year | None, Query(description="Thay cho period: cả năm")] = None,
    unit_id: QueryId = None,
    field: ProcedureField | None = None,
    fields: Annotated[
        str | None,
        Query(max_length=400, description="Nhiều lĩnh vực: land,construction,investment"),
        AfterValidator(_canonical_fields),
    ] = None,
    group_by: SatisfactionGrouping | None = None,
) -> SatisfactionQuery:
    if period is not None and year is not None:
        raise _query_invalid("period", "Dùng period hoặc year, không dùng cả hai")
    if period is not None:
        chosen_period = parse_period(period)
    elif year is not None:
        chosen_period = year_period(year)
    else:
        raise _query_invalid("period", "Cần cho biết kỳ (period) hoặc năm (year)")
    if field is not None and fields is not None:
        raise _query_invalid("fields", "Dùng field hoặc fields, không dùng cả hai")
    chosen_fields = (field,) if field else parse_fields(fields) if fields else None
    return SatisfactionQuery(chosen_period, unit_id, chosen_fields, group_by)


@satisfaction_router.get("", response_model=SatisfactionReport)
def get_satisfaction(
    db: Db,
    actor: CurrentActor,
    query: Annotated[SatisfactionQuery, Depends(satisfaction_query)],
) -> SatisfactionReport:
    """Evaluations and survey results of the period together; how they are counted is in
    the satisfaction module's documentation (a survey result counts when its period lies
    within the requested one; in a month grouping, in its period's last month)."""
    return satisfaction.satisfaction(db, actor, query)
