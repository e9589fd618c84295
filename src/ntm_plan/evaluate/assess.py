"""Stage 4: assess a unit against a criteria set at a date. Pure: no I/O, no clock, no words.

For each indicator the latest observation on or before `as_of` meets the threshold that
holds for the unit's region and the year. A statement about a whole criterion (an
observation `criterion:` or a title granted under the set) counts too; the indicator's own
evidence wins when it is newer. The result says đạt / chưa đạt / chưa đánh giá (with the
reason) / không áp dụng, the gap in the indicator's unit, the exact count still needed when
a denominator is known, the gap to the unit's own target, and the steps of the calculation
as data (`evaluate.steps`) for `explain` to word.
"""

from __future__ import annotations

from datetime import date

from ntm_plan.evaluate.compare import (
    assess_aggregate,
    assess_level,
    compare,
    current_value,
    resolve_required,
    target_gap,
)
from ntm_plan.evaluate.evidence import Evidence, gather, holds_title
from ntm_plan.evaluate.lineage import carried_observation, carry
from ntm_plan.evaluate.results import (
    MET,
    NOT_APPLICABLE,
    NOT_MET,
    UNKNOWN,
    Assessment,
    CriterionResult,
    EvalContext,
    IndicatorResult,
    Reason,
    Status,
    criterion_status,
)
from ntm_plan.evaluate.steps import (
    BooleanCheck,
    CarriedFigure,
    Conclusion,
    CriterionStatement,
    DefaultExpectation,
    FormMismatch,
    NoGroup,
    NoObservation,
    NotCarried,
    NoThreshold,
    ObservationUsed,
    StatedResult,
    StatedShortBy,
    Step,
    ThresholdUsed,
)
from ntm_plan.model import CriteriaSet, Criterion, Indicator, Observation, Unit, UnitTarget
from ntm_plan.model.criteria import TIER_RANK
from ntm_plan.model.sets import select_threshold


def assess(unit: Unit, criteria_set: CriteriaSet, as_of: date, context: EvalContext | None = None) -> Assessment:
    context = context or EvalContext()
    evidence = gather(unit, criteria_set, context.sets, as_of)
    commune_group = group_of(unit, criteria_set)
    criteria = tuple(
        _assess_criterion(unit, criteria_set, criterion, as_of, context, evidence, commune_group)
        for criterion in criteria_set.criteria
    )
    heading = criteria_set.conditions_group()
    conditions = tuple(
        assess_indicator(
            unit, heading, condition, as_of, context, evidence.indicators.get(condition.code), commune_group
        )
        for condition in criteria_set.conditions
    )
    return Assessment(
        unit, criteria_set, as_of, criteria, evidence.ignored_later, evidence.outside_period, conditions=conditions
    )


def group_of(unit: Unit, criteria_set: CriteriaSet) -> str | None:
    """The unit's commune group in this set, when the set has groups and a source gives it."""
    if unit.group is None or not criteria_set.by_group:
        return None
    if unit.group.set is not None and unit.group.set != criteria_set.id and criteria_set.base != unit.group.set:
        return None
    return unit.group.code if criteria_set.group(unit.group.code) is not None else None


def _assess_criterion(
    unit: Unit,
    criteria_set: CriteriaSet,
    criterion: Criterion,
    as_of: date,
    context: EvalContext,
    evidence: Evidence,
    group: str | None,
) -> CriterionResult:
    statement = evidence.criteria.get(criterion.code)
    if not criterion.indicators:
        # indicators not yet written (a set known only by its criteria): only a statement
        # about the whole criterion can say anything
        status = UNKNOWN if statement is None else (MET if statement.met else NOT_MET)
        return CriterionResult(criterion, status, (), statement)
    results = []
    all_newer = True
    for indicator in criterion.indicators:
        own = evidence.indicators.get(indicator.code)
        result = _assess_own_or_carried(unit, criteria_set, (criterion, indicator), as_of, context, own, group)
        newer = own is not None and statement is not None and own.as_of > statement.as_of
        all_newer = all_newer and newer
        if statement is not None and statement.met and not newer and result.status != NOT_APPLICABLE:
            result = result._replace(
                status=MET,
                reason=None,
                gap=None,
                needed=None,
                criterion_evidence=statement,
                steps=(*result.steps, CriterionStatement(statement, own)),
            )
        results.append(result)
    status = criterion_status([r.status for r in results])
    if statement is not None and not statement.met and not all_newer:
        # "chưa đạt: giao thông" holds until every indicator has newer evidence
        status = NOT_MET
    return CriterionResult(criterion, status, tuple(results), statement)


def _assess_own_or_carried(
    unit: Unit,
    criteria_set: CriteriaSet,
    measure: tuple[Criterion, Indicator],
    as_of: date,
    context: EvalContext,
    own: Observation | None,
    group: str | None,
) -> IndicatorResult:
    """The unit's own figure; without one, for a unit a merger formed, its predecessors'
    figures summed (`evaluate.lineage`), or the reason they cannot be."""
    criterion, indicator = measure
    carried = carry(unit, indicator, criteria_set, context.sets, as_of, context.units) if own is None else None
    if isinstance(carried, CarriedFigure):
        result = assess_indicator(
            unit, criterion, indicator, as_of, context, carried_observation(indicator, carried), group
        )
        at = next((i for i, s in enumerate(result.steps) if isinstance(s, ObservationUsed)), len(result.steps))
        return result._replace(steps=(*result.steps[:at], carried, *result.steps[at:]))
    result = assess_indicator(unit, criterion, indicator, as_of, context, own, group)
    if isinstance(carried, NotCarried) and result.status == UNKNOWN and result.reason == Reason.NO_DATA:
        return result._replace(reason=Reason.NOT_CARRIED, steps=(*result.steps, carried))
    return result


def unit_target(unit: Unit, code: str) -> UnitTarget | None:
    year = unit.target.year if unit.target else None
    candidates = [t for t in unit.targets if t.indicator == code and t.value is not None]
    exact = [t for t in candidates if t.year == year]
    return max(exact or candidates, key=lambda t: (t.year, t.value or 0), default=None)


def assess_indicator(
    unit: Unit,
    criterion: Criterion,
    indicator: Indicator,
    as_of: date,
    context: EvalContext,
    observation: Observation | None,
    group: str | None = None,
) -> IndicatorResult:
    year = context.rules_year or as_of.year
    threshold = select_threshold(indicator, unit.region, year, group)
    target = unit_target(unit, indicator.code)
    base = IndicatorResult(criterion, indicator, UNKNOWN, threshold=threshold, target=target)
    steps: list[Step] = []
    if threshold is not None:
        steps.append(ThresholdUsed(threshold))
    elif indicator.kind == "boolean":
        steps.append(DefaultExpectation())

    if indicator.kind == "aggregate" and indicator.aggregate is not None:
        return assess_aggregate(base, indicator.aggregate, threshold, context.children, steps)

    required = None
    if threshold is not None and indicator.kind not in ("boolean", "level"):
        required, derived_steps = resolve_required(threshold, unit.region, year, context.sets)
        steps.extend(derived_steps)
        base = base._replace(required=required)
    if threshold is None and group is None and any(t.group is not None for t in indicator.thresholds):
        steps.append(NoGroup())
        return base._replace(status=UNKNOWN, reason=Reason.NO_GROUP, observation=observation, steps=tuple(steps))
    if observation is None:
        has_threshold = threshold is not None or indicator.kind == "boolean"
        steps.append(NoObservation(as_of))
        reason = Reason.NO_DATA if has_threshold else Reason.NO_DATA_NO_THRESHOLD
        return base._replace(status=UNKNOWN, reason=reason, steps=tuple(steps))
    steps.append(ObservationUsed(observation))
    base = base._replace(observation=observation)
    return _judge(base, indicator, observation, steps)


def _judge(base: IndicatorResult, indicator: Indicator, observation: Observation, steps: list[Step]) -> IndicatorResult:
    threshold = base.threshold
    if not observation.applicable:
        return base._replace(status=NOT_APPLICABLE, steps=tuple(steps))
    if observation.short_by is not None:
        steps.append(StatedShortBy(observation.short_by, indicator.count_unit, indicator.direction == "min"))
        status = MET if observation.short_by == 0 else NOT_MET
        return base._replace(status=status, needed=observation.short_by, steps=tuple(steps))
    if threshold is None and indicator.kind != "boolean":
        current = current_value(observation, indicator)
        steps.append(NoThreshold())
        return base._replace(
            status=UNKNOWN,
            reason=Reason.NO_THRESHOLD,
            current=current,
            target_gap=target_gap(base.target, current, indicator),
            steps=tuple(steps),
        )
    if indicator.kind == "boolean":
        # a boolean indicator is expected to be met unless the set writes otherwise
        expected = threshold.expect if threshold is not None and threshold.expect is not None else True
        if observation.met is None:
            steps.append(FormMismatch())
            return base._replace(status=UNKNOWN, reason=Reason.FORM_MISMATCH, steps=tuple(steps))
        met = observation.met is expected
        steps.append(BooleanCheck(expected, observation.met))
        steps.append(Conclusion(met))
        return base._replace(status=MET if met else NOT_MET, steps=tuple(steps))
    if observation.met is not None:
        # the source states the result without a figure (an inspection's "đạt"): take its word
        steps.append(StatedResult(observation.met))
        return base._replace(status=MET if observation.met else NOT_MET, steps=tuple(steps))
    if indicator.kind == "level" and threshold is not None:
        return assess_level(base, indicator, threshold, observation, steps)
    if base.required is None or (observation.value is None and observation.count is None):
        steps.append(FormMismatch())
        reason = Reason.THRESHOLD_UNRESOLVED if base.required is None else Reason.FORM_MISMATCH
        return base._replace(status=UNKNOWN, reason=reason, steps=tuple(steps))
    return compare(base, indicator, observation, base.required, steps)


def tier_status(unit: Unit, tier: str, as_of: date, assessment: Assessment | None) -> Status:
    """Whether a unit stands at `tier` by `as_of`: by a title held, else by its assessment.

    An assessment at a higher tier that is not met says nothing of a lower tier, and one
    not yet assessed says nothing at all: both leave the tier `chưa đánh giá`."""
    if holds_title(unit, tier, as_of):
        return MET
    if assessment is None:
        return UNKNOWN
    set_tier = assessment.criteria_set.tier
    if (set_tier == "đô thị văn minh") != (tier == "đô thị văn minh"):
        return UNKNOWN
    rank, wanted = TIER_RANK[set_tier], TIER_RANK[tier]
    if assessment.status == MET and rank >= wanted:
        return MET
    if assessment.status == NOT_MET and rank <= wanted:
        return NOT_MET
    return UNKNOWN
