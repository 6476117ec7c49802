from sqlalchemy import func, select

from api.auth.models import User
from api.seed import DEMO_ACCOUNTS, seed
from api.units.enums import UnitKind
from api.units.models import Unit


def test_seed_is_idempotent(db):
    # The session fixture already seeded once; running it again adds nothing.
    report = seed(db, demo_accounts=True)
    assert report.units_added == 0 and report.accounts_added == []
    assert db.scalar(select(func.count()).select_from(Unit)) == 144
    assert db.scalar(select(func.count()).select_from(User)) == len(DEMO_ACCOUNTS)


def test_seed_loads_the_real_unit_list(db):
    kinds = dict(db.execute(select(Unit.kind, func.count()).group_by(Unit.kind)).all())
    assert kinds[UnitKind.commune] == 97 and kinds[UnitKind.ward] == 32
    assert kinds[UnitKind.department] == 12 and kinds[UnitKind.province] == 1
    hoalu = db.scalar(select(Unit).where(Unit.code == "P-HOALU"))
    assert hoalu.name == "Ủy ban nhân dân phường Hoa Lư"
    assert db.get(Unit, hoalu.parent_id).code == "UBND"


def test_seed_keeps_an_admins_edits(db):
    unit = db.scalar(select(Unit).where(Unit.code == "SNV"))
    unit.agency_code = "000.00.01.H42"
    db.flush()
    seed(db, demo_accounts=False)
    db.expire_all()
    assert db.scalar(select(Unit.agency_code).where(Unit.code == "SNV")) == "000.00.01.H42"


def test_demo_accounts_are_attached_to_their_units(db):
    rows = db.execute(select(User.username, Unit.code).join(Unit, User.unit_id == Unit.id)).all()
    assert ("canbo.hoalu", "P-HOALU") in rows and ("canbo.snv", "SNV") in rows
