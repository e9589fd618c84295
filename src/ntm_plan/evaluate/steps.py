"""The steps of one indicator's evaluation, as data: what `explain` words.

The evaluator records each step with its numbers; `present.explain` turns them into
Vietnamese sentences. Nothing here formats text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ntm_plan.model import Observation, Source, Threshold


@dataclass(frozen=True, slots=True)
class ThresholdUsed:
    threshold: Threshold


@dataclass(frozen=True, slots=True)
class DefaultExpectation:
    """A boolean indicator without a written threshold is expected to be met."""


@dataclass(frozen=True, slots=True)
class DerivedThreshold:
    set_id: str
    indicator: str
    factor: Fraction
    base: Fraction
    value: Fraction


@dataclass(frozen=True, slots=True)
class BaseThresholdMissing:
    set_id: str
    indicator: str


@dataclass(frozen=True, slots=True)
class NoObservation:
    as_of: date


@dataclass(frozen=True, slots=True)
class ObservationUsed:
    observation: Observation


@dataclass(frozen=True, slots=True)
class StatedShortBy:
    """What the source says separates the unit from the threshold: to add, or for an
    indicator with a ceiling, to remove."""

    short_by: int
    count_unit: str | None
    at_least: bool = True


@dataclass(frozen=True, slots=True)
class NoThreshold:
    """The set gives no threshold for the unit's region and the year."""


@dataclass(frozen=True, slots=True)
class BooleanCheck:
    expected: bool
    actual: bool


@dataclass(frozen=True, slots=True)
class StatedResult:
    """The source states the indicator met or not, without a figure."""

    met: bool


@dataclass(frozen=True, slots=True)
class CountCheck:
    """count/total against a share: the count the threshold allows or asks for, exactly.
    `derived` says which of count or total the source did not give and was computed
    from its stated rate; then `stated` is that rate."""

    count: int
    total: int
    current: Fraction
    required: Fraction
    scaled: Fraction
    bound: int
    needed: int
    at_least: bool
    derived: str | None = None
    stated: Fraction | None = None


@dataclass(frozen=True, slots=True)
class ValueCheck:
    current: Fraction
    required: Fraction
    at_least: bool


@dataclass(frozen=True, slots=True)
class CountWithoutTotal:
    count: int


@dataclass(frozen=True, slots=True)
class LevelCheck:
    actual: str
    required: str


@dataclass(frozen=True, slots=True)
class FormMismatch:
    """The observation's form cannot be compared with the threshold's."""


@dataclass(frozen=True, slots=True)
class NoUnits:
    unit_kind: str


@dataclass(frozen=True, slots=True)
class AggregateTally:
    met: int
    total: int
    unit_kind: str
    tier: str
    current: Fraction
    unknown: int


@dataclass(frozen=True, slots=True)
class AggregateNeed:
    required: Fraction
    total: int
    scaled: Fraction
    needed: int


@dataclass(frozen=True, slots=True)
class CriterionEvidence:
    """A statement about a whole criterion: an observation `criterion: "2", met: …`, or a
    title granted under the set (every criterion met at the recognition date)."""

    met: bool
    as_of: date
    source: Source
    title: str | None = None
    """The title's words ('nâng cao', year) when the statement is a title."""


@dataclass(frozen=True, slots=True)
class CriterionStatement:
    """The indicator's status comes from the criterion-level evidence; the indicator's own
    observation, if any, is not newer (`superseded`)."""

    evidence: CriterionEvidence
    superseded: Observation | None


@dataclass(frozen=True, slots=True)
class Conclusion:
    met: bool


Step = (
    ThresholdUsed
    | DefaultExpectation
    | DerivedThreshold
    | BaseThresholdMissing
    | NoObservation
    | ObservationUsed
    | StatedShortBy
    | NoThreshold
    | BooleanCheck
    | StatedResult
    | CountCheck
    | ValueCheck
    | CountWithoutTotal
    | LevelCheck
    | FormMismatch
    | NoUnits
    | AggregateTally
    | AggregateNeed
    | CriterionStatement
    | Conclusion
)
