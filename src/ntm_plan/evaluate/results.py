"""Stage 4, the results: what an assessment says of a unit, a criterion and an indicator.

Plain frozen values built by `assess` and read by the presentation and the documents.
NamedTuples rather than dataclasses: `gap` creates these classes at every start, a
NamedTuple costs an eighth of a frozen dataclass to create, and `_replace` is a copy with
changed fields that mypy checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import NamedTuple

from ntm_plan.evaluate.steps import CriterionEvidence, Step
from ntm_plan.model import CriteriaSet, Criterion, Indicator, Observation, Threshold, Unit, UnitTarget


class Status(StrEnum):
    """The state of an indicator, a criterion or a unit. The values are the words users
    read in tables and JSON: keep them stable."""

    MET = "đạt"
    NOT_MET = "chưa đạt"
    UNKNOWN = "chưa đánh giá"
    NOT_APPLICABLE = "không áp dụng"


class Reason(StrEnum):
    """Why an indicator is not assessed (`Status.UNKNOWN`)."""

    NO_DATA = "chưa có số liệu"
    NO_DATA_NO_THRESHOLD = "chưa có số liệu, chưa có ngưỡng"
    NO_THRESHOLD = "chưa có ngưỡng"
    THRESHOLD_UNRESOLVED = "chưa tính được ngưỡng"
    NO_LEVEL = "số liệu không ghi mức"
    NO_UNITS = "chưa có đơn vị để tính"
    UNITS_UNASSESSED = "một số đơn vị chưa được đánh giá"
    FORM_MISMATCH = "dạng số liệu không so được với ngưỡng"
    NO_TOTAL = "có số lượng, chưa có tổng số"
    NO_GROUP = "chưa xác định nhóm xã"
    NOT_CARRIED = "số liệu các đơn vị cũ không cộng được"


MET = Status.MET
NOT_MET = Status.NOT_MET
UNKNOWN = Status.UNKNOWN
NOT_APPLICABLE = Status.NOT_APPLICABLE


class CriteriaCounts(NamedTuple):
    """How many criteria are met, not met and not assessed; `total` leaves out those
    that do not apply. Unknown is never folded into not met."""

    met: int
    not_met: int
    unknown: int
    total: int

    @classmethod
    def of(cls, statuses: Sequence[Status]) -> CriteriaCounts:
        met = sum(1 for s in statuses if s == Status.MET)
        not_met = sum(1 for s in statuses if s == Status.NOT_MET)
        unknown = sum(1 for s in statuses if s == Status.UNKNOWN)
        return cls(met, not_met, unknown, met + not_met + unknown)


class ChildStatus(NamedTuple):
    """A unit under the district, with its status at each tier: what aggregates count."""

    name: str
    kind: str
    tiers: Mapping[str, Status]


class AggregateCount(NamedTuple):
    total: int
    met: int
    unknown: int
    met_names: tuple[str, ...]


class IndicatorResult(NamedTuple):
    criterion: Criterion
    indicator: Indicator
    status: Status
    observation: Observation | None = None
    threshold: Threshold | None = None
    required: Fraction | None = None
    required_level: str | None = None
    current: Fraction | None = None
    gap: Fraction | None = None
    surplus: Fraction | None = None
    """How far a met indicator is beyond its threshold, in the indicator's unit."""
    needed: int | None = None
    aggregate: AggregateCount | None = None
    reason: Reason | None = None
    target: UnitTarget | None = None
    target_gap: Fraction | None = None
    criterion_evidence: CriterionEvidence | None = None
    """Set when the status comes from a statement about the whole criterion."""
    steps: tuple[Step, ...] = ()


class CriterionResult(NamedTuple):
    criterion: Criterion
    status: Status
    indicators: tuple[IndicatorResult, ...]
    evidence: CriterionEvidence | None = None
    """The latest statement about the whole criterion, if any."""


class Assessment(NamedTuple):
    unit: Unit
    criteria_set: CriteriaSet
    as_of: date
    criteria: tuple[CriterionResult, ...]
    ignored_later: int
    outside_period: tuple[Observation, ...]
    """Observations without `set:` dated outside the set's period: not used."""
    conditions: tuple[IndicatorResult, ...] = ()
    """The conditions of recognition, assessed like indicators, never counted as criteria."""

    @property
    def not_met(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.status == NOT_MET]

    @property
    def unknown(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.status == UNKNOWN]

    @property
    def counts(self) -> CriteriaCounts:
        return CriteriaCounts.of([c.status for c in self.criteria])

    @property
    def conditions_status(self) -> Status:
        return criterion_status([c.status for c in self.conditions])

    @property
    def status(self) -> Status:
        """Whether the unit stands at the set's tier: every criterion and every condition."""
        return criterion_status([c.status for c in self.criteria] + [c.status for c in self.conditions])

    def indicators(self) -> list[IndicatorResult]:
        return [i for c in self.criteria for i in c.indicators]

    def result_for(self, code: str) -> IndicatorResult | None:
        """The result of an indicator, or of a condition by its id."""
        return next((i for i in [*self.indicators(), *self.conditions] if i.indicator.code == code), None)


class EvalContext(NamedTuple):
    """What an assessment may look at besides the unit: other sets and the child units."""

    sets: Mapping[str, CriteriaSet] = MappingProxyType({})
    children: Sequence[ChildStatus] = ()
    rules_year: int | None = None
    """The year whose thresholds apply, when not the evaluation date's: the plan for 2024 and
    the report for its first quarter judge the figures of 31/12/2023 by 2024's requirements."""
    units: Mapping[str, Unit] = MappingProxyType({})
    """The data directory's units by id: a merged unit's predecessors are looked up here."""


def criterion_status(statuses: Sequence[Status]) -> Status:
    if any(s == NOT_MET for s in statuses):
        return NOT_MET
    if any(s == UNKNOWN for s in statuses):
        return UNKNOWN
    if statuses and all(s == NOT_APPLICABLE for s in statuses):
        return NOT_APPLICABLE
    return MET
