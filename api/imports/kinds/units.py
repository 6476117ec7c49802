"""Units, with their agency codes."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.auth.policy import Actor, Perm
from api.common.problems import Invalid
from api.imports.columns import Cell, Column, Context, choice_column, day, flag_column, text
from api.imports.engine import ImportKind, Upsert, Values, schema_values
from api.units import service as units
from api.units.enums import UnitKind
from api.units.models import Unit
from api.units.schemas import UnitCreate, UnitUpdate


def _code(cell: Cell, context: Context) -> str:
    return text(32)(cell, context).upper()


UNIT_COLUMNS = (
    Column("code", "Mã đơn vị", _code, required=True, example="X-GIAVIEN"),
    Column("name", "Tên đơn vị", text(255), required=True, example="Ủy ban nhân dân xã Gia Viễn"),
    Column("short_name", "Tên ngắn", text(120), example="Xã Gia Viễn"),
    choice_column("kind", "Loại đơn vị", UnitKind.commune, required=True),
    Column("parent_code", "Mã đơn vị cấp trên", _code, example="UBND"),
    Column("agency_code", "Mã định danh điện tử", text(32), example="000.00.00.H42"),
    flag_column("is_active", "Đang hoạt động", example="Có"),
    Column("established_on", "Ngày bắt đầu", day, example="01/07/2025"),
)


def _find(db: Session, _actor: Actor, values: Values) -> Unit | None:
    return db.scalar(
        select(Unit)
        .options(selectinload(Unit.parent))
        .where(Unit.code == values["code"])
        .execution_options(populate_existing=True)
    )


def _parent_id(db: Session, values: Values) -> Values:
    """The parent by code; resolved at write time, so a parent earlier in the file counts."""
    if "parent_code" not in values:
        return {}
    parent = db.scalar(select(Unit.id).where(Unit.code == values["parent_code"]))
    if parent is None:
        raise Invalid.field(
            ["parent_code"], f"Không tìm thấy đơn vị cấp trên có mã '{values['parent_code']}'"
        )
    return {"parent_id": parent}


def _fields(db: Session, values: Values) -> Values:
    return schema_values(values, {}, drop=("parent_code",)) | _parent_id(db, values)


def _current(unit: Unit) -> Values:
    return {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind.value,
        "parent_code": unit.parent.code if unit.parent_id else None,
        "agency_code": unit.agency_code,
        "is_active": unit.is_active,
        "established_on": unit.established_on,
    }


UNITS = ImportKind(
    name="units",
    label="Đơn vị",
    columns=UNIT_COLUMNS,
    key=("code",),
    perm=Perm.units_write,
    apply=Upsert(
        find=_find,
        current=_current,
        create=lambda db, actor, values: units.create_unit(
            db, actor, UnitCreate(**_fields(db, values))
        ),
        update=lambda db, actor, unit, changed: units.update_unit(
            db, actor, unit.id, UnitUpdate(**_fields(db, changed)), None
        ),
        fields={"parent_id": "parent_code"},
    ),
)
