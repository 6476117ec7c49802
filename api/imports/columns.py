"""Columns of an import and how a person types their cells: a unit by code or exact name, an
enumeration by value or Vietnamese label, a date as dd/mm/yyyy, ISO or an Excel date cell.

A parser turns one cell into the value the domain's schema expects, or raises CellError with
a Vietnamese message. The columns several kinds share are made here too."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from pydantic import EmailStr, TypeAdapter, ValidationError

from api.common.enums import LabeledEnum
from api.common.task_groups import TaskGroup
from api.common.text import fold, nfc
from api.config import PROVINCE_TZ
from api.imports.reading import Cell, UncomputedFormula


class CellError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class UnitIndex:
    """The units a file may name: by code (any case), by exact name (any case), or by the
    agency code the portal uses."""

    by_code: dict[str, int]
    by_name: dict[str, int]
    by_agency_code: dict[str, int]

    def resolve(self, text: str) -> int:
        unit_id = (
            self.by_code.get(text.strip().upper())
            or self.by_name.get(nfc(text).strip().casefold())
            or self.by_agency_code.get(text.strip().upper())
        )
        if unit_id is None:
            raise CellError("unknown_unit", f"Không tìm thấy đơn vị có mã hoặc tên '{text}'")
        return unit_id


@dataclass(frozen=True)
class Context:
    """What parsers need besides the cell: the unit index, loaded once per import."""

    units: UnitIndex


Parser = Callable[[Cell, Context], Any]


@dataclass(frozen=True)
class Column:
    name: str  # the API's field name; also accepted as a header
    label: str  # the Vietnamese header of the template
    parse: Parser
    required: bool = False
    example: str = ""
    choices: tuple[str, ...] = ()  # labels offered as a dropdown in the template
    aliases: tuple[str, ...] = field(default=())
    default: Any = None  # the value of a blank cell (an optional column with a usual value)

    def headers(self) -> set[str]:
        return {fold(self.name), fold(self.label), *(fold(a) for a in self.aliases)}

    def reader(self, context: Context) -> "ColumnReader":
        return ColumnReader(self.parse, context, self.parse in _FEW_VALUES)


BLANK = object()  # what ColumnReader gives for a blank cell
_UNSEEN = object()
_MEMO_LIMIT = 10_000  # distinct cells remembered per column


class ColumnReader:
    """One column's cells, a chunk of rows at a time: each cell's value, BLANK, or the
    CellError it raised. A parser of few distinct values (units, enumerations: a file of
    100,000 rows names a few dozen) reads each distinct cell once for the whole import."""

    def __init__(self, parse: Parser, context: Context, memoise: bool) -> None:
        self.parse, self.context = parse, context
        # Keyed by type too: True == 1 == 1.0, but a parser may tell them apart.
        self.memo: dict[tuple[type, Cell], Any] | None = {} if memoise else None

    def read(self, cells: Iterable[Cell]) -> list[Any]:
        parse, context, memo = self.parse, self.context, self.memo
        if memo is None:
            if isinstance(parse, _Text):
                return parse.many(cells, context)
            return [_read_cell(parse, cell, context) for cell in cells]
        results = []
        for cell in cells:
            key = (type(cell), cell)
            value = memo.get(key, _UNSEEN)
            if value is _UNSEEN:
                value = _read_cell(parse, cell, context)
                if len(memo) < _MEMO_LIMIT:
                    memo[key] = value
            results.append(value)
        return results


def _read_cell(parse: Parser, cell: Cell, context: Context) -> Any:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return BLANK
    try:
        return parse(cell, context)
    except CellError as exc:
        return exc


_FEW_VALUES: set[Parser] = set()


def few_values(parse: Parser) -> Parser:
    """Mark a parser whose cells repeat (a unit, an enumeration) and whose value depends only
    on the cell and the import's context, so each distinct cell is parsed once. Its values
    must be immutable: rows share them."""
    _FEW_VALUES.add(parse)
    return parse


def _text_of(cell: Cell) -> str:
    if isinstance(cell, UncomputedFormula):
        raise CellError(
            "formula_not_computed",
            "Ô chứa công thức chưa có giá trị: mở tệp bằng Excel, lưu lại rồi tải lên",
        )
    if type(cell) is str:  # most cells: spare the other tests
        return (cell if cell.isascii() else nfc(cell)).strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # 45 typed in a text column comes back from Excel as 45.0
    return nfc(str(cell)).strip()


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


class _Text:
    """A text cell, trimmed and NFC, of at most `max_length` characters."""

    def __init__(self, max_length: int | None) -> None:
        self.max_length = max_length

    def __call__(self, cell: Cell, _: Context) -> str:
        return self._checked(_text_of(cell))

    def _checked(self, value: str) -> str:
        if self.max_length is not None and len(value) > self.max_length:
            raise CellError("too_long", f"Dài quá {self.max_length} ký tự ({len(value)})")
        return value

    def many(self, cells: Iterable[Cell], context: Context) -> list[Any]:
        """As ColumnReader.read: a plain string (every cell of a CSV) without a call each."""
        results: list[Any] = []
        for cell in cells:
            if type(cell) is not str:
                results.append(_read_cell(self, cell, context))
                continue
            value = (cell if cell.isascii() else nfc(cell)).strip()
            if not value:
                results.append(BLANK)
            elif self.max_length is not None and len(value) > self.max_length:
                results.append(_read_cell(self, cell, context))  # the error, as one cell gives it
            else:
                results.append(value)
        return results


def text(max_length: int | None = None) -> Parser:
    return _Text(max_length)


_GROUPED = re.compile(r"^-?\d{1,3}([. ]\d{3})+$")  # 1.234.567: Vietnamese thousands groups


def integer(minimum: int | None = 0) -> Parser:
    def parse(cell: Cell, _: Context) -> int:
        if isinstance(cell, bool):
            raise CellError("invalid_number", "Cần một số nguyên")
        if isinstance(cell, int | float):
            if not float(cell).is_integer():
                raise CellError("invalid_number", f"'{cell}' không phải số nguyên")
            value = int(cell)
        else:
            typed = _text_of(cell)
            digits = re.sub(r"[. ]", "", typed) if _GROUPED.match(typed) else typed
            if not re.fullmatch(r"-?\d+", digits):
                raise CellError("invalid_number", f"'{typed}' không phải số nguyên")
            value = int(digits)
        if minimum is not None and value < minimum:
            raise CellError("invalid_number", f"Không được nhỏ hơn {minimum}")
        if abs(value) > 2_147_483_647:
            raise CellError("invalid_number", "Số quá lớn")
        return value

    return parse


_TRUE = {"co", "x", "1", "true", "yes", "dung", "c"}
_FALSE = {"khong", "0", "false", "no", "sai", "k"}


@few_values
def boolean(cell: Cell, _: Context) -> bool:
    if isinstance(cell, bool):
        return cell
    word = fold(_text_of(cell))
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError("invalid_choice", f"'{_text_of(cell)}' không phải Có/Không")


_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DMY_TIME = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _date_from_text(value: str) -> date:
    if match := _DMY.match(value):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    else:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CellError("invalid_date", f"'{value}' không phải ngày (dd/mm/yyyy)")


def day(cell: Cell, _: Context) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 1 <= cell < 2958466:
        return _EXCEL_EPOCH + timedelta(days=int(cell))  # a date cell read as its serial
    return _date_from_text(_text_of(cell))


def moment(cell: Cell, _: Context) -> datetime:
    """A time, in the province's zone unless the text names an offset."""
    if isinstance(cell, datetime):
        return cell if cell.tzinfo else cell.replace(tzinfo=PROVINCE_TZ)
    if isinstance(cell, date):
        return datetime.combine(cell, time(), PROVINCE_TZ)
    value = _text_of(cell)
    if match := _DMY_TIME.match(value):
        d, mo, y, h, mi, s = match.groups()
        try:
            return datetime(
                int(y), int(mo), int(d), int(h), int(mi), int(s) if s else 0, tzinfo=PROVINCE_TZ
            )
        except ValueError:
            pass
    else:
        try:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=PROVINCE_TZ)
        except ValueError:
            pass
    raise CellError("invalid_datetime", f"'{value}' không phải thời điểm (dd/mm/yyyy hh:mm)")


def choice(enum_cls: type[LabeledEnum]) -> Parser:
    """An enumeration by its value or its Vietnamese label, case and diacritics aside."""
    lookup: dict[str, Enum] = {}
    for member in enum_cls:
        lookup[fold(member.value)] = member
        lookup[fold(member.label)] = member

    def parse(cell: Cell, _: Context) -> str:
        member = lookup.get(fold(_text_of(cell)))
        if member is None:
            labels = ", ".join(m.label for m in enum_cls)
            raise CellError("invalid_choice", f"'{_text_of(cell)}' không hợp lệ; chọn: {labels}")
        return member.value

    return few_values(parse)


@few_values
def unit(cell: Cell, context: Context) -> int:
    return context.units.resolve(_text_of(cell))


_EMAIL: TypeAdapter[str] = TypeAdapter(EmailStr)


def email(cell: Cell, context: Context) -> str:
    """An address as the schemas store it (domain in lower case), so a re-upload compares
    equal to what is stored."""
    value = text(255)(cell, context)
    try:
        return _EMAIL.validate_python(value)
    except ValidationError:
        raise CellError(
            "invalid_email", f"'{value}' không phải địa chỉ thư điện tử hợp lệ"
        ) from None


_TASK_GROUPS = {
    fold(name): group for group in TaskGroup for name in (group.value, group.label, group.section)
}
# Labels hold commas themselves, so a list reads them whole before splitting on commas.
_TASK_GROUP_LABELS = [(fold(group.label), group.value) for group in TaskGroup]


def _task_group_named(typed: str) -> TaskGroup:
    group = _TASK_GROUPS.get(fold(typed))
    if group is None:
        raise CellError(
            "invalid_choice",
            f"'{typed}' không phải nhóm nhiệm vụ; dùng III.1 … III.7, mã hoặc tên nhóm",
        )
    return group


@few_values
def task_group(cell: Cell, _: Context) -> str:
    """A task group by value, label, or the plan's own numbering alone ("III.1")."""
    return _task_group_named(_text_of(cell)).value


def task_groups(cell: Cell, _: Context) -> list[str]:
    """Task groups separated by commas, semicolons or lines, each as one cell of
    `task_group` reads it; in the plan's order."""
    typed = fold(_text_of(cell).replace("\n", ";"))  # fold would make lines one
    for label, value in _TASK_GROUP_LABELS:
        typed = typed.replace(label, value)
    words = filter(None, (word.strip() for word in re.split(r"[,;]", typed)))
    groups = {_task_group_named(word) for word in words}
    return [group.value for group in TaskGroup if group in groups]


# --- the columns several kinds share ----------------------------------------------------------

UNIT_ALIASES = ("unit", "Mã đơn vị", "Tên đơn vị")  # the headers of a row's own unit
UNIT_FIELDS = {"unit_id": "unit_code"}  # the schemas' field for unit_column(), for errors
YES_NO = ("Có", "Không")


def unit_column(
    name: str = "unit_code",
    label: str = "Đơn vị",
    example: str = "X-GIAVIEN",
    *,
    required: bool = True,
    aliases: tuple[str, ...] = (),
) -> Column:
    """A unit by code, exact name or agency code; the row's own (unit_code) also answers to
    the usual headers, which would be ambiguous for a second unit of the row."""
    usual = UNIT_ALIASES if name == "unit_code" else ()
    return Column(name, label, unit, required=required, example=example, aliases=usual + aliases)


def choice_column(
    name: str,
    label: str,
    example: LabeledEnum,
    *,
    required: bool = False,
    default: LabeledEnum | None = None,
) -> Column:
    """An enumeration of `example`'s type, offered as a dropdown of its labels."""
    enum = type(example)
    return Column(
        name,
        label,
        choice(enum),
        required=required,
        example=example.label,
        choices=labels_of(enum),
        default=default.value if default is not None else None,
    )


def task_group_column(example: TaskGroup, *, required: bool = False) -> Column:
    return Column(
        "task_group",
        "Nhóm nhiệm vụ",
        task_group,
        required=required,
        example=example.label,
        choices=labels_of(TaskGroup),
    )


def flag_column(name: str, label: str, example: str = "Không") -> Column:
    return Column(name, label, boolean, example=example, choices=YES_NO)


EMAIL_COLUMN = Column(
    "email", "Thư điện tử", email, example="an.nv@ninhbinh.gov.vn", aliases=("Email",)
)


def labels_of(enum_cls: type[LabeledEnum]) -> tuple[str, ...]:
    return tuple(member.label for member in enum_cls)
