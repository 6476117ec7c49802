"""Citizen receptions and petitions. A petition's status moves only through its actions, so
an import creates petitions or corrects their facts, never their status."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm
from api.common.problems import Conflict, Invalid
from api.imports.columns import (
    UNIT_FIELDS,
    Cell,
    Column,
    Context,
    choice_column,
    day,
    flag_column,
    integer,
    moment,
    text,
    unit_column,
)
from api.imports.engine import ImportKind, Upsert, Values, creating, updating, writable_unit
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


def id_number(cell: Cell, context: Context) -> str:
    """A CCCD number. Excel drops the leading zero of one typed as a number: put it back.
    The schema checks it, in words that never repeat it (it is personal data)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 0 < cell < 10**12:
        return f"{int(cell):012d}"  # an Excel number cell holds whole numbers only
    return text()(cell, context)


# --- receptions ------------------------------------------------------------------------------

RECEPTION_COLUMNS = (
    unit_column(example="P-HOALU"),
    Column("received_at", "Thời điểm tiếp", moment, required=True, example="02/03/2026 08:30"),
    choice_column("session_type", "Hình thức tiếp", SessionType.regular, required=True),
    Column("receiver_name", "Người tiếp", text(255), required=True, example="Trần Thị Bình"),
    flag_column("head_in_person", "Thủ trưởng trực tiếp tiếp"),
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
    choice_column("field", "Lĩnh vực", PetitionField.land, required=True),
    choice_column("case_type", "Loại vụ việc", CaseType.recommendation, required=True),
    choice_column("result", "Kết quả", ReceptionResult.guided, required=True),
)
RECEPTION_CHANGEABLE = set(ReceptionUpdate.model_fields)


def _find_reception(db: Session, _actor: Actor, values: Values) -> Reception | None:
    return db.scalar(
        select(Reception).where(
            Reception.unit_id == values["unit_code"],
            Reception.received_at == values["received_at"],
            Reception.citizen_name == values["citizen_name"],
        )
    )


def _current_reception(reception: Reception) -> Values:
    return {"unit_code": reception.unit_id} | {
        name: getattr(reception, name) for name in RECEPTION_CHANGEABLE
    }


RECEPTIONS = ImportKind(
    name="receptions",
    label="Tiếp công dân",
    columns=RECEPTION_COLUMNS,
    key=("unit_code", "received_at", "citizen_name"),
    perm=Perm.receptions_write,
    apply=Upsert(
        authorise=writable_unit(Perm.receptions_write),
        find=_find_reception,
        current=_current_reception,
        create=creating(receptions.create_reception, ReceptionCreate, UNIT_FIELDS),
        update=updating(receptions.update_reception, ReceptionUpdate, UNIT_FIELDS),
        fields=UNIT_FIELDS,
    ),
)


# --- petitions -------------------------------------------------------------------------------

PETITION_COLUMNS = (
    unit_column(example="P-HOALU"),
    choice_column("case_type", "Loại vụ việc", CaseType.complaint, required=True),
    choice_column("field", "Lĩnh vực", PetitionField.land, required=True),
    choice_column("source", "Nguồn", PetitionSource.online),
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
    choice_column("resolution_level", "Cấp giải quyết", ResolutionLevel.first),
    flag_column("is_complex", "Vụ việc phức tạp"),
    flag_column("is_remote_area", "Vùng sâu, vùng xa"),
    flag_column("needs_verification", "Cần xác minh"),
    flag_column("sent_to_level_above", "Gửi vượt cấp"),
)
PETITION_CHANGEABLE = set(PetitionUpdate.model_fields)
DEFAULT_SOURCE = PetitionCreate.model_fields["source"].default  # the API's, when left out
_LABELS = {column.name: column.label for column in PETITION_COLUMNS}


def _petition_key(values: Values) -> tuple[str, ...]:
    """As _find_petition looks: by the source's own id when the row has one, else by unit,
    day, petitioner and summary."""
    if "external_id" in values:
        return ("source", "external_id")
    return ("unit_code", "received_on", "petitioner_name", "summary")


def _find_petition(db: Session, actor: Actor, values: Values) -> Petition | None:
    """By the key _petition_key names; an id another unit's petition holds is a conflict."""
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


def _current_petition(petition: Petition) -> Values:
    return {
        "unit_code": petition.unit_id,
        "case_type": petition.case_type,
        "source": petition.source,
        "external_id": petition.external_id,
        "received_on": petition.received_on,
    } | {name: getattr(petition, name) for name in PETITION_CHANGEABLE}


def _update_petition(db: Session, actor: Actor, petition: Petition, changed: Values) -> None:
    """Its facts only: the unit moves by a transfer, and what the clock counts from stays."""
    fixed = [name for name in changed if name not in PETITION_CHANGEABLE]
    if fixed:
        raise Invalid(
            "Không sửa được qua nhập tệp: " + ", ".join(_LABELS[name] for name in fixed),
            errors=[{"loc": [name], "msg": "fixed", "type": "not_changeable"} for name in fixed],
        )
    petitions.update_petition(db, actor, petition.id, PetitionUpdate(**changed), None)


PETITIONS = ImportKind(
    name="petitions",
    label="Đơn thư",
    columns=PETITION_COLUMNS,
    key=("unit_code", "received_on", "petitioner_name", "summary", "source", "external_id"),
    row_key=_petition_key,
    perm=Perm.receptions_write,
    apply=Upsert(
        authorise=writable_unit(Perm.receptions_write),
        find=_find_petition,
        current=_current_petition,
        create=creating(petitions.create_petition, PetitionCreate, UNIT_FIELDS),
        update=_update_petition,
        fields=UNIT_FIELDS,
    ),
)

KINDS: tuple[ImportKind, ...] = (RECEPTIONS, PETITIONS)
