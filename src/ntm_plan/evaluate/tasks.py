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
    """Every task whose owner exists at `as_of`: a unit's tasks while the unit exists, the
    departments' duties while their district does (closing a district closes its departments)."""
    statuses = [task_status(t, as_of, unit=u) for u in data.all_units() if u.exists_on(as_of) for t in u.tasks]
    if departments_exist(data, as_of):
        statuses += [task_status(t, as_of, department=d.id) for d in data.departments for t in d.duties]
    return statuses


def departments_exist(data: Dataset, as_of: date) -> bool:
    """The departments in the data are the district's: they exist while it does (or always,
    in data without a district)."""
    return data.district is None or data.district.exists_on(as_of)


class ClosedOwners(NamedTuple):
    """Tasks `all_task_statuses` leaves out at a date because their owner no longer exists."""

    tasks: int
    last_day: date | None
    """The last day every one of those owners existed: the date to ask to see their tasks."""


NO_CLOSED_OWNERS = ClosedOwners(0, None)


def tasks_of_closed_owners(data: Dataset, as_of: date) -> ClosedOwners:
    return closed_owners(((len(u.tasks), u.valid_to) for u in data.all_units()), data, as_of)


def closed_owners(owners: Iterable[tuple[int, date | None]], data: Dataset, as_of: date) -> ClosedOwners:
    """`owners`: each unit's number of tasks and last day; the departments close with `data`'s district."""
    ended: list[tuple[int, date | None]] = [
        (count, last) for count, last in owners if count and last is not None and last < as_of
    ]
    if not departments_exist(data, as_of) and data.district is not None:
        ended.append((sum(len(d.duties) for d in data.departments), data.district.valid_to))
    last_days = [last for count, last in ended if count and last is not None]
    return ClosedOwners(sum(count for count, _ in ended), min(last_days, default=None))


def tasks_of_department(statuses: Iterable[TaskStatus], department: str) -> list[TaskStatus]:
    """The tasks a department leads, supports, or holds as its own duty."""
    return [
        s for s in statuses if s.lead == department or department in s.task.support or s.owner_department == department
    ]
