"""Base Pydantic models: NFC on the way in, ORM reading on the way out."""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, model_validator

from api.common.text import nfc

T = TypeVar("T")


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {k: _nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    return value


class InputModel(BaseModel):
    """Request bodies: unknown fields refused, every string NFC-normalised and trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        return _nfc_deep(data)


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
