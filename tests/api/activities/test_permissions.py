import pytest

from api.activities.models import Activity, Official
from tests.api.plans.builders import make_activity, make_official
from tests.api.plans.permission_table import CASES, Resource, check_permission

ACTIVITIES = Resource(
    path="/api/v1/activities",
    model=Activity,
    build=make_activity,
    create_body=lambda unit_id: {
        "unit_id": unit_id,
        "kind": "review",
        "held_on": "2026-06-30",
        "title": "Sơ kết 6 tháng công tác dân vận chính quyền",
        "participants": 45,
    },
    patch_body={"participants": 60},
    patched_field="participants",
)
OFFICIALS = Resource(
    path="/api/v1/officials",
    model=Official,
    build=make_official,
    create_body=lambda unit_id: {"unit_id": unit_id, "full_name": "Phạm Minh Đức"},
    patch_body={"position": "Phó Chánh Văn phòng"},
    patched_field="position",
)


@pytest.mark.parametrize("resource", [ACTIVITIES, OFFICIALS], ids=["activities", "officials"])
@pytest.mark.parametrize(("role", "action"), CASES)
def test_activity_and_official_permissions(client, auth, db, resource, role, action):
    check_permission(client, auth, db, resource, role, action)
