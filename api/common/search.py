"""A folded copy of a record's text, kept by the ORM, so `q` ignores diacritics and case."""

from typing import Any, ClassVar

from sqlalchemy import Text, event
from sqlalchemy.orm import Mapped, mapped_column

from api.common.text import fold


class Searchable:
    __search_fields__: ClassVar[tuple[str, ...]]

    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


def _refresh_search_text(_mapper: Any, _connection: Any, target: Searchable) -> None:
    parts = (getattr(target, name) for name in target.__search_fields__)
    target.search_text = fold(" ".join(str(p) for p in parts if p))


event.listen(Searchable, "before_insert", _refresh_search_text, propagate=True)
event.listen(Searchable, "before_update", _refresh_search_text, propagate=True)
