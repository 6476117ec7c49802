"""The unit tree: the province's agencies, communes and wards."""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.policy import Actor, Perm, require
from api.common.dates import province_today
from api.common.deletion import delete_unless_referenced
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Invalid, NotFound
from api.common.text import nfc
from api.common.versioning import check_version
from api.units.enums import UnitKind
from api.units.models import Unit
from api.units.schemas import UnitCreate, UnitNode, UnitUpdate

UNITS_CSV = Path(__file__).parent / "data" / "ninh-binh-units.csv"

SORTS = {
    "code": Unit.code,
    "name": Unit.name,
    "short_name": Unit.short_name,
    "kind": Unit.kind,
    "created_at": Unit.created_at,
}


@dataclass(frozen=True)
class UnitFilters:
    kind: list[UnitKind] | None = None
    parent_id: int | None = None
    is_active: bool | None = None


def _units_query(actor: Actor, lq: ListQuery, filters: UnitFilters) -> Select[tuple[Unit]]:
    require(actor, Perm.units_read)
    stmt = apply_search(select(Unit), Unit.search_text, lq.q)
    if filters.kind:
        stmt = stmt.where(Unit.kind.in_(filters.kind))
    if filters.parent_id is not None:
        stmt = stmt.where(Unit.parent_id == filters.parent_id)
    if filters.is_active is not None:
        stmt = stmt.where(Unit.is_active == filters.is_active)
    return order_by_sort(stmt, lq.sort, SORTS, "code", Unit.id)


def list_units(
    db: Session, actor: Actor, lq: ListQuery, filters: UnitFilters
) -> tuple[list[Unit], int]:
    rows, total = fetch_page(db, _units_query(actor, lq, filters), lq)
    return list(rows), total


def export_units(db: Session, actor: Actor, lq: ListQuery, filters: UnitFilters) -> list[Unit]:
    """The whole filtered list with each unit's parent, for CSV (a few hundred units)."""
    return list(db.scalars(_units_query(actor, lq, filters).options(selectinload(Unit.parent))))


def get_unit(db: Session, actor: Actor, unit_id: int) -> Unit:
    require(actor, Perm.units_read)
    unit = db.get(Unit, unit_id)
    if unit is None:
        raise NotFound(f"Không tìm thấy đơn vị #{unit_id}")
    return unit


def unit_tree(db: Session, actor: Actor) -> list[UnitNode]:
    require(actor, Perm.units_read)
    units = db.scalars(select(Unit).order_by(Unit.kind, Unit.code)).all()
    nodes = {u.id: UnitNode.model_validate(u) for u in units}
    roots: list[UnitNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.id])
    return roots


def _check_unique(
    db: Session, unit_id: int | None, code: str | None, agency_code: str | None
) -> None:
    clauses = []
    if code is not None:
        clauses.append(Unit.code == code)
    if agency_code is not None:
        clauses.append(Unit.agency_code == agency_code)
    if not clauses:
        return
    clash = db.scalar(select(Unit).where(or_(*clauses), Unit.id != (unit_id or 0)))
    if clash is not None:
        field = "code" if code is not None and clash.code == code else "agency_code"
        raise Conflict(
            f"Mã đơn vị '{getattr(clash, field)}' đã thuộc về '{clash.name}'",
            errors=[{"loc": ["body", field], "msg": "already used", "type": "unique"}],
        )


def _check_parent(db: Session, unit_id: int | None, parent_id: int | None) -> None:
    """The parent exists and is not the unit itself or one of its descendants."""
    seen = {unit_id}
    current = parent_id
    while current is not None:
        if current in seen:
            raise Invalid.field(["parent_id"], "Đơn vị cấp trên tạo thành vòng lặp")
        parent = db.get(Unit, current)
        if parent is None:
            raise Invalid.field(["parent_id"], f"Không tìm thấy đơn vị cấp trên #{current}")
        seen.add(current)
        current = parent.parent_id


def create_unit(db: Session, actor: Actor, data: UnitCreate) -> Unit:
    require(actor, Perm.units_write)
    _check_unique(db, None, data.code, data.agency_code)
    _check_parent(db, None, data.parent_id)
    unit = Unit(**data.model_dump())
    unit.short_name = data.short_name or data.name
    unit.established_on = data.established_on or province_today()
    db.add(unit)
    db.flush()
    record_event(db, actor, "create", unit)
    return unit


def update_unit(
    db: Session, actor: Actor, unit_id: int, data: UnitUpdate, expected_version: int | None
) -> Unit:
    require(actor, Perm.units_write)
    unit = get_unit(db, actor, unit_id)
    check_version(unit.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    _check_unique(db, unit.id, changes.get("code"), changes.get("agency_code"))
    if "parent_id" in changes:
        _check_parent(db, unit.id, changes["parent_id"])
    before = snapshot(unit)
    for key, value in changes.items():
        setattr(unit, key, value)
    db.flush()
    record_event(db, actor, "update", unit, before=before)
    return unit


def delete_unit(db: Session, actor: Actor, unit_id: int, expected_version: int | None) -> None:
    """Only a unit nothing refers to can go; any other is deactivated instead (409)."""
    require(actor, Perm.units_write)
    unit = get_unit(db, actor, unit_id)
    check_version(unit.version, expected_version)
    before = snapshot(unit)
    delete_unless_referenced(
        db,
        unit,
        f"Đơn vị '{unit.name}' đã có đơn vị trực thuộc hoặc dữ liệu; "
        "hãy ngừng hoạt động đơn vị (is_active=false) thay vì xóa",
    )
    record_event(db, actor, "delete", unit, before=before)


# The shipped list is the province after the merger of 1 July 2025 (Resolution 1674/NQ-UBTVQH15):
# its units count in the plan's targets from that year on.
SHIPPED_LIST_IN_FORCE = date(2025, 7, 1)


def seed_units(db: Session, path: Path = UNITS_CSV) -> int:
    """Load the shipped unit list; existing codes are left as an admin may have edited them.
    Returns how many units were added."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [{k: nfc(v.strip()) for k, v in row.items()} for row in csv.DictReader(handle)]
    by_code = {u.code: u for u in db.scalars(select(Unit))}
    added = 0
    for row in rows:  # parents precede children in the file
        if row["code"] in by_code:
            continue
        parent = by_code.get(row["parent_code"]) if row["parent_code"] else None
        unit = Unit(
            code=row["code"],
            name=row["name"],
            short_name=row["short_name"] or row["name"],
            kind=UnitKind(row["kind"]),
            parent_id=parent.id if parent else None,
            established_on=SHIPPED_LIST_IN_FORCE,
        )
        db.add(unit)
        db.flush()
        by_code[unit.code] = unit
        added += 1
    return added
