"""Shape of a criteria set file (`data/criteria/<id>.yaml`): criteria, indicators, thresholds.

Part of stage 2 (shape). A set either lists its criteria or names a `base` set and
`overrides` some thresholds (a province tightening a national set). Thresholds carry the
region and first year they apply to, their source, and whether they were checked against
the official text (`verified`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ntm_plan.model.common import Bool, Code, ConditionId, Day, Int, Model, Name, Number, Ref, Slug, Source

IndicatorKind = Literal["boolean", "percent", "number", "level", "parts", "aggregate"]
Direction = Literal["min", "max"]
SetLevel = Literal["huyện", "xã", "khu dân cư", "thị trấn"]
Tier = Literal["đạt chuẩn", "nâng cao", "kiểu mẫu", "đô thị văn minh"]
UnitKind = Literal["huyện", "xã", "thị trấn", "phường", "đặc khu", "tỉnh", "thành phố"]
"""A unit's kind; 'thành phố' is a centrally governed city (a province-level unit)."""
PROVINCE_KINDS = ("tỉnh", "thành phố")
COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")

TIER_RANK: dict[str, int] = {"đạt chuẩn": 1, "nâng cao": 2, "kiểu mẫu": 3, "đô thị văn minh": 1}
TIER_LABEL: dict[str, str] = {
    "đạt chuẩn": "NTM",
    "nâng cao": "NTM nâng cao",
    "kiểu mẫu": "NTM kiểu mẫu",
    "đô thị văn minh": "đô thị văn minh",
}
"""A tier as its title is named in short: 'NTM nâng cao'."""


class Derived(Model):
    """A threshold computed from another set's threshold: kiểu mẫu income = 110% of nâng cao."""

    set: Slug
    indicator: Code
    factor: Number = Field(gt=0)


class Threshold(Model):
    value: Number | None = Field(default=None, description="Ngưỡng số (%, số lượng, tiền)")
    expect: Bool | None = Field(default=None, description="Chỉ tiêu có/không: true = phải đạt")
    level: str | None = Field(default=None, description="Mức tối thiểu, với chỉ tiêu theo mức")
    derived: Derived | None = None
    region: str | None = Field(default=None, description="Vùng áp dụng; bỏ trống = mọi vùng")
    group: Code | None = Field(default=None, description="Nhóm xã áp dụng (bộ 2026-2030); bỏ trống = mọi nhóm")
    from_year: Int | None = Field(default=None, ge=2000, le=2100, description="Áp dụng từ năm")
    source: Source
    verified: Bool = Field(description="Đã đối chiếu với văn bản chính thức hay chưa")
    note: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Threshold:
        forms = [self.value is not None, self.expect is not None, self.level is not None, self.derived is not None]
        if sum(forms) != 1:
            raise ValueError("ngưỡng phải có đúng một trong: value, expect, level, derived")
        return self


class Aggregate(Model):
    """An indicator computed over the district's units: share of communes at a tier."""

    unit_kind: Literal["xã", "thị trấn"]
    tier: Tier


class Transcribed(Model):
    """How far the data has copied an item from its official text: the office's working
    state, kept out of the name so a signed document prints the name alone."""

    content_checked: Bool = Field(
        default=True, description="false: tên là tạm (theo lĩnh vực), nội dung chưa đối chiếu văn bản chính thức"
    )
    parts_entered: Bool = Field(
        default=True, description="false: chỉ tiêu con (hoặc danh mục tiêu chí) chưa nhập; chỉ ghi đạt/chưa đạt"
    )


class Indicator(Transcribed):
    code: Code
    name: Name
    kind: IndicatorKind
    direction: Direction = "min"
    unit: str | None = Field(default=None, description="Đơn vị: %, km, triệu đồng/người/năm…")
    count_unit: str | None = Field(default=None, description="Đơn vị đếm khi có tử số/mẫu số: hộ, khu dân cư")
    levels: tuple[str, ...] = Field(default=(), description="Các mức, từ thấp đến cao")
    aggregate: Aggregate | None = None
    optional: Bool = Field(default=False, description="Chỉ tiêu 'nếu có'")
    thresholds: tuple[Threshold, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.kind == "level" and not self.levels:
            raise ValueError("chỉ tiêu theo mức (kind: level) phải liệt kê levels")
        if self.kind == "aggregate" and self.aggregate is None:
            raise ValueError("chỉ tiêu tổng hợp (kind: aggregate) phải có aggregate")
        for threshold in self.thresholds:
            problem = self.threshold_problem(threshold)
            if problem is not None:
                raise ValueError(problem)
        # percentages within 0–100: checks.check_percent_thresholds, at the value's own line
        return self

    def threshold_problem(self, threshold: Threshold) -> str | None:
        """Why `threshold` cannot apply to this indicator; the same rule for a set's own
        thresholds and for those a derived set's override brings in."""
        if self.kind == "boolean" and threshold.expect is None:
            return "ngưỡng của chỉ tiêu có/không phải dùng expect: true/false"
        if self.kind != "boolean" and threshold.expect is not None:
            return "expect chỉ dùng cho chỉ tiêu có/không (kind: boolean)"
        if threshold.level is not None and threshold.level not in self.levels:
            known = ", ".join(self.levels) if self.levels else "không có mức nào"
            return f"mức '{threshold.level}' không có trong levels của chỉ tiêu ({known})"
        return None


class Criterion(Transcribed):
    code: Code
    name: Name
    indicators: tuple[Indicator, ...] = Field(
        default=(),
        description="Các chỉ tiêu; bỏ trống khi chưa chép được từ văn bản (chỉ đánh giá theo nguồn nêu cả tiêu chí)",
    )
    source: Source | None = Field(default=None, description="Nguồn của tên tiêu chí, khi không phải văn bản của bộ")


class CommuneGroup(Model):
    """A group of communes with thresholds of its own (QĐ 51/2025: nhóm 1, 2, 3), and the
    rule that puts a commune in it."""

    code: Code
    name: Name
    rule: Name = Field(description="Điều kiện để xã thuộc nhóm này, như văn bản ghi")
    source: Source
    verified: Bool = Field(description="Đã đối chiếu với văn bản chính thức hay chưa")


class Condition(Indicator):
    """A condition of recognition (100% of communes at NTM, residents' satisfaction…):
    evaluated like an indicator, stated apart, never counted as a criterion. Its `id` is
    how observations, tasks and departments point at it; readers see its name."""

    code: ConditionId = Field(alias="id", description='Mã điều kiện, ví dụ "hai-long-huyen" (không hiện cho người đọc)')
    short: Name | None = Field(default=None, description="Tên ngắn trong câu tóm tắt, ví dụ: người dân hài lòng")

    @property
    def label(self) -> str:
        return self.short or self.name


CONDITIONS_NAME = "Điều kiện công nhận"


class Override(Model):
    """Replace the thresholds of one indicator or condition of the base set, and say what
    its counts count (`count_unit`) where the base set does not."""

    indicator: Ref
    thresholds: tuple[Threshold, ...] = ()
    count_unit: str | None = Field(default=None, description="Đơn vị đếm khi có tử số/mẫu số: hộ, khu dân cư")
    note: str | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> Override:
        if not self.thresholds and self.count_unit is None:
            raise ValueError("override phải ghi thresholds hoặc count_unit")
        return self


class CriteriaSet(Model):
    id: Slug
    name: Name
    level: SetLevel
    tier: Tier
    period: tuple[Int, Int] = Field(description="Giai đoạn áp dụng [từ năm, đến năm]")
    in_force_from: Day | None = Field(
        default=None, description="Ngày văn bản có hiệu lực, khi khác ngày đầu năm đầu của giai đoạn"
    )
    province: str | None = Field(default=None, description="Tỉnh, nếu là bộ tiêu chí cấp tỉnh")
    decision: Source
    base: Slug | None = Field(default=None, description="Bộ tiêu chí gốc mà bộ này điều chỉnh")
    requires: tuple[Slug, ...] = Field(default=(), description="Bộ tiêu chí phải đạt trước")
    groups: tuple[CommuneGroup, ...] = Field(
        default=(), description="Nhóm xã có ngưỡng riêng; ngưỡng ghi 'group' để áp dụng cho một nhóm"
    )
    criteria: tuple[Criterion, ...] = ()
    conditions: tuple[Condition, ...] = Field(
        default=(), description="Điều kiện công nhận: đánh giá như chỉ tiêu, không tính vào số tiêu chí"
    )
    overrides: tuple[Override, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _has_content(self) -> CriteriaSet:
        if self.base is None and not self.criteria:
            raise ValueError("bộ tiêu chí phải có criteria, hoặc base nếu điều chỉnh bộ khác")
        if self.overrides and self.base is None:
            raise ValueError("overrides chỉ dùng khi có base")
        if self.period[0] > self.period[1]:
            raise ValueError("period: năm đầu phải nhỏ hơn hoặc bằng năm cuối")
        ids = [c.code for c in self.conditions]
        if len(set(ids)) != len(ids):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"mã điều kiện bị trùng: {', '.join(twice)}")
        groups = {g.code for g in self.groups}
        for _, measure in self.measures():
            for threshold in measure.thresholds:
                if threshold.group is not None and threshold.group not in groups:
                    known = ", ".join(sorted(groups)) or "bộ không khai báo nhóm nào (groups)"
                    raise ValueError(f"chỉ tiêu '{measure.code}': nhóm '{threshold.group}' không có trong bộ ({known})")
        return self

    def group(self, code: str) -> CommuneGroup | None:
        return next((g for g in self.groups if g.code == code), None)

    @property
    def by_group(self) -> bool:
        """Whether the set's thresholds depend on the commune group."""
        return bool(self.groups)

    def indicators(self) -> list[tuple[Criterion, Indicator]]:
        """The criteria's indicators (not the conditions)."""
        return [(c, i) for c in self.criteria for i in c.indicators]

    def conditions_group(self) -> Criterion:
        """The conditions under one heading, so they are assessed exactly as indicators are.
        Not a criterion of the decision: its code is empty and it is never counted."""
        return Criterion.model_construct(code="", name=CONDITIONS_NAME, indicators=self.conditions)

    def measures(self) -> list[tuple[Criterion, Indicator]]:
        """Every indicator and condition, each with the heading it sits under."""
        group = self.conditions_group()
        return [*self.indicators(), *((group, c) for c in self.conditions)]
