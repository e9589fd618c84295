"""How tasks are shown: who leads each (by name), the part a department plays, tasks
grouped by their lead. For `tasks`, `gap` and the JSON output."""

from __future__ import annotations

from collections.abc import Iterable

from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.unit import UNIT_LEAD


def lead_name(status: TaskStatus, data: Dataset) -> str:
    if status.lead == UNIT_LEAD:
        unit = status.unit
        return f"UBND {unit.kind} {unit.name}" if unit else "UBND"
    department = data.department(status.lead)
    return department.short if department else status.lead


def supports(status: TaskStatus, department: str) -> bool:
    """The department takes part in the task without leading it."""
    return status.lead != department and department in status.task.support


def group_by_lead(statuses: Iterable[TaskStatus], data: Dataset) -> list[tuple[str, list[TaskStatus]]]:
    """Tasks grouped by who leads them (all People's Committees together), groups in the
    order of the lead's name."""
    groups: dict[str, list[TaskStatus]] = {}
    for status in statuses:
        groups.setdefault(status.lead, []).append(status)
    return sorted(groups.items(), key=lambda kv: lead_name(kv[1][0], data))
