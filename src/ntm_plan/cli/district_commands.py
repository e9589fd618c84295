"""Commands over the whole district: `status` (every unit in one table) and `tasks`."""

from __future__ import annotations

from typing import Annotated

import typer

from ntm_plan.cli.common import (
    AsOfOption,
    DataOption,
    DepartmentOption,
    TableFormat,
    TableFormatOption,
    UnitOption,
    UnitWords,
    console,
    data_dir,
    echo_json,
    load_clean,
    parse_as_of,
    print_diagnostics,
    progress_bar,
    refuse_errors,
    resolve_department,
    resolve_unit,
)
from ntm_plan.cli.vietnamese import VietnameseCommand


def status(as_of: AsOfOption = None, data: DataOption = None, fmt: TableFormatOption = TableFormat.table) -> None:
    """Mọi đơn vị trong một bảng: danh hiệu, mục tiêu, tiêu chí đạt, thiếu số liệu, quá hạn.

    Ví dụ: ntm-plan status --as-of 2024-09-30
    """
    from ntm_plan.pipeline.answers import assess_district

    day = parse_as_of(as_of)
    progress = progress_bar if fmt is TableFormat.table else None
    result, warnings = assess_district(data_dir(data), day, progress=progress)
    refuse_errors(result.diagnostics)
    print_diagnostics(warnings)
    if fmt is TableFormat.json:
        from ntm_plan.present.json_output import status_json

        echo_json(status_json(result))
    else:
        from ntm_plan.cli.status_views import status_view

        console().print(status_view(result))


def tasks(
    words: UnitWords = None,
    department: DepartmentOption = None,
    unit: UnitOption = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Chỉ nhiệm vụ quá hạn.")] = False,
    as_of: AsOfOption = None,
    data: DataOption = None,
    fmt: TableFormatOption = TableFormat.table,
) -> None:
    """Danh sách công việc theo phòng ban chủ trì, kèm mã nhiệm vụ.

    Ví dụ: ntm-plan tasks -u Duc Dong --overdue   |   ntm-plan tasks -d nong-nghiep
    """
    from ntm_plan.pipeline.answers import task_list

    day = parse_as_of(as_of)
    dataset = load_clean(data)
    chosen = resolve_department(dataset, department) if department is not None else None
    unit_name = " ".join([*([unit] if unit else []), *(words or [])])
    chosen_unit = resolve_unit(dataset, unit_name, "tasks -u {}", day) if unit_name else None
    statuses, closed = task_list(dataset, day, department=chosen, unit=chosen_unit, overdue=overdue)
    if fmt is TableFormat.json:
        from ntm_plan.present.json_output import tasks_json

        echo_json(tasks_json(statuses, dataset, day.isoformat()))
        return
    from rich.text import Text

    from ntm_plan.cli.task_views import tasks_view
    from ntm_plan.present.task_lists import closed_owners_line

    console().print(tasks_view(dataset, statuses, chosen.id if chosen else None))
    if chosen_unit is None and (line := closed_owners_line(closed, day, "ntm-plan tasks")):
        console().print(Text(line, style="dim"))


def register(app: typer.Typer) -> None:
    app.command(cls=VietnameseCommand)(status)
    app.command(cls=VietnameseCommand)(tasks)
