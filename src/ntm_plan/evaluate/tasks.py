"""Stage 4 for works: where each task stands at a date. Pure: no I/O, no clock.

Progress entries are cumulative (what is done by their date). A task is done when the
quantity is reached or an entry says `completed`; overdue when its deadline has passed
and it is not done; "chưa báo cáo" when no progress was entered by the date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from ntm_plan.model import Progress, Task, Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.unit import UNIT_LEAD


class TaskState(StrEnum):
    """Where a task stands; the values are the words users read and JSON carries."""

    DONE = "hoàn thành"
    IN_PROGRESS = "đang thực hiện"
    NOT_REPORTED = "chưa báo cáo"


DONE = TaskState.DONE
IN_PROGRESS = TaskState.IN_PROGRESS
NOT_REPORTED = TaskState.NOT_REPORTED


class TaskStatus(NamedTuple):
    task: Task
    unit: Unit | None
    lead: str
    """Department id, or 'ubnd' for the unit's own People's Committee."""
    owner_department: str | None
    """For a department's own duty: the department it belongs to."""
    state: TaskState
    latest: Progress | None
    done: Decimal | None
    percent: Decimal | None
    overdue: bool


def task_status(task: Task, as_of: date, *, unit: Unit | None = None, department: str | None = None) -> TaskStatus:
    entries = [p for p in task.progress if p.as_of <= as_of]
    latest = max(entries, key=lambda p: (p.as_of, p.model_dump_json()), default=None)
    done = latest.done if latest and latest.done is not None else None
    percent: Decimal | None = None
    if latest is not None:
        if latest.completed:
            percent = Decimal(100)
        elif latest.percent is not None:
            percent = latest.percent
        elif done is not None and task.quantity:
            percent = min(Decimal(100), done * 100 / task.quantity)
        elif latest.completed is False:
            percent = Decimal(0)
    finished = percent is not None and percent >= 100
    if finished:
        state = DONE
    elif latest is not None:
        state = IN_PROGRESS
    else:
        state = NOT_REPORTED
    overdue = task.due is not None and task.due.last_day < as_of and not finished
    lead = task.lead or department or UNIT_LEAD
    return TaskStatus(task, unit, lead, department, state, latest, done, percent, overdue)


def all_task_statuses(data: Dataset, as_of: date) -> list[TaskStatus]:
    statuses = [task_status(t, as_of, unit=u) for u in data.all_units() for t in u.tasks]
    statuses += [task_status(t, as_of, department=d.id) for d in data.departments for t in d.duties]
    return statuses


def tasks_of_department(statuses: Iterable[TaskStatus], department: str) -> list[TaskStatus]:
    """The tasks a department leads, supports, or holds as its own duty."""
    return [
        s for s in statuses if s.lead == department or department in s.task.support or s.owner_department == department
    ]
