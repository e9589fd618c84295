"""The steps of one indicator's evaluation, as data: what `explain` words.

The evaluator records each step with its numbers; `present.explain` turns them into
Vietnamese sentences. Nothing here formats text. Steps are NamedTuples, not dataclasses:
`gap` creates these classes at every start, and a NamedTuple costs an eighth of a frozen
dataclass to create (benchmarks/gap_ratio.py).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

from ntm_plan.model import Observation, Predecessor, Source, Threshold


class ThresholdUsed(NamedTuple):
    threshold: Threshold


class DefaultExpectation(NamedTuple):
    """A boolean indicator without a written threshold is expected to be met."""


class DerivedThreshold(NamedTuple):
    set_id: str
    indicator: str
    factor: Fraction
    base: Fraction
    value: Fraction


class BaseThresholdMissing(NamedTuple):
    set_id: str
    indicator: str


class NoObservation(NamedTuple):
    as_of: date


class ObservationUsed(NamedTuple):
    observation: Observation


class StatedShortBy(NamedTuple):
    """What the source says separates the unit from the threshold: to add, or for an
    indicator with a ceiling, to remove."""

    short_by: int
    count_unit: str | None
    at_least: bool


class NoThreshold(NamedTuple):
    """The set gives no threshold for the unit's region and the year."""


class NoGroup(NamedTuple):
    """The set's thresholds depend on the commune group, and the unit's group is not known."""


class BooleanCheck(NamedTuple):
    expected: bool
    actual: bool


class StatedResult(NamedTuple):
    """The source states the indicator met or not, without a figure."""

    met: bool


class CountCheck(NamedTuple):
    """count/total against a share: the count the threshold allows or asks for, exactly.
    `derived` says which of the count or the total the source did not give and was computed
    from its stated rate; then `stated` is that rate."""

    counted: int
    total: int
    current: Fraction
    required: Fraction
    scaled: Fraction
    bound: int
    needed: int
    at_least: bool
    derived: str | None = None
    stated: Fraction | None = None


class ValueCheck(NamedTuple):
    current: Fraction
    required: Fraction
    at_least: bool


class CountWithoutTotal(NamedTuple):
    counted: int


class LevelCheck(NamedTuple):
    actual: str
    required: str


class FormMismatch(NamedTuple):
    """The observation's form cannot be compared with the threshold's."""


class NoUnits(NamedTuple):
    unit_kind: str


class AggregateTally(NamedTuple):
    met: int
    total: int
    unit_kind: str
    tier: str
    current: Fraction
    unknown: int


class AggregateNeed(NamedTuple):
    required: Fraction
    total: int
    scaled: Fraction
    needed: int


class CriterionEvidence(NamedTuple):
    """A statement about a whole criterion: an observation `criterion: "2", met: …`, a
    title granted under the set (every criterion met at the recognition date), or what a
    source's summary claim says of it ("đạt 20/20 tiêu chí")."""

    met: bool
    as_of: date
    source: Source
    title: str | None = None
    """The title's words ('nâng cao', year) when the statement is a title."""
    summary: str | None = None
    """The claim's words ('đạt 20/20 tiêu chí') when the statement is a source's summary."""

    @property
    def specific(self) -> bool:
        """Said of this criterion itself, not of all criteria at once (a title, a summary)."""
        return self.title is None and self.summary is None


class CriterionStatement(NamedTuple):
    """The indicator's status comes from the criterion-level evidence; the indicator's own
    observation, if any, is not newer (`superseded`)."""

    evidence: CriterionEvidence
    superseded: Observation | None


class CarryProblem(StrEnum):
    """Why a figure is not carried across the merger. The values are the words users read."""

    NOT_IN_DATA = "đơn vị cũ không có trong thư mục dữ liệu"
    NO_DATA = "đơn vị cũ chưa có số liệu"
    NOT_COUNTS = "số liệu không phải số lượng kèm tổng số (bình quân, tỷ lệ không kèm tổng số) nên không cộng được"
    NOT_ADDITIVE = "chỉ tiêu không phải tỷ lệ đếm được nên không cộng được"
    PARTIAL = "đơn vị cũ chỉ nhập một phần: không tách được số liệu của phần nhập vào"
    DATES_DIFFER = "số liệu của các đơn vị cũ không cùng một ngày"


class CarriedPart(NamedTuple):
    predecessor: Predecessor
    name: str
    """The old unit as a sentence names it: 'xã Tân Hương'."""
    observation: Observation
    counted: int
    total: int


class CarriedFigure(NamedTuple):
    """The sum across every predecessor, with each part and its source: what `explain` shows."""

    parts: tuple[CarriedPart, ...]
    counted: int
    total: int
    as_of: date


class NotCarried(NamedTuple):
    problem: CarryProblem
    predecessor: Predecessor | None = None
    """The predecessor the problem is about, when it is about one."""


class Conclusion(NamedTuple):
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
    | NoGroup
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
    | CarriedFigure
    | NotCarried
    | Conclusion
)
