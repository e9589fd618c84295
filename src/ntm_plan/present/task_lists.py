"""How tasks are shown: who leads each (by name), the part a department plays, tasks
grouped by their lead. For `tasks`, `gap` and the JSON output."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ntm_plan.evaluate.tasks import ClosedOwners, TaskStatus
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.present.vnformat import number, short_date


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


def closed_owners_line(closed: ClosedOwners, as_of: date, command: str) -> str | None:
    """What a listing at `as_of` leaves out: the tasks of units (and departments) no longer
    existing that day, and the command that shows them."""
    if not closed.tasks or closed.last_day is None:
        return None
    return (
        f"Không tính {number(closed.tasks)} nhiệm vụ của đơn vị, phòng ban không còn tồn tại ngày "
        f"{short_date(as_of)}; xem: {command} --as-of {closed.last_day.isoformat()}"
    )
