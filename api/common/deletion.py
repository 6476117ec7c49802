"""Deleting a record that others may still refer to (foreign keys ON DELETE RESTRICT)."""

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.common.problems import Conflict


def delete_unless_referenced(db: Session, record: object, conflict_detail: str) -> None:
    """Delete `record`, or 409 with `conflict_detail` when a foreign key still points to it;
    the savepoint keeps the request's transaction usable after the refusal."""
    try:
        with db.begin_nested():
            db.delete(record)
            db.flush()
    except IntegrityError as exc:
        raise Conflict(conflict_detail) from exc
