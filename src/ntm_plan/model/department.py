"""Shape of `data/departments.yaml`: each department and the indicators it answers for.

Part of stage 2 (shape). Responsibilities are written as the plan writes them: a whole
criterion ("7"), an indicator ("8.4"), a range ("8.1-8.3") or a criterion with exclusions
("7 trừ 7.3, 7.6"); `responsibilities.expand` turns them into indicator codes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from ntm_plan.model.common import Model, Name, Slug, Source
from ntm_plan.model.responsibilities import parse_item
from ntm_plan.model.unit import Task

DepartmentKind = Literal["phòng ban", "đơn vị", "đoàn thể", "đơn vị sự nghiệp"]


def _parseable(value: object) -> object:
    if isinstance(value, list | tuple):
        for item in value:
            if not isinstance(item, str):
                raise ValueError('mỗi mục phải là chuỗi trong ngoặc kép, ví dụ "8.4"')
            parse_item(item)
    return value


class Responsibility(Model):
    set: Slug
    indicators: tuple[str, ...] = Field(min_length=1, description='"7", "8.4", "8.1-8.3" hoặc "7 trừ 7.3, 7.6"')
    source: Source

    _items = field_validator("indicators", mode="before")(_parseable)


class Unassigned(Model):
    """Indicators the plan gives to nobody: a decision recorded, not an oversight (no NTM026)."""

    set: Slug
    indicators: tuple[str, ...] = Field(min_length=1, description='"8.3", "8.1-8.3" hoặc "7 trừ 7.3, 7.6"')
    source: Source
    note: Name = Field(description="Vì sao không giao cho ai, và ai thực hiện nếu không phải phòng ban")

    _items = field_validator("indicators", mode="before")(_parseable)


class Department(Model):
    id: Slug
    name: Name
    short: Name
    kind: DepartmentKind = Field(
        default="phòng ban",
        description="phòng ban (chuyên môn), đơn vị (văn phòng, công an, quân sự), đoàn thể (MTTQ…), "
        "đơn vị sự nghiệp (Trung tâm Văn hóa - Truyền thông…: có mục riêng trong kế hoạch)",
    )
    responsibilities: tuple[Responsibility, ...] = ()
    duties: tuple[Task, ...] = ()
    note: str | None = None


class DepartmentsFile(Model):
    departments: tuple[Department, ...] = Field(min_length=1)
    unassigned: tuple[Unassigned, ...] = Field(default=(), description="Chỉ tiêu kế hoạch không giao cho ai")
