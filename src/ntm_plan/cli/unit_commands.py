"""Commands about one unit: `gap` (what is missing) and `explain` (how one indicator is computed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ntm_plan.cli.common import (
    AsOfOption,
    DataOption,
    SetOption,
    TableFormat,
    TableFormatOption,
    complete_unit,
    console,
    data_dir,
    echo_json,
    parse_as_of,
    print_diagnostics,
    refuse_errors,
    resolve_set,
    resolve_unit,
    usage_error,
)
from ntm_plan.cli.vietnamese import VietnameseCommand
from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset

if TYPE_CHECKING:
    from ntm_plan.evaluate.results import Assessment


def _dataset_for(root: Path) -> Dataset:
    """The whole directory, checked as `validate` checks it: `gap` refuses exactly the data
    `status` refuses, and a name is looked up among every unit, not only the file named
    like it."""
    from ntm_plan.pipeline.load import load

    dataset, diags = load(root)
    refuse_errors(diags)
    return dataset


def _set_for(dataset: Dataset, unit: Unit, day: date, set_id: str | None) -> str | None:
    """The set asked for, else none (the unit's target), else for a merged unit without a
    target the set in force for its kind at `day`."""
    from ntm_plan.pipeline.answers import set_in_force_for

    if set_id is not None:
        return resolve_set(dataset, set_id).id
    in_force = set_in_force_for(dataset, unit, day)
    return in_force.id if in_force is not None else None


def _assess(dataset: Dataset, unit: Unit, day: date, set_id: str | None) -> Assessment:
    from ntm_plan.model.names import display_name
    from ntm_plan.pipeline.answers import assess_unit

    set_id = _set_for(dataset, unit, day, set_id)
    if set_id is None and unit.target is None:
        usage_error(f"{display_name(unit)} chưa có bộ tiêu chí mục tiêu; dùng --set để chọn.")
    assessment, warnings = assess_unit(dataset, unit, day, set_id)
    print_diagnostics(warnings)
    return assessment


def _gap_without_set(dataset: Dataset, unit: Unit, day: date, fmt: TableFormat) -> None:
    """A unit without a target set: its titles, observations and tasks, no assessment."""
    from ntm_plan.pipeline.answers import unit_tasks
    from ntm_plan.present.json_output import SCHEMA_VERSION, task_json
    from ntm_plan.present.unit_view import unit_without_set_json

    tasks = unit_tasks(unit, day)
    if fmt is TableFormat.json:
        entry = {**unit_without_set_json(unit, day), "tasks": [task_json(t, dataset) for t in tasks]}
        echo_json({"version": SCHEMA_VERSION, "units": [entry]})
        return
    from ntm_plan.cli.task_views import unit_tasks_view
    from ntm_plan.cli.unit_views import unit_without_set_view
    from ntm_plan.present.unit_view import history_lines

    table = unit_tasks_view(dataset, unit, tasks, show_ids=False)
    console().print(unit_without_set_view(unit, day, dataset.sets, table, history_lines(dataset, unit)))


def _gap_compare(
    dataset: Dataset, chosen: list[Unit], day: date, set_id: str | None, other: str, fmt: TableFormat
) -> None:
    """`gap --compare`: the one unit by its current set and by `other`, criterion by criterion."""
    from ntm_plan.model.names import display_name
    from ntm_plan.pipeline.answers import compare_unit_sets

    if len(chosen) != 1:
        usage_error("--compare chỉ dùng cho một đơn vị.")
    unit = chosen[0]
    current = _set_for(dataset, unit, day, set_id)
    if current is None and unit.target is None:
        usage_error(f"{display_name(unit)} chưa có bộ tiêu chí mục tiêu; dùng --set để chọn bộ đang dùng.")
    in_force = set_id is None and unit.target is None
    other_id = resolve_set(dataset, other).id
    comparison, warnings = compare_unit_sets(dataset, unit, day, current, other_id)
    print_diagnostics(warnings)
    if fmt is TableFormat.json:
        from ntm_plan.present.json_output import comparison_json

        echo_json(comparison_json(comparison, in_force=in_force))
        return
    from ntm_plan.cli.compare_views import compare_view

    console().print(compare_view(comparison, in_force=in_force))


def gap(
    name: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TÊN-ĐƠN-VỊ", help="Tên một đơn vị, gõ liền không cần ngoặc kép.", autocompletion=complete_unit
        ),
    ] = None,
    units: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            "-u",
            metavar="ĐƠN-VỊ",
            help="Thêm một đơn vị (tên trong ngoặc kép hoặc mã); lặp lại được.",
            autocompletion=complete_unit,
        ),
    ] = None,
    set_id: SetOption = None,
    as_of: AsOfOption = None,
    ids: Annotated[bool, typer.Option("--ids", help="Hiện mã nhiệm vụ.")] = False,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            metavar="BỘ-TIÊU-CHÍ",
            help="Đặt cạnh bộ đang dùng một bộ tiêu chí khác, từng tiêu chí (ví dụ xa-ntm-2026-2030).",
        ),
    ] = None,
    data: DataOption = None,
    fmt: TableFormatOption = TableFormat.table,
) -> None:
    """Một đơn vị còn thiếu gì, bao nhiêu, ai phụ trách: chỉ tiêu chưa đạt và nhiệm vụ.

    Ví dụ: ntm-plan gap Duc Dong --as-of 2024-09-30   (nhiều đơn vị: -u duc-dong -u duc-lang)
    """
    from ntm_plan.pipeline.answers import unit_tasks

    queries = ([" ".join(name)] if name else []) + list(units or [])
    if not queries:
        usage_error("cần tên đơn vị, ví dụ: ntm-plan gap Duc Dong")
    day = parse_as_of(as_of)
    dataset = _dataset_for(data_dir(data))
    chosen = [resolve_unit(dataset, q, as_of=day) for q in queries]
    if compare is not None:
        return _gap_compare(dataset, chosen, day, set_id, compare, fmt)
    if len(chosen) == 1 and _set_for(dataset, chosen[0], day, set_id) is None and chosen[0].target is None:
        return _gap_without_set(dataset, chosen[0], day, fmt)
    results = [(_assess(dataset, u, day, set_id), unit_tasks(u, day)) for u in chosen]
    in_force = frozenset(a.unit.id for a, _ in results if set_id is None and a.unit.target is None)
    if fmt is TableFormat.json:
        from ntm_plan.present.json_output import gap_json

        echo_json(gap_json(results, dataset, in_force))
        return
    from ntm_plan.cli.views import gap_view

    out = console()
    for assessment, tasks in results:
        out.print(gap_view(dataset, assessment, tasks, show_ids=ids, in_force=assessment.unit.id in in_force))


def explain(
    words: Annotated[
        list[str],
        typer.Argument(metavar="TÊN-ĐƠN-VỊ-RỒI-MÃ", help="Tên đơn vị rồi mã chỉ tiêu.", autocompletion=complete_unit),
    ],
    set_id: SetOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
) -> None:
    """Toàn bộ cách tính một chỉ tiêu: số liệu, ngày, nguồn, ngưỡng, phép tính.

    Ví dụ: ntm-plan explain Duc Dong 10 --as-of 2024-09-30
    """
    from ntm_plan.cli.views import explain_view

    if len(words) < 2:
        usage_error("cần tên đơn vị và mã chỉ tiêu, ví dụ: ntm-plan explain Duc Dong 10")
    *name, code = words
    day = parse_as_of(as_of)
    query = " ".join(name)
    dataset = _dataset_for(data_dir(data))
    unit = resolve_unit(dataset, query, f"explain {{}} {code}", day)
    assessment = _assess(dataset, unit, day, set_id)
    result = assessment.result_for(code)
    if result is None:
        codes = ", ".join(i.indicator.code for i in [*assessment.indicators(), *assessment.conditions])
        usage_error(f"chỉ tiêu '{code}' không có trong bộ {assessment.criteria_set.id}. Các mã: {codes}")
    console().print(explain_view(result, unit, assessment))


def register(app: typer.Typer) -> None:
    app.command(cls=VietnameseCommand)(gap)
    app.command(cls=VietnameseCommand)(explain)
