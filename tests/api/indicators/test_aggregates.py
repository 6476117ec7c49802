"""The petition counts the triggers keep (what the dashboard sums) agree with a recomputation
from the raw rows after any mix of writes — the API's creations, edits, actions and deletes,
calendar changes that move the stored due dates, and plain SQL as a script would send it — and
the dashboard's petition figures from them equal the petitions counted one by one."""

import random
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import func, select, text
from typer.testing import CliRunner

from api.cli import app
from api.common.dates import province_today
from api.indicators.aggregates import (
    count_differences,
    maintained_counts,
    rebuild_petition_counts,
)
from api.indicators.models import NO_DUE_DATE, PetitionFigureCount, PetitionStage
from api.reception.enums import CaseType, PetitionField, PetitionStatus
from api.reception.models import Petition
from api.reception.timing import ACCEPT_PHASE, OPEN, RESOLVE_PHASE, SETTLED
from tests.api.reception.helpers import act, make_petition
from tests.factories import unit_by_code

UNITS = ("P-HOALU", "X-GIAVIEN", "SNV")
FIELDS = [PetitionField.land, PetitionField.administrative_procedure, PetitionField.other]
EXTRA = {
    "reject": {"reason": "Không đủ điều kiện thụ lý"},
    "extend": {"reason": "Vụ việc phức tạp"},
    "withdraw": {"reason": "Công dân rút đơn"},
    "reopen": {"reason": "Công dân gửi thêm tài liệu"},
    "close": {"note": "Kết thúc hồ sơ"},
}
FIGURES = ("received", "resolved", "resolved_on_time", "open", "overdue", "prolonged")


def _received_on(rng: random.Random) -> date:
    # Around the turn of the year, so petitions fall in 2025 and 2026.
    return rng.choice([date(2025, 12, 30), date(2026, 1, 2), date(2026, 3, 2), date(2026, 9, 1)])


def _act_at_random(client, admin, rng: random.Random, petition_id: int, other_unit: int) -> None:
    seen = client.get(f"/api/v1/petitions/{petition_id}", headers=admin).json()
    if not seen["allowed_actions"]:
        return
    action = rng.choice(seen["allowed_actions"])
    extra = dict(EXTRA.get(action, {}))
    acted_on = max(date.fromisoformat(seen["received_on"]), date(2026, 1, 5))
    acted_on += timedelta(days=rng.choice([3, 40, 200]))
    acted_on = min(acted_on, province_today())
    if action == "transfer":
        extra["to_unit_id"] = other_unit
    if action == "resolve":
        extra |= {"decision_number": "15/QĐ-UBND", "decision_date": acted_on.isoformat()}
        if seen["case_type"] == CaseType.complaint:
            extra["outcome"] = "partly_right"
    response = act(client, admin, petition_id, action, acted_on, **extra)
    assert response.status_code in (200, 409, 422), (action, response.text)


def test_maintained_counts_agree_with_the_raw_rows_after_random_writes(client, auth, db):
    rng = random.Random(20261202)
    admin = auth("admin")
    other_unit = unit_by_code(db, "X-GIAVIEN").id
    stored: list[int] = []
    holidays: list[int] = []
    for step in range(160):
        choice = rng.random()
        if choice < 0.2 or not stored:
            petition = make_petition(
                db,
                rng.choice(UNITS),
                case_type=rng.choice(list(CaseType)),
                field=rng.choice(FIELDS),
                received_on=_received_on(rng),
                sent_to_level_above=rng.random() < 0.2,
                duplicate_of_id=rng.choice(stored) if stored and rng.random() < 0.2 else None,
            )
            stored.append(petition.id)
        elif choice < 0.3:
            created = client.post(
                "/api/v1/petitions",
                headers=admin,
                json={
                    "unit_code": rng.choice(UNITS),
                    "case_type": rng.choice(list(CaseType)).value,
                    "field": rng.choice(FIELDS).value,
                    "received_on": _received_on(rng).isoformat(),
                    "petitioner_name": "Nguyễn Văn An",
                    "summary": "Phản ánh việc cấp giấy chứng nhận",
                },
            )
            assert created.status_code == 201, created.text
            stored.append(created.json()["id"])
        elif choice < 0.6:
            _act_at_random(client, admin, rng, rng.choice(stored), other_unit)
        elif choice < 0.7:
            change = rng.choice(
                [
                    {"field": rng.choice(FIELDS).value},
                    {"sent_to_level_above": rng.random() < 0.5},
                    {"is_complex": rng.random() < 0.5},
                    {"summary": f"Nội dung sửa lần {step}"},  # moves no count
                ]
            )
            before = maintained_counts(db)
            patched = client.patch(
                f"/api/v1/petitions/{rng.choice(stored)}", headers=admin, json=change
            )
            # is_complex is refused for what is not a complaint, and then changes nothing.
            assert patched.status_code in (200, 422), patched.text
            if patched.status_code == 422:
                assert maintained_counts(db) == before
        elif choice < 0.78:
            gone = rng.choice(stored)
            deleted = client.delete(f"/api/v1/petitions/{gone}", headers=admin)
            assert deleted.status_code in (204, 409), deleted.text
            if deleted.status_code == 204:
                stored.remove(gone)
        elif choice < 0.86:
            # A holiday moves the stored due dates (refresh_due_dates), without a new version.
            if holidays and rng.random() < 0.4:
                gone = holidays.pop()
                assert client.delete(f"/api/v1/holidays/{gone}", headers=admin).status_code == 204
            else:
                day = date(2026, 1, 5) + timedelta(days=rng.randrange(300))
                added = client.post(
                    "/api/v1/holidays",
                    headers=admin,
                    json={"date": day.isoformat(), "name": f"Nghỉ bù {step}"},
                )
                assert added.status_code in (201, 409), added.text
                if added.status_code == 201:
                    holidays.append(added.json()["id"])
        elif choice < 0.93:
            before = maintained_counts(db)
            # Refused (no decision number): nothing changes.
            refused = act(client, admin, rng.choice(stored), "resolve", date(2026, 6, 1))
            assert refused.status_code in (409, 422), refused.text
            assert maintained_counts(db) == before
        else:
            # One statement over many rows, as a script would send it.
            db.execute(
                text(
                    "UPDATE petitions SET sent_to_level_above = NOT sent_to_level_above, "
                    "received_on = received_on + 1, "
                    "due_on = CASE WHEN id % 2 = 0 THEN NULL ELSE due_on END "
                    "WHERE id % 3 = :r"
                ),
                {"r": step % 3},
            )
            db.commit()
        if step % 20 == 19:
            assert count_differences(db) == {}, f"after step {step}"
    assert count_differences(db) == {}
    kept = maintained_counts(db)
    assert sum(counts[0] for counts in kept.values()) == db.scalar(
        select(func.count()).select_from(Petition)
    )
    assert all(counts[0] > 0 for counts in kept.values())  # no empty key left behind
    statuses = set(db.scalars(select(Petition.status)))
    assert len(statuses) >= 4, statuses  # the walk reached several stages
    _dashboard_equals_petitions_counted_one_by_one(client, auth, db, 2026)


def _one_by_one(db, year: int) -> dict[str, Counter[str]]:
    """Each petition of the year through the dashboard's definitions, in Python."""
    today = province_today()
    petitions = list(
        db.scalars(select(Petition).where(func.extract("year", Petition.received_on) == year))
    )
    originals = {p.id: p.status for p in db.scalars(select(Petition))}
    groups: dict[str, Counter[str]] = {}
    for p in petitions:
        running = p.status in ACCEPT_PHASE | RESOLVE_PHASE
        late = running and p.resolution_due_on is not None and p.resolution_due_on < today
        resubmitted = p.duplicate_of_id is not None and originals[p.duplicate_of_id] in SETTLED
        limit = p.resolution_due_on or p.decision_date
        figures = Counter(
            received=1,
            resolved=p.decision_date is not None,
            resolved_on_time=p.decision_date is not None and p.decision_date <= limit,
            open=p.status in OPEN,
            overdue=p.status in OPEN and p.due_on is not None and p.due_on < today,
            prolonged=late or resubmitted,
            over_level=p.sent_to_level_above,
        )
        for key in ("total", f"unit:{p.unit_id}", f"field:{p.field}", f"type:{p.case_type}"):
            groups.setdefault(key, Counter()).update(figures)
    return groups


def _dashboard_equals_petitions_counted_one_by_one(client, auth, db, year: int) -> None:
    body = client.get(f"/api/v1/dashboard?year={year}", headers=auth("sonv"))
    assert body.status_code == 200, body.text
    petitions = body.json()["petitions"]
    shown = {"total": petitions["total"]}
    for prefix, name in (("unit", "by_unit"), ("field", "by_field"), ("type", "by_case_type")):
        shown |= {f"{prefix}:{group['key']}": group for group in petitions[name]}
    expected = _one_by_one(db, year)
    assert shown.keys() == expected.keys()
    for key, counts in expected.items():
        figures = {name: shown[key][name] for name in (*FIGURES, "over_level")}
        assert figures == {name: counts[name] for name in (*FIGURES, "over_level")}, key
    assert petitions["total"]["received"] > 10


def test_a_petition_moves_between_keys_as_it_is_handled(client, auth, db):
    admin = auth("admin")
    petition = make_petition(
        db, "P-HOALU", case_type=CaseType.feedback, received_on=date(2026, 3, 2)
    )
    key = (2026, petition.unit_id, PetitionField.land, CaseType.feedback)
    kept = {k: v for k, v in maintained_counts(db).items() if k[:4] == key}
    # Open and running: its processing limit (10 working days: 16 March) is both dates.
    limit = date(2026, 3, 16)
    assert kept == {(*key, PetitionStage.running, limit, limit): (1, 0, 0, 0)}
    for action, day in (("accept", date(2026, 3, 4)), ("start", date(2026, 3, 5))):
        assert act(client, admin, petition.id, action, day).status_code == 200
    resolved = act(
        client,
        admin,
        petition.id,
        "resolve",
        date(2026, 3, 20),
        decision_number="7/TB",
        decision_date="2026-03-20",
    )
    assert resolved.status_code == 200, resolved.text
    kept = {k: v for k, v in maintained_counts(db).items() if k[:4] == key}
    # Settled: no clock runs; resolved, but after the limit.
    assert kept == {(*key, PetitionStage.done, NO_DUE_DATE, NO_DUE_DATE): (1, 1, 0, 0)}
    assert count_differences(db) == {}


def test_rebuild_replaces_drifted_counts(db):
    make_petition(db, "P-HOALU", received_on=date(2026, 3, 2))
    db.execute(text("UPDATE petition_figure_counts SET petitions = petitions + 5"))
    assert count_differences(db) != {}
    assert rebuild_petition_counts(db) >= 1
    assert count_differences(db) == {}
    assert db.scalar(select(func.sum(PetitionFigureCount.petitions))) == db.scalar(
        select(func.count()).select_from(Petition)
    )


def test_the_rebuild_command_rebuilds_the_petition_counts(engine):
    result = CliRunner().invoke(app, ["rebuild-aggregates"])
    assert result.exit_code == 0, result.output
    assert "petition counts: " in result.output


def test_a_complaint_sent_again_after_its_resolution_is_prolonged_before_acceptance(
    client, auth, db
):
    """No resolution limit runs yet (not accepted), but it repeats a resolved complaint: the
    dashboard counts it as prolonged, as the petition itself says."""
    original = make_petition(
        db,
        "X-GIAVIEN",
        received_on=date(2026, 1, 5),
        status=PetitionStatus.resolved,
        accepted_on=date(2026, 1, 8),
        decision_number="4/QĐ",
        decision_date=date(2026, 2, 2),
        outcome="partly_right",
    )
    again = make_petition(
        db, "X-GIAVIEN", received_on=date(2026, 9, 1), duplicate_of_id=original.id
    )
    assert again.resolution_due_on is None
    seen = client.get(f"/api/v1/petitions/{again.id}", headers=auth("admin")).json()
    assert seen["prolonged"] is True
    unit_id = again.unit_id
    body = client.get(f"/api/v1/dashboard?year=2026&unit_id={unit_id}", headers=auth("sonv"))
    assert body.status_code == 200, body.text
    total = body.json()["petitions"]["total"]
    assert (total["received"], total["resolved"], total["open"], total["prolonged"]) == (2, 1, 1, 1)
    assert count_differences(db) == {}
