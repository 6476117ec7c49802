"""Which unit a new or moved record belongs to: a check every unit-owned domain shares."""

from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm, require
from api.common.problems import Invalid
from api.units.models import Unit


def owning_unit(db: Session, actor: Actor, perm: Perm, unit_id: int | None) -> int:
    """The unit given, or the actor's own when none is; 403 unless the actor may write
    for it, 422 when it does not exist."""
    owner = unit_id if unit_id is not None else actor.unit_id
    if owner is None:
        raise Invalid.field(["unit_id"], "Hãy chọn đơn vị", "missing")
    require(actor, perm, owner)
    if db.get(Unit, owner) is None:
        raise Invalid.field(["unit_id"], f"Không tìm thấy đơn vị #{owner}")
    return owner
