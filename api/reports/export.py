"""Reports as spreadsheets: the list as CSV, and the provincial summary's workbook."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from api.common.csv_export import Column
from api.common.sheets import append_row
from api.config import PROVINCE_TZ
from api.indicators.export import MISSED_FILL, PERCENT, _header
from api.reports.documents import met_label
from api.reports.models import UnitReport
from api.reports.periods import report_completeness
from api.reports.summary import Consolidation
from api.reports.workflow import is_late

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _late(r: UnitReport) -> str:
    late = is_late(r.first_submitted_at, r.period.deadline)
    return "" if late is None else ("Muộn" if late else "Đúng hạn")


REPORT_COLUMNS = [
    Column("Kỳ báo cáo", lambda r: r.period.label),
    Column("Hạn gửi", lambda r: r.period.deadline),
    Column("Mã đơn vị", lambda r: r.unit.code),
    Column("Đơn vị", lambda r: r.unit.name),
    Column("Trạng thái", lambda r: r.status),
    Column("Tình hình", lambda r: report_completeness(r, r.period.deadline)),
    Column("Gửi lần đầu", lambda r: r.first_submitted_at),
    Column("Đúng hạn", _late),
    Column("Gửi gần nhất", lambda r: r.submitted_at),
    Column("Tiếp nhận", lambda r: r.accepted_at),
]

UNIT_HEADERS = [
    "Mã đơn vị",
    "Đơn vị",
    "Tình hình báo cáo",
    "Số ý kiến đánh giá",
    "Hài lòng",
    "Tỷ lệ hài lòng",
    "Lượt tiếp công dân",
    "Thủ trưởng trực tiếp tiếp",
    "Đơn tiếp nhận",
    "Đã giải quyết",
    "Giải quyết đúng hạn",
    "Quá hạn",
    "Chủ trì kiểm tra",
    "Tự kiểm tra",
    "Được kiểm tra, giám sát",
    "Kiến nghị",
    "Kiến nghị quá hạn",
    "Lớp tập huấn",
    "Lượt người dự tập huấn",
    "Cán bộ được tập huấn",
    "Cuộc đối thoại",
    "Người dự đối thoại",
]


def summary_workbook(c: Consolidation) -> bytes:
    period = c.period
    book = Workbook()
    targets = book.active
    targets.title = "Chỉ tiêu"
    append_row(targets, [f"TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ THỊ 05-CT/TU — {period.label.upper()}"])
    targets["A1"].font = Font(bold=True, size=13)
    append_row(
        targets,
        [
            f"Số liệu từ ngày {period.data_from:%d/%m/%Y} đến ngày {period.data_to:%d/%m/%Y}; "
            f"tổng hợp từ {len(c.received)} báo cáo đã gửi"
        ],
    )
    _header(
        targets,
        ["Mã", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Tử số", "Mẫu số", "Đánh giá", "Đơn vị chưa đạt"],
        [8, 70, 10, 10, 10, 10, 16, 60],
    )
    for t in c.targets:
        append_row(
            targets,
            [
                t.code.value,
                t.name,
                t.target,
                t.value,
                t.numerator,
                t.denominator,
                met_label(t.met),
                ", ".join(c.falling_short.get(t.code, [])),
            ],
        )
        targets.cell(targets.max_row, 3).number_format = PERCENT
        targets.cell(targets.max_row, 4).number_format = PERCENT
        if t.met is False:
            targets.cell(targets.max_row, 7).fill = MISSED_FILL

    units = book.create_sheet("Theo đơn vị")
    _header(units, UNIT_HEADERS, [12, 40, 18, *[12] * (len(UNIT_HEADERS) - 3)])
    for line in c.lines:
        row: list[object] = [line.unit.code, line.unit.name, line.completeness.label]
        f = line.figures
        if f is not None:
            row += [
                f.satisfaction.answers,
                f.satisfaction.satisfied,
                f.satisfaction.rate,
                f.receptions.sessions,
                f.receptions.head_in_person,
                f.petitions.received,
                f.petitions.resolved,
                f.petitions.resolved_on_time,
                f.petitions.overdue,
                f.inspections.conducted,
                f.inspections.self_inspections,
                f.inspections.received,
                f.inspections.recommendations,
                f.inspections.recommendations_overdue,
                f.trainings.held,
                f.trainings.participants,
                f.trainings.officials_trained,
                f.dialogues.held,
                f.dialogues.participants,
            ]
        append_row(units, row)
        units.cell(units.max_row, 6).number_format = PERCENT

    status = book.create_sheet("Tình hình báo cáo")
    _header(
        status,
        ["Mã đơn vị", "Đơn vị", "Trạng thái", "Gửi lần đầu", "Đúng hạn", "Chưa gửi khi hết hạn"],
        [12, 40, 18, 18, 12, 14],
    )
    for line in c.lines:
        sent = line.report.first_submitted_at
        append_row(
            status,
            [
                line.unit.code,
                line.unit.name,
                line.completeness.label,
                sent.astimezone(PROVINCE_TZ).strftime("%d/%m/%Y %H:%M") if sent else None,
                None if line.late is None else ("Muộn" if line.late else "Đúng hạn"),
                "Có" if line.missing else "",
            ],
        )
        if line.late or line.missing:
            status.cell(status.max_row, 3).fill = MISSED_FILL

    notes = book.create_sheet("Khó khăn, kiến nghị")
    _header(
        notes,
        ["Mã đơn vị", "Đơn vị", "Khó khăn, vướng mắc", "Kiến nghị, đề xuất"],
        [12, 40, 80, 80],
    )
    for line in c.received:
        if line.report.difficulties or line.report.proposals:
            append_row(
                notes,
                [line.unit.code, line.unit.name, line.report.difficulties, line.report.proposals],
            )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
