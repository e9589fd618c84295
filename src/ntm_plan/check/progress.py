"""Checks of a task's progress entries, whichever way they arrived (typed or imported).

Progress entries are cumulative, so taken in date order the amount done never goes down
(unless the entry says it corrects an earlier figure), one date has one entry, and
nothing is reported for a quarter after the one in which the task was complete.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from ntm_plan.diagnostics import Diagnostic, error
from ntm_plan.model import Progress, Task
from ntm_plan.model.common import quarter_label, quarter_of
from ntm_plan.model.dataset import SourceFile


def _quarter(day: date) -> tuple[int, int]:
    return day.year, quarter_of(day)


def _amount(value: Decimal) -> str:
    return str(value).replace(".", ",")


def is_complete(task: Task, entry: Progress) -> bool:
    if entry.completed:
        return True
    if entry.percent is not None and entry.percent >= 100:
        return True
    return entry.done is not None and task.quantity is not None and entry.done >= task.quantity


def progress_problems(task: Task, path: tuple[str | int, ...], source: SourceFile) -> Iterator[Diagnostic]:
    """NTM032 total going down, NTM033 two entries on one date, NTM034 entry after completion."""
    ordered = sorted(enumerate(task.progress), key=lambda item: item[1].as_of)
    seen: dict[date, int] = {}
    previous: Progress | None = None
    completed_in: tuple[int, int] | None = None
    for k, entry in ordered:
        at = (*path, "progress", k, "as_of")  # positions are read only for a diagnostic
        if entry.as_of in seen:
            yield error(
                "NTM033",
                f"nhiệm vụ '{task.id}' có hai mục tiến độ cùng ngày {entry.as_of:%d/%m/%Y}",
                hint="Mỗi ngày chỉ ghi một số lũy kế; giữ số đúng và xóa mục còn lại.",
                **source.at(at),
            )
            continue
        seen[entry.as_of] = k
        if completed_in is not None and _quarter(entry.as_of) > completed_in:
            yield error(
                "NTM034",
                f"nhiệm vụ '{task.id}' đã hoàn thành trong quý {quarter_label(*completed_in)} "
                f"nhưng còn báo cáo tiến độ ngày {entry.as_of:%d/%m/%Y}",
                hint="Xóa mục này, hoặc sửa mục đánh dấu hoàn thành nếu nhiệm vụ thực ra chưa xong.",
                **source.at(at),
            )
        if previous is not None and not entry.correction:
            yield from _decrease(task, previous, entry, source, (*path, "progress", k))
        previous = entry
        if completed_in is None and is_complete(task, entry):
            completed_in = _quarter(entry.as_of)


def _decrease(
    task: Task, before: Progress, now: Progress, source: SourceFile, at: tuple[str | int, ...]
) -> Iterator[Diagnostic]:
    for field, old, new in (("done", before.done, now.done), ("percent", before.percent, now.percent)):
        if old is not None and new is not None and new < old:
            unit = "%" if field == "percent" else f" {task.unit or ''}".rstrip()
            yield error(
                "NTM032",
                f"số lũy kế của nhiệm vụ '{task.id}' giảm từ {_amount(old)}{unit} (ngày {before.as_of:%d/%m/%Y}) "
                f"xuống {_amount(new)}{unit} (ngày {now.as_of:%d/%m/%Y})",
                hint="Tiến độ ghi số cộng dồn nên không giảm; nếu sửa số đã báo cáo, thêm 'correction: true'.",
                **source.at(at),
            )
