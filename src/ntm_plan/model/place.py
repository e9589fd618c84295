"""A unit's place among the administrative units: its national code, the units a
reorganisation formed it from (`Predecessor`), and its commune group under a set.

Part of stage 2 (shape); `model.unit` uses these in `Unit`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from ntm_plan.model.common import Code, Day, Int, Model, Number, Slug, Source
from ntm_plan.model.criteria import Tier

UNIT_CODE_PATTERN = r"^[0-9]{2,5}$"


def _unit_code(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, str):
        raise PydanticCustomError(
            "code_type",
            'mã đơn vị hành chính {value} phải viết trong ngoặc kép: "{value}" (số 0 đầu mã phải giữ)',
            {"value": str(value)},
        )
    if not re.fullmatch(UNIT_CODE_PATTERN, value.strip()):
        raise ValueError(f'mã đơn vị hành chính \'{value}\' không đúng dạng: 2 đến 5 chữ số ("42", "440", "18304")')
    return value.strip()


UnitCode = Annotated[
    str,
    BeforeValidator(_unit_code),
    WithJsonSchema({"type": "string", "pattern": UNIT_CODE_PATTERN}),
]
"""A national administrative code: "42" (province), "440" (district), "18304" (commune):
always a quoted string, since leading zeros matter ("00004")."""


MergeKind = Literal["whole", "partial"]
"""`whole`: all of the old unit's area and population went into the new one; `partial`:
part of it ("nhập một phần"), the rest to other units."""


class Predecessor(Model):
    """A unit the reorganisation merged into this one: by its id when its file is in the data
    directory, and/or by its national code and name (from the statistics office's table)."""

    unit: Slug | None = Field(default=None, description="Mã (id) của đơn vị cũ trong thư mục dữ liệu")
    code: UnitCode | None = Field(default=None, description="Mã đơn vị hành chính của đơn vị cũ")
    name: str | None = Field(default=None, description="Tên đơn vị cũ, kèm loại: xã Tân Hương")
    merge: MergeKind = Field(description="whole: nhập toàn bộ; partial: nhập một phần")
    share: Number | None = Field(
        default=None, gt=0, lt=1, description="Phần của đơn vị cũ nhập vào (0-1), khi nguồn có nêu; chỉ với partial"
    )
    source: Source

    @model_validator(mode="after")
    def _identified(self) -> Predecessor:
        if self.unit is None and self.code is None:
            raise ValueError("đơn vị cũ phải ghi unit (mã trong dữ liệu) hoặc code (mã đơn vị hành chính)")
        if self.share is not None and self.merge != "partial":
            raise ValueError("share chỉ ghi khi nhập một phần (merge: partial)")
        return self

    @property
    def label(self) -> str:
        """How messages name it: its name, else its id or code."""
        return self.name or self.unit or f"mã {self.code}"


class UnitGroup(Model):
    """The commune group a set's thresholds depend on (QĐ 51/2025: nhóm 1, 2, 3), with its source."""

    code: Code = Field(description='Mã nhóm trong bộ tiêu chí: "1", "2", "3"')
    set: Slug | None = Field(default=None, description="Bộ tiêu chí định nghĩa nhóm; mặc định: bộ mục tiêu")
    source: Source
    note: str | None = None


class TitleCount(Model):
    """A source's count of units at a title ("12 xã đạt chuẩn NTM nâng cao"), with the units
    it names if it names them: checked against its own list and against the data."""

    tier: Tier
    count: Int = Field(ge=0)
    units: tuple[str, ...] = Field(default=(), description="Các đơn vị nguồn kể tên (mã trong dữ liệu hoặc tên)")
    as_of: Day
    source: Source
    note: str | None = None


class CountsTitles(Model):
    """What a province's file adds to a unit: sources' counts of its units at a title."""

    title_counts: tuple[TitleCount, ...] = ()
