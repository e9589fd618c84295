"""Shape of a unit file: a commune or township (`data/communes/*.yaml`), the district,
or a province (`data/provinces/*.yaml`).

Part of stage 2 (shape). A unit has its titles, its target set for the plan year, dated
observations with their source, its own targets, and tasks with progress entries. It also
has a place in time: its national code, its parent, the days it exists from and to, and,
when a reorganisation formed it, its predecessors (`Predecessor`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)

from ntm_plan.model.common import (
    SLUG_PATTERN,
    AsOf,
    Bool,
    Code,
    Day,
    DeadlineField,
    Int,
    Model,
    Name,
    Number,
    Ref,
    Slug,
    Source,
)
from ntm_plan.model.criteria import Direction, UnitKind
from ntm_plan.model.place import CountsTitles, Predecessor, UnitCode, UnitGroup
from ntm_plan.model.titles import Title


class TargetSet(Model):
    set: Slug
    year: Int = Field(ge=2000, le=2100)
    source: Source


class Goal(Model):
    """The unit's goal in the plan's own words, where no criteria set names it: "đạt chuẩn
    xã NTM thông minh" (no set in the data), "duy trì bền vững các tiêu chí" (the communes a
    plan leaves to keep what they have). Documents print it instead of the set's title."""

    text: Name
    year: Int | None = Field(default=None, ge=2000, le=2100, description="Năm, khi nguồn nêu")
    source: Source
    note: str | None = None


class Observation(Model):
    """One fact a source gives about an indicator, or about a whole criterion
    (`criterion: "2", met: true`: "duy trì 9 tiêu chí", "chưa đạt: giao thông")."""

    indicator: Ref | None = None
    criterion: Code | None = Field(default=None, description="Mã tiêu chí, khi nguồn nêu cả tiêu chí đạt/chưa đạt")
    set: Slug | None = Field(default=None, description="Bộ tiêu chí mà số liệu này dùng cho")
    value: Number | None = None
    count: Int | None = Field(default=None, ge=0)
    total: Int | None = Field(default=None, gt=0)
    stated_percent: Number | None = Field(default=None, ge=0, le=100, description="Tỷ lệ % nguồn ghi kèm số lượng")
    met: Bool | None = None
    level: str | None = None
    short_by: Int | None = Field(default=None, ge=0, description="Số còn thiếu để đạt ngưỡng, khi nguồn chỉ nêu số này")
    applicable: Bool = True
    as_of: AsOf = Field(description="Ngày (2023-12-31), quý (2023-Q4) hoặc năm (2023): ngày cuối của kỳ")
    source: Source
    note: str | None = None

    @property
    def code(self) -> str:
        return self.indicator or self.criterion or ""

    @property
    def subject(self) -> str:
        """What the observation is about, as messages name it: 'tiêu chí 5' or 'chỉ tiêu 5.1'."""
        return f"tiêu chí {self.criterion}" if self.criterion else f"chỉ tiêu {self.indicator}"

    @model_validator(mode="after")
    def _one_form(self) -> Observation:
        if (self.indicator is None) == (self.criterion is None):
            raise ValueError("số liệu phải ghi đúng một trong: indicator (chỉ tiêu) hoặc criterion (cả tiêu chí)")
        numeric = {name for name in ("value", "count", "total", "stated_percent") if getattr(self, name) is not None}
        forms = [bool(numeric), self.met is not None, self.level is not None, self.short_by is not None]
        if not self.applicable:
            if any(forms):
                raise ValueError("chỉ tiêu không áp dụng (applicable: false) thì không ghi giá trị")
            return self
        if self.criterion is not None and (self.met is None or sum(forms) != 1):
            raise ValueError("số liệu cả tiêu chí (criterion) chỉ ghi met: true hoặc met: false")
        if sum(forms) != 1:
            raise ValueError("số liệu phải có đúng một trong: value, count (+ total), met, level, short_by")
        if numeric and frozenset(numeric) not in NUMERIC_FORMS:
            raise ValueError(
                "số liệu dạng số phải là một trong: value; value + total (tỷ lệ % và tổng số); count; "
                "count + total; count + stated_percent; count + total + stated_percent"
            )
        if self.count is not None and self.total is not None and self.count > self.total:
            raise ValueError(f"count ({self.count}) lớn hơn total ({self.total})")
        if self.stated_percent == 0 and self.total is None:
            raise ValueError("stated_percent bằng 0 thì không suy ra được tổng số; ghi thêm total")
        return self


NUMERIC_FORMS = frozenset(
    frozenset(form)
    for form in (
        {"value"},
        {"value", "total"},
        {"count"},
        {"count", "total"},
        {"count", "stated_percent"},
        {"count", "total", "stated_percent"},
    )
)
"""The forms documents use: a value; a rate with its total; a count alone; a count with
its total, with a stated rate, or both."""


ClaimList = Literal["met", "not_met"]
"""Which of a source's lists is complete: every criterion met, or every criterion not met."""


class Claim(Model):
    """What a source states in summary ("đạt 6/19 tiêu chí"), checked against the
    per-criterion evidence of the same date and source.

    "đạt 20/20 tiêu chí" (every criterion of the set) is evidence that each criterion is met;
    `complete` says the same source's list of criteria not met (or met) on that date leaves
    none out, so the count must match it and the criteria it does not list are the others."""

    set: Slug | None = None
    criteria_met: Int | None = Field(default=None, ge=0)
    total: Int | None = Field(default=None, gt=0)
    as_of: AsOf
    source: Source
    complete: ClaimList | None = Field(
        default=None,
        description=(
            "Danh sách tiêu chí cùng nguồn, cùng ngày là đầy đủ: 'not_met' = nguồn liệt kê mọi tiêu chí "
            "chưa đạt; 'met' = liệt kê mọi tiêu chí đạt"
        ),
    )
    note: str | None = None

    @property
    def counted(self) -> bool:
        """The source gives the counts ("đạt 15/20"), not only a complete list."""
        return self.criteria_met is not None and self.total is not None

    @property
    def all_met(self) -> bool:
        return self.counted and self.criteria_met == self.total

    @property
    def words(self) -> str:
        """'đạt 20/20 tiêu chí', as the source writes its summary; without counts, what it lists."""
        if self.criteria_met is not None and self.total is not None:
            return f"đạt {self.criteria_met}/{self.total} tiêu chí"
        listed = "chưa đạt" if self.complete == "not_met" else "đạt"
        return f"danh sách đầy đủ các tiêu chí {listed}"

    @model_validator(mode="after")
    def _within_total(self) -> Claim:
        if (self.criteria_met is None) != (self.total is None):
            raise ValueError("ghi cả criteria_met và total (đạt 15/20), hoặc bỏ cả hai khi chỉ có danh sách đầy đủ")
        if self.criteria_met is None or self.total is None:
            if self.complete is None:
                raise ValueError("số liệu tóm tắt không có criteria_met/total thì phải ghi complete: not_met hoặc met")
            return self
        if self.criteria_met > self.total:
            raise ValueError(f"criteria_met ({self.criteria_met}) lớn hơn total ({self.total})")
        return self


def listed_criteria(observations: tuple[Observation, ...], claim: Claim) -> tuple[set[str], set[str]]:
    """The criteria the claim's source lists on the claim's date: (met, not met)."""
    met: set[str] = set()
    not_met: set[str] = set()
    for o in observations:
        if (
            o.criterion is not None
            and o.met is not None
            and o.as_of == claim.as_of
            and o.source.document == claim.source.document
            and (claim.set is None or o.set in (None, claim.set))
        ):
            (met if o.met else not_met).add(o.criterion)
    return met, not_met


def complete_list_mismatch(claim: Claim, met: set[str], not_met: set[str]) -> bool:
    """A count that does not match the list the source says is complete."""
    if claim.criteria_met is None or claim.total is None:
        return False
    if claim.complete == "not_met":
        return len(not_met) != claim.total - claim.criteria_met
    if claim.complete == "met":
        return len(met) != claim.criteria_met
    return False


class UnitTarget(Model):
    """The unit's own target for a year ("phấn đấu thu nhập năm 2024 đạt 55 triệu")."""

    indicator: Ref | None = None
    name: str | None = Field(default=None, description="Nội dung, khi không gắn với một chỉ tiêu")
    year: Int = Field(ge=2000, le=2100)
    value: Number | None = None
    upper: Number | None = Field(default=None, description="Cận trên khi chỉ tiêu là một khoảng")
    unit: str | None = None
    direction: Direction | None = Field(default=None, description="Mặc định: hướng của chỉ tiêu")
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


UNIT_LEAD = "ubnd"
"""A task led by the unit's own People's Committee rather than a district department."""


class Task(Model):
    id: Slug
    text: Name
    criterion: Code | None = None
    indicator: Ref | None = None
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
    """What an issuer's documents need: issuing body, place, signer, recipients."""

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


class _NamedByFile(str):
    """An id taken from the file's name, not written in the file. It is not held to the
    slug pattern here: `check_unit_id` reports a name unfit for an id in words about the
    file's name, and the rest of the file is still read and checked."""


def _unit_id(value: Any, written: ValidatorFunctionWrapHandler) -> str:
    return str(value) if isinstance(value, _NamedByFile) else str(written(value))


_FILE_ID = "id_when_not_written"

DISTRICT_ID = "huyen"
"""The district's id when `district.yaml` writes none."""


def named(file_id: str) -> Mapping[str, str]:
    """The validation context that gives a unit file without 'id:' the id `file_id`."""
    return {_FILE_ID: file_id}


UnitId = Annotated[
    Slug,
    WrapValidator(_unit_id),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": SLUG_PATTERN}, {"type": "null"}], "default": None}),
]
"""A unit's id: written as 'id:', else its file's name (given to validation by `named`)."""


def _id_may_be_left_out(schema: dict[str, Any]) -> None:
    schema["required"] = [field for field in schema.get("required", []) if field != "id"]


class Unit(Model):
    model_config = ConfigDict(json_schema_extra=_id_may_be_left_out)

    id: UnitId = Field(description="Mặc định: tên tệp")
    name: Name
    kind: UnitKind
    code: UnitCode | None = Field(default=None, description="Mã đơn vị hành chính (Tổng cục Thống kê)")
    parent: Slug | None = Field(default=None, description="Mã (id) đơn vị cấp trên: huyện, tỉnh")
    valid_from: Day | None = Field(default=None, description="Ngày đơn vị bắt đầu tồn tại (kể cả ngày này)")
    valid_to: Day | None = Field(default=None, description="Ngày cuối đơn vị còn tồn tại (kể cả ngày này)")
    predecessors: tuple[Predecessor, ...] = Field(default=(), description="Các đơn vị cũ sắp xếp thành đơn vị này")
    admin_source: Source | None = Field(
        default=None, description="Nguồn của mã đơn vị hành chính, đơn vị cấp trên và ngày tồn tại"
    )
    province: str | None = None
    region: str | None = Field(default=None, description="Vùng của bộ tiêu chí 2021-2025 (Bắc Trung Bộ…)")
    group: UnitGroup | None = Field(default=None, description="Nhóm xã theo bộ tiêu chí 2026-2030; bỏ trống = chưa rõ")
    aliases: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()
    target: TargetSet | None = None
    goal: Goal | None = None
    observations: tuple[Observation, ...] = ()
    claims: tuple[Claim, ...] = ()
    targets: tuple[UnitTarget, ...] = ()
    tasks: tuple[Task, ...] = ()
    document: DocumentMeta | None = Field(default=None, description="Cơ quan ban hành, người ký của xã")
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _id_from_file(cls, data: Any, info: ValidationInfo) -> Any:
        file_id = (info.context or {}).get(_FILE_ID)
        if isinstance(data, dict) and data.get("id") is None and file_id is not None:
            return {**data, "id": _NamedByFile(file_id)}
        return data

    @model_validator(mode="after")
    def _dates_in_order(self) -> Unit:
        if self.valid_from is not None and self.valid_to is not None and self.valid_from > self.valid_to:
            raise ValueError(
                f"valid_from ({self.valid_from:%d/%m/%Y}) sau valid_to ({self.valid_to:%d/%m/%Y}): "
                "đơn vị không tồn tại ngày nào"
            )
        return self

    def exists_on(self, day: date) -> bool:
        """Whether the unit exists on `day` (both ends inclusive; an end not written is open)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class District(Unit):
    kind: Literal["huyện"] = "huyện"
    document: DocumentMeta


class Province(Unit, CountsTitles):
    """A province or centrally governed city: the parent of communes from 01/7/2025."""

    kind: Literal["tỉnh", "thành phố"] = "tỉnh"
