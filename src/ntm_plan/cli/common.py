"""Pieces every command shares: options, the data directory, dates, usage errors, loading,
the console and the unit a user names.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from ntm_plan import diagnostics as dg
from ntm_plan.exits import DATA_PROBLEMS, USAGE
from ntm_plan.model import CriteriaSet, Department, Unit
from ntm_plan.model.dataset import Dataset

if TYPE_CHECKING:
    from rich.console import Console

    from ntm_plan.model.resolve import Resolved

T = TypeVar("T")


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class TableFormat(str, Enum):
    table = "table"
    json = "json"


DataOption = Annotated[
    Path | None,
    typer.Option("--data", metavar="THƯ-MỤC", help="Thư mục dữ liệu (mặc định: $NTM_PLAN_DATA hoặc ./data)."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="NGÀY", help="Ngày đánh giá YYYY-MM-DD (mặc định: hôm nay)."),
]
SetOption = Annotated[
    str | None, typer.Option("--set", metavar="MÃ-BỘ", help="Đánh giá theo bộ tiêu chí khác bộ mục tiêu.")
]
TableFormatOption = Annotated[TableFormat, typer.Option("--format", metavar="KIỂU", help="table (bảng) hoặc json.")]


def usage_error(message: str) -> NoReturn:
    typer.echo(f"Lỗi: {message}", err=True)
    raise typer.Exit(USAGE)


def data_dir(option: Path | None) -> Path:
    root = option or Path(os.environ.get("NTM_PLAN_DATA") or "data")
    if not root.is_dir():
        usage_error(f"không tìm thấy thư mục dữ liệu '{root}'. Dùng --data THƯ-MỤC hoặc đặt NTM_PLAN_DATA.")
    return root


def clock() -> datetime:
    """The one reading of the clock, in local time: every command passes it down from here."""
    return datetime.now().astimezone()


def today() -> date:
    return clock().date()


def parse_as_of(text: str | None) -> date:
    if text is None:
        return today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        usage_error(f"ngày '{text}' không hợp lệ; viết dạng YYYY-MM-DD, ví dụ 2024-09-30.")


def refuse_errors(diags: list[dg.Diagnostic]) -> None:
    """For commands that need valid data: print the errors found and exit 1."""
    errors = [d for d in dg.sort_diagnostics(diags) if d.is_error]
    if errors:
        print_diagnostics(errors)
        typer.echo(dg.summary_line(errors) + ". Chạy 'ntm-plan validate' để xem chi tiết.", err=True)
        raise typer.Exit(DATA_PROBLEMS)


def load_clean(option: Path | None) -> Dataset:
    """Load the data for a command that needs it valid; on errors print them and exit 1."""
    from ntm_plan.pipeline.load import load

    dataset, diags = load(data_dir(option))
    refuse_errors(diags)
    return dataset


def print_diagnostics(diags: list[dg.Diagnostic], *, to_stderr: bool = True, github: bool = False) -> None:
    """At most 200 a file and 1.000 in all, then one line counting the rest."""
    shown, rest = dg.shown_and_rest(diags)
    for diag in shown:
        typer.echo(dg.format_text(dg.github_safe(diag) if github else diag), err=to_stderr)
    if rest:
        typer.echo(dg.rest_line(rest), err=to_stderr)


def console() -> Console:
    from rich.console import Console

    from ntm_plan.cli.vietnamese import PipeClosed

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            """rich's own hook; its default exits with code 1, a closed reader is no error."""
            raise PipeClosed

    # piped or captured output is read in files and logs: don't fold it at 80 columns
    width = None if sys.stdout.isatty() else max(int(os.environ.get("COLUMNS") or 0), 160)
    # every text printed is data or our own words: "[b]", "[/x]" or ":smile:" in a task's
    # text is printed as written, never read as rich markup, emoji code or a number to colour
    return PipeAwareConsole(soft_wrap=False, width=width, markup=False, emoji=False, highlight=False)


def echo_json(doc: object) -> None:
    import json

    typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))


def progress_bar(items: Iterable[T], total: int) -> Iterable[T]:
    """A progress bar on stderr for long runs at a terminal; nothing in pipes or JSON."""
    if total < 200 or not sys.stderr.isatty():
        return items
    from rich.console import Console
    from rich.progress import track

    plain = Console(stderr=True, markup=False, emoji=False, highlight=False)
    return track(items, total=total, description="Đang kiểm tra…", transient=True, console=plain)


def named(resolved: Resolved[T], command: str) -> T:
    """The object a user named, or a usage error (exit 2) saying which names fit and the
    command (`command` with the name in place of {}) that picks one."""
    if resolved.found is not None:
        return resolved.found
    lines = [f"Lỗi: {resolved.problem}", *(f"  - {choice}" for choice in resolved.choices)]
    if resolved.example is not None:
        lines.append(f"{resolved.hint}, ví dụ: ntm-plan {command.format(resolved.example)}")
    typer.echo("\n".join(lines), err=True)
    raise typer.Exit(USAGE)


def resolve_unit(
    dataset: Dataset, query: str, command: str = "gap {}", as_of: date | None = None, *, communes_only: bool = False
) -> Unit:
    """The unit a user named (see `model.resolve`), or a usage error."""
    from ntm_plan.model import resolve

    return named(resolve.resolve_unit(dataset, query, as_of, communes_only=communes_only), command)


def resolve_department(dataset: Dataset, query: str, command: str = "tasks -d {}") -> Department:
    from ntm_plan.model import resolve

    return named(resolve.resolve_department(dataset, query), command)


def resolve_set(dataset: Dataset, query: str) -> CriteriaSet:
    from ntm_plan.model import resolve

    return named(resolve.resolve_set(dataset, query), "criteria {}")
