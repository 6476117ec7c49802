"""Personal data (a citizen's identity number) shown only to those who need it."""


def mask_id_number(value: str | None) -> str | None:
    """'037090001234' -> '********1234'."""
    if not value:
        return value
    visible = 4 if len(value) > 4 else 0
    return "*" * (len(value) - visible) + value[len(value) - visible :]
