"""Reports as Word documents in the administrative style of a Vietnamese provincial report
(Decree 30/2020/NĐ-CP): agency and national motto side by side, number and date lines, the
title, numbered sections. One set of builders for a unit's report and the provincial summary."""

from collections.abc import Iterable, Sequence
from copy import deepcopy
from datetime import date
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from api.common.task_groups import TaskGroup
from api.config import PROVINCE_TZ
from api.indicators.service import percent
from api.reception.enums import CaseType, PetitionField, SessionType
from api.reports.enums import Completeness
from api.reports.models import UnitReport
from api.reports.schemas import Narrative, ReportFigures, TargetFigure
from api.reports.summary import Consolidation
from api.units.enums import LOCAL_KINDS
from api.units.models import Unit

PROVINCE = "UBND TỈNH NINH BÌNH"
COORDINATOR = "SỞ NỘI VỤ"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
PLAN = "Kế hoạch thực hiện Chỉ thị số 05-CT/TU về công tác dân vận chính quyền"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def date_line(day: date | None) -> str:
    """`Ninh Bình, ngày 02 tháng 12 năm 2026`, or blanks to fill in when signing."""
    if day is None:
        return "Ninh Bình, ngày …… tháng …… năm ……"
    return f"Ninh Bình, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def met_label(met: bool | None) -> str:
    return {True: "Đạt", False: "Chưa đạt", None: "Chưa có số liệu"}[met]


def share(value: float | None) -> str:
    return "—" if value is None else percent(value)


# --- the page ------------------------------------------------------------------------------


def _line(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False, first=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    return paragraph


def new_document(
    parent: str | None, agency: str, number: str, day: date | None, title: str, subtitle: str
) -> DocxDocument:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    for section in document.sections:
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    first = True
    if parent:
        _line(left, parent, first=True)
        first = False
    _line(left, agency, bold=True, first=first)
    _line(left, number)
    _line(right, MOTTO, bold=True, first=True)
    _line(right, MOTTO_LINE, bold=True)
    _line(right, date_line(day), italic=True)
    for text, size in ((title, 14), (subtitle, 13)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    return document


def heading(document: DocxDocument, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.bold = True


def text(document: DocxDocument, content: str, *, italic: bool = False) -> None:
    for part in content.splitlines() or [""]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.add_run(part).italic = italic


def table(document: DocxDocument, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    grid = document.add_table(rows=2, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    # python-docx builds each cell through its object model (~1 ms a cell); the province's
    # tables have thousands, so data rows are copies of one prepared row, texts set in place.
    for cell in grid.rows[1].cells:
        cell.text = "-"
    template = grid.rows[1]._tr
    for row in rows:
        tr = deepcopy(template)
        for node, value in zip(tr.iter(qn("w:t")), row, strict=True):
            node.text = "" if value is None else str(value)
        template.addprevious(tr)
    grid._tbl.remove(template)
    document.add_paragraph()


def signature(document: DocxDocument, receivers: list[str], signer: str) -> None:
    grid = document.add_table(rows=1, cols=2)
    left, right = grid.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    for receiver in receivers:
        left.add_paragraph(f"- {receiver};")
    _line(right, signer, bold=True, first=True)


def to_bytes(document: DocxDocument) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- figures, as the sections show them ----------------------------------------------------

TARGET_HEADERS = ("Mã", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Tử số/Mẫu số", "Đánh giá")


def target_rows(targets: list[TargetFigure]) -> list[tuple[object, ...]]:
    return [
        (
            t.code.value,
            t.name,
            percent(t.target),
            share(t.value),
            f"{t.numerator}/{t.denominator}",
            met_label(t.met),
        )
        for t in targets
    ]


def unit_figure_lines(group: TaskGroup, f: ReportFigures) -> list[str]:
    """The figures a unit's report states under a task group."""
    match group:
        case TaskGroup.administrative_reform:
            s = f.satisfaction
            return [
                f"Ý kiến đánh giá về giải quyết thủ tục hành chính: {s.answers}, trong đó hài "
                f"lòng và rất hài lòng {s.satisfied} (tỷ lệ {share(s.rate)}).",
                f"Tập huấn, bồi dưỡng: {f.trainings.held} lớp, {f.trainings.participants} "
                f"lượt người tham dự, {f.trainings.officials_trained} cán bộ phụ trách công tác "
                "dân vận được tập huấn.",
            ]
        case TaskGroup.grassroots_democracy:
            return [
                f"Đối thoại với Nhân dân: {f.dialogues.held} cuộc, "
                f"{f.dialogues.participants} lượt người tham dự."
            ]
        case TaskGroup.citizen_reception:
            r, p = f.receptions, f.petitions
            sessions = ", ".join(
                f"{t.label.lower()} {r.by_session_type.get(t.value, 0)}" for t in SessionType
            )
            return [
                f"Tiếp công dân: {r.sessions} lượt ({sessions}), {r.citizens} người; thủ "
                f"trưởng trực tiếp tiếp {r.head_in_person} lượt.",
                f"Đơn thư tiếp nhận: {p.received}; đã giải quyết {p.resolved}, trong đó đúng hạn "
                f"{p.resolved_on_time}; quá hạn chưa giải quyết {p.overdue}.",
            ]
        case TaskGroup.inspection_review:
            i = f.inspections
            return [
                f"Kiểm tra, giám sát: chủ trì {i.conducted} cuộc, tự kiểm tra {i.self_inspections} "
                f"cuộc, được kiểm tra, giám sát {i.received} cuộc; kiến nghị {i.recommendations}, "
                f"đã thực hiện {i.recommendations_done}, quá hạn {i.recommendations_overdue}."
            ]
    return []


def _petition_rows(f: ReportFigures) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for kind, labels in (("Loại đơn", CaseType), ("Lĩnh vực", PetitionField)):
        groups = f.petitions.by_case_type if kind == "Loại đơn" else f.petitions.by_field
        for member in labels:
            c = groups.get(member.value)
            if c is not None:
                rows.append(
                    (
                        f"{kind}: {member.label}",
                        c.received,
                        c.resolved,
                        c.resolved_on_time,
                        c.overdue,
                    )
                )
    return rows


PETITION_HEADERS = ("Phân loại", "Tiếp nhận", "Đã giải quyết", "Đúng hạn", "Quá hạn")


# --- a unit's own report -------------------------------------------------------------------


def _unit_agency(unit: Unit) -> tuple[str | None, str]:
    """(the line above, the agency): a commune's or ward's People's Committee stands alone."""
    name = unit.name.upper()
    if unit.kind in LOCAL_KINDS:
        own = name.startswith(("UBND", "ỦY BAN NHÂN DÂN"))
        return None, name if own else f"ỦY BAN NHÂN DÂN {name}"
    return PROVINCE, name


def _narrative_sections(document: DocxDocument, narrative: Narrative, f: ReportFigures | None):
    for group in TaskGroup:
        heading(document, group.label)
        for line in unit_figure_lines(group, f) if f is not None else []:
            text(document, f"- {line}")
        written = getattr(narrative, group.value)
        text(document, written or "(Đơn vị chưa báo cáo nội dung này.)", italic=not written)


def unit_document(report: UnitReport) -> bytes:
    period, unit = report.period, report.unit
    parent, agency = _unit_agency(unit)
    sent = report.submitted_at.astimezone(PROVINCE_TZ).date() if report.submitted_at else None
    document = new_document(
        parent,
        agency,
        "Số:        /BC",
        sent,
        "BÁO CÁO",
        f"Kết quả thực hiện {PLAN} — {period.label}",
    )
    text(
        document,
        f"(Số liệu từ ngày {period.data_from:%d/%m/%Y} đến ngày {period.data_to:%d/%m/%Y})",
        italic=True,
    )
    figures = ReportFigures.model_validate(report.figures) if report.figures else None
    heading(document, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    if figures is not None and figures.targets:
        table(document, TARGET_HEADERS, target_rows(figures.targets))
    else:
        text(document, "Đơn vị không thuộc đối tượng tính các chỉ tiêu của Kế hoạch.")
    if figures is not None and figures.petitions.received:
        heading(document, "Đơn thư tiếp nhận theo loại và lĩnh vực")
        table(document, PETITION_HEADERS, _petition_rows(figures))
    heading(document, "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")
    _narrative_sections(document, Narrative(**report.narrative), figures)
    heading(document, "III. KHÓ KHĂN, VƯỚNG MẮC")
    text(document, report.difficulties or "Không.")
    heading(document, "IV. KIẾN NGHỊ, ĐỀ XUẤT")
    text(document, report.proposals or "Không.")
    signature(document, ["UBND tỉnh (qua Sở Nội vụ)", "Lưu: VT"], "THỦ TRƯỞNG ĐƠN VỊ")
    return to_bytes(document)


# --- the provincial summary ----------------------------------------------------------------

# Tables by unit, placed under the task group they account for.
BY_UNIT: dict[TaskGroup, tuple[tuple[str, ...], object]] = {
    TaskGroup.administrative_reform: (
        ("Đơn vị", "Số ý kiến", "Hài lòng", "Tỷ lệ", "Lớp tập huấn", "Cán bộ được tập huấn"),
        lambda f: (
            f.satisfaction.answers,
            f.satisfaction.satisfied,
            share(f.satisfaction.rate),
            f.trainings.held,
            f.trainings.officials_trained,
        ),
    ),
    TaskGroup.grassroots_democracy: (
        ("Đơn vị", "Cuộc đối thoại", "Người tham dự"),
        lambda f: (f.dialogues.held, f.dialogues.participants),
    ),
    TaskGroup.citizen_reception: (
        (
            "Đơn vị",
            "Lượt tiếp",
            "Thủ trưởng tiếp",
            "Đơn tiếp nhận",
            "Đã giải quyết",
            "Đúng hạn",
            "Quá hạn",
        ),
        lambda f: (
            f.receptions.sessions,
            f.receptions.head_in_person,
            f.petitions.received,
            f.petitions.resolved,
            f.petitions.resolved_on_time,
            f.petitions.overdue,
        ),
    ),
    TaskGroup.inspection_review: (
        ("Đơn vị", "Chủ trì kiểm tra", "Tự kiểm tra", "Được kiểm tra", "Kiến nghị", "Quá hạn"),
        lambda f: (
            f.inspections.conducted,
            f.inspections.self_inspections,
            f.inspections.received,
            f.inspections.recommendations,
            f.inspections.recommendations_overdue,
        ),
    ),
}


def _quoted(document: DocxDocument, items: list[tuple[str, str]], empty: str) -> None:
    """`- Unit: “what it wrote”`, one paragraph each, copied from one prepared paragraph."""
    if not items:
        text(document, empty, italic=True)
        return
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.add_run("- name: ").bold = True
    paragraph.add_run("“content”").italic = True
    template = paragraph._p
    for name, content in items:
        p = deepcopy(template)
        name_node, content_node = p.iter(qn("w:t"))
        name_node.text, content_node.text = f"- {name}: ", f"“{content}”"
        template.addprevious(p)
    template.getparent().remove(template)


def summary_document(c: Consolidation) -> bytes:
    period = c.period
    document = new_document(
        PROVINCE,
        COORDINATOR,
        "Số:        /BC-SNV",
        c.day,
        "BÁO CÁO",
        f"Tổng hợp kết quả thực hiện {PLAN} — {period.label}",
    )
    text(
        document,
        f"(Số liệu từ ngày {period.data_from:%d/%m/%Y} đến ngày {period.data_to:%d/%m/%Y})",
        italic=True,
    )
    text(
        document,
        "Thực hiện Kế hoạch của UBND tỉnh, trên cơ sở báo cáo của các cơ quan, đơn vị, địa "
        "phương, Sở Nội vụ tổng hợp báo cáo như sau:",
    )
    heading(document, "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ, ĐỊA PHƯƠNG")
    on_time = sum(1 for line in c.lines if line.late is False)
    text(
        document,
        f"Số đơn vị phải báo cáo: {len(c.lines)}; đã gửi: "
        f"{sum(1 for line in c.lines if line.report.first_submitted_at)}, trong đó đúng hạn "
        f"{on_time}, muộn {len(c.late)}; đã tiếp nhận: {c.count(Completeness.accepted)}; "
        f"bị trả lại: {c.count(Completeness.returned)}; chưa gửi: "
        f"{sum(1 for line in c.lines if line.report.first_submitted_at is None)}. Hạn gửi "
        f"báo cáo: ngày {period.deadline:%d/%m/%Y}.",
    )
    heading(document, "1. Các đơn vị gửi báo cáo muộn")
    table(
        document,
        ("STT", "Đơn vị", "Ngày gửi"),
        [
            (
                n,
                line.unit.name,
                f"{line.report.first_submitted_at.astimezone(PROVINCE_TZ):%d/%m/%Y %H:%M}",
            )
            for n, line in enumerate(c.late, start=1)
        ],
    )
    heading(document, "2. Các đơn vị chưa gửi báo cáo")
    table(
        document,
        ("STT", "Đơn vị", "Tình trạng"),
        [(n, line.unit.name, line.completeness.label) for n, line in enumerate(c.missing, 1)],
    )
    heading(document, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    text(document, f"Tổng hợp từ {len(c.received)} báo cáo đã gửi Sở Nội vụ.", italic=True)
    table(document, TARGET_HEADERS, target_rows(c.targets))
    for code, names in c.falling_short.items():
        if names:
            text(document, f"- {code.value} chưa đạt: {', '.join(names)}.")
    heading(document, "III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")
    for group in TaskGroup:
        heading(document, group.label)
        if group in BY_UNIT:
            headers, values = BY_UNIT[group]
            table(
                document,
                headers,
                [(line.unit.short_name, *values(line.figures)) for line in c.received],  # type: ignore[operator]
            )
        _quoted(
            document,
            [
                (line.unit.short_name, getattr(line.narrative, group.value))
                for line in c.received
                if getattr(line.narrative, group.value)
            ],
            "Chưa có đơn vị báo cáo nội dung này.",
        )
    heading(document, "IV. KHÓ KHĂN, VƯỚNG MẮC")
    _quoted(
        document,
        [
            (ln.unit.short_name, ln.report.difficulties)
            for ln in c.received
            if ln.report.difficulties
        ],
        "Không có đơn vị nêu khó khăn, vướng mắc.",
    )
    heading(document, "V. KIẾN NGHỊ, ĐỀ XUẤT")
    _quoted(
        document,
        [(ln.unit.short_name, ln.report.proposals) for ln in c.received if ln.report.proposals],
        "Không có đơn vị nêu kiến nghị, đề xuất.",
    )
    signature(document, ["UBND tỉnh (để báo cáo)", "Lưu: VT, CQ"], "GIÁM ĐỐC")
    return to_bytes(document)
