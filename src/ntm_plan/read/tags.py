"""Explicit YAML tags (`!!int 0x1F`, `!!bool yes`) whose text our reader would not read as
that type, said in words with how a YAML 1.2 reader takes the text."""

from __future__ import annotations

import re

from ntm_plan.read.parser import TAG_BOOL, TAG_DATE, TAG_FLOAT, TAG_INT, TAG_NULL

MAX_NUMBER_TEXT = 64
"""A number written longer than this cannot be within the reader's bounds: refused unparsed."""
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_OR_INT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_NULL = re.compile(r"~|null|Null|NULL|")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_YAML12_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML12_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_TAG_WORDS = {TAG_INT: "số nguyên", TAG_FLOAT: "số", TAG_BOOL: "true/false", TAG_NULL: "giá trị rỗng", TAG_DATE: "ngày"}


def _yaml12_reading(value: str) -> str:
    """How a YAML 1.2 (core schema) reader takes the text, in words."""
    if _BOOL.fullmatch(value):
        return f"giá trị đúng/sai {value.lower()}"
    if _NULL.fullmatch(value):
        return "giá trị rỗng (null)"
    if _YAML12_INT.fullmatch(value):
        base = 16 if value.startswith("0x") else 8 if value.startswith("0o") else 10
        number = int(value[2:] if base != 10 else value, base) if len(value) <= MAX_NUMBER_TEXT else None
        written = "" if base == 10 else f" viết ở hệ {base}"
        return f"số nguyên {number}{written}" if number is not None else "một số nguyên quá dài"
    if _YAML12_FLOAT.fullmatch(value):
        return "số vô hạn hoặc NaN" if value.lstrip("+-").startswith(".") and value[-1] in "fFnN" else "một số"
    shown = value if len(value) <= 20 else value[:20] + "…"
    return f"chuỗi chữ '{shown}'"


def explicit_tag_problem(tag: str, value: str) -> str | None:
    """A scalar with an explicit tag (`!!int 0x1F`, `!!bool yes`) whose text is not what our
    reader would read as that type by itself; None when the tag agrees with the text."""
    if tag not in _TAG_WORDS:
        return None
    fits = {
        TAG_INT: _INT_RE,
        TAG_FLOAT: _FLOAT_OR_INT,
        TAG_BOOL: _BOOL,
        TAG_NULL: _NULL,
        TAG_DATE: _DATE,
    }[tag]
    if fits.fullmatch(value):
        return None
    short = tag.rsplit(":", 1)[-1]
    shown = value if len(value) <= 20 else value[:20] + "…"
    return (
        f"thẻ !!{short} gắn với '{shown}', không phải {_TAG_WORDS[tag]} viết theo cách tệp dữ liệu nhận; "
        f"theo YAML 1.2 đây là {_yaml12_reading(value)}"
    )
