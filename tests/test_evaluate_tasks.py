"""`evaluate/tasks.py` in process: a cumulative figure beyond the quantity is 100 % (not
more), and a department's duty is led by that department. Tasks built in the test (SYNTHETIC)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ntm_plan.evaluate.tasks import DONE, IN_PROGRESS, task_status
from ntm_plan.model import Task
from test_evaluate import SRC


def _task(**extra: object) -> Task:
    return Task.model_validate({"id": "duong", "text": "Làm đường", "source": SRC, **extra})


def test_more_done_than_planned_is_done_at_100_percent_not_more() -> None:
    task = _task(quantity=10, unit="km", progress=[{"as_of": date(2024, 6, 30), "done": 12}])
    status = task_status(task, date(2024, 9, 30))
    assert (status.done, status.percent, status.state) == (12, Decimal(100), DONE)


def test_a_duty_is_led_by_its_department_unless_the_task_names_its_lead() -> None:
    progress = [{"as_of": date(2024, 6, 30), "percent": 40}]
    assert task_status(_task(progress=progress), date(2024, 9, 30), department="tai-chinh").lead == "tai-chinh"
    named = task_status(_task(lead="van-hoa", progress=progress), date(2024, 9, 30), department="tai-chinh")
    assert (named.lead, named.owner_department, named.state) == ("van-hoa", "tai-chinh", IN_PROGRESS)
    assert task_status(_task(), date(2024, 9, 30)).lead == "ubnd"
