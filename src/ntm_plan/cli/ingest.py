"""Commands of the quarterly cycle: `form` (Excel forms out) and `import` (filled forms in).

Registered on the main app by `cli.app`. openpyxl and ruamel.yaml are imported inside the
commands only, so no other command pays for them.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ntm_plan import diagnostics as dg
from ntm_plan.cli.common import (
    DataOption,
    DepartmentOption,
    UnitOption,
    UnitWords,
    check_year,
    data_dir,
    load_clean,
    parse_quarter,
    print_diagnostics,
    progress_bar,
    resolve_department,
    resolve_unit,
    usage_error,
)
from ntm_plan.cli.vietnamese import VietnameseCommand
from ntm_plan.exits import DATA_PROBLEMS
from ntm_plan.model.dataset import Dataset

if TYPE_CHECKING:
    from ntm_plan.ingest.forms import Reporter

QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Không in tiến độ và danh sách tệp; chỉ in lỗi và cảnh báo.")
]
FORMS_SHOWN = 10
"""From this many forms a progress bar is shown (at a terminal): a form takes about 0,05 s."""
QuarterOption = Annotated[
    str, typer.Option("--quarter", metavar="QUÝ", help="Quý báo cáo, ví dụ III/2024 hoặc 2024-Q3.")
]


def _chosen_reporters(
    dataset: Dataset, unit: str | None, department: str | None, every: bool, quarter: str, end: date
) -> list[Reporter]:
    from ntm_plan.ingest.forms import reporters

    if sum(x is not None and x is not False for x in (unit, department, every)) > 1:
        usage_error("chọn một trong --unit, --department, --all.")
    found = reporters(dataset)
    if unit is not None:
        chosen = resolve_unit(dataset, unit, f"form --quarter {quarter} -u {{}}", end, communes_only=True)
        return [r for r in found if r.key == f"unit:{chosen.id}"]
    if department is not None:
        dept = resolve_department(dataset, department, f"form --quarter {quarter} -d {{}}")
        return [r for r in found if r.key == f"dept:{dept.id}"]
    return found


def form(
    quarter: QuarterOption,
    words: UnitWords = None,
    unit: UnitOption = None,
    department: DepartmentOption = None,
    every: Annotated[bool, typer.Option("--all", help="Mọi xã, thị trấn và phòng ban (mặc định).")] = False,
    out: Annotated[Path | None, typer.Option("-o", "--out", metavar="THƯ-MỤC", help="Thư mục ghi biểu.")] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Ghi đè biểu đã có trong thư mục, và cho phép -o là một liên kết (symlink)."),
    ] = False,
    data: DataOption = None,
    quiet: QuietOption = False,
) -> None:
    """Tạo biểu Excel (.xlsx) để các xã và phòng ban báo cáo số liệu quý.

    Ví dụ: ntm-plan form --quarter 2024-Q3 -o bieu   |   ntm-plan form --quarter 2024-Q3 -u Duc Dong
    """
    from ntm_plan.ingest.forms import form_content, no_form_reason
    from ntm_plan.ingest.workbook import build_workbook, workbook_bytes
    from ntm_plan.model.common import quarter_end
    from ntm_plan.outputs import Protected, write_files

    year, q = parse_quarter(quarter)
    check_year(year)
    dataset = load_clean(data)
    folder = out or Path(f"bieu-{year}-Q{q}")
    end = quarter_end(year, q)
    files: dict[str, bytes] = {}
    sizes: dict[str, str] = {}
    unit_name = " ".join([*([unit] if unit else []), *(words or [])]) or None
    chosen = _chosen_reporters(dataset, unit_name, department, every, f"{year}-Q{q}", end)
    for reporter in progress_bar(chosen, len(chosen), description="Đang tạo biểu…", minimum=FORMS_SHOWN, quiet=quiet):
        content = form_content(dataset, reporter, year, q, end)
        if not content.tasks and not content.indicators:
            if not quiet:
                typer.echo(f"Không lập biểu cho {reporter.title}: {no_form_reason(dataset, reporter)}.")
            continue
        name = f"{reporter.slug}-{year}-Q{q}.xlsx"
        files[name] = workbook_bytes(build_workbook(content))
        sizes[name] = f"{len(content.tasks)} nhiệm vụ, {len(content.indicators)} chỉ tiêu"
    # the folder and every target are checked before the first write (NTM041, never a traceback)
    written, refused = write_files(folder, files, Protected(dataset.root), force=force, keep_existing=True)
    for target in [] if quiet else written:
        typer.echo(f"Đã ghi {target} ({sizes[target.name]})")
    if refused:
        print_diagnostics(refused)
        raise typer.Exit(DATA_PROBLEMS)
    if not quiet:
        typer.echo(f"{len(written)} biểu trong {folder}/")


@contextlib.contextmanager
def _writing(root: Path, write: bool) -> Iterator[list[dg.Diagnostic]]:
    """The data directory held for one writer from loading to the last rename (a second
    `import` waits, saying so, then is refused), and a write an earlier run left unfinished
    finished first. A dry run reads without waiting."""
    from ntm_plan.ingest.commit import Busy, data_lock, lock_seconds, recover

    if not write:
        yield []
        return

    def waiting() -> None:
        typer.echo(f"Đang chờ: một lệnh khác đang ghi vào thư mục dữ liệu '{root}'…", err=True)

    try:
        with data_lock(root, on_wait=waiting):
            yield recover(root)
    except Busy:
        from ntm_plan.present.vnformat import number

        seconds = number(Decimal(str(lock_seconds())))
        message = f"thư mục dữ liệu đang được một lệnh khác ghi; đã chờ {seconds} giây, không ghi gì"
        hint = "Chạy lại khi lệnh kia xong (đặt NTM_PLAN_LOCK_SECONDS để chờ lâu hơn)."
        print_diagnostics([dg.error("NTM041", message, file=str(root), hint=hint)])
        raise typer.Exit(DATA_PROBLEMS) from None


def import_forms(
    files: Annotated[
        list[str],
        typer.Argument(metavar="TỆP", help="Các biểu .xlsx đã điền, một thư mục chứa chúng, hoặc mẫu như bieu/*.xlsx."),
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ in thay đổi, không ghi.")] = False,
    quarter: Annotated[
        str | None, typer.Option("--quarter", metavar="QUÝ", help="Quý của các biểu, ví dụ III/2024 hoặc 2024-Q3.")
    ] = None,
    data: DataOption = None,
    quiet: QuietOption = False,
) -> None:
    """Nhập biểu Excel đã điền vào dữ liệu YAML (mọi tệp hoặc không tệp nào).

    Ví dụ: ntm-plan import bieu-nhan-2024-Q3 --dry-run
    """
    from ntm_plan.ingest.paths import expand
    from ntm_plan.pipeline.answers import import_forms as run_import

    chosen = parse_quarter(quarter) if quarter is not None else None
    forms, missing = expand(files)
    with _writing(data_dir(data), not dry_run) as recovered:
        if any(d.is_error for d in recovered):  # an unreadable journal: nothing is written over it
            print_diagnostics(recovered)
            raise typer.Exit(DATA_PROBLEMS)
        dataset = load_clean(data)
        reading = functools.partial(progress_bar, description="Đang đọc biểu…", minimum=FORMS_SHOWN, quiet=quiet)
        result = run_import(dataset, forms, chosen, write=not dry_run and not missing, progress=reading)
    problems = dg.sort_diagnostics(recovered + missing + result.diagnostics)
    if any(d.is_error for d in problems):
        print_diagnostics(problems)
        typer.echo(dg.summary_line(problems) + ". Không tệp dữ liệu nào bị thay đổi.", err=True)
        raise typer.Exit(DATA_PROBLEMS)
    from ntm_plan.cli.ingest_view import print_changes

    # warnings, shown with the preview: the edited files' (as `validate` shows them) and a
    # figure more than ten times the last one (NTM058)
    print_diagnostics(problems)
    if quiet and not dry_run:
        return
    print_changes(result)
    if dry_run:
        typer.echo("Chạy thử (--dry-run): chưa ghi gì.")
    else:
        typer.echo(f"Đã ghi {len(result.written)} tệp dữ liệu.")


def register(app: typer.Typer) -> None:
    """Add `form` and `import` to the app."""
    app.command(cls=VietnameseCommand)(form)
    app.command("import", cls=VietnameseCommand)(import_forms)
