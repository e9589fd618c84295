"""The command line: parse arguments, call the pipeline, print, and choose the exit code.

Each command is thin: load → check → evaluate → present. Exit codes: 0 fine, 1 data
problems found (printed), 2 usage error, 3 internal error (traceback only with --debug).
Heavy imports (docx, jinja) happen only inside the commands that render documents.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

from ntm_plan import diagnostics as dg
from ntm_plan.check.common import later_observations
from ntm_plan.cli import documents as documents_cli
from ntm_plan.cli import ingest as ingest_cli
from ntm_plan.cli.common import (
    AsOfOption,
    DataOption,
    Format,
    TableFormat,
    data_dir,
    load_clean,
    parse_as_of,
    print_diagnostics,
    refuse_errors,
    usage_error,
)
from ntm_plan.launch import INTERRUPTED, STOPPED
from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset

app = typer.Typer(
    name="ntm-plan",
    help="Lập kế hoạch và theo dõi xây dựng nông thôn mới (NTM) từ dữ liệu YAML.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
templates_app = typer.Typer(help="Kiểm tra mẫu văn bản .docx.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")

_state = {"debug": False}
T = TypeVar("T")


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="In traceback khi có lỗi nội bộ.")] = False,
) -> None:
    _state["debug"] = debug


@app.command()
def validate(
    data: DataOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="text, json hoặc github.")] = Format.text,
) -> None:
    """Kiểm tra toàn bộ dữ liệu; báo mọi lỗi kèm tệp và dòng."""
    from ntm_plan.check.counts import counts_sentence, dataset_counts
    from ntm_plan.pipeline.scan import scan

    root = data_dir(data)
    result = scan(root, progress=_progress_bar if fmt is Format.text else None)
    diags = dg.sort_diagnostics(result.diagnostics)
    counts = dataset_counts(result.reference, units=len(result.units), tasks=result.task_count)
    if fmt is Format.json:
        typer.echo(dg.format_json(diags, {"counts": counts}))
    elif fmt is Format.github:
        for diag in diags:
            typer.echo(dg.format_github(diag))
        print_diagnostics(diags, to_stderr=True)
    else:
        print_diagnostics(diags, to_stderr=False)
        typer.echo(counts_sentence(counts))
        typer.echo(dg.summary_line(diags))
    raise typer.Exit(1 if dg.has_errors(diags, strict=strict) else 0)


def _progress_bar(items: Iterable[T], total: int) -> Iterable[T]:
    """A progress bar on stderr for long runs at a terminal; nothing in pipes or JSON."""
    if total < 200 or not sys.stderr.isatty():
        return items
    from rich.progress import track

    return track(items, total=total, description="Đang kiểm tra…", transient=True, console=_err_console())


def _err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("-o", "--out", help="Thư mục ghi JSON Schema.")] = Path("schema"),
    force: Annotated[bool, typer.Option("--force", help="Cho phép -o là một liên kết (symlink).")] = False,
) -> None:
    """Ghi JSON Schema cho từng loại tệp dữ liệu (để trình soạn thảo gợi ý và kiểm tra)."""
    from ntm_plan.model.schema import schema_files
    from ntm_plan.outputs import Protected, write_files

    data = Path(os.environ.get("NTM_PLAN_DATA") or "data")
    written, diags = write_files(out, schema_files(), Protected(data if data.is_dir() else None), force=force)
    for path in written:
        typer.echo(f"Đã ghi {path}")
    if diags:
        print_diagnostics(diags)
        raise typer.Exit(1)


def _console() -> Console:
    from rich.console import Console

    # piped or captured output is read in files and logs: don't fold it at 80 columns
    width = None if sys.stdout.isatty() else max(int(os.environ.get("COLUMNS") or 0), 160)
    return Console(soft_wrap=False, width=width)


def _echo_json(doc: object) -> None:
    import json

    typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))


def resolve_unit(dataset: Dataset, words: list[str]):  # type: ignore[no-untyped-def]
    from ntm_plan.model.names import display_name, find_unit

    query = " ".join(words)
    found = find_unit(query, dataset.all_units())
    if found.unit is not None:
        return found.unit
    if found.candidates:
        lines = [f"Lỗi: '{query}' khớp với nhiều đơn vị:"]
        lines += [f"  - {display_name(u)}" for u in found.candidates]
        example = display_name(found.candidates[0])
        lines.append(f"Ghi thêm 'xã', 'thị trấn' hoặc 'huyện' trước tên để chọn, ví dụ: ntm-plan gap {example}")
        typer.echo("\n".join(lines), err=True)
        raise typer.Exit(2)
    message = f"Lỗi: không tìm thấy đơn vị '{query}'."
    if found.suggestions:
        message += " Có phải ý bạn là: " + ", ".join(display_name(u) for u in found.suggestions) + "?"
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _dataset_for_unit(root: Path, words: list[str]) -> Dataset:
    """Only the unit's own file when it is named after the unit (a province has thousands
    of communes; `gap` needs one), else the whole data directory. Refuses data with errors."""
    from ntm_plan.model.names import find_unit, unit_key
    from ntm_plan.pipeline.load import load, load_one

    slug = unit_key(" ".join(words)).replace(" ", "-")
    path = root / "communes" / f"{slug}.yaml"
    if slug and path.is_file():
        dataset, diags = load_one(root, path)
        candidates = [*dataset.units, *([dataset.district] if dataset.district else [])]
        if find_unit(" ".join(words), candidates).unit in dataset.units:
            refuse_errors(diags)
            return dataset
    dataset, diags = load(root)
    refuse_errors(diags)
    return dataset


def _district_children(dataset: Dataset, unit, as_of: date):  # type: ignore[no-untyped-def]
    from ntm_plan.evaluate.units import assess_district, child_statuses

    if unit is dataset.district:
        return child_statuses(dataset, as_of, assess_district(dataset, as_of).units)
    return ()


def _warn_for_evaluation(dataset: Dataset, unit: Unit, assessment) -> None:  # type: ignore[no-untyped-def]
    from ntm_plan.check.evidence import evaluation_warnings

    print_diagnostics(evaluation_warnings(dataset, unit, assessment.criteria_set, assessment.as_of))


def _gap_without_set(dataset: Dataset, unit: Unit, day: date, tasks, fmt: TableFormat) -> None:  # type: ignore[no-untyped-def]
    """A unit without a target set: its titles, observations and tasks, no assessment."""
    from ntm_plan.present.json_output import SCHEMA_VERSION, task_json
    from ntm_plan.present.tables import task_table
    from ntm_plan.present.unit_view import unit_without_set_json, unit_without_set_view

    if fmt is TableFormat.json:
        entry = {**unit_without_set_json(unit, day, tasks), "tasks": [task_json(t, dataset) for t in tasks]}
        _echo_json({"version": SCHEMA_VERSION, "units": [entry]})
        return
    table = task_table(dataset, tasks, title=f"Nhiệm vụ của {unit.kind} {unit.name}", show_unit=False)
    _console().print(unit_without_set_view(unit, day, dataset.sets, table))


@app.command()
def gap(
    name: Annotated[list[str], typer.Argument(help="Tên đơn vị, ví dụ: Duc Dong (không cần ngoặc kép).")],
    set_id: Annotated[str | None, typer.Option("--set", help="Đánh giá theo bộ tiêu chí khác mục tiêu.")] = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="table hoặc json.")] = TableFormat.table,
) -> None:
    """Một đơn vị còn thiếu gì, bao nhiêu, ai phụ trách: chỉ tiêu chưa đạt và nhiệm vụ."""
    from ntm_plan.evaluate.tasks import task_status
    from ntm_plan.evaluate.units import assess_unit
    from ntm_plan.present.json_output import gap_json
    from ntm_plan.present.tables import gap_view

    day = parse_as_of(as_of)
    dataset = _dataset_for_unit(data_dir(data), name)
    unit = resolve_unit(dataset, name)
    if set_id is not None and set_id not in dataset.sets:
        usage_error(f"bộ tiêu chí '{set_id}' không tồn tại. Các bộ: {', '.join(sorted(dataset.sets))}")
    tasks = [task_status(t, day, unit=unit) for t in unit.tasks]
    if set_id is None and unit.target is None:
        _gap_without_set(dataset, unit, day, tasks, fmt)
        return
    assessment = assess_unit(dataset, unit, day, set_id, _district_children(dataset, unit, day))
    assert assessment is not None
    print_diagnostics(later_observations(dataset, unit, day))
    _warn_for_evaluation(dataset, unit, assessment)
    if fmt is TableFormat.json:
        _echo_json(gap_json([(assessment, tasks)], dataset))
    else:
        _console().print(gap_view(dataset, assessment, tasks))


@app.command()
def status(
    as_of: AsOfOption = None,
    data: DataOption = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="table hoặc json.")] = TableFormat.table,
) -> None:
    """Toàn huyện trong một bảng: danh hiệu, mục tiêu, tiêu chí đạt, thiếu số liệu, quá hạn."""
    from ntm_plan.pipeline.scan import scan
    from ntm_plan.present.json_output import status_json
    from ntm_plan.present.tables import status_view

    day = parse_as_of(as_of)
    result = scan(data_dir(data), day, progress=_progress_bar if fmt is TableFormat.table else None)
    refuse_errors(result.diagnostics)
    if fmt is TableFormat.json:
        _echo_json(status_json(result))
    else:
        _console().print(status_view(result))


@app.command()
def tasks(
    department: Annotated[str | None, typer.Option("--department", "-d", help="Mã hoặc tên phòng ban.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Tên đơn vị.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Chỉ nhiệm vụ quá hạn.")] = False,
    as_of: AsOfOption = None,
    data: DataOption = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="table hoặc json.")] = TableFormat.table,
) -> None:
    """Danh sách công việc theo phòng ban chủ trì."""
    from ntm_plan.evaluate.tasks import all_task_statuses
    from ntm_plan.model.names import fold
    from ntm_plan.present.json_output import tasks_json
    from ntm_plan.present.tables import task_table

    day = parse_as_of(as_of)
    dataset = load_clean(data)
    statuses = all_task_statuses(dataset, day)
    chosen_dept = None
    if department is not None:
        key = fold(department)
        matches = [d for d in dataset.departments if key in (fold(d.id), fold(d.short), fold(d.name))]
        if not matches:
            matches = [d for d in dataset.departments if key in fold(d.short) or key in fold(d.name)]
        if len(matches) != 1:
            names = ", ".join(f"{d.id} ({d.short})" for d in (matches or dataset.departments))
            usage_error(f"phòng ban '{department}' {'không rõ' if matches else 'không tồn tại'}. Chọn: {names}")
        chosen_dept = matches[0]
        statuses = [
            s
            for s in statuses
            if s.lead == chosen_dept.id or chosen_dept.id in s.task.support or s.owner_department == chosen_dept.id
        ]
    if unit is not None:
        chosen_unit = resolve_unit(dataset, [unit])
        statuses = [s for s in statuses if s.unit is chosen_unit]
    if overdue:
        statuses = [s for s in statuses if s.overdue]
    if fmt is TableFormat.json:
        _echo_json(tasks_json(statuses, dataset, day.isoformat()))
        return
    console = _console()
    groups: dict[str, list] = {}  # type: ignore[type-arg]
    for s in statuses:
        groups.setdefault(s.lead, []).append(s)
    from ntm_plan.evaluate.tasks import lead_name

    for lead, items in sorted(groups.items(), key=lambda kv: lead_name(kv[1][0], dataset)):
        title = f"{lead_name(items[0], dataset) if lead != 'ubnd' else 'UBND các xã, thị trấn'} — {len(items)} nhiệm vụ"
        console.print(task_table(dataset, items, title=title, show_unit=True))
    if not statuses:
        console.print("Không có nhiệm vụ nào khớp điều kiện.")


@app.command()
def explain(
    words: Annotated[list[str], typer.Argument(help="Tên đơn vị rồi mã chỉ tiêu, ví dụ: Duc Dong 10")],
    set_id: Annotated[str | None, typer.Option("--set", help="Bộ tiêu chí (mặc định: mục tiêu).")] = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
) -> None:
    """Toàn bộ cách tính một chỉ tiêu: số liệu, ngày, nguồn, ngưỡng, phép tính."""
    from ntm_plan.evaluate.units import assess_unit
    from ntm_plan.present.tables import explain_view

    if len(words) < 2:
        usage_error("cần tên đơn vị và mã chỉ tiêu, ví dụ: ntm-plan explain Duc Dong 10")
    *name, code = words
    day = parse_as_of(as_of)
    dataset = _dataset_for_unit(data_dir(data), name)
    unit = resolve_unit(dataset, name)
    if set_id is None and unit.target is None:
        usage_error(f"{unit.kind} {unit.name} chưa có bộ tiêu chí mục tiêu; dùng --set để chọn.")
    assessment = assess_unit(dataset, unit, day, set_id, _district_children(dataset, unit, day))
    if assessment is None:
        usage_error(f"bộ tiêu chí '{set_id}' không tồn tại.")
    print_diagnostics(later_observations(dataset, unit, day))
    _warn_for_evaluation(dataset, unit, assessment)
    result = assessment.result_for(code)
    if result is None:
        codes = ", ".join(i.indicator.code for i in [*assessment.indicators(), *assessment.conditions])
        usage_error(f"chỉ tiêu '{code}' không có trong bộ {assessment.criteria_set.id}. Các mã: {codes}")
    _console().print(explain_view(result, unit, assessment))


@app.command()
def criteria(
    set_id: Annotated[str | None, typer.Argument(help="Mã bộ tiêu chí; bỏ trống để liệt kê các bộ.")] = None,
    data: DataOption = None,
) -> None:
    """Các bộ tiêu chí và chỉ tiêu của chúng (ngưỡng chưa đối chiếu được đánh dấu *)."""
    from ntm_plan.present.reference_tables import set_detail, sets_overview

    dataset = load_clean(data)
    if set_id is None:
        _console().print(sets_overview(dataset))
        return
    if set_id not in dataset.sets:
        usage_error(f"bộ tiêu chí '{set_id}' không tồn tại. Các bộ: {', '.join(sorted(dataset.sets))}")
    _console().print(set_detail(dataset.sets[set_id]))


@app.command()
def departments(data: DataOption = None) -> None:
    """Phòng ban nào phụ trách chỉ tiêu nào; chỉ tiêu chưa ai phụ trách và phụ trách chung."""
    from ntm_plan.evaluate.matrix import responsibility_matrices
    from ntm_plan.present.reference_tables import matrix_view

    dataset = load_clean(data)
    _console().print(
        matrix_view(dataset, responsibility_matrices(dataset.departments, dataset.sets, dataset.unassigned))
    )


documents_cli.register(app, templates_app)
ingest_cli.register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point with the one exception-to-exit-code boundary."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    try:
        code = app(args=argv, standalone_mode=False)
        if code == INTERRUPTED:  # typer turns KeyboardInterrupt into a silent exit code 130
            typer.echo(STOPPED, err=True)
    except typer.Exit as stop:
        return int(stop.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo(STOPPED, err=True)
        return INTERRUPTED
    except Exception as exc:
        if _usage_exception(exc):
            return 2
        if _state["debug"]:
            raise
        typer.echo(
            f"Lỗi nội bộ: {type(exc).__name__}: {exc}. Chạy lại với --debug để xem chi tiết "
            "và báo cho nhóm phát triển.",
            err=True,
        )
        return 3
    return int(code) if isinstance(code, int) else 0


def _usage_exception(exc: Exception) -> bool:
    """Typer's vendored click usage errors: print them the way click would and say so."""
    show = getattr(exc, "show", None)
    exit_code = getattr(exc, "exit_code", None)
    if callable(show) and exit_code == 2:
        show()
        return True
    return False
