"""Inspections and their recommendations. A recommendation's status moves only through its
actions, so an import creates recommendations or corrects them, never their status."""

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.auth.policy import Actor, Perm, readable
from api.common.enums import LabeledEnum
from api.common.problems import Forbidden, Invalid
from api.common.task_groups import TaskGroup
from api.common.text import fold
from api.imports.columns import (
    Cell,
    CellError,
    Column,
    Context,
    choice,
    day,
    labels_of,
    text,
    unit,
)
from api.imports.engine import ImportKind, ParsedRow, RowOutcome, Upsert
from api.inspections import recommendations, service
from api.inspections.enums import InspectionKind, InspectionRating, InspectionStatus
from api.inspections.models import Inspection, Recommendation
from api.inspections.schemas import (
    InspectionCreate,
    InspectionUpdate,
    RecommendationCreate,
    RecommendationUpdate,
)

# Labels hold commas themselves, so they are read whole before the rest is split on commas.
_GROUP_LABELS = [(fold(g.label), g.value) for g in TaskGroup]
_GROUP_WORDS = {g.value: g for g in TaskGroup} | {fold(g.section): g for g in TaskGroup}


def scope(cell: Cell, context: Context) -> list[str]:
    """Task groups separated by commas, semicolons or lines, each as its value, its section
    (III.4) or its label."""
    typed = fold(text()(cell, context).replace("\n", ";"))  # fold would make lines one
    for label, value in _GROUP_LABELS:
        typed = typed.replace(label, value)
    groups: set[TaskGroup] = set()
    for word in filter(None, (w.strip() for w in re.split(r"[,;]", typed))):
        if word not in _GROUP_WORDS:
            raise CellError(
                "invalid_choice",
                f"'{word}' không phải nhóm nhiệm vụ; dùng III.1 … III.7 hoặc mã nhóm",
            )
        groups.add(_GROUP_WORDS[word])
    return [g.value for g in TaskGroup if g in groups]


def _choice_column(name: str, label: str, example: LabeledEnum, *, required: bool) -> Column:
    enum = type(example)
    return Column(
        name, label, choice(enum), required=required, example=example.label, choices=labels_of(enum)
    )


def _unit_column(name: str, label: str, example: str) -> Column:
    return Column(name, label, unit, required=True, example=example)


def _refused_for_unit(exc: Forbidden) -> Forbidden:
    """The service's refusal, placed on the inspecting unit's column of the row."""
    return Forbidden(
        exc.detail or "Không có quyền ghi nhận kiểm tra của đơn vị kiểm tra này",
        errors=[{"loc": ["inspecting_unit_id"], "msg": "forbidden", "type": "forbidden"}],
    )


# --- inspections -----------------------------------------------------------------------------

INSPECTION_FIELDS = {
    "inspecting_unit_id": "inspecting_unit_code",
    "inspected_unit_id": "inspected_unit_code",
}
INSPECTION_COLUMNS = (
    _choice_column("kind", "Loại hình", InspectionKind.inspection, required=True),
    _unit_column("inspecting_unit_code", "Đơn vị kiểm tra", "TTT"),
    _unit_column("inspected_unit_code", "Đơn vị được kiểm tra", "P-HOALU"),
    Column(
        "title",
        "Tên cuộc kiểm tra",
        text(500),
        required=True,
        example="Kiểm tra công tác dân vận chính quyền năm 2026",
    ),
    Column("planned_from", "Dự kiến từ ngày", day, example="01/03/2026"),
    Column("planned_to", "Dự kiến đến ngày", day, example="15/03/2026"),
    Column("started_on", "Ngày bắt đầu", day, example="02/03/2026"),
    Column("ended_on", "Ngày kết thúc", day, example="05/03/2026"),
    _choice_column("status", "Trạng thái", InspectionStatus.concluded, required=False),
    Column("scope", "Nhóm nhiệm vụ", scope, example="III.4, III.7"),
    Column(
        "conclusion",
        "Kết luận",
        text(20_000),
        example="Đơn vị thực hiện tốt việc tiếp công dân định kỳ",
    ),
    _choice_column("rating", "Xếp loại", InspectionRating.good, required=False),
)
_INSPECTION_SCHEMA_NAMES = {column: field for field, column in INSPECTION_FIELDS.items()}


def _inspection_values(values: dict[str, Any]) -> dict[str, Any]:
    return {_INSPECTION_SCHEMA_NAMES.get(name, name): value for name, value in values.items()}


def _find_inspection(db: Session, actor: Actor, values: dict[str, Any]) -> Inspection | None:
    """The stored inspection of the row's key, once the actor may record this kind for the
    inspecting unit (checked first, so what they may not write stays unseen)."""
    try:
        service.ensure_may_conduct(
            db, actor, InspectionKind(values["kind"]), values["inspecting_unit_code"]
        )
    except Forbidden as exc:
        raise _refused_for_unit(exc) from exc
    return db.scalar(
        select(Inspection).where(
            Inspection.kind == values["kind"],
            Inspection.inspecting_unit_id == values["inspecting_unit_code"],
            Inspection.inspected_unit_id == values["inspected_unit_code"],
            Inspection.title == values["title"],
        )
    )


def _current_inspection(inspection: Inspection) -> dict[str, Any]:
    stored = {name: getattr(inspection, name) for name in InspectionUpdate.model_fields}
    return {INSPECTION_FIELDS.get(name, name): value for name, value in stored.items()}


def apply_inspections(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    upsert = Upsert(
        find=lambda db, values: _find_inspection(db, actor, values),
        current=_current_inspection,
        create=lambda db, actor, values: service.create_inspection(
            db, actor, InspectionCreate(**_inspection_values(values))
        ),
        update=lambda db, actor, inspection, changed: service.update_inspection(
            db, actor, inspection.id, InspectionUpdate(**_inspection_values(changed)), None
        ),
        fields=INSPECTION_FIELDS,
    )
    return upsert(db, actor, rows)


# --- recommendations -------------------------------------------------------------------------

RECOMMENDATION_FIELDS = {
    "inspection_id": "inspection_title",
    "inspecting_unit_id": "inspecting_unit_code",
    "responsible_unit_id": "responsible_unit_code",
}
RECOMMENDATION_COLUMNS = (
    _unit_column("inspecting_unit_code", "Đơn vị kiểm tra", "TTT"),
    _unit_column("inspected_unit_code", "Đơn vị được kiểm tra", "P-HOALU"),
    Column(
        "inspection_title",
        "Tên cuộc kiểm tra",
        text(500),
        required=True,
        example="Kiểm tra công tác dân vận chính quyền năm 2026",
    ),
    Column(
        "text",
        "Nội dung kiến nghị",
        text(20_000),
        required=True,
        example="Niêm yết công khai lịch tiếp công dân tại trụ sở",
    ),
    _unit_column("responsible_unit_code", "Đơn vị thực hiện", "P-HOALU"),
    Column("due_on", "Hạn thực hiện", day, required=True, example="30/06/2026"),
)


def _inspection_of(db: Session, actor: Actor, values: dict[str, Any]) -> Inspection:
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


def _find_recommendation(
    db: Session, actor: Actor, values: dict[str, Any]
) -> Recommendation | None:
    inspection = _inspection_of(db, actor, values)
    try:
        service.ensure_may_change(db, actor, inspection)
    except Forbidden as exc:
        raise _refused_for_unit(exc) from exc
    return db.scalar(
        select(Recommendation)
        .options(selectinload(Recommendation.inspection))
        .where(Recommendation.inspection_id == inspection.id, Recommendation.text == values["text"])
    )


def _current_recommendation(recommendation: Recommendation) -> dict[str, Any]:
    return {
        "inspecting_unit_code": recommendation.inspection.inspecting_unit_id,
        "inspected_unit_code": recommendation.inspection.inspected_unit_id,
        "inspection_title": recommendation.inspection.title,
        "text": recommendation.text,
        "responsible_unit_code": recommendation.responsible_unit_id,
        "due_on": recommendation.due_on,
    }


def _recommendation_values(values: dict[str, Any]) -> dict[str, Any]:
    """The recommendation's own fields; the other columns name its inspection."""
    names = {"text": "text", "responsible_unit_code": "responsible_unit_id", "due_on": "due_on"}
    return {names[name]: value for name, value in values.items() if name in names}


def apply_recommendations(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    upsert = Upsert(
        find=lambda db, values: _find_recommendation(db, actor, values),
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
    )
    return upsert(db, actor, rows)


KINDS: tuple[ImportKind, ...] = (
    ImportKind(
        name="inspections",
        label="Kiểm tra, giám sát",
        columns=INSPECTION_COLUMNS,
        key=("inspecting_unit_code", "inspected_unit_code", "kind", "title"),
        perm=Perm.inspections_write,
        apply=apply_inspections,
    ),
    ImportKind(
        name="recommendations",
        label="Kiến nghị sau kiểm tra",
        columns=RECOMMENDATION_COLUMNS,
        key=("inspecting_unit_code", "inspected_unit_code", "inspection_title", "text"),
        perm=Perm.inspections_write,
        apply=apply_recommendations,
    ),
)
