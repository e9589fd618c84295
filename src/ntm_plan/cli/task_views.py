"""Task tables for `tasks`, `gap` and a unit without a target set: every column when the
terminal is wide (or the output piped), the task text and its state with the rest folded
under the text when it is not."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_plan.cli.width import MIN_WIDTHS, ByWidth, fitted_table, folded, wide_table
from ntm_plan.evaluate.tasks import DONE, NOT_REPORTED, TaskStatus
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import display_name
from ntm_plan.model.unit import UNIT_LEAD, Unit
from ntm_plan.present.phrases import due_text, progress_text, quantity_text
from ntm_plan.present.task_lists import group_by_lead, lead_name, supports
from ntm_plan.present.vnformat import number

TASKS_NARROW = 150
"""Below this many columns a task table keeps only the text and the state: its eight columns
need about this much for the text to read as lines, not as a column of words."""


def task_table(
    data: Dataset,
    tasks: Sequence[TaskStatus],
    *,
    title: str,
    show_unit: bool,
    show_ids: bool = True,
    department: str | None = None,
) -> ByWidth:
    """One row a task. With `department`, its role in each task: lead or support."""
    names = _columns(show_unit=show_unit, show_ids=show_ids, department=department)
    rows = [_cells(data, s, department) for s in tasks]

    def build(narrow: bool) -> Table:
        if narrow:
            kept = ["Nội dung", *(["Vai trò"] if department is not None else []), "Tình trạng"]
            table = fitted_table(title, kept, "Nội dung")
            for row in rows:
                table.add_row(_folded_text(row, [n for n in names if n not in kept]), *(row[n] for n in kept[1:]))
        else:
            table = wide_table(title, names, MIN_WIDTHS)
            for row in rows:
                table.add_row(*(row[name] for name in names))
        if not tasks:
            empty = ["Không có nhiệm vụ", *[""] * (len(table.columns) - 1)]
            table.add_row(*(empty if narrow else reversed(empty)))
        return table

    return ByWidth(build, TASKS_NARROW)


def _columns(*, show_unit: bool, show_ids: bool, department: str | None) -> list[str]:
    names = ["Nội dung", "Khối lượng", "Tiến độ", "Chủ trì", "Thời hạn", "Tình trạng"]
    if department is not None:
        names.insert(3, "Vai trò")
    if show_unit:
        names.insert(0, "Đơn vị")
    if show_ids:
        names.insert(0, "Mã")
    return names


def _cells(data: Dataset, s: TaskStatus, department: str | None) -> dict[str, str | Text]:
    """Every cell a row may show, by its column's name."""
    state = "quá hạn" if s.overdue else s.state
    style = "red" if s.overdue else ("green" if state == DONE else ("yellow" if state == NOT_REPORTED else ""))
    return {
        "Mã": s.task.id,
        "Đơn vị": owner_label(s, data),
        "Nội dung": s.task.text,
        "Khối lượng": quantity_text(s.task),
        "Tiến độ": progress_text(s),
        "Vai trò": "" if department is None else ("phối hợp" if supports(s, department) else "chủ trì"),
        "Chủ trì": lead_name(s, data),
        "Thời hạn": due_text(s.task),
        "Tình trạng": Text(state, style=style),
    }


def _folded_text(row: dict[str, str | Text], folded_names: list[str]) -> Text:
    """The task text with the columns `folded` on a line below it (progress only when it
    says more than the state)."""
    state = str(row["Tình trạng"])
    details = [(name, str(row[name])) for name in folded_names if not (name == "Tiến độ" and str(row[name]) == state)]
    return folded(row["Nội dung"], details)


def tasks_view(data: Dataset, statuses: Sequence[TaskStatus], department: str | None) -> RenderableType:
    """`tasks`: one table per lead; with a department, its role in each task."""
    if not statuses:
        return Text("Không có nhiệm vụ nào khớp điều kiện.")
    tables: list[RenderableType] = []
    for lead, items in group_by_lead(statuses, data):
        who = lead_name(items[0], data) if lead != UNIT_LEAD else "UBND các xã, thị trấn"
        title = f"{who} — {number(len(items))} nhiệm vụ"
        tables.append(task_table(data, items, title=title, show_unit=True, department=department))
    return Group(*tables)


def owner_label(status: TaskStatus, data: Dataset) -> str:
    if status.unit is not None:
        return display_name(status.unit)
    department = data.department(status.owner_department or "")
    return department.short if department else "—"


def unit_tasks_view(data: Dataset, unit: Unit, tasks: Sequence[TaskStatus], *, show_ids: bool) -> RenderableType:
    """A unit's tasks as a table, or one sentence when the data records none (not an empty table)."""
    if not tasks:
        return Text(f"Dữ liệu chưa ghi nhiệm vụ nào của {display_name(unit)}.")
    return task_table(data, tasks, title=f"Nhiệm vụ của {display_name(unit)}", show_unit=False, show_ids=show_ids)
