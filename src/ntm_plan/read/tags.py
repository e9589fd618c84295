"""Explicit YAML tags (`!!int 0x1F`, `!!bool yes`) whose text our reader would not read as
that type, said in words with how a YAML 1.2 reader takes the text."""

from __future__ import annotations

import re

from ntm_plan.read.parser import (
    BOOL_RE,
    DATE_RE,
    INT_RE,
    NULL_RE,
    TAG_BOOL,
    TAG_DATE,
    TAG_FLOAT,
    TAG_INT,
    TAG_NULL,
)

MAX_NUMBER_TEXT = 64
"""A number written longer than this cannot be within the reader's bounds: refused unparsed."""
_FLOAT_OR_INT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_FITS = {TAG_INT: INT_RE, TAG_FLOAT: _FLOAT_OR_INT, TAG_BOOL: BOOL_RE, TAG_NULL: NULL_RE, TAG_DATE: DATE_RE}
"""The text each tag's type is read from without a tag: the resolver's own patterns, and
for a float any decimal number (`!!float 5`, `!!float 1e3`)."""

_YAML12_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML12_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_TAG_WORDS = {TAG_INT: "số nguyên", TAG_FLOAT: "số", TAG_BOOL: "true/false", TAG_NULL: "giá trị rỗng", TAG_DATE: "ngày"}


def _yaml12_reading(value: str) -> str:
    """How a YAML 1.2 (core schema) reader takes the text, in words."""
    if BOOL_RE.fullmatch(value):
        return f"giá trị đúng/sai {value.lower()}"
    if NULL_RE.fullmatch(value):
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
    if _FITS[tag].fullmatch(value):
        return None
    short = tag.rsplit(":", 1)[-1]
    shown = value if len(value) <= 20 else value[:20] + "…"
    return (
        f"thẻ !!{short} gắn với '{shown}', không phải {_TAG_WORDS[tag]} viết theo cách tệp dữ liệu nhận; "
        f"theo YAML 1.2 đây là {_yaml12_reading(value)}"
    )
