"""The indicators workbook a coordinator pastes into the provincial report: one sheet of the
targets, then one sheet per target listing every unit it is about, with Vietnamese headers."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm, ensure_readable
from api.common.sheets import append_row
from api.indicators.enums import IndicatorCode
from api.indicators.service import (
    YearFacts,
    as_of,
    province_facts,
    province_indicators,
    unit_outcomes,
)

PERCENT = "0.0%"
HEADER = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MISSED_FILL = PatternFill("solid", fgColor="FCE4D6")


def _met_label(met: bool | None) -> str:
    return {True: "Đạt", False: "Chưa đạt", None: "Chưa có số liệu"}[met]


def _header(sheet: Worksheet, titles: list[str], widths: list[int]) -> None:
    append_row(sheet, titles)
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=sheet.max_row, column=index)
        cell.font, cell.fill = HEADER, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # the header stays in view


def indicators_workbook(db: Session, actor: Actor, year: int) -> bytes:
    ensure_readable(actor, Perm.indicators_read)  # the province's figures: not for one unit
    facts = province_facts(db, year)
    day = as_of(year)
    book = Workbook()
    summary = book.active
    summary.title = "Chỉ tiêu"
    append_row(summary, [f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH CHỈ THỊ 05-CT/TU NĂM {year}"])
    append_row(summary, [f"Số liệu tính đến ngày {day:%d/%m/%Y}"])
    summary["A1"].font = Font(bold=True, size=13)
    _header(
        summary,
        [
            "Mã",
            "Chỉ tiêu",
            "Mục tiêu",
            "Kết quả",
            "Tử số",
            "Mẫu số",
            "Đánh giá",
            "Số đơn vị chưa đạt",
        ],
        [8, 70, 10, 10, 10, 10, 16, 12],
    )
    for target in province_indicators(facts):
        append_row(
            summary,
            [
                target.code.value,
                target.name,
                target.target,
                target.value,
                target.numerator,
                target.denominator,
                _met_label(target.met),
                len(target.falling_short),
            ],
        )
        row = summary.max_row
        for column in (3, 4):
            summary.cell(row=row, column=column).number_format = PERCENT
        summary.cell(row=row, column=2).alignment = Alignment(wrap_text=True)
        if target.met is False:
            summary.cell(row=row, column=7).fill = MISSED_FILL
    for code in IndicatorCode:
        _target_sheet(book, code, facts)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _target_sheet(book: Workbook, code: IndicatorCode, facts: YearFacts) -> None:
    sheet = book.create_sheet(code.value)
    append_row(sheet, [f"{code.value}. {code.label}"])
    sheet["A1"].font = Font(bold=True)
    _header(
        sheet,
        [
            "STT",
            "Mã đơn vị",
            "Tên đơn vị",
            "Loại đơn vị",
            "Tử số",
            "Mẫu số",
            "Kết quả",
            "Đánh giá",
            "Lý do chưa đạt",
        ],
        [6, 14, 45, 14, 10, 10, 10, 16, 50],
    )
    for number, (unit, outcome) in enumerate(unit_outcomes(code, facts), start=1):
        append_row(
            sheet,
            [
                number,
                unit.code,
                unit.name,
                unit.kind.label,
                outcome.numerator,
                outcome.denominator,
                outcome.value,
                _met_label(outcome.met),
                outcome.reason,
            ],
        )
        row = sheet.max_row
        sheet.cell(row=row, column=7).number_format = PERCENT
        if outcome.met is False:
            sheet.cell(row=row, column=8).fill = MISSED_FILL
