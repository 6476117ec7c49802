"""Citizen receptions and petitions. A petition's status moves only through its actions, so
an import creates petitions or corrects their facts, never their status."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm
from api.common.enums import LabeledEnum
from api.common.problems import Conflict, Forbidden, Invalid
from api.imports.columns import (
    Cell,
    Column,
    Context,
    boolean,
    choice,
    day,
    integer,
    labels_of,
    moment,
    text,
    unit,
)
from api.imports.engine import ImportKind, ParsedRow, RowOutcome, Upsert
from api.reception import petitions, receptions
from api.reception.access import may_write
from api.reception.enums import (
    CaseType,
    PetitionField,
    PetitionSource,
    ReceptionResult,
    ResolutionLevel,
    SessionType,
)
from api.reception.models import Petition, Reception
from api.reception.schemas import PetitionCreate, PetitionUpdate, ReceptionCreate, ReceptionUpdate

FIELDS = {"unit_id": "unit_code"}
YES_NO = ("Có", "Không")


def id_number(cell: Cell, context: Context) -> str:
    """A CCCD number. Excel drops the leading zero of one typed as a number: put it back.
    The schema checks it, in words that never repeat it (it is personal data)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 0 < cell < 10**12:
        return f"{int(cell):012d}"  # an Excel number cell holds whole numbers only
    return text()(cell, context)


def _unit_column() -> Column:
    return Column(
        "unit_code", "Đơn vị", unit, required=True, example="P-HOALU", aliases=("Mã đơn vị",)
    )


def _choice_column(name: str, label: str, example: LabeledEnum, *, required: bool = True) -> Column:
    enum = type(example)
    return Column(
        name, label, choice(enum), required=required, example=example.label, choices=labels_of(enum)
    )


def _flag_column(name: str, label: str) -> Column:
    return Column(name, label, boolean, example="Không", choices=YES_NO)


def _ensure_may_write(actor: Actor, unit_id: int) -> None:
    """Before looking anything up: another unit's rows are refused whether or not they exist."""
    if not may_write(actor, unit_id):
        raise Forbidden(
            "Không có quyền ghi dữ liệu tiếp công dân, đơn thư của đơn vị này",
            errors=[{"loc": ["unit_id"], "msg": "forbidden", "type": "forbidden"}],
        )


def _schema_values(values: dict[str, Any]) -> dict[str, Any]:
    return {"unit_id" if name == "unit_code" else name: value for name, value in values.items()}


# --- receptions ------------------------------------------------------------------------------

RECEPTION_COLUMNS = (
    _unit_column(),
    Column("received_at", "Thời điểm tiếp", moment, required=True, example="02/03/2026 08:30"),
    _choice_column("session_type", "Hình thức tiếp", SessionType.regular),
    Column("receiver_name", "Người tiếp", text(255), required=True, example="Trần Thị Bình"),
    _flag_column("head_in_person", "Thủ trưởng trực tiếp tiếp"),
    Column("citizen_name", "Họ tên công dân", text(255), required=True, example="Lê Văn Cường"),
    Column("citizen_id_number", "Số CCCD", id_number, example="037090001234"),
    Column("citizen_address", "Địa chỉ", text(500), example="Phường Hoa Lư, tỉnh Ninh Bình"),
    Column("group_size", "Số người", integer(1), example="1"),
    Column(
        "content",
        "Nội dung",
        text(20_000),
        required=True,
        example="Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất",
    ),
    _choice_column("field", "Lĩnh vực", PetitionField.land),
    _choice_column("case_type", "Loại vụ việc", CaseType.recommendation),
    _choice_column("result", "Kết quả", ReceptionResult.guided),
)
RECEPTION_CHANGEABLE = set(ReceptionUpdate.model_fields)


def _find_reception(db: Session, actor: Actor, values: dict[str, Any]) -> Reception | None:
    _ensure_may_write(actor, values["unit_code"])
    return db.scalar(
        select(Reception).where(
            Reception.unit_id == values["unit_code"],
            Reception.received_at == values["received_at"],
            Reception.citizen_name == values["citizen_name"],
        )
    )


def _current_reception(reception: Reception) -> dict[str, Any]:
    return {"unit_code": reception.unit_id} | {
        name: getattr(reception, name) for name in RECEPTION_CHANGEABLE
    }


def apply_receptions(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    upsert = Upsert(
        find=lambda db, values: _find_reception(db, actor, values),
        current=_current_reception,
        create=lambda db, actor, values: receptions.create_reception(
            db, actor, ReceptionCreate(**_schema_values(values))
        ),
        update=lambda db, actor, reception, changed: receptions.update_reception(
            db, actor, reception.id, ReceptionUpdate(**changed), None
        ),
        fields=FIELDS,
    )
    return upsert(db, actor, rows)


# --- petitions -------------------------------------------------------------------------------

PETITION_COLUMNS = (
    _unit_column(),
    _choice_column("case_type", "Loại vụ việc", CaseType.complaint),
    _choice_column("field", "Lĩnh vực", PetitionField.land),
    _choice_column("source", "Nguồn", PetitionSource.online, required=False),
    Column("external_id", "Mã đơn", text(64), example="PAKN-2026-000045"),
    Column("received_on", "Ngày nhận đơn", day, required=True, example="02/03/2026"),
    Column(
        "petitioner_name",
        "Họ tên người gửi đơn",
        text(255),
        required=True,
        example="Nguyễn Văn An",
        aliases=("Họ tên công dân",),
    ),
    Column("petitioner_id_number", "Số CCCD", id_number, example="037090001234"),
    Column("petitioner_address", "Địa chỉ", text(500), example="Xã Gia Viễn, tỉnh Ninh Bình"),
    Column(
        "summary",
        "Nội dung",
        text(20_000),
        required=True,
        example="Khiếu nại quyết định thu hồi đất",
    ),
    _choice_column("resolution_level", "Cấp giải quyết", ResolutionLevel.first, required=False),
    _flag_column("is_complex", "Vụ việc phức tạp"),
    _flag_column("is_remote_area", "Vùng sâu, vùng xa"),
    _flag_column("needs_verification", "Cần xác minh"),
    _flag_column("sent_to_level_above", "Gửi vượt cấp"),
)
PETITION_CHANGEABLE = set(PetitionUpdate.model_fields)
DEFAULT_SOURCE = PetitionCreate.model_fields["source"].default  # the API's, when left out
_LABELS = {column.name: column.label for column in PETITION_COLUMNS}


def _find_petition(db: Session, actor: Actor, values: dict[str, Any]) -> Petition | None:
    """By the source's own id when the row has one, else by unit, day, petitioner and summary."""
    _ensure_may_write(actor, values["unit_code"])
    if "external_id" in values:
        petition = db.scalar(
            select(Petition).where(
                Petition.source == values.get("source", DEFAULT_SOURCE),
                Petition.external_id == values["external_id"],
            )
        )
        if petition is not None and not may_write(actor, petition.unit_id):
            raise Conflict(  # as the API answers a replay of another unit's petition
                "Mã đơn (external_id) này đã được dùng cho một đơn thư của đơn vị khác",
                errors=[{"loc": ["external_id"], "msg": "already used", "type": "unique"}],
            )
        return petition
    return db.scalar(
        select(Petition).where(
            Petition.external_id.is_(None),
            Petition.unit_id == values["unit_code"],
            Petition.received_on == values["received_on"],
            Petition.petitioner_name == values["petitioner_name"],
            Petition.summary == values["summary"],
        )
    )


def _current_petition(petition: Petition) -> dict[str, Any]:
    return {
        "unit_code": petition.unit_id,
        "case_type": petition.case_type,
        "source": petition.source,
        "external_id": petition.external_id,
        "received_on": petition.received_on,
    } | {name: getattr(petition, name) for name in PETITION_CHANGEABLE}


def _update_petition(db: Session, actor: Actor, petition: Petition, changed: dict[str, Any]) -> Any:
    """Its facts only: the unit moves by a transfer, and what the clock counts from stays."""
    fixed = [name for name in changed if name not in PETITION_CHANGEABLE]
    if fixed:
        raise Invalid(
            "Không sửa được qua nhập tệp: " + ", ".join(_LABELS[name] for name in fixed),
            errors=[{"loc": [name], "msg": "fixed", "type": "not_changeable"} for name in fixed],
        )
    return petitions.update_petition(db, actor, petition.id, PetitionUpdate(**changed), None)


def apply_petitions(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    upsert = Upsert(
        find=lambda db, values: _find_petition(db, actor, values),
        current=_current_petition,
        create=lambda db, actor, values: petitions.create_petition(
            db, actor, PetitionCreate(**_schema_values(values))
        ),
        update=_update_petition,
        fields=FIELDS,
    )
    return upsert(db, actor, rows)


KINDS: tuple[ImportKind, ...] = (
    ImportKind(
        name="receptions",
        label="Tiếp công dân",
        columns=RECEPTION_COLUMNS,
        key=("unit_code", "received_at", "citizen_name"),
        perm=Perm.receptions_write,
        apply=apply_receptions,
    ),
    ImportKind(
        name="petitions",
        label="Đơn thư",
        columns=PETITION_COLUMNS,
        # Two keys in one: (source, external_id) when given, else the other four.
        key=(
            "unit_code",
            "received_on",
            "petitioner_name",
            "summary",
            "source",
            "external_id",
        ),
        perm=Perm.receptions_write,
        apply=apply_petitions,
    ),
)
