"""Rows into openpyxl worksheets. XML 1.0, and so a workbook, has no place for most control
characters, which text typed through the API or imported may carry (a unit's name, a period's
label, a report's narrative): they are left out of the cell rather than failing the file."""

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet


def sheet_text(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    sheet.append([sheet_text(value) for value in values])
