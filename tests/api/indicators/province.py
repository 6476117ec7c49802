"""A small province with hand-counted figures for the indicator tests.

The 144 seeded units are deactivated inside the test's transaction, so the counted units are
exactly SO, DONG, MOI and TRONG. What each holds in 2026:

- SO (department): implementation and friendly_model plans issued; a dissemination and a
  review; officials A (trained), B (not trained), C (inactive, trained: not on the roster).
- DONG (commune, created through the API with its name typed in NFD): both plans issued; a
  dissemination; model self-assessments `not_achieved` in May, then `good` in November;
  official D (trained), E (left on 31/12/2025: not on the 2026 roster).
- MOI (ward, established 1 July 2026): implementation plan still a draft; official F trained
  in 2025 only.
- TRONG (commune): implementation plan in progress; a review; assessment `not_achieved`;
  a friendly_model plan and a dissemination of 2025 only; no official on the roster.
- CU (commune, deactivated) and MT (front): records that no target counts.

Satisfaction in 2026 (evaluations and survey results):
- SO: 9 satisfied or better of 10 (construction: 1 of 2); a dissatisfied one at 23:59 on
  31/12/2025 local time belongs to 2025.
- DONG: land evaluations 3 satisfied + 2 neutral; survey 2026Q1 land 10+5+3+2 → 18 of 25.
- MOI: satisfied at 23:59 on 31/12/2026 local (counts); dissatisfied at 00:00:30 on 1/1/2027
  local, still 2026 in UTC (does not count) → 1 of 1, field justice.
- CU: 10 dissatisfied (deactivated: not counted).
"""

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from itertools import count

from sqlalchemy import update
from sqlalchemy.orm import Session

from api.activities.enums import ActivityKind, ModelRating
from api.activities.models import TrainingAttendance
from api.config import PROVINCE_TZ
from api.plans.enums import PlanKind, PlanStatus
from api.surveys.enums import (
    EvaluationChannel,
    EvaluationSource,
    ProcedureField,
    SatisfactionLevel,
)
from api.surveys.models import Evaluation, SurveyResult
from api.units.enums import UnitKind
from api.units.models import Unit
from tests.api.plans.builders import make_activity, make_official, make_plan
from tests.factories import make_unit

_seq = count(1)
L = SatisfactionLevel
DONG_NFC = "Xã Đông Thử"


@dataclass
class Province:
    so: Unit
    dong: Unit
    moi: Unit
    trong: Unit
    cu: Unit
    mt: Unit


def evaluation(db: Session, unit: Unit, level: L, at: datetime, field=ProcedureField.other):
    n = next(_seq)
    db.add(
        Evaluation(
            source=EvaluationSource.portal,
            external_id=f"DG-IND-{n:06d}",
            unit_id=unit.id,
            dossier_code=f"HS-{n:06d}",
            procedure_code="1.000001",
            field=field,
            level=level,
            evaluated_at=at,
            channel=EvaluationChannel.portal,
        )
    )


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=PROVINCE_TZ)


def build_province(db: Session, client, admin: dict[str, str]) -> Province:
    db.execute(update(Unit).values(is_active=False))
    created = client.post(
        "/api/v1/units",
        headers=admin,
        json={
            "code": "T-DONG",
            "name": unicodedata.normalize("NFD", DONG_NFC),
            "kind": "commune",
            "established_on": "2025-07-01",
        },
    )
    assert created.status_code == 201, created.text
    p = Province(
        so=make_unit(db, code="T-SO", name="Sở Thử Nghiệm", kind=UnitKind.department),
        dong=db.get(Unit, created.json()["id"]),
        moi=make_unit(
            db, code="T-MOI", name="Phường Mới", kind=UnitKind.ward, established_on=date(2026, 7, 1)
        ),
        trong=make_unit(db, code="T-TRONG", name="Xã Trống"),
        cu=make_unit(db, code="T-CU", name="Xã Cũ", is_active=False),
        mt=make_unit(db, code="T-MT", name="Mặt trận thử", kind=UnitKind.front),
    )
    issued = {"status": PlanStatus.issued, "document_number": None, "issued_on": date(2026, 2, 1)}
    for unit, kind in (
        (p.so, PlanKind.implementation),
        (p.so, PlanKind.friendly_model),
        (p.dong, PlanKind.implementation),
        (p.dong, PlanKind.friendly_model),
        (p.cu, PlanKind.implementation),
        (p.mt, PlanKind.implementation),
    ):
        make_plan(db, unit.id, kind=kind, **issued | {"document_number": f"{next(_seq)}/KH"})
    make_plan(db, p.moi.id, kind=PlanKind.implementation, status=PlanStatus.draft)
    make_plan(
        db,
        p.trong.id,
        kind=PlanKind.implementation,
        status=PlanStatus.in_progress,
        document_number="9/KH-XT",
        issued_on=date(2026, 1, 20),
    )
    make_plan(
        db,
        p.trong.id,
        kind=PlanKind.friendly_model,
        year=2025,
        status=PlanStatus.issued,
        document_number="1/KH-2025",
        issued_on=date(2025, 3, 1),
    )

    for unit, kind, day in (
        (p.so, ActivityKind.dissemination, date(2026, 3, 2)),
        (p.so, ActivityKind.review, date(2026, 6, 30)),
        (p.dong, ActivityKind.dissemination, date(2026, 4, 1)),
        (p.trong, ActivityKind.review, date(2026, 7, 1)),
        (p.trong, ActivityKind.dissemination, date(2025, 12, 31)),
        (p.mt, ActivityKind.dissemination, date(2026, 3, 3)),
        (p.cu, ActivityKind.review, date(2026, 3, 3)),
    ):
        make_activity(db, unit.id, kind=kind, held_on=day)
    for unit, rating, day in (
        (p.dong, ModelRating.not_achieved, date(2026, 5, 1)),
        (p.dong, ModelRating.good, date(2026, 11, 1)),
        (p.trong, ModelRating.not_achieved, date(2026, 10, 1)),
    ):
        make_activity(db, unit.id, kind=ActivityKind.model_assessment, rating=rating, held_on=day)

    training_2026 = make_activity(db, p.so.id, kind=ActivityKind.training, held_on=date(2026, 5, 5))
    training_2025 = make_activity(
        db, p.moi.id, kind=ActivityKind.training, held_on=date(2025, 9, 9)
    )
    a = make_official(db, p.so.id, full_name="Nguyễn Văn A")
    make_official(db, p.so.id, full_name="Trần Thị B")
    c = make_official(db, p.so.id, full_name="Lê Văn C", is_active=False)
    d = make_official(db, p.dong.id, full_name="Phạm Thị D")
    e = make_official(db, p.dong.id, full_name="Hoàng Văn E", until=date(2025, 12, 31))
    f = make_official(db, p.moi.id, full_name="Vũ Thị F")
    for official, training in (
        (a, training_2026),
        (c, training_2026),
        (d, training_2026),
        (e, training_2025),
        (f, training_2025),
    ):
        db.add(TrainingAttendance(activity_id=training.id, official_id=official.id))

    for _ in range(8):
        evaluation(db, p.so, L.satisfied, local(2026, 3, 1, 9))
    evaluation(db, p.so, L.very_satisfied, local(2026, 4, 1, 9), ProcedureField.construction)
    evaluation(db, p.so, L.dissatisfied, local(2026, 4, 2, 9), ProcedureField.construction)
    evaluation(db, p.so, L.dissatisfied, local(2025, 12, 31, 23, 59))
    for level in (L.satisfied, L.very_satisfied, L.satisfied, L.neutral, L.neutral):
        evaluation(db, p.dong, level, local(2026, 2, 10, 10), ProcedureField.land)
    db.add(
        SurveyResult(
            unit_id=p.dong.id,
            period="2026Q1",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 3, 31),
            field=ProcedureField.land,
            source="survey",
            very_satisfied=10,
            satisfied=5,
            neutral=3,
            dissatisfied=2,
        )
    )
    evaluation(db, p.moi, L.satisfied, local(2026, 12, 31, 23, 59), ProcedureField.justice)
    evaluation(db, p.moi, L.dissatisfied, local(2027, 1, 1, 0, 0, 30), ProcedureField.justice)
    for _ in range(10):
        evaluation(db, p.cu, L.dissatisfied, local(2026, 5, 5, 8))
    db.commit()
    return p
