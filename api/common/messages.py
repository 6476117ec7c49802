"""Pydantic's validation errors in Vietnamese, for every answer that carries them: a 422 of
the API and an import's row errors. Our own validators already speak Vietnamese; Pydantic
prefixes their text with "Value error, ", which is dropped."""

from typing import Any

_MESSAGES = {
    "missing": "Thiếu giá trị",
    "extra_forbidden": "Trường này không được phép",
    "string_too_long": "Dài quá {max_length} ký tự",
    "string_too_short": "Cần ít nhất {min_length} ký tự",
    "string_pattern_mismatch": "Sai định dạng",
    "string_type": "Cần một chuỗi ký tự",
    "too_long": "Nhiều nhất {max_length} {items}",
    "too_short": "Cần ít nhất {min_length} {items}",
    "greater_than_equal": "Không được nhỏ hơn {ge}",
    "less_than_equal": "Không được lớn hơn {le}",
    "greater_than": "Phải lớn hơn {gt}",
    "less_than": "Phải nhỏ hơn {lt}",
    "enum": "Giá trị không hợp lệ; chọn một trong: {expected}",
    "literal_error": "Giá trị không hợp lệ; chọn một trong: {expected}",
    "value_error": "{message}",
    "assertion_error": "{message}",
    "int_parsing": "Cần một số nguyên",
    "int_type": "Cần một số nguyên",
    "int_from_float": "Cần một số nguyên",
    "float_parsing": "Cần một số",
    "float_type": "Cần một số",
    "bool_parsing": "Cần Có hoặc Không",
    "bool_type": "Cần Có hoặc Không",
    "date_parsing": "Không phải ngày hợp lệ",
    "date_from_datetime_parsing": "Không phải ngày hợp lệ",
    "date_type": "Không phải ngày hợp lệ",
    "datetime_parsing": "Không phải thời điểm hợp lệ",
    "datetime_from_date_parsing": "Không phải thời điểm hợp lệ",
    "datetime_type": "Không phải thời điểm hợp lệ",
    "timezone_aware": "Thời điểm cần có múi giờ",
    "list_type": "Cần một danh sách",
    "dict_type": "Cần một đối tượng",
    "model_type": "Cần một đối tượng",
    "model_attributes_type": "Cần một đối tượng",
    "json_invalid": "Nội dung JSON không hợp lệ",
    "url_parsing": "Không phải địa chỉ hợp lệ",
}


def vietnamese_message(error: dict[str, Any]) -> str:
    """A Pydantic error (`loc`, `msg`, `type`, `ctx`) as one Vietnamese sentence."""
    template = _MESSAGES.get(error.get("type", ""))
    context = dict(error.get("ctx") or {})
    if "error" in context:
        context["message"] = str(context["error"])
    context.setdefault("message", str(error.get("msg", "")).removeprefix("Value error, "))
    # A length limit applied after another validator is `too_short` for text too.
    context["items"] = "ký tự" if isinstance(error.get("input"), str) else "phần tử"
    if "email address" in context["message"]:  # email-validator speaks English
        context["message"] = "Địa chỉ thư điện tử không hợp lệ"
    if template is None:
        return context["message"] or "Giá trị không hợp lệ"
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return context["message"]
