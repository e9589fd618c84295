"""Comparing one observation with its threshold, in exact arithmetic (never floats).

The observation forms documents use all reduce to the same figures: a count with its
total, a value, or both. A rate given with its total yields the count; a count given with
its rate yields the total (each to the nearest whole number, which the source's rounding
of the rate allows).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import NamedTuple

from ntm_plan.evaluate.results import (
    MET,
    NOT_MET,
    UNKNOWN,
    AggregateCount,
    ChildStatus,
    IndicatorResult,
    Reason,
    Status,
)
from ntm_plan.evaluate.steps import (
    AggregateNeed,
    AggregateTally,
    BaseThresholdMissing,
    Conclusion,
    CountCheck,
    CountWithoutTotal,
    DerivedThreshold,
    FormMismatch,
    LevelCheck,
    NoUnits,
    Step,
    ValueCheck,
)
from ntm_plan.model import Aggregate, CriteriaSet, Indicator, Observation, Threshold, UnitTarget
from ntm_plan.model.sets import find_indicator, select_threshold

SHARE_KINDS = ("percent", "parts")


def nearest(value: Fraction) -> int:
    """Round half up: 1764.7 → 1765, 150.5 → 151."""
    return math.floor(value + Fraction(1, 2))


class Figures(NamedTuple):
    """What an observation says in numbers. `derived` names the figure computed from a
    stated rate ('count' or 'total'); `current` is then the stated rate itself."""

    counted: int | None
    total: int | None
    current: Fraction | None
    derived: str | None = None


def figures(obs: Observation) -> Figures:
    if obs.count is not None and obs.total is not None:
        return Figures(obs.count, obs.total, Fraction(100 * obs.count, obs.total))
    if obs.value is not None and obs.total is not None:
        rate = Fraction(obs.value)
        return Figures(nearest(rate * obs.total / 100), obs.total, rate, "count")
    if obs.count is not None and obs.stated_percent is not None:
        rate = Fraction(obs.stated_percent)
        return Figures(obs.count, nearest(Fraction(100 * obs.count) / rate), rate, "total")
    if obs.value is not None:
        return Figures(None, None, Fraction(obs.value))
    return Figures(obs.count, None, None)  # a count alone, or no figure at all


def current_value(obs: Observation, indicator: Indicator) -> Fraction | None:
    """The observation's value in the indicator's unit (a count alone is a value only for
    a counted indicator, not for a share)."""
    found = figures(obs)
    if found.current is None and found.counted is not None and indicator.kind not in SHARE_KINDS:
        return Fraction(found.counted)
    return found.current


def resolve_required(
    threshold: Threshold, region: str | None, year: int, sets: Mapping[str, CriteriaSet], depth: int = 0
) -> tuple[Fraction | None, list[Step]]:
    """The numeric threshold, following `derived` references to other sets."""
    if threshold.value is not None:
        return Fraction(threshold.value), []
    derived = threshold.derived
    if derived is None or depth > 5 or derived.set not in sets:
        return None, []
    found = find_indicator(sets[derived.set], derived.indicator)
    if found is None:
        return None, []
    base = select_threshold(found[1], region, year)
    if base is None:
        return None, [BaseThresholdMissing(derived.set, derived.indicator)]
    base_value, steps = resolve_required(base, region, year, sets, depth + 1)
    if base_value is None:
        return None, steps
    value = base_value * Fraction(derived.factor)
    steps.append(DerivedThreshold(derived.set, derived.indicator, Fraction(derived.factor), base_value, value))
    return value, steps


def target_gap(target: UnitTarget | None, current: Fraction | None, indicator: Indicator) -> Fraction | None:
    """What separates the current value from the unit's own target, in the direction of
    the target (the indicator's unless the target says otherwise); 0 when reached."""
    if target is None or target.value is None or current is None:
        return None
    wanted = Fraction(target.value)
    direction = target.direction or indicator.direction
    gap = wanted - current if direction == "min" else current - wanted
    return max(gap, Fraction(0))


def compare(
    base: IndicatorResult,
    indicator: Indicator,
    observation: Observation,
    required: Fraction,
    steps: list[Step],
) -> IndicatorResult:
    at_least = indicator.direction == "min"
    found = figures(observation)
    needed = None
    if found.counted is not None and found.total is not None and found.current is not None:
        count, total = found.counted, found.total
        scaled = required * total / 100  # the count the threshold asks for or allows, exact
        bound = math.ceil(scaled) if at_least else math.floor(scaled)
        # the share decides: exactly count/total, or the source's own rate when the count or the
        # total was derived from it (the derived figure only sizes the work)
        met = found.current >= required if at_least else found.current <= required
        needed = 0 if met else max(0, bound - count if at_least else count - bound)
        stated = found.current if found.derived else None
        steps.append(
            CountCheck(
                count,
                total,
                Fraction(100 * count, total),
                required,
                scaled,
                bound,
                needed,
                at_least,
                found.derived,
                stated,
            )
        )
        current = found.current
    else:
        value = current_value(observation, indicator)
        if value is None:
            steps.append(CountWithoutTotal(observation.count or 0))
            return base._replace(status=UNKNOWN, reason=Reason.NO_TOTAL, steps=tuple(steps))
        current = value
        met = current >= required if at_least else current <= required
        steps.append(ValueCheck(current, required, at_least))
    distance = required - current if at_least else current - required
    steps.append(Conclusion(met))
    return base._replace(
        status=MET if met else NOT_MET,
        required=required,
        current=current,
        gap=max(Fraction(0), distance),
        surplus=-distance if met else None,  # met: the distance is never above 0
        needed=needed,
        target_gap=target_gap(base.target, current, indicator),
        steps=tuple(steps),
    )


def assess_level(
    base: IndicatorResult, indicator: Indicator, threshold: Threshold, observation: Observation, steps: list[Step]
) -> IndicatorResult:
    if observation.level is None or threshold.level is None:
        return base._replace(status=UNKNOWN, reason=Reason.NO_LEVEL, steps=tuple(steps))
    if observation.level not in indicator.levels or threshold.level not in indicator.levels:
        # validate reports the unknown level (NTM013); status and plan still answer for the rest
        steps.append(FormMismatch())
        return base._replace(status=UNKNOWN, reason=Reason.FORM_MISMATCH, steps=tuple(steps))
    rank = indicator.levels.index
    met = rank(observation.level) >= rank(threshold.level)
    steps.append(LevelCheck(observation.level, threshold.level))
    steps.append(Conclusion(met))
    return base._replace(status=MET if met else NOT_MET, required_level=threshold.level, steps=tuple(steps))


def assess_aggregate(
    base: IndicatorResult,
    spec: Aggregate,
    threshold: Threshold | None,
    children: Sequence[ChildStatus],
    steps: list[Step],
) -> IndicatorResult:
    count = count_children(spec, children)
    if count.total == 0:
        steps.append(NoUnits(spec.unit_kind))
        return base._replace(status=UNKNOWN, reason=Reason.NO_UNITS, aggregate=count, steps=tuple(steps))
    required = Fraction(threshold.value) if threshold and threshold.value is not None else None
    current = Fraction(100 * count.met, count.total)
    steps.append(AggregateTally(count.met, count.total, spec.unit_kind, spec.tier, current, count.unknown))
    if required is None:
        return base._replace(
            status=UNKNOWN, reason=Reason.NO_THRESHOLD, current=current, aggregate=count, steps=tuple(steps)
        )
    scaled = required * count.total / 100
    needed = max(0, math.ceil(scaled) - count.met)
    status: Status
    if count.met >= scaled:
        status = MET
    elif count.met + count.unknown >= scaled:
        status = UNKNOWN  # the units not yet assessed could still make it
    else:
        status = NOT_MET
    steps.append(AggregateNeed(required, count.total, scaled, needed))
    return base._replace(
        status=status,
        required=required,
        current=current,
        gap=max(Fraction(0), required - current),
        needed=needed,
        aggregate=count,
        reason=Reason.UNITS_UNASSESSED if status == UNKNOWN else None,
        steps=tuple(steps),
    )


def count_children(spec: Aggregate, children: Sequence[ChildStatus]) -> AggregateCount:
    pool = [c for c in children if c.kind == spec.unit_kind]
    met = [c.name for c in pool if c.tiers.get(spec.tier) == MET]
    unknown = sum(1 for c in pool if c.tiers.get(spec.tier, UNKNOWN) == UNKNOWN)
    return AggregateCount(len(pool), len(met), unknown, tuple(sorted(met)))
