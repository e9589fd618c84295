"""Shared pieces of the data model: the strict base class, codes, sources and deadlines.

Part of stage 2 (shape): pydantic models that each YAML file must fit. Messages raised by
validators here are Vietnamese because they reach the user verbatim.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


# The reader gives numbers, booleans and dates their own types; text never becomes one of
# them here. pydantic's lax mode would read "no" and "on" as booleans, "012" as 12 and
# "1e3" as 1000 — the YAML 1.1 traps the reader avoids, let back in by the model.
Bool = Annotated[bool, Strict()]
"""true or false, nothing else (not yes/no/on/off, not 1/0)."""

Int = Annotated[int, Strict()]
"""A whole number written as one (not "012", not 12.0)."""


def _number(value: Any) -> Any:
    if isinstance(value, str | bool | float):
        raise PydanticCustomError("decimal_type", "Decimal input should be a number")
    return value


Number = Annotated[Decimal, BeforeValidator(_number), WithJsonSchema({"type": "number"})]
"""A number written as one: 50, 50.02 (not "50.02", not 1e3). The editor's schema says
the same: pydantic's own schema for a Decimal lets any text through."""


def _day(value: Any) -> Any:
    if not isinstance(value, date | str):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


Day = Annotated[date, BeforeValidator(_day)]
"""A date YYYY-MM-DD (not a number of seconds since 1970)."""


def _period_end(value: Any) -> Any:
    """A year (2023, "2023") or a quarter ("2023-Q4") means its last day."""
    if isinstance(value, bool | date):
        return value
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}(-Q[0-9])?", value.strip(), flags=re.IGNORECASE):
        return parse_deadline(value).last_day
    return _day(value)


AsOf = Annotated[
    date,
    BeforeValidator(_period_end),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^[0-9]{4}(-Q[1-4])?$"},
                {"type": "integer"},
            ]
        }
    ),
]
"""A date, or a quarter ("2023-Q4") or a year (2023) meaning its last day: for sources
that give no day."""


def _code(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, str):
        raise PydanticCustomError(
            "code_type",
            'mã {value} phải viết trong ngoặc kép: "{value}" (không có ngoặc, YAML đọc 5.10 thành số 5.1)',
            {"value": str(value)},
        )
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)*[a-z]?", value.strip()):
        raise ValueError(f'mã \'{value}\' không đúng dạng (ví dụ "5", "5.1", "17.10")')
    return value.strip()


Code = Annotated[
    str,
    BeforeValidator(_code),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)*[a-z]?$"}),
]
"""An indicator or criterion code such as "5", "5.1", "17.10" — always a quoted string."""

CONDITION_ID = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"

ConditionId = Annotated[str, Field(pattern=rf"^{CONDITION_ID}$")]
"""A condition of recognition's id, e.g. "hai-long-huyen": starts with a letter, so it is
never mistaken for an indicator code."""


def _ref(value: Any) -> Any:
    if not isinstance(value, str):
        return _code(value)  # the quoting message
    stripped = value.strip()
    if re.fullmatch(CONDITION_ID, stripped) or re.fullmatch(r"[0-9]+(?:\.[0-9]+)*[a-z]?", stripped):
        return stripped
    raise ValueError(
        f'mã \'{value}\' không đúng dạng (ví dụ "5", "5.1", "17.10", hoặc mã điều kiện như "hai-long-huyen")'
    )


Ref = Annotated[
    str,
    BeforeValidator(_ref),
    WithJsonSchema({"type": "string", "pattern": rf"^([0-9]+(\.[0-9]+)*[a-z]?|{CONDITION_ID})$"}),
]
"""What an observation, a target or a task points at: an indicator code or a condition id."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]

Name = Annotated[str, Field(min_length=1)]
"""A name or text that must not be blank (a commune called "" would print as "xã ")."""


class Source(Model):
    """Where a fact comes from: a document and, where useful, its section."""

    document: Name = Field(description="Văn bản nguồn: số hiệu, ngày, cơ quan ban hành")
    section: str | None = Field(default=None, description="Mục, phụ lục, trang")
    url: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Deadline:
    """A due date given as a day, a quarter ("2024-Q2") or a year ("2024")."""

    last_day: date
    label: str

    def __str__(self) -> str:
        return self.label


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_TYPED_DAY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_QUARTERS = (
    re.compile(r"(?P<year>[0-9]{4})-?q(?P<q>[1-4])"),
    re.compile(r"(?:quy|q)(?P<q>[1-4])[/-](?P<year>[0-9]{4})"),
    re.compile(r"(?:quy)?(?P<roman>iv|i{1,3})[/-](?P<year>[0-9]{4})"),
)
_FROM_ROMAN = {roman.casefold(): q for q, roman in _ROMAN.items()}


def day_from_text(text: str) -> date | None:
    """A day written as the forms write it (30/09/2024, 30/9/2024, 30.9.2024, 30-9-2024)
    or year first (2024-09-30, 2024-9-30); None for anything else or a day that does not exist."""
    text = "".join(text.split())
    try:
        if match := _TYPED_DAY.fullmatch(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if match := _ISO_DAY.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return None


def quarter_from_text(text: str) -> tuple[int, int] | None:
    """(year, quarter) from 2024-Q3, Q3/2024, III/2024 or "Quý III/2024" (case and spaces
    aside); None for anything else. A bare "3/2024" is a month, not a quarter."""
    key = "".join(unicodedata.normalize("NFC", text).casefold().replace("quý", "quy").split())
    for pattern in _QUARTERS:
        if match := pattern.fullmatch(key):
            quarter = _FROM_ROMAN[match["roman"]] if "roman" in pattern.groupindex else int(match["q"])
            return int(match["year"]), quarter
    return None


def quarter_label(year: int, quarter: int) -> str:
    """'III/2024': how a quarter is written after "Quý" or "quý"."""
    return f"{_ROMAN[quarter]}/{year}"


def quarter_of(day: date) -> int:
    """The quarter (1-4) a day falls in."""
    return (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> date:
    return date(year, quarter * 3 - 2, 1)


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def previous_quarter_end(year: int, quarter: int) -> date:
    """The last day of the quarter before: 31/12 of the year before for Quý I."""
    return quarter_end(year, quarter - 1) if quarter > 1 else date(year - 1, 12, 31)


def parse_deadline(value: Any) -> Deadline:
    if isinstance(value, Deadline):
        return value
    if isinstance(value, date):
        return Deadline(value, value.strftime("%d/%m/%Y"))
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError('thời hạn phải là ngày (2024-06-30), quý ("2024-Q2") hoặc năm ("2024")')
    text = value.strip()
    if match := re.fullmatch(r"([0-9]{4})-Q([0-9])", text, flags=re.IGNORECASE):
        year, quarter = _deadline_year(int(match[1])), int(match[2])
        if not 1 <= quarter <= 4:
            raise ValueError(f"quý {quarter} không tồn tại (chỉ có quý 1 đến 4)")
        return Deadline(quarter_end(year, quarter), f"Quý {quarter_label(year, quarter)}")
    if re.fullmatch(r"[0-9]{4}", text):
        return Deadline(date(_deadline_year(int(text)), 12, 31), f"Năm {text}")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f'thời hạn \'{text}\' không hợp lệ: dùng ngày có thật (2024-06-30), quý ("2024-Q2") hoặc năm ("2024")'
        ) from None
    _deadline_year(day.year)
    return Deadline(day, day.strftime("%d/%m/%Y"))


def _deadline_year(year: int) -> int:
    if not 1990 <= year <= 2100:  # year 0 made date() raise in English
        raise ValueError(f"năm {year} của thời hạn nằm ngoài 1990–2100")
    return year


DeadlineField = Annotated[
    Deadline,
    BeforeValidator(parse_deadline),
    PlainSerializer(lambda d: d.label, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^[0-9]{4}(-Q[1-4])?$"},
                {"type": "integer"},
            ]
        }
    ),
]
