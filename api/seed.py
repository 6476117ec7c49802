"""Reference data and demo accounts, loaded by `dvcq seed` (idempotent)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.enums import Role
from api.auth.models import User
from api.auth.passwords import hash_secret
from api.config import get_settings
from api.reception.reference import seed_reference_data
from api.units.models import Unit
from api.units.service import seed_units


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit_code: str


DEMO_ACCOUNTS = (
    DemoAccount("admin", "Quản trị hệ thống", Role.admin, "VPUBND"),
    DemoAccount("sonv", "Chuyên viên Sở Nội vụ", Role.coordinator, "SNV"),
    DemoAccount("vanphong", "Chuyên viên Văn phòng UBND tỉnh", Role.office, "VPUBND"),
    DemoAccount("thanhtra", "Thanh tra viên Thanh tra tỉnh", Role.inspector, "TTT"),
    DemoAccount("lanhdao", "Lãnh đạo UBND tỉnh", Role.viewer, "UBND"),
    DemoAccount("canbo.snv", "Cán bộ Sở Nội vụ", Role.unit_officer, "SNV"),
    DemoAccount("canbo.hoalu", "Cán bộ UBND phường Hoa Lư", Role.unit_officer, "P-HOALU"),
)


@dataclass(frozen=True)
class SeedReport:
    units_added: int
    accounts_added: list[str]


def seed(db: Session, *, demo_accounts: bool | None = None) -> SeedReport:
    settings = get_settings()
    with_demo = settings.demo_accounts if demo_accounts is None else demo_accounts
    units_added = seed_units(db)
    seed_reference_data(db)
    added: list[str] = []
    if with_demo:
        if settings.is_production:
            raise RuntimeError("Demo accounts are refused in production")
        added = seed_demo_accounts(db, settings.demo_password)
    return SeedReport(units_added, added)


def seed_demo_accounts(db: Session, password: str) -> list[str]:
    """Create the demo accounts that do not exist yet; existing ones are left untouched."""
    existing = set(db.scalars(select(User.username)))
    units = {u.code: u.id for u in db.scalars(select(Unit))}
    password_hash = hash_secret(password)
    added = []
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            continue
        db.add(
            User(
                username=account.username,
                full_name=account.full_name,
                role=account.role,
                unit_id=units.get(account.unit_code),
                password_hash=password_hash,
            )
        )
        added.append(account.username)
    db.flush()
    return added
