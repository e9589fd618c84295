"""The command line: parse arguments, call the pipeline, print, and choose the exit code.

Each command is thin: load → check → evaluate → present. Exit codes: 0 fine, 1 data
problems found (printed), 2 usage error, 3 internal error (traceback only with --debug).
Heavy imports (docx, jinja) happen only inside the commands that render documents.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import diagnostics as dg
from .dataset import Dataset
from .loader import load

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


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class TableFormat(str, Enum):
    table = "table"
    json = "json"


DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Thư mục dữ liệu (mặc định: $NTM_PLAN_DATA hoặc ./data)."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Ngày đánh giá YYYY-MM-DD (mặc định: hôm nay)."),
]

_state = {"debug": False}


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="In traceback khi có lỗi nội bộ.")] = False,
) -> None:
    _state["debug"] = debug


def usage_error(message: str) -> NoReturn:
    typer.echo(f"Lỗi: {message}", err=True)
    raise typer.Exit(2)


def data_dir(option: Path | None) -> Path:
    root = option or Path(os.environ.get("NTM_PLAN_DATA") or "data")
    if not root.is_dir():
        usage_error(f"không tìm thấy thư mục dữ liệu '{root}'. Dùng --data DIR hoặc đặt NTM_PLAN_DATA.")
    return root


def parse_as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        usage_error(f"ngày '{text}' không hợp lệ; viết dạng YYYY-MM-DD, ví dụ 2024-09-30.")


def _print_diagnostics(diags: list[dg.Diagnostic], *, to_stderr: bool = True) -> None:
    for diag in diags:
        typer.echo(dg.format_text(diag), err=to_stderr)


def load_clean(option: Path | None) -> Dataset:
    """Load the data for a command that needs it valid; on errors print them and exit 1."""
    dataset, diags = load(data_dir(option))
    diags = dg.sort_diagnostics(diags)
    if dg.has_errors(diags):
        _print_diagnostics([d for d in diags if d.is_error])
        typer.echo(dg.summary_line(diags) + ". Chạy 'ntm-plan validate' để xem chi tiết.", err=True)
        raise typer.Exit(1)
    return dataset


@app.command()
def validate(
    data: DataOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="text, json hoặc github.")] = Format.text,
) -> None:
    """Kiểm tra toàn bộ dữ liệu; báo mọi lỗi kèm tệp và dòng."""
    from .counts import dataset_counts

    root = data_dir(data)
    show_progress = fmt is Format.text and sys.stderr.isatty()
    dataset, diags = load(root, progress=_progress_bar if show_progress else None)
    diags = dg.sort_diagnostics(diags)
    counts = dataset_counts(dataset)
    if fmt is Format.json:
        typer.echo(dg.format_json(diags, {"counts": counts}))
    elif fmt is Format.github:
        for diag in diags:
            typer.echo(dg.format_github(diag))
        _print_diagnostics(diags, to_stderr=True)
    else:
        _print_diagnostics(diags, to_stderr=False)
        typer.echo(
            f"Dữ liệu: {counts['units']} đơn vị, {counts['sets']} bộ tiêu chí, "
            f"{counts['indicators']} chỉ tiêu, {counts['tasks']} nhiệm vụ, "
            f"{counts['departments']} phòng ban; {counts['unverified_thresholds']}/"
            f"{counts['thresholds']} ngưỡng chưa đối chiếu văn bản chính thức."
        )
        typer.echo(dg.summary_line(diags))
    raise typer.Exit(1 if dg.has_errors(diags, strict=strict) else 0)


def _progress_bar(paths):  # type: ignore[no-untyped-def]
    from rich.progress import track

    items = list(paths)
    if len(items) < 200:
        return iter(items)
    return iter(track(items, description="Đang đọc dữ liệu…", transient=True, console=_err_console()))


def _err_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("-o", "--out", help="Thư mục ghi JSON Schema.")] = Path("schema"),
) -> None:
    """Ghi JSON Schema cho từng loại tệp dữ liệu (để trình soạn thảo gợi ý và kiểm tra)."""
    from .schema import write_schemas

    for path in write_schemas(out):
        typer.echo(f"Đã ghi {path}")


def main(argv: list[str] | None = None) -> int:
    """Entry point with the one exception-to-exit-code boundary."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    try:
        code = app(args=argv, standalone_mode=False)
    except typer.Exit as stop:
        return int(stop.exit_code)
    except typer.Abort:
        typer.echo("Đã dừng.", err=True)
        return 130
    except KeyboardInterrupt:
        typer.echo("Đã dừng.", err=True)
        return 130
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
