"""Shape of a unit file: a commune or township (`data/communes/*.yaml`) or the district.

Part of stage 2 (shape). A unit has its titles, its target set for the plan year, dated
observations with their source, its own targets, and tasks with progress entries.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ntm_plan.model.common import Bool, Code, Day, DeadlineField, Int, Model, Name, Number, Slug, Source
from ntm_plan.model.criteria import Direction, Tier, UnitKind


class Title(Model):
    """A title the unit was recognised with (đạt chuẩn NTM 2019, nâng cao 2020…)."""

    tier: Tier
    year: Int = Field(ge=1990, le=2100)
    set: Slug | None = Field(default=None, description="Bộ tiêu chí đã được công nhận theo")
    source: Source
    note: str | None = None


class TargetSet(Model):
    set: Slug
    year: Int = Field(ge=2000, le=2100)
    source: Source


class Observation(Model):
    indicator: Code
    set: Slug | None = Field(default=None, description="Bộ tiêu chí, nếu mã chỉ tiêu không rõ")
    value: Number | None = None
    count: Int | None = Field(default=None, ge=0)
    total: Int | None = Field(default=None, gt=0)
    met: Bool | None = None
    level: str | None = None
    short_by: Int | None = Field(default=None, ge=0, description="Số còn thiếu để đạt ngưỡng, khi nguồn chỉ nêu số này")
    applicable: Bool = True
    as_of: Day
    source: Source
    note: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Observation:
        forms = [
            self.value is not None,
            self.count is not None or self.total is not None,
            self.met is not None,
            self.level is not None,
            self.short_by is not None,
        ]
        if not self.applicable:
            if any(forms):
                raise ValueError("chỉ tiêu không áp dụng (applicable: false) thì không ghi giá trị")
            return self
        if sum(forms) != 1:
            raise ValueError("số liệu phải có đúng một trong: value, count + total, met, level, short_by")
        if (self.count is None) != (self.total is None):
            raise ValueError("count và total phải đi cùng nhau")
        if self.count is not None and self.total is not None and self.count > self.total:
            raise ValueError(f"count ({self.count}) lớn hơn total ({self.total})")
        return self


class UnitTarget(Model):
    """The unit's own target for a year ("phấn đấu thu nhập năm 2024 đạt 55 triệu")."""

    indicator: Code | None = None
    name: str | None = Field(default=None, description="Nội dung, khi không gắn với một chỉ tiêu")
    year: Int = Field(ge=2000, le=2100)
    value: Number | None = None
    upper: Number | None = Field(default=None, description="Cận trên khi chỉ tiêu là một khoảng")
    unit: str | None = None
    direction: Direction = "min"
    source: Source
    note: str | None = None

    @model_validator(mode="after")
    def _named(self) -> UnitTarget:
        if self.indicator is None and self.name is None:
            raise ValueError("chỉ tiêu phải có indicator hoặc name")
        return self


class Progress(Model):
    as_of: Day
    done: Number | None = Field(default=None, ge=0, description="Khối lượng đã làm (lũy kế)")
    percent: Number | None = Field(default=None, ge=0, le=100)
    completed: Bool | None = None
    correction: Bool = Field(default=False, description="Sửa lại số lũy kế đã báo cáo (được phép nhỏ hơn kỳ trước)")
    spent: Number | None = Field(default=None, ge=0, description="Kinh phí đã chi (lũy kế), triệu đồng")
    note: str | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Progress:
        if sum(x is not None for x in (self.done, self.percent, self.completed)) != 1:
            raise ValueError("tiến độ phải có đúng một trong: done, percent, completed")
        return self


class Task(Model):
    id: Slug
    text: Name
    criterion: Code | None = None
    indicator: Code | None = None
    quantity: Number | None = Field(default=None, gt=0)
    unit: str | None = None
    lead: Slug | None = Field(default=None, description="Mã phòng ban chủ trì, hoặc 'ubnd'")
    support: tuple[Slug, ...] = ()
    due: DeadlineField | None = None
    cost: Number | None = Field(default=None, ge=0, description="Kinh phí, triệu đồng")
    funding: str | None = None
    source: Source
    progress: tuple[Progress, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _quantity_has_unit(self) -> Task:
        if self.quantity is not None and self.unit is None:
            raise ValueError("nhiệm vụ có quantity thì phải có unit (m, ha, hộ…)")
        return self


class Signer(Model):
    on_behalf: str | None = Field(default=None, description="TM. ỦY BAN NHÂN DÂN")
    title: str
    name: str


class RecipientList(Model):
    """Recipients of one kind of document, with where that list comes from."""

    recipients: tuple[str, ...] = Field(min_length=1)
    source: Source


class DocumentMeta(Model):
    """What the district's documents need: issuing body, place, signer, recipients."""

    issuer: tuple[str, ...] = Field(min_length=1, description="Các dòng tên cơ quan ban hành")
    issuer_code: str = Field(description="Viết tắt cơ quan trong số ký hiệu: UBND")
    place: str
    signer: Signer
    recipients: tuple[str, ...] = Field(min_length=1)
    references: tuple[Source, ...] = Field(default=(), description="Văn bản căn cứ")
    report_recipients: RecipientList | None = Field(
        default=None, description="Nơi nhận của báo cáo (gồm cơ quan cấp tỉnh); mặc định: như kế hoạch"
    )
    commune_basis: Source | None = Field(
        default=None, description="Các quyết định bộ tiêu chí xã mà kế hoạch dẫn chung (QĐ 36, 38, 39/2022)"
    )


class Unit(Model):
    id: Slug | None = Field(default=None, description="Mặc định: tên tệp")
    name: Name
    kind: UnitKind
    code: str | None = Field(default=None, description="Mã đơn vị hành chính")
    province: str | None = None
    region: str
    aliases: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()
    target: TargetSet | None = None
    observations: tuple[Observation, ...] = ()
    targets: tuple[UnitTarget, ...] = ()
    tasks: tuple[Task, ...] = ()
    note: str | None = None


class District(Unit):
    kind: Literal["huyện"] = "huyện"
    document: DocumentMeta
