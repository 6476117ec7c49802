"""Enumerations with their Vietnamese labels, registered once and served by meta/enums."""

from enum import StrEnum
from typing import ClassVar, Self

ENUM_REGISTRY: dict[str, type["LabeledEnum"]] = {}


class LabeledEnum(StrEnum):
    """A StrEnum whose members are declared as `value = "value", "Nhãn tiếng Việt"`.

    Subclasses name themselves for the API with `meta_name` (snake_case).
    """

    label: str
    meta_name: ClassVar[str]

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[dict[str, str]]:
        return [{"value": m.value, "label": m.label} for m in cls]


def register(meta_name: str):
    """Class decorator: publish an enumeration under `meta_name` in GET /meta/enums."""

    def wrap(enum_cls: type[LabeledEnum]) -> type[LabeledEnum]:
        if meta_name in ENUM_REGISTRY:
            raise ValueError(f"enumeration {meta_name!r} registered twice")
        enum_cls.meta_name = meta_name
        ENUM_REGISTRY[meta_name] = enum_cls
        return enum_cls

    return wrap
