"""Helpers the evaluations and survey results share: units named in a request, and PATCH
bodies that try to empty a required field."""

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from api.common.problems import Invalid
from api.surveys.schemas import UnitReference
from api.units.models import Unit


@dataclass(frozen=True)
class UnitDirectory:
    """The units a request names, looked up in one query."""

    ids: frozenset[int]
    by_code: dict[str, int]
    by_agency_code: dict[str, int]

    def resolve(self, ref: UnitReference) -> int | None:
        if ref.unit_id is not None:
            return ref.unit_id if ref.unit_id in self.ids else None
        if ref.unit_code is not None:
            return self.by_code.get(ref.unit_code)
        if ref.agency_code is not None:
            return self.by_agency_code.get(ref.agency_code)
        return None


def load_unit_directory(db: Session, refs: Iterable[UnitReference]) -> UnitDirectory:
    refs = list(refs)
    ids = {r.unit_id for r in refs if r.unit_id is not None}
    codes = {r.unit_code for r in refs if r.unit_code is not None}
    agency_codes = {r.agency_code for r in refs if r.agency_code is not None}
    if not (ids or codes or agency_codes):
        return UnitDirectory(frozenset(), {}, {})
    units = db.execute(
        select(Unit.id, Unit.code, Unit.agency_code).where(
            or_(Unit.id.in_(ids), Unit.code.in_(codes), Unit.agency_code.in_(agency_codes))
        )
    ).all()
    return UnitDirectory(
        ids=frozenset(u.id for u in units),
        by_code={u.code: u.id for u in units},
        by_agency_code={u.agency_code: u.id for u in units if u.agency_code},
    )


def unknown_unit_error(ref: UnitReference) -> tuple[str, str]:
    """The field that named a missing unit, and a message saying so."""
    name = ref.given_references()[0]
    return name, f"Không tìm thấy đơn vị có {name} '{getattr(ref, name)}'"


def resolve_unit_or_422(db: Session, ref: UnitReference) -> int:
    unit_id = load_unit_directory(db, [ref]).resolve(ref)
    if unit_id is None:
        name, message = unknown_unit_error(ref)
        raise Invalid.field([name], message)
    return unit_id


def refuse_emptied(data: BaseModel, required: Iterable[str]) -> None:
    """A PATCH may leave a required field out, but not set it to null."""
    for name in required:
        if name in data.model_fields_set and getattr(data, name) is None:
            raise Invalid.field([name], "Trường này không được để trống")
