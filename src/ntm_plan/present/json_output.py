"""The JSON shapes of `gap`, `status` and `tasks` (documented in the README; keep stable).

Numbers are JSON numbers rounded to 4 decimals (exact counts stay integers); dates are
ISO strings; statuses are the Vietnamese words the tables show.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ntm_plan.evaluate.results import Assessment, CriteriaCounts, CriterionResult, IndicatorResult
from ntm_plan.evaluate.set_comparison import SetComparison
from ntm_plan.evaluate.standing import ScanResult
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.evaluate.units import current_title
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.units_time import UnitPlace
from ntm_plan.present.phrases import condition_label
from ntm_plan.present.province import glance_json, province_glance
from ntm_plan.present.standing import most_missed, ranked_units
from ntm_plan.present.task_lists import lead_name
from ntm_plan.present.unit_view import claims_json, place_json, titles_json

SCHEMA_VERSION = 2


def _num(value: Any) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    number = round(float(value), 4)
    return int(number) if number.is_integer() else number


def indicator_json(r: IndicatorResult) -> dict[str, Any]:
    obs = r.observation
    return {
        "criterion": r.criterion.code,
        "indicator": r.indicator.code,
        "name": r.indicator.name,
        "content_checked": r.indicator.content_checked,
        "parts_entered": r.indicator.parts_entered,
        "kind": r.indicator.kind,
        "direction": r.indicator.direction,
        "unit": r.indicator.unit,
        "status": r.status,
        "reason": r.reason,
        "current": _num(r.current),
        "observation": None
        if obs is None
        else {
            "as_of": obs.as_of.isoformat(),
            "value": _num(obs.value),
            "count": obs.count,
            "total": obs.total,
            "stated_percent": _num(obs.stated_percent),
            "met": obs.met,
            "level": obs.level,
            "short_by": obs.short_by,
            "source": obs.source.model_dump(),
        },
        "threshold": _threshold_json(r),
        "gap": _num(r.gap),
        "surplus": _num(r.surplus),
        "needed": r.needed,
        "criterion_evidence": None
        if r.criterion_evidence is None
        else {
            "met": r.criterion_evidence.met,
            "as_of": r.criterion_evidence.as_of.isoformat(),
            "title": r.criterion_evidence.title,
            "summary": r.criterion_evidence.summary,
            "source": r.criterion_evidence.source.model_dump(),
        },
        "target": None
        if r.target is None
        else {
            "year": r.target.year,
            "value": _num(r.target.value),
            "gap": _num(r.target_gap),
        },
    }


def _threshold_json(r: IndicatorResult) -> dict[str, Any] | None:
    """The threshold used; a boolean indicator without one is expected "đạt" (`default: true`)."""
    t = r.threshold
    if t is None:
        if r.indicator.kind != "boolean":
            return None
        return {
            "required": None,
            "level": None,
            "expect": True,
            "default": True,
            "region": None,
            "from_year": None,
            "verified": None,
            "source": None,
        }
    return {
        "required": _num(r.required),
        "level": t.level,
        "expect": t.expect,
        "default": False,
        "region": t.region,
        "group": t.group,
        "from_year": t.from_year,
        "verified": t.verified,
        "source": t.source.model_dump(),
    }


def task_json(s: TaskStatus, data: Dataset) -> dict[str, Any]:
    return {
        "id": s.task.id,
        "unit": s.unit.id if s.unit else None,
        "department": s.owner_department,
        "text": s.task.text,
        "criterion": s.task.criterion,
        "indicator": s.task.indicator,
        "quantity": _num(s.task.quantity),
        "unit_of_measure": s.task.unit,
        "lead": s.lead,
        "lead_name": lead_name(s, data),
        "support": list(s.task.support),
        "due": s.task.due.last_day.isoformat() if s.task.due else None,
        "due_label": s.task.due.label if s.task.due else None,
        "done": _num(s.done),
        "percent": _num(s.percent),
        "state": s.state,
        "overdue": s.overdue,
    }


def counts_json(counts: CriteriaCounts | None) -> dict[str, int] | None:
    """`{met, not_met, unknown, total}`: unknown is never counted as not met."""
    if counts is None:
        return None
    return {"met": counts.met, "not_met": counts.not_met, "unknown": counts.unknown, "total": counts.total}


def assessment_json(a: Assessment) -> dict[str, Any]:
    return {
        "unit": {"id": a.unit.id, "name": a.unit.name, "kind": a.unit.kind, **place_json(UnitPlace.of(a.unit))},
        "set": a.criteria_set.id,
        "as_of": a.as_of.isoformat(),
        "status": a.status,
        "criteria": counts_json(a.counts),
        "by_criterion": [
            {
                "code": c.criterion.code,
                "name": c.criterion.name,
                "status": c.status,
                "indicators": [indicator_json(i) for i in c.indicators],
            }
            for c in a.criteria
        ],
        "conditions": [condition_json(r) for r in a.conditions],
    }


def condition_json(r: IndicatorResult) -> dict[str, Any]:
    """A condition of recognition: the indicator shape, keyed by its `id` and not counted."""
    shape = indicator_json(r)
    del shape["criterion"], shape["indicator"]
    return {"id": r.indicator.code, "label": condition_label(r), **shape}


def gap_json(
    items: list[tuple[Assessment, list[TaskStatus]]], data: Dataset, in_force: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """`in_force`: the units assessed by the set in force for them, not a set they chose."""
    return {
        "version": SCHEMA_VERSION,
        "units": [
            {
                **assessment_json(a),
                "set_in_force": a.unit.id in in_force,
                "title": current_title(a.unit, a.as_of),
                "titles": titles_json(a.unit),
                "claims": claims_json(a.unit),
                "tasks": [task_json(t, data) for t in tasks],
            }
            for a, tasks in items
        ],
    }


def _criterion_state(c: CriterionResult) -> dict[str, Any]:
    return {"code": c.criterion.code, "name": c.criterion.name, "status": c.status}


def _set_side(a: Assessment) -> dict[str, Any]:
    return {
        "id": a.criteria_set.id,
        "name": a.criteria_set.name,
        "status": a.status,
        "criteria": counts_json(a.counts),
        "by_criterion": [_criterion_state(c) for c in a.criteria],
    }


def comparison_json(comparison: SetComparison, *, in_force: bool = False) -> dict[str, Any]:
    """`gap --compare`: each set's criteria with their states and counts, the pairs whose
    names match, and the criteria that exist in one set only; `set_in_force`: the current
    set is the one in force for the unit, not one it chose."""
    current = comparison.current
    return {
        "version": SCHEMA_VERSION,
        "unit": {
            "id": current.unit.id,
            "name": current.unit.name,
            "kind": current.unit.kind,
            **place_json(UnitPlace.of(current.unit)),
        },
        "as_of": current.as_of.isoformat(),
        "current": _set_side(current),
        "set_in_force": in_force,
        "compared": _set_side(comparison.compared),
        "pairs": [
            {
                "current": r.current.criterion.code,
                "compared": r.compared.criterion.code,
                "name": r.current.criterion.name,
            }
            for r in comparison.paired
            if r.current is not None and r.compared is not None
        ],
        "only_current": [_criterion_state(c) for c in comparison.only_current],
        "only_compared": [_criterion_state(c) for c in comparison.only_compared],
    }


def status_json(result: ScanResult) -> dict[str, Any]:
    units = [
        {
            "id": u.id,
            "name": u.name,
            "kind": u.kind,
            **place_json(u.place),
            "title": u.title,
            "group": u.group,
            "target": None if u.target_set is None else {"set": u.target_set, "year": u.target_year},
            "criteria": counts_json(u.criteria),
            "criteria_not_met": list(u.not_met),
            "criteria_unknown": list(u.unknown),
            "indicators_without_data": u.without_data,
            "tasks": u.tasks,
            "tasks_overdue": u.tasks_overdue,
        }
        for u in result.units
    ]
    return {
        "version": SCHEMA_VERSION,
        "as_of": result.district.as_of.isoformat() if result.district else None,
        "units": units,
        "closest": [u.id for u in ranked_units(result.units) if u.criteria is not None],
        "most_missed": [
            {
                "set": m.set_id,
                "code": m.code,
                "name": m.name,
                "not_met": m.not_met,
                "unknown": m.unknown,
                "units": m.units,
            }
            for m in most_missed(result.units, result.reference.sets)
        ],
        "district": None if result.district is None else assessment_json(result.district),
        "province": glance_json(province_glance(result)),
        "tasks": {
            "total": result.task_count,
            "overdue": result.overdue_count,
            "of_closed_owners": result.closed_owners.tasks,
            "closed_owners_last_day": last_day.isoformat() if (last_day := result.closed_owners.last_day) else None,
        },
    }


def tasks_json(statuses: list[TaskStatus], data: Dataset, as_of: str) -> dict[str, Any]:
    return {"version": SCHEMA_VERSION, "as_of": as_of, "tasks": [task_json(s, data) for s in statuses]}
