from fastapi import APIRouter

from api.common.enums import ENUM_REGISTRY
from api.common.schemas import ReadModel

router = APIRouter(prefix="/meta", tags=["meta"])


class EnumChoice(ReadModel):
    value: str
    label: str


@router.get("/enums", response_model=dict[str, list[EnumChoice]])
def list_enums() -> dict[str, list[EnumChoice]]:
    """Every enumeration of the API with its Vietnamese labels (public: the login page uses it)."""
    return {
        name: [EnumChoice(**c) for c in enum_cls.choices()]
        for name, enum_cls in sorted(ENUM_REGISTRY.items())
    }
