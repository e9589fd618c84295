"""What offices type into a cell, read as numbers and dates (decimal comma, 30/09/2024,
numbers stored as text, thin spaces), and the canonical text of a cell for comparisons."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from ntm_plan.read.reader import MAX_DIGITS, MAX_SIGNIFICANT, MIN_EXPONENT

_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u200b]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_DAY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message is Vietnamese."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not _SPACES.sub("", value))


def parse_number(value: object) -> Decimal:
    """A number from a number cell or from text: 1,5  1.234,5  1 234  '200  30%' is not one;
    within the bounds the YAML reader keeps (NTM013 there, here a CellError at the cell)."""
    number = _parse_number(value)
    shown = str(value).strip()[:40]
    bounds = (
        f"Số nhận được có tối đa {MAX_DIGITS} chữ số phần nguyên và {MAX_SIGNIFICANT} chữ số có nghĩa,"
        f" khác 0 thì không nhỏ hơn 10^{MIN_EXPONENT}."
    )
    if number and number.adjusted() >= MAX_DIGITS:
        raise CellError(f"số '{shown}' quá lớn", bounds)
    if number and number.adjusted() < MIN_EXPONENT:
        raise CellError(f"số '{shown}' quá nhỏ", bounds)
    if len(number.as_tuple().digits) > MAX_SIGNIFICANT:
        raise CellError(f"số '{shown}' có quá nhiều chữ số", bounds)
    return number


def _parse_number(value: object) -> Decimal:
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError(f"'{value}' không phải là số hữu hạn", "Ghi một số, ví dụ 200 hoặc 1,5.")
    if isinstance(value, bool):
        raise CellError(f"'{value}' không phải là số")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)).normalize() if value != int(value) else Decimal(int(value))
    if not isinstance(value, str):
        raise CellError(f"'{value}' không phải là số", "Ghi một số, ví dụ 200 hoặc 1,5.")
    text = _SPACES.sub("", value)
    if "," in text:
        if text.count(",") > 1:
            raise CellError(f"'{value.strip()}' không phải là số", "Dấu phẩy chỉ dùng cho phần thập phân: 1,5.")
        whole, frac = text.split(",")
        if "." in whole and not _GROUPED.fullmatch(whole):
            raise CellError(f"'{value.strip()}' không phải là số", "Viết 1.234,5 hoặc 1234,5.")
        text = whole.replace(".", "") + "." + frac
    elif _GROUPED.fullmatch(text):
        if text.count(".") == 1:
            raise CellError(
                f"'{value.strip()}' không rõ là số thập phân hay số nghìn",
                f"Ghi {text.replace('.', '')} nếu là số nghìn, hoặc {text.replace('.', ',')} nếu là số thập phân.",
            )
        text = text.replace(".", "")
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise CellError(f"'{value.strip()}' không phải là số", "Ghi một số, ví dụ 200 hoặc 1,5 (không kèm chữ).")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only decimals
        raise CellError(f"'{value.strip()}' không phải là số") from None


def parse_percent(value: object) -> Decimal:
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1]
    return parse_number(value)


def parse_day(value: object) -> date:
    """A date from a date cell, or typed: 30/09/2024, 30-9-2024, 2024-09-30."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _SPACES.sub("", value) if isinstance(value, str) else ""
    hint = "Ghi ngày dạng 30/09/2024."
    try:
        if match := _DAY.fullmatch(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        raise CellError(f"ngày '{text}' không có thật", hint) from None
    raise CellError(f"'{value}' không phải là ngày", hint)


def parse_text(value: object) -> str | None:
    """A note or a document name: one line, control characters and stray spaces removed."""
    if is_blank(value):
        return None
    text = value if isinstance(value, str) else canonical(value)
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text)
    text = unicodedata.normalize("NFC", text)  # as the YAML reader gives it back
    return re.sub(r"[ \u00a0\u2009\u202f]+", " ", text).strip() or None


YES = "Có"
"""The one value of a yes/no list cell; blank means no."""


def parse_yes(value: object) -> bool:
    if is_blank(value):
        return False
    text = _SPACES.sub("", str(value)).casefold()
    if text in {"có", "co", "x", "yes"}:
        return True
    raise CellError(f"'{value}' không hợp lệ", f"Chọn '{YES}' trong danh sách hoặc để trống.")


def canonical(value: object) -> str:
    """The text of a cell as written or as read back, for comparing locked cells."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)
