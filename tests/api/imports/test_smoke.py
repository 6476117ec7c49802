"""First checks of the import engine with units and evaluations."""

from sqlalchemy import func, select

from api.surveys.models import Evaluation
from api.units.models import Unit
from tests.api.imports.helpers import post_import as _upload


def test_units_round_trip(client, auth, db):
    csv_text = (
        "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Mã định danh điện tử\n"
        "T-IMP1,Xã Nhập Một,Xã,UBND,000.00.00.H99\n"
        "T-IMP2,Phường Nhập Hai,ward,UBND,\n"
    ).encode()
    first = _upload(client, auth("admin"), "units", "u.csv", csv_text)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["created"], body["updated"], body["unchanged"], body["failed"]) == (2, 0, 0, 0)
    again = _upload(client, auth("admin"), "units", "u.csv", csv_text).json()
    assert (again["created"], again["unchanged"]) == (0, 2), again
    assert db.scalar(select(func.count()).select_from(Unit).where(Unit.code.like("T-IMP%"))) == 2


def test_evaluations_dry_run_then_commit(client, auth, db):
    csv_text = (
        "external_id,unit_code,dossier_code,field,level,evaluated_at\n"
        "IMP-1,X-GIAVIEN,HS-1,Đất đai,Hài lòng,01/03/2026 09:15\n"
        "IMP-2,X-GIAVIEN,HS-2,land,very_satisfied,2026-03-01T10:00:00+07:00\n"
    ).encode("utf-8-sig")
    dry = _upload(client, auth("vanphong"), "evaluations", "e.csv", csv_text, dry_run=True).json()
    assert (dry["created"], dry["committed"]) == (2, False), dry
    assert db.scalar(select(func.count()).select_from(Evaluation)) == 0
    done = _upload(client, auth("vanphong"), "evaluations", "e.csv", csv_text).json()
    assert (done["created"], done["committed"]) == (2, True), done
    assert db.scalar(select(func.count()).select_from(Evaluation)) == 2
