"""Stage 4: assess a unit against a criteria set at a date. Pure: no I/O, no clock.

For each indicator the latest observation on or before `as_of` meets the threshold that
holds for the unit's region and the year. The result says đạt / chưa đạt / chưa có số
liệu / không áp dụng, the gap in the indicator's unit, the exact count still needed when
a denominator is known (integer arithmetic, never floats), the gap to the unit's own
target, and the steps of the calculation for `explain`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ntm_plan.evaluate.results import (
    MET,
    NO_DATA,
    NOT_APPLICABLE,
    NOT_MET,
    AggregateCount,
    Assessment,
    ChildStatus,
    CriterionResult,
    EvalContext,
    IndicatorResult,
    Reason,
    Status,
    criterion_status,
)
from ntm_plan.model import (
    Aggregate,
    CriteriaSet,
    Criterion,
    Indicator,
    Observation,
    Threshold,
    Unit,
    UnitTarget,
)
from ntm_plan.model.criteria import TIER_RANK
from ntm_plan.model.sets import find_indicator, select_threshold
from ntm_plan.present.vnformat import number


def assess(unit: Unit, criteria_set: CriteriaSet, as_of: date, context: EvalContext | None = None) -> Assessment:
    context = context or EvalContext()
    lineage = set_lineage(criteria_set, context.sets)
    ignored = sum(1 for o in unit.observations if o.as_of > as_of and (o.set is None or o.set in lineage))
    latest = latest_observations(unit, lineage, as_of)
    criteria = []
    for criterion in criteria_set.criteria:
        results = tuple(
            assess_indicator(unit, criterion, indicator, as_of, context, latest.get(indicator.code))
            for indicator in criterion.indicators
        )
        criteria.append(CriterionResult(criterion, criterion_status([r.status for r in results]), results))
    return Assessment(unit, criteria_set, as_of, tuple(criteria), ignored)


def set_lineage(criteria_set: CriteriaSet, sets: Mapping[str, CriteriaSet]) -> set[str]:
    """The set's id and the ids of the sets it derives from: observations for any count."""
    ids = {criteria_set.id}
    current = criteria_set
    while current.base and current.base not in ids:
        ids.add(current.base)
        if current.base not in sets:
            break
        current = sets[current.base]
    return ids


def latest_observations(unit: Unit, lineage: set[str], as_of: date) -> dict[str, Observation]:
    """For each indicator code, the latest observation on or before `as_of`."""
    latest: dict[str, Observation] = {}
    for obs in unit.observations:
        if obs.as_of > as_of or (obs.set is not None and obs.set not in lineage):
            continue
        held = latest.get(obs.indicator)
        if held is None or obs.as_of > held.as_of:
            latest[obs.indicator] = obs
        elif obs.as_of == held.as_of and obs.model_dump_json() > held.model_dump_json():
            # ties on the date are broken by content, so file order never changes the answer
            latest[obs.indicator] = obs
    return latest


def unit_target(unit: Unit, code: str) -> UnitTarget | None:
    year = unit.target.year if unit.target else None
    candidates = [t for t in unit.targets if t.indicator == code and t.value is not None]
    exact = [t for t in candidates if t.year == year]
    return max(exact or candidates, key=lambda t: (t.year, t.value or 0), default=None)


def resolve_required(
    threshold: Threshold, region: str | None, year: int, sets: Mapping[str, CriteriaSet], depth: int = 0
) -> tuple[Fraction | None, list[str]]:
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
        return None, [f"ngưỡng gốc ({derived.set}, chỉ tiêu {derived.indicator}) chưa có"]
    base_value, steps = resolve_required(base, region, year, sets, depth + 1)
    if base_value is None:
        return None, steps
    value = base_value * Fraction(derived.factor)
    steps.append(
        f"ngưỡng = {derived.factor} × ngưỡng chỉ tiêu {derived.indicator} của bộ {derived.set} "
        f"({_plain(base_value)}) = {_plain(value)}"
    )
    return value, steps


def _plain(value: Fraction) -> str:
    """Exact value for the calculation trace, Vietnamese style: 60,5; 243; ≈0,3333."""
    if value.denominator == 1:
        return number(value.numerator)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    exact = Fraction(decimal) == value
    if not exact:
        return "≈" + number(decimal, 4)
    exponent = decimal.normalize().as_tuple().exponent
    return number(decimal, max(0, -exponent) if isinstance(exponent, int) else 0)


def assess_indicator(
    unit: Unit,
    criterion: Criterion,
    indicator: Indicator,
    as_of: date,
    context: EvalContext,
    observation: Observation | None,
) -> IndicatorResult:
    year = as_of.year
    threshold = select_threshold(indicator, unit.region, year)
    target = unit_target(unit, indicator.code)
    base = IndicatorResult(criterion, indicator, NO_DATA, threshold=threshold, target=target)
    steps: list[str] = []
    if threshold is not None:
        region = threshold.region or "mọi vùng"
        since = f", từ năm {threshold.from_year}" if threshold.from_year else ""
        verified = "đã đối chiếu" if threshold.verified else "CHƯA đối chiếu văn bản chính thức"
        steps.append(f"ngưỡng áp dụng ({region}{since}): nguồn {threshold.source.document} — {verified}")
    elif indicator.kind == "boolean":
        steps.append("yêu cầu mặc định của chỉ tiêu có/không: đạt")

    if indicator.kind == "aggregate":
        return _assess_aggregate(base, indicator, threshold, unit, year, context, steps)

    required = None
    if threshold is not None and indicator.kind not in ("boolean", "level"):
        required = _required_value(threshold, unit, year, context, steps)
        base = _with(base, required=required)
    if observation is None:
        has_threshold = threshold is not None or indicator.kind == "boolean"
        reason = Reason.NO_DATA if has_threshold else Reason.NO_DATA_NO_THRESHOLD
        steps.append(f"không có số liệu nào đến ngày {as_of:%d/%m/%Y}")
        return _with(base, status=NO_DATA, reason=reason, steps=tuple(steps))
    steps.append(
        f"số liệu dùng: ngày {observation.as_of:%d/%m/%Y}, nguồn {observation.source.document}"
        + (f" ({observation.source.section})" if observation.source.section else "")
    )
    base = _with(base, observation=observation)
    if not observation.applicable:
        return _with(base, status=NOT_APPLICABLE, steps=tuple(steps))
    if observation.short_by is not None:
        steps.append(f"nguồn nêu còn thiếu {observation.short_by} {indicator.count_unit or ''}".rstrip())
        status = MET if observation.short_by == 0 else NOT_MET
        return _with(base, status=status, needed=observation.short_by, steps=tuple(steps))
    if threshold is None and indicator.kind != "boolean":
        current = _current(observation)
        steps.append("chưa có ngưỡng cho vùng và năm này")
        return _with(
            base,
            status=NO_DATA,
            reason=Reason.NO_THRESHOLD,
            current=current,
            target_gap=_target_gap(target, current, indicator),
            steps=tuple(steps),
        )
    if indicator.kind == "boolean":
        # a boolean indicator is expected to be met unless the set writes otherwise
        expected = threshold.expect if threshold is not None and threshold.expect is not None else True
        met = observation.met is expected
        steps.append(f"yêu cầu: {'có' if expected else 'không'}; thực tế: {'có' if observation.met else 'không'}")
        return _with(base, status=MET if met else NOT_MET, steps=tuple(steps))
    if observation.met is not None:
        # the source states the result without a figure (an inspection's "đạt"): take its word
        steps.append(f"nguồn nêu: {'đạt' if observation.met else 'chưa đạt'} (không kèm số liệu)")
        return _with(base, status=MET if observation.met else NOT_MET, steps=tuple(steps))
    if indicator.kind == "level" and threshold is not None:
        return _assess_level(base, indicator, threshold, observation, steps)
    if observation.value is None and observation.count is None:
        steps.append("số liệu không cùng dạng với ngưỡng nên không so được")
        return _with(base, status=NO_DATA, reason=Reason.FORM_MISMATCH, steps=tuple(steps))
    if required is None:
        return _with(base, status=NO_DATA, reason=Reason.THRESHOLD_UNRESOLVED, steps=tuple(steps))
    return _compare(base, indicator, observation, required, target, steps)


def _required_value(
    threshold: Threshold | None, unit: Unit, year: int, context: EvalContext, steps: list[str]
) -> Fraction | None:
    if threshold is None:
        return None
    value, derived_steps = resolve_required(threshold, unit.region, year, context.sets)
    steps.extend(derived_steps)
    return value


def _current(observation: Observation) -> Fraction | None:
    if observation.value is not None:
        return Fraction(observation.value)
    if observation.count is not None and observation.total:
        return Fraction(100 * observation.count, observation.total)
    return None


def _target_gap(target: UnitTarget | None, current: Fraction | None, indicator: Indicator) -> Fraction | None:
    if target is None or target.value is None or current is None:
        return None
    wanted = Fraction(target.value)
    gap = wanted - current if target.direction == "min" else current - wanted
    return max(gap, Fraction(0))


def _compare(
    base: IndicatorResult,
    indicator: Indicator,
    observation: Observation,
    required: Fraction,
    target: UnitTarget | None,
    steps: list[str],
) -> IndicatorResult:
    at_least = indicator.direction == "min"
    sign = "≥" if at_least else "≤"
    needed = None
    if observation.count is not None and observation.total is not None:
        count, total = observation.count, observation.total
        current = Fraction(100 * count, total)
        scaled = required * total / 100  # the count the threshold asks for, exact
        if at_least:
            met = count >= scaled
            needed = max(0, math.ceil(scaled) - count)
            steps.append(
                f"{count}/{total} = {_plain(current)}%; cần {sign} {_plain(required)}% × {total} = "
                f"{_plain(scaled)} → tối thiểu {math.ceil(scaled)}; còn thiếu {needed}"
            )
        else:
            met = count <= scaled
            needed = max(0, count - math.floor(scaled))
            steps.append(
                f"{count}/{total} = {_plain(current)}%; cho phép {sign} {_plain(required)}% × {total} = "
                f"{_plain(scaled)} → tối đa {math.floor(scaled)}; cần giảm {needed}"
            )
    else:
        assert observation.value is not None
        current = Fraction(observation.value)
        met = current >= required if at_least else current <= required
        steps.append(f"{_plain(current)} so với ngưỡng {sign} {_plain(required)}")
    gap = max(Fraction(0), required - current if at_least else current - required)
    steps.append(f"kết luận: {MET if met else NOT_MET}")
    return _with(
        base,
        status=MET if met else NOT_MET,
        required=required,
        current=current,
        gap=gap,
        needed=needed,
        target_gap=_target_gap(target, current, indicator),
        steps=tuple(steps),
    )


def _assess_level(
    base: IndicatorResult,
    indicator: Indicator,
    threshold: Threshold,
    observation: Observation,
    steps: list[str],
) -> IndicatorResult:
    if observation.level is None or threshold.level is None:
        return _with(base, status=NO_DATA, reason=Reason.NO_LEVEL, steps=tuple(steps))
    rank = indicator.levels.index
    met = rank(observation.level) >= rank(threshold.level)
    steps.append(f"mức hiện tại '{observation.level}', yêu cầu tối thiểu '{threshold.level}'")
    return _with(base, status=MET if met else NOT_MET, required_level=threshold.level, steps=tuple(steps))


def _assess_aggregate(
    base: IndicatorResult,
    indicator: Indicator,
    threshold: Threshold | None,
    unit: Unit,
    year: int,
    context: EvalContext,
    steps: list[str],
) -> IndicatorResult:
    spec = indicator.aggregate
    assert spec is not None
    count = count_children(spec, context.children)
    if count.total == 0:
        steps.append(f"không có đơn vị loại {spec.unit_kind} nào để tính")
        return _with(base, status=NO_DATA, reason=Reason.NO_UNITS, aggregate=count, steps=tuple(steps))
    required = Fraction(threshold.value) if threshold and threshold.value is not None else None
    current = Fraction(100 * count.met, count.total)
    steps.append(
        f"{count.met}/{count.total} {spec.unit_kind} đạt '{spec.tier}' = {_plain(current)}%"
        + (f"; {count.unknown} đơn vị chưa đủ số liệu" if count.unknown else "")
    )
    if required is None:
        return _with(
            base, status=NO_DATA, reason=Reason.NO_THRESHOLD, current=current, aggregate=count, steps=tuple(steps)
        )
    scaled = required * count.total / 100
    needed = max(0, math.ceil(scaled) - count.met)
    if count.met >= scaled:
        status = MET
    elif count.met + count.unknown >= scaled:
        status = NO_DATA
    else:
        status = NOT_MET
    steps.append(f"cần ≥ {_plain(required)}% × {count.total} = {_plain(scaled)} đơn vị; còn thiếu {needed}")
    return _with(
        base,
        status=status,
        required=required,
        current=current,
        gap=max(Fraction(0), required - current),
        needed=needed,
        aggregate=count,
        reason=Reason.UNITS_UNASSESSED if status == NO_DATA else None,
        steps=tuple(steps),
    )


def count_children(spec: Aggregate, children: Sequence[ChildStatus]) -> AggregateCount:
    pool = [c for c in children if c.kind == spec.unit_kind]
    met = [c.name for c in pool if c.tiers.get(spec.tier) == MET]
    unknown = sum(1 for c in pool if c.tiers.get(spec.tier, NO_DATA) == NO_DATA)
    return AggregateCount(len(pool), len(met), unknown, tuple(sorted(met)))


def tier_status(unit: Unit, tier: str, as_of: date, assessment: Assessment | None) -> Status:
    """Whether a unit stands at `tier` by `as_of`: by a title held, else by its assessment."""
    family = "đô thị văn minh" if tier == "đô thị văn minh" else "ntm"
    for title in unit.titles:
        same_family = (title.tier == "đô thị văn minh") == (family == "đô thị văn minh")
        if same_family and title.year <= as_of.year and TIER_RANK[title.tier] >= TIER_RANK[tier]:
            return MET
    if assessment is not None and TIER_RANK.get(assessment.criteria_set.tier, 0) >= TIER_RANK[tier]:
        same_family = (assessment.criteria_set.tier == "đô thị văn minh") == (family == "đô thị văn minh")
        if same_family and assessment.status == MET:
            return MET
    return NO_DATA if assessment is None or assessment.status != NOT_MET else NOT_MET


def _with(result: IndicatorResult, **changes: object) -> IndicatorResult:
    """A copy with some fields changed. Copies the instance dict directly:
    `dataclasses.replace` re-runs __init__ and was a third of the evaluation time."""
    copy = object.__new__(IndicatorResult)
    copy.__dict__.update(result.__dict__)
    copy.__dict__.update(changes)
    return copy
