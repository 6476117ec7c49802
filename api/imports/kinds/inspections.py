"""Inspections and their recommendations. A recommendation's status moves only through its
actions, so an import creates recommendations or corrects them, never their status."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.auth.policy import Actor, Perm, readable
from api.common.problems import Invalid
from api.imports.columns import Column, choice_column, day, task_groups, text, unit_column
from api.imports.engine import (
    ImportKind,
    Permission,
    Upsert,
    Values,
    creating,
    schema_values,
    updating,
)
from api.inspections import recommendations, service
from api.inspections.enums import InspectionKind, InspectionRating, InspectionStatus
from api.inspections.models import Inspection, Recommendation
from api.inspections.schemas import (
    InspectionCreate,
    InspectionUpdate,
    RecommendationCreate,
    RecommendationUpdate,
)

INSPECTING_UNIT = unit_column("inspecting_unit_code", "Đơn vị kiểm tra", "TTT")
INSPECTED_UNIT = unit_column("inspected_unit_code", "Đơn vị được kiểm tra", "P-HOALU")


def _title_column(name: str) -> Column:
    return Column(
        name,
        "Tên cuộc kiểm tra",
        text(500),
        required=True,
        example="Kiểm tra công tác dân vận chính quyền năm 2026",
    )


# --- inspections -----------------------------------------------------------------------------

INSPECTION_FIELDS = {
    "inspecting_unit_id": "inspecting_unit_code",
    "inspected_unit_id": "inspected_unit_code",
}
INSPECTION_COLUMNS = (
    choice_column("kind", "Loại hình", InspectionKind.inspection, required=True),
    INSPECTING_UNIT,
    INSPECTED_UNIT,
    _title_column("title"),
    Column("planned_from", "Dự kiến từ ngày", day, example="01/03/2026"),
    Column("planned_to", "Dự kiến đến ngày", day, example="15/03/2026"),
    Column("started_on", "Ngày bắt đầu", day, example="02/03/2026"),
    Column("ended_on", "Ngày kết thúc", day, example="05/03/2026"),
    choice_column("status", "Trạng thái", InspectionStatus.concluded),
    Column("scope", "Nhóm nhiệm vụ", task_groups, example="III.4, III.7"),
    Column(
        "conclusion",
        "Kết luận",
        text(20_000),
        example="Đơn vị thực hiện tốt việc tiếp công dân định kỳ",
    ),
    choice_column("rating", "Xếp loại", InspectionRating.good),
)


def _may_conduct(db: Session, actor: Actor, values: Values) -> None:
    """This kind of inspection, for the inspecting unit."""
    kind = InspectionKind(values["kind"])
    service.ensure_may_conduct(db, actor, kind, values["inspecting_unit_code"])


def _find_inspection(db: Session, _actor: Actor, values: Values) -> Inspection | None:
    return db.scalar(
        select(Inspection).where(
            Inspection.kind == values["kind"],
            Inspection.inspecting_unit_id == values["inspecting_unit_code"],
            Inspection.inspected_unit_id == values["inspected_unit_code"],
            Inspection.title == values["title"],
        )
    )


def _current_inspection(inspection: Inspection) -> Values:
    stored = {name: getattr(inspection, name) for name in InspectionUpdate.model_fields}
    return {INSPECTION_FIELDS.get(name, name): value for name, value in stored.items()}


INSPECTIONS = ImportKind(
    name="inspections",
    label="Kiểm tra, giám sát",
    columns=INSPECTION_COLUMNS,
    key=("inspecting_unit_code", "inspected_unit_code", "kind", "title"),
    perm=Perm.inspections_write,
    apply=Upsert(
        authorise=Permission("inspecting_unit_code", _may_conduct),
        find=_find_inspection,
        current=_current_inspection,
        create=creating(service.create_inspection, InspectionCreate, INSPECTION_FIELDS),
        update=updating(service.update_inspection, InspectionUpdate, INSPECTION_FIELDS),
        fields=INSPECTION_FIELDS,
    ),
)


# --- recommendations -------------------------------------------------------------------------

RECOMMENDATION_FIELDS = {
    "inspection_id": "inspection_title",
    "inspecting_unit_id": "inspecting_unit_code",
    "responsible_unit_id": "responsible_unit_code",
}
RECOMMENDATION_COLUMNS = (
    INSPECTING_UNIT,
    INSPECTED_UNIT,
    _title_column("inspection_title"),
    Column(
        "text",
        "Nội dung kiến nghị",
        text(20_000),
        required=True,
        example="Niêm yết công khai lịch tiếp công dân tại trụ sở",
    ),
    unit_column("responsible_unit_code", "Đơn vị thực hiện", "P-HOALU"),
    Column("due_on", "Hạn thực hiện", day, required=True, example="30/06/2026"),
)
_INSPECTION_NAMED_BY = ("inspecting_unit_code", "inspected_unit_code", "inspection_title")


def _inspection_of(db: Session, actor: Actor, values: Values) -> Inspection:
    """The inspection the row names, among those the actor may see; 422 when none or several."""
    found = db.scalars(
        readable(
            select(Inspection),
            actor,
            Perm.inspections_read,
            Inspection.inspecting_unit_id,
            Inspection.inspected_unit_id,
        )
        .where(
            Inspection.inspecting_unit_id == values["inspecting_unit_code"],
            Inspection.inspected_unit_id == values["inspected_unit_code"],
            Inspection.title == values["inspection_title"],
        )
        .limit(2)
    ).all()
    if len(found) != 1:
        problem = "Không tìm thấy" if not found else "Có nhiều"
        raise Invalid.field(
            ["inspection_id"],
            f"{problem} cuộc kiểm tra '{values['inspection_title']}' giữa hai đơn vị này",
        )
    return found[0]


def _may_change(db: Session, actor: Actor, values: Values) -> None:
    """The inspection the row names, which the actor must see first (else it is not found)."""
    service.ensure_may_change(db, actor, _inspection_of(db, actor, values))


def _find_recommendation(db: Session, actor: Actor, values: Values) -> Recommendation | None:
    return db.scalar(
        select(Recommendation)
        .options(selectinload(Recommendation.inspection))
        .where(
            Recommendation.inspection_id == _inspection_of(db, actor, values).id,
            Recommendation.text == values["text"],
        )
    )


def _current_recommendation(recommendation: Recommendation) -> Values:
    return {
        "inspecting_unit_code": recommendation.inspection.inspecting_unit_id,
        "inspected_unit_code": recommendation.inspection.inspected_unit_id,
        "inspection_title": recommendation.inspection.title,
        "text": recommendation.text,
        "responsible_unit_code": recommendation.responsible_unit_id,
        "due_on": recommendation.due_on,
    }


def _recommendation_values(values: Values) -> Values:
    """The recommendation's own fields; the other columns name its inspection."""
    return schema_values(values, RECOMMENDATION_FIELDS, drop=_INSPECTION_NAMED_BY)


RECOMMENDATIONS = ImportKind(
    name="recommendations",
    label="Kiến nghị sau kiểm tra",
    columns=RECOMMENDATION_COLUMNS,
    key=("inspecting_unit_code", "inspected_unit_code", "inspection_title", "text"),
    perm=Perm.inspections_write,
    apply=Upsert(
        authorise=Permission("inspecting_unit_code", _may_change),
        find=_find_recommendation,
        current=_current_recommendation,
        create=lambda db, actor, values: recommendations.create_recommendation(
            db,
            actor,
            _inspection_of(db, actor, values).id,
            RecommendationCreate(**_recommendation_values(values)),
        ),
        update=lambda db, actor, recommendation, changed: recommendations.update_recommendation(
            db,
            actor,
            recommendation.id,
            RecommendationUpdate(**_recommendation_values(changed)),
            None,
        ),
        fields=RECOMMENDATION_FIELDS,
    ),
)

KINDS: tuple[ImportKind, ...] = (INSPECTIONS, RECOMMENDATIONS)
