"""Lists: limit/offset, sort and `q` parsed once, applied to any select()."""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from api.common.problems import Invalid
from api.common.text import fold

MAX_LIMIT = 500


@dataclass(frozen=True)
class ListQuery:
    limit: int = 50
    offset: int = 0
    sort: str | None = None
    q: str | None = None


def list_params(sortable: Iterable[str]) -> Any:
    """The list parameters of one resource, as an annotated dependency for its router.

    The sort fields are declared in the OpenAPI document (a pattern), so clients and the
    schema checks know them, and an unknown field is a 422 before the service runs.
    """
    names = "|".join(sorted(re.escape(name) for name in sortable))
    pattern = rf"^-?({names})(,-?({names}))*$"
    sort_help = (
        f"Sắp xếp theo: {', '.join(sorted(sortable))}; '-' để giảm dần, ví dụ `-{min(sortable)}`"
    )

    def dependency(
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Số bản ghi mỗi trang")] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        sort: Annotated[
            str | None, Query(max_length=200, pattern=pattern, description=sort_help)
        ] = None,
        q: Annotated[
            str | None, Query(max_length=200, description="Tìm không phân biệt dấu, hoa thường")
        ] = None,
    ) -> ListQuery:
        return ListQuery(limit=limit, offset=offset, sort=sort, q=q)

    return Annotated[ListQuery, Depends(dependency)]


def apply_search(
    stmt: Select[Any], column: InstrumentedAttribute[str], q: str | None
) -> Select[Any]:
    term = fold(q or "")
    if not term:
        return stmt
    return stmt.where(column.contains(term, autoescape=True))


def order_by_sort(
    stmt: Select[Any],
    sort: str | None,
    sortable: Mapping[str, ColumnElement[Any] | InstrumentedAttribute[Any]],
    default: str,
    tie_breaker: ColumnElement[Any] | InstrumentedAttribute[Any],
) -> Select[Any]:
    clauses = []
    for raw in (sort or default).split(","):
        name = raw.strip()
        descending = name.startswith("-")
        name = name.lstrip("-+")
        if name not in sortable:
            allowed = ", ".join(sorted(sortable))
            raise Invalid(
                f"Không sắp xếp được theo '{name}'. Các trường được phép: {allowed}",
                errors=[
                    {
                        "loc": ["query", "sort"],
                        "msg": f"unknown sort field '{name}'",
                        "type": "value_error",
                    }
                ],
            )
        column = sortable[name]
        clauses.append(column.desc().nulls_last() if descending else column.asc().nulls_last())
    return stmt.order_by(*clauses, tie_breaker)


def fetch_page(db: Session, stmt: Select[Any], lq: ListQuery) -> tuple[Sequence[Any], int]:
    """Run an already filtered and ordered select: one page of rows and the total count."""
    total = db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = db.scalars(stmt.limit(lq.limit).offset(lq.offset)).all()
    return rows, total
