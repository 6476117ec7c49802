"""The seven task groups of section III of the plan (III.1 … III.7), with which plan tasks,
activities and inspection findings are tagged. Members follow the plan's order."""

from api.common.enums import LabeledEnum, register


@register("task_group")
class TaskGroup(LabeledEnum):
    dissemination = (
        "dissemination",
        "Công tác tuyên truyền, quán triệt các văn bản chỉ đạo của Trung ương, "
        "của tỉnh về công tác dân vận",
    )
    administrative_reform = (
        "administrative_reform",
        "Gắn thực hiện công tác dân vận với đẩy mạnh thực hiện Chương trình cải cách "
        "hành chính; nâng cao đạo đức công vụ, tinh thần trách nhiệm, ý thức phục vụ "
        "Nhân dân của cán bộ, công chức, viên chức và người lao động",
    )
    grassroots_democracy = (
        "grassroots_democracy",
        "Tiếp tục thực hiện dân chủ ở cơ sở gắn với công tác dân vận chính quyền",
    )
    citizen_reception = (
        "citizen_reception",
        "Thực hiện tốt công tác đối thoại tiếp dân và giải quyết khiếu nại, tố cáo",
    )
    front_coordination = (
        "front_coordination",
        "Công tác phối hợp giữa các cơ quan quản lý nhà nước với Ủy ban Mặt trận Tổ quốc "
        "Việt Nam và các tổ chức chính trị - xã hội",
    )
    skilled_mobilisation = (
        "skilled_mobilisation",
        "Thực hiện phong trào thi đua “Dân vận khéo”, trọng tâm là mô hình "
        "“Chính quyền thân thiện vì Nhân dân phục vụ”",
    )
    inspection_review = (
        "inspection_review",
        "Công tác kiểm tra, giám sát, sơ kết, tổng kết",
    )

    @property
    def section(self) -> str:
        """The plan's numbering: 'III.1' … 'III.7'."""
        return f"III.{list(TaskGroup).index(self) + 1}"
