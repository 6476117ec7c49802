from datetime import date
from typing import Optional

from sqlalchemy import Boolean, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.common.search import Searchable
from api.db import Base, Versioned, enum_type
from api.units.enums import UnitKind


class Unit(Searchable, Versioned, Base):
    __tablename__ = "units"
    __search_fields__ = ("code", "name", "short_name", "agency_code")

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    # Mã định danh điện tử (QĐ 20/2020/QĐ-TTg): how the portal names a unit.
    agency_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[UnitKind] = mapped_column(enum_type(UnitKind))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), index=True
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # From this day the unit counts in the plan's targets; None: since before any record.
    established_on: Mapped[date | None] = mapped_column(Date)

    parent: Mapped[Optional["Unit"]] = relationship(remote_side=[id], lazy="raise")
