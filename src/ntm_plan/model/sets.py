"""Criteria sets after resolution: a derived set is its base with overrides applied.

Pure functions. `resolve_sets` turns the sets as written into sets with every criterion
and threshold in place; `select_threshold` picks the threshold that holds for a region
and a year (a region-specific entry beats a general one; the latest `from_year` not after
the year wins).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, TypeVar

from ntm_plan.diagnostics import Diagnostic, error
from ntm_plan.model import CriteriaSet, Criterion, Indicator, Threshold

_Measure = TypeVar("_Measure", bound=Indicator)


class SetProblem(NamedTuple):
    set_id: str
    path: tuple[str | int, ...]
    diagnostic: Diagnostic


def resolve_sets(written: Mapping[str, CriteriaSet]) -> tuple[dict[str, CriteriaSet], list[SetProblem]]:
    resolved: dict[str, CriteriaSet] = {}
    problems: list[SetProblem] = []

    def resolve(set_id: str, chain: tuple[str, ...]) -> CriteriaSet | None:
        if set_id in resolved:
            return resolved[set_id]
        own = written[set_id]
        if own.base is None:
            resolved[set_id] = own
            return own
        if own.base in chain or own.base == set_id:
            problems.append(
                SetProblem(
                    set_id, ("base",), error("NTM028", f"bộ tiêu chí '{set_id}' kế thừa vòng tròn qua '{own.base}'")
                )
            )
            return None
        if own.base not in written:
            problems.append(
                SetProblem(
                    set_id,
                    ("base",),
                    error(
                        "NTM028",
                        f"bộ tiêu chí gốc '{own.base}' không tồn tại",
                        hint=f"Các bộ hiện có: {', '.join(sorted(written))}",
                    ),
                )
            )
            return None
        base = resolve(own.base, (*chain, set_id))
        if base is None:
            return None
        resolved[set_id] = apply_overrides(base, own, problems)
        return resolved[set_id]

    for set_id in sorted(written):
        resolve(set_id, ())
    return resolved, problems


def apply_overrides(base: CriteriaSet, own: CriteriaSet, problems: list[SetProblem]) -> CriteriaSet:
    replacements: dict[str, dict[str, object]] = {}
    measures = {i.code: i for _, i in base.measures()}
    for index, override in enumerate(own.overrides):
        if override.indicator not in measures:
            problems.append(
                SetProblem(
                    own.id,
                    ("overrides", index, "indicator"),
                    error("NTM021", f"chỉ tiêu '{override.indicator}' không có trong bộ gốc '{base.id}'"),
                )
            )
            continue
        if _unfit_thresholds(own.id, index, measures[override.indicator], override.thresholds, problems):
            continue  # never applied: a later command would meet a threshold its indicator cannot have
        update: dict[str, object] = replacements.setdefault(override.indicator, {})
        if override.thresholds:
            update["thresholds"] = override.thresholds
        if override.count_unit is not None:
            update["count_unit"] = override.count_unit

    def replaced(indicator: _Measure) -> _Measure:
        if indicator.code not in replacements:
            return indicator
        return indicator.model_copy(update=replacements[indicator.code])

    criteria: list[Criterion] = []
    for criterion in base.criteria:
        indicators = tuple(replaced(i) for i in criterion.indicators)
        criteria.append(criterion.model_copy(update={"indicators": indicators}))
    own_codes = {c.code for c in own.criteria}
    criteria = [c for c in criteria if c.code not in own_codes] + list(own.criteria)
    criteria.sort(key=lambda c: tuple(int(p) for p in c.code.split(".") if p.isdigit()))
    own_ids = {c.code for c in own.conditions}
    conditions = tuple(replaced(c) for c in base.conditions if c.code not in own_ids) + own.conditions
    return own.model_copy(update={"criteria": tuple(criteria), "conditions": conditions})


def _unfit_thresholds(
    set_id: str, index: int, indicator: Indicator, thresholds: tuple[Threshold, ...], problems: list[SetProblem]
) -> bool:
    """Check an override's thresholds against the base indicator, as the base's own are."""
    found = False
    for t, threshold in enumerate(thresholds):
        problem = indicator.threshold_problem(threshold)
        if problem is not None:
            found = True
            where = ("overrides", index, "thresholds", t)
            problems.append(SetProblem(set_id, where, error("NTM013", f"chỉ tiêu '{indicator.code}': {problem}")))
    return found


def select_threshold(indicator: Indicator, region: str | None, year: int, group: str | None = None) -> Threshold | None:
    """A threshold written for the unit's group (or region) beats a general one; one written
    for another group never applies, nor does any group's threshold to a unit whose group is
    not known."""

    def rank(t: Threshold) -> tuple[int, int, int]:
        return (1 if t.group is not None else 0, 1 if t.region is not None else 0, t.from_year or 0)

    usable = [
        t
        for t in indicator.thresholds
        if (t.region is None or t.region == region)
        and (t.group is None or t.group == group)
        and (t.from_year or 0) <= year
    ]
    return max(usable, key=rank, default=None)


_MEASURES: dict[int, tuple[CriteriaSet, dict[str, tuple[Criterion, Indicator]]]] = {}
"""Each set's indicators and conditions by code, built once per set object (it is frozen):
the check of every observation looks one up, and listing them each time was a tenth of
`validate`. Keyed by id, holding the set so that its id cannot be reused while kept."""
_MEASURES_KEPT = 64


def find_indicator(criteria_set: CriteriaSet, code: str) -> tuple[Criterion, Indicator] | None:
    """The indicator or condition with this code, and its heading."""
    kept = _MEASURES.get(id(criteria_set))
    if kept is None or kept[0] is not criteria_set:
        by_code: dict[str, tuple[Criterion, Indicator]] = {}
        for criterion, indicator in criteria_set.measures():
            by_code.setdefault(indicator.code, (criterion, indicator))  # the first of a code, as a search finds
        if len(_MEASURES) >= _MEASURES_KEPT:
            _MEASURES.clear()
        kept = _MEASURES[id(criteria_set)] = (criteria_set, by_code)
    return kept[1].get(code)
