"""The spreadsheets of inspections and recommendations, as the screens show them."""

from datetime import date

from api.common.csv_export import Column
from api.common.task_groups import TaskGroup

INSPECTION_COLUMNS = [
    Column("Số", lambda i: i.id),
    Column("Loại", lambda i: i.kind),
    Column("Tên cuộc kiểm tra, giám sát", lambda i: i.title),
    Column("Đơn vị kiểm tra", lambda i: i.inspecting_unit.name),
    Column("Đơn vị được kiểm tra", lambda i: i.inspected_unit.name),
    Column("Từ ngày (dự kiến)", lambda i: i.planned_from),
    Column("Đến ngày (dự kiến)", lambda i: i.planned_to),
    Column("Ngày bắt đầu", lambda i: i.started_on),
    Column("Ngày kết thúc", lambda i: i.ended_on),
    Column("Trạng thái", lambda i: i.status),
    Column("Nội dung", lambda i: "; ".join(TaskGroup(g).section for g in i.scope)),
    Column("Kết luận", lambda i: i.conclusion),
    Column("Xếp loại", lambda i: i.rating),
]


def recommendation_columns(today: date) -> list[Column]:
    return [
        Column("Số", lambda r: r.id),
        Column("Cuộc kiểm tra, giám sát", lambda r: r.inspection.title),
        Column("Đơn vị kiểm tra", lambda r: r.inspection.inspecting_unit.name),
        Column("Nội dung kiến nghị", lambda r: r.text),
        Column("Đơn vị thực hiện", lambda r: r.responsible_unit.name),
        Column("Hạn thực hiện", lambda r: r.due_on),
        Column("Trạng thái", lambda r: r.status),
        Column("Quá hạn", lambda r: r.is_overdue(today)),
    ]
