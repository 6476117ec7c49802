import pytest

from api.plans.models import Plan
from tests.api.plans.builders import make_plan
from tests.api.plans.permission_table import CASES, Resource, check_permission

PLANS = Resource(
    path="/api/v1/plans",
    model=Plan,
    build=make_plan,
    create_body=lambda unit_id: {
        "unit_id": unit_id,
        "year": 2026,
        "kind": "implementation",
        "title": "Kế hoạch thực hiện Chỉ thị 05",
    },
    patch_body={"title": "Tên mới"},
    patched_field="title",
)


@pytest.mark.parametrize(("role", "action"), CASES)
def test_plan_permissions(client, auth, db, role, action):
    check_permission(client, auth, db, PLANS, role, action)
