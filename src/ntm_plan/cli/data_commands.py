"""Commands about the data itself: `validate`, `schema`, `criteria`, `departments`."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from ntm_plan import diagnostics as dg
from ntm_plan.cli.common import (
    DataOption,
    Format,
    complete_set,
    console,
    data_dir,
    load_clean,
    print_diagnostics,
    progress_bar,
    resolve_set,
)
from ntm_plan.cli.vietnamese import VietnameseCommand
from ntm_plan.exits import DATA_PROBLEMS, OK


def validate(
    data: DataOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi.")] = False,
    fmt: Annotated[Format, typer.Option("--format", metavar="KIỂU", help="text, json hoặc github.")] = Format.text,
    for_document: Annotated[
        str | None,
        typer.Option(
            "--for", metavar="VĂN-BẢN", help="plan: in thêm những điều cần kiểm tra trước khi ký kế hoạch năm --year."
        ),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="NĂM", help="Năm kế hoạch (với --for plan).")] = None,
) -> None:
    """Kiểm tra toàn bộ dữ liệu; báo mọi lỗi kèm tệp và dòng.

    Ví dụ: ntm-plan validate --strict --format github   |   ntm-plan validate --for plan --year 2024
    """
    if for_document not in (None, "plan"):
        typer.echo(f"Lỗi: --for chỉ nhận 'plan' (không phải '{for_document}').", err=True)
        raise typer.Exit(DATA_PROBLEMS)
    if for_document == "plan" and year is None:
        typer.echo("Lỗi: --for plan cần --year (năm kế hoạch, ví dụ 2024).", err=True)
        raise typer.Exit(DATA_PROBLEMS)
    from ntm_plan.pipeline.scan import scan
    from ntm_plan.present.data_summary import counts_sentence, dataset_counts

    root = data_dir(data)
    result = scan(root, progress=progress_bar if fmt is Format.text else None)
    diags = dg.sort_diagnostics(result.diagnostics)
    counts = dataset_counts(result.reference, units=len(result.units), tasks=result.task_count)
    if fmt is Format.json:
        typer.echo(dg.format_json(diags, {"counts": counts}))
    elif fmt is Format.github:
        shown, rest = dg.shown_and_rest(diags)
        for diag in shown:
            typer.echo(dg.format_github(_from_here(diag, root)))
        if rest:
            typer.echo(f"::notice::{dg.escape_github_data(dg.rest_line(rest))}")
        token = secrets.token_hex(16)  # the text report is data: no workflow commands inside it
        typer.echo(f"::stop-commands::{token}", err=True)
        print_diagnostics(diags, to_stderr=True, github=True)
        typer.echo(f"::{token}::", err=True)
    else:
        print_diagnostics(diags, to_stderr=False)
        typer.echo(counts_sentence(counts))
        typer.echo(dg.summary_line(diags))
        if for_document == "plan" and year is not None and not dg.has_errors(diags, strict=False):
            _plan_checklist(root, year)
    raise typer.Exit(DATA_PROBLEMS if dg.has_errors(diags, strict=strict) else OK)


def _plan_checklist(root: Path, year: int) -> None:
    """What the office checks before the year's plan is signed: what the plan leaves out
    because nobody has assessed it (`documents.checklist`)."""
    from ntm_plan.documents.checklist import plan_checklist
    from ntm_plan.pipeline.load import load

    dataset, _ = load(root)
    lines = plan_checklist(dataset, year)
    typer.echo(
        f"Cần kiểm tra trước khi ký Kế hoạch năm {year} ({len(lines)} mục):"
        if lines
        else "Không có gì cần kiểm tra thêm."
    )
    for line in lines:
        typer.echo(f"- {line}")


def _from_here(diag: dg.Diagnostic, root: Path) -> dg.Diagnostic:
    """The diagnostic's file relative to the current directory, where GitHub looks for it
    (the repository's root in a workflow), not to the data directory's parent."""
    if diag.file is None:
        return diag
    where = root.resolve().parent / diag.file
    return diag._replace(file=Path(os.path.relpath(where, Path.cwd())).as_posix())


def schema(
    out: Annotated[Path, typer.Option("-o", "--out", metavar="THƯ-MỤC", help="Thư mục ghi JSON Schema.")] = Path(
        "schema"
    ),
    force: Annotated[bool, typer.Option("--force", help="Cho phép -o là một liên kết (symlink).")] = False,
) -> None:
    """Ghi JSON Schema cho từng loại tệp dữ liệu (để trình soạn thảo gợi ý và kiểm tra).

    Ví dụ: ntm-plan schema -o schema
    """
    from ntm_plan.model.schema import schema_files
    from ntm_plan.outputs import Protected, write_files

    data = Path(os.environ.get("NTM_PLAN_DATA") or "data")
    written, diags = write_files(out, schema_files(), Protected(data if data.is_dir() else None), force=force)
    for path in written:
        typer.echo(f"Đã ghi {path}")
    if diags:
        print_diagnostics(diags)
        raise typer.Exit(DATA_PROBLEMS)


def criteria(
    set_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[MÃ-BỘ]", help="Mã bộ tiêu chí; bỏ trống để liệt kê các bộ.", autocompletion=complete_set
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Các bộ tiêu chí và chỉ tiêu của chúng (ngưỡng chưa đối chiếu được đánh dấu *).

    Ví dụ: ntm-plan criteria xa-ntm-2021-2025
    """
    from ntm_plan.cli.reference_views import set_detail, sets_overview

    dataset = load_clean(data)
    if set_id is None:
        console().print(sets_overview(dataset))
        return
    console().print(set_detail(resolve_set(dataset, set_id)))


def departments(data: DataOption = None) -> None:
    """Phòng ban nào phụ trách chỉ tiêu nào; chỉ tiêu chưa ai phụ trách và phụ trách chung.

    Ví dụ: ntm-plan departments
    """
    from ntm_plan.cli.reference_views import matrix_view
    from ntm_plan.pipeline.answers import responsibilities

    dataset = load_clean(data)
    console().print(matrix_view(dataset, responsibilities(dataset)))


def register(app: typer.Typer) -> None:
    app.command(cls=VietnameseCommand)(validate)
    app.command(cls=VietnameseCommand)(schema)
    app.command(cls=VietnameseCommand)(criteria)
    app.command(cls=VietnameseCommand)(departments)
