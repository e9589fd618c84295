"""Assess every unit of a dataset at a date, and the district with its aggregates.

The glue between the loaded data and the pure evaluator: picks each unit's target set,
derives the child statuses the district's aggregate indicators count, and collects
task statuses. No I/O beyond what the dataset already holds.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ntm_plan.evaluate.assess import assess, tier_status
from ntm_plan.evaluate.results import Assessment, ChildStatus, EvalContext
from ntm_plan.model import Title, Unit
from ntm_plan.model.dataset import Dataset

XA_TIERS = ("đạt chuẩn", "nâng cao", "kiểu mẫu")
TOWN_TIERS = ("đô thị văn minh",)


class DistrictView(NamedTuple):
    as_of: date
    units: dict[str, Assessment | None]
    children: tuple[ChildStatus, ...]
    district: Assessment | None


def assess_unit(
    data: Dataset,
    unit: Unit,
    as_of: date,
    set_id: str | None = None,
    children: tuple[ChildStatus, ...] = (),
    rules_year: int | None = None,
) -> Assessment | None:
    chosen = set_id or (unit.target.set if unit.target else None)
    if chosen is None or chosen not in data.sets:
        return None
    units = {p.unit: u for p in unit.predecessors if p.unit and (u := data.unit_by_id(p.unit)) is not None}
    return assess(unit, data.sets[chosen], as_of, EvalContext(data.sets, children, rules_year, units))


def tiers_of(unit: Unit) -> tuple[str, ...]:
    """The titles a unit may hold, the ones the district's aggregates count."""
    return XA_TIERS if unit.kind == "xã" else TOWN_TIERS


def child_status(unit: Unit, as_of: date, assessment: Assessment | None) -> ChildStatus:
    """Where one unit stands at each of its tiers, as the district's aggregates count it."""
    return ChildStatus(unit.name, unit.kind, {t: tier_status(unit, t, as_of, assessment) for t in tiers_of(unit)})


def child_statuses(data: Dataset, as_of: date, assessments: dict[str, Assessment | None]) -> tuple[ChildStatus, ...]:
    return tuple(child_status(unit, as_of, assessments.get(unit.id)) for unit in data.district_units())


def district_assessment(
    data: Dataset,
    as_of: date,
    children: tuple[ChildStatus, ...],
    set_id: str | None = None,
    rules_year: int | None = None,
) -> Assessment | None:
    """The district by `set_id` (default its target set), its aggregates counted over `children`."""
    if data.district is None:
        return None
    return assess_unit(data, data.district, as_of, set_id, children, rules_year)


def assess_district(
    data: Dataset, as_of: date, set_id: str | None = None, rules_year: int | None = None
) -> DistrictView:
    """Every unit and the district at `as_of`; `rules_year` as in `EvalContext`."""
    units = {u.id: assess_unit(data, u, as_of, rules_year=rules_year) for u in data.district_units()}
    children = child_statuses(data, as_of, units)
    return DistrictView(as_of, units, children, district_assessment(data, as_of, children, set_id, rules_year))


def held_title(unit: Unit, as_of: date) -> Title | None:
    """The best title the unit holds at the date, or None. Of two records of one tier, an
    undisputed one wins over one that states a `disagreement`, then the later year."""
    held = [t for t in unit.titles if t.year <= as_of.year]
    if not held:
        return None
    from ntm_plan.model.criteria import TIER_RANK

    # a title recorded as disputed (`disagreement`) gives way to an undisputed one of its tier
    return max(held, key=lambda t: (TIER_RANK[t.tier], t.disagreement is None, t.year))


def current_title(unit: Unit, as_of: date) -> str | None:
    """The best title the unit holds at the date, as a label ("NTM nâng cao (2023)")."""
    from ntm_plan.model.criteria import TIER_LABEL

    best = held_title(unit, as_of)
    return f"{TIER_LABEL[best.tier]} ({best.year})" if best is not None else None
