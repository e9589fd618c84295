"""Helpers for the form/import tests: a copy of the real data, filling a form as an
office would, and a byte snapshot of a data directory."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from conftest import REAL_DATA

TASKS = "Nhiệm vụ"
INDICATORS = "Chỉ tiêu"
TASK_COLUMN = {"done": "K", "percent": "L", "correction": "M", "day": "N", "spent": "O", "note": "P"}
INDICATOR_COLUMN = {"value": "H", "total": "I", "day": "J", "source": "K", "note": "L"}


def copy_data(tmp: Path) -> Path:
    target = tmp / "data"
    shutil.copytree(REAL_DATA, target)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def row_of(path: Path, sheet: str, ref_suffix: str) -> int:
    ws = load_workbook(path)[sheet]
    for r in range(6, ws.max_row + 1):
        value = ws[f"A{r}"].value
        if isinstance(value, str) and value.endswith(ref_suffix):
            return r
    raise AssertionError(f"no row for {ref_suffix}")


def fill(path: Path, sheet: str, ref_suffix: str, **cells: Any) -> int:
    """Type values into a row's cells (fill columns by name, or any column by letter)."""
    row = row_of(path, sheet, ref_suffix)
    wb = load_workbook(path)
    ws = wb[sheet]
    columns = TASK_COLUMN if sheet == TASKS else INDICATOR_COLUMN
    for key, value in cells.items():
        ws[f"{columns.get(key, key)}{row}"] = value
    wb.save(path)
    return row
