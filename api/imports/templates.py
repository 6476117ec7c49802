"""A template for each kind: the columns with their Vietnamese labels, one example row,
dropdowns for the enumeration columns, and a sheet of the valid unit codes."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.common.sheets import append_row
from api.imports.engine import ImportKind
from api.units.models import Unit

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
DATA_ROWS = 5000  # dropdowns reach this far down the sheet


def template_csv(kind: ImportKind) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.label for column in kind.columns])
    writer.writerow([column.example for column in kind.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(db: Session, kind: ImportKind) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = kind.label[:31]
    append_row(sheet, [column.label for column in kind.columns])
    append_row(sheet, [column.example for column in kind.columns])
    lists = book.create_sheet("Danh mục")
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.fill = HEADER_FILL
        header.font = REQUIRED_FONT if column.required else Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, len(column.label) + 4)
        if column.choices:
            lists.cell(row=1, column=index, value=column.label)
            for offset, label in enumerate(column.choices, start=2):
                lists.cell(row=offset, column=index, value=label)
            source = (
                f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${len(column.choices) + 1}"
            )
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error=f"Chọn một giá trị của '{column.label}' trong danh sách",
            )
            validation.add(f"{letter}2:{letter}{DATA_ROWS}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    units = book.create_sheet("Đơn vị")
    append_row(units, ["Mã đơn vị", "Tên đơn vị", "Mã định danh điện tử", "Loại"])
    for code, name, agency, unit_kind in db.execute(
        select(Unit.code, Unit.name, Unit.agency_code, Unit.kind)
        .where(Unit.is_active)
        .order_by(Unit.code)
    ):
        append_row(units, [code, name, agency, unit_kind.label])
    units.column_dimensions["A"].width, units.column_dimensions["B"].width = 16, 50
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
