"""Read a filled form back: its quarter and reporter, the filled rows, and every locked
cell that no longer holds what the form was given (compared with the hidden copy)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_plan.diagnostics import Diagnostic, error
from ntm_plan.ingest.cells import canonical, is_blank
from ntm_plan.ingest.layout import (
    CHECK_SHEET,
    FIRST_ROW,
    FORM_MARK,
    INDICATOR_COLUMNS,
    INDICATORS_SHEET,
    QUARTER_CELL,
    TASK_COLUMNS,
    TASKS_SHEET,
    Column,
    cell_name,
)
from ntm_plan.ingest.workbook import digest

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

REGENERATE = "Tạo lại biểu bằng 'ntm-plan form' và chỉ điền vào các ô nền vàng."


def at(file: str, sheet: str, column: int, row: int) -> dict[str, Any]:
    """Where-arguments of a diagnostic about one cell."""
    return {"file": file, "line": row, "col": column, "cell": cell_name(sheet, column, row)}


@dataclass
class FilledRow:
    sheet: str
    row: int
    ref: str
    cells: dict[str, Any]
    """Fill-column key → the raw value read."""

    def where(self, file: str, key: str) -> dict[str, Any]:
        columns = TASK_COLUMNS if self.sheet == TASKS_SHEET else INDICATOR_COLUMNS
        column = 1 + next(i for i, c in enumerate(columns) if c.key == key)
        return at(file, self.sheet, column, self.row)

    def blank(self) -> bool:
        return all(is_blank(v) for v in self.cells.values())


@dataclass
class FilledForm:
    file: str
    year: int
    quarter: int
    reporter: str
    reporter_title: str
    tasks: list[FilledRow] = field(default_factory=list)
    indicators: list[FilledRow] = field(default_factory=list)

    def quarter_where(self) -> dict[str, Any]:
        column = ord(QUARTER_CELL[0]) - ord("A") + 1
        return at(self.file, TASKS_SHEET, column, int(QUARTER_CELL[1:]))


def read_form(path: Path, shown: str) -> tuple[FilledForm | None, list[Diagnostic]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except OSError as exc:
        from ntm_plan.diagnostics import os_error_text

        return None, [error("NTM050", f"không đọc được tệp: {os_error_text(exc)}", file=shown)]
    except Exception:  # openpyxl raises many kinds for a file that is not .xlsx
        return None, [
            error(
                "NTM050", "tệp không phải bảng tính .xlsx đọc được", file=shown, hint="Lưu biểu dạng .xlsx rồi gửi lại."
            )
        ]
    names = set(wb.sheetnames)
    if not {CHECK_SHEET, TASKS_SHEET, INDICATORS_SHEET} <= names or wb[CHECK_SHEET]["A1"].value != FORM_MARK:
        return None, [
            error(
                "NTM050", "tệp không phải biểu nhập liệu do ntm-plan tạo (thiếu trang hoặc phần kiểm tra)", file=shown
            )
        ]
    meta, snapshot = _check_rows(wb[CHECK_SHEET])
    match = re.fullmatch(r"([0-9]{4})-Q([1-4])", meta.get("quarter", ""))
    if match is None or "reporter" not in meta:
        return None, [error("NTM050", "phần kiểm tra ẩn của biểu bị hỏng", file=shown, hint=REGENERATE)]
    form = FilledForm(shown, int(match[1]), int(match[2]), meta["reporter"], canonical(wb[TASKS_SHEET]["D2"].value))
    diags: list[Diagnostic] = []
    if digest(snapshot) != meta.get("digest"):
        diags.append(error("NTM053", "phần kiểm tra ẩn của biểu đã bị sửa", file=shown, hint=REGENERATE))
    for sheet_name, columns, rows in (
        (TASKS_SHEET, TASK_COLUMNS, form.tasks),
        (INDICATORS_SHEET, INDICATOR_COLUMNS, form.indicators),
    ):
        ws = wb[sheet_name]
        kept = {ref: text for name, ref, text in snapshot if name == sheet_name}
        diags += _changed_cells(ws, shown, kept)
        rows += _filled_rows(ws, sheet_name, columns)
    return form, diags


def _check_rows(ws: Worksheet) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    meta: dict[str, str] = {}
    snapshot: list[tuple[str, str, str]] = []
    for values in ws.iter_rows(min_row=2, values_only=True):
        cells = [canonical(v) for v in values[:3]] + ["", "", ""]
        if cells[0] in ("quarter", "reporter", "digest") and not snapshot:
            meta[cells[0]] = cells[1]
        elif cells[0]:
            snapshot.append((cells[0], cells[1], cells[2]))
    return meta, snapshot


def _changed_cells(ws: Worksheet, file: str, kept: dict[str, str]) -> list[Diagnostic]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    found = []
    for ref, text in kept.items():
        now = canonical(ws[ref].value)
        if now != text:
            letters, row = coordinate_from_string(ref)
            found.append(
                error(
                    "NTM053",
                    f"ô đã khóa bị sửa: '{_short(text)}' thành '{_short(now)}'",
                    hint=REGENERATE,
                    **at(file, ws.title, column_index_from_string(letters), row),
                )
            )
    for row in range(FIRST_ROW, ws.max_row + 1):
        ref = f"A{row}"
        if ref not in kept and not is_blank(ws[ref].value):
            found.append(error("NTM053", "dòng được thêm ngoài biểu", hint=REGENERATE, **at(file, ws.title, 1, row)))
    return found


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _filled_rows(ws: Worksheet, sheet: str, columns: tuple[Column, ...]) -> list[FilledRow]:
    keys = [(i, c.key) for i, c in enumerate(columns) if c.fill]
    rows = []
    for r, values in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_col=len(columns), values_only=True), FIRST_ROW):
        if not values or is_blank(values[0]):
            continue
        cells = {key: values[i] if i < len(values) else None for i, key in keys}
        rows.append(FilledRow(sheet, r, canonical(values[0]), cells))
    return rows
