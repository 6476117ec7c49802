"""CSV export of a list, as the screen shows it: UTF-8 with BOM (Excel shows Vietnamese
correctly), Vietnamese headers, streamed in chunks."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any
from urllib.parse import quote

from fastapi.responses import StreamingResponse

from api.config import PROVINCE_TZ

# A list endpoint's `responses=`: JSON by default, the same rows as CSV with `format=csv`.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "Danh sách, hoặc tệp CSV khi format=csv"}
}


@dataclass(frozen=True)
class Column:
    header: str  # Vietnamese, as in the web app
    value: Callable[[Any], Any]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return getattr(value, "label", value.value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        return value.astimezone(PROVINCE_TZ).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _lines(rows: Iterable[Any], columns: list[Column]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([c.header for c in columns])
    for n, row in enumerate(rows, start=1):
        writer.writerow([_cell(c.value(row)) for c in columns])
        if n % 500 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_response(rows: Iterable[Any], columns: list[Column], filename: str) -> StreamingResponse:
    """`rows` may be a lazy iterator (e.g. `db.scalars(stmt.execution_options(yield_per=500))`)."""
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return StreamingResponse(
        _lines(rows, columns),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )
