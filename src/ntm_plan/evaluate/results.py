"""Stage 4, the results: what an assessment says of a unit, a criterion and an indicator.

Plain frozen values built by `assess` and read by the presentation and the documents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from ntm_plan.model import CriteriaSet, Criterion, Indicator, Observation, Threshold, Unit, UnitTarget

MET = "đạt"


NOT_MET = "chưa đạt"


NO_DATA = "chưa có số liệu"


NOT_APPLICABLE = "không áp dụng"


@dataclass(frozen=True, slots=True)
class ChildStatus:
    """A unit under the district, with its status at each tier: what aggregates count."""

    name: str
    kind: str
    tiers: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class AggregateCount:
    total: int
    met: int
    unknown: int
    met_names: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorResult:
    criterion: Criterion
    indicator: Indicator
    status: str
    observation: Observation | None = None
    threshold: Threshold | None = None
    required: Fraction | None = None
    required_level: str | None = None
    current: Fraction | None = None
    gap: Fraction | None = None
    needed: int | None = None
    aggregate: AggregateCount | None = None
    reason: str | None = None
    target: UnitTarget | None = None
    target_gap: Fraction | None = None
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    status: str
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class Assessment:
    unit: Unit
    criteria_set: CriteriaSet
    as_of: date
    criteria: tuple[CriterionResult, ...]
    ignored_later: int = 0

    @property
    def applicable(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.status != NOT_APPLICABLE]

    @property
    def met(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.status == MET]

    @property
    def status(self) -> str:
        return criterion_status([c.status for c in self.criteria])

    def indicators(self) -> list[IndicatorResult]:
        return [i for c in self.criteria for i in c.indicators]

    def result_for(self, code: str) -> IndicatorResult | None:
        return next((i for i in self.indicators() if i.indicator.code == code), None)


@dataclass(frozen=True)
class EvalContext:
    """What an assessment may look at besides the unit: other sets and the child units."""

    sets: Mapping[str, CriteriaSet] = field(default_factory=dict)
    children: Sequence[ChildStatus] = ()


def criterion_status(statuses: Sequence[str]) -> str:
    if any(s == NOT_MET for s in statuses):
        return NOT_MET
    if any(s == NO_DATA for s in statuses):
        return NO_DATA
    if statuses and all(s == NOT_APPLICABLE for s in statuses):
        return NOT_APPLICABLE
    return MET
