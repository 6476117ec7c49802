"""A folded copy of a record's text, kept by the ORM, so `q` ignores diacritics and case."""

from typing import Any, ClassVar

from sqlalchemy import Text, event
from sqlalchemy.orm import Mapped, mapped_column

from api.common.text import fold


class Searchable:
    __search_fields__: ClassVar[tuple[str, ...]]

    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


def folded_search_text(target: Searchable) -> str:
    """The value of `search_text` for a record, also for rows written by a Core INSERT."""
    parts = (getattr(target, name) for name in target.__search_fields__)
    return fold(" ".join(str(p) for p in parts if p))


def _refresh_search_text(_mapper: Any, _connection: Any, target: Searchable) -> None:
    target.search_text = folded_search_text(target)


event.listen(Searchable, "before_insert", _refresh_search_text, propagate=True)
event.listen(Searchable, "before_update", _refresh_search_text, propagate=True)
