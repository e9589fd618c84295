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


def _completion_data(ctx: typer.Context) -> Dataset | None:
    """The data a completion offers names from: --data before or after the command, else
    $NTM_PLAN_DATA or ./data, loaded (from the cache) quietly; None if it cannot be."""
    option = None
    while ctx is not None and option is None:
        option = ctx.params.get("data")
        ctx = ctx.parent  # type: ignore[assignment]
    root = Path(option) if option else Path(os.environ.get("NTM_PLAN_DATA") or "data")
    if not root.is_dir():
        return None
    from ntm_plan.pipeline.load import load

    try:
        return load(root)[0]
    except Exception:  # a completion never prints a traceback into the shell
        return None


def _offered(incomplete: str, choices: Iterable[tuple[str, str, Iterable[str]]]) -> list[tuple[str, str]]:
    """(value, help) of each choice one of whose keys starts like `incomplete` (folded)."""
    from ntm_plan.model.names import fold

    typed = fold(incomplete).replace("-", " ")
    return [
        (value, help_text)
        for value, help_text, keys in choices
        if any(fold(key).replace("-", " ").startswith(typed) for key in keys)
    ]


def complete_unit(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Unit ids, offered by the start of the id or of the name (accents aside)."""
    from ntm_plan.model.names import display_name, unit_key

    dataset = _completion_data(ctx)
    if dataset is None:
        return []
    units = dataset.all_units()
    return _offered(incomplete, ((u.id, display_name(u), (u.id, unit_key(u.name), *u.aliases)) for u in units))


def complete_department(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    dataset = _completion_data(ctx)
    if dataset is None:
        return []
    return _offered(incomplete, ((d.id, d.name, (d.id, d.short, d.name)) for d in dataset.departments))


def complete_set(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    dataset = _completion_data(ctx)
    if dataset is None:
        return []
    return _offered(incomplete, ((s.id, s.name, (s.id,)) for s in dataset.sets.values()))


UnitWords = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="TÊN-ĐƠN-VỊ", help="Tên đơn vị (như -u), gõ liền không cần ngoặc kép.", autocompletion=complete_unit
    ),
]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        metavar="ĐƠN-VỊ",
        help="Tên hoặc mã đơn vị; gõ liền không cần ngoặc kép.",
        autocompletion=complete_unit,
    ),
]
DepartmentOption = Annotated[
    str | None,
    typer.Option(
        "--department", "-d", metavar="PHÒNG", help="Mã hoặc tên phòng ban.", autocompletion=complete_department
    ),
]
DataOption = Annotated[
    Path | None,
    typer.Option("--data", metavar="THƯ-MỤC", help="Thư mục dữ liệu (mặc định: $NTM_PLAN_DATA hoặc ./data)."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="NGÀY", help="Ngày đánh giá, ví dụ 30/09/2024 (mặc định: hôm nay)."),
]
SetOption = Annotated[
    str | None,
    typer.Option(
        "--set", metavar="MÃ-BỘ", help="Đánh giá theo bộ tiêu chí khác bộ mục tiêu.", autocompletion=complete_set
    ),
]
TableFormatOption = Annotated[TableFormat, typer.Option("--format", metavar="KIỂU", help="table (bảng) hoặc json.")]


def usage_error(message: str) -> NoReturn:
    typer.echo(f"Lỗi: {message}", err=True)
    raise typer.Exit(USAGE)


_before_command: dict[str, Path | None] = {"data": None}
"""`--data` given before the command's name (`ntm-plan --data DIR gap …`)."""


def set_data_before_command(option: Path | None) -> None:
    _before_command["data"] = option


def data_dir(option: Path | None) -> Path:
    """The data directory: the command's --data, else one given before the command, else
    $NTM_PLAN_DATA, else ./data."""
    root = option or _before_command["data"] or Path(os.environ.get("NTM_PLAN_DATA") or "data")
    if not root.is_dir():
        usage_error(f"không tìm thấy thư mục dữ liệu '{root}'. Dùng --data THƯ-MỤC hoặc đặt NTM_PLAN_DATA.")
    return root


def clock() -> datetime:
    """The one reading of the clock, in local time: every command passes it down from here."""
    return datetime.now().astimezone()


def today() -> date:
    return clock().date()


def parse_day(text: str, option: str) -> date:
    """A date option, in the forms' spelling (30/09/2024, 30/9/2024) or ISO (2024-09-30)."""
    from ntm_plan.model.common import day_from_text

    day = day_from_text(text)
    if day is None:
        usage_error(f"{option} '{text}' không phải ngày hợp lệ; viết dạng 30/09/2024 hoặc 2024-09-30.")
    return day


def parse_as_of(text: str | None) -> date:
    return today() if text is None else parse_day(text, "--as-of")


def parse_quarter(text: str) -> tuple[int, int]:
    """A quarter option: 2024-Q3, Q3/2024, III/2024 or "Quý III/2024"."""
    from ntm_plan.model.common import quarter_from_text

    found = quarter_from_text(text)
    if found is None:
        usage_error(f"quý '{text}' không hợp lệ; viết dạng III/2024, Q3/2024 hoặc 2024-Q3 (quý 1 đến 4).")
    return found


def check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        usage_error(f"năm {year} không hợp lệ (2000–2100).")


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


def progress_bar(
    items: Iterable[T], total: int, *, description: str = "Đang kiểm tra…", minimum: int = 200, quiet: bool = False
) -> Iterable[T]:
    """A progress bar on stderr for long runs (`minimum` items or more) at a terminal;
    nothing in pipes or JSON, nothing with --quiet."""
    if quiet or total < minimum or not sys.stderr.isatty():
        return items
    from rich.console import Console
    from rich.progress import track

    plain = Console(stderr=True, markup=False, emoji=False, highlight=False)
    return track(items, total=total, description=description, transient=True, console=plain)


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
