"""Who may write a reception or petition of a unit, and who sees a citizen's identity number."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.enums import Role
from api.auth.policy import Actor, Perm, require, sees_personal_data
from api.common.personal import mask_id_number
from api.common.problems import Forbidden, Invalid
from api.units.models import Unit


def may_write(actor: Actor, unit_id: int) -> bool:
    try:
        require(actor, Perm.receptions_write, unit_id)
    except Forbidden:
        return False
    return True


def owning_unit(db: Session, actor: Actor, unit_id: int | None, unit_code: str | None) -> int:
    """The unit a new record belongs to: given by id or code, else the officer's own; 422 when
    unknown, 403 when the actor may not write for it."""
    if unit_code is not None:
        found = db.scalar(select(Unit.id).where(Unit.code == unit_code))
        if found is None:
            raise Invalid.field(["unit_code"], f"Không tìm thấy đơn vị có mã '{unit_code}'")
        unit_id = found
    elif unit_id is not None:
        if db.get(Unit, unit_id) is None:
            raise Invalid.field(["unit_id"], f"Không tìm thấy đơn vị #{unit_id}")
    elif actor.role is Role.unit_officer and actor.unit_id is not None:
        unit_id = actor.unit_id  # province-wide roles must say which unit: no silent default
    else:
        raise Invalid.field(["unit_id"], "Cần chỉ rõ đơn vị (unit_id hoặc unit_code)")
    require(actor, Perm.receptions_write, unit_id)
    return unit_id


def visible_id_number(actor: Actor, unit_id: int, number: str | None) -> str | None:
    """The number itself for those who need it (policy.sees_personal_data), else masked."""
    return number if sees_personal_data(actor, unit_id) else mask_id_number(number)
