"""Builders of plans, tasks, activities and officials, straight into the database.

Each commits (a savepoint in tests): a request that fails rolls back only its own work."""

from datetime import date
from itertools import count

from sqlalchemy.orm import Session

from api.activities.enums import ActivityKind
from api.activities.models import Activity, Official
from api.common.task_groups import TaskGroup
from api.plans.enums import PlanKind, PlanStatus, TaskStatus
from api.plans.models import Plan, PlanTask

_seq = count(1)


def make_plan(db: Session, unit_id: int, **fields: object) -> Plan:
    n = next(_seq)
    values: dict[str, object] = {
        "unit_id": unit_id,
        "year": 2026,
        "kind": PlanKind.implementation,
        "title": f"Kế hoạch thử {n}",
        "status": PlanStatus.draft,
        "tasks": [],
    }
    values.update(fields)
    plan = Plan(**values)
    db.add(plan)
    db.commit()
    return plan


def make_task(db: Session, plan: Plan, **fields: object) -> PlanTask:
    values: dict[str, object] = {
        "task_group": TaskGroup.dissemination,
        "title": f"Nhiệm vụ thử {next(_seq)}",
        "status": TaskStatus.not_started,
        "progress": 0,
    }
    values.update(fields)
    task = PlanTask(**values)
    plan.tasks.append(task)  # keeps the plan's loaded collection in step
    db.commit()
    return task


def make_activity(db: Session, unit_id: int, **fields: object) -> Activity:
    values: dict[str, object] = {
        "unit_id": unit_id,
        "kind": ActivityKind.dissemination,
        "held_on": date(2026, 3, 2),
        "title": f"Hoạt động thử {next(_seq)}",
        "participants": 30,
    }
    values.update(fields)
    activity = Activity(**values)
    db.add(activity)
    db.commit()
    return activity


def make_official(db: Session, unit_id: int, **fields: object) -> Official:
    values: dict[str, object] = {
        "unit_id": unit_id,
        "full_name": f"Cán bộ thử {next(_seq)}",
        "position": "Chuyên viên",
        "is_active": True,
    }
    values.update(fields)
    official = Official(**values)
    db.add(official)
    db.commit()
    return official
