"""Pieces every command shares: options, the data directory, dates, usage errors, loading.

Kept apart from `cli` so that command modules (`cli`, `documents_cli`) can share them.
"""

from __future__ import annotations

import os
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ntm_plan import diagnostics as dg
from ntm_plan.model.dataset import Dataset
from ntm_plan.pipeline.load import load


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


def refuse_errors(diags: list[dg.Diagnostic]) -> None:
    """For commands that need valid data: print the errors found and exit 1."""
    errors = [d for d in dg.sort_diagnostics(diags) if d.is_error]
    if errors:
        print_diagnostics(errors)
        typer.echo(dg.summary_line(errors) + ". Chạy 'ntm-plan validate' để xem chi tiết.", err=True)
        raise typer.Exit(1)


def load_clean(option: Path | None) -> Dataset:
    """Load the data for a command that needs it valid; on errors print them and exit 1."""
    dataset, diags = load(data_dir(option))
    refuse_errors(diags)
    return dataset


def print_diagnostics(diags: list[dg.Diagnostic], *, to_stderr: bool = True) -> None:
    for diag in diags:
        typer.echo(dg.format_text(diag), err=to_stderr)
