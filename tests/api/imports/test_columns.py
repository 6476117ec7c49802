"""Reading a column of cells at once gives what parsing each cell alone gives."""

import unicodedata
from datetime import date

from api.imports.columns import (
    BLANK,
    CellError,
    Column,
    Context,
    UnitIndex,
    boolean,
    integer,
    text,
    unit,
)
from api.imports.reading import UncomputedFormula

CONTEXT = Context(UnitIndex(by_code={"X-GIAVIEN": 7}, by_name={}, by_agency_code={}))


def _one_by_one(column: Column, cells: list) -> list:
    results = []
    for cell in cells:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            results.append(BLANK)
            continue
        try:
            results.append(column.parse(cell, CONTEXT))
        except CellError as exc:
            results.append((exc.code, exc.message))
    return results


def _read(column: Column, cells: list) -> list:
    reader = column.reader(CONTEXT)
    first = reader.read(cells)
    again = reader.read(cells)  # the second time from what the first remembered
    assert [_plain(r) for r in first] == [_plain(r) for r in again]
    return [_plain(r) for r in first]


def _plain(result):
    return (result.code, result.message) if isinstance(result, CellError) else result


def test_a_column_of_few_values_is_read_as_cell_by_cell():
    cells = ["X-GIAVIEN", "x-giavien ", "NOWHERE", None, "  ", "NOWHERE", 7, "X-GIAVIEN"]
    column = Column("unit_code", "Đơn vị", unit)
    assert _read(column, cells) == _one_by_one(column, cells)
    assert _read(column, cells)[:4] == [7, 7, ("unknown_unit", _read(column, cells)[2][1]), BLANK]


def test_cells_equal_in_python_but_of_other_types_are_parsed_apart():
    cells = [True, 1, 1.0, "1", 0, False, "có", 2]
    column = Column("is_active", "Đang hoạt động", boolean)
    assert _read(column, cells) == _one_by_one(column, cells)
    assert _read(Column("n", "Số", integer()), [True, 1, 1.0]) == [
        ("invalid_number", "Cần một số nguyên"),
        1,
        1,
    ]


def test_a_text_column_is_read_as_cell_by_cell():
    cells = [
        " HS-1 ",
        unicodedata.normalize("NFD", "Nguyễn"),
        "",
        None,
        45.0,
        date(2026, 3, 1),
        "x" * 65,
        UncomputedFormula('="HS-"&"7"'),
        "ok",
    ]
    column = Column("dossier_code", "Mã hồ sơ", text(64))
    assert _read(column, cells) == _one_by_one(column, cells)
    assert _read(column, cells)[:5] == ["HS-1", "Nguyễn", BLANK, BLANK, "45"]
    assert _read(column, cells)[6][0] == "too_long"
    assert _read(column, cells)[7][0] == "formula_not_computed"
