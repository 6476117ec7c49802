def test_task_groups_are_section_iii_of_the_plan(client):
    enums = client.get("/api/v1/meta/enums").json()
    labels = [c["label"] for c in enums["task_group"]]
    assert [label.split(".")[1] for label in labels] == [str(n) for n in range(1, 8)]
    assert all(label.startswith("III.") for label in labels)
    assert {c["value"] for c in enums["plan_status"]} == {
        "draft",
        "issued",
        "in_progress",
        "completed",
        "cancelled",
    }
    assert {c["value"] for c in enums["model_rating"]} == {
        "excellent",
        "good",
        "achieved",
        "not_achieved",
    }
    assert "training" in {c["value"] for c in enums["activity_kind"]}
